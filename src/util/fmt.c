/*
 * fmt.c - printf-free formatting of numbers (fmt.h).  glibc's printf
 * spends most of its time on the machinery around a conversion (the
 * format walk with locale and positional arguments, the FILE-like buffer
 * of vsnprintf); the conversions themselves are simple when the result is
 * allowed to be the plain C-locale text every writer here wants.
 *
 * Fixed-point doubles: with x = |v| * 10^prec computed in one correctly
 * rounded multiplication (10^prec is exact for prec <= 22), x is within
 * x * 2^-53 of the exact product, so the fraction of x decides the rounding
 * exactly unless it lies within that distance of one half.  Those
 * near-ties (one value in about 10^7 for a latitude at 6 decimals), and
 * values of 2^52 and beyond, NaN and infinity, go to snprintf, which rounds
 * the exact binary value half to even: the bytes are always printf's.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ghosttrack/fmt.h"

static const char d2[] = "00010203040506070809101112131415161718192021222324252627282930313233"
                         "34353637383940414243444546474849505152535455565758596061626364656667"
                         "6869707172737475767778798081828384858687888990919293949596979899";

size_t gt_fmt_u64(char *dst, uint64_t v)
{
    char t[20];
    int k = 20;
    uint32_t v32;

    if (v < 100) { /* flags, codes and small counts: most of a line */
        if (v < 10) {
            dst[0] = (char)('0' + (int)v);
            return 1;
        }
        dst[0] = d2[2 * v];
        dst[1] = d2[2 * v + 1];
        return 2;
    }
    while (v > 0xffffffffu) {
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        t[--k] = d2[2 * r + 1];
        t[--k] = d2[2 * r];
    }
    v32 = (uint32_t)v; /* 32-bit divisions from here: most values fit */
    while (v32 >= 100) {
        unsigned r = v32 % 100;
        v32 /= 100;
        t[--k] = d2[2 * r + 1];
        t[--k] = d2[2 * r];
    }
    if (v32 >= 10) {
        t[--k] = d2[2 * v32 + 1];
        t[--k] = d2[2 * v32];
    } else {
        t[--k] = (char)('0' + (int)v32);
    }
    memcpy(dst, t + k, (size_t)(20 - k));
    return (size_t)(20 - k);
}

size_t gt_fmt_i64(char *dst, int64_t v)
{
    if (v < 0) {
        dst[0] = '-';
        return 1 + gt_fmt_u64(dst + 1, (uint64_t)(-(v + 1)) + 1u);
    }
    return gt_fmt_u64(dst, (uint64_t)v);
}

size_t gt_fmt_hex(char *dst, uint64_t v, int width)
{
    static const char hx[] = "0123456789abcdef";
    char t[16];
    int k = 16;
    size_t n = 0;

    do {
        t[--k] = hx[v & 15u];
        v >>= 4;
    } while (v != 0);
    for (; width > 16 - k; width--) {
        dst[n++] = '0';
    }
    memcpy(dst + n, t + k, (size_t)(16 - k));
    return n + (size_t)(16 - k);
}

size_t gt_fmt_fixed(char *dst, double v, int prec)
{
    static const double pw[18] = {1e0, 1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,
                                  1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17};
    static const uint64_t pu[18] = {1u,
                                    10u,
                                    100u,
                                    1000u,
                                    10000u,
                                    100000u,
                                    1000000u,
                                    10000000u,
                                    100000000u,
                                    1000000000u,
                                    10000000000u,
                                    100000000000u,
                                    1000000000000u,
                                    10000000000000u,
                                    100000000000000u,
                                    1000000000000000u,
                                    10000000000000000u,
                                    100000000000000000u};
    double a = fabs(v), x, fl, f;
    uint64_t q, ip, fp;
    size_t n = 0;
    int k;

    if (prec < 0 || prec > 17 || !(a < 4503599627370496.0 / pw[prec])) { /* 2^52; NaN */
        goto slow;
    }
    x = a * pw[prec];
    fl = floor(x);
    f = x - fl; /* exact below 2^52 */
    if (fabs(f - 0.5) <= x * 0x1p-50 + 0x1p-60) {
        goto slow; /* a near-tie: the exact binary value decides */
    }
    q = (uint64_t)fl + (f > 0.5);
    ip = q / pu[prec];
    fp = q % pu[prec];
    if (signbit(v)) {
        dst[n++] = '-';
    }
    n += gt_fmt_u64(dst + n, ip);
    if (prec > 0) {
        dst[n++] = '.';
        for (k = prec - 1; k >= 0; k--) {
            dst[n + (size_t)k] = (char)('0' + (int)(fp % 10));
            fp /= 10;
        }
        n += (size_t)prec;
    }
    return n;
slow : {
    int r = snprintf(dst, GT_FMT_FIXED_MAX, "%.*f", prec < 0 ? 6 : prec > 17 ? 17 : prec, v);
    return r < 0 ? 0 : (size_t)r >= GT_FMT_FIXED_MAX ? GT_FMT_FIXED_MAX - 1 : (size_t)r;
}
}

