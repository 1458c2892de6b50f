/*
 * watch_int.h - the watch engine's state, shared by its files (src/watch):
 * engine.c (identities, clocks, the record tap, set up), alert.c (alert
 * records), silence.c (reception grid, dark and heard-again), rules.c
 * (areas, encounters, loiter, flight phases, spoofing), identity.c
 * (identity facts, reflagging) and persist.c (saved state).
 */
#ifndef GT_WATCH_INT_H
#define GT_WATCH_INT_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/obs.h"
#include "ghosttrack/watch.h"

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

int gt__watch_same_id(const struct gt_ident *a, const struct gt_ident *b);

int gt__watch_kind_of(const struct gt_ident *id);

int gt__watch_cell_index(double lat, double lon);

int gt__watch_push_u32(uint32_t **arr, size_t *n, size_t *cap, uint32_t v);

/* Upper-case, collapse spaces, trim: as watchlist.c's normalise. */
void gt__watch_norm(const char *s, char *out, size_t cap);

/* Copy s into out of cap bytes, cut to fit. */
void gt__watch_cut(char *out, size_t cap, const char *s);

/* Look up the watchlist for (sel, value or number); OR the kinds of every
 * matching entry into *kinds and give the first entry. */
void gt__watch_match(const struct gt_watch *w, enum gt_watch_sel sel, const char *v, uint32_t n,
                     unsigned *kinds, int32_t *first);

void gt__watch_match_globs(const struct gt_watch *w, enum gt_watch_sel sel, const char *v,
                           unsigned *kinds, int32_t *first);

uint64_t gt__watch_entry_hash(const struct gt_watch *w, int32_t entry);

void gt__watch_mark_dirty(struct gt_watch *w, struct ent *e);

/* e now wants kinds (more than before): keep it in the watched list. */
int gt__watch_watch_more(struct gt_watch *w, struct ent *e, unsigned kinds, int32_t entry);

int gt__watch_get_ent(struct gt_watch *w, const struct gt_ident *id, struct ent **out);

uint64_t gt__watch_slow_key(double lat, double lon);

struct slow_slot *gt__watch_slow_slot(struct gt_watch *w, uint64_t key, int create);

void gt__watch_add_time(struct gt_buf *b, const char *key, int64_t t);

/* Numbers for the figures object: "key":value with a leading comma. */
void gt__watch_fnum(struct gt_buf *b, const char *key, double v, int prec);

void gt__watch_fstr(struct gt_buf *b, const char *key, const char *v);

/* Emit alert `kind` about e, triggered by the record of time t and
 * provenance prov (ev2: a second evidence record, e.g. the last one before
 * a silence; may be NULL).  peer may be NULL; w->fig holds the figures
 * (",k":v pairs, leading comma) and is reset here. */
int gt__watch_alert(struct gt_watch *w, struct ent *e, unsigned kind, int64_t t,
                    const struct gt_prov *prov, const struct gt_prov *ev2, int64_t t2,
                    const char *ev2_role, const struct gt_ident *peer, double lat, double lon,
                    const char *area_label);

/* A new fix of e at t in cell c, the previous one at e->t_pos in e's cell:
 * the interval between them is time present in the old cell (capped), and
 * the new fix is a new (identity, slot) pair heard in its cell when it is
 * in another slot or cell.  A first fix counts nothing: an interval with
 * only one end known would count hearing without presence. */
void gt__watch_reception_add(struct gt_watch *w, const struct ent *e, int64_t t, int c);

int gt__watch_at_port(const struct gt_watch *w, double lat, double lon, double min_km);

/* Judge e's silence at the clock of its kind. */
int gt__watch_judge_silence(struct gt_watch *w, struct ent *e);

int gt__watch_advance(struct gt_watch *w, int k, int64_t t);

/* Heard again after a silence at least as long as the dark threshold. */
int gt__watch_heard(struct gt_watch *w, struct ent *e, int64_t t, const struct gt_prov *prov,
                    double lat, double lon);

int gt__watch_areas(struct gt_watch *w, struct ent *e, const struct gt_obs *o);

int gt__watch_encounters(struct gt_watch *w, struct ent *e, const struct gt_obs *o);

int gt__watch_loiter(struct gt_watch *w, struct ent *e, const struct gt_obs *o, double kn);

int gt__watch_flight(struct gt_watch *w, struct ent *e, const struct gt_obs *o, int first_fix);

int gt__watch_spoof(struct gt_watch *w, struct ent *e, const struct gt_obs *o);

/* An MMSI no ship can hold (ITU-R M.585), at first sight. */
int gt__watch_bad_mmsi(struct gt_watch *w, struct ent *e, const struct gt_prov *prov, int64_t t);

/* The IMO number e reported last moved to another MMSI (a reflagging):
 * e's silence is that change, which the identity alert reports. */
int gt__watch_moved_on(struct gt_watch *w, const struct ent *e);

struct imo_slot *gt__watch_imo_slot(struct gt_watch *w, uint32_t imo, int create);

int gt__watch_imo_grow(struct gt_watch *w);

/* Read back one saved row (gt_store's state callback). */
int gt__watch_load_row(void *ud, const char *key, const void *p, size_t n);

#endif /* GT_WATCH_INT_H */
