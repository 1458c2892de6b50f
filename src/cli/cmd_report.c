/*
 * cmd_report.c - `ghosttrack report`: write a self-contained HTML report.
 *
 * Opens the store read-only, reads the events matching the filters (as for
 * `ghosttrack events`), loads the tracks they concern (every track in the
 * window when no subject is given), resolves each evidence reference to its
 * raw line or frame and source file name, and hands everything to
 * gt_html_write() (html.h), which does the rest.  Prints the path
 * of the file written.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/event.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/assemble.h"
#include "ghosttrack/html.h"
#include "ghosttrack/store.h"
#include "ghosttrack/time.h"
#include "ghosttrack/track.h"
#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"out", 'o', "FILE", "output file (default report.html)"},
    {"type", 't', "T", "only events of type T (gap, encounter, loiter, spoof, ...)"},
    {"subject", 's', "ID", "only events about ID (mmsi:..., icao:..., registration)"},
    {"since", 0, "T", "only from time T (ISO 8601 or epoch seconds)"},
    {"until", 0, "T", "only up to time T"},
    {"bbox", 0, "S,W,N,E", "only inside this box (degrees)"},
    {"title", 0, "TEXT", "title of the report (default \"ghosttrack report\")"},
    {"max-events", 0, "N", "show at most N events (default 5000; the page says so)"},
    {"max-points", 0, "N", "draw at most N points per track (default 2000)"},
    {"tiles", 0, "URL", "also load online map tiles from URL ({z}/{x}/{y}; default: offline)"},
    {NULL, 0, NULL, NULL},
};

#define MAX_FILTERS 8

static int parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;

    if (s == NULL) {
        return 0;
    }
    v = strtoull(s, &end, 10);
    if (*s < '0' || *s > '9' || *end != '\0' || v == 0) {
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

static int parse_types(const char *s)
{
    const char *p = s;

    while (*p != '\0') {
        const char *comma = strchr(p, ',');
        size_t n = comma != NULL ? (size_t)(comma - p) : strlen(p);
        enum gt_event_type t;
        if (gt_event_type_parse(p, n, &t) != GT_OK) {
            return -1;
        }
        p += n;
        if (*p == ',') {
            p++;
        }
    }
    return 0;
}

/* Parse "S,W,N,E" (four decimal numbers).  Returns 0 or -1. */
static int parse_bbox(const char *s, double *south, double *west, double *north, double *east)
{
    double *v[4] = {south, west, north, east};
    const char *p = s;
    char *end;
    int i;

    for (i = 0; i < 4; i++) {
        *v[i] = strtod(p, &end);
        if (end == p || !isfinite(*v[i]) || *end != (i < 3 ? ',' : '\0')) {
            return -1;
        }
        p = end + 1;
    }
    return 0;
}

struct opts {
    const char *db, *out, *types, *subject_text, *bbox, *title, *tiles;
    int64_t since_ms, until_ms;
    int has_bbox;
    double s, w, n, e;
    size_t max_events, max_points;
};

static int parse(const struct cli_command *cmd, struct cli_args *a, struct opts *o)
{
    const char *since = cli_get(cmd, a, "since"), *until = cli_get(cmd, a, "until");

    memset(o, 0, sizeof *o);
    o->db = cli_get(cmd, a, "db") ? cli_get(cmd, a, "db") : "ghosttrack.db";
    o->out = cli_get(cmd, a, "out") ? cli_get(cmd, a, "out") : "report.html";
    o->types = cli_get(cmd, a, "type");
    o->subject_text = cli_get(cmd, a, "subject");
    o->bbox = cli_get(cmd, a, "bbox");
    o->title = cli_get(cmd, a, "title");
    o->tiles = cli_get(cmd, a, "tiles");
    o->since_ms = o->until_ms = GT_TIME_NONE;
    if (a->npos > 0) {
        return cli_usage_error(cmd, "unexpected argument '%s'", a->pos[0]);
    }
    if (o->types != NULL && parse_types(o->types) < 0) {
        return cli_usage_error(cmd, "unknown event type in '%s'", o->types);
    }
    if (since != NULL && cli_parse_time(since, &o->since_ms) != 0) {
        return cli_usage_error(
            cmd, "bad time '%s': expected ISO 8601 (2021-03-23) or epoch seconds", since);
    }
    if (until != NULL && cli_parse_time(until, &o->until_ms) != 0) {
        return cli_usage_error(
            cmd, "bad time '%s': expected ISO 8601 (2021-03-23) or epoch seconds", until);
    }
    if (o->bbox != NULL) {
        if (parse_bbox(o->bbox, &o->s, &o->w, &o->n, &o->e) < 0 || o->s < -90 || o->n > 90 ||
            o->s > o->n || o->w < -180 || o->e > 180) {
            return cli_usage_error(cmd, "bad box '%s' (want S,W,N,E in degrees)", o->bbox);
        }
        o->has_bbox = 1;
    }
    if (parse_size(cli_get(cmd, a, "max-events"), &o->max_events) < 0) {
        return cli_usage_error(cmd, "bad --max-events '%s'", cli_get(cmd, a, "max-events"));
    }
    if (parse_size(cli_get(cmd, a, "max-points"), &o->max_points) < 0) {
        return cli_usage_error(cmd, "bad --max-points '%s'", cli_get(cmd, a, "max-points"));
    }
    if (o->max_events == 0) {
        o->max_events = GT_REPORT_MAX_EVENTS;
    }
    return CLI_OK;
}

