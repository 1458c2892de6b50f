/*
 * engine.c - the watch engine: alerts evaluated record by record.
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

#define MINUTE_MS INT64_C(60000)
#define HOUR_MS   INT64_C(3600000)
#define NIV       8 /* reporting intervals kept per identity */
#define MAX_AREAS 4 /* watched areas one identity can be inside at once */
#define NCELLS    (180 * 360)
#define KIND_SEA  0
#define KIND_AIR  1
#define NO_NUM    ((double)NAN)

enum air_state { AIR_UNKNOWN = 0, AIR_GROUND = 1, AIR_AIRBORNE = 2 };

/* Everything known about one identity.  Persisted as a blob (the links
 * are rebuilt), so keep it plain data. */
struct ent {
    struct gt_ident id;
    uint32_t next;         /* hash chain: index + 1, 0 ends */
    uint32_t snext, sprev; /* slow-vessel cell list: index + 1 */
    uint64_t scell;        /* slow cell key while in_slow */
    uint8_t in_slow, dirty, static_done, first_sent;
    uint8_t dark_sent, loiter_sent, enc_sent, air;
    uint8_t have_pos, have_speed, have_nav, navstat;
    uint8_t narea, approach, pad_[2];
    unsigned kinds;          /* watched alert kinds (0: not watched) */
    int32_t entry;           /* first watchlist entry matched, -1 none */
    uint64_t entry_h;        /* key_hash of that entry: still the same after a restart? */
    int64_t t_first, t_last; /* first and last record of any kind */
    int64_t t_pos;           /* last position */
    double lat, lon;
    float speed_kn;
    int32_t alt_ft;
    int32_t iv_s[NIV]; /* seconds between consecutive positions */
    uint32_t niv, iv_at;
    struct gt_prov prov; /* the last position's record */
    int32_t area_in[MAX_AREAS];
    struct gt_ident enc_peer;
    int64_t enc_since, enc_last;
    int64_t slow_since, slow_last;
    int64_t spoof_last;
    char apt[16]; /* airport of the last ground or low fix */
    char name[24], callsign[16], imo[12], reg[16], flag[4];
    int64_t t_fact;
};

/* Reception of one 1-degree cell (reception.c's measure, kept running):
 * distinct (identity, slot) pairs heard there and identity-slots present
 * (each interval between consecutive fixes, capped), per kind. */
struct cell {
    float heard[2], present[2];
};

/* A watch index row: entries by (selector, value). */
struct widx {
    uint64_t h;
    uint32_t entry, next;
};

struct slow_slot {
    uint64_t key; /* cell key + 1, 0 = empty */
    uint32_t head;
};

struct imo_slot {
    uint32_t imo; /* 0 = empty */
    uint32_t mmsi;
    int64_t t_ms;
    uint8_t dirty;
};

struct figs {
    double dark_min_ms, dark_factor, dark_min_heard, dark_min_present_h;
    double air_dark_min_ms, air_min_cover, air_cap_min;
    double enc_max_m, enc_min_ms, enc_sample_kn, enc_gap_ms, enc_port_km;
    double loi_max_kn, loi_min_ms, loi_gap_ms, loi_port_km;
    double spoof_kn, spoof_km, spoof_repeat_ms;
    double air_low_ft, air_attach_km, air_quiet_ms;
    double forget_ms;
};

struct gt_watch {
    struct gt_watch_opts o;
    struct figs f;
    struct gt_watch_stats stats;
    /* identities */
    struct ent *ents;
    size_t nents, cap_ents;
    uint32_t *buckets; /* index + 1 */
    size_t nbuckets;
    uint32_t free_head; /* free list through next, index + 1 */
    uint32_t *watched;  /* indices of watched identities */
    size_t nwatched, cap_watched;
    uint32_t *dirty;
    size_t ndirty, cap_dirty;
    /* watchlist index */
    struct widx *wi;
    size_t nwi;
    uint32_t *wbuckets;
    size_t nwbuckets;
    uint32_t *globs; /* entries with patterns */
    size_t nglobs;
    uint32_t *areas; /* area entries */
    size_t nareas;
    /* slow vessels by 0.01-degree cell */
    struct slow_slot *slow;
    size_t nslow, slow_used;
    /* IMO -> last MMSI */
    struct imo_slot *imos;
    size_t nimos, imos_used;
    int imos_dirty;
    /* reception */
    struct cell *cells;
    uint8_t *cell_dirty;
    uint32_t *dcells;
    size_t ndcells, cap_dcells;
    int64_t clock[2];
    int64_t swept[2];
    int64_t forgot;
    int clock_dirty;
    struct gt_buf js, fig;
};

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

static int same_id(const struct gt_ident *a, const struct gt_ident *b)
{
    return a->kind == b->kind && a->value == b->value && a->flags == b->flags;
}

static int kind_of(const struct gt_ident *id)
{
    return id->kind == GT_ID_ICAO ? KIND_AIR : KIND_SEA;
}

static int cell_index(double lat, double lon)
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

