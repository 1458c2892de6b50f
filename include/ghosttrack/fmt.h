/*
 * fmt.h - printf-free formatting of numbers for the hot text writers
 * (Mode S NDJSON, gpsd JSON-AIS).  Every function writes exactly the bytes
 * the C library's printf writes for the same conversion, so a writer can
 * switch from gt_buf_addf() without changing one byte of its output; the
 * only work left to the C library is the rare double that cannot be
 * rounded exactly from its binary value here (a near-tie, a value too
 * large for 53 bits, NaN or infinity), which is passed to snprintf.
 *
 *     char t[GT_FMT_FIXED_MAX];
 *     size_t n = gt_fmt_fixed(t, -12.5, 1);     // "-12.5", as "%.1f"
 *     gt_fmt_buf(&b, ",\"lat\":%.6f", lat);     // as gt_buf_addf()
 */
#ifndef GT_FMT_H
#define GT_FMT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ghosttrack/buf.h"

/* Room for any gt_fmt_fixed() result with prec <= 17 ("%.17f" of -DBL_MAX
 * is 327 bytes). */
#define GT_FMT_FIXED_MAX 352

/* Decimal digits of v, as "%llu"; dst holds at least 20 bytes.  Returns the
 * length; no NUL is written. */
size_t gt_fmt_u64(char *dst, uint64_t v);

/* As gt_fmt_u64() with a '-' for negative v ("%lld"); dst >= 20 bytes. */
size_t gt_fmt_i64(char *dst, int64_t v);

/* Lower-case hex of v, zero-padded to at least width digits ("%0*llx");
 * dst holds at least max(width, 16) bytes.  Returns the length. */
size_t gt_fmt_hex(char *dst, uint64_t v, int width);

/* v with prec decimals (0..17), the same bytes as "%.*f" (round half to
 * even on the exact binary value, '-' on every negative value including
 * -0.0 and values that round to zero).  dst holds GT_FMT_FIXED_MAX bytes.
 * Returns the length; no NUL is written. */
size_t gt_fmt_fixed(char *dst, double v, int prec);

/* A line being formatted: pieces gather in p and reach the buffer b when p
 * is full or at gt_fmt_line_flush(), so a writer of many small pieces
 * appends to b once a line.  Fields are private to fmt.c; the struct is
 * public so callers can keep it on the stack. */
struct gt_fmt_line {
    struct gt_buf *b;
    size_t n;
    int rc; /* first error (sticky), GT_OK while none */
    char p[2048];
};

/* Start a line that will be appended to b (b's error, if any, is kept). */
void gt_fmt_line_init(struct gt_fmt_line *l, struct gt_buf *b);

/* Append n bytes to the line. */
void gt_fmt_line_mem(struct gt_fmt_line *l, const char *s, size_t n);

/* Append what the line holds to its buffer; returns the first error of the
 * line (GT_OK when none).  The line can go on after it. */
int gt_fmt_line_flush(struct gt_fmt_line *l);

/* gt_fmt_line_mem() inlined for the pieces of a hot writer: a literal of
 * known length becomes a few moves. */
static inline void gt_fmt_line_put(struct gt_fmt_line *l, const char *s, size_t n)
{
    if (l->n + n <= sizeof l->p) {
        memcpy(l->p + l->n, s, n);
        l->n += n;
    } else {
        gt_fmt_line_mem(l, s, n);
    }
}

/* Room for n more bytes at the end of the line (n <= sizeof p), flushing
 * it first when needed: write them at l->p + l->n and add to l->n. */
static inline char *gt_fmt_line_room(struct gt_fmt_line *l, size_t n)
{
    if (l->n + n > sizeof l->p) {
        (void)gt_fmt_line_flush(l);
    }
    return l->p + l->n;
}

/* Append printf-formatted text to the line, as gt_fmt_buf() does to a
 * buffer.  Returns the line's first error, GT_OK while none. */
GT_PRINTF(2, 0) int gt_fmt_line_vadd(struct gt_fmt_line *l, const char *fmt, va_list ap);

/* Append printf-formatted text, byte for byte what gt_buf_addf() appends.
 * The conversions the writers use (%d %i %u %x %X with h/l/ll/z, '0' flag
 * and width; %s; %c; %f and %.Nf; %%) are done here; from the first
 * conversion of any other kind on, the rest of the format and the
 * arguments left are handed to gt_buf_vaddf().  Returns as gt_buf_add(). */
GT_PRINTF(2, 3) int gt_fmt_buf(struct gt_buf *b, const char *fmt, ...);

/* As gt_fmt_buf() with a va_list. */
GT_PRINTF(2, 0) int gt_fmt_vbuf(struct gt_buf *b, const char *fmt, va_list ap);

#endif /* GT_FMT_H */
