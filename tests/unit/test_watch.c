/*
 * test_watch.c - the watchlist parser and the watch engine's rules, on
 * :memory: stores (src/watch/, docs/WATCH.md).
 */
#include <string.h>

#include "ghosttrack/airports.h"
#include "ghosttrack/ports.h"
#include "ghosttrack/store.h"
#include "ghosttrack/time.h"
#include "ghosttrack/watch.h"
#include "test.h"

#define T0  INT64_C(1553126400000) /* 2019-03-21T00:00:00Z */
#define MIN INT64_C(60000)

/* ---- the parser ---- */

struct bads {
    unsigned lines[8];
    int n;
};

static void on_bad(void *ud, unsigned line, const char *why)
{
    struct bads *b = ud;

    GT_ASSERT(why != NULL && why[0] != '\0');
    if (b->n < 8) {
        b->lines[b->n++] = line;
    }
}

static struct gt_watchlist *parse(const char *text, struct bads *b)
{
    struct gt_watchlist *wl = NULL;

    GT_ASSERT_EQ_INT(gt_watchlist_parse((const uint8_t *)text, strlen(text), on_bad, b, &wl),
                     GT_OK);
    GT_ASSERT(wl != NULL);
    return wl;
}

static void test_parse_entries(void)
{
    struct bads b = {{0}, 0};
    struct gt_watchlist *wl =
        parse("# sanctioned tankers\n"
              "mmsi:273349220 kinds=dark,encounter label=\"sanctioned tanker\"\n"
              "\n"
              "imo:9187655   # trailing comment\n"
              "name: orient   star  label=x\n"
              "name:\"*GLORY*\" kinds=identity\n"
              "registration:ra-86496 kinds=flight\n"
              "icao:1511A3\r\n"
              "area:11,-64,10,-65 label=\"Jose # anchorage\"\n"
              "type:IL62\n"
              "operator:Russian Air Force kinds=all\n",
              &b);
    const struct gt_watch_entry *e;

    GT_ASSERT_EQ_INT(b.n, 0);
    GT_ASSERT_EQ_INT(gt_watchlist_count(wl), 9);
    e = gt_watchlist_get(wl, 0);
    GT_ASSERT_EQ_INT(e->sel, GT_WSEL_MMSI);
    GT_ASSERT_EQ_INT(e->num, 273349220);
    GT_ASSERT_EQ_INT(e->kinds, GT_ALERT_DARK | GT_ALERT_ENCOUNTER);
    GT_ASSERT_EQ_STR(e->label, "sanctioned tanker");
    GT_ASSERT_EQ_INT(e->line, 2);
    e = gt_watchlist_get(wl, 1);
    GT_ASSERT_EQ_INT(e->sel, GT_WSEL_IMO);
    GT_ASSERT_EQ_INT(e->num, 9187655);
    GT_ASSERT_EQ_INT(e->line, 4);
    /* identity selectors default to every kind but the area ones */
    GT_ASSERT_EQ_INT(e->kinds,
                     GT_ALERT_ALL & ~(unsigned)(GT_ALERT_AREA_ENTER | GT_ALERT_AREA_LEAVE));
    e = gt_watchlist_get(wl, 2);
    GT_ASSERT_EQ_STR(e->value, "ORIENT STAR");
    GT_ASSERT_EQ_INT(e->glob, 0);
    GT_ASSERT_EQ_STR(e->label, "x");
    e = gt_watchlist_get(wl, 3);
    GT_ASSERT_EQ_STR(e->value, "*GLORY*");
    GT_ASSERT_EQ_INT(e->glob, 1);
    GT_ASSERT_EQ_INT(e->kinds, GT_ALERT_IDENTITY);
    e = gt_watchlist_get(wl, 4);
    GT_ASSERT_EQ_INT(e->sel, GT_WSEL_REG);
    GT_ASSERT_EQ_STR(e->value, "RA-86496");
    GT_ASSERT_EQ_INT(e->kinds, GT_ALERT_TAKEOFF | GT_ALERT_LANDING);
    e = gt_watchlist_get(wl, 5);
    GT_ASSERT_EQ_INT(e->sel, GT_WSEL_ICAO);
    GT_ASSERT_EQ_INT(e->num, 0x1511a3);
    e = gt_watchlist_get(wl, 6);
    GT_ASSERT_EQ_INT(e->sel, GT_WSEL_AREA);
    GT_ASSERT_DBL_NEAR(e->south_deg, 10.0, 1e-9);
    GT_ASSERT_DBL_NEAR(e->north_deg, 11.0, 1e-9);
    GT_ASSERT_DBL_NEAR(e->west_deg, -65.0, 1e-9);
    GT_ASSERT_DBL_NEAR(e->east_deg, -64.0, 1e-9);
    GT_ASSERT_EQ_STR(e->label, "Jose # anchorage");
    GT_ASSERT_EQ_INT(e->kinds, GT_ALERT_AREA_ENTER | GT_ALERT_AREA_LEAVE);
    e = gt_watchlist_get(wl, 8);
    GT_ASSERT_EQ_STR(e->value, "RUSSIAN AIR FORCE");
    GT_ASSERT_EQ_INT(e->kinds, GT_ALERT_ALL);
    gt_watchlist_free(wl);
}

