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

#include "ghosttrack/aircraftdb.h"
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

/* Insert or replace (by id) one event with its evidence, and copy the raw
 * records it cites into the store (see GT_STORE_EVIDENCE_KEEP; a record
 * that cannot be read back from a verified input is left uncopied).
 * Returns GT_OK, GT_ERR_DB or GT_ERR_NOMEM.  Wrap many calls in gt_store_begin()/gt_store_commit().
 */
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

/* Raw records copied into the store at gt_store_put_event, per event: the
 * first GT_STORE_EVIDENCE_KEEP / 2 and the last GT_STORE_EVIDENCE_KEEP / 2
 * file references (the ones the report shows), each cut to
 * GT_STORE_EVIDENCE_BYTES bytes, so at most 8 KiB per event.  Only records
 * of an input file that verifies (size and SHA-256 as stored at ingest)
 * are copied. */
#define GT_STORE_EVIDENCE_KEEP  16
#define GT_STORE_EVIDENCE_BYTES 512

/* What gt_store_evidence_text returns when the text is the store's own
 * copy and the input file no longer verifies (changed or missing). */
#define GT_STORE_EVIDENCE_STORED 1

/* Append the raw record behind prov (the line, or the frame as hex) to out.
 * The text is the copy kept in the store at detect time when there is one,
 * else read back from the input file, but only from a file whose size and
 * SHA-256 match what was stored at ingest (checked once per input per
 * handle).  A name stored relative is tried below the database's folder,
 * then as given (relative to the working folder), then each shorter tail
 * of it ("data/ais.nmea", "ais.nmea" for "run1/data/ais.nmea") below the
 * database's folder; an absolute name as given, then its tails.  Only a
 * file that verifies is used, so trying several places cannot quote a
 * foreign file.  Returns GT_OK (the input file
 * verifies), GT_STORE_EVIDENCE_STORED (the store's copy; the input file
 * changed or is missing), GT_ERR_CHECKSUM (no copy, and the input file
 * changed), GT_ERR_NOTFOUND (no copy, and the input is gone, or was not a
 * file), GT_ERR_IO or GT_ERR_NOMEM.  Nothing is appended on an error. */
GT_MUST_CHECK int gt_store_evidence_text(struct gt_store *st, const struct gt_prov *prov,
                                         struct gt_buf *out);

/* Say what gt_store_evidence_text would give for prov without reading
 * it: GT_OK (the input verifies), GT_STORE_EVIDENCE_STORED (only the
 * store's copy), or the negative error (GT_ERR_CHECKSUM, GT_ERR_NOTFOUND,
 * GT_ERR_NOMEM). */
GT_MUST_CHECK int gt_store_evidence_status(struct gt_store *st, const struct gt_prov *prov);

/* Check input file input_id against its stored size and SHA-256 (the
 * verdict is cached per handle).  Returns GT_OK when a file verifies,
 * GT_ERR_CHECKSUM when one exists under the name but differs,
 * GT_ERR_NOTFOUND when none is found, or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_store_input_verify(struct gt_store *st, uint32_t input_id);

/* Resolve what a person typed for an identity: "mmsi:N", "icao:XXXXXX", an
 * aircraft registration ("RA-86496", via the aircraft reference) or a
 * vessel name (via AIS static data, case-insensitive).  Returns GT_OK,
 * GT_ERR_NOTFOUND, or GT_ERR_INVAL when a name matches several identities
 * (the first is stored). */
GT_MUST_CHECK int gt_store_resolve(struct gt_store *st, const char *text, struct gt_ident *id);

/* Return the id of source name (0 when unknown). */
uint32_t gt_store_source_id(struct gt_store *st, const char *name);

/* ---- Writing observations (the ingest pipeline; see docs/STORE.md) ---- */

/* Roll back the open batch, if any (after an error).  Returns GT_OK or
 * GT_ERR_DB. */
GT_MUST_CHECK int gt_store_rollback(struct gt_store *st);

/* Give the id of source name, creating it if needed.  Returns GT_OK or
 * GT_ERR_DB. */
GT_MUST_CHECK int gt_store_source_ensure(struct gt_store *st, const char *name, uint32_t *id);

/* Give the id of station name (receiver class rx), creating it if needed.
 * Returns GT_OK or GT_ERR_DB. */
GT_MUST_CHECK int gt_store_station_ensure(struct gt_store *st, const char *name,
                                          enum gt_rx_class rx, uint32_t *id);