static int push_u32(uint32_t **arr, size_t *n, size_t *cap, uint32_t v)
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
static void norm(const char *s, char *out, size_t cap)
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
static void cut(char *out, size_t cap, const char *s)
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
        if (same_id(&e->id, id)) {
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
static void match(const struct gt_watch *w, enum gt_watch_sel sel, const char *v, uint32_t n,
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

static void match_globs(const struct gt_watch *w, enum gt_watch_sel sel, const char *v,
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

static uint64_t entry_hash(const struct gt_watch *w, int32_t entry)
{
    const struct gt_watch_entry *x = entry >= 0 ? gt_watchlist_get(w->o.wl, (size_t)entry) : NULL;
    int numeric;

    if (x == NULL) {
        return 0;
    }
    numeric = x->sel == GT_WSEL_MMSI || x->sel == GT_WSEL_IMO || x->sel == GT_WSEL_ICAO;
    return key_hash(x->sel, numeric ? NULL : x->value, x->num) ^ x->kinds;
}

static void mark_dirty(struct gt_watch *w, struct ent *e)
{
    if (!e->dirty && (e->kinds != 0 || e->narea > 0)) {
        e->dirty = 1;
        if (push_u32(&w->dirty, &w->ndirty, &w->cap_dirty, (uint32_t)(e - w->ents)) < 0) {
            e->dirty = 0; /* saved at the next change */
        }
    }
}

/* e now wants kinds (more than before): keep it in the watched list. */
static int watch_more(struct gt_watch *w, struct ent *e, unsigned kinds, int32_t entry)
{
    if ((kinds & ~e->kinds) == 0) {
        return GT_OK;
    }
    if (e->kinds == 0) {
        int rc = push_u32(&w->watched, &w->nwatched, &w->cap_watched, (uint32_t)(e - w->ents));
        if (rc < 0) {
            return rc;
        }
        w->stats.watched++;
    }
    e->kinds |= kinds;
    if (e->entry < 0) {
        e->entry = entry;
        e->entry_h = entry_hash(w, entry);
    }
    mark_dirty(w, e);
    return GT_OK;
}

static int get_ent(struct gt_watch *w, const struct gt_ident *id, struct ent **out)
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
    match(w, id->kind == GT_ID_MMSI ? GT_WSEL_MMSI : GT_WSEL_ICAO, NULL, id->value, &kinds, &first);
    if (id->kind == GT_ID_ICAO && w->o.ref != NULL && w->o.ref->aircraft != NULL) {
        const struct gt_aircraft *a = gt_aircraftdb_find(w->o.ref->aircraft, id->value);
        if (a != NULL) {
            char v[GT_WATCH_TEXT_MAX];
            norm(a->registration, v, sizeof v);
            cut(e->reg, sizeof e->reg, v);
            if (v[0]) {
                match(w, GT_WSEL_REG, v, 0, &kinds, &first);
            }
            norm(a->typecode, v, sizeof v);
            if (v[0]) {
                match(w, GT_WSEL_TYPE, v, 0, &kinds, &first);
            }
            norm(a->op, v, sizeof v);
            if (v[0]) {
                match(w, GT_WSEL_OPERATOR, v, 0, &kinds, &first);
                match_globs(w, GT_WSEL_OPERATOR, v, &kinds, &first);
            }
        }
    }
    *out = &w->ents[idx];
    return watch_more(w, *out, kinds, first);
}

/* ---- slow-vessel index (encounters) ---- */

static uint64_t slow_key(double lat, double lon)
{
    int64_t a = (int64_t)floor((lat + 90.0) * 100.0), b = (int64_t)floor((lon + 180.0) * 100.0);

    return (uint64_t)a * 40000u + (uint64_t)b;
}

static struct slow_slot *slow_slot(struct gt_watch *w, uint64_t key, int create)
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
            struct slow_slot *s = slow_slot(w, old[i].key - 1, 1);
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
        struct slow_slot *s = slow_slot(w, e->scell, 0);
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
    uint64_t key = slow_key(e->lat, e->lon);
    struct slow_slot *s;
    uint32_t self = (uint32_t)(e - w->ents) + 1;

    if (e->in_slow && e->scell == key) {
        return GT_OK;
    }
    slow_remove(w, e);
    if ((w->slow_used + 1) * 2 > w->nslow && slow_grow(w) < 0) {
        return GT_ERR_NOMEM;
    }
    s = slow_slot(w, key, 1);
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

/* ---- alerts ---- */

static const char *kind_name(unsigned k)
{
    const char *s = gt_watch_kind_name(k);

    return s != NULL ? s : "unknown";
}

static int kind_slot(unsigned k)
{
    int i;

    for (i = 0; i < GT_ALERT_NKIND; i++) {
        if (k == (1u << i)) {
            return i;
        }
    }
    return 0;
}

static void add_time(struct gt_buf *b, const char *key, int64_t t)
{
    char iso[GT_TIME_ISO_MAX];

    if (t == GT_TIME_NONE || gt_time_format_iso(t, iso, sizeof iso, 0) < 0) {
        gt_buf_addf(b, ",\"%s\":null", key);
    } else {
        gt_buf_addf(b, ",\"%s\":\"%s\"", key, iso);
    }
}

static void add_prov(struct gt_buf *b, const struct gt_prov *p, int64_t t, const char *role)
{
    gt_buf_addf(b, "{\"input\":%u,\"kind\":\"%s\",\"%s\":%llu,\"role\":\"%s\"", p->input_id,
                p->kind == GT_PROV_STREAM ? "stream" : "file",
                p->kind == GT_PROV_STREAM ? "seq" : "offset", (unsigned long long)p->pos, role);
    add_time(b, "t", t);
    gt_buf_addstr(b, "}");
}

/* Numbers for the figures object: "key":value with a leading comma. */
static void fnum(struct gt_buf *b, const char *key, double v, int prec)
{
    if (isfinite(v)) {
        gt_buf_addf(b, ",\"%s\":%.*f", key, prec, v);
    } else {
        gt_buf_addf(b, ",\"%s\":null", key);
    }
}

static void fstr(struct gt_buf *b, const char *key, const char *v)
{
    gt_buf_addf(b, ",\"%s\":", key);
    gt_esc_json(b, v, strlen(v));
}

/* Emit alert `kind` about e, triggered by the record of time t and
 * provenance prov (ev2: a second evidence record, e.g. the last one before
 * a silence; may be NULL).  peer may be NULL; w->fig holds the figures
 * (",k":v pairs, leading comma) and is reset here. */
static int alert(struct gt_watch *w, struct ent *e, unsigned kind, int64_t t,
                 const struct gt_prov *prov, const struct gt_prov *ev2, int64_t t2,
                 const char *ev2_role, const struct gt_ident *peer, double lat, double lon,
                 const char *area_label)
{
    char subj[GT_IDENT_MAX], peer_s[GT_IDENT_MAX] = "", id[GT_SHA256_HEX];
    uint8_t dg[GT_SHA256_LEN];
    struct gt_sha256 sh;
    const char *rule = kind_name(kind);
    const struct gt_watch_entry *en =
        e->entry >= 0 ? gt_watchlist_get(w->o.wl, (size_t)e->entry) : NULL;
    char tt[24];
    int added = 0, rc;
    struct gt_buf *b = &w->js;

    if (gt_ident_format(&e->id, subj, sizeof subj) < 0) {
        gt_buf_reset(&w->fig);
        return GT_OK;
    }
    if (peer != NULL && gt_ident_format(peer, peer_s, sizeof peer_s) < 0) {
        peer_s[0] = '\0';
    }
    snprintf(tt, sizeof tt, "%lld", (long long)t);
    gt_sha256_init(&sh);
    gt_sha256_update(&sh, rule, strlen(rule) + 1);
    gt_sha256_update(&sh, subj, strlen(subj) + 1);
    gt_sha256_update(&sh, peer_s, strlen(peer_s) + 1);
    gt_sha256_update(&sh, area_label != NULL ? area_label : "",
                     area_label ? strlen(area_label) + 1 : 1);
    gt_sha256_update(&sh, tt, strlen(tt));
    gt_sha256_final(&sh, dg);
    gt_sha256_hex(dg, id);
    id[16] = '\0';

    gt_buf_reset(b);
    gt_buf_addf(b, "{\"id\":\"%s\",\"rule\":\"%s\",\"subject\":\"%s\"", id, rule, subj);
    add_time(b, "t", t);
    if (peer_s[0]) {
        gt_buf_addf(b, ",\"peer\":\"%s\"", peer_s);
    }
    if (isfinite(lat) && isfinite(lon)) {
        gt_buf_addf(b, ",\"lat\":%.6f,\"lon\":%.6f", lat, lon);
    }
    fstr(b, "label", en != NULL ? en->label : "");
    if (area_label != NULL) {
        fstr(b, "area", area_label);
    }
    if (e->name[0]) {
        fstr(b, "name", e->name);
    }
    if (e->reg[0]) {
        fstr(b, "registration", e->reg);
    }
    if (e->callsign[0]) {
        fstr(b, "callsign", e->callsign);
    }
    gt_buf_addstr(b, ",\"figures\":{");
    if (gt_buf_len(&w->fig) > 0) {
        gt_buf_add(b, gt_buf_str(&w->fig) + 1, gt_buf_len(&w->fig) - 1);
    }
    gt_buf_addstr(b, "},\"evidence\":[");
    if (prov != NULL && prov->kind != GT_PROV_NONE) {
        add_prov(b, prov, t, "trigger");
        if (ev2 != NULL && ev2->kind != GT_PROV_NONE) {
            gt_buf_addstr(b, ",");
        }
    }
    if (ev2 != NULL && ev2->kind != GT_PROV_NONE) {
        add_prov(b, ev2, t2, ev2_role);
    }
    gt_buf_addstr(b, "]}");
    gt_buf_reset(&w->fig);
    rc = gt_buf_error(b);
    if (rc < 0) {
        gt_buf_release(b);
        return rc;
    }
    rc = gt_store_watch_alert_add(w->o.st, id, t, rule, subj, gt_buf_str(b), gt_buf_len(b), &added);
    if (rc < 0) {
        return rc;
    }
    if (!added) {
        w->stats.repeats++;
        return GT_OK;
    }
    w->stats.alerts++;
    w->stats.by_kind[kind_slot(kind)]++;
    if (w->o.emit != NULL) {
        struct gt_watch_alert a;
        a.id = id;
        a.rule = rule;
        a.subject = e->id;
        a.t_ms = t;
        a.json = gt_buf_str(b);
        a.n = gt_buf_len(b);
        return w->o.emit(w->o.emit_ud, &a);
    }
    return GT_OK;
}

/* ---- reception ---- */

static void cell_touch(struct gt_watch *w, int c)
{
    if (!w->cell_dirty[c]) {
        w->cell_dirty[c] = 1;
        if (push_u32(&w->dcells, &w->ndcells, &w->cap_dcells, (uint32_t)c) < 0) {
            w->cell_dirty[c] = 0;
        }
    }
}

/* A new fix of e at t in cell c, the previous one at e->t_pos in e's cell:
 * the interval between them is time present in the old cell (capped), and
 * the new fix is a new (identity, slot) pair heard in its cell when it is
 * in another slot or cell.  A first fix counts nothing: an interval with
 * only one end known would count hearing without presence. */
static void reception_add(struct gt_watch *w, const struct ent *e, int64_t t, int c)
{
    int k = kind_of(&e->id), c0;
    int64_t slot_ms = k == KIND_SEA ? HOUR_MS : MINUTE_MS;
    double cap = k == KIND_SEA ? 24.0 : w->f.air_cap_min, dt;

    if (!e->have_pos || e->t_pos == GT_TIME_NONE || t < e->t_pos) {
        return;
    }
    c0 = cell_index(e->lat, e->lon);
    dt = (double)(t - e->t_pos) / (double)slot_ms;
    if (dt > cap) {
        dt = cap;
    }
    if (w->cells[c0].present[k] <= 0.0f) {
        w->stats.cells++;
    }
    w->cells[c0].present[k] += (float)dt;
    cell_touch(w, c0);
    if (t / slot_ms != e->t_pos / slot_ms || c != c0) {
        w->cells[c].heard[k] += 1.0f;
        cell_touch(w, c);
    }
}

/* Heard slots per slot present in cell c: for vessels x 24 = hours heard
 * per vessel-day (gt_reception_heard); -1 when too little was measured. */
static double reception_ratio(const struct gt_watch *w, int c, int k, double min_present)
{
    const struct cell *x = &w->cells[c];

    if ((double)x->present[k] < min_present || x->present[k] <= 0.0f) {
        return -1.0;
    }
    return (double)x->heard[k] / (double)x->present[k];
}

/* ---- rules ---- */

static double median_interval_s(const struct ent *e)
{
    int32_t v[NIV];
    uint32_t n = e->niv < NIV ? e->niv : NIV, i, j;

    if (n == 0) {
        return 0.0;
    }
    memcpy(v, e->iv_s, n * sizeof v[0]);
    for (i = 1; i < n; i++) {
        for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
            int32_t t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    }
    return (double)v[n / 2];
}

/* How long e may be silent before it counts as dark (ms). */
static double dark_after_ms(const struct gt_watch *w, const struct ent *e)
{
    double own = median_interval_s(e) * 1000.0 * w->f.dark_factor;
    double min = kind_of(&e->id) == KIND_SEA ? w->f.dark_min_ms : w->f.air_dark_min_ms;

    return own > min ? own : min;
}

static int at_port(const struct gt_watch *w, double lat, double lon, double min_km)
{
    double d;
    const struct gt_ports *p = w->o.ref != NULL ? w->o.ref->ports : NULL;

    if (p == NULL) {
        return 0;
    }
    if (gt_ports_within(p, lat, lon, NULL) != NULL) {
        return 1;
    }
    return min_km > 0 && gt_ports_nearest(p, lat, lon, min_km, &d) != NULL;
}

/* Would reception where e was last heard have heard it?  *heard_out gets
 * the figure (hours heard per vessel-day, or the aircraft coverage), and
 * *min_out its threshold. */
static int well_heard(const struct gt_watch *w, const struct ent *e, double *heard_out,
                      double *min_out)
{
    int k = kind_of(&e->id), c = cell_index(e->lat, e->lon);
    double r =
        reception_ratio(w, c, k, k == KIND_SEA ? w->f.dark_min_present_h : w->f.air_cap_min * 4);
    double heard = k == KIND_SEA ? r * 24.0 : r;
    double min = k == KIND_SEA ? w->f.dark_min_heard : w->f.air_min_cover;

    if (k == KIND_SEA && heard > 24.0) {
        heard = 24.0;
    }
    if (k == KIND_AIR && heard > 1.0) {
        heard = 1.0;
    }
    *heard_out = heard;
    *min_out = min;
    return r >= 0 && heard >= min;
}

/* The IMO number e reported last moved to another MMSI (a reflagging):
 * e's silence is that change, which the identity alert reports. */
static int moved_on(struct gt_watch *w, const struct ent *e);

/* Judge e's silence at the clock of its kind. */
static int judge_silence(struct gt_watch *w, struct ent *e)
{
    int k = kind_of(&e->id);
    int64_t now = w->clock[k];
    double silent, need;

    if (!e->have_pos || e->t_pos == GT_TIME_NONE || now == GT_TIME_NONE) {
        return GT_OK;
    }
    silent = (double)(now - e->t_pos);
    /* a quiet approach: low near an airport, then nothing (flight.h's cut) */
    if (k == KIND_AIR && e->approach && e->air == AIR_AIRBORNE && silent >= w->f.air_quiet_ms &&
        (e->kinds & GT_ALERT_LANDING)) {
        e->approach = 0;
        e->air = AIR_GROUND;
        mark_dirty(w, e);
        fstr(&w->fig, "airport", e->apt);
        fnum(&w->fig, "alt_ft", e->alt_ft, 0);
        fnum(&w->fig, "silent_minutes", silent / 60000.0, 1);
        fstr(&w->fig, "how", "quiet_approach");
        return alert(w, e, GT_ALERT_LANDING, e->t_pos, &e->prov, NULL, 0, NULL, NULL, e->lat,
                     e->lon, NULL);
    }
    if (e->dark_sent || !(e->kinds & GT_ALERT_DARK)) {
        return GT_OK;
    }
    need = dark_after_ms(w, e);
    if (silent < need) {
        return GT_OK;
    }
    if (k == KIND_AIR && e->air != AIR_AIRBORNE) {
        return GT_OK; /* an aircraft on the ground is switched off, not dark */
    }
    {
        double heard, min;
        if (!well_heard(w, e, &heard, &min) || moved_on(w, e)) {
            return GT_OK; /* reception there would not have heard it anyway */
        }
        if (k == KIND_SEA && e->have_nav && (e->navstat == 1 || e->navstat == 5) &&
            at_port(w, e->lat, e->lon, 0)) {
            return GT_OK;
        }
        e->dark_sent = 1;
        mark_dirty(w, e);
        fnum(&w->fig, "silent_minutes", silent / 60000.0, 1);
        fnum(&w->fig, "threshold_minutes", need / 60000.0, 1);
        fnum(&w->fig, "own_interval_s", median_interval_s(e), 1);
        if (k == KIND_SEA) {
            fnum(&w->fig, "heard_hours_per_day", heard, 2);
            fnum(&w->fig, "min_heard_hours", min, 2);
        } else {
            fnum(&w->fig, "coverage", heard, 3);
            fnum(&w->fig, "min_coverage", min, 3);
        }
        fnum(&w->fig, "speed_kn", e->have_speed ? (double)e->speed_kn : NO_NUM, 1);
        return alert(w, e, GT_ALERT_DARK, e->t_pos, &e->prov, NULL, 0, NULL, NULL, e->lat, e->lon,
                     NULL);
    }
}

static int sweep(struct gt_watch *w, int k)
{
    size_t i;
    int rc;

    for (i = 0; i < w->nwatched; i++) {
        struct ent *e = &w->ents[w->watched[i]];
        if (e->id.kind == GT_ID_NONE || kind_of(&e->id) != k) {
            continue;
        }
        rc = judge_silence(w, e);
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
                e->t_last != GT_TIME_NONE && kind_of(&e->id) == k &&
                (double)(w->clock[k] - e->t_last) > w->f.forget_ms) {
                forget(w, e);
            }
        }
        w->forgot = w->clock[k];
    }
    return GT_OK;
}

