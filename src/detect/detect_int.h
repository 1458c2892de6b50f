/*
 * detect_int.h - private to src/detect: the entry points the registry in
 * detect.c lists, one per detector module.
 */
#ifndef GT_DETECT_INT_H
#define GT_DETECT_INT_H

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

#endif /* GT_DETECT_INT_H */
