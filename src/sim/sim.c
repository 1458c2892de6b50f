/*
 * simulate.c - the scenario engine: scripts in, input files and truth out.
 *
 * Every vessel follows its script (sim_int.h) along great circles; at
 * each reporting instant (class A: 2-4 min under way, 6-8 min at anchor,
 * thinned from the ITU-R M.1371-5 Table 1 rates; class B: 5-7 min under
 * way, 10-12 min at anchor) the
 * engine decides which AIS stations hear the report (terrestrial stations
 * within range, one satellite outside coverage holes) and writes one
 * !AIVDM sentence per station with an NMEA 4.10 tag block (s: station,
 * c: epoch seconds).  Static data (type 5, or type 24 A/B) follows hourly
 * and at every identity change.  Vessels inside the MarineCadastre box also
 * appear in a MarineCadastre CSV (2018+ 17-column layout).
 *
 * Aircraft fly a taxi / climb / cruise / descent / taxi profile along the
 * great circle between two airports.  While a receiver's radio horizon
 * covers them they appear every 10 s in an OpenSky state-vector CSV and, for
 * the Caribbean receiver network, as raw DF17 frames (RTCA DO-260B: even
 * and odd airborne or surface positions, velocity, identification); flights
 * that Flightradar24 shows also get one Flightradar24 CSV each.
 *
 * truth.json is derived from what was actually heard, so its times are the
 * last record before and the first record after a gap, not the scripted
 * ones.  Randomness (report jitter, reception draws, speed noise) comes from
 * splitmix64 streams seeded by the seed and the entity's index; nothing
 * depends on the clock, so the same seed gives byte-identical files.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/encode.h"
#include "ghosttrack/esc.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/simulate.h"
#include "ghosttrack/time.h"
#include "sim_int.h"

#define FILE_MAX  ((size_t)512 << 20) /* bytes per generated file */
#define GAP_MIN_S (6 * 3600)          /* raw AIS gap threshold (GFW) */

/* ---------------------------------------------------------------------- */
/* splitmix64 (Steele, Lea and Flood 2014): tiny, fast, good enough here. */

struct rng {
    uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static double rng_range(struct rng *r, double lo, double hi)
{
    return lo + (hi - lo) * rng_unit(r);
}

static void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
    r->s = seed * 0x9E3779B97F4A7C15ull ^ (stream + 1) * 0xD1B54A32D192ED03ull;
    (void)rng_next(r);
}

/* ---------------------------------------------------------------------- */
/* Small conversions with their casts in one place. */

static int64_t ms_of_h(double h)
{
    return (int64_t)llround(h * 3600000.0);
}

static int64_t ms_of_s(double s)
{
    return (int64_t)llround(s * 1000.0);
}

static double s_of_ms(int64_t ms)
{
    return (double)ms / 1000.0;
}

static unsigned utc_second(int64_t t_ms)
{
    return (unsigned)((t_ms / 1000) % 60);
}

static int iround(double x)
{
    return (int)lround(x);
}

static struct gt_latlon ll(double lat, double lon)
{
    struct gt_latlon p = {lat, lon};
    return p;
}

/* ---------------------------------------------------------------------- */
/* Records: lines of one output file, sorted by time before writing. */

struct rec {
    int64_t t_ms;
    uint64_t seq; /* insertion order: the tie-break that keeps sorting stable */
    size_t off, len;
};

struct recset {
    struct gt_buf text;
    struct rec *r;
    size_t n, cap;
};

static void recset_init(struct recset *s)
{
    gt_buf_init(&s->text, FILE_MAX);
    s->r = NULL;
    s->n = s->cap = 0;
}

static void recset_release(struct recset *s)
{
    gt_buf_release(&s->text);
    gt_free(s->r);
    s->r = NULL;
    s->n = s->cap = 0;
}

/* Add the text appended to s->text since `off` as one record at t_ms. */
static int recset_mark(struct recset *s, int64_t t_ms, size_t off)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4096;
        struct rec *r = gt_realloc(s->r, cap * sizeof *r);
        if (r == NULL) {
            return GT_ERR_NOMEM;
        }
        s->r = r;
        s->cap = cap;
    }
    s->r[s->n].t_ms = t_ms;
    s->r[s->n].seq = s->n;
    s->r[s->n].off = off;
    s->r[s->n].len = gt_buf_len(&s->text) - off;
    s->n++;
    return GT_OK;
}

static int rec_cmp(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;

    if (x->t_ms != y->t_ms) {
        return x->t_ms < y->t_ms ? -1 : 1;
    }
    return x->seq < y->seq ? -1 : (x->seq > y->seq ? 1 : 0);
}

/* Sort the records and append them, after `header`, to out. */
static int recset_emit(struct recset *s, const char *header, struct gt_buf *out)
{
    size_t i;
    int rc = GT_OK;

    if (s->n > 0) {
        qsort(s->r, s->n, sizeof *s->r, rec_cmp);
    }
    if (header != NULL) {
        rc = gt_buf_addstr(out, header);
    }
    for (i = 0; rc == GT_OK && i < s->n; i++) {
        rc = gt_buf_add(out, gt_buf_str(&s->text) + s->r[i].off, s->r[i].len);
    }
    return rc;
}

/* ---------------------------------------------------------------------- */
/* Truth events. */

struct truth {
    char type[16];
    char subject[32];
    char peer[32];
    int64_t start_ms, end_ms;
    double lat, lon;
    int has_pos;
    int decoy;
    char why[160];
    char detail[640]; /* JSON object members, without braces, keys sorted */
};

struct truthset {
    struct truth *t;
    size_t n, cap;
};

static struct truth *truth_add(struct truthset *ts)
{
    struct truth *t;

    if (ts->n == ts->cap) {
        size_t cap = ts->cap ? ts->cap * 2 : 64;
        struct truth *p = gt_realloc(ts->t, cap * sizeof *p);
        if (p == NULL) {
            return NULL;
        }
        ts->t = p;
        ts->cap = cap;
    }
    t = &ts->t[ts->n++];
    memset(t, 0, sizeof *t);
    return t;
}

static void id_mmsi(char *out, size_t n, uint32_t mmsi)
{
    snprintf(out, n, "mmsi:%09u", mmsi);
}

static void id_icao(char *out, size_t n, uint32_t icao)
{
    snprintf(out, n, "icao:%06x", icao);
}

/* Append ,"key":value text to a detail string (first key without comma). */
static void det(struct truth *t, const char *fmt, ...) GT_PRINTF(2, 3);

static void det(struct truth *t, const char *fmt, ...)
{
    size_t len = strlen(t->detail);
    va_list ap;

    if (len > 0 && len + 1 < sizeof t->detail) {
        t->detail[len++] = ',';
        t->detail[len] = '\0';
    }
    va_start(ap, fmt);
    vsnprintf(t->detail + len, sizeof t->detail - len, fmt, ap);
    va_end(ap);
}

/* ---------------------------------------------------------------------- */
/* Vessel scripts expanded into timed segments and marks. */

struct seg {
    int64_t t0, t1;
    struct gt_latlon p0, p1;
    int hold;
    double kn;
    unsigned status;
    const char *port;
};

struct mark {
    int64_t t_ms;
    const struct sim_step *st;
};

struct plan {
    struct seg seg[SIM_MAX_STEPS];
    size_t nseg;
    struct mark mark[SIM_MAX_STEPS];
    size_t nmark;
};

static void plan_vessel(const struct sim_vessel *v, int64_t t0, struct plan *p)
{
    struct gt_latlon cur = ll(v->lat, v->lon);
    int64_t t = t0 + ms_of_h(v->start_h);
    size_t i;

    memset(p, 0, sizeof *p);
    for (i = 0; i < SIM_MAX_STEPS && v->steps[i].kind != SIM_END; i++) {
        const struct sim_step *st = &v->steps[i];
        struct seg *s = &p->seg[p->nseg];
        switch (st->kind) {
        case SIM_GO: {
            struct gt_latlon to = ll(st->a, st->b);
            double d = gt_geo_distance_m(cur, to);
            s->t0 = t;
            s->t1 = t + 1000 * (int64_t)iround(d / (st->c * GT_KN_MS)); /* whole seconds */
            s->p0 = cur;
            s->p1 = to;
            s->kn = st->c;
            s->status = 0;
            p->nseg++;
            t = s->t1;
            cur = to;
            break;
        }
        case SIM_HOLD:
            s->t0 = t;
            s->t1 = t + ms_of_h(st->a);
            s->p0 = s->p1 = cur;
            s->hold = 1;
            s->status = (unsigned)iround(st->b);
            s->port = st->label;
            p->nseg++;
            t = s->t1;
            break;
        case SIM_OFF:
        case SIM_ON:
        case SIM_IDENT:
        case SIM_SPOOF_CIRCLE:
        case SIM_SPOOF_END:
        case SIM_JUMP:
            p->mark[p->nmark].t_ms = t;
            p->mark[p->nmark].st = st;
            p->nmark++;
            break;
        case SIM_END:
            break;
        }
    }
}

