/*
 * watch.h - watchlists and the incremental alert engine behind
 * `ghosttrack watch` (src/watch/, docs/WATCH.md).
 *
 * A watchlist is text, one entry a line: a selector (`mmsi:`, `imo:`,
 * `icao:`, `reg:`, `callsign:`, `name:`, `type:`, `operator:`, `area:`),
 * optionally followed by `kinds=a,b` (the alert kinds it wants) and
 * `label="..."`.  `#` starts a comment.  A bad line is reported with its
 * number through a callback and skipped; the rest loads.
 *
 * The engine is fed every position and identity fact as the ingest
 * pipeline stores it (the record tap of ingest.h) and keeps state per
 * identity and per grid cell, so each record costs a few hash lookups and
 * never a query over the store.  Data time is the clock.  Every alert is
 * kept in the store under a stable id before it is handed on, so none is
 * handed on twice, also across a restart; the engine's state is written
 * into the same transaction as the records that changed it.
 */
#ifndef GT_WATCH_H
#define GT_WATCH_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/detect.h"
#include "ghosttrack/err.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/obs.h"
#include "ghosttrack/ref.h"
#include "ghosttrack/store.h"

/* ---- Watchlists (src/watch/watchlist.c) ---- */

/* What one entry selects. */
enum gt_watch_sel {
    GT_WSEL_MMSI = 1,     /* mmsi:273349220 */
    GT_WSEL_IMO = 2,      /* imo:9187655 (every MMSI that reports it) */
    GT_WSEL_ICAO = 3,     /* icao:1511a3 */
    GT_WSEL_REG = 4,      /* reg:RA-86496 (aircraft database or a registration fact) */
    GT_WSEL_CALLSIGN = 5, /* callsign:3EOS4 (radio or flight callsign) */
    GT_WSEL_NAME = 6,     /* name:ORIENT STAR, or a pattern name:*GLORY* */
    GT_WSEL_TYPE = 7,     /* type:IL62 (ICAO type designator, aircraft database) */
    GT_WSEL_OPERATOR = 8, /* operator:Russian Air Force (aircraft database) */
    GT_WSEL_AREA = 9      /* area:lat1,lon1,lat2,lon2 or area:FILE.geojson */
};

/* Alert kinds, as bits of an entry's `kinds=` mask. */
enum gt_alert_kind {
    GT_ALERT_FIRST_HEARD = (1u << 0), /* "first_heard" */
    GT_ALERT_HEARD_AGAIN = (1u << 1), /* "heard_again" */
    GT_ALERT_DARK = (1u << 2),        /* "dark" */
    GT_ALERT_AREA_ENTER = (1u << 3),  /* "area_enter" */
    GT_ALERT_AREA_LEAVE = (1u << 4),  /* "area_leave" */
    GT_ALERT_ENCOUNTER = (1u << 5),   /* "encounter" */
    GT_ALERT_LOITER = (1u << 6),      /* "loiter" */
    GT_ALERT_TAKEOFF = (1u << 7),     /* "takeoff" */
    GT_ALERT_LANDING = (1u << 8),     /* "landing" */
    GT_ALERT_IDENTITY = (1u << 9),    /* "identity" */
    GT_ALERT_SPOOF = (1u << 10)       /* "spoof" */
};
#define GT_ALERT_ALL   0x7ffu
#define GT_ALERT_NKIND 11

/* Return the name of the kind with bit `kind`, or NULL. */
const char *gt_watch_kind_name(unsigned kind);

/* Bytes of an entry's value and label, NUL included. */
#define GT_WATCH_TEXT_MAX 64

/* One watchlist entry.  Text is normalised: upper case, runs of spaces
 * made one, ends trimmed (identities as gt_ident_format writes them). */
struct gt_watch_entry {
    enum gt_watch_sel sel;
    char value[GT_WATCH_TEXT_MAX]; /* the selector's value as normalised */
    int glob;                      /* name/callsign/operator: value holds '*' or '?' */
    uint32_t num;                  /* mmsi, imo or icao24 */
    unsigned kinds;                /* enum gt_alert_kind mask (default: all that apply) */
    char label[GT_WATCH_TEXT_MAX]; /* label="...", or "" */
    unsigned line;                 /* line number in the file, from 1 */
    /* areas */
    double south_deg, west_deg, north_deg, east_deg; /* bounding box (of the polygon) */
    const struct gt_latlon *poly;                    /* polygon ring, or NULL for a box */
    size_t npoly;
    const char *path; /* area:FILE: the file to read (gt_watchlist_set_polygon), else NULL */
};

struct gt_watchlist;

