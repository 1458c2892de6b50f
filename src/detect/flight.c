/*
 * flight.c - flight legs, airports, itineraries with dark legs, and the
 * "flight" detector (see aviation.h).
 *
 * Practice followed: the `traffic` library (xoolive/traffic) splits a
 * trajectory where the data stop, with a shorter threshold near the
 * ground; EUROCONTROL's Open Performance Data Initiative (OPDI) identifies
 * flights from ADS-B and attaches the departure / arrival aerodrome
 * nearest to low fixes.  Investigators' practice (the Il-62 RA-86496
 * Moscow -> Rabat -> Caracas reconstruction) adds the dark legs: where a
 * take-off or landing was not heard, the airport is the neighbouring
 * leg's, if the aircraft could have flown there at cruise speed.
 *
 * Passes over one track:
 *   1. segments: cut where the time between fixes exceeds split_low_s
 *      (either fix on the ground or low) or split_high_s (at altitude);
 *   2. legs: the airborne runs of each segment, with the ground fix on each
 *      side when there is one (one isolated ground fix inside an airborne
 *      run is decoder noise and does not end the run);
 *   3. airports: first / last fix below attach_ft within attach_km;
 *   4. itinerary: legs joined where a gap leaves no time for a stop, then
 *      each unobserved end inferred from its neighbour, and an unseen
 *      flight inserted where one flight lands at A and the next departs
 *      from B.
 * Everything is linear in the number of points apart from airport lookups
 * (one grid query per leg end).
 */
#include <math.h>
#include <string.h>

#include "detect_int.h"
#include "ghosttrack/aircraftdb.h"
#include "ghosttrack/airports.h"
#include "ghosttrack/flight.h"
#include "ghosttrack/esc.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/time.h"

void gt_flight_params_init(struct gt_flight_params *p, const struct gt_params *params)
{
    p->split_low_s = 60.0 * gt_params_num(params, "air.split_low_min", 10);
    p->split_high_s = 60.0 * gt_params_num(params, "air.split_high_min", 30);
    p->low_ft = gt_params_num(params, "air.low_ft", 3281);
    p->ground_kn = gt_params_num(params, "air.ground_kn", 35);
    p->attach_ft = gt_params_num(params, "air.attach_ft", 10000);
    p->attach_km = gt_params_num(params, "air.attach_km", 10);
    p->infer_km = gt_params_num(params, "air.infer_km", 300);
    p->turnaround_s = 60.0 * gt_params_num(params, "air.turnaround_min", 30);
    p->min_leg_s = 60.0 * gt_params_num(params, "air.min_leg_min", 2);
}

/* Is the aircraft on the ground at p?  The ground flag when present, else
 * a speed no aeroplane flies at. */
int gt__air_on_ground(const struct gt_point *pt, const struct gt_flight_params *p)
{
    if (pt->flags & GT_OBS_GROUND) {
        return pt->on_ground != 0;
    }
    return (pt->flags & GT_OBS_SPEED) && (double)pt->speed_kn < p->ground_kn;
}

/* Is the fix on the ground or low (or of unknown altitude)? */
static int is_low(const struct gt_point *pt, const struct gt_flight_params *p)
{
    return gt__air_on_ground(pt, p) || !(pt->flags & GT_OBS_ALT) || pt->alt_ft < p->low_ft;
}

/* Seconds from a_ms to b_ms (negative when b is earlier).  The one place
 * where millisecond integers become floating-point seconds. */
double gt__air_dt_s(int64_t a_ms, int64_t b_ms)
{
    return (double)(b_ms - a_ms) / 1000.0;
}

/* Great-circle distance between two fixes, km. */
double gt__air_km(const struct gt_point *a, const struct gt_point *b)
{
    struct gt_latlon x = {a->lat_deg, a->lon_deg}, y = {b->lat_deg, b->lon_deg};
    return gt_geo_distance_m(x, y) / 1000.0;
}

/* Great-circle distance from a fix to an airport's reference point, km. */
static double km_to(const struct gt_point *a, const struct gt_airport *ap)
{
    struct gt_latlon x = {a->lat_deg, a->lon_deg}, y = {ap->lat_deg, ap->lon_deg};
    return gt_geo_distance_m(x, y) / 1000.0;
}

/* Great-circle distance between two airports, km. */
static double km_between(const struct gt_airport *a, const struct gt_airport *b)
{
    struct gt_latlon x = {a->lat_deg, a->lon_deg}, y = {b->lat_deg, b->lon_deg};
    return gt_geo_distance_m(x, y) / 1000.0;
}

