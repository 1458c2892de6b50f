/*
 * test_esc.c - escaping of hostile strings for every output format.
 */
#include "ghosttrack/esc.h"
#include "test.h"

typedef int esc_fn(struct gt_buf *b, const char *s, size_t n);

/* Escape s with fn and compare with want. */
static int check(esc_fn *fn, const char *s, size_t n, const char *want)
{
    struct gt_buf b;
    int ok;

    gt_buf_init(&b, 4096);
    if (fn(&b, s, n) != GT_OK) {
        gt_buf_release(&b);
        return 0;
    }
    ok = strcmp(gt_buf_str(&b), want) == 0;
    if (!ok) {
        printf("#   got <%s> want <%s>\n", gt_buf_str(&b), want);
    }
    gt_buf_release(&b);
    return ok;
}

#define CHECK(fn, s, want) GT_ASSERT(check(fn, s, sizeof(s) - 1, want))

static void test_json(void)
{
    CHECK(gt_esc_json, "NORDIC", "\"NORDIC\"");
    CHECK(gt_esc_json, "a\"b\\c", "\"a\\\"b\\\\c\"");
    CHECK(gt_esc_json, "</script><img src=x onerror=alert(1)>",
          "\"\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e\"");
    CHECK(gt_esc_json, "l1\nl2\t\x01", "\"l1\\nl2\\t\\u0001\"");
    CHECK(gt_esc_json, "a\0b", "\"a\\u0000b\"");
    CHECK(gt_esc_json, "caf\xc3\xa9", "\"caf\xc3\xa9\"");           /* valid UTF-8 kept */
    CHECK(gt_esc_json, "bad\xff", "\"bad\xef\xbf\xbd\"");           /* invalid -> U+FFFD */
    CHECK(gt_esc_json, "\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\""); /* overlong '/' */
    CHECK(gt_esc_json, "\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""); /* surrogate */
    CHECK(gt_esc_json, "\xe2\x80\xa8", "\"\\u2028\"");
    CHECK(gt_esc_json, "\xe2\x82", "\"\xef\xbf\xbd\xef\xbf\xbd\""); /* truncated */
}

static void test_xml(void)
{
    CHECK(gt_esc_xml, "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK(gt_esc_xml, "A&B \"Q\" 'S'", "A&amp;B &quot;Q&quot; &#39;S&#39;");
    CHECK(gt_esc_xml, "x\x01y\x1fz", "xyz"); /* forbidden in XML 1.0 */
    CHECK(gt_esc_xml, "]]>", "]]&gt;");
}

static void test_csv(void)
{
    CHECK(gt_esc_csv, "plain", "plain");
    CHECK(gt_esc_csv, "a,b", "\"a,b\"");
    CHECK(gt_esc_csv, "say \"hi\"", "\"say \"\"hi\"\"\"");
    CHECK(gt_esc_csv, "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(gt_esc_csv, "+1", "'+1");
    CHECK(gt_esc_csv, "-cmd", "'-cmd");
    CHECK(gt_esc_csv, "@SUM(A1)", "'@SUM(A1)");
    CHECK(gt_esc_csv, "two\nlines", "\"two\nlines\"");
    CHECK(gt_esc_csv, "", "");
}

static void test_text(void)
{
    CHECK(gt_esc_text, "a\nb\x1b[31m", "a b [31m");
    CHECK(gt_esc_text, "ok\xfe", "ok\xef\xbf\xbd");
}

static void test_limit(void)
{
    struct gt_buf b;

    gt_buf_init(&b, 8);
    GT_ASSERT_EQ_INT(gt_esc_json(&b, "<<<<", 4), GT_ERR_TOOBIG);
    GT_ASSERT_EQ_INT(gt_buf_len(&b), 0);
    gt_buf_release(&b);
}

GT_TEST_MAIN({"json", test_json}, {"xml", test_xml}, {"csv", test_csv}, {"text", test_text},
             {"limit", test_limit})
