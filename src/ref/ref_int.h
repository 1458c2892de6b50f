/*
 * ref_int.h - private to src/ref: reading a whole reference file, the
 * small RFC 4180 record reader shared by the airports and aircraft-database
 * parsers, and the row type of the generated built-in airports table
 * (airports_builtin.c).
 */
#ifndef GT_REF_INT_H
#define GT_REF_INT_H

#include <stddef.h>
#include <stdint.h>

/* Read the file at path into a new gt_malloc'd buffer (NUL-terminated, at
 * most max bytes).  Returns GT_OK, GT_ERR_NOTFOUND, GT_ERR_IO, GT_ERR_TOOBIG
 * or GT_ERR_NOMEM. */
int gt__ref_read_file(const char *path, size_t max, uint8_t **out, size_t *n);

/* Check that n bytes are text: UTF-8 (a byte-order mark allowed), no
 * control character but tab, CR and LF.  Returns GT_OK, or GT_ERR_BADDATA
 * with the 1-based line in *line and the reason in why. */
int gt__ref_text_check(const uint8_t *p, size_t n, size_t *line, char *why, size_t size);

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

/* One built-in airport: ident, IATA code, position (degrees), large (1/0),
 * name. */
struct gt__airport_row {
    const char *ident;
    const char *iata;
    double lat_deg;
    double lon_deg;
    int large;
    const char *name;
};

extern const struct gt__airport_row gt__airports_builtin[];
extern const size_t gt__airports_builtin_n;

#endif /* GT_REF_INT_H */
