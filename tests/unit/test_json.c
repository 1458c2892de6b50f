/*
 * test_json.c - the streaming JSON scanner (util/jsonscan.c) and the JSON
 * archive formats on top of it (decode/archive/json.c): element offsets in
 * any chunking, per-element rejects (depth, size, syntax), truncated
 * documents, an envelope after its array, pandas records and columns,
 * AISHub (format 0 and 1) and aisstream.io messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/archive.h"
#include "ghosttrack/buf.h"
#include "ghosttrack/json.h"
#include "ghosttrack/mem.h"
#include "test.h"

/* ---- memory the cases own ----
 *
 * Under `make torture` an allocation fails and an assertion ends its case
 * early; what the case allocated is released here, at the next case and at
 * exit, so only a leak of the library shows. */

static void *owned[8];
static size_t nowned;

static void release_owned(void)
{
    while (nowned > 0) {
        gt_free(owned[--nowned]);
    }
}

static void *own(void *p)
{
    static int registered;

    if (!registered) {
        registered = atexit(release_owned) == 0;
    }
    if (nowned < sizeof owned / sizeof owned[0]) {
        owned[nowned++] = p;
    }
    return p;
}

/* ---- a sink that counts everything ---- */

#define KEEP 64

struct tally {
    size_t nobs, nfacts, nrej;
    struct gt_obs obs[KEEP];
    struct gt_ident_obs facts[KEEP];
    const char *reasons[KEEP];
    uint64_t reject_pos[KEEP];
    uint64_t last_pos; /* emissions never go backwards */
    int backwards;
};

static void seen_pos(struct tally *t, uint64_t pos)
{
    if (pos < t->last_pos) {
        t->backwards = 1;
    }
    t->last_pos = pos;
}

static int t_obs(void *ud, const struct gt_obs *o)
{
    struct tally *t = ud;
    seen_pos(t, o->prov.pos);
    if (t->nobs < KEEP) {
        t->obs[t->nobs] = *o;
    }
    t->nobs++;
    return GT_OK;
}

static int t_fact(void *ud, const struct gt_ident_obs *io)
{
    struct tally *t = ud;
    seen_pos(t, io->prov.pos);
    if (t->nfacts < KEEP) {
        t->facts[t->nfacts] = *io;
    }
    t->nfacts++;
    return GT_OK;
}

static void t_reject(void *ud, const char *reason, uint64_t pos)
{
    struct tally *t = ud;
    if (t->nrej < KEEP) {
        t->reasons[t->nrej] = reason;
        t->reject_pos[t->nrej] = pos;
    }
    t->nrej++;
}

static struct gt_sink tally_sink(struct tally *t)
{
    struct gt_sink s = {t_obs, t_fact, t_reject, t, NULL};
    memset(t, 0, sizeof *t);
    return s;
}

/* Feed doc to a streaming parser of kind in chunks of `chunk` bytes. */
static int stream(enum gt_archive_json_kind kind, const char *doc, size_t n, size_t chunk,
                  const struct gt_sink *sink)
{
    struct gt_archive_json *j;
    size_t off = 0;
    int rc = gt_archive_json_new(kind, &j);

    if (rc < 0) {
        return rc;
    }
    while (rc == GT_OK && off < n) {
        size_t take = n - off < chunk ? n - off : chunk;
        rc = gt_archive_json_feed(j, (const uint8_t *)doc + off, take, off, sink);
        off += take;
    }
    if (rc == GT_OK) {
        rc = gt_archive_json_finish(j, sink);
    }
    gt_archive_json_free(j);
    return rc;
}

/* An aircraft.json of n aircraft (hex 100000 + i); *offs (optional) gets
 * the offset of each aircraft object.  Caller frees the result. */
static char *aircraft_doc(size_t n, size_t *len, uint64_t *offs)
{
    struct gt_buf b;
    size_t i;

    gt_buf_init(&b, 64u << 20);
    gt_buf_addstr(&b, "{ \"now\" : 1700000000.0,\n  \"messages\": 5, \"aircraft\" : [\n");
    for (i = 0; i < n; i++) {
        if (offs != NULL) {
            offs[i] = gt_buf_len(&b);
        }
        gt_buf_addf(&b,
                    "{\"hex\":\"%06zx\",\"flight\":\"T%zu [x]\",\"alt_baro\":%zu,\"lat\":%.4f,"
                    "\"lon\":%.4f,\"seen_pos\":1.5,\"seen\":0.5}%s\n",
                    0x100000 + i, i, 1000 + i, 40.0 + (double)i / 100.0, -74.0,
                    i + 1 < n ? "," : "");
    }
    gt_buf_addstr(&b, "]}\n");
    return own(gt_buf_take(&b, len));
}

