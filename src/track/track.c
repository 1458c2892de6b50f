/*
 * track.c - per-identity tracks and fleets (see track.h).
 *
 * Lookup of an identity's track is a linear-probing hash on (kind, value,
 * flags), rebuilt when it passes half full and after sorting; fleets of
 * 10^5 identities stay O(1) per observation.
 */
#include "ghosttrack/track.h"

#include <stdlib.h>
#include <string.h>

#include "ghosttrack/mem.h"
#include "ghosttrack/time.h"

void gt_track_init(struct gt_track *t, struct gt_ident id, size_t max_points)
{
    t->id = id;
    t->pts = NULL;
    t->n = 0;
    t->cap = 0;
    t->max = max_points;
}

void gt_track_release(struct gt_track *t)
{
    gt_free(t->pts);
    t->pts = NULL;
    t->n = 0;
    t->cap = 0;
}

int gt_track_push(struct gt_track *t, const struct gt_point *p)
{
    if (t->n >= t->max) {
        return GT_ERR_TOOBIG;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        struct gt_point *np;
        if (cap > t->max) {
            cap = t->max;
        }
        np = gt_realloc(t->pts, cap * sizeof *np);
        if (np == NULL) {
            return GT_ERR_NOMEM;
        }
        t->pts = np;
        t->cap = cap;
    }
    t->pts[t->n++] = *p;
    return GT_OK;
}

int gt_track_push_obs(struct gt_track *t, const struct gt_obs *o)
{
    struct gt_point p;

    if (!(o->flags & GT_OBS_POS) || o->t_ms == INT64_MIN) {
        return GT_ERR_INVAL;
    }
    memset(&p, 0, sizeof p);
    p.t_ms = o->t_ms;
    p.lat_deg = o->lat_deg;
    p.lon_deg = o->lon_deg;
    p.speed_kn = o->speed_kn;
    p.course_deg = o->course_deg;
    p.heading_deg = o->heading_deg;
    p.alt_ft = o->alt_ft;
    p.flags = o->flags;
    p.on_ground = o->on_ground;
    p.nav_status = o->nav_status;
    p.rx = o->rx;
    p.source_id = o->source_id;
    p.station_id = o->station_id;
    p.prov = o->prov;
    return gt_track_push(t, &p);
}

/* Stable merge sort by time: qsort is not stable, and equal timestamps
 * from two stations must keep their order for deterministic output. */
static void merge_sort(struct gt_point *a, struct gt_point *tmp, size_t n)
{
    size_t mid, i, j, k;

    if (n < 2) {
        return;
    }
    mid = n / 2;
    merge_sort(a, tmp, mid);
    merge_sort(a + mid, tmp, n - mid);
    if (a[mid - 1].t_ms <= a[mid].t_ms) {
        return; /* already in order: the common case for receiver logs */
    }
    memcpy(tmp, a, mid * sizeof *a);
    for (i = 0, j = mid, k = 0; i < mid && j < n;) {
        a[k++] = tmp[i].t_ms <= a[j].t_ms ? tmp[i++] : a[j++];
    }
    while (i < mid) {
        a[k++] = tmp[i++];
    }
}

void gt_track_sort(struct gt_track *t)
{
    struct gt_point *tmp;
    size_t i;

    for (i = 1; i < t->n; i++) {
        if (t->pts[i - 1].t_ms > t->pts[i].t_ms) {
            break;
        }
    }
    if (i >= t->n) {
        return;
    }
    tmp = gt_malloc((t->n / 2 + 1) * sizeof *tmp);
    if (tmp == NULL) {
        /* Out of memory: fall back to an in-place insertion sort, which is
         * stable and fine for the nearly sorted tracks receivers produce. */
        for (i = 1; i < t->n; i++) {
            struct gt_point p = t->pts[i];
            size_t j = i;
            while (j > 0 && t->pts[j - 1].t_ms > p.t_ms) {
                t->pts[j] = t->pts[j - 1];
                j--;
            }
            t->pts[j] = p;
        }
        return;
    }
    merge_sort(t->pts, tmp, t->n);
    gt_free(tmp);
}

