/*
 * util.c - number, address and text helpers of the archive parsers.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive_int.h"

int gt__parse_num(const char *s, size_t n, double *v)
{
    char buf[64], *end;

    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) {
        n--;
    }
    if (n == 0 || n >= sizeof buf) {
        return GT_ERR_BADDATA;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (strpbrk(buf, "xXnNiI") != NULL) { /* no hex floats, nan or inf */
        return GT_ERR_BADDATA;
    }
    *v = strtod(buf, &end);
    if (*end != '\0' || !isfinite(*v)) {
        return GT_ERR_BADDATA;
    }
    return GT_OK;
}

/* Archive columns are often padded ("a1b2c3  "): trailing blanks go, the
 * rest is the one address reader of obs.h. */
int gt__parse_icao(const char *s, size_t n, struct gt_ident *id)
{
    while (n > 0 && s[n - 1] == ' ') {
        n--;
    }
    return gt_ident_parse_icao(s, n, id);
}

int gt__fact_number(struct gt_ident_obs *io, enum gt_ident_field field, double v)
{
    int k;

    if (!isfinite(v) || fabs(v) >= 1e15) {
        return GT_ERR_INVAL;
    }
    if (field == GT_FIELD_SQUAWK) {
        /* A Mode A code is four octal digits (ICAO Annex 10 vol IV
         * 3.1.1.6): 7700 read as a number, or 123 for "0123". */
        unsigned u, d;
        if (v < 0 || v > 7777 || v > floor(v)) {
            return GT_ERR_INVAL;
        }
        for (u = (unsigned)v, d = 0; d < 4; d++, u /= 10) {
            if (u % 10 > 7) {
                return GT_ERR_INVAL;
            }
        }
        k = snprintf(io->value, sizeof io->value, "%04u", (unsigned)v);
    } else if (!(v > floor(v))) {
        k = snprintf(io->value, sizeof io->value, "%.0f", v);
    } else {
        k = snprintf(io->value, sizeof io->value, "%.6g", v);
    }
    if (k <= 0 || (size_t)k >= sizeof io->value) {
        return GT_ERR_INVAL;
    }
    io->field = field;
    return GT_OK;
}

int gt__fact_text(struct gt_ident_obs *io, enum gt_ident_field field, const char *s, size_t n)
{
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '@' || s[n - 1] == '\t')) {
        n--;
    }
    if (n == 0) {
        return GT_ERR_INVAL;
    }
    if (field == GT_FIELD_SQUAWK) {
        /* pandas and spreadsheet exports write squawks as numbers:
         * "7700.0", "123" (for 0123) */
        double v;
        if (gt__parse_num(s, n, &v) < 0) {
            return GT_ERR_INVAL;
        }
        return gt__fact_number(io, field, v);
    }
    if (n >= GT_IDENT_VALUE_MAX) {
        n = GT_IDENT_VALUE_MAX - 1;
    }
    memcpy(io->value, s, n);
    io->value[n] = '\0';
    if (strlen(io->value) == 0) {
        return GT_ERR_INVAL;
    }
    io->field = field;
    return GT_OK;
}

int gt__valid_latlon(double lat, double lon)
{
    return lat >= -90.0 && lat <= 90.0 && lon >= -180.0 && lon <= 180.0;
}

float gt__to_float(double v)
{
    if (!(v > -3e38 && v < 3e38)) {
        return 0.0f;
    }
    return (float)v;
}

int32_t gt__to_i32(double v)
{
    if (!(v > -2e9 && v < 2e9)) {
        return 0;
    }
    return (int32_t)lround(v);
}