/* ---- the scanner ---- */

struct elems {
    char text[8][64];
    uint64_t pos[8];
    size_t n;
    char head[256];
    const char *reason;
};

static int e_open(void *ud, const char *head, size_t n)
{
    struct elems *e = ud;
    snprintf(e->head, sizeof e->head, "%.*s", (int)n, head);
    return GT_OK;
}

static int e_elem(void *ud, const char *p, size_t n, uint64_t pos)
{
    struct elems *e = ud;
    if (e->n < 8) {
        snprintf(e->text[e->n], sizeof e->text[0], "%.*s", (int)n, p);
        e->pos[e->n] = pos;
    }
    e->n++;
    return GT_OK;
}

static void e_reject(void *ud, const char *reason, uint64_t pos)
{
    struct elems *e = ud;
    (void)pos;
    e->reason = reason;
}

/* Strings may hold brackets, commas and escaped quotes; the key must be a
 * member name (not a string value); elements keep their offsets whatever
 * the chunk size. */
static void test_scan_elements(void)
{
    static const char doc[] =
        "{\"note\":\"trace\",\"x\":{\"trace\":[\"a]\\\",\" , [1,{\"k\":\"]\"}],"
        "3.5 ,{\"z\":[]}\n]},\"after\":true}";
    static const struct gt_jsonscan_ops ops = {e_open, e_elem, e_reject};
    size_t chunk;

    for (chunk = 1; chunk <= sizeof doc; chunk += 3) {
        struct gt_jsonscan s;
        struct elems e;
        size_t off = 0;

        int rc = GT_OK, complete;

        memset(&e, 0, sizeof e);
        gt_jsonscan_init(&s, "trace", 0, 1024, 1024, &ops, &e);
        while (rc == GT_OK && off < sizeof doc - 1) {
            size_t take = sizeof doc - 1 - off < chunk ? sizeof doc - 1 - off : chunk;
            rc = gt_jsonscan_feed(&s, (const uint8_t *)doc + off, take, 100 + off);
            off += take;
        }
        if (rc == GT_OK) {
            rc = gt_jsonscan_finish(&s);
        }
        complete = gt_jsonscan_complete(&s);
        gt_jsonscan_release(&s);
        GT_ASSERT_EQ_INT(rc, GT_OK);
        GT_ASSERT_EQ_INT(e.n, 4);
        GT_ASSERT_EQ_STR(e.text[0], "\"a]\\\",\"");
        GT_ASSERT_EQ_STR(e.text[1], "[1,{\"k\":\"]\"}]");
        GT_ASSERT_EQ_STR(e.text[2], "3.5");
        GT_ASSERT_EQ_STR(e.text[3], "{\"z\":[]}");
        GT_ASSERT_EQ_INT(e.pos[1], 100 + (uint64_t)(strstr(doc, "[1,") - doc));
        GT_ASSERT_EQ_STR(e.head, "{\"note\":\"trace\",\"x\":{\"trace\":[]}}");
        GT_ASSERT(complete);
        GT_ASSERT(e.reason == NULL);
    }
}

/* ---- the aircraft.json stream ---- */

/* One element nested 3,000 deep among 100 good aircraft: 100 stored, one
 * "json-depth" (the whole document was lost before, issue #15 item 4). */
static void test_deep_element(void)
{
    struct tally t;
    struct gt_sink s = tally_sink(&t);
    size_t n, i, at;
    char *doc = aircraft_doc(100, &n, NULL);
    struct gt_buf b;
    char *deep;

    GT_ASSERT(doc != NULL);
    gt_buf_init(&b, 64u << 20);
    at = (size_t)(strstr(doc, "{\"hex\":\"100032\"") - doc);
    gt_buf_add(&b, doc, at);
    gt_buf_addstr(&b, "{\"hex\":\"abcdef\",\"x\":");
    for (i = 0; i < 3000; i++) {
        gt_buf_add(&b, "[", 1);
    }
    for (i = 0; i < 3000; i++) {
        gt_buf_add(&b, "]", 1);
    }
    gt_buf_addstr(&b, "},\n");
    gt_buf_add(&b, doc + at, n - at);
    deep = own(gt_buf_take(&b, &n));
    GT_ASSERT(deep != NULL);
    GT_ASSERT_EQ_INT(gt_archive_readsb_aircraft((const uint8_t *)deep, n, &s), GT_OK);
    GT_ASSERT_EQ_INT(t.nobs, 100);
    GT_ASSERT_EQ_INT(t.nrej, 1);
    GT_ASSERT_EQ_STR(t.reasons[0], "json-depth");
    GT_ASSERT_EQ_INT(t.reject_pos[0], at);
    GT_ASSERT(!t.backwards);
}

