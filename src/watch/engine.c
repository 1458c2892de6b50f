/*
 * engine.c - the watch engine's core: alerts evaluated record by record.
 *
 * State lives per identity (a chained hash table of struct ent) and per
 * space cell (a 1-degree reception grid, and a 0.01-degree index of the
 * slow vessels an encounter is looked for among); a record costs a few
 * hash lookups and never a store query.  Data time is the clock, one per
 * kind of transponder (AIS and Mode S feeds run on their own times during
 * a replay); a sweep every data minute judges silences.  The rules, their
 * figures and their sources are in docs/WATCH.md; each reuses the figures
 * of the batch detector it mirrors (docs/DETECTORS.md) through the same
 * gt_params keys.
 *
 * This file owns the identity table, the watchlist index, the slow-vessel
 * index, the clocks and sweeps, the record tap (gt_watch_obs) and set up;
 * the state itself is declared in watch_int.h.  The rules live in
 * silence.c, rules.c and identity.c, alert records in alert.c, the saved
 * state in persist.c.
 *
 * Never twice: an alert's id hashes its rule, subject, peer and the time of
 * the record that triggered it; it is kept in the store (INSERT OR IGNORE)
 * before it is emitted, and a known id is not emitted again.  The state of
 * watched identities (and of any identity inside a watched area) and of the
 * reception grid is written by gt_watch_save() inside the same transaction
 * as the records that changed it, so after a crash the engine resumes
 * exactly where the store does.
 */
#include "ghosttrack/watch.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/aircraftdb.h"
#include "ghosttrack/airports.h"
#include "ghosttrack/buf.h"
#include "ghosttrack/esc.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/hash.h"
#include "ghosttrack/ids.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/ports.h"
#include "ghosttrack/time.h"

#include "watch_int.h"

/* ---- small helpers ---- */

static double num(const struct gt_watch *w, const char *key, double dflt)
{
    return gt_params_num(w->o.params, key, dflt);
}

static uint64_t fnv(const void *p, size_t n, uint64_t h)
{
    const unsigned char *s = p;
    size_t i;

    for (i = 0; i < n; i++) {
        h = (h ^ s[i]) * UINT64_C(1099511628211);
    }
    return h;
}

static uint64_t key_hash(enum gt_watch_sel sel, const char *v, uint32_t num_)
{
    uint64_t h = fnv(&sel, sizeof sel, UINT64_C(14695981039346656037));

    return v != NULL ? fnv(v, strlen(v), h) : fnv(&num_, sizeof num_, h);
}

static uint32_t ident_hash(const struct gt_ident *id)
{
    uint64_t h = ((uint64_t)id->kind << 32 | id->value) * UINT64_C(0x9e3779b97f4a7c15);

    return (uint32_t)(h >> 32) ^ (uint32_t)id->flags;
}

int gt__watch_same_id(const struct gt_ident *a, const struct gt_ident *b)
{
    return a->kind == b->kind && a->value == b->value && a->flags == b->flags;
}

int gt__watch_kind_of(const struct gt_ident *id)
{
    return id->kind == GT_ID_ICAO ? KIND_AIR : KIND_SEA;
}

int gt__watch_cell_index(double lat, double lon)
{
    int a = (int)floor(lat + 90.0), b = (int)floor(gt_geo_norm_lon(lon) + 180.0);

    if (a < 0) {
        a = 0;
    }
    if (a > 179) {
        a = 179;
    }
    if (b < 0) {
        b = 0;
    }
    if (b > 359) {
        b = 359;
    }
    return a * 360 + b;
}

int gt__watch_push_u32(uint32_t **arr, size_t *n, size_t *cap, uint32_t v)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        uint32_t *na = gt_realloc(*arr, c * sizeof *na);
        if (na == NULL) {
            return GT_ERR_NOMEM;
        }
        *arr = na;
        *cap = c;
    }
    (*arr)[(*n)++] = v;
    return GT_OK;
}

