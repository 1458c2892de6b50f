/*
 * fuzz_tagblock.c - the NMEA 4 tag-block parser and the sentence parser on
 * arbitrary bytes.  Invariants: no crash; a parsed group is consistent
 * (1 <= n <= m <= 9); the station is NUL-terminated within its buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/ais.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_tagblock tb;
    struct gt_nmea_sentence ns;

    if (gt_tagblock_parse(data, size, &tb) == GT_OK) {
        if (tb.group_n != 0 && (tb.group_n < 1 || tb.group_n > tb.group_of || tb.group_of > 9)) {
            abort();
        }
        if (memchr(tb.station, '\0', sizeof tb.station) == NULL) {
            abort();
        }
    }
    if (gt_ais_nmea_parse(data, size, &ns) == GT_OK) {
        if (ns.payload < data || ns.payload + ns.npayload > data + size || ns.pad > 5 ||
            ns.frag < 1 || ns.frag > ns.nfrag) {
            abort();
        }
    }
    return 0;
}