/* True state of a vessel at t: position, speed, course, hold flag. */
struct vstate {
    struct gt_latlon pos;
    double sog, cog;
    int hold;
    unsigned status;
};

static void vessel_state(const struct plan *p, int64_t t, struct vstate *vs)
{
    size_t i;
    const struct seg *s = NULL;

    for (i = 0; i < p->nseg; i++) {
        if (t >= p->seg[i].t0 && t < p->seg[i].t1) {
            s = &p->seg[i];
            break;
        }
    }
    if (s == NULL) {
        /* past the script: a mover keeps its course, a holder stays */
        const struct seg *last = &p->seg[p->nseg - 1];
        if (last->hold) {
            vs->pos = last->p1;
            vs->sog = 0;
            vs->cog = 0;
            vs->hold = 1;
            vs->status = last->status;
        } else {
            double brg = gt_geo_bearing_deg(last->p0, last->p1);
            double over = s_of_ms(t - last->t1) * last->kn * GT_KN_MS;
            struct gt_latlon q = gt_geo_destination(last->p1, brg, over);
            vs->pos = q;
            vs->sog = last->kn;
            vs->cog = gt_geo_bearing_deg(last->p0, last->p1);
            vs->hold = 0;
            vs->status = 0;
        }
        return;
    }
    if (s->hold) {
        vs->pos = s->p0;
        vs->sog = 0;
        vs->cog = 0;
        vs->hold = 1;
        vs->status = s->status;
        return;
    }
    {
        double d = gt_geo_distance_m(s->p0, s->p1);
        double f = s_of_ms(t - s->t0) / s_of_ms(s->t1 - s->t0);
        vs->pos = gt_geo_destination(s->p0, gt_geo_bearing_deg(s->p0, s->p1), f * d);
        vs->sog = s->kn;
        vs->cog = gt_geo_bearing_deg(vs->pos, s->p1);
        vs->hold = 0;
        vs->status = 0;
    }
}

/* ---------------------------------------------------------------------- */
/* Reception. */

static int in_box(const struct sim_box *b, struct gt_latlon p, double margin)
{
    return p.lat_deg >= b->s - margin && p.lat_deg <= b->n + margin && p.lon_deg >= b->w - margin &&
           p.lon_deg <= b->e + margin;
}

/* Decide which stations hear a report sent from true position p; sets
 * heard[i] and returns how many. */
static size_t hear(const struct sim_scenario *sc, struct gt_latlon p, struct rng *r, int *heard)
{
    size_t i, k, n = 0;

    for (i = 0; i < sc->nstations; i++) {
        const struct sim_station *st = &sc->stations[i];
        double prob = st->p, draw = rng_unit(r);
        heard[i] = 0;
        if (st->range_nm > 0) {
            if (gt_geo_distance_m(p, ll(st->lat, st->lon)) > st->range_nm * GT_NM_M) {
                prob = 0;
            }
        } else {
            for (k = 0; k < sc->nholes; k++) {
                if (in_box(&sc->holes[k], p, 0)) {
                    prob = 0;
                } else if (in_box(&sc->holes[k], p, 1.0)) {
                    /* the satellite seldom passes over its 1-degree edge:
                     * a few reports a crossing (about 4 for a ship at 13
                     * kn), so a ship entering the hole is last heard in a
                     * poorly covered cell and its gap is not suspected
                     * (at 0.04 one crossing in five went unheard, which
                     * left the last fix in the well-covered cell before
                     * the edge) */
                    prob *= 0.1;
                }
            }
        }
        if (draw < prob) {
            heard[i] = 1;
            n++;
        }
    }
    return n;
}

/* ---------------------------------------------------------------------- */
/* Vessel simulation. */

#define MAX_STATIONS 16

struct heard_fix {
    int64_t t_ms;
    double lat, lon;
};

struct vrun {
    struct heard_fix *fix; /* heard (in NMEA) reports, in time order */
    size_t nfix, cap;
    int64_t spoof_first, spoof_last; /* heard spoofed reports */
    struct gt_latlon spoof_centre;
    double spoof_radius_nm;
    int64_t static_seen[SIM_MAX_IDS]; /* first heard static report of each identity (0: none) */
};

struct sim {
    const struct sim_scenario *sc;
    uint64_t seed;
    struct recset ais, mc, osky, modes;
    struct truthset truth;
    struct vrun *vr;
    unsigned seqid;
};

static int fix_add(struct vrun *vr, int64_t t, struct gt_latlon p)
{
    if (vr->nfix == vr->cap) {
        size_t cap = vr->cap ? vr->cap * 2 : 256;
        struct heard_fix *f = gt_realloc(vr->fix, cap * sizeof *f);
        if (f == NULL) {
            return GT_ERR_NOMEM;
        }
        vr->fix = f;
        vr->cap = cap;
    }
    vr->fix[vr->nfix].t_ms = t;
    vr->fix[vr->nfix].lat = p.lat_deg;
    vr->fix[vr->nfix].lon = p.lon_deg;
    vr->nfix++;
    return GT_OK;
}

/* Write one payload as heard by every station flagged in heard[]. */
static int emit_ais(struct sim *sm, const char *payload, unsigned fill, int64_t t_ms,
                    const int *heard, struct rng *r)
{
    size_t i;
    int rc;

    for (i = 0; i < sm->sc->nstations; i++) {
        size_t off = gt_buf_len(&sm->ais.text);
        /* every station stamps the whole second of the slot (tag block c:
         * has one-second resolution), so truth times equal data times */
        int64_t t = t_ms;
        if (!heard[i]) {
            continue;
        }
        rc = gt_nmea_wrap(payload, fill, rng_unit(r) < 0.5 ? 'A' : 'B', sm->seqid,
                          sm->sc->stations[i].name, t / 1000, &sm->ais.text);
        if (rc < 0) {
            return rc;
        }
        rc = recset_mark(&sm->ais, t, off);
        if (rc < 0) {
            return rc;
        }
    }
    return GT_OK;
}

static void fill_static(const struct sim_vessel *v, const struct sim_vid *id,
                        struct gt_ais_static *s)
{
    memset(s, 0, sizeof *s);
    s->mmsi = id->mmsi;
    s->imo = id->imo;
    snprintf(s->callsign, sizeof s->callsign, "%s", id->callsign);
    snprintf(s->name, sizeof s->name, "%s", id->name);
    s->ship_type = v->ship_type;
    s->to_bow_m = v->length_m * 3 / 4;
    s->to_stern_m = v->length_m - s->to_bow_m;
    s->to_port_m = v->beam_m / 2;
    s->to_starboard_m = v->beam_m - s->to_port_m;
    s->epfd = 1;
    s->eta_month = 3;
    s->eta_day = 25;
    s->eta_hour = 12;
    s->eta_minute = 0;
    s->draught_m = v->draught_m;
    snprintf(s->destination, sizeof s->destination, "%s", v->destination);
    snprintf(s->vendor, sizeof s->vendor, "SRT");
}

static int emit_static(struct sim *sm, const struct sim_vessel *v, const struct sim_vid *id,
                       int64_t t, const int *heard, struct rng *r)
{
    struct gt_ais_static s;
    char p[GT_AIS_PAYLOAD_MAX];
    unsigned fill;
    int rc;

    fill_static(v, id, &s);
    if (v->cls == 'A') {
        rc = gt_ais_encode_type5(&s, p, sizeof p, &fill);
        if (rc < 0) {
            return rc;
        }
        sm->seqid = (sm->seqid + 1) % 10;
        return emit_ais(sm, p, fill, t, heard, r);
    }
    rc = gt_ais_encode_type24(&s, 0, p, sizeof p, &fill);
    if (rc >= 0) {
        rc = emit_ais(sm, p, fill, t, heard, r);
    }
    if (rc >= 0) {
        rc = gt_ais_encode_type24(&s, 1, p, sizeof p, &fill);
    }
    if (rc >= 0) {
        rc = emit_ais(sm, p, fill, t + 1000, heard, r);
    }
    return rc < 0 ? rc : GT_OK;
}

static int emit_mc(struct sim *sm, const struct sim_vessel *v, const struct sim_vid *id, int64_t t,
                   struct gt_latlon p, double sog, double cog, int hdg, unsigned status)
{
    struct gt_civil c;
    size_t off = gt_buf_len(&sm->mc.text);
    int rc;

    gt_time_to_civil(t, &c);
    rc = gt_buf_addf(&sm->mc.text, "%09u,%04d-%02d-%02dT%02d:%02d:%02d,%.5f,%.5f,%.1f,%.1f,%d,%s,",
                     id->mmsi, c.year, c.month, c.day, c.hour, c.min, c.sec, p.lat_deg, p.lon_deg,
                     sog, cog, hdg, id->mc_name ? id->mc_name : id->name);
    if (rc == GT_OK && id->imo) {
        rc = gt_buf_addf(&sm->mc.text, "IMO%07u", id->imo);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(&sm->mc.text, ",%s,%u,%u,%u,%u,%.1f,,%c\n", id->callsign, v->ship_type,
                         status, v->length_m, v->beam_m, v->draught_m, v->cls);
    }
    return rc < 0 ? rc : recset_mark(&sm->mc, t, off);
}

