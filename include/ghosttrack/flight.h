/*
 * flight.h - aircraft flights, itineraries with dark legs, and the
 * thresholds of the aviation detectors.
 *
 * The rules follow published practice (the `traffic` library's flight
 * splitting and EUROCONTROL OPDI's flight and airport identification):
 * a track is cut where data stop for 10 minutes on the ground or below
 * 1 km, or 30 minutes at altitude; each airborne run is a leg, and a leg's
 * take-off or landing is observed when ground fixes border it or when its
 * first / last fix lies below 10,000 ft within 10 km of an airport.  Legs
 * are then chained into an itinerary: legs that a gap separates without
 * time for a stop are one flight; an unobserved landing or take-off gets
 * its airport from the neighbouring leg when that is feasible for the
 * type's cruise speed (great-circle distance over elapsed time, with
 * ground time); an aircraft that lands at A and next takes off from B is
 * given an inferred dark flight A -> B.
 *
 * The detectors ("flight", "air_gap", "source_diff", "air_spoof",
 * "air_identity") and the `flights` and `diff` commands are built on these
 * functions.  All thresholds are gt_params keys, documented in
 * docs/DETECTORS.md (part 2).
 */
#ifndef GT_FLIGHT_H
#define GT_FLIGHT_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/detect.h"
#include "ghosttrack/err.h"
#include "ghosttrack/track.h"

struct gt_airport;
struct gt_airports;
struct gt_aircraftdb;

/* Thresholds of flight building (keys and defaults in brackets). */
struct gt_flight_params {
    double split_low_s;  /* gap that ends a leg on the ground or low ["air.split_low_min" 10] */
    double split_high_s; /* gap that ends a leg at altitude ["air.split_high_min" 30] */
    double low_ft;       /* "low" means below this ["air.low_ft" 3281, i.e. 1 km] */
    double ground_kn; /* no ground flag: slower than this is on the ground ["air.ground_kn" 35] */
    double attach_ft; /* attach an airport only to fixes below ["air.attach_ft" 10000] */
    double attach_km; /* ... within this distance ["air.attach_km" 10] */
    double infer_km;  /* radius to infer an unobserved stop ["air.infer_km" 300] */
    double
        turnaround_s; /* least time for a stop: descent, ground, climb ["air.turnaround_min" 30] */
    double min_leg_s; /* a run between ground fixes shorter than this is no leg ["air.min_leg_min"
                         2] */
};

/* Fill p with the defaults, overridden by the keys above in params (which
 * may be NULL). */
void gt_flight_params_init(struct gt_flight_params *p, const struct gt_params *params);

/* One airborne run of a track (with the ground fix on either side when
 * there is one).  Indexes are into the track's points. */
struct gt_leg {
    size_t first, last; /* first and last point of the leg */
    int takeoff_seen;   /* take-off observed (ground fix before, or attached low first fix) */
    int landing_seen;   /* landing observed */
    const struct gt_airport *from, *to; /* attached airports (observed ends only) or NULL */
    double from_km, to_km;              /* fix-to-airport distance, km (-1 when none) */
};

/* Split track t into legs, using only points of source_id (0: all
 * sources) and attaching airports from ap (may be NULL).  On success *out
 * is an array of *n legs the caller frees with gt_free() (NULL when none).
 * Returns GT_OK or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_flight_legs(const struct gt_track *t, uint32_t source_id,
                                 const struct gt_airports *ap, const struct gt_flight_params *p,
                                 struct gt_leg **out, size_t *n);

enum gt_flight_flags {
    GT_FLIGHT_TAKEOFF_SEEN = (1u << 0),  /* take-off observed */
    GT_FLIGHT_LANDING_SEEN = (1u << 1),  /* landing observed */
    GT_FLIGHT_FROM_INFERRED = (1u << 2), /* departure inferred from the previous flight */
    GT_FLIGHT_TO_INFERRED = (1u << 3),   /* arrival inferred from the next flight */
    GT_FLIGHT_DARK = (1u << 4),          /* take-off or landing unobserved inside the data */
    GT_FLIGHT_UNSEEN = (1u << 5),        /* no fix at all: the whole flight is inferred */
    GT_FLIGHT_INFEASIBLE = (1u << 6),    /* the inference fails the speed check */
    GT_FLIGHT_TRUNC_START = (1u << 7),   /* take-off before the aircraft's first data */
    GT_FLIGHT_TRUNC_END = (1u << 8)      /* landing after the aircraft's last data */
};

/* One flight of an itinerary. */
struct gt_flight {
    struct gt_ident id;                 /* the aircraft */
    int64_t start_ms, end_ms;           /* first and last fix; for an unseen flight the window
                                           between the landing before and the take-off after */
    size_t first, last;                 /* points of the flight; for an unseen flight the
                                           landing fix before and the take-off fix after */
    size_t npts;                        /* points in first..last (0 for an unseen flight) */
    const struct gt_airport *from, *to; /* departure and arrival, or NULL */
    double from_km, to_km;              /* distance of the attached fix (0 when inferred) */
    double dist_km;                     /* great circle from departure (or first fix) to arrival */
    double block_h;                     /* estimated airborne hours at cruise for dist_km */
    double observed_fraction;           /* heard time over estimated airborne time, 0..1 */
    double cruise_kn;                   /* cruise speed used for the checks */
    unsigned flags;                     /* enum gt_flight_flags */
};

/* Build the itinerary of track t from its legs (all sources) with
 * airports ap (may be NULL) and cruise speed cruise_kn (see
 * gt_aircraft_cruise_kn()).  On success *out holds *n flights in time order
 * (free with gt_free()).  Returns GT_OK or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_flight_itinerary(const struct gt_track *t, const struct gt_airports *ap,
                                      double cruise_kn, const struct gt_flight_params *p,
                                      struct gt_flight **out, size_t *n);

/* Return the ICAO type designator of aircraft id: from the aircraft
 * database db when it knows the address, else the last GT_FIELD_TYPECODE
 * fact of the fleet, else NULL.  The text is borrowed. */
const char *gt_flight_typecode(const struct gt_fleet *f, const struct gt_aircraftdb *db,
                               struct gt_ident id);

/* Fill e (already gt_event_init()ed as GT_EVENT_FLIGHT) from flight fl of
 * track t: subject, times, position, score, detail and evidence.  Returns
 * GT_OK, GT_ERR_NOMEM or GT_ERR_TOOBIG. */
GT_MUST_CHECK int gt_flight_event(const struct gt_track *t, const struct gt_flight *fl,
                                  const char *typecode, struct gt_event *e);

#endif /* GT_FLIGHT_H */