/* Glob match of upper-case text: '*' any run, '?' one byte. */
static int glob(const char *p, const char *s)
{
    const char *star = NULL, *ss = s;

    while (*s) {
        if (*p == '?' || *p == *s) {
            p++;
            s++;
        } else if (*p == '*') {
            star = p++;
            ss = s;
        } else if (star != NULL) {
            p = star + 1;
            s = ++ss;
        } else {
            return 0;
        }
    }
    while (*p == '*') {
        p++;
    }
    return *p == '\0';
}

/* Upper-case, collapse spaces, trim: as watchlist.c's normalise. */
void gt__watch_norm(const char *s, char *out, size_t cap)
{
    size_t k = 0;
    int space = 0;

    for (; *s && k + 1 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\t' || c == '@') {
            space = k > 0;
            continue;
        }
        if (space && k + 2 < cap) {
            out[k++] = ' ';
        }
        space = 0;
        out[k++] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
    }
    out[k] = '\0';
}

/* Copy s into out of cap bytes, cut to fit. */
void gt__watch_cut(char *out, size_t cap, const char *s)
{
    size_t n = strlen(s);

    if (n >= cap) {
        n = cap - 1;
    }
    memcpy(out, s, n);
    out[n] = '\0';
}

/* ---- identities ---- */

static struct ent *find(struct gt_watch *w, const struct gt_ident *id)
{
    uint32_t i = w->buckets[ident_hash(id) & (w->nbuckets - 1)];

    while (i != 0) {
        struct ent *e = &w->ents[i - 1];
        if (gt__watch_same_id(&e->id, id)) {
            return e;
        }
        i = e->next;
    }
    return NULL;
}

static int rehash(struct gt_watch *w, size_t nb)
{
    uint32_t *b = gt_calloc(nb, sizeof *b);
    size_t i;

    if (b == NULL) {
        return GT_ERR_NOMEM;
    }
    gt_free(w->buckets);
    w->buckets = b;
    w->nbuckets = nb;
    for (i = 0; i < w->nents; i++) {
        struct ent *e = &w->ents[i];
        uint32_t h;
        if (e->id.kind == GT_ID_NONE) {
            continue; /* free slot */
        }
        h = ident_hash(&e->id) & (uint32_t)(nb - 1);
        e->next = b[h];
        b[h] = (uint32_t)i + 1;
    }
    return GT_OK;
}

/* Look up the watchlist for (sel, value or number); OR the kinds of every
 * matching entry into *kinds and give the first entry. */
void gt__watch_match(const struct gt_watch *w, enum gt_watch_sel sel, const char *v, uint32_t n,
                     unsigned *kinds, int32_t *first)
{
    uint64_t h = key_hash(sel, v, n);
    uint32_t i;

    if (w->nwbuckets == 0) {
        return;
    }
    i = w->wbuckets[h & (w->nwbuckets - 1)];
    while (i != 0) {
        const struct widx *x = &w->wi[i - 1];
        const struct gt_watch_entry *e = gt_watchlist_get(w->o.wl, x->entry);
        if (x->h == h && e->sel == sel && (v != NULL ? strcmp(e->value, v) == 0 : e->num == n)) {
            *kinds |= e->kinds;
            if (*first < 0 || (int32_t)x->entry < *first) {
                *first = (int32_t)x->entry;
            }
        }
        i = x->next;
    }
}

void gt__watch_match_globs(const struct gt_watch *w, enum gt_watch_sel sel, const char *v,
                           unsigned *kinds, int32_t *first)
{
    size_t i;

    for (i = 0; i < w->nglobs; i++) {
        const struct gt_watch_entry *e = gt_watchlist_get(w->o.wl, w->globs[i]);
        if (e->sel == sel && glob(e->value, v)) {
            *kinds |= e->kinds;
            if (*first < 0) {
                *first = (int32_t)w->globs[i];
            }
        }
    }
}

uint64_t gt__watch_entry_hash(const struct gt_watch *w, int32_t entry)
{
    const struct gt_watch_entry *x = entry >= 0 ? gt_watchlist_get(w->o.wl, (size_t)entry) : NULL;
    int numeric;

    if (x == NULL) {
        return 0;
    }
    numeric = x->sel == GT_WSEL_MMSI || x->sel == GT_WSEL_IMO || x->sel == GT_WSEL_ICAO;
    return key_hash(x->sel, numeric ? NULL : x->value, x->num) ^ x->kinds;
}

