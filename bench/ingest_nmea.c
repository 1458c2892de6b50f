/*
 * bench/ingest_nmea.c - the whole NMEA file -> database path: a
 * time-ordered AIS feed as a shore network logs it (tag blocks with
 * station and receive time, position reports, type 5 static data every six
 * minutes per vessel) is written to a file, then ingested into a new SQLite
 * store three times through gt_ingest_path(), exactly what
 * `ghosttrack ingest --db DB FILE` runs.  Prints lines/s of the best and
 * median run (wall and CPU), positions and facts stored, and, when
 * Debian's gpsdecode is installed, how long `gpsdecode -u -c` takes only to
 * decode the same file (best of three), as a ratio.
 *
 *   build/bench/ingest_nmea [LINES] [DIR [keep|feed]]
 *       LINES of NMEA (default 2*10^6); DIR for the feed and database
 *       (default /tmp; both removed, the feed kept with "keep"; with
 *       "feed" only the feed is written, for bench/scale.sh)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/encode.h"
#include "ghosttrack/ingest.h"
#include "ghosttrack/store.h"

#include "bench.h"

#define VESSELS  3000
#define PERIOD_S 10  /* each vessel reports every 10 s */
#define STATIC_S 360 /* and sends type 5 every 6 minutes */
#define RUNS     3

