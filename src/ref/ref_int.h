/*
 * ref_int.h - private to src/ref: reading a whole reference file and the
 * row type of the generated built-in airports table
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
