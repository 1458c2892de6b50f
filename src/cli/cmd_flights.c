/*
 * cmd_flights.c - `ghosttrack flights`: list aircraft itineraries, dark
 * legs included.
 *
 * Thin: loads the fleet from the store (time window, one subject), keeps
 * the aircraft matching --typecode / --operator (aircraft database or
 * identity facts), builds each itinerary with gt_flight_itinerary() and
 * formats it.  With --airport, the whole itinerary of every aircraft that
 * touched the airport is listed.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli_int.h"
#include "ghosttrack/flight.h"
#include "ghosttrack/esc.h"
#include "ghosttrack/event.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/time.h"
#include "ghosttrack/track.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"subject", 's', "ID", "one aircraft (icao:..., or registration)"},
    {"typecode", 0, "T", "every aircraft of ICAO type T (e.g. IL76)"},
    {"operator", 0, "NAME", "every aircraft of this operator"},
    {"airport", 0, "ICAO", "itineraries touching this airport"},
    {"since", 0, "T", "only from time T"},
    {"until", 0, "T", "only up to time T"},
    {"format", 'f', "F", "output format: table (default), ndjson, kml"},
    {NULL, 0, NULL, NULL},
};

enum fmt { FMT_TABLE, FMT_NDJSON, FMT_KML };

static const char *apcode(const struct gt_airport *a)
{
    return a ? a->ident : "?";
}

/* Does s contain w, ignoring case? */
static int contains_ci(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (; *s; s++) {
        if (strncasecmp(s, w, n) == 0) {
            return 1;
        }
    }
    return n == 0;
}

/* Does the aircraft pass --typecode / --operator? */
static int wanted(const struct gt_fleet *f, const struct cli_air_ref *ref, struct gt_ident id,
                  const char *type, const char *op)
{
    const struct gt_aircraft *ac = gt_aircraftdb_find(ref->aircraft, id.value);
    const char *tc = gt_flight_typecode(f, ref->aircraft, id);

    if (type != NULL && (tc == NULL || strcasecmp(tc, type) != 0)) {
        return 0;
    }
    if (op != NULL && (ac == NULL || !contains_ci(ac->op, op))) {
        return 0;
    }
    return 1;
}

/* Does the itinerary touch airport (always, when no --airport was given)? */
static int touches(const struct gt_flight *fl, size_t n, const char *airport)
{
    size_t i;
    if (airport == NULL) {
        return 1;
    }
    for (i = 0; i < n; i++) {
        if ((fl[i].from && strcasecmp(fl[i].from->ident, airport) == 0) ||
            (fl[i].to && strcasecmp(fl[i].to->ident, airport) == 0)) {
            return 1;
        }
    }
    return 0;
}

/* The table: one header line, then one line a flight, every column left
 * aligned to its width and set off by two spaces (the one separator), so
 * `column -t`, awk and a reader all see the same columns. */
#define W_ID       13 /* icao:~xxxxxx */
#define W_CALLSIGN 8  /* ICAO callsigns are at most 7 characters */
#define W_REG      10
#define W_TYPE     4
#define W_TIME     24 /* 2019-03-21T14:10:49.600Z */
#define W_AIRPORT  4
#define W_DARK     4
#define W_SEEN     5 /* 100% */
#define W_KM       7

#define CALLSIGN_NEAR_MS ((int64_t)3600 * 1000)

/* Append s padded to width (in characters: UTF-8 continuation bytes take
 * no column), then the separator.  A tab in the data becomes a space, so
 * the separator stays the only one; every other control character is
 * shown as U+FFFD when the table is written (cli_put_table()). */
static int add_cell(struct gt_buf *out, const char *s, int width)
{
    size_t w = 0;
    int rc = GT_OK;

    for (; *s != '\0' && rc == GT_OK; s++) {
        rc = gt_buf_add(out, *s == '\t' ? " " : s, 1);
        w += ((unsigned char)*s & 0xC0u) != 0x80u;
    }
    for (; rc == GT_OK && w < (size_t)width; w++) {
        rc = gt_buf_addstr(out, " ");
    }
    return rc == GT_OK ? gt_buf_addstr(out, "  ") : rc;
}

static int table_header(struct gt_buf *out)
{
    return gt_buf_addf(out, "%-*s  %-*s  %-*s  %-*s  %-*s  %-*s  %-*s  %-*s  %-*s  %*s  %*s\n",
                       W_ID, "ID", W_CALLSIGN, "CALLSIGN", W_REG, "REG", W_TYPE, "TYPE", W_TIME,
                       "START (UTC)", W_TIME, "END (UTC)", W_AIRPORT, "FROM", W_AIRPORT, "TO",
                       W_DARK, "DARK", W_SEEN, "SEEN", W_KM, "KM");
}