/* A file cut 300 bytes short (a receiver mid-write): every aircraft whose
 * object closed before the cut is stored, the cut one counted. */
static void test_truncated_document(void)
{
    uint64_t offs[100];
    size_t n, cut, i, complete = 0;
    char *doc = aircraft_doc(100, &n, offs);
    size_t chunks[] = {1, 7, 4096, 1u << 20};

    GT_ASSERT(doc != NULL);
    cut = n - 300;
    for (i = 0; i < 100; i++) {
        const char *end = strchr(doc + offs[i], '}');
        complete += (size_t)(end - doc) < cut ? 1 : 0;
    }
    GT_ASSERT(complete >= 95 && complete < 100);
    for (i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        struct tally t;
        struct gt_sink s = tally_sink(&t);
        GT_ASSERT_EQ_INT(stream(GT_ARCHIVE_READSB_AIRCRAFT, doc, cut, chunks[i], &s), GT_OK);
        GT_ASSERT_EQ_INT(t.nobs, complete);
        GT_ASSERT_EQ_INT(t.nrej, 1);
        GT_ASSERT_EQ_STR(t.reasons[0], "json-truncated");
        GT_ASSERT_EQ_INT(t.reject_pos[0], offs[complete]);
        GT_ASSERT_EQ_INT(t.obs[KEEP - 1].prov.pos, offs[KEEP - 1]);
    }
    /* cut right after an element's closing brace: that element is whole */
    {
        struct tally t;
        struct gt_sink s = tally_sink(&t);
        size_t end = (size_t)(strchr(doc + offs[50], '}') - doc) + 1;
        GT_ASSERT_EQ_INT(stream(GT_ARCHIVE_READSB_AIRCRAFT, doc, end, 4096, &s), GT_OK);
        GT_ASSERT_EQ_INT(t.nobs, 51);
        GT_ASSERT_EQ_INT(t.nrej, 1);
        GT_ASSERT_EQ_STR(t.reasons[0], "json-truncated");
    }
}

/* Too large, unparsable and non-object elements are each one reject. */
static void test_bad_elements(void)
{
    struct tally t;
    struct gt_sink s = tally_sink(&t);
    struct gt_buf b;
    size_t n, i;
    char *doc;

    gt_buf_init(&b, 64u << 20);
    gt_buf_addstr(&b, "{\"now\":1700000000,\"aircraft\":[{\"hex\":\"aaaaaa\",\"lat\":1,\"lon\":2},"
                      "{\"hex\":\"bbbbbb\",\"pad\":\"");
    for (i = 0; i < (GT_JSONSCAN_ELEM_MAX / 64) + 10; i++) {
        gt_buf_addstr(&b, "0123456789012345678901234567890123456789012345678901234567890123");
    }
    gt_buf_addstr(&b, "\"},{\"hex\":\"cccccc\",\"lat\":1 \"lon\":2},7,"
                      "{\"hex\":\"dddddd\",\"lat\":3,\"lon\":4}]}");
    doc = own(gt_buf_take(&b, &n));
    GT_ASSERT(doc != NULL);
    GT_ASSERT_EQ_INT(gt_archive_readsb_aircraft((const uint8_t *)doc, n, &s), GT_OK);
    GT_ASSERT_EQ_INT(t.nobs, 2);
    GT_ASSERT_EQ_INT(t.obs[1].id.value, 0xdddddd);
    GT_ASSERT_EQ_INT(t.nrej, 3);
    GT_ASSERT_EQ_STR(t.reasons[0], "json-element-too-large");
    GT_ASSERT_EQ_STR(t.reasons[1], "json-syntax");
    GT_ASSERT_EQ_STR(t.reasons[2], "bad-icao24");
}

/* An envelope member written after the array ("now" last): the elements
 * wait for it and are all stored, in order. */
static void test_envelope_after_array(void)
{
    static const char doc[] =
        "{\"aircraft\":[{\"hex\":\"aaaaaa\",\"lat\":1,\"lon\":2,\"seen_pos\":2},"
        "{\"hex\":\"bbbbbb\"}],\"now\":1700000000}";
    struct tally t;
    struct gt_sink s = tally_sink(&t);

    GT_ASSERT_EQ_INT(gt_archive_readsb_aircraft((const uint8_t *)doc, sizeof doc - 1, &s), GT_OK);
    GT_ASSERT_EQ_INT(t.nobs, 1);
    GT_ASSERT_EQ_INT(t.obs[0].t_ms, 1699999998000);
    GT_ASSERT_EQ_INT(t.nrej, 1);
    GT_ASSERT_EQ_STR(t.reasons[0], "no-position");
    /* no "now" at all: the document's one reason */
    s = tally_sink(&t);
    GT_ASSERT_EQ_INT(gt_archive_readsb_aircraft((const uint8_t *)doc,
                                                (size_t)(strstr(doc, ",\"now\"") - doc), &s),
                     GT_OK);
    GT_ASSERT_EQ_INT(t.nobs, 0);
    GT_ASSERT_EQ_INT(t.nrej, 1);
}