/* The airport a stop or departure far from the fix was most likely at.
 * Candidates are the medium and large airports (OurAirports' classes for
 * airports with regular jet traffic) within max_km; with none, the nearest
 * airport of any size.  Seen from tens of km (an unheard landing, a climb
 * seen only once the aircraft is well away) the fix's distance to the
 * runway is known to about half of itself (downwind legs, departure
 * turns), so the candidates within max(10 km, half the nearest distance)
 * of the nearest cannot be told apart by geometry: the one with the
 * longest runway, which takes the larger aircraft, is chosen, then the
 * larger class, then the nearer.  At low altitude within attach_km the
 * nearest airport is taken as it is (attach()). */
static const struct gt_airport *jet_airport(const struct gt_airports *ap, double lat_deg,
                                            double lon_deg, double max_km, double *km)
{
    const struct gt_airport *best = NULL;
    struct gt_latlon q = {lat_deg, lon_deg};
    double near_km = -1, best_km = 0, tol;
    size_t i, n = gt_airports_count(ap);

    /* pass 1: the nearest candidate; pass 2: the longest runway among
     * those it cannot be told from */
    for (i = 0; i < n; i++) {
        const struct gt_airport *a = gt_airports_get(ap, i);
        struct gt_latlon x;
        double d;
        if (a == NULL || a->size < 2 || fabs(a->lat_deg - lat_deg) * 111.0 > max_km) {
            continue;
        }
        x.lat_deg = a->lat_deg;
        x.lon_deg = a->lon_deg;
        d = gt_geo_distance_m(q, x) / 1000.0;
        if (d <= max_km && (near_km < 0 || d < near_km)) {
            near_km = d;
        }
    }
    if (near_km < 0) {
        return gt_airports_nearest(ap, lat_deg, lon_deg, max_km, km);
    }
    tol = near_km / 2.0 > 10.0 ? near_km / 2.0 : 10.0;
    for (i = 0; i < n; i++) {
        const struct gt_airport *a = gt_airports_get(ap, i);
        struct gt_latlon x;
        double d;
        if (a == NULL || a->size < 2 || fabs(a->lat_deg - lat_deg) * 111.0 > near_km + tol) {
            continue;
        }
        x.lat_deg = a->lat_deg;
        x.lon_deg = a->lon_deg;
        d = gt_geo_distance_m(q, x) / 1000.0;
        if (d > max_km || d > near_km + tol) {
            continue;
        }
        if (best == NULL || a->runway_ft > best->runway_ft ||
            (a->runway_ft == best->runway_ft &&
             (a->size > best->size || (a->size == best->size && d < best_km)))) {
            best = a;
            best_km = d;
        }
    }
    if (km != NULL) {
        *km = best_km;
    }
    return best;
}

/* Does the time between consecutive fixes a and b end a segment?  The
 * threshold is the short one when either fix is low: an aircraft near the
 * ground is normally heard continuously by the airport's receivers, and a
 * silence there usually means it landed or taxied out of sight.  At
 * altitude, coverage holes of many minutes are common, hence the longer
 * threshold (traffic's split(), OPDI's flight identification). */
int gt__air_split(const struct gt_point *a, const struct gt_point *b,
                  const struct gt_flight_params *p)
{
    double dt = gt__air_dt_s(a->t_ms, b->t_ms);
    return dt > ((is_low(a, p) || is_low(b, p)) ? p->split_low_s : p->split_high_s);
}

/* Airport for an end fix: below attach_ft (or on the ground, or altitude
 * unknown) and within attach_km. */
static const struct gt_airport *attach(const struct gt_point *pt, const struct gt_airports *ap,
                                       const struct gt_flight_params *p, double *km)
{
    int low = gt__air_on_ground(pt, p) || !(pt->flags & GT_OBS_ALT) || pt->alt_ft < p->attach_ft;
    *km = -1;
    if (ap == NULL || !low) {
        return NULL;
    }
    return gt_airports_nearest(ap, pt->lat_deg, pt->lon_deg, p->attach_km, km);
}

/* Is pt one of the points considered (source_id 0 takes every source)? */
static int uses(const struct gt_point *pt, uint32_t source_id)
{
    return source_id == 0 || pt->source_id == source_id;
}

/* Append a leg to a growing array (doubling; GT_ERR_NOMEM leaves *v
 * untouched for the caller to free). */
/* The airport a leg's first fix is climbing out of, when the take-off was
 * not heard: a fix below attach_ft that the next fixes (within two
 * minutes) show climbing.  A departure climbs at least the 3.3 % (about
 * 200 ft per nm) design gradient of ICAO PANS-OPS (Doc 8168) instrument
 * departures, so an aircraft at alt_ft has flown at most alt_ft / 200 nm
 * from its runway: the nearest airport within that radius (never less
 * than attach_km) is the departure, provided it lies behind the aircraft
 * (within 90 degrees of the reciprocal of its track). */
