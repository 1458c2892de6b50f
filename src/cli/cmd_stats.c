/*
 * cmd_stats.c - `ghosttrack stats`: summarise the store: sources,
 * identities, time span, rejects by reason (gt_store_summary).
 */
#include "cli_int.h"
#include "ghosttrack/buf.h"
#include "ghosttrack/store.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {NULL, 0, NULL, NULL},
};

static int run(const struct cli_command *cmd, struct cli_args *a)
{
    struct gt_store *st = NULL;
    struct gt_buf b;
    int rc;

    if (a->npos > 0) {
        return cli_usage_error(cmd, "unexpected argument '%s'", a->pos[0]);
    }
    if (cli_open_store(cli_db_path(cmd, a), GT_STORE_READONLY, &st) != CLI_OK) {
        return CLI_FAIL;
    }
    gt_buf_init(&b, 1u << 24);
    rc = gt_store_summary(st, &b);
    if (rc == GT_OK) {
        rc = cli_put_table(gt_buf_str(&b), gt_buf_len(&b));
    } else {
        cli_error("cannot summarise the store: %s", gt_store_errmsg(st));
    }
    gt_buf_release(&b);
    gt_store_close(st);
    return rc == GT_OK ? CLI_OK : CLI_FAIL;
}

const struct cli_command cli_cmd_stats = {
    "stats", "[--db DB]", "summarise the store: sources, identities, time span, rejects",
    NULL,    opts,        run,
    5,
};
