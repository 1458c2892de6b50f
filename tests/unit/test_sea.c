/*
 * test_sea.c - unit tests of the maritime groundwork and detectors on tiny
 * hand-made tracks: segmentation, identifier checks, reception, land,
 * ports, and one case per detector rule.
 */
#include <stdio.h>

#include "ghosttrack/ais.h"
#include "ghosttrack/detect.h"
#include "ghosttrack/land.h"
#include "ghosttrack/ids.h"
#include "ghosttrack/reception.h"
#include "ghosttrack/ports.h"
#include "ghosttrack/segment.h"
#include "test.h"

#define T0  1704067200000LL
#define MIN 60000LL
#define HR  3600000LL

static struct gt_fleet fleet;
static uint64_t offset;

static struct gt_ident mmsi(uint32_t v)
{
    struct gt_ident id = {GT_ID_MMSI, v, 0};
    return id;
}

/* Append a point to the track of m. */
static void pt(uint32_t m, int64_t t, double lat, double lon, double kn)
{
    struct gt_point p;
    struct gt_track *tr = gt_fleet_track(&fleet, mmsi(m));
    memset(&p, 0, sizeof p);
    p.t_ms = t;
    p.lat_deg = lat;
    p.lon_deg = lon;
    p.speed_kn = (float)kn;
    p.course_deg = 90.0f;
    p.flags = GT_OBS_POS | GT_OBS_SPEED | GT_OBS_COURSE | GT_OBS_NAVSTAT;
    p.rx = GT_RX_TERRESTRIAL;
    p.prov.kind = GT_PROV_FILE;
    p.prov.input_id = 1;
    p.prov.pos = offset++;
    GT_ASSERT(tr != NULL);
    GT_ASSERT_EQ_INT(gt_track_push(tr, &p), GT_OK);
}

/* Points every step from t0 to t1 moving east at kn from (lat, lon). */
static void run(uint32_t m, int64_t t0, int64_t t1, int64_t step, double lat, double lon, double kn)
{
    int64_t t;
    for (t = t0; t <= t1; t += step) {
        double h = (double)(t - t0) / (double)HR;
        pt(m, t, lat, lon + kn * 1.852 * h / 111.195, kn);
    }
}

/* As run(), but the position is extrapolated from (lat, lon) at T0, so
 * pieces added later continue the same straight track. */
static void run_t0(uint32_t m, int64_t t0, int64_t t1, int64_t step, double lat, double lon,
                   double kn)
{
    int64_t t;
    for (t = t0; t <= t1; t += step) {
        double h = (double)(t - T0) / (double)HR;
        pt(m, t, lat, lon + kn * 1.852 * h / 111.195, kn);
    }
}

static void fact(uint32_t m, int64_t t, enum gt_ident_field f, const char *v)
{
    struct gt_ident_obs io;
    memset(&io, 0, sizeof io);
    io.t_ms = t;
    io.id = mmsi(m);
    io.field = f;
    snprintf(io.value, sizeof io.value, "%s", v);
    GT_ASSERT_EQ_INT(gt_fleet_add_fact(&fleet, &io), GT_OK);
}

struct ev {
    enum gt_event_type type;
    uint32_t subject, peer;
    int64_t t0, t1;
    char id[GT_EVENT_ID_MAX];
    char detail[1024];
};
static struct ev evs[256];
static size_t nev;

static int collect(const struct gt_event *e, void *ud)
{
    (void)ud;
    if (nev < 256) {
        evs[nev].type = e->type;
        evs[nev].subject = e->subject.value;
        evs[nev].peer = e->peer.value;
        evs[nev].t0 = e->start_ms;
        evs[nev].t1 = e->end_ms;
        memcpy(evs[nev].id, e->id, GT_EVENT_ID_MAX);
        snprintf(evs[nev].detail, sizeof evs[nev].detail, "%s", gt_buf_str(&e->detail));
        nev++;
    }
    return GT_OK;
}

static void detect(const char *only, const struct gt_ref *ref)
{
    struct gt_detect_input in = {&fleet, NULL, ref};
    gt_fleet_sort(&fleet);
    nev = 0;
    GT_ASSERT_EQ_INT(gt_detect_run(&in, only, collect, NULL), GT_OK);
}

static void reset(void)
{
    offset = 0;
    gt_fleet_release(&fleet);
    gt_fleet_init(&fleet, 100000);
}

/* ---- segmentation ----------------------------------------------------- */

static void test_segment_basic(void)
{
    struct gt_segs s;
    const struct gt_track *t;

    reset();
    run(273000001, T0, T0 + 5 * HR, 10 * MIN, 40.0, 10.0, 10);
    pt(273000001, T0 + 5 * HR + 1000, 40.0, 10.0 + 10 * 1.852 * 5 / 111.195, 10); /* duplicate */
    pt(273000001, T0 + 6 * HR, 40.0, 10.3, 102.3f);                               /* bad speed */
    run(273000001, T0 + 40 * HR, T0 + 41 * HR, 10 * MIN, 40.0, 10.3, 10);         /* after 24 h */
    gt_fleet_sort(&fleet);
    t = gt_fleet_find(&fleet, mmsi(273000001));
    GT_ASSERT_EQ_INT(gt_segment_track(t, NULL, &s), GT_OK);
    GT_ASSERT_EQ_INT(s.nseg, 2);
    GT_ASSERT_EQ_INT(s.ndup, 1);
    GT_ASSERT_EQ_INT(s.start[1], 32); /* 31 + the invalid-speed fix, kept */
    GT_ASSERT_EQ_INT(s.start[2] - s.start[1], 7);
    GT_ASSERT(gt_segment_invalid_speed(51.2f) && gt_segment_invalid_speed(63.0f));
    GT_ASSERT(!gt_segment_invalid_speed(12.0f));
    gt_segs_release(&s);
    reset();
}

static void test_segment_two_hulls(void)
{
    struct gt_segs s;
    const struct gt_track *t;
    int64_t k;

    reset();
    for (k = 0; k < 30; k++) { /* interleaved fixes 200 km apart */
        pt(567000000, T0 + k * 10 * MIN, 10.0, 100.0 + 0.002 * (double)k, 1);
        pt(567000000, T0 + k * 10 * MIN + 5 * MIN, 10.0, 102.0 - 0.002 * (double)k, 1);
    }
    gt_fleet_sort(&fleet);
    t = gt_fleet_find(&fleet, mmsi(567000000));
    GT_ASSERT_EQ_INT(gt_segment_track(t, NULL, &s), GT_OK);
    GT_ASSERT_EQ_INT(s.nseg, 2);
    GT_ASSERT_EQ_INT(s.start[1], 30);
    GT_ASSERT_EQ_INT(s.seg[0], 0);
    GT_ASSERT_EQ_INT(s.seg[1], 1);
    gt_segs_release(&s);
    detect("ais_spoof", NULL);
    GT_ASSERT(nev >= 2);
    GT_ASSERT(strstr(evs[0].detail, "\"reason\":\"placeholder\"") != NULL);
    GT_ASSERT(strstr(evs[1].detail, "\"kind\":\"shared_id\"") != NULL);
    GT_ASSERT(strstr(evs[1].detail, "\"hulls\":2") != NULL);
    reset();
}

/* ---- identifiers ------------------------------------------------------ */

