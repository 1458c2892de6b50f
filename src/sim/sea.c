/*
 * sea.c - vessels in the simulator: scripts expanded into timed segments,
 * AIS reception by terrestrial stations and the satellite, the NMEA and
 * MarineCadastre records each report becomes, and the maritime truth (gaps,
 * holds, encounters, identity changes, spoofing) derived from what was heard.
 */
#include <string.h>

#include "ghosttrack/encode.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/sim.h"
#include "ghosttrack/time.h"
#include "sim_int.h"

/* ---------------------------------------------------------------------- */
/* Vessel scripts expanded into timed segments and marks. */

void gt__sim_plan_vessel(const struct sim_vessel *v, int64_t t0, struct plan *p)
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

static int fix_add(struct vrun *vr, int64_t t, struct gt_latlon p)
{
    if (vr->nfix == vr->cap) {
        struct heard_fix *f = gt_grow(vr->fix, &vr->cap, sizeof *f, 256);
        if (f == NULL) {
            return GT_ERR_NOMEM;
        }
        vr->fix = f;
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
        rc = gt_encode_nmea_wrap(payload, fill, rng_unit(r) < 0.5 ? 'A' : 'B', sm->seqid,
                                 sm->sc->stations[i].name, t / 1000, &sm->ais.text);
        if (rc < 0) {
            return rc;
        }
        rc = gt__sim_recset_mark(&sm->ais, t, off);
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
        rc = gt_encode_ais_type5(&s, p, sizeof p, &fill);
        if (rc < 0) {
            return rc;
        }
        sm->seqid = (sm->seqid + 1) % 10;
        return emit_ais(sm, p, fill, t, heard, r);
    }
    rc = gt_encode_ais_type24(&s, 0, p, sizeof p, &fill);
    if (rc >= 0) {
        rc = emit_ais(sm, p, fill, t, heard, r);
    }
    if (rc >= 0) {
        rc = gt_encode_ais_type24(&s, 1, p, sizeof p, &fill);
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
    return rc < 0 ? rc : gt__sim_recset_mark(&sm->mc, t, off);
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
    struct truth *tr = gt__sim_truth_add(&sm->truth);

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
    gt__sim_det(tr, "\"from_lat\":%.6f,\"from_lon\":%.6f", from.lat_deg, from.lon_deg);
    gt__sim_det(tr, "\"jump_km\":%.1f", gt_geo_distance_m(from, to) / 1000.0);
    gt__sim_det(tr, "\"kind\":\"%s\"", kind);
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
        rc = gt_encode_ais_pos(&m, p, sizeof p, &fill);
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
int gt__sim_vessel_run(struct sim *sm, size_t vi, const struct plan *pl)
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

int gt__sim_truth_gaps(struct sim *sm, size_t vi, const struct plan *pl)
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
        t = gt__sim_truth_add(&sm->truth);
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
        gt__sim_det(t, "\"class\":\"ais-%c\"", v->cls == 'A' ? 'a' : 'b');
        gt__sim_det(t, "\"distance_km\":%.1f", km);
        gt__sim_det(t, "\"end_lat\":%.6f,\"end_lon\":%.6f", b->lat, b->lon);
        gt__sim_det(t, "\"hours\":%.2f", h);
        gt__sim_det(t, "\"implied_speed_kn\":%.1f", km / 1.852 / h);
        gt__sim_det(t, "\"start_lat\":%.6f,\"start_lon\":%.6f", a->lat, a->lon);
        gt__sim_det(t, "\"suspected\":%s", planned ? "true" : "false");
        if (!planned) {
            snprintf(t->why, sizeof t->why,
                     "coverage hole: no receiver heard the vessel, its transponder stayed on");
        }
    }
    return GT_OK;
}

