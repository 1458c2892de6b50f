/*
 * airports_int.h - private to src/ref: the row type of the generated
 * built-in airports table (airports_builtin.c).
 */
#ifndef GT_AIRPORTS_INT_H
#define GT_AIRPORTS_INT_H

#include <stddef.h>

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

#endif /* GT_AIRPORTS_INT_H */
