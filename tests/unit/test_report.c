/*
 * test_report.c - the HTML report (html.h): escaping of hostile strings,
 * determinism, caps, evidence and the event list.
 *
 * The fixture is a small Venezuela-style scene built in memory: three
 * tankers in the Caribbean (one dark for 14 hours, two meeting at sea, one
 * named with an HTML injection), a Russian state aircraft flying
 * Moscow - Rabat - Caracas and another Gran Canaria - Caracas with a dark
 * leg.  With GT_REPORT_SAMPLE=path in the environment the "sample" case
 * also writes the fixture's report there; tests/sh/report_browser.sh opens
 * that file in headless Chromium.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/base64.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/event.h"
#include "ghosttrack/hash.h"
#include "ghosttrack/assemble.h"
#include "ghosttrack/html.h"
#include "ghosttrack/time.h"
#include "ghosttrack/track.h"
#include "test.h"
#include "../../src/report/report_int.h"

#define HOSTILE     "</script><img src=x onerror=alert(1)>"
#define HOSTILE_RAW "!AIVDM,1,1,,A,</script><script>alert(2)</script>,0*00"
#define T0          1551484800000LL /* 2019-03-02T00:00:00Z */
#define MIN         60000LL
#define HOUR        3600000LL

enum { IN_AIS = 1, IN_OPENSKY = 2, IN_MODES = 3, IN_GONE = 9 };

static const struct gt_ident ship_a = {GT_ID_MMSI, 636019825u, 0}; /* dark tanker */
static const struct gt_ident ship_b = {GT_ID_MMSI, 229000001u, 0}; /* hostile name */
static const struct gt_ident ship_c = {GT_ID_MMSI, 352000123u, 0}; /* partner */
static const struct gt_ident air_a = {GT_ID_ICAO, 0x155d2eu, 0};   /* RA-96022 */
static const struct gt_ident air_b = {GT_ID_ICAO, 0x154be4u, 0};   /* RA-86496 */

struct fixture {
    struct gt_fleet fleet;
    struct gt_event ev[10];
    size_t nev;
};

/* Everything a case allocates lives here, so that a failing assertion
 * (which longjmps out of the case) leaks nothing: cleanup() runs before
 * each case and at exit, which keeps `make torture` under LeakSanitizer
 * clean. */
static struct fixture fx;
static int fx_live;
static struct gt_buf out_buf;
static char *held[6];
static struct gt_report_events held_list;

static void fixture_release(struct fixture *x);

static void cleanup(void)
{
    size_t i;

    if (fx_live) {
        fixture_release(&fx);
        fx_live = 0;
    }
    gt_buf_release(&out_buf);
    for (i = 0; i < sizeof held / sizeof held[0]; i++) {
        gt_free(held[i]);
        held[i] = NULL;
    }
    gt_report_events_release(&held_list);
}

static struct gt_prov prov(uint32_t input, uint64_t pos)
{
    struct gt_prov p = {GT_PROV_FILE, input, pos};
    return p;
}

/* A straight run of n points from (la0,lo0) to (la1,lo1), dt apart. */
static void run(struct gt_fleet *f, struct gt_ident id, int64_t t, int64_t dt, int n, double la0,
                double lo0, double la1, double lo1, uint32_t input, int32_t alt_ft)
{
    struct gt_track *tr = gt_fleet_track(f, id);
    int i;

    GT_ASSERT(tr != NULL);
    for (i = 0; i < n; i++) {
        struct gt_point p;
        double k = n > 1 ? (double)i / (double)(n - 1) : 0.0;
        memset(&p, 0, sizeof p);
        p.t_ms = t + dt * i;
        p.lat_deg = la0 + (la1 - la0) * k;
        p.lon_deg = lo0 + (lo1 - lo0) * k;
        p.flags = GT_OBS_POS | GT_OBS_TIME;
        if (alt_ft > 0) {
            p.alt_ft = alt_ft;
            p.flags |= GT_OBS_ALT;
        }
        p.prov = prov(input, (uint64_t)(p.t_ms - T0) / 1000u);
        GT_ASSERT_EQ_INT(gt_track_push(tr, &p), GT_OK);
    }
}

static void fact(struct gt_fleet *f, struct gt_ident id, enum gt_ident_field field, const char *v)
{
    struct gt_ident_obs io;

    memset(&io, 0, sizeof io);
    io.t_ms = T0;
    io.id = id;
    io.field = field;
    snprintf(io.value, sizeof io.value, "%s", v);
    GT_ASSERT_EQ_INT(gt_fleet_add_fact(f, &io), GT_OK);
}