/* Write one flight in the chosen format into out. */
static int format_flight(enum fmt fmt, const struct gt_fleet *fleet, const struct gt_track *t,
                         const struct gt_flight *fl, const struct cli_air_ref *ref, const char *tc,
                         struct gt_buf *out)
{
    const struct gt_aircraft *ac = gt_aircraftdb_find(ref->aircraft, t->id.value);
    const char *reg = ac ? ac->registration : "";
    const char *callsign = NULL;
    char id[GT_IDENT_MAX], t0[GT_TIME_ISO_MAX], t1[GT_TIME_ISO_MAX];
    int rc;

    /* The registry's registration first, else the one the data carried
     * (FR24 metadata, ADS-B Exchange traces).  The callsign is the one heard
     * nearest the flight, within an hour of it: crews set the flight
     * identification before departure, and it changes between legs. */
    if (reg[0] == '\0' && (reg = gt_fleet_fact(fleet, t->id, GT_FIELD_REGISTRATION, GT_TIME_NONE,
                                               GT_TIME_NONE)) == NULL) {
        reg = "";
    }
    if (fmt == FMT_TABLE) {
        callsign = gt_fleet_fact_near(fleet, t->id, GT_FIELD_CALLSIGN, fl->start_ms, fl->end_ms,
                                      CALLSIGN_NEAR_MS);
    }

    (void)gt_ident_format(&t->id, id, sizeof id);
    if (gt_time_format_iso(fl->start_ms, t0, sizeof t0, 0) < 0 ||
        gt_time_format_iso(fl->end_ms, t1, sizeof t1, 0) < 0) {
        return GT_ERR_RANGE;
    }
    if (fmt == FMT_NDJSON) {
        struct gt_event e;
        gt_event_init(&e, GT_EVENT_FLIGHT);
        rc = gt_flight_event(t, fl, tc, &e);
        if (rc == GT_OK) {
            rc = gt_event_to_json(&e, out, NULL, NULL);
        }
        gt_event_release(&e);
        return rc;
    }
    if (fmt == FMT_KML) {
        const struct gt_point *a = &t->pts[fl->first], *b = &t->pts[fl->last];
        double x0 = fl->from ? fl->from->lon_deg : a->lon_deg;
        double y0 = fl->from ? fl->from->lat_deg : a->lat_deg;
        double x1 = fl->to ? fl->to->lon_deg : b->lon_deg;
        double y1 = fl->to ? fl->to->lat_deg : b->lat_deg;
        rc = gt_buf_addf(out, "<Placemark><name>%s ", id);
        if (rc == GT_OK) {
            rc = gt_esc_xml(out, reg, strlen(reg));
        }
        if (rc == GT_OK) {
            rc = gt_buf_addf(out,
                             " %s-%s%s</name><TimeSpan><begin>%s</begin><end>%s</end></TimeSpan>"
                             "<LineString><tessellate>1</tessellate><coordinates>%.6f,%.6f "
                             "%.6f,%.6f</coordinates></LineString></Placemark>\n",
                             apcode(fl->from), apcode(fl->to),
                             (fl->flags & GT_FLIGHT_DARK) ? " (dark)" : "", t0, t1, x0, y0, x1, y1);
        }
        return rc;
    }
    rc = add_cell(out, id, W_ID);
    if (rc == GT_OK) {
        rc = add_cell(out, callsign != NULL ? callsign : "-", W_CALLSIGN);
    }
    if (rc == GT_OK) {
        rc = add_cell(out, reg[0] ? reg : "-", W_REG);
    }
    if (rc == GT_OK) {
        rc = add_cell(out, tc ? tc : "-", W_TYPE);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(out, "%-*s  %-*s  %-*s  %-*s  %-*s  %*.0f%%  %*.0f%s\n", W_TIME, t0,
                         W_TIME, t1, W_AIRPORT, apcode(fl->from), W_AIRPORT, apcode(fl->to), W_DARK,
                         (fl->flags & GT_FLIGHT_DARK) ? "dark" : "-", W_SEEN - 1,
                         fl->observed_fraction * 100.0, W_KM, fl->dist_km,
                         (fl->flags & GT_FLIGHT_INFEASIBLE) ? "  infeasible" : "");
    }
    return rc;
}

/* The table is for a person: every control character from the data (an
 * ESC in an aircraft database's typecode or operator) is shown as U+FFFD
 * (issue #15, item 13); NDJSON and KML are escaped by their writers. */
static void put_flights(enum fmt fmt, struct gt_buf *out)
{
    if (fmt == FMT_TABLE) {
        (void)cli_put_table(gt_buf_str(out), gt_buf_len(out));
    } else {
        (void)cli_put(gt_buf_str(out), gt_buf_len(out));
    }
    gt_buf_reset(out);
}

