#!/usr/bin/env bash
# Real recordings: shore infrastructure is not spoofing (issue #13, item 3).
#
#   dma-csv/aisdk_heads_2023.csv    Danish Maritime Authority daily CSV rows (2023); DMA's own
#                                   "Type of mobile" column says "Base Station" for 2190064
#                                   and 2194006.
#   aislib-dma/stream_example.txt   DMA AIS network, 2010 (dma-ais/AisLib, Apache-2.0)
#   amsa-risky/ais.txt              AMSA (Australia) receiver log, 2012 (amsa-code/risky,
#                                   Apache-2.0)
#
# The known answer comes from an independent decoder, Debian's gpsdecode
# (gpsd-clients): an MMSI that sends type 4 (base station report) and has the
# form 00MIDxxxx, type 21 (aid-to-navigation report) and 99MIDxxxx, or type 9
# (SAR aircraft) and 111MIDxxx is the station ITU-R M.585 allocates that form
# to and ITU-R M.1371 that message to.  None of them may come out as a
# `spoof` event (invalid_id, on_land or any other kind): a base station
# stands on land by design and its MMSI is valid for what it claims to be.
REAL_NAME="AIS infrastructure is not spoofing"
. "$(dirname "$0")/real_lib.bash"
A=$S/ais
real_need "$A/dma-csv/aisdk_heads_2023.csv" "$A/aislib-dma/stream_example.txt" "$A/amsa-risky/ais.txt"
if ! command -v gpsdecode > /dev/null; then
    echo "skip - $REAL_NAME (gpsdecode, the independent decoder, is not installed)"
    exit 0
fi

# spoofs NAME DB MMSI_FILE: the spoof events on the listed MMSIs
spoofs() {
    events "$2" spoof | jq -r '.subject' | sed -n 's/^mmsi://p' | sort -u > "$W/spoofed"
    comm -12 "$W/spoofed" <(sort -u "$3")
}

# DMA's CSV names its base stations.
gt ingest -q --db "$W/dk.db" "$A/dma-csv/aisdk_heads_2023.csv"
gt detect --db "$W/dk.db" > /dev/null 2>&1
awk -F, '$2 == "Base Station" {print $3}' "$A/dma-csv/aisdk_heads_2023.csv" | sort -u > "$W/dk.bs"
bad=$(spoofs dk "$W/dk.db" "$W/dk.bs" | tr '\n' ' ')
check "DMA 2023 CSV: no spoof on its $(wc -l < "$W/dk.bs") base stations (${bad:-none})" \
    '[ -s "$W/dk.bs" ] && [ -z "$bad" ]'

for f in aislib-dma/stream_example.txt amsa-risky/ais.txt; do
    db=$W/$(basename "$f" .txt).db
    gpsdecode -j < "$A/$f" 2> /dev/null | jq -r 'select(.type == 4 or .type == 21 or .type == 9)
        | "\(.type) \(.mmsi)"' | sort -u |
        awk '{m = sprintf("%09d", $2)}
             ($1 == 4 && m ~ /^00[2-7]/) || ($1 == 21 && m ~ /^99[2-7]/) || ($1 == 9 && m ~ /^111[2-7]/) {print $2}' |
        sort -u > "$W/infra"
    gt ingest -q --db "$db" "$A/$f"
    gt detect --db "$db" > /dev/null 2>&1
    spoofs "$f" "$db" "$W/infra" > "$W/bad"
    nbad=$(wc -l < "$W/bad")
    [ "$nbad" -eq 0 ] || echo "# $f: spoof events on $(head -8 "$W/bad" | tr '\n' ' ')..."
    check "$f: no spoof on its $(wc -l < "$W/infra") base stations, AtoNs and SAR aircraft ($nbad spoofed)" \
        '[ -s "$W/infra" ] && [ "$nbad" -eq 0 ]'
done