static struct gt_event *add_event(struct fixture *x, enum gt_event_type type, struct gt_ident subj,
                                  int64_t start, int64_t end, const char *detail)
{
    struct gt_event *e = &x->ev[x->nev++];

    gt_event_init(e, type);
    e->subject = subj;
    e->start_ms = start;
    e->end_ms = end;
    e->score = 0.9;
    GT_ASSERT_EQ_INT(gt_buf_addstr(&e->detail, detail), GT_OK);
    return e;
}

static void at(struct gt_event *e, double lat, double lon)
{
    e->lat_deg = lat;
    e->lon_deg = lon;
    e->has_pos = 1;
}

static void cite(struct gt_event *e, uint32_t input, int64_t t, const char *role)
{
    struct gt_prov p = prov(input, (uint64_t)(t - T0) / 1000u);
    GT_ASSERT_EQ_INT(gt_event_add_evidence(e, &p, 7, t, role), GT_OK);
}

static void fixture_build(struct fixture *x)
{
    struct gt_event *e;
    struct gt_fleet *f = &x->fleet;
    size_t i;

    memset(x, 0, sizeof *x);
    gt_fleet_init(f, 100000);
    fx_live = 1;
    /* Tanker A: 12 h at sea, dark 14 h (06:00 -> 20:00), 10 h more. */
    run(f, ship_a, T0, 10 * MIN, 37, 13.20, -66.20, 12.60, -67.30, IN_AIS, 0);
    run(f, ship_a, T0 + 20 * HOUR, 10 * MIN, 61, 11.90, -68.10, 11.40, -69.40, IN_AIS, 0);
    /* Tankers B and C meet at 12.30 N 67.90 W from 08:00 to 12:00. */
    run(f, ship_b, T0, 10 * MIN, 48, 12.90, -67.20, 12.30, -67.90, IN_AIS, 0);
    run(f, ship_b, T0 + 8 * HOUR, 10 * MIN, 25, 12.30, -67.90, 12.302, -67.901, IN_AIS, 0);
    run(f, ship_b, T0 + 12 * HOUR + 10 * MIN, 10 * MIN, 40, 12.30, -67.90, 13.50, -66.00, IN_AIS,
        0);
    run(f, ship_c, T0 + 4 * HOUR, 10 * MIN, 24, 11.80, -68.60, 12.30, -67.90, IN_AIS, 0);
    run(f, ship_c, T0 + 8 * HOUR, 10 * MIN, 25, 12.3005, -67.9005, 12.301, -67.902, IN_AIS, 0);
    run(f, ship_c, T0 + 12 * HOUR + 10 * MIN, 10 * MIN, 30, 12.30, -67.90, 11.20, -69.90, IN_AIS,
        0);
    /* Aircraft A: Moscow -> Rabat, then Rabat -> Caracas. */
    run(f, air_a, T0 + 1 * HOUR, 2 * MIN, 150, 55.97, 37.41, 34.05, -6.75, IN_OPENSKY, 33000);
    run(f, air_a, T0 + 8 * HOUR, 2 * MIN, 250, 34.05, -6.75, 10.60, -66.99, IN_OPENSKY, 37000);
    /* Aircraft B: Gran Canaria -> Caracas, seen only over the Atlantic. */
    run(f, air_b, T0 + 3 * HOUR, 2 * MIN, 120, 26.50, -20.00, 15.00, -55.00, IN_MODES, 39000);

    fact(f, ship_a, GT_FIELD_NAME, "SEA PEARL");
    fact(f, ship_b, GT_FIELD_NAME, HOSTILE);
    fact(f, ship_c, GT_FIELD_NAME, "GRACE ONE");
    fact(f, ship_c, GT_FIELD_FLAG, "PA");
    fact(f, air_a, GT_FIELD_REGISTRATION, "RA-96022");
    fact(f, air_a, GT_FIELD_CALLSIGN, "RSD601");
    fact(f, air_b, GT_FIELD_REGISTRATION, "RA-86496");
    gt_fleet_sort(f);

    e = add_event(x, GT_EVENT_GAP, ship_a, T0 + 6 * HOUR, T0 + 20 * HOUR,
                  "{\"class\":\"ais-a\",\"distance_km\":95.2,\"hours\":14,"
                  "\"implied_speed_kn\":3.7,\"reception\":41.5,\"shore_distance_nm\":62,"
                  "\"suspected\":true}");
    at(e, 12.60, -67.30);
    cite(e, IN_AIS, T0 + 6 * HOUR, "off");
    cite(e, IN_AIS, T0 + 20 * HOUR, "on");

    e = add_event(x, GT_EVENT_ENCOUNTER, ship_b, T0 + 8 * HOUR, T0 + 12 * HOUR,
                  "{\"dark\":false,\"median_distance_m\":55,\"median_speed_kn\":0.4}");
    e->peer = ship_c;
    at(e, 12.301, -67.901);
    cite(e, IN_AIS, T0 + 8 * HOUR, "a");
    cite(e, IN_AIS, T0 + 8 * HOUR + MIN, "b");
    cite(e, IN_GONE, T0 + 12 * HOUR, "a");

    e = add_event(x, GT_EVENT_LOITER, ship_c, T0 + 8 * HOUR, T0 + 12 * HOUR,
                  "{\"hours\":4,\"mean_speed_kn\":0.3,\"shore_distance_nm\":48}");
    at(e, 12.301, -67.901);
    cite(e, IN_AIS, T0 + 8 * HOUR, "fix");

    e = add_event(x, GT_EVENT_IDENTITY, ship_b, T0 + 2 * HOUR, T0 + 2 * HOUR,
                  "{\"field\":\"name\",\"new\":\"\\u003c/script\\u003e\\u003cimg src=x "
                  "onerror=alert(1)\\u003e\",\"old\":\"OCEAN STAR\"}");
    at(e, 12.80, -67.30);
    cite(e, IN_AIS, T0 + 2 * HOUR, "new");
    cite(e, 4, T0 + 2 * HOUR, "hostile");

    e = add_event(x, GT_EVENT_FLIGHT, air_a, T0 + 1 * HOUR, T0 + 1 * HOUR + 298 * MIN,
                  "{\"dark\":false,\"from\":\"UUEE\",\"observed_fraction\":0.97,\"to\":\"GMME\"}");
    cite(e, IN_OPENSKY, T0 + 1 * HOUR, "takeoff");
    cite(e, IN_OPENSKY, T0 + 1 * HOUR + 298 * MIN, "landing");

    e = add_event(x, GT_EVENT_FLIGHT, air_a, T0 + 8 * HOUR, T0 + 8 * HOUR + 498 * MIN,
                  "{\"dark\":false,\"from\":\"GMME\",\"observed_fraction\":0.95,\"to\":\"SVMI\"}");
    cite(e, IN_OPENSKY, T0 + 8 * HOUR, "takeoff");

    e = add_event(x, GT_EVENT_FLIGHT, air_b, T0 + 3 * HOUR, T0 + 3 * HOUR + 238 * MIN,
                  "{\"dark\":true,\"from\":\"GCLP\",\"observed_fraction\":0.41,\"to\":\"SVMI\"}");
    for (i = 0; i < 40; i++) {
        cite(e, IN_MODES, T0 + 3 * HOUR + (int64_t)i * 2 * MIN, "fix");
    }

    e = add_event(x, GT_EVENT_SPOOF, ship_a, T0 + 21 * HOUR, T0 + 21 * HOUR,
                  "{\"implied_speed_kn\":412,\"kind\":\"teleport\"}");
    at(e, 11.85, -68.25);
    cite(e, IN_AIS, T0 + 21 * HOUR, "jump");

    e = add_event(x, GT_EVENT_SOURCE_DIFF, air_b, T0 + 3 * HOUR, T0 + 7 * HOUR,
                  "{\"missing_in\":\"fr24\",\"present_in\":\"opensky\"}");
    cite(e, IN_MODES, T0 + 3 * HOUR, "seen");

    e = add_event(x, GT_EVENT_PORT_CALL, ship_c, T0 + 17 * HOUR, T0 + 17 * HOUR + 30 * MIN,
                  "{\"port\":\"Puerto Jose {broken");
    at(e, 11.20, -69.90);

    for (i = 0; i < x->nev; i++) {
        gt_event_seal(&x->ev[i]);
    }
}