static void test_parse_bad_lines(void)
{
    struct bads b = {{0}, 0};
    struct gt_watchlist *wl = parse("mmsi:1234567890\n"           /* 1: ten digits */
                                    "mmsi:211000001\n"            /* 2: fine */
                                    "imo:123\n"                   /* 3: not 7 digits */
                                    "shipname:X\n"                /* 4: unknown selector */
                                    "icao:zzzzzz\n"               /* 5 */
                                    "mmsi:211000002 kinds=nope\n" /* 6 */
                                    "area:95,0,1,1\n"             /* 7: off the globe */
                                    "just text\n"                 /* 8 */
                                    "icao:4b1805 label=ok\n",     /* 9: fine */
                                    &b);

    GT_ASSERT_EQ_INT(gt_watchlist_count(wl), 2);
    GT_ASSERT_EQ_INT(gt_watchlist_get(wl, 0)->line, 2);
    GT_ASSERT_EQ_INT(gt_watchlist_get(wl, 1)->line, 9);
    GT_ASSERT_EQ_INT(b.n, 7);
    GT_ASSERT_EQ_INT(b.lines[0], 1);
    GT_ASSERT_EQ_INT(b.lines[1], 3);
    GT_ASSERT_EQ_INT(b.lines[6], 8);
    gt_watchlist_free(wl);
}

static void test_parse_geojson(void)
{
    static const char doc[] =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-65.5,13.5],[-64.9,13.5],"
        "[-64.9,14.1],[-65.5,14.1],[-65.5,13.5]]]}}]}";
    struct bads b = {{0}, 0};
    struct gt_watchlist *wl = parse("area:zone.geojson label=zone\nmmsi:1\n", &b);
    const struct gt_watch_entry *e = gt_watchlist_get(wl, 0);

    GT_ASSERT_EQ_STR(e->path, "zone.geojson");
    GT_ASSERT_EQ_INT(gt_watchlist_set_polygon(wl, 1, (const uint8_t *)doc, sizeof doc - 1),
                     GT_ERR_INVAL);
    GT_ASSERT_EQ_INT(gt_watchlist_set_polygon(wl, 0, (const uint8_t *)"{}", 2), GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(gt_watchlist_set_polygon(wl, 0, (const uint8_t *)doc, sizeof doc - 1), GT_OK);
    e = gt_watchlist_get(wl, 0);
    GT_ASSERT_EQ_INT(e->npoly, 5);
    GT_ASSERT_DBL_NEAR(e->south_deg, 13.5, 1e-9);
    GT_ASSERT_DBL_NEAR(e->north_deg, 14.1, 1e-9);
    GT_ASSERT_DBL_NEAR(e->west_deg, -65.5, 1e-9);
    GT_ASSERT_DBL_NEAR(e->east_deg, -64.9, 1e-9);
    gt_watchlist_free(wl);
}

/* ---- the engine ---- */

struct seen {
    char rules[64][16];
    char subj[64][GT_IDENT_MAX];
    int n;
};

