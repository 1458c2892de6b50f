/*
 * fuzz_modes_common.h - shared body of the Mode S framer fuzz targets: the
 * input runs through a gt_modes_stream (framing, decoding, CPR, state) once
 * whole and once split in two at a point taken from the data; both runs
 * must cut the same number of frames and accept the same number of
 * messages, or the target aborts.
 */
#ifndef GT_FUZZ_MODES_COMMON_H
#define GT_FUZZ_MODES_COMMON_H

#include <stdlib.h>

#include "ghosttrack/modes.h"

static int fuzz_count(void *ctx, const struct gt_modes_event *ev)
{
    (void)ev;
    (*(unsigned long *)ctx)++;
    return 0;
}

static void fuzz_stream(enum gt_modes_framing framing, const uint8_t *data, size_t size)
{
    struct gt_modes_state_cfg cfg = {8, 60000, 1, 52.0, 4.0, 250.0};
    struct gt_modes_stats s1, s2;
    unsigned long n1 = 0, n2 = 0;
    size_t cut = size ? data[0] % (size + 1) : 0;
    struct gt_modes_stream *a = gt_modes_stream_new(framing, NULL, &cfg, fuzz_count, &n1);
    struct gt_modes_stream *b = gt_modes_stream_new(framing, NULL, &cfg, fuzz_count, &n2);

    if (a == NULL || b == NULL) {
        gt_modes_stream_free(a);
        gt_modes_stream_free(b);
        return;
    }
    (void)gt_modes_stream_feed(a, data, size, 1);
    (void)gt_modes_stream_feed(b, data, cut, 0);
    (void)gt_modes_stream_feed(b, data + cut, size - cut, 1);
    gt_modes_stream_stats(a, &s1);
    gt_modes_stream_stats(b, &s2);
    if (s1.frames != s2.frames || s1.accepted != s2.accepted || n1 != n2) {
        abort();
    }
    gt_modes_stream_free(a);
    gt_modes_stream_free(b);
}

#endif /* GT_FUZZ_MODES_COMMON_H */