static int advance(struct gt_watch *w, int k, int64_t t)
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

/* Heard again after a silence at least as long as the dark threshold. */
static int heard(struct gt_watch *w, struct ent *e, int64_t t, const struct gt_prov *prov,
                 double lat, double lon)
{
    int rc = GT_OK;

    if (e->kinds == 0 || t == GT_TIME_NONE) {
        return GT_OK;
    }
    if (!e->first_sent) {
        e->first_sent = 1;
        mark_dirty(w, e);
        if (e->kinds & GT_ALERT_FIRST_HEARD) {
            const struct gt_watch_entry *en =
                e->entry >= 0 ? gt_watchlist_get(w->o.wl, (size_t)e->entry) : NULL;
            if (en != NULL) {
                static const char *const sel[] = {"",         "mmsi", "imo",  "icao",     "reg",
                                                  "callsign", "name", "type", "operator", "area"};
                fstr(&w->fig, "matched", sel[en->sel]);
                fstr(&w->fig, "matched_value", en->value);
                fnum(&w->fig, "watchlist_line", en->line, 0);
            }
            rc = alert(w, e, GT_ALERT_FIRST_HEARD, t, prov, NULL, 0, NULL, NULL, lat, lon, NULL);
        }
        return rc;
    }
    if (e->t_last != GT_TIME_NONE && t > e->t_last && e->have_pos) {
        double silent = (double)(t - e->t_last), need = dark_after_ms(w, e), hh, mh;
        /* back from dark, or from a silence dark would have reported */
        if ((e->dark_sent || (silent >= need && well_heard(w, e, &hh, &mh))) &&
            (e->kinds & GT_ALERT_HEARD_AGAIN)) {
            fnum(&w->fig, "silent_minutes", silent / 60000.0, 1);
            fnum(&w->fig, "threshold_minutes", need / 60000.0, 1);
            gt_buf_addf(&w->fig, ",\"after_dark\":%s", e->dark_sent ? "true" : "false");
            if (isfinite(lat) && e->have_pos) {
                fnum(&w->fig, "moved_km", gt_geo_fast_km(e->lat, e->lon, lat, lon), 1);
            }
            rc = alert(w, e, GT_ALERT_HEARD_AGAIN, t, prov, &e->prov, e->t_pos, "last_before", NULL,
                       lat, lon, NULL);
        }
    }
    if (e->dark_sent) {
        e->dark_sent = 0;
        mark_dirty(w, e);
    }
    return rc;
}

