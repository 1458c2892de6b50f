#!/usr/bin/env bash
# tests/golden.sh BIN [--update] - run every golden CLI case.
#
# A case is a folder tests/golden/<case>/ holding:
#   args             the command line after "ghosttrack", one shell word per line
#   stdin            (optional) fed to standard input
#   expected.stdout  what it must print on stdout
#   expected.stderr  (optional) what it must print on stderr
#   expected.rc      (optional) its exit status, default 0
# Commands run inside the case folder, so inputs are named relatively and no
# absolute path reaches the output.  --update rewrites the expected files;
# review that diff like code.
set -u
BIN=$(realpath "$1")
UPDATE=${2:-}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
read -r -a VG <<<"${GT_VG:-}"

for dir in "$ROOT"/tests/golden/*/; do
    [ -f "$dir/args" ] || continue
    name=$(basename "$dir")
    mapfile -t args < "$dir/args"
    stdin=/dev/null
    [ -f "$dir/stdin" ] && stdin=$dir/stdin
    out=$(mktemp) err=$(mktemp)
    (cd "$dir" && "${VG[@]}" "$BIN" "${args[@]}" < "$stdin" > "$out" 2> "$err")
    rc=$?
    if [ "$UPDATE" = --update ]; then
        cp "$out" "$dir/expected.stdout"
        [ -f "$dir/expected.stderr" ] && cp "$err" "$dir/expected.stderr"
        if [ $rc -ne 0 ]; then echo $rc > "$dir/expected.rc"; else rm -f "$dir/expected.rc"; fi
        echo "ok - $name (updated)"
    else
        want_rc=0
        [ -f "$dir/expected.rc" ] && want_rc=$(cat "$dir/expected.rc")
        why=""
        [ "$rc" = "$want_rc" ] || why="exit status $rc, expected $want_rc"
        if ! d=$(diff -u "$dir/expected.stdout" "$out" 2>&1); then
            why="${why:+$why; }stdout differs"
            echo "$d" | head -40 | sed 's/^/# /'
        fi
        if [ -f "$dir/expected.stderr" ] && ! d=$(diff -u "$dir/expected.stderr" "$err" 2>&1); then
            why="${why:+$why; }stderr differs"
            echo "$d" | head -20 | sed 's/^/# /'
        fi
        if [ -z "$why" ]; then
            echo "ok - $name"
        else
            echo "# $name: $why"
            echo "not ok - $name"
        fi
    fi
    rm -f "$out" "$err"
done