static const struct gt_airport *climb_out(const struct gt_track *t, size_t k,
                                          const struct gt_airports *ap,
                                          const struct gt_flight_params *p, double *km)
{
    const struct gt_point *a = &t->pts[k], *b = NULL;
    const struct gt_airport *x;
    struct gt_latlon pa = {a->lat_deg, a->lon_deg};
    double radius_km, brg_track, brg_ap, diff;
    size_t j;

    *km = -1;
    if (ap == NULL || gt__air_on_ground(a, p) || !(a->flags & GT_OBS_ALT) ||
        a->alt_ft >= p->attach_ft || a->alt_ft < 0) {
        return NULL;
    }
    for (j = k + 1; j < t->n && gt__air_dt_s(a->t_ms, t->pts[j].t_ms) <= 120.0; j++) {
        if ((t->pts[j].flags & GT_OBS_ALT) && gt__air_km(a, &t->pts[j]) > 0.5) {
            b = &t->pts[j];
        }
    }
    if (b == NULL || b->alt_ft <= a->alt_ft) {
        return NULL; /* not climbing (or not known to be) */
    }
    radius_km = (double)a->alt_ft / 200.0 * 1.852;
    radius_km = radius_km > p->attach_km ? radius_km : p->attach_km;
    x = jet_airport(ap, a->lat_deg, a->lon_deg, radius_km, km);
    if (x == NULL) {
        return NULL;
    }
    if (*km > p->attach_km) {
        struct gt_latlon pb = {b->lat_deg, b->lon_deg}, px = {x->lat_deg, x->lon_deg};
        brg_track = gt_geo_bearing_deg(pa, pb);
        brg_ap = gt_geo_bearing_deg(pa, px);
        diff = fabs(fmod(brg_ap - brg_track + 540.0, 360.0) - 180.0); /* 180: straight behind */
        if (diff < 90.0) {
            *km = -1;
            return NULL;
        }
    }
    return x;
}

/* Finish a leg: attach airports to its end fixes.  An end counts as
 * observed when the leg reached the ground there or when an airport is
 * attached: a fix below 10,000 ft within 10 km of a runway is on the
 * approach or the climb-out, which is as good as the touchdown for an
 * itinerary (OPDI's rule). */
static void finish_leg(const struct gt_track *t, struct gt_leg *l, const struct gt_airports *ap,
                       const struct gt_flight_params *p)
{
    l->from = attach(&t->pts[l->first], ap, p, &l->from_km);
    if (l->from == NULL && !l->takeoff_seen) {
        l->from = climb_out(t, l->first, ap, p, &l->from_km);
    }
    l->to = attach(&t->pts[l->last], ap, p, &l->to_km);
    l->takeoff_seen = l->takeoff_seen || l->from != NULL;
    l->landing_seen = l->landing_seen || l->to != NULL;
}

int gt_flight_legs(const struct gt_track *t, uint32_t source_id, const struct gt_airports *ap,
                   const struct gt_flight_params *p, struct gt_leg **out, size_t *n)
{
    struct gt_leg *v = NULL, cur;
    size_t nv = 0, cap = 0, i, prev = SIZE_MAX, last_ground = SIZE_MAX, last_air = SIZE_MAX;
    int in_leg = 0, rc;

    /* One pass: prev is the previous point of the source, last_ground the
     * latest ground fix of the current segment (the take-off side of the
     * next airborne run), last_air the latest airborne fix of the open
     * leg. */
    *out = NULL;
    *n = 0;
    memset(&cur, 0, sizeof cur);
    for (i = 0; i < t->n; i++) {
        const struct gt_point *pt = &t->pts[i];
        int ground;
        if (!uses(pt, source_id)) {
            continue;
        }
        ground = gt__air_on_ground(pt, p);
        /* a long silence closes the segment: a leg still open ends at its
         * last airborne fix with the landing unobserved, and ground fixes
         * from before the silence no longer witness a take-off */
        if (prev != SIZE_MAX && gt__air_split(&t->pts[prev], pt, p)) {
            if (in_leg) { /* the segment ends in the air */
                cur.last = last_air;
                finish_leg(t, &cur, ap, p);
                if ((rc = gt_push(&v, &nv, &cap, &cur, sizeof *v, 16)) != GT_OK) {
                    goto fail;
                }
                in_leg = 0;
            }
            last_ground = SIZE_MAX;
        }
        if (!ground) {
            /* a leg opens at the first airborne fix, with the ground fix
             * before it when the segment has one (take-off observed) */
            if (!in_leg) {
                memset(&cur, 0, sizeof cur);
                cur.takeoff_seen = last_ground != SIZE_MAX;
                cur.first = cur.takeoff_seen ? last_ground : i;
                in_leg = 1;
            }
            last_air = i;
        } else if (in_leg) {
            /* a ground fix ends the run unless the next fix of this source
             * is airborne again (an isolated noisy flag) */
            size_t j = i + 1;
            while (j < t->n && !uses(&t->pts[j], source_id)) {
                j++;
            }
            if (j >= t->n || gt__air_on_ground(&t->pts[j], p) || gt__air_split(pt, &t->pts[j], p)) {
                cur.last = i;
                cur.landing_seen = 1;
                /* ground fixes on both sides and only seconds apart: a
                 * take-off or landing roll reported as airborne by a
                 * source without a ground flag (or a flag that lags),
                 * not a flight */
                if (!cur.takeoff_seen ||
                    gt__air_dt_s(t->pts[cur.first].t_ms, t->pts[i].t_ms) >= p->min_leg_s) {
                    finish_leg(t, &cur, ap, p);
                    if ((rc = gt_push(&v, &nv, &cap, &cur, sizeof *v, 16)) != GT_OK) {
                        goto fail;
                    }
                }
                in_leg = 0;
            }
        }
        if (ground) {
            last_ground = i;
        }
        prev = i;
    }
    /* the data end in the air: the last leg's landing is unobserved */
    if (in_leg) {
        cur.last = last_air;
        finish_leg(t, &cur, ap, p);
        if ((rc = gt_push(&v, &nv, &cap, &cur, sizeof *v, 16)) != GT_OK) {
            goto fail;
        }
    }
    *out = v;
    *n = nv;
    return GT_OK;
fail:
    gt_free(v);
    return rc;
}

