/*
 * state.c - the bounded per-aircraft table: address confirmation for
 * address/parity replies, CPR pairing and position checks, and the
 * translation of messages into struct gt_obs / struct gt_ident_obs.
 *
 * CPR pairing follows DO-260B A.1.7.7/8 with the windows readsb uses: an
 * airborne even/odd pair at most 10 s apart, a surface pair at most 25 s
 * apart (50 s when the aircraft moves at 25 kt or less).  Without a pair a
 * frame is decoded locally (A.1.7.5/6) against the aircraft's last fix when
 * that is recent, or against the receiver position when the configured
 * range makes that unambiguous.  Every candidate position must be
 * reachable from the last fix at the aircraft's speed (plus a margin) and
 * lie within the receiver's range when one is configured; positions that
 * fail are counted and dropped, never reported.  Three global fixes in a
 * row that disagree with the last fix discard that fix instead (it was the
 * phantom), so one bad first fix cannot lock an aircraft out.
 *
 * The table is open addressing with linear probing over a power-of-two
 * array twice the capacity; when full, stale aircraft are swept out, and if
 * none is stale the least recently seen one goes.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ghosttrack/geo.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/modes.h"
#include "ghosttrack/time.h"
#include "modes_int.h"

/* Why a time window at all: global decoding combines the even and odd
 * latitude zone numbers, which only name one latitude while the aircraft
 * moved much less than a zone (6 degrees airborne) between the two frames;
 * DO-260B A.1.7.7 bounds that by time.  Surface CPR packs the same 17 bits
 * into 90-degree zones, four times finer, but surface traffic is slow, so
 * its window is longer and longer still when the aircraft is known to
 * crawl (readsb's values). */
#define AIR_WINDOW_MS       10000
#define SURF_WINDOW_MS      25000
#define SURF_SLOW_WINDOW_MS 50000
#define LOCAL_REF_MAX_MS    (10 * 60 * 1000) /* last fix usable as a reference */
#define KIN_FRESH_MS        30000            /* speed/track usable for checks */
#define NM_M                1852.0

struct cpr_frame {
    int64_t t_ms;
    uint32_t lat, lon;
    int surface;
    int valid;
};

struct aircraft {
    uint32_t addr; /* key; used != 0 marks a live slot */
    int used;
    int64_t last_seen;
    int64_t confirmed_ms; /* last uncorrected DF11/17/18 from this address, or NONE */
    struct cpr_frame cpr[2];
    int has_pos;
    double lat, lon;
    int64_t pos_ms;
    int pos_bad; /* consecutive global fixes refused by the plausibility check */
    int has_kin;
    double gs_kt, track_deg;
    int64_t kin_ms;
    char callsign[9];
    unsigned squawk;
    int has_squawk;
    char category[3];
    struct gt_modes_aircraft v; /* public snapshot with per-field validity */
};

struct gt_modes_state {
    struct gt_modes_state_cfg cfg;
    struct aircraft *slots;
    size_t mask; /* slots - 1 */
    size_t count;
    int64_t now_ms;
};

static size_t hash(uint32_t a)
{
    uint32_t h = a * 0x9e3779b1u;
    return (size_t)(h ^ (h >> 15));
}

struct gt_modes_state *gt_modes_state_new(const struct gt_modes_state_cfg *cfg)
{
    struct gt_modes_state *s = gt_calloc(1, sizeof *s);
    size_t n = 16;

    if (s == NULL) {
        return NULL;
    }
    if (cfg != NULL) {
        s->cfg = *cfg;
    }
    if (s->cfg.capacity == 0) {
        s->cfg.capacity = 4096;
    }
    if (s->cfg.stale_ms <= 0) {
        s->cfg.stale_ms = 300000;
    }
    while (n < s->cfg.capacity * 2) {
        n *= 2;
    }
    s->slots = gt_calloc(n, sizeof *s->slots);
    if (s->slots == NULL) {
        gt_free(s);
        return NULL;
    }
    s->mask = n - 1;
    s->now_ms = GT_TIME_NONE;
    return s;
}

