/*
 * ais_identity.c - the "ais_identity" detector: a ship's identity changes
 * (event type `identity`).
 *
 * Two kinds of change, as sanctions analysts trace them:
 *
 *   - on one MMSI, a change of name, callsign, IMO number, ship type or
 *     flag in the identity facts (AIS static data).  A change old -> new is
 *     reported only when new was never broadcast before and old is never
 *     broadcast again, so two hulls sharing an MMSI and alternating their
 *     names (a shared_id spoof) do not flood the output;
 *   - the same hull under a new MMSI (a re-flagging, or a fraudulent
 *     identity): MMSI A falls silent and MMSI B starts afterwards (within
 *     identity.link_days, 60) carrying the same valid IMO number, or, with
 *     no IMO, the same name and the same callsign.  That gives a `mmsi`
 *     event (subject B, peer A) and, when the flags differ (from FLAG facts
 *     or else the MIDs), a `flag` event (subject B).
 *
 * Values come from the air and are escaped (gt_esc_json).
 */
#include <stdlib.h>
#include <string.h>

#include "detect_int.h"
#include "ghosttrack/esc.h"
#include "ghosttrack/mem.h"
#include "sea_int.h"

static const enum gt_ident_field watched[] = {GT_FIELD_NAME, GT_FIELD_CALLSIGN, GT_FIELD_IMO,
                                              GT_FIELD_SHIPTYPE, GT_FIELD_FLAG};

/* Emit one identity event: field changed from old to new at time t, with
 * the facts that show the old and the new value as evidence; `link` says how
 * two MMSIs were tied to one hull (NULL for a change on one MMSI). */
static int emit_change(struct gt_ident subject, struct gt_ident peer, const char *field,
                       const char *old, const char *nw, const struct gt_ident_obs *fo,
                       const struct gt_ident_obs *fn, int64_t t, const char *link,
                       gt_event_fn *emit, void *ud)
{
    struct gt_event e;
    int w = 0, rc;

    gt_event_init(&e, GT_EVENT_IDENTITY);
    e.subject = subject;
    e.peer = peer;
    e.start_ms = e.end_ms = t;
    e.score = link == NULL ? 0.9 : strcmp(link, "imo") == 0 ? 0.85 : 0.6;
    if (fo != NULL) {
        (void)gt_event_add_evidence(&e, &fo->prov, fo->station_id, fo->t_ms, "old");
    }
    if (fn != NULL) {
        (void)gt_event_add_evidence(&e, &fn->prov, fn->station_id, fn->t_ms, "new");
    }
    w |= gt_buf_addf(&e.detail, "{\"field\":\"%s\"", field);
    if (link != NULL) {
        w |= gt_buf_addf(&e.detail, ",\"link\":\"%s\"", link);
    }
    w |= gt_buf_addstr(&e.detail, ",\"new\":");
    w |= gt_esc_json(&e.detail, nw, strlen(nw));
    w |= gt_buf_addstr(&e.detail, ",\"old\":");
    w |= gt_esc_json(&e.detail, old, strlen(old));
    w |= gt_buf_addstr(&e.detail, "}");
    rc = w < 0 ? w : GT_OK; /* NOMEM (-1) absorbs TOOBIG in the OR */
    if (rc == GT_OK) {
        gt_event_seal(&e);
        rc = emit(&e, ud);
    }
    gt_event_release(&e);
    return rc;
}

/* Same identity (kind and value; flags do not matter here)? */
static int same_ident(const struct gt_ident *a, const struct gt_ident *b)
{
    return a->kind == b->kind && a->value == b->value;
}

/* Changes of one field over facts[i0..i1) (one MMSI, time order).  The
 * quadratic look-back and look-ahead are over one MMSI's facts of one
 * field, a few hundred at most in practice. */
static int field_changes(const struct gt_ident_obs *f, size_t i0, size_t i1,
                         enum gt_ident_field fld, gt_event_fn *emit, void *ud)
{
    const struct gt_ident_obs *prev = NULL;
    size_t i, j;
    int rc = GT_OK;

