/*
 * csv.c - RFC 4180 record reader for reference files (see ref_int.h).
 *
 * Quoted fields may hold commas, doubled quotes and line breaks; CR LF and
 * LF line ends are both accepted; a byte-order mark before the first
 * record is skipped.  Over-long fields are cut, never overflow.
 */
#include "ref_int.h"

#include <string.h>

int gt__csv_next(const char *p, size_t n, size_t *pos, struct gt__csv_rec *rec)
{
    size_t i = *pos, len = 0;
    int quoted = 0, started = 0;

    rec->n = 0;
    if (i == 0 && n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
        i = 3;
    }
    if (i >= n) {
        return 0;
    }
    rec->f[0][0] = '\0';
    for (; i < n; i++) {
        char c = p[i];
        if (quoted) {
            if (c == '"' && i + 1 < n && p[i + 1] == '"') {
                i++;
            } else if (c == '"') {
                quoted = 0;
                continue;
            }
        } else if (c == '"' && !started) {
            quoted = 1;
            started = 1;
            continue;
        } else if (c == ',' || c == '\n') {
            if (rec->n < GT__CSV_MAX_FIELDS) {
                rec->f[rec->n][len] = '\0';
                rec->n++;
            }
            len = 0;
            started = 0;
            if (c == '\n') {
                i++;
                break;
            }
            if (rec->n < GT__CSV_MAX_FIELDS) {
                rec->f[rec->n][0] = '\0';
            }
            continue;
        } else if (c == '\r') {
            continue;
        }
        started = 1;
        if (rec->n < GT__CSV_MAX_FIELDS && len + 1 < GT__CSV_FIELD_MAX) {
            rec->f[rec->n][len++] = c;
        }
    }
    if (i >= n && (len > 0 || started) && rec->n < GT__CSV_MAX_FIELDS) {
        rec->f[rec->n][len] = '\0'; /* last line without a line end */
        rec->n++;
    }
    *pos = i;
    return 1;
}

int gt__csv_col(const struct gt__csv_rec *hdr, const char *name)
{
    size_t i;

    for (i = 0; i < hdr->n; i++) {
        if (strcmp(hdr->f[i], name) == 0) {
            return (int)i;
        }
    }
    return -1;
}
