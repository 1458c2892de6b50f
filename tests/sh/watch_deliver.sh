#!/usr/bin/env bash
# Delivery end to end: `watch --replay` of the demo with every sink at once
# (stdout, --alerts, --exec, --webhook to a local HTTP server on 127.0.0.1
# that answers 500 to the first three posts, then 200).  Each alert reaches
# each sink exactly once, the same bytes everywhere; a second run sends
# nothing to any of them (docs/WATCH.md, "Delivery").
set -u
command -v python3 >/dev/null 2>&1 || { echo "skip - watch delivery (no python3)"; exit 0; }
T=$(mktemp -d)
SRV=
trap '[ -n "$SRV" ] && kill "$SRV" 2>/dev/null; rm -rf "$T"' EXIT
R=${GT_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
(cd "$T" && "$GT_BIN" demo >/dev/null 2>&1) || { echo "not ok - the demo runs"; exit 0; }
mkdir "$T/exec"

# The server: 500 to the first three POSTs, then 200; logs "id<TAB>body" of
# each one it accepts, and the failures it answered.
cat > "$T/server.py" <<'PY'
import http.server, sys
log, portfile = sys.argv[1], sys.argv[2]
state = {"n": 0}
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        state["n"] += 1
        ok = state["n"] > 3 and self.headers.get("Content-Type") == "application/json"
        self.send_response(200 if ok else 500)
        self.send_header("Content-Length", "0")
        self.end_headers()
        with open(log, "ab") as f:
            if ok:
                f.write(self.headers.get("Idempotency-Key", "").encode() + b"\t" + body)
            else:
                f.write(b"FAILED\n")
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(portfile, "w").write(str(s.server_address[1]))
s.serve_forever()
PY
python3 "$T/server.py" "$T/hook.log" "$T/port" &
SRV=$!
for _ in $(seq 50); do [ -s "$T/port" ] && break; sleep 0.1; done
[ -s "$T/port" ] || { echo "not ok - the test HTTP server starts"; exit 0; }
url="http://127.0.0.1:$(cat "$T/port")/hook"

run() { # $1 = stdout file
    (cd "$T" && "$GT_BIN" watch --db ghosttrack-demo/ghosttrack.db \
        --watchlist "$R/examples/venezuela-2019.watchlist" --replay ghosttrack-demo/data/ais.nmea \
        --alerts alerts.ndjson --exec "cat > '$T/exec/'\"\$GHOSTTRACK_ALERT_ID\"" \
        --webhook "$url" > "$1" 2> "$1.err")
}
run "$T/out"
rc=$?
[ "$rc" = 0 ] && echo "ok - watch with four sinks exits 0" || { echo "not ok - watch with four sinks exits 0 (rc $rc)"; sed 's/^/# /' "$T/out.err"; }
n=$(grep -c '' "$T/out")
[ "$n" -gt 0 ] && echo "ok - alerts on stdout ($n)" || echo "not ok - alerts on stdout"
grep -q " 0 failed" "$T/out.err" && echo "ok - the summary counts no failed delivery" || { echo "not ok - the summary counts no failed delivery"; sed 's/^/# /' "$T/out.err"; }

cmp -s "$T/out" "$T/alerts.ndjson" && echo "ok - --alerts holds the same lines" || echo "not ok - --alerts holds the same lines"

bad=0
while IFS= read -r line; do
    id=$(jq -r .id <<<"$line")
    [ "$(cat "$T/exec/$id" 2>/dev/null)" = "$line" ] || bad=$((bad + 1))
done < "$T/out"
[ "$(ls "$T/exec" | wc -l)" = "$n" ] && [ $bad = 0 ] && echo "ok - --exec got each alert once on its stdin" ||
    echo "not ok - --exec got each alert once on its stdin ($bad wrong, $(ls "$T/exec" | wc -l) of $n)"

fails=$(grep -c '^FAILED$' "$T/hook.log")
[ "$fails" = 3 ] && echo "ok - the webhook's first three posts failed" || echo "not ok - the webhook's first three posts failed ($fails)"
grep -v '^FAILED$' "$T/hook.log" | cut -f2- > "$T/hook.bodies"
grep -v '^FAILED$' "$T/hook.log" | cut -f1 | sort > "$T/hook.ids"
jq -r .id < "$T/out" | sort > "$T/out.ids"
if cmp -s "$T/hook.ids" "$T/out.ids" && cmp -s <(sort "$T/hook.bodies") <(sort "$T/out"); then
    echo "ok - the webhook accepted each alert exactly once, its body the alert"
else
    echo "not ok - the webhook accepted each alert exactly once, its body the alert"
    diff "$T/hook.ids" "$T/out.ids" | head | sed 's/^/# /'
fi

# Again: every alert is marked delivered, nothing goes anywhere twice.
cp "$T/hook.log" "$T/hook.before"
run "$T/out2"
if [ ! -s "$T/out2" ] && cmp -s "$T/out" "$T/alerts.ndjson" && cmp -s "$T/hook.log" "$T/hook.before" &&
    [ "$(ls "$T/exec" | wc -l)" = "$n" ]; then
    echo "ok - a second run sends nothing to any sink"
else
    echo "not ok - a second run sends nothing to any sink"
fi