/* One conversion of a format: "%[0][width][.prec][len]conv". */
struct spec {
    int zero, width, prec;
    int len; /* 0 int, 'H' char, 'h' short, 'l' long, 'L' long long, 'z' size_t */
    char conv;
};

/* Parse the conversion after a '%'; returns the first byte after it, or NULL
 * when it is one this file does not do. */
static const char *parse_spec(const char *f, struct spec *s)
{
    s->zero = 0;
    s->width = 0;
    s->prec = -1;
    s->len = 0;
    if (*f == '0') {
        s->zero = 1;
        f++;
    }
    while (*f >= '0' && *f <= '9') {
        s->width = s->width * 10 + (*f++ - '0');
        if (s->width > 64) {
            return NULL;
        }
    }
    if (*f == '.') {
        f++;
        s->prec = 0;
        while (*f >= '0' && *f <= '9') {
            s->prec = s->prec * 10 + (*f++ - '0');
            if (s->prec > 17) {
                return NULL;
            }
        }
    }
    if (f[0] == 'h') {
        s->len = f[1] == 'h' ? 'H' : 'h';
        f += f[1] == 'h' ? 2 : 1;
    } else if (f[0] == 'l') {
        s->len = f[1] == 'l' ? 'L' : 'l';
        f += f[1] == 'l' ? 2 : 1;
    } else if (f[0] == 'z') {
        s->len = 'z';
        f++;
    }
    s->conv = *f;
    switch (s->conv) {
    case 'd':
    case 'i':
        if (s->len == 'z' || s->prec >= 0) {
            return NULL;
        }
        break;
    case 'u':
    case 'x':
    case 'X':
        if (s->prec >= 0) {
            return NULL;
        }
        break;
    case 's':
    case 'c':
        if (s->len != 0 || s->prec >= 0 || s->width != 0 || s->zero) {
            return NULL;
        }
        break;
    case 'f':
        if ((s->len != 0 && s->len != 'l') || s->width != 0 || s->zero) {
            return NULL;
        }
        break;
    default:
        return NULL;
    }
    return f + 1;
}

void gt_fmt_line_init(struct gt_fmt_line *l, struct gt_buf *b)
{
    l->b = b;
    l->n = 0;
    l->rc = gt_buf_error(b);
}

int gt_fmt_line_flush(struct gt_fmt_line *l)
{
    if (l->n > 0 && l->rc == GT_OK) {
        l->rc = gt_buf_add(l->b, l->p, l->n);
    }
    l->n = 0;
    return l->rc;
}

void gt_fmt_line_mem(struct gt_fmt_line *l, const char *s, size_t n)
{
    if (l->n + n > sizeof l->p) {
        (void)gt_fmt_line_flush(l);
        if (n > sizeof l->p) {
            if (l->rc == GT_OK) {
                l->rc = gt_buf_add(l->b, s, n);
            }
            return;
        }
    }
    memcpy(l->p + l->n, s, n);
    l->n += n;
}

static void out_pad(struct gt_fmt_line *o, char c, int n)
{
    char t[64];
    if (n > 0) {
        memset(t, c, (size_t)n);
        gt_fmt_line_mem(o, t, (size_t)n);
    }
}

/* An integer conversion: sign (may be NUL), digits, padded to width. */
static void out_int(struct gt_fmt_line *o, const struct spec *s, char sign, const char *dig,
                    size_t nd)
{
    int pad = s->width - (int)nd - (sign != 0);
    if (!s->zero) {
        out_pad(o, ' ', pad);
    }
    if (sign != 0) {
        gt_fmt_line_mem(o, &sign, 1);
    }
    if (s->zero) {
        out_pad(o, '0', pad);
    }
    gt_fmt_line_mem(o, dig, nd);
}

/* The rest of a format from its first conversion this file does not do,
 * with the arguments not yet used: the C library formats it (ap may be a
 * va_list that va_arg has already advanced). */