static void test_ids(void)
{
    GT_ASSERT_EQ_INT(gt_ids_mmsi_check(636012345), GT_MMSI_ST_SHIP);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_check(567000000), GT_MMSI_ST_PLACEHOLDER);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_check(412222222), GT_MMSI_ST_PLACEHOLDER);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_check(123456789), GT_MMSI_ST_NOT_SHIP);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_check(2573011), GT_MMSI_ST_NOT_SHIP);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_check(992351000), GT_MMSI_ST_NOT_SHIP);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_check(199123456), GT_MMSI_ST_NOT_SHIP);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_check(290123456), GT_MMSI_ST_BAD_MID);
    /* the one ITU MID table decides: 217 is unallocated inside the European
     * range, 478 (Bosnia and Herzegovina) is allocated at its end */
    GT_ASSERT_EQ_INT(gt_ids_mmsi_check(217123456), GT_MMSI_ST_BAD_MID);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_check(478123456), GT_MMSI_ST_SHIP);
    GT_ASSERT_EQ_STR(gt_ids_mmsi_flag(478123456), "BA");
    GT_ASSERT_EQ_INT(gt_ids_mmsi_check(0), GT_MMSI_ST_BAD_LENGTH);
    GT_ASSERT(gt_ids_imo_text_valid("9074729", 7));
    GT_ASSERT(gt_ids_imo_text_valid("IMO 9074729", 11));
    GT_ASSERT(!gt_ids_imo_text_valid("9074728", 7));
    GT_ASSERT(!gt_ids_imo_text_valid("907472", 6));
    GT_ASSERT(!gt_ids_imo_text_valid("90747x9", 7));
    GT_ASSERT_EQ_STR(gt_ids_mmsi_flag(636012345), "LR");
    GT_ASSERT_EQ_STR(gt_ids_mmsi_flag(775000001), "VE");
    GT_ASSERT_EQ_STR(gt_ids_mmsi_flag(201000001), "AL"); /* ITU: 201 is Albania */
    GT_ASSERT(gt_ids_mmsi_flag(100000001) == NULL);
}

/* ---- reception -------------------------------------------------------- */

static void test_reception(void)
{
    struct gt_reception *r;

    reset();
    /* vessel A: 30 fixes in cell (10, 20) on one day; B: 10 there, 10 next day */
    run(273000001, T0, T0 + 29 * 10 * MIN, 10 * MIN, 10.5, 20.1, 0.5);
    run(273000002, T0 + HR, T0 + HR + 9 * 10 * MIN, 10 * MIN, 10.5, 20.2, 0.5);
    run(273000002, T0 + 25 * HR, T0 + 25 * HR + 9 * 10 * MIN, 10 * MIN, 10.5, 20.2, 0.5);
    gt_fleet_sort(&fleet);
    GT_ASSERT_EQ_INT(gt_reception_build(&fleet, &r), GT_OK);
    GT_ASSERT_DBL_NEAR(gt_reception_get(r, 10.9, 20.9, T0, GT_RX_UNKNOWN), 50.0 / 3.0, 1e-9);
    GT_ASSERT_DBL_NEAR(gt_reception_get(r, 10.9, 20.9, T0, GT_RX_TERRESTRIAL), 50.0 / 3.0, 1e-9);
    GT_ASSERT_DBL_NEAR(gt_reception_get(r, 10.9, 20.9, T0, GT_RX_SATELLITE), 0.0, 1e-9);
    GT_ASSERT_DBL_NEAR(gt_reception_get(r, 12.0, 20.9, T0, GT_RX_UNKNOWN), 0.0, 1e-9);
    gt_reception_free(r);
    reset();
}

/* ---- land ------------------------------------------------------------- */

static struct gt_land *square_island(void)
{
    /* a 1 x 1 degree island, edges cut every 0.1 degree */
    struct gt_latlon pts[40];
    size_t n = 0, len;
    struct gt_land *l = NULL;
    int i;
    for (i = 0; i < 10; i++) {
        pts[n++] = (struct gt_latlon){0.0, 0.1 * i};
    }
    for (i = 0; i < 10; i++) {
        pts[n++] = (struct gt_latlon){0.1 * i, 1.0};
    }
    for (i = 0; i < 10; i++) {
        pts[n++] = (struct gt_latlon){1.0, 1.0 - 0.1 * i};
    }
    for (i = 0; i < 10; i++) {
        pts[n++] = (struct gt_latlon){1.0 - 0.1 * i, 0.0};
    }
    len = n;
    GT_ASSERT_EQ_INT(gt_land_from_rings(pts, &len, 1, &l), GT_OK);
    return l;
}