void gt_modes_state_free(struct gt_modes_state *s)
{
    if (s == NULL) {
        return;
    }
    gt_free(s->slots);
    gt_free(s);
}

size_t gt_modes_state_count(const struct gt_modes_state *s)
{
    return s->count;
}

static struct aircraft *find(const struct gt_modes_state *s, uint32_t addr)
{
    size_t i = hash(addr) & s->mask;

    while (s->slots[i].used) {
        if (s->slots[i].addr == addr) {
            return &s->slots[i];
        }
        i = (i + 1) & s->mask;
    }
    return NULL;
}

/* Remove slot i, shifting later members of its probe run back. */
static void remove_at(struct gt_modes_state *s, size_t i)
{
    size_t j = i;

    s->slots[i].used = 0;
    s->count--;
    for (;;) {
        size_t k;
        j = (j + 1) & s->mask;
        if (!s->slots[j].used) {
            return;
        }
        k = hash(s->slots[j].addr) & s->mask;
        /* move j to i if its home k is not cyclically in (i, j] */
        if ((i <= j) ? (i < k && k <= j) : (i < k || k <= j)) {
            continue;
        }
        s->slots[i] = s->slots[j];
        s->slots[j].used = 0;
        i = j;
    }
}

static void evict(struct gt_modes_state *s, int64_t now)
{
    size_t i, oldest = 0;
    int64_t oldest_t = INT64_MAX;
    size_t before = s->count;

    for (i = 0; i <= s->mask; i++) {
        if (s->slots[i].used && now != GT_TIME_NONE &&
            now - s->slots[i].last_seen > s->cfg.stale_ms) {
            remove_at(s, i);
            if (s->slots[i].used) {
                i--; /* a shifted entry landed here: look again */
            }
        }
    }
    if (s->count < before) {
        return;
    }
    for (i = 0; i <= s->mask; i++) {
        if (s->slots[i].used && s->slots[i].last_seen < oldest_t) {
            oldest_t = s->slots[i].last_seen;
            oldest = i;
        }
    }
    if (oldest_t != INT64_MAX) {
        remove_at(s, oldest);
    }
}

static struct aircraft *get(struct gt_modes_state *s, uint32_t addr, int64_t now)
{
    struct aircraft *a = find(s, addr);
    size_t i;

    if (a != NULL) {
        return a;
    }
    if (s->count >= s->cfg.capacity) {
        evict(s, now);
    }
    i = hash(addr) & s->mask;
    while (s->slots[i].used) {
        i = (i + 1) & s->mask;
    }
    a = &s->slots[i];
    memset(a, 0, sizeof *a);
    a->used = 1;
    a->addr = addr;
    a->last_seen = now;
    a->confirmed_ms = GT_TIME_NONE;
    a->v.addr = addr;
    s->count++;
    return a;
}

int gt_modes_state_known(void *state, uint32_t addr)
{
    struct gt_modes_state *s = state;
    const struct aircraft *a = find(s, addr);

    if (a == NULL || a->confirmed_ms == GT_TIME_NONE) {
        return 0;
    }
    return s->now_ms == GT_TIME_NONE || s->now_ms - a->confirmed_ms <= s->cfg.stale_ms;
}

/* ---- positions ------------------------------------------------------------ */

static double dist_nm(double lat1, double lon1, double lat2, double lon2)
{
    struct gt_latlon a = {lat1, lon1}, b = {lat2, lon2};
    return gt_geo_distance_m(a, b) / NM_M;
}