static int on_alert(void *ud, const struct gt_watch_alert *a)
{
    struct seen *s = ud;

    GT_ASSERT(strlen(a->id) == 16);
    GT_ASSERT(a->n == strlen(a->json) && a->json[0] == '{' && a->json[a->n - 1] == '}');
    GT_ASSERT(memchr(a->json, '\n', a->n) == NULL);
    if (s->n < 64) {
        snprintf(s->rules[s->n], sizeof s->rules[0], "%s", a->rule);
        if (gt_ident_format(&a->subject, s->subj[s->n], GT_IDENT_MAX) < 0) {
            s->subj[s->n][0] = '\0';
        }
        s->n++;
    }
    return GT_OK;
}

static int count(const struct seen *s, const char *rule, const char *subj)
{
    int i, n = 0;

    for (i = 0; i < s->n; i++) {
        n += strcmp(s->rules[i], rule) == 0 && (subj == NULL || strcmp(s->subj[i], subj) == 0);
    }
    return n;
}

struct rig {
    struct gt_store *st;
    struct gt_watchlist *wl;
    struct gt_watch *w;
    struct gt_ref ref;
    const struct gt_params *params;
    struct seen seen;
    uint64_t pos;
};

static void rig_start(struct rig *r, const char *list)
{
    struct gt_watch_opts o;
    struct bads b = {{0}, 0};

    if (r->st == NULL) {
        GT_ASSERT_EQ_INT(gt_store_open(":memory:", GT_STORE_CREATE, &r->st), GT_OK);
    }
    if (r->wl == NULL) {
        r->wl = parse(list, &b);
    }
    memset(&o, 0, sizeof o);
    o.wl = r->wl;
    o.st = r->st;
    o.ref = &r->ref;
    o.params = r->params;
    o.emit = on_alert;
    o.emit_ud = &r->seen;
    GT_ASSERT_EQ_INT(gt_watch_new(&o, &r->w), GT_OK);
}

static void rig_stop(struct rig *r)
{
    gt_watch_free(r->w);
    r->w = NULL;
}

static void rig_free(struct rig *r)
{
    rig_stop(r);
    gt_watchlist_free(r->wl);
    gt_store_close(r->st);
}

static void ship(struct rig *r, uint32_t mmsi, int64_t t, double lat, double lon, double kn,
                 int navstat)
{
    struct gt_obs o;

    gt_obs_init(&o);
    o.t_ms = t;
    o.id.kind = GT_ID_MMSI;
    o.id.value = mmsi;
    o.flags = GT_OBS_POS | GT_OBS_SPEED | GT_OBS_TIME;
    o.lat_deg = lat;
    o.lon_deg = lon;
    o.speed_kn = (float)kn;
    if (navstat >= 0) {
        o.flags |= GT_OBS_NAVSTAT;
        o.nav_status = (uint8_t)navstat;
    }
    o.prov.kind = GT_PROV_STREAM;
    o.prov.input_id = 1;
    o.prov.pos = ++r->pos;
    GT_ASSERT_EQ_INT(gt_watch_obs(r->w, &o), GT_OK);
}

static void fact(struct rig *r, uint32_t mmsi, int64_t t, enum gt_ident_field f, const char *v)
{
    struct gt_ident_obs io;

    memset(&io, 0, sizeof io);
    io.t_ms = t;
    io.id.kind = GT_ID_MMSI;
    io.id.value = mmsi;
    io.field = f;
    snprintf(io.value, sizeof io.value, "%s", v);
    io.prov.kind = GT_PROV_STREAM;
    io.prov.input_id = 1;
    io.prov.pos = ++r->pos;
    GT_ASSERT_EQ_INT(gt_watch_fact(r->w, &io), GT_OK);
}

/* First heard once, never again: not after a restart on the same store,
 * and a record replayed does not repeat its alert. */