/* FR24 playback metadata as facts at the first fix: registration, type,
 * callsign, flight number, origin and destination; and the flight number
 * read back by name from ghosttrack's NDJSON. */
static void test_fr24_metadata(void)
{
    static const char doc[] =
        "{\"result\":{\"response\":{\"data\":{\"flight\":{\"identification\":{\"id\":"
        "\"2a3b4c5d\",\"number\":{\"default\":\"SU100\",\"alternative\":null},\"callsign\":"
        "\"AFL100\"},\"aircraft\":{\"model\":{\"code\":\"B77W\"},\"identification\":{\"modes\":"
        "\"424174\",\"registration\":\"VP-BTI\"}},\"airport\":{\"origin\":{\"code\":{\"iata\":"
        "\"SVO\",\"icao\":\"UUEE\"}},\"destination\":{\"code\":{\"iata\":\"JFK\",\"icao\":"
        "\"KJFK\"}}},\"track\":[{\"latitude\":55.97,\"longitude\":37.41,\"timestamp\":1551561307,"
        "\"squawk\":\"0\"},{\"latitude\":55.98,\"longitude\":37.3,\"timestamp\":1551561407}]}}}}}";
    static const char *const want[][2] = {{"registration", "VP-BTI"}, {"typecode", "B77W"},
                                          {"callsign", "AFL100"},     {"flight", "SU100"},
                                          {"origin", "UUEE"},         {"destination", "KJFK"}};
    static const char line[] = "{\"field\":\"flight\",\"id\":\"icao:424174\","
                               "\"t\":\"2019-03-02T21:15:07Z\",\"value\":\"SU100\"}";
    struct tally t;
    struct gt_sink s = tally_sink(&t);
    size_t i;

    GT_ASSERT_EQ_INT(stream(GT_ARCHIVE_FR24_JSON, doc, sizeof doc - 1, 16, &s), GT_OK);
    GT_ASSERT_EQ_INT(t.nobs, 2);
    GT_ASSERT_EQ_INT(t.nfacts, 7); /* and the squawk "0" */
    for (i = 0; i < 6; i++) {
        GT_ASSERT_EQ_STR(gt_ident_field_name(t.facts[i].field), want[i][0]);
        GT_ASSERT_EQ_STR(t.facts[i].value, want[i][1]);
        GT_ASSERT_EQ_INT(t.facts[i].t_ms, 1551561307000);
        GT_ASSERT_EQ_INT(t.facts[i].prov.pos, t.obs[0].prov.pos);
    }
    s = tally_sink(&t);
    GT_ASSERT_EQ_INT(gt_archive_ndjson_line((const uint8_t *)line, sizeof line - 1, 0, &s), GT_OK);
    GT_ASSERT_EQ_INT(t.nrej, 0);
    GT_ASSERT_EQ_INT(t.nfacts, 1);
    GT_ASSERT_EQ_INT(t.facts[0].field, GT_FIELD_FLIGHT);
}

/* ---- pandas layouts of traffic data ---- */