static void fixture_release(struct fixture *x)
{
    size_t i;

    for (i = 0; i < x->nev; i++) {
        gt_event_release(&x->ev[i]);
    }
    gt_fleet_release(&x->fleet);
}

/* Raw records: a hostile line at input 4, none for input 9 (file gone). */
static int evidence_cb(const struct gt_evidence *v, struct gt_buf *text, struct gt_buf *file,
                       void *ud)
{
    static const char *const names[] = {NULL, "caribbean/ais-2019-03.nmea",
                                        "opensky/states-2019-03-02.csv", "modes/frames.txt",
                                        "evil/" HOSTILE ".nmea"};
    int *calls = ud;

    (*calls)++;
    if (v->prov.input_id == IN_GONE || v->prov.input_id >= 5) {
        return GT_ERR_NOTFOUND;
    }
    if (gt_buf_addstr(file, names[v->prov.input_id]) != GT_OK) {
        return GT_ERR_NOMEM;
    }
    if (v->prov.input_id == 4) {
        return gt_buf_addstr(text, HOSTILE_RAW "\r\n");
    }
    if (v->prov.input_id == IN_MODES) {
        return gt_buf_addf(text, "@%012llx8d154be4%022llx\n", (unsigned long long)v->prov.pos,
                           (unsigned long long)v->prov.pos);
    }
    return gt_buf_addf(
        text, "\\s:rORBCOMM,c:%lld*00\\!AIVDM,1,1,,B,13u?etPv2;0n:dDPwUM1U1Cb069D,0*%02X\n",
        (long long)(v->t_ms / 1000), (unsigned)(v->prov.pos & 0xff));
}

