/*
 * test_store.c - the evidence store on :memory: databases, SHA-256 (FIPS
 * 180-4 example vectors), the archive parsers and the ingest pipeline.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>
#include <zlib.h>

#include "ghosttrack/archive.h"
#include "ghosttrack/export.h"
#include "ghosttrack/hash.h"
#include "ghosttrack/ingest.h"
#include "ghosttrack/store.h"
#include "ghosttrack/time.h"
#include "test.h"
#include "../../src/store/store_int.h"

static void hex_of(const char *msg, size_t n, char hex[65])
{
    struct gt_sha256 s;
    uint8_t d[32];

    gt_sha256_init(&s);
    gt_sha256_update(&s, msg, n);
    gt_sha256_final(&s, d);
    gt_sha256_hex(d, hex);
}

/* FIPS 180-4 / NIST CSRC "SHA256.pdf" example values. */
static void test_sha256_vectors(void)
{
    char hex[65];
    struct gt_sha256 s;
    uint8_t d[32];
    char block[1001];
    int i;

    hex_of("", 0, hex);
    GT_ASSERT_EQ_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    hex_of("abc", 3, hex);
    GT_ASSERT_EQ_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    hex_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
    GT_ASSERT_EQ_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    memset(block, 'a', sizeof block);
    gt_sha256_init(&s);
    for (i = 0; i < 1000; i++) {
        gt_sha256_update(&s, block, i % 2 ? 999 : 1001); /* odd split sizes */
    }
    gt_sha256_final(&s, d);
    gt_sha256_hex(d, hex);
    GT_ASSERT_EQ_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static struct gt_store *mem_store(void)
{
    struct gt_store *st = NULL;
    int rc = gt_store_open(":memory:", GT_STORE_CREATE, &st);

    if (rc != GT_OK) {
        printf("# %s\n", gt_store_errmsg(st));
    }
    GT_ASSERT_EQ_INT(rc, GT_OK);
    return st;
}

static struct gt_obs make_obs(uint32_t mmsi, int64_t t_ms, double lat, double lon, uint64_t pos)
{
    struct gt_obs o;

    gt_obs_init(&o);
    o.id.kind = GT_ID_MMSI;
    o.id.value = mmsi;
    o.t_ms = t_ms;
    o.lat_deg = lat;
    o.lon_deg = lon;
    o.flags = GT_OBS_POS | GT_OBS_TIME | GT_OBS_SPEED | GT_OBS_COURSE | GT_OBS_NAVSTAT;
    o.speed_kn = 12.3f;
    o.course_deg = 271.4f;
    o.nav_status = 5;
    o.prov.kind = GT_PROV_FILE;
    o.prov.input_id = 1;
    o.prov.pos = pos;
    return o;
}

struct rx_seen {
    size_t n;
    uint32_t station[8];
};

static int collect_rx(const struct gt_event *e, void *ud)
{
    struct rx_seen *r = ud;
    size_t i;
    for (i = 0; i < e->nev && r->n < 8; i++) {
        if (strcmp(e->ev[i].role, "off") == 0) {
            r->station[r->n++] = e->ev[i].station_id;
        }
    }
    return GT_OK;
}

/* Duplicates across receivers (#14 item 4): the same fix from another
 * station within 2 s, in the same batch or a later one, is stored once and
 * its station joins the position's receiver set; a fix 2.5 s later, a
 * different latitude or another identity is a position of its own. */
static void test_receivers(void)
{
    struct gt_store *st = mem_store();
    struct gt_store_input in;
    struct gt_obs o = make_obs(273456000, 1551561307000, 59.5, 10.5, 10);
    struct gt_ident id = {GT_ID_MMSI, 273456000, 0};
    uint32_t rxa, rxb, rxc, ids[4];
    uint64_t n = 0;
    size_t k;

    GT_ASSERT_EQ_INT(gt_store_input_open(st, GT_PROV_FILE, "a.nmea", "00aa", 10, "x", 0, &in),
                     GT_OK);
    GT_ASSERT_EQ_INT(gt_store_station_ensure(st, "rxA", GT_RX_TERRESTRIAL, &rxa), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_station_ensure(st, "rxB", GT_RX_TERRESTRIAL, &rxb), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_station_ensure(st, "rxC", GT_RX_SATELLITE, &rxc), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_begin(st), GT_OK);
    o.station_id = rxa;
    GT_ASSERT_EQ_INT(gt_store_put_obs(st, &o), GT_OK);
    o.station_id = rxb; /* the same message, heard 1 s later at rxB */
    o.prov.pos = 20;
    o.t_ms += 1000;
    GT_ASSERT_EQ_INT(gt_store_put_obs(st, &o), GT_OK);
    o.prov.pos = 30; /* 2.5 s after the first: a report of its own */
    o.t_ms += 1500;
    GT_ASSERT_EQ_INT(gt_store_put_obs(st, &o), GT_OK);
    o.prov.pos = 40; /* moved: a report of its own */
    o.t_ms = 1551561307000;
    o.lat_deg = 59.50001;
    GT_ASSERT_EQ_INT(gt_store_put_obs(st, &o), GT_OK);
    o = make_obs(273456001, 1551561307000, 59.5, 10.5, 50); /* another vessel */
    GT_ASSERT_EQ_INT(gt_store_put_obs(st, &o), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_commit(st), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_duplicates(st), 1);
    /* a later batch: the satellite heard the first report too */
    GT_ASSERT_EQ_INT(gt_store_begin(st), GT_OK);
    o = make_obs(273456000, 1551561306500, 59.5, 10.5, 60);
    o.station_id = rxc;
    GT_ASSERT_EQ_INT(gt_store_put_obs(st, &o), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_commit(st), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_duplicates(st), 2);
    GT_ASSERT_EQ_INT(gt_store_count_positions(st, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 4);
    GT_ASSERT_EQ_INT(gt_store_pos_receivers(st, &id, 1551561307000, in.id, 10, ids, 4, &k), GT_OK);
    GT_ASSERT_EQ_INT(k, 2);
    GT_ASSERT_EQ_INT(ids[0], rxb);
    GT_ASSERT_EQ_INT(ids[1], rxc);
    GT_ASSERT_EQ_INT(gt_store_pos_receivers(st, &id, 1551561307000, in.id, 40, ids, 4, &k), GT_OK);
    GT_ASSERT_EQ_INT(k, 0);
    id.value = 999;
    GT_ASSERT_EQ_INT(gt_store_pos_receivers(st, &id, 1551561307000, in.id, 10, ids, 4, &k), GT_OK);
    GT_ASSERT_EQ_INT(k, 0);
    {
        /* an event citing the position lists every receiver as evidence */
        struct gt_event e;
        struct gt_event_filter f;
        struct gt_prov p = {GT_PROV_FILE, in.id, 10};
        struct rx_seen seen = {0, {0}};
        gt_event_init(&e, GT_EVENT_GAP);
        e.subject.kind = GT_ID_MMSI;
        e.subject.value = 273456000;
        e.start_ms = 1551561307000;
        e.end_ms = 1551561307000 + 3600000;
        GT_ASSERT_EQ_INT(gt_event_add_evidence(&e, &p, rxa, 1551561307000, "off"), GT_OK);
        gt_event_seal(&e);
        GT_ASSERT_EQ_INT(gt_store_put_event(st, &e), GT_OK);
        gt_event_release(&e);
        gt_event_filter_init(&f);
        GT_ASSERT_EQ_INT(gt_store_events(st, &f, collect_rx, &seen), GT_OK);
        GT_ASSERT_EQ_INT(seen.n, 3);
        GT_ASSERT_EQ_INT(seen.station[0], rxa);
        GT_ASSERT_EQ_INT(seen.station[1], rxb);
        GT_ASSERT_EQ_INT(seen.station[2], rxc);
    }
    gt_store_close(st);
}

static void test_positions_roundtrip(void)
{
    struct gt_store *st = mem_store();
    struct gt_store_filter f;
    struct gt_fleet fleet;
    struct gt_obs o = make_obs(273456000, 1551561307000, 59.1234567, -10.7654321, 42);
    struct gt_store_input in;
    const struct gt_track *t;
    struct gt_ident id = {GT_ID_MMSI, 273456000, 0};
    uint64_t n = 0;

    GT_ASSERT_EQ_INT(gt_store_input_open(st, GT_PROV_FILE, "a.nmea", "00ff", 10, "x", 0, &in),
                     GT_OK);
    GT_ASSERT_EQ_INT(in.id, 1);
    GT_ASSERT_EQ_INT(gt_store_begin(st), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_put_obs(st, &o), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_put_obs(st, &o), GT_OK); /* same record again: ignored */
    GT_ASSERT_EQ_INT(gt_store_flush(st), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_duplicates(st), 1);
    o.t_ms += 60000;
    o.prov.pos = 100;
    o.lat_deg = 59.2;
    GT_ASSERT_EQ_INT(gt_store_put_obs(st, &o), GT_OK);
    o.flags &= ~(uint32_t)GT_OBS_POS;
    GT_ASSERT_EQ_INT(gt_store_put_obs(st, &o), GT_ERR_INVAL);
    o.flags |= GT_OBS_POS;
    o.lat_deg = 91.0;
    GT_ASSERT_EQ_INT(gt_store_put_obs(st, &o), GT_ERR_INVAL);
    GT_ASSERT_EQ_INT(gt_store_commit(st), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_count_positions(st, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 2);

    gt_store_filter_init(&f);
    f.ids = &id;
    f.nids = 1;
    gt_fleet_init(&fleet, 1000);
    GT_ASSERT_EQ_INT(gt_store_load_fleet(st, &f, &fleet), GT_OK);
    t = gt_fleet_find(&fleet, id);
    GT_ASSERT(t != NULL);
    GT_ASSERT_EQ_INT(t->n, 2);
    GT_ASSERT_DBL_NEAR(t->pts[0].lat_deg, 59.1234567, 1e-7);
    GT_ASSERT_DBL_NEAR(t->pts[0].lon_deg, -10.7654321, 1e-7);
    GT_ASSERT_DBL_NEAR(t->pts[0].speed_kn, 12.3, 0.05);
    GT_ASSERT_DBL_NEAR(t->pts[0].course_deg, 271.4, 0.05);
    GT_ASSERT_EQ_INT(t->pts[0].nav_status, 5);
    GT_ASSERT_EQ_INT(t->pts[0].t_ms, 1551561307000);
    GT_ASSERT_EQ_INT(t->pts[0].prov.pos, 42);
    GT_ASSERT_EQ_INT(t->pts[0].prov.kind, GT_PROV_FILE);
    GT_ASSERT_EQ_INT(t->pts[1].prov.pos, 100);
    gt_fleet_release(&fleet);

    /* time window keeps only the second point; a box excludes both */
    f.since_ms = 1551561307000 + 1;
    gt_fleet_init(&fleet, 1000);
    GT_ASSERT_EQ_INT(gt_store_load_fleet(st, &f, &fleet), GT_OK);
    GT_ASSERT_EQ_INT(fleet.n, 1);
    GT_ASSERT_EQ_INT(fleet.tracks[0].n, 1);
    gt_fleet_release(&fleet);
    gt_store_filter_init(&f);
    f.has_bbox = 1;
    f.south_deg = 0;
    f.north_deg = 10;
    f.west_deg = 0;
    f.east_deg = 10;
    gt_fleet_init(&fleet, 1000);
    GT_ASSERT_EQ_INT(gt_store_load_fleet(st, &f, &fleet), GT_OK);
    GT_ASSERT_EQ_INT(fleet.n, 0);
    gt_fleet_release(&fleet);
    f.south_deg = 59;
    f.north_deg = 60;
    f.west_deg = -11;
    f.east_deg = -10;
    gt_fleet_init(&fleet, 1000);
    GT_ASSERT_EQ_INT(gt_store_load_fleet(st, &f, &fleet), GT_OK);
    GT_ASSERT_EQ_INT(fleet.n, 1);
    GT_ASSERT_EQ_INT(fleet.tracks[0].n, 2);
    gt_fleet_release(&fleet);
    gt_store_close(st);
}

static void test_close_commits_staged(void)
{
    char path[] = "/tmp/gt_test_close_XXXXXX.db";
    struct gt_store *st = NULL;
    struct gt_obs o = make_obs(1, 1000, 1, 2, 0);
    uint64_t n = 0;
    int fd = mkstemps(path, 3);

    GT_ASSERT(fd >= 0);
    close(fd);
    unlink(path);
    GT_ASSERT_EQ_INT(gt_store_open(path, GT_STORE_CREATE, &st), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_put_obs(st, &o), GT_OK); /* no batch open */
    gt_store_close(st);
    GT_ASSERT_EQ_INT(gt_store_open(path, GT_STORE_READONLY, &st), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_count_positions(st, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 1);
    gt_store_close(st);
    unlink(path);
    {
        char side[64];
        snprintf(side, sizeof side, "%s-wal", path);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", path);
        unlink(side);
    }
}

static void test_inputs_dedupe_and_progress(void)
{
    struct gt_store *st = mem_store();
    struct gt_store_input a, b, s1, s2;

    GT_ASSERT_EQ_INT(gt_store_input_open(st, GT_PROV_FILE, "a", "h1", 5, "ndjson", 0, &a), GT_OK);
    GT_ASSERT_EQ_INT(a.complete, 0);
    GT_ASSERT_EQ_INT(gt_store_input_mark(st, a.id, 77, 0, 3), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_input_open(st, GT_PROV_FILE, "b", "h1", 5, "ndjson", 0, &b), GT_OK);
    GT_ASSERT_EQ_INT(b.id, a.id); /* same content hash: same input */
    GT_ASSERT_EQ_INT(b.done_pos, 77);
    GT_ASSERT_EQ_INT(b.complete, 0);
    GT_ASSERT_EQ_INT(gt_store_input_mark(st, a.id, 10, 1, 0), GT_OK); /* done never moves back */
    GT_ASSERT_EQ_INT(gt_store_input_open(st, GT_PROV_FILE, "c", "h1", 5, "ndjson", 0, &b), GT_OK);
    GT_ASSERT_EQ_INT(b.done_pos, 77);
    GT_ASSERT_EQ_INT(b.complete, 1);
    GT_ASSERT_EQ_INT(gt_store_input_open(st, GT_PROV_STREAM, "tcp://x:1", NULL, 0, NULL, 0, &s1),
                     GT_OK);
    GT_ASSERT_EQ_INT(gt_store_input_open(st, GT_PROV_STREAM, "tcp://x:1", NULL, 0, NULL, 0, &s2),
                     GT_OK);
    GT_ASSERT(s1.id != s2.id);
    gt_store_close(st);
}

static void test_facts_and_resolve(void)
{
    struct gt_store *st = mem_store();
    struct gt_ident_obs io;
    struct gt_ident id;
    struct gt_store_filter f;
    struct gt_fleet fleet;

    memset(&io, 0, sizeof io);
    io.id.kind = GT_ID_MMSI;
    io.id.value = 273456000;
    io.field = GT_FIELD_NAME;
    io.t_ms = 2000;
    snprintf(io.value, sizeof io.value, "%s", "Ocean Star");
    GT_ASSERT_EQ_INT(gt_store_put_fact(st, &io), GT_OK);
    io.t_ms = 1000;
    GT_ASSERT_EQ_INT(gt_store_put_fact(st, &io), GT_OK);
    io.t_ms = 5000;
    GT_ASSERT_EQ_INT(gt_store_put_fact(st, &io), GT_OK);
    io.id.value = 273456001;
    snprintf(io.value, sizeof io.value, "%s", "TWIN");
    GT_ASSERT_EQ_INT(gt_store_put_fact(st, &io), GT_OK);
    io.id.value = 273456002;
    GT_ASSERT_EQ_INT(gt_store_put_fact(st, &io), GT_OK);
    io.value[0] = '\0';
    GT_ASSERT_EQ_INT(gt_store_put_fact(st, &io), GT_ERR_INVAL);
    GT_ASSERT_EQ_INT(gt_store_aircraft_put(st, 0x1519a5, "ra-86496", "IL62", "SLO", 0), GT_OK);

    GT_ASSERT_EQ_INT(gt_store_resolve(st, "ocean STAR", &id), GT_OK);
    GT_ASSERT_EQ_INT(id.kind, GT_ID_MMSI);
    GT_ASSERT_EQ_INT(id.value, 273456000);
    GT_ASSERT_EQ_INT(gt_store_resolve(st, "RA-86496", &id), GT_OK);
    GT_ASSERT_EQ_INT(id.kind, GT_ID_ICAO);
    GT_ASSERT_EQ_INT(id.value, 0x1519a5);
    GT_ASSERT_EQ_INT(gt_store_resolve(st, "TWIN", &id), GT_ERR_INVAL);
    GT_ASSERT_EQ_INT(id.value, 273456001);
    GT_ASSERT_EQ_INT(gt_store_resolve(st, "nobody", &id), GT_ERR_NOTFOUND);
    GT_ASSERT_EQ_INT(gt_store_resolve(st, "icao:4B1805", &id), GT_OK);
    GT_ASSERT_EQ_INT(id.value, 0x4b1805);

    /* first/last seen come back as two facts */
    gt_store_filter_init(&f);
    gt_fleet_init(&fleet, 10);
    GT_ASSERT_EQ_INT(gt_store_load_fleet(st, &f, &fleet), GT_OK);
    GT_ASSERT_EQ_INT(fleet.nfacts, 4);
    GT_ASSERT_EQ_INT(fleet.facts[0].t_ms, 1000);
    GT_ASSERT_EQ_INT(fleet.facts[1].t_ms, 5000);
    gt_fleet_release(&fleet);
    gt_store_close(st);
}

static int collect_event(const struct gt_event *e, void *ud)
{
    struct gt_buf *b = ud;
    return gt_event_to_json(e, b, NULL, NULL);
}

static void test_events_roundtrip(void)
{
    struct gt_store *st = mem_store();
    struct gt_event e;
    struct gt_event_filter f;
    struct gt_buf a, b;
    struct gt_prov p = {GT_PROV_FILE, 3, 1234};

    gt_event_init(&e, GT_EVENT_GAP);
    e.subject.kind = GT_ID_MMSI;
    e.subject.value = 273456000;
    e.start_ms = 1000000;
    e.end_ms = 2000000;
    e.has_pos = 1;
    e.lat_deg = 59.5;
    e.lon_deg = 10.25;
    e.score = 0.75;
    GT_ASSERT_EQ_INT(gt_buf_addstr(&e.detail, "{\"gap_s\":1000}"), GT_OK);
    GT_ASSERT_EQ_INT(gt_event_add_evidence(&e, &p, 7, 1000000, "off"), GT_OK);
    p.pos = 5678;
    GT_ASSERT_EQ_INT(gt_event_add_evidence(&e, &p, 7, 2000000, "on"), GT_OK);
    gt_event_seal(&e);
    gt_buf_init(&a, 1 << 16);
    gt_buf_init(&b, 1 << 16);
    GT_ASSERT_EQ_INT(gt_event_to_json(&e, &a, NULL, NULL), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_put_event(st, &e), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_put_event(st, &e), GT_OK); /* replace, not duplicate */
    gt_event_filter_init(&f);
    GT_ASSERT_EQ_INT(gt_store_events(st, &f, collect_event, &b), GT_OK);
    GT_ASSERT_EQ_STR(gt_buf_str(&b), gt_buf_str(&a));
    gt_buf_reset(&b);
    f.types = "encounter,loiter";
    GT_ASSERT_EQ_INT(gt_store_events(st, &f, collect_event, &b), GT_OK);
    GT_ASSERT_EQ_INT(gt_buf_len(&b), 0);
    f.types = "loiter,gap";
    f.since_ms = 2500000;
    GT_ASSERT_EQ_INT(gt_store_events(st, &f, collect_event, &b), GT_OK);
    GT_ASSERT_EQ_INT(gt_buf_len(&b), 0);
    GT_ASSERT_EQ_INT(gt_store_clear_events(st, "gap"), GT_OK);
    gt_event_filter_init(&f);
    GT_ASSERT_EQ_INT(gt_store_events(st, &f, collect_event, &b), GT_OK);
    GT_ASSERT_EQ_INT(gt_buf_len(&b), 0);
    gt_buf_release(&a);
    gt_buf_release(&b);
    gt_event_release(&e);
    gt_store_close(st);
}

static void test_ref_blobs(void)
{
    struct gt_store *st = mem_store();
    void *p = NULL;
    size_t n = 0;

    GT_ASSERT_EQ_INT(gt_store_ref_get(st, "ports", &p, &n), GT_ERR_NOTFOUND);
    GT_ASSERT_EQ_INT(gt_store_ref_put(st, "ports", "a.csv", "x,y\n1,2\n", 8), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_ref_put(st, "ports", "b.csv", "z\n", 2), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_ref_get(st, "ports", &p, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 2);
    GT_ASSERT(memcmp(p, "z\n", 2) == 0);
    gt_free(p);
    gt_store_close(st);
}

/* ---- archive parsers ---- */

struct capture {
    struct gt_obs obs[16];
    size_t nobs;
    struct gt_ident_obs facts[16];
    size_t nfacts;
    const char *reasons[16];
    uint64_t reject_pos[16];
    size_t nrej;
};

static int cap_obs(void *ud, const struct gt_obs *o)
{
    struct capture *c = ud;
    if (c->nobs < 16) {
        c->obs[c->nobs++] = *o;
    }
    return GT_OK;
}

static int cap_fact(void *ud, const struct gt_ident_obs *io)
{
    struct capture *c = ud;
    if (c->nfacts < 16) {
        c->facts[c->nfacts++] = *io;
    }
    return GT_OK;
}

static void cap_reject(void *ud, const char *reason, uint64_t pos)
{
    struct capture *c = ud;
    if (c->nrej < 16) {
        c->reject_pos[c->nrej] = pos;
        c->reasons[c->nrej++] = reason;
    }
}

static struct gt_sink cap_sink(struct capture *c)
{
    struct gt_sink s = {cap_obs, cap_fact, cap_reject, c, NULL};
    memset(c, 0, sizeof *c);
    return s;
}

#define LINE(c, s, pos, sink) gt_archive_opensky_line(c, (const uint8_t *)(s), strlen(s), pos, sink)

static void test_opensky_units(void)
{
    struct capture c;
    struct gt_sink s = cap_sink(&c);
    struct gt_archive_csv csv;
    const char *hdr = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,"
                      "squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";

    gt_archive_csv_init(&csv, NULL);
    GT_ASSERT(gt_archive_opensky_sniff((const uint8_t *)hdr, strlen(hdr)) > 50);
    GT_ASSERT_EQ_INT(LINE(&csv, hdr, 0, &s), GT_OK);
    GT_ASSERT_EQ_INT(LINE(&csv,
                          "1600000000,3c6444,50.0,8.5,100,90,5.08,DLH1  ,false,false,false,"
                          "1000,1000,1100,1599999999.5,1600000000",
                          200, &s),
                     GT_OK);
    GT_ASSERT_EQ_INT(c.nobs, 1);
    GT_ASSERT_EQ_INT(c.obs[0].id.value, 0x3c6444);
    GT_ASSERT_EQ_INT(c.obs[0].t_ms, 1599999999500);
    GT_ASSERT_DBL_NEAR(c.obs[0].speed_kn, 194.384, 0.01); /* 100 m/s */
    GT_ASSERT_DBL_NEAR(c.obs[0].vrate_fpm, 1000.0, 0.5);  /* 5.08 m/s */
    GT_ASSERT_EQ_INT(c.obs[0].alt_ft, 3281);              /* 1000 m */
    GT_ASSERT_EQ_INT(c.obs[0].gnss_alt_ft, 3609);         /* 1100 m */
    GT_ASSERT_EQ_INT(c.obs[0].prov.pos, 200);
    GT_ASSERT_EQ_INT(c.nfacts, 2);
    GT_ASSERT_EQ_STR(c.facts[0].value, "DLH1");
    GT_ASSERT_EQ_STR(c.facts[1].value, "1000");
    GT_ASSERT_EQ_INT(LINE(&csv, "1600000000,nothex,50,8,,,,,,,,,,,,", 300, &s), GT_OK);
    GT_ASSERT_EQ_INT(LINE(&csv, "1600000000,3c6444,,,,,,,,,,,,,,", 400, &s), GT_OK);
    GT_ASSERT_EQ_INT(LINE(&csv, "1600000000,3c6444,91,8,,,,,,,,,,,,", 500, &s), GT_OK);
    GT_ASSERT_EQ_INT(LINE(&csv, "1600000000,3c", 600, &s), GT_OK);
    GT_ASSERT_EQ_INT(c.nrej, 4);
    GT_ASSERT_EQ_STR(c.reasons[0], "bad-icao24");
    GT_ASSERT_EQ_STR(c.reasons[1], "no-position");
    GT_ASSERT_EQ_STR(c.reasons[2], "bad-position");
    GT_ASSERT_EQ_INT(c.reject_pos[3], 600);
}

/* Squawks written as numbers are kept (#14 item 3): a JSON number (7700,
 * 123 for 0123) and a spreadsheet's "7700.0" become four octal digits;
 * a value that is not 0000..7777 in octal digits is no squawk. */
static void test_numeric_squawk(void)
{
    struct capture c;
    struct gt_sink s = cap_sink(&c);
    struct gt_archive_csv csv;
    const char *doc =
        "{\"result\":{\"response\":{\"data\":{\"flight\":{"
        "\"aircraft\":{\"identification\":{\"modes\":\"1541A0\"}},"
        "\"track\":[{\"timestamp\":1550484384,\"latitude\":34.05,\"longitude\":-6.75,"
        "\"squawk\":7700},"
        "{\"timestamp\":1550484385,\"latitude\":34.06,\"longitude\":-6.75,\"squawk\":123},"
        "{\"timestamp\":1550484386,\"latitude\":34.07,\"longitude\":-6.75,\"squawk\":8888}]}}}}}";
    const char *hdr = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,"
                      "squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";
    size_t i, nsq = 0;
    const char *sq[4] = {NULL, NULL, NULL, NULL};

    GT_ASSERT_EQ_INT(gt_archive_fr24_json((const uint8_t *)doc, strlen(doc), &s), GT_OK);
    GT_ASSERT_EQ_INT(c.nobs, 3);
    for (i = 0; i < c.nfacts; i++) {
        if (c.facts[i].field == GT_FIELD_SQUAWK && nsq < 4) {
            sq[nsq++] = c.facts[i].value;
        }
    }
    GT_ASSERT_EQ_INT(nsq, 2);
    GT_ASSERT_EQ_STR(sq[0], "7700");
    GT_ASSERT_EQ_STR(sq[1], "0123");

    s = cap_sink(&c);
    gt_archive_csv_init(&csv, NULL);
    GT_ASSERT_EQ_INT(LINE(&csv, hdr, 0, &s), GT_OK);
    GT_ASSERT_EQ_INT(LINE(&csv, "1600000000,3c6444,50.0,8.5,,,,,,,,7700.0,,,,", 200, &s), GT_OK);
    GT_ASSERT_EQ_INT(LINE(&csv, "1600000001,3c6444,50.0,8.5,,,,,,,,98,,,,", 300, &s), GT_OK);
    GT_ASSERT_EQ_INT(c.nobs, 2);
    GT_ASSERT_EQ_INT(c.nfacts, 1);
    GT_ASSERT_EQ_INT(c.facts[0].field, GT_FIELD_SQUAWK);
    GT_ASSERT_EQ_STR(c.facts[0].value, "7700");
}

static void test_fr24_csv(void)
{
    struct capture c;
    struct gt_sink s = cap_sink(&c);
    struct gt_archive_csv csv;
    struct gt_ident id;
    const char *l1 = "Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction";
    const char *l2 = "1551600060,2019-03-03T08:01:00Z,DLH4AB,\"50.040000,8.600000\",2500,160,72";

    GT_ASSERT_EQ_INT(gt_archive_subject_from_name("x/flight_icao_3c6444.csv", &id), GT_OK);
    GT_ASSERT_EQ_INT(id.value, 0x3c6444);
    GT_ASSERT_EQ_INT(gt_archive_subject_from_name("SU100_2a3b4c5d.csv", &id), GT_ERR_NOTFOUND);
    gt_archive_csv_init(&csv, &id);
    csv.subject.kind = GT_ID_ICAO;
    csv.subject.value = 0x3c6444;
    GT_ASSERT_EQ_INT(gt_archive_fr24_csv_line(&csv, (const uint8_t *)l1, strlen(l1), 0, &s), GT_OK);
    GT_ASSERT_EQ_INT(gt_archive_fr24_csv_line(&csv, (const uint8_t *)l2, strlen(l2), 58, &s),
                     GT_OK);
    GT_ASSERT_EQ_INT(c.nobs, 1);
    GT_ASSERT_DBL_NEAR(c.obs[0].lat_deg, 50.04, 1e-9);
    GT_ASSERT_DBL_NEAR(c.obs[0].lon_deg, 8.6, 1e-9);
    GT_ASSERT_EQ_INT(c.obs[0].alt_ft, 2500);
    GT_ASSERT_EQ_INT(c.obs[0].t_ms, 1551600060000);
    GT_ASSERT_EQ_STR(c.facts[0].value, "DLH4AB");
}

/* A Flightradar24 playback JSON gives the address, registration and the
 * origin and destination FR24 publishes, as facts at the first fix. */
static void test_fr24_json_airports(void)
{
    struct capture c;
    struct gt_sink s = cap_sink(&c);
    const char *doc =
        "{\"result\":{\"response\":{\"data\":{\"flight\":{"
        "\"identification\":{\"callsign\":\"RSD075\"},"
        "\"aircraft\":{\"identification\":{\"modes\":\"1541A0\",\"registration\":\"RA-86496\"},"
        "\"model\":{\"code\":\"IL62\"}},"
        "\"airport\":{\"origin\":{\"code\":{\"icao\":\"GMME\",\"iata\":\"RBA\"}},"
        "\"destination\":{\"code\":{\"icao\":\"SVMI\",\"iata\":\"CCS\"}}},"
        "\"track\":[{\"timestamp\":1550484384,\"latitude\":34.05,\"longitude\":-6.75,"
        "\"altitude\":{\"feet\":0},\"speed\":{\"kts\":0}}]}}}}}";
    size_t i, seen = 0;

    GT_ASSERT_EQ_INT(gt_archive_fr24_json((const uint8_t *)doc, strlen(doc), &s), GT_OK);
    GT_ASSERT_EQ_INT(c.nobs, 1);
    GT_ASSERT_EQ_INT(c.obs[0].id.value, 0x1541a0);
    for (i = 0; i < c.nfacts; i++) {
        GT_ASSERT_EQ_INT(c.facts[i].t_ms, 1550484384000);
        if (c.facts[i].field == GT_FIELD_ORIGIN) {
            GT_ASSERT_EQ_STR(c.facts[i].value, "GMME");
            seen |= 1;
        } else if (c.facts[i].field == GT_FIELD_DESTINATION) {
            GT_ASSERT_EQ_STR(c.facts[i].value, "SVMI");
            seen |= 2;
        } else if (c.facts[i].field == GT_FIELD_REGISTRATION) {
            GT_ASSERT_EQ_STR(c.facts[i].value, "RA-86496");
            seen |= 4;
        }
    }
    GT_ASSERT_EQ_INT(seen, 7);
    {
        /* no "modes": a provisional subject, resolved at detect time */
        char *doc2 = gt_strndup(doc, strlen(doc)), *m = doc2 ? strstr(doc2, "1541A0") : NULL;
        GT_ASSERT(m != NULL);
        memcpy(m, "      ", 6);
        s = cap_sink(&c);
        GT_ASSERT_EQ_INT(gt_archive_fr24_json((const uint8_t *)doc2, strlen(doc2), &s), GT_OK);
        GT_ASSERT_EQ_INT(c.nobs, 1);
        GT_ASSERT(c.obs[0].id.flags & GT_IDENT_PROVISIONAL);
        gt_free(doc2);
    }
}

static void test_trace_offsets(void)
{
    static const char doc[] =
        "{\"icao\":\"~abc123\",\"r\":\"N1\",\"timestamp\":1700000000.5,\n\"trace\":[\n"
        "  [0.0,40.1,-74.1,3000,110.0,45.0,0,0,{\"flight\":\"N1  \"},\"adsb_icao\",3100],\n"
        "  [10.0,40.2,-74.2,\"ground\",0,45.0,0,null,null,\"mlat\",null],\n"
        "  [20.0,95,-74.2,100,0,45.0,0,null,null,\"mlat\",null]\n]}";
    struct capture c;
    struct gt_sink s = cap_sink(&c);
    const char *e1 = strstr(doc, "[0.0"), *e2 = strstr(doc, "[10.0"), *e3 = strstr(doc, "[20.0");

    GT_ASSERT(gt_archive_readsb_trace_sniff((const uint8_t *)doc, sizeof doc - 1) > 0);
    GT_ASSERT_EQ_INT(gt_archive_readsb_trace((const uint8_t *)doc, sizeof doc - 1, &s), GT_OK);
    GT_ASSERT_EQ_INT(c.nobs, 2);
    GT_ASSERT_EQ_INT(c.obs[0].id.flags, GT_IDENT_NONICAO);
    GT_ASSERT_EQ_INT(c.obs[0].prov.pos, (uint64_t)(e1 - doc));
    GT_ASSERT_EQ_INT(c.obs[1].prov.pos, (uint64_t)(e2 - doc));
    GT_ASSERT_EQ_INT(c.obs[0].t_ms, 1700000000500);
    GT_ASSERT_EQ_INT(c.obs[1].t_ms, 1700000010500);
    GT_ASSERT_EQ_INT(c.obs[1].on_ground, 1);
    GT_ASSERT_EQ_INT(c.obs[1].pos_how, GT_POS_MLAT);
    GT_ASSERT_EQ_INT(c.nrej, 1);
    GT_ASSERT_EQ_INT(c.reject_pos[0], (uint64_t)(e3 - doc));
    /* cut before its trace: the document's one reason */
    GT_ASSERT_EQ_INT(gt_archive_readsb_trace((const uint8_t *)doc, 40, &s), GT_OK);
    GT_ASSERT_EQ_INT(c.nrej, 2);
    GT_ASSERT_EQ_STR(c.reasons[1], "json-truncated");
}

static void test_traffic_json(void)
{
    static const char doc[] =
        "[{\"altitude\":null,\"callsign\":\"PSWRD35\",\"icao24\":\"ae0455\",\"latitude\":null,"
        "\"longitude\":null,\"timestamp\":1600120071000},\n"
        " {\"altitude\":1000,\"callsign\":\"PSWRD35\",\"groundspeed\":125,\"icao24\":\"ae0455\","
        "\"latitude\":32.5,\"longitude\":-117.25,\"onground\":false,\"timestamp\":1600120072000,"
        "\"track\":302.5,\"vertical_rate\":384},\n"
        " {\"icao24\":\"ae0455\",\"latitude\":32.6,\"longitude\":-117.3,"
        "\"timestamp\":\"2020-09-14T21:47:53Z\"}]";
    struct capture c;
    struct gt_sink s = cap_sink(&c);

    GT_ASSERT(gt_archive_traffic_json_sniff((const uint8_t *)doc, sizeof doc - 1) > 0);
    GT_ASSERT_EQ_INT(gt_archive_traffic_json((const uint8_t *)doc, sizeof doc - 1, &s), GT_OK);
    GT_ASSERT_EQ_INT(c.nobs, 2);
    GT_ASSERT_EQ_INT(c.nfacts, 1); /* the repeated callsign is one fact */
    GT_ASSERT_EQ_INT(c.nrej, 1);
    GT_ASSERT_EQ_STR(c.reasons[0], "no-position");
    GT_ASSERT_EQ_INT(c.obs[0].t_ms, 1600120072000);
    GT_ASSERT_EQ_INT(c.obs[0].alt_ft, 1000);
    GT_ASSERT_DBL_NEAR(c.obs[0].vrate_fpm, 384, 1e-6);
    GT_ASSERT_EQ_INT(c.obs[0].prov.pos, (uint64_t)(strstr(doc, "{\"altitude\":1000") - doc));
    GT_ASSERT_EQ_INT(c.obs[1].t_ms, 1600120073000);
}

/* The traffic library's 1 s grid repeats the last position until the next
 * one: each position is timed by its "last_position" and stored once. */
static void test_traffic_json_last_position(void)
{
    static const char doc[] = "[{\"icao24\":\"4baac6\",\"latitude\":41.38,\"longitude\":28.76,"
                              "\"timestamp\":1726560267000,\"last_position\":1726560266108},\n"
                              " {\"icao24\":\"4baac6\",\"latitude\":41.39,\"longitude\":28.77,"
                              "\"timestamp\":1726560268000,\"last_position\":1726560267933},\n"
                              " {\"icao24\":\"aaaaaa\",\"latitude\":50.0,\"longitude\":8.0,"
                              "\"timestamp\":1726560268000,\"last_position\":1726560267933},\n"
                              " {\"icao24\":\"4baac6\",\"latitude\":41.39,\"longitude\":28.77,"
                              "\"timestamp\":1726560269000,\"last_position\":1726560267933},\n"
                              " {\"icao24\":\"4baac6\",\"latitude\":41.40,\"longitude\":28.78,"
                              "\"timestamp\":1726560270000,\"last_position\":1726550000000}]";
    struct capture c;
    struct gt_sink s = cap_sink(&c);

    GT_ASSERT_EQ_INT(gt_archive_traffic_json((const uint8_t *)doc, sizeof doc - 1, &s), GT_OK);
    GT_ASSERT_EQ_INT(c.nobs, 4);
    GT_ASSERT_EQ_INT(c.obs[0].t_ms, 1726560266108); /* the position's own time */
    GT_ASSERT_EQ_INT(c.obs[1].t_ms, 1726560267933);
    GT_ASSERT_EQ_INT(c.obs[2].id.value, 0xaaaaaa); /* same time, other aircraft: kept */
    GT_ASSERT_EQ_INT(c.nrej, 1);                   /* the repeat on the next grid second */
    GT_ASSERT_EQ_STR(c.reasons[0], "repeated-position");
    GT_ASSERT_EQ_INT(c.obs[3].t_ms, 1726560270000); /* implausibly old: the row's time */
}

static void test_ndjson_line(void)
{
    struct capture c;
    struct gt_sink s = cap_sink(&c);
    const char *l1 = "{\"id\":\"mmsi:273456000\",\"lat\":1.5,\"lon\":-2.25,\"speed_kn\":3.5,"
                     "\"t\":\"2019-03-03T10:00:00Z\"}";
    const char *l2 = "{\"field\":\"name\",\"id\":\"mmsi:273456000\",\"t\":\"2019-03-03T10:00:00Z\","
                     "\"value\":\"A\\u0000B\"}";

    GT_ASSERT(gt_archive_ndjson_sniff((const uint8_t *)l1, strlen(l1)) > 0);
    GT_ASSERT_EQ_INT(gt_archive_ndjson_line((const uint8_t *)l1, strlen(l1), 9, &s), GT_OK);
    GT_ASSERT_EQ_INT(gt_archive_ndjson_line((const uint8_t *)l2, strlen(l2), 99, &s), GT_OK);
    GT_ASSERT_EQ_INT(gt_archive_ndjson_line((const uint8_t *)"{\"id\":", 6, 199, &s), GT_OK);
    GT_ASSERT_EQ_INT(c.nobs, 1);
    GT_ASSERT_DBL_NEAR(c.obs[0].lon_deg, -2.25, 1e-12);
    GT_ASSERT_EQ_INT(c.obs[0].prov.pos, 9);
    GT_ASSERT_EQ_INT(c.nfacts, 1);
    GT_ASSERT_EQ_STR(c.facts[0].value, "A"); /* an embedded NUL ends the text */
    GT_ASSERT_EQ_INT(c.nrej, 1);
    GT_ASSERT_EQ_STR(c.reasons[0], "bad-json");
}

/* ---- the pipeline ---- */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    GT_ASSERT(f != NULL);
    fputs(text, f);
    fclose(f);
}

static void test_ingest_dedupe(void)
{
    char dir[] = "/tmp/gt_test_ingest_XXXXXX", a[128], b[128];
    struct gt_store *st = mem_store();
    struct gt_ingest_opts o;
    struct gt_ingest *in = NULL;
    const char *text = "{\"id\":\"mmsi:1\",\"lat\":1,\"lon\":2,\"t\":\"2019-01-01T00:00:00Z\"}\n"
                       "{\"id\":\"mmsi:1\",\"lat\":1,\"lon\":2.1,\"t\":\"2019-01-01T00:01:00Z\"}\n"
                       "garbage\n"
                       "{\"id\":\"mmsi:1\",\"lat\":1,\"lon\":2.2,\"t\":\"2019-01-01T00:02:00Z\"}";
    uint64_t n = 0;

    GT_ASSERT(mkdtemp(dir) != NULL);
    snprintf(a, sizeof a, "%s/a.ndjson", dir);
    snprintf(b, sizeof b, "%s/b.ndjson", dir);
    write_file(a, text);
    write_file(b, text);
    memset(&o, 0, sizeof o);
    o.batch = 1; /* commit between every record */
    o.source = "test";
    GT_ASSERT_EQ_INT(gt_ingest_new(st, &o, &in), GT_OK);
    GT_ASSERT_EQ_INT(gt_ingest_path(in, dir), GT_OK);
    GT_ASSERT_EQ_INT(gt_ingest_stats(in)->positions, 3);
    GT_ASSERT_EQ_INT(gt_ingest_stats(in)->files, 1);
    GT_ASSERT_EQ_INT(gt_ingest_stats(in)->files_known, 1); /* b has a's content */
    GT_ASSERT_EQ_INT(gt_ingest_stats(in)->rejected, 1);
    GT_ASSERT_EQ_INT(gt_ingest_path(in, a), GT_OK);
    GT_ASSERT_EQ_INT(gt_ingest_stats(in)->positions, 3);
    GT_ASSERT_EQ_INT(gt_store_count_positions(st, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 3);
    gt_ingest_free(in);
    unlink(a);
    unlink(b);
    rmdir(dir);
    gt_store_close(st);
}

/* AIS without any receive time: a position report and a static message are
 * each counted once as no-time and store nothing; after a GNSS clock line
 * the same reports are stored with its time. */
static void test_ingest_ais_no_time(void)
{
    char dir[] = "/tmp/gt_test_notime_XXXXXX", a[128];
    struct gt_store *st = mem_store();
    struct gt_ingest_opts o;
    struct gt_ingest *in = NULL;
    const struct gt_ingest_stats *sx;
    size_t i, no_time = 0;
    const char *text =
        "!AIVDM,1,1,,B,15RTgt0PAso;90TKcjM8h6g208CQ,0*49\n"
        "!AIVDM,2,1,3,B,55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E53,0*3E\n"
        "!AIVDM,2,2,3,B,1@0000000000000,2*55\n"
        "$GPZDA,201530.00,04,07,2002,00,00*60\n"
        "!AIVDM,1,1,,B,15RTgt0PAso;90TKcjM8h6g208CQ,0*49\n"
        "!AIVDM,2,1,3,B,55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?4i@E53,0*3E\n"
        "!AIVDM,2,2,3,B,1@0000000000000,2*55\n";

    GT_ASSERT(mkdtemp(dir) != NULL);
    snprintf(a, sizeof a, "%s/rx.nmea", dir);
    write_file(a, text);
    memset(&o, 0, sizeof o);
    GT_ASSERT_EQ_INT(gt_ingest_new(st, &o, &in), GT_OK);
    GT_ASSERT_EQ_INT(gt_ingest_path(in, a), GT_OK);
    sx = gt_ingest_stats(in);
    for (i = 0; i < sx->nreasons; i++) {
        if (strcmp(sx->reasons[i].reason, "no-time") == 0) {
            no_time = (size_t)sx->reasons[i].count;
        }
    }
    GT_ASSERT_EQ_INT(no_time, 2);
    GT_ASSERT_EQ_INT(sx->positions, 1);
    GT_ASSERT(sx->facts > 0);
    gt_ingest_free(in);
    unlink(a);
    rmdir(dir);
    gt_store_close(st);
}

static void test_evidence_text(void)
{
    char dir[] = "/tmp/gt_test_evid_XXXXXX", a[128];
    struct gt_store *st = mem_store();
    struct gt_ingest_opts o;
    struct gt_ingest *in = NULL;
    struct gt_store_filter f;
    struct gt_fleet fleet;
    struct gt_buf b;
    const char *l2 = "{\"id\":\"mmsi:1\",\"lat\":1,\"lon\":2.1,\"t\":\"2019-01-01T00:01:00Z\"}";

    GT_ASSERT(mkdtemp(dir) != NULL);
    snprintf(a, sizeof a, "%s/a.ndjson", dir);
    {
        FILE *fp = fopen(a, "wb");
        GT_ASSERT(fp != NULL);
        fprintf(fp,
                "{\"id\":\"mmsi:1\",\"lat\":1,\"lon\":2,\"t\":\"2019-01-01T00:00:00Z\"}\r\n%s\n",
                l2);
        fclose(fp);
    }
    memset(&o, 0, sizeof o);
    GT_ASSERT_EQ_INT(gt_ingest_new(st, &o, &in), GT_OK);
    GT_ASSERT_EQ_INT(gt_ingest_path(in, a), GT_OK);
    gt_ingest_free(in);
    gt_store_filter_init(&f);
    gt_fleet_init(&fleet, 10);
    GT_ASSERT_EQ_INT(gt_store_load_fleet(st, &f, &fleet), GT_OK);
    GT_ASSERT_EQ_INT(fleet.n, 1);
    GT_ASSERT_EQ_INT(fleet.tracks[0].n, 2);
    gt_buf_init(&b, 4096);
    GT_ASSERT_EQ_INT(gt_store_evidence_text(st, &fleet.tracks[0].pts[1].prov, &b), GT_OK);
    GT_ASSERT_EQ_STR(gt_buf_str(&b), l2);
    gt_buf_reset(&b);
    GT_ASSERT_EQ_INT(gt_store_input_name(st, fleet.tracks[0].pts[1].prov.input_id, &b), GT_OK);
    GT_ASSERT_EQ_STR(gt_buf_str(&b), a);
    unlink(a);
    gt_buf_reset(&b);
    /* the verdict and the open file are kept for the handle's lifetime */
    GT_ASSERT_EQ_INT(gt_store_evidence_text(st, &fleet.tracks[0].pts[1].prov, &b), GT_OK);
    gt_buf_reset(&b);
    /* an input nobody verified yet is not found */
    GT_ASSERT_EQ_INT(gt_store_input_verify(st, 99), GT_ERR_NOTFOUND);
    gt_buf_release(&b);
    gt_fleet_release(&fleet);
    rmdir(dir);
    gt_store_close(st);
}

static void test_stream_reset(void)
{
    struct gt_store *st = mem_store();
    struct gt_ingest_opts o;
    struct gt_ingest *in = NULL;
    const char *p1 = "{\"id\":\"mmsi:1\",\"lat\":1,\"lon\":2,\"t\":\"2019-01-01T00:00:00Z\"}\n"
                     "{\"id\":\"mmsi:1\",\"lat\":1,\"lon\":2.1,\"t\":\"2019-01-0";
    const char *p2 = "{\"id\":\"mmsi:1\",\"lat\":1,\"lon\":2.2,\"t\":\"2019-01-01T00:02:00Z\"}\n";
    uint64_t n = 0;

    memset(&o, 0, sizeof o);
    GT_ASSERT_EQ_INT(gt_ingest_new(st, &o, &in), GT_OK);
    GT_ASSERT_EQ_INT(gt_ingest_stream_open(in, "tcp://127.0.0.1:1"), GT_OK);
    GT_ASSERT_EQ_INT(gt_ingest_stream_feed(in, (const uint8_t *)p1, strlen(p1)), GT_OK);
    GT_ASSERT_EQ_INT(gt_ingest_stream_reset(in), GT_OK);
    GT_ASSERT_EQ_INT(gt_ingest_stream_feed(in, (const uint8_t *)p2, strlen(p2)), GT_OK);
    GT_ASSERT_EQ_INT(gt_ingest_stream_close(in), GT_OK);
    GT_ASSERT_EQ_INT(gt_ingest_stats(in)->positions, 2);
    GT_ASSERT_EQ_INT(gt_ingest_stats(in)->rejected, 1);
    GT_ASSERT_EQ_STR(gt_ingest_stats(in)->reasons[0].reason, "partial-record");
    GT_ASSERT_EQ_INT(gt_store_count_positions(st, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 2);
    gt_ingest_free(in);
    gt_store_close(st);
}

static int to_buf(void *ud, const char *p, size_t n)
{
    return gt_buf_add(ud, p, n);
}

static void test_export_events(void)
{
    struct gt_event e;
    struct gt_export_events x;
    struct gt_buf b;
    static const enum gt_export_format fmts[] = {GT_EXPORT_NDJSON, GT_EXPORT_CSV, GT_EXPORT_GEOJSON,
                                                 GT_EXPORT_KML};
    size_t i;

    gt_event_init(&e, GT_EVENT_IDENTITY);
    e.subject.kind = GT_ID_MMSI;
    e.subject.value = 273456000;
    e.start_ms = e.end_ms = 1000;
    e.has_pos = 1;
    e.lat_deg = -33.9;
    e.lon_deg = 151.2;
    GT_ASSERT_EQ_INT(
        gt_buf_addstr(&e.detail,
                      "{\"new\":\"=HYPERLINK(\\\"x\\\")\",\"old\":\"\\u003cscript\\u003e\"}"),
        GT_OK);
    gt_event_seal(&e);
    gt_buf_init(&b, 1 << 16);
    for (i = 0; i < 4; i++) {
        gt_buf_reset(&b);
        GT_ASSERT_EQ_INT(gt_export_events_init(&x, fmts[i], to_buf, &b, NULL, NULL), GT_OK);
        GT_ASSERT_EQ_INT(gt_export_event(&x, &e), GT_OK);
        GT_ASSERT_EQ_INT(gt_export_events_finish(&x), GT_OK);
        GT_ASSERT(strstr(gt_buf_str(&b), "<script>") == NULL);
        GT_ASSERT(strstr(gt_buf_str(&b), ",=HYPERLINK") == NULL);
    }
    GT_ASSERT(strstr(gt_buf_str(&b), "<coordinates>151.200000,-33.900000</coordinates>") != NULL);
    GT_ASSERT_EQ_INT(gt_export_events_init(&x, GT_EXPORT_GPX, to_buf, &b, NULL, NULL),
                     GT_ERR_INVAL);
    gt_buf_release(&x.buf);
    gt_buf_release(&b);
    gt_event_release(&e);
}

static void test_export_escaping(void)
{
    struct gt_fleet fleet;
    struct gt_ident_obs io;
    struct gt_obs o = make_obs(273456000, 1551561307000, 59.5, 10.25, 1);
    struct gt_buf b;
    enum gt_export_format f;

    gt_fleet_init(&fleet, 100);
    GT_ASSERT_EQ_INT(gt_fleet_add_obs(&fleet, &o), GT_OK);
    o.t_ms += 60000;
    GT_ASSERT_EQ_INT(gt_fleet_add_obs(&fleet, &o), GT_OK);
    memset(&io, 0, sizeof io);
    io.id = o.id;
    io.field = GT_FIELD_NAME;
    snprintf(io.value, sizeof io.value, "%s", "=HYPERLINK(\"x\")<b>");
    GT_ASSERT_EQ_INT(gt_fleet_add_fact(&fleet, &io), GT_OK);
    gt_fleet_sort(&fleet);
    gt_buf_init(&b, 1 << 20);
    GT_ASSERT_EQ_INT(gt_export_format_parse("csv", &f), GT_OK);
    GT_ASSERT_EQ_INT(gt_export_fleet(&fleet, f, 0, GT_EXPORT_FACTS, to_buf, &b), GT_OK);
    GT_ASSERT(strstr(gt_buf_str(&b), ",\"'=HYPERLINK(\"\"x\"\")<b>\",") != NULL);
    gt_buf_reset(&b);
    GT_ASSERT_EQ_INT(gt_export_fleet(&fleet, GT_EXPORT_KML, 0, 0, to_buf, &b), GT_OK);
    GT_ASSERT(strstr(gt_buf_str(&b), "&lt;b&gt;") != NULL);
    GT_ASSERT(strstr(gt_buf_str(&b), "<b>") == NULL);
    GT_ASSERT(strstr(gt_buf_str(&b), "<gx:coord>10.250000 59.500000 0.0</gx:coord>") != NULL);
    gt_buf_reset(&b);
    GT_ASSERT_EQ_INT(gt_export_fleet(&fleet, GT_EXPORT_GEOJSON, 0, 0, to_buf, &b), GT_OK);
    GT_ASSERT(strstr(gt_buf_str(&b), "\\u003cb\\u003e") != NULL);
    GT_ASSERT(strstr(gt_buf_str(&b), "[10.250000,59.500000]") != NULL);
    GT_ASSERT(strstr(gt_buf_str(&b), "\"LineString\"") != NULL);
    GT_ASSERT(strstr(gt_buf_str(&b), "\"Point\"") != NULL);
    /* one geometry type per collection, as a Shapefile needs */
    gt_buf_reset(&b);
    GT_ASSERT_EQ_INT(gt_export_fleet(&fleet, GT_EXPORT_GEOJSON, 0, GT_EXPORT_NO_LINES, to_buf, &b),
                     GT_OK);
    GT_ASSERT(strstr(gt_buf_str(&b), "\"LineString\"") == NULL);
    GT_ASSERT(strstr(gt_buf_str(&b), "\"Point\"") != NULL);
    gt_buf_reset(&b);
    GT_ASSERT_EQ_INT(gt_export_fleet(&fleet, GT_EXPORT_GEOJSON, 0, GT_EXPORT_NO_POINTS, to_buf, &b),
                     GT_OK);
    GT_ASSERT(strstr(gt_buf_str(&b), "\"LineString\"") != NULL);
    GT_ASSERT(strstr(gt_buf_str(&b), "\"Point\"") == NULL);
    GT_ASSERT(strstr(gt_buf_str(&b), "]}\n") != NULL);
    /* NDJSON: positions only, the facts first when asked for */
    gt_buf_reset(&b);
    GT_ASSERT_EQ_INT(gt_export_fleet(&fleet, GT_EXPORT_NDJSON, 0, 0, to_buf, &b), GT_OK);
    GT_ASSERT(strstr(gt_buf_str(&b), "\"field\"") == NULL);
    GT_ASSERT(strstr(gt_buf_str(&b), "\"lat\"") != NULL);
    gt_buf_reset(&b);
    GT_ASSERT_EQ_INT(gt_export_fleet(&fleet, GT_EXPORT_NDJSON, 0, GT_EXPORT_FACTS, to_buf, &b),
                     GT_OK);
    GT_ASSERT(strstr(gt_buf_str(&b), "{\"field\":\"name\"") == gt_buf_str(&b));
    GT_ASSERT_EQ_INT(gt_export_format_parse("shp", &f), GT_ERR_INVAL);
    gt_buf_release(&b);
    gt_fleet_release(&fleet);
}

/* Facts are summed in memory between flushes; the stored row must be what
 * one upsert per record gives: ties on the first time keep the earlier
 * record, ties on the last time take the later one, records without a
 * time move neither, and more distinct facts than the memory holds still
 * all arrive. */
static void test_facts_summed_like_upserts(void)
{
    struct gt_store *st = mem_store();
    struct gt_ident_obs io;
    struct gt_store_filter f;
    struct gt_fleet fleet;
    size_t i;

    memset(&io, 0, sizeof io);
    io.id.kind = GT_ID_MMSI;
    io.id.value = 273456000;
    io.field = GT_FIELD_CALLSIGN;
    snprintf(io.value, sizeof io.value, "%s", "UBCD7");
    GT_ASSERT_EQ_INT(gt_store_begin(st), GT_OK);
    io.t_ms = GT_TIME_NONE; /* no time: counted, moves nothing later */
    io.prov.input_id = 1;
    io.prov.pos = 5;
    GT_ASSERT_EQ_INT(gt_store_put_fact(st, &io), GT_OK);
    io.t_ms = 3000;
    io.prov.pos = 10;
    GT_ASSERT_EQ_INT(gt_store_put_fact(st, &io), GT_OK);
    io.prov.pos = 20; /* same first time: the earlier record stays first */
    GT_ASSERT_EQ_INT(gt_store_put_fact(st, &io), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_flush(st), GT_OK); /* the rest merge into the row */
    io.t_ms = 3000;
    io.prov.pos = 30;
    GT_ASSERT_EQ_INT(gt_store_put_fact(st, &io), GT_OK);
    io.t_ms = 9000;
    io.prov.pos = 40;
    GT_ASSERT_EQ_INT(gt_store_put_fact(st, &io), GT_OK);
    io.prov.pos = 50; /* same last time: the later record becomes last */
    GT_ASSERT_EQ_INT(gt_store_put_fact(st, &io), GT_OK);
    io.t_ms = GT_TIME_NONE;
    io.prov.pos = 60;
    GT_ASSERT_EQ_INT(gt_store_put_fact(st, &io), GT_OK);
    io.t_ms = 1000;
    io.prov.pos = 70;
    io.id.value = 273456001; /* 9000 distinct facts: more than memory holds */
    for (i = 0; i < 9000; i++) {
        snprintf(io.value, sizeof io.value, "NAME %zu", i);
        GT_ASSERT_EQ_INT(gt_store_put_fact(st, &io), GT_OK);
    }
    GT_ASSERT_EQ_INT(gt_store_commit(st), GT_OK);

    gt_store_filter_init(&f);
    f.ids = &io.id;
    f.nids = 1;
    io.id.value = 273456000;
    gt_fleet_init(&fleet, 10);
    GT_ASSERT_EQ_INT(gt_store_load_fleet(st, &f, &fleet), GT_OK);
    GT_ASSERT_EQ_INT(fleet.nfacts, 2);
    GT_ASSERT_EQ_INT(fleet.facts[0].t_ms, 3000);
    GT_ASSERT_EQ_INT(fleet.facts[0].prov.pos, 10);
    GT_ASSERT_EQ_INT(fleet.facts[1].t_ms, 9000);
    GT_ASSERT_EQ_INT(fleet.facts[1].prov.pos, 50);
    gt_fleet_release(&fleet);
    io.id.value = 273456001;
    gt_fleet_init(&fleet, 10);
    GT_ASSERT_EQ_INT(gt_store_load_fleet(st, &f, &fleet), GT_OK);
    GT_ASSERT_EQ_INT(fleet.nfacts, 9000);
    gt_fleet_release(&fleet);
    gt_store_close(st);
}

/* The insert order of staged rows: sorted by (identity, time, source),
 * equal keys in arrival order, a permutation, whether the identities are
 * dense (counting sort), sparse (merge sort) or arrive out of time order. */
static void check_stage_order(struct gt__staged *rows, size_t n)
{
    uint32_t *order = malloc(n * sizeof *order), *tmp = malloc(n * sizeof *tmp);
    unsigned char *seen = calloc(n, 1);
    size_t i, k, bad = 0;

    GT_ASSERT(order != NULL && tmp != NULL && seen != NULL);
    gt__stage_order(rows, n, order, tmp);
    for (i = 0; i < n; i++) {
        GT_ASSERT(order[i] < n && !seen[order[i]]);
        seen[order[i]] = 1;
        if (i > 0) {
            const struct gt__staged *a = &rows[order[i - 1]], *b = &rows[order[i]];
            int c = 0;
            for (k = 0; k < 3 && c == 0; k++) {
                c = a->v[k] < b->v[k] ? -1 : a->v[k] > b->v[k];
            }
            bad += c > 0 || (c == 0 && order[i - 1] > order[i]);
        }
    }
    GT_ASSERT_EQ_INT(bad, 0);
    free(order);
    free(tmp);
    free(seen);
}

static void test_stage_order(void)
{
    size_t n = 20000, i;
    struct gt__staged *rows = calloc(n, sizeof *rows);
    uint32_t x = 12345;

    GT_ASSERT(rows != NULL);
    for (i = 0; i < n; i++) { /* dense ids, time-ordered: runs already sorted */
        rows[i].v[0] = 1 + (int64_t)(i % 97);
        rows[i].v[1] = 1000 + (int64_t)i / 10;
        rows[i].v[2] = (int64_t)i;
    }
    check_stage_order(rows, n);
    for (i = 0; i < n; i++) { /* dense ids, random times and duplicate keys */
        x = x * 1103515245u + 12345u;
        rows[i].v[0] = 5 + (int64_t)((x >> 8) % 50);
        rows[i].v[1] = (int64_t)((x >> 4) % 300);
        rows[i].v[2] = (int64_t)(x % 3);
    }
    check_stage_order(rows, n);
    for (i = 0; i < n; i++) { /* sparse ids, reverse time */
        x = x * 1103515245u + 12345u;
        rows[i].v[0] = (x & 1) ? 1 : 4000000000;
        rows[i].v[1] = (int64_t)(n - i);
        rows[i].v[2] = 7;
    }
    check_stage_order(rows, n);
    check_stage_order(rows, 1);
    free(rows);
}

/* Schema version 1 as it was released: a file written then must open,
 * migrate and read back the same positions (positions became the table
 * pos and a view of the old columns in version 2). */
static const char v1_schema[] =
    "CREATE TABLE sources(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE stations(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    " rx INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE inputs(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, name TEXT NOT NULL,"
    " sha256 TEXT UNIQUE, size INTEGER, format TEXT, source_id INTEGER,"
    " done_pos INTEGER NOT NULL DEFAULT 0, complete INTEGER NOT NULL DEFAULT 0,"
    " accepted INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE rejects(input_id INTEGER NOT NULL, reason TEXT NOT NULL,"
    " count INTEGER NOT NULL, PRIMARY KEY(input_id, reason)) WITHOUT ROWID;"
    "CREATE TABLE identities(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL,"
    " value INTEGER NOT NULL, flags INTEGER NOT NULL DEFAULT 0, UNIQUE(kind, value, flags));"
    "CREATE TABLE positions(ident_id INTEGER NOT NULL, t_ms INTEGER NOT NULL,"
    " input_id INTEGER NOT NULL, pos INTEGER NOT NULL, lat INTEGER NOT NULL,"
    " lon INTEGER NOT NULL, misc INTEGER NOT NULL, alt INTEGER, spd INTEGER, crs INTEGER,"
    " hdg INTEGER, ext INTEGER,"
    " PRIMARY KEY(ident_id, t_ms, input_id, pos)) WITHOUT ROWID;"
    "CREATE TABLE facts(ident_id INTEGER NOT NULL, field INTEGER NOT NULL,"
    " value TEXT NOT NULL, first_ms INTEGER, last_ms INTEGER, count INTEGER NOT NULL,"
    " first_input INTEGER, first_pos INTEGER, last_input INTEGER, last_pos INTEGER,"
    " station_id INTEGER, PRIMARY KEY(ident_id, field, value)) WITHOUT ROWID;"
    "CREATE INDEX facts_value ON facts(field, value COLLATE NOCASE);"
    "CREATE TABLE aircraft(icao INTEGER PRIMARY KEY, registration TEXT, typecode TEXT,"
    " operator TEXT, flags INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX aircraft_reg ON aircraft(registration COLLATE NOCASE);"
    "CREATE TABLE events(id TEXT PRIMARY KEY, type INTEGER NOT NULL, subject TEXT NOT NULL,"
    " peer TEXT, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, lat REAL, lon REAL,"
    " score REAL NOT NULL, detail TEXT NOT NULL);"
    "CREATE INDEX events_start ON events(start_ms);"
    "CREATE TABLE evidence(event_id TEXT NOT NULL, seq INTEGER NOT NULL, kind INTEGER NOT NULL,"
    " input_id INTEGER NOT NULL, pos INTEGER NOT NULL, station_id INTEGER, t_ms INTEGER,"
    " role TEXT, PRIMARY KEY(event_id, seq)) WITHOUT ROWID;"
    "CREATE TABLE refs(kind TEXT PRIMARY KEY, name TEXT, data BLOB NOT NULL);"
    "INSERT INTO identities VALUES(1, 1, 273456000, 0), (2, 2, 1382821, 0);"
    "INSERT INTO inputs(id, kind, name, sha256, complete) VALUES(7, 1, 'old.nmea', 'ab', 1);"
    /* misc: navigational status 5, known (bit 11), station 3 */
    "INSERT INTO positions VALUES(1, 1000, 7, 42, 591234567, -107654321, 2058 + 3 * 16384,"
    " NULL, 123, 2714, NULL, NULL);"
    "INSERT INTO positions VALUES(2, 2000, 7, 1099511627775, 0, 1800000000, 0, 35000, NULL,"
    " NULL, 3599, 5);"
    "PRAGMA user_version = 1;";

static void test_migrate_v1(void)
{
    char path[] = "/tmp/gt_test_v1_XXXXXX.db", side[64];
    struct gt_store *st = NULL;
    struct gt_store_filter f;
    struct gt_fleet fleet;
    struct gt_ident vessel = {GT_ID_MMSI, 273456000, 0}, plane = {GT_ID_ICAO, 1382821, 0};
    const struct gt_track *t;
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    int fd = mkstemps(path, 3);

    GT_ASSERT(fd >= 0);
    close(fd);
    GT_ASSERT_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
    GT_ASSERT_EQ_INT(sqlite3_exec(db, v1_schema, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);

    GT_ASSERT_EQ_INT(gt_store_open(path, 0, &st), GT_OK);
    gt_store_filter_init(&f);
    gt_fleet_init(&fleet, 100);
    GT_ASSERT_EQ_INT(gt_store_load_fleet(st, &f, &fleet), GT_OK);
    t = gt_fleet_find(&fleet, vessel);
    GT_ASSERT(t != NULL && t->n == 1);
    GT_ASSERT_DBL_NEAR(t->pts[0].lat_deg, 59.1234567, 1e-9);
    GT_ASSERT_DBL_NEAR(t->pts[0].lon_deg, -10.7654321, 1e-9);
    GT_ASSERT_DBL_NEAR(t->pts[0].speed_kn, 12.3, 1e-4);
    GT_ASSERT_DBL_NEAR(t->pts[0].course_deg, 271.4, 1e-4);
    GT_ASSERT_EQ_INT(t->pts[0].flags & (GT_OBS_SPEED | GT_OBS_COURSE | GT_OBS_HEADING | GT_OBS_ALT),
                     GT_OBS_SPEED | GT_OBS_COURSE);
    GT_ASSERT_EQ_INT(t->pts[0].nav_status, 5);
    GT_ASSERT_EQ_INT(t->pts[0].station_id, 3);
    GT_ASSERT_EQ_INT(t->pts[0].prov.input_id, 7);
    GT_ASSERT_EQ_INT(t->pts[0].prov.pos, 42);
    t = gt_fleet_find(&fleet, plane);
    GT_ASSERT(t != NULL && t->n == 1);
    GT_ASSERT_EQ_INT(t->pts[0].flags & (GT_OBS_SPEED | GT_OBS_COURSE | GT_OBS_HEADING | GT_OBS_ALT),
                     GT_OBS_HEADING | GT_OBS_ALT);
    GT_ASSERT_DBL_NEAR(t->pts[0].heading_deg, 359.9, 1e-4);
    GT_ASSERT_EQ_INT(t->pts[0].alt_ft, 35000);
    GT_ASSERT_DBL_NEAR(t->pts[0].lon_deg, 180.0, 1e-9);
    GT_ASSERT_EQ_INT(t->pts[0].prov.pos, 1099511627775);
    gt_fleet_release(&fleet);
    gt_store_close(st);

    /* the view gives the version 1 columns back, value for value */
    GT_ASSERT_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
    GT_ASSERT_EQ_INT(sqlite3_prepare_v2(db,
                                        "SELECT group_concat(ident_id || ',' || t_ms || ',' ||"
                                        " input_id || ',' || pos || ',' || lat || ',' || lon || ','"
                                        " || misc || ',' || coalesce(alt, '-') || ',' ||"
                                        " coalesce(spd, '-') || ',' || coalesce(crs, '-') || ','"
                                        " || coalesce(hdg, '-') || ',' || coalesce(ext, '-'), ';')"
                                        " FROM positions",
                                        -1, &q, NULL),
                     SQLITE_OK);
    GT_ASSERT_EQ_INT(sqlite3_step(q), SQLITE_ROW);
    GT_ASSERT_EQ_STR((const char *)sqlite3_column_text(q, 0),
                     "1,1000,7,42,591234567,-107654321,51210,-,123,2714,-,-;"
                     "2,2000,7,1099511627775,0,1800000000,0,35000,-,-,3599,5");
    sqlite3_finalize(q);
    sqlite3_close(db);
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

/* What the pipeline reported for each input, in order. */
struct outcomes {
    int n;
    enum gt_ingest_outcome what[8];
    const char *reason[8];
};

static void on_outcome(void *ud, const struct gt_ingest_report *r)
{
    struct outcomes *oc = ud;

    if (oc->n < 8) {
        oc->what[oc->n] = r->outcome;
        oc->reason[oc->n] = r->reason;
        oc->n++;
    }
}

static int ingest_once(struct gt_store *st, const char *path, const char *format, int force,
                       int64_t start_ms, struct outcomes *oc)
{
    struct gt_ingest_opts o;
    struct gt_ingest *in = NULL;
    int rc;

    memset(&o, 0, sizeof o);
    o.format = format;
    o.force = force;
    o.start_ms = start_ms;
    o.on_input = on_outcome;
    o.on_input_ud = oc;
    rc = gt_ingest_new(st, &o, &in);
    if (rc == GT_OK) {
        rc = gt_ingest_path(in, path);
    }
    gt_ingest_free(in);
    return rc;
}

/* An input that stored nothing (the wrong format) is not complete: read
 * again with the right one it is stored in full; complete, it is skipped;
 * with force it is replaced in place, not duplicated. */
static void test_ingest_failed_not_complete(void)
{
    char dir[] = "/tmp/gt_test_failed_XXXXXX", a[128];
    struct gt_store *st = mem_store();
    struct outcomes oc;
    uint64_t n = 0;
    const char *text = "{\"id\":\"mmsi:1\",\"lat\":1,\"lon\":2,\"t\":\"2019-01-01T00:00:00Z\"}\n"
                       "{\"id\":\"mmsi:1\",\"lat\":1,\"lon\":2.1,\"t\":\"2019-01-01T00:01:00Z\"}\n";

    GT_ASSERT(mkdtemp(dir) != NULL);
    snprintf(a, sizeof a, "%s/a.ndjson", dir);
    write_file(a, text);
    memset(&oc, 0, sizeof oc);
    GT_ASSERT_EQ_INT(ingest_once(st, a, "nmea", 0, 0, &oc), GT_OK);
    GT_ASSERT_EQ_INT(ingest_once(st, a, "nmea", 0, 0, &oc), GT_OK);
    GT_ASSERT_EQ_INT(ingest_once(st, a, NULL, 0, 0, &oc), GT_OK);
    GT_ASSERT_EQ_INT(ingest_once(st, a, NULL, 0, 0, &oc), GT_OK);
    GT_ASSERT_EQ_INT(oc.n, 4);
    GT_ASSERT_EQ_INT(oc.what[0], GT_INGEST_FAILED);
    GT_ASSERT_EQ_INT(oc.what[1], GT_INGEST_FAILED); /* tried again, not "known" */
    GT_ASSERT_EQ_INT(oc.what[2], GT_INGEST_STORED);
    GT_ASSERT_EQ_INT(oc.what[3], GT_INGEST_KNOWN);
    GT_ASSERT_EQ_INT(gt_store_count_positions(st, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 2);
    GT_ASSERT_EQ_INT(ingest_once(st, a, NULL, 1, 0, &oc), GT_OK);
    GT_ASSERT_EQ_INT(oc.what[4], GT_INGEST_STORED);
    GT_ASSERT_EQ_INT(gt_store_count_positions(st, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 2);
    /* a forced re-read that stores nothing keeps what was stored */
    GT_ASSERT_EQ_INT(ingest_once(st, a, "nmea", 1, 0, &oc), GT_OK);
    GT_ASSERT_EQ_INT(oc.what[5], GT_INGEST_FAILED);
    GT_ASSERT_EQ_INT(gt_store_count_positions(st, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 2);
    GT_ASSERT_EQ_INT(ingest_once(st, a, NULL, 0, 0, &oc), GT_OK);
    GT_ASSERT_EQ_INT(oc.what[6], GT_INGEST_KNOWN);
    unlink(a);
    rmdir(dir);
    gt_store_close(st);
}

/* A Beast capture with 12 MHz counters only: 30 frames one second apart
 * carrying the identification KLM1023 (DF17 8D4840D6202CC371C32CE0576098,
 * "The 1090MHz Riddle" example), so one callsign fact at the first frame. */
static void write_beast(const char *path)
{
    static const uint8_t msg[14] = {0x8D, 0x48, 0x40, 0xD6, 0x20, 0x2C, 0xC3,
                                    0x71, 0xC3, 0x2C, 0xE0, 0x57, 0x60, 0x98};
    FILE *f = fopen(path, "wb");
    int i, k;

    GT_ASSERT(f != NULL);
    for (i = 0; i < 30; i++) {
        uint64_t ts = (uint64_t)(100 + i) * 12000000u; /* 100 s after power-on, + i s */
        fputc(0x1a, f);
        fputc('3', f);
        for (k = 5; k >= 0; k--) {
            int b = (int)((ts >> (8 * k)) & 0xff);
            fputc(b, f);
            if (b == 0x1a) {
                fputc(b, f);
            }
        }
        fputc(0x80, f);
        fwrite(msg, 1, sizeof msg, f);
    }
    fclose(f);
}

static int64_t first_fact_ms(struct gt_store *st)
{
    struct gt_store_filter f;
    struct gt_fleet fl;
    int64_t t = GT_TIME_NONE;

    gt_store_filter_init(&f);
    gt_fleet_init(&fl, 16);
    GT_ASSERT_EQ_INT(gt_store_load_fleet(st, &f, &fl), GT_OK);
    if (fl.nfacts > 0) {
        t = fl.facts[0].t_ms;
    }
    gt_fleet_release(&fl);
    return t;
}

/* Receiver clocks are anchored to the file name's utc--EPOCH or to
 * start_ms, and refused without either. */
static void test_ingest_beast_anchor(void)
{
    char dir[] = "/tmp/gt_test_anchor_XXXXXX", a[128], b[160];
    struct gt_store *st = mem_store(), *st2 = mem_store();
    struct outcomes oc;

    GT_ASSERT(mkdtemp(dir) != NULL);
    snprintf(a, sizeof a, "%s/capture.beast", dir);
    snprintf(b, sizeof b, "%s/ulss7-beast-bin-utc--1522782148.136310917--.log", dir);
    write_beast(a);
    write_beast(b);
    memset(&oc, 0, sizeof oc);
    GT_ASSERT_EQ_INT(ingest_once(st, a, NULL, 0, 0, &oc), GT_OK);
    GT_ASSERT_EQ_INT(oc.what[0], GT_INGEST_FAILED);
    GT_ASSERT(oc.reason[0] != NULL && strcmp(oc.reason[0], "no-clock-anchor") == 0);
    GT_ASSERT_EQ_INT(first_fact_ms(st), GT_TIME_NONE);
    GT_ASSERT_EQ_INT(ingest_once(st, b, NULL, 0, 0, &oc), GT_OK); /* same bytes, named */
    GT_ASSERT_EQ_INT(oc.what[1], GT_INGEST_STORED);
    GT_ASSERT_EQ_INT(first_fact_ms(st), INT64_C(1522782148136));
    GT_ASSERT_EQ_INT(ingest_once(st2, a, NULL, 0, INT64_C(1600000000000), &oc), GT_OK);
    GT_ASSERT_EQ_INT(oc.what[2], GT_INGEST_STORED);
    GT_ASSERT_EQ_INT(first_fact_ms(st2), INT64_C(1600000000000));
    unlink(a);
    unlink(b);
    rmdir(dir);
    gt_store_close(st);
    gt_store_close(st2);
}

/* ---- evidence verified against the input's size and SHA-256 (#15) ---- */

static const char *ev_lines[3] = {
    "{\"id\":\"mmsi:1\",\"lat\":1,\"lon\":2.1,\"t\":\"2019-01-01T00:00:00Z\"}",
    "{\"id\":\"mmsi:1\",\"lat\":1,\"lon\":2.2,\"t\":\"2019-01-01T00:01:00Z\"}",
    "{\"id\":\"mmsi:1\",\"lat\":1,\"lon\":2.3,\"t\":\"2019-01-01T00:02:00Z\"}",
};

static void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");

    GT_ASSERT(fp != NULL);
    fputs(text, fp);
    fclose(fp);
}

static void ev_input(const char *path, int variant)
{
    char text[512];

    snprintf(text, sizeof text, "%s\n%s\n%s\n", ev_lines[0], ev_lines[1], ev_lines[2]);
    if (variant == 1) {
        text[strlen(text) - 12] = '7'; /* same size, one byte of line 3 differs */
    } else if (variant == 2) {
        strcat(text, "\n"); /* one byte longer */
    }
    write_text(path, text);
}

static void store_unlink(const char *db)
{
    char side[300];

    unlink(db);
    snprintf(side, sizeof side, "%s-wal", db);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", db);
    unlink(side);
}

/* Expect evidence_text(prov) to return want and, when text is not NULL,
 * exactly that text; on an error nothing at all. */
static void ev_expect(const char *db, const struct gt_prov *prov, int want, const char *text)
{
    struct gt_store *st = NULL;
    struct gt_buf b;

    GT_ASSERT_EQ_INT(gt_store_open(db, GT_STORE_READONLY, &st), GT_OK);
    gt_buf_init(&b, 4096);
    GT_ASSERT_EQ_INT(gt_store_evidence_text(st, prov, &b), want);
    GT_ASSERT_EQ_STR(gt_buf_str(&b), text != NULL ? text : "");
    gt_buf_reset(&b);
    /* the verdict is cached: the same answer a second time */
    GT_ASSERT_EQ_INT(gt_store_evidence_text(st, prov, &b), want);
    gt_buf_release(&b);
    gt_store_close(st);
}

static void test_evidence_verified(void)
{
    char dir[] = "/tmp/gt_test_ever_XXXXXX", a[128], b[128], db[160], in[160], db2[160], in2[160];
    struct gt_store *st = NULL;
    struct gt_ingest_opts o;
    struct gt_ingest *ing = NULL;
    struct gt_store_filter f;
    struct gt_fleet fleet;
    struct gt_prov pv[3];
    struct gt_event e;
    int i;

    GT_ASSERT(mkdtemp(dir) != NULL);
    snprintf(a, sizeof a, "%s/a", dir);
    snprintf(b, sizeof b, "%s/b", dir);
    GT_ASSERT_EQ_INT(mkdir(a, 0700), 0);
    snprintf(db, sizeof db, "%s/x.db", a);
    snprintf(in, sizeof in, "%s/in.ndjson", a);
    snprintf(db2, sizeof db2, "%s/x.db", b);
    snprintf(in2, sizeof in2, "%s/in.ndjson", b);
    ev_input(in, 0);

    GT_ASSERT_EQ_INT(gt_store_open(db, GT_STORE_CREATE, &st), GT_OK);
    memset(&o, 0, sizeof o);
    GT_ASSERT_EQ_INT(gt_ingest_new(st, &o, &ing), GT_OK);
    GT_ASSERT_EQ_INT(gt_ingest_path(ing, in), GT_OK);
    gt_ingest_free(ing);
    gt_store_filter_init(&f);
    gt_fleet_init(&fleet, 10);
    GT_ASSERT_EQ_INT(gt_store_load_fleet(st, &f, &fleet), GT_OK);
    GT_ASSERT_EQ_INT(fleet.n, 1);
    GT_ASSERT_EQ_INT(fleet.tracks[0].n, 3);
    for (i = 0; i < 3; i++) {
        pv[i] = fleet.tracks[0].pts[i].prov;
    }
    gt_fleet_release(&fleet);
    GT_ASSERT_EQ_INT(gt_store_input_verify(st, pv[0].input_id), GT_OK);
    /* an event citing lines 1 and 2 keeps a copy of them; line 3 is not cited */
    gt_event_init(&e, GT_EVENT_GAP);
    e.subject.kind = GT_ID_MMSI;
    e.subject.value = 1;
    e.start_ms = 0;
    e.end_ms = 60000;
    GT_ASSERT_EQ_INT(gt_event_add_evidence(&e, &pv[0], 0, 0, "off"), GT_OK);
    GT_ASSERT_EQ_INT(gt_event_add_evidence(&e, &pv[1], 0, 60000, "on"), GT_OK);
    gt_event_seal(&e);
    GT_ASSERT_EQ_INT(gt_store_begin(st), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_put_event(st, &e), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_commit(st), GT_OK);
    gt_event_release(&e);
    gt_store_close(st);

    ev_expect(db, &pv[0], GT_OK, ev_lines[0]);
    ev_expect(db, &pv[2], GT_OK, ev_lines[2]);

    /* same size, different bytes: line 3 (no copy) is unavailable, never
     * the new bytes; line 1 comes from the store's copy, flagged */
    ev_input(in, 1);
    ev_expect(db, &pv[2], GT_ERR_CHECKSUM, NULL);
    ev_expect(db, &pv[0], GT_STORE_EVIDENCE_STORED, ev_lines[0]);
    GT_ASSERT_EQ_INT(gt_store_open(db, GT_STORE_READONLY, &st), GT_OK);
    GT_ASSERT_EQ_INT(gt_store_input_verify(st, pv[0].input_id), GT_ERR_CHECKSUM);
    gt_store_close(st);

    /* a different size */
    ev_input(in, 2);
    ev_expect(db, &pv[2], GT_ERR_CHECKSUM, NULL);
    ev_expect(db, &pv[1], GT_STORE_EVIDENCE_STORED, ev_lines[1]);

    /* the original back, store and input moved together to another folder
     * (the stored name is absolute and now points nowhere) */
    ev_input(in, 0);
    GT_ASSERT_EQ_INT(rename(a, b), 0);
    ev_expect(db2, &pv[2], GT_OK, ev_lines[2]);
    ev_expect(db2, &pv[0], GT_OK, ev_lines[0]);

    /* the input deleted: the copy survives, the rest is unavailable */
    GT_ASSERT_EQ_INT(unlink(in2), 0);
    ev_expect(db2, &pv[0], GT_STORE_EVIDENCE_STORED, ev_lines[0]);
    ev_expect(db2, &pv[2], GT_ERR_NOTFOUND, NULL);

    /* a stranger's file at the stored name is never quoted */
    write_text(in2, "{\"id\":\"mmsi:1\",\"lat\":1,\"lon\":2.1,\"t\":\"forged\"}\n");
    ev_expect(db2, &pv[2], GT_ERR_CHECKSUM, NULL);
    ev_expect(db2, &pv[0], GT_STORE_EVIDENCE_STORED, ev_lines[0]);

    unlink(in2);
    store_unlink(db2);
    rmdir(b);
    rmdir(dir);
}

/* A gzip input: records read back through the one zlib handle kept per
 * input, in any order (backward seeks too), and checked against the
 * compressed file's own size and hash. */
static void test_evidence_gzip(void)
{
    char dir[] = "/tmp/gt_test_evgz_XXXXXX", db[128], in[128], text[512];
    struct gt_store *st = NULL;
    struct gt_ingest_opts o;
    struct gt_ingest *ing = NULL;
    struct gt_store_filter f;
    struct gt_fleet fleet;
    struct gt_buf b;
    gzFile gz;
    int i, k;

    GT_ASSERT(mkdtemp(dir) != NULL);
    snprintf(db, sizeof db, "%s/x.db", dir);
    snprintf(in, sizeof in, "%s/in.ndjson.gz", dir);
    snprintf(text, sizeof text, "%s\n%s\n%s\n", ev_lines[0], ev_lines[1], ev_lines[2]);
    gz = gzopen(in, "wb");
    GT_ASSERT(gz != NULL);
    GT_ASSERT_EQ_INT(gzwrite(gz, text, (unsigned)strlen(text)), (int)strlen(text));
    GT_ASSERT_EQ_INT(gzclose(gz), Z_OK);

    GT_ASSERT_EQ_INT(gt_store_open(db, GT_STORE_CREATE, &st), GT_OK);
    memset(&o, 0, sizeof o);
    GT_ASSERT_EQ_INT(gt_ingest_new(st, &o, &ing), GT_OK);
    GT_ASSERT_EQ_INT(gt_ingest_path(ing, in), GT_OK);
    gt_ingest_free(ing);
    gt_store_filter_init(&f);
    gt_fleet_init(&fleet, 10);
    GT_ASSERT_EQ_INT(gt_store_load_fleet(st, &f, &fleet), GT_OK);
    GT_ASSERT_EQ_INT(fleet.n, 1);
    GT_ASSERT_EQ_INT(fleet.tracks[0].n, 3);
    gt_buf_init(&b, 4096);
    for (k = 0; k < 6; k++) {
        i = (int[]){2, 0, 1, 1, 2, 0}[k];
        gt_buf_reset(&b);
        GT_ASSERT_EQ_INT(gt_store_evidence_text(st, &fleet.tracks[0].pts[i].prov, &b), GT_OK);
        GT_ASSERT_EQ_STR(gt_buf_str(&b), ev_lines[i]);
    }
    gt_buf_release(&b);
    gt_fleet_release(&fleet);
    gt_store_close(st);
    unlink(in);
    store_unlink(db);
    rmdir(dir);
}

/* Version 2 -> 3 adds the table evidence_raw and nothing else: a version 2
 * file (today's schema without it) opens, migrates and keeps evidence. */
static void test_migrate_v2(void)
{
    char path[] = "/tmp/gt_test_v2_XXXXXX.db";
    struct gt_store *st = NULL;
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    int fd = mkstemps(path, 3);

    GT_ASSERT(fd >= 0);
    close(fd);
    GT_ASSERT_EQ_INT(gt_store_open(path, GT_STORE_CREATE, &st), GT_OK);
    gt_store_close(st);
    GT_ASSERT_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
    GT_ASSERT_EQ_INT(sqlite3_exec(db,
                                  "DROP TABLE evidence_raw; PRAGMA user_version = 2;"
                                  "INSERT INTO events VALUES('e1', 1, 'mmsi:1', NULL, 0, 1,"
                                  " NULL, NULL, 0.5, '{}');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    /* read-only does not migrate, and reads a version 2 file as it is:
     * no copies, so evidence comes from the input or not at all */
    GT_ASSERT_EQ_INT(gt_store_open(path, GT_STORE_READONLY, &st), GT_OK);
    {
        struct gt_prov p = {GT_PROV_FILE, 1, 0};
        struct gt_buf b;
        gt_buf_init(&b, 64);
        GT_ASSERT_EQ_INT(gt_store_evidence_text(st, &p, &b), GT_ERR_NOTFOUND);
        GT_ASSERT_EQ_INT(gt_store_evidence_status(st, &p), GT_ERR_NOTFOUND);
        gt_buf_release(&b);
    }
    gt_store_close(st);
    GT_ASSERT_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
    GT_ASSERT_EQ_INT(sqlite3_exec(db, "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    /* an older one still needs a writable open */
    GT_ASSERT_EQ_INT(gt_store_open(path, GT_STORE_READONLY, &st), GT_ERR_DB);
    gt_store_close(st);
    GT_ASSERT_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
    GT_ASSERT_EQ_INT(sqlite3_exec(db, "PRAGMA user_version = 2", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    GT_ASSERT_EQ_INT(gt_store_open(path, 0, &st), GT_OK);
    gt_store_close(st);
    GT_ASSERT_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
    GT_ASSERT_EQ_INT(sqlite3_prepare_v2(db,
                                        "SELECT (SELECT user_version FROM pragma_user_version),"
                                        " (SELECT count(*) FROM sqlite_master WHERE name ="
                                        " 'evidence_raw'), (SELECT count(*) FROM events),"
                                        " (SELECT count(*) FROM sqlite_master WHERE type = 'view'"
                                        " AND name IN ('identity_text', 'event_types',"
                                        " 'fact_fields'))",
                                        -1, &q, NULL),
                     SQLITE_OK);
    GT_ASSERT_EQ_INT(sqlite3_step(q), SQLITE_ROW);
    /* every later step applied (3 -> 4 the watch tables, 4 -> 5 the
     * lookup views, 5 -> 6 pos_rx) */
    GT_ASSERT_EQ_INT(sqlite3_column_int(q, 0), 6);
    GT_ASSERT_EQ_INT(sqlite3_column_int(q, 1), 1);
    GT_ASSERT_EQ_INT(sqlite3_column_int(q, 2), 1);
    GT_ASSERT_EQ_INT(sqlite3_column_int(q, 3), 3);
    sqlite3_finalize(q);
    sqlite3_close(db);
    store_unlink(path);
}

GT_TEST_MAIN({"sha256_vectors", test_sha256_vectors}, {"numeric_squawk", test_numeric_squawk},
             {"receivers", test_receivers}, {"positions_roundtrip", test_positions_roundtrip},
             {"inputs_dedupe_and_progress", test_inputs_dedupe_and_progress},
             {"close_commits_staged", test_close_commits_staged},
             {"facts_and_resolve", test_facts_and_resolve}, {"migrate_v1", test_migrate_v1},
             {"stage_order", test_stage_order},
             {"facts_summed_like_upserts", test_facts_summed_like_upserts},
             {"events_roundtrip", test_events_roundtrip}, {"ref_blobs", test_ref_blobs},
             {"opensky_units", test_opensky_units}, {"fr24_csv", test_fr24_csv},
             {"fr24_json_airports", test_fr24_json_airports}, {"trace_offsets", test_trace_offsets},
             {"ndjson_line", test_ndjson_line}, {"traffic_json", test_traffic_json},
             {"traffic_json_last_position", test_traffic_json_last_position},
             {"ingest_dedupe", test_ingest_dedupe}, {"ingest_ais_no_time", test_ingest_ais_no_time},
             {"ingest_failed_not_complete", test_ingest_failed_not_complete},
             {"ingest_beast_anchor", test_ingest_beast_anchor},
             {"evidence_text", test_evidence_text}, {"evidence_verified", test_evidence_verified},
             {"evidence_gzip", test_evidence_gzip}, {"migrate_v2", test_migrate_v2},
             {"stream_reset", test_stream_reset}, {"export_escaping", test_export_escaping},
             {"export_events", test_export_events})