static int in_area(const struct gt_watch_entry *a, double lat, double lon)
{
    struct gt_latlon p;

    if (lat < a->south_deg || lat > a->north_deg || lon < a->west_deg || lon > a->east_deg) {
        return 0;
    }
    if (a->poly == NULL) {
        return a->path == NULL; /* a file area without its polygon matches nothing */
    }
    p.lat_deg = lat;
    p.lon_deg = lon;
    return gt_geo_point_in_polygon(p, a->poly, a->npoly);
}

static int areas(struct gt_watch *w, struct ent *e, const struct gt_obs *o)
{
    size_t i;
    int j, rc;

    for (i = 0; i < w->nareas; i++) {
        uint32_t ai = w->areas[i];
        const struct gt_watch_entry *a = gt_watchlist_get(w->o.wl, ai);
        int inside = in_area(a, o->lat_deg, o->lon_deg), was = -1;
        const char *lab = a->label[0] ? a->label : a->value;
        for (j = 0; j < e->narea; j++) {
            if (e->area_in[j] == (int32_t)ai) {
                was = j;
            }
        }
        if (inside && was < 0 && e->narea < MAX_AREAS) {
            e->area_in[e->narea++] = (int32_t)ai;
            mark_dirty(w, e);
            if (a->kinds & GT_ALERT_AREA_ENTER) {
                int32_t keep = e->entry;
                e->entry = (int32_t)ai;
                fnum(&w->fig, "watchlist_line", a->line, 0);
                rc = alert(w, e, GT_ALERT_AREA_ENTER, o->t_ms, &o->prov, &e->prov, e->t_pos,
                           "last_before", NULL, o->lat_deg, o->lon_deg, lab);
                e->entry = keep;
                if (rc < 0) {
                    return rc;
                }
            }
        } else if (!inside && was >= 0) {
            mark_dirty(w, e);
            e->area_in[was] = e->area_in[--e->narea];
            if (a->kinds & GT_ALERT_AREA_LEAVE) {
                int32_t keep = e->entry;
                e->entry = (int32_t)ai;
                fnum(&w->fig, "watchlist_line", a->line, 0);
                rc = alert(w, e, GT_ALERT_AREA_LEAVE, o->t_ms, &o->prov, &e->prov, e->t_pos,
                           "last_inside", NULL, o->lat_deg, o->lon_deg, lab);
                e->entry = keep;
                if (rc < 0) {
                    return rc;
                }
            }
        }
    }
    return GT_OK;
}

