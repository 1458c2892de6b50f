/*
 * html_data.c - the report's one JSON data block (see html.c): which
 * events and tracks are shown within the caps (the plan), then the events
 * with their evidence, the tracks thinned to their point budget with the
 * facts known about each, the filters, places and per-type summary, and
 * the caps that say what was left out.  html_page.js renders the page from
 * this block alone.  Keys are written in sorted order and numbers with
 * fixed precision, so the same input gives the same bytes.
 */
#include "ghosttrack/html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/mem.h"
#include "report_int.h"

#define RAW_TEXT_MAX ((size_t)1024 * 1024)

/* What the report knows about one track while writing. */
struct gt__html_trk {
    const struct gt_track *t;
    const char *facts[5]; /* name, callsign, registration, typecode, flag */
    int64_t fact_t[5];    /* time of each fact */
    int has_fact[5];
    int named; /* subject or peer of a shown event */
    int drawn; /* selected for the map */
};

static const char *const fact_keys[5] = {"callsign", "flag", "name", "reg", "type"};

static size_t cap_or(size_t v, size_t def)
{
    return v > 0 ? v : def;
}

/* ---- ordering ---------------------------------------------------------- */

static int ident_cmp(const struct gt_ident *a, const struct gt_ident *b)
{
    if (a->kind != b->kind) {
        return a->kind < b->kind ? -1 : 1;
    }
    if (a->value != b->value) {
        return a->value < b->value ? -1 : 1;
    }
    if (a->flags != b->flags) {
        return a->flags < b->flags ? -1 : 1;
    }
    return 0;
}

static int event_cmp(const void *pa, const void *pb)
{
    const struct gt_event *a = *(const struct gt_event *const *)pa;
    const struct gt_event *b = *(const struct gt_event *const *)pb;
    int c;

    if (a->start_ms != b->start_ms) {
        return a->start_ms < b->start_ms ? -1 : 1;
    }
    c = strcmp(a->id, b->id);
    if (c != 0) {
        return c;
    }
    if (a->type != b->type) {
        return a->type < b->type ? -1 : 1;
    }
    return ident_cmp(&a->subject, &b->subject);
}

/* Tracks named by events first, then by identity. */
static int trk_cmp(const void *pa, const void *pb)
{
    const struct gt__html_trk *a = pa, *b = pb;

    if (a->named != b->named) {
        return a->named ? -1 : 1;
    }
    return ident_cmp(&a->t->id, &b->t->id);
}

static int trk_id_cmp(const void *pa, const void *pb)
{
    const struct gt__html_trk *a = pa, *b = pb;

    return ident_cmp(&a->t->id, &b->t->id);
}

/* ---- tracks ------------------------------------------------------------ */

/* Index of the last point at or before t_ms (0 when all are later). */
static size_t point_at_or_before(const struct gt_track *t, int64_t t_ms)
{
    size_t lo = 0, hi = t->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->pts[mid].t_ms <= t_ms) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo > 0 ? lo - 1 : 0;
}

/* Index of the first point at or after t_ms (n - 1 when all are earlier). */
static size_t point_at_or_after(const struct gt_track *t, int64_t t_ms)
{
    size_t lo = 0, hi = t->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->pts[mid].t_ms < t_ms) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < t->n ? lo : t->n - 1;
}

static struct gt__html_trk *find_trk(struct gt__html_trk *trks, size_t n, const struct gt_ident *id)
{
    size_t lo = 0, hi = n;