static int sink_buf(const void *p, size_t n, void *ud)
{
    return gt_buf_add(ud, p, n);
}

static int sink_fail(const void *p, size_t n, void *ud)
{
    int *calls = ud;

    (void)p;
    (void)n;
    return ++*calls >= 2 ? GT_ERR_IO : GT_OK;
}

static const struct gt_report_place places[] = {
    {"airport", "UUEE", "Moscow Sheremetyevo", 55.9726, 37.4146},
    {"airport", "SVMI", "Caracas Simon Bolivar", 10.6031, -66.9906},
    {"port", "VEJOS", "Puerto Jose", 10.0736, -64.8889},
};

static const struct gt_report_kv filters[] = {{"since", "2019-03-02"}, {"subject", HOSTILE}};

static void input_for(struct gt_report_input *in, struct fixture *x, int *calls)
{
    gt_report_input_init(in);
    in->title = "Caribbean, March 2019 <draft>";
    in->fleet = &x->fleet;
    in->events = x->ev;
    in->nevents = x->nev;
    in->places = places;
    in->nplaces = sizeof places / sizeof places[0];
    in->filters = filters;
    in->nfilters = sizeof filters / sizeof filters[0];
    in->evidence = evidence_cb;
    in->evidence_ud = calls;
}

/* Render in into a held string (freed by cleanup()). */
static char *render(const struct gt_report_input *in, size_t *len)
{
    size_t i;

    gt_buf_init(&out_buf, (size_t)256 << 20);
    GT_ASSERT_EQ_INT(gt_html_write(in, sink_buf, &out_buf), GT_OK);
    for (i = 0; i < sizeof held / sizeof held[0] && held[i] != NULL; i++) {
    }
    GT_ASSERT(i < sizeof held / sizeof held[0]); /* else raise held[] */
    held[i] = gt_buf_take(&out_buf, len);
    GT_ASSERT(held[i] != NULL);
    return held[i];
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    const char *p = hay;

    while ((p = strstr(p, needle)) != NULL) {
        n++;
        p += strlen(needle);
    }
    return n;
}

/* Count occurrences ignoring ASCII case (HTML tag names are case-blind). */
static size_t count_ci(const char *hay, const char *needle)
{
    size_t n = 0, m = strlen(needle);
    const char *p;

    for (p = hay; *p != '\0'; p++) {
        size_t j;
        for (j = 0; j < m && p[j] != '\0'; j++) {
            char a = p[j], c = needle[j];
            if (a >= 'A' && a <= 'Z') {
                a = (char)(a - 'A' + 'a');
            }
            if (a != c) {
                break;
            }
        }
        if (j == m) {
            n++;
        }
    }
    return n;
}