/* Pair (a watched, b) close at time t. */
static int close_pair(struct gt_watch *w, struct ent *a, const struct ent *b, int64_t t,
                      const struct gt_prov *prov, double dist_m)
{
    if (!(a->kinds & GT_ALERT_ENCOUNTER)) {
        return GT_OK;
    }
    if (!same_id(&a->enc_peer, &b->id) || a->enc_last == GT_TIME_NONE ||
        (double)(t - a->enc_last) > w->f.enc_gap_ms) {
        a->enc_peer = b->id;
        a->enc_since = t;
        a->enc_sent = 0;
    }
    if (t > a->enc_last || a->enc_last == GT_TIME_NONE) {
        a->enc_last = t;
    }
    mark_dirty(w, a);
    if (!a->enc_sent && (double)(a->enc_last - a->enc_since) >= w->f.enc_min_ms) {
        double mlat = (a->lat + b->lat) / 2, mlon = (a->lon + b->lon) / 2;
        a->enc_sent = 1;
        /* the encounter rule's exclusions: at anchor or moored, near a port */
        if ((a->have_nav && (a->navstat == 1 || a->navstat == 5)) ||
            (b->have_nav && (b->navstat == 1 || b->navstat == 5)) ||
            at_port(w, mlat, mlon, w->f.enc_port_km)) {
            return GT_OK;
        }
        fnum(&w->fig, "distance_m", dist_m, 0);
        fnum(&w->fig, "hours_together", (double)(a->enc_last - a->enc_since) / 3.6e6, 2);
        fnum(&w->fig, "max_distance_m", w->f.enc_max_m, 0);
        fnum(&w->fig, "min_hours", w->f.enc_min_ms / 3.6e6, 2);
        if (b->name[0]) {
            fstr(&w->fig, "peer_name", b->name);
        }
        add_time(&w->fig, "since", a->enc_since);
        return alert(w, a, GT_ALERT_ENCOUNTER, t, prov, &b->prov, b->t_pos, "peer", &b->id, mlat,
                     mlon, NULL);
    }
    return GT_OK;
}

static int encounters(struct gt_watch *w, struct ent *e, const struct gt_obs *o)
{
    int da, db, rc;

    if (!e->in_slow) {
        return GT_OK;
    }
    for (da = -1; da <= 1; da++) {
        for (db = -1; db <= 1; db++) {
            uint64_t key = slow_key(e->lat + da * 0.01, e->lon + db * 0.01);
            struct slow_slot *s = slow_slot(w, key, 0);
            uint32_t i = s != NULL ? s->head : 0;
            while (i != 0) {
                struct ent *x = &w->ents[i - 1];
                i = x->snext;
                if (x == e || x->t_pos == GT_TIME_NONE ||
                    llabs(o->t_ms - x->t_pos) > 30 * MINUTE_MS) {
                    continue;
                }
                if (!(e->kinds & GT_ALERT_ENCOUNTER) && !(x->kinds & GT_ALERT_ENCOUNTER)) {
                    continue;
                }
                {
                    double d = gt_geo_fast_km(e->lat, e->lon, x->lat, x->lon) * 1000.0;
                    if (d > w->f.enc_max_m) {
                        continue;
                    }
                    rc = close_pair(w, e, x, o->t_ms, &o->prov, d);
                    if (rc == GT_OK) {
                        rc = close_pair(w, x, e, o->t_ms, &o->prov, d);
                    }
                    if (rc < 0) {
                        return rc;
                    }
                }
            }
        }
    }
    return GT_OK;
}

static int loiter(struct gt_watch *w, struct ent *e, const struct gt_obs *o, double kn)
{
    if (!(e->kinds & GT_ALERT_LOITER) || kind_of(&e->id) != KIND_SEA) {
        return GT_OK;
    }
    if (!(kn >= 0) || kn > w->f.loi_max_kn ||
        (o->flags & GT_OBS_NAVSTAT && (o->nav_status == 1 || o->nav_status == 5))) {
        if (e->slow_since != GT_TIME_NONE) {
            e->slow_since = GT_TIME_NONE;
            e->loiter_sent = 0;
            mark_dirty(w, e);
        }
        return GT_OK;
    }
    if (e->slow_since == GT_TIME_NONE || (double)(o->t_ms - e->slow_last) > w->f.loi_gap_ms) {
        e->slow_since = o->t_ms;
        e->loiter_sent = 0;
    }
    e->slow_last = o->t_ms;
    mark_dirty(w, e);
    if (!e->loiter_sent && (double)(o->t_ms - e->slow_since) >= w->f.loi_min_ms) {
        e->loiter_sent = 1;
        if (at_port(w, o->lat_deg, o->lon_deg, w->f.loi_port_km)) {
            return GT_OK;
        }
        fnum(&w->fig, "hours", (double)(o->t_ms - e->slow_since) / 3.6e6, 2);
        fnum(&w->fig, "max_speed_kn", w->f.loi_max_kn, 1);
        fnum(&w->fig, "min_hours", w->f.loi_min_ms / 3.6e6, 2);
        add_time(&w->fig, "since", e->slow_since);
        return alert(w, e, GT_ALERT_LOITER, o->t_ms, &o->prov, NULL, 0, NULL, NULL, o->lat_deg,
                     o->lon_deg, NULL);
    }
    return GT_OK;
}

static const struct gt_airport *airport_near(const struct gt_watch *w, double lat, double lon,
                                             double *km)
{
    const struct gt_airports *a = w->o.ref != NULL ? w->o.ref->airports : NULL;

    return a != NULL ? gt_airports_nearest(a, lat, lon, w->f.air_attach_km, km) : NULL;
}

static int flight(struct gt_watch *w, struct ent *e, const struct gt_obs *o, int first_fix)
{
    const struct gt_airport *ap;
    double km = 0;
    int ground = -1, rc = GT_OK, low;

    if (kind_of(&e->id) != KIND_AIR) {
        return GT_OK;
    }
    if (o->flags & GT_OBS_GROUND) {
        ground = o->on_ground != 0;
    }
    ap = airport_near(w, o->lat_deg, o->lon_deg, &km);
    low = (o->flags & GT_OBS_ALT) && ap != NULL && o->alt_ft - ap->elev_ft < w->f.air_low_ft;
    if (ground < 0 && (o->flags & GT_OBS_ALT)) {
        ground = 0; /* an airborne position report */
    }
    if (ground == 1) {
        if (e->air == AIR_AIRBORNE && (e->kinds & GT_ALERT_LANDING)) {
            fstr(&w->fig, "airport", ap != NULL ? ap->ident : "");
            fnum(&w->fig, "airport_km", ap != NULL ? km : NO_NUM, 2);
            fstr(&w->fig, "how", "on_ground");
            rc = alert(w, e, GT_ALERT_LANDING, o->t_ms, &o->prov, &e->prov, e->t_pos,
                       "last_airborne", NULL, o->lat_deg, o->lon_deg, NULL);
        }
        e->air = AIR_GROUND;
        e->approach = 0;
        cut(e->apt, sizeof e->apt, ap != NULL ? ap->ident : "");
    } else if (ground == 0) {
        if ((e->kinds & GT_ALERT_TAKEOFF) &&
            (e->air == AIR_GROUND || (e->air == AIR_UNKNOWN && first_fix && low))) {
            const char *from =
                e->air == AIR_GROUND && e->apt[0] ? e->apt : (ap != NULL ? ap->ident : "");
            fstr(&w->fig, "airport", from);
            fnum(&w->fig, "airport_km", ap != NULL ? km : NO_NUM, 2);
            fnum(&w->fig, "alt_ft", (o->flags & GT_OBS_ALT) ? (double)o->alt_ft : NO_NUM, 0);
            fstr(&w->fig, "how", e->air == AIR_GROUND ? "left_ground" : "first_heard_low");
            rc = alert(w, e, GT_ALERT_TAKEOFF, o->t_ms, &o->prov,
                       e->air == AIR_GROUND ? &e->prov : NULL, e->t_pos, "last_on_ground", NULL,
                       o->lat_deg, o->lon_deg, NULL);
        }
        e->air = AIR_AIRBORNE;
        e->approach = (uint8_t)(low && (!(o->flags & GT_OBS_VRATE) || o->vrate_fpm <= 0));
        if (e->approach) {
            cut(e->apt, sizeof e->apt, ap->ident);
        }
    }
    if (o->flags & GT_OBS_ALT) {
        e->alt_ft = o->alt_ft;
    }
    mark_dirty(w, e);
    return rc;
}

