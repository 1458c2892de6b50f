/*
 * air_resolve.c - give provisional aircraft (sources without an ICAO
 * address: Flightradar24 web CSV) their real address, at detect time.
 *
 * FR24's "download CSV" (Timestamp,UTC,Callsign,Position,Altitude,Speed,
 * Direction) carries no Mode S address, and its file name is the callsign
 * and FR24's own flight id ("AAL784_71ea270a.csv").  Ingest stores such a
 * file under a provisional subject (GT_IDENT_PROVISIONAL, one per file)
 * with its callsign facts; ingest order is free, so the other sources may
 * not be loaded yet (a FR24 playback JSON without "modes" is stored the same
 * way).  Here, with the whole fleet at hand, each provisional track is
 * matched:
 *
 *   0. by registration (FR24 JSON carries it) in the aircraft database;
 *   1. by callsign and time against every aircraft with an address: a
 *      candidate used the same callsign, and where its fixes and the FR24
 *      fixes are within air_resolve.max_dt_s of each other they agree in
 *      position (within air_resolve.max_km);
 *   2. failing that, by callsign against the aircraft database's
 *      registrations (general aviation flies under its registration).
 *
 * Exactly one agreeing candidate resolves the track: its points (each with
 * its own provenance, source and station) join the aircraft's track, its
 * facts the aircraft's facts.  No candidate, or several, leaves it
 * unresolved: its points are kept out of detection (a made-up address
 * would make flights and gaps of an aircraft that does not exist) and the
 * counts say how many.
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "detect_int.h"
#include "ghosttrack/aircraftdb.h"
#include "ghosttrack/air_resolve.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/mem.h"

#define MAX_CAND 16
#define SAMPLES  64

static int same_id(struct gt_ident a, struct gt_ident b)
{
    return a.kind == b.kind && a.value == b.value && a.flags == b.flags;
}

/* First fact fld of id, or NULL. */
static const char *fact_of(const struct gt_fleet *f, struct gt_ident id, enum gt_ident_field fld)
{
    size_t i;
    for (i = 0; i < f->nfacts; i++) {
        if (f->facts[i].field == fld && same_id(f->facts[i].id, id) &&
            f->facts[i].value[0] != '\0') {
            return f->facts[i].value;
        }
    }
    return NULL;
}

/* Index of the point of t nearest in time to t_ms (t->n > 0). */
static size_t nearest(const struct gt_track *t, int64_t t_ms)
{
    size_t lo = gt_track_at_or_after(t, t_ms);
    if (lo == t->n) {
        return t->n - 1;
    }
    if (lo > 0 && t_ms - t->pts[lo - 1].t_ms < t->pts[lo].t_ms - t_ms) {
        return lo - 1;
    }
    return lo;
}

/* Compare up to SAMPLES fixes of p with c: *compared fixes had a fix of c
 * within max_dt_s, *agree of them within max_km. */
static void compare(const struct gt_track *p, const struct gt_track *c, double max_dt_s,
                    double max_km, size_t *compared, size_t *agree)
{
    size_t step = p->n > SAMPLES ? p->n / SAMPLES : 1, i;

    *compared = *agree = 0;
    if (c->n == 0) {
        return;
    }
    for (i = 0; i < p->n; i += step) {
        const struct gt_point *a = &p->pts[i], *b = &c->pts[nearest(c, a->t_ms)];
        if (fabs(gt__air_dt_s(a->t_ms, b->t_ms)) <= max_dt_s) {
            (*compared)++;
            *agree += gt__air_km(a, b) <= max_km;
        }
    }
}

