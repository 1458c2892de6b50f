/*
 * test_time.c - UTC civil time and ISO 8601 text.
 *
 * Known values: 2019-03-02T21:15:07Z is 1551561307 s (the ARCHITECTURE.md
 * example; `date -u -d @1551561307`), 9999-12-31T23:59:59Z is 253402300799 s,
 * 0001-01-01 is -62135596800 s (Python's datetime agrees on all three).
 */
#include "ghosttrack/time.h"
#include "test.h"

static int64_t iso(const char *s)
{
    int64_t t = -12345;
    if (gt_time_parse_iso(s, strlen(s), &t) != GT_OK) {
        return -12345;
    }
    return t;
}

static void test_known_epochs(void)
{
    GT_ASSERT_EQ_INT(iso("1970-01-01T00:00:00Z"), 0);
    GT_ASSERT_EQ_INT(iso("2019-03-02T21:15:07Z"), 1551561307000LL);
    GT_ASSERT_EQ_INT(iso("9999-12-31T23:59:59Z"), 253402300799000LL);
    GT_ASSERT_EQ_INT(iso("0001-01-01T00:00:00Z"), -62135596800000LL);
    GT_ASSERT_EQ_INT(iso("1969-12-31T23:59:59.999Z"), -1);
    GT_ASSERT_EQ_INT(iso("2000-02-29"), 951782400000LL);
}

static void test_parse_forms(void)
{
    int64_t base = 1551561307000LL;

    GT_ASSERT_EQ_INT(iso("2019-03-02T21:15:07"), base);       /* no zone: UTC */
    GT_ASSERT_EQ_INT(iso("2019-03-02 21:15:07"), base);       /* space separator */
    GT_ASSERT_EQ_INT(iso("2019-03-02t21:15:07z"), base);      /* lower case */
    GT_ASSERT_EQ_INT(iso("2019-03-02T22:15:07+01:00"), base); /* offsets */
    GT_ASSERT_EQ_INT(iso("2019-03-02T17:15:07-04"), base);
    GT_ASSERT_EQ_INT(iso("2019-03-02T17:45:07-0330"), base);
    GT_ASSERT_EQ_INT(iso("20190302T211507Z"), base); /* basic form */
    GT_ASSERT_EQ_INT(iso("2019-03-02T21:15:07.5Z"), base + 500);
    GT_ASSERT_EQ_INT(iso("2019-03-02T21:15:07.123456789Z"), base + 123); /* truncated */
    GT_ASSERT_EQ_INT(iso("2019-03-02T21:15:07,250Z"), base + 250);
    GT_ASSERT_EQ_INT(iso("2019-03-02T21:15Z"), base - 7000);
    GT_ASSERT_EQ_INT(iso("2016-12-31T23:59:60Z"), iso("2017-01-01T00:00:00Z")); /* leap second */
}

static void test_parse_rejects(void)
{
    static const char *bad[] = {
        "",
        "2019",
        "2019-13-01",
        "2019-00-10",
        "2019-02-29",
        "1900-02-29",
        "2019-04-31",
        "2019-03-02T24:00:00Z",
        "2019-03-02T21:60:00Z",
        "2019-03-02T21:15:61Z",
        "2019-03-02T21:15:07.Z",
        "2019-03-02T21:15:07Zjunk",
        "2019-03-02T21:15:07+25:00",
        "2019-3-2",
        "2019-03-02T21:15:07.1234567890Z",
        "abcd-ef-ghT",
        "2019-03-02T21",
    };
    size_t i;
    int64_t t;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (gt_time_parse_iso(bad[i], strlen(bad[i]), &t) != GT_ERR_BADDATA) {
            GT__FAIL("accepted bad time \"%s\"", bad[i]);
        }
    }
    /* length is honoured: the text need not be NUL-terminated */
    GT_ASSERT_EQ_INT(gt_time_parse_iso("2019-03-02T21:15:07Zxx", 20, &t), GT_OK);
    GT_ASSERT_EQ_INT(t, 1551561307000LL);
}

