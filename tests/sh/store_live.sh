#!/usr/bin/env bash
# Live ingest against a loopback TCP server started here (127.0.0.1 only,
# bounded in time).  The server sends 300 NDJSON lines and a half line, then
# drops the connection; on the reconnect it sends 200 more lines.  Ingest
# must reconnect, keep all 500 records, count the half line as a partial
# record, and commit on SIGINT.
set -u
T=$(mktemp -d)
srv=""
ing=""
cleanup() {
    [ -n "$ing" ] && kill "$ing" 2>/dev/null
    [ -n "$srv" ] && kill "$srv" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
command -v python3 >/dev/null || { echo "skip - live TCP ingest (python3 missing)"; exit 0; }
command -v sqlite3 >/dev/null || { echo "skip - live TCP ingest (sqlite3 missing)"; exit 0; }

cat > "$T/server.py" <<'PY'
import socket, sys, time
def line(i):
    return ('{"id":"mmsi:%d","lat":%.4f,"lon":%.4f,"t":"2021-06-01T00:%02d:%02dZ"}\n'
            % (211000000 + i % 7, 54 + i / 1000.0, 10 + i / 1000.0, (i // 60) % 60, i % 60)).encode()
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(1)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
s.settimeout(20)
c, _ = s.accept()
for i in range(300):
    c.sendall(line(i))
c.sendall(line(300)[:25])          # half a record, then the line drops
time.sleep(0.3)
c.close()
c, _ = s.accept()
for i in range(300, 500):
    c.sendall(line(i))
time.sleep(20)                      # keep the connection open until killed
PY
python3 "$T/server.py" "$T/port" &
srv=$!
for _ in $(seq 1 50); do [ -s "$T/port" ] && break; sleep 0.1; done
port=$(cat "$T/port" 2>/dev/null)
[ -n "$port" ] || { echo "not ok - loopback server started"; exit 0; }

"$GT_BIN" ingest --db "$T/live.db" --source live "tcp://127.0.0.1:$port" 2> "$T/err" &
ing=$!
n=0
for _ in $(seq 1 100); do       # at most 10 s
    n=$(sqlite3 "$T/live.db" "SELECT count(*) FROM positions" 2>/dev/null || echo 0)
    [ "$n" = 500 ] && break
    sleep 0.1
done
kill -INT $ing
wait $ing
rc=$?
ing=""
n=$(sqlite3 "$T/live.db" "SELECT count(*) FROM positions")
[ "$rc" = 0 ] && echo "ok - ingest ends cleanly on SIGINT" || echo "not ok - ingest ends cleanly on SIGINT (rc $rc)"
[ "$n" = 500 ] && echo "ok - reconnects and keeps all 500 records" || { echo "# $(cat "$T/err")"; echo "not ok - reconnects and keeps all 500 records (got $n)"; }
grep -q "connection to 127.0.0.1:$port lost, reconnecting" "$T/err" && echo "ok - reports the dropped connection" || echo "not ok - reports the dropped connection"
grep -q "partial-record  *1" "$T/err" && echo "ok - half record counted as partial-record" || echo "not ok - half record counted as partial-record"
r=$(sqlite3 "$T/live.db" "SELECT kind, name, complete FROM inputs")
[ "$r" = "2|tcp://127.0.0.1:$port|1" ] && echo "ok - stream input recorded and closed" || echo "not ok - stream input recorded and closed ($r)"
d=$(sqlite3 "$T/live.db" "SELECT count(*) FROM (SELECT input_id, pos FROM positions GROUP BY 1, 2 HAVING count(*) > 1)")
[ "$d" = 0 ] && echo "ok - stream positions have distinct sequence numbers" || echo "not ok - stream positions have distinct sequence numbers"

# UDP: NMEA-style datagrams, here NDJSON lines, one or more per datagram
uport=$((20000 + RANDOM % 20000))
"$GT_BIN" ingest --db "$T/udp.db" "udp://127.0.0.1:$uport" 2> "$T/uerr" &
ing=$!
hexport=$(printf '%04X' $uport)
for _ in $(seq 1 50); do       # wait until the socket is bound
    grep -qi ":$hexport " /proc/net/udp 2>/dev/null && break
    sleep 0.1
done
python3 - "$uport" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(50):
    s.sendto(('{"id":"mmsi:%d","lat":1.%04d,"lon":2,"t":"2021-06-01T01:00:%02dZ"}\n' % (211000000 + i % 3, i, i % 60)).encode(), ("127.0.0.1", int(sys.argv[1])))
    time.sleep(0.002)
PY
n=0
for _ in $(seq 1 50); do
    n=$(sqlite3 "$T/udp.db" "SELECT count(*) FROM positions" 2>/dev/null || echo 0)
    [ "$n" = 50 ] && break
    sleep 0.1
done
kill -INT $ing
wait $ing
ing=""
n=$(sqlite3 "$T/udp.db" "SELECT count(*) FROM positions" 2>/dev/null || echo 0)
[ "$n" = 50 ] && echo "ok - UDP datagrams stored" || echo "not ok - UDP datagrams stored (got $n)"