/* Is a candidate position plausible for aircraft a at time t? */
static int plausible(const struct gt_modes_state *s, const struct aircraft *a, double lat,
                     double lon, int surface, int64_t t)
{
    if (s->cfg.has_rx_pos && s->cfg.max_range_nm > 0 &&
        dist_nm(s->cfg.rx_lat, s->cfg.rx_lon, lat, lon) > s->cfg.max_range_nm) {
        return 0;
    }
    if (a->has_pos && t - a->pos_ms <= LOCAL_REF_MAX_MS) {
        double dt_h = (double)(t > a->pos_ms ? t - a->pos_ms : 0) / 3600000.0;
        double v = surface ? 100.0 : 1000.0; /* kt, when nothing better is known */
        double margin = surface ? 0.3 : 2.0; /* NM, CPR and timing jitter */
        if (a->has_kin && t - a->kin_ms <= KIN_FRESH_MS) {
            v = a->gs_kt * 1.5 + (surface ? 20.0 : 100.0);
        }
        if (dist_nm(a->lat, a->lon, lat, lon) > v * dt_h + margin) {
            return 0;
        }
    }
    return 1;
}

/* Try to produce a position from the frame just stored in a->cpr[odd]. */
static int position(struct gt_modes_state *s, struct aircraft *a, const struct gt_modes_msg *m,
                    int64_t t, struct gt_modes_update *u, double *lat, double *lon)
{
    const struct cpr_frame *e = &a->cpr[0], *o = &a->cpr[1];
    int odd = m->cpr_odd, surface = m->cpr_surface;
    int have_ref = 0, rc;
    double rlat = 0, rlon = 0;

    if (a->has_pos && t - a->pos_ms <= LOCAL_REF_MAX_MS) {
        rlat = a->lat;
        rlon = a->lon;
        have_ref = 1;
    } else if (s->cfg.has_rx_pos) {
        rlat = s->cfg.rx_lat;
        rlon = s->cfg.rx_lon;
        have_ref = 2;
    }
    if (e->valid && o->valid && e->surface == o->surface) {
        int64_t dt = e->t_ms > o->t_ms ? e->t_ms - o->t_ms : o->t_ms - e->t_ms;
        int64_t win = AIR_WINDOW_MS;
        if (surface) {
            win = (a->has_kin && a->gs_kt <= 25.0) ? SURF_SLOW_WINDOW_MS : SURF_WINDOW_MS;
        }
        if (dt <= win) {
            if (!surface) {
                rc = gt_modes_cpr_global_air(e->lat, e->lon, o->lat, o->lon, odd, lat, lon);
                u->pos_ref = 0;
            } else if (have_ref) {
                rc = gt_modes_cpr_global_surface(rlat, rlon, e->lat, e->lon, o->lat, o->lon, odd,
                                                 lat, lon);
                u->pos_ref = have_ref;
            } else {
                rc = GT_ERR_AGAIN;
            }
            if (rc == GT_OK) {
                if (plausible(s, a, *lat, *lon, surface, t)) {
                    a->pos_bad = 0;
                    return GT_POS_CPR_GLOBAL;
                }
                u->pos_rejected = 1;
                /* several clean pairs in a row disagreeing with the last fix
                 * mean the fix was the phantom: forget it, so that good
                 * data is not refused for ever */
                if (++a->pos_bad >= 3) {
                    a->has_pos = 0;
                    a->pos_bad = 0;
                }
                /* a bad pair: forget the older half so the next frame
                 * pairs afresh */
                a->cpr[!odd].valid = 0;
                return GT_POS_NONE;
            }
            if (rc == GT_ERR_BADDATA) {
                u->pos_rejected = 1;
                a->cpr[!odd].valid = 0;
            }
        }
    }
    /* local decoding: unambiguous only within half a zone of the
     * reference, so the receiver position qualifies only when the range is
     * bounded by that: 3 degrees (180 NM) airborne, 0.75 degrees (45 NM) on
     * the surface.  A recent own fix always does (it moved far less). */
    if (have_ref == 1 ||
        (have_ref == 2 && s->cfg.max_range_nm > 0 && s->cfg.max_range_nm <= (surface ? 45 : 180))) {
        rc = gt_modes_cpr_local(rlat, rlon, m->cpr_lat, m->cpr_lon, odd, surface, lat, lon);
        if (rc == GT_OK && plausible(s, a, *lat, *lon, surface, t)) {
            u->pos_ref = have_ref;
            return GT_POS_CPR_LOCAL;
        }
        if (rc == GT_OK) {
            u->pos_rejected = 1;
        }
    }
    return GT_POS_NONE;
}