GT_PRINTF(2, 0) static int rest_by_libc(struct gt_fmt_line *o, const char *rest, va_list ap)
{
    (void)gt_fmt_line_flush(o);
    if (o->rc == GT_OK) {
        o->rc = gt_buf_vaddf(o->b, rest, ap);
    }
    return o->rc;
}

int gt_fmt_line_vadd(struct gt_fmt_line *o, const char *fmt, va_list ap)
{
    const char *f = fmt, *lit;
    struct spec s;

    if (o->rc != GT_OK) {
        return o->rc;
    }
    while (*f != '\0') {
        char t[GT_FMT_FIXED_MAX];
        const char *next;
        size_t n;
        lit = f;
        while (*f != '\0' && *f != '%') {
            f++;
        }
        gt_fmt_line_mem(o, lit, (size_t)(f - lit));
        if (*f == '\0') {
            break;
        }
        /* the three conversions most formats are made of, without parsing */
        if (f[1] == 's') {
            const char *str = va_arg(ap, const char *);
            if (str == NULL) {
                str = "(null)";
            }
            gt_fmt_line_mem(o, str, strlen(str));
            f += 2;
            continue;
        }
        if (f[1] == 'u') {
            unsigned v = va_arg(ap, unsigned);
            if (o->n + 20 <= sizeof o->p) {
                o->n += gt_fmt_u64(o->p + o->n, v);
            } else {
                n = gt_fmt_u64(t, v);
                gt_fmt_line_mem(o, t, n);
            }
            f += 2;
            continue;
        }
        if (f[1] == '%') {
            gt_fmt_line_mem(o, "%", 1);
            f += 2;
            continue;
        }
        next = parse_spec(f + 1, &s);
        if (next == NULL) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
            return rest_by_libc(o, f, ap);
#pragma GCC diagnostic pop
        }
        f = next;
        switch (s.conv) {
        case 'd':
        case 'i': {
            long long v;
            if (s.len == 'L') {
                v = va_arg(ap, long long);
            } else if (s.len == 'l') {
                v = va_arg(ap, long);
            } else if (s.len == 'h') {
                v = (short)va_arg(ap, int);
            } else if (s.len == 'H') {
                v = (signed char)va_arg(ap, int);
            } else {
                v = va_arg(ap, int);
            }
            n = gt_fmt_u64(t, v < 0 ? (uint64_t)(-(v + 1)) + 1u : (uint64_t)v);
            out_int(o, &s, v < 0 ? '-' : 0, t, n);
            break;
        }
        case 'u':
        case 'x':
        case 'X': {
            unsigned long long v;
            if (s.len == 'L') {
                v = va_arg(ap, unsigned long long);
            } else if (s.len == 'l') {
                v = va_arg(ap, unsigned long);
            } else if (s.len == 'z') {
                v = va_arg(ap, size_t);
            } else if (s.len == 'h') {
                v = (unsigned short)va_arg(ap, unsigned);
            } else if (s.len == 'H') {
                v = (unsigned char)va_arg(ap, unsigned);
            } else {
                v = va_arg(ap, unsigned);
            }
            if (s.conv == 'u') {
                n = gt_fmt_u64(t, v);
            } else {
                n = gt_fmt_hex(t, v, 0);
                if (s.conv == 'X') {
                    size_t i;
                    for (i = 0; i < n; i++) {
                        if (t[i] >= 'a') {
                            t[i] = (char)(t[i] - 'a' + 'A');
                        }
                    }
                }
            }
            out_int(o, &s, 0, t, n);
            break;
        }
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (str == NULL) {
                str = "(null)";
            }
            gt_fmt_line_mem(o, str, strlen(str));
            break;
        }
        case 'c':
            t[0] = (char)va_arg(ap, int);
            gt_fmt_line_mem(o, t, 1);
            break;
        default: /* 'f' */
            n = gt_fmt_fixed(t, va_arg(ap, double), s.prec < 0 ? 6 : s.prec);
            gt_fmt_line_mem(o, t, n);
            break;
        }
    }
    return o->rc;
}

int gt_fmt_vbuf(struct gt_buf *b, const char *fmt, va_list ap)
{
    struct gt_fmt_line o;
    gt_fmt_line_init(&o, b);
    (void)gt_fmt_line_vadd(&o, fmt, ap);
    return gt_fmt_line_flush(&o);
}

int gt_fmt_buf(struct gt_buf *b, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = gt_fmt_vbuf(b, fmt, ap);
    va_end(ap);
    return rc;
}
