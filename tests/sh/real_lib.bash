# shellcheck shell=bash
# Shared by the real-recording tests (tests/sh/real_*.sh): public recordings
# from $GT_SHARED (../shared/data, see tests/data/README.md for each file's
# origin, licence and independently known answer) run through the CLI as a
# user would: from an empty folder, with no GT_* variable in the
# environment, so the program's own reference data (ports, airports, land)
# decides.  Source it; it defines:
#   real_need FILE...      print "skip - ..." and exit 0 unless every file exists
#   gt ARGS...             run $GT_BIN in the scratch folder $W, no GT_* variables
#   check NAME COMMAND     "ok - NAME" when COMMAND (a string, eval'd) succeeds
#   events DB [TYPE]       the stored events as NDJSON on stdout
set -u
S=${GT_SHARED:-}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
REAL_NAME=${REAL_NAME:-real recording}
_gt_unset=()
while IFS= read -r _v; do
    _gt_unset+=(-u "$_v")
done < <(compgen -e | grep '^GT_')
GT=${GT_BIN:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build/ghosttrack}

real_need() {
    local f
    for f in "$@"; do
        if [ ! -r "$f" ]; then
            echo "skip - $REAL_NAME (no $f)"
            exit 0
        fi
    done
    for f in jq python3; do
        if ! command -v $f > /dev/null; then
            echo "skip - $REAL_NAME ($f not installed)"
            exit 0
        fi
    done
}
gt() { (cd "$W" && env "${_gt_unset[@]}" "$GT" "$@"); }
check() {
    if eval "$2"; then
        echo "ok - $REAL_NAME: $1"
    else
        echo "not ok - $REAL_NAME: $1"
    fi
}
events() {
    if [ $# -gt 1 ]; then
        gt events --db "$1" --type "$2" --format ndjson
    else
        gt events --db "$1" --format ndjson
    fi
}
