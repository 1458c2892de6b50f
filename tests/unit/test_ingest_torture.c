/*
 * test_ingest_torture.c - the whole ingest path (every bundled archive
 * format in tests/data/ingest, the streamed JSON formats of
 * tests/golden/ingest_json_formats, plus AIS NMEA timed by tag blocks and by a
 * GNSS clock, gzip and a folder walk), then a full read back, written to
 * release everything before it asserts anything.  Under `make torture`
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
        positions = gt_ingest_stats(in)->positions;
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

GT_TEST_MAIN({"ingest everything, then read it back", test_ingest_everything})
