/*
 * cmd_diff.c - `ghosttrack diff`: flights one source shows and another
 * hides.
 *
 * Thin: loads every aircraft position of the store, runs the
 * "source_diff" detector (src/detect/source_diff.c) and prints the legs
 * present in --source and missing (or anonymised) in --against, one NDJSON
 * event per line.
 */
#include <stdio.h>
#include <string.h>

#include "cli_int.h"
#include "ghosttrack/detect.h"
#include "ghosttrack/event.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"source", 0, "A", "the source to check"},
    {"against", 0, "B", "the source to compare it with"},
    {NULL, 0, NULL, NULL},
};

struct diff_ctx {
    char want[64]; /* "\"missing_in\":B,\"present_in\":A" */
    struct gt_buf out;
    size_t count;
};

static int print_event(const struct gt_event *e, void *ud)
{
    struct diff_ctx *c = ud;
    int rc;

    if (strstr(gt_buf_str(&e->detail), c->want) == NULL) {
        return GT_OK;
    }
    gt_buf_reset(&c->out);
    rc = gt_event_to_json(e, &c->out, NULL, NULL);
    if (rc == GT_OK) {
        rc = cli_put(gt_buf_str(&c->out), gt_buf_len(&c->out));
        c->count++;
    }
    return rc;
}

static int run(const struct cli_command *cmd, struct cli_args *a)
{
    const char *src = cli_get(cmd, a, "source"), *against = cli_get(cmd, a, "against");
    struct gt_store_filter filt;
    struct gt_store *st = NULL;
    struct cli_air_ref ref;
    struct gt_ref r = {NULL, NULL, NULL, NULL};
    struct gt_detect_input in;
    struct gt_fleet fleet;
    struct diff_ctx c;
    uint32_t ida, idb;
    int rc, status = CLI_OK;

    if (src == NULL || against == NULL) {
        return cli_usage_error(cmd, "--source and --against are both required");
    }
    if (cli_air_open(cli_get(cmd, a, "db"), &st, &ref) != CLI_OK) {
        return CLI_FAIL;
    }
    ida = gt_store_source_id(st, src);
    idb = gt_store_source_id(st, against);
    if (ida == 0 || idb == 0) {
        cli_error("unknown source '%s'", ida == 0 ? src : against);
        cli_air_close(st, &ref);
        return CLI_FAIL;
    }
    gt_store_filter_init(&filt);
    gt_fleet_init(&fleet, 10000000);
    if (gt_store_load_fleet(st, &filt, &fleet) != GT_OK) {
        cli_error("cannot load positions: %s", gt_store_errmsg(st));
        gt_fleet_release(&fleet);
        cli_air_close(st, &ref);
        return CLI_FAIL;
    }
    memset(&c, 0, sizeof c);
    snprintf(c.want, sizeof c.want, "\"missing_in\":%u,\"present_in\":%u", idb, ida);
    gt_buf_init(&c.out, 1 << 16);
    r.airports = ref.airports;
    r.aircraft = ref.aircraft;
    in.fleet = &fleet;
    in.params = NULL;
    in.ref = &r;
    rc = gt_detect_run(&in, "source_diff", print_event, &c);
    if (rc != GT_OK) {
        cli_error("diff: %s", gt_strerror(rc));
        status = CLI_FAIL;
    }
    gt_buf_release(&c.out);
    gt_fleet_release(&fleet);
    cli_air_close(st, &ref);
    return status;
}

const struct cli_command cli_cmd_diff = {
    "diff",
    "[--db DB] --source A --against B",
    "flights one source shows and another hides",
    "Builds each aircraft's legs separately per source and prints, as NDJSON source_diff "
    "events, the legs of source A that source B lacks while B was receiving, or shows under "
    "another address (anonymised_as).",
    opts,
    run,
    7,
};
