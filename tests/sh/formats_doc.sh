#!/usr/bin/env bash
# docs/FORMATS.md lists every input format (issue #14, "Must show"): its
# table "Input formats at a glance" has exactly the formats `ghosttrack
# ingest --format list` names, in the same order, each with a sample line
# and where real files come from.
set -u
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
DOC=$GT_ROOT/docs/FORMATS.md
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

"$GT_BIN" ingest --format list > "$T/list" 2>&1
awk '{ print $1 }' "$T/list" > "$T/names"
check "ingest --format list names formats ($(wc -l < "$T/names"))" '[ "$(wc -l < "$T/names")" -ge 10 ]'
# the table: from its heading to the next heading, rows "| `name` | sample | files |"
awk '/^## Input formats at a glance/ { on = 1; next } /^#/ { on = 0 } on && /^\| `/' "$DOC" > "$T/rows"
sed 's/^| `\([^`]*\)`.*/\1/' "$T/rows" > "$T/doc_names"
check "FORMATS.md lists the formats of ingest --format list, in order ($(tr '\n' ' ' < "$T/doc_names"))" \
    'diff "$T/names" "$T/doc_names" > "$T/diff"'
[ -s "$T/diff" ] && sed 's/^/# /' "$T/diff"
# every row: three cells, the sample and the source not empty; a cell is
# split on " | " (the samples hold no such sequence)
bad=$(awk -F' [|] ' '{ gsub(/^\| | \|$/, ""); n = split($0, c, / [|] /);
    if (n != 3 || c[2] !~ /[[:alnum:]]/ || c[3] !~ /[[:alnum:]]/) print c[1] }' "$T/rows")
check "every format has a sample line and where real files come from${bad:+ (not: $bad)}" '[ -z "$bad" ]'
# the sections below name each format too
miss=""
for n in $(cat "$T/names"); do
    [ "$(grep -c "\`$n\`" "$DOC")" -ge 2 ] || miss="$miss $n"
done
check "each format is also named in the rules below the table${miss:+ (not:$miss)}" '[ -z "$miss" ]'
