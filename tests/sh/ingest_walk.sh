#!/usr/bin/env bash
# A folder walk must not lose the good files for one bad entry (issue #15,
# item 2): a dangling symbolic link, a link to itself, an unreadable
# sub-folder and links back up (`x -> .`, twice) are each skipped and
# named with their reason, the walk ends at once, and every good file is
# stored.
set -u
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
command -v sqlite3 >/dev/null || { echo "skip - folder walk (sqlite3 missing)"; exit 0; }
q() { sqlite3 "$DB" "$1"; }

D=$T/in
mkdir -p "$D/sub" "$D/locked"
mk() { # file, icao, count: a traffic-library JSON export
    awk -v icao="$2" -v n="$3" 'BEGIN { printf "["
        for (i = 0; i < n; i++)
            printf "%s{\"timestamp\":%.0f,\"icao24\":\"%s\",\"latitude\":%.5f,\"longitude\":%.5f,\"altitude\":%d}",
                i ? "," : "", 1593547585000 + i * 5000, icao, 43.5 + i / 1000.0, 1.3 + i / 500.0, 20000 + i * 10
        print "]" }' > "$1"
}
mk "$D/a.json" 3b7777 40
mk "$D/sub/b.json" 3b7778 10
ln -s "$D/nowhere" "$D/dangling"
ln -s self "$D/self" 2>/dev/null; ln -sf self "$D/self"
ln -s . "$D/x"
ln -s . "$D/sub/y"
chmod 000 "$D/locked"
DB=$T/a.db
timeout -k 5 20 "$GT_BIN" ingest --db "$DB" "$D" 2> "$T/err"
rc=$?
check "a folder with bad entries exits 0" '[ $rc -eq 0 ]'
check "the walk ends (no timeout)" '[ $rc -ne 124 ] && [ $rc -ne 137 ]'
check "every good position is stored" '[ "$(q "SELECT count(*) FROM pos")" = 50 ]'
check "two good files stored" '[ "$(q "SELECT count(*) FROM inputs WHERE complete = 1")" = 2 ]'
check "the dangling link is named" 'grep -q "dangling.*stored nothing: skipped: a symbolic link to nothing" "$T/err"'
check "the self link is named" 'grep -q "/self.*loops" "$T/err"'
check "the links back up are named" 'grep -q "/x.*already read" "$T/err" && grep -q "sub/y.*already read" "$T/err"'
check "the summary counts them" 'grep -q "dangling-symlink *1" "$T/err" && grep -q "folder-cycle *2" "$T/err"'
if [ "$(id -u)" != 0 ]; then
    check "the unreadable folder is named" 'grep -q "locked.*skipped: cannot read it" "$T/err"'
else
    echo "ok - the unreadable folder is named # skip (root reads it)"
fi
