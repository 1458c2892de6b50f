/*
 * ais_identity.c - the "ais_identity" detector: a ship's identity changes
 * (event type `identity`).
 *
 * Two kinds of change, as sanctions analysts trace them (one finding, one event):
 *
 *   - on one MMSI, a change of name, callsign, IMO number, ship type or
 *     flag in the identity facts (AIS static data).  A change old -> new is
 *     reported only when new was never broadcast before and old is never
 *     broadcast again, so two hulls sharing an MMSI and alternating their
 *     names (a shared_id spoof) do not flood the output;
 *   - the same hull under a new MMSI (a re-flagging, or a fraudulent
 *     identity): MMSI A falls silent and MMSI B starts afterwards (within
 *     identity.link_days, 60) carrying the same valid IMO number, or, with
 *     no IMO, the same name and the same callsign.  That gives one `mmsi`
 *     event (subject B, peer A) with, when they differ, `flag` (from FLAG
 *     facts or else the MIDs), name and callsign changes listed in the same
 *     event (detail `changes` and `fields`): B's first value against A's
 *     last.
 *
 * Values come from the air and are escaped (gt_esc_json).
 */
#include <stdlib.h>
#include <string.h>

#include "detect_int.h"
#include "ghosttrack/esc.h"
#include "ghosttrack/mem.h"

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
    gt_buf_addf(&e.detail, "{\"field\":\"%s\"", field);
    if (link != NULL) {
        gt_buf_addf(&e.detail, ",\"link\":\"%s\"", link);
    }
    gt_buf_addstr(&e.detail, ",\"new\":");
    gt_esc_json(&e.detail, nw, strlen(nw));
    gt_buf_addstr(&e.detail, ",\"old\":");
    gt_esc_json(&e.detail, old, strlen(old));
    gt_buf_addstr(&e.detail, "}");
    return gt_event_emit(&e, gt_buf_error(&e.detail), emit, ud);
}

/* One changed field of a re-linked hull. */
struct chg {
    const char *field, *old, *nw;
};

/* Append "field":{"new":..,"old":..}; fields are given in name order. */
static int add_chg(struct gt_buf *b, const struct chg *c, int comma)
{
    gt_buf_addf(b, "%s\"%s\":{\"new\":", comma ? "," : "", c->field);
    gt_esc_json(b, c->nw, strlen(c->nw));
    gt_buf_addstr(b, ",\"old\":");
    gt_esc_json(b, c->old, strlen(c->old));
    gt_buf_addstr(b, "}");
    return gt_buf_error(b);
}

/* Emit the one identity event of a hull that moved from MMSI peer to MMSI
 * subject: field "mmsi" with old and new ids, plus every other field that
 * changed with it (nc of c) under "changes" and all of them in "fields". */
static int emit_link(struct gt_ident subject, struct gt_ident peer, const char *oldid,
                     const char *newid, const struct gt_ident_obs *fo,
                     const struct gt_ident_obs *fn, int64_t t, const char *link,
                     const struct chg *c, size_t nc, gt_event_fn *emit, void *ud)
{
    struct chg all[5];
    size_t n = 0, i, k;
    struct gt_event e;

    for (i = 0; i < nc && n < 4; i++) {
        all[n++] = c[i];
    }
    all[n++] = (struct chg){"mmsi", oldid, newid};
    /* name order: callsign, flag, mmsi, name */
    for (i = 1; i < n; i++) {
        for (k = i; k > 0 && strcmp(all[k - 1].field, all[k].field) > 0; k--) {
            struct chg tmp = all[k];
            all[k] = all[k - 1];
            all[k - 1] = tmp;
        }
    }
    gt_event_init(&e, GT_EVENT_IDENTITY);
    e.subject = subject;
    e.peer = peer;
    e.start_ms = e.end_ms = t;
    e.score = strcmp(link, "imo") == 0 ? 0.85 : 0.6;
    if (fo != NULL) {
        (void)gt_event_add_evidence(&e, &fo->prov, fo->station_id, fo->t_ms, "old");
    }
    if (fn != NULL) {
        (void)gt_event_add_evidence(&e, &fn->prov, fn->station_id, fn->t_ms, "new");
    }
    gt_buf_addstr(&e.detail, "{\"changes\":{");
    for (i = 0; i < n; i++) {
        add_chg(&e.detail, &all[i], i > 0);
    }
    gt_buf_addstr(&e.detail, "},\"field\":\"mmsi\",\"fields\":[");
    for (i = 0; i < n; i++) {
        gt_buf_addf(&e.detail, "%s\"%s\"", i ? "," : "", all[i].field);
    }
    gt_buf_addf(&e.detail, "],\"link\":\"%s\",\"new\":", link);
    gt_esc_json(&e.detail, newid, strlen(newid));
    gt_buf_addstr(&e.detail, ",\"old\":");
    gt_esc_json(&e.detail, oldid, strlen(oldid));
    gt_buf_addstr(&e.detail, "}");
    return gt_event_emit(&e, gt_buf_error(&e.detail), emit, ud);
}