void gt_fleet_init(struct gt_fleet *f, size_t max_points)
{
    memset(f, 0, sizeof *f);
    f->max_points = max_points;
}

void gt_fleet_release(struct gt_fleet *f)
{
    size_t i;

    for (i = 0; i < f->n; i++) {
        gt_track_release(&f->tracks[i]);
    }
    gt_free(f->tracks);
    gt_free(f->facts);
    gt_free(f->index);
    memset(f, 0, sizeof *f);
}

static int same_id(struct gt_ident a, struct gt_ident b)
{
    return a.kind == b.kind && a.value == b.value && a.flags == b.flags;
}

static size_t id_hash(struct gt_ident id)
{
    uint64_t h = ((uint64_t)id.kind << 40) ^ ((uint64_t)id.flags << 36) ^ id.value;

    h *= 0x9e3779b97f4a7c15ULL; /* Fibonacci hashing */
    return (size_t)(h >> 20);
}

/* Return the slot of id in the index: its track, or the empty slot where it
 * would go.  The index must exist. */
static size_t find_slot(const struct gt_fleet *f, struct gt_ident id)
{
    size_t mask = f->nindex - 1, i = id_hash(id) & mask;

    while (f->index[i] != 0 && !same_id(f->tracks[f->index[i] - 1].id, id)) {
        i = (i + 1) & mask;
    }
    return i;
}

/* Rebuild the index with room for at least twice the tracks. */
static int reindex(struct gt_fleet *f, size_t want_tracks)
{
    size_t n = 64, i;
    size_t *idx;

    while (n < want_tracks * 2) {
        n *= 2;
    }
    idx = gt_calloc(n, sizeof *idx);
    if (idx == NULL) {
        return GT_ERR_NOMEM;
    }
    gt_free(f->index);
    f->index = idx;
    f->nindex = n;
    for (i = 0; i < f->n; i++) {
        f->index[find_slot(f, f->tracks[i].id)] = i + 1;
    }
    return GT_OK;
}

const struct gt_track *gt_fleet_find(const struct gt_fleet *f, struct gt_ident id)
{
    size_t i;

    if (f->nindex == 0) {
        for (i = 0; i < f->n; i++) { /* index not built (out of memory earlier) */
            if (same_id(f->tracks[i].id, id)) {
                return &f->tracks[i];
            }
        }
        return NULL;
    }
    i = find_slot(f, id);
    return f->index[i] ? &f->tracks[f->index[i] - 1] : NULL;
}

struct gt_track *gt_fleet_track(struct gt_fleet *f, struct gt_ident id)
{
    const struct gt_track *found = gt_fleet_find(f, id);

    if (found != NULL) {
        return &f->tracks[found - f->tracks];
    }
    if (f->n == f->cap) {
        struct gt_track *nt = gt_grow(f->tracks, &f->cap, sizeof *nt, 16);
        if (nt == NULL) {
            return NULL;
        }
        f->tracks = nt;
    }
    if ((f->n + 1) * 2 > f->nindex && reindex(f, f->n + 1) < 0) {
        return NULL;
    }
    gt_track_init(&f->tracks[f->n], id, f->max_points);
    f->index[find_slot(f, id)] = f->n + 1;
    return &f->tracks[f->n++];
}

int gt_fleet_add_obs(struct gt_fleet *f, const struct gt_obs *o)
{
    struct gt_track *t;

    if (!(o->flags & GT_OBS_POS) || o->t_ms == INT64_MIN) {
        return GT_OK;
    }
    t = gt_fleet_track(f, o->id);
    if (t == NULL) {
        return GT_ERR_NOMEM;
    }
    return gt_track_push_obs(t, o);
}

int gt_fleet_add_fact(struct gt_fleet *f, const struct gt_ident_obs *io)
{
    if (f->nfacts == f->capfacts) {
        struct gt_ident_obs *nf = gt_grow(f->facts, &f->capfacts, sizeof *nf, 64);
        if (nf == NULL) {
            return GT_ERR_NOMEM;
        }
        f->facts = nf;
    }
    f->facts[f->nfacts++] = *io;
    return GT_OK;
}

