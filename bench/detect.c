/*
 * bench/detect.c - throughput of the maritime detectors on a generated
 * fleet of 10^7 positions (or GT_BENCH_POSITIONS), with peak memory.
 *
 * The fleet: vessels reporting every 6 minutes for about four days over the
 * open ocean; one in five sits in a cluster of ten slow ships (anchorages,
 * ship-to-ship meeting points, so the encounter hash has neighbours to
 * compare), one in ten loiters for a while, one in twenty goes dark for a
 * day (its 240 silent positions are not generated).  Figures printed:
 *
 *   segmentation                gt_segment_track() over every track
 *   segmentation+gaps+loiter    gt_detect_run("ais_gap,loiter"): both
 *                               detectors, each segmenting the fleet
 *   encounters                  gt_detect_run("encounter")
 *
 *   all maritime detectors      every maritime detector but dark_sts
 *                               (ships also send a name every 6 hours;
 *                               one in a hundred is renamed)
 *
 * as positions per second, and ru_maxrss after each stage.  Land and ports
 * are the installed Natural Earth file (when found) and the built-in table.
 * Targets (ARCHITECTURE.md): >= 5 M positions/s for segmentation + gaps +
 * loitering, >= 2 M positions/s for encounters.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "ghosttrack/detect.h"
#include "ghosttrack/land.h"
#include "ghosttrack/ports.h"
#include "ghosttrack/segment.h"
#include "ghosttrack/track.h"

#include "bench.h"

#define T0 1704067200000LL

static uint32_t rng = 12345;

static double uni(double a, double b)
{
    rng = rng * 1664525u + 1013904223u;
    return a + (b - a) * (double)(rng >> 8) / 16777216.0;
}

static size_t nevents;

static int count(const struct gt_event *e, void *ud)
{
    (void)e;
    (void)ud;
    nevents++;
    return GT_OK;
}

/* Fill the track of vessel v with npts positions. */
static int make_vessel(struct gt_fleet *f, uint32_t v, size_t npts, double clat, double clon,
                       double ccourse, int slow, int loiter, int dark)
{
    struct gt_ident id = {GT_ID_MMSI, 200000000u + v * 7u, 0};
    struct gt_track *t = gt_fleet_track(f, id);
    double lat = clat + (slow ? uni(-0.01, 0.01) : 0), lon = clon + (slow ? uni(-0.01, 0.01) : 0);
    double course = slow ? ccourse : uni(0, 360), kn = slow ? 0.3 : uni(8, 14);
    size_t k, loit0 = (size_t)uni(0, (double)npts / 2), dark0 = (size_t)uni(0, (double)npts / 2);
    int64_t t_ms = T0 + (int64_t)uni(0, 360000);

    if (t == NULL) {
        return -1;
    }
    for (k = 0; k < npts; k += 60) { /* static data every 6 hours */
        struct gt_ident_obs io;
        memset(&io, 0, sizeof io);
        io.t_ms = t_ms + (int64_t)k * 360000;
        io.id = id;
        io.field = GT_FIELD_NAME;
        snprintf(io.value, sizeof io.value, "SHIP %u%s", v,
                 v % 100 == 1 && k > npts / 2 ? " II" : "");
        if (gt_fleet_add_fact(f, &io) != GT_OK) {
            return -1;
        }
    }
    for (k = 0; k < npts; k++) {
        struct gt_point p;
        double v_kn = kn;
        if (loiter && k >= loit0 && k < loit0 + 80) {
            v_kn = 0.5;
        }
        t_ms += 360000;
        lat += v_kn * 0.1 / 60.0 * cos(course * 3.14159265358979 / 180.0);
        lon += v_kn * 0.1 / 60.0 * sin(course * 3.14159265358979 / 180.0);
        if (lat > 60 || lat < -60) {
            course = 180.0 - course;
        }
        if (dark && k >= dark0 && k < dark0 + 240) {
            continue; /* a day without transmissions */
        }
        memset(&p, 0, sizeof p);
        p.t_ms = t_ms;
        p.lat_deg = lat;
        p.lon_deg = lon;
        p.speed_kn = (float)(v_kn + uni(-0.1, 0.1));
        p.course_deg = (float)(course < 0 ? course + 360 : course);
        p.flags = GT_OBS_POS | GT_OBS_SPEED | GT_OBS_NAVSTAT;
        p.rx = GT_RX_SATELLITE;
        p.prov.kind = GT_PROV_FILE;
        p.prov.input_id = 1;
        p.prov.pos = (uint64_t)v * npts + k;
        if (gt_track_push(t, &p) != GT_OK) {
            return -1;
        }
    }
    return 0;
}