static void test_first_heard_once(void)
{
    struct rig r;

    memset(&r, 0, sizeof r);
    rig_start(&r, "mmsi:211000001\n");
    ship(&r, 211000001, T0, 54.0, 10.0, 12, 0);
    ship(&r, 211000002, T0, 54.0, 10.1, 12, 0); /* not watched */
    ship(&r, 211000001, T0 + MIN, 54.01, 10.0, 12, 0);
    GT_ASSERT_EQ_INT(count(&r.seen, "first_heard", "mmsi:211000001"), 1);
    GT_ASSERT_EQ_INT(r.seen.n, 1);
    GT_ASSERT_EQ_INT(gt_store_begin(r.st), GT_OK);
    GT_ASSERT_EQ_INT(gt_watch_save(r.w), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_commit(r.st), GT_OK);
    rig_stop(&r);
    rig_start(&r, NULL);
    GT_ASSERT(gt_watch_stats(r.w)->restored >= 1);
    ship(&r, 211000001, T0 + 2 * MIN, 54.02, 10.0, 12, 0);
    GT_ASSERT_EQ_INT(r.seen.n, 1);
    rig_stop(&r);
    /* without its state, the same first record gives the same id: kept once */
    GT_ASSERT_EQ_INT(gt_store_watch_state_put(r.st, "e:mmsi:211000001", NULL, 0), GT_OK);
    rig_start(&r, NULL);
    ship(&r, 211000001, T0, 54.0, 10.0, 12, 0);
    GT_ASSERT_EQ_INT(r.seen.n, 1);
    GT_ASSERT_EQ_INT(gt_watch_stats(r.w)->repeats, 1);
    rig_free(&r);
}

/* Dark: silent past ten times its own interval (at least an hour) where
 * the cell is heard well; not where the cell is heard only in passes. */
static void test_dark_needs_reception(void)
{
    struct rig r;
    int64_t t;

    memset(&r, 0, sizeof r);
    rig_start(&r, "mmsi:211000001 kinds=dark,heard_again\nmmsi:211000003 kinds=dark\n");
    /* a well-heard cell at 54.5 N 10.5 E: two ships every 2 minutes */
    for (t = T0; t < T0 + 8 * 60 * MIN; t += 2 * MIN) {
        double f = (double)(t - T0) / 3.6e6;
        ship(&r, 211000002, t, 54.3, 10.2 + 0.001 * f, 10, 0);
        if (t < T0 + 4 * 60 * MIN) {
            ship(&r, 211000001, t, 54.6, 10.6 + 0.001 * f, 10, 0);
        }
    }
    GT_ASSERT_EQ_INT(count(&r.seen, "dark", "mmsi:211000001"), 1);
    ship(&r, 211000001, T0 + 9 * 60 * MIN, 54.7, 10.7, 10, 0);
    GT_ASSERT_EQ_INT(count(&r.seen, "heard_again", "mmsi:211000001"), 1);

    rig_free(&r);

    /* a cell heard only in satellite passes: 12 minutes of reports every
     * 4 hours.  211000003 reports every 2 minutes in a pass, so the
     * silences between passes pass its own threshold (an hour); the
     * cell's 6 hours heard per vessel-day (under gap.min_heard_hours, 10)
     * keep it from being dark.  With the threshold lowered it would be. */
    {
        static const char *const keys[] = {"gap.min_heard_hours"};
        static const char *const vals[] = {"1"};
        struct gt_params low = {keys, vals, 1};
        int pass;
        for (pass = 0; pass < 2; pass++) {
            memset(&r, 0, sizeof r);
            r.params = pass == 1 ? &low : NULL;
            rig_start(&r, "mmsi:211000003 kinds=dark\n");
            for (t = T0; t < T0 + 48 * 60 * MIN; t += 240 * MIN) {
                int64_t u;
                for (u = t; u < t + 12 * MIN; u += 2 * MIN) {
                    ship(&r, 211000003, u, 20.2, -40.2, 10, 0);
                    ship(&r, 211000004, u, 20.5, -40.5, 10, 0);
                }
            }
            GT_ASSERT_EQ_INT(gt_watch_tick(r.w, 0), GT_OK);
            if (pass == 0) {
                GT_ASSERT_EQ_INT(count(&r.seen, "dark", "mmsi:211000003"), 0);
            } else {
                GT_ASSERT(count(&r.seen, "dark", "mmsi:211000003") > 0);
            }
            rig_free(&r);
        }
    }
}

/* Encounter: two slow ships within 500 m for 2 hours at sea; not at
 * anchor, not inside a port's anchorage. */
