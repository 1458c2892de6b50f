/*
 * test_ingest_torture.c - the whole ingest path (every bundled archive
 * format in tests/data/ingest, the streamed JSON formats of
 * tests/golden/ingest_json_formats, plus AIS NMEA timed by tag blocks and by a
 * GNSS clock, gzip and a folder walk), then a full read back, written to
 * release everything before it asserts anything.  A second folder holds
 * what must be kept in part: a gzip member with a bad CRC, one cut short,
 * a JSON document cut mid-element and gzip-compressed JSON streamed
 * through the scanner (issue #15: torture covers gzip and streaming JSON).  Under `make torture`
 * each allocation fails in turn: the pipeline must then fail cleanly, so a
 * leak or sanitizer report is a library bug, not the test's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "ghosttrack/ingest.h"
#include "ghosttrack/store.h"
#include "test.h"

static const char nmea[] =
    "\\s:rx1,c:1420030798*05\\!AIVDM,1,1,,B,15RTgt0PAso;90TKcjM8h6g208CQ,0*49\n"
    "\\s:rx2,c:1420030799*07\\!AIVDM,2,1,3,B,55P5TL01VIaAL@7WKO@mBplU@<PDhh000000001S;AJ::4A80?"
    "4i@E53,0*3E\n"
    "\\s:rx2,c:1420030799*07\\!AIVDM,2,2,3,B,1@0000000000000,2*55\n"
    "$GPZDA,201530.00,04,07,2002,00,00*60\n"
    "!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B\n"
    "junk line\n";

/* 10,000 positions of 40 vessels, as NDJSON. */
static int write_many(const char *path)
{
    FILE *f = fopen(path, "w");
    int i, ok;

    if (f == NULL) {
        return 0;
    }
    for (i = 0; i < 10000; i++) {
        fprintf(
            f,
            "{\"id\":\"mmsi:%d\",\"lat\":%.5f,\"lon\":%.5f,\"t\":\"2020-01-01T%02d:%02d:%02dZ\"}\n",
            244000000 + i % 40, 52.0 + i / 40 * 0.0001, 4.0 + (i % 40) * 0.01, i / 3600 % 24,
            i / 60 % 60, i % 60);
    }
    ok = ferror(f) == 0;
    return fclose(f) == 0 && ok;
}

static void test_ingest_everything(void)
{
    char dir[] = "/tmp/gt_test_torture_XXXXXX", db[128], gz[128], cmd[512];
    const char *root = getenv("GT_ROOT");
    struct gt_store *st = NULL;
    struct gt_ingest *in = NULL;
    struct gt_ingest_opts o;
    struct gt_store_filter f;
    struct gt_fleet fleet;
    uint64_t positions = 0;
    size_t tracks = 0;
    gzFile z;
    int rc, made;

    GT_ASSERT(mkdtemp(dir) != NULL);
    snprintf(gz, sizeof gz, "%s/rx.nmea.gz", dir);
    z = gzopen(gz, "wb");
    made = z != NULL && gzwrite(z, nmea, (unsigned)strlen(nmea)) == (int)strlen(nmea);
    made = z != NULL && gzclose(z) == Z_OK && made;
    snprintf(cmd, sizeof cmd,
             "cp %s/tests/data/ingest/*.json %s/tests/data/ingest/*.csv "
             "%s/tests/golden/ingest_json_formats/*.*json %s/",
             root != NULL ? root : ".", root != NULL ? root : ".", root != NULL ? root : ".", dir);
    made = made && system(cmd) == 0;
    snprintf(db, sizeof db, "%s/many.ndjson", dir);
    made = made && write_many(db);
    snprintf(db, sizeof db, "%s/t.db", dir);

    rc = made ? gt_store_open(db, GT_STORE_CREATE, &st) : GT_ERR_IO;
    memset(&o, 0, sizeof o);
    o.batch = 9000; /* the stage grows twice, then flushes before commits */
    if (rc == GT_OK) {
        rc = gt_ingest_new(st, &o, &in);
    }
    if (rc == GT_OK) {
        rc = gt_ingest_path(in, dir);
    }
    if (rc == GT_OK) {
        /* cut.ndjson.gz and cut_aircraft.json repeat the others' records:
         * stored once, the copies counted as duplicates (#14 item 4) */
        positions = gt_ingest_stats(in)->positions + gt_ingest_stats(in)->duplicates;
    }
    gt_ingest_free(in);
    if (rc == GT_OK) {
        gt_store_filter_init(&f);
        gt_fleet_init(&fleet, 100000);
        rc = gt_store_load_fleet(st, &f, &fleet);
        tracks = fleet.n;
        gt_fleet_release(&fleet);
    }
    gt_store_close(st);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) {
        printf("# could not remove %s\n", dir);
    }

    GT_ASSERT_EQ_INT(rc, GT_OK);
    GT_ASSERT(positions > 10000);
    GT_ASSERT(tracks > 40);
}

/* Write n bytes as a gzip file; with damage 1 the CRC is flipped, with 2
 * the file is cut in the middle of the deflate data. */