/* An input as the store knows it. */
struct gt_store_input {
    uint32_t id;       /* input id, the input_id of struct gt_prov */
    uint64_t done_pos; /* records before this content offset are stored */
    int complete;      /* 1 when the whole input has been stored */
    uint64_t accepted; /* records stored from it so far */
    int found;         /* 1 when the row existed (found by hash) */
    char format[32];   /* format it was (last) read as, "" when none */
};

/* Find or create the input row.  Files (kind GT_PROV_FILE) are found by
 * their content hash (hex SHA-256), so the same bytes under any name are
 * one input; a found row keeps its name, progress and completeness.
 * Streams (GT_PROV_STREAM, hash NULL) always get a new row.  Returns GT_OK
 * or GT_ERR_DB. */
GT_MUST_CHECK int gt_store_input_open(struct gt_store *st, enum gt_prov_kind kind, const char *name,
                                      const char *hash, uint64_t size, const char *format,
                                      uint32_t source_id, struct gt_store_input *in);

/* Record progress of input_id inside the open batch: every record before
 * content offset done_pos is stored, accepted more records were added, and
 * complete says the input is finished.  Committing the batch makes the
 * rows and this mark durable together, which is what makes an interrupted
 * ingest resumable without duplicates.  Returns GT_OK or GT_ERR_DB. */
GT_MUST_CHECK int gt_store_input_mark(struct gt_store *st, uint32_t input_id, uint64_t done_pos,
                                      int complete, uint64_t accepted);

/* Start input_id over inside the open batch, keeping its id (so every
 * event's evidence still names it): delete its reject counters, set its
 * progress to nothing stored and, when format is not NULL, its format.
 * With drop_records, also delete its positions and the identity facts that
 * only it contributed (a scan of the position table: for re-ingesting);
 * facts other inputs contributed to keep their counts.  *removed (may be
 * NULL) receives the number of positions deleted.  Returns GT_OK or
 * GT_ERR_DB. */
GT_MUST_CHECK int gt_store_input_reset(struct gt_store *st, uint32_t input_id, const char *format,
                                       int drop_records, uint64_t *removed);

/* Add count rejected records of reason (a short token such as
 * "bad-latitude") to input_id's counters.  Returns GT_OK or GT_ERR_DB. */
GT_MUST_CHECK int gt_store_add_rejects(struct gt_store *st, uint32_t input_id, const char *reason,
                                       uint64_t count);

/* Store one position report (o must have GT_OBS_POS and a time; prov,
 * source_id and station_id as assigned by the caller).  Positions are
 * staged in memory and written, sorted by identity and time, when the
 * batch is flushed: at gt_store_commit(), gt_store_flush(), before any
 * read, or when 32768 are staged.  A position whose identity, time and
 * record are already stored, or a copy of one heard by another receiver
 * (see gt_store_pos_receivers()), is then ignored and counted in
 * gt_store_duplicates().  Returns GT_OK, GT_ERR_INVAL when o has no
 * position, no time or a coordinate out of range, or GT_ERR_DB. */
GT_MUST_CHECK int gt_store_put_obs(struct gt_store *st, const struct gt_obs *o);

/* Duplicates across receivers: the same message heard by several
 * receivers (two AIS stations, two Beast feeds), or twice, is stored once.
 * At flush, a position with the identity, latitude, longitude, altitude
 * and motion of one stored or staged before it, within 2 s, is not stored
 * again; it is counted in gt_store_duplicates() and its station and record
 * join the receiver set of the position kept (gt_store_pos_receivers()).
 * Identical fixes 2 s apart are one transmission: a moving vessel or
 * aircraft changes position between reports, and a stationary one
 * repeats at most every few seconds (AIS class A at anchor: 3 min, ITU-R
 * M.1371-5 table 1; ADS-B stationary surface position: 5 s, DO-260B). */

/* Fill out[0..max) with the ids of the stations of the copies of the
 * stored position of id at t_ms from record (input_id, pos) that were not
 * stored again (the position's own station_id excluded unless a copy came
 * from it too), in increasing order, and set *n to their count.  A store
 * written before the receiver sets has none.  Returns GT_OK, or GT_ERR_DB. */
GT_MUST_CHECK int gt_store_pos_receivers(struct gt_store *st, const struct gt_ident *id,
                                         int64_t t_ms, uint32_t input_id, uint64_t pos,
                                         uint32_t *out, size_t max, size_t *n);

/* Write the staged positions now (inside the open batch).  Returns GT_OK
 * or GT_ERR_DB. */
