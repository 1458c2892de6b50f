/*
 * track.h - time-ordered per-identity tracks: what detectors read.
 *
 * The store (or a test, or the simulator) loads observations into one
 * struct gt_track per identity, sorted by time; a struct gt_fleet holds all
 * tracks of a run plus the identity facts (names, callsigns, IMO numbers,
 * squawks) seen for them.  Detectors take a const fleet and never modify
 * it.  Points keep the provenance of the record they came from, so every
 * event can cite its evidence.
 *
 * Memory: a point is about 80 bytes; 10^7 points take about 800 MB.  Each
 * track has a hard maximum number of points set at init.
 */
#ifndef GT_TRACK_H
#define GT_TRACK_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"
#include "ghosttrack/obs.h"

/* One positioned report.  Fields are valid as struct gt_obs says: read a
 * field only when its GT_OBS_* bit is set in flags (GT_OBS_POS is always
 * set for points in a track). */
struct gt_point {
    int64_t t_ms;        /* receive time, ms since epoch UTC */
    double lat_deg;      /* latitude, degrees north */
    double lon_deg;      /* longitude, degrees east */
    float speed_kn;      /* speed over ground, knots (GT_OBS_SPEED) */
    float course_deg;    /* course over ground, degrees true (GT_OBS_COURSE) */
    float heading_deg;   /* true heading, degrees (GT_OBS_HEADING) */
    int32_t alt_ft;      /* barometric altitude, feet (GT_OBS_ALT) */
    uint32_t flags;      /* enum gt_obs_flags */
    uint8_t on_ground;   /* GT_OBS_GROUND */
    uint8_t nav_status;  /* GT_OBS_NAVSTAT */
    enum gt_rx_class rx; /* receiver class */
    uint32_t source_id;  /* feed (store-assigned) */
    uint32_t station_id; /* receiver (store-assigned) */
    struct gt_prov prov; /* the raw record */
};

/* All points of one identity, sorted by t_ms after gt_track_sort(). */
struct gt_track {
    struct gt_ident id;   /* whose track */
    struct gt_point *pts; /* points, owned */
    size_t n;             /* points in use */
    size_t cap;           /* points allocated */
    size_t max;           /* hard limit on n */
};

/* Set up an empty track for id holding at most max_points points. */
void gt_track_init(struct gt_track *t, struct gt_ident id, size_t max_points);

/* Free the points; the track is empty again. */
void gt_track_release(struct gt_track *t);

/* Append a copy of p.  Returns GT_OK, GT_ERR_NOMEM, or GT_ERR_TOOBIG when
 * the track is full (the point is dropped; the track is kept). */
GT_MUST_CHECK int gt_track_push(struct gt_track *t, const struct gt_point *p);

/* Append the position of o (which must have GT_OBS_POS and a time);
 * returns as gt_track_push(), or GT_ERR_INVAL when o has no position or
 * no time. */
GT_MUST_CHECK int gt_track_push_obs(struct gt_track *t, const struct gt_obs *o);

/* Sort points by time (stable: equal times keep their insertion order). */
void gt_track_sort(struct gt_track *t);

/* A set of tracks and identity facts: the input of every detector. */
struct gt_fleet {
    struct gt_track *tracks;    /* owned, one per identity */
    size_t n;                   /* tracks in use */
    size_t cap;                 /* tracks allocated */
    struct gt_ident_obs *facts; /* identity observations, owned, time-sorted */
    size_t nfacts;              /* facts in use */
    size_t capfacts;            /* facts allocated */
    size_t max_points;          /* per-track point limit for new tracks */
    size_t *index;              /* private: hash of identity -> track index + 1 */
    size_t nindex;              /* private: slots in index (power of two or 0) */
};

/* Set up an empty fleet whose tracks hold at most max_points each. */
void gt_fleet_init(struct gt_fleet *f, size_t max_points);

/* Free every track and fact. */
void gt_fleet_release(struct gt_fleet *f);

/* Return the track of id, creating an empty one if needed; NULL when out
 * of memory.  The pointer is valid until the next call that adds a track. */
struct gt_track *gt_fleet_track(struct gt_fleet *f, struct gt_ident id);

/* Return the track of id, or NULL when the fleet has none. */
const struct gt_track *gt_fleet_find(const struct gt_fleet *f, struct gt_ident id);

/* Add an observation: positions go to the identity's track (observations
 * without position or time are ignored and GT_OK is returned).  Returns as
 * gt_track_push(). */
GT_MUST_CHECK int gt_fleet_add_obs(struct gt_fleet *f, const struct gt_obs *o);

/* Add a copy of an identity fact.  Returns GT_OK or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_fleet_add_fact(struct gt_fleet *f, const struct gt_ident_obs *io);

/* Sort every track by time, facts by (identity, time), and tracks by
 * identity (kind, value), so runs are deterministic. */
void gt_fleet_sort(struct gt_fleet *f);

/* Return the value of the last non-empty fact of field about id in
 * gt_fleet_sort() order (the latest) whose time lies in [since_ms,
 * until_ms], or NULL when there is none.  GT_TIME_NONE leaves a bound open;
 * a fact without a time matches only an open since_ms.  The address's
 * non-ICAO flag is not compared (it is one transmitter either way).  The
 * fleet must be sorted; the text is borrowed. */
const char *gt_fleet_fact(const struct gt_fleet *f, struct gt_ident id, enum gt_ident_field field,
                          int64_t since_ms, int64_t until_ms);

/* Return the value of the fact of field about id heard nearest in time to
 * the window [start_ms, end_ms] (distance 0 inside it), and no further
 * than max_ms from it; the later one on a tie; NULL when there is none.
 * The store keeps each value's first and last time, so a value used on
 * several flights is nearest to each of them at one of its ends.  The
 * fleet must be sorted; the text is borrowed. */
const char *gt_fleet_fact_near(const struct gt_fleet *f, struct gt_ident id,
                               enum gt_ident_field field, int64_t start_ms, int64_t end_ms,
                               int64_t max_ms);

#endif /* GT_TRACK_H */
