/*
 * csv_int.h - private to src/ref: a small RFC 4180 record reader shared by
 * the airports and aircraft-database parsers.
 */
#ifndef GT_CSV_INT_H
#define GT_CSV_INT_H

#include <stddef.h>

#define GT__CSV_MAX_FIELDS 40  /* fields kept per record; more are ignored */
#define GT__CSV_FIELD_MAX  256 /* bytes kept per field, NUL included */

/* One record: fields unquoted and NUL-terminated (cut to
 * GT__CSV_FIELD_MAX - 1 bytes). */
struct gt__csv_rec {
    char f[GT__CSV_MAX_FIELDS][GT__CSV_FIELD_MAX];
    size_t n; /* fields in the record */
};

/* Read the record starting at *pos in p[0..n) into rec and advance *pos
 * past its line end (quoted fields may span lines).  Returns 1 when a
 * record was read, 0 at the end of the input. */
int gt__csv_next(const char *p, size_t n, size_t *pos, struct gt__csv_rec *rec);

/* Return the index of the field named name in the header record, or -1. */
int gt__csv_col(const struct gt__csv_rec *hdr, const char *name);

#endif /* GT_CSV_INT_H */
