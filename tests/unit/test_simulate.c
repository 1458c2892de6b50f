/*
 * test_simulate.c - the scenario generator: determinism, valid formats and
 * truth that agrees with the generated data.
 *
 * The scenario is generated in memory through the sink.  The checks decode
 * what was written with small independent readers written here (six-bit
 * de-armouring of the AIS payload, CRC-24 of Mode S frames) so that a wrong
 * truth.json or a malformed file cannot hide behind the encoder that made
 * it.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/encode.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/sim.h"
#include "ghosttrack/time.h"
#include "test.h"

#define MAX_FILES 64

struct memfs {
    char *name[MAX_FILES];
    struct gt_buf data[MAX_FILES];
    size_t n;
};

static int mem_write(void *ud, const char *file, const void *p, size_t n)
{
    struct memfs *fs = ud;
    int rc;

    if (fs->n == MAX_FILES) {
        return GT_ERR_TOOBIG;
    }
    fs->name[fs->n] = gt_strndup(file, strlen(file));
    gt_buf_init(&fs->data[fs->n], (size_t)1 << 30);
    rc = gt_buf_add(&fs->data[fs->n], p, n);
    fs->n++;
    return fs->name[fs->n - 1] == NULL ? GT_ERR_NOMEM : rc;
}

static void memfs_release(struct memfs *fs)
{
    size_t i;

    for (i = 0; i < fs->n; i++) {
        gt_free(fs->name[i]);
        gt_buf_release(&fs->data[i]);
    }
    fs->n = 0;
}

static const struct gt_buf *memfs_get(const struct memfs *fs, const char *name)
{
    size_t i;

    for (i = 0; i < fs->n; i++) {
        if (strcmp(fs->name[i], name) == 0) {
            return &fs->data[i];
        }
    }
    return NULL;
}

/* The default scenario with seed 1, generated once for the read-only tests. */
static struct memfs base;

static const struct memfs *scenario(void)
{
    if (base.n == 0) {
        GT_ASSERT_EQ_INT(gt_sim_run(NULL, 1, mem_write, &base), GT_OK);
    }
    return &base;
}

static const char *file_text(const char *name)
{
    const struct gt_buf *b = memfs_get(scenario(), name);
    GT_ASSERT(b != NULL);
    return gt_buf_str(b);
}

/* ---- an independent AIS reader: tag block, checksum, six-bit fields ---- */

static unsigned xor_sum(const char *s, size_t n)
{
    unsigned x = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        x ^= (unsigned char)s[i];
    }
    return x;
}

static unsigned long long sixbits(const char *payload, size_t at, unsigned width)
{
    unsigned long long v = 0;
    unsigned i;

    for (i = 0; i < width; i++) {
        size_t k = at + i;
        int c = payload[k / 6] - 48;
        if (c > 40) {
            c -= 8;
        }
        v = (v << 1) | (unsigned long long)((c >> (5 - (int)(k % 6))) & 1);
    }
    return v;
}

static long long sext(unsigned long long v, unsigned width)
{
    return (v & (1ull << (width - 1))) ? (long long)v - (1ll << width) : (long long)v;
}

struct aisfix {
    unsigned type;
    unsigned mmsi;
    long long t_s;
    double lat, lon;
    char station[32];
};

/* Parse one line "\s:X,c:T*hh\!AIVDM,...*hh"; returns 1 for a single-fragment
 * position report filled into f, 0 for other valid lines, -1 when broken. */
