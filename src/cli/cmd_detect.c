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

#include <limits.h>
#include <stdint.h>
#include <unistd.h>

#include "ghosttrack/air_resolve.h"
#include "ghosttrack/detect.h"
#include "ghosttrack/land.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/ports.h"
#include "ghosttrack/refdata.h"
#include "ghosttrack/store.h"
#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"only", 0, "TYPES", "comma-separated detectors or event types to run"},
    {"config", 'c', "FILE", "thresholds file: 'name = value' lines (docs/DETECTORS.md)"},
    {"list", 0, NULL, "list the detectors and the event types they emit"},
    {"no-reference", 0, NULL,
     "run without the installed reference data (built-in ports and airports, no land)"},
    {NULL, 0, NULL, NULL},
};

/* Read the --config file (the format is parsed by the library, detect.h). */
static int read_config(const char *path, struct gt_detect_config *c)
{
    FILE *f = fopen(path, "rb");
    long size;
    char *text = NULL;
    int rc, bad_line;

    memset(c, 0, sizeof *c);
    if (f == NULL) {
        cli_error("cannot open '%s': %s", path, strerror(errno));
        return CLI_FAIL;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || size > (1 << 20) ||
        fseek(f, 0, SEEK_SET) != 0 || (text = gt_malloc((size_t)size + 1)) == NULL ||
        fread(text, 1, (size_t)size, f) != (size_t)size) {
        cli_error("cannot read '%s'", path);
        gt_free(text);
        fclose(f);
        return CLI_FAIL;
    }
    fclose(f);
    rc = gt_detect_config_parse((const uint8_t *)text, (size_t)size, c, &bad_line);
    gt_free(text);
    if (rc == GT_ERR_INVAL) {
        cli_error("%s: line %d: %s", path, bad_line, c->err);
        return CLI_USAGE;
    }
    if (rc != GT_OK) {
        cli_error("out of memory");
        return CLI_FAIL;
    }
    return CLI_OK;
}

/* struct gt_ref holds const pointers; this command owns what it loaded. */
static struct gt_ports *ref_ports(const struct gt_ref *r)
{
    return (struct gt_ports *)(uintptr_t)r->ports;
}

static struct gt_land *ref_land(const struct gt_ref *r)
{
    return (struct gt_land *)(uintptr_t)r->land;
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

/* Ports: the installed World Port Index table (or, with --no-reference,
 * the built-in one), plus the file loaded with `ghosttrack ref --ports`,
 * plus $GT_PORTS.  Takes rd->ports.  NULL only when out of memory. */
static struct gt_ports *load_ports(struct gt_store *st, struct gt_refdata *rd)
{
    struct gt_ports *p = rd->ports;
    void *blob = NULL;
    size_t n = 0, nbad = 0;
    const char *extra = getenv("GT_PORTS");