static void test_land_rings(void)
{
    struct gt_land *l = square_island();

    GT_ASSERT_EQ_INT(gt_land_nsegments(l), 40);
    GT_ASSERT(gt_land_on_land(l, 0.5, 0.5));
    GT_ASSERT(!gt_land_on_land(l, 1.5, 0.5));
    GT_ASSERT(!gt_land_on_land(l, 0.5, -0.01)); /* just off the coast */
    GT_ASSERT_DBL_NEAR(gt_land_shore_nm(l, 2.0, 0.5), 60.0, 0.5);
    GT_ASSERT_DBL_NEAR(gt_land_shore_nm(l, 0.5, 0.5), 30.0, 0.5);
    GT_ASSERT_DBL_NEAR(gt_land_shore_nm(l, 0.5, -0.5), 30.0, 0.5);
    GT_ASSERT_DBL_NEAR(gt_land_shore_nm(l, 40.0, 0.5), GT_LAND_MAX_NM, 1e-9);
    GT_ASSERT_DBL_NEAR(gt_land_shore_nm(NULL, 0.5, 0.5), GT_LAND_MAX_NM, 1e-9);
    gt_land_free(l);
    GT_ASSERT_EQ_INT(gt_land_load((const uint8_t *)"{\"arcs\":3}", 10, &l), GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(gt_land_load((const uint8_t *)"nope", 4, &l), GT_ERR_BADDATA);
}

/* A quantised TopoJSON with one square arc, as world-atlas writes them. */
static void test_land_topojson(void)
{
    static const char js[] =
        "{\"type\":\"Topology\",\"transform\":{\"scale\":[0.1,0.1],\"translate\":[10,20]},"
        "\"arcs\":[[[0,0],[10,0],[0,10],[-10,0],[0,-10]]],"
        "\"objects\":{\"land\":{\"type\":\"GeometryCollection\",\"geometries\":[]}}}";
    struct gt_land *l;

    GT_ASSERT_EQ_INT(gt_land_load((const uint8_t *)js, sizeof js - 1, &l), GT_OK);
    GT_ASSERT_EQ_INT(gt_land_nsegments(l), 4);
    GT_ASSERT(gt_land_on_land(l, 20.5, 10.5));
    GT_ASSERT(!gt_land_on_land(l, 21.5, 10.5));
    gt_land_free(l);
}

/* The installed Natural Earth file (node_modules), when present. */
static void test_land_natural_earth(void)
{
    struct gt_land *l;
    int rc = gt_land_load_default(getenv("GT_LAND"), getenv("GT_ROOT"), &l);

    if (rc == GT_ERR_NOTFOUND) {
        GT_SKIP("node_modules/world-atlas/land-50m.json not installed");
    }
    GT_ASSERT_EQ_INT(rc, GT_OK);
    GT_ASSERT(gt_land_nsegments(l) > 50000);
    GT_ASSERT(gt_land_on_land(l, 48.85, 2.35));  /* Paris */
    GT_ASSERT(gt_land_on_land(l, -15.0, -55.0)); /* Mato Grosso */
    GT_ASSERT(!gt_land_on_land(l, 55.0, 3.0));   /* North Sea */
    GT_ASSERT(!gt_land_on_land(l, 12.0, -66.0)); /* Caribbean */
    GT_ASSERT(gt_land_shore_nm(l, 30.0, -45.0) > 400.0);
    GT_ASSERT(gt_land_shore_nm(l, 51.98, 3.9) < 15.0); /* off Rotterdam */
    GT_ASSERT(gt_land_shore_nm(l, 12.6, -66.0) > 20.0);
    gt_land_free(l);
}

/* ---- ports ------------------------------------------------------------ */

static void test_ports_csv(void)
{
    static const char csv[] = "iso3,label,sublabel,latitude,longitude\n"
                              "VEN,JOSE,,10.1,-64.85\r\n"
                              "CUW,\"BULLEN, BAY\",,12.19,-69.02\n"
                              "XXX,BAD,,abc,1\n"
                              "XXX,OFF,,95,1\n";
    struct gt_ports *p;
    size_t bad = 0;
    double d;
    const struct gt_port *q;

    GT_ASSERT_EQ_INT(gt_ports_new(&p), GT_OK);
    GT_ASSERT_EQ_INT(gt_ports_load_csv(p, (const uint8_t *)csv, sizeof csv - 1, &bad), GT_OK);
    GT_ASSERT_EQ_INT(p->n, 2);
    GT_ASSERT_EQ_INT(bad, 2);
    q = gt_ports_nearest(p, 12.2, -69.0, 5.0, &d);
    GT_ASSERT(q != NULL);
    GT_ASSERT_EQ_STR(q->label, "BULLEN, BAY");
    GT_ASSERT(d < 2.5);
    GT_ASSERT(gt_ports_nearest(p, 12.5, -69.0, 5.0, NULL) == NULL);
    GT_ASSERT_EQ_INT(gt_ports_add_builtin(p), GT_OK);
    q = gt_ports_nearest(p, 11.75, -70.21, 3.0, NULL);
    GT_ASSERT(q != NULL);
    GT_ASSERT_EQ_STR(q->label, "AMUAY");
    gt_ports_free(p);
}

static void test_ports_wpi(void)
{
    const char *dir = getenv("GT_SHARED");
    char path[1024];
    struct gt_ports *p;
    size_t bad = 0;

    if (dir == NULL) {
        GT_SKIP("GT_SHARED not set");
    }
    snprintf(path, sizeof path, "%s/ref/wpi_ports.csv", dir);
    GT_ASSERT_EQ_INT(gt_ports_new(&p), GT_OK);
    if (gt_ports_load_file(p, path, &bad) == GT_ERR_NOTFOUND) {
        gt_ports_free(p);
        GT_SKIP("wpi_ports.csv absent");
    }
    GT_ASSERT(p->n > 3600);
    GT_ASSERT(gt_ports_nearest(p, 51.33, 3.2, 5.0, NULL) != NULL); /* Zeebrugge */
    gt_ports_free(p);
}

/* ---- detectors -------------------------------------------------------- */

static void test_gap_open_then_closed(void)
{
    char id_open[GT_EVENT_ID_MAX];

    reset();
    run_t0(273000001, T0, T0 + 14 * HR, 10 * MIN, 30.0, -40.0, 10);
    run(273000002, T0, T0 + 40 * HR, 10 * MIN, 31.0, -40.0, 10); /* the end of data */
    detect("ais_gap", NULL);
    GT_ASSERT_EQ_INT(nev, 1);
    GT_ASSERT_EQ_INT(evs[0].subject, 273000001);
    GT_ASSERT_EQ_INT(evs[0].t1, T0 + 40 * HR);
    GT_ASSERT(strstr(evs[0].detail, "\"open\":true") != NULL);
    /* never heard again before the data end: not suspected (issue #13) */
    GT_ASSERT(strstr(evs[0].detail, "\"suspected\":false") != NULL);
    GT_ASSERT(strstr(evs[0].detail, "\"reason\":\"open\"") != NULL);
    GT_ASSERT(strstr(evs[0].detail, "\"skipped\":\"shore_distance") != NULL);
    GT_ASSERT(strstr(evs[0].detail, "\"positions_before\":73") != NULL);
    memcpy(id_open, evs[0].id, sizeof id_open);
    /* late data close it: same id, now closed */
    run_t0(273000001, T0 + 30 * HR, T0 + 40 * HR, 10 * MIN, 30.0, -40.0, 10);
    detect("gap", NULL);
    GT_ASSERT_EQ_INT(nev, 1);
    GT_ASSERT_EQ_STR(evs[0].id, id_open);
    GT_ASSERT(strstr(evs[0].detail, "\"open\":false") != NULL);
    GT_ASSERT(strstr(evs[0].detail, "\"hours\":16.000") != NULL);
    /* more late data fill it: the gap is gone */
    run_t0(273000001, T0 + 14 * HR + 10 * MIN, T0 + 30 * HR - 10 * MIN, 30 * MIN, 30.0, -40.0, 10);
    detect("gap", NULL);
    GT_ASSERT_EQ_INT(nev, 0);
    reset();
}

/* Welch et al. (2022) with reception measured in heard hours: a gap in a
 * cell heard only in satellite passes is coverage, however many positions
 * each pass yields; a gap after the ship had already fallen silent for
 * hours is not disabling either; the same gap in a cell heard every hour,
 * after steady reception, is suspected. */
static void test_gap_coverage(void)
{
    int b;

    /* 1. passes: ten positions a minute apart every four hours, for the
     * subject and for a neighbour in the same cell */
    reset();
    for (b = 0; b < 10; b++) {
        if (b < 6) {
            run_t0(273000021, T0 + b * 4 * HR, T0 + b * 4 * HR + 9 * MIN, MIN, 30.2, -40.0, 10);
        }
        run_t0(273000022, T0 + b * 4 * HR, T0 + b * 4 * HR + 9 * MIN, MIN, 30.6, -40.0, 2);
    }
    run_t0(273000021, T0 + 36 * HR, T0 + 36 * HR + 9 * MIN, MIN, 30.2, -40.0, 10);
    detect("ais_gap", NULL);
    GT_ASSERT_EQ_INT(nev, 1);
    GT_ASSERT_EQ_INT(evs[0].subject, 273000021);
    GT_ASSERT(strstr(evs[0].detail, "\"suspected\":false") != NULL);
    GT_ASSERT(strstr(evs[0].detail, "\"reason\":\"poor_reception\"") != NULL);

    /* 2. steady reception around, but the subject was silent for 3 h in
     * the 12 h before its gap: not a vessel being received */
    reset();
    run(273000023, T0, T0 + 40 * HR, 10 * MIN, 30.6, -39.5, 0);
    run_t0(273000024, T0, T0 + 5 * HR, 10 * MIN, 30.2, -40.0, 2);
    run_t0(273000024, T0 + 8 * HR, T0 + 14 * HR, 10 * MIN, 30.2, -40.0, 2);
    run_t0(273000024, T0 + 30 * HR, T0 + 40 * HR, 10 * MIN, 30.2, -40.0, 2);
    detect("ais_gap", NULL);
    GT_ASSERT_EQ_INT(nev, 1);
    GT_ASSERT(strstr(evs[0].detail, "\"hours\":16.000") != NULL);
    GT_ASSERT(strstr(evs[0].detail, "\"silence_before_hours\":3.000") != NULL);
    GT_ASSERT(strstr(evs[0].detail, "\"reason\":\"few_positions_before\"") != NULL);

    /* 4. heard all along by a coastal station, but the data also hold
     * satellite positions and satellites do not hear this sea: beyond
     * terrestrial range nothing would have heard the ship, so no
     * suspicion (the satellite figure decides) */
    reset();
    run(273000023, T0, T0 + 40 * HR, 10 * MIN, 30.6, -39.5, 0);
    run_t0(273000024, T0, T0 + 14 * HR, 10 * MIN, 30.2, -40.0, 2);
    run_t0(273000024, T0 + 30 * HR, T0 + 40 * HR, 10 * MIN, 30.2, -40.0, 2);
    {
        struct gt_point p;
        struct gt_track *tr = gt_fleet_track(&fleet, mmsi(273000025));
        memset(&p, 0, sizeof p);
        p.t_ms = T0;
        p.lat_deg = 10.0;
        p.lon_deg = 10.0;
        p.flags = GT_OBS_POS | GT_OBS_SPEED;
        p.rx = GT_RX_SATELLITE; /* a satellite position far away */
        GT_ASSERT(tr != NULL);
        GT_ASSERT_EQ_INT(gt_track_push(tr, &p), GT_OK);
    }
    detect("ais_gap", NULL);
    GT_ASSERT_EQ_INT(nev, 1);
    GT_ASSERT(strstr(evs[0].detail, "\"heard_class\":\"satellite\"") != NULL);
    GT_ASSERT(strstr(evs[0].detail, "\"reason\":\"poor_reception\"") != NULL);

    /* 3. the same without the earlier silence: suspected */
    reset();
    run(273000023, T0, T0 + 40 * HR, 10 * MIN, 30.6, -39.5, 0);
    run_t0(273000024, T0, T0 + 14 * HR, 10 * MIN, 30.2, -40.0, 2);
    run_t0(273000024, T0 + 30 * HR, T0 + 40 * HR, 10 * MIN, 30.2, -40.0, 2);
    detect("ais_gap", NULL);
    GT_ASSERT_EQ_INT(nev, 1);
    GT_ASSERT(strstr(evs[0].detail, "\"suspected\":true") != NULL);
    GT_ASSERT(strstr(evs[0].detail, "\"reason\"") == NULL);
    reset();
}

static char json_line[4096];

static int to_json(const struct gt_event *e, void *ud)
{
    struct gt_buf b;
    (void)ud;
    gt_buf_init(&b, sizeof json_line);
    if (gt_event_to_json(e, &b, NULL, NULL) == GT_OK) {
        snprintf(json_line, sizeof json_line, "%s", gt_buf_str(&b));
    }
    gt_buf_release(&b);
    return GT_OK;
}

/* One gap as the NDJSON line of the schema-1 contract, byte for byte. */
static void test_gap_json(void)
{
    struct gt_detect_input in = {&fleet, NULL, NULL};

    reset();
    run_t0(273000001, T0, T0 + 14 * HR, 10 * MIN, 30.0, -40.0, 10);
    run_t0(273000001, T0 + 30 * HR, T0 + 31 * HR, 10 * MIN, 30.0, -40.0, 10);
    /* a ship at anchor in the off fix's cell, heard all along: the cell is
     * well received */
    run(273000009, T0, T0 + 31 * HR, 10 * MIN, 30.5, -37.5, 0);
    gt_fleet_sort(&fleet);
    json_line[0] = '\0';
    GT_ASSERT_EQ_INT(gt_detect_run(&in, "ais_gap", to_json, NULL), GT_OK);
    GT_ASSERT_EQ_STR(
        json_line,
        "{\"detail\":{\"class\":\"ais-a\",\"distance_km\":256.615,\"end_lat\":30.000000,\""
        "end_lon\":-35.003372,\"heard_class\":\"all\",\"heard_hours_per_day\":24.000,\"he"
        "ard_hours_per_day_others\":24.000,\"heard_hours_per_day_satellite\":0.000,\"hear"
        "d_hours_per_day_terrestrial\":17.201,\"hours\":16.000,\"implied_speed_kn\":8.660"
        ",\"open\":false,\"positions_before\":73,\"reception\":66.333,\"reception_satelli"
        "te\":0.000,\"reception_terrestrial\":66.333,\"shore_distance_nm\":null,\"silence"
        "_before_hours\":0.167,\"skipped\":\"shore_distance: no land data\",\"start_lat\""
        ":30.000000,\"start_lon\":-37.668240,\"suspected\":true},\"end\":\"2024-01-02T06:"
        "00:00Z\",\"evidence\":[{\"input\":1,\"offset\":84,\"role\":\"off\",\"station\":0"
        ",\"t\":\"2024-01-01T14:00:00Z\"},{\"input\":1,\"offset\":85,\"role\":\"on\",\"st"
        "ation\":0,\"t\":\"2024-01-02T06:00:00Z\"}],\"id\":\"ev_1537153debaa8ae8\",\"lat\""
        ":30.000000,\"lon\":-37.668240,\"peer\":null,\"schema\":1,\"score\":0.833,\"start"
        "\":\"2024-01-01T14:00:00Z\",\"subject\":\"mmsi:273000001\",\"type\":\"gap\"}\n");
    reset();
}

static void test_gap_rules(void)
{
    struct gt_land *l = square_island();
    struct gt_ref ref = {NULL, l, NULL, NULL};

    reset();
    /* sparse reporting: few positions before, low reception: not suspected */
    run(273000001, T0, T0 + 12 * HR, 2 * HR, 5.0, 5.0, 5);
    run(273000001, T0 + 30 * HR, T0 + 40 * HR, 2 * HR, 5.0, 5.5, 5);
    /* dense reporting but close to the island: not suspected (shore rule) */
    run(273000002, T0, T0 + 12 * HR, 10 * MIN, 1.2, 0.1, 1);
    run(273000002, T0 + 30 * HR, T0 + 40 * HR, 10 * MIN, 1.2, 0.2, 1);
    detect("ais_gap", &ref);
    GT_ASSERT_EQ_INT(nev, 2);
    GT_ASSERT(strstr(evs[0].detail, "\"suspected\":false") != NULL);
    GT_ASSERT(strstr(evs[0].detail, "\"positions_before\":7") != NULL);
    GT_ASSERT(strstr(evs[1].detail, "\"suspected\":false") != NULL);
    GT_ASSERT(strstr(evs[1].detail, "\"class\":\"ais-a\"") != NULL);
    GT_ASSERT(strstr(evs[1].detail, "\"shore_distance_nm\":1") != NULL);
    gt_land_free(l);
    reset();
}

static void test_loiter(void)
{
    reset();
    run(273000001, T0, T0 + 5 * HR, 10 * MIN, 30.0, -40.0, 0.5); /* 5 h slow: loiter */
    run(273000001, T0 + 6 * HR, T0 + 9 * HR, 10 * MIN, 30.0, -39.0, 12);
    run(273000002, T0, T0 + 3 * HR, 10 * MIN, 31.0, -40.0, 0.5); /* 3 h: too short */
    run(273000002, T0 + 3 * HR + 10 * MIN, T0 + 9 * HR, 10 * MIN, 31.0, -39.9, 12);
    detect("loiter", NULL);
    GT_ASSERT_EQ_INT(nev, 1);
    GT_ASSERT_EQ_INT(evs[0].subject, 273000001);
    GT_ASSERT(strstr(evs[0].detail, "\"hours\":5.000") != NULL);
    GT_ASSERT(strstr(evs[0].detail, "\"mean_speed_kn\":0.500") != NULL);
    reset();
}

static void test_encounter(void)
{
    struct gt_ports *p;
    struct gt_ref ref = {NULL, NULL, NULL, NULL};

    reset();
    run(273000001, T0, T0 + 4 * HR, 5 * MIN, 30.0, -40.0, 0.3);
    run(273000002, T0 + 2 * MIN, T0 + 4 * HR, 5 * MIN, 30.0, -39.998, 0.3); /* ~190 m */
    run(273000003, T0, T0 + 4 * HR, 5 * MIN, 30.0, -39.99, 0.3);            /* ~960 m */
    run(273000004, T0, T0 + 4 * HR, 5 * MIN, 30.0005, -40.0, 8);            /* fast */
    detect("encounter", NULL);
    GT_ASSERT_EQ_INT(nev, 1);
    GT_ASSERT_EQ_INT(evs[0].subject, 273000001);
    GT_ASSERT_EQ_INT(evs[0].peer, 273000002);
    GT_ASSERT(strstr(evs[0].detail, "\"dark\":false") != NULL);
    GT_ASSERT(strstr(evs[0].detail, "\"median_speed_kn\":0.300") != NULL);
    GT_ASSERT(evs[0].t1 - evs[0].t0 >= 3 * HR);
    /* the same meeting 5 km from a port is not an encounter */
    GT_ASSERT_EQ_INT(gt_ports_new(&p), GT_OK);
    GT_ASSERT_EQ_INT(gt_ports_add(p, "XXX", "NEAR", "", 30.045, -40.0), GT_OK);
    GT_ASSERT_EQ_INT(gt_ports_index(p), GT_OK);
    ref.ports = p;
    detect("encounter", &ref);
    GT_ASSERT_EQ_INT(nev, 0);
    gt_ports_free(p);
    reset();
}

/* An anchorage the port table lacks, found from the data (GFW's
 * stationary rule): three ships lying still for 20 h within 2 km of each
 * other; two ships alongside 5 km from them are waiting at anchor, not
 * meeting; the same two 60 km out are an encounter. */
static void test_encounter_data_anchorage(void)
{
    reset();
    run(273000011, T0, T0 + 20 * HR, 10 * MIN, 20.00, -60.00, 0);
    run(273000012, T0, T0 + 20 * HR, 10 * MIN, 20.01, -60.01, 0);
    run(273000013, T0, T0 + 20 * HR, 10 * MIN, 20.00, -60.015, 0);
    run(273000001, T0, T0 + 4 * HR, 5 * MIN, 20.045, -60.0, 0.3);
    run(273000002, T0 + 2 * MIN, T0 + 4 * HR, 5 * MIN, 20.045, -59.998, 0.3);
    detect("encounter", NULL);
    GT_ASSERT_EQ_INT(nev, 0);
    reset();
    run(273000011, T0, T0 + 20 * HR, 10 * MIN, 20.00, -60.00, 0);
    run(273000012, T0, T0 + 20 * HR, 10 * MIN, 20.01, -60.01, 0);
    run(273000013, T0, T0 + 20 * HR, 10 * MIN, 20.00, -60.015, 0);
    run(273000001, T0, T0 + 4 * HR, 5 * MIN, 20.55, -60.0, 0.3);
    run(273000002, T0 + 2 * MIN, T0 + 4 * HR, 5 * MIN, 20.55, -59.998, 0.3);
    detect("encounter", NULL);
    GT_ASSERT_EQ_INT(nev, 1);
    GT_ASSERT_EQ_INT(evs[0].subject, 273000001);
    /* two ships lying still together are no anchorage (fewer than 3) */
    reset();
    run(273000011, T0, T0 + 20 * HR, 10 * MIN, 20.00, -60.00, 0);
    run(273000012, T0, T0 + 20 * HR, 10 * MIN, 20.01, -60.01, 0);
    run(273000001, T0, T0 + 4 * HR, 5 * MIN, 20.045, -60.0, 0.3);
    run(273000002, T0 + 2 * MIN, T0 + 4 * HR, 5 * MIN, 20.045, -59.998, 0.3);
    detect("encounter", NULL);
    GT_ASSERT_EQ_INT(nev, 1);
    reset();
}

/* An hour of fixes 500 km away with the hull silent meanwhile and
 * resuming where it would have been: one teleport (A -> B -> A), not a
 * second ship sharing the MMSI; two ships heard at the same time are. */
static void test_spoof_excursion(void)
{
    int i, nt = 0, ns = 0;

    reset();
    run_t0(273000031, T0, T0 + 4 * HR, 2 * MIN, 30.0, -40.0, 10);
    run(273000031, T0 + 4 * HR + MIN, T0 + 5 * HR, 2 * MIN, 34.5, -40.0, 10);
    run_t0(273000031, T0 + 5 * HR + MIN, T0 + 10 * HR, 2 * MIN, 30.0, -40.0, 10);
    detect("ais_spoof", NULL);
    for (i = 0; i < (int)nev; i++) {
        nt += strstr(evs[i].detail, "\"kind\":\"teleport\"") != NULL;
        ns += strstr(evs[i].detail, "\"kind\":\"shared_id\"") != NULL;
    }
    GT_ASSERT_EQ_INT(nt, 1);
    GT_ASSERT_EQ_INT(ns, 0);
    reset();
    run_t0(273000031, T0, T0 + 10 * HR, 2 * MIN, 30.0, -40.0, 10);
    run(273000031, T0 + 4 * HR + MIN, T0 + 5 * HR, 2 * MIN, 34.5, -40.0, 10);
    detect("ais_spoof", NULL);
    for (i = nt = ns = 0; i < (int)nev; i++) {
        nt += strstr(evs[i].detail, "\"kind\":\"teleport\"") != NULL;
        ns += strstr(evs[i].detail, "\"kind\":\"shared_id\"") != NULL;
    }
    GT_ASSERT_EQ_INT(nt, 0);
    GT_ASSERT_EQ_INT(ns, 1);
    reset();
}

/* ITU-R M.585-9 station classes; stations that are not ships are no
 * spoof, unless a fixed one moves; impossible numbers are. */
static void test_station_classes(void)
{
    int i, n_inv = 0;

    GT_ASSERT_EQ_INT(gt_ids_mmsi_station(273000001), GT_STATION_SHIP);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_station(2573011), GT_STATION_COAST); /* 002573011 */
    GT_ASSERT_EQ_INT(gt_ids_mmsi_station(25730110), GT_STATION_GROUP);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_station(111257301), GT_STATION_SAR);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_station(992351000), GT_STATION_ATON);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_station(982570001), GT_STATION_CRAFT);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_station(970012345), GT_STATION_SART);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_station(972012345), GT_STATION_SART);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_station(974012345), GT_STATION_SART);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_station(825730001), GT_STATION_HANDHELD);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_station(123456789), GT_STATION_INVALID);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_station(950000000), GT_STATION_INVALID);
    GT_ASSERT_EQ_STR(gt_ids_mmsi_station_name(GT_STATION_ATON), "aton");
    /* the station groups are the decoder's M.585 classes: equipment is
     * recognised by its form even where its MID digits are not allocated */
    GT_ASSERT_EQ_INT(gt_ids_mmsi_station(15012345), GT_STATION_GROUP);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_station(1501234), GT_STATION_COAST);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_station(111150001), GT_STATION_SAR);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_station(999999), GT_STATION_INVALID);
    GT_ASSERT_EQ_INT(gt_ids_mmsi_check(815012345), GT_MMSI_ST_NOT_SHIP);
    for (i = 200; i < 800; i++) {
        uint32_t m = (uint32_t)i * 1000000u + 123456u;
        GT_ASSERT_EQ_INT(gt_ids_mmsi_station(m), GT_STATION_SHIP);
        GT_ASSERT_EQ_INT(gt_ids_mmsi_check(m),
                         gt_ais_mid_country((unsigned)i) ? GT_MMSI_ST_SHIP : GT_MMSI_ST_BAD_MID);
    }

    reset();
    run(2573011, T0, T0 + 10 * HR, 10 * MIN, 30.0, -40.0, 0);     /* base station */
    run(992351000, T0, T0 + 10 * HR, 10 * MIN, 30.1, -40.0, 0);   /* AtoN */
    run(992351001, T0, T0 + 10 * HR, 10 * MIN, 30.1, -40.003, 0); /* AtoN 300 m off */
    run(111257301, T0, T0 + 2 * HR, MIN, 31.0, -40.0, 120);       /* SAR aircraft */
    run(992351002, T0, T0 + 10 * HR, 10 * MIN, 32.0, -40.0, 3);   /* "AtoN" at 3 kn */
    run(123456789, T0, T0 + 10 * HR, 10 * MIN, 33.0, -40.0, 10);  /* fits no pattern */
    run(273000041, T0, T0 + 10 * HR, 10 * MIN, 34.0, -40.0, 10);
    fact(273000041, T0, GT_FIELD_IMO, "1234568"); /* not an IMO number */
    detect("ais_spoof,encounter,loiter", NULL);
    for (i = 0; i < (int)nev; i++) {
        GT_ASSERT_EQ_INT(evs[i].type, GT_EVENT_SPOOF);
        GT_ASSERT(strstr(evs[i].detail, "\"kind\":\"invalid_id\"") != NULL);
        if (evs[i].subject == 992351002) {
            GT_ASSERT(strstr(evs[i].detail, "\"reason\":\"fixed_station_moving\"") != NULL);
            n_inv++;
        } else if (evs[i].subject == 123456789) {
            GT_ASSERT(strstr(evs[i].detail, "\"reason\":\"unallocated\"") != NULL);
            n_inv++;
        }
    }
    GT_ASSERT_EQ_INT(n_inv, 2);
    GT_ASSERT_EQ_INT(nev, 2);
    reset();
}

