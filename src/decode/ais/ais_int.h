/*
 * ais_int.h - private to src/decode/ais: the gpsd JSON-AIS writer shared by
 * ais_gpsd.c (the message types) and ais_gpsd_apps.c (the binary
 * application messages of types 6 and 8): the writer state, the bit
 * accessors and the field writers.  A writer stops at its first buffer
 * error (w->rc) and every later put is a no-op, so callers check once.
 */
#ifndef GT_AIS_INT_H
#define GT_AIS_INT_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ghosttrack/ais.h"
#include "ghosttrack/fmt.h"

struct w {
    struct gt_fmt_line line; /* the message, appended to the buffer at its end */
    const struct gt_ais_msg *m;
    int scaled;
    int rc;
};

GT_PRINTF(2, 3) static inline void put(struct w *w, const char *fmt, ...)
{
    va_list ap;
    if (w->rc != GT_OK) {
        return;
    }
    va_start(ap, fmt);
    w->rc = gt_fmt_line_vadd(&w->line, fmt, ap);
    va_end(ap);
}

/* Direct pieces for the most frequent lines (types 1-3 and the head of
 * every line), without a format to walk: a literal, an unsigned number, a
 * JSON boolean, a fixed-point number. */
#define PUT_LIT(w, s) put_mem((w), "" s, sizeof(s) - 1)

static inline void put_mem(struct w *w, const char *s, size_t n)
{
    gt_fmt_line_put(&w->line, s, n);
}

static inline void put_u(struct w *w, unsigned v)
{
    char *p = gt_fmt_line_room(&w->line, 20);
    w->line.n += gt_fmt_u64(p, v);
}

static inline void put_bool(struct w *w, unsigned v)
{
    if (v) {
        PUT_LIT(w, "true");
    } else {
        PUT_LIT(w, "false");
    }
}

static inline void put_fixed(struct w *w, double v, int prec)
{
    char *p = gt_fmt_line_room(&w->line, GT_FMT_FIXED_MAX);
    w->line.n += gt_fmt_fixed(p, v, prec);
}

/* A JSON string value from 6-bit text: quotes, backslashes and control
 * characters escaped (gpsd leaves quotes and backslashes raw, which is not
 * valid JSON; see docs/AIS.md). */
static inline void put_str(struct w *w, const char *key, const char *s)
{
    char tmp[256];
    size_t n = 0;
    put(w, ",\"%s\":\"", key);
    for (; *s != '\0' && n + 8 < sizeof tmp; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            tmp[n++] = '\\';
            tmp[n++] = (char)c;
        } else if (c < 0x20 || c >= 0x7f) {
            n += (size_t)snprintf(tmp + n, sizeof tmp - n, "\\u%04x", c);
        } else {
            tmp[n++] = (char)c;
        }
    }
    tmp[n] = '\0';
    put(w, "%s\"", tmp);
}

#define U(s, n) gt_ais_ubits(w->m, (s), (n))
#define S(s, n) gt_ais_sbits(w->m, (s), (n))
#define B(v)    ((v) ? "true" : "false")

static inline void put_text(struct w *w, const char *key, unsigned start, unsigned count)
{
    char t[200];
    if (count > sizeof t - 1) {
        count = sizeof t - 1;
    }
    gt_ais_text(w->m, start, count, t, 1);
    put_str(w, key, t);
}

/* Text from start to the end of the payload. */
static inline void put_endtext(struct w *w, const char *key, unsigned start)
{
    unsigned n = w->m->nbits > start ? (w->m->nbits - start) / 6 : 0;
    put_text(w, key, start, n);
}

/* "nbits:hex" of count payload bits from bit start; bits at or after
 * zero_from read as zero (gpsd's copy-and-shift for types 25/26). */
static inline void put_data(struct w *w, unsigned start, unsigned count, unsigned zero_from)
{
    static const char hx[] = "0123456789abcdef";
    char tmp[2 * (GT_AIS_MAX_BITS / 8) + 4];
    unsigned nbytes = (count + 7) / 8, i, k = 0;
    for (i = 0; i < nbytes && k + 2 < sizeof tmp; i++) {
        unsigned at = start + 8 * i, v;
        if (at + 8 <= zero_from) {
            v = U(at, 8);
        } else if (at >= zero_from) {
            v = 0;
        } else {
            unsigned keep = zero_from - at;
            v = U(at, keep) << (8 - keep);
        }
        tmp[k++] = hx[v >> 4];
        tmp[k++] = hx[v & 15];
    }
    tmp[k] = '\0';
    put(w, ",\"data\":\"%u:%s\"", count, tmp);
}

static inline void put_ll(struct w *w, const char *klon, const char *klat, int32_t lon, int32_t lat,
                          double div, int prec)
{
    if (w->scaled) {
        put(w, ",\"%s\":", klon);
        put_fixed(w, (double)lon / div, prec);
        put(w, ",\"%s\":", klat);
        put_fixed(w, (double)lat / div, prec);
    } else {
        put(w, ",\"%s\":%d,\"%s\":%d", klon, lon, klat, lat);
    }
}

/* gpsd's ship type legend for code n (buf holds composed texts). */
const char *gt__gpsd_shiptype_text(unsigned n, char *buf, size_t size);

/* Types 6 and 8: addressed and broadcast binary messages (ais_gpsd_apps.c). */
void gt__gpsd_type6(struct w *w);
void gt__gpsd_type8(struct w *w);

#endif /* GT_AIS_INT_H */
