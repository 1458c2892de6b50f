/*
 * bench/ingest.c - store throughput and size: decoded observations into
 * SQLite (positions/s), bytes per stored position including the
 * (identity, time) index, and the latency of a one-identity one-day track
 * query.
 *
 *   build/bench/ingest [N] [DB]     N positions (default 10^7), DB file
 *                                   (default /tmp/gt_bench_ingest.db, removed)
 *
 * The insert runs three times, each into a new database (the machines are
 * shared and noisy: best and median are printed); the query and size are
 * measured on the last.
 *
 * Observations are time-ordered as a live feed delivers them, committed
 * every GT_INGEST_BATCH (500,000) positions as the pipeline does: 1000
 * vessels reporting every 10 s * (N / 10^7) ... spread over 10 days.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ghosttrack/ingest.h"
#include "ghosttrack/store.h"
#include "ghosttrack/time.h"

#include "bench.h"

#define NIDS     1000
#define DAYS     10
#define RUNS     3 /* insert runs, each into a new database; best and median */
#define START_MS 1600000000000LL

/* One insert run into a new database at db; leaves it open in *out. */
static int insert_run(const char *db, long long n, struct gt_store **out, double *wall, double *cpu)
{
    struct gt_store *st = NULL;
    struct gt_store_input in;
    struct gt_obs o;
    double t0, c0, lat[NIDS], lon[NIDS];
    int64_t start_ms = START_MS, span_ms = (int64_t)DAYS * 86400000LL;
    long long i;
    int k, rc;

    bench_unlink_db(db);
    *out = NULL;
    if (gt_store_open(db, GT_STORE_CREATE, &st) != GT_OK ||
        gt_store_input_open(st, GT_PROV_FILE, "bench", "bench", 0, "bench", 0, &in) != GT_OK) {
        fprintf(stderr, "bench: cannot open %s: %s\n", db, gt_store_errmsg(st));
        gt_store_close(st);
        return 1;
    }
    for (k = 0; k < NIDS; k++) {
        lat[k] = -60.0 + 120.0 * (double)k / NIDS;
        lon[k] = -170.0 + 340.0 * (double)((k * 7919) % NIDS) / NIDS;
    }
    gt_obs_init(&o);
    o.id.kind = GT_ID_MMSI;
    o.flags =
        GT_OBS_POS | GT_OBS_TIME | GT_OBS_SPEED | GT_OBS_COURSE | GT_OBS_HEADING | GT_OBS_NAVSTAT;
    o.prov.kind = GT_PROV_FILE;
    o.prov.input_id = in.id;
    o.pos_how = GT_POS_REPORTED;
    t0 = bench_now_s();
    c0 = bench_cpu_s();
    rc = gt_store_begin(st);
    for (i = 0; i < n && rc == GT_OK; i++) {
        int id = (int)(i % NIDS);
        lat[id] += 0.0001 * (double)((i * 31) % 7 - 3);
        lon[id] += 0.0002;
        if (lon[id] > 179.0) {
            lon[id] = -179.0;
        }
        o.id.value = 200000000u + (uint32_t)id;
        o.t_ms = start_ms + (int64_t)((double)i / (double)n * (double)span_ms);
        o.lat_deg = lat[id];
        o.lon_deg = lon[id];
        o.speed_kn = (float)(10 + i % 5);
        o.course_deg = (float)(i % 360);
        o.heading_deg = (float)(i % 360);
        o.nav_status = 0;
        o.prov.pos = (uint64_t)i * 60u;
        rc = gt_store_put_obs(st, &o);
        if (rc == GT_OK && i % GT_INGEST_BATCH == GT_INGEST_BATCH - 1) {
            rc = gt_store_commit(st);
            if (rc == GT_OK) {
                rc = gt_store_begin(st);
            }
        }
    }
    if (rc == GT_OK) {
        rc = gt_store_commit(st);
    }
    *wall = bench_now_s() - t0;
    *cpu = bench_cpu_s() - c0;
    if (rc != GT_OK) {
        fprintf(stderr, "bench: insert failed: %s\n", gt_store_errmsg(st));
        gt_store_close(st);
        return 1;
    }
    *out = st;
    return 0;
}

