/*
 * ref_file.c - read a reference file (land polygons, ports) whole.
 *
 * Reference files are small (a few MB) and read once per run, so they are
 * slurped into memory and handed to the byte parsers of land.c and
 * ports.c, which stay free of I/O and can be fuzzed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ghosttrack/csv.h"
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

int gt__ref_text_check(const uint8_t *p, size_t n, size_t *line, char *why, size_t size)
{
    size_t i = 0, ln = 1;

    if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
        i = 3;
    }
    while (i < n) {
        uint8_t c = p[i];
        size_t len = 0, k;
        uint32_t cp = 0;
        if (c == '\n') {
            ln++;
            i++;
            continue;
        }
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f) {
                *line = ln;
                snprintf(why, size, "control character 0x%02x: not a text file", (unsigned)c);
                return GT_ERR_BADDATA;
            }
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            len = 2, cp = c & 0x1fu;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3, cp = c & 0x0fu;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4, cp = c & 0x07u;
        }
        for (k = 1; len > 0 && k < len; k++) {
            if (i + k >= n || (p[i + k] & 0xc0) != 0x80) {
                len = 0;
                break;
            }
            cp = (cp << 6) | (p[i + k] & 0x3fu);
        }
        if (len == 0 || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp <= 0x9f)) {
            *line = ln;
            snprintf(why, size, "byte 0x%02x is not UTF-8 text", (unsigned)c);
            return GT_ERR_BADDATA;
        }
        i += len;
    }
    return GT_OK;
}

int gt__ref_csv_next(struct gt__ref_csv *w, struct gt_csv *rec, size_t *line, char *why,
                     size_t size)
{
    int r;

    for (; w->counted < w->pos; w->counted++) {
        w->ln += w->p[w->counted] == '\n';
    }
    *line = w->ln;
    r = gt_csv_next(rec, w->p, w->n, &w->pos);
    if (r < 0) {
        snprintf(why, size, "a record longer than %d bytes or %d lines", GT_CSV_RECORD_MAX,
                 GT_CSV_MAX_LINES);
        return GT_ERR_BADDATA;
    }
    return r;
}