static void test_port_call(void)
{
    struct gt_ports *p;
    struct gt_ref ref = {NULL, NULL, NULL, NULL};

    reset();
    GT_ASSERT_EQ_INT(gt_ports_new(&p), GT_OK);
    GT_ASSERT_EQ_INT(gt_ports_add(p, "VEN", "JOSE", "", 10.11, -64.85), GT_OK);
    GT_ASSERT_EQ_INT(gt_ports_index(p), GT_OK);
    ref.ports = p;
    run(273000001, T0, T0 + 2 * HR, 10 * MIN, 10.11, -65.2, 10);                     /* arriving */
    run(273000001, T0 + 2 * HR + 10 * MIN, T0 + 8 * HR, 10 * MIN, 10.11, -64.86, 0); /* stopped */
    run(273000001, T0 + 8 * HR + 10 * MIN, T0 + 10 * HR, 10 * MIN, 10.11, -64.85, 10);
    run(273000002, T0, T0 + 4 * HR, 10 * MIN, 10.12, -65.2, 12); /* steaming past */
    detect("port_call", &ref);
    GT_ASSERT_EQ_INT(nev, 1);
    GT_ASSERT_EQ_INT(evs[0].subject, 273000001);
    GT_ASSERT(strstr(evs[0].detail, "\"port\":\"JOSE\"") != NULL);
    GT_ASSERT(strstr(evs[0].detail, "\"open\":false") != NULL);
    detect("port_call", NULL); /* no ports: nothing */
    GT_ASSERT_EQ_INT(nev, 0);
    gt_ports_free(p);
    reset();
}

