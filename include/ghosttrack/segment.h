/*
 * segment.h - splitting an AIS track into hull segments.
 *
 * One MMSI is not always one ship: placeholder numbers (567000000), cloned
 * identities and plain misconfiguration put several hulls on one MMSI, and
 * receivers add noise, duplicates and invalid speeds.  gt_segment_track()
 * walks a time-sorted track once and assigns each point to one of several
 * open segments, the one whose dead-reckoned position the point matches
 * best, after Global Fishing Watch's segmenter (pipe-segment): a point
 * joins a segment only when it is at most max_hours after the segment's
 * last point and the implied speed from it is at most max_speed_kn;
 * otherwise it opens a new segment.  Speeds of 51.2, 63 and 102.3 kn are
 * invalid codes, and the same report heard by two stations (same time
 * within dup_ms, same position) is kept once.  Optionally, class A and
 * class B reports (told apart by the navigational status only class A
 * carries) never share a segment.
 *
 * The result is a flat table: seg[i] is the segment of point i (or
 * GT_SEG_DROPPED), and idx[start[s] .. start[s + 1]) are the points of
 * segment s in time order.  Segments are numbered by their first point.
 */
#ifndef GT_SEGMENT_H
#define GT_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"
#include "ghosttrack/track.h"

/* seg[i] of a point that belongs to no segment (invalid or duplicate). */
#define GT_SEG_DROPPED UINT32_MAX

/* Thresholds of the segmenter (gt_seg_params_default() gives the values in
 * brackets, the parameter names of docs/DETECTORS.md). */
struct gt_seg_params {
    double max_hours;    /* a point more than this after a segment's end opens a new one [24] */
    double max_speed_kn; /* implied speed above which a point cannot join a segment [30] */
    double noise_km;     /* position noise allowed on top of max_speed_kn * dt [1] */
    int64_t dup_ms;      /* reports closer in time and position are duplicates [1000] */
    size_t max_open;     /* segments kept open per track; the stalest is closed [16] */
    int split_class;     /* keep class A reports (with a navigational status,
                          * GT_OBS_NAVSTAT) and class B reports (without) in
                          * separate segments: one transponder is one class [0:
                          * GFW's segmenter does not split by class] */
};

/* Fill p with the defaults. */
void gt_seg_params_default(struct gt_seg_params *p);

/* The segmentation of one track. */
struct gt_segs {
    uint32_t *seg;   /* per point: segment number or GT_SEG_DROPPED; owned */
    size_t npts;     /* points of the track */
    size_t nseg;     /* segments */
    size_t *start;   /* nseg + 1 offsets into idx; owned */
    size_t *idx;     /* point indexes grouped by segment, each group in time order; owned */
    size_t ndropped; /* points dropped (invalid speed, duplicate, bad position) */
    size_t ndup;     /* of which duplicates */
};

/* Segment the time-sorted track t into out (which the call initialises).
 * p may be NULL for the defaults.  Returns GT_OK or GT_ERR_NOMEM (out is
 * then empty). */
GT_MUST_CHECK int gt_segment_track(const struct gt_track *t, const struct gt_seg_params *p,
                                   struct gt_segs *out);

/* Free the tables; s is empty again. */
void gt_segs_release(struct gt_segs *s);

/* Is v one of the AIS "speed not available / invalid" codes (51.2, 63,
 * 102.3 kn)? */
int gt_segment_invalid_speed(float v);

#endif /* GT_SEGMENT_H */
