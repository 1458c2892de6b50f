#!/usr/bin/env bash
# The store under hostile conditions (issue #15, items 8-10):
#  - a WAL-mode store in a folder the user cannot write (run as 'nobody':
#    the tests run as root, which chmod does not stop) and a read-only
#    copy are read by every reading command; a left-over -wal file is
#    refused with the reason, never read without it;
#  - N ingests started at once on a new store all succeed (the schema is
#    created once, under the write lock);
#  - a full file system (a small tmpfs) makes ingest say "disk full", not
#    "cannot rollback", and the store stays consistent and resumable.
set -u
T=$(mktemp -d)
trap 'mountpoint -q "$T/full" 2>/dev/null && umount "$T/full"; rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
command -v sqlite3 >/dev/null || { echo "skip - store access (sqlite3 missing)"; exit 0; }
D=$GT_ROOT/tests/data/ingest

awk 'BEGIN { for (i = 0; i < 40000; i++)
    printf "{\"id\":\"mmsi:%d\",\"lat\":%.6f,\"lon\":%.6f,\"t\":\"2020-01-01T%02d:%02d:%02dZ\"}\n",
        200000000 + i % 50, 50 + (i % 1000) / 1000.0, 5 + i / 40000.0, (i / 3600) % 24, (i / 60) % 60, i % 60 }' > "$T/big.ndjson"
head -3000 "$T/big.ndjson" > "$T/small.ndjson"