/* Position actually reported at t (spoofing replaces the truth). */
static struct gt_latlon reported(const struct vrun *vr, int spoofing, int64_t t,
                                 struct gt_latlon truth_pos)
{
    if (spoofing) {
        /* one turn every 90 minutes around the fixed centre */
        double ang = fmod(s_of_ms(t) / 5400.0 * 360.0, 360.0);
        return gt_geo_destination(vr->spoof_centre, ang, vr->spoof_radius_nm * GT_NM_M);
    }
    return truth_pos;
}

/* What a vessel's script has switched on or off so far. */
struct vcur {
    size_t mi;     /* next mark to apply */
    size_t idx;    /* identity transmitted */
    int tx;        /* transponder on */
    int spoofing;  /* reporting the spoof circle */
    int jump;      /* the next heard report claims jump_to */
    int jump_back; /* the next heard report is the first true one after spoofing */
    int new_id;    /* identity changed at this instant */
    struct gt_latlon jump_to;
};

static void apply_marks(const struct plan *pl, int64_t t, struct vrun *vr, struct vcur *c)
{
    c->new_id = 0;
    for (; c->mi < pl->nmark && pl->mark[c->mi].t_ms <= t; c->mi++) {
        const struct sim_step *st = pl->mark[c->mi].st;
        switch (st->kind) {
        case SIM_OFF:
            c->tx = 0;
            break;
        case SIM_ON:
            c->tx = 1;
            break;
        case SIM_IDENT:
            c->idx = (size_t)iround(st->a);
            c->new_id = 1;
            break;
        case SIM_SPOOF_CIRCLE:
            c->spoofing = 1;
            vr->spoof_centre = ll(st->a, st->b);
            vr->spoof_radius_nm = st->c;
            break;
        case SIM_SPOOF_END:
            c->spoofing = 0;
            c->jump_back = 1;
            break;
        case SIM_JUMP:
            c->jump = 1;
            c->jump_to = ll(st->a, st->b);
            break;
        case SIM_GO:
        case SIM_HOLD:
        case SIM_END:
            break;
        }
    }
}

/* Truth for a position jump: the report at t_ms claims `to` although the
 * previous report, at from_ms, claimed `from`.  kind is the detectors'
 * name: "teleport" for a report that jumps away and back (A -> B -> A),
 * "impossible_speed" for a one-way jump (the true position reappearing
 * when a spoofer stops). */
static int teleport_truth(struct sim *sm, uint32_t mmsi, int64_t from_ms, int64_t t_ms,
                          struct gt_latlon from, struct gt_latlon to, const char *kind)
{
    struct truth *tr = truth_add(&sm->truth);

    if (tr == NULL) {
        return GT_ERR_NOMEM;
    }
    snprintf(tr->type, sizeof tr->type, "spoof");
    id_mmsi(tr->subject, sizeof tr->subject, mmsi);
    tr->start_ms = from_ms;
    tr->end_ms = t_ms;
    tr->lat = to.lat_deg;
    tr->lon = to.lon_deg;
    tr->has_pos = 1;
    det(tr, "\"from_lat\":%.6f,\"from_lon\":%.6f", from.lat_deg, from.lon_deg);
    det(tr, "\"jump_km\":%.1f", gt_geo_distance_m(from, to) / 1000.0);
    det(tr, "\"kind\":\"%s\"", kind);
    return GT_OK;
}

/* Fill a position report from the true state and the reported position. */
static void fill_pos(const struct sim_vessel *v, uint32_t mmsi, const struct vstate *vs,
                     struct gt_latlon rep, int64_t t, int hdg_bias, struct rng *r,
                     struct gt_ais_pos *m)
{
    memset(m, 0, sizeof *m);
    m->type = v->cls == 'A' ? 1 : 18;
    m->mmsi = mmsi;
    m->nav_status = vs->status;
    m->rot = vs->hold ? 0 : -128;
    m->has_pos = 1;
    m->lat_deg = rep.lat_deg;
    m->lon_deg = rep.lon_deg;
    m->sog_kn = vs->hold ? rng_range(r, 0, 0.3) : vs->sog + rng_range(r, -0.3, 0.3);
    m->cog_deg = vs->hold ? rng_range(r, 0, 359.9) : fmod(vs->cog + rng_range(r, -2, 2) + 360, 360);
    m->heading_deg = v->cls == 'A' ? (iround(vs->hold ? 45 : vs->cog) + hdg_bias + 360) % 360 : -1;
    m->second = utc_second(t);
    m->accuracy = 1;
    m->b_flags = 0x2E; /* class B "CS" unit, DSC, whole band, message 22 */
    m->radio = (uint32_t)(rng_next(r) & 0x3FFFF);
}

/* One reporting instant of a transmitting vessel. */
static int vessel_report(struct sim *sm, size_t vi, struct vcur *c, const struct vstate *vs,
                         int64_t t, int hdg_bias, struct rng *r)
{
    const struct sim_vessel *v = &sm->sc->vessels[vi];
    struct vrun *vr = &sm->vr[vi];
    int heard[MAX_STATIONS];
    struct gt_latlon rep = reported(vr, c->spoofing, t, vs->pos);
    struct gt_ais_pos m;
    char p[GT_AIS_PAYLOAD_MAX];
    unsigned fill;
    size_t nh = hear(sm->sc, vs->pos, r, heard);
    int rc = GT_OK;

    if (c->jump && nh > 0 && vr->nfix > 0) {
        rep = c->jump_to;
        c->jump = 0;
        rc = teleport_truth(sm, v->id[c->idx].mmsi, vr->fix[vr->nfix - 1].t_ms, t,
                            ll(vr->fix[vr->nfix - 1].lat, vr->fix[vr->nfix - 1].lon), rep,
                            "teleport");
    }
    if (rc == GT_OK && c->jump_back && nh > 0 && vr->nfix > 0) {
        c->jump_back = 0;
        rc = teleport_truth(sm, v->id[c->idx].mmsi, vr->fix[vr->nfix - 1].t_ms, t,
                            ll(vr->fix[vr->nfix - 1].lat, vr->fix[vr->nfix - 1].lon), rep,
                            "impossible_speed");
    }
    fill_pos(v, v->id[c->idx].mmsi, vs, rep, t, hdg_bias, r, &m);
    if (rc == GT_OK) {
        rc = gt_ais_encode_pos(&m, p, sizeof p, &fill);
    }
    if (rc >= 0) {
        rc = emit_ais(sm, p, fill, t, heard, r);
    }
    if (rc == GT_OK && nh > 0) {
        rc = fix_add(vr, t, rep);
        if (c->spoofing) {
            if (vr->spoof_first == INT64_MIN) {
                vr->spoof_first = t;
            }
            vr->spoof_last = t;
        }
    }
    if (rc == GT_OK && sm->sc->mc_box != NULL && in_box(sm->sc->mc_box, rep, 0) &&
        rng_unit(r) < 0.9) {
        rc = emit_mc(sm, v, &v->id[c->idx], t, rep, m.sog_kn < 0.05 ? 0 : m.sog_kn, m.cog_deg,
                     m.heading_deg < 0 ? 511 : m.heading_deg, vs->status);
    }
    return rc < 0 ? rc : GT_OK;
}

/* Run one vessel from the start of its script to the end of the scenario. */
static int sim_vessel(struct sim *sm, size_t vi, const struct plan *pl)
{
    const struct sim_vessel *v = &sm->sc->vessels[vi];
    struct vrun *vr = &sm->vr[vi];
    struct vcur c;
    struct rng r;
    int64_t t, last_static = INT64_MIN;
    int hdg_bias, rc;

    memset(&c, 0, sizeof c);
    c.tx = 1;
    rng_seed(&r, sm->seed, 1000 + vi);
    hdg_bias = iround(rng_range(&r, -3, 3));
    t = pl->seg[0].t0 + 1000 * (int64_t)iround(rng_range(&r, 0, 60));
    vr->spoof_first = vr->spoof_last = INT64_MIN;
    while (t < sm->sc->end_ms) {
        struct vstate vs;
        double step_s;

        apply_marks(pl, t, vr, &c);
        vessel_state(pl, t, &vs);
        if (v->cls == 'A') {
            step_s = vs.hold ? rng_range(&r, 360, 480) : rng_range(&r, 120, 240);
        } else {
            step_s = vs.hold ? rng_range(&r, 600, 720) : rng_range(&r, 300, 420);
        }
        if (c.tx) {
            rc = vessel_report(sm, vi, &c, &vs, t, hdg_bias, &r);
            if (rc == GT_OK &&
                (c.new_id || last_static == INT64_MIN || t - last_static >= 3600 * 1000)) {
                int sh[MAX_STATIONS];
                if (hear(sm->sc, vs.pos, &r, sh) > 0 && vr->static_seen[c.idx] == 0) {
                    vr->static_seen[c.idx] = t + 2000;
                }
                rc = emit_static(sm, v, &v->id[c.idx], t + 2000, sh, &r);
                last_static = t;
            }
            if (rc < 0) {
                return rc;
            }
        }
        t += 1000 * (int64_t)iround(step_s);
    }
    return GT_OK;
}

