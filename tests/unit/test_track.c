/*
 * test_track.c - tracks, fleets, events and the detector registry.
 */
#include <stdio.h>
#include <string.h>

#include "ghosttrack/detect.h"
#include "ghosttrack/event.h"
#include "ghosttrack/time.h"
#include "ghosttrack/track.h"
#include "test.h"

static struct gt_obs pos(uint32_t mmsi, int64_t t_ms, double lat, double lon, uint64_t off)
{
    struct gt_obs o;

    gt_obs_init(&o);
    o.id.kind = GT_ID_MMSI;
    o.id.value = mmsi;
    o.t_ms = t_ms;
    o.lat_deg = lat;
    o.lon_deg = lon;
    o.flags = GT_OBS_POS;
    o.prov.kind = GT_PROV_FILE;
    o.prov.pos = off;
    return o;
}

static void test_track_sort_stable(void)
{
    struct gt_track t;
    struct gt_ident id = {GT_ID_MMSI, 1, 0};
    int i;

    gt_track_init(&t, id, 1000);
    for (i = 0; i < 200; i++) {
        struct gt_obs o = pos(1, (int64_t)((i * 7919) % 50) * 1000, 0, 0, (uint64_t)i);
        GT_ASSERT_EQ_INT(gt_track_push_obs(&t, &o), GT_OK);
    }
    gt_track_sort(&t);
    for (i = 1; i < 200; i++) {
        GT_ASSERT(t.pts[i - 1].t_ms <= t.pts[i].t_ms);
        if (t.pts[i - 1].t_ms == t.pts[i].t_ms) { /* insertion order kept */
            GT_ASSERT(t.pts[i - 1].prov.pos < t.pts[i].prov.pos);
        }
    }
    gt_track_release(&t);
}

static void test_track_limits(void)
{
    struct gt_track t;
    struct gt_ident id = {GT_ID_MMSI, 1, 0};
    struct gt_obs o = pos(1, 0, 0, 0, 0), nopos;
    int i;

    gt_track_init(&t, id, 3);
    for (i = 0; i < 3; i++) {
        GT_ASSERT_EQ_INT(gt_track_push_obs(&t, &o), GT_OK);
    }
    GT_ASSERT_EQ_INT(gt_track_push_obs(&t, &o), GT_ERR_TOOBIG);
    GT_ASSERT_EQ_INT(t.n, 3);
    gt_obs_init(&nopos);
    GT_ASSERT_EQ_INT(gt_track_push_obs(&t, &nopos), GT_ERR_INVAL);
    gt_track_release(&t);
}

static void test_fleet_many_identities(void)
{
    struct gt_fleet f;
    uint32_t i;

    gt_fleet_init(&f, 100);
    for (i = 0; i < 5000; i++) {
        struct gt_obs o = pos(200000000 + (i * 37) % 2500, (int64_t)i * 1000, 1, 2, i);
        GT_ASSERT_EQ_INT(gt_fleet_add_obs(&f, &o), GT_OK);
    }
    GT_ASSERT_EQ_INT(f.n, 2500);
    gt_fleet_sort(&f);
    for (i = 1; i < f.n; i++) {
        GT_ASSERT(f.tracks[i - 1].id.value < f.tracks[i].id.value);
        GT_ASSERT_EQ_INT(f.tracks[i].n, 2);
    }
    {
        struct gt_ident id = {GT_ID_MMSI, 200000037, 0}, none = {GT_ID_MMSI, 7, 0};
        const struct gt_track *t = gt_fleet_find(&f, id);
        GT_ASSERT(t != NULL);
        GT_ASSERT_EQ_INT(t->id.value, 200000037);
        GT_ASSERT(gt_fleet_find(&f, none) == NULL);
    }
    gt_fleet_release(&f);
}

static void add_fact(struct gt_fleet *f, uint32_t icao, enum gt_ident_field field, const char *v,
                     int64_t t_ms)
{
    struct gt_ident_obs io;

    memset(&io, 0, sizeof io);
    io.id.kind = GT_ID_ICAO;
    io.id.value = icao;
    io.field = field;
    io.t_ms = t_ms;
    snprintf(io.value, sizeof io.value, "%s", v);
    GT_ASSERT_EQ_INT(gt_fleet_add_fact(f, &io), GT_OK);
}

/* Facts of one identity by field and time: the latest in a window, and
 * the one nearest a flight, as the store keeps them (first and last time of
 * each value). */
