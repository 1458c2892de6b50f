#!/usr/bin/env bash
# bench/readsb.sh [BIN] - whole-program Mode S against readsb (#16.4).
#
# The same 2 M real frames (bench/modes' corpus: the pyModeS ADS-B and
# Comm-B samples replayed, dumped with GT_BENCH_DUMP) as Beast binary and as
# AVR text ("@counter hex;") go to
#   ghosttrack decode --positions FILE   (framing, decoding, CPR, state and
#                                          the position NDJSON, to /dev/null)
#   readsb --net-only                    fed over loopback on its Beast input
#                                          (--net-bi-port) or raw input
#                                          (--net-ri-port) port, no output
# and prints the CPU seconds (user + system) of each and the ratio.  readsb's
# are read from /proc/PID/stat once it has been idle for a second after the
# sender finished (its own housekeeping while idle is included: it is part
# of what readsb costs), and its --stats at exit confirm the message count.
#
# readsb is not part of this repository: build it from its public source
# (github.com/wiedehopf/readsb, `make RTLSDR=no DISABLE_INTERACTIVE=yes`)
# outside the repository and give READSB=path (default
# /work/peers/readsb/readsb).  Skips cleanly when it is absent.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/ghosttrack}
READSB=${READSB:-/work/peers/readsb/readsb}
DIR=${GT_BENCH_DIR:-${TMPDIR:-/tmp}/gt_bench_readsb}
export GT_SHARED=${GT_SHARED:-$ROOT/../shared/data}

if [ ! -x "$READSB" ]; then echo "bench/readsb: skip - readsb not found (set READSB=path)"; exit 0; fi
if [ ! -x "$BIN" ] || [ ! -x "$ROOT/build/bench/modes" ]; then
    echo "bench/readsb: build first (make bench)"; exit 1
fi
if [ ! -d "$GT_SHARED/modes/samples" ]; then echo "bench/readsb: skip - no $GT_SHARED/modes/samples"; exit 0; fi
if ! command -v python3 > /dev/null; then echo "bench/readsb: skip - python3 (the sender) absent"; exit 0; fi
mkdir -p "$DIR"
if [ ! -s "$DIR/modes.beast" ] || [ ! -s "$DIR/modes.avr" ]; then
    GT_BENCH_DUMP=$DIR "$ROOT/build/bench/modes" > /dev/null || exit 1
fi
CLK=$(getconf CLK_TCK)

# cpu_of PID: user + system seconds of a live process
cpu_of() {
    awk -v hz="$CLK" '{sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz}' "/proc/$1/stat"
}

# ours FILE: best CPU seconds of 3 runs of decode --positions
ours() {
    local best="" t
    for _ in 1 2 3; do
        /usr/bin/time -o "$DIR/time" -f '%U %S' "$BIN" decode --positions "$1" > /dev/null 2>&1
        t=$(awk '{printf "%.2f", $1 + $2}' "$DIR/time")
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; fi
    done
    echo "$best"
}

# peer FILE PORTOPT PORT: readsb's CPU seconds for the file sent to PORT
peer() {
    local file=$1 opt=$2 port=$3 pid last now i
    "$READSB" --net-only --quiet --stats "$opt=$port" --net-ro-port=0 --net-sbs-port=0 \
        --net-bo-port=0 > "$DIR/readsb.log" 2>&1 &
    pid=$!
    for i in $(seq 50); do
        if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $port), 1)" 2> /dev/null; then break; fi
        sleep 0.1
    done
    python3 - "$file" "$port" << 'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[2])))
with open(sys.argv[1], "rb") as f:
    while True:
        b = f.read(1 << 16)
        if not b:
            break
        s.sendall(b)
s.shutdown(socket.SHUT_WR)
s.close()
EOF
    last=-1
    for i in $(seq 600); do # until readsb has been idle for a second
        sleep 1
        now=$(cpu_of "$pid")
        if [ "$now" = "$last" ]; then break; fi
        last=$now
    done
    kill "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
    echo "$last"
}

FRAMES=$("$BIN" decode --positions "$DIR/modes.beast" 2>&1 > /dev/null | sed -n 's/^modes: \([0-9]*\) frames.*/\1/p')
echo "corpus: $DIR/modes.beast and modes.avr, $FRAMES frames; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for kind in beast avr; do
    if [ "$kind" = beast ]; then opt=--net-bi-port; port=${PORT_BEAST:-39105}; else opt=--net-ri-port; port=${PORT_RAW:-39106}; fi
    o=$(ours "$DIR/modes.$kind")
    p=$(peer "$DIR/modes.$kind" "$opt" "$port")
    msgs=$(grep -m1 "total usable messages" "$DIR/readsb.log")
    echo "$kind: ghosttrack decode --positions $o CPU-s, readsb $p CPU-s ($msgs)"
    awk -v k="$kind" -v o="$o" -v p="$p" \
        'BEGIN{printf "bench: modes_%s_positions %.2f CPU-s, peer readsb %.2f CPU-s, ratio %.2f (peer/ours, > 1 is ahead)\n", k, o, p, (o > 0 ? p / o : 0)}'
done