static void test_hostile_strings_escaped(void)
{
    struct gt_report_input in;
    int calls = 0;
    size_t len;
    char *html;

    cleanup();
    fixture_build(&fx);
    input_for(&in, &fx, &calls);
    html = render(&in, &len);
    GT_ASSERT(html != NULL);
    GT_ASSERT_EQ_INT(strlen(html), len);
    /* Only our own five script elements open and close. */
    GT_ASSERT_EQ_INT(count_ci(html, "<script"), 5);
    GT_ASSERT_EQ_INT(count_ci(html, "</script"), 5);
    GT_ASSERT_EQ_INT(count_ci(html, "<img"), 0);
    GT_ASSERT_EQ_INT(count_ci(html, "<!--"), 0);
    GT_ASSERT(strstr(html, HOSTILE) == NULL);
    GT_ASSERT(strstr(html, "alert(2)</") == NULL);
    /* ...but the name, the raw line and the file name are all there, escaped. */
    GT_ASSERT(count(html, "\"name\":\"\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)"
                          "\\u003e\"") == 1);
    GT_ASSERT(strstr(html, "\\u003c/script\\u003e\\u003cscript\\u003ealert(2)") != NULL);
    GT_ASSERT(strstr(html, "evil/\\u003c/script\\u003e") != NULL);
    /* The title reaches <title> as HTML text and the data block as JSON. */
    GT_ASSERT(strstr(html, "<title>Caribbean, March 2019 &lt;draft&gt;</title>") != NULL);
    GT_ASSERT(strstr(html, "\"title\":\"Caribbean, March 2019 \\u003cdraft\\u003e\"") != NULL);
    /* The filter value (typed by a user) is escaped too. */
    GT_ASSERT(strstr(html, "[\"subject\",\"\\u003c/script") != NULL);
    cleanup();
}

static void test_offline_by_default(void)
{
    struct gt_report_input in;
    int calls = 0;
    size_t len;
    char *html;

    cleanup();
    fixture_build(&fx);
    input_for(&in, &fx, &calls);
    html = render(&in, &len);
    /* Only our three scripts may run: listed by hash, no 'unsafe-inline'. */
    GT_ASSERT(strstr(html, "Content-Security-Policy\" content=\"default-src 'none'; "
                           "script-src 'sha256-") != NULL);
    GT_ASSERT_EQ_INT(count(html, "'sha256-"), 3);
    GT_ASSERT(strstr(html, "'; style-src 'unsafe-inline'; img-src data:; base-uri") != NULL);
    GT_ASSERT_EQ_INT(count(html, "script-src 'unsafe-inline'"), 0);
    GT_ASSERT(strstr(html, "\"tiles\":null") != NULL);
    /* Nothing is loaded from elsewhere (links in Leaflet's attribution are
     * not loads; the CSP above would block any load anyway). */
    GT_ASSERT(count(html, "src=\"http") == 0);
    GT_ASSERT(count(html, "url(http") == 0);
    GT_ASSERT(count(html, "@import") == 0);
    if (gt_html_has_map()) {
        /* Leaflet, topojson-client and the basemap are inlined. */
        GT_ASSERT(strstr(html, "Leaflet 1.9.4") != NULL);
        GT_ASSERT(strstr(html, "\"type\":\"Topology\"") != NULL);
        GT_ASSERT(len > 500000);
    }
    in.tile_url = "https://tile.example.org/{z}/{x}/{y}.png";
    html = render(&in, &len);
    GT_ASSERT(strstr(html, "img-src data: https:;") != NULL);
    GT_ASSERT(strstr(html, "\"tiles\":\"https://tile.example.org/{z}/{x}/{y}.png\"") != NULL);
    cleanup();
}

static void test_deterministic(void)
{
    struct gt_report_input in;
    struct gt_event rev[10];
    int calls = 0;
    size_t len1, len2, len3, i;
    char *a, *b, *c;

    cleanup();
    fixture_build(&fx);
    input_for(&in, &fx, &calls);
    a = render(&in, &len1);
    b = render(&in, &len2);
    GT_ASSERT_EQ_INT(len1, len2);
    GT_ASSERT(memcmp(a, b, len1) == 0);
    /* Events in another order give the same page: output is sorted. */
    for (i = 0; i < fx.nev; i++) {
        rev[i] = fx.ev[fx.nev - 1 - i];
    }
    in.events = rev;
    c = render(&in, &len3);
    GT_ASSERT_EQ_INT(len1, len3);
    GT_ASSERT(memcmp(a, c, len1) == 0);
    /* Events are listed by start time: the spoof (21:00) after the gap (06:00). */
    GT_ASSERT(strstr(a, "\"type\":\"gap\"") < strstr(a, "\"type\":\"spoof\""));
    cleanup();
}