    for (i = i0; rc == GT_OK && i < i1; i++) {
        int fresh = 1, gone = 1;
        if (f[i].field != fld || f[i].value[0] == '\0') {
            continue;
        }
        if (prev != NULL && strcmp(prev->value, f[i].value) != 0) {
            for (j = i0; j < i && fresh; j++) {
                fresh = !(f[j].field == fld && strcmp(f[j].value, f[i].value) == 0);
            }
            for (j = i + 1; j < i1 && gone; j++) {
                gone = !(f[j].field == fld && strcmp(f[j].value, prev->value) == 0);
            }
            if (fresh && gone) {
                struct gt_ident none = {GT_ID_NONE, 0, 0};
                rc = emit_change(f[i].id, none, gt_ident_field_name(fld), prev->value, f[i].value,
                                 prev, &f[i], f[i].t_ms, NULL, emit, ud);
            }
        }
        prev = &f[i];
    }
    return rc;
}

/* What one MMSI looked like at its start and end: the facts used to link
 * it to the MMSI it may have replaced (its IMO, first and last name,
 * callsign and flag) and its active period (positions and facts). */
struct vinfo {
    struct gt_ident id;
    int64_t t0, t1;
    const struct gt_ident_obs *imo, *name0, *name1, *cs0, *cs1, *flag0, *flag1;
};

/* MMSIs by the time they were first heard. */
static int cmp_vinfo(const void *x, const void *y)
{
    const struct vinfo *a = x, *b = y;
    return (a->t0 > b->t0) - (a->t0 < b->t0);
}

/* The flag of v at its start (first=1) or end: FLAG fact, else the MID. */
static const char *flag_of(const struct vinfo *v, int first)
{
    const struct gt_ident_obs *f = first ? v->flag0 : v->flag1;
    const char *m;
    if (f != NULL) {
        return f->value;
    }
    m = gt_mmsi_flag(v->id.value);
    return m ? m : "";
}

/* Is b a continuation of a (same hull under a new MMSI)?  Returns the link
 * kind or NULL. */
static const char *linked(const struct vinfo *a, const struct vinfo *b, int64_t max_ms)
{
    if (b->t0 < a->t1 || b->t0 - a->t1 > max_ms) {
        return NULL;
    }
    if (a->imo && b->imo) {
        return strcmp(a->imo->value, b->imo->value) == 0 ? "imo" : NULL;
    }
    if (a->name1 && b->name0 && a->cs1 && b->cs0 && strcmp(a->name1->value, b->name0->value) == 0 &&
        strcmp(a->cs1->value, b->cs0->value) == 0) {
        return "name_callsign";
    }
    return NULL;
}

/* Fold one fact into an MMSI's summary; only valid IMO numbers link. */
static void note_fact(struct vinfo *v, const struct gt_ident_obs *f)
{
    if (f->value[0] == '\0') {
        return;
    }
    if (f->t_ms < v->t0) {
        v->t0 = f->t_ms;
    }
    if (f->t_ms > v->t1) {
        v->t1 = f->t_ms;
    }
    switch (f->field) {
    case GT_FIELD_IMO:
        if (gt_imo_valid(f->value, strlen(f->value))) {
            v->imo = f;
        }
        break;
    case GT_FIELD_NAME:
        v->name0 = v->name0 ? v->name0 : f;
        v->name1 = f;
        break;
    case GT_FIELD_CALLSIGN:
        v->cs0 = v->cs0 ? v->cs0 : f;
        v->cs1 = f;
        break;
    case GT_FIELD_FLAG:
        v->flag0 = v->flag0 ? v->flag0 : f;
        v->flag1 = f;
        break;
    default:
        break;
    }
}

