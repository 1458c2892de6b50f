/*
 * air_common.c - store and reference loading for `flights` and `diff`
 * (see cli_int.h).
 */
#include "cli_int.h"

#include <stddef.h>

#include "ghosttrack/mem.h"
#include "ghosttrack/refdata.h"

int cli_air_ref_load(struct gt_store *st, struct cli_air_ref *ref)
{
    void *p = NULL;
    size_t n = 0;

    struct gt_refdata rd;

    ref->airports = NULL;
    ref->aircraft = NULL;
    ref->installed = 0;
    if (gt_store_ref_get(st, "airports", &p, &n) == GT_OK) {
        if (gt_airports_parse(p, n, &ref->airports) != GT_OK) {
            cli_error("stored airports reference is not an OurAirports CSV; using the installed "
                      "table");
        }
        gt_free(p);
        p = NULL;
    }
    if (ref->airports == NULL) {
        gt_refdata_init(&rd);
        if (gt_refdata_load(&rd, NULL, GT_REFDATA_AIRPORTS) == GT_OK) {
            ref->airports = rd.airports;
            ref->installed = 1;
            rd.airports = NULL;
        }
        gt_refdata_release(&rd);
    }
    if (ref->airports == NULL && gt_airports_builtin(&ref->airports) != GT_OK) {
        cli_error("out of memory");
        return CLI_FAIL;
    }
    if (gt_store_ref_get(st, "aircraft", &p, &n) == GT_OK) {
        if (gt_aircraftdb_parse(p, n, &ref->aircraft) != GT_OK) {
            cli_error("stored aircraft reference is not usable; continuing without it");
        }
        gt_free(p);
    }
    return CLI_OK;
}

void cli_air_ref_release(struct cli_air_ref *ref)
{
    gt_airports_free(ref->airports);
    gt_aircraftdb_free(ref->aircraft);
    ref->airports = NULL;
    ref->aircraft = NULL;
}

int cli_air_open(const char *db, struct gt_store **st, struct cli_air_ref *ref)
{
    int rc;

    ref->airports = NULL;
    ref->aircraft = NULL;
    if (db == NULL) {
        db = "./ghosttrack.db";
    }
    rc = gt_store_open(db, GT_STORE_READONLY, st);
    if (rc != GT_OK) {
        cli_error("cannot open '%s': %s", db, *st ? gt_store_errmsg(*st) : gt_strerror(rc));
        gt_store_close(*st);
        *st = NULL;
        return CLI_FAIL;
    }
    if (cli_air_ref_load(*st, ref) != CLI_OK) {
        cli_air_close(*st, ref);
        return CLI_FAIL;
    }
    return CLI_OK;
}

void cli_air_close(struct gt_store *st, struct cli_air_ref *ref)
{
    gt_store_close(st);
    cli_air_ref_release(ref);
}
