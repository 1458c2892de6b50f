/*
 * truth.c - the simulator's outputs besides the records: truth.json
 * (events sorted, entities listed), the aircraft database and README.txt.
 */
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/esc.h"
#include "ghosttrack/sim.h"
#include "ghosttrack/time.h"
#include "sim_int.h"

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

int gt__sim_write_truth(struct sim *sm, gt_sim_write_fn *write, void *ud)
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

int gt__sim_write_aircraft_db(const struct sim_scenario *sc, gt_sim_write_fn *write, void *ud)
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

int gt__sim_write_recs(struct recset *s, const char *name, const char *header,
                       gt_sim_write_fn *write, void *ud)
{
    struct gt_buf b;
    int rc;

    gt_buf_init(&b, FILE_MAX);
    rc = gt__sim_recset_emit(s, header, &b);
    if (rc == GT_OK) {
        rc = write(ud, name, gt_buf_str(&b), gt_buf_len(&b));
    }
    gt_buf_release(&b);
    return rc;
}

int gt__sim_write_readme(const struct sim *sm, gt_sim_write_fn *write, void *ud)
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