GT_MUST_CHECK int gt_store_flush(struct gt_store *st);

/* Return how many staged positions were ignored so far because the same
 * identity, time and record were already stored. */
uint64_t gt_store_duplicates(const struct gt_store *st);

/* Store one identity fact: the (identity, field, value) row is created or
 * its first/last seen times and count updated.  Returns GT_OK,
 * GT_ERR_INVAL (no identity or empty value) or GT_ERR_DB. */
GT_MUST_CHECK int gt_store_put_fact(struct gt_store *st, const struct gt_ident_obs *io);

/* The aircraft table's flags column holds enum gt_aircraft_flags
 * (aircraftdb.h). */

/* Insert or replace one aircraft of the reference database.  Text may be
 * NULL.  Returns GT_OK or GT_ERR_DB. */
GT_MUST_CHECK int gt_store_aircraft_put(struct gt_store *st, uint32_t icao24,
                                        const char *registration, const char *typecode,
                                        const char *op, unsigned flags);

/* Load an aircraft database CSV (p, n bytes) into the aircraft table, in
 * one transaction.  Columns are found by header name: icao24 (required),
 * registration, typecode, operator (or operatoricao / owner), and the
 * optional flags military, pia, ladd ("1", "true", "yes", "y" set them).
 * *loaded and *rejected count rows.  Returns GT_OK, GT_ERR_BADDATA (no
 * icao24 column) or GT_ERR_DB. */
GT_MUST_CHECK int gt_store_load_aircraft_csv(struct gt_store *st, const char *p, size_t n,
                                             size_t *loaded, size_t *rejected);

/* Append a deterministic plain-text summary of the store (inputs, sources,
 * identities, positions, time span, rejects by reason) to out.  Returns
 * GT_OK, GT_ERR_DB, GT_ERR_NOMEM or GT_ERR_TOOBIG. */
GT_MUST_CHECK int gt_store_summary(struct gt_store *st, struct gt_buf *out);

/* Give the number of stored positions (for tests and progress). */
GT_MUST_CHECK int gt_store_count_positions(struct gt_store *st, uint64_t *n);

/* ---- The watch engine's alerts and state (src/store/watch.c) ---- */

/* Keep one alert: its stable id, the time of the record that triggered it
 * (ms UTC), its rule and subject ("mmsi:N") and its JSON text of n bytes,
 * unless an alert with this id is kept already.  *added is 1 when it was
 * new, 0 when it was known (so it is never sent twice).  Inside the open
 * batch when there is one.  Returns GT_OK or GT_ERR_DB. */
GT_MUST_CHECK int gt_store_watch_alert_add(struct gt_store *st, const char *id, int64_t t_ms,
                                           const char *rule, const char *subject, const char *json,
                                           size_t n, int *added);

/* Mark alert id delivered (every sink has it or gave up).  Returns GT_OK
 * or GT_ERR_DB. */
GT_MUST_CHECK int gt_store_watch_alert_done(struct gt_store *st, const char *id);

/* Called per alert: id, JSON text of n bytes (borrowed for the call).  A
 * non-zero return stops the walk and is returned. */
typedef int gt_store_alert_fn(void *ud, const char *id, const char *json, size_t n);

/* Call cb for every alert not yet marked delivered, oldest first (by
 * trigger time, then id).  Returns GT_OK, GT_ERR_DB or cb's value. */
GT_MUST_CHECK int gt_store_watch_pending(struct gt_store *st, gt_store_alert_fn *cb, void *ud);

/* Count the kept alerts (all when delivered_only is 0).  Returns GT_OK or
 * GT_ERR_DB. */
GT_MUST_CHECK int gt_store_watch_count(struct gt_store *st, int delivered_only, uint64_t *n);

/* Keep the engine state blob of n bytes under key (replacing it), or
 * delete key when p is NULL.  Inside the open batch when there is one.
 * Returns GT_OK or GT_ERR_DB. */
GT_MUST_CHECK int gt_store_watch_state_put(struct gt_store *st, const char *key, const void *p,
                                           size_t n);

/* Called per state row (borrowed for the call); non-zero stops the walk. */
typedef int gt_store_state_fn(void *ud, const char *key, const void *p, size_t n);

/* Call cb for every kept state row, in key order.  Returns GT_OK,
 * GT_ERR_DB or cb's value. */
GT_MUST_CHECK int gt_store_watch_state_each(struct gt_store *st, gt_store_state_fn *cb, void *ud);

#endif /* GT_STORE_H */