/* The same two rows by records and by columns give the same positions. */
static void test_traffic_columns(void)
{
    static const char records[] =
        "[{\"icao24\":\"ae0455\",\"callsign\":\"PSWRD35\",\"timestamp\":1600120072000,"
        "\"latitude\":32.5,\"longitude\":-117.25,\"altitude\":1000,\"groundspeed\":125,"
        "\"track\":302.5,\"vertical_rate\":384,\"onground\":false},"
        "{\"icao24\":\"ae0455\",\"callsign\":\"PSWRD35\",\"timestamp\":1600120073000,"
        "\"latitude\":32.6,\"longitude\":-117.3,\"altitude\":1100,\"groundspeed\":126,"
        "\"track\":303,\"vertical_rate\":0,\"onground\":false}]";
    static const char columns[] =
        "{\"altitude\":{\"0\":1000,\"1\":1100},\"callsign\":{\"0\":\"PSWRD35\",\"1\":\"PSWRD35\"},"
        "\"groundspeed\":{\"0\":125,\"1\":126},\"icao24\":{\"0\":\"ae0455\",\"1\":\"ae0455\"},"
        "\"latitude\":{\"0\":32.5,\"1\":32.6},\"longitude\":{\"0\":-117.25,\"1\":-117.3},"
        "\"onground\":{\"0\":false,\"1\":false},\"timestamp\":{\"0\":1600120072000,\"1\":"
        "1600120073000},\"track\":{\"0\":302.5,\"1\":303},\"vertical_rate\":{\"0\":384,\"1\":0},"
        "\"origin\":{\"0\":null,\"1\":null}}";
    struct tally a, b;
    struct gt_sink sa = tally_sink(&a), sb = tally_sink(&b);
    size_t i;

    GT_ASSERT(gt_archive_traffic_columns_sniff((const uint8_t *)columns, sizeof columns - 1) > 0);
    GT_ASSERT_EQ_INT(gt_archive_traffic_json_sniff((const uint8_t *)columns, sizeof columns - 1),
                     0);
    GT_ASSERT_EQ_INT(gt_archive_traffic_columns_sniff((const uint8_t *)records, sizeof records - 1),
                     0);
    GT_ASSERT_EQ_INT(gt_archive_traffic_json((const uint8_t *)records, sizeof records - 1, &sa),
                     GT_OK);
    GT_ASSERT_EQ_INT(stream(GT_ARCHIVE_TRAFFIC_COLUMNS, columns, sizeof columns - 1, 5, &sb),
                     GT_OK);
    GT_ASSERT_EQ_INT(a.nobs, 2);
    GT_ASSERT_EQ_INT(b.nobs, 2);
    GT_ASSERT_EQ_INT(b.nrej, 0);
    GT_ASSERT_EQ_INT(b.nfacts, 1); /* the callsign, once */
    GT_ASSERT_EQ_STR(b.facts[0].value, "PSWRD35");
    for (i = 0; i < 2; i++) {
        GT_ASSERT_EQ_INT(b.obs[i].id.value, a.obs[i].id.value);
        GT_ASSERT_EQ_INT(b.obs[i].t_ms, a.obs[i].t_ms);
        GT_ASSERT_DBL_NEAR(b.obs[i].lat_deg, a.obs[i].lat_deg, 1e-12);
        GT_ASSERT_DBL_NEAR(b.obs[i].lon_deg, a.obs[i].lon_deg, 1e-12);
        GT_ASSERT_EQ_INT(b.obs[i].alt_ft, a.obs[i].alt_ft);
        GT_ASSERT_DBL_NEAR(b.obs[i].course_deg, a.obs[i].course_deg, 1e-6);
        GT_ASSERT_EQ_INT(b.obs[i].flags, a.obs[i].flags);
    }
    GT_ASSERT(b.obs[1].prov.pos > b.obs[0].prov.pos);
    {
        /* orient="split" and orient="table": rows under "data" */
        static const char split[] =
            "{\"columns\":[\"icao24\",\"callsign\",\"timestamp\",\"latitude\",\"longitude\","
            "\"altitude\",\"groundspeed\",\"track\",\"vertical_rate\",\"onground\"],"
            "\"index\":[0,1],\"data\":[[\"ae0455\",\"PSWRD35\",1600120072000,32.5,-117.25,1000,"
            "125,302.5,384,false],[\"ae0455\",\"PSWRD35\",1600120073000,32.6,-117.3,1100,126,"
            "303,0,false],[1,2]]}";
        static const char table[] =
            "{\"schema\":{\"fields\":[{\"name\":\"index\",\"type\":\"integer\"}],"
            "\"primaryKey\":[\"index\"],\"pandas_version\":\"1.4.0\"},\"data\":["
            "{\"index\":0,\"icao24\":\"ae0455\",\"callsign\":\"PSWRD35\",\"timestamp\":"
            "\"2020-09-14T21:47:52.000Z\",\"latitude\":32.5,\"longitude\":-117.25,\"altitude\":"
            "1000,\"groundspeed\":125,\"track\":302.5,\"vertical_rate\":384,\"onground\":false},"
            "{\"index\":1,\"icao24\":\"ae0455\",\"callsign\":\"PSWRD35\",\"timestamp\":"
            "\"2020-09-14T21:47:53.000Z\",\"latitude\":32.6,\"longitude\":-117.3,\"altitude\":"
            "1100,\"groundspeed\":126,\"track\":303,\"vertical_rate\":0,\"onground\":false}]}";
        struct tally c, d;
        struct gt_sink sc = tally_sink(&c), sd = tally_sink(&d);

        GT_ASSERT(gt_archive_traffic_split_sniff((const uint8_t *)split, sizeof split - 1) > 0);
        GT_ASSERT(gt_archive_traffic_split_sniff((const uint8_t *)table, sizeof table - 1) > 0);
        GT_ASSERT_EQ_INT(gt_archive_traffic_columns_sniff((const uint8_t *)split, sizeof split - 1),
                         0);
        GT_ASSERT_EQ_INT(
            gt_archive_traffic_split_sniff((const uint8_t *)columns, sizeof columns - 1), 0);
        GT_ASSERT_EQ_INT(stream(GT_ARCHIVE_TRAFFIC_SPLIT, split, sizeof split - 1, 7, &sc), GT_OK);
        GT_ASSERT_EQ_INT(gt_archive_traffic_split((const uint8_t *)table, sizeof table - 1, &sd),
                         GT_OK);
        GT_ASSERT_EQ_INT(c.nobs, 2);
        GT_ASSERT_EQ_INT(d.nobs, 2);
        GT_ASSERT_EQ_INT(c.nrej, 1); /* the row of the wrong width */
        GT_ASSERT_EQ_STR(c.reasons[0], "bad-row");
        for (i = 0; i < 2; i++) {
            GT_ASSERT_EQ_INT(c.obs[i].t_ms, a.obs[i].t_ms);
            GT_ASSERT_EQ_INT(d.obs[i].t_ms, a.obs[i].t_ms);
            GT_ASSERT_DBL_NEAR(c.obs[i].lon_deg, a.obs[i].lon_deg, 1e-12);
            GT_ASSERT_DBL_NEAR(d.obs[i].lon_deg, a.obs[i].lon_deg, 1e-12);
            GT_ASSERT_EQ_INT(c.obs[i].flags, a.obs[i].flags);
            GT_ASSERT_EQ_INT(d.obs[i].flags, a.obs[i].flags);
        }
    }
}

