#!/usr/bin/env bash
# A malformed live source is a usage error at once (issue #15, item 13):
# tcp://host:99999, port 0, a path, user info or junk after the port used to
# be retried for ever.  Nothing is created for them, not even the store.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
for u in tcp://localhost:99999 tcp://localhost:65536 tcp://localhost:0 tcp://localhost: \
    tcp://localhost tcp://:30005 "tcp://host:30005/x" "tcp://user@host:30005" \
    "tcp://ho st:30005" udp://:30003x "tcp://[]:30005"; do
    out=$(timeout -k 2 5 "$GT_BIN" ingest --db "$T/s.db" "$u" 2>&1)
    rc=$?
    if [ $rc -eq 2 ] && grep -q "invalid live source" <<<"$out" && [ ! -e "$T/s.db" ]; then
        ok "'$u': usage error (exit 2), no store created"
    else
        nok "'$u': usage error (exit 2), no store created (exit $rc: $(head -1 <<<"$out"))"
    fi
done
# the same among files: refused before any file is read
out=$(timeout -k 2 5 "$GT_BIN" ingest --db "$T/s.db" "$GT_ROOT/tests/data/ingest/evil.ndjson" \
    tcp://localhost:99999 2>&1)
rc=$?
if [ $rc -eq 2 ] && [ ! -e "$T/s.db" ]; then
    ok "a bad URL after a file: refused before the file is read"
else
    nok "a bad URL after a file: refused before the file is read (exit $rc)"
fi
# a host name that does not resolve (.invalid never does, RFC 2606) fails
# instead of retrying; a resolver that cannot be reached at all is retried
out=$(timeout -k 2 10 "$GT_BIN" ingest --db "$T/h.db" tcp://no-such-host.invalid:30005 2>&1)
rc=$?
if [ $rc -eq 124 ] && grep -q "retrying" <<<"$out"; then
    echo "skip - unknown host (no resolver here: the lookup is retried)"
elif [ $rc -eq 1 ] && grep -q "unknown host 'no-such-host.invalid'" <<<"$out"; then
    ok "an unknown host fails (exit 1) instead of retrying"
else
    nok "an unknown host fails (exit 1) instead of retrying (exit $rc: $(head -1 <<<"$out"))"
fi