/* ---------------------------------------------------------------------- */
/* Vessel truth: gaps, encounters, loitering, port calls, identity, spoofs. */

static const struct sim_vid *vid_at(const struct sim_vessel *v, const struct plan *pl, int64_t t)
{
    size_t i, idx = 0;

    for (i = 0; i < pl->nmark; i++) {
        if (pl->mark[i].t_ms <= t && pl->mark[i].st->kind == SIM_IDENT) {
            idx = (size_t)iround(pl->mark[i].st->a);
        }
    }
    return &v->id[idx];
}

static int in_off(const struct plan *pl, int64_t a, int64_t b)
{
    size_t i;

    for (i = 0; i < pl->nmark; i++) {
        if (pl->mark[i].st->kind == SIM_OFF && pl->mark[i].t_ms >= a && pl->mark[i].t_ms <= b) {
            return 1;
        }
    }
    return 0;
}

static int truth_gaps(struct sim *sm, size_t vi, const struct plan *pl)
{
    const struct sim_vessel *v = &sm->sc->vessels[vi];
    const struct vrun *vr = &sm->vr[vi];
    size_t i;

    for (i = 1; i < vr->nfix; i++) {
        const struct heard_fix *a = &vr->fix[i - 1], *b = &vr->fix[i];
        struct truth *t;
        double km, h;
        int planned;
        if (b->t_ms - a->t_ms < (int64_t)GAP_MIN_S * 1000) {
            continue;
        }
        planned = in_off(pl, a->t_ms, b->t_ms);
        t = truth_add(&sm->truth);
        if (t == NULL) {
            return GT_ERR_NOMEM;
        }
        km = gt_geo_distance_m(ll(a->lat, a->lon), ll(b->lat, b->lon)) / 1000.0;
        h = s_of_ms(b->t_ms - a->t_ms) / 3600.0;
        snprintf(t->type, sizeof t->type, "gap");
        id_mmsi(t->subject, sizeof t->subject, vid_at(v, pl, a->t_ms)->mmsi);
        t->start_ms = a->t_ms;
        t->end_ms = b->t_ms;
        t->lat = a->lat;
        t->lon = a->lon;
        t->has_pos = 1;
        t->decoy = !planned;
        det(t, "\"class\":\"ais-%c\"", v->cls == 'A' ? 'a' : 'b');
        det(t, "\"distance_km\":%.1f", km);
        det(t, "\"end_lat\":%.6f,\"end_lon\":%.6f", b->lat, b->lon);
        det(t, "\"hours\":%.2f", h);
        det(t, "\"implied_speed_kn\":%.1f", km / 1.852 / h);
        det(t, "\"start_lat\":%.6f,\"start_lon\":%.6f", a->lat, a->lon);
        det(t, "\"suspected\":%s", planned ? "true" : "false");
        if (!planned) {
            snprintf(t->why, sizeof t->why,
                     "coverage hole: no receiver heard the vessel, its transponder stayed on");
        }
    }
    return GT_OK;
}

static int truth_holds(struct sim *sm, size_t vi, const struct plan *pl)
{
    const struct sim_vessel *v = &sm->sc->vessels[vi];
    size_t i, k;

    for (i = 0; i < pl->nseg; i++) {
        const struct seg *s = &pl->seg[i];
        int tx = 1;
        struct truth *t;
        if (!s->hold) {
            continue;
        }
        for (k = 0; k < pl->nmark; k++) {
            enum sim_step_kind kd = pl->mark[k].st->kind;
            if (pl->mark[k].t_ms > s->t0) {
                continue;
            }
            if (kd == SIM_OFF || kd == SIM_SPOOF_CIRCLE) {
                tx = 0; /* nothing true to see: dark or spoofing */
            }
            if (kd == SIM_ON || kd == SIM_SPOOF_END) {
                tx = 1;
            }
        }
        /* a loiter is at sea for 4 h or more; a port call is moored (status 5)
         * at a named port; anchorages and fishing grounds plant nothing */
        if (!tx || s->t0 >= sm->sc->end_ms || (s->port == NULL && s->t1 - s->t0 < ms_of_h(4)) ||
            (s->port != NULL && s->status != 5)) {
            continue;
        }
        t = truth_add(&sm->truth);
        if (t == NULL) {
            return GT_ERR_NOMEM;
        }
        snprintf(t->type, sizeof t->type, "%s", s->port ? "port_call" : "loiter");
        id_mmsi(t->subject, sizeof t->subject, vid_at(v, pl, s->t0)->mmsi);
        t->start_ms = s->t0 < sm->sc->start_ms ? sm->sc->start_ms : s->t0;
        t->end_ms = s->t1 > sm->sc->end_ms ? sm->sc->end_ms : s->t1;
        t->lat = s->p0.lat_deg;
        t->lon = s->p0.lon_deg;
        t->has_pos = 1;
        if (s->port) {
            det(t, "\"port\":\"%s\"", s->port);
        } else {
            det(t, "\"hours\":%.2f", s_of_ms(s->t1 - s->t0) / 3600.0);
            det(t, "\"mean_speed_kn\":0.2");
        }
    }
    return GT_OK;
}

static const struct seg *hold_near(const struct plan *pl, const struct plan *other,
                                   const struct seg **os)
{
    size_t i, k;

    for (i = 0; i < pl->nseg; i++) {
        for (k = 0; pl->seg[i].hold && !pl->seg[i].port && k < other->nseg; k++) {
            const struct seg *a = &pl->seg[i], *b = &other->seg[k];
            if (b->hold && a->t0 < b->t1 && b->t0 < a->t1 &&
                gt_geo_distance_m(a->p0, b->p0) < 1000) {
                *os = b;
                return a;
            }
        }
    }
    return NULL;
}

static int truth_encounters(struct sim *sm, const struct plan *pls)
{
    size_t i;

    for (i = 0; i < sm->sc->nencounters; i++) {
        const struct sim_encounter *e = &sm->sc->encounters[i];
        const struct seg *b = NULL, *a = hold_near(&pls[e->va], &pls[e->vb], &b);
        struct truth *t;
        if (a == NULL || b == NULL) {
            return GT_ERR_INVAL; /* a scenario bug */
        }
        t = truth_add(&sm->truth);
        if (t == NULL) {
            return GT_ERR_NOMEM;
        }
        snprintf(t->type, sizeof t->type, "encounter");
        t->start_ms = a->t0 > b->t0 ? a->t0 : b->t0;
        t->end_ms = a->t1 < b->t1 ? a->t1 : b->t1;
        id_mmsi(t->subject, sizeof t->subject,
                vid_at(&sm->sc->vessels[e->va], &pls[e->va], t->start_ms)->mmsi);
        id_mmsi(t->peer, sizeof t->peer,
                vid_at(&sm->sc->vessels[e->vb], &pls[e->vb], t->start_ms)->mmsi);
        t->lat = (a->p0.lat_deg + b->p0.lat_deg) / 2;
        t->lon = (a->p0.lon_deg + b->p0.lon_deg) / 2;
        t->has_pos = 1;
        det(t, "\"dark\":%s", e->dark ? "true" : "false");
        det(t, "\"median_distance_m\":%.0f", gt_geo_distance_m(a->p0, b->p0));
        det(t, "\"median_speed_kn\":0.2");
    }
    for (i = 0; i < sm->sc->ndecoys; i++) {
        const struct sim_decoy *d = &sm->sc->decoys[i];
        const struct plan *pa = &pls[d->va], *pb = &pls[d->vb];
        struct truth *t = truth_add(&sm->truth);
        if (t == NULL) {
            return GT_ERR_NOMEM;
        }
        snprintf(t->type, sizeof t->type, "%s", d->type);
        t->decoy = 1;
        t->start_ms = pa->seg[0].t0 > pb->seg[0].t0 ? pa->seg[0].t0 : pb->seg[0].t0;
        t->end_ms = pa->seg[0].t1 < pb->seg[0].t1 ? pa->seg[0].t1 : pb->seg[0].t1;
        id_mmsi(t->subject, sizeof t->subject, sm->sc->vessels[d->va].id[0].mmsi);
        if (d->vb != d->va) {
            id_mmsi(t->peer, sizeof t->peer, sm->sc->vessels[d->vb].id[0].mmsi);
        }
        t->lat = pa->seg[0].p0.lat_deg;
        t->lon = pa->seg[0].p0.lon_deg;
        t->has_pos = 1;
        det(t, "\"distance_m\":%.0f", gt_geo_distance_m(pa->seg[0].p0, pb->seg[0].p0));
        snprintf(t->why, sizeof t->why, "%s", d->why);
    }
    return GT_OK;
}