/* Hours to fly km at kn. */
static double hours_at(double km, double kn)
{
    return km / (kn * 1.852);
}

/* A flight from one leg. */
static void flight_from_leg(const struct gt_track *t, const struct gt_leg *l, struct gt_flight *f)
{
    memset(f, 0, sizeof *f);
    f->id = t->id;
    f->first = l->first;
    f->last = l->last;
    f->from = l->from;
    f->to = l->to;
    f->from_km = l->from ? l->from_km : 0;
    f->to_km = l->to ? l->to_km : 0;
    f->flags = (l->takeoff_seen ? GT_FLIGHT_TAKEOFF_SEEN : 0u) |
               (l->landing_seen ? GT_FLIGHT_LANDING_SEEN : 0u);
}

/* Nearest airport to the stop between fixes a and b: the candidate near
 * either fix with the shorter detour a -> X -> b. */
static const struct gt_airport *infer_stop(const struct gt_point *a, const struct gt_point *b,
                                           const struct gt_airports *ap, double radius_km)
{
    double d1, d2;
    const struct gt_airport *x1 = jet_airport(ap, a->lat_deg, a->lon_deg, radius_km, &d1);
    const struct gt_airport *x2 = jet_airport(ap, b->lat_deg, b->lon_deg, radius_km, &d2);
    if (x1 == NULL || x2 == NULL) {
        return x1 ? x1 : x2;
    }
    return km_to(a, x1) + km_to(b, x1) <= km_to(a, x2) + km_to(b, x2) ? x1 : x2;
}

/* Ground fixes between two flights that no leg holds (the transponder
 * was off for the landing but on at the gate, or on for taxiing out only)
 * still say where the aircraft was: the first one gives f's arrival, the
 * last one g's departure, as observed ends, when they are within
 * split_high_s of the flight's own fixes. */
static void use_ground_fixes(const struct gt_track *t, struct gt_flight *f, struct gt_flight *g,
                             const struct gt_airports *ap, const struct gt_flight_params *p)
{
    size_t k, first = SIZE_MAX, last = SIZE_MAX;
    double km;

    for (k = f->last + 1; k < g->first; k++) {
        if (gt__air_on_ground(&t->pts[k], p)) {
            first = first == SIZE_MAX ? k : first;
            last = k;
        }
    }
    if (first == SIZE_MAX || ap == NULL) {
        return;
    }
    /* only fixes close in time witness the landing or take-off itself
     * (taxi-in hours earlier says nothing about an unheard departure) */
    if (!(f->flags & GT_FLIGHT_LANDING_SEEN) &&
        gt__air_dt_s(t->pts[f->last].t_ms, t->pts[first].t_ms) <= p->split_high_s) {
        const struct gt_airport *x = gt_airports_nearest(ap, t->pts[first].lat_deg,
                                                         t->pts[first].lon_deg, p->attach_km, &km);
        if (x != NULL) {
            f->to = x;
            f->to_km = km;
            f->flags |= GT_FLIGHT_LANDING_SEEN;
        }
    }
    if (!(g->flags & GT_FLIGHT_TAKEOFF_SEEN) &&
        gt__air_dt_s(t->pts[last].t_ms, t->pts[g->first].t_ms) <= p->split_high_s) {
        const struct gt_airport *x =
            gt_airports_nearest(ap, t->pts[last].lat_deg, t->pts[last].lon_deg, p->attach_km, &km);
        if (x != NULL) {
            g->from = x;
            g->from_km = km;
            g->flags |= GT_FLIGHT_TAKEOFF_SEEN;
        }
    }
}

