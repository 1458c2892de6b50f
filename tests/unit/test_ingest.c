/*
 * test_ingest.c - the ingest pipeline (ingest.h) on :memory: stores: the same
 * content read once, AIS without a receive time, a stream reset mid-record,
 * an input that stored nothing is not complete, and receiver clocks
 * anchored to the file name or start_ms.  The whole path under failing
 * allocations is test_ingest_torture.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ghosttrack/ingest.h"
#include "ghosttrack/store.h"
#include "ghosttrack/time.h"
#include "ghosttrack/track.h"
#include "test.h"

static struct gt_store *mem_store(void)
{
    struct gt_store *st = NULL;

    GT_ASSERT_EQ_INT(gt_store_open(":memory:", GT_STORE_CREATE, &st), GT_OK);
    return st;
}

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

GT_TEST_MAIN({"ingest_dedupe", test_ingest_dedupe}, {"ingest_ais_no_time", test_ingest_ais_no_time},
             {"stream_reset", test_stream_reset},
             {"ingest_failed_not_complete", test_ingest_failed_not_complete},
             {"ingest_beast_anchor", test_ingest_beast_anchor})