/* A bad line: its number and a static lower-case reason. */
typedef void gt_watchlist_bad_fn(void *ud, unsigned line, const char *why);

/* Parse n bytes of watchlist text.  Bad lines go to bad (may be NULL) and
 * are skipped.  On success *out owns the list (free with
 * gt_watchlist_free()).  Returns GT_OK or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_watchlist_parse(const uint8_t *p, size_t n, gt_watchlist_bad_fn *bad, void *ud,
                                     struct gt_watchlist **out);

/* Number of entries, and entry i (NULL when out of range). */
size_t gt_watchlist_count(const struct gt_watchlist *wl);
const struct gt_watch_entry *gt_watchlist_get(const struct gt_watchlist *wl, size_t i);

/* Give area entry i the polygon of a GeoJSON document of n bytes (the
 * first Polygon or MultiPolygon ring found; a Feature, FeatureCollection
 * or bare geometry).  Returns GT_OK, GT_ERR_INVAL (not an area entry),
 * GT_ERR_BADDATA (no ring of at least 3 points) or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_watchlist_set_polygon(struct gt_watchlist *wl, size_t i, const uint8_t *p,
                                           size_t n);

/* Free a list; NULL is a no-op. */
void gt_watchlist_free(struct gt_watchlist *wl);

/* ---- The engine (src/watch/engine.c) ---- */

/* One alert, handed to gt_watch_opts.emit after it was kept in the store.
 * All borrowed for the call. */
struct gt_watch_alert {
    const char *id;          /* 16 hex digits: SHA-256 of rule, subject, trigger time */
    const char *rule;        /* kind name, e.g. "dark" */
    struct gt_ident subject; /* who */
    int64_t t_ms;            /* data time of the triggering record */
    const char *json;        /* the alert, one JSON object without newline */
    size_t n;                /* bytes of json */
};

typedef int gt_watch_alert_fn(void *ud, const struct gt_watch_alert *a);

/* Options; zero-initialise, then set what you need.  All borrowed for the
 * engine's lifetime. */
struct gt_watch_opts {
    const struct gt_watchlist *wl;  /* the watchlist (required) */
    const struct gt_params *params; /* thresholds (NULL: defaults, docs/WATCH.md) */
    const struct gt_ref *ref;       /* ports, airports, aircraft database (members may be NULL) */
    struct gt_store *st;            /* alerts and state are kept here (required) */
    gt_watch_alert_fn *emit;        /* called for each new alert; may be NULL */
    void *emit_ud;
};

/* What the engine did. */
struct gt_watch_stats {
    uint64_t records;    /* positions and facts seen */
    uint64_t alerts;     /* new alerts kept and emitted */
    uint64_t repeats;    /* alerts found kept already (not emitted again) */
    uint64_t identities; /* identities held in memory now */
    uint64_t watched;    /* of which are watched */
    uint64_t cells;      /* reception cells measured */
    uint64_t restored;   /* state rows read back at start */
    uint64_t by_kind[GT_ALERT_NKIND];
};

struct gt_watch;

/* Create an engine and read back its state from o->st.  Returns GT_OK,
 * GT_ERR_INVAL, GT_ERR_DB or GT_ERR_NOMEM; free with gt_watch_free(). */
GT_MUST_CHECK int gt_watch_new(const struct gt_watch_opts *o, struct gt_watch **out);

/* Feed one stored position / identity fact (the ingest record tap).
 * Returns GT_OK, GT_ERR_DB or GT_ERR_NOMEM, or what emit returned. */
GT_MUST_CHECK int gt_watch_obs(struct gt_watch *w, const struct gt_obs *o);
GT_MUST_CHECK int gt_watch_fact(struct gt_watch *w, const struct gt_ident_obs *f);

/* Let data time pass without records: the clock of each feed kind moves to
 * at least now_ms (live: the last record's time plus the wall time since)
 * and silences are judged ("dark", "landing" after a quiet approach).
 * Returns as gt_watch_obs(). */
GT_MUST_CHECK int gt_watch_tick(struct gt_watch *w, int64_t now_ms);

/* Write the state changed since the last save into the store (inside the
 * caller's open batch).  Returns GT_OK, GT_ERR_DB or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_watch_save(struct gt_watch *w);

/* The latest data time seen, GT_TIME_NONE before any record. */
int64_t gt_watch_clock(const struct gt_watch *w);

/* Counters so far (borrowed). */
const struct gt_watch_stats *gt_watch_stats(const struct gt_watch *w);

/* Free an engine; NULL is a no-op. */
void gt_watch_free(struct gt_watch *w);

#endif /* GT_WATCH_H */