/* Connect flight f (ended) with the leg l that follows: infer unobserved
 * ends; returns 1 when an unseen flight A -> B must be inserted. */
static int connect(const struct gt_track *t, struct gt_flight *f, struct gt_flight *g,
                   const struct gt_airports *ap, double kn, const struct gt_flight_params *p)
{
    const struct gt_point *a = &t->pts[f->last], *b = &t->pts[g->first];
    double elapsed_h = gt__air_dt_s(a->t_ms, b->t_ms) / 3600.0;
    double turn_h = p->turnaround_s / 3600.0;
    int land = (f->flags & GT_FLIGHT_LANDING_SEEN) != 0;
    int take = (g->flags & GT_FLIGHT_TAKEOFF_SEEN) != 0;

    /* Both ends heard: nothing to infer, unless the aircraft landed at A
     * and next took off from B elsewhere - then it flew A -> B unheard.
     * Airports are compared when both are known, else the two fixes;
     * twice the attach radius keeps two fixes at one airport together. */
    if (land && take) {
        double apart = f->to && g->from ? km_between(f->to, g->from) : gt__air_km(a, b);
        return apart > 2 * p->attach_km;
    }
    /* One end heard: the other side is where the aircraft was last (or
     * next) seen on the ground; the check is that it could fly from that
     * airport to the first unheard-after fix (or from the last fix to the
     * airport) at cruise speed in the time available. */
    if (land) { /* took off unheard: from where it landed, if reachable */
        g->from = f->to;
        g->flags |= GT_FLIGHT_FROM_INFERRED | GT_FLIGHT_DARK;
        if (f->to && hours_at(km_to(b, f->to), kn) > elapsed_h) {
            g->flags |= GT_FLIGHT_INFEASIBLE;
        }
        return 0;
    }
    if (take) { /* landed unheard: where it next took off, if reachable */
        f->to = g->from;
        f->flags |= GT_FLIGHT_TO_INFERRED | GT_FLIGHT_DARK;
        if (g->from && hours_at(km_to(a, g->from), kn) > elapsed_h) {
            f->flags |= GT_FLIGHT_INFEASIBLE;
        }
        return 0;
    }
    /* Neither heard, and connect() is only called when there was time
     * for a stop: the aircraft landed somewhere between the last fix and
     * the next one.  The airport is a guess from geometry (the nearest
     * to either fix with the shorter detour), so both flights are marked
     * inferred and the speed check can still reject it. */
    {
        const struct gt_airport *x = infer_stop(a, b, ap, p->infer_km);
        f->to = x;
        g->from = x;
        f->flags |= GT_FLIGHT_TO_INFERRED | GT_FLIGHT_DARK;
        g->flags |= GT_FLIGHT_FROM_INFERRED | GT_FLIGHT_DARK;
        if (x && hours_at(km_to(a, x) + km_to(b, x), kn) + turn_h > elapsed_h) {
            f->flags |= GT_FLIGHT_INFEASIBLE;
            g->flags |= GT_FLIGHT_INFEASIBLE;
        }
    }
    return 0;
}

/* Figures of a flight: distance, block time, observed fraction. */
static void measure(const struct gt_track *t, struct gt_flight *f, const struct gt_flight_params *p)
{
    const struct gt_point *a = &t->pts[f->first], *b = &t->pts[f->last];
    double heard_s = 0, est_s;
    size_t i;

    f->start_ms = a->t_ms;
    f->end_ms = b->t_ms;
    /* An unseen flight has no fixes of its own: its figures are the
     * airports' great circle at cruise speed. */
    if (f->flags & GT_FLIGHT_UNSEEN) {
        f->dist_km = f->from && f->to ? km_between(f->from, f->to) : gt__air_km(a, b);
        f->block_h = hours_at(f->dist_km, f->cruise_kn);
        f->npts = 0;
        f->observed_fraction = 0;
        return;
    }
    /* heard time: intervals short enough to count as continuous
     * reception; holes longer than split_low_s are time not heard */
    f->npts = f->last - f->first + 1;
    for (i = f->first + 1; i <= f->last; i++) {
        double dt = gt__air_dt_s(t->pts[i - 1].t_ms, t->pts[i].t_ms);
        if (dt <= p->split_low_s) {
            heard_s += dt;
        }
    }
    /* estimated airborne time: first to last fix, plus the unheard climb
     * from an inferred departure and descent to an inferred arrival */
    est_s = gt__air_dt_s(a->t_ms, b->t_ms);
    if ((f->flags & GT_FLIGHT_FROM_INFERRED) && f->from) {
        est_s += hours_at(km_to(a, f->from), f->cruise_kn) * 3600.0;
    }
    if ((f->flags & GT_FLIGHT_TO_INFERRED) && f->to) {
        est_s += hours_at(km_to(b, f->to), f->cruise_kn) * 3600.0;
    }
    {
        struct gt_latlon x = {f->from ? f->from->lat_deg : a->lat_deg,
                              f->from ? f->from->lon_deg : a->lon_deg};
        struct gt_latlon y = {f->to ? f->to->lat_deg : b->lat_deg,
                              f->to ? f->to->lon_deg : b->lon_deg};
        f->dist_km = gt_geo_distance_m(x, y) / 1000.0;
    }
    /* block time is the time flown: first to last fix plus the unheard
     * climb and descent, not the distance over an assumed speed */
    f->block_h = est_s / 3600.0;
    f->observed_fraction = est_s > 0 ? heard_s / est_s : 1.0;
    if (f->observed_fraction > 1) {
        f->observed_fraction = 1;
    }
}