static int spoof(struct gt_watch *w, struct ent *e, const struct gt_obs *o)
{
    double km, h, kn, max_kn, min_km;
    int air = kind_of(&e->id) == KIND_AIR;

    if (!(e->kinds & GT_ALERT_SPOOF) || !e->have_pos || e->t_pos == GT_TIME_NONE ||
        o->t_ms <= e->t_pos) {
        return GT_OK;
    }
    if (e->spoof_last != GT_TIME_NONE && (double)(o->t_ms - e->spoof_last) < w->f.spoof_repeat_ms) {
        return GT_OK;
    }
    km = gt_geo_fast_km(e->lat, e->lon, o->lat_deg, o->lon_deg);
    h = (double)(o->t_ms - e->t_pos) / 3.6e6;
    kn = km / 1.852 / h;
    if (air) {
        const struct gt_aircraft *a = w->o.ref != NULL && w->o.ref->aircraft != NULL
                                          ? gt_aircraftdb_find(w->o.ref->aircraft, e->id.value)
                                          : NULL;
        max_kn = 2.0 * gt_aircraft_cruise_kn(a != NULL ? a->typecode : NULL);
        min_km = 20.0;
    } else {
        max_kn = w->f.spoof_kn;
        min_km = w->f.spoof_km;
    }
    if (km <= min_km || kn <= max_kn) {
        return GT_OK;
    }
    e->spoof_last = o->t_ms;
    mark_dirty(w, e);
    fstr(&w->fig, "kind", "teleport");
    fnum(&w->fig, "distance_km", km, 1);
    fnum(&w->fig, "implied_speed_kn", kn, 0);
    fnum(&w->fig, "max_speed_kn", max_kn, 0);
    fnum(&w->fig, "from_lat", e->lat, 6);
    fnum(&w->fig, "from_lon", e->lon, 6);
    return alert(w, e, GT_ALERT_SPOOF, o->t_ms, &o->prov, &e->prov, e->t_pos, "last_before", NULL,
                 o->lat_deg, o->lon_deg, NULL);
}

/* An MMSI no ship can hold (ITU-R M.585), at first sight. */
static int bad_mmsi(struct gt_watch *w, struct ent *e, const struct gt_prov *prov, int64_t t)
{
    int st = gt_ids_mmsi_check(e->id.value);

    if (e->id.kind != GT_ID_MMSI || !(e->kinds & GT_ALERT_SPOOF) ||
        (st != GT_MMSI_ST_BAD_MID && st != GT_MMSI_ST_PLACEHOLDER && st != GT_MMSI_ST_BAD_LENGTH)) {
        return GT_OK;
    }
    fstr(&w->fig, "kind", "invalid_id");
    fstr(&w->fig, "reason",
         st == GT_MMSI_ST_BAD_MID       ? "bad_mid"
         : st == GT_MMSI_ST_PLACEHOLDER ? "placeholder"
                                        : "bad_length");
    return alert(w, e, GT_ALERT_SPOOF, t, prov, NULL, 0, NULL, NULL, (double)NAN, (double)NAN,
                 NULL);
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
    rc = get_ent(w, &o->id, &e);
    if (rc < 0) {
        return rc;
    }
    k = kind_of(&o->id);
    /* the clock first: silences up to this record are judged before it
     * changes anything (feeds heard in bursts advance the clock in jumps) */
    rc = advance(w, k, o->t_ms);
    if (rc < 0) {
        return rc;
    }
    if (e->t_pos != GT_TIME_NONE && o->t_ms < e->t_pos) {
        return GT_OK; /* late: stored, but the state has moved on */
    }
    first_fix = !e->have_pos;
    if (e->t_first == GT_TIME_NONE) {
        e->t_first = o->t_ms;
        rc = bad_mmsi(w, e, &o->prov, o->t_ms);
        if (rc < 0) {
            return rc;
        }
    }
    rc = heard(w, e, o->t_ms, &o->prov, o->lat_deg, o->lon_deg);
    if (rc == GT_OK) {
        rc = spoof(w, e, o);
    }
    if (rc < 0) {
        return rc;
    }
    c = cell_index(o->lat_deg, o->lon_deg);
    reception_add(w, e, o->t_ms, c);
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
        rc = flight(w, e, o, first_fix);
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
        mark_dirty(w, e);
    }
    if (w->nareas > 0) {
        rc = areas(w, e, o);
        if (rc < 0) {
            return rc;
        }
    }
    if (k == KIND_SEA) {
        if (kn >= 0 && kn <= w->f.enc_sample_kn) {
            rc = slow_put(w, e);
            if (rc == GT_OK) {
                rc = encounters(w, e, o);
            }
        } else {
            slow_remove(w, e);
        }
        if (rc == GT_OK) {
            rc = loiter(w, e, o, kn);
        }
    }
    return rc;
}

static struct imo_slot *imo_slot(struct gt_watch *w, uint32_t imo, int create);

static int moved_on(struct gt_watch *w, const struct ent *e)
{
    const struct imo_slot *s;

    if (e->id.kind != GT_ID_MMSI || e->imo[0] == '\0') {
        return 0;
    }
    s = imo_slot(w, (uint32_t)strtoul(e->imo, NULL, 10), 0);
    return s != NULL && s->mmsi != e->id.value;
}

static struct imo_slot *imo_slot(struct gt_watch *w, uint32_t imo, int create)
{
    size_t m = w->nimos - 1, i = (size_t)(imo * 2654435761u) & m;

    while (w->imos[i].imo != 0) {
        if (w->imos[i].imo == imo) {
            return &w->imos[i];
        }
        i = (i + 1) & m;
    }
    if (!create || (w->imos_used + 1) * 2 > w->nimos) {
        return NULL;
    }
    w->imos[i].imo = imo;
    w->imos_used++;
    return &w->imos[i];
}

static int imo_grow(struct gt_watch *w)
{
    struct imo_slot *old = w->imos;
    size_t n = w->nimos, i;

    w->imos = gt_calloc(n * 2, sizeof *w->imos);
    if (w->imos == NULL) {
        w->imos = old;
        return GT_ERR_NOMEM;
    }
    w->nimos = n * 2;
    w->imos_used = 0;
    for (i = 0; i < n; i++) {
        struct imo_slot *s = old[i].imo != 0 ? imo_slot(w, old[i].imo, 1) : NULL;
        if (s != NULL) {
            *s = old[i];
        }
    }
    gt_free(old);
    return GT_OK;
}