static void test_fleet_facts(void)
{
    struct gt_fleet f;
    const int64_t H = 3600000, D = 24 * H;

    gt_fleet_init(&f, 100);
    add_fact(&f, 0x0c20e4, GT_FIELD_CALLSIGN, "CMP222", 14 * H);         /* first */
    add_fact(&f, 0x0c20e4, GT_FIELD_CALLSIGN, "CMP222", 2 * D + 16 * H); /* last */
    add_fact(&f, 0x0c20e4, GT_FIELD_CALLSIGN, "CMP223", 19 * H);         /* first */
    add_fact(&f, 0x0c20e4, GT_FIELD_CALLSIGN, "CMP223", 2 * D + 21 * H); /* last */
    add_fact(&f, 0x0c20e4, GT_FIELD_REGISTRATION, "HP-1721CMP", GT_TIME_NONE);
    add_fact(&f, 0x0c20e5, GT_FIELD_CALLSIGN, "OTHER", 15 * H);
    add_fact(&f, 0x0c20e4, GT_FIELD_TYPECODE, "", 15 * H);
    gt_fleet_sort(&f);
    {
        struct gt_ident id = {GT_ID_ICAO, 0x0c20e4, 0};
        GT_ASSERT_EQ_STR(gt_fleet_fact(&f, id, GT_FIELD_CALLSIGN, GT_TIME_NONE, GT_TIME_NONE),
                         "CMP223");
        GT_ASSERT_EQ_STR(gt_fleet_fact(&f, id, GT_FIELD_CALLSIGN, GT_TIME_NONE, 18 * H), "CMP222");
        GT_ASSERT(gt_fleet_fact(&f, id, GT_FIELD_CALLSIGN, 3 * D, GT_TIME_NONE) == NULL);
        GT_ASSERT_EQ_STR(gt_fleet_fact(&f, id, GT_FIELD_REGISTRATION, GT_TIME_NONE, GT_TIME_NONE),
                         "HP-1721CMP");
        GT_ASSERT(gt_fleet_fact(&f, id, GT_FIELD_REGISTRATION, 0, GT_TIME_NONE) == NULL);
        GT_ASSERT(gt_fleet_fact(&f, id, GT_FIELD_TYPECODE, GT_TIME_NONE, GT_TIME_NONE) == NULL);
        /* four flights of two callsigns over three days */
        GT_ASSERT_EQ_STR(gt_fleet_fact_near(&f, id, GT_FIELD_CALLSIGN, 14 * H + 600000, 16 * H, H),
                         "CMP222");
        GT_ASSERT_EQ_STR(gt_fleet_fact_near(&f, id, GT_FIELD_CALLSIGN, 19 * H + 600000, 21 * H, H),
                         "CMP223");
        GT_ASSERT_EQ_STR(gt_fleet_fact_near(&f, id, GT_FIELD_CALLSIGN, 2 * D + 14 * H,
                                            2 * D + 15 * H + 50 * 60000, H),
                         "CMP222");
        GT_ASSERT_EQ_STR(gt_fleet_fact_near(&f, id, GT_FIELD_CALLSIGN, 2 * D + 19 * H,
                                            2 * D + 20 * H + 50 * 60000, H),
                         "CMP223");
        GT_ASSERT(gt_fleet_fact_near(&f, id, GT_FIELD_CALLSIGN, D + 6 * H, D + 8 * H, H) == NULL);
        id.value = 0x123456;
        GT_ASSERT(gt_fleet_fact(&f, id, GT_FIELD_CALLSIGN, GT_TIME_NONE, GT_TIME_NONE) == NULL);
    }
    gt_fleet_release(&f);
}

static void test_event_json(void)
{
    struct gt_event e;
    struct gt_buf out;
    struct gt_prov p = {GT_PROV_FILE, 3, 1234};
    struct gt_ident a = {GT_ID_MMSI, 273456000, 0};
    char id1[GT_EVENT_ID_MAX];

    gt_event_init(&e, GT_EVENT_GAP);
    e.subject = a;
    e.start_ms = 1551561307000LL;
    e.end_ms = 1551561307000LL + 13 * 3600000LL;
    e.lat_deg = 11.5;
    e.lon_deg = -66.25;
    e.has_pos = 1;
    e.score = 0.875;
    GT_ASSERT_EQ_INT(gt_buf_addstr(&e.detail, "{\"hours\":13.000}"), GT_OK);
    gt_event_add_evidence(&e, &p, 2, e.start_ms, "off");
    gt_event_seal(&e);
    GT_ASSERT_EQ_INT(strlen(e.id), 19);
    memcpy(id1, e.id, sizeof id1);
    gt_buf_init(&out, 1 << 16);
    GT_ASSERT_EQ_INT(gt_event_to_json(&e, &out, NULL, NULL), GT_OK);
    {
        char want[1024];
        snprintf(want, sizeof want,
                 "{\"detail\":{\"hours\":13.000},\"end\":\"2019-03-03T10:15:07Z\",\"evidence\":"
                 "[{\"input\":3,\"offset\":1234,\"role\":\"off\",\"station\":2,\"t\":"
                 "\"2019-03-02T21:15:07Z\"}],\"id\":\"%s\",\"lat\":11.500000,\"lon\":-66.250000,"
                 "\"peer\":null,\"schema\":1,\"score\":0.875,\"start\":\"2019-03-02T21:15:07Z\","
                 "\"subject\":\"mmsi:273456000\",\"type\":\"gap\"}\n",
                 id1);
        GT_ASSERT_EQ_STR(gt_buf_str(&out), want);
    }
    /* the id depends on who and when it started, not on the end */
    e.end_ms += 3600000;
    gt_event_seal(&e);
    GT_ASSERT_EQ_STR(e.id, id1);
    e.start_ms += 1;
    gt_event_seal(&e);
    GT_ASSERT(strcmp(e.id, id1) != 0);
    gt_buf_release(&out);
    gt_event_release(&e);
}