static int parse_line(const char *line, size_t len, struct aisfix *f)
{
    char buf[256], *tag_end, *star, *payload, *fields[8];
    unsigned sum;
    int i = 0;

    if (len >= sizeof buf || line[0] != '\\') {
        return -1;
    }
    memcpy(buf, line, len);
    buf[len] = '\0';
    tag_end = strchr(buf + 1, '\\');
    if (tag_end == NULL) {
        return -1;
    }
    star = strchr(buf + 1, '*');
    if (star == NULL || star > tag_end || sscanf(star + 1, "%2x", &sum) != 1 ||
        sum != xor_sum(buf + 1, (size_t)(star - buf - 1))) {
        return -1;
    }
    if (sscanf(buf + 1, "s:%31[^,],c:%lld", f->station, &f->t_s) != 2) {
        return -1;
    }
    if (strncmp(tag_end + 1, "!AIVDM,", 7) != 0) {
        return -1;
    }
    star = strrchr(tag_end, '*');
    if (star == NULL || sscanf(star + 1, "%2x", &sum) != 1 ||
        sum != xor_sum(tag_end + 2, (size_t)(star - tag_end - 2))) {
        return -1;
    }
    *star = '\0';
    for (payload = strtok(tag_end + 2, ","); payload && i < 8; payload = strtok(NULL, ",")) {
        fields[i++] = payload;
    }
    /* AIVDM,n,k,[id,]ch,payload,fill: the empty sequence id collapses in strtok */
    if (i < 6 || strcmp(fields[1], "1") != 0) {
        return 0;
    }
    payload = fields[4];
    f->type = (unsigned)sixbits(payload, 0, 6);
    f->mmsi = (unsigned)sixbits(payload, 8, 30);
    if (f->type == 1 || f->type == 2 || f->type == 3) {
        f->lon = (double)sext(sixbits(payload, 61, 28), 28) / 600000.0;
        f->lat = (double)sext(sixbits(payload, 89, 27), 27) / 600000.0;
        return 1;
    }
    if (f->type == 18) {
        f->lon = (double)sext(sixbits(payload, 57, 28), 28) / 600000.0;
        f->lat = (double)sext(sixbits(payload, 85, 27), 27) / 600000.0;
        return 1;
    }
    return 0;
}

/* Call fn for every line of text. */
static void each_line(const char *text, void (*fn)(const char *line, size_t len, void *ud),
                      void *ud)
{
    const char *p = text, *nl;

    while ((nl = strchr(p, '\n')) != NULL) {
        fn(p, (size_t)(nl - p), ud);
        p = nl + 1;
    }
}

struct ais_stats {
    size_t lines, bad, positions;
    unsigned mmsi_seen[64];
    size_t nmmsi;
    int sat, terrestrial;
};

static void ais_line(const char *line, size_t len, void *ud)
{
    struct ais_stats *st = ud;
    struct aisfix f;
    int rc = parse_line(line, len, &f);
    size_t i;

    st->lines++;
    if (rc < 0) {
        st->bad++;
        return;
    }
    if (strncmp(f.station, "SAT", 3) == 0) {
        st->sat = 1;
    } else {
        st->terrestrial = 1;
    }
    if (rc == 1) {
        st->positions++;
        for (i = 0; i < st->nmmsi && st->mmsi_seen[i] != f.mmsi; i++) {
        }
        if (i == st->nmmsi && st->nmmsi < 64) {
            st->mmsi_seen[st->nmmsi++] = f.mmsi;
        }
    }
}

static void test_files_written(void)
{
    static const char *const want[] = {"ais.nmea",  "marinecadastre.csv", "opensky_states.csv",
                                       "modes.txt", "aircraft.csv",       "truth.json",
                                       "README.txt"};
    const struct memfs *fs = scenario();
    size_t i, fr24 = 0;

    for (i = 0; i < sizeof want / sizeof want[0]; i++) {
        const struct gt_buf *b = memfs_get(fs, want[i]);
        GT_ASSERT(b != NULL);
        GT_ASSERT(gt_buf_len(b) > 100);
    }
    for (i = 0; i < fs->n; i++) {
        if (strncmp(fs->name[i], "fr24/", 5) == 0) {
            fr24++;
            /* the Russian state flights are hidden from Flightradar24 */
            GT_ASSERT(strstr(fs->name[i], "RFF") == NULL);
            GT_ASSERT_EQ_INT(strncmp(gt_buf_str(&fs->data[i]),
                                     "Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction\n",
                                     57),
                             0);
        }
    }
    GT_ASSERT(fr24 >= 5);
    GT_ASSERT_EQ_INT(gt_sim_run("atlantis", 1, mem_write, &base), GT_ERR_NOTFOUND);
    GT_ASSERT_EQ_STR(gt_sim_scenario_name(0), "venezuela-2019");
    GT_ASSERT(gt_sim_scenario_name(gt_sim_scenario_count()) == NULL);
}

