/*
 * air.c - aircraft in the simulator: the taxi / climb / cruise / descent
 * profile between two airports, radio-horizon coverage, and the DF17
 * frames, OpenSky state vectors and Flightradar24 files each flight leaves,
 * with its truth.
 */
#include <string.h>

#include "ghosttrack/encode.h"
#include "ghosttrack/sim.h"
#include "ghosttrack/time.h"
#include "sim_int.h"

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
    return rc < 0 ? rc : gt__sim_recset_mark(&sm->modes, t, off);
}

static int emit_frames(struct sim *sm, const struct sim_flight *fl, int64_t t,
                       const struct astate *a, int tick)
{
    uint8_t f[GT_MODES_LONG];
    struct gt_modes_vel v;
    double rad = a->trk * 3.14159265358979323846 / 180.0;
    int rc;

    if (tick % 3 == 0) {
        rc = gt_encode_modes_ident(fl->icao24, 4, 5, fl->callsign, f);
        if (rc == GT_OK) {
            rc = add_frame(sm, t + 50, f);
        }
        if (rc < 0) {
            return rc;
        }
    }
    if (a->ground) {
        rc = gt_encode_modes_surface_pos(fl->icao24, 7, a->gs_kt, a->trk, 0, a->pos.lat_deg,
                                         a->pos.lon_deg, f);
        if (rc == GT_OK) {
            rc = add_frame(sm, t + 200, f);
        }
        if (rc == GT_OK) {
            rc = gt_encode_modes_surface_pos(fl->icao24, 7, a->gs_kt, a->trk, 1, a->pos.lat_deg,
                                             a->pos.lon_deg, f);
        }
        return rc == GT_OK ? add_frame(sm, t + 700, f) : rc;
    }
    rc = gt_encode_modes_airborne_pos(fl->icao24, 11, 0, 0, iround(a->alt_ft), 0, a->pos.lat_deg,
                                      a->pos.lon_deg, f);
    if (rc == GT_OK) {
        rc = add_frame(sm, t + 200, f);
    }
    if (rc == GT_OK) {
        rc = gt_encode_modes_airborne_pos(fl->icao24, 11, 0, 0, iround(a->alt_ft), 1,
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
    rc = gt_encode_modes_velocity(fl->icao24, &v, f);
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
    return rc < 0 ? rc : gt__sim_recset_mark(&sm->osky, t, off);
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
    struct truth *tr = gt__sim_truth_add(&sm->truth);

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
    gt__sim_det(tr, "\"class\":\"aircraft\"");
    gt__sim_det(tr, "\"hours\":%.2f", s_of_ms(t - g->last_cov) / 3600.0);
    gt__sim_det(tr, "\"suspected\":false");
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
    struct truth *tr = gt__sim_truth_add(&sm->truth);

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
    gt__sim_det(tr, "\"callsign\":\"%s\"", fl->callsign);
    gt__sim_det(tr, "\"dark\":%s", fl->dark ? "true" : "false");
    gt__sim_det(tr, "\"from\":\"%s\"", fl->from);
    gt__sim_det(tr, "\"observed_fraction\":%.2f",
                g->air_s > 0 && !fl->dark ? (double)g->cov_s / (double)g->air_s : 0.0);
    gt__sim_det(tr, "\"to\":\"%s\"", fl->to);
    if (fl->fr24 || fl->dark) {
        return GT_OK;
    }
    tr = gt__sim_truth_add(&sm->truth);
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
    gt__sim_det(tr, "\"callsign\":\"%s\"", fl->callsign);
    gt__sim_det(tr, "\"missing_in\":[\"fr24\"]");
    gt__sim_det(tr, "\"present_in\":[\"opensky\"%s]", g->in_modes ? ",\"modes\"" : "");
    return GT_OK;
}

/* Fly one leg second by second, write its records (and its Flightradar24
 * file when that source shows it) and add its truth. */
int gt__sim_flight_run(struct sim *sm, size_t fi, gt_sim_write_fn *write, void *ud)
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
