/*
 * store.h - the SQLite evidence store.
 *
 * One file (default ./ghosttrack.db) holds everything ingested, with its
 * provenance, and every event the detectors found.  This header is the
 * contract the other modules and commands build on; docs/STORE.md
 * documents the schema.
 *
 * Handles keep their last error message (gt_store_errmsg), after SQLite's
 * own sqlite3_errmsg.  All text returned is borrowed unless a comment says
 * the caller owns it.
 */
#ifndef GT_STORE_H
#define GT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/err.h"
#include "ghosttrack/event.h"
#include "ghosttrack/obs.h"
#include "ghosttrack/track.h"

struct gt_store;

enum gt_store_flags {
    GT_STORE_CREATE = (1u << 0),  /* create the file (and schema) if missing */
    GT_STORE_READONLY = (1u << 1) /* open read-only (queries, report) */
};

/* Open (and migrate forward) the store at path.  On success *out owns the
 * handle; close it with gt_store_close().  Returns GT_OK, GT_ERR_NOTFOUND
 * when the file is missing and GT_STORE_CREATE is not set, GT_ERR_DB, or
 * GT_ERR_NOMEM.  On failure *out may still be set so the caller can read
 * gt_store_errmsg(); gt_store_close() it either way. */
GT_MUST_CHECK int gt_store_open(const char *path, unsigned flags, struct gt_store **out);

/* Commit anything pending and close; gt_store_close(NULL) is a no-op. */
void gt_store_close(struct gt_store *st);

/* Return the last error message of st ("" when none); never NULL. */
const char *gt_store_errmsg(const struct gt_store *st);

/* What to load.  Zero-initialise, then set what you need. */
struct gt_store_filter {
    const struct gt_ident *ids; /* only these identities (nids > 0), else all */
    size_t nids;
    int64_t since_ms; /* only at or after (GT_TIME_NONE: no bound) */
    int64_t until_ms; /* only at or before (GT_TIME_NONE: no bound) */
    int has_bbox;     /* only inside the box below */
    double south_deg, west_deg, north_deg, east_deg;
    const char *source; /* only from this source name, or NULL for all */
    size_t max_points;  /* per-track limit for the fleet (0: 10^7) */
};

/* Initialise a filter to "everything". */
void gt_store_filter_init(struct gt_store_filter *f);

/* Load positions (into tracks) and identity facts matching f into fleet,
 * which the caller has set up with gt_fleet_init(); the fleet is sorted on
 * return.  Returns GT_OK, GT_ERR_DB or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_store_load_fleet(struct gt_store *st, const struct gt_store_filter *f,
                                      struct gt_fleet *fleet);

/* Insert or replace (by id) one event with its evidence.  Returns GT_OK or
 * GT_ERR_DB.  Wrap many calls in gt_store_begin()/gt_store_commit(). */
GT_MUST_CHECK int gt_store_put_event(struct gt_store *st, const struct gt_event *e);

/* Delete the stored events of the comma-separated types (or all when
 * types is NULL) before a detector run replaces them.  Returns GT_OK or
 * GT_ERR_DB. */
GT_MUST_CHECK int gt_store_clear_events(struct gt_store *st, const char *types);

/* Which events to read back. */
struct gt_event_filter {
    const char *types;              /* comma-separated types, or NULL for all */
    const struct gt_ident *subject; /* events whose subject or peer is this, or NULL */
    int64_t since_ms, until_ms;     /* overlapping this window (GT_TIME_NONE: open) */
    int has_bbox;
    double south_deg, west_deg, north_deg, east_deg;
    size_t limit; /* at most this many (0: no limit) */
};

/* Initialise an event filter to "everything". */
void gt_event_filter_init(struct gt_event_filter *f);

/* Call cb for every stored event matching f, ordered by start time then
 * id.  The event is borrowed for the duration of the call.  Returns GT_OK,
 * GT_ERR_DB, or the first negative value cb returned. */
GT_MUST_CHECK int gt_store_events(struct gt_store *st, const struct gt_event_filter *f,
                                  gt_event_fn *cb, void *ud);

/* Begin / commit a batch (one transaction).  Returns GT_OK or GT_ERR_DB. */
GT_MUST_CHECK int gt_store_begin(struct gt_store *st);
GT_MUST_CHECK int gt_store_commit(struct gt_store *st);

/* Keep a reference file (kind "airports", "ports", "aircraft", ...) in the
 * store, replacing the previous one of that kind.  name is the original
 * file name, for the record.  Returns GT_OK or GT_ERR_DB. */
GT_MUST_CHECK int gt_store_ref_put(struct gt_store *st, const char *kind, const char *name,
                                   const void *p, size_t n);

/* Read the reference file of kind back: *p (caller owns; free with
 * gt_free) and *n.  Returns GT_OK, GT_ERR_NOTFOUND when none was loaded,
 * or GT_ERR_DB. */
GT_MUST_CHECK int gt_store_ref_get(struct gt_store *st, const char *kind, void **p, size_t *n);

/* Write the name (path as given at ingest) of input file input_id into
 * out.  Returns GT_OK or GT_ERR_NOTFOUND. */
GT_MUST_CHECK int gt_store_input_name(struct gt_store *st, uint32_t input_id, struct gt_buf *out);

/* Append the raw record behind prov (the line, or the frame as hex) to out,
 * read back from the input file when it is still where it was ingested
 * from.  Returns GT_OK, GT_ERR_NOTFOUND (no such input, or the file has
 * gone), GT_ERR_IO or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_store_evidence_text(struct gt_store *st, const struct gt_prov *prov,
                                         struct gt_buf *out);

/* Resolve what a person typed for an identity: "mmsi:N", "icao:XXXXXX", an
 * aircraft registration ("RA-86496", via the aircraft reference) or a
 * vessel name (via AIS static data, case-insensitive).  Returns GT_OK,
 * GT_ERR_NOTFOUND, or GT_ERR_INVAL when a name matches several identities
 * (the first is stored). */
GT_MUST_CHECK int gt_store_resolve(struct gt_store *st, const char *text, struct gt_ident *id);

/* Return the id of source name (0 when unknown). */
uint32_t gt_store_source_id(struct gt_store *st, const char *name);

#endif /* GT_STORE_H */