/* Squawks of traffic records become facts when they change, as text or
 * as pandas' numbers; what is not four octal digits is not a squawk. */
static void test_traffic_squawk(void)
{
    static const char doc[] =
        "[{\"icao24\":\"ae0455\",\"timestamp\":1600120072000,\"squawk\":\"7700\"},"
        "{\"icao24\":\"ae0455\",\"timestamp\":1600120073000,\"squawk\":\"7700\"},"
        "{\"icao24\":\"ae0455\",\"timestamp\":1600120074000,\"squawk\":1200.0},"
        "{\"icao24\":\"ae0455\",\"timestamp\":1600120075000,\"squawk\":\"8888\"},"
        "{\"icao24\":\"ae0455\",\"timestamp\":1600120076000,\"squawk\":112}]";
    struct tally t;
    struct gt_sink s = tally_sink(&t);

    GT_ASSERT_EQ_INT(gt_archive_traffic_json((const uint8_t *)doc, sizeof doc - 1, &s), GT_OK);
    GT_ASSERT_EQ_INT(t.nfacts, 3);
    GT_ASSERT_EQ_INT(t.facts[0].field, GT_FIELD_SQUAWK);
    GT_ASSERT_EQ_STR(t.facts[0].value, "7700");
    GT_ASSERT_EQ_INT(t.facts[0].t_ms, 1600120072000);
    GT_ASSERT_EQ_STR(t.facts[1].value, "1200");
    GT_ASSERT_EQ_STR(t.facts[2].value, "0112");
    GT_ASSERT_EQ_INT(t.nrej, 5); /* no position in any row */
}

/* ---- AIS JSON ---- */

/* The same vessel from AISHub's human (format=1) and AIS-encoded (format=0)
 * answers; ITU-R M.1371-5 units in the second (1/10,000 min, 1/10 kn,
 * 1/10 deg).  Values as the AISHub API page documents its fields. */