/* One identity field changed on a watched identity. */
static int changed(struct gt_watch *w, struct ent *e, const struct gt_ident_obs *f,
                   const char *field, const char *old, const char *nw)
{
    if (!(e->kinds & GT_ALERT_IDENTITY) || old[0] == '\0' || strcmp(old, nw) == 0) {
        return GT_OK;
    }
    fstr(&w->fig, "field", field);
    fstr(&w->fig, "old", old);
    fstr(&w->fig, "new", nw);
    return alert(w, e, GT_ALERT_IDENTITY, f->t_ms, &f->prov, NULL, 0, NULL, NULL,
                 e->have_pos ? e->lat : NO_NUM, e->have_pos ? e->lon : NO_NUM, NULL);
}

int gt_watch_fact(struct gt_watch *w, const struct gt_ident_obs *f)
{
    struct ent *e;
    char v[GT_WATCH_TEXT_MAX];
    unsigned kinds = 0;
    int32_t first = -1;
    int rc = GT_OK, late;

    w->stats.records++;
    if (f->id.kind == GT_ID_NONE || f->t_ms == GT_TIME_NONE) {
        return GT_OK;
    }
    rc = get_ent(w, &f->id, &e);
    if (rc == GT_OK) {
        rc = advance(w, kind_of(&f->id), f->t_ms);
    }
    if (rc < 0) {
        return rc;
    }
    late = e->t_fact != GT_TIME_NONE && f->t_ms < e->t_fact;
    norm(f->value, v, sizeof v);
    if (v[0] == '\0') {
        return GT_OK;
    }
    switch (f->field) {
    case GT_FIELD_NAME:
        if (strncmp(e->name, v, sizeof e->name - 1) != 0) {
            match(w, GT_WSEL_NAME, v, 0, &kinds, &first);
            match_globs(w, GT_WSEL_NAME, v, &kinds, &first);
            rc = watch_more(w, e, kinds, first);
            if (rc == GT_OK && !late) {
                rc = changed(w, e, f, "name", e->name, v);
                cut(e->name, sizeof e->name, v);
                mark_dirty(w, e);
            }
        }
        break;
    case GT_FIELD_CALLSIGN:
        if (strncmp(e->callsign, v, sizeof e->callsign - 1) != 0) {
            match(w, GT_WSEL_CALLSIGN, v, 0, &kinds, &first);
            match_globs(w, GT_WSEL_CALLSIGN, v, &kinds, &first);
            rc = watch_more(w, e, kinds, first);
            if (rc == GT_OK && !late) {
                /* a flight callsign changes with every flight: only a
                 * ship's radio callsign is an identity */
                if (e->id.kind == GT_ID_MMSI) {
                    rc = changed(w, e, f, "callsign", e->callsign, v);
                }
                cut(e->callsign, sizeof e->callsign, v);
                mark_dirty(w, e);
            }
        }
        break;
    case GT_FIELD_REGISTRATION:
        if (strncmp(e->reg, v, sizeof e->reg - 1) != 0) {
            match(w, GT_WSEL_REG, v, 0, &kinds, &first);
            rc = watch_more(w, e, kinds, first);
            if (rc == GT_OK && !late) {
                rc = changed(w, e, f, "registration", e->reg, v);
                cut(e->reg, sizeof e->reg, v);
                mark_dirty(w, e);
            }
        }
        break;
    case GT_FIELD_FLAG:
        if (strncmp(e->flag, v, sizeof e->flag - 1) != 0 && !late && e->kinds != 0) {
            rc = changed(w, e, f, "flag", e->flag, v);
            cut(e->flag, sizeof e->flag, v);
            mark_dirty(w, e);
        }
        break;
    case GT_FIELD_IMO: {
        uint64_t imo = strtoull(v, NULL, 10);
        if (!gt_ids_imo_text_valid(v, strlen(v)) || imo == 0 || imo > 9999999) {
            break;
        }
        match(w, GT_WSEL_IMO, NULL, (uint32_t)imo, &kinds, &first);
        rc = watch_more(w, e, kinds, first);
        if (rc == GT_OK && strcmp(e->imo, v) != 0 && !late) {
            rc = changed(w, e, f, "imo", e->imo, v);
            cut(e->imo, sizeof e->imo, v);
            mark_dirty(w, e);
        }
        if (rc == GT_OK && e->kinds != 0 && e->id.kind == GT_ID_MMSI) {
            struct imo_slot *s = imo_slot(w, (uint32_t)imo, 0);
            if (s == NULL) {
                if ((w->imos_used + 1) * 2 > w->nimos) {
                    rc = imo_grow(w);
                }
                s = rc == GT_OK ? imo_slot(w, (uint32_t)imo, 1) : NULL;
                if (s != NULL) {
                    s->mmsi = e->id.value;
                    s->t_ms = f->t_ms;
                    s->dirty = 1;
                    w->imos_dirty = 1;
                }
            } else if (s->mmsi != e->id.value && f->t_ms > s->t_ms) {
                char o_[16], n_[16];
                const char *fo = gt_ids_mmsi_flag(s->mmsi), *fn = gt_ids_mmsi_flag(e->id.value);
                snprintf(o_, sizeof o_, "%u", s->mmsi);
                snprintf(n_, sizeof n_, "%u", e->id.value);
                if (e->kinds & GT_ALERT_IDENTITY) {
                    fstr(&w->fig, "imo", v);
                    fstr(&w->fig, "old_flag", fo != NULL ? fo : "");
                    fstr(&w->fig, "new_flag", fn != NULL ? fn : "");
                }
                rc = changed(w, e, f, "mmsi", o_, n_);
                gt_buf_reset(&w->fig);
                s->mmsi = e->id.value;
                s->t_ms = f->t_ms;
                s->dirty = 1;
                w->imos_dirty = 1;
            } else if (s->mmsi == e->id.value && f->t_ms > s->t_ms) {
                s->t_ms = f->t_ms;
            }
        }
        break;
    }
    default:
        break;
    }
    if (rc < 0) {
        return rc;
    }
    if (!late) {
        e->t_fact = f->t_ms;
    }
    if (e->t_first == GT_TIME_NONE) {
        e->t_first = f->t_ms;
    }
    /* a fact alone (no position yet) can make an identity first heard */
    if (!e->first_sent && e->kinds != 0) {
        rc = heard(w, e, f->t_ms, &f->prov, e->have_pos ? e->lat : NO_NUM,
                   e->have_pos ? e->lon : NO_NUM);
    }
    if (e->t_last == GT_TIME_NONE || f->t_ms > e->t_last) {
        e->t_last = f->t_ms;
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

/* ---- persistence ---- */

#define STATE_MAGIC (UINT32_C(0x47545731) ^ (uint32_t)sizeof(struct ent))

struct saved_clock {
    uint32_t magic;
    int64_t clock[2], swept[2];
};

int gt_watch_save(struct gt_watch *w)
{
    char key[48], ids[GT_IDENT_MAX];
    size_t i;
    int rc = GT_OK;

    for (i = 0; i < w->ndirty && rc == GT_OK; i++) {
        struct ent *e = &w->ents[w->dirty[i]];
        if (!e->dirty) {
            continue;
        }
        e->dirty = 0;
        if (e->id.kind == GT_ID_NONE || gt_ident_format(&e->id, ids, sizeof ids) < 0) {
            continue;
        }
        snprintf(key, sizeof key, "e:%s", ids);
        if (e->kinds == 0 && e->narea == 0) {
            rc = gt_store_watch_state_put(w->o.st, key, NULL, 0);
        } else {
            uint8_t blob[sizeof(uint32_t) + sizeof(struct ent)];
            uint32_t magic = STATE_MAGIC;
            memcpy(blob, &magic, sizeof magic);
            memcpy(blob + sizeof magic, e, sizeof *e);
            rc = gt_store_watch_state_put(w->o.st, key, blob, sizeof blob);
        }
    }
    w->ndirty = 0;
    for (i = 0; i < w->ndcells && rc == GT_OK; i++) {
        uint32_t c = w->dcells[i];
        uint8_t blob[sizeof(uint32_t) + sizeof(struct cell)];
        uint32_t magic = STATE_MAGIC;
        w->cell_dirty[c] = 0;
        snprintf(key, sizeof key, "c:%u", c);
        memcpy(blob, &magic, sizeof magic);
        memcpy(blob + sizeof magic, &w->cells[c], sizeof w->cells[c]);
        rc = gt_store_watch_state_put(w->o.st, key, blob, sizeof blob);
    }
    w->ndcells = 0;
    if (rc == GT_OK && w->imos_dirty) {
        for (i = 0; i < w->nimos && rc == GT_OK; i++) {
            struct imo_slot *s = &w->imos[i];
            if (s->imo != 0 && s->dirty) {
                uint8_t blob[sizeof(uint32_t) + sizeof *s];
                uint32_t magic = STATE_MAGIC;
                s->dirty = 0;
                snprintf(key, sizeof key, "i:%u", s->imo);
                memcpy(blob, &magic, sizeof magic);
                memcpy(blob + sizeof magic, s, sizeof *s);
                rc = gt_store_watch_state_put(w->o.st, key, blob, sizeof blob);
            }
        }
        w->imos_dirty = 0;
    }
    if (rc == GT_OK && w->clock_dirty) {
        struct saved_clock sc;
        memset(&sc, 0, sizeof sc);
        sc.magic = STATE_MAGIC;
        sc.clock[0] = w->clock[0];
        sc.clock[1] = w->clock[1];
        sc.swept[0] = w->swept[0];
        sc.swept[1] = w->swept[1];
        rc = gt_store_watch_state_put(w->o.st, "clock", &sc, sizeof sc);
        w->clock_dirty = 0;
    }
    return rc;
}

static int load_row(void *ud, const char *key, const void *p, size_t n)
{
    struct gt_watch *w = ud;
    uint32_t magic;

    if (n < sizeof magic) {
        return GT_OK;
    }
    memcpy(&magic, p, sizeof magic);
    if (magic != STATE_MAGIC) {
        return GT_OK; /* another build's layout: start that row afresh */
    }
    w->stats.restored++;
    if (key[0] == 'e' && key[1] == ':' && n == sizeof magic + sizeof(struct ent)) {
        struct ent tmp, *e;
        unsigned kinds;
        int32_t entry;
        int rc;
        memcpy(&tmp, (const uint8_t *)p + sizeof magic, sizeof tmp);
        if (tmp.id.kind != GT_ID_MMSI && tmp.id.kind != GT_ID_ICAO) {
            return GT_OK;
        }
        rc = get_ent(w, &tmp.id, &e);
        if (rc < 0) {
            return rc;
        }
        /* what the watchlist says now: the direct selectors (get_ent), the
         * texts the identity reported, and the entry that matched it before
         * (a name it has since changed) when that entry is still there */
        kinds = e->kinds;
        entry = e->entry;
        {
            uint32_t next = e->next;
            *e = tmp;
            e->next = next;
        }
        e->kinds = kinds; /* already in the watched list when non-zero */
        e->entry = entry;
        e->entry_h = entry_hash(w, entry);
        e->in_slow = 0;
        e->snext = e->sprev = 0;
        e->dirty = 0;
        if (tmp.entry >= 0 && tmp.entry_h != 0 && entry_hash(w, tmp.entry) == tmp.entry_h) {
            kinds |= tmp.kinds;
            if (entry < 0) {
                entry = tmp.entry;
            }
        }
        if (e->name[0]) {
            match(w, GT_WSEL_NAME, e->name, 0, &kinds, &entry);
            match_globs(w, GT_WSEL_NAME, e->name, &kinds, &entry);
        }
        if (e->callsign[0]) {
            match(w, GT_WSEL_CALLSIGN, e->callsign, 0, &kinds, &entry);
            match_globs(w, GT_WSEL_CALLSIGN, e->callsign, &kinds, &entry);
        }
        if (e->reg[0]) {
            match(w, GT_WSEL_REG, e->reg, 0, &kinds, &entry);
        }
        if (e->imo[0]) {
            match(w, GT_WSEL_IMO, NULL, (uint32_t)strtoul(e->imo, NULL, 10), &kinds, &entry);
        }
        for (magic = 0; magic < e->narea && magic < MAX_AREAS; magic++) {
            const struct gt_watch_entry *a =
                gt_watchlist_get(w->o.wl, (size_t)(uint32_t)e->area_in[magic]);
            if (a == NULL || a->sel != GT_WSEL_AREA) {
                e->narea = 0;
            }
        }
        if (e->narea > MAX_AREAS) {
            e->narea = 0;
        }
        if (kinds == 0 && e->narea == 0) {
            /* no longer watched: drop its row at the next save */
            e->kinds = 1;
            mark_dirty(w, e);
            e->kinds = 0;
            return GT_OK;
        }
        return watch_more(w, e, kinds, entry);
    }
    if (key[0] == 'c' && key[1] == ':' && n == sizeof magic + sizeof(struct cell)) {
        unsigned long c = strtoul(key + 2, NULL, 10);
        if (c < NCELLS) {
            memcpy(&w->cells[c], (const uint8_t *)p + sizeof magic, sizeof(struct cell));
            w->stats.cells++;
        }
        return GT_OK;
    }
    if (key[0] == 'i' && key[1] == ':' && n == sizeof magic + sizeof(struct imo_slot)) {
        struct imo_slot tmp, *s;
        memcpy(&tmp, (const uint8_t *)p + sizeof magic, sizeof tmp);
        if (tmp.imo == 0) {
            return GT_OK;
        }
        if ((w->imos_used + 1) * 2 > w->nimos && imo_grow(w) < 0) {
            return GT_ERR_NOMEM;
        }
        s = imo_slot(w, tmp.imo, 1);
        if (s != NULL) {
            *s = tmp;
            s->dirty = 0;
        }
        return GT_OK;
    }
    if (strcmp(key, "clock") == 0 && n == sizeof(struct saved_clock)) {
        struct saved_clock sc;
        memcpy(&sc, p, sizeof sc);
        w->clock[0] = sc.clock[0];
        w->clock[1] = sc.clock[1];
        w->swept[0] = sc.swept[0];
        w->swept[1] = sc.swept[1];
    }
    return GT_OK;
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
        rc = gt_store_watch_state_each(w->o.st, load_row, w);
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
