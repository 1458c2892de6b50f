/*
 * avsim.h - a deterministic aviation scenario generator for tests and
 * benchmarks: builds a struct gt_fleet directly, with the truth kept
 * beside it (flights, dark legs, in-coverage switch-offs, legs removed
 * from the second source).
 *
 * Flights are great circles between airports of the built-in table at a
 * type's cruise speed, with ground fixes before take-off and after
 * landing, an altitude profile climbing and descending at 120 ft per km,
 * and a fix every step_s seconds.  Nothing is heard inside the ocean box
 * (the mid-Atlantic, no receivers): crossings have coverage gaps that are
 * not suspicious.  Every fix is written to source 1 ("archive") and, unless
 * the flight is hidden, to source 2 ("tracker").
 */
#ifndef GT_AVSIM_H
#define GT_AVSIM_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "ghosttrack/airports.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/track.h"

#define AVSIM_MAX_TRUTH 4096

enum avsim_kind {
    AVSIM_NORMAL = 0,
    AVSIM_DARK_UNSEEN = 1, /* transponder off from gate to gate */
    AVSIM_DARK_ENDS = 2,   /* take-off and landing unheard, cruise heard */
    AVSIM_SWITCHOFF = 3    /* off for a while at altitude inside coverage */
};

struct avsim_flight {
    uint32_t icao;
    char from[8], to[8];
    int64_t dep_ms, arr_ms;
    enum avsim_kind kind;
    int hidden;            /* missing from source 2 */
    int64_t off_ms, on_ms; /* the switch-off window (AVSIM_SWITCHOFF) */
    int ocean_gap;         /* crosses the unheard ocean box */
};

struct avsim {
    struct gt_fleet fleet;
    const struct gt_airports *ap;
    struct avsim_flight truth[AVSIM_MAX_TRUTH];
    size_t ntruth;
    uint64_t rng;
    double step_s;
    int two_sources;
    uint64_t seq;
};

static inline double avsim_rand(struct avsim *s)
{
    s->rng = s->rng * 6364136223846793005ull + 1442695040888963407ull;
    return (double)(s->rng >> 11) / 9007199254740992.0;
}

/* Inside the unheard ocean box? */
static inline int avsim_ocean(double lat, double lon)
{
    return lon > -55 && lon < -22 && lat > -5 && lat < 55;
}

static inline int avsim_add(struct avsim *s, uint32_t icao, int64_t t_ms, double lat, double lon,
                            int alt_ft, double kn, int ground, int hidden)
{
    struct gt_obs o;
    int src, rc = GT_OK;

    gt_obs_init(&o);
    o.id.kind = GT_ID_ICAO;
    o.id.value = icao;
    o.t_ms = t_ms;
    o.lat_deg = lat;
    o.lon_deg = lon;
    o.alt_ft = alt_ft;
    o.speed_kn = (float)kn;
    o.on_ground = (uint8_t)(ground != 0);
    o.flags = GT_OBS_POS | GT_OBS_ALT | GT_OBS_SPEED | GT_OBS_GROUND | GT_OBS_TIME;
    o.prov.kind = GT_PROV_FILE;
    o.prov.input_id = 1;
    for (src = 1; src <= (s->two_sources ? 2 : 1) && rc == GT_OK; src++) {
        if (src == 2 && hidden) {
            break;
        }
        o.source_id = (uint32_t)src;
        o.prov.pos = s->seq++;
        rc = gt_fleet_add_obs(&s->fleet, &o);
    }
    return rc;
}

/* Fly icao from airport a to b departing at dep_ms; returns the landing
 * time (ms) and records the truth. */
static inline int64_t avsim_fly(struct avsim *s, uint32_t icao, const char *a, const char *b,
                                int64_t dep_ms, double kn, enum avsim_kind kind, int hidden)
{
    const struct gt_airport *pa = gt_airports_find(s->ap, a), *pb = gt_airports_find(s->ap, b);
    struct gt_latlon la = {pa->lat_deg, pa->lon_deg}, lb = {pb->lat_deg, pb->lon_deg};
    double dist_m = gt_geo_distance_m(la, lb), brg = gt_geo_bearing_deg(la, lb);
    double v_ms = kn * GT_KN_MS, dur_s = dist_m / v_ms, t;
    int64_t arr_ms = dep_ms + (int64_t)(dur_s * 1000.0);
    struct avsim_flight *tr = &s->truth[s->ntruth < AVSIM_MAX_TRUTH ? s->ntruth++ : 0];
    int i, rc = GT_OK;

    if (kind == AVSIM_SWITCHOFF && dur_s < 2.5 * 3600) {
        kind = AVSIM_NORMAL; /* too short to switch off at altitude and come back */
    }
    memset(tr, 0, sizeof *tr);
    tr->icao = icao;
    memcpy(tr->from, a, strlen(a) + 1);
    memcpy(tr->to, b, strlen(b) + 1);
    tr->dep_ms = dep_ms;
    tr->arr_ms = arr_ms;
    tr->kind = kind;
    tr->hidden = hidden;
    if (kind == AVSIM_SWITCHOFF) { /* 40 to 70 minutes off at altitude */
        double off = dur_s * (0.3 + 0.1 * avsim_rand(s));
        double on = fmin(off + (40 + 30 * avsim_rand(s)) * 60.0, dur_s * 0.8);
        tr->off_ms = dep_ms + (int64_t)(off * 1000.0);
        tr->on_ms = dep_ms + (int64_t)(on * 1000.0);
    }
    if (kind == AVSIM_DARK_UNSEEN) {
        return arr_ms;
    }
    for (i = 0; i < 4 && kind != AVSIM_DARK_ENDS && rc == GT_OK; i++) { /* taxi out */
        rc = avsim_add(s, icao, dep_ms - (4 - i) * 60000, la.lat_deg + 0.002 * i, la.lon_deg, 0, 12,
                       1, hidden);
    }
    for (t = 20; t < dur_s && rc == GT_OK; t += s->step_s) {
        double d = t * v_ms, rest = dist_m - d;
        struct gt_latlon p = gt_geo_destination(la, brg, d);
        double alt = fmin(35000.0, fmin(d, rest) / 1000.0 * 120.0);
        int64_t tm = dep_ms + (int64_t)(t * 1000.0);
        if (avsim_ocean(p.lat_deg, p.lon_deg)) {
            tr->ocean_gap = 1;
            continue;
        }
        if (kind == AVSIM_DARK_ENDS && (t < dur_s * 0.25 || t > dur_s * 0.75)) {
            continue;
        }
        if (kind == AVSIM_SWITCHOFF && tm >= tr->off_ms && tm < tr->on_ms) {
            continue;
        }
        rc = avsim_add(s, icao, tm, p.lat_deg, p.lon_deg, (int)alt, kn, 0, hidden);
    }
    for (i = 0; i < 4 && kind != AVSIM_DARK_ENDS && rc == GT_OK; i++) { /* taxi in */
        rc = avsim_add(s, icao, arr_ms + (i + 1) * 60000, lb.lat_deg + 0.002 * i, lb.lon_deg, 0, 12,
                       1, hidden);
    }
    return rc == GT_OK ? arr_ms : -1;
}

#endif /* GT_AVSIM_H */
