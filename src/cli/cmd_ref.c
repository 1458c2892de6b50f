/*
 * cmd_ref.c - `ghosttrack ref`: load reference data into the store.
 *
 * --aircraft fills the aircraft table (registration lookup); --airports
 * and --ports are kept whole as reference blobs (kinds "airports" and
 * "ports") for the aviation and maritime detectors to parse.
 */
#include <string.h>

#include "cli_int.h"
#include "ghosttrack/airports.h"
#include "ghosttrack/buf.h"
#include "ghosttrack/io.h"
#include "ghosttrack/ports.h"
#include "ghosttrack/store.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"airports", 0, "FILE", "OurAirports airports.csv"},
    {"aircraft", 0, "FILE", "aircraft database CSV (icao24,registration,typecode,operator)"},
    {"ports", 0, "FILE", "ports CSV (World Port Index extract)"},
    {NULL, 0, NULL, NULL},
};

#define REF_MAX (256u << 20)

static int slurp(const char *path, struct gt_buf *b)
{
    struct gt_io_file *f = NULL;
    char chunk[65536];
    int rc = gt_io_open(path, &f), r;

    if (rc < 0) {
        return rc;
    }
    while ((r = gt_io_read(f, chunk, sizeof chunk)) > 0) {
        rc = gt_buf_add(b, chunk, (size_t)r);
        if (rc < 0) {
            break;
        }
    }
    gt_io_close(f);
    return rc < 0 ? rc : (r < 0 ? r : GT_OK);
}

static int load_blob(struct gt_store *st, const char *kind, const char *path)
{
    struct gt_buf b;
    int rc;

    gt_buf_init(&b, REF_MAX);
    rc = slurp(path, &b);
    if (rc < 0) {
        cli_error("cannot read '%s': %s", path, gt_strerror(rc));
        gt_buf_release(&b);
        return CLI_FAIL;
    }
    {
        /* refuse what the detectors could not read: with the line */
        char why[160] = "";
        size_t line = 0;
        rc = GT_OK;
        if (strcmp(kind, "airports") == 0) {
            rc = gt_airports_check(gt_buf_str(&b), gt_buf_len(&b), &line, why, sizeof why);
        } else if (strcmp(kind, "ports") == 0) {
            rc = gt_ports_check((const uint8_t *)gt_buf_str(&b), gt_buf_len(&b), &line, why,
                                sizeof why);
        }
        if (rc == GT_ERR_BADDATA) {
            if (line > 0) {
                cli_error("'%s': line %zu: %s; nothing stored", path, line, why);
            } else {
                cli_error("'%s': %s; nothing stored", path, why);
            }
            gt_buf_release(&b);
            return CLI_FAIL;
        }
        if (rc < 0) {
            cli_error("cannot check '%s': %s", path, gt_strerror(rc));
            gt_buf_release(&b);
            return CLI_FAIL;
        }
    }
    rc = gt_store_ref_put(st, kind, path, gt_buf_str(&b), gt_buf_len(&b));
    if (rc < 0) {
        cli_error("cannot store '%s': %s", path, gt_store_errmsg(st));
    } else {
        printf("%s: stored %zu bytes from %s\n", kind, gt_buf_len(&b), path);
    }
    gt_buf_release(&b);
    return rc < 0 ? CLI_FAIL : CLI_OK;
}

static int load_aircraft(struct gt_store *st, const char *path)
{
    struct gt_buf b;
    size_t loaded = 0, rejected = 0;
    int rc;

    gt_buf_init(&b, REF_MAX);
    rc = slurp(path, &b);
    if (rc < 0) {
        cli_error("cannot read '%s': %s", path, gt_strerror(rc));
        gt_buf_release(&b);
        return CLI_FAIL;
    }
    rc = gt_store_load_aircraft_csv(st, gt_buf_str(&b), gt_buf_len(&b), &loaded, &rejected);
    gt_buf_release(&b);
    if (rc == GT_ERR_BADDATA) {
        cli_error("'%s' has no icao24 column", path);
        return CLI_FAIL;
    }
    if (rc < 0) {
        cli_error("cannot store '%s': %s", path, gt_store_errmsg(st));
        return CLI_FAIL;
    }
    printf("aircraft: %zu loaded, %zu rejected (bad icao24) from %s\n", loaded, rejected, path);
    return CLI_OK;
}

static int run(const struct cli_command *cmd, struct cli_args *a)
{
    struct gt_store *st = NULL;
    const char *air = cli_get(cmd, a, "aircraft"), *apt = cli_get(cmd, a, "airports");
    const char *ports = cli_get(cmd, a, "ports");
    int ret = CLI_OK;

    if (air == NULL && apt == NULL && ports == NULL) {
        return cli_usage_error(cmd, "give --aircraft, --airports or --ports");
    }
    if (a->npos > 0) {
        return cli_usage_error(cmd, "unexpected argument '%s'", a->pos[0]);
    }
    if (cli_open_store(cli_db_path(cmd, a), GT_STORE_CREATE, &st) != CLI_OK) {
        return CLI_FAIL;
    }
    if (air != NULL) {
        /* the table serves registration lookups; the blob, parsed by
         * aircraftdb.h, serves the aviation detectors */
        ret = load_aircraft(st, air);
        if (ret == CLI_OK) {
            ret = load_blob(st, "aircraft", air);
        }
    }
    if (ret == CLI_OK && apt != NULL) {
        ret = load_blob(st, "airports", apt);
    }
    if (ret == CLI_OK && ports != NULL) {
        ret = load_blob(st, "ports", ports);
    }
    gt_store_close(st);
    return ret;
}

const struct cli_command cli_cmd_ref = {
    "ref",
    "[--db DB] --airports FILE | --aircraft FILE | --ports FILE",
    "load reference data: airports, aircraft database, ports",
    NULL,
    opts,
    run,
    5,
};
