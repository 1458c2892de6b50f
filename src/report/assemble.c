/*
 * assemble.c - the report's input read from the store (see assemble.h):
 * events matching the filters, the tracks they concern, and the evidence
 * callback that turns each provenance reference back into its raw line or
 * frame and source file name; and the event list (gt_report_events) that
 * collects deep copies of events from the store or a detector.
 */
#include "ghosttrack/assemble.h"
#include "ghosttrack/html.h"

#include <string.h>

#include "ghosttrack/mem.h"
#include "ghosttrack/store.h"

/* ---- event lists: deep copies of what the store hands out ---- */

void gt_report_events_init(struct gt_report_events *l, size_t max)
{
    memset(l, 0, sizeof *l);
    l->max = max;
}

void gt_report_events_release(struct gt_report_events *l)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        gt_event_release(&l->v[i]);
    }
    gt_free(l->v);
    gt_report_events_init(l, l->max);
}

int gt_report_events_add(const struct gt_event *e, void *ud)
{
    struct gt_report_events *l = ud;
    struct gt_event *c;

    l->total++;
    if (l->max > 0 && l->n >= l->max) {
        return GT_OK;
    }
    if (l->n == l->cap) {
        struct gt_event *nv = gt_grow(l->v, &l->cap, sizeof *nv, 64);
        if (nv == NULL) {
            return GT_ERR_NOMEM;
        }
        l->v = nv;
    }
    c = &l->v[l->n];
    *c = *e;
    gt_buf_init(&c->detail, e->detail.max > 0 ? e->detail.max : 4096);
    if (gt_buf_len(&e->detail) > 0 &&
        gt_buf_add(&c->detail, gt_buf_str(&e->detail), gt_buf_len(&e->detail)) != GT_OK) {
        return GT_ERR_NOMEM;
    }
    l->n++;
    return GT_OK;
}

/* ---- the report's input from the store ---- */

/* Points a report may load in all (the fleet's own cap). */
#define FLEET_MAX_POINTS 10000000

static int evidence(const struct gt_evidence *ev, struct gt_buf *text, struct gt_buf *file,
                    void *ud)
{
    struct gt_store *st = ud;
    int rc;

    if (ev->prov.kind == GT_PROV_FILE) {
        rc = gt_store_input_name(st, ev->prov.input_id, file);
        if (rc == GT_ERR_NOMEM) {
            return rc;
        }
    }
    if (ev->prov.kind == GT_PROV_NONE) {
        return GT_ERR_NOTFOUND;
    }
    rc = gt_store_evidence_text(st, &ev->prov, text);
    return rc == GT_STORE_EVIDENCE_STORED ? GT_REPORT_EVIDENCE_STORED : rc;
}

/* Add id to a small set (no duplicates).  Returns 0 or -1 when full. */
static int add_id(struct gt_ident *ids, size_t *n, size_t max, const struct gt_ident *id)
{
    size_t i;

    if (id->kind == GT_ID_NONE) {
        return 0;
    }
    for (i = 0; i < *n; i++) {
        if (ids[i].kind == id->kind && ids[i].value == id->value && ids[i].flags == id->flags) {
            return 0;
        }
    }
    if (*n >= max) {
        return -1;
    }
    ids[(*n)++] = *id;
    return 0;
}

int gt_assemble_report(struct gt_store *st, const struct gt_report_query *q,
                       struct gt_report_data *d, struct gt_report_input *in,
                       enum gt_report_step *step)
{
    struct gt_event_filter ef;
    struct gt_store_filter sf;
    size_t i, nids = 0, max_ids = 0;
    int rc;

    memset(d, 0, sizeof *d);
    gt_report_events_init(&d->events, q->max_events);
    gt_fleet_init(&d->fleet, FLEET_MAX_POINTS);
    d->st = st;
    *step = GT_REPORT_STEP_NONE;

    gt_event_filter_init(&ef);
    ef.types = q->types;
    ef.since_ms = q->since_ms;
    ef.until_ms = q->until_ms;
    ef.has_bbox = q->has_bbox;
    ef.south_deg = q->south_deg, ef.west_deg = q->west_deg;
    ef.north_deg = q->north_deg, ef.east_deg = q->east_deg;
    if (q->subject != NULL) {
        rc = gt_store_resolve(st, q->subject, &d->subject);
        if (rc != GT_OK) {
            *step = GT_REPORT_STEP_SUBJECT;
            return rc;
        }
        ef.subject = &d->subject;
    }
    rc = gt_store_events(st, &ef, gt_report_events_add, &d->events);
    if (rc != GT_OK) {
        *step = GT_REPORT_STEP_EVENTS;
        return rc;
    }

    /* Tracks: with a subject, that identity and everyone it met; else all. */
    gt_store_filter_init(&sf);
    sf.since_ms = q->since_ms;
    sf.until_ms = q->until_ms;
    sf.has_bbox = q->has_bbox;
    sf.south_deg = q->south_deg, sf.west_deg = q->west_deg;
    sf.north_deg = q->north_deg, sf.east_deg = q->east_deg;
    if (q->subject != NULL) {
        max_ids = 2 * d->events.n + 1;
        d->ids = gt_calloc(max_ids, sizeof *d->ids);
        if (d->ids == NULL) {
            *step = GT_REPORT_STEP_MEMORY;
            return GT_ERR_NOMEM;
        }
        (void)add_id(d->ids, &nids, max_ids, &d->subject);
        for (i = 0; i < d->events.n; i++) {
            (void)add_id(d->ids, &nids, max_ids, &d->events.v[i].subject);
            (void)add_id(d->ids, &nids, max_ids, &d->events.v[i].peer);
        }
        sf.ids = d->ids;
        sf.nids = nids;
    }
    rc = gt_store_load_fleet(st, &sf, &d->fleet);
    if (rc != GT_OK) {
        *step = GT_REPORT_STEP_TRACKS;
        return rc;
    }
    in->fleet = &d->fleet;
    in->events = d->events.v;
    in->nevents = d->events.n;
    in->events_total = d->events.total;
    in->evidence = evidence;
    in->evidence_ud = st;
    return GT_OK;
}

void gt_report_data_release(struct gt_report_data *d)
{
    gt_free(d->ids);
    d->ids = NULL;
    gt_fleet_release(&d->fleet);
    gt_report_events_release(&d->events);
}