static void test_caps_applied_and_announced(void)
{
    struct gt_report_input in;
    int calls = 0;
    size_t len;
    char *html;
    char off_fix[64], on_fix[64];

    cleanup();
    fixture_build(&fx);
    input_for(&in, &fx, &calls);
    in.max_events = 6;
    in.max_track_points = 10;
    in.max_evidence = 4;
    html = render(&in, &len);
    GT_ASSERT(strstr(html, "\"caps\":{\"events_shown\":6,\"events_total\":10,") != NULL);
    GT_ASSERT(strstr(html, "\"max_evidence\":4,") != NULL);
    GT_ASSERT(strstr(html, "\"max_track_points\":10,") != NULL);
    GT_ASSERT(strstr(html, "\"tracks_thinned\":5,\"tracks_total\":5}") != NULL);
    GT_ASSERT_EQ_INT(count(html, "\"evidence_total\":"), 6);
    /* The gap's off (06:00) and on (20:00) fixes survive thinning. */
    snprintf(off_fix, sizeof off_fix, "[%lld,12.60000,-67.30000]",
             (long long)((T0 + 6 * HOUR) / 1000));
    snprintf(on_fix, sizeof on_fix, "[%lld,11.90000,-68.10000]",
             (long long)((T0 + 20 * HOUR) / 1000));
    GT_ASSERT(strstr(html, off_fix) != NULL);
    GT_ASSERT(strstr(html, on_fix) != NULL);
    /* The page's script announces every cap it finds. */
    GT_ASSERT(strstr(html, "' events (the earliest); narrow the filters") != NULL);

    /* Evidence: 40 records cut to the first 2 and the last 2. */
    in.max_events = 0;
    html = render(&in, &len);
    GT_ASSERT(strstr(html, "\"evidence_total\":40") != NULL);
    GT_ASSERT(strstr(html, "\"evidence_capped\":1,") != NULL);

    /* A track cap draws the first tracks by identity (all are named by
     * events here); the totals still count every track. */
    in.max_track_points = 0;
    in.max_tracks = 1;
    html = render(&in, &len);
    GT_ASSERT(strstr(html, "\"points_shown\":113,\"points_total\":810,\"tracks_drawn\":1,"
                           "\"tracks_thinned\":0,\"tracks_total\":5}") != NULL);
    GT_ASSERT_EQ_INT(count(html, "\"shown\":0}"), 4);
    in.max_tracks = 0;

    /* A total cap shares points between tracks. */
    in.max_track_points = 0;
    in.max_points = 100;
    html = render(&in, &len);
    GT_ASSERT(strstr(html, "\"max_track_points\":20,") != NULL);
    cleanup();
}

static void test_events_and_evidence(void)
{
    struct gt_report_input in;
    int calls = 0;
    size_t len;
    char *html;

    cleanup();
    fixture_build(&fx);
    input_for(&in, &fx, &calls);
    html = render(&in, &len);
    GT_ASSERT(calls > 0);
    GT_ASSERT_EQ_INT(count(html, "\"evidence\":["), 10);
    /* Raw line with file and offset (21600 s after T0 is byte 21600 here). */
    GT_ASSERT(strstr(html, "{\"file\":\"caribbean/ais-2019-03.nmea\",\"input\":1,"
                           "\"offset\":21600,\"role\":\"off\",\"station\":7,"
                           "\"t\":\"2019-03-02T06:00:00Z\",\"text\":\"\\\\s:rORBCOMM") != NULL);
    /* A record whose file has gone: reference kept, text unavailable. */
    GT_ASSERT(strstr(html, "\"input\":9,\"offset\":43200,\"role\":\"a\",\"station\":7,"
                           "\"t\":\"2019-03-02T12:00:00Z\",\"text\":null,"
                           "\"unavailable\":\"evidence unavailable: input changed or missing\"}") !=
              NULL);
    /* A record read back from a verified input says so. */
    GT_ASSERT(strstr(html, "\"original\":\"verified\"") != NULL);
    GT_ASSERT(strstr(html, "\"original\":\"changed or missing\"") == NULL);
    /* Gap bounds: the last fix before going dark and the first after. */
    GT_ASSERT(strstr(html, "\"fix0\":[12.60000,-67.30000],\"fix1\":[11.90000,-68.10000]") != NULL);
    /* A detail that is not JSON is kept as an escaped string. */
    GT_ASSERT(strstr(html, "\"detail\":{\"unparsed\":\"{\\\"port\\\":\\\"Puerto Jose {broken\"}") !=
              NULL);
    /* Summary counts by type, keys sorted. */
    GT_ASSERT(strstr(html, "\"summary\":{\"encounter\":1,\"flight\":3,\"gap\":1,\"identity\":1,"
                           "\"loiter\":1,\"port_call\":1,\"source_diff\":1,\"spoof\":1}") != NULL);
    /* Identity facts for labels. */
    GT_ASSERT(strstr(html, "\"callsign\":\"RSD601\",\"flag\":null,\"name\":null,"
                           "\"reg\":\"RA-96022\",\"type\":null,\"id\":\"icao:155d2e\","
                           "\"kind\":\"aircraft\"") != NULL);
    GT_ASSERT(strstr(html, "\"id\":\"mmsi:636019825\",\"kind\":\"ship\",\"n\":98,") != NULL);
    /* Places. */
    GT_ASSERT(strstr(html, "{\"code\":\"SVMI\",\"kind\":\"airport\",\"lat\":10.60310,"
                           "\"lon\":-66.99060,\"name\":\"Caracas Simon Bolivar\"}") != NULL);
    cleanup();
}