/* Same identity (kind and value; flags do not matter here)? */
static int same_ident(const struct gt_ident *a, const struct gt_ident *b)
{
    return a->kind == b->kind && a->value == b->value;
}

/* A run of equal values of one field: facts first..last (indexes into the
 * fleet's facts), and where the value is first and last seen (run
 * numbers), filled in by field_changes(). */
struct run {
    const char *value;
    size_t first, last;
    size_t run, first_run, last_run;
};

/* Runs by value, then by run number. */
static int cmp_run(const void *x, const void *y)
{
    const struct run *a = *(const struct run *const *)x, *b = *(const struct run *const *)y;
    int c = strcmp(a->value, b->value);
    return c ? c : (a->run > b->run) - (a->run < b->run);
}

/* Changes of one field over facts[i0..i1) (one MMSI, time order).  Facts
 * are first folded into runs of equal values; sorting the runs by value
 * tells, for each value, the first and last run that carries it, so a
 * change between runs r - 1 and r is new (first run of its value) and
 * final (last run of the old value) in O(r log r), however many static
 * reports a ship sent. */
/* A change found on one MMSI, waiting to be grouped with the changes of
 * its other fields made at the same time. */
struct pend {
    const char *field;
    const struct gt_ident_obs *fo, *fn;
};

static int field_changes(const struct gt_ident_obs *f, size_t i0, size_t i1,
                         enum gt_ident_field fld, struct pend **pv, size_t *np, size_t *pcap)
{
    struct run *runs = NULL, **ord = NULL;
    size_t n = 0, cap = 0, i, r;
    int rc = GT_OK;

    for (i = i0; i < i1; i++) { /* count the runs */
        if (f[i].field == fld && f[i].value[0] != '\0' &&
            (n == 0 || strcmp(runs ? runs[n - 1].value : "", f[i].value) != 0)) {
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 16;
                struct run *nr = gt_realloc(runs, nc * sizeof *runs);
                if (nr == NULL) {
                    gt_free(runs);
                    return GT_ERR_NOMEM;
                }
                runs = nr;
                cap = nc;
            }
            runs[n].value = f[i].value;
            runs[n].first = i;
            runs[n].run = n;
            n++;
        }
        if (n > 0 && f[i].field == fld && strcmp(runs[n - 1].value, f[i].value) == 0) {
            runs[n - 1].last = i;
        }
    }
    if (n < 2) {
        gt_free(runs);
        return GT_OK;
    }
    ord = gt_malloc(n * sizeof *ord);
    if (ord == NULL) {
        gt_free(runs);
        return GT_ERR_NOMEM;
    }
    for (r = 0; r < n; r++) {
        ord[r] = &runs[r];
    }
    qsort(ord, n, sizeof *ord, cmp_run);
    for (r = 0; r < n;) { /* one value: ord[r .. e) */
        size_t e = r, k;
        while (e < n && strcmp(ord[e]->value, ord[r]->value) == 0) {
            e++;
        }
        for (k = r; k < e; k++) {
            ord[k]->first_run = ord[r]->run;
            ord[k]->last_run = ord[e - 1]->run;
        }
        r = e;
    }
    for (r = 1; rc == GT_OK && r < n; r++) {
        if (runs[r].first_run == r && runs[r - 1].last_run == r - 1) {
            struct pend pd;
            pd.field = gt_ident_field_name(fld);
            pd.fo = &f[runs[r - 1].last];
            pd.fn = &f[runs[r].first];
            rc = gt_push(pv, np, pcap, &pd, sizeof pd, 8);
        }
    }
    gt_free(ord);
    gt_free(runs);
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
    m = gt_ids_mmsi_flag(v->id.value);
    return m ? m : "";
}

