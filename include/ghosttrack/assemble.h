/*
 * assemble.h - collecting a report's input from the store: events, the
 * tracks they concern and an evidence callback (src/report/assemble.c).
 */
#ifndef GT_ASSEMBLE_H
#define GT_ASSEMBLE_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"
#include "ghosttrack/event.h"
#include "ghosttrack/html.h"
#include "ghosttrack/track.h"

/* A growable list of deep-copied events, for collecting what the store or
 * a detector hands out (gt_report_events_add is a gt_event_fn). */
struct gt_report_events {
    struct gt_event *v; /* events, owned (each with its own detail) */
    size_t n;           /* events kept */
    size_t cap;         /* events allocated */
    size_t max;         /* keep at most this many (0: no limit) */
    size_t total;       /* events offered, kept or not */
};

/* Set up an empty list that keeps at most max events (0: no limit); later
 * ones are counted in total and dropped. */
void gt_report_events_init(struct gt_report_events *l, size_t max);

/* Free every event and the list; it is empty again. */
void gt_report_events_release(struct gt_report_events *l);

/* Append a deep copy of e to the list ud (a struct gt_report_events *).
 * Returns GT_OK (also when the list is full and e is only counted) or
 * GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_report_events_add(const struct gt_event *e, void *ud);

struct gt_store;

/* What to read for a report: the filters of `ghosttrack report`. */
struct gt_report_query {
    const char *types;          /* comma-separated event types; NULL: all */
    const char *subject;        /* identity text for gt_store_resolve(); NULL: all */
    int64_t since_ms, until_ms; /* GT_TIME_NONE: open */
    int has_bbox;               /* the box below applies */
    double south_deg, west_deg, north_deg, east_deg;
    size_t max_events; /* events kept (0: no limit); the others are counted */
};

/* What gt_assemble_report() read; owned, released by
 * gt_report_data_release(). */
struct gt_report_data {
    struct gt_report_events events;
    struct gt_fleet fleet;
    struct gt_ident subject; /* the resolved subject, when the query named one */
    struct gt_ident *ids;    /* the subject and everyone its events name */
    struct gt_store *st;     /* borrowed: the evidence callback reads it */
};

/* Which step of gt_assemble_report() failed. */
enum gt_report_step {
    GT_REPORT_STEP_NONE,
    GT_REPORT_STEP_SUBJECT, /* the subject is not in the store */
    GT_REPORT_STEP_EVENTS,  /* reading events failed (gt_store_errmsg) */
    GT_REPORT_STEP_MEMORY,  /* out of memory between the two reads */
    GT_REPORT_STEP_TRACKS   /* loading tracks failed (gt_store_errmsg) */
};

/* Read the events q asks for from st, then the tracks they concern: with
 * a subject, that identity and every subject and peer of its events;
 * without, every track in the window.  Fills in->fleet, events, nevents,
 * events_total and an evidence callback that re-reads raw records and
 * file names through st (which must stay open while in is used).  d is
 * always initialised; release it with gt_report_data_release().  Returns
 * GT_OK, or an error with *step saying which step failed. */
GT_MUST_CHECK int gt_assemble_report(struct gt_store *st, const struct gt_report_query *q,
                                     struct gt_report_data *d, struct gt_report_input *in,
                                     enum gt_report_step *step);

/* Free what gt_assemble_report() read. */
void gt_report_data_release(struct gt_report_data *d);

#endif /* GT_ASSEMBLE_H */