int gt__sim_truth_holds(struct sim *sm, size_t vi, const struct plan *pl)
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
        t = gt__sim_truth_add(&sm->truth);
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
            gt__sim_det(t, "\"port\":\"%s\"", s->port);
        } else {
            gt__sim_det(t, "\"hours\":%.2f", s_of_ms(s->t1 - s->t0) / 3600.0);
            gt__sim_det(t, "\"mean_speed_kn\":0.2");
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

int gt__sim_truth_encounters(struct sim *sm, const struct plan *pls)
{
    size_t i;

    for (i = 0; i < sm->sc->nencounters; i++) {
        const struct sim_encounter *e = &sm->sc->encounters[i];
        const struct seg *b = NULL, *a = hold_near(&pls[e->va], &pls[e->vb], &b);
        struct truth *t;
        if (a == NULL || b == NULL) {
            return GT_ERR_INVAL; /* a scenario bug */
        }
        t = gt__sim_truth_add(&sm->truth);
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
        gt__sim_det(t, "\"dark\":%s", e->dark ? "true" : "false");
        gt__sim_det(t, "\"median_distance_m\":%.0f", gt_geo_distance_m(a->p0, b->p0));
        gt__sim_det(t, "\"median_speed_kn\":0.2");
    }
    for (i = 0; i < sm->sc->ndecoys; i++) {
        const struct sim_decoy *d = &sm->sc->decoys[i];
        const struct plan *pa = &pls[d->va], *pb = &pls[d->vb];
        struct truth *t = gt__sim_truth_add(&sm->truth);
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
        gt__sim_det(t, "\"distance_m\":%.0f", gt_geo_distance_m(pa->seg[0].p0, pb->seg[0].p0));
        snprintf(t->why, sizeof t->why, "%s", d->why);
    }
    return GT_OK;
}

static int ident_event(struct sim *sm, const struct sim_vid *o, const struct sim_vid *n,
                       int64_t t_ms, struct gt_latlon p, const char *field, const char *ov,
                       const char *nv)
{
    struct truth *t = gt__sim_truth_add(&sm->truth);

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
    gt__sim_det(t, "\"field\":\"%s\"", field);
    if (n->imo) {
        gt__sim_det(t, "\"imo\":%u", n->imo);
    }
    gt__sim_det(t, "\"new\":\"%s\",\"old\":\"%s\"", nv, ov);
    return GT_OK;
}

int gt__sim_truth_identity(struct sim *sm, size_t vi, const struct plan *pl)
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
        /* A hull under a new MMSI is one finding, whatever else changed
         * with it (the detector lists the other fields in the same event,
         * issue #13); on one MMSI each field is its own change. */
        if (o->mmsi != n->mmsi) {
            id_mmsi(a, sizeof a, o->mmsi);
            id_mmsi(b, sizeof b, n->mmsi);
            rc = ident_event(sm, o, n, t, p, "mmsi", a, b);
            continue;
        }
        /* Fields changed at one sitting are one change too: the truth
         * names the first in name order (callsign, flag, name), as the
         * detector does. */
        if (strcmp(o->callsign, n->callsign) != 0) {
            rc = ident_event(sm, o, n, t, p, "callsign", o->callsign, n->callsign);
        } else if (strcmp(o->flag, n->flag) != 0) {
            rc = ident_event(sm, o, n, t, p, "flag", o->flag, n->flag);
        } else if (strcmp(o->name, n->name) != 0) {
            rc = ident_event(sm, o, n, t, p, "name", o->name, n->name);
        }
    }
    return rc;
}

int gt__sim_truth_spoofs(struct sim *sm)
{
    const struct sim_scenario *sc = sm->sc;
    size_t i, k;

    for (i = 0; i < sc->nvessels; i++) {
        const struct vrun *vr = &sm->vr[i];
        struct truth *t;
        if (vr->spoof_first == INT64_MIN) {
            continue;
        }
        t = gt__sim_truth_add(&sm->truth);
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
        gt__sim_det(t, "\"kind\":\"circle\"");
        gt__sim_det(t, "\"radius_m\":%.0f", vr->spoof_radius_nm * GT_NM_M);
    }
    for (i = 0; i < sc->nvessels; i++) {
        for (k = i + 1; k < sc->nvessels; k++) {
            const struct vrun *a = &sm->vr[i], *b = &sm->vr[k];
            struct truth *t;
            if (sc->vessels[i].id[0].mmsi != sc->vessels[k].id[0].mmsi || a->nfix == 0 ||
                b->nfix == 0) {
                continue;
            }
            t = gt__sim_truth_add(&sm->truth);
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
            gt__sim_det(t, "\"hulls\":[\"%s\",\"%s\"]", sc->vessels[i].id[0].name,
                        sc->vessels[k].id[0].name);
            gt__sim_det(t, "\"kind\":\"shared_id\"");
            gt__sim_det(t, "\"min_distance_km\":%.0f",
                        gt_geo_distance_m(ll(a->fix[0].lat, a->fix[0].lon),
                                          ll(b->fix[0].lat, b->fix[0].lon)) /
                            1000.0);
        }
    }
    return GT_OK;
}