/* ---- observations ------------------------------------------------------------ */

static enum gt_modes_src src_of(const struct gt_modes_msg *m)
{
    switch (m->df) {
    case 17:
        return GT_MODES_SRC_ADSB;
    case 18:
        return m->cf <= 1 ? GT_MODES_SRC_ADSB : GT_MODES_SRC_TISB;
    case 20:
    case 21:
        return GT_MODES_SRC_COMMB;
    default:
        return GT_MODES_SRC_SURV;
    }
}

static void mark(struct gt_modes_field *f, int64_t t, enum gt_modes_src src)
{
    f->updated_ms = t;
    f->src = src;
}

int gt_modes_state_get(const struct gt_modes_state *s, uint32_t addr, struct gt_modes_aircraft *out)
{
    const struct aircraft *a = find(s, addr);

    if (a == NULL) {
        return GT_ERR_NOTFOUND;
    }
    *out = a->v;
    out->addr = a->addr;
    out->last_seen_ms = a->last_seen;
    out->confirmed_ms = a->confirmed_ms;
    return GT_OK;
}

static float f32(double v)
{
    return (float)v;
}

static void ident_add(struct gt_modes_update *u, const struct gt_obs *o, enum gt_ident_field f,
                      const char *value)
{
    struct gt_ident_obs *io;

    if (u->nident >= (int)(sizeof u->ident / sizeof u->ident[0])) {
        return;
    }
    io = &u->ident[u->nident++];
    memset(io, 0, sizeof *io);
    io->t_ms = o->t_ms;
    io->id = o->id;
    io->field = f;
    snprintf(io->value, sizeof io->value, "%s", value);
}

static double f64(float v)
{
    return (double)v;
}

/* Copy what observation o carries into the aircraft's public snapshot. */
static void mirror(struct aircraft *a, const struct gt_obs *o, enum gt_modes_src src, int64_t t)
{
    struct gt_modes_aircraft *v = &a->v;

    if (o->flags & GT_OBS_ALT) {
        v->alt_ft = o->alt_ft;
        mark(&v->f_alt, t, src);
    }
    if (o->flags & GT_OBS_GNSS_ALT) {
        v->gnss_alt_ft = o->gnss_alt_ft;
        mark(&v->f_gnss_alt, t, src);
    }
    if (o->flags & GT_OBS_SPEED) {
        v->gs_kt = f64(o->speed_kn);
        if (o->flags & GT_OBS_COURSE) {
            v->track_deg = f64(o->course_deg);
        }
        mark(&v->f_velocity, t, src);
    }
    if (o->flags & GT_OBS_POS) {
        v->lat_deg = o->lat_deg;
        v->lon_deg = o->lon_deg;
        v->pos_how = o->pos_how;
        mark(&v->f_pos, t, src);
    }
}

/* Copy an identity value into the snapshot. */
static void mirror_ident(struct aircraft *a, enum gt_ident_field f, enum gt_modes_src src,
                         int64_t t)
{
    struct gt_modes_aircraft *v = &a->v;

    if (f == GT_FIELD_CALLSIGN) {
        memcpy(v->callsign, a->callsign, sizeof v->callsign);
        mark(&v->f_callsign, t, src);
    } else if (f == GT_FIELD_SQUAWK) {
        v->squawk = a->squawk;
        mark(&v->f_squawk, t, src);
    } else if (f == GT_FIELD_CATEGORY) {
        memcpy(v->category, a->category, sizeof v->category);
        mark(&v->f_category, t, src);
    }
}