int main(void)
{
    const char *env = getenv("GT_BENCH_POSITIONS");
    size_t total = env ? (size_t)strtoull(env, NULL, 10) : 10200000u; /* >= 10^7 kept */
    size_t per = 1000, nv = total / per, v, i, npts = 0;
    struct gt_fleet f;
    struct gt_land *land = NULL;
    struct gt_ports *ports = NULL;
    struct gt_ref ref;
    struct gt_detect_input in;
    double t0, dt;
    double clat = 0, clon = 0, ccourse = 0;

    gt_fleet_init(&f, per + 10);
    for (v = 0; v < nv; v++) {
        int slow = v % 5 == 0;
        double lat = uni(-50, 50), lon = uni(-170, 170);
        if (v % 50 == 0) { /* a new cluster centre every ten slow ships */
            clat = uni(-50, 50);
            clon = uni(-170, 170);
            ccourse = uni(0, 360); /* a cluster drifts together */
        }
        if (slow) {
            lat = clat;
            lon = clon;
        }
        if (make_vessel(&f, (uint32_t)v, per, lat, lon, ccourse, slow, v % 10 == 3, v % 20 == 7) !=
            0) {
            fprintf(stderr, "out of memory building the fleet\n");
            return 1;
        }
    }
    gt_fleet_sort(&f);
    for (i = 0; i < f.n; i++) {
        npts += f.tracks[i].n;
    }
    if (gt_land_load_default(getenv("GT_LAND"), getenv("GT_ROOT"), &land) != GT_OK) {
        land = NULL;
    }
    if (gt_ports_load_default(getenv("GT_PORTS"), &ports) != GT_OK) {
        ports = NULL;
    }
    memset(&ref, 0, sizeof ref);
    ref.land = land;
    ref.ports = ports;
    in.fleet = &f;
    in.params = NULL;
    in.ref = &ref;
    printf("fleet: %zu vessels, %zu positions, land %s, %zu ports, rss %ld MB\n", f.n, npts,
           land ? "loaded" : "absent", ports ? ports->n : (size_t)0, bench_maxrss_mb());

    t0 = bench_now_s();
    for (i = 0; i < f.n; i++) {
        struct gt_segs s;
        if (gt_segment_track(&f.tracks[i], NULL, &s) != GT_OK) {
            return 1;
        }
        gt_segs_release(&s);
    }
    dt = bench_now_s() - t0;
    printf("segmentation:             %7.3f s %6.2f M positions/s, rss %ld MB\n", dt,
           (double)npts / dt / 1e6, bench_maxrss_mb());

    nevents = 0;
    t0 = bench_now_s();
    if (gt_detect_run(&in, "ais_gap,loiter", count, NULL) != GT_OK) {
        return 1;
    }
    dt = bench_now_s() - t0;
    printf("segmentation+gaps+loiter: %7.3f s %6.2f M positions/s, %zu events, rss %ld MB\n", dt,
           (double)npts / dt / 1e6, nevents, bench_maxrss_mb());

    nevents = 0;
    t0 = bench_now_s();
    if (gt_detect_run(&in, "encounter", count, NULL) != GT_OK) {
        return 1;
    }
    dt = bench_now_s() - t0;
    printf("encounters:               %7.3f s %6.2f M positions/s, %zu events, rss %ld MB\n", dt,
           (double)npts / dt / 1e6, nevents, bench_maxrss_mb());
    nevents = 0;
    t0 = bench_now_s();
    if (gt_detect_run(&in, "ais_gap,loiter,encounter,port_call,ais_spoof,ais_identity", count,
                      NULL) != GT_OK) {
        return 1;
    }
    dt = bench_now_s() - t0;
    printf("all maritime detectors:   %7.3f s %6.2f M positions/s, %zu events, rss %ld MB\n", dt,
           (double)npts / dt / 1e6, nevents, bench_maxrss_mb());
    printf("peak memory (ru_maxrss): %ld MB\n", bench_maxrss_mb());
    gt_fleet_release(&f);
    gt_land_free(land);
    gt_ports_free(ports);
    return 0;
}