/* Is b a continuation of a (same hull under a new MMSI)?  Returns the link
 * kind or NULL. */
static const char *linked(const struct vinfo *a, const struct vinfo *b, int64_t max_ms)
{
    if (a == b || b->t0 < a->t1 || b->t0 - a->t1 > max_ms) {
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

/* Lookup keys: an MMSI's IMO number, and the name and callsign it ended
 * with.  Sorting pointers by key puts every possible predecessor of an MMSI
 * in one contiguous group, so linking is O(n log n) in MMSIs rather than
 * all pairs. */
static int cmp_by_imo(const void *x, const void *y)
{
    const struct vinfo *a = *(const struct vinfo *const *)x, *b = *(const struct vinfo *const *)y;
    return strcmp(a->imo ? a->imo->value : "", b->imo ? b->imo->value : "");
}

static int cmp_by_end(const void *x, const void *y)
{
    const struct vinfo *a = *(const struct vinfo *const *)x, *b = *(const struct vinfo *const *)y;
    int c = strcmp(a->name1 ? a->name1->value : "", b->name1 ? b->name1->value : "");
    return c ? c : strcmp(a->cs1 ? a->cs1->value : "", b->cs1 ? b->cs1->value : "");
}

/* Among the entries of sorted[0..n) equal to key under cmp, the
 * latest-ending MMSI that b continues; updates *best and *how. */
static void best_link(const struct vinfo *const *sorted, size_t n, const struct vinfo *key,
                      int (*cmp)(const void *, const void *), const struct vinfo *b, int64_t max_ms,
                      const struct vinfo **best, const char **how)
{
    size_t lo = 0, hi = n, k;

    while (lo < hi) { /* first entry >= key */
        size_t mid = lo + (hi - lo) / 2;
        if (cmp(&sorted[mid], &key) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    for (k = lo; k < n && cmp(&sorted[k], &key) == 0; k++) {
        const char *l = linked(sorted[k], b, max_ms);
        if (l != NULL && (*best == NULL || sorted[k]->t1 > (*best)->t1)) {
            *best = sorted[k];
            *how = l;
        }
    }
}

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
        if (gt_ids_imo_text_valid(f->value, strlen(f->value))) {
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
    size_t nv = 0, i, j, fi = 0, nimo = 0, nend = 0;
    struct vinfo **by_imo = NULL, **by_end = NULL;
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
        /* This MMSI's facts, earliest first. */
        while (fi < fl->nfacts && same_ident(&fl->facts[fi].id, &t->id)) {
            note_fact(&v[nv], &fl->facts[fi]);
            fi++;
        }
        nv++;
    }
    /* In order of first appearance; each MMSI is linked to the latest-ending
     * earlier MMSI that matches, so a chain A -> B -> C gives two events. */
    qsort(v, nv, sizeof *v, cmp_vinfo);
    by_imo = gt_malloc((nv ? nv : 1) * sizeof *by_imo);
    by_end = gt_malloc((nv ? nv : 1) * sizeof *by_end);
    if (by_imo == NULL || by_end == NULL) {
        gt_free(by_imo);
        gt_free(by_end);
        gt_free(v);
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < nv; i++) {
        if (v[i].imo != NULL) {
            by_imo[nimo++] = &v[i];
        }
        if (v[i].name1 != NULL && v[i].cs1 != NULL) {
            by_end[nend++] = &v[i];
        }
    }
    qsort(by_imo, nimo, sizeof *by_imo, cmp_by_imo);
    qsort(by_end, nend, sizeof *by_end, cmp_by_end);
    for (j = 0; rc == GT_OK && j < nv; j++) {
        const struct vinfo *best = NULL;
        const char *how = NULL;
        struct vinfo start = v[j]; /* the key: how v[j] began */
        if (v[j].imo != NULL) {
            best_link((const struct vinfo *const *)by_imo, nimo, &v[j], cmp_by_imo, &v[j], max_ms,
                      &best, &how);
        }
        /* Look B's first name and callsign up among the others' last ones. */
        if (v[j].name0 != NULL && v[j].cs0 != NULL) {
            start.name1 = v[j].name0;
            start.cs1 = v[j].cs0;
            best_link((const struct vinfo *const *)by_end, nend, &start, cmp_by_end, &v[j], max_ms,
                      &best, &how);
        }
        if (best != NULL) {
            char oldid[GT_IDENT_MAX], newid[GT_IDENT_MAX];
            const char *fo = flag_of(best, 0), *fn = flag_of(&v[j], 1);
            struct chg c[4];
            size_t nc = 0;
            (void)gt_ident_format(&best->id, oldid, sizeof oldid);
            (void)gt_ident_format(&v[j].id, newid, sizeof newid);
            /* One hull under a new MMSI is one finding: the flag, name and
             * callsign that changed with it are listed in the same event
             * (issue #13: one finding, one event). */
            if (strcmp(fo, fn) != 0) {
                c[nc++] = (struct chg){"flag", fo, fn};
            }
            if (best->name1 && v[j].name0 && strcmp(best->name1->value, v[j].name0->value) != 0) {
                c[nc++] = (struct chg){"name", best->name1->value, v[j].name0->value};
            }
            if (best->cs1 && v[j].cs0 && strcmp(best->cs1->value, v[j].cs0->value) != 0) {
                c[nc++] = (struct chg){"callsign", best->cs1->value, v[j].cs0->value};
            }
            rc = emit_link(
                v[j].id, best->id, oldid, newid, strcmp(how, "imo") == 0 ? best->imo : best->name1,
                strcmp(how, "imo") == 0 ? v[j].imo : v[j].name0, v[j].t0, how, c, nc, emit, ud);
        }
    }
    gt_free(by_imo);
    gt_free(by_end);
    gt_free(v);
    return rc;
}

/* Pending changes by time of the new value, then field name. */
static int cmp_pend(const void *x, const void *y)
{
    const struct pend *a = x, *b = y;
    if (a->fn->t_ms != b->fn->t_ms) {
        return a->fn->t_ms < b->fn->t_ms ? -1 : 1;
    }
    return strcmp(a->field, b->field);
}

/* One event for changes p[0..n) of one MMSI made together: a single change
 * keeps the one-field form; several (a rename with a re-flag) are one
 * finding, listed under "changes" and "fields", with "field", "new" and
 * "old" those of the first field in name order. */
static int emit_group(struct pend *p, size_t n, gt_event_fn *emit, void *ud)
{
    struct gt_ident none = {GT_ID_NONE, 0, 0};
    struct gt_event e;
    size_t i, k;

    if (n == 1) {
        return emit_change(p[0].fn->id, none, p[0].field, p[0].fo->value, p[0].fn->value, p[0].fo,
                           p[0].fn, p[0].fn->t_ms, NULL, emit, ud);
    }
    for (i = 1; i < n; i++) { /* name order */
        for (k = i; k > 0 && strcmp(p[k - 1].field, p[k].field) > 0; k--) {
            struct pend tmp = p[k];
            p[k] = p[k - 1];
            p[k - 1] = tmp;
        }
    }
    gt_event_init(&e, GT_EVENT_IDENTITY);
    e.subject = p[0].fn->id;
    e.peer = none;
    e.start_ms = e.end_ms = p[0].fn->t_ms;
    for (i = 0; i < n; i++) {
        e.start_ms = p[i].fn->t_ms < e.start_ms ? p[i].fn->t_ms : e.start_ms;
        e.end_ms = p[i].fn->t_ms > e.end_ms ? p[i].fn->t_ms : e.end_ms;
        (void)gt_event_add_evidence(&e, &p[i].fo->prov, p[i].fo->station_id, p[i].fo->t_ms, "old");
        (void)gt_event_add_evidence(&e, &p[i].fn->prov, p[i].fn->station_id, p[i].fn->t_ms, "new");
    }
    e.score = 0.9;
    gt_buf_addstr(&e.detail, "{\"changes\":{");
    for (i = 0; i < n; i++) {
        struct chg c = {p[i].field, p[i].fo->value, p[i].fn->value};
        add_chg(&e.detail, &c, i > 0);
    }
    gt_buf_addf(&e.detail, "},\"field\":\"%s\",\"fields\":[", p[0].field);
    for (i = 0; i < n; i++) {
        gt_buf_addf(&e.detail, "%s\"%s\"", i ? "," : "", p[i].field);
    }
    gt_buf_addstr(&e.detail, "],\"new\":");
    gt_esc_json(&e.detail, p[0].fn->value, strlen(p[0].fn->value));
    gt_buf_addstr(&e.detail, ",\"old\":");
    gt_esc_json(&e.detail, p[0].fo->value, strlen(p[0].fo->value));
    gt_buf_addstr(&e.detail, "}");
    return gt_event_emit(&e, gt_buf_error(&e.detail), emit, ud);
}

/* Group one MMSI's changes: new values first seen within
 * identity.merge_hours (1 h: static data go out every 6 minutes, ITU-R
 * M.1371-5, so fields changed at one sitting show within minutes) of the
 * group's first are one event. */
static int emit_pending(struct pend *p, size_t n, int64_t merge_ms, gt_event_fn *emit, void *ud)
{
    size_t i = 0;
    int rc = GT_OK;

    if (n > 1) {
        qsort(p, n, sizeof *p, cmp_pend);
    }
    while (rc == GT_OK && i < n) {
        size_t j = i + 1;
        while (j < n && p[j].fn->t_ms - p[i].fn->t_ms <= merge_ms) {
            j++;
        }
        rc = emit_group(p + i, j - i, emit, ud);
        i = j;
    }
    return rc;
}

/* Entry point of the "ais_identity" detector.  Facts are sorted by
 * identity and time (gt_fleet_sort), so each MMSI's facts are one run. */
int gt__detect_ais_identity(const struct gt_detect_input *in, gt_event_fn *emit, void *ud)
{
    struct gt__sea s;
    const struct gt_fleet *fl = in->fleet;
    struct pend *pv = NULL;
    size_t i = 0, k, pcap = 0;
    int64_t merge_ms;
    int rc;

    memset(&s, 0, sizeof s);
    s.in = in;
    s.fleet = fl;
    rc = GT_OK;
    merge_ms = gt__ms(gt__sea_num(&s, "identity.merge_hours", 1));
    while (rc == GT_OK && i < fl->nfacts) {
        size_t e = i;
        while (e < fl->nfacts && same_ident(&fl->facts[e].id, &fl->facts[i].id)) {
            e++;
        }
        /* Only ships: aircraft registrations and callsigns are the
         * aviation detectors' business. */
        if (fl->facts[i].id.kind == GT_ID_MMSI) {
            size_t np = 0;
            for (k = 0; rc == GT_OK && k < sizeof watched / sizeof watched[0]; k++) {
                rc = field_changes(fl->facts, i, e, watched[k], &pv, &np, &pcap);
            }
            if (rc == GT_OK) {
                rc = emit_pending(pv, np, merge_ms, emit, ud);
            }
        }
        i = e;
    }
    gt_free(pv);
    if (rc == GT_OK) {
        rc = mmsi_changes(&s, emit, ud);
    }
    return rc < 0 ? rc : GT_OK;
}