/* MMSI and flag changes of one hull across MMSIs. */
static int mmsi_changes(struct gt__sea *s, gt_event_fn *emit, void *ud)
{
    const struct gt_fleet *fl = s->fleet;
    int64_t max_ms = gt__ms(24.0 * gt__sea_num(s, "identity.link_days", 60));
    struct vinfo *v = gt_calloc(fl->n + 1, sizeof *v);
    size_t nv = 0, i, j, fi = 0;
    int rc = GT_OK;

    if (v == NULL) {
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < fl->n; i++) {
        const struct gt_track *t = &fl->tracks[i];
        if (t->id.kind != GT_ID_MMSI || t->n == 0) {
            continue;
        }
        v[nv].id = t->id;
        v[nv].t0 = t->pts[0].t_ms;
        v[nv].t1 = t->pts[t->n - 1].t_ms;
        /* facts and tracks are both sorted by identity */
        while (fi < fl->nfacts &&
               (fl->facts[fi].id.kind < t->id.kind ||
                (fl->facts[fi].id.kind == t->id.kind && fl->facts[fi].id.value < t->id.value))) {
            fi++;
        }
        while (fi < fl->nfacts && same_ident(&fl->facts[fi].id, &t->id)) {
            note_fact(&v[nv], &fl->facts[fi]);
            fi++;
        }
        nv++;
    }
    /* In order of first appearance; each MMSI is linked to the latest-ending
     * earlier MMSI that matches, so a chain A -> B -> C gives two events. */
    qsort(v, nv, sizeof *v, cmp_vinfo);
    for (j = 0; rc == GT_OK && j < nv; j++) {
        /* the latest-ending earlier MMSI that links to v[j] */
        const struct vinfo *best = NULL;
        const char *how = NULL;
        for (i = 0; i < nv; i++) {
            const char *l = i == j ? NULL : linked(&v[i], &v[j], max_ms);
            if (l != NULL && (best == NULL || v[i].t1 > best->t1)) {
                best = &v[i];
                how = l;
            }
        }
        if (best != NULL) {
            char oldid[GT_IDENT_MAX], newid[GT_IDENT_MAX];
            const char *fo = flag_of(best, 0), *fn = flag_of(&v[j], 1);
            struct gt_ident none = {GT_ID_NONE, 0, 0};
            (void)gt_ident_format(&best->id, oldid, sizeof oldid);
            (void)gt_ident_format(&v[j].id, newid, sizeof newid);
            rc = emit_change(v[j].id, best->id, "mmsi", oldid, newid,
                             strcmp(how, "imo") == 0 ? best->imo : best->name1,
                             strcmp(how, "imo") == 0 ? v[j].imo : v[j].name0, v[j].t0, how, emit,
                             ud);
            if (rc == GT_OK && strcmp(fo, fn) != 0) {
                rc = emit_change(v[j].id, none, "flag", fo, fn, best->flag1, v[j].flag0, v[j].t0,
                                 how, emit, ud);
            }
        }
    }
    gt_free(v);
    return rc;
}

/* Entry point of the "ais_identity" detector.  Facts are sorted by
 * identity and time (gt_fleet_sort), so each MMSI's facts are one run. */
int gt__detect_ais_identity(const struct gt_detect_input *in, gt_event_fn *emit, void *ud)
{
    struct gt__sea s;
    const struct gt_fleet *fl = in->fleet;
    size_t i = 0, k;
    int rc;

    memset(&s, 0, sizeof s);
    s.in = in;
    s.fleet = fl;
    rc = GT_OK;
    while (rc == GT_OK && i < fl->nfacts) {
        size_t e = i;
        while (e < fl->nfacts && same_ident(&fl->facts[e].id, &fl->facts[i].id)) {
            e++;
        }
        if (fl->facts[i].id.kind == GT_ID_MMSI) {
            for (k = 0; rc == GT_OK && k < sizeof watched / sizeof watched[0]; k++) {
                rc = field_changes(fl->facts, i, e, watched[k], emit, ud);
            }
        }
        i = e;
    }
    if (rc == GT_OK) {
        rc = mmsi_changes(&s, emit, ud);
    }
    return rc < 0 ? rc : GT_OK;
}
