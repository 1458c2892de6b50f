/*
 * test_csv.c - the one RFC 4180 splitter (util/csv.c): the examples of
 * RFC 4180 section 2 (quoted fields with commas, doubled quotes and line
 * breaks; CR LF), a byte-order mark, trimming, blank lines, the bounds
 * (too many fields, a record too long, a quote left open), and the line-fed
 * and whole-buffer modes agreeing.
 */
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/csv.h"
#include "test.h"

static struct gt_csv g_c;

static int line(const char *s)
{
    return gt_csv_line(&g_c, (const uint8_t *)s, strlen(s));
}

static void test_plain(void)
{
    gt_csv_init(&g_c, 0);
    GT_ASSERT_EQ_INT(line("aaa,bbb,ccc\r\n"), 1); /* RFC 4180 2.1, CR LF */
    GT_ASSERT_EQ_INT(g_c.n, 3);
    GT_ASSERT_EQ_STR(g_c.f[0].p, "aaa");
    GT_ASSERT_EQ_STR(g_c.f[2].p, "ccc");
    GT_ASSERT_EQ_INT(g_c.f[2].n, 3);
    GT_ASSERT_EQ_INT(line("a,,"), 1); /* empty fields, no line end */
    GT_ASSERT_EQ_INT(g_c.n, 3);
    GT_ASSERT_EQ_INT(g_c.f[1].n, 0);
    GT_ASSERT_EQ_STR(gt_csv_get(&g_c, 2), "");
    GT_ASSERT_EQ_STR(gt_csv_get(&g_c, 9), "");
    GT_ASSERT_EQ_INT(line("\r\n"), 1); /* a blank line: no fields */
    GT_ASSERT_EQ_INT(g_c.n, 0);
}

static void test_quotes(void)
{
    gt_csv_init(&g_c, 0);
    /* RFC 4180 2.6 and 2.7: commas and doubled quotes inside quotes */
    GT_ASSERT_EQ_INT(line("\"aaa\",\"b,bb\",\"c\"\"cc\"\"\"\n"), 1);
    GT_ASSERT_EQ_INT(g_c.n, 3);
    GT_ASSERT_EQ_STR(g_c.f[0].p, "aaa");
    GT_ASSERT_EQ_INT(g_c.f[0].quoted, 1);
    GT_ASSERT_EQ_STR(g_c.f[1].p, "b,bb");
    GT_ASSERT_EQ_STR(g_c.f[2].p, "c\"cc\"");
    /* MarineCadastre's vessel name of #15 item 13 */
    GT_ASSERT_EQ_INT(line("367000001,\"SMITH \"\"JR\"\"\",x"), 1);
    GT_ASSERT_EQ_STR(g_c.f[1].p, "SMITH \"JR\"");
    /* a quote inside an unquoted field is an ordinary character */
    GT_ASSERT_EQ_INT(line("ab\"c,d"), 1);
    GT_ASSERT_EQ_STR(g_c.f[0].p, "ab\"c");
    GT_ASSERT_EQ_INT(g_c.f[0].quoted, 0);
    /* the empty quoted field */
    GT_ASSERT_EQ_INT(line("\"\",x"), 1);
    GT_ASSERT_EQ_INT(g_c.n, 2);
    GT_ASSERT_EQ_INT(g_c.f[0].n, 0);
}

static void test_line_breaks(void)
{
    gt_csv_init(&g_c, 0);
    /* RFC 4180 2.6: a line break inside a quoted field, fed line by line */
    GT_ASSERT_EQ_INT(line("\"aaa\",\"b\r\n"), 0);
    GT_ASSERT(gt_csv_pending(&g_c));
    GT_ASSERT_EQ_INT(line("bb\",\"ccc\"\r\n"), 1);
    GT_ASSERT(!gt_csv_pending(&g_c));
    GT_ASSERT_EQ_INT(g_c.n, 3);
    GT_ASSERT_EQ_STR(g_c.f[1].p, "b\nbb");
    GT_ASSERT_EQ_STR(g_c.f[2].p, "ccc");
    /* a blank line inside quotes is text */
    GT_ASSERT_EQ_INT(line("\"x"), 0);
    GT_ASSERT_EQ_INT(line(""), 0);
    GT_ASSERT_EQ_INT(line("y\""), 1);
    GT_ASSERT_EQ_STR(g_c.f[0].p, "x\n\ny");
    /* reset drops a partial record */
    GT_ASSERT_EQ_INT(line("\"open"), 0);
    gt_csv_reset(&g_c);
    GT_ASSERT_EQ_INT(line("a,b"), 1);
    GT_ASSERT_EQ_INT(g_c.n, 2);
}

