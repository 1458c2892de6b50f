/*
 * archive_int.h - helpers shared by the archive parsers (src/decode/archive).
 */
#ifndef GT_ARCHIVE_INT_H
#define GT_ARCHIVE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/obs.h"

/* Parse a decimal number (optional sign, fraction, exponent) filling all n
 * bytes, surrounding spaces allowed.  Returns GT_OK or GT_ERR_BADDATA. */
int gt__parse_num(const char *s, size_t n, double *v);

/* Parse a 6-hex-digit ICAO address, optionally prefixed by '~' (non-ICAO)
 * into id.  Returns GT_OK or GT_ERR_BADDATA. */
int gt__parse_icao(const char *s, size_t n, struct gt_ident *id);

/* Set io->field and io->value from s (trimmed of spaces and trailing '@',
 * cut to GT_IDENT_VALUE_MAX - 1 bytes; a squawk must be a number, see
 * gt__fact_number()).  Returns GT_OK, or GT_ERR_INVAL
 * when nothing is left. */
int gt__fact_text(struct gt_ident_obs *io, enum gt_ident_field field, const char *s, size_t n);

/* Set io->field and io->value from the number v (a JSON number, a numeric
 * CSV cell): a squawk as its four octal digits ("0123"), an integer
 * without decimals, else up to 6 significant digits.  Returns GT_OK, or
 * GT_ERR_INVAL for a non-finite value or a squawk that is not 0000..7777
 * in octal digits.  gt__fact_text() sends squawk text here too. */
int gt__fact_number(struct gt_ident_obs *io, enum gt_ident_field field, double v);

/* Return 1 when lat/lon are finite WGS-84 coordinates. */
int gt__valid_latlon(double lat, double lon);

/* Narrowing conversions, saturating. */
float gt__to_float(double v);
int32_t gt__to_i32(double v);

#endif /* GT_ARCHIVE_INT_H */