void gt__watch_mark_dirty(struct gt_watch *w, struct ent *e)
{
    if (!e->dirty && (e->kinds != 0 || e->narea > 0)) {
        e->dirty = 1;
        if (gt__watch_push_u32(&w->dirty, &w->ndirty, &w->cap_dirty, (uint32_t)(e - w->ents)) < 0) {
            e->dirty = 0; /* saved at the next change */
        }
    }
}

/* e now wants kinds (more than before): keep it in the watched list. */
int gt__watch_watch_more(struct gt_watch *w, struct ent *e, unsigned kinds, int32_t entry)
{
    if ((kinds & ~e->kinds) == 0) {
        return GT_OK;
    }
    if (e->kinds == 0) {
        int rc =
            gt__watch_push_u32(&w->watched, &w->nwatched, &w->cap_watched, (uint32_t)(e - w->ents));
        if (rc < 0) {
            return rc;
        }
        w->stats.watched++;
    }
    e->kinds |= kinds;
    if (e->entry < 0) {
        e->entry = entry;
        e->entry_h = gt__watch_entry_hash(w, entry);
    }
    gt__watch_mark_dirty(w, e);
    return GT_OK;
}

int gt__watch_get_ent(struct gt_watch *w, const struct gt_ident *id, struct ent **out)
{
    struct ent *e = find(w, id);
    uint32_t idx, h;
    unsigned kinds = 0;
    int32_t first = -1;

    if (e != NULL) {
        *out = e;
        return GT_OK;
    }
    if (w->free_head != 0) {
        idx = w->free_head - 1;
        w->free_head = w->ents[idx].next;
    } else {
        if (w->nents == w->cap_ents) {
            size_t c = w->cap_ents ? w->cap_ents * 2 : 1024;
            struct ent *ne = gt_realloc(w->ents, c * sizeof *ne);
            if (ne == NULL) {
                return GT_ERR_NOMEM;
            }
            w->ents = ne;
            w->cap_ents = c;
        }
        idx = (uint32_t)w->nents++;
    }
    e = &w->ents[idx];
    memset(e, 0, sizeof *e);
    e->id = *id;
    e->entry = -1;
    e->t_first = e->t_last = e->t_pos = e->t_fact = GT_TIME_NONE;
    e->enc_since = e->enc_last = e->slow_since = e->slow_last = e->spoof_last = GT_TIME_NONE;
    h = ident_hash(id) & (uint32_t)(w->nbuckets - 1);
    e->next = w->buckets[h];
    w->buckets[h] = idx + 1;
    w->stats.identities++;
    if (w->stats.identities > w->nbuckets && rehash(w, w->nbuckets * 2) < 0) {
        return GT_ERR_NOMEM;
    }
    /* direct selectors, then the aircraft database */
    gt__watch_match(w, id->kind == GT_ID_MMSI ? GT_WSEL_MMSI : GT_WSEL_ICAO, NULL, id->value,
                    &kinds, &first);
    if (id->kind == GT_ID_ICAO && w->o.ref != NULL && w->o.ref->aircraft != NULL) {
        const struct gt_aircraft *a = gt_aircraftdb_find(w->o.ref->aircraft, id->value);
        if (a != NULL) {
            char v[GT_WATCH_TEXT_MAX];
            gt__watch_norm(a->registration, v, sizeof v);
            gt__watch_cut(e->reg, sizeof e->reg, v);
            if (v[0]) {
                gt__watch_match(w, GT_WSEL_REG, v, 0, &kinds, &first);
            }
            gt__watch_norm(a->typecode, v, sizeof v);
            if (v[0]) {
                gt__watch_match(w, GT_WSEL_TYPE, v, 0, &kinds, &first);
            }
            gt__watch_norm(a->op, v, sizeof v);
            if (v[0]) {
                gt__watch_match(w, GT_WSEL_OPERATOR, v, 0, &kinds, &first);
                gt__watch_match_globs(w, GT_WSEL_OPERATOR, v, &kinds, &first);
            }
        }
    }
    *out = &w->ents[idx];
    return gt__watch_watch_more(w, *out, kinds, first);
}