    rd->ports = NULL;
    if (p == NULL && (gt_ports_new(&p) != GT_OK || gt_ports_add_builtin(p) != GT_OK)) {
        gt_ports_free(p);
        return NULL;
    }
    if (gt_store_ref_get(st, "ports", &blob, &n) == GT_OK) {
        if (gt_ports_load_csv(p, blob, n, &nbad) != GT_OK) {
            cli_error("warning: the stored ports file could not be read");
        }
        gt_free(blob);
    }
    if (extra != NULL && *extra && gt_ports_load_file(p, extra, &nbad) != GT_OK) {
        cli_error("warning: cannot read ports file '%s' (GT_PORTS)", extra);
    }
    if (gt_ports_index(p) != GT_OK) {
        /* linear scans still work */
    }
    return p;
}

static const char *kind_name(unsigned kind)
{
    return kind == GT_REFDATA_PORTS      ? "ports (" GT_REFDATA_PORTS_FILE ")"
           : kind == GT_REFDATA_AIRPORTS ? "airports (" GT_REFDATA_AIRPORTS_FILE ")"
                                         : "land (" GT_REFDATA_LAND_FILE ")";
}

/* The installed reference data (refdata.h finds it next to the program).
 * $GT_LAND, when set, replaces the land file.  Missing data is an error
 * unless --no-reference asked to run without it.  Returns CLI_OK or
 * CLI_FAIL (message printed). */
static int load_reference(struct gt_refdata *rd, int none)
{
    const char *land = getenv("GT_LAND");
    unsigned kind;
    int rc;

    if (none) {
        return CLI_OK;
    }
    if (land != NULL && *land) {
        rc = gt_land_load_file(land, &rd->land);
        if (rc != GT_OK) {
            cli_error("cannot read land file '%s' (GT_LAND): %s", land, gt_strerror(rc));
            return CLI_FAIL;
        }
    }
    rc = gt_refdata_load(rd, NULL, GT_REFDATA_ALL);
    if (rc == GT_ERR_NOMEM) {
        cli_error("out of memory loading the reference data");
        return CLI_FAIL;
    }
    for (kind = GT_REFDATA_PORTS; kind <= GT_REFDATA_LAND; kind <<= 1) {
        if (rd->missing & kind) {
            cli_error("reference data missing: %s in '%s'%s", kind_name(kind), rd->dir,
                      rd->err != GT_OK ? " does not parse" : "");
        }
    }
    if (rd->missing) {
        cli_error("looked in: %s", rd->searched);
        cli_error("reinstall ghosttrack ('make install' puts the data in PREFIX/share/ghosttrack), "
                  "or pass --no-reference to run without it (distance-from-shore, on-land and "
                  "port rules are then reduced)");
        return CLI_FAIL;
    }
    return CLI_OK;
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
    struct gt_detect_config cfg;
    struct gt_params params;
    struct gt_fleet fleet;
    struct gt_air_resolve_stats rst;
    struct gt_store_filter flt;
    struct gt_detect_input in;
    struct gt_ref ref;
    struct run_state rs;
    struct cli_air_ref aref;
    struct gt_refdata rd;
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
        gt_detect_config_release(&cfg);
        return rc;
    }
    params.keys = cfg.keys;
    params.values = cfg.values;
    params.n = cfg.n;
    db = db ? db : "ghosttrack.db";
    memset(&rs, 0, sizeof rs);
    memset(&ref, 0, sizeof ref);
    memset(&aref, 0, sizeof aref);
    gt_refdata_init(&rd);
    if (load_reference(&rd, cli_has(cmd, a, "no-reference")) != CLI_OK) {
        gt_refdata_release(&rd);
        gt_detect_config_release(&cfg);
        return CLI_FAIL;
    }
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
        if (aref.installed && cli_has(cmd, a, "no-reference")) {
            gt_airports_free(aref.airports);
            aref.airports = NULL;
            aref.installed = 0;
            if (gt_airports_builtin(&aref.airports) != GT_OK) {
                rc = GT_ERR_NOMEM;
            }
        }
        ref.airports = aref.airports;
        ref.aircraft = aref.aircraft;
        ref.ports = load_ports(rs.st, &rd);
        ref.land = rd.land;
        rd.land = NULL;
        if (ref.ports == NULL) {
            rc = GT_ERR_NOMEM;
        }
    }
    if (rc == GT_OK) {
        /* FR24 CSV files carry no address: find their aircraft now that
         * every source is loaded, whatever the order of ingest */
        rc = gt_air_resolve(&fleet, ref.aircraft, &params, &rst);
        if (rc == GT_OK && rst.provisional > 0) {
            fprintf(stderr,
                    "detect: %zu flights without an address (FR24 CSV): %zu resolved (%zu by "
                    "registration), %zu unresolved (%zu ambiguous)\n",
                    rst.provisional, rst.resolved, rst.by_registration, rst.unresolved,
                    rst.ambiguous);
        }
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
            gt_ports_free(ref_ports(&ref));
            gt_land_free(ref_land(&ref));
            gt_refdata_release(&rd);
            gt_detect_config_release(&cfg);
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
    gt_ports_free(ref_ports(&ref));
    gt_land_free(ref_land(&ref));
    gt_refdata_release(&rd);
    gt_detect_config_release(&cfg);
    return rc == GT_OK ? CLI_OK : CLI_FAIL;
}

const struct cli_command cli_cmd_detect = {
    "detect",
    "[--db DB] [--only TYPES] [--config FILE] [--no-reference]",
    "run the detectors and store their events",
    "Loads the stored tracks, runs every detector (or those named by --only)\n"
    "and replaces their stored events. Thresholds and their defaults are in\n"
    "docs/DETECTORS.md. The reference data (ports, airports, land) installs\n"
    "in PREFIX/share/ghosttrack and is found next to the program; without it\n"
    "detect fails unless --no-reference is given (docs/REFERENCE.md).",
    opts,
    run,
    6,
};