static void test_event_types(void)
{
    enum gt_event_type t;
    int i;

    for (i = 1; i <= GT_EVENT_TYPE_MAX; i++) {
        const char *name = gt_event_type_name((enum gt_event_type)i);
        GT_ASSERT(name != NULL);
        GT_ASSERT_EQ_INT(gt_event_type_parse(name, strlen(name), &t), GT_OK);
        GT_ASSERT_EQ_INT(t, i);
    }
    GT_ASSERT_EQ_INT(gt_event_type_parse("gapp", 4, &t), GT_ERR_BADDATA);
    GT_ASSERT(gt_event_type_name((enum gt_event_type)0) == NULL);
}

static int count_cb(const struct gt_event *e, void *ud)
{
    (void)e;
    (*(int *)ud)++;
    return GT_OK;
}

static void test_detect_params(void)
{
    const char *keys[] = {"gap.min_hours", "gap.min_hours", "name", "bad"};
    const char *vals[] = {"6", "12.5", "x", "12x"};
    struct gt_params p = {keys, vals, 4};
    struct gt_fleet f;
    int n = 0;
    struct gt_detect_input in = {&f, &p, NULL};

    GT_ASSERT_DBL_NEAR(gt_params_num(&p, "gap.min_hours", 1), 12.5, 1e-12); /* last wins */
    GT_ASSERT_DBL_NEAR(gt_params_num(&p, "bad", 7), 7, 0);
    GT_ASSERT_DBL_NEAR(gt_params_num(NULL, "x", 3), 3, 0);
    GT_ASSERT_EQ_STR(gt_params_str(&p, "name", NULL), "x");
    gt_fleet_init(&f, 10);
    GT_ASSERT_EQ_INT(gt_detect_run(&in, "gap,encounter", count_cb, &n), GT_OK);
    GT_ASSERT_EQ_INT(gt_detect_run(&in, "nonsense", count_cb, &n), GT_ERR_INVAL);
    GT_ASSERT_EQ_INT(n, 0);
    gt_fleet_release(&f);
}

static int count_event(const struct gt_event *e, void *ud)
{
    int *n = ud;
    (*n)++;
    return e->id[0] != '\0' ? GT_OK : GT_ERR_INVAL; /* sealed: it has its id */
}

static int refuse_event(const struct gt_event *e, void *ud)
{
    (void)e;
    (void)ud;
    return GT_ERR_IO;
}

/* gt_event_emit seals and hands over a good event, drops one whose
 * building failed, passes the callback's error on, and releases always
 * (the leak checker of the sanitizer build would see a missed release). */
static void test_event_emit(void)
{
    struct gt_event e;
    int n = 0;

    gt_event_init(&e, GT_EVENT_GAP);
    GT_ASSERT_EQ_INT(gt_buf_addstr(&e.detail, "{}"), GT_OK);
    GT_ASSERT_EQ_INT(gt_event_emit(&e, GT_OK, count_event, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 1);
    gt_event_init(&e, GT_EVENT_GAP);
    GT_ASSERT_EQ_INT(gt_buf_addstr(&e.detail, "{}"), GT_OK);
    GT_ASSERT_EQ_INT(gt_event_emit(&e, GT_ERR_NOMEM, count_event, &n), GT_ERR_NOMEM);
    GT_ASSERT_EQ_INT(n, 1);
    gt_event_init(&e, GT_EVENT_GAP);
    GT_ASSERT_EQ_INT(gt_buf_addstr(&e.detail, "{}"), GT_OK);
    GT_ASSERT_EQ_INT(gt_event_emit(&e, GT_OK, refuse_event, NULL), GT_ERR_IO);
}

GT_TEST_MAIN({"track_sort_stable", test_track_sort_stable}, {"track_limits", test_track_limits},
             {"fleet_many_identities", test_fleet_many_identities},
             {"fleet_facts", test_fleet_facts}, {"event_json", test_event_json},
             {"event_emit", test_event_emit}, {"event_types", test_event_types},
             {"detect_params", test_detect_params})