static int ident_event(struct sim *sm, const struct sim_vid *o, const struct sim_vid *n,
                       int64_t t_ms, struct gt_latlon p, const char *field, const char *ov,
                       const char *nv)
{
    struct truth *t = truth_add(&sm->truth);

    if (t == NULL) {
        return GT_ERR_NOMEM;
    }
    /* subject: the MMSI that carries the new value; peer: the MMSI the
     * hull used before, when it changed (the detector's convention) */
    snprintf(t->type, sizeof t->type, "identity");
    id_mmsi(t->subject, sizeof t->subject, n->mmsi);
    if (n->mmsi != o->mmsi) {
        id_mmsi(t->peer, sizeof t->peer, o->mmsi);
    }
    t->start_ms = t->end_ms = t_ms;
    t->lat = p.lat_deg;
    t->lon = p.lon_deg;
    t->has_pos = 1;
    det(t, "\"field\":\"%s\"", field);
    if (n->imo) {
        det(t, "\"imo\":%u", n->imo);
    }
    det(t, "\"new\":\"%s\",\"old\":\"%s\"", nv, ov);
    return GT_OK;
}

static int truth_identity(struct sim *sm, size_t vi, const struct plan *pl)
{
    const struct sim_vessel *v = &sm->sc->vessels[vi];
    const struct vrun *vr = &sm->vr[vi];
    size_t i, k, cur = 0;
    int rc = GT_OK;

    for (i = 0; i < pl->nmark && rc == GT_OK; i++) {
        const struct sim_vid *o, *n;
        int64_t t = pl->mark[i].t_ms;
        struct gt_latlon p = ll(0, 0);
        char a[32], b[32];
        if (pl->mark[i].st->kind != SIM_IDENT) {
            continue;
        }
        o = &v->id[cur];
        cur = (size_t)iround(pl->mark[i].st->a);
        n = &v->id[cur];
        for (k = 0; k < vr->nfix; k++) { /* first heard report with the new identity */
            if (vr->fix[k].t_ms >= t) {
                t = vr->fix[k].t_ms;
                p = ll(vr->fix[k].lat, vr->fix[k].lon);
                break;
            }
        }
        /* On one MMSI a new name or callsign shows only in static data:
         * the change is seen with the first heard static report (a new
         * MMSI shows with its first position, as above). */
        if (o->mmsi == n->mmsi && vr->static_seen[cur] > t) {
            t = vr->static_seen[cur];
        }
        if (strcmp(o->name, n->name) != 0) {
            rc = ident_event(sm, o, n, t, p, "name", o->name, n->name);
        }
        if (rc == GT_OK && strcmp(o->callsign, n->callsign) != 0) {
            rc = ident_event(sm, o, n, t, p, "callsign", o->callsign, n->callsign);
        }
        if (rc == GT_OK && o->mmsi != n->mmsi) {
            id_mmsi(a, sizeof a, o->mmsi);
            id_mmsi(b, sizeof b, n->mmsi);
            rc = ident_event(sm, o, n, t, p, "mmsi", a, b);
        }
        if (rc == GT_OK && strcmp(o->flag, n->flag) != 0) {
            rc = ident_event(sm, o, n, t, p, "flag", o->flag, n->flag);
        }
    }
    return rc;
}

static int truth_spoofs(struct sim *sm)
{
    const struct sim_scenario *sc = sm->sc;
    size_t i, k;

    for (i = 0; i < sc->nvessels; i++) {
        const struct vrun *vr = &sm->vr[i];
        struct truth *t;
        if (vr->spoof_first == INT64_MIN) {
            continue;
        }
        t = truth_add(&sm->truth);
        if (t == NULL) {
            return GT_ERR_NOMEM;
        }
        snprintf(t->type, sizeof t->type, "spoof");
        id_mmsi(t->subject, sizeof t->subject, sc->vessels[i].id[0].mmsi);
        t->start_ms = vr->spoof_first;
        t->end_ms = vr->spoof_last;
        t->lat = vr->spoof_centre.lat_deg;
        t->lon = vr->spoof_centre.lon_deg;
        t->has_pos = 1;
        det(t, "\"kind\":\"circle\"");
        det(t, "\"radius_m\":%.0f", vr->spoof_radius_nm * GT_NM_M);
    }
    for (i = 0; i < sc->nvessels; i++) {
        for (k = i + 1; k < sc->nvessels; k++) {
            const struct vrun *a = &sm->vr[i], *b = &sm->vr[k];
            struct truth *t;
            if (sc->vessels[i].id[0].mmsi != sc->vessels[k].id[0].mmsi || a->nfix == 0 ||
                b->nfix == 0) {
                continue;
            }
            t = truth_add(&sm->truth);
            if (t == NULL) {
                return GT_ERR_NOMEM;
            }
            snprintf(t->type, sizeof t->type, "spoof");
            id_mmsi(t->subject, sizeof t->subject, sc->vessels[i].id[0].mmsi);
            t->start_ms = a->fix[0].t_ms > b->fix[0].t_ms ? a->fix[0].t_ms : b->fix[0].t_ms;
            t->end_ms = a->fix[a->nfix - 1].t_ms < b->fix[b->nfix - 1].t_ms
                            ? a->fix[a->nfix - 1].t_ms
                            : b->fix[b->nfix - 1].t_ms;
            t->lat = a->fix[0].lat;
            t->lon = a->fix[0].lon;
            t->has_pos = 1;
            det(t, "\"hulls\":[\"%s\",\"%s\"]", sc->vessels[i].id[0].name,
                sc->vessels[k].id[0].name);
            det(t, "\"kind\":\"shared_id\"");
            det(t, "\"min_distance_km\":%.0f",
                gt_geo_distance_m(ll(a->fix[0].lat, a->fix[0].lon),
                                  ll(b->fix[0].lat, b->fix[0].lon)) /
                    1000.0);
        }
    }
    return GT_OK;
}

/* ---------------------------------------------------------------------- */
/* Aircraft. */

static const struct sim_airport *airport(const struct sim_scenario *sc, const char *code)
{
    size_t i;

    for (i = 0; i < sc->nairports; i++) {
        if (strcmp(sc->airports[i].icao, code) == 0) {
            return &sc->airports[i];
        }
    }
    return NULL;
}

/* Radio horizon coverage: a receiver hears an aircraft within
 * 20 km + 4.1 km * sqrt(altitude in m), at most 420 km. */
static int covered(const struct sim_scenario *sc, struct gt_latlon p, double alt_ft, int own)
{
    double alt_m = alt_ft > 0 ? alt_ft * GT_FT_M : 0;
    double range_m = (20.0 + 4.1 * sqrt(alt_m)) * 1000.0;
    size_t i;

    if (range_m > 420000.0) {
        range_m = 420000.0;
    }
    for (i = 0; i < sc->nreceivers; i++) {
        if (own && !sc->receivers[i].own) {
            continue;
        }
        if (gt_geo_distance_m(p, ll(sc->receivers[i].lat, sc->receivers[i].lon)) <= range_m) {
            return 1;
        }
    }
    return 0;
}

struct astate {
    struct gt_latlon pos;
    double alt_ft, gs_kt, trk, vr_fpm;
    int ground;
};

static int add_frame(struct sim *sm, int64_t t, const uint8_t f[GT_MODES_LONG])
{
    size_t off = gt_buf_len(&sm->modes.text);
    int rc = gt_buf_addf(&sm->modes.text,
                         "%lld.%03lld %02X%02X%02X%02X%02X%02X%02X%02X%02X%02X%02X%02X%02X%02X\n",
                         (long long)(t / 1000), (long long)(t % 1000), f[0], f[1], f[2], f[3], f[4],
                         f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13]);
    return rc < 0 ? rc : recset_mark(&sm->modes, t, off);
}

static int emit_frames(struct sim *sm, const struct sim_flight *fl, int64_t t,
                       const struct astate *a, int tick)
{
    uint8_t f[GT_MODES_LONG];
    struct gt_modes_vel v;
    double rad = a->trk * 3.14159265358979323846 / 180.0;
    int rc;

    if (tick % 3 == 0) {
        rc = gt_modes_encode_ident(fl->icao24, 4, 5, fl->callsign, f);
        if (rc == GT_OK) {
            rc = add_frame(sm, t + 50, f);
        }
        if (rc < 0) {
            return rc;
        }
    }
    if (a->ground) {
        rc = gt_modes_encode_surface_pos(fl->icao24, 7, a->gs_kt, a->trk, 0, a->pos.lat_deg,
                                         a->pos.lon_deg, f);
        if (rc == GT_OK) {
            rc = add_frame(sm, t + 200, f);
        }
        if (rc == GT_OK) {
            rc = gt_modes_encode_surface_pos(fl->icao24, 7, a->gs_kt, a->trk, 1, a->pos.lat_deg,
                                             a->pos.lon_deg, f);
        }
        return rc == GT_OK ? add_frame(sm, t + 700, f) : rc;
    }
    rc = gt_modes_encode_airborne_pos(fl->icao24, 11, 0, 0, iround(a->alt_ft), 0, a->pos.lat_deg,
                                      a->pos.lon_deg, f);
    if (rc == GT_OK) {
        rc = add_frame(sm, t + 200, f);
    }
    if (rc == GT_OK) {
        rc = gt_modes_encode_airborne_pos(fl->icao24, 11, 0, 0, iround(a->alt_ft), 1,
                                          a->pos.lat_deg, a->pos.lon_deg, f);
    }
    if (rc == GT_OK) {
        rc = add_frame(sm, t + 700, f);
    }
    if (rc < 0) {
        return rc;
    }
    memset(&v, 0, sizeof v);
    v.ifr = 1;
    v.nuc = 1;
    v.v_ew_kt = iround(a->gs_kt * sin(rad));
    v.v_ns_kt = iround(a->gs_kt * cos(rad));
    v.vr_src = 1;
    v.vr_fpm = iround(a->vr_fpm);
    v.gnss_baro_diff_ft = 150;
    rc = gt_modes_encode_velocity(fl->icao24, &v, f);
    return rc == GT_OK ? add_frame(sm, t + 450, f) : rc;
}