static int64_t use_time(struct gt_modes_state *s, int64_t t)
{
    if (t == GT_TIME_NONE) {
        t = s->now_ms == GT_TIME_NONE ? 0 : s->now_ms;
    }
    if (s->now_ms == GT_TIME_NONE || t > s->now_ms) {
        s->now_ms = t;
    }
    return t;
}

int gt_modes_state_update(struct gt_modes_state *s, const struct gt_modes_msg *m, int64_t t_ms,
                          struct gt_modes_update *u)
{
    struct aircraft *a;
    struct gt_obs *o = &u->obs;
    int64_t t = use_time(s, t_ms);
    int how;
    double lat, lon;
    char sq[8];

    memset(u, 0, sizeof *u);
    gt_obs_init(o);
    if (m->addr_kind == GT_MODES_ADDR_NONE || m->addr_kind == GT_MODES_ADDR_AP) {
        return GT_ERR_AGAIN; /* unconfirmed addresses never reach the table */
    }
    a = get(s, m->addr, t);
    a->last_seen = t;
    if (m->addr_kind == GT_MODES_ADDR_ANNOUNCED && m->corrected == 0 && !m->nonicao &&
        (m->df == 11 || m->df == 17 || (m->df == 18 && m->cf == 0))) {
        a->confirmed_ms = t;
    }
    o->t_ms = t_ms;
    if (t_ms != GT_TIME_NONE) {
        o->flags |= GT_OBS_TIME;
    }
    o->id.kind = GT_ID_ICAO;
    o->id.value = m->addr;
    o->id.flags = m->nonicao ? GT_IDENT_NONICAO : 0;

    if (m->has & GT_MODES_HAS_ALT) {
        o->alt_ft = m->alt_ft;
        o->flags |= GT_OBS_ALT;
    }
    if (m->has & GT_MODES_HAS_GNSS_ALT) {
        o->gnss_alt_ft = m->gnss_alt_ft;
        o->flags |= GT_OBS_GNSS_ALT;
    }
    if ((m->has & GT_MODES_HAS_GS) && (m->df == 17 || m->df == 18)) {
        o->speed_kn = f32(m->gs_kt);
        o->flags |= GT_OBS_SPEED;
        a->gs_kt = m->gs_kt;
        a->has_kin = 1;
        a->kin_ms = t;
    }
    if ((m->has & GT_MODES_HAS_TRACK) && (m->df == 17 || m->df == 18)) {
        o->course_deg = f32(m->track_deg);
        o->flags |= GT_OBS_COURSE;
        a->track_deg = m->track_deg;
    }
    if ((m->has & GT_MODES_HAS_VRATE) && (m->df == 17 || m->df == 18)) {
        o->vrate_fpm = f32(m->vrate_fpm);
        o->flags |= GT_OBS_VRATE;
    }
    if (m->has & GT_MODES_HAS_GROUND) {
        o->on_ground = (uint8_t)(m->on_ground ? 1 : 0);
        o->flags |= GT_OBS_GROUND;
    }
    if (m->has & GT_MODES_HAS_CPR) {
        struct cpr_frame *c = &a->cpr[m->cpr_odd ? 1 : 0];
        c->t_ms = t;
        c->lat = m->cpr_lat;
        c->lon = m->cpr_lon;
        c->surface = m->cpr_surface;
        c->valid = 1;
        how = position(s, a, m, t, u, &lat, &lon);
        if (how != GT_POS_NONE) {
            o->lat_deg = lat;
            o->lon_deg = lon;
            o->flags |= GT_OBS_POS;
            o->pos_how = (m->df == 18 && m->cf >= 2) ? GT_POS_TISB : (enum gt_pos_method)how;
            a->has_pos = 1;
            a->lat = lat;
            a->lon = lon;
            a->pos_ms = t;
        }
    }
    u->has_obs = (o->flags & ~(uint32_t)GT_OBS_TIME) != 0;
    mirror(a, o, src_of(m), t);