/* ---- slow-vessel index (encounters) ---- */

uint64_t gt__watch_slow_key(double lat, double lon)
{
    int64_t a = (int64_t)floor((lat + 90.0) * 100.0), b = (int64_t)floor((lon + 180.0) * 100.0);

    return (uint64_t)a * 40000u + (uint64_t)b;
}

struct slow_slot *gt__watch_slow_slot(struct gt_watch *w, uint64_t key, int create)
{
    size_t m = w->nslow - 1, i = (size_t)((key + 1) * UINT64_C(0x9e3779b97f4a7c15) >> 20) & m;

    while (w->slow[i].key != 0) {
        if (w->slow[i].key == key + 1) {
            return &w->slow[i];
        }
        i = (i + 1) & m;
    }
    if (!create) {
        return NULL;
    }
    w->slow[i].key = key + 1;
    w->slow[i].head = 0;
    w->slow_used++;
    return &w->slow[i];
}

/* Rebuild the table when more than half full, keeping non-empty cells
 * only (a cell stays in the table after its last vessel leaves). */
static int slow_grow(struct gt_watch *w)
{
    struct slow_slot *old = w->slow;
    size_t n = w->nslow, i, live = 0;

    for (i = 0; i < n; i++) {
        live += old[i].key != 0 && old[i].head != 0;
    }
    while (live * 4 > w->nslow) {
        w->nslow *= 2;
    }
    w->slow = gt_calloc(w->nslow, sizeof *w->slow);
    if (w->slow == NULL) {
        w->slow = old;
        w->nslow = n;
        return GT_ERR_NOMEM;
    }
    w->slow_used = 0;
    for (i = 0; i < n; i++) {
        if (old[i].key != 0 && old[i].head != 0) {
            struct slow_slot *s = gt__watch_slow_slot(w, old[i].key - 1, 1);
            s->head = old[i].head;
        }
    }
    gt_free(old);
    return GT_OK;
}

static void slow_remove(struct gt_watch *w, struct ent *e)
{
    uint32_t self = (uint32_t)(e - w->ents) + 1;

    if (!e->in_slow) {
        return;
    }
    if (e->sprev != 0) {
        w->ents[e->sprev - 1].snext = e->snext;
    } else {
        struct slow_slot *s = gt__watch_slow_slot(w, e->scell, 0);
        if (s != NULL && s->head == self) {
            s->head = e->snext;
        }
    }
    if (e->snext != 0) {
        w->ents[e->snext - 1].sprev = e->sprev;
    }
    e->snext = e->sprev = 0;
    e->in_slow = 0;
}

static int slow_put(struct gt_watch *w, struct ent *e)
{
    uint64_t key = gt__watch_slow_key(e->lat, e->lon);
    struct slow_slot *s;
    uint32_t self = (uint32_t)(e - w->ents) + 1;

    if (e->in_slow && e->scell == key) {
        return GT_OK;
    }
    slow_remove(w, e);
    if ((w->slow_used + 1) * 2 > w->nslow && slow_grow(w) < 0) {
        return GT_ERR_NOMEM;
    }
    s = gt__watch_slow_slot(w, key, 1);
    e->scell = key;
    e->sprev = 0;
    e->snext = s->head;
    if (s->head != 0) {
        w->ents[s->head - 1].sprev = self;
    }
    s->head = self;
    e->in_slow = 1;
    return GT_OK;
}

/* ---- identities forgotten ---- */

static void forget(struct gt_watch *w, struct ent *e)
{
    uint32_t idx = (uint32_t)(e - w->ents), h = ident_hash(&e->id) & (uint32_t)(w->nbuckets - 1);
    uint32_t *pp = &w->buckets[h];

    slow_remove(w, e);
    while (*pp != 0 && *pp != idx + 1) {
        pp = &w->ents[*pp - 1].next;
    }
    if (*pp == idx + 1) {
        *pp = e->next;
    }
    memset(e, 0, sizeof *e);
    e->next = w->free_head;
    w->free_head = idx + 1;
    w->stats.identities--;
}