static int emit_osky(struct sim *sm, const struct sim_flight *fl, int64_t t, const struct astate *a)
{
    size_t off = gt_buf_len(&sm->osky.text);
    double alt_m = a->alt_ft * GT_FT_M;
    int rc = gt_buf_addf(&sm->osky.text,
                         "%lld,%06x,%.6f,%.6f,%.2f,%.2f,%.2f,%-8s,%s,False,False,%s,%.2f,%.2f,"
                         "%.3f,%.3f\n",
                         (long long)(t / 1000), fl->icao24, a->pos.lat_deg, a->pos.lon_deg,
                         a->gs_kt * GT_KN_MS, a->trk, a->vr_fpm * GT_FT_M / 60.0, fl->callsign,
                         a->ground ? "True" : "False", fl->squawk, a->ground ? 0.0 : alt_m,
                         a->ground ? 0.0 : alt_m + 45.72, s_of_ms(t) - 0.4, s_of_ms(t) - 0.1);
    return rc < 0 ? rc : recset_mark(&sm->osky, t, off);
}

static int emit_fr24(struct gt_buf *b, const struct sim_flight *fl, int64_t t,
                     const struct astate *a)
{
    char iso[GT_TIME_ISO_MAX];

    if (gt_time_format_iso(t, iso, sizeof iso, 0) < 0) {
        return GT_ERR_RANGE;
    }
    return gt_buf_addf(b, "%lld,%s,%s,\"%.6f,%.6f\",%d,%d,%d\n", (long long)(t / 1000), iso,
                       fl->callsign, a->pos.lat_deg, a->pos.lon_deg,
                       a->ground ? 0 : iround(a->alt_ft), iround(a->gs_kt), iround(a->trk) % 360);
}

/* One leg in flight: the profile state and what has been observed. */
struct leg {
    const struct sim_flight *fl;
    struct gt_latlon a0, a1; /* departure and arrival airports */
    double dist_m, along_m, brg0, taxi_out_s, taxi_in_at_s;
    int airborne, landed, tick;
    struct astate st;
    int64_t t_off, t_to, t_ld; /* off-block, take-off, landing (0: not yet) */
    int64_t cov_s, air_s;      /* seconds airborne in coverage, airborne */
    int64_t last_cov;          /* last covered tick, -1 before the first */
    struct gt_latlon last_pos; /* position at last_cov */
    int in_modes;              /* some raw frame was written */
};

/* Advance the profile by one second: taxi, take-off roll, climb at 2,200
 * ft/min, cruise, a 3 degree descent (318 ft per nm to go), landing, taxi.
 * Returns 1 once the aircraft has taxied in. */
static int fly_second(struct leg *g, int64_t t)
{
    const struct sim_flight *fl = g->fl;
    struct astate *st = &g->st;
    double el = s_of_ms(t - g->t_off);

    if (!g->airborne && !g->landed) {
        st->gs_kt = el < g->taxi_out_s ? 12 : 12 + (el - g->taxi_out_s) * 3.0;
        if (st->gs_kt >= 150) {
            g->airborne = 1;
            st->ground = 0;
            g->t_to = t;
        }
    } else if (g->airborne) {
        double remain_nm = (g->dist_m - g->along_m) / GT_NM_M;
        if (remain_nm * 318.0 < st->alt_ft) {
            st->vr_fpm = fmax((remain_nm * 318.0 - st->alt_ft) * 60.0, -3000.0);
        } else {
            st->vr_fpm = st->alt_ft < fl->cruise_ft ? 2200 : 0;
        }
        st->alt_ft = fmin(st->alt_ft + st->vr_fpm / 60.0, (double)fl->cruise_ft);
        st->gs_kt = 150 + (fl->cruise_kt - 150) * fmin(1.0, st->alt_ft / 24000.0);
        if (remain_nm < 0.4 || st->alt_ft <= 0) {
            g->airborne = 0;
            g->landed = 1;
            st->ground = 1;
            st->alt_ft = 0;
            st->vr_fpm = 0;
            g->t_ld = t;
            g->taxi_in_at_s = el;
        }
    } else {
        st->gs_kt = (el - g->taxi_in_at_s < 60) ? 60 : 12;
        if (el - g->taxi_in_at_s > 360) {
            return 1;
        }
    }
    g->along_m += st->gs_kt * GT_KN_MS;
    st->pos = gt_geo_destination(g->a0, g->brg0, g->along_m);
    st->trk = g->along_m > g->dist_m ? g->brg0 : gt_geo_bearing_deg(st->pos, g->a1);
    if (g->airborne) {
        g->air_s++;
    }
    return 0;
}

/* A decoy: the aircraft was out of coverage for 30 min or more at altitude. */
static int ocean_decoy(struct sim *sm, const struct leg *g, int64_t t)
{
    struct truth *tr = truth_add(&sm->truth);

    if (tr == NULL) {
        return GT_ERR_NOMEM;
    }
    snprintf(tr->type, sizeof tr->type, "gap");
    id_icao(tr->subject, sizeof tr->subject, g->fl->icao24);
    tr->start_ms = g->last_cov;
    tr->end_ms = t;
    tr->lat = g->last_pos.lat_deg;
    tr->lon = g->last_pos.lon_deg;
    tr->has_pos = 1;
    tr->decoy = 1;
    det(tr, "\"class\":\"aircraft\"");
    det(tr, "\"hours\":%.2f", s_of_ms(t - g->last_cov) / 3600.0);
    det(tr, "\"suspected\":false");
    snprintf(tr->why, sizeof tr->why,
             "ocean crossing out of receiver coverage with the transponder on");
    return GT_OK;
}

/* A 10-second tick: write what the receivers covering the aircraft hear. */
static int leg_tick(struct sim *sm, struct leg *g, int64_t t, struct gt_buf *fr, struct rng *r)
{
    int rc = GT_OK;

    g->tick++;
    if (!covered(sm->sc, g->st.pos, g->st.alt_ft, 0)) {
        return GT_OK;
    }
    if (g->airborne) {
        g->cov_s += 10;
    }
    if (g->last_cov >= 0 && g->airborne && t - g->last_cov >= 30 * 60000) {
        rc = ocean_decoy(sm, g, t);
    }
    g->last_cov = t;
    g->last_pos = g->st.pos;
    if (rc == GT_OK) {
        rc = emit_osky(sm, g->fl, t, &g->st);
    }
    if (rc == GT_OK && covered(sm->sc, g->st.pos, g->st.alt_ft, 1)) {
        g->in_modes = 1;
        rc = emit_frames(sm, g->fl, t + ms_of_s(rng_range(r, 0, 2)), &g->st, g->tick);
    }
    if (rc == GT_OK && g->fl->fr24 && (t / 1000) % 30 == 0) {
        rc = emit_fr24(fr, g->fl, t, &g->st);
    }
    return rc;
}

/* Truth for a leg: the flight, and a source_diff when Flightradar24 hides
 * a flight that other sources show. */
static int leg_truth(struct sim *sm, const struct leg *g, int64_t t_end)
{
    const struct sim_flight *fl = g->fl;
    struct truth *tr = truth_add(&sm->truth);

    if (tr == NULL) {
        return GT_ERR_NOMEM;
    }
    snprintf(tr->type, sizeof tr->type, "flight");
    id_icao(tr->subject, sizeof tr->subject, fl->icao24);
    tr->start_ms = g->t_to;
    tr->end_ms = g->t_ld ? g->t_ld : t_end;
    tr->lat = g->a0.lat_deg;
    tr->lon = g->a0.lon_deg;
    tr->has_pos = 1;
    det(tr, "\"callsign\":\"%s\"", fl->callsign);
    det(tr, "\"dark\":%s", fl->dark ? "true" : "false");
    det(tr, "\"from\":\"%s\"", fl->from);
    det(tr, "\"observed_fraction\":%.2f",
        g->air_s > 0 && !fl->dark ? (double)g->cov_s / (double)g->air_s : 0.0);
    det(tr, "\"to\":\"%s\"", fl->to);
    if (fl->fr24 || fl->dark) {
        return GT_OK;
    }
    tr = truth_add(&sm->truth);
    if (tr == NULL) {
        return GT_ERR_NOMEM;
    }
    snprintf(tr->type, sizeof tr->type, "source_diff");
    id_icao(tr->subject, sizeof tr->subject, fl->icao24);
    tr->start_ms = g->t_to;
    tr->end_ms = g->t_ld ? g->t_ld : t_end;
    tr->lat = g->a0.lat_deg;
    tr->lon = g->a0.lon_deg;
    tr->has_pos = 1;
    det(tr, "\"callsign\":\"%s\"", fl->callsign);
    det(tr, "\"missing_in\":[\"fr24\"]");
    det(tr, "\"present_in\":[\"opensky\"%s]", g->in_modes ? ",\"modes\"" : "");
    return GT_OK;
}