# ---- item 8: read-only access ----
chmod 755 "$T"
RO=$T/ro
mkdir "$RO"
"$GT_BIN" ingest -q --db "$RO/s.db" "$T/small.ndjson" "$D/aircraft.json" || nok "ingest for the read-only store"
"$GT_BIN" detect -q --no-reference --db "$RO/s.db" > /dev/null 2>&1 || true
check "the store is in WAL mode" '[ "$(sqlite3 "$RO/s.db" "PRAGMA journal_mode")" = wal ]'
check "no -wal or -shm file is left after a clean close" '[ ! -e "$RO/s.db-wal" ] && [ ! -e "$RO/s.db-shm" ]'
chmod 555 "$RO"
chmod 444 "$RO/s.db"
as_nobody() { (cd "$RO" && setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"); }
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ] && as_nobody true 2>/dev/null &&
    ! as_nobody touch "$RO/probe" 2>/dev/null; then
    run_ro() { # label, command...
        local label=$1 out rc
        shift
        out=$(as_nobody "$GT_BIN" "$@" 2>&1)
        rc=$?
        if [ $rc -eq 0 ] && ! grep -q 'needs migrating\|cannot open' <<<"$out"; then
            ok "unwritable folder: $label reads the store"
        else
            nok "unwritable folder: $label reads the store (exit $rc: $(head -2 <<<"$out"))"
        fi
    }
    run_ro stats stats --db s.db
    run_ro events events --db s.db
    run_ro track track --db s.db mmsi:200000007
    run_ro export export --db s.db --format ndjson
    run_ro flights flights --db s.db
    run_ro report report --db s.db --out /dev/null
    check "unwritable folder: the track has its positions" \
        '[ "$(as_nobody "$GT_BIN" track --db s.db --format ndjson mmsi:200000007 2>/dev/null | grep -c lat)" -gt 10 ]'
    check "unwritable folder: nothing was written beside the store" '[ "$(ls "$RO")" = s.db ]'
    # a -wal file beside it holds transactions the main file lacks: copy
    # the log of an open writer (python's sqlite3 keeps it until close)
    chmod 755 "$RO"
    cp "$RO/s.db" "$T/w.db"
    chmod 644 "$T/w.db"
    if command -v python3 >/dev/null && python3 - "$T/w.db" "$RO" <<'PY' 2>/dev/null
import shutil, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA wal_autocheckpoint=0")
c.execute("CREATE TABLE later(x)")
c.execute("INSERT INTO later VALUES(1)")
shutil.copy(sys.argv[1], sys.argv[2] + "/w.db")
shutil.copy(sys.argv[1] + "-wal", sys.argv[2] + "/w.db-wal")
c.close()
PY
    then
        chmod 444 "$RO/w.db" "$RO/w.db-wal"
        chmod 555 "$RO"
        out=$(as_nobody "$GT_BIN" stats --db w.db 2>&1)
        rc=$?
        check "unwritable folder with a -wal file: refused (exit 1), naming the log" \
            '[ $rc -eq 1 ] && grep -q "write-ahead log" <<<"$out"'
        chmod 755 "$RO"
        rm -f "$RO/w.db" "$RO/w.db-wal"
    else
        echo "skip - unwritable folder with a -wal file (python3 sqlite3 missing)"
    fi
    chmod 555 "$RO"
else
    echo "skip - unwritable folder (needs root and setpriv to run as nobody)"
fi

# a read-only copy (file mode 444) in a folder this user can write
RC=$T/copy
mkdir "$RC"
cp "$RO/s.db" "$RC/c.db"
chmod 444 "$RC/c.db"
chown nobody "$RC" 2>/dev/null || true
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
    out=$(cd "$RC" && setpriv --reuid=nobody --regid=nogroup --clear-groups "$GT_BIN" stats --db c.db 2>&1)
else
    out=$("$GT_BIN" stats --db "file:$RC/c.db?mode=ro" 2>&1 || "$GT_BIN" stats --db "$RC/c.db" 2>&1)
fi
check "read-only copy: stats reads it" 'grep -q "^schema version: " <<<"$out"'
check "read-only copy: the file is unchanged" 'cmp -s "$RO/s.db" "$RC/c.db"'

# ---- item 9: N ingests at once on a new store ----
N=6 bad=0
for round in 1 2 3; do
    rm -f "$T/race.db" "$T/race.db-wal" "$T/race.db-shm"
    pids=()
    for i in $(seq 1 $N); do
        "$GT_BIN" ingest -q --db "$T/race.db" "$T/small.ndjson" > "$T/race$i.log" 2>&1 &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || bad=$((bad + 1)); done
done
check "$N ingests started at once on a new store, 3 rounds: all succeed" '[ $bad -eq 0 ]'
check "concurrent ingests: no 'already exists' or 'locked'" \
    '! grep -q "already exists\|database is locked" "$T"/race*.log'
check "concurrent ingests: the positions are stored once" \
    '[ "$(sqlite3 "$T/race.db" "SELECT count(*) FROM pos")" = 3000 ]'
check "concurrent ingests: one input row" '[ "$(sqlite3 "$T/race.db" "SELECT count(*) FROM inputs")" = 1 ]'

# ---- item 10: a full disk ----
F=$T/full
mkdir "$F"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=400k tmpfs "$F" 2>/dev/null; then
    out=$("$GT_BIN" ingest --db "$F/s.db" "$T/big.ndjson" 2>&1)
    rc=$?
    check "disk full: ingest fails (exit 1)" '[ $rc -eq 1 ]'
    check "disk full: the message says disk full" 'grep -q "disk full" <<<"$out"'
    check "disk full: no 'cannot rollback'" '! grep -q "cannot rollback" <<<"$out"'
    check "disk full: the store is consistent" '[ "$(sqlite3 "$F/s.db" "PRAGMA integrity_check")" = ok ]'
    check "disk full: the input is not marked complete" \
        '[ "$(sqlite3 "$F/s.db" "SELECT count(*) FROM inputs WHERE complete = 1")" = 0 ]'
    # more room: the same command resumes and completes
    mount -o remount,size=16m "$F" 2>/dev/null
    "$GT_BIN" ingest -q --db "$F/s.db" "$T/big.ndjson" > /dev/null 2>&1
    check "disk full, then room: the rerun stores every position" \
        '[ "$(sqlite3 "$F/s.db" "SELECT count(*) FROM pos")" = 40000 ]'
    umount "$F"
else
    echo "skip - disk full (cannot mount a tmpfs)"
fi
