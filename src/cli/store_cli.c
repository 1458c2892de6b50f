/*
 * store_cli.c - helpers shared by the commands that use the store:
 * database path, opening with error messages, time and box options,
 * writing to standard output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_int.h"
#include "ghosttrack/esc.h"
#include "ghosttrack/export.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/store.h"
#include "ghosttrack/time.h"

const char *cli_db_path(const struct cli_command *cmd, const struct cli_args *a)
{
    const char *db = cli_get(cmd, a, "db");
    return db != NULL ? db : "ghosttrack.db";
}

int cli_open_store(const char *path, unsigned flags, struct gt_store **st)
{
    int rc = gt_store_open(path, flags, st);

    if (rc == GT_OK) {
        return CLI_OK;
    }
    if (rc == GT_ERR_NOTFOUND) {
        cli_error("cannot open database '%s': no such file (run 'ghosttrack ingest' first)", path);
    } else {
        cli_error("cannot open database '%s': %s", path, gt_store_errmsg(*st));
    }
    gt_store_close(*st);
    *st = NULL;
    return CLI_FAIL;
}

int cli_parse_time(const char *v, int64_t *t)
{
    size_t digits = strspn(v, "0123456789");

    /* A bare number is epoch seconds, and one of fewer than 9 digits is
     * before 1973-03-03, a time no AIS or ADS-B recording has: 20210323
     * is a date written without dashes, not 1970-08-23. */
    if (digits > 0 && digits < 9 && (v[digits] == '\0' || v[digits] == '.')) {
        return -1;
    }
    return gt_time_parse(v, strlen(v), t) == GT_OK ? 0 : -1;
}

int cli_time_opt(const struct cli_command *cmd, const struct cli_args *a, const char *name,
                 int64_t *t)
{
    const char *v = cli_get(cmd, a, name);

    *t = GT_TIME_NONE;
    if (v == NULL) {
        return CLI_OK;
    }
    if (cli_parse_time(v, t) < 0) {
        *t = GT_TIME_NONE;
        return cli_usage_error(cmd,
                               "invalid time '%s' for --%s: expected ISO 8601 (2021-03-23, "
                               "2021-03-23T10:00:00Z) or epoch seconds (1616457600)",
                               v, name);
    }
    return CLI_OK;
}

int cli_bbox_opt(const struct cli_command *cmd, const char *s, double v[4])
{
    char *end;
    const char *p = s;
    int i;

    for (i = 0; i < 4; i++) {
        v[i] = strtod(p, &end);
        if (end == p || (i < 3 && *end != ',') || (i == 3 && *end != '\0')) {
            return cli_usage_error(cmd, "invalid box '%s': expected S,W,N,E in degrees", s);
        }
        p = end + 1;
    }
    if (v[0] < -90 || v[2] > 90 || v[0] > v[2] || v[1] < -180 || v[1] > 180 || v[3] < -180 ||
        v[3] > 180) {
        return cli_usage_error(cmd, "invalid box '%s': expected S,W,N,E in degrees", s);
    }
    return CLI_OK;
}

int cli_put_table(const char *p, size_t n)
{
    /* the last bytes of a UTF-8 sequence cut between two pieces */
    static char carry[4];
    static size_t ncarry;
    struct gt_buf b;
    char *all;
    size_t total = ncarry + n, keep;
    int rc;

    all = gt_malloc(total + 1);
    if (all == NULL) {
        return GT_ERR_NOMEM;
    }
    memcpy(all, carry, ncarry);
    if (n > 0) {
        memcpy(all + ncarry, p, n);
    }
    keep = gt_esc_utf8_complete(all, total);
    ncarry = total - keep;
    memcpy(carry, all + keep, ncarry);
    gt_buf_init(&b, 3 * keep + 64);
    rc = gt_esc_term(&b, all, keep);
    gt_free(all);
    if (rc == GT_OK && fwrite(gt_buf_str(&b), 1, gt_buf_len(&b), stdout) != gt_buf_len(&b)) {
        rc = GT_ERR_IO;
    }
    gt_buf_release(&b);
    return rc;
}

int cli_put(const char *p, size_t n)
{
    static int tty = -1;

    if (tty < 0) {
        tty = isatty(1);
    }
    if (tty) {
        return cli_put_table(p, n);
    }
    return fwrite(p, 1, n, stdout) == n ? GT_OK : GT_ERR_IO;
}

int cli_write_stdout(void *ud, const char *p, size_t n)
{
    (void)ud;
    return cli_put(p, n);
}

int cli_geometry_opt(const struct cli_command *cmd, const struct cli_args *a, unsigned *flags)
{
    const char *v = cli_get(cmd, a, "geometry");

    if (v == NULL || strcmp(v, "both") == 0) {
        return CLI_OK;
    }
    if (strcmp(v, "points") == 0) {
        *flags |= GT_EXPORT_NO_LINES;
    } else if (strcmp(v, "lines") == 0) {
        *flags |= GT_EXPORT_NO_POINTS;
    } else {
        return cli_usage_error(cmd, "invalid --geometry '%s': expected both, points or lines", v);
    }
    return CLI_OK;
}

int cli_export_positions(struct gt_store *st, const struct gt_store_filter *f, int fmt,
                         unsigned flags, const char *loading, const char *writing)
{
    struct gt_fleet fleet;
    int rc, ret = CLI_OK;

    gt_fleet_init(&fleet, 10000000);
    rc = gt_store_load_fleet(st, f, &fleet);
    if (rc == GT_OK) {
        rc = gt_export_fleet(&fleet, (enum gt_export_format)fmt, 0, flags, cli_write_stdout, NULL);
        if (rc < 0) {
            cli_error("cannot write %s: %s", writing, gt_strerror(rc));
            ret = CLI_FAIL;
        }
    } else {
        cli_error("cannot load %s: %s", loading, gt_store_errmsg(st));
        ret = CLI_FAIL;
    }
    gt_fleet_release(&fleet);
    return ret;
}
