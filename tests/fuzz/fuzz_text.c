/*
 * fuzz_text.c - the text parsers of util: ISO 8601 times, command-line time
 * values and identities ("mmsi:…", "icao:…").  Each result that parses must
 * survive a format/parse round trip unchanged.
 */
#include <stdlib.h>

#include "ghosttrack/obs.h"
#include "ghosttrack/time.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    int64_t t, back;
    struct gt_ident id, id2;
    char buf[GT_TIME_ISO_MAX];

    if (gt_time_parse_iso(s, size, &t) == GT_OK) {
        int n = gt_time_format_iso(t, buf, sizeof buf, 0);
        if (n > 0 && (gt_time_parse_iso(buf, (size_t)n, &back) != GT_OK || back != t)) {
            abort();
        }
    }
    if (gt_time_parse(s, size, &t) == GT_OK) {
        (void)t;
    }
    if (gt_ident_parse(s, size, &id) == GT_OK) {
        char ibuf[GT_IDENT_MAX];
        int n = gt_ident_format(&id, ibuf, sizeof ibuf);
        if (n <= 0 || gt_ident_parse(ibuf, (size_t)n, &id2) != GT_OK || id2.value != id.value ||
            id2.kind != id.kind || id2.flags != id.flags) {
            abort();
        }
    }
    return 0;
}