static void test_spoof_teleport_and_speed(void)
{
    reset();
    run_t0(273000001, T0, T0 + 3 * HR, 10 * MIN, 30.0, -40.0, 10);
    pt(273000001, T0 + 3 * HR + 5 * MIN, 33.0, -40.0, 10); /* A -> B -> A */
    run_t0(273000001, T0 + 3 * HR + 10 * MIN, T0 + 6 * HR, 10 * MIN, 30.0, -40.0, 10);
    run(273000002, T0, T0 + 3 * HR, 10 * MIN, 20.0, -40.0, 10);
    run(273000002, T0 + 4 * HR, T0 + 6 * HR, 10 * MIN, 22.0, -40.0, 10); /* 120 nm in 1 h */
    detect("ais_spoof", NULL);
    GT_ASSERT_EQ_INT(nev, 2);
    GT_ASSERT_EQ_INT(evs[0].subject, 273000001);
    GT_ASSERT(strstr(evs[0].detail, "\"kind\":\"teleport\"") != NULL);
    GT_ASSERT_EQ_INT(evs[1].subject, 273000002);
    GT_ASSERT(strstr(evs[1].detail, "\"kind\":\"impossible_speed\"") != NULL);
    reset();
}

static void test_spoof_on_land(void)
{
    struct gt_land *l = square_island();
    struct gt_ref ref = {NULL, l, NULL, NULL};

    reset();
    run(273000001, T0, T0 + 10 * HR, 10 * MIN, 0.5, -0.5, 6); /* crosses the island */
    detect("spoof", &ref);
    GT_ASSERT_EQ_INT(nev, 1);
    GT_ASSERT(strstr(evs[0].detail, "\"kind\":\"on_land\"") != NULL);
    detect("spoof", NULL); /* without land the rule is skipped */
    GT_ASSERT_EQ_INT(nev, 0);
    /* a transponder that never leaves one spot on land is a shore
     * installation (or a ship in a dock the land data fills), no spoof */
    reset();
    run(273000002, T0, T0 + 10 * HR, 10 * MIN, 0.5, 0.5, 0);
    detect("spoof", &ref);
    GT_ASSERT_EQ_INT(nev, 0);
    /* ... but a ship at sea whose fixes jump onto land and stay is one */
    run(273000002, T0 + 10 * HR + 10 * MIN, T0 + 20 * HR, 10 * MIN, 0.5, -0.6, 0);
    detect("spoof", &ref);
    GT_ASSERT(nev >= 1);
    gt_land_free(l);
    reset();
}