static int cmp_ident(struct gt_ident a, struct gt_ident b)
{
    if (a.kind != b.kind) {
        return a.kind < b.kind ? -1 : 1;
    }
    if (a.value != b.value) {
        return a.value < b.value ? -1 : 1;
    }
    if (a.flags != b.flags) {
        return a.flags < b.flags ? -1 : 1;
    }
    return 0;
}

static int cmp_track(const void *pa, const void *pb)
{
    const struct gt_track *a = pa, *b = pb;
    return cmp_ident(a->id, b->id);
}

static int cmp_fact(const void *pa, const void *pb)
{
    const struct gt_ident_obs *a = pa, *b = pb;
    int c = cmp_ident(a->id, b->id);

    if (c != 0) {
        return c;
    }
    if (a->t_ms != b->t_ms) {
        return a->t_ms < b->t_ms ? -1 : 1;
    }
    if (a->field != b->field) {
        return a->field < b->field ? -1 : 1;
    }
    if (a->prov.pos != b->prov.pos) {
        return a->prov.pos < b->prov.pos ? -1 : 1;
    }
    return strcmp(a->value, b->value);
}

void gt_fleet_sort(struct gt_fleet *f)
{
    size_t i;

    if (f->n > 1) {
        qsort(f->tracks, f->n, sizeof *f->tracks, cmp_track);
        if (reindex(f, f->n) < 0) {
            gt_free(f->index); /* lookups fall back to a linear scan */
            f->index = NULL;
            f->nindex = 0;
        }
    }
    for (i = 0; i < f->n; i++) {
        gt_track_sort(&f->tracks[i]);
    }
    if (f->nfacts > 1) {
        qsort(f->facts, f->nfacts, sizeof *f->facts, cmp_fact);
    }
}

/* Facts are sorted by (kind, value, flags, time): a binary search finds the
 * first fact of id; its run ends where the identity changes. */
static size_t fact_run(const struct gt_fleet *f, struct gt_ident id)
{
    size_t lo = 0, hi = f->nfacts;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct gt_ident *m = &f->facts[mid].id;
        if (m->kind < id.kind || (m->kind == id.kind && m->value < id.value)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

static int in_run(const struct gt_fleet *f, size_t i, struct gt_ident id)
{
    return i < f->nfacts && f->facts[i].id.kind == id.kind && f->facts[i].id.value == id.value;
}

const char *gt_fleet_fact(const struct gt_fleet *f, struct gt_ident id, enum gt_ident_field field,
                          int64_t since_ms, int64_t until_ms)
{
    const char *best = NULL;
    size_t i;

    if (f == NULL) {
        return NULL;
    }
    for (i = fact_run(f, id); in_run(f, i, id); i++) {
        const struct gt_ident_obs *io = &f->facts[i];
        if (io->field != field || io->value[0] == '\0' ||
            (since_ms != GT_TIME_NONE && (io->t_ms == GT_TIME_NONE || io->t_ms < since_ms)) ||
            (until_ms != GT_TIME_NONE && io->t_ms != GT_TIME_NONE && io->t_ms > until_ms)) {
            continue;
        }
        best = io->value;
    }
    return best;
}

const char *gt_fleet_fact_near(const struct gt_fleet *f, struct gt_ident id,
                               enum gt_ident_field field, int64_t start_ms, int64_t end_ms,
                               int64_t max_ms)
{
    const char *best = NULL;
    int64_t best_d = INT64_MAX;
    size_t i;

    if (f == NULL) {
        return NULL;
    }
    for (i = fact_run(f, id); in_run(f, i, id); i++) {
        const struct gt_ident_obs *io = &f->facts[i];
        int64_t d;
        if (io->field != field || io->value[0] == '\0' || io->t_ms == GT_TIME_NONE) {
            continue;
        }
        d = io->t_ms < start_ms ? start_ms - io->t_ms : io->t_ms > end_ms ? io->t_ms - end_ms : 0;
        if (d <= max_ms && d <= best_d) {
            best = io->value;
            best_d = d;
        }
    }
    return best;
}