int gt_flight_itinerary(const struct gt_track *t, const struct gt_airports *ap, double cruise_kn,
                        const struct gt_flight_params *p, struct gt_flight **out, size_t *n)
{
    struct gt_leg *legs = NULL;
    struct gt_flight *v = NULL, cur, next;
    size_t nlegs = 0, nv = 0, cap = 0, i;
    int rc;

    *out = NULL;
    *n = 0;
    if (!(cruise_kn > 0)) {
        cruise_kn = 450; /* as gt_aircraft_cruise_kn() for an unknown type */
    }
    /* The itinerary uses every source at once: two feeds of one flight
     * interleave into one track, and gaps of one feed are filled by the
     * other. */
    rc = gt_flight_legs(t, 0, ap, p, &legs, &nlegs);
    if (rc != GT_OK || nlegs == 0) {
        return rc;
    }
    /* cur is the flight being built; each next leg either extends it (no
     * time for a stop) or closes it, after connect() has inferred the
     * unobserved ends on both sides of the stop. */
    flight_from_leg(t, &legs[0], &cur);
    if (!(cur.flags & GT_FLIGHT_TAKEOFF_SEEN)) {
        cur.flags |= GT_FLIGHT_TRUNC_START;
    }
    for (i = 1; i <= nlegs; i++) {
        if (i < nlegs) {
            const struct gt_point *a = &t->pts[cur.last];
            flight_from_leg(t, &legs[i], &next);
            use_ground_fixes(t, &cur, &next, ap, p);
            if (!(cur.flags & GT_FLIGHT_LANDING_SEEN) && !(next.flags & GT_FLIGHT_TAKEOFF_SEEN)) {
                const struct gt_point *b = &t->pts[next.first];
                double need_h = hours_at(gt__air_km(a, b), cruise_kn) + p->turnaround_s / 3600.0;
                /* a stop needs the flying time of the detour plus the
                 * turnaround; with less time than that the aircraft stayed
                 * in the air through the hole */
                if (gt__air_dt_s(a->t_ms, b->t_ms) / 3600.0 < need_h) {
                    /* no time for a stop: one flight with a hole in it */
                    cur.last = next.last;
                    cur.to = next.to;
                    cur.to_km = next.to_km;
                    cur.flags = (cur.flags & ~(unsigned)GT_FLIGHT_LANDING_SEEN) |
                                (next.flags & GT_FLIGHT_LANDING_SEEN);
                    continue;
                }
            }
            /* landed at A, took off from B: insert the unseen flight */
            if (connect(t, &cur, &next, ap, cruise_kn, p)) {
                struct gt_flight u;
                memset(&u, 0, sizeof u);
                u.id = t->id;
                u.first = cur.last;
                u.last = next.first;
                u.from = cur.to;
                u.to = next.from;
                u.flags = GT_FLIGHT_UNSEEN | GT_FLIGHT_DARK | GT_FLIGHT_FROM_INFERRED |
                          GT_FLIGHT_TO_INFERRED;
                u.cruise_kn = cruise_kn;
                measure(t, &u, p);
                if (u.block_h + p->turnaround_s / 3600.0 >
                    gt__air_dt_s(u.start_ms, u.end_ms) / 3600.0) {
                    u.flags |= GT_FLIGHT_INFEASIBLE;
                }
                cur.cruise_kn = cruise_kn;
                measure(t, &cur, p);
                if ((rc = gt_push(&v, &nv, &cap, &cur, sizeof *v, 16)) != GT_OK ||
                    (rc = gt_push(&v, &nv, &cap, &u, sizeof *v, 16)) != GT_OK) {
                    goto fail;
                }
                cur = next;
                continue;
            }
        } else if (!(cur.flags & GT_FLIGHT_LANDING_SEEN)) {
            /* the data end before the landing: not dark, just cut */
            cur.flags |= GT_FLIGHT_TRUNC_END;
        }
        cur.cruise_kn = cruise_kn;
        measure(t, &cur, p);
        if ((rc = gt_push(&v, &nv, &cap, &cur, sizeof *v, 16)) != GT_OK) {
            goto fail;
        }
        if (i < nlegs) {
            cur = next;
        }
    }
    gt_free(legs);
    *out = v;
    *n = nv;
    return GT_OK;
fail:
    gt_free(legs);
    gt_free(v);
    return rc;
}

