/*
 * ref_file.c - read a reference file (land polygons, ports) whole.
 *
 * Reference files are small (a few MB) and read once per run, so they are
 * slurped into memory and handed to the byte parsers of land.c and
 * ports.c, which stay free of I/O and can be fuzzed.
 */
#include <errno.h>
#include <stdio.h>

#include "ghosttrack/err.h"
#include "ghosttrack/mem.h"
#include "ref_int.h"

int gt__ref_read_file(const char *path, size_t max, uint8_t **out, size_t *n)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;

    *out = NULL;
    *n = 0;
    if (f == NULL) {
        return errno == ENOENT ? GT_ERR_NOTFOUND : GT_ERR_IO;
    }
    for (;;) {
        size_t got;
        if (cap - len < 65536) {
            uint8_t *nb;
            cap = cap ? cap * 2 : 1 << 20;
            if (cap > max + 65536) {
                gt_free(buf);
                fclose(f);
                return GT_ERR_TOOBIG;
            }
            nb = gt_realloc(buf, cap + 1);
            if (nb == NULL) {
                gt_free(buf);
                fclose(f);
                return GT_ERR_NOMEM;
            }
            buf = nb;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(f)) {
        gt_free(buf);
        fclose(f);
        return GT_ERR_IO;
    }
    fclose(f);
    if (len > max) {
        gt_free(buf);
        return GT_ERR_TOOBIG;
    }
    buf[len] = 0;
    *out = buf;
    *n = len;
    return GT_OK;
}