static int run(const struct cli_command *cmd, struct cli_args *a)
{
    const char *f = cli_get(cmd, a, "format"), *since = cli_get(cmd, a, "since");
    const char *until = cli_get(cmd, a, "until"), *subject = cli_get(cmd, a, "subject");
    const char *airport = cli_get(cmd, a, "airport");
    enum fmt fmt = FMT_TABLE;
    struct gt_store_filter filt;
    struct gt_store *st = NULL;
    struct cli_air_ref ref;
    struct gt_flight_params p;
    struct gt_ident id;
    struct gt_fleet fleet;
    struct gt_buf out;
    size_t i, k;
    int rc = GT_OK, status = CLI_OK;

    if (f != NULL && strcmp(f, "ndjson") == 0) {
        fmt = FMT_NDJSON;
    } else if (f != NULL && strcmp(f, "kml") == 0) {
        fmt = FMT_KML;
    } else if (f != NULL && strcmp(f, "table") != 0) {
        return cli_usage_error(cmd, "unknown format '%s'", f);
    }
    gt_store_filter_init(&filt);
    if (since != NULL && cli_parse_time(since, &filt.since_ms) != 0) {
        return cli_usage_error(
            cmd, "bad time '%s': expected ISO 8601 (2021-03-23) or epoch seconds", since);
    }
    if (until != NULL && cli_parse_time(until, &filt.until_ms) != 0) {
        return cli_usage_error(
            cmd, "bad time '%s': expected ISO 8601 (2021-03-23) or epoch seconds", until);
    }
    if (cli_air_open(cli_get(cmd, a, "db"), &st, &ref) != CLI_OK) {
        return CLI_FAIL;
    }
    if (subject != NULL) {
        const struct gt_aircraft *ac = gt_aircraftdb_find_reg(ref.aircraft, subject);
        if (ac != NULL) {
            id.kind = GT_ID_ICAO;
            id.value = ac->icao24;
            id.flags = 0;
        } else if (gt_store_resolve(st, subject, &id) != GT_OK) {
            cli_error("unknown subject '%s'", subject);
            cli_air_close(st, &ref);
            return CLI_FAIL;
        }
        filt.ids = &id;
        filt.nids = 1;
    }
    gt_fleet_init(&fleet, 10000000);
    rc = gt_store_load_fleet(st, &filt, &fleet);
    if (rc != GT_OK) {
        cli_error("cannot load positions: %s", gt_store_errmsg(st));
        gt_fleet_release(&fleet);
        cli_air_close(st, &ref);
        return CLI_FAIL;
    }
    gt_flight_params_init(&p, NULL);
    gt_buf_init(&out, (size_t)1 << 20);
    if (fmt == FMT_KML) {
        rc = gt_buf_addstr(&out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                 "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>\n");
    } else if (fmt == FMT_TABLE) {
        rc = table_header(&out);
    }
    for (i = 0; i < fleet.n && rc == GT_OK; i++) {
        const struct gt_track *t = &fleet.tracks[i];
        const char *tc;
        struct gt_flight *fl = NULL;
        size_t nfl = 0;
        if (t->id.kind != GT_ID_ICAO || !wanted(&fleet, &ref, t->id, cli_get(cmd, a, "typecode"),
                                                cli_get(cmd, a, "operator"))) {
            continue;
        }
        tc = gt_flight_typecode(&fleet, ref.aircraft, t->id);
        rc = gt_flight_itinerary(t, ref.airports, gt_aircraft_cruise_kn(tc), &p, &fl, &nfl);
        for (k = 0; rc == GT_OK && touches(fl, nfl, airport) && k < nfl; k++) {
            rc = format_flight(fmt, &fleet, t, &fl[k], &ref, tc, &out);
            if (gt_buf_len(&out) > 65536) {
                put_flights(fmt, &out);
            }
        }
        gt_free(fl);
    }
    if (rc == GT_OK && fmt == FMT_KML) {
        rc = gt_buf_addstr(&out, "</Document></kml>\n");
    }
    put_flights(fmt, &out);
    if (rc != GT_OK) {
        cli_error("flights: %s", gt_strerror(rc));
        status = CLI_FAIL;
    }
    gt_buf_release(&out);
    gt_fleet_release(&fleet);
    cli_air_close(st, &ref);
    return status;
}

const struct cli_command cli_cmd_flights = {
    "flights",
    "[--db DB] [--subject ID|--typecode T|--operator NAME|--airport ICAO] [--since T] [--until T]",
    "list aircraft itineraries, dark legs included",
    "Rebuilds each aircraft's itinerary from the stored positions: legs split where data stop "
    "(10 min low, 30 min at altitude), airports attached to low fixes, unobserved take-offs and "
    "landings inferred from the neighbouring legs when the type's cruise speed allows it. "
    "Dark flights are marked. Airports come from `ghosttrack ref --airports FILE` or the "
    "built-in table; types and operators from the aircraft reference.  The table has one "
    "header line and columns set off by two spaces: the address, the callsign heard nearest "
    "the flight (within an hour), the registration (aircraft reference, else the data), type, "
    "times, airports (? unknown), dark, the share of the flight heard and the distance in km.",
    opts,
    run,
    7,
};
