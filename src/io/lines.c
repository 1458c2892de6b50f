/*
 * lines.c - reading a file line by line through one window (see io.h).
 *
 * The window holds chunk + max_line bytes; after each read the complete
 * lines in it are handed over and the unfinished tail moves to the front.
 * A tail that fills the whole window has no newline in sight: it is handed
 * over as it is (a decoder then counts it as junk or malformed) rather
 * than grown without bound.
 */
#include "ghosttrack/io.h"

#include <string.h>

#include "ghosttrack/mem.h"

int gt_io_for_lines(struct gt_io_file *f, size_t chunk, size_t max_line, gt_io_line_fn *fn,
                    void *ud)
{
    size_t size = chunk + max_line, have = 0;
    uint64_t base = 0; /* content offset of buf[0] */
    uint8_t *buf = gt_malloc(size);
    int rc = GT_OK;

    if (buf == NULL) {
        return GT_ERR_NOMEM;
    }
    for (;;) {
        int got = gt_io_read(f, buf + have, size - have);
        size_t start = 0, i;
        int eof;
        if (got < 0 && !(got == GT_ERR_BADDATA && gt_io_truncated(f))) {
            rc = got;
            break;
        }
        eof = got <= 0; /* a file cut short ends where the cut is */
        if (got < 0) {
            rc = got;
        } else {
            have += (size_t)got;
        }
        for (i = 0; i < have; i++) {
            const uint8_t *nl = memchr(buf + i, '\n', have - i);
            if (nl == NULL) {
                break;
            }
            i = (size_t)(nl - buf);
            fn(ud, buf + start, i - start + 1, base + start);
            start = i + 1;
        }
        if (eof) {
            if (start < have) {
                fn(ud, buf + start, have - start, base + start);
            }
            break;
        }
        if (start == 0 && have == size) {
            fn(ud, buf, have, base);
            start = have;
        }
        memmove(buf, buf + start, have - start);
        have -= start;
        base += start;
    }
    gt_free(buf);
    return rc;
}