/* Fly one leg second by second, write its records (and its Flightradar24
 * file when that source shows it) and add its truth. */
static int sim_flight(struct sim *sm, size_t fi, gt_sim_write_fn *write, void *ud)
{
    const struct sim_scenario *sc = sm->sc;
    const struct sim_flight *fl = &sc->flights[fi];
    const struct sim_airport *from = airport(sc, fl->from), *to = airport(sc, fl->to);
    struct leg g;
    struct gt_buf fr;
    struct rng r;
    int64_t t;
    int rc;
    char name[96], iso[GT_TIME_ISO_MAX];

    if (from == NULL || to == NULL) {
        return GT_ERR_INVAL;
    }
    memset(&g, 0, sizeof g);
    rng_seed(&r, sm->seed, 5000 + fi);
    g.fl = fl;
    g.a0 = ll(from->lat, from->lon);
    g.a1 = ll(to->lat, to->lon);
    g.dist_m = gt_geo_distance_m(g.a0, g.a1);
    g.brg0 = gt_geo_bearing_deg(g.a0, g.a1);
    g.t_off = sc->start_ms + ms_of_h(fl->dep_h) + 1000 * (int64_t)iround(rng_range(&r, 0, 240));
    g.taxi_out_s = rng_range(&r, 420, 720);
    g.last_cov = -1;
    g.st.ground = 1;
    gt_buf_init(&fr, FILE_MAX);
    rc = gt_buf_addstr(&fr, "Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction\n");
    for (t = g.t_off; rc == GT_OK && t < sc->end_ms; t += 1000) {
        if (fly_second(&g, t)) {
            break;
        }
        if (!fl->dark && (t / 1000) % 10 == 0) {
            rc = leg_tick(sm, &g, t, &fr, &r);
        }
    }
    if (rc == GT_OK && g.t_to != 0) {
        rc = leg_truth(sm, &g, t);
    }
    if (rc == GT_OK && fl->fr24) {
        if (gt_time_format_iso(g.t_off, iso, sizeof iso, 0) < 0) {
            rc = GT_ERR_RANGE;
        } else {
            snprintf(name, sizeof name, "fr24/%s_%.4s%.2s%.2s_%06x.csv", fl->callsign, iso, iso + 5,
                     iso + 8, fl->icao24);
            rc = write(ud, name, gt_buf_str(&fr), gt_buf_len(&fr));
        }
    }
    gt_buf_release(&fr);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* Writers for the remaining files. */

static int cmp_truth(const void *a, const void *b)
{
    const struct truth *x = a, *y = b;
    int c;

    if (x->decoy != y->decoy) {
        return x->decoy - y->decoy;
    }
    if (x->start_ms != y->start_ms) {
        return x->start_ms < y->start_ms ? -1 : 1;
    }
    c = strcmp(x->type, y->type);
    if (c == 0) {
        c = strcmp(x->subject, y->subject);
    }
    if (c == 0) {
        c = strcmp(x->detail, y->detail);
    }
    return c;
}

static int json_str(struct gt_buf *b, const char *s)
{
    return gt_esc_json(b, s, strlen(s));
}

static int put_truth(struct gt_buf *b, const struct truth *t)
{
    char s[GT_TIME_ISO_MAX], e[GT_TIME_ISO_MAX];
    int rc;

    if (gt_time_format_iso(t->start_ms, s, sizeof s, 0) < 0 ||
        gt_time_format_iso(t->end_ms, e, sizeof e, 0) < 0) {
        return GT_ERR_RANGE;
    }
    rc = gt_buf_addf(b, "    {\"detail\":{%s},\"end\":\"%s\"", t->detail, e);
    if (rc == GT_OK && t->has_pos) {
        rc = gt_buf_addf(b, ",\"lat\":%.6f,\"lon\":%.6f", t->lat, t->lon);
    }
    if (rc == GT_OK && t->peer[0]) {
        rc = gt_buf_addf(b, ",\"peer\":\"%s\"", t->peer);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(b, ",\"start\":\"%s\",\"subject\":\"%s\",\"type\":\"%s\"", s, t->subject,
                         t->type);
    }
    if (rc == GT_OK && t->decoy) {
        rc = gt_buf_addstr(b, ",\"why\":");
        if (rc == GT_OK) {
            rc = json_str(b, t->why);
        }
    }
    return rc == GT_OK ? gt_buf_addstr(b, "}") : rc;
}

static int put_vessel_entity(struct gt_buf *b, const struct sim_vessel *v, size_t hull,
                             const struct sim_vid *id)
{
    int rc =
        gt_buf_addf(b,
                    "    {\"callsign\":\"%s\",\"class\":\"ais-%c\",\"flag\":\"%s\","
                    "\"hull\":%zu,\"id\":\"mmsi:%09u\",\"imo\":%u,\"kind\":\"vessel\","
                    "\"name\":",
                    id->callsign, v->cls == 'A' ? 'a' : 'b', id->flag, hull, id->mmsi, id->imo);

    if (rc == GT_OK) {
        rc = json_str(b, id->mc_name ? id->mc_name : id->name);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, ",\"role\":");
    }
    if (rc == GT_OK) {
        rc = json_str(b, v->role);
    }
    return rc == GT_OK ? gt_buf_addf(b, ",\"ship_type\":%u}", v->ship_type) : rc;
}

static int put_aircraft_entity(struct gt_buf *b, const struct sim_aircraft *a)
{
    int rc =
        gt_buf_addf(b, "    {\"id\":\"icao:%06x\",\"kind\":\"aircraft\",\"operator\":", a->icao24);

    if (rc == GT_OK) {
        rc = json_str(b, a->operator_name);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(b, ",\"registration\":\"%s\",\"role\":", a->registration);
    }
    if (rc == GT_OK) {
        rc = json_str(b, a->role);
    }
    return rc == GT_OK ? gt_buf_addf(b, ",\"typecode\":\"%s\"}", a->typecode) : rc;
}

/* Every identity of every hull, then every aircraft, as JSON objects. */
static int put_entities(struct gt_buf *b, const struct sim_scenario *sc)
{
    const char *sep = "";
    size_t i, k;
    int rc = gt_buf_addstr(b, "  \"entities\": [\n");

    for (i = 0; rc == GT_OK && i < sc->nvessels; i++) {
        const struct sim_vessel *v = &sc->vessels[i];
        for (k = 0; rc == GT_OK && k < SIM_MAX_IDS && v->id[k].mmsi; k++) {
            rc = gt_buf_addstr(b, sep);
            if (rc == GT_OK) {
                rc = put_vessel_entity(b, v, i, &v->id[k]);
            }
            sep = ",\n";
        }
    }
    for (i = 0; rc == GT_OK && i < sc->naircraft; i++) {
        rc = gt_buf_addstr(b, sep);
        if (rc == GT_OK) {
            rc = put_aircraft_entity(b, &sc->aircraft[i]);
        }
        sep = ",\n";
    }
    return rc == GT_OK ? gt_buf_addstr(b, "\n  ],\n") : rc;
}

static int write_truth(struct sim *sm, gt_sim_write_fn *write, void *ud)
{
    const struct sim_scenario *sc = sm->sc;
    struct gt_buf b;
    char s[GT_TIME_ISO_MAX], e[GT_TIME_ISO_MAX];
    size_t i;
    int rc, pass, first;

    if (sm->truth.n > 0) {
        qsort(sm->truth.t, sm->truth.n, sizeof *sm->truth.t, cmp_truth);
    }
    gt_buf_init(&b, FILE_MAX);
    (void)gt_time_format_iso(sc->start_ms, s, sizeof s, 0);
    (void)gt_time_format_iso(sc->end_ms, e, sizeof e, 0);
    rc = gt_buf_addf(&b,
                     "{\n  \"schema\": 1,\n  \"scenario\": \"%s\",\n  \"seed\": %llu,\n"
                     "  \"start\": \"%s\",\n  \"end\": \"%s\",\n",
                     sc->name, (unsigned long long)sm->seed, s, e);
    if (rc == GT_OK) {
        rc = put_entities(&b, sc);
    }
    for (pass = 0; rc == GT_OK && pass < 2; pass++) {
        rc = gt_buf_addstr(&b, pass == 0 ? "  \"events\": [\n" : "  \"decoys\": [\n");
        first = 1;
        for (i = 0; rc == GT_OK && i < sm->truth.n; i++) {
            if (sm->truth.t[i].decoy != pass) {
                continue;
            }
            if (!first) {
                rc = gt_buf_addstr(&b, ",\n");
            }
            first = 0;
            if (rc == GT_OK) {
                rc = put_truth(&b, &sm->truth.t[i]);
            }
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(&b, first ? "" : "\n");
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(&b, pass == 0 ? "  ],\n" : "  ]\n}\n");
        }
    }
    if (rc == GT_OK) {
        rc = write(ud, "truth.json", gt_buf_str(&b), gt_buf_len(&b));
    }
    gt_buf_release(&b);
    return rc;
}

