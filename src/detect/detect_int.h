/*
 * detect_int.h - private to src/detect: the entry points the registry in
 * detect.c lists, one per detector module, the helpers the aviation
 * modules share (flight.c) and the view of the fleet the maritime
 * detectors share (sea.c).
 */
#ifndef GT_DETECT_INT_H
#define GT_DETECT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/detect.h"
#include "ghosttrack/flight.h"
#include "ghosttrack/ids.h"
#include "ghosttrack/land.h"
#include "ghosttrack/ports.h"
#include "ghosttrack/reception.h"
#include "ghosttrack/segment.h"

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
int gt__air_on_ground(const struct gt_point *pt, const struct gt_flight_params *p);
int gt__air_split(const struct gt_point *a, const struct gt_point *b,
                  const struct gt_flight_params *p);
double gt__air_dt_s(int64_t a_ms, int64_t b_ms);
double gt__air_km(const struct gt_point *a, const struct gt_point *b);

/* ---- what the maritime detectors share (sea.c) ----
 *
 * Every maritime detector starts from the same view of the fleet: each
 * MMSI track split into hull segments (segment.h), the segments long enough
 * to trust ("hulls", seg.min_points), the reception model, the reference
 * data and the end of the data.  gt__sea_init() builds it; the gap and
 * loiter finders are shared because the dark ship-to-ship detector pairs
 * their results.
 */

/* One trusted hull segment of one MMSI track. */
struct gt__hull {
    const struct gt_track *t; /* the MMSI's track */
    size_t track;             /* its index in the fleet */
    uint32_t seg;             /* segment number in that track */
    const size_t *idx;        /* point indexes, time order (borrowed from segs) */
    size_t n;                 /* points */
    int64_t t0, t1;           /* first and last time */
};

struct gt__sea {
    const struct gt_detect_input *in;
    const struct gt_fleet *fleet;
    struct gt_seg_params segp;
    struct gt_segs *segs;   /* one per fleet track (empty for non-MMSI tracks) */
    struct gt__hull *hulls; /* hulls sorted by (track, t0) */
    size_t nhulls;
    size_t *hull_start;           /* per track: first hull index; fleet->n + 1 entries */
    int64_t t_end;                /* the fleet's latest AIS time: the end of the data */
    const struct gt_land *land;   /* NULL when absent */
    const struct gt_ports *ports; /* NULL when absent */
    struct gt_reception *rx;      /* built on demand by gt__sea_reception() */
    struct gt__anch *anch;        /* anchorage points found in the data (gt__sea_anchorages) */
    size_t nanch;
    int anch_built;
};

/* A place where a hull stayed put (within anch.stationary_km for at least
 * anch.stationary_hours), kept when enough distinct vessels did the same
 * nearby: an anchorage or berth found from the data itself. */
struct gt__anch {
    uint32_t key;     /* 0.1-degree cell, row * 3600 + column: the sort key */
    uint32_t vessels; /* distinct MMSIs stationary within anch.cluster_km */
    size_t track;
    double lat, lon;
};

/* Find the anchorages of the data (once).  Returns GT_OK or NOMEM. */
int gt__sea_anchorages(struct gt__sea *s);

/* Distance in km from (lat, lon) to the nearest anchorage point found in
 * the data, if one is within max_km (at most 50); else INFINITY.
 * *vessels (may be NULL) gets that point's vessel count. */
double gt__sea_anchorage_km(const struct gt__sea *s, double lat, double lon, double max_km,
                            uint32_t *vessels);

/* Is this MMSI track a ship's (see sea.c)?  Only ships get hulls. */
int gt__sea_is_ship(const struct gt_track *t);

/* Segment every MMSI track of in->fleet.  Returns GT_OK or GT_ERR_NOMEM. */
int gt__sea_init(struct gt__sea *s, const struct gt_detect_input *in);
void gt__sea_release(struct gt__sea *s);

/* Build the reception model if not yet built.  Returns GT_OK or NOMEM. */
int gt__sea_reception(struct gt__sea *s);

/* Parameter lookup on the run's params. */
double gt__sea_num(const struct gt__sea *s, const char *key, double dflt);

/* Point k of hull h. */
const struct gt_point *gt__hull_pt(const struct gt__hull *h, size_t k);

/* Great-circle distance between two points in km. */
double gt__pt_km(const struct gt_point *a, const struct gt_point *b);

/* Milliseconds as hours. */
double gt__hours(int64_t ms);

/* Hours as milliseconds. */
int64_t gt__ms(double hours);

/* Clamp x into [0, 1]. */
double gt__unit(double x);

/* Append a JSON number with `dec` decimals, or null when x is not finite. */
int gt__json_num(struct gt_buf *b, const char *key, double x, int dec, int comma);

/* Add evidence for point p with role. */
void gt__evidence(struct gt_event *e, const struct gt_point *p, const char *role);

/* A gap of one hull chain. */
struct gt__gap {
    const struct gt__hull *h;        /* hull of the off fix */
    const struct gt__hull *h2;       /* hull of the on fix (NULL for an open gap) */
    const struct gt_point *off, *on; /* bounding fixes (on NULL when open) */
    int64_t t_off, t_on;             /* t_on = end of data for an open gap */
    double hours, dist_km, shore_nm, rx, rx_sat, rx_ter;
    double heard, heard_sat, heard_ter; /* hours heard per vessel-day in the off cell */
    double heard_others;                /* the same for the other vessels there */
    enum gt_rx_class heard_cls;         /* the class `heard` is measured for */
    size_t before;                      /* positions in the hours before the off fix */
    double silence_before;              /* longest silence in that window, hours */
    int suspected;
    const char *reason; /* the first disabling test it failed, or NULL */
};

/* Find every gap (gap.* parameters).  *out is gt_malloc'd.  Returns GT_OK
 * or GT_ERR_NOMEM. */
int gt__sea_gaps(struct gt__sea *s, struct gt__gap **out, size_t *n);

/* A loitering period of one hull. */
struct gt__loiter {
    const struct gt__hull *h;
    size_t k0, k1; /* first and last point (indexes into the hull) */
    int64_t t0, t1;
    double lat, lon, mean_kn, shore_nm;
};

/* Is window k0..k0+win-1 of h on a circle of radius min_r..50 km (radii
 * within 15 %, bearings in 9 of 12 sectors)?  Gives centre and radius. */
int gt__sea_on_circle(const struct gt__hull *h, size_t k0, size_t win, double min_r, double *clat,
                      double *clon, double *radius);

/* Find every loiter (loiter.* parameters).  Returns GT_OK or NOMEM. */
int gt__sea_loiters(struct gt__sea *s, struct gt__loiter **out, size_t *n);

#endif /* GT_DETECT_INT_H */