static int sweep(struct gt_watch *w, int k)
{
    size_t i;
    int rc;

    for (i = 0; i < w->nwatched; i++) {
        struct ent *e = &w->ents[w->watched[i]];
        if (e->id.kind == GT_ID_NONE || gt__watch_kind_of(&e->id) != k) {
            continue;
        }
        rc = gt__watch_judge_silence(w, e);
        if (rc < 0) {
            return rc;
        }
    }
    w->swept[k] = w->clock[k];
    /* forget identities nobody watches once they are long silent */
    if (w->clock[k] - w->forgot > HOUR_MS) {
        for (i = 0; i < w->nents; i++) {
            struct ent *e = &w->ents[i];
            if (e->id.kind != GT_ID_NONE && e->kinds == 0 && e->narea == 0 &&
                e->t_last != GT_TIME_NONE && gt__watch_kind_of(&e->id) == k &&
                (double)(w->clock[k] - e->t_last) > w->f.forget_ms) {
                forget(w, e);
            }
        }
        w->forgot = w->clock[k];
    }
    return GT_OK;
}

int gt__watch_advance(struct gt_watch *w, int k, int64_t t)
{
    if (t == GT_TIME_NONE) {
        return GT_OK;
    }
    if (w->clock[k] == GT_TIME_NONE || t > w->clock[k]) {
        w->clock[k] = t;
        w->clock_dirty = 1;
    }
    if (w->swept[k] == GT_TIME_NONE) {
        w->swept[k] = w->clock[k];
    }
    if (w->clock[k] - w->swept[k] >= MINUTE_MS) {
        return sweep(w, k);
    }
    return GT_OK;
}

/* ---- the record tap ---- */

int gt_watch_obs(struct gt_watch *w, const struct gt_obs *o)
{
    struct ent *e;
    int rc, c, k, first_fix;
    double kn = -1;

    w->stats.records++;
    if (!(o->flags & GT_OBS_POS) || o->t_ms == GT_TIME_NONE || o->id.kind == GT_ID_NONE) {
        return GT_OK;
    }
    rc = gt__watch_get_ent(w, &o->id, &e);
    if (rc < 0) {
        return rc;
    }
    k = gt__watch_kind_of(&o->id);
    /* the clock first: silences up to this record are judged before it
     * changes anything (feeds heard in bursts advance the clock in jumps) */
    rc = gt__watch_advance(w, k, o->t_ms);
    if (rc < 0) {
        return rc;
    }
    if (e->t_pos != GT_TIME_NONE && o->t_ms < e->t_pos) {
        return GT_OK; /* late: stored, but the state has moved on */
    }
    first_fix = !e->have_pos;
    if (e->t_first == GT_TIME_NONE) {
        e->t_first = o->t_ms;
        rc = gt__watch_bad_mmsi(w, e, &o->prov, o->t_ms);
        if (rc < 0) {
            return rc;
        }
    }
    rc = gt__watch_heard(w, e, o->t_ms, &o->prov, o->lat_deg, o->lon_deg);
    if (rc == GT_OK) {
        rc = gt__watch_spoof(w, e, o);
    }
    if (rc < 0) {
        return rc;
    }
    c = gt__watch_cell_index(o->lat_deg, o->lon_deg);
    gt__watch_reception_add(w, e, o->t_ms, c);
    if (e->have_pos && o->t_ms > e->t_pos) {
        int64_t dt = (o->t_ms - e->t_pos) / 1000;
        e->iv_s[e->iv_at] = (int32_t)(dt > 86400 ? 86400 : dt);
        e->iv_at = (e->iv_at + 1) % NIV;
        e->niv++;
    }
    if (o->flags & GT_OBS_SPEED) {
        kn = (double)o->speed_kn;
    } else if (e->have_pos && o->t_ms > e->t_pos) {
        kn = gt_geo_fast_km(e->lat, e->lon, o->lat_deg, o->lon_deg) / 1.852 /
             ((double)(o->t_ms - e->t_pos) / 3.6e6);
    }
    if (k == KIND_AIR) {
        rc = gt__watch_flight(w, e, o, first_fix);
        if (rc < 0) {
            return rc;
        }
    }
    e->lat = o->lat_deg;
    e->lon = o->lon_deg;
    e->t_pos = o->t_ms;
    e->have_pos = 1;
    e->prov = o->prov;
    if (o->t_ms > e->t_last || e->t_last == GT_TIME_NONE) {
        e->t_last = o->t_ms;
    }
    e->have_speed = kn >= 0;
    e->speed_kn = (float)kn;
    if (o->flags & GT_OBS_NAVSTAT) {
        e->have_nav = 1;
        e->navstat = o->nav_status;
    }
    if (e->kinds != 0) {
        gt__watch_mark_dirty(w, e);
    }
    if (w->nareas > 0) {
        rc = gt__watch_areas(w, e, o);
        if (rc < 0) {
            return rc;
        }
    }
    if (k == KIND_SEA) {
        if (kn >= 0 && kn <= w->f.enc_sample_kn) {
            rc = slow_put(w, e);
            if (rc == GT_OK) {
                rc = gt__watch_encounters(w, e, o);
            }
        } else {
            slow_remove(w, e);
        }
        if (rc == GT_OK) {
            rc = gt__watch_loiter(w, e, o, kn);
        }
    }
    return rc;
}