static void test_encounter_rules(void)
{
    struct rig r;
    struct gt_ports *ports = NULL;
    int64_t t;

    memset(&r, 0, sizeof r);
    rig_start(&r, "mmsi:636018234 kinds=encounter\nmmsi:209876000 kinds=encounter\n");
    for (t = T0; t <= T0 + 150 * MIN; t += 5 * MIN) {
        ship(&r, 636018234, t, 13.8, -65.2, 0.5, 0);
        ship(&r, 355123000, t + 10000, 13.8, -65.2015, 0.3, 0); /* 160 m away */
    }
    GT_ASSERT_EQ_INT(count(&r.seen, "encounter", "mmsi:636018234"), 1);
    /* the same pair at anchor: nothing */
    for (t = T0; t <= T0 + 150 * MIN; t += 5 * MIN) {
        ship(&r, 209876000, t, 10.16, -64.91, 0.1, 1);
        ship(&r, 563045000, t + 10000, 10.1636, -64.91, 0.1, 1);
    }
    GT_ASSERT_EQ_INT(count(&r.seen, "encounter", "mmsi:209876000"), 0);
    rig_stop(&r);
    /* under way (status 0) but inside a port's anchorage radius: nothing */
    GT_ASSERT_EQ_INT(gt_ports_new(&ports), GT_OK);
    GT_ASSERT_EQ_INT(gt_ports_add_radius(ports, "VEN", "JOSE", "", 10.11, -64.85, 5.4), GT_OK);
    GT_ASSERT_EQ_INT(gt_ports_index(ports), GT_OK);
    r.ref.ports = ports;
    rig_start(&r, NULL);
    for (t = T0 + 1000 * MIN; t <= T0 + 1150 * MIN; t += 5 * MIN) {
        ship(&r, 209876000, t, 10.13, -64.87, 0.1, 0);
        ship(&r, 563045000, t + 10000, 10.1336, -64.87, 0.1, 0);
    }
    GT_ASSERT_EQ_INT(count(&r.seen, "encounter", "mmsi:209876000"), 0);
    rig_free(&r);
    gt_ports_free(ports);
}

static void test_identity_and_spoof(void)
{
    struct rig r;

    memset(&r, 0, sizeof r);
    rig_start(&r, "imo:9256781 kinds=identity\nmmsi:377456000 kinds=spoof\n");
    fact(&r, 357222000, T0, GT_FIELD_IMO, "9256781");
    fact(&r, 357222000, T0, GT_FIELD_NAME, "OCEAN GLORY");
    fact(&r, 357222000, T0 + MIN, GT_FIELD_NAME, "OCEAN GLORY");
    GT_ASSERT_EQ_INT(r.seen.n, 0);
    fact(&r, 357222000, T0 + 2 * MIN, GT_FIELD_NAME, "GLORY STAR");
    GT_ASSERT_EQ_INT(count(&r.seen, "identity", "mmsi:357222000"), 1);
    /* the same IMO number from a new MMSI: a reflagging */
    fact(&r, 613111000, T0 + 60 * MIN, GT_FIELD_IMO, "9256781");
    GT_ASSERT_EQ_INT(count(&r.seen, "identity", "mmsi:613111000"), 1);
    /* a jump of 700 km in a minute, and back: one spoof alert */
    ship(&r, 377456000, T0, 14.0, -68.0, 13, 0);
    ship(&r, 377456000, T0 + MIN, 15.9, -74.9, 13, 0);
    ship(&r, 377456000, T0 + 2 * MIN, 14.0, -68.0, 13, 0);
    GT_ASSERT_EQ_INT(count(&r.seen, "spoof", "mmsi:377456000"), 1);
    rig_free(&r);
}

/* After a restart the watchlist of now decides: an entry removed no longer
 * watches, and an identity matched by an old name stays watched while its
 * entry is there. */
