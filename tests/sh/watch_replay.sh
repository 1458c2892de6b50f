#!/usr/bin/env bash
# `watch` on live TCP feeds: the simulated venezuela-2019 scenario is served
# by a loopback server started here (127.0.0.1 only, bounded in time) on
# three ports (AIS NMEA, OpenSky states, Mode S frames), merged in data-time
# order.  Mid-stream the server pauses, `watch` is killed with SIGKILL and
# restarted on the same store, and the server resends its last records to
# the new connections before going on.  Every expected alert must arrive
# exactly once over both runs (the dark tanker, the meeting, the state
# flight's take-off and landing, the rename), none for the decoys (the two
# tankers at the Jose anchorage, the ship crossing the coverage hole), and
# no alert id twice.
set -u
T=$(mktemp -d)
srv=""
w=""
cleanup() {
    [ -n "$w" ] && kill -9 "$w" 2>/dev/null
    [ -n "$srv" ] && kill "$srv" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
command -v python3 >/dev/null || { echo "skip - watch over loopback TCP (python3 missing)"; exit 0; }
command -v sqlite3 >/dev/null || { echo "skip - watch over loopback TCP (sqlite3 missing)"; exit 0; }

"$GT_BIN" simulate --scenario venezuela-2019 --out "$T/sim" >/dev/null 2>&1 ||
    { echo "not ok - simulate the scenario"; exit 0; }
"$GT_BIN" ref --db "$T/w.db" --aircraft "$T/sim/aircraft.csv" >/dev/null 2>&1 ||
    { echo "not ok - load the aircraft database"; exit 0; }
cat > "$T/watchlist.txt" <<'WL'
# the dark tanker, the meeting, the state flight, the renamed tanker
mmsi:352001234 label="ORIENT STAR"
mmsi:636018234 kinds=encounter,first_heard label="NORDIC LYNX"
reg:RA-86496 kinds=takeoff,landing,first_heard label="Il-62 state flight"
imo:9256781 kinds=identity label="OCEAN GLORY / GLORY STAR"
# decoys: at anchor side by side, and a ship crossing a coverage hole
mmsi:209876000 label="decoy: at anchor"
mmsi:563045000 label="decoy: at anchor"
mmsi:244830123 label="decoy: coverage hole"
WL

cat > "$T/server.py" <<'PY'
import os, socket, sys, time
sim, out = sys.argv[1], sys.argv[2]
files = [('ais.nmea', 0), ('opensky_states.csv', 1), ('modes.txt', 2)]
recs = []
header = b''
for name, kind in files:
    with open(os.path.join(sim, name), 'rb') as f:
        lines = f.read().split(b'\n')
    if kind == 1:
        header, lines = lines[0] + b'\n', lines[1:]
    last = 0.0
    for ln in lines:
        if not ln:
            continue
        if kind == 0:
            s = ln.decode('latin-1'); i = s.find('c:')
            t = float(s[i + 2:s.find('*', i)]) if i >= 0 else last
        else:
            t = float(ln.split(b' ' if kind == 2 else b',', 1)[0])
        last = t
        recs.append((t, kind, ln + b'\n'))
recs.sort(key=lambda r: (r[0], r[1]))
socks = []
for kind in range(3):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('127.0.0.1', 0)); s.listen(1); s.settimeout(60)
    socks.append(s)
open(out + '/ports.tmp', 'w').write(' '.join(str(s.getsockname()[1]) for s in socks))
os.rename(out + '/ports.tmp', out + '/ports')
def accept_all():
    conns = [s.accept()[0] for s in socks]
    conns[1].sendall(header)
    return conns
def send(conns, a, b):
    for i in range(a, b):
        t, kind, ln = recs[i]
        conns[kind].sendall(ln)
        if i % 2000 == 0:
            time.sleep(0.05)
# pause at 2019-03-22T14:30Z: the meeting (from 13:25) has not lasted 2 h yet
cut = next(i for i, r in enumerate(recs) if r[0] >= 1553265000)
conns = accept_all()
send(conns, 0, cut)
open(out + '/paused', 'w').write(str(cut))
conns2 = accept_all()          # the restarted watch connects again
for c in conns:
    c.close()
send(conns2, max(0, cut - 600), len(recs))   # resend the last 600 records
open(out + '/done', 'w').write(str(len(recs)))
time.sleep(60)
PY
python3 "$T/server.py" "$T/sim" "$T" &
srv=$!
for _ in $(seq 1 100); do [ -s "$T/ports" ] && break; sleep 0.1; done
[ -s "$T/ports" ] || { echo "not ok - loopback server started"; exit 0; }
read -r pa po pm < "$T/ports"
# wait (at most 30 s) until the stored positions stop growing for 1.5 s
settle() {
    local prev=-1 n stable=0
    for _ in $(seq 1 60); do
        sleep 0.5
        n=$(sqlite3 "$T/w.db" "SELECT count(*) FROM pos" 2>/dev/null || echo -1)
        if [ "$n" = "$prev" ] && [ "$n" -gt 0 ]; then
            stable=$((stable + 1))
            [ $stable -ge 3 ] && return 0
        else
            stable=0
        fi
        prev=$n
    done
}
urls="tcp://127.0.0.1:$pa tcp://127.0.0.1:$po tcp://127.0.0.1:$pm"