static void test_ais_valid(void)
{
    struct ais_stats st;

    memset(&st, 0, sizeof st);
    each_line(file_text("ais.nmea"), ais_line, &st);
    GT_ASSERT(st.lines > 5000);
    GT_ASSERT_EQ_INT(st.bad, 0);
    GT_ASSERT(st.positions > 5000);
    GT_ASSERT(st.nmmsi >= 20);
    GT_ASSERT(st.sat && st.terrestrial);
}

struct modes_stats {
    size_t lines, bad;
    double last_t;
    int unsorted;
};

static int hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

static void modes_line(const char *line, size_t len, void *ud)
{
    struct modes_stats *st = ud;
    uint8_t f[GT_MODES_LONG];
    const char *sp = memchr(line, ' ', len);
    double t = atof(line);
    size_t i;

    st->lines++;
    if (sp == NULL || (size_t)(line + len - sp - 1) != 2 * GT_MODES_LONG) {
        st->bad++;
        return;
    }
    for (i = 0; i < GT_MODES_LONG; i++) {
        int hi = hexval(sp[1 + 2 * i]), lo = hexval(sp[2 + 2 * i]);
        if (hi < 0 || lo < 0) {
            st->bad++;
            return;
        }
        f[i] = (uint8_t)(hi * 16 + lo);
    }
    if (gt_modes_crc24(f, GT_MODES_LONG) != 0 || f[0] != 0x8D) {
        st->bad++;
    }
    if (t < st->last_t) {
        st->unsorted = 1;
    }
    st->last_t = t;
}

static void test_modes_valid(void)
{
    struct modes_stats st;

    memset(&st, 0, sizeof st);
    each_line(file_text("modes.txt"), modes_line, &st);
    GT_ASSERT(st.lines > 1000);
    GT_ASSERT_EQ_INT(st.bad, 0);
    GT_ASSERT_EQ_INT(st.unsorted, 0);
    /* epoch seconds of the scenario's days */
    GT_ASSERT(st.last_t > 1553126400.0 && st.last_t < 1553472000.0);
}

static void test_csv_headers_and_hostile(void)
{
    const char *mc = file_text("marinecadastre.csv"), *db = file_text("aircraft.csv");
    const char *os = file_text("opensky_states.csv");

    GT_ASSERT_EQ_INT(strncmp(mc,
                             "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,"
                             "VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass\n",
                             126),
                     0);
    GT_ASSERT_EQ_INT(
        strncmp(os,
                "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,"
                "alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact\n",
                130),
        0);
    GT_ASSERT_EQ_INT(strncmp(db, "icao24,registration,typecode,operator\n", 38), 0);
    GT_ASSERT(strstr(mc, ",</script><img src=x onerror=alert(1)>,") != NULL);
    GT_ASSERT(strstr(db, ",</script><img src=x onerror=alert(1)>\n") != NULL);
    GT_ASSERT(strstr(db, "1511a3,RA-86496,IL62,Russian Air Force\n") != NULL);
    /* the dark leg: the Il-62 is in OpenSky, but never between 12:40 and 20:36 on 22 March */
    GT_ASSERT(strstr(os, ",1511a3,") != NULL);
}

/* File-scope, so an assertion that ends the case early (or an injected
 * allocation failure) leaves them reachable rather than leaked. */
