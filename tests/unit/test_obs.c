/*
 * test_obs.c - identity text forms and observation defaults.
 */
#include "ghosttrack/obs.h"
#include "ghosttrack/time.h"
#include "test.h"

static void test_ident_format(void)
{
    struct gt_ident m = {GT_ID_MMSI, 273456000, 0}, a = {GT_ID_ICAO, 0x4b1805, 0};
    struct gt_ident t = {GT_ID_ICAO, 0xabc, GT_IDENT_NONICAO}, z = {GT_ID_MMSI, 2573, 0};
    struct gt_ident none = {GT_ID_NONE, 0, 0};
    char buf[GT_IDENT_MAX];

    GT_ASSERT_EQ_INT(gt_ident_format(&m, buf, sizeof buf), 14);
    GT_ASSERT_EQ_STR(buf, "mmsi:273456000");
    gt_ident_format(&a, buf, sizeof buf);
    GT_ASSERT_EQ_STR(buf, "icao:4b1805");
    gt_ident_format(&t, buf, sizeof buf);
    GT_ASSERT_EQ_STR(buf, "icao:~000abc");
    gt_ident_format(&z, buf, sizeof buf);
    GT_ASSERT_EQ_STR(buf, "mmsi:2573");
    GT_ASSERT_EQ_INT(gt_ident_format(&none, buf, sizeof buf), GT_ERR_INVAL);
}

static void test_ident_parse(void)
{
    struct gt_ident id;
    static const char *bad[] = {
        "mmsi:",       "mmsi:1234567890", "mmsi:12a", "icao:4b180", "icao:4b18050",
        "icao:4g1805", "ICAO:4b1805",     "4b1805",   "icao:~",     ""};
    size_t i;

    GT_ASSERT_EQ_INT(gt_ident_parse("mmsi:273456000", 14, &id), GT_OK);
    GT_ASSERT_EQ_INT(id.kind, GT_ID_MMSI);
    GT_ASSERT_EQ_INT(id.value, 273456000);
    GT_ASSERT_EQ_INT(gt_ident_parse("icao:4B1805", 11, &id), GT_OK);
    GT_ASSERT_EQ_INT(id.kind, GT_ID_ICAO);
    GT_ASSERT_EQ_INT(id.value, 0x4b1805);
    GT_ASSERT_EQ_INT(id.flags, 0);
    GT_ASSERT_EQ_INT(gt_ident_parse("icao:~000abc", 12, &id), GT_OK);
    GT_ASSERT_EQ_INT(id.flags, GT_IDENT_NONICAO);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (gt_ident_parse(bad[i], strlen(bad[i]), &id) != GT_ERR_BADDATA) {
            GT__FAIL("accepted bad identity \"%s\"", bad[i]);
        }
    }
    /* the bare address reader the archive columns share */
    GT_ASSERT_EQ_INT(gt_ident_parse_icao("a1B2c3", 6, &id), GT_OK);
    GT_ASSERT_EQ_INT(id.kind, GT_ID_ICAO);
    GT_ASSERT_EQ_INT(id.value, 0xa1b2c3);
    GT_ASSERT_EQ_INT(id.flags, 0);
    GT_ASSERT_EQ_INT(gt_ident_parse_icao("~a1b2c3", 7, &id), GT_OK);
    GT_ASSERT_EQ_INT(id.flags, GT_IDENT_NONICAO);
    GT_ASSERT_EQ_INT(gt_ident_parse_icao("a1b2c", 5, &id), GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(gt_ident_parse_icao("a1b2c3 ", 7, &id), GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(gt_ident_parse_icao("icao:a1b2c3", 11, &id), GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(gt_ident_parse_icao("~", 1, &id), GT_ERR_BADDATA);
}

static void test_obs_init(void)
{
    struct gt_obs o;

    memset(&o, 0xff, sizeof o);
    gt_obs_init(&o);
    GT_ASSERT_EQ_INT(o.t_ms, GT_TIME_NONE);
    GT_ASSERT_EQ_INT(o.flags, 0);
    GT_ASSERT_EQ_INT(o.id.kind, GT_ID_NONE);
    GT_ASSERT_EQ_STR(gt_ident_field_name(GT_FIELD_IMO), "imo");
    GT_ASSERT_EQ_STR(gt_ident_field_name(GT_FIELD_REGISTRATION), "registration");
}

GT_TEST_MAIN({"ident_format", test_ident_format}, {"ident_parse", test_ident_parse},
             {"obs_init", test_obs_init})