int gt_watch_tick(struct gt_watch *w, int64_t advance_ms)
{
    int k, rc;

    for (k = 0; k < 2; k++) {
        if (w->clock[k] == GT_TIME_NONE) {
            continue;
        }
        w->clock[k] += advance_ms > 0 ? advance_ms : 0;
        w->clock_dirty = advance_ms > 0 || w->clock_dirty;
        rc = sweep(w, k);
        if (rc < 0) {
            return rc;
        }
    }
    return GT_OK;
}

int64_t gt_watch_clock(const struct gt_watch *w)
{
    return w->clock[0] > w->clock[1] ? w->clock[0] : w->clock[1];
}

const struct gt_watch_stats *gt_watch_stats(const struct gt_watch *w)
{
    return &w->stats;
}

/* ---- set up ---- */

static int index_entries(struct gt_watch *w)
{
    size_t n = gt_watchlist_count(w->o.wl), i;

    w->nwbuckets = 64;
    while (w->nwbuckets < n * 2) {
        w->nwbuckets *= 2;
    }
    w->wbuckets = gt_calloc(w->nwbuckets, sizeof *w->wbuckets);
    w->wi = gt_calloc(n + 1, sizeof *w->wi);
    w->globs = gt_calloc(n + 1, sizeof *w->globs);
    w->areas = gt_calloc(n + 1, sizeof *w->areas);
    if (w->wbuckets == NULL || w->wi == NULL || w->globs == NULL || w->areas == NULL) {
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < n; i++) {
        const struct gt_watch_entry *e = gt_watchlist_get(w->o.wl, i);
        int numeric = e->sel == GT_WSEL_MMSI || e->sel == GT_WSEL_IMO || e->sel == GT_WSEL_ICAO;
        struct widx *x;
        size_t b;
        if (e->sel == GT_WSEL_AREA) {
            w->areas[w->nareas++] = (uint32_t)i;
            continue;
        }
        if (e->glob) {
            w->globs[w->nglobs++] = (uint32_t)i;
            continue;
        }
        x = &w->wi[w->nwi];
        x->h = key_hash(e->sel, numeric ? NULL : e->value, e->num);
        x->entry = (uint32_t)i;
        b = x->h & (w->nwbuckets - 1);
        x->next = w->wbuckets[b];
        w->wbuckets[b] = (uint32_t)++w->nwi;
    }
    return GT_OK;
}