const char *gt_flight_typecode(const struct gt_fleet *f, const struct gt_aircraftdb *db,
                               struct gt_ident id)
{
    const struct gt_aircraft *ac = gt_aircraftdb_find(db, id.value);

    /* the registry is more trustworthy than what the aircraft says */
    if (id.kind == GT_ID_ICAO && ac != NULL && ac->typecode[0]) {
        return ac->typecode;
    }
    return gt_fleet_fact(f, id, GT_FIELD_TYPECODE, GT_TIME_NONE, GT_TIME_NONE);
}

/* Append "key":"CODE" or "key":null for an airport. */
static int add_airport(struct gt_buf *b, const char *key, const struct gt_airport *a)
{
    int rc = gt_buf_addf(b, "\"%s\":", key);
    if (rc == GT_OK) {
        rc = a ? gt_esc_json(b, a->ident, strlen(a->ident)) : gt_buf_addstr(b, "null");
    }
    return rc;
}

/* "true" or "false" for one flag bit, for the detail JSON. */
static const char *tf(unsigned flags, unsigned bit)
{
    return (flags & bit) ? "true" : "false";
}

int gt_flight_event(const struct gt_track *t, const struct gt_flight *fl, const char *typecode,
                    struct gt_event *e)
{
    const struct gt_point *a = &t->pts[fl->first], *b = &t->pts[fl->last];
    struct gt_buf *d = &e->detail;
    unsigned f = fl->flags;
    int rc;

    e->subject = fl->id;
    e->start_ms = fl->start_ms;
    e->end_ms = fl->end_ms;
    e->has_pos = 1;
    e->lat_deg = fl->from ? fl->from->lat_deg : a->lat_deg;
    e->lon_deg = fl->from ? fl->from->lon_deg : a->lon_deg;
    /* Score: how much of the claim rests on inference.  An infeasible
     * inference is still published (it may reveal a wrong identity or a
     * spoofed track) but with little confidence. */
    if (f & GT_FLIGHT_INFEASIBLE) {
        e->score = 0.3;
    } else if (f & GT_FLIGHT_UNSEEN) {
        e->score = 0.7;
    } else if (f & GT_FLIGHT_DARK) {
        e->score = 0.8;
    } else {
        e->score = (f & GT_FLIGHT_TAKEOFF_SEEN) && (f & GT_FLIGHT_LANDING_SEEN) ? 0.95 : 0.85;
    }
    /* Keys in sorted order (the event contract); every figure with fixed
     * decimals so the same input gives the same bytes.  The only text from
     * outside, the type code, goes through the JSON escaper. */
    rc = gt_buf_addf(d,
                     "{\"block_estimated\":%s,\"block_hours\":%.3f,\"cruise_kn\":%.0f,"
                     "\"dark\":%s,\"distance_km\":%.3f,",
                     tf(f, GT_FLIGHT_UNSEEN), fl->block_h, fl->cruise_kn, tf(f, GT_FLIGHT_DARK),
                     fl->dist_km);
    if (rc == GT_OK) {
        rc = gt_buf_addf(d, "\"feasible\":%s,", (f & GT_FLIGHT_INFEASIBLE) ? "false" : "true");
    }
    if (rc == GT_OK) {
        rc = add_airport(d, "from", fl->from);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(d,
                         ",\"from_distance_km\":%.3f,\"from_inferred\":%s,\"landing_observed\":%s,"
                         "\"observed_fraction\":%.3f,\"points\":%zu,\"takeoff_observed\":%s,",
                         fl->from_km, tf(f, GT_FLIGHT_FROM_INFERRED), tf(f, GT_FLIGHT_LANDING_SEEN),
                         fl->observed_fraction, fl->npts, tf(f, GT_FLIGHT_TAKEOFF_SEEN));
    }
    if (rc == GT_OK) {
        rc = add_airport(d, "to", fl->to);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(d, ",\"to_distance_km\":%.3f,\"to_inferred\":%s,\"truncated\":%s,",
                         fl->to_km, tf(f, GT_FLIGHT_TO_INFERRED),
                         (f & (GT_FLIGHT_TRUNC_START | GT_FLIGHT_TRUNC_END)) ? "true" : "false");
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(d, "\"typecode\":");
    }
    if (rc == GT_OK) {
        rc = typecode ? gt_esc_json(d, typecode, strlen(typecode)) : gt_buf_addstr(d, "null");
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(d, ",\"unseen\":%s}", tf(f, GT_FLIGHT_UNSEEN));
    }
    if (rc != GT_OK) {
        return rc;
    }
    if (f & GT_FLIGHT_UNSEEN) { /* the fixes that bound the unseen flight */
        (void)gt_event_add_evidence(e, &a->prov, a->station_id, a->t_ms, "off");
        (void)gt_event_add_evidence(e, &b->prov, b->station_id, b->t_ms, "on");
    } else {
        (void)gt_event_add_evidence(e, &a->prov, a->station_id, a->t_ms,
                                    (f & GT_FLIGHT_TAKEOFF_SEEN) ? "takeoff" : "first");
        (void)gt_event_add_evidence(e, &b->prov, b->station_id, b->t_ms,
                                    (f & GT_FLIGHT_LANDING_SEEN) ? "landing" : "last");
    }
    gt_event_seal(e);
    return GT_OK;
}