/* A ship weaving across a coast every two hours: its stretches on land
 * less than spoof.land_merge_hours apart are one spoofing episode, one
 * event. */
static void test_spoof_on_land_merged(void)
{
    struct gt_land *l = square_island();
    struct gt_ref ref = {NULL, l, NULL, NULL};
    int64_t t;

    reset();
    for (t = T0; t <= T0 + 12 * HR; t += 5 * MIN) {
        double h = (double)(t - T0) / (double)HR;
        pt(273000071, t, 1.0 + 0.05 * sin(h * 3.14159265358979 / 2.0),
           0.1 + 6 * 1.852 * h / 111.195, 6);
    }
    detect("spoof", &ref);
    GT_ASSERT_EQ_INT(nev, 1);
    GT_ASSERT(strstr(evs[0].detail, "\"kind\":\"on_land\"") != NULL);
    gt_land_free(l);
    reset();
}

/* Positions with no speed, course, heading or navigational status are
 * base station (message 4) or AtoN (message 21) reports, whatever the
 * MMSI: two such stations 300 m apart are no encounter. */
static void test_station_by_reports(void)
{
    int k;
    reset();
    for (k = 0; k < 60; k++) {
        struct gt_point p;
        uint32_t m;
        for (m = 273000061; m <= 273000062; m++) {
            struct gt_track *tr = gt_fleet_track(&fleet, mmsi(m));
            memset(&p, 0, sizeof p);
            p.t_ms = T0 + k * 10 * MIN;
            p.lat_deg = 30.0;
            p.lon_deg = m == 273000061 ? -40.0 : -39.997;
            p.flags = GT_OBS_POS;
            p.prov.kind = GT_PROV_FILE;
            p.prov.input_id = 1;
            p.prov.pos = offset++;
            GT_ASSERT(tr != NULL);
            GT_ASSERT_EQ_INT(gt_track_push(tr, &p), GT_OK);
        }
    }
    detect("encounter,loiter,ais_gap,ais_spoof", NULL);
    GT_ASSERT_EQ_INT(nev, 0);
    /* the same two as ships (speed reported) meet */
    reset();
    run(273000061, T0, T0 + 10 * HR, 10 * MIN, 30.0, -40.0, 0);
    run(273000062, T0, T0 + 10 * HR, 10 * MIN, 30.0, -39.997, 0);
    detect("encounter", NULL);
    GT_ASSERT_EQ_INT(nev, 1);
    reset();
}