static void test_aishub(void)
{
    static const char human[] =
        "[{\"ERROR\":false,\"USERNAME\":\"AH_TEST\",\"FORMAT\":\"HUMAN\",\"LATITUDE_MIN\":null,"
        "\"RECORDS\":2},\n[{\"MMSI\":413811000,\"TIME\":\"2011-04-12 10:40:27 GMT\","
        "\"LONGITUDE\":118.44586666667,\"LATITUDE\":38.874833333333,\"COG\":356,\"SOG\":0.1,"
        "\"HEADING\":116,\"NAVSTAT\":1,\"IMO\":9118824,\"NAME\":\"JIN HAI XIANG\","
        "\"CALLSIGN\":\"BVKU\",\"TYPE\":70,\"A\":197,\"B\":27,\"C\":20,\"D\":12,\"DRAUGHT\":7.5,"
        "\"DEST\":\"CAOFEIDIAN\",\"ETA\":\"04-10 07:00\"},\n{\"MMSI\":235085131,\"TIME\":"
        "\"2011-04-12 10:41:00 GMT\",\"LONGITUDE\":181,\"LATITUDE\":91,\"COG\":360,\"SOG\":102.3,"
        "\"HEADING\":511,\"NAVSTAT\":15,\"NAME\":\"ZAC V\"}]]";
    static const char ais[] =
        "[{\"ERROR\":false,\"USERNAME\":\"AH_TEST\",\"FORMAT\":\"AIS\",\"RECORDS\":1},"
        "[{\"MMSI\":413811000,\"TIME\":1302604827,\"LONGITUDE\":71067520,\"LATITUDE\":23324900,"
        "\"COG\":3560,\"SOG\":1,\"HEADING\":116,\"NAVSTAT\":1,\"PAC\":0,\"ROT\":0,\"IMO\":9118824,"
        "\"NAME\":\"JIN HAI XIANG@@@@\",\"CALLSIGN\":\"BVKU\",\"TYPE\":70,\"DEVICE\":1,\"A\":197,"
        "\"B\":27,\"C\":20,\"D\":12,\"DRAUGHT\":75,\"DEST\":\"CAOFEIDIAN\",\"ETA\":\"\"}]]";
    static const char error[] = "[{\"ERROR\":true,\"USERNAME\":\"AH_TEST\",\"FORMAT\":\"HUMAN\","
                                "\"ERROR_MESSAGE\":\"Too frequent requests!\"}]";
    struct tally h, a;
    struct gt_sink sh = tally_sink(&h), sa = tally_sink(&a);
    size_t i;
    int seen = 0;

    GT_ASSERT(gt_archive_aishub_json_sniff((const uint8_t *)human, sizeof human - 1) > 0);
    GT_ASSERT(gt_archive_aishub_json_sniff((const uint8_t *)ais, sizeof ais - 1) > 0);
    GT_ASSERT_EQ_INT(gt_archive_aishub_json((const uint8_t *)human, sizeof human - 1, &sh), GT_OK);
    GT_ASSERT_EQ_INT(stream(GT_ARCHIVE_AISHUB_JSON, ais, sizeof ais - 1, 3, &sa), GT_OK);
    GT_ASSERT_EQ_INT(h.nobs, 1);
    GT_ASSERT_EQ_INT(a.nobs, 1);
    GT_ASSERT_EQ_INT(h.nrej, 1); /* 91/181: no position */
    GT_ASSERT_EQ_STR(h.reasons[0], "no-position");
    GT_ASSERT_EQ_INT(h.obs[0].id.kind, GT_ID_MMSI);
    GT_ASSERT_EQ_INT(h.obs[0].id.value, 413811000);
    GT_ASSERT_EQ_INT(h.obs[0].t_ms, 1302604827000);
    GT_ASSERT_EQ_INT(a.obs[0].t_ms, 1302604827000);
    GT_ASSERT_DBL_NEAR(a.obs[0].lat_deg, h.obs[0].lat_deg, 1e-6);
    GT_ASSERT_DBL_NEAR(a.obs[0].lon_deg, h.obs[0].lon_deg, 1e-6);
    GT_ASSERT_DBL_NEAR(a.obs[0].speed_kn, 0.1, 1e-6);
    GT_ASSERT_DBL_NEAR(a.obs[0].course_deg, 356, 1e-6);
    GT_ASSERT_DBL_NEAR(h.obs[0].heading_deg, 116, 1e-6);
    GT_ASSERT_EQ_INT(h.obs[0].nav_status, 1);
    GT_ASSERT_EQ_INT(h.obs[0].on_ground, 1); /* at anchor */
    GT_ASSERT_EQ_INT(a.obs[0].flags, h.obs[0].flags);
    GT_ASSERT_EQ_INT(a.nfacts, 7);
    for (i = 0; i < a.nfacts; i++) {
        GT_ASSERT_EQ_STR(a.facts[i].value, h.facts[i].value);
        if (a.facts[i].field == GT_FIELD_NAME) {
            GT_ASSERT_EQ_STR(a.facts[i].value, "JIN HAI XIANG");
            seen |= 1;
        } else if (a.facts[i].field == GT_FIELD_DRAUGHT) {
            GT_ASSERT_EQ_STR(a.facts[i].value, "7.5");
            seen |= 2;
        } else if (a.facts[i].field == GT_FIELD_DIMENSIONS) {
            GT_ASSERT_EQ_STR(a.facts[i].value, "197,27,20,12");
            seen |= 4;
        }
    }
    GT_ASSERT_EQ_INT(seen, 7);
    /* the facts of the vessel without a position are kept */
    GT_ASSERT_EQ_INT(h.nfacts, 8);
    sh = tally_sink(&h);
    GT_ASSERT_EQ_INT(gt_archive_aishub_json((const uint8_t *)error, sizeof error - 1, &sh), GT_OK);
    GT_ASSERT_EQ_INT(h.nobs, 0);
    GT_ASSERT_EQ_INT(h.nrej, 1);
    GT_ASSERT_EQ_STR(h.reasons[0], "aishub-error");
}

