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