    if (id->kind == GT_ID_NONE) {
        return NULL;
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = ident_cmp(&trks[mid].t->id, id);
        if (c == 0) {
            return &trks[mid];
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

static int fact_slot(enum gt_ident_field f)
{
    switch (f) {
    case GT_FIELD_CALLSIGN:
        return 0;
    case GT_FIELD_FLAG:
        return 1;
    case GT_FIELD_NAME:
        return 2;
    case GT_FIELD_REGISTRATION:
        return 3;
    case GT_FIELD_TYPECODE:
        return 4;
    case GT_FIELD_IMO:
    case GT_FIELD_SHIPTYPE:
    case GT_FIELD_DIMENSIONS:
    case GT_FIELD_DESTINATION:
    case GT_FIELD_DRAUGHT:
    case GT_FIELD_SQUAWK:
    case GT_FIELD_CATEGORY:
    case GT_FIELD_ORIGIN:
    case GT_FIELD_AIS_CLASS:
    case GT_FIELD_LENGTH:
    case GT_FIELD_WIDTH:
    case GT_FIELD_FLIGHT:
        return -1;
    }
    return -1;
}

/* Keep the latest value of each displayed fact per track. */
static void gather_facts(const struct gt_fleet *f, struct gt__html_trk *trks, size_t ntrk)
{
    size_t i;

    for (i = 0; i < f->nfacts; i++) {
        const struct gt_ident_obs *io = &f->facts[i];
        struct gt__html_trk *k = find_trk(trks, ntrk, &io->id);
        int s = fact_slot(io->field);
        if (k == NULL || s < 0 || io->value[0] == '\0') {
            continue;
        }
        if (!k->has_fact[s] || io->t_ms >= k->fact_t[s]) {
            k->facts[s] = io->value;
            k->fact_t[s] = io->t_ms;
            k->has_fact[s] = 1;
        }
    }
}

/* Return 1 for a position that can be drawn: finite and on the globe. */
static int pos_ok(double lat, double lon)
{
    return isfinite(lat) && isfinite(lon) && lat >= -90.0 && lat <= 90.0 && lon >= -180.0 &&
           lon <= 180.0;
}

/* Write point p (preceded by a comma unless it is the first written) and
 * count it; points without a drawable position are skipped. */
static void put_point(struct gt__html_w *w, const struct gt_point *p, size_t *out)
{
    int64_t t_s = p->t_ms / 1000;

    if (!pos_ok(p->lat_deg, p->lon_deg)) {
        return;
    }
    if (p->t_ms < 0 && p->t_ms % 1000 != 0) {
        t_s--;
    }
    gt__html_putf(w, "%s[%lld,%.5f,%.5f]", *out > 0 ? "," : "", (long long)t_s, p->lat_deg,
                  p->lon_deg);
    (*out)++;
}

/* Write the track of k, thinned to about cap points by a regular stride
 * that always keeps the first and last fix and the fixes bounding the
 * shown events of this identity.  Returns the number of points written. */
static size_t put_track_points(struct gt__html_w *w, const struct gt__html_trk *k,
                               const struct gt_event *const *ev, size_t nev, size_t cap)
{
    const struct gt_track *t = k->t;
    unsigned char *keep;
    size_t i, step, out = 0;

    if (t->n == 0) {
        return 0;
    }
    if (t->n <= cap) {
        for (i = 0; i < t->n; i++) {
            put_point(w, &t->pts[i], &out);
        }
        return out;
    }
    keep = gt_calloc(t->n, 1);
    if (keep == NULL) {
        if (w->rc == GT_OK) {
            w->rc = GT_ERR_NOMEM;
        }
        return 0;
    }
    keep[0] = keep[t->n - 1] = 1;
    for (i = 0; i < nev; i++) {
        if (ident_cmp(&ev[i]->subject, &t->id) == 0 || ident_cmp(&ev[i]->peer, &t->id) == 0) {
            keep[point_at_or_before(t, ev[i]->start_ms)] = 1;
            keep[point_at_or_after(t, ev[i]->start_ms)] = 1;
            keep[point_at_or_before(t, ev[i]->end_ms)] = 1;
            keep[point_at_or_after(t, ev[i]->end_ms)] = 1;
        }
    }
    step = (t->n + cap - 1) / cap;
    for (i = 0; i < t->n; i++) {
        if (keep[i] || i % step == 0) {
            put_point(w, &t->pts[i], &out);
        }
    }
    gt_free(keep);
    return out;
}

static void put_tracks(struct gt__html_w *w, struct gt__html_trk *trks, size_t ntrk,
                       const struct gt_event *const *ev, size_t nev, size_t per_track,
                       size_t *points_total, size_t *points_shown, size_t *thinned)
{
    size_t i, s, first = 1;

    gt__html_puts(w, "\"tracks\":[");
    for (i = 0; i < ntrk; i++) {
        const struct gt__html_trk *k = &trks[i];
        size_t shown = 0;
        *points_total += k->t->n;
        if (!k->drawn && !k->named) {
            continue;
        }
        gt__html_puts(w, first ? "{" : ",{");
        first = 0;
        for (s = 0; s < 5; s++) {
            gt__html_putf(w, "\"%s\":", fact_keys[s]);
            gt__html_put_jstr(w, k->has_fact[s] ? k->facts[s] : NULL);
            gt__html_puts(w, ",");
        }
        gt__html_puts(w, "\"id\":");
        gt__html_put_ident(w, &k->t->id);
        gt__html_putf(w, ",\"kind\":\"%s\",\"n\":%zu,\"pts\":[",
                      k->t->id.kind == GT_ID_ICAO ? "aircraft" : "ship", k->t->n);
        if (k->drawn) {
            shown = put_track_points(w, k, ev, nev, per_track);
            *points_shown += shown;
            if (shown < k->t->n) {
                (*thinned)++;
            }
        }
        gt__html_putf(w, "],\"shown\":%zu}", shown);
    }
    gt__html_puts(w, "]");
}

/* ---- events ------------------------------------------------------------ */

static void put_fix(struct gt__html_w *w, const struct gt_point *p)
{
    if (p == NULL || !pos_ok(p->lat_deg, p->lon_deg)) {
        gt__html_puts(w, "null");
    } else {
        gt__html_putf(w, "[%.5f,%.5f]", p->lat_deg, p->lon_deg);
    }
}

/* Strip a trailing newline from a raw line. */
static size_t trim_eol(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r')) {
        n--;
    }
    return n;
}

static void put_one_evidence(struct gt__html_w *w, const struct gt_report_input *in,
                             const struct gt_evidence *v, size_t text_max)
{
    struct gt_buf text, file;
    int rc = GT_ERR_NOTFOUND;
    size_t n;

    gt_buf_init(&text, RAW_TEXT_MAX);
    gt_buf_init(&file, 4096);
    if (in->evidence != NULL && w->rc == GT_OK) {
        rc = in->evidence(v, &text, &file, in->evidence_ud);
        if (rc == GT_ERR_NOMEM) {
            w->rc = rc;
        }
    }
    gt__html_puts(w, "{\"file\":");
    if (gt_buf_len(&file) > 0) {
        gt__html_put_jstrn(w, gt_buf_str(&file), gt_buf_len(&file));
    } else {
        gt__html_puts(w, "null");
    }
    switch (v->prov.kind) {
    case GT_PROV_FILE:
        gt__html_putf(w, ",\"input\":%u,\"offset\":%llu", (unsigned)v->prov.input_id,
                      (unsigned long long)v->prov.pos);
        break;
    case GT_PROV_STREAM:
        gt__html_putf(w, ",\"seq\":%llu,\"stream\":%u", (unsigned long long)v->prov.pos,
                      (unsigned)v->prov.input_id);
        break;
    case GT_PROV_NONE:
        break;
    }
    gt__html_puts(w, ",\"role\":");
    gt__html_put_jstrn(w, v->role, strnlen(v->role, sizeof v->role));
    gt__html_putf(w, ",\"station\":%u,\"t\":", (unsigned)v->station_id);
    gt__html_put_time(w, v->t_ms);
    gt__html_puts(w, ",\"text\":");
    n = trim_eol(gt_buf_str(&text), gt_buf_len(&text));
    if (rc >= 0 && n > 0) {
        gt__html_put_jstrn(w, gt_buf_str(&text), n > text_max ? text_max : n);
        if (n > text_max) {
            gt__html_putf(w, ",\"truncated\":%zu", n);
        }
        if (v->prov.kind == GT_PROV_FILE) {
            gt__html_puts(w, rc == GT_OK ? ",\"original\":\"verified\""
                                         : ",\"original\":\"changed or missing\"");
        }
    } else {
        gt__html_puts(w, "null,\"unavailable\":");
        if (rc == GT_ERR_CHECKSUM || (rc == GT_ERR_NOTFOUND && v->prov.kind == GT_PROV_FILE)) {
            gt__html_put_jstr(w, GT_REPORT_EVIDENCE_UNAVAILABLE);
        } else {
            gt__html_put_jstr(w, rc >= 0 ? "empty record" : gt_strerror(rc));
        }
    }
    gt__html_puts(w, "}");
    gt_buf_release(&text);
    gt_buf_release(&file);
}

static void put_event(struct gt__html_w *w, const struct gt_report_input *in,
                      const struct gt_event *e, struct gt__html_trk *trks, size_t ntrk,
                      size_t max_ev, size_t text_max)
{
    struct gt__html_trk *k = find_trk(trks, ntrk, &e->subject);
    const struct gt_point *fix0 = NULL, *fix1 = NULL;
    const char *type = gt_event_type_name(e->type);
    size_t i, head = (max_ev + 1) / 2, tail = max_ev / 2, nout = 0;

    if (k != NULL && k->t->n > 0) {
        fix0 = &k->t->pts[point_at_or_before(k->t, e->start_ms)];
        fix1 = &k->t->pts[point_at_or_after(k->t, e->end_ms)];
    }
    gt__html_puts(w, "{\"detail\":");
    if (gt_buf_len(&e->detail) > 0) {
        if (w->rc == GT_OK) {
            w->rc = gt__html_json_safe(&w->b, gt_buf_str(&e->detail), gt_buf_len(&e->detail));
        }
    } else {
        gt__html_puts(w, "{}");
    }
    gt__html_puts(w, ",\"end\":");
    gt__html_put_time(w, e->end_ms);
    gt__html_puts(w, ",\"evidence\":[");
    for (i = 0; i < e->nev; i++) {
        if (e->nev > max_ev && i >= head && i < e->nev - tail) {
            continue;
        }
        if (nout++ > 0) {
            gt__html_puts(w, ",");
        }
        put_one_evidence(w, in, &e->ev[i], text_max);
    }
    gt__html_putf(w, "],\"evidence_total\":%zu,\"fix0\":", e->nev);
    put_fix(w, fix0);
    gt__html_puts(w, ",\"fix1\":");
    put_fix(w, fix1);
    gt__html_puts(w, ",\"id\":");
    gt__html_put_jstrn(w, e->id, strnlen(e->id, sizeof e->id));
    if (e->has_pos && pos_ok(e->lat_deg, e->lon_deg)) {
        gt__html_putf(w, ",\"lat\":%.5f,\"lon\":%.5f", e->lat_deg, e->lon_deg);
    } else {
        gt__html_puts(w, ",\"lat\":null,\"lon\":null");
    }
    gt__html_puts(w, ",\"peer\":");
    gt__html_put_ident(w, &e->peer);
    gt__html_putf(w, ",\"score\":%.3f,\"start\":", isfinite(e->score) ? e->score : 0.0);
    gt__html_put_time(w, e->start_ms);
    gt__html_puts(w, ",\"subject\":");
    gt__html_put_ident(w, &e->subject);
    gt__html_puts(w, ",\"type\":");
    gt__html_put_jstr(w, type != NULL ? type : "unknown");
    gt__html_puts(w, "}");
    gt__html_flush(w);
}

static void put_kv_list(struct gt__html_w *w, const struct gt_report_input *in)
{
    size_t i;

    gt__html_puts(w, "\"filters\":[");
    for (i = 0; i < in->nfilters; i++) {
        gt__html_puts(w, i > 0 ? ",[" : "[");
        gt__html_put_jstr(w, in->filters[i].key != NULL ? in->filters[i].key : "");
        gt__html_puts(w, ",");
        gt__html_put_jstr(w, in->filters[i].value != NULL ? in->filters[i].value : "");
        gt__html_puts(w, "]");
    }
    gt__html_puts(w, "]");
}

static void put_places(struct gt__html_w *w, const struct gt_report_input *in)
{
    size_t i;
    int first = 1;

    gt__html_puts(w, "\"places\":[");
    for (i = 0; i < in->nplaces; i++) {
        const struct gt_report_place *p = &in->places[i];
        if (!pos_ok(p->lat_deg, p->lon_deg)) {
            continue;
        }
        gt__html_puts(w, first ? "{\"code\":" : ",{\"code\":");
        first = 0;
        gt__html_put_jstr(w, p->code);
        gt__html_puts(w, ",\"kind\":");
        gt__html_put_jstr(w, p->kind != NULL ? p->kind : "place");
        gt__html_putf(w, ",\"lat\":%.5f,\"lon\":%.5f,\"name\":", p->lat_deg, p->lon_deg);
        gt__html_put_jstr(w, p->name);
        gt__html_puts(w, "}");
    }
    gt__html_puts(w, "]");
}

static void put_summary(struct gt__html_w *w, const struct gt_report_input *in)
{
    size_t counts[GT_EVENT_TYPE_MAX + 1] = {0};
    const char *names[GT_EVENT_TYPE_MAX + 1] = {NULL};
    size_t order[GT_EVENT_TYPE_MAX + 1] = {0};
    size_t i, j, nord = 0, first = 1;

    for (i = 0; i < in->nevents; i++) {
        int t = (int)in->events[i].type;
        counts[t >= 1 && t <= GT_EVENT_TYPE_MAX ? t : 0]++;
    }
    /* Keys in sorted order: sort the type names. */
    for (i = 1; i <= GT_EVENT_TYPE_MAX; i++) {
        names[i] = gt_event_type_name((enum gt_event_type)i);
        for (j = nord; j > 0 && strcmp(names[order[j - 1]], names[i]) > 0; j--) {
            order[j] = order[j - 1];
        }
        order[j] = i;
        nord++;
    }
    gt__html_puts(w, "\"summary\":{");
    for (i = 0; i < nord; i++) {
        if (counts[order[i]] == 0) {
            continue;
        }
        gt__html_putf(w, "%s\"%s\":%zu", first ? "" : ",", names[order[i]], counts[order[i]]);
        first = 0;
    }
    if (counts[0] > 0) {
        gt__html_putf(w, "%s\"unknown\":%zu", first ? "" : ",", counts[0]);
    }
    gt__html_puts(w, "}");
}

int gt__html_plan_make(const struct gt_report_input *in, struct gt__html_plan *pl)
{
    size_t i, max_events = cap_or(in->max_events, GT_REPORT_MAX_EVENTS);
    size_t max_tracks = cap_or(in->max_tracks, GT_REPORT_MAX_TRACKS);
    size_t max_points = cap_or(in->max_points, GT_REPORT_MAX_POINTS);
    const struct gt_fleet *f = in->fleet;

    memset(pl, 0, sizeof *pl);
    pl->ev = gt_calloc(in->nevents + 1, sizeof(const struct gt_event *));
    pl->trks = gt_calloc((f != NULL ? f->n : 0) + 1, sizeof *pl->trks);
    if (pl->ev == NULL || pl->trks == NULL) {
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < in->nevents; i++) {
        pl->ev[i] = &in->events[i];
    }
    qsort(pl->ev, in->nevents, sizeof(const struct gt_event *), event_cmp);
    pl->nev = in->nevents < max_events ? in->nevents : max_events;

    pl->ntrk = f != NULL ? f->n : 0;
    for (i = 0; i < pl->ntrk; i++) {
        pl->trks[i].t = &f->tracks[i];
    }
    qsort(pl->trks, pl->ntrk, sizeof *pl->trks, trk_id_cmp);
    for (i = 0; i < pl->nev; i++) {
        struct gt__html_trk *k = find_trk(pl->trks, pl->ntrk, &pl->ev[i]->subject);
        if (k != NULL) {
            k->named = 1;
        }
        k = find_trk(pl->trks, pl->ntrk, &pl->ev[i]->peer);
        if (k != NULL) {
            k->named = 1;
        }
    }
    /* Choose the drawn tracks: named ones first, then by identity. */
    qsort(pl->trks, pl->ntrk, sizeof *pl->trks, trk_cmp);
    for (i = 0; i < pl->ntrk && i < max_tracks; i++) {
        pl->trks[i].drawn = 1;
    }
    pl->ndrawn = i;
    qsort(pl->trks, pl->ntrk, sizeof *pl->trks, trk_id_cmp);
    if (f != NULL) {
        gather_facts(f, pl->trks, pl->ntrk);
    }
    pl->per_track = cap_or(in->max_track_points, GT_REPORT_MAX_TRACK_POINTS);
    if (pl->ndrawn > 0 && pl->per_track * pl->ndrawn > max_points) {
        pl->per_track = max_points / pl->ndrawn;
        if (pl->per_track < 2) {
            pl->per_track = 2;
        }
    }
    return GT_OK;
}

void gt__html_put_data(struct gt__html_w *w, const struct gt_report_input *in,
                       struct gt__html_plan *pl, const char *title)
{
    size_t i, points_total = 0, points_shown = 0, thinned = 0;
    size_t max_ev = cap_or(in->max_evidence, GT_REPORT_MAX_EVIDENCE);
    size_t text_max = cap_or(in->max_evidence_text, GT_REPORT_MAX_EVIDENCE_TEXT);
    size_t total = in->events_total > in->nevents ? in->events_total : in->nevents;
    size_t ev_capped = 0;

    gt__html_puts(w, "<script type=\"application/json\" id=\"gt-data\">{\"events\":[");
    for (i = 0; i < pl->nev; i++) {
        if (i > 0) {
            gt__html_puts(w, ",\n");
        }
        if (pl->ev[i]->nev > max_ev) {
            ev_capped++;
        }
        put_event(w, in, pl->ev[i], pl->trks, pl->ntrk, max_ev, text_max);
    }
    gt__html_puts(w, "],\n");
    put_kv_list(w, in);
    gt__html_putf(w, ",\"has_map\":%s,", gt_html_has_map() ? "true" : "false");
    put_places(w, in);
    gt__html_puts(w, ",");
    put_summary(w, in);
    gt__html_puts(w, ",\"tiles\":");
    gt__html_put_jstr(w, in->tile_url);
    gt__html_puts(w, ",\"title\":");
    gt__html_put_jstr(w, title);
    gt__html_puts(w, ",\n");
    put_tracks(w, pl->trks, pl->ntrk, pl->ev, pl->nev, pl->per_track, &points_total, &points_shown,
               &thinned);
    /* The caps come last because thinning is only known after the tracks. */
    gt__html_putf(w,
                  ",\n\"caps\":{\"events_shown\":%zu,\"events_total\":%zu,\"evidence_capped\":%zu,"
                  "\"max_evidence\":%zu,\"max_evidence_text\":%zu,\"max_track_points\":%zu,"
                  "\"points_shown\":%zu,\"points_total\":%zu,\"tracks_drawn\":%zu,"
                  "\"tracks_thinned\":%zu,\"tracks_total\":%zu}}</script>\n",
                  pl->nev, total, ev_capped, max_ev, text_max, pl->per_track, points_shown,
                  points_total, pl->ndrawn, thinned, pl->ntrk);
}

void gt__html_plan_release(struct gt__html_plan *pl)
{
    gt_free(pl->ev);
    gt_free(pl->trks);
    pl->ev = NULL;
    pl->trks = NULL;
}