static struct memfs det_a, det_b;

static void test_deterministic(void)
{
    size_t i;
    int differs = 0;

    GT_ASSERT_EQ_INT(gt_sim_run("venezuela-2019", 1, mem_write, &det_a), GT_OK);
    GT_ASSERT_EQ_INT((long long)det_a.n, (long long)scenario()->n);
    for (i = 0; i < det_a.n; i++) {
        const struct gt_buf *o = memfs_get(scenario(), det_a.name[i]);
        GT_ASSERT(o != NULL);
        GT_ASSERT_EQ_INT((long long)gt_buf_len(o), (long long)gt_buf_len(&det_a.data[i]));
        GT_ASSERT(memcmp(gt_buf_str(o), gt_buf_str(&det_a.data[i]), gt_buf_len(o)) == 0);
    }
    GT_ASSERT_EQ_INT(gt_sim_run("venezuela-2019", 2, mem_write, &det_b), GT_OK);
    for (i = 0; i < det_b.n; i++) {
        const struct gt_buf *o = memfs_get(scenario(), det_b.name[i]);
        if (o == NULL || gt_buf_len(o) != gt_buf_len(&det_b.data[i]) ||
            memcmp(gt_buf_str(o), gt_buf_str(&det_b.data[i]), gt_buf_len(o)) != 0) {
            differs++;
        }
    }
    GT_ASSERT(differs >= 3);
    memfs_release(&det_a);
    memfs_release(&det_b);
}

/* ---- truth against data ---- */

struct gapcheck {
    unsigned mmsi;
    long long from_s, to_s; /* the gap: reports at both ends, none between */
    long long before_s;     /* start of the 12 h before the gap */
    size_t inside, before, at_from, at_to;
};

static void gap_line(const char *line, size_t len, void *ud)
{
    struct gapcheck *g = ud;
    struct aisfix f;

    if (parse_line(line, len, &f) == 1 && f.mmsi == g->mmsi) {
        if (f.t_s > g->from_s && f.t_s < g->to_s) {
            g->inside++;
        }
        if (f.t_s >= g->before_s && f.t_s <= g->from_s) {
            g->before++;
        }
        g->at_from += f.t_s == g->from_s;
        g->at_to += f.t_s == g->to_s;
    }
}

static long long iso_s(json_t *v)
{
    int64_t t = 0;
    const char *s = json_string_value(v);

    GT_ASSERT(s != NULL);
    GT_ASSERT_EQ_INT(gt_time_parse_iso(s, strlen(s), &t), GT_OK);
    return (long long)(t / 1000);
}

static int entity_known(json_t *entities, const char *id)
{
    size_t i;
    json_t *e;

    json_array_foreach(entities, i, e)
    {
        if (strcmp(json_string_value(json_object_get(e, "id")), id) == 0) {
            return 1;
        }
    }
    return 0;
}

/* An entity id appears in the data: MMSI in a decoded AIS position report,
 * ICAO address in the OpenSky CSV or the aircraft database. */
static int in_data(const char *id)
{
    char needle[32];

    if (strncmp(id, "icao:", 5) == 0) {
        snprintf(needle, sizeof needle, ",%s,", id + 5);
        return strstr(file_text("opensky_states.csv"), needle) != NULL;
    }
    if (strncmp(id, "mmsi:", 5) == 0) {
        static struct ais_stats st;
        unsigned m = (unsigned)strtoul(id + 5, NULL, 10);
        size_t i;
        if (st.lines == 0) {
            each_line(file_text("ais.nmea"), ais_line, &st);
        }
        for (i = 0; i < st.nmmsi; i++) {
            if (st.mmsi_seen[i] == m) {
                return 1;
            }
        }
    }
    return 0;
}

