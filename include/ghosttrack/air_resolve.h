/*
 * air_resolve.h - giving the provisional aircraft of a fleet (tracks read
 * from sources without an ICAO address) their real address before
 * detection (src/detect/air_resolve.c).
 */
#ifndef GT_AIR_RESOLVE_H
#define GT_AIR_RESOLVE_H

#include <stddef.h>

#include "ghosttrack/detect.h"
#include "ghosttrack/err.h"
#include "ghosttrack/track.h"

struct gt_aircraftdb;

/* What gt_air_resolve() did with the provisional aircraft of a fleet. */
struct gt_air_resolve_stats {
    size_t provisional;     /* provisional tracks with points */
    size_t resolved;        /* given a real address */
    size_t by_registration; /* of which through the aircraft database's registrations */
    size_t unresolved;      /* kept out of detection */
    size_t ambiguous;       /* of which because several aircraft fit */
};

/* Give each provisional track of f (GT_IDENT_PROVISIONAL: a Flightradar24
 * CSV file, which has no ICAO address) the address of the one aircraft
 * that flew its callsign at its time and place, or whose registration in
 * db (may be NULL) is its callsign; its points and facts join that
 * aircraft.  Unresolved and ambiguous tracks are emptied and their facts
 * dropped, so detectors never see a made-up address; st counts all.  Call
 * after loading the whole fleet, before gt_detect_run().  Returns GT_OK
 * or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_air_resolve(struct gt_fleet *f, const struct gt_aircraftdb *db,
                                 const struct gt_params *params, struct gt_air_resolve_stats *st);

#endif /* GT_AIR_RESOLVE_H */
