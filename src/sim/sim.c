/*
 * sim.c - the scenario engine: scripts in, input files and truth out.
 *
 * Every vessel follows its script (sim_int.h) along great circles (sea.c); at
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
 * Aircraft (air.c) fly a taxi / climb / cruise / descent / taxi profile along the
 * great circle between two airports.  While a receiver's radio horizon
 * covers them they appear every 10 s in an OpenSky state-vector CSV and, for
 * the Caribbean receiver network, as raw DF17 frames (RTCA DO-260B: even
 * and odd airborne or surface positions, velocity, identification); flights
 * that Flightradar24 shows also get one Flightradar24 CSV each.
 *
 * truth.json (truth.c) is derived from what was actually heard, so its times are the
 * last record before and the first record after a gap, not the scripted
 * ones.  Randomness (report jitter, reception draws, speed noise) comes from
 * splitmix64 streams seeded by the seed and the entity's index; nothing
 * depends on the clock, so the same seed gives byte-identical files.
 */
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/mem.h"
#include "ghosttrack/sim.h"
#include "sim_int.h"

/* ---------------------------------------------------------------------- */
/* Records: lines of one output file, sorted by time before writing. */

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
int gt__sim_recset_mark(struct recset *s, int64_t t_ms, size_t off)
{
    if (s->n == s->cap) {
        struct rec *r = gt_grow(s->r, &s->cap, sizeof *r, 4096);
        if (r == NULL) {
            return GT_ERR_NOMEM;
        }
        s->r = r;
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
int gt__sim_recset_emit(struct recset *s, const char *header, struct gt_buf *out)
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

struct truth *gt__sim_truth_add(struct truthset *ts)
{
    struct truth *t;

    if (ts->n == ts->cap) {
        struct truth *p = gt_grow(ts->t, &ts->cap, sizeof *p, 64);
        if (p == NULL) {
            return NULL;
        }
        ts->t = p;
    }
    t = &ts->t[ts->n++];
    memset(t, 0, sizeof *t);
    return t;
}

/* Append ,"key":value text to a detail string (first key without comma). */
void gt__sim_det(struct truth *t, const char *fmt, ...)
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
        gt__sim_plan_vessel(&sc->vessels[i], sc->start_ms, &pls[i]);
        rc = pls[i].nseg > 0 ? gt__sim_vessel_run(sm, i, &pls[i]) : GT_ERR_INVAL;
    }
    for (i = 0; rc == GT_OK && i < sc->nvessels; i++) {
        rc = gt__sim_truth_gaps(sm, i, &pls[i]);
        if (rc == GT_OK) {
            rc = gt__sim_truth_holds(sm, i, &pls[i]);
        }
        if (rc == GT_OK) {
            rc = gt__sim_truth_identity(sm, i, &pls[i]);
        }
    }
    if (rc == GT_OK) {
        rc = gt__sim_truth_encounters(sm, pls);
    }
    if (rc == GT_OK) {
        rc = gt__sim_truth_spoofs(sm);
    }
    for (i = 0; rc == GT_OK && i < sc->nflights; i++) {
        rc = gt__sim_flight_run(sm, i, write, ud);
    }
    if (rc == GT_OK) {
        rc = gt__sim_write_recs(&sm->ais, "ais.nmea", NULL, write, ud);
    }
    if (rc == GT_OK) {
        rc = gt__sim_write_recs(&sm->mc, "marinecadastre.csv",
                                "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,"
                                "VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass\n",
                                write, ud);
    }
    if (rc == GT_OK) {
        rc = gt__sim_write_recs(
            &sm->osky, "opensky_states.csv",
            "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,"
            "spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact\n",
            write, ud);
    }
    if (rc == GT_OK) {
        rc = gt__sim_write_recs(&sm->modes, "modes.txt", NULL, write, ud);
    }
    if (rc == GT_OK) {
        rc = gt__sim_write_aircraft_db(sc, write, ud);
    }
    if (rc == GT_OK) {
        rc = gt__sim_write_truth(sm, write, ud);
    }
    if (rc == GT_OK) {
        rc = gt__sim_write_readme(sm, write, ud);
    }
    for (i = 0; i < sc->nvessels; i++) {
        gt_free(sm->vr[i].fix);
    }
    gt_free(sm->vr);
    gt_free(pls);
    return rc;
}

int gt_sim_run(const char *name, uint64_t seed, gt_sim_write_fn *write, void *ud)
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
