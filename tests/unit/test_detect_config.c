/*
 * test_detect_config.c - the detector thresholds parser (src/detect/config.c):
 * "name = value" lines, comments, blanks, the line number of an error, the
 * entry limit, and the check of every key's name, type and range.
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
        parse("# thresholds\n gap.min_hours = 12 \n\n\tenc.max_distance_m=500 # metres\r\n", &c,
              &bad),
        GT_OK);
    GT_ASSERT_EQ_INT(bad, 0);
    GT_ASSERT_EQ_INT(c.n, 2);
    GT_ASSERT_EQ_STR(c.keys[0], "gap.min_hours");
    GT_ASSERT_EQ_STR(c.values[0], "12");
    GT_ASSERT_EQ_STR(c.keys[1], "enc.max_distance_m");
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

    /* the value runs to the end of the line: "1 = 2" is not a number */
    GT_ASSERT_EQ_INT(parse("gap.min_hours = 1 = 2\n", &c, &bad), GT_ERR_INVAL);
    GT_ASSERT_EQ_INT(bad, 1);
    GT_ASSERT(strstr(c.err, "'1 = 2'") != NULL);
    gt_detect_config_release(&c);
}

static void test_bad_line_number(void)
{
    struct gt_detect_config c;
    int bad = 0;

    /* the third line has no '='; every line counts, blank ones too */
    GT_ASSERT_EQ_INT(parse("gap.min_hours = 1\n# note\nwrong\nenc.min_hours = 2\n", &c, &bad),
                     GT_ERR_INVAL);
    GT_ASSERT_EQ_INT(bad, 3);
    GT_ASSERT_EQ_STR(c.err, "expected 'name = value'");
    gt_detect_config_release(&c);
    GT_ASSERT_EQ_INT(parse("gap.min_hours = 1\n\n\nwrong\n", &c, &bad), GT_ERR_INVAL);
    GT_ASSERT_EQ_INT(bad, 4);
    gt_detect_config_release(&c);
}

static void test_limit_and_nul(void)
{
    struct gt_detect_config c;
    char text[GT_DETECT_CONFIG_MAX * 16 + 32];
    size_t i, len = 0;
    int bad;

    /* more lines than the limit: the entry past it is refused (the keys
     * are refused as unknown first, so only count lines) */
    for (i = 0; i <= GT_DETECT_CONFIG_MAX; i++) {
        len += (size_t)snprintf(text + len, sizeof text - len, "k%zu = %zu\n", i, i);
    }
    GT_ASSERT_EQ_INT(parse(text, &c, &bad), GT_ERR_INVAL);
    GT_ASSERT_EQ_INT(bad, 1);
    GT_ASSERT(strstr(c.err, "unknown setting 'k0'") != NULL);
    gt_detect_config_release(&c);
    /* a NUL ends the text */
    GT_ASSERT_EQ_INT(
        gt_detect_config_parse((const uint8_t *)"gap.min_hours = 1\0b = 2\n", 24, &c, &bad), GT_OK);
    GT_ASSERT_EQ_INT(c.n, 1);
    gt_detect_config_release(&c);
    GT_ASSERT_EQ_INT(gt_detect_config_parse(NULL, 0, &c, &bad), GT_OK);
    GT_ASSERT_EQ_INT(c.n, 0);
    gt_detect_config_release(&c);
}

/* Each bad value is refused on its line with the reason (issue #15, item
 * 11: nan, -1 and 1e400 gave 18,543 bogus gaps instead of 7). */
static void test_values_checked(void)
{
    static const struct {
        const char *text, *why;
    } cases[] = {
        {"gap.min_hours = nan", "expected a number above 0"},
        {"gap.min_hours = NaN", "expected a number above 0"},
        {"gap.min_hours = inf", "expected a number above 0"},
        {"gap.min_hours = -1", "expected a number above 0, at most 87600"},
        {"gap.min_hours = 0", "expected a number above 0"},
        {"gap.min_hours = 1e400", "at most 87600"},
        {"gap.min_hours = 87601", "at most 87600"},
        {"gap.min_hours = 5x", "'5x': expected a number above 0"},
        {"gap.min_hours = 0x10", "'0x10'"},
        {"gap.min_hours = 5 5", "'5 5'"},
        {"gap.min_hours =", "''"},
        {"gap.min_hourz = 5", "unknown setting 'gap.min_hourz'"},
        {"anch.min_vessels = 2.5", "expected a whole number from 1 to 1e+06"},
        {"anch.min_vessels = 0", "from 1 to"},
        {"seg.split_class = 2", "expected 0 or 1"},
        {"air_gap.coverage_min = 1.01", "from 0 to 1"},
        {"air_gap.coverage_min = -0.1", "from 0 to 1"},
        {"enc.min_port_km = -1", "from 0 to 20038"},
        {"air.low_ft = -1001", "from -1000 to 130000"},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct gt_detect_config c;
        char text[128];
        int bad = 0;
        snprintf(text, sizeof text, "# x\n\n%s\n", cases[i].text);
        GT_ASSERT_EQ_INT(parse(text, &c, &bad), GT_ERR_INVAL);
        GT_ASSERT_EQ_INT(bad, 3);
        if (strstr(c.err, cases[i].why) == NULL) {
            printf("# '%s': '%s' lacks '%s'\n", cases[i].text, c.err, cases[i].why);
            GT_ASSERT(0);
        }
        gt_detect_config_release(&c);
    }
}

/* Values inside each range pass, at the bounds too. */
static void test_values_accepted(void)
{
    struct gt_detect_config c;
    int bad = -1;

    GT_ASSERT_EQ_INT(parse("gap.min_hours = 0.5\nenc.min_port_km = 0\nair.low_ft = -1000\n"
                           "anch.min_vessels = 3\nseg.split_class = 1\n"
                           "air_gap.coverage_min = 1\ngap.before_hours = 87600\n"
                           "enc.max_distance_m = 5e2\nspoof.teleport_km = +10\n",
                           &c, &bad),
                     GT_OK);
    GT_ASSERT_EQ_INT(bad, 0);
    GT_ASSERT_EQ_INT(c.n, 9);
    GT_ASSERT_DBL_NEAR(gt_params_num(&c.params, "enc.max_distance_m", 0), 500, 0);
    gt_detect_config_release(&c);
}

/* The table is sorted (it is searched by bisection) and every name is
 * family.setting. */
static void test_key_table(void)
{
    size_t i;

    for (i = 0; gt_detect_config_key(i) != NULL; i++) {
        GT_ASSERT(strchr(gt_detect_config_key(i), '.') != NULL);
        if (i > 0) {
            GT_ASSERT(strcmp(gt_detect_config_key(i - 1), gt_detect_config_key(i)) < 0);
        }
    }
    GT_ASSERT(i > 60);
}

GT_TEST_MAIN({"config pairs, comments and blanks", test_pairs_comments_blanks},
             {"config values checked: type, range, junk, unknown keys", test_values_checked},
             {"config values inside the ranges accepted", test_values_accepted},
             {"config key table sorted", test_key_table},
             {"config value keeps later '='", test_value_keeps_later_equals},
             {"config error names the line", test_bad_line_number},
             {"config entry limit and NUL", test_limit_and_nul})
