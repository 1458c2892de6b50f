/*
 * cmd_detect.c - `ghosttrack detect`: run the detectors over the store.
 *
 * Loads every track and identity fact from the store into a fleet, gives
 * the detectors the reference data (ports, land, airports, aircraft), and
 * replaces the stored events of the detectors that ran with the new ones,
 * in one transaction: a re-run after late data closes or retracts events.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/detect.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/store.h"
#include "air_common.h"
#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"only", 0, "TYPES", "comma-separated detectors or event types to run"},
    {"config", 'c', "FILE", "thresholds file: 'name = value' lines (docs/DETECTORS.md)"},
    {"list", 0, NULL, "list the detectors and the event types they emit"},
    {NULL, 0, NULL, NULL},
};

#define MAX_PARAMS 256

/* Thresholds read from --config: "gap.min_hours = 12" lines, '#' comments. */
struct config {
    char *text; /* the file, split in place */
    const char *keys[MAX_PARAMS];
    const char *values[MAX_PARAMS];
    size_t n;
};

static char *trim(char *s)
{
    char *e;

    while (*s == ' ' || *s == '\t') {
        s++;
    }
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) {
        *--e = '\0';
    }
    return s;
}

static int read_config(const char *path, struct config *c)
{
    FILE *f = fopen(path, "rb");
    long size;
    char *line, *save = NULL;
    int lineno = 0;

    memset(c, 0, sizeof *c);
    if (f == NULL) {
        cli_error("cannot open '%s': %s", path, strerror(errno));
        return CLI_FAIL;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || size > (1 << 20) ||
        fseek(f, 0, SEEK_SET) != 0 || (c->text = gt_malloc((size_t)size + 1)) == NULL ||
        fread(c->text, 1, (size_t)size, f) != (size_t)size) {
        cli_error("cannot read '%s'", path);
        fclose(f);
        return CLI_FAIL;
    }
    fclose(f);
    c->text[size] = '\0';
    for (line = strtok_r(c->text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *eq, *hash = strchr(line, '#');
        lineno++;
        if (hash) {
            *hash = '\0';
        }
        line = trim(line);
        if (*line == '\0') {
            continue;
        }
        eq = strchr(line, '=');
        if (eq == NULL || c->n == MAX_PARAMS) {
            cli_error("%s: line %d: expected 'name = value'", path, lineno);
            return CLI_USAGE;
        }
        *eq = '\0';
        c->keys[c->n] = trim(line);
        c->values[c->n] = trim(eq + 1);
        c->n++;
    }
    return CLI_OK;
}

struct run_state {
    struct gt_store *st;
    size_t n[GT_EVENT_TYPE_MAX + 1];
};

static int store_event(const struct gt_event *e, void *ud)
{
    struct run_state *rs = ud;

    if ((int)e->type >= 1 && (int)e->type <= GT_EVENT_TYPE_MAX) {
        rs->n[e->type]++;
    }
    return gt_store_put_event(rs->st, e);
}

static void list_detectors(void)
{
    const struct gt_detector *d;

    for (d = gt_detect_list(); d->name != NULL; d++) {
        printf("%-14s %s\n", d->name, d->types);
    }
}

static int run(const struct cli_command *cmd, struct cli_args *a)
{
    const char *db = cli_get(cmd, a, "db"), *only = cli_get(cmd, a, "only");
    const char *cfgpath = cli_get(cmd, a, "config");
    struct config cfg;
    struct gt_params params;
    struct gt_fleet fleet;
    struct gt_store_filter flt;
    struct gt_detect_input in;
    struct gt_ref ref;
    struct run_state rs;
    struct cli_air_ref aref;
    int rc, i;

    if (cli_has(cmd, a, "list")) {
        list_detectors();
        return CLI_OK;
    }
    if (a->npos > 0) {
        return cli_usage_error(cmd, "unexpected argument '%s'", a->pos[0]);
    }
    memset(&cfg, 0, sizeof cfg);
    if (cfgpath != NULL && (rc = read_config(cfgpath, &cfg)) != CLI_OK) {
        gt_free(cfg.text);
        return rc;
    }
    params.keys = cfg.keys;
    params.values = cfg.values;
    params.n = cfg.n;
    db = db ? db : "ghosttrack.db";
    memset(&rs, 0, sizeof rs);
    memset(&ref, 0, sizeof ref);
    memset(&aref, 0, sizeof aref);
    gt_fleet_init(&fleet, 10000000);
    rc = gt_store_open(db, 0, &rs.st);
    if (rc == GT_OK) {
        gt_store_filter_init(&flt);
        rc = gt_store_load_fleet(rs.st, &flt, &fleet);
    }
    if (rc == GT_OK) {
        if (cli_air_ref_load(rs.st, &aref) != CLI_OK) {
            rc = GT_ERR_NOMEM;
        }
        ref.airports = aref.airports;
        ref.aircraft = aref.aircraft;
    }
    in.fleet = &fleet;
    in.params = &params;
    in.ref = &ref;
    if (rc == GT_OK) {
        rc = gt_store_begin(rs.st);
    }
    if (rc == GT_OK) {
        rc = gt_store_clear_events(rs.st, only);
    }
    if (rc == GT_OK) {
        rc = gt_detect_run(&in, only, store_event, &rs);
        if (rc == GT_ERR_INVAL) {
            gt_store_close(rs.st);
            gt_fleet_release(&fleet);
            cli_air_ref_release(&aref);
            gt_free(cfg.text);
            return cli_usage_error(cmd, "unknown detector or event type in '%s'", only);
        }
    }
    if (rc == GT_OK) {
        rc = gt_store_commit(rs.st);
    }
    if (rc != GT_OK) {
        cli_error("detect failed on '%s': %s", db,
                  rs.st ? gt_store_errmsg(rs.st) : gt_strerror(rc));
    } else {
        fprintf(stderr, "detect: %zu tracks, %zu identity facts\n", fleet.n, fleet.nfacts);
        for (i = 1; i <= GT_EVENT_TYPE_MAX; i++) {
            if (rs.n[i] > 0) {
                printf("%-12s %zu\n", gt_event_type_name((enum gt_event_type)i), rs.n[i]);
            }
        }
    }
    gt_store_close(rs.st);
    gt_fleet_release(&fleet);
    cli_air_ref_release(&aref);
    gt_free(cfg.text);
    return rc == GT_OK ? CLI_OK : CLI_FAIL;
}

const struct cli_command cli_cmd_detect = {
    "detect",
    "[--db DB] [--only TYPES] [--config FILE]",
    "run the detectors and store their events",
    "Loads the stored tracks, runs every detector (or those named by --only)\n"
    "and replaces their stored events. Thresholds and their defaults are in\n"
    "docs/DETECTORS.md.",
    opts,
    run,
    6,
};