/* Count OpenSky rows of icao (6 hex digits) with from_s <= time <= to_s. */
static size_t rows_between(const char *icao, long long from_s, long long to_s)
{
    const char *p = file_text("opensky_states.csv");
    size_t n = 0;

    for (p = strchr(p, '\n'); p != NULL && p[1] != '\0'; p = strchr(p + 1, '\n')) {
        long long t = atoll(p + 1);
        const char *c = strchr(p + 1, ',');
        if (c != NULL && strncmp(c + 1, icao, 6) == 0 && t >= from_s && t <= to_s) {
            n++;
        }
    }
    return n;
}

static void test_truth_consistent(void)
{
    json_error_t err;
    json_t *root = json_loads(file_text("truth.json"), 0, &err), *events, *decoys, *ents, *e;
    size_t i;
    int suspected = 0, dark_sts = 0, circle = 0, teleport = 0, shared = 0, mmsi_change = 0;
    int dark_flight = 0, sdiff = 0, cov_decoy = 0, sts = 0;

    GT_ASSERT(root != NULL);
    events = json_object_get(root, "events");
    decoys = json_object_get(root, "decoys");
    ents = json_object_get(root, "entities");
    GT_ASSERT(json_array_size(events) > 20);
    GT_ASSERT(json_array_size(decoys) >= 3);
    json_array_foreach(events, i, e)
    {
        const char *type = json_string_value(json_object_get(e, "type"));
        const char *subj = json_string_value(json_object_get(e, "subject"));
        json_t *peer = json_object_get(e, "peer"), *d = json_object_get(e, "detail");
        const char *kind = json_string_value(json_object_get(d, "kind"));
        GT_ASSERT(type != NULL && subj != NULL);
        GT_ASSERT(entity_known(ents, subj));
        GT_ASSERT(in_data(subj));
        GT_ASSERT(iso_s(json_object_get(e, "start")) <= iso_s(json_object_get(e, "end")));
        if (peer != NULL) {
            GT_ASSERT(entity_known(ents, json_string_value(peer)));
        }
        if (strcmp(type, "gap") == 0 && json_is_true(json_object_get(d, "suspected"))) {
            /* exact truth: silent inside, >= 14 positions in the 12 h before */
            struct gapcheck g;
            memset(&g, 0, sizeof g);
            g.mmsi = (unsigned)strtoul(subj + 5, NULL, 10);
            g.from_s = iso_s(json_object_get(e, "start"));
            g.to_s = iso_s(json_object_get(e, "end"));
            g.before_s = g.from_s - 12 * 3600;
            each_line(file_text("ais.nmea"), gap_line, &g);
            GT_ASSERT_EQ_INT(g.inside, 0);
            GT_ASSERT(g.at_from > 0 && g.at_to > 0); /* truth times are data times */
            GT_ASSERT(g.before >= 14);
            GT_ASSERT(json_real_value(json_object_get(d, "hours")) >= 12.0);
            suspected++;
        }
        if (strcmp(type, "encounter") == 0) {
            sts++;
            dark_sts += json_is_true(json_object_get(d, "dark"));
            GT_ASSERT(json_real_value(json_object_get(d, "median_distance_m")) <= 500);
            GT_ASSERT(iso_s(json_object_get(e, "end")) - iso_s(json_object_get(e, "start")) >=
                      2 * 3600);
        }
        if (kind != NULL) {
            circle += strcmp(kind, "circle") == 0;
            teleport += strcmp(kind, "teleport") == 0;
            shared += strcmp(kind, "shared_id") == 0;
        }
        if (strcmp(type, "identity") == 0 &&
            strcmp(json_string_value(json_object_get(d, "field")), "mmsi") == 0) {
            mmsi_change++;
        }
        if (strcmp(type, "flight") == 0 && json_is_true(json_object_get(d, "dark"))) {
            GT_ASSERT_EQ_STR(json_string_value(json_object_get(d, "from")), "GMME");
            GT_ASSERT_EQ_STR(json_string_value(json_object_get(d, "to")), "SVMI");
            GT_ASSERT_EQ_INT(rows_between(subj + 5, iso_s(json_object_get(e, "start")),
                                          iso_s(json_object_get(e, "end"))),
                             0);
            GT_ASSERT(rows_between(subj + 5, 0, iso_s(json_object_get(e, "start"))) > 100);
            dark_flight++;
        }
        sdiff += strcmp(type, "source_diff") == 0;
    }
    json_array_foreach(decoys, i, e)
    {
        const char *subj = json_string_value(json_object_get(e, "subject"));
        GT_ASSERT(entity_known(ents, subj));
        GT_ASSERT(json_string_value(json_object_get(e, "why")) != NULL);
        if (strcmp(json_string_value(json_object_get(e, "type")), "gap") == 0 &&
            strncmp(subj, "mmsi:", 5) == 0) {
            GT_ASSERT(json_is_false(json_object_get(json_object_get(e, "detail"), "suspected")));
            cov_decoy++;
        }
    }
    GT_ASSERT(suspected >= 2);
    GT_ASSERT(sts >= 2);
    GT_ASSERT_EQ_INT(dark_sts, 1);
    GT_ASSERT(circle >= 1 && teleport >= 1 && shared >= 1);
    GT_ASSERT(mmsi_change >= 1);
    GT_ASSERT_EQ_INT(dark_flight, 1);
    GT_ASSERT(sdiff >= 2);
    GT_ASSERT(cov_decoy >= 1);
    json_decref(root);
}

