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
    /* C1 CSI (U+009B), NEL (U+0085), bidi override and isolate controls */
    CHECK(gt_esc_text,
          "a\xc2\x9b"
          "31mb\xc2\x85",
          "a 31mb ");
    CHECK(gt_esc_text, "x\xe2\x80\xaey\xe2\x81\xa6z\xe2\x81\xa9", "x y z ");
    CHECK(gt_esc_text, "tab\tkept \xc3\xa9t\xc3\xa9", "tab\tkept \xc3\xa9t\xc3\xa9");
}

/* Whole lines for a terminal: newline and tab kept, every other control
 * (ESC, CR, BEL, DEL, C1, bidi) shown as U+FFFD (issue #15, item 13). */
static void test_term(void)
{
    CHECK(gt_esc_term, "B7\x1b[31m\n", "B7\xef\xbf\xbd[31m\n");
    CHECK(gt_esc_term, "a\tb\r\x07\x7f", "a\tb\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    CHECK(gt_esc_term,
          "\xc2\x9b"
          "2J",
          "\xef\xbf\xbd"
          "2J");
    CHECK(gt_esc_term,
          "\xe2\x80\xae"
          "abc",
          "\xef\xbf\xbd"
          "abc");
    CHECK(gt_esc_term, "\xe2\x82\xac 5", "\xe2\x82\xac 5");
}

/* Where a piece of text may be cut without splitting a UTF-8 sequence. */
static void test_utf8_complete(void)
{
    GT_ASSERT_EQ_INT(gt_esc_utf8_complete("abc", 3), 3);
    GT_ASSERT_EQ_INT(gt_esc_utf8_complete("", 0), 0);
    GT_ASSERT_EQ_INT(gt_esc_utf8_complete("a\xe2\x82\xac", 4), 4); /* whole euro sign */
    GT_ASSERT_EQ_INT(gt_esc_utf8_complete("a\xe2\x82", 3), 1);     /* cut after 2 of 3 */
    GT_ASSERT_EQ_INT(gt_esc_utf8_complete("a\xe2", 2), 1);
    GT_ASSERT_EQ_INT(gt_esc_utf8_complete("a\xf0\x9f\x98", 4), 1); /* 3 of 4 */
    GT_ASSERT_EQ_INT(gt_esc_utf8_complete("a\xc3", 2), 1);
    GT_ASSERT_EQ_INT(gt_esc_utf8_complete("a\x80", 2), 2); /* a stray byte: nothing to wait for */
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
             {"terminal", test_term}, {"utf8 cut point", test_utf8_complete}, {"limit", test_limit})
