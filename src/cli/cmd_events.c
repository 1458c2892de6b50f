/*
 * cmd_events.c - `ghosttrack events`: list stored detector events with
 * filters, as schema-v1 NDJSON (with input file names), CSV, GeoJSON or
 * KML.
 */
#include <string.h>

#include "cli_int.h"
#include "ghosttrack/buf.h"
#include "ghosttrack/export.h"
#include "ghosttrack/store.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"type", 't', "T", "only events of type T (gap, encounter, loiter, spoof, ...)"},
    {"subject", 's', "ID", "only events about ID (mmsi:..., icao:..., registration)"},
    {"since", 0, "T", "only from time T (ISO 8601 or epoch seconds)"},
    {"until", 0, "T", "only up to time T"},
    {"bbox", 0, "S,W,N,E", "only inside this box (degrees)"},
    {"format", 'f', "F", "output format: ndjson (default), csv, geojson, kml"},
    {NULL, 0, NULL, NULL},
};

struct names {
    struct gt_store *st;
    struct gt_buf b;
};

static const char *input_name(uint32_t input_id, void *ud)
{
    struct names *n = ud;

    gt_buf_reset(&n->b);
    if (gt_store_input_name(n->st, input_id, &n->b) < 0) {
        return NULL;
    }
    return gt_buf_str(&n->b);
}

static int check(const struct gt_prov *prov, void *ud)
{
    struct names *n = ud;

    return gt_store_evidence_status(n->st, prov);
}

static int on_event(const struct gt_event *e, void *ud)
{
    return gt_export_event(ud, e);
}

static int run(const struct cli_command *cmd, struct cli_args *a)
{
    struct gt_store *st = NULL;
    struct gt_event_filter f;
    struct gt_export_events x;
    struct names names;
    struct gt_ident subject;
    enum gt_export_format fmt = GT_EXPORT_NDJSON;
    const char *fs = cli_get(cmd, a, "format"), *bbox = cli_get(cmd, a, "bbox");
    const char *subj = cli_get(cmd, a, "subject"), *types = cli_get(cmd, a, "type");
    double box[4];
    int rc;

    if (a->npos > 0) {
        return cli_usage_error(cmd, "unexpected argument '%s'", a->pos[0]);
    }
    if (fs != NULL && (gt_export_format_parse(fs, &fmt) < 0 || fmt == GT_EXPORT_GPX)) {
        return cli_usage_error(cmd, "unknown format '%s'", fs);
    }
    gt_event_filter_init(&f);
    if (cli_time_opt(cmd, a, "since", &f.since_ms) != CLI_OK ||
        cli_time_opt(cmd, a, "until", &f.until_ms) != CLI_OK) {
        return CLI_USAGE;
    }
    if (types != NULL) {
        const char *p = types;
        while (*p != '\0') {
            const char *c = strchr(p, ',');
            size_t n = c != NULL ? (size_t)(c - p) : strlen(p);
            enum gt_event_type t;
            if (gt_event_type_parse(p, n, &t) < 0) {
                return cli_usage_error(cmd, "unknown event type in '%s'", types);
            }
            p += n + (c != NULL ? 1 : 0);
        }
        f.types = types;
    }
    if (bbox != NULL) {
        if (cli_bbox_opt(cmd, bbox, box) != CLI_OK) {
            return CLI_USAGE;
        }
        f.has_bbox = 1;
        f.south_deg = box[0];
        f.west_deg = box[1];
        f.north_deg = box[2];
        f.east_deg = box[3];
    }
    if (cli_open_store(cli_db_path(cmd, a), GT_STORE_READONLY, &st) != CLI_OK) {
        return CLI_FAIL;
    }
    if (subj != NULL) {
        rc = gt_store_resolve(st, subj, &subject);
        if (rc == GT_ERR_NOTFOUND) {
            cli_error("no identity matches '%s'", subj);
            gt_store_close(st);
            return CLI_FAIL;
        }
        f.subject = &subject;
    }
    names.st = st;
    gt_buf_init(&names.b, 4096);
    rc = gt_export_events_init(&x, fmt, cli_write_stdout, NULL, input_name, &names);
    if (rc == GT_OK) {
        rc = gt_export_events_check(&x, check, &names);
        if (rc == GT_OK) {
            rc = gt_store_events(st, &f, on_event, &x);
        }
        if (rc == GT_OK) {
            rc = gt_export_events_finish(&x);
        } else {
            gt_buf_release(&x.buf);
        }
    }
    if (rc < 0) {
        cli_error("cannot list events: %s",
                  rc == GT_ERR_DB ? gt_store_errmsg(st) : gt_strerror(rc));
    }
    gt_buf_release(&names.b);
    gt_store_close(st);
    return rc < 0 ? CLI_FAIL : CLI_OK;
}

const struct cli_command cli_cmd_events = {
    "events",
    "[--db DB] [filters] [--format ndjson|csv|geojson|kml]",
    "list detected events",
    NULL,
    opts,
    run,
    6,
};
