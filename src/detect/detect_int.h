/*
 * detect_int.h - private to src/detect: the entry points the registry in
 * detect.c lists, one per detector module.
 */
#ifndef GT_DETECT_INT_H
#define GT_DETECT_INT_H

#include "ghosttrack/detect.h"

/* Maritime detectors (src/detect/: segment.c gap.c loiter.c encounter.c
 * port_call.c spoof.c identity.c) and aviation detectors (flight.c ...)
 * declare their gt_detector_fn entry points here, e.g.
 *
 *   int gt__detect_gaps(const struct gt_detect_input *in, gt_event_fn *emit, void *ud);
 */

#endif /* GT_DETECT_INT_H */
