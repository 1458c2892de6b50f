/*
 * detect_int.h - private to src/detect: the entry points the registry in
 * detect.c lists, one per detector module, and helpers the aviation
 * modules share.
 */
#ifndef GT_DETECT_INT_H
#define GT_DETECT_INT_H

#include <stdint.h>

#include "ghosttrack/flight.h"
#include "ghosttrack/detect.h"

/* Maritime detectors (src/detect/: ais_gap.c loiter.c encounter.c
 * dark_sts.c port_call.c ais_spoof.c ais_identity.c, on the groundwork of
 * sea.c); each reads the fleet's MMSI tracks only.  Aviation detectors
 * (flight.c ...) declare theirs here too. */
int gt__detect_ais_gap(const struct gt_detect_input *in, gt_event_fn *emit, void *ud);
int gt__detect_loiter(const struct gt_detect_input *in, gt_event_fn *emit, void *ud);
int gt__detect_encounter(const struct gt_detect_input *in, gt_event_fn *emit, void *ud);
int gt__detect_dark_sts(const struct gt_detect_input *in, gt_event_fn *emit, void *ud);
int gt__detect_port_call(const struct gt_detect_input *in, gt_event_fn *emit, void *ud);
int gt__detect_ais_spoof(const struct gt_detect_input *in, gt_event_fn *emit, void *ud);
int gt__detect_ais_identity(const struct gt_detect_input *in, gt_event_fn *emit, void *ud);

/* Aviation (flight.c, air_gap.c, source_diff.c, air_anomaly.c). */
int gt__detect_flight(const struct gt_detect_input *in, gt_event_fn *emit, void *ud);
int gt__detect_air_gap(const struct gt_detect_input *in, gt_event_fn *emit, void *ud);
int gt__detect_source_diff(const struct gt_detect_input *in, gt_event_fn *emit, void *ud);
int gt__detect_air_spoof(const struct gt_detect_input *in, gt_event_fn *emit, void *ud);
int gt__detect_air_identity(const struct gt_detect_input *in, gt_event_fn *emit, void *ud);

/* Shared aviation helpers (flight.c). */
int gt__air_on_ground(const struct gt_point *pt, const struct gt_air_params *p);
int gt__air_split(const struct gt_point *a, const struct gt_point *b,
                  const struct gt_air_params *p);
double gt__air_dt_s(int64_t a_ms, int64_t b_ms);
double gt__air_km(const struct gt_point *a, const struct gt_point *b);

#endif /* GT_DETECT_INT_H */