/* The filters as given, for the page header. */
static size_t filter_notes(const struct cli_command *cmd, struct cli_args *a,
                           struct gt_report_kv *kv)
{
    static const char *const keys[] = {"type", "subject", "since", "until", "bbox"};
    size_t i, n = 0;

    for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *v = cli_get(cmd, a, keys[i]);
        if (v != NULL) {
            kv[n].key = keys[i];
            kv[n++].value = v;
        }
    }
    return n;
}

static int write_report(const struct opts *o, const struct gt_report_input *in)
{
    FILE *f = fopen(o->out, "wb");
    int rc;

    if (f == NULL) {
        cli_error("cannot write '%s'", o->out);
        return CLI_FAIL;
    }
    rc = gt_html_write(in, gt_html_sink_file, f);
    if (fclose(f) != 0 && rc == GT_OK) {
        rc = GT_ERR_IO;
    }
    if (rc != GT_OK) {
        cli_error("cannot write '%s': %s", o->out, gt_strerror(rc));
        remove(o->out);
        return CLI_FAIL;
    }
    return CLI_OK;
}

/* Read what o asks for from the store (gt_assemble_report) and write the
 * report; kv[0..nkv) are the filters to show in its header.  Returns a CLI
 * exit code. */
static int report(const struct opts *opt, const struct gt_report_kv *kv, size_t nkv)
{
    const struct opts o = *opt;
    struct gt_store *st = NULL;
    struct gt_report_query q;
    struct gt_report_data d;
    struct gt_report_input in;
    enum gt_report_step step;
    int rc;

    memset(&d, 0, sizeof d);
    rc = gt_store_open(o.db, GT_STORE_READONLY, &st);
    if (rc != GT_OK) {
        cli_error("cannot open '%s': %s", o.db,
                  rc == GT_ERR_NOTFOUND            ? "no such file"
                  : gt_store_errmsg(st)[0] != '\0' ? gt_store_errmsg(st)
                                                   : gt_strerror(rc));
        gt_store_close(st);
        return CLI_FAIL;
    }
    memset(&q, 0, sizeof q);
    q.types = o.types;
    q.subject = o.subject_text;
    q.since_ms = o.since_ms;
    q.until_ms = o.until_ms;
    q.has_bbox = o.has_bbox;
    q.south_deg = o.s, q.west_deg = o.w, q.north_deg = o.n, q.east_deg = o.e;
    q.max_events = o.max_events;
    gt_report_input_init(&in);
    rc = gt_assemble_report(st, &q, &d, &in, &step);
    if (rc != GT_OK) {
        switch (step) {
        case GT_REPORT_STEP_SUBJECT:
            cli_error("unknown subject '%s'", o.subject_text);
            break;
        case GT_REPORT_STEP_EVENTS:
            cli_error("cannot read events from '%s': %s", o.db, gt_store_errmsg(st));
            break;
        case GT_REPORT_STEP_TRACKS:
            cli_error("cannot load tracks from '%s': %s", o.db, gt_store_errmsg(st));
            break;
        default:
            cli_error("out of memory");
            break;
        }
        rc = CLI_FAIL;
    } else {
        in.title = o.title;
        in.filters = kv;
        in.nfilters = nkv;
        in.max_events = o.max_events;
        in.max_track_points = o.max_points;
        in.tile_url = o.tiles;
        rc = write_report(&o, &in);
    }
    gt_report_data_release(&d);
    gt_store_close(st);
    return rc;
}

static int run(const struct cli_command *cmd, struct cli_args *a)
{
    struct opts o;
    struct gt_report_kv kv[MAX_FILTERS];
    int rc = parse(cmd, a, &o);

    if (rc != CLI_OK) {
        return rc;
    }
    rc = report(&o, kv, filter_notes(cmd, a, kv));
    if (rc == CLI_OK) {
        printf("%s\n", o.out);
    }
    return rc;
}

int cli_report_write(const char *db, const char *out, const char *title)
{
    struct opts o;

    memset(&o, 0, sizeof o);
    o.db = db;
    o.out = out;
    o.title = title;
    o.since_ms = o.until_ms = GT_TIME_NONE;
    o.max_events = GT_REPORT_MAX_EVENTS;
    return report(&o, NULL, 0);
}

const struct cli_command cli_cmd_report = {
    "report",
    "[--db DB] [--out FILE] [filters]",
    "write a self-contained HTML report",
    "Writes one HTML file that works offline: a map of the tracks (ships and\n"
    "aircraft), gaps as dashed segments between the last fix before going dark\n"
    "and the first after, encounters, airports and ports as markers; a timeline;\n"
    "a table of events filterable by type, subject and time; and for each event\n"
    "its figures and the raw lines or frames that prove it, with source file and\n"
    "byte offset. Leaflet and a Natural Earth basemap are inside the file and it\n"
    "makes no network request unless --tiles is given. Large stores are capped\n"
    "(events, points per track) and the page says what was left out. The same\n"
    "store and filters give a byte-identical file. Prints the path of the file\n"
    "written.",
    opts,
    run,
    8,
};