/* NaN or off-globe numbers would make the data block invalid JSON. */
static void test_bad_numbers_dropped(void)
{
    struct gt_report_input in;
    struct gt_report_place bad[2];
    struct gt_point p;
    int calls = 0;
    size_t len;
    char *html, *data, *end;

    cleanup();
    fixture_build(&fx);
    memset(&p, 0, sizeof p);
    p.t_ms = T0 + 30 * MIN + 1;
    p.lat_deg = nan("");
    p.lon_deg = -67.0;
    GT_ASSERT_EQ_INT(gt_track_push(gt_fleet_track(&fx.fleet, ship_a), &p), GT_OK);
    p.lat_deg = 95.0;
    GT_ASSERT_EQ_INT(gt_track_push(gt_fleet_track(&fx.fleet, ship_a), &p), GT_OK);
    gt_fleet_sort(&fx.fleet);
    fx.ev[0].lat_deg = HUGE_VAL;
    fx.ev[0].score = nan("");
    memcpy(bad, places, sizeof bad);
    bad[1].lon_deg = nan("");
    input_for(&in, &fx, &calls);
    in.places = bad;
    in.nplaces = 2;
    html = render(&in, &len);
    data = strstr(html, "id=\"gt-data\">");
    GT_ASSERT(data != NULL);
    end = strstr(data, "</script>");
    GT_ASSERT(end != NULL);
    *end = '\0';
    GT_ASSERT(strstr(data, "nan") == NULL);
    GT_ASSERT(strstr(data, "inf") == NULL);
    GT_ASSERT(strstr(data, "95.0") == NULL);
    /* The track keeps its 98 good points; the gap's event has no position. */
    GT_ASSERT(strstr(data, "\"id\":\"mmsi:636019825\",\"kind\":\"ship\",\"n\":100,") != NULL);
    GT_ASSERT(strstr(data, "\"shown\":98}") != NULL);
    GT_ASSERT(strstr(data, "\"lat\":null,\"lon\":null,\"peer\":null,\"score\":0.000") != NULL);
    GT_ASSERT_EQ_INT(count(data, "\"kind\":\"airport\""), 1);
    cleanup();
}

/* The Since and Until hints are times of the data itself, not of the demo:
 * the first event's minute and the last event's day, else the tracks'
 * span, else only the formats. */
static void test_filter_hints_from_data(void)
{
    struct gt_report_input in;
    int calls = 0;
    size_t len;
    const char *page;

    cleanup();
    fixture_build(&fx);
    input_for(&in, &fx, &calls);
    page = render(&in, &len);
    GT_ASSERT(strstr(page, "id=\"gt-f-since\" type=\"text\" placeholder=\"2019-03-02T01:00Z\"") !=
              NULL);
    GT_ASSERT(strstr(page, "id=\"gt-f-until\" type=\"text\" placeholder=\"2019-03-02\"") != NULL);
    GT_ASSERT(strstr(page, "2019-03-01") == NULL); /* the old fixed hint */
    GT_ASSERT(strstr(page, "2019-03-31") == NULL);
    in.nevents = 0; /* tracks only: the first fix is T0 */
    page = render(&in, &len);
    GT_ASSERT(strstr(page, "placeholder=\"2019-03-02T00:00Z\"") != NULL);
    gt_report_input_init(&in);
    page = render(&in, &len);
    GT_ASSERT(strstr(page, "placeholder=\"YYYY-MM-DDTHH:MMZ\"") != NULL);
    GT_ASSERT(strstr(page, "placeholder=\"YYYY-MM-DD\"") != NULL);
    cleanup();
}