    if ((m->has & GT_MODES_HAS_CALLSIGN) && strcmp(a->callsign, m->callsign) != 0) {
        snprintf(a->callsign, sizeof a->callsign, "%s", m->callsign);
        ident_add(u, o, GT_FIELD_CALLSIGN, a->callsign);
    }
    if ((m->has & GT_MODES_HAS_SQUAWK) && (!a->has_squawk || a->squawk != m->squawk)) {
        a->squawk = m->squawk;
        a->has_squawk = 1;
        snprintf(sq, sizeof sq, "%04u", m->squawk % 10000u);
        ident_add(u, o, GT_FIELD_SQUAWK, sq);
    }
    if ((m->has & GT_MODES_HAS_CATEGORY) && strcmp(a->category, m->category) != 0) {
        snprintf(a->category, sizeof a->category, "%s", m->category);
        ident_add(u, o, GT_FIELD_CATEGORY, a->category);
    }
    if (m->has & GT_MODES_HAS_CALLSIGN) {
        mirror_ident(a, GT_FIELD_CALLSIGN, src_of(m), t);
    }
    if (m->has & GT_MODES_HAS_SQUAWK) {
        mirror_ident(a, GT_FIELD_SQUAWK, src_of(m), t);
    }
    if (m->has & GT_MODES_HAS_CATEGORY) {
        mirror_ident(a, GT_FIELD_CATEGORY, src_of(m), t);
    }
    return (u->has_obs || u->nident > 0) ? GT_OK : GT_ERR_AGAIN;
}

int gt_modes_state_update_sbs(struct gt_modes_state *s, const struct gt_sbs_rec *r, int64_t t_ms,
                              struct gt_modes_update *u)
{
    struct aircraft *a;
    struct gt_obs *o = &u->obs;
    int64_t t = use_time(s, t_ms);
    char sq[8];

    memset(u, 0, sizeof *u);
    gt_obs_init(o);
    a = get(s, r->addr, t);
    a->last_seen = t;
    o->t_ms = t_ms;
    if (t_ms != GT_TIME_NONE) {
        o->flags |= GT_OBS_TIME;
    }
    o->id.kind = GT_ID_ICAO;
    o->id.value = r->addr;
    if (r->has & GT_MODES_HAS_ALT) {
        o->alt_ft = r->alt_ft;
        o->flags |= GT_OBS_ALT;
    }
    if (r->has & GT_MODES_HAS_GS) {
        o->speed_kn = f32(r->gs_kt);
        o->flags |= GT_OBS_SPEED;
    }
    if (r->has & GT_MODES_HAS_TRACK) {
        o->course_deg = f32(fmod(r->track_deg, 360.0));
        o->flags |= GT_OBS_COURSE;
    }
    if (r->has & GT_MODES_HAS_VRATE) {
        o->vrate_fpm = f32(r->vrate_fpm);
        o->flags |= GT_OBS_VRATE;
    }
    if (r->has & GT_MODES_HAS_GROUND) {
        o->on_ground = (uint8_t)(r->on_ground ? 1 : 0);
        o->flags |= GT_OBS_GROUND;
    }
    if (r->has & GT_MODES_HAS_CPR) {
        o->lat_deg = r->lat_deg;
        o->lon_deg = r->lon_deg;
        o->flags |= GT_OBS_POS;
        o->pos_how = GT_POS_REPORTED;
    }
    u->has_obs = (o->flags & ~(uint32_t)GT_OBS_TIME) != 0;
    mirror(a, o, GT_MODES_SRC_SBS, t);
    if ((r->has & GT_MODES_HAS_CALLSIGN) && strcmp(a->callsign, r->callsign) != 0) {
        snprintf(a->callsign, sizeof a->callsign, "%s", r->callsign);
        ident_add(u, o, GT_FIELD_CALLSIGN, a->callsign);
    }
    if ((r->has & GT_MODES_HAS_SQUAWK) && (!a->has_squawk || a->squawk != r->squawk)) {
        a->squawk = r->squawk;
        a->has_squawk = 1;
        snprintf(sq, sizeof sq, "%04u", r->squawk % 10000u);
        ident_add(u, o, GT_FIELD_SQUAWK, sq);
    }
    if (r->has & GT_MODES_HAS_CALLSIGN) {
        mirror_ident(a, GT_FIELD_CALLSIGN, GT_MODES_SRC_SBS, t);
    }
    if (r->has & GT_MODES_HAS_SQUAWK) {
        mirror_ident(a, GT_FIELD_SQUAWK, GT_MODES_SRC_SBS, t);
    }
    return (u->has_obs || u->nident > 0) ? GT_OK : GT_ERR_AGAIN;
}