/* Write the feed; returns the number of lines, 0 on error. */
static long long write_feed(const char *path, long long want)
{
    static const char *const stations[] = {"rx-north", "rx-south", "rx-east", "rx-west"};
    FILE *f = fopen(path, "w");
    struct gt_buf b;
    long long lines = 0;
    int64_t t = 1600000000;
    unsigned seq = 0;
    int v;

    if (f == NULL) {
        return 0;
    }
    gt_buf_init(&b, 1u << 20);
    while (lines < want) {
        for (v = (int)(t % PERIOD_S); v < VESSELS && lines < want; v += PERIOD_S) {
            char payload[GT_AIS_PAYLOAD_MAX];
            unsigned fill = 0;
            int n;
            double k = (double)(t - 1600000000) / 3600.0; /* hours since start */
            const char *stn = stations[v % 4];

            if (t % STATIC_S == v % STATIC_S) {
                struct gt_ais_static s;
                memset(&s, 0, sizeof s);
                s.mmsi = 211000000u + (uint32_t)v;
                s.imo = 9000000u + (uint32_t)v;
                snprintf(s.callsign, sizeof s.callsign, "DA%04d", v);
                snprintf(s.name, sizeof s.name, "BENCH VESSEL %d", v);
                s.ship_type = 70 + (unsigned)(v % 20);
                s.to_bow_m = 100;
                s.to_stern_m = 20;
                s.to_port_m = 10;
                s.to_starboard_m = 10;
                s.epfd = 1;
                s.eta_hour = 24;
                s.eta_minute = 60;
                s.draught_m = 8.5;
                snprintf(s.destination, sizeof s.destination, "PORT %d", v % 50);
                if (gt_encode_ais_type5(&s, payload, sizeof payload, &fill) < 0) {
                    goto fail;
                }
            } else {
                struct gt_ais_pos m;
                memset(&m, 0, sizeof m);
                m.type = 1;
                m.mmsi = 211000000u + (uint32_t)v;
                m.has_pos = 1;
                m.lat_deg = -50.0 + 100.0 * (double)v / VESSELS + 0.01 * k;
                m.lon_deg = -170.0 + 340.0 * (double)((v * 7919) % VESSELS) / VESSELS + 0.02 * k;
                m.sog_kn = 12.0 + (double)(v % 7);
                m.cog_deg = (double)(v % 360);
                m.heading_deg = v % 360;
                m.second = (unsigned)(t % 60);
                m.rot = -128;
                if (gt_encode_ais_pos(&m, payload, sizeof payload, &fill) < 0) {
                    goto fail;
                }
            }
            gt_buf_reset(&b);
            n = gt_encode_nmea_wrap(payload, fill, (v & 1) ? 'B' : 'A', seq++ % 10, stn, t, &b);
            if (n < 0 || fwrite(gt_buf_str(&b), 1, b.len, f) != b.len) {
                goto fail;
            }
            lines += n;
        }
        t++;
    }
    gt_buf_release(&b);
    if (fclose(f) != 0) {
        return 0;
    }
    return lines;
fail:
    gt_buf_release(&b);
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    long long want = argc > 1 ? atoll(argv[1]) : 2000000LL, lines;
    const char *dir = argc > 2 ? argv[2] : "/tmp";
    char feed[512], db[512], cmd[1200];
    double wall[RUNS], cpu[RUNS], g = 0;
    struct gt_ingest_stats last;
    int r;

    snprintf(feed, sizeof feed, "%s/gt_bench_feed.nmea", dir);
    snprintf(db, sizeof db, "%s/gt_bench_feed.db", dir);
    lines = write_feed(feed, want);
    if (lines == 0) {
        fprintf(stderr, "bench: cannot write %s\n", feed);
        return 1;
    }
    if (argc > 3 && strcmp(argv[3], "feed") == 0) {
        printf("%lld lines in %s\n", lines, feed);
        return 0;
    }
    memset(&last, 0, sizeof last);
    for (r = 0; r < RUNS; r++) {
        struct gt_store *st = NULL;
        struct gt_ingest *in = NULL;
        struct gt_ingest_opts o;
        double t0, c0;
        int rc;

        bench_unlink_db(db);
        memset(&o, 0, sizeof o);
        t0 = bench_now_s();
        c0 = bench_cpu_s();
        rc = gt_store_open(db, GT_STORE_CREATE, &st);
        if (rc == GT_OK) {
            rc = gt_ingest_new(st, &o, &in);
        }
        if (rc == GT_OK) {
            rc = gt_ingest_path(in, feed);
        }
        if (rc == GT_OK) {
            last = *gt_ingest_stats(in);
        }
        if (rc != GT_OK) {
            fprintf(stderr, "bench: ingest failed: %s\n",
                    in != NULL ? gt_ingest_errmsg(in) : gt_store_errmsg(st));
            return 1;
        }
        gt_ingest_free(in);
        gt_store_close(st);
        wall[r] = bench_now_s() - t0;
        cpu[r] = bench_cpu_s() - c0;
    }
    printf("feed: %lld NMEA lines (%d vessels, tag blocks, type 5 every %d s), %llu positions "
           "and %llu facts stored, %llu rejected\n",
           lines, VESSELS, STATIC_S, (unsigned long long)last.positions,
           (unsigned long long)last.facts, (unsigned long long)last.rejected);
    for (r = 0; r < RUNS; r++) {
        printf("run %d: %.2f s wall = %.0f lines/s; %.2f s CPU = %.0f lines per CPU-second\n",
               r + 1, wall[r], (double)lines / wall[r], cpu[r], (double)lines / cpu[r]);
    }
    qsort(wall, RUNS, sizeof wall[0], bench_cmp_double);
    qsort(cpu, RUNS, sizeof cpu[0], bench_cmp_double);
    printf("file -> database: best %.0f lines/s (median %.0f) wall, best %.0f lines per "
           "CPU-second (target >= 500000)\n",
           (double)lines / wall[0], (double)lines / wall[RUNS / 2], (double)lines / cpu[0]);

    snprintf(cmd, sizeof cmd, "gpsdecode -u -c < '%s' > /dev/null 2>&1", feed);
    if (system("command -v gpsdecode > /dev/null 2>&1") == 0) {
        for (r = 0; r < RUNS; r++) {
            double t0 = bench_now_s(), t;
            if (system(cmd) != 0) {
                g = 0;
                break;
            }
            t = bench_now_s() - t0;
            g = r == 0 || t < g ? t : g;
        }
        if (g > 0) {
            printf("gpsdecode -u -c, decode only: best %.2f s = %.0f lines/s; ghosttrack "
                   "decodes and stores at %.2fx its rate\n",
                   g, (double)lines / g, g / wall[0]);
        }
    } else {
        printf("gpsdecode: not installed, no ratio\n");
    }
    bench_unlink_db(db);
    if (argc <= 3 || strcmp(argv[3], "keep") != 0) {
        unlink(feed);
    }
    return 0;
}
