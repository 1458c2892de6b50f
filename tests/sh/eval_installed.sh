#!/usr/bin/env bash
# The independent evaluation (../shared/eval, issue #13) against an INSTALLED
# binary, as a new user would run it: `make install PREFIX=<fresh temporary
# folder>`, then `bash ../shared/eval/run.sh $PREFIX/bin/ghosttrack` from an
# empty folder with no GT_* variable in the environment, so only the
# reference data that `make install` ships can serve (no source tree, no
# node_modules next to the binary).
#
# Passes when run.sh exits 0: every scored type has P >= 0.9 and R >= 0.9 and
# no suspected gap falls on a coverage decoy (run.sh and score.py decide;
# nothing is re-scored here).  The scorer's `eval:` line is printed as a
# comment so `make check` and CI show it.  Skips when ../shared/eval (or
# python3, which its scorer needs) is absent.
set -u
ROOT=${GT_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
EVAL=${GT_EVAL:-$ROOT/../shared/eval}
name="eval scenario-a, installed binary, P and R >= 0.9"
if [ ! -r "$EVAL/run.sh" ] || [ ! -d "$EVAL/scenario-a" ]; then
    echo "skip - $name (no $EVAL)"
    exit 0
fi
if ! command -v python3 > /dev/null; then
    echo "skip - $name (python3, which score.py needs, is not installed)"
    exit 0
fi

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
P=$T/prefix
mkdir -p "$P" "$T/empty"

# The build folder under test is the one GT_BIN lives in (tests/run.sh BUILD).
bin=${GT_BIN:-$ROOT/build/ghosttrack}
build=$(dirname "$bin")
build=${build#"$ROOT"/}
# The Makefile's own install target, unprivileged, into the fresh prefix.
# MAKEFLAGS from an enclosing `make check` carries its variables (BUILD,
# SANITIZE, WERROR); BUILD is passed explicitly for a standalone tests/run.sh.
if ! make -s -C "$ROOT" --no-print-directory install PREFIX="$P" DESTDIR= BUILD="$build" \
    > "$T/install.log" 2>&1; then
    sed 's/^/# install: /' "$T/install.log" | tail -20
    echo "not ok - $name (make install PREFIX=$P failed)"
    exit 0
fi
if [ ! -x "$P/bin/ghosttrack" ]; then
    echo "not ok - $name (make install left no $P/bin/ghosttrack)"
    exit 0
fi

# No GT_* variable reaches the evaluation, and it runs from an empty folder.
unset_gt=()
while IFS= read -r v; do
    unset_gt+=(-u "$v")
done < <(compgen -e | grep '^GT_')
(cd "$T/empty" && env "${unset_gt[@]}" bash "$EVAL/run.sh" "$P/bin/ghosttrack") > "$T/out" 2>&1
rc=$?

line=$(grep '^eval:' "$T/out" | tail -1)
if [ -n "$line" ]; then
    echo "# $line"
fi
if [ $rc -eq 0 ] && [ -n "$line" ]; then
    echo "ok - $name"
else
    # the scorer's table and notes (or run.sh's failing step), not the FP/FN lists
    grep -v -e '^eval:' -e '^F[PN] ' "$T/out" | head -25 | sed 's/^/# /'
    echo "not ok - $name (run.sh exit status $rc)"
fi
