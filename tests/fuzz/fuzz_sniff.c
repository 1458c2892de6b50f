/*
 * fuzz_sniff.c - the format sniffers: gt_ingest_sniff() and every
 * handler's sniff function, gt_ais_sniff() and gt_modes_sniff(), each on a
 * copy of exactly the input's length (so ASan sees a read one byte past
 * it: gt_ais_sniff compared 14 bytes of an 11-byte input, issue #15 item
 * 12).  Every confidence is 0..100 and gt_ingest_sniff() returns a handler
 * whose own score is the highest.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ghosttrack/ais.h"
#include "ghosttrack/ingest.h"
#include "ghosttrack/modes.h"

static const char *const names[] = {
    NULL, "", "-", "x.json", "states.csv.gz", "capture-utc--1522782148.136310917--.log"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *p = malloc(size > 0 ? size : 1);
    size_t k;

    if (p == NULL) {
        return 0;
    }
    memcpy(p, data, size);
    for (k = 0; k < sizeof names / sizeof names[0]; k++) {
        const struct gt_ingest_format *f, *best = gt_ingest_sniff(p, size, names[k]);
        int top = 0, c;
        for (f = gt_ingest_formats(); f->name != NULL; f++) {
            c = f->sniff(p, size, names[k]);
            if (c < 0 || c > 100) {
                abort();
            }
            top = c > top ? c : top;
        }
        /* a BOM is skipped by gt_ingest_sniff only: compare without one */
        if (best != NULL && !(size >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) &&
            best->sniff(p, size, names[k]) != top) {
            abort();
        }
        if (best == NULL && top > 0 && !(size >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)) {
            abort();
        }
    }
    {
        enum gt_ais_format fmt = GT_AISF_UNKNOWN;
        int c = gt_ais_sniff(p, size, &fmt);
        if (c < 0 || c > 100 || (c == 0) != (fmt == GT_AISF_UNKNOWN)) {
            abort();
        }
    }
    {
        int conf = -1;
        enum gt_modes_framing fr = gt_modes_sniff(p, size, &conf);
        if (conf < 0 || conf > 100) {
            abort();
        }
        (void)fr;
    }
    free(p);
    return 0;
}