static void figures(struct gt_watch *w)
{
    struct figs *f = &w->f;

    /* dark: the own reporting rate times a factor, at least a floor, and
     * the cell heard as well as gap.min_heard_hours asks (ais_gap) */
    f->dark_min_ms = num(w, "watch.dark_min_minutes", 60) * 60000.0;
    f->dark_factor = num(w, "watch.dark_factor", 10);
    f->dark_min_heard = num(w, "gap.min_heard_hours", 10);
    f->dark_min_present_h = num(w, "watch.dark_min_vessel_hours", 6);
    f->air_dark_min_ms = num(w, "watch.air_dark_minutes", 10) * 60000.0;
    f->air_min_cover = num(w, "watch.air_min_coverage", 0.5);
    f->air_cap_min = 30;
    /* encounter and loitering: the batch rules' figures */
    f->enc_max_m = num(w, "enc.max_distance_m", 500);
    f->enc_min_ms = num(w, "enc.min_hours", 2) * 3.6e6;
    f->enc_sample_kn = num(w, "enc.sample_max_kn", 4);
    f->enc_gap_ms = num(w, "enc.max_interp_hours", 1) * 3.6e6;
    f->enc_port_km = num(w, "enc.min_port_km", 10);
    f->loi_max_kn = num(w, "loiter.max_speed_kn", 2);
    f->loi_min_ms = num(w, "loiter.min_hours", 4) * 3.6e6;
    f->loi_gap_ms = num(w, "loiter.max_gap_hours", 1) * 3.6e6;
    f->loi_port_km = num(w, "loiter.min_anchorage_km", 10);
    f->spoof_kn = num(w, "spoof.max_speed_kn", 50);
    f->spoof_km = num(w, "spoof.teleport_km", 10);
    f->spoof_repeat_ms = num(w, "watch.spoof_repeat_hours", 6) * 3.6e6;
    /* flights: flight.h's low and attach figures, its 10-minute cut */
    f->air_low_ft = num(w, "air.low_ft", 3281);
    f->air_attach_km = num(w, "air.attach_km", 10);
    f->air_quiet_ms = num(w, "watch.air_quiet_minutes", 10) * 60000.0;
    f->forget_ms = num(w, "watch.forget_hours", 6) * 3.6e6;
}

int gt_watch_new(const struct gt_watch_opts *o, struct gt_watch **out)
{
    struct gt_watch *w;
    int rc;

    *out = NULL;
    if (o == NULL || o->wl == NULL || o->st == NULL) {
        return GT_ERR_INVAL;
    }
    w = gt_calloc(1, sizeof *w);
    if (w == NULL) {
        return GT_ERR_NOMEM;
    }
    w->o = *o;
    figures(w);
    gt_buf_init(&w->js, 1u << 20);
    gt_buf_init(&w->fig, 1u << 16);
    w->clock[0] = w->clock[1] = w->swept[0] = w->swept[1] = GT_TIME_NONE;
    w->forgot = INT64_MIN / 2;
    w->nbuckets = 1024;
    w->buckets = gt_calloc(w->nbuckets, sizeof *w->buckets);
    w->nslow = 1024;
    w->slow = gt_calloc(w->nslow, sizeof *w->slow);
    w->nimos = 64;
    w->imos = gt_calloc(w->nimos, sizeof *w->imos);
    w->cells = gt_calloc(NCELLS, sizeof *w->cells);
    w->cell_dirty = gt_calloc(NCELLS, 1);
    if (w->buckets == NULL || w->slow == NULL || w->imos == NULL || w->cells == NULL ||
        w->cell_dirty == NULL) {
        gt_watch_free(w);
        return GT_ERR_NOMEM;
    }
    rc = index_entries(w);
    if (rc == GT_OK) {
        rc = gt_store_watch_state_each(w->o.st, gt__watch_load_row, w);
    }
    if (rc < 0) {
        gt_watch_free(w);
        return rc;
    }
    w->ndirty = 0;
    *out = w;
    return GT_OK;
}

void gt_watch_free(struct gt_watch *w)
{
    if (w == NULL) {
        return;
    }
    gt_free(w->ents);
    gt_free(w->buckets);
    gt_free(w->watched);
    gt_free(w->dirty);
    gt_free(w->wi);
    gt_free(w->wbuckets);
    gt_free(w->globs);
    gt_free(w->areas);
    gt_free(w->slow);
    gt_free(w->imos);
    gt_free(w->cells);
    gt_free(w->cell_dirty);
    gt_free(w->dcells);
    gt_buf_release(&w->js);
    gt_buf_release(&w->fig);
    gt_free(w);
}
