#!/usr/bin/env bash
# The man page is generated from the same tables as --help: it must be current.
# Regenerate with `make docs`.
set -u
cd "$GT_ROOT" || exit 1
if diff -u docs/ghosttrack.1 <("$GT_BIN" help --man) > /dev/null; then
    echo "ok - man page matches --help tables"
else
    echo "# docs/ghosttrack.1 is stale: run 'make docs'"
    echo "not ok - man page matches --help tables"
fi
# every command listed by --help has a man page section
for c in $("$GT_BIN" --help | sed -n '/^commands:/,/^$/p' | awk 'NF>1 && $1!="commands:" && $1!="help" {print $1}'); do
    if grep -q "^\.SS \"ghosttrack $c\"" docs/ghosttrack.1; then
        echo "ok - man page documents $c"
    else
        echo "not ok - man page documents $c"
    fi
done
# the man page keeps its FILES entry and lists, under ENVIRONMENT, every
# variable the program reads
env_section=$(sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' docs/ghosttrack.1)
if [ -n "$env_section" ] && grep -q '^\.SH FILES' docs/ghosttrack.1 &&
    sed -n '/^\.SH FILES/,/^\.SH /p' docs/ghosttrack.1 | grep -q '^\./ghosttrack\.db$'; then
    echo "ok - man page has ENVIRONMENT and FILES (./ghosttrack.db)"
else
    echo "not ok - man page has ENVIRONMENT and FILES (./ghosttrack.db)"
fi
vars=$(grep -rhoE 'getenv\("[A-Z_]+"\)' src | sed 's/getenv("\(.*\)")/\1/' | sort -u)
[ -n "$vars" ] || echo "not ok - the program reads environment variables (grep getenv found none)"
for v in $vars; do
    if printf '%s\n' "$env_section" | grep -q "^$v\$"; then
        echo "ok - man page ENVIRONMENT lists $v"
    else
        echo "not ok - man page ENVIRONMENT lists $v"
    fi
done
