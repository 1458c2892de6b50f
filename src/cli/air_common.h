/*
 * air_common.h - private to src/cli: what `flights` and `diff` share:
 * opening the store and loading the aviation reference data from it (or
 * the built-in airports when none was loaded).
 */
#ifndef GT_CLI_AIR_COMMON_H
#define GT_CLI_AIR_COMMON_H

#include "ghosttrack/aircraftdb.h"
#include "ghosttrack/airports.h"
#include "ghosttrack/store.h"

/* Reference data of one command run. */
struct cli_air_ref {
    struct gt_airports *airports;   /* from the store, else installed, else built in */
    struct gt_aircraftdb *aircraft; /* from the store, or NULL */
    int installed;                  /* 1 when airports is the installed table */
};

/* Load the aviation reference data from an open store st: the airports
 * blob (kind "airports", an OurAirports CSV) or, when absent or unusable,
 * the installed table (refdata.h), else the built-in one; the aircraft blob (kind "aircraft") or
 * none. Problems are reported on stderr; returns CLI_OK, or CLI_FAIL when out of memory.  The
 * `detect` command calls this and puts ref->airports and ref->aircraft into its struct gt_ref;
 * release with cli_air_ref_release().
 */
int cli_air_ref_load(struct gt_store *st, struct cli_air_ref *ref);

/* Free the reference data loaded by cli_air_ref_load(). */
void cli_air_ref_release(struct cli_air_ref *ref);

/* Open the store at db (NULL: ./ghosttrack.db) read-only and load the
 * reference data.  Prints the error and returns CLI_FAIL on failure;
 * CLI_OK otherwise (then release with cli_air_close()). */
int cli_air_open(const char *db, struct gt_store **st, struct cli_air_ref *ref);

/* Close the store and free the reference data. */
void cli_air_close(struct gt_store *st, struct cli_air_ref *ref);

#endif /* GT_CLI_AIR_COMMON_H */
