/*
 * test_fmt.c - the printf-free formatters (fmt.h) write printf's bytes.
 */
#include <float.h>
#include <stdint.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/fmt.h"
#include "test.h"

/* A small deterministic generator (xorshift64*). */
static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717ull;
}

static void check_fixed(double v, int prec)
{
    char got[GT_FMT_FIXED_MAX + 1], want[GT_FMT_FIXED_MAX + 1];
    size_t n = gt_fmt_fixed(got, v, prec);
    got[n] = '\0';
    snprintf(want, sizeof want, "%.*f", prec, v);
    if (strcmp(got, want) != 0) {
        GT__FAIL("gt_fmt_fixed(%.17g, %d) = \"%s\", printf \"%s\"", v, prec, got, want);
    }
}

static void test_fixed_edges(void)
{
    static const double v[] = {0.0,       -0.0,
                               0.5,       1.5,
                               2.5,       -0.5,
                               0.125,     0.375,
                               1e-7,      -1e-7,
                               -0.04,     0.05,
                               0.15,      0.25,
                               0.35,      2.675,
                               1.005,     179.9999995,
                               -90.0,     1023.0,
                               102.2,     4503599627370496.0,
                               1e15,      1e300,
                               -1e300,    DBL_MAX,
                               -DBL_MAX,  DBL_MIN,
                               5e-324,    INFINITY,
                               -INFINITY, NAN};
    size_t i;
    int p;
    for (i = 0; i < sizeof v / sizeof v[0]; i++) {
        for (p = 0; p <= 17; p++) {
            check_fixed(v[i], p);
        }
    }
}

static void test_fixed_random(void)
{
    int i, p;
    for (i = 0; i < 200000; i++) {
        uint64_t r = next();
        /* values of the writers' ranges, including exact decimal ties */
        double lat = ((double)(int64_t)(r % 108000001) - 54000000) / 600000.0;
        double tie = ((double)(int64_t)(r % 2000001) - 1000000) / 8.0;
        double raw;
        memcpy(&raw, &r, sizeof raw);
        for (p = 0; p <= 7; p++) {
            check_fixed(lat, p);
            check_fixed(tie, p);
            check_fixed((double)(r % 100000) / 1000.0, p);
        }
        check_fixed(raw, (int)(r % 18));
    }
}

static void test_ints(void)
{
    static const int64_t v[] = {0,  1,   9,         10,       99, 100, 4294967295ll, 4294967296ll,
                                -1, -10, INT64_MAX, INT64_MIN};
    char got[32], want[32];
    size_t i, n;
    for (i = 0; i < sizeof v / sizeof v[0]; i++) {
        n = gt_fmt_i64(got, v[i]);
        got[n] = '\0';
        snprintf(want, sizeof want, "%lld", (long long)v[i]);
        GT_ASSERT_EQ_STR(got, want);
        n = gt_fmt_u64(got, (uint64_t)v[i]);
        got[n] = '\0';
        snprintf(want, sizeof want, "%llu", (unsigned long long)v[i]);
        GT_ASSERT_EQ_STR(got, want);
        n = gt_fmt_hex(got, (uint64_t)v[i], 6);
        got[n] = '\0';
        snprintf(want, sizeof want, "%06llx", (unsigned long long)v[i]);
        GT_ASSERT_EQ_STR(got, want);
    }
}

/* gt_fmt_buf() against gt_buf_addf() on one format and its arguments. */
#define SAME(...)                                                                                  \
    do {                                                                                           \
        struct gt_buf a, b;                                                                        \
        gt_buf_init(&a, 1 << 16);                                                                  \
        gt_buf_init(&b, 1 << 16);                                                                  \
        GT_ASSERT_EQ_INT(gt_fmt_buf(&a, __VA_ARGS__), GT_OK);                                      \
        GT_ASSERT_EQ_INT(gt_buf_addf(&b, __VA_ARGS__), GT_OK);                                     \
        GT_ASSERT_EQ_STR(gt_buf_str(&a), gt_buf_str(&b));                                          \
        gt_buf_release(&a);                                                                        \
        gt_buf_release(&b);                                                                        \
    } while (0)

static void test_buf_fmt(void)
{
    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    SAME("plain");
    SAME("%d|%i|%u|%x|%X|%%|%c", -42, 7, 4000000000u, 0xbeefu, 0xbeefu, 'q');
    SAME("%02u-%02u %04u %06x %3d %05d %5u", 3u, 12u, 7u, 0xabcu, -4, -42, 17u);
    SAME("%lld %llu %llx %016llx %ld %lu %zu", -1234567890123ll, 18446744073709551615ull, 0x1234ull,
         0xfeedull, -5l, 6ul, (size_t)77);
    SAME("%hhu %hu %hd", (unsigned char)44, (unsigned short)7000, (short)-400);
    SAME("%s=\"%s\" %s", "key", "", "(x)");
    SAME("%.0f %.1f %.2f %.3f %.4f %.6f %f %lf", 2.5, -0.04, 1.005, 0.0005, 12.34565, 179.9999995,
         -3.25, 1e20);
    SAME("%s%s", big, big);
    SAME("%-5d|%+d|%e|%g|%10.3f|%p", 3, 4, 1.5, 2.5, 3.25, (void *)big); /* handed on */
    SAME("%u %s %5.1f %d %s", 1u, "a", 2.25, -3, "b");                   /* from the middle */
    SAME("%s|%u|%e|%d", big, 5u, 1.5, 6);                                /* after a flush */
}

static void test_buf_fmt_errors(void)
{
    struct gt_buf b;
    gt_buf_init(&b, 8);
    GT_ASSERT_EQ_INT(gt_fmt_buf(&b, "%u", 1234567u), GT_OK);
    GT_ASSERT_EQ_INT(gt_fmt_buf(&b, "%u", 1u), GT_ERR_TOOBIG);
    GT_ASSERT_EQ_INT(gt_fmt_buf(&b, "%d", 1), GT_ERR_TOOBIG); /* sticky */
    GT_ASSERT_EQ_INT(gt_buf_error(&b), GT_ERR_TOOBIG);
    gt_buf_release(&b);
}

GT_TEST_MAIN({"fixed_edges", test_fixed_edges}, {"fixed_random", test_fixed_random},
             {"ints", test_ints}, {"buf_fmt", test_buf_fmt},
             {"buf_fmt_errors", test_buf_fmt_errors})
