/*
 * fuzz_nmea.c - the AIS line framer: any bytes, split into lines, through
 * the stream (tag blocks, prefixes, suffixes, $PGHP, sentences,
 * reassembly, decoding) and both JSON writers.  Invariants: no crash, no
 * leak, every delivered message has 1 <= type <= 27 and fits the payload
 * buffer, and every line is accounted for.
 */
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/ais.h"
#include "fuzz.h"

static void on_msg(const struct gt_ais_msg *m, void *ud)
{
    struct gt_buf *b = ud;
    if (m->type < 1 || m->type > 27 || m->nbits > GT_AIS_MAX_BITS) {
        abort();
    }
    gt_buf_reset(b);
    if (gt_ais_json(m, b) != GT_OK || gt_ais_json_gpsd(m, 1, "x", b) != GT_OK ||
        gt_ais_json_gpsd(m, 0, NULL, b) != GT_OK) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_ais_stream_config cfg;
    struct gt_ais_stream *s;
    struct gt_buf b;
    size_t i, start = 0;

    memset(&cfg, 0, sizeof cfg);
    cfg.slots = 4; /* small, so eviction paths run */
    cfg.strict = size > 0 && (data[0] & 1);
    gt_buf_init(&b, 1 << 16);
    s = gt_ais_stream_new(&cfg, on_msg, &b);
    if (s == NULL) {
        return 0;
    }
    for (i = 0; i <= size; i++) {
        if (i == size || data[i] == '\n') {
            gt_ais_stream_feed(s, data + start, i - start, start);
            start = i + 1;
        }
    }
    gt_ais_stream_free(s);
    gt_buf_release(&b);
    return 0;
}