/* aisstream.io messages as its API documentation shows them. */
static void test_aisstream(void)
{
    static const char pos[] =
        "{\"Message\":{\"PositionReport\":{\"Cog\":308,\"CommunicationState\":81982,"
        "\"Latitude\":66.02695,\"Longitude\":12.253821666666665,\"MessageID\":1,"
        "\"NavigationalStatus\":15,\"PositionAccuracy\":true,\"Raim\":false,\"RateOfTurn\":4,"
        "\"RepeatIndicator\":0,\"Sog\":0,\"Spare\":0,\"SpecialManoeuvreIndicator\":0,"
        "\"Timestamp\":31,\"TrueHeading\":235,\"UserID\":259000420,\"Valid\":true}},"
        "\"MessageType\":\"PositionReport\",\"MetaData\":{\"MMSI\":259000420,\"MMSI_String\":"
        "259000420,\"ShipName\":\"AUGUSTSON\",\"latitude\":66.02695,\"longitude\":"
        "12.253821666666665,\"time_utc\":\"2022-12-29 18:22:32.318353 +0000 UTC\"}}";
    static const char stat[] =
        "{\"Message\":{\"ShipStaticData\":{\"AisVersion\":2,\"CallSign\":\"LLWD\","
        "\"Destination\":\"BODO\",\"Dimension\":{\"A\":20,\"B\":10,\"C\":4,\"D\":4},"
        "\"Dte\":false,\"Eta\":{\"Day\":1,\"Hour\":0,\"Minute\":0,\"Month\":1},"
        "\"FixType\":1,\"ImoNumber\":0,\"MaximumStaticDraught\":3.2,\"MessageID\":5,"
        "\"Name\":\"AUGUSTSON           \",\"RepeatIndicator\":0,\"Spare\":false,\"Type\":60,"
        "\"UserID\":259000420,\"Valid\":true}},\"MessageType\":\"ShipStaticData\","
        "\"MetaData\":{\"MMSI\":259000420,\"time_utc\":\"2022-12-29 18:23:00 +0000 UTC\"}}";
    struct tally t;
    struct gt_sink s = tally_sink(&t);

    GT_ASSERT(gt_archive_aisstream_sniff((const uint8_t *)pos, sizeof pos - 1) > 0);
    GT_ASSERT_EQ_INT(gt_archive_aisstream_line((const uint8_t *)pos, sizeof pos - 1, 0, &s), GT_OK);
    GT_ASSERT_EQ_INT(
        gt_archive_aisstream_line((const uint8_t *)stat, sizeof stat - 1, sizeof pos, &s), GT_OK);
    GT_ASSERT_EQ_INT(gt_archive_aisstream_line((const uint8_t *)"{\"Mess", 6, 900, &s), GT_OK);
    GT_ASSERT_EQ_INT(t.nobs, 1);
    GT_ASSERT_EQ_INT(t.obs[0].id.value, 259000420);
    GT_ASSERT_EQ_INT(t.obs[0].t_ms, 1672338152318);
    GT_ASSERT_DBL_NEAR(t.obs[0].lat_deg, 66.02695, 1e-9);
    GT_ASSERT_DBL_NEAR(t.obs[0].heading_deg, 235, 1e-6);
    GT_ASSERT(!(t.obs[0].flags & GT_OBS_NAVSTAT)); /* 15: not defined */
    GT_ASSERT(t.obs[0].flags & GT_OBS_POS_ACC);
    GT_ASSERT_EQ_INT(t.nfacts,
                     6); /* name, callsign, type, draught, destination, size; IMO 0 is none */
    GT_ASSERT_EQ_STR(t.facts[0].value, "AUGUSTSON");
    GT_ASSERT_EQ_INT(t.facts[0].prov.pos, sizeof pos);
    GT_ASSERT_EQ_INT(t.nrej, 1);
    GT_ASSERT_EQ_STR(t.reasons[0], "bad-json");
}

GT_TEST_MAIN({"scan_elements", test_scan_elements}, {"deep_element", test_deep_element},
             {"truncated_document", test_truncated_document}, {"bad_elements", test_bad_elements},
             {"envelope_after_array", test_envelope_after_array},
             {"fr24_metadata", test_fr24_metadata}, {"traffic_columns", test_traffic_columns},
             {"traffic_squawk", test_traffic_squawk}, {"aishub", test_aishub},
             {"aisstream", test_aisstream})