static int write_aircraft_db(const struct sim_scenario *sc, gt_sim_write_fn *write, void *ud)
{
    struct gt_buf b;
    size_t i;
    int rc;

    gt_buf_init(&b, FILE_MAX);
    rc = gt_buf_addstr(&b, "icao24,registration,typecode,operator\n");
    for (i = 0; rc == GT_OK && i < sc->naircraft; i++) {
        const struct sim_aircraft *a = &sc->aircraft[i];
        rc = gt_buf_addf(&b, "%06x,%s,%s,%s\n", a->icao24, a->registration, a->typecode,
                         a->operator_name);
    }
    if (rc == GT_OK) {
        rc = write(ud, "aircraft.csv", gt_buf_str(&b), gt_buf_len(&b));
    }
    gt_buf_release(&b);
    return rc;
}

static int write_recs(struct recset *s, const char *name, const char *header,
                      gt_sim_write_fn *write, void *ud)
{
    struct gt_buf b;
    int rc;

    gt_buf_init(&b, FILE_MAX);
    rc = recset_emit(s, header, &b);
    if (rc == GT_OK) {
        rc = write(ud, name, gt_buf_str(&b), gt_buf_len(&b));
    }
    gt_buf_release(&b);
    return rc;
}

static int write_readme(const struct sim *sm, gt_sim_write_fn *write, void *ud)
{
    const struct sim_scenario *sc = sm->sc;
    struct gt_buf b;
    size_t i;
    int rc;

    gt_buf_init(&b, FILE_MAX);
    rc = gt_buf_addf(
        &b,
        "ghosttrack simulate: scenario %s, seed %llu\n\n%s\n\n"
        "Everything here is synthetic: names, MMSIs, IMOs, registrations and ICAO\n"
        "addresses are invented; only places and the shape of events are real.\n\n"
        "Files\n"
        "  ais.nmea            AIS !AIVDM sentences (ITU-R M.1371-5 types 1, 5, 18, 24),\n"
        "                      each preceded by an NMEA 4.10 tag block\n"
        "                      \\s:STATION,c:EPOCHSECONDS*hh\\, sorted by receive time.\n"
        "                      One line per station that heard the report, so the\n"
        "                      same sentence may appear under several stations.\n"
        "                      Stations:",
        sc->name, (unsigned long long)sm->seed, sc->description);
    for (i = 0; rc == GT_OK && i < sc->nstations; i++) {
        rc = gt_buf_addf(&b, " %s%s", sc->stations[i].name,
                         sc->stations[i].range_nm > 0 ? "" : " (satellite)");
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(
            &b,
            ".\n"
            "  marinecadastre.csv  MarineCadastre (2018+ layout) rows for vessels in US\n"
            "                      waters around Puerto Rico: MMSI,BaseDateTime,LAT,LON,SOG,\n"
            "                      COG,Heading,VesselName,IMO,CallSign,VesselType,Status,\n"
            "                      Length,Width,Draft,Cargo,TransceiverClass (UTC times).\n"
            "  opensky_states.csv  OpenSky state vectors every 10 s while a receiver covers\n"
            "                      the aircraft (SI units: m/s, m; booleans True/False).\n"
            "  modes.txt           raw Mode S DF17 frames from the Caribbean receiver network,\n"
            "                      one per line: '<epoch seconds with 3 decimals> <28 hex>'.\n"
            "                      Airborne/surface position (even+odd), velocity,\n"
            "                      identification.\n"
            "  fr24/*.csv          Flightradar24 web exports, one per flight shown there:\n"
            "                      Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction.\n"
            "                      Flights hidden by Flightradar24 have no file.\n"
            "  aircraft.csv        aircraft database: icao24,registration,typecode,operator.\n"
            "  truth.json          entities, planted events and decoys (same event types and\n"
            "                      detail fields as the ghosttrack event contract).\n\n"
            "Truth times\n"
            "  gap: the last heard report before and the first after the gap (exact).\n"
            "  encounter, loiter, port_call: scripted hold times; a detector resampling at\n"
            "  10 minutes finds them within minutes.  flight: take-off and landing.\n"
            "  Decoys look like events but are not: gaps in coverage holes, anchorage\n"
            "  pairs inside port limits, aircraft over the ocean out of coverage.\n");
    }
    if (rc == GT_OK) {
        rc = write(ud, "README.txt", gt_buf_str(&b), gt_buf_len(&b));
    }
    gt_buf_release(&b);
    return rc;
}

/* ---------------------------------------------------------------------- */

static const struct sim_scenario *const scenarios[] = {&gt__sim_venezuela, &gt__sim_sts_mini};
#define NSCENARIOS (sizeof scenarios / sizeof scenarios[0])

size_t gt_sim_scenario_count(void)
{
    return NSCENARIOS;
}

const char *gt_sim_scenario_name(size_t i)
{
    return i < NSCENARIOS ? scenarios[i]->name : NULL;
}

const char *gt_sim_scenario_summary(size_t i)
{
    return i < NSCENARIOS ? scenarios[i]->summary : NULL;
}

static int run(struct sim *sm, gt_sim_write_fn *write, void *ud)
{
    const struct sim_scenario *sc = sm->sc;
    struct plan *pls;
    size_t i;
    int rc = GT_OK;

    if (sc->nstations > MAX_STATIONS) {
        return GT_ERR_INVAL;
    }
    pls = gt_calloc(sc->nvessels, sizeof *pls);
    sm->vr = gt_calloc(sc->nvessels, sizeof *sm->vr);
    if (pls == NULL || sm->vr == NULL) {
        gt_free(pls);
        return GT_ERR_NOMEM;
    }
    for (i = 0; rc == GT_OK && i < sc->nvessels; i++) {
        plan_vessel(&sc->vessels[i], sc->start_ms, &pls[i]);
        rc = pls[i].nseg > 0 ? sim_vessel(sm, i, &pls[i]) : GT_ERR_INVAL;
    }
    for (i = 0; rc == GT_OK && i < sc->nvessels; i++) {
        rc = truth_gaps(sm, i, &pls[i]);
        if (rc == GT_OK) {
            rc = truth_holds(sm, i, &pls[i]);
        }
        if (rc == GT_OK) {
            rc = truth_identity(sm, i, &pls[i]);
        }
    }
    if (rc == GT_OK) {
        rc = truth_encounters(sm, pls);
    }
    if (rc == GT_OK) {
        rc = truth_spoofs(sm);
    }
    for (i = 0; rc == GT_OK && i < sc->nflights; i++) {
        rc = sim_flight(sm, i, write, ud);
    }
    if (rc == GT_OK) {
        rc = write_recs(&sm->ais, "ais.nmea", NULL, write, ud);
    }
    if (rc == GT_OK) {
        rc = write_recs(&sm->mc, "marinecadastre.csv",
                        "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,"
                        "VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass\n",
                        write, ud);
    }
    if (rc == GT_OK) {
        rc = write_recs(&sm->osky, "opensky_states.csv",
                        "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,"
                        "spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact\n",
                        write, ud);
    }
    if (rc == GT_OK) {
        rc = write_recs(&sm->modes, "modes.txt", NULL, write, ud);
    }
    if (rc == GT_OK) {
        rc = write_aircraft_db(sc, write, ud);
    }
    if (rc == GT_OK) {
        rc = write_truth(sm, write, ud);
    }
    if (rc == GT_OK) {
        rc = write_readme(sm, write, ud);
    }
    for (i = 0; i < sc->nvessels; i++) {
        gt_free(sm->vr[i].fix);
    }
    gt_free(sm->vr);
    gt_free(pls);
    return rc;
}

int gt_simulate(const char *name, uint64_t seed, gt_sim_write_fn *write, void *ud)
{
    struct sim sm;
    size_t i;
    int rc;

    if (name == NULL) {
        name = GT_SIM_DEFAULT;
    }
    if (write == NULL) {
        return GT_ERR_INVAL;
    }
    memset(&sm, 0, sizeof sm);
    for (i = 0; i < NSCENARIOS && strcmp(scenarios[i]->name, name) != 0; i++) {
    }
    if (i == NSCENARIOS) {
        return GT_ERR_NOTFOUND;
    }
    sm.sc = scenarios[i];
    sm.seed = seed;
    recset_init(&sm.ais);
    recset_init(&sm.mc);
    recset_init(&sm.osky);
    recset_init(&sm.modes);
    rc = run(&sm, write, ud);
    recset_release(&sm.ais);
    recset_release(&sm.mc);
    recset_release(&sm.osky);
    recset_release(&sm.modes);
    gt_free(sm.truth.t);
    return rc;
}
