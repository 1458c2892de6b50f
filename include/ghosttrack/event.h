/*
 * event.h - detector events: the evidence ghosttrack publishes.
 *
 * An event says what happened (type), to whom (subject, and peer for an
 * encounter), when (start, end), where (a representative position), how sure
 * we are (score 0..1), the type's own figures (detail, a JSON object) and
 * which raw records prove it (evidence, provenance references).  The NDJSON
 * form is the schema-version-1 contract of docs/ARCHITECTURE.md:
 *
 *   {"detail":{...},"end":"...Z","evidence":[...],"id":"ev_...","lat":...,
 *    "lon":...,"peer":"mmsi:...","schema":1,"score":0.9,"start":"...Z",
 *    "subject":"mmsi:...","type":"gap"}
 *
 * Keys are written sorted, coordinates with 6 decimals, so the same input
 * gives byte-identical output.  The id is a hash of type, subject, peer and
 * start time (milliseconds), so re-running a detector on the same data gives
 * the same ids, and an event whose end moves when late data arrive keeps its
 * id.
 */
#ifndef GT_EVENT_H
#define GT_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/err.h"
#include "ghosttrack/obs.h"

enum gt_event_type {
    GT_EVENT_GAP = 1,
    GT_EVENT_ENCOUNTER = 2,
    GT_EVENT_LOITER = 3,
    GT_EVENT_SPOOF = 4,
    GT_EVENT_IDENTITY = 5,
    GT_EVENT_FLIGHT = 6,
    GT_EVENT_PORT_CALL = 7,
    GT_EVENT_SOURCE_DIFF = 8
};

#define GT_EVENT_TYPE_MAX 8

/* Return the contract name of a type ("gap", "port_call", ...), or NULL. */
const char *gt_event_type_name(enum gt_event_type t);

/* Parse a type name of n bytes.  Returns GT_OK or GT_ERR_BADDATA. */
GT_MUST_CHECK int gt_event_type_parse(const char *s, size_t n, enum gt_event_type *t);

/* One provenance reference: a raw record that bounds or proves an event. */
struct gt_evidence {
    struct gt_prov prov; /* file + byte offset, or stream + sequence */
    uint32_t station_id; /* receiver (store-assigned, 0 unknown) */
    int64_t t_ms;        /* time of the record, ms UTC */
    char role[16];       /* what it shows: "off", "on", "a", "b", "fix", ... */
};

/* Maximum evidence references per event (the most telling are kept). */
#define GT_EVENT_MAX_EVIDENCE 64

/* Bytes of an event id including the NUL: "ev_" + 16 hex digits. */
#define GT_EVENT_ID_MAX 20

struct gt_event {
    enum gt_event_type type;
    char id[GT_EVENT_ID_MAX]; /* set by gt_event_seal() */
    struct gt_ident subject;  /* who */
    struct gt_ident peer;     /* the other party (kind GT_ID_NONE if none) */
    int64_t start_ms;         /* ms UTC */
    int64_t end_ms;           /* ms UTC; == start_ms for an instant */
    double lat_deg;           /* representative position (valid if has_pos) */
    double lon_deg;
    int has_pos;
    double score;         /* confidence 0..1 */
    struct gt_buf detail; /* JSON object text, "{...}", keys sorted; owned */
    struct gt_evidence ev[GT_EVENT_MAX_EVIDENCE]; /* evidence, in time order */
    size_t nev;
};

/* Set up an event of type t: no subject, no position, score 1, empty
 * detail (4 KiB maximum), no evidence. */
void gt_event_init(struct gt_event *e, enum gt_event_type t);

/* Free the detail text. */
void gt_event_release(struct gt_event *e);

/* Append one evidence reference with its role (cut to 15 bytes).  Past
 * GT_EVENT_MAX_EVIDENCE the reference is ignored.  Returns GT_OK. */
int gt_event_add_evidence(struct gt_event *e, const struct gt_prov *prov, uint32_t station_id,
                          int64_t t_ms, const char *role);

/* Compute the stable id from type, subject, peer, start_ms and the detail's
 * "field" and "kind" string values when present (FNV-1a 64).
 * Call once the event is complete. */
void gt_event_seal(struct gt_event *e);

/* Append the event as one NDJSON line (with the trailing newline) to out.
 * Evidence is written as {"input":N,"offset":N} for files or
 * {"stream":N,"seq":N} for streams, with "role", "station" and "t"; when
 * names is non-NULL it is called to give the input's name for "file".
 * Returns GT_OK, GT_ERR_NOMEM or GT_ERR_TOOBIG. */
GT_MUST_CHECK int gt_event_to_json(const struct gt_event *e, struct gt_buf *out,
                                   const char *(*names)(uint32_t input_id, void *ud), void *ud);

/* Callback receiving events from detectors: the event is borrowed for the
 * duration of the call (copy what you keep).  Return GT_OK to go on, or a
 * negative error to stop the detector, which then returns that error. */
typedef int gt_event_fn(const struct gt_event *e, void *ud);

/* Finish a detector's event: when rc is GT_OK, seal e and pass it to fn.
 * e is released either way.  Returns fn's result, or rc when it was an
 * error (the event is then dropped). */
GT_MUST_CHECK int gt_event_emit(struct gt_event *e, int rc, gt_event_fn *fn, void *ud);

#endif /* GT_EVENT_H */