static int write_gz(const char *path, const char *p, size_t n, int damage)
{
    char tmp[160];
    FILE *f;
    long size;
    unsigned char *b;
    gzFile z;
    int ok;

    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    z = gzopen(tmp, "wb");
    ok = z != NULL && gzwrite(z, p, (unsigned)n) == (int)n;
    ok = z != NULL && gzclose(z) == Z_OK && ok;
    f = ok ? fopen(tmp, "rb") : NULL;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 20 ||
        fseek(f, 0, SEEK_SET) != 0 || (b = malloc((size_t)size)) == NULL) {
        if (f != NULL) {
            fclose(f);
        }
        return 0;
    }
    ok = fread(b, 1, (size_t)size, f) == (size_t)size;
    fclose(f);
    remove(tmp);
    if (damage == 1) {
        b[size - 8] ^= 0xff; /* the CRC-32 of the trailer */
    }
    if (damage == 2) {
        size /= 2;
    }
    f = fopen(path, "wb");
    ok = ok && f != NULL && fwrite(b, 1, (size_t)size, f) == (size_t)size;
    ok = f != NULL && fclose(f) == 0 && ok;
    free(b);
    return ok;
}

static int has_reason(const struct gt_ingest_stats *s, const char *r)
{
    size_t i;

    for (i = 0; i < s->nreasons; i++) {
        if (strcmp(s->reasons[i].reason, r) == 0 && s->reasons[i].count > 0) {
            return 1;
        }
    }
    return 0;
}

static void test_damaged_and_streamed(void)
{
    char dir[] = "/tmp/gt_test_torture2_XXXXXX", path[160];
    static char text[400000], json[40000];
    struct gt_store *st = NULL;
    struct gt_ingest *in = NULL;
    struct gt_ingest_opts o;
    size_t n = 0, nj = 0, i;
    uint64_t positions = 0;
    int rc, made = 1, crc = 0, trunc = 0;

    GT_ASSERT(mkdtemp(dir) != NULL);
    for (i = 0; i < 3000; i++) {
        n += (size_t)snprintf(
            text + n, sizeof text - n,
            "{\"id\":\"mmsi:%d\",\"lat\":%.5f,\"lon\":%.5f,\"t\":\"2020-01-02T%02d:%02d:%02dZ\"}\n",
            244000000 + (int)(i % 20), 52.0 + (double)i * 0.0001, 4.0, (int)(i / 3600 % 24),
            (int)(i / 60 % 60), (int)(i % 60));
    }
    nj = (size_t)snprintf(json, sizeof json, "{\"now\":1600000000,\"aircraft\":[");
    for (i = 0; i < 200; i++) {
        nj += (size_t)snprintf(json + nj, sizeof json - nj,
                               "%s{\"hex\":\"%06x\",\"lat\":%.4f,\"lon\":%.4f,\"seen_pos\":1,"
                               "\"flight\":\"T%zu\"}",
                               i ? "," : "", (unsigned)(0x400000 + i), 50.0 + (double)i * 0.01, 8.0,
                               i);
    }
    nj += (size_t)snprintf(json + nj, sizeof json - nj, "]}");
    snprintf(path, sizeof path, "%s/crc.ndjson.gz", dir);
    made = made && write_gz(path, text, n, 1);
    snprintf(path, sizeof path, "%s/cut.ndjson.gz", dir);
    made = made && write_gz(path, text, n / 2, 2);
    snprintf(path, sizeof path, "%s/aircraft.json.gz", dir);
    made = made && write_gz(path, json, nj, 0);
    snprintf(path, sizeof path, "%s/cut_aircraft.json", dir);
    {
        FILE *f = fopen(path, "wb");
        made = made && f != NULL && fwrite(json, 1, nj - 300, f) == nj - 300;
        made = f != NULL && fclose(f) == 0 && made;
    }
    snprintf(path, sizeof path, "%s/t.db", dir);
    rc = made ? gt_store_open(path, GT_STORE_CREATE, &st) : GT_ERR_IO;
    memset(&o, 0, sizeof o);
    o.batch = 500;
    if (rc == GT_OK) {
        rc = gt_ingest_new(st, &o, &in);
    }
    if (rc == GT_OK) {
        rc = gt_ingest_path(in, dir);
    }
    if (rc == GT_OK) {
        /* cut.ndjson.gz and cut_aircraft.json repeat the others' records:
         * stored once, the copies counted as duplicates (#14 item 4) */
        positions = gt_ingest_stats(in)->positions + gt_ingest_stats(in)->duplicates;
        crc = has_reason(gt_ingest_stats(in), "corrupt-gzip");
        trunc = has_reason(gt_ingest_stats(in), "truncated-gzip");
    }
    gt_ingest_free(in);
    gt_store_close(st);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    if (system(path) != 0) {
        printf("# could not remove %s\n", dir);
    }

    GT_ASSERT_EQ_INT(rc, GT_OK);
    /* every position before the damage, every complete aircraft */
    GT_ASSERT(positions > 3000 + 200 + 150);
    GT_ASSERT(crc);
    GT_ASSERT(trunc);
}

GT_TEST_MAIN({"ingest everything, then read it back", test_ingest_everything},
             {"damaged gzip and streamed JSON", test_damaged_and_streamed})
