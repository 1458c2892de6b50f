#!/usr/bin/env bash
# scripts/check-layering.sh - includes must point one way:
#
#   util <- decode, io, ref <- track <- detect, store, sim <- ingest, report <- watch <- cli
#
# Each public header belongs to a layer (table below); a source file may
# include headers of its own layer and the layers below it, never a sibling
# of its own rank.  Every other quoted include is a private header and must
# sit in the including file's own folder (so "../x/y_int.h", "x/y.h" or a
# private header of another folder fail, whatever the header is called).
# Each folder has at most one private header, <folder>_int.h.
# Library sources never include the umbrella ghosttrack.h.
set -u
cd "$(dirname "$0")/.." || exit 1

rank() { # layer name -> rank
    case $1 in
    util) echo 0 ;; decode | io | ref) echo 1 ;; track) echo 2 ;; detect | store | sim) echo 3 ;;
    ingest | report) echo 4 ;; watch) echo 5 ;; cli) echo 6 ;; *) echo 99 ;;
    esac
}

header_layer() { # public header file name -> layer
    case $1 in
    err.h | mem.h | buf.h | fmt.h | geo.h | time.h | log.h | obs.h | version.h | bits.h | esc.h | json.h | hash.h | text.h | csv.h) echo util ;;
    ais.h | modes.h | nmea.h | sbs.h | import.h | decode.h | archive.h | encode.h) echo decode ;;
    io.h | deliver.h | follow.h) echo io ;;
    ref.h | airports.h | ports.h | land.h | aircraftdb.h | refdata.h) echo ref ;;
    track.h | segment.h | event.h) echo track ;;
    detect.h | reception.h | ids.h | flight.h | air_resolve.h) echo detect ;;
    store.h) echo store ;;
    ingest.h) echo ingest ;;
    sim.h) echo sim ;;
    watch.h) echo watch ;;
    html.h | assemble.h | export.h) echo report ;;
    ghosttrack.h) echo cli ;;
    *) echo unknown ;;
    esac
}

fail=0
while IFS= read -r f; do
    dir=$(dirname "$f")
    mod=${f#src/}
    mod=${mod%%/*}
    # io sits beside decode; decode/ais and decode/modes are both "decode"
    mrank=$(rank "$mod")
    while IFS= read -r inc; do
        case $inc in
        ghosttrack/*)
            h=${inc#ghosttrack/}
            layer=$(header_layer "$h")
            if [ "$layer" = unknown ]; then
                echo "check-layering: $f: header '$inc' has no layer (add it to scripts/check-layering.sh)"
                fail=1
            elif [ "$(rank "$layer")" -gt "$mrank" ]; then
                echo "check-layering: $f ($mod) includes '$inc' ($layer): includes must point down"
                fail=1
            elif [ "$layer" != "$mod" ] && [ "$(rank "$layer")" = "$mrank" ]; then
                echo "check-layering: $f ($mod) includes '$inc' ($layer): sibling modules stay apart"
                fail=1
            fi
            ;;
        */*)
            echo "check-layering: $f includes '$inc': a private header of another folder"
            fail=1
            ;;
        *)
            if [ ! -f "$dir/$inc" ]; then
                echo "check-layering: $f includes private header '$inc', not in its folder"
                fail=1
            fi
            ;;
        esac
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f")
done < <(find src -name '*.[ch]' | sort)

# Public headers: each includes only headers of its own layer or below.
for h in include/ghosttrack/*.h; do
    hl=$(header_layer "$(basename "$h")")
    [ "$hl" = cli ] && continue
    while IFS= read -r inc; do
        il=$(header_layer "${inc#ghosttrack/}")
        if [ "$(rank "$il")" -gt "$(rank "$hl")" ]; then
            echo "check-layering: $h ($hl) includes '$inc' ($il): includes must point down"
            fail=1
        fi
    done < <(sed -n 's/^#include "\(ghosttrack\/[^"]*\)".*/\1/p' "$h")
done

# Private headers: one per folder, named after it (src/ref/ref_int.h,
# src/decode/ais/ais_int.h), so that none escapes the checks above.
while IFS= read -r h; do
    d=$(dirname "$h")
    if [ "$(basename "$h")" != "$(basename "$d")_int.h" ]; then
        echo "check-layering: $h: the private header of $d/ must be $(basename "$d")_int.h"
        fail=1
    fi
done < <(find src -name '*.h' | sort)

[ $fail -eq 0 ] && echo "check-layering: ok"
exit $fail