# shellcheck disable=SC2086
"$GT_BIN" watch --db "$T/w.db" --watchlist "$T/watchlist.txt" $urls > "$T/out1" 2> "$T/err1" &
w=$!
for _ in $(seq 1 300); do [ -s "$T/paused" ] && break; sleep 0.1; done
[ -s "$T/paused" ] || { echo "# $(cat "$T/err1")"; echo "not ok - first run reached the pause"; exit 0; }
settle                        # let it store and commit what it received
kill -9 "$w"
wait "$w" 2>/dev/null
w=""
# shellcheck disable=SC2086
"$GT_BIN" watch --db "$T/w.db" --watchlist "$T/watchlist.txt" $urls > "$T/out2" 2> "$T/err2" &
w=$!
for _ in $(seq 1 300); do [ -s "$T/done" ] && break; sleep 0.1; done
settle
sleep 1
kill -TERM "$w"
wait "$w"
rc=$?
w=""
[ "$rc" = 0 ] && echo "ok - watch ends cleanly on SIGTERM" || { echo "# $(cat "$T/err2")"; echo "not ok - watch ends cleanly on SIGTERM (rc $rc)"; }
[ -s "$T/out1" ] && echo "ok - the first run alerted before it was killed" || echo "not ok - the first run alerted before it was killed"

cat "$T/out1" "$T/out2" > "$T/all"
python3 - "$T/all" <<'PY'
import json, sys
alerts = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ids = [a['id'] for a in alerts]
def n(rule, subject, **kw):
    return sum(1 for a in alerts if a['rule'] == rule and a['subject'] == subject and
               all(a.get(k) == v or a['figures'].get(k) == v for k, v in kw.items()))
def check(ok, what):
    print(('ok - ' if ok else 'not ok - ') + what)
check(len(ids) == len(set(ids)), 'no alert id twice over both runs (%d alerts)' % len(ids))
check(n('dark', 'mmsi:352001234') == 1, 'the dark tanker goes dark once')
check(n('encounter', 'mmsi:636018234', peer='mmsi:355123000') == 1,
      'the meeting NORDIC LYNX - SOLANO once (begun before the kill, alerted after)')
enc = [a for a in alerts if a['rule'] == 'encounter']
check(len(enc) == 1 and enc[0]["figures"]["since"] < "2019-03-22T14:00:00Z",
      'the meeting is dated from before the kill (its state survived SIGKILL)')
check(n('takeoff', 'icao:1511a3', airport='UUMU') == 1, 'RA-86496 takes off from UUMU once')
check(n('landing', 'icao:1511a3', airport='GMME') == 2, 'RA-86496 lands at GMME twice, each once')
check(n('takeoff', 'icao:1511a3', airport='SVMI') == 1, 'RA-86496 takes off from SVMI once')
check(n('identity', 'mmsi:357222000', field='name', old='OCEAN GLORY', new='GLORY STAR') == 1,
      'the rename OCEAN GLORY -> GLORY STAR once')
check(n('identity', 'mmsi:613111000', field='mmsi') == 1, 'the new MMSI of IMO 9256781 once')
check(sum(n('first_heard', s) for s in ('mmsi:352001234', 'mmsi:636018234', 'icao:1511a3')) == 3,
      'each watched identity first heard once')
check(all(a['rule'] == 'first_heard' for a in alerts
          if a['subject'] in ('mmsi:209876000', 'mmsi:563045000')),
      'no alert for the tankers at anchor (no encounter)')
check(all(a['rule'] == 'first_heard' for a in alerts if a['subject'] == 'mmsi:244830123'),
      'no alert for the ship crossing the coverage hole (no dark, no heard_again)')
check(all(a['evidence'] and a['evidence'][0]['kind'] == 'stream' for a in alerts),
      'every alert cites its stream record')
PY
u=$(sqlite3 "$T/w.db" "SELECT count(*) FROM watch_alerts WHERE delivered = 0")
[ "$u" = 0 ] && echo "ok - every kept alert is marked delivered" || echo "not ok - every kept alert is marked delivered ($u left)"
k=$(sqlite3 "$T/w.db" "SELECT count(*) FROM watch_alerts")
a=$(wc -l < "$T/all")
[ "$k" = "$a" ] && echo "ok - the store keeps each alert sent ($k)" || echo "not ok - the store keeps each alert sent ($k kept, $a sent)"
s=$(sqlite3 "$T/w.db" "SELECT count(*) FROM inputs WHERE kind = 2")
[ "$s" = 6 ] && echo "ok - both runs recorded their three streams" || echo "not ok - both runs recorded their three streams ($s)"