static void test_bom_trim(void)
{
    gt_csv_init(&g_c, GT_CSV_TRIM);
    GT_ASSERT_EQ_INT(line("\xef\xbb\xbfMMSI , LAT,\t\"LON \" "), 1);
    GT_ASSERT_EQ_INT(g_c.n, 3);
    GT_ASSERT_EQ_STR(g_c.f[0].p, "MMSI");
    GT_ASSERT_EQ_STR(g_c.f[1].p, "LAT");
    GT_ASSERT_EQ_INT(gt_csv_find(&g_c, "lat"), 1);
    GT_ASSERT_EQ_INT(gt_csv_find(&g_c, "mmsi"), 0);
    GT_ASSERT_EQ_INT(gt_csv_find(&g_c, "sog"), -1);
    /* only the first line may carry a byte-order mark */
    GT_ASSERT_EQ_INT(line("\xef\xbb\xbfx"), 1);
    GT_ASSERT_EQ_INT(g_c.f[0].n, 4);
    gt_csv_init(&g_c, 0);
    GT_ASSERT_EQ_INT(line(" a ,b"), 1);
    GT_ASSERT_EQ_STR(g_c.f[0].p, " a "); /* RFC 4180 2.4: spaces are data */
}

static void test_bounds(void)
{
    char *big = malloc(GT_CSV_RECORD_MAX + 10);
    size_t i;

    GT_ASSERT(big != NULL);
    gt_csv_init(&g_c, 0);
    /* more fields than kept: counted, not stored */
    for (i = 0; i < GT_CSV_MAX_FIELDS + 5; i++) {
        big[2 * i] = 'x';
        big[2 * i + 1] = ',';
    }
    big[2 * i - 1] = '\0';
    GT_ASSERT_EQ_INT(line(big), 1);
    GT_ASSERT_EQ_INT(g_c.n, GT_CSV_MAX_FIELDS);
    GT_ASSERT_EQ_INT(g_c.dropped, 5);
    /* a record longer than the buffer is refused, the next line is fresh */
    memset(big, 'a', GT_CSV_RECORD_MAX + 5);
    big[GT_CSV_RECORD_MAX + 5] = '\0';
    GT_ASSERT_EQ_INT(line(big), GT_ERR_TOOBIG);
    /* commas only: the NULs alone fill the buffer */
    memset(big, ',', GT_CSV_RECORD_MAX + 5);
    GT_ASSERT_EQ_INT(line(big), GT_ERR_TOOBIG);
    GT_ASSERT_EQ_INT(line("ok"), 1);
    GT_ASSERT_EQ_STR(g_c.f[0].p, "ok");
    /* a quote left open gives up after GT_CSV_MAX_LINES lines */
    GT_ASSERT_EQ_INT(line("\"never closed"), 0);
    for (i = 1; i < GT_CSV_MAX_LINES; i++) {
        GT_ASSERT_EQ_INT(line("more"), 0);
    }
    GT_ASSERT_EQ_INT(line("more"), GT_ERR_TOOBIG);
    GT_ASSERT_EQ_INT(line("a,b"), 1);
    GT_ASSERT_EQ_INT(g_c.n, 2);
    free(big);
}

static void test_buffer(void)
{
    static const char in[] = "\xef\xbb\xbfh1,h2\r\n"
                             "1,\"two\r\nlines\"\r\n"
                             "\n"
                             "3,\"unterminated";
    const uint8_t *p = (const uint8_t *)in;
    size_t pos = 0, n = sizeof in - 1;

    gt_csv_init(&g_c, 0);
    GT_ASSERT_EQ_INT(gt_csv_next(&g_c, p, n, &pos), 1);
    GT_ASSERT_EQ_STR(g_c.f[0].p, "h1");
    GT_ASSERT_EQ_INT(gt_csv_next(&g_c, p, n, &pos), 1);
    GT_ASSERT_EQ_STR(g_c.f[1].p, "two\nlines");
    GT_ASSERT_EQ_INT(gt_csv_next(&g_c, p, n, &pos), 1);
    GT_ASSERT_EQ_INT(g_c.n, 0);
    GT_ASSERT_EQ_INT(gt_csv_next(&g_c, p, n, &pos), 1);
    GT_ASSERT_EQ_STR(g_c.f[1].p, "unterminated");
    GT_ASSERT_EQ_INT(gt_csv_next(&g_c, p, n, &pos), 0);
    GT_ASSERT_EQ_INT(pos, n);
}

GT_TEST_MAIN({"plain", test_plain}, {"quotes", test_quotes}, {"line_breaks", test_line_breaks},
             {"bom_trim", test_bom_trim}, {"bounds", test_bounds}, {"buffer", test_buffer})