/* ---- routes stay at sea (Natural Earth land, optional shared data) ---- */

struct ring {
    struct gt_latlon *pt;
    size_t n;
    double s, w, n_lat, e;
};

struct land {
    struct ring r[4096];
    size_t n;
    size_t checked, on_land;
};

static struct land land;

static void land_add_ring(json_t *coords)
{
    struct ring *r;
    size_t i;
    json_t *c;

    if (land.n == sizeof land.r / sizeof land.r[0]) {
        return;
    }
    r = &land.r[land.n];
    r->n = json_array_size(coords);
    r->pt = gt_calloc(r->n ? r->n : 1, sizeof *r->pt);
    if (r->pt == NULL) {
        return;
    }
    r->s = r->w = 1e9;
    r->n_lat = r->e = -1e9;
    json_array_foreach(coords, i, c)
    {
        r->pt[i].lon_deg = json_number_value(json_array_get(c, 0));
        r->pt[i].lat_deg = json_number_value(json_array_get(c, 1));
        r->s = fmin(r->s, r->pt[i].lat_deg);
        r->n_lat = fmax(r->n_lat, r->pt[i].lat_deg);
        r->w = fmin(r->w, r->pt[i].lon_deg);
        r->e = fmax(r->e, r->pt[i].lon_deg);
    }
    land.n++;
}

static void land_line(const char *line, size_t len, void *ud)
{
    struct aisfix f;
    size_t i;

    (void)ud;
    if (parse_line(line, len, &f) != 1) {
        return;
    }
    land.checked++;
    for (i = 0; i < land.n; i++) {
        const struct ring *r = &land.r[i];
        struct gt_latlon p = {f.lat, f.lon};
        if (f.lat < r->s || f.lat > r->n_lat || f.lon < r->w || f.lon > r->e) {
            continue;
        }
        if (gt_geo_point_in_polygon(p, r->pt, r->n)) {
            printf("#   on land: mmsi %u at %.5f %.5f\n", f.mmsi, f.lat, f.lon);
            land.on_land++;
            return;
        }
    }
}

