/*
 * flights.c - benchmark of the fleet query behind `ghosttrack flights`:
 * legs and itineraries for every aircraft, and the same restricted to one
 * ICAO type designator, over at least 10^7 generated positions (the
 * scenario generator of tests/unit/avsim.h, one fix every 10 s).
 *
 *   build/bench/flights [AIRCRAFT]     (default 1400 aircraft, ~1.1e7 fixes)
 *
 * Prints positions, seconds and positions per second for each query.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../tests/unit/avsim.h"
#include "ghosttrack/aircraftdb.h"
#include "ghosttrack/flight.h"
#include "ghosttrack/detect.h"

#include "bench.h"

static const char *const hubs[] = {"EGLL", "LFPG", "EDDF", "EHAM", "LEMD", "LIRF", "UUEE",
                                   "UUWW", "LTFM", "KJFK", "KATL", "KORD", "KMIA", "SVMI",
                                   "MUHA", "MMMX", "SKBO", "KDEN", "OMDB", "VIDP"};
static const char *const types[] = {"IL76", "IL62", "B738", "A320", "B77W", "A359", "C17", "E190"};

static int count_cb(const struct gt_event *e, void *ud)
{
    (void)e;
    (*(size_t *)ud)++;
    return GT_OK;
}

int main(int argc, char **argv)
{
    static struct avsim s;
    struct gt_airports *ap;
    struct gt_flight_params p;
    size_t nac = argc > 1 ? strtoul(argv[1], NULL, 10) : 1400, i, npts = 0, nfl = 0, ndark = 0;
    size_t nsel = 0, nev = 0;
    struct gt_ref ref = {NULL, NULL, NULL, NULL};
    struct gt_detect_input in;
    double t0, t1;

    if (gt_airports_builtin(&ap) != GT_OK) {
        return 1;
    }
    gt_fleet_init(&s.fleet, 1000000);
    s.ap = ap;
    s.step_s = 10;
    s.rng = 42;
    t0 = bench_now_s();
    for (i = 0; i < nac; i++) {
        uint32_t icao = 0x100000 + (uint32_t)i;
        int64_t t = 1551484800000 + (int64_t)(avsim_rand(&s) * 6 * 3600000);
        const char *at = hubs[(size_t)(avsim_rand(&s) * 20) % 20];
        struct gt_ident_obs io;
        int k;
        memset(&io, 0, sizeof io);
        io.id.kind = GT_ID_ICAO;
        io.id.value = icao;
        io.t_ms = t;
        io.field = GT_FIELD_TYPECODE;
        snprintf(io.value, sizeof io.value, "%s", types[i % 8]);
        if (gt_fleet_add_fact(&s.fleet, &io) != GT_OK) {
            return 1;
        }
        for (k = 0; k < 6; k++) {
            const char *to = hubs[(size_t)(avsim_rand(&s) * 20) % 20];
            double r = avsim_rand(&s);
            if (to == at) {
                continue;
            }
            t = avsim_fly(&s, icao, at, to, t, 450,
                          r < 0.1   ? AVSIM_DARK_UNSEEN
                          : r < 0.2 ? AVSIM_DARK_ENDS
                                    : AVSIM_NORMAL,
                          0);
            if (t < 0) {
                fprintf(stderr, "out of memory\n");
                return 1;
            }
            t += (int64_t)((1 + avsim_rand(&s) * 6) * 3600000);
            at = to;
        }
    }
    gt_fleet_sort(&s.fleet);
    for (i = 0; i < s.fleet.n; i++) {
        npts += s.fleet.tracks[i].n;
    }
    printf("generated %zu aircraft, %zu positions in %.2f s\n", s.fleet.n, npts,
           bench_now_s() - t0);

    gt_flight_params_init(&p, NULL);
    t0 = bench_now_s();
    for (i = 0; i < s.fleet.n; i++) {
        const struct gt_track *t = &s.fleet.tracks[i];
        struct gt_flight *fl;
        size_t n, k;
        const char *tc = gt_flight_typecode(&s.fleet, NULL, t->id);
        if (gt_flight_itinerary(t, ap, gt_aircraft_cruise_kn(tc), &p, &fl, &n) != GT_OK) {
            return 1;
        }
        nfl += n;
        for (k = 0; k < n; k++) {
            ndark += (fl[k].flags & GT_FLIGHT_DARK) != 0;
        }
        gt_free(fl);
    }
    t1 = bench_now_s() - t0;
    printf("itineraries, all aircraft: %zu flights (%zu dark) over %zu positions in %.3f s "
           "(%.1f M positions/s)\n",
           nfl, ndark, npts, t1, (double)npts / t1 / 1e6);

    t0 = bench_now_s();
    nfl = 0;
    for (i = 0; i < s.fleet.n; i++) {
        const struct gt_track *t = &s.fleet.tracks[i];
        struct gt_flight *fl;
        size_t n;
        const char *tc = gt_flight_typecode(&s.fleet, NULL, t->id);
        if (tc == NULL || strcmp(tc, "IL76") != 0) {
            continue;
        }
        nsel++;
        if (gt_flight_itinerary(t, ap, gt_aircraft_cruise_kn(tc), &p, &fl, &n) != GT_OK) {
            return 1;
        }
        nfl += n;
        gt_free(fl);
    }
    printf("itineraries, --typecode IL76: %zu aircraft, %zu flights in %.3f s\n", nsel, nfl,
           bench_now_s() - t0);

    ref.airports = ap;
    in.fleet = &s.fleet;
    in.params = NULL;
    in.ref = &ref;
    t0 = bench_now_s();
    if (gt_detect_run(&in, "flight,air_gap", count_cb, &nev) != GT_OK) {
        return 1;
    }
    t1 = bench_now_s() - t0;
    printf("detect flight,air_gap: %zu events in %.3f s (%.1f M positions/s)\n", nev, t1,
           (double)npts / t1 / 1e6);
    gt_fleet_release(&s.fleet);
    gt_airports_free(ap);
    return 0;
}