/* Did aircraft id use callsign cs within [t0_ms, t1_ms]? */
static int used_between(const struct gt_fleet *f, struct gt_ident id, const char *cs, int64_t t0_ms,
                        int64_t t1_ms)
{
    size_t i;
    for (i = 0; i < f->nfacts; i++) {
        const struct gt_ident_obs *io = &f->facts[i];
        if (io->field == GT_FIELD_CALLSIGN && same_id(io->id, id) && io->t_ms >= t0_ms &&
            io->t_ms <= t1_ms && strcasecmp(io->value, cs) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The aircraft provisional track p (callsign cs) is: *out set and 1 when
 * exactly one candidate fits, 0 when none, -1 when several. */
static int match(const struct gt_fleet *f, const struct gt_track *p, const char *cs,
                 const struct gt_aircraftdb *db, double max_dt_s, double max_km, double window_s,
                 struct gt_ident *out, int *by_reg)
{
    struct gt_ident cand[MAX_CAND];
    size_t ncand = 0, i, j, agreeing = 0, quiet = 0;
    struct gt_ident agree_id = {GT_ID_NONE, 0, 0}, quiet_id = {GT_ID_NONE, 0, 0};
    int64_t w_ms = (int64_t)(window_s * 1000.0);
    int64_t t0 = p->pts[0].t_ms, t1 = p->pts[p->n - 1].t_ms;

    *by_reg = 0;
    if (cs == NULL) {
        return 0;
    }
    for (i = 0; i < f->nfacts; i++) {
        const struct gt_ident_obs *io = &f->facts[i];
        if (io->field != GT_FIELD_CALLSIGN || io->id.kind != GT_ID_ICAO ||
            (io->id.flags & GT_IDENT_PROVISIONAL) || strcasecmp(io->value, cs) != 0) {
            continue;
        }
        for (j = 0; j < ncand && !same_id(cand[j], io->id); j++) {
        }
        if (j == ncand && ncand < MAX_CAND) {
            cand[ncand++] = io->id;
        }
    }
    for (j = 0; j < ncand; j++) {
        const struct gt_track *c = gt_fleet_find(f, cand[j]);
        size_t compared = 0, agree = 0;
        if (c != NULL) {
            compare(p, c, max_dt_s, max_km, &compared, &agree);
        }
        if (compared > 0) {
            /* heard by both: the positions decide */
            if (2 * agree > compared) {
                agreeing++;
                agree_id = cand[j];
            }
        } else if (used_between(f, cand[j], cs, t0 - w_ms, t1 + w_ms)) {
            quiet++; /* the callsign, near in time, but no common fixes */
            quiet_id = cand[j];
        }
    }
    if (agreeing > 0) {
        *out = agree_id;
        return agreeing == 1 ? 1 : -1;
    }
    if (quiet > 0) {
        *out = quiet_id;
        return quiet == 1 ? 1 : -1;
    }
    if (db != NULL) {
        const struct gt_aircraft *a = gt_aircraftdb_find_reg(db, cs);
        if (a != NULL) {
            out->kind = GT_ID_ICAO;
            out->value = a->icao24;
            out->flags = 0;
            *by_reg = 1;
            return 1;
        }
    }
    return 0;
}

/* Move the points of track index pi into the track of id. */
static int move_points(struct gt_fleet *f, size_t pi, struct gt_ident id)
{
    struct gt_track *dst = gt_fleet_track(f, id), *src;
    size_t k;
    int rc = GT_OK;

    if (dst == NULL) {
        return GT_ERR_NOMEM;
    }
    src = &f->tracks[pi]; /* gt_fleet_track() may have moved the array */
    for (k = 0; k < src->n && rc == GT_OK; k++) {
        rc = gt_track_push(dst, &src->pts[k]);
    }
    if (rc == GT_ERR_TOOBIG) {
        rc = GT_OK; /* the aircraft's track is full: the rest is dropped, as at load */
    }
    gt_track_sort(dst);
    return rc;
}

/* The matching limits (documented in docs/DETECTORS.md). */
static void resolve_params(const struct gt_params *params, double *max_dt_s, double *max_km,
                           double *window_s)
{
    *max_dt_s = gt_params_num(params, "air_resolve.max_dt_s", 120);
    *max_km = gt_params_num(params, "air_resolve.max_km", 30);
    *window_s = 3600.0 * gt_params_num(params, "air_resolve.window_h", 6);
}

int gt_air_resolve(struct gt_fleet *f, const struct gt_aircraftdb *db,
                   const struct gt_params *params, struct gt_air_resolve_stats *st)
{
    double max_dt_s, max_km, window_s;
    size_t i, n = f->n, o;
    int rc = GT_OK;

    memset(st, 0, sizeof *st);
    resolve_params(params, &max_dt_s, &max_km, &window_s);
    for (i = 0; i < n && rc == GT_OK; i++) {
        struct gt_track *p = &f->tracks[i];
        struct gt_ident id = {GT_ID_NONE, 0, 0}, pid = p->id;
        const char *cs, *reg;
        const struct gt_aircraft *a;
        int m = 0, by_reg = 0;

        if (!(p->id.flags & GT_IDENT_PROVISIONAL) || p->n == 0) {
            continue;
        }
        st->provisional++;
        cs = fact_of(f, p->id, GT_FIELD_CALLSIGN);
        reg = fact_of(f, p->id, GT_FIELD_REGISTRATION);
        if (reg != NULL && db != NULL && (a = gt_aircraftdb_find_reg(db, reg)) != NULL) {
            /* a registration (FR24 JSON) names the aircraft outright */
            id.kind = GT_ID_ICAO;
            id.value = a->icao24;
            id.flags = 0;
            m = 1;
            by_reg = 1;
        } else if (cs != NULL) {
            m = match(f, p, cs, db, max_dt_s, max_km, window_s, &id, &by_reg);
        }
        if (m == 1) {
            size_t k;
            rc = move_points(f, i, id);
            for (k = 0; k < f->nfacts; k++) {
                if (same_id(f->facts[k].id, pid)) {
                    f->facts[k].id = id;
                }
            }
            st->resolved++;
            st->by_registration += (size_t)by_reg;
        } else {
            st->unresolved++;
            st->ambiguous += m < 0;
        }
        gt_track_release(&f->tracks[i]);
    }
    /* the facts of unresolved files would describe an aircraft that does
     * not exist */
    for (i = 0, o = 0; i < f->nfacts; i++) {
        if (!(f->facts[i].id.flags & GT_IDENT_PROVISIONAL)) {
            f->facts[o++] = f->facts[i];
        }
    }
    f->nfacts = o;
    gt_fleet_sort(f);
    return rc;
}
