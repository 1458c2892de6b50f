/*
 * test_detect_config.c - the detector thresholds parser (src/detect/config.c):
 * "name = value" lines, comments, blanks, the line number of an error and
 * the entry limit.
 */
#include <stdio.h>
#include <string.h>

#include "ghosttrack/detect.h"
#include "test.h"

static int parse(const char *text, struct gt_detect_config *c, int *bad)
{
    return gt_detect_config_parse((const uint8_t *)text, strlen(text), c, bad);
}

static void test_pairs_comments_blanks(void)
{
    struct gt_detect_config c;
    int bad = -1;

    GT_ASSERT_EQ_INT(
        parse("# thresholds\n gap.min_hours = 12 \n\n\tencounter.max_m=500 # metres\r\n", &c, &bad),
        GT_OK);
    GT_ASSERT_EQ_INT(bad, 0);
    GT_ASSERT_EQ_INT(c.n, 2);
    GT_ASSERT_EQ_STR(c.keys[0], "gap.min_hours");
    GT_ASSERT_EQ_STR(c.values[0], "12");
    GT_ASSERT_EQ_STR(c.keys[1], "encounter.max_m");
    GT_ASSERT_EQ_STR(c.values[1], "500");
    GT_ASSERT_EQ_INT(c.params.n, 2);
    GT_ASSERT_DBL_NEAR(gt_params_num(&c.params, "gap.min_hours", 6), 12, 0);
    GT_ASSERT_DBL_NEAR(gt_params_num(&c.params, "loiter.hours", 6), 6, 0);
    gt_detect_config_release(&c);
    GT_ASSERT(c.text == NULL);
}

static void test_value_keeps_later_equals(void)
{
    struct gt_detect_config c;
    int bad;

    GT_ASSERT_EQ_INT(parse("a = b = c\n", &c, &bad), GT_OK);
    GT_ASSERT_EQ_INT(c.n, 1);
    GT_ASSERT_EQ_STR(c.keys[0], "a");
    GT_ASSERT_EQ_STR(c.values[0], "b = c");
    gt_detect_config_release(&c);
}

static void test_bad_line_number(void)
{
    struct gt_detect_config c;
    int bad = 0;

    /* the third line has no '='; empty lines in a row count once */
    GT_ASSERT_EQ_INT(parse("a = 1\n# note\nwrong\nb = 2\n", &c, &bad), GT_ERR_INVAL);
    GT_ASSERT_EQ_INT(bad, 3);
    gt_detect_config_release(&c);
    GT_ASSERT_EQ_INT(parse("a = 1\n\n\nwrong\n", &c, &bad), GT_ERR_INVAL);
    GT_ASSERT_EQ_INT(bad, 2);
    gt_detect_config_release(&c);
}

static void test_limit_and_nul(void)
{
    struct gt_detect_config c;
    char text[GT_DETECT_CONFIG_MAX * 16 + 32];
    size_t i, len = 0;
    int bad;

    for (i = 0; i <= GT_DETECT_CONFIG_MAX; i++) {
        len += (size_t)snprintf(text + len, sizeof text - len, "k%zu = %zu\n", i, i);
    }
    GT_ASSERT_EQ_INT(parse(text, &c, &bad), GT_ERR_INVAL);
    GT_ASSERT_EQ_INT(bad, GT_DETECT_CONFIG_MAX + 1);
    gt_detect_config_release(&c);
    /* a NUL ends the text */
    GT_ASSERT_EQ_INT(gt_detect_config_parse((const uint8_t *)"a = 1\0b = 2\n", 12, &c, &bad),
                     GT_OK);
    GT_ASSERT_EQ_INT(c.n, 1);
    gt_detect_config_release(&c);
    GT_ASSERT_EQ_INT(gt_detect_config_parse(NULL, 0, &c, &bad), GT_OK);
    GT_ASSERT_EQ_INT(c.n, 0);
    gt_detect_config_release(&c);
}

GT_TEST_MAIN({"config pairs, comments and blanks", test_pairs_comments_blanks},
             {"config value keeps later '='", test_value_keeps_later_equals},
             {"config error names the line", test_bad_line_number},
             {"config entry limit and NUL", test_limit_and_nul})