int main(int argc, char **argv)
{
    long long n = argc > 1 ? atoll(argv[1]) : 10000000LL;
    const char *db = argc > 2 ? argv[2] : "/tmp/gt_bench_ingest.db";
    struct gt_store *st = NULL;
    double wall[RUNS], cpu[RUNS];
    int64_t start_ms = START_MS;
    sqlite3 *raw;
    sqlite3_stmt *s;
    long long pages = 0, page_size = 0;
    double qt = 0;
    size_t qpts = 0;
    int k, r;

    if (n < NIDS) {
        n = NIDS;
    }
    for (r = 0; r < RUNS; r++) {
        if (st != NULL) {
            gt_store_close(st);
        }
        if (insert_run(db, n, &st, &wall[r], &cpu[r]) != 0) {
            return 1;
        }
        printf("run %d: %lld positions in %.2f s wall = %.0f positions/s; %.2f s CPU = %.0f "
               "positions per CPU-second\n",
               r + 1, n, wall[r], (double)n / wall[r], cpu[r], (double)n / cpu[r]);
        fflush(stdout);
    }
    qsort(wall, RUNS, sizeof wall[0], bench_cmp_double);
    qsort(cpu, RUNS, sizeof cpu[0], bench_cmp_double);
    printf("insert: best %.0f positions/s (median %.0f) wall, best %.0f positions per CPU-second "
           "(median %.0f) (target >= 1000000)\n",
           (double)n / wall[0], (double)n / wall[RUNS / 2], (double)n / cpu[0],
           (double)n / cpu[RUNS / 2]);

    /* one identity, one day, 20 different identities and days */
    for (k = 0; k < 20; k++) {
        struct gt_store_filter f;
        struct gt_fleet fleet;
        struct gt_ident id = {GT_ID_MMSI, 200000000u + (uint32_t)(k * 37 % NIDS), 0};
        double a;
        gt_store_filter_init(&f);
        f.ids = &id;
        f.nids = 1;
        f.since_ms = start_ms + (int64_t)(k % DAYS) * 86400000LL;
        f.until_ms = f.since_ms + 86400000LL - 1;
        gt_fleet_init(&fleet, 10000000);
        a = bench_now_s();
        if (gt_store_load_fleet(st, &f, &fleet) != GT_OK) {
            fprintf(stderr, "bench: query failed: %s\n", gt_store_errmsg(st));
            return 1;
        }
        qt += bench_now_s() - a;
        qpts += fleet.n > 0 ? fleet.tracks[0].n : 0;
        gt_fleet_release(&fleet);
    }
    printf("track query: one identity, one day: %.2f ms mean over 20 queries, %zu points each "
           "(target <= 10 ms at 10^7 positions)\n",
           qt / 20 * 1000.0, qpts / 20);
    gt_store_close(st);

    if (sqlite3_open(db, &raw) == SQLITE_OK) {
        sqlite3_exec(raw, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
        if (sqlite3_prepare_v2(raw, "SELECT sum(pgsize) FROM dbstat WHERE name IN ('pos')", -1, &s,
                               NULL) == SQLITE_OK &&
            sqlite3_step(s) == SQLITE_ROW) {
            pages = sqlite3_column_int64(s, 0);
            printf("size: %.1f bytes per stored position (table pos, clustered on "
                   "identity+time: table and index are one B-tree; target <= 50)\n",
                   (double)pages / (double)n);
            sqlite3_finalize(s);
        } else {
            sqlite3_stmt *q;
            sqlite3_finalize(s);
            if (sqlite3_prepare_v2(raw, "PRAGMA page_count", -1, &q, NULL) == SQLITE_OK &&
                sqlite3_step(q) == SQLITE_ROW) {
                pages = sqlite3_column_int64(q, 0);
            }
            sqlite3_finalize(q);
            if (sqlite3_prepare_v2(raw, "PRAGMA page_size", -1, &q, NULL) == SQLITE_OK &&
                sqlite3_step(q) == SQLITE_ROW) {
                page_size = sqlite3_column_int64(q, 0);
            }
            sqlite3_finalize(q);
            printf("size: %.1f bytes per stored position (whole file; target <= 50)\n",
                   (double)(pages * page_size) / (double)n);
        }
        sqlite3_close(raw);
    }
    if (argc <= 2) {
        bench_unlink_db(db);
    }
    return 0;
}