static void test_restart_follows_watchlist(void)
{
    struct rig r;

    memset(&r, 0, sizeof r);
    rig_start(&r, "name:OCEAN GLORY kinds=identity,spoof\nmmsi:211000001 kinds=spoof\n");
    fact(&r, 357222000, T0, GT_FIELD_NAME, "OCEAN GLORY");
    fact(&r, 357222000, T0 + MIN, GT_FIELD_NAME, "GLORY STAR");
    fact(&r, 357222000, T0 + 2 * MIN, GT_FIELD_FLAG, "PA");
    fact(&r, 357222000, T0 + 3 * MIN, GT_FIELD_FLAG, "CM");
    ship(&r, 211000001, T0, 54.0, 10.0, 12, 0);
    GT_ASSERT_EQ_INT(count(&r.seen, "identity", "mmsi:357222000"), 2); /* name, flag */
    GT_ASSERT_EQ_INT(gt_store_begin(r.st), GT_OK);
    GT_ASSERT_EQ_INT(gt_watch_save(r.w), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_commit(r.st), GT_OK);
    rig_stop(&r);
    gt_watchlist_free(r.wl);
    r.wl = NULL;
    rig_start(&r, "name:OCEAN GLORY kinds=identity,spoof\n");
    /* 211000001 is no longer on the list: its jump is not reported */
    ship(&r, 211000001, T0 + MIN, 58.0, 10.0, 12, 0);
    GT_ASSERT_EQ_INT(count(&r.seen, "spoof", "mmsi:211000001"), 0);
    /* GLORY STAR is still watched through its old name's entry */
    fact(&r, 357222000, T0 + 10 * MIN, GT_FIELD_NAME, "GLORY STAR II");
    GT_ASSERT_EQ_INT(count(&r.seen, "identity", "mmsi:357222000"), 3);
    rig_free(&r);
}

static void plane(struct rig *r, int64_t t, double lat, double lon, int alt, int ground)
{
    struct gt_obs o;

    gt_obs_init(&o);
    o.t_ms = t;
    o.id.kind = GT_ID_ICAO;
    o.id.value = 0x1511a3;
    o.flags = GT_OBS_POS | GT_OBS_TIME | GT_OBS_GROUND;
    o.on_ground = (uint8_t)ground;
    o.lat_deg = lat;
    o.lon_deg = lon;
    if (!ground) {
        o.flags |= GT_OBS_ALT;
        o.alt_ft = alt;
    }
    o.prov.kind = GT_PROV_STREAM;
    o.prov.input_id = 2;
    o.prov.pos = ++r->pos;
    GT_ASSERT_EQ_INT(gt_watch_obs(r->w, &o), GT_OK);
}

static void test_takeoff_landing_area(void)
{
    struct rig r;
    struct gt_airports *ap = NULL;

    GT_ASSERT_EQ_INT(gt_airports_builtin(&ap), GT_OK);
    memset(&r, 0, sizeof r);
    r.ref.airports = ap;
    rig_start(&r, "icao:1511a3 kinds=flight\narea:10.5,-67.2,10.7,-66.8 label=SVMI\n");
    plane(&r, T0, 10.601, -66.991, 0, 1);
    plane(&r, T0 + MIN, 10.61, -66.98, 0, 1);
    plane(&r, T0 + 2 * MIN, 10.65, -66.9, 1500, 0);
    plane(&r, T0 + 5 * MIN, 10.9, -66.5, 9000, 0);
    GT_ASSERT_EQ_INT(count(&r.seen, "takeoff", "icao:1511a3"), 1);
    GT_ASSERT_EQ_INT(count(&r.seen, "area_enter", "icao:1511a3"), 1);
    GT_ASSERT_EQ_INT(count(&r.seen, "area_leave", "icao:1511a3"), 1);
    /* a quiet approach: low near Maiquetia, then nothing for 10 minutes */
    plane(&r, T0 + 60 * MIN, 10.8, -66.9, 4000, 0);
    plane(&r, T0 + 62 * MIN, 10.62, -66.98, 900, 0);
    GT_ASSERT_EQ_INT(count(&r.seen, "landing", "icao:1511a3"), 0);
    GT_ASSERT_EQ_INT(gt_watch_tick(r.w, 11 * MIN), GT_OK);
    GT_ASSERT_EQ_INT(count(&r.seen, "landing", "icao:1511a3"), 1);
    rig_free(&r);
    gt_airports_free(ap);
}

GT_TEST_MAIN({"parse_entries", test_parse_entries}, {"parse_bad_lines", test_parse_bad_lines},
             {"parse_geojson", test_parse_geojson}, {"first_heard_once", test_first_heard_once},
             {"dark_needs_reception", test_dark_needs_reception},
             {"encounter_rules", test_encounter_rules},
             {"identity_and_spoof", test_identity_and_spoof},
             {"restart_follows_watchlist", test_restart_follows_watchlist},
             {"takeoff_landing_area", test_takeoff_landing_area})