static void test_empty_and_errors(void)
{
    struct gt_report_input in;
    int calls = 0;

    cleanup();
    gt_report_input_init(&in);
    gt_buf_init(&out_buf, (size_t)64 << 20);
    GT_ASSERT_EQ_INT(gt_html_write(&in, sink_buf, &out_buf), GT_OK);
    GT_ASSERT(strstr(gt_buf_str(&out_buf), "\"events\":[],") != NULL);
    GT_ASSERT(strstr(gt_buf_str(&out_buf), "\"tracks\":[]") != NULL);
    GT_ASSERT(strstr(gt_buf_str(&out_buf), "<title>ghosttrack report</title>") != NULL);
    GT_ASSERT(strstr(gt_buf_str(&out_buf), "</html>\n") != NULL);
    cleanup();
    /* A failing sink stops the report with its error. */
    GT_ASSERT_EQ_INT(gt_html_write(&in, sink_fail, &calls), GT_ERR_IO);
    GT_ASSERT_EQ_INT(calls, 2);
}

static void test_event_list(void)
{
    struct gt_report_events *l = &held_list;
    size_t i;

    cleanup();
    fixture_build(&fx);
    gt_report_events_init(l, 3);
    for (i = 0; i < fx.nev; i++) {
        GT_ASSERT_EQ_INT(gt_report_events_add(&fx.ev[i], l), GT_OK);
    }
    GT_ASSERT_EQ_INT(l->n, 3);
    GT_ASSERT_EQ_INT(l->total, 10);
    GT_ASSERT_EQ_STR(l->v[0].id, fx.ev[0].id);
    GT_ASSERT(l->v[0].detail.p != fx.ev[0].detail.p);
    GT_ASSERT_EQ_STR(gt_buf_str(&l->v[1].detail), gt_buf_str(&fx.ev[1].detail));
    GT_ASSERT_EQ_INT(l->v[1].nev, 3);
    fixture_release(&fx);
    fx_live = 0;
    /* The copies outlive the originals. */
    GT_ASSERT(strstr(gt_buf_str(&l->v[0].detail), "\"suspected\":true") != NULL);
    gt_report_events_release(l);
    GT_ASSERT_EQ_INT(l->n, 0);
}

/* Write the fixture's report to $GT_REPORT_SAMPLE for the browser test. */
static void test_sample(void)
{
    const char *path = getenv("GT_REPORT_SAMPLE");
    struct gt_report_input in;
    int calls = 0;
    FILE *f;

    cleanup();
    if (path == NULL) {
        GT_SKIP("GT_REPORT_SAMPLE not set");
    }
    fixture_build(&fx);
    input_for(&in, &fx, &calls);
    in.title = "ghosttrack sample: Caribbean tankers and state flights, March 2019";
    in.filters = NULL;
    in.nfilters = 0;
    f = fopen(path, "wb");
    GT_ASSERT(f != NULL);
    GT_ASSERT_EQ_INT(gt_html_write(&in, gt_html_sink_file, f), GT_OK);
    GT_ASSERT_EQ_INT(fclose(f), 0);
    cleanup();
}

/* FIPS 180-4 examples (NIST CSRC "SHA256.pdf") and RFC 4648 base64. */
static void test_sha256_base64(void)
{
    static const struct {
        const char *in;
        const char *b64;
    } v[] = {
        {"", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="},
        {"abc", "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE="},
    };
    struct gt_sha256 s;
    uint8_t d[GT_SHA256_LEN];
    char b64[BASE64_ENCODE_RAW_LENGTH(GT_SHA256_LEN) + 1];
    size_t i;

    for (i = 0; i < sizeof v / sizeof v[0]; i++) {
        gt_sha256_init(&s);
        gt_sha256_update(&s, v[i].in, strlen(v[i].in) / 2);
        gt_sha256_update(&s, v[i].in + strlen(v[i].in) / 2, strlen(v[i].in) - strlen(v[i].in) / 2);
        gt_sha256_final(&s, d);
        base64_encode_raw(b64, sizeof d, d);
        b64[sizeof b64 - 1] = '\0';
        GT_ASSERT_EQ_STR(b64, v[i].b64);
    }
}

GT_TEST_MAIN({"sha-256 and base64 for the page's CSP", test_sha256_base64},
             {"hostile strings reach the page only escaped", test_hostile_strings_escaped},
             {"offline by default, assets inlined", test_offline_by_default},
             {"same input gives byte-identical html", test_deterministic},
             {"caps are applied and announced", test_caps_applied_and_announced},
             {"events carry detail, evidence text, file and offset", test_events_and_evidence},
             {"bad numbers never reach the page", test_bad_numbers_dropped},
             {"empty input and sink errors", test_empty_and_errors},
             {"filter hints come from the data", test_filter_hints_from_data},
             {"event list deep-copies and caps", test_event_list},
             {"sample report for the browser test", test_sample})