static void test_identity(void)
{
    reset();
    run(273000001, T0, T0 + HR, 10 * MIN, 30.0, -40.0, 10);
    fact(273000001, T0, GT_FIELD_NAME, "OLD \"NAME\"");
    fact(273000001, T0 + HR, GT_FIELD_NAME, "NEW NAME");
    fact(273000001, T0 + 2 * HR, GT_FIELD_NAME, "NEW NAME");
    /* two hulls alternating names on one MMSI: no change reported */
    run(273000002, T0, T0 + HR, 10 * MIN, 31.0, -40.0, 10);
    fact(273000002, T0, GT_FIELD_NAME, "A");
    fact(273000002, T0 + HR, GT_FIELD_NAME, "B");
    fact(273000002, T0 + 2 * HR, GT_FIELD_NAME, "A");
    fact(273000002, T0 + 3 * HR, GT_FIELD_NAME, "B");
    detect("ais_identity", NULL);
    GT_ASSERT_EQ_INT(nev, 1);
    GT_ASSERT_EQ_STR(evs[0].detail,
                     "{\"field\":\"name\",\"new\":\"NEW NAME\",\"old\":\"OLD \\\"NAME\\\"\"}");
    reset();
}

/* A loiter inside a dark vessel's reachable region pairs with its gap; one
 * out of reach does not. */
static void test_dark_sts(void)
{
    reset();
    run_t0(273000001, T0, T0 + 14 * HR, 10 * MIN, 30.0, -40.0, 10); /* D goes dark */
    run(273000001, T0 + 34 * HR, T0 + 44 * HR, 10 * MIN, 30.0, -37.2, 10);
    run(273000002, T0 + 12 * HR, T0 + 30 * HR, 10 * MIN, 30.1, -37.5, 0.3); /* V loiters */
    run(273000003, T0 + 12 * HR, T0 + 30 * HR, 10 * MIN, 36.0, -37.5, 0.3); /* W, 660 km */
    detect("dark_sts", NULL);
    GT_ASSERT_EQ_INT(nev, 1);
    GT_ASSERT_EQ_INT(evs[0].type, GT_EVENT_ENCOUNTER);
    GT_ASSERT_EQ_INT(evs[0].subject, 273000002);
    GT_ASSERT_EQ_INT(evs[0].peer, 273000001);
    GT_ASSERT(strstr(evs[0].detail, "\"dark\":true") != NULL);
    GT_ASSERT(strstr(evs[0].detail, "\"other_candidates\":0") != NULL);
    /* the window starts once D could be there: ~20 km at 15 kn after 14 h */
    GT_ASSERT(evs[0].t0 > T0 + 14 * HR && evs[0].t0 < T0 + 15 * HR);
    GT_ASSERT(evs[0].t1 <= T0 + 30 * HR);
    /* E goes dark at the same time and could have reached V too, but it
     * reappears 190 km away: one meeting, one event, with D (the shorter
     * unseen detour) as the partner */
    run_t0(273000004, T0, T0 + 14 * HR, 10 * MIN, 30.3, -40.3, 10);
    run(273000004, T0 + 34 * HR, T0 + 44 * HR, 10 * MIN, 30.3, -35.5, 10);
    detect("dark_sts", NULL);
    GT_ASSERT_EQ_INT(nev, 1);
    GT_ASSERT_EQ_INT(evs[0].peer, 273000001);
    GT_ASSERT(strstr(evs[0].detail, "\"other_candidates\":1") != NULL);
    reset();
}

/* Fixes on a 3 km circle around a fixed centre; an anchored ship swinging
 * 100 m around its anchor is not one. */
static void test_spoof_circle(void)
{
    int k;

    reset();
    for (k = 0; k < 60; k++) {
        double a = (double)k * 2.0 * 3.14159265358979 / 18.0;
        pt(273000001, T0 + k * 5 * MIN, 30.0 + 0.027 * cos(a), -40.0 + 0.031 * sin(a), 7);
        pt(273000002, T0 + k * 5 * MIN, 31.0 + 0.0009 * cos(a), -40.0 + 0.001 * sin(a), 0.1);
    }
    detect("ais_spoof", NULL);
    GT_ASSERT_EQ_INT(nev, 1);
    GT_ASSERT_EQ_INT(evs[0].subject, 273000001);
    GT_ASSERT(strstr(evs[0].detail, "\"kind\":\"circle\"") != NULL);
    GT_ASSERT(strstr(evs[0].detail, "\"points\":60") != NULL);
    reset();
}

/* Every allocation of a full maritime run failing in turn: the run returns
 * GT_ERR_NOMEM (or succeeds once the failure point is past its last
 * allocation), never crashes; ASan checks that nothing leaks. */