static void test_format(void)
{
    char buf[GT_TIME_ISO_MAX];

    GT_ASSERT_EQ_INT(gt_time_format_iso(1551561307000LL, buf, sizeof buf, 0), 20);
    GT_ASSERT_EQ_STR(buf, "2019-03-02T21:15:07Z");
    gt_time_format_iso(1551561307000LL, buf, sizeof buf, GT_TIME_MS);
    GT_ASSERT_EQ_STR(buf, "2019-03-02T21:15:07.000Z");
    gt_time_format_iso(1551561307042LL, buf, sizeof buf, 0);
    GT_ASSERT_EQ_STR(buf, "2019-03-02T21:15:07.042Z");
    gt_time_format_iso(-1, buf, sizeof buf, 0);
    GT_ASSERT_EQ_STR(buf, "1969-12-31T23:59:59.999Z");
    gt_time_format_iso(951782400000LL, buf, sizeof buf, 0);
    GT_ASSERT_EQ_STR(buf, "2000-02-29T00:00:00Z");
    GT_ASSERT_EQ_INT(gt_time_format_iso(253402300800000LL, buf, sizeof buf, 0), GT_ERR_RANGE);
    GT_ASSERT_EQ_INT(gt_time_format_iso(0, buf, 8, 0), GT_ERR_RANGE);
}

/* Format then parse gives back the same millisecond over 400 years of
 * irregular steps (every leap-year rule is crossed). */
static void test_round_trip(void)
{
    int64_t t;
    char buf[GT_TIME_ISO_MAX];

    for (t = -2208988800000LL; t < 10413792000000LL; t += 7777777777LL) {
        int64_t back = 0;
        int n = gt_time_format_iso(t, buf, sizeof buf, 0);
        GT_ASSERT(n > 0);
        GT_ASSERT_EQ_INT(gt_time_parse_iso(buf, (size_t)n, &back), GT_OK);
        GT_ASSERT_EQ_INT(back, t);
    }
}

static void test_civil(void)
{
    struct gt_civil c;

    gt_time_to_civil(1551561307042LL, &c);
    GT_ASSERT_EQ_INT(c.year, 2019);
    GT_ASSERT_EQ_INT(c.month, 3);
    GT_ASSERT_EQ_INT(c.day, 2);
    GT_ASSERT_EQ_INT(c.hour, 21);
    GT_ASSERT_EQ_INT(c.min, 15);
    GT_ASSERT_EQ_INT(c.sec, 7);
    GT_ASSERT_EQ_INT(c.ms, 42);
    GT_ASSERT_EQ_INT(gt_time_from_civil(&c), 1551561307042LL);
}

static void test_parse_cli_forms(void)
{
    int64_t t = 0;

    GT_ASSERT_EQ_INT(gt_time_parse("1551561307", 10, &t), GT_OK);
    GT_ASSERT_EQ_INT(t, 1551561307000LL);
    GT_ASSERT_EQ_INT(gt_time_parse("1551561307.25", 13, &t), GT_OK);
    GT_ASSERT_EQ_INT(t, 1551561307250LL);
    GT_ASSERT_EQ_INT(gt_time_parse("2019-03-02", 10, &t), GT_OK);
    GT_ASSERT_EQ_INT(t, 1551484800000LL);
    GT_ASSERT_EQ_INT(gt_time_parse("1551561307.", 11, &t), GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(gt_time_parse("12x", 3, &t), GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(gt_time_parse("", 0, &t), GT_ERR_BADDATA);
}

GT_TEST_MAIN({"known_epochs", test_known_epochs}, {"parse_forms", test_parse_forms},
             {"parse_rejects", test_parse_rejects}, {"format", test_format},
             {"round_trip", test_round_trip}, {"civil", test_civil},
             {"parse_cli_forms", test_parse_cli_forms})