static void test_routes_at_sea(void)
{
    char path[1024];
    const char *shared = getenv("GT_SHARED");
    json_error_t err;
    json_t *root, *feats, *ft;
    size_t i, k;

    snprintf(path, sizeof path, "%s/ref/land/land-50m.geo.json",
             shared ? shared : "../shared/data");
    root = json_load_file(path, 0, &err);
    if (root == NULL) {
        GT_SKIP("Natural Earth land-50m.geo.json not found (GT_SHARED)");
    }
    feats = json_object_get(root, "features");
    json_array_foreach(feats, i, ft)
    {
        json_t *g = json_object_get(ft, "geometry"), *polys, *poly;
        const char *type = json_string_value(json_object_get(g, "type"));
        if (type != NULL && strcmp(type, "Polygon") == 0) {
            land_add_ring(json_array_get(json_object_get(g, "coordinates"), 0));
            continue;
        }
        polys = json_object_get(g, "coordinates");
        json_array_foreach(polys, k, poly)
        {
            land_add_ring(json_array_get(poly, 0));
        }
    }
    json_decref(root);
    each_line(file_text("ais.nmea"), land_line, NULL);
    for (i = 0; i < land.n; i++) {
        gt_free(land.r[i].pt);
    }
    GT_ASSERT(land.n > 1000);
    GT_ASSERT(land.checked > 5000);
    GT_ASSERT_EQ_INT(land.on_land, 0);
}

static void test_sts_mini(void)
{
    /* the small scenario for detector tests: two encounters, one dark */
    static struct memfs fs;
    const struct gt_buf *tb;
    json_error_t err;
    json_t *root, *events, *e;
    size_t i;
    int enc = 0, dark = 0, gaps = 0;

    memfs_release(&fs);
    GT_ASSERT_EQ_INT(gt_sim_run("sts-mini", 3, mem_write, &fs), GT_OK);
    tb = memfs_get(&fs, "truth.json");
    GT_ASSERT(tb != NULL);
    root = json_loads(gt_buf_str(tb), 0, &err);
    GT_ASSERT(root != NULL);
    events = json_object_get(root, "events");
    json_array_foreach(events, i, e)
    {
        const char *type = json_string_value(json_object_get(e, "type"));
        json_t *d = json_object_get(e, "detail");
        if (strcmp(type, "encounter") == 0) {
            enc++;
            dark += json_is_true(json_object_get(d, "dark"));
        }
        gaps += strcmp(type, "gap") == 0 && json_is_true(json_object_get(d, "suspected"));
    }
    GT_ASSERT_EQ_INT(json_array_size(json_object_get(root, "decoys")), 0);
    json_decref(root);
    GT_ASSERT_EQ_INT(enc, 2);
    GT_ASSERT_EQ_INT(dark, 1);
    GT_ASSERT_EQ_INT(gaps, 1);
    GT_ASSERT_EQ_STR(gt_sim_scenario_name(1), "sts-mini");
    memfs_release(&fs);
}

static void test_sink_error_stops(void)
{
    /* the sink's error comes back unchanged and nothing leaks */
    struct memfs fs;

    memset(&fs, 0, sizeof fs);
    fs.n = MAX_FILES; /* full: the first write fails */
    GT_ASSERT_EQ_INT(gt_sim_run(NULL, 7, mem_write, &fs), GT_ERR_TOOBIG);
    fs.n = 0;
}

static void test_cleanup(void)
{
    memfs_release(&det_a);
    memfs_release(&det_b);
    memfs_release(&base);
    GT_ASSERT_EQ_INT((long long)base.n, 0);
}

GT_TEST_MAIN({"files written", test_files_written}, {"ais sentences valid", test_ais_valid},
             {"mode s frames valid and sorted", test_modes_valid},
             {"csv headers and hostile strings", test_csv_headers_and_hostile},
             {"same seed same bytes, other seed other bytes", test_deterministic},
             {"truth consistent with data", test_truth_consistent},
             {"vessel routes stay at sea", test_routes_at_sea},
             {"sts-mini scenario", test_sts_mini},
             {"sink error stops the generator", test_sink_error_stops}, {"cleanup", test_cleanup})
