/*
 * fuzz_flights.c - the aviation detectors on arbitrary tracks.  The input
 * is read as 8-byte records: time step (s), latitude, longitude, altitude
 * (100 ft), on-ground / flag bits, identity and source; the fleet is then
 * given to every aviation detector with the built-in airports.  Flights
 * must stay inside the track and in time order.
 */
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/airports.h"
#include "ghosttrack/flight.h"
#include "ghosttrack/detect.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/ref.h"
#include "fuzz.h"

static int ignore(const struct gt_event *e, void *ud)
{
    (void)e;
    (void)ud;
    return GT_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct gt_airports *ap;
    struct gt_fleet f;
    struct gt_ref ref = {NULL, NULL, NULL, NULL};
    struct gt_detect_input in;
    struct gt_flight_params p;
    int64_t t = 1551484800000;
    size_t i, k;

    if (ap == NULL && gt_airports_builtin(&ap) != GT_OK) {
        return 0;
    }
    gt_fleet_init(&f, 4096);
    for (i = 0; i + 8 <= size; i += 8) {
        const uint8_t *r = data + i;
        struct gt_obs o;
        gt_obs_init(&o);
        t += (int64_t)r[0] * (r[5] & 0x80 ? 60000 : 1000);
        o.t_ms = t;
        o.id.kind = GT_ID_ICAO;
        o.id.value = 0x400000u + (r[6] & 3u);
        o.source_id = 1u + ((r[6] >> 2) & 1u);
        o.lat_deg = 50.0 + ((int)r[1] - 128) * 0.05;
        o.lon_deg = ((int)r[2] - 128) * 0.05 + ((r[7] & 1) ? 179.0 : 0.0);
        o.alt_ft = (int32_t)r[3] * 150;
        o.on_ground = (uint8_t)(r[4] & 1);
        o.speed_kn = (float)(r[4] >> 1) * 4.0f;
        o.flags = GT_OBS_POS | ((r[5] & 1) ? GT_OBS_ALT : 0u) | ((r[5] & 2) ? GT_OBS_GROUND : 0u) |
                  ((r[5] & 4) ? GT_OBS_SPEED : 0u);
        if (gt_fleet_add_obs(&f, &o) != GT_OK) {
            break;
        }
    }
    gt_fleet_sort(&f);
    gt_flight_params_init(&p, NULL);
    for (i = 0; i < f.n; i++) {
        struct gt_flight *fl;
        size_t n;
        if (gt_flight_itinerary(&f.tracks[i], ap, 450, &p, &fl, &n) != GT_OK) {
            continue;
        }
        for (k = 0; k < n; k++) {
            if (fl[k].first >= f.tracks[i].n || fl[k].last >= f.tracks[i].n ||
                fl[k].start_ms > fl[k].end_ms || (k > 0 && fl[k].start_ms < fl[k - 1].start_ms) ||
                !(fl[k].observed_fraction >= 0 && fl[k].observed_fraction <= 1)) {
                abort();
            }
        }
        gt_free(fl);
    }
    ref.airports = ap;
    in.fleet = &f;
    in.params = NULL;
    in.ref = &ref;
    if (gt_detect_run(&in, "flight,air_gap,source_diff,air_spoof,air_identity", ignore, NULL) ==
        GT_ERR_INVAL) {
        abort(); /* every name is registered */
    }
    gt_fleet_release(&f);
    return 0;
}