static double angle_diff(double a, double b)
{
    double d = fmod(fabs(a - b), 360.0);
    return d > 180.0 ? 360.0 - d : d;
}

/* Register fields of BDS 5,0 and 6,0 (DF20/21 headers carry none of them). */
#define BDS50_BITS                                                                                 \
    (GT_MODES_HAS_ROLL | GT_MODES_HAS_TRACK | GT_MODES_HAS_GS | GT_MODES_HAS_TRACK_RATE |          \
     GT_MODES_HAS_TAS)
#define BDS60_BITS                                                                                 \
    (GT_MODES_HAS_HEADING | GT_MODES_HAS_IAS | GT_MODES_HAS_MACH | GT_MODES_HAS_VRATE |            \
     GT_MODES_HAS_IVRATE)

static int demote(struct gt_modes_msg *m, uint32_t bits)
{
    m->has &= ~bits;
    m->bds = GT_BDS_NONE;
    m->bds_inconsistent = 1;
    return 1;
}

int gt_modes_state_resolve(struct gt_modes_state *s, struct gt_modes_msg *m, int64_t t_ms)
{
    const struct aircraft *a;
    struct gt_modes_msg m50, m60;
    int ok50, ok60;

    if (m->df != 20 && m->df != 21) {
        return 0;
    }
    a = find(s, m->addr);
    if (a == NULL || !a->has_kin || (t_ms != GT_TIME_NONE && t_ms - a->kin_ms > KIN_FRESH_MS)) {
        return 0;
    }
    if (m->bds == GT_BDS_50) {
        if (((m->has & GT_MODES_HAS_GS) && fabs(m->gs_kt - a->gs_kt) > 80.0) ||
            ((m->has & GT_MODES_HAS_TRACK) && angle_diff(m->track_deg, a->track_deg) > 45.0)) {
            return demote(m, BDS50_BITS);
        }
        return 0;
    }
    if (m->bds == GT_BDS_60) {
        if ((m->has & GT_MODES_HAS_HEADING) && angle_diff(m->heading_deg, a->track_deg) > 90.0) {
            return demote(m, BDS60_BITS);
        }
        return 0;
    }
    if (!m->bds_ambiguous || m->bds_candidates != (GT_BDS_BIT_50 | GT_BDS_BIT_60)) {
        return 0;
    }
    m50 = *m;
    m60 = *m;
    gt__modes_commb_as(m->raw, GT_BDS_50, &m50);
    gt__modes_commb_as(m->raw, GT_BDS_60, &m60);
    ok50 = (m50.has & GT_MODES_HAS_GS) && (m50.has & GT_MODES_HAS_TRACK) &&
           fabs(m50.gs_kt - a->gs_kt) <= 30.0 && angle_diff(m50.track_deg, a->track_deg) <= 15.0;
    ok60 = (m60.has & GT_MODES_HAS_HEADING) && angle_diff(m60.heading_deg, a->track_deg) <= 45.0;
    if (ok50 == ok60) {
        return 0;
    }
    *m = ok50 ? m50 : m60;
    m->bds_candidates = ok50 ? GT_BDS_BIT_50 : GT_BDS_BIT_60;
    return 1;
}