static void test_out_of_memory(void)
{
    struct gt_land *l = square_island();
    struct gt_ports *p;
    struct gt_ref ref = {NULL, NULL, NULL, NULL};
    struct gt_detect_input in = {&fleet, NULL, &ref};
    uint64_t k;
    int rc = GT_ERR_NOMEM, k_ok = 0;

    reset();
    GT_ASSERT_EQ_INT(gt_ports_new(&p), GT_OK);
    GT_ASSERT_EQ_INT(gt_ports_add(p, "XXX", "P", "", 2.0, 2.0), GT_OK);
    GT_ASSERT_EQ_INT(gt_ports_index(p), GT_OK);
    ref.land = l;
    ref.ports = p;
    run(273000001, T0, T0 + 4 * HR, 5 * MIN, 30.0, -40.0, 0.3);
    run(273000002, T0 + 2 * MIN, T0 + 4 * HR, 5 * MIN, 30.0, -39.998, 0.3);
    run_t0(273000003, T0, T0 + 14 * HR, 10 * MIN, 30.0, -41.0, 10);
    run_t0(273000003, T0 + 30 * HR, T0 + 40 * HR, 10 * MIN, 30.0, -41.0, 10);
    run(567000000, T0, T0 + 5 * HR, 10 * MIN, 31.0, -40.0, 10);
    run(567000000, T0 + 5 * MIN, T0 + 5 * HR, 10 * MIN, 33.0, -40.0, 10);
    fact(273000003, T0, GT_FIELD_NAME, "A");
    fact(273000003, T0 + 20 * HR, GT_FIELD_NAME, "B");
    gt_fleet_sort(&fleet);
    for (k = 1; k < 100000 && rc == GT_ERR_NOMEM; k++) {
        nev = 0;
        gt_mem_fail_at(k);
        rc = gt_detect_run(&in, NULL, collect, NULL);
        gt_mem_fail_at(0);
        if (!(rc == GT_OK || rc == GT_ERR_NOMEM)) {
            printf("# k=%llu rc=%d\n", (unsigned long long)k, rc);
        }
        GT_ASSERT(rc == GT_OK || rc == GT_ERR_NOMEM);
        k_ok = (int)k;
    }
    GT_ASSERT_EQ_INT(rc, GT_OK);
    printf("# out of memory: %d failure points\n", k_ok - 1);
    GT_ASSERT(k_ok > 20);
    GT_ASSERT(nev >= 5);
    gt_ports_free(p);
    gt_land_free(l);
    reset();
}

/* A new MMSI continuing an old one's name and callsign (no IMO) is the
 * same hull: an mmsi change, and a flag change when the MIDs differ. */
static void test_identity_relink(void)
{
    int i, nm = 0, nf = 0;

    reset();
    run(636012345, T0, T0 + 10 * HR, 10 * MIN, 30.0, -40.0, 10);
    fact(636012345, T0, GT_FIELD_NAME, "DARK STAR");
    fact(636012345, T0, GT_FIELD_CALLSIGN, "A8ZZ9");
    run(620012345, T0 + 30 * HR, T0 + 40 * HR, 10 * MIN, 30.0, -39.0, 10);
    fact(620012345, T0 + 30 * HR, GT_FIELD_NAME, "DARK STAR");
    fact(620012345, T0 + 30 * HR, GT_FIELD_CALLSIGN, "A8ZZ9");
    run(538012345, T0 + 30 * HR, T0 + 40 * HR, 10 * MIN, 35.0, -39.0, 10); /* other ship */
    fact(538012345, T0 + 30 * HR, GT_FIELD_NAME, "DARK STAR");
    fact(538012345, T0 + 30 * HR, GT_FIELD_CALLSIGN, "V7AA1");
    detect("ais_identity", NULL);
    for (i = 0; i < (int)nev; i++) {
        if (strstr(evs[i].detail, "\"field\":\"mmsi\"")) {
            nm++;
            GT_ASSERT_EQ_INT(evs[i].subject, 620012345);
            GT_ASSERT_EQ_INT(evs[i].peer, 636012345);
            GT_ASSERT(strstr(evs[i].detail, "\"link\":\"name_callsign\"") != NULL);
        }
        /* one finding, one event: the flag change rides on the mmsi one */
        if (strstr(evs[i].detail, "\"flag\":{\"new\":\"KM\",\"old\":\"LR\"}")) {
            nf++;
            GT_ASSERT(strstr(evs[i].detail, "\"fields\":[\"flag\",\"mmsi\"]") != NULL);
        }
    }
    GT_ASSERT_EQ_INT(nm, 1);
    GT_ASSERT_EQ_INT(nf, 1);
    GT_ASSERT_EQ_INT(nev, 1);
    reset();
}

/* A rename and a new callsign sent together are one identity event; a
 * rename ten hours later is another. */
static void test_identity_grouped(void)
{
    reset();
    run(273000051, T0, T0 + 30 * HR, 10 * MIN, 30.0, -40.0, 10);
    fact(273000051, T0, GT_FIELD_NAME, "OLD");
    fact(273000051, T0, GT_FIELD_CALLSIGN, "AB12");
    fact(273000051, T0 + 10 * HR, GT_FIELD_NAME, "NEW");
    fact(273000051, T0 + 10 * HR + 6 * MIN, GT_FIELD_CALLSIGN, "CD34");
    fact(273000051, T0 + 20 * HR, GT_FIELD_NAME, "NEWER");
    detect("ais_identity", NULL);
    GT_ASSERT_EQ_INT(nev, 2);
    GT_ASSERT_EQ_STR(evs[0].detail,
                     "{\"changes\":{\"callsign\":{\"new\":\"CD34\",\"old\":\"AB12\"},"
                     "\"name\":{\"new\":\"NEW\",\"old\":\"OLD\"}},\"field\":\"callsign\","
                     "\"fields\":[\"callsign\",\"name\"],\"new\":\"CD34\",\"old\":\"AB12\"}");
    GT_ASSERT_EQ_INT(evs[0].t0, T0 + 10 * HR);
    GT_ASSERT_EQ_INT(evs[0].t1, T0 + 10 * HR + 6 * MIN);
    GT_ASSERT_EQ_STR(evs[1].detail, "{\"field\":\"name\",\"new\":\"NEWER\",\"old\":\"NEW\"}");
    reset();
}

static void test_unknown_only(void)
{
    struct gt_detect_input in = {&fleet, NULL, NULL};
    reset();
    GT_ASSERT_EQ_INT(gt_detect_run(&in, "no_such", collect, NULL), GT_ERR_INVAL);
    GT_ASSERT_EQ_INT(gt_detect_run(&in, "ais_gap,loiter,dark_sts", collect, NULL), GT_OK);
    gt_fleet_release(&fleet);
}

GT_TEST_MAIN({"segment basic", test_segment_basic}, {"segment two hulls", test_segment_two_hulls},
             {"ids", test_ids}, {"reception", test_reception}, {"land rings", test_land_rings},
             {"land topojson", test_land_topojson}, {"land natural earth", test_land_natural_earth},
             {"ports csv", test_ports_csv}, {"ports wpi", test_ports_wpi},
             {"gap open then closed", test_gap_open_then_closed}, {"gap rules", test_gap_rules},
             {"gap json", test_gap_json}, {"gap coverage", test_gap_coverage},
             {"loiter", test_loiter}, {"encounter", test_encounter},
             {"encounter data anchorage", test_encounter_data_anchorage},
             {"port call", test_port_call},
             {"spoof teleport and speed", test_spoof_teleport_and_speed},
             {"spoof on land", test_spoof_on_land}, {"spoof excursion", test_spoof_excursion},
             {"station classes", test_station_classes},
             {"station by reports", test_station_by_reports},
             {"spoof on land merged", test_spoof_on_land_merged}, {"identity", test_identity},
             {"identity relink", test_identity_relink}, {"identity grouped", test_identity_grouped},
             {"dark sts", test_dark_sts}, {"spoof circle", test_spoof_circle},
             {"out of memory", test_out_of_memory}, {"unknown only", test_unknown_only})