/* The "flight" detector: the itinerary of every ICAO track, one event per
 * flight.  The cruise speed is the type's (aircraft database, else the
 * track's typecode facts), 450 kn when unknown. */
/* The value of the first fact fld of id between t0_ms and t1_ms, or NULL. */
static const char *fact_between(const struct gt_fleet *f, struct gt_ident id,
                                enum gt_ident_field fld, int64_t t0_ms, int64_t t1_ms)
{
    size_t i;
    for (i = 0; i < f->nfacts; i++) {
        const struct gt_ident_obs *io = &f->facts[i];
        if (io->field == fld && io->id.kind == id.kind && io->id.value == id.value &&
            io->id.flags == id.flags && io->t_ms >= t0_ms && io->t_ms <= t1_ms) {
            return io->value;
        }
    }
    return NULL;
}

/* Where the track shows no airport for an end of flight fl, a tracker's
 * published one (Flightradar24 JSON: origin and destination facts at the
 * file's first fix, within the flight or the hour before it) names it,
 * marked inferred: it was not observed in the track. */
static void published_airports(const struct gt_fleet *f, const struct gt_track *t,
                               const struct gt_airports *ap, struct gt_flight *fl)
{
    int64_t t0 = t->pts[fl->first].t_ms - 3600000, t1 = t->pts[fl->last].t_ms;
    const char *code;
    const struct gt_airport *x;

    if (ap == NULL || (fl->flags & GT_FLIGHT_UNSEEN)) {
        return;
    }
    if (fl->from == NULL && (code = fact_between(f, t->id, GT_FIELD_ORIGIN, t0, t1)) != NULL &&
        (x = gt_airports_find(ap, code)) != NULL) {
        fl->from = x;
        fl->from_km = 0;
        fl->flags |= GT_FLIGHT_FROM_INFERRED;
    }
    if (fl->to == NULL && (code = fact_between(f, t->id, GT_FIELD_DESTINATION, t0, t1)) != NULL &&
        (x = gt_airports_find(ap, code)) != NULL) {
        fl->to = x;
        fl->to_km = 0;
        fl->flags |= GT_FLIGHT_TO_INFERRED;
    }
}

int gt__detect_flight(const struct gt_detect_input *in, gt_event_fn *emit, void *ud)
{
    const struct gt_airports *ap = in->ref ? in->ref->airports : NULL;
    const struct gt_aircraftdb *db = in->ref ? in->ref->aircraft : NULL;
    struct gt_flight_params p;
    size_t i, k;
    int rc = GT_OK;

    gt_flight_params_init(&p, in->params);
    for (i = 0; i < in->fleet->n && rc == GT_OK; i++) {
        const struct gt_track *t = &in->fleet->tracks[i];
        const char *type;
        struct gt_flight *fl;
        size_t nfl;
        if (t->id.kind != GT_ID_ICAO) {
            continue;
        }
        type = gt_flight_typecode(in->fleet, db, t->id);
        rc = gt_flight_itinerary(t, ap, gt_aircraft_cruise_kn(type), &p, &fl, &nfl);
        for (k = 0; rc == GT_OK && k < nfl; k++) {
            struct gt_event e;
            published_airports(in->fleet, t, ap, &fl[k]);
            gt_event_init(&e, GT_EVENT_FLIGHT);
            rc = gt_flight_event(t, &fl[k], type, &e);
            if (rc == GT_OK) {
                rc = emit(&e, ud);
            }
            gt_event_release(&e);
        }
        gt_free(fl);
    }
    return rc;
}
