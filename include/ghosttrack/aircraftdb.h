/*
 * aircraftdb.h - the aircraft database: ICAO 24-bit address to
 * registration, ICAO type designator, operator and flags, and a built-in
 * cruise speed per type designator for feasibility checks.
 *
 * Parsed from the bytes of a CSV `icao24,registration,typecode,operator`
 * with optional further columns of flags: words ("military", "pia",
 * "ladd") or a readsb-style number (bit 0 military, bit 2 PIA, bit 3
 * LADD).  A header row whose first field is "icao24" is skipped.
 */
#ifndef GT_AIRCRAFTDB_H
#define GT_AIRCRAFTDB_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"

enum gt_aircraft_flags {
    GT_AIRCRAFT_MILITARY = (1u << 0), /* state / military aircraft */
    GT_AIRCRAFT_PIA = (1u << 1),      /* FAA Privacy ICAO Address (rotating) */
    GT_AIRCRAFT_LADD = (1u << 2)      /* FAA Limiting Aircraft Data Displayed */
};

/* One aircraft.  Text is copied from the file and NOT escaped. */
struct gt_aircraft {
    uint32_t icao24;       /* 24-bit address */
    char registration[16]; /* "RA-86496" or "" */
    char typecode[8];      /* ICAO type designator, upper case ("IL62") or "" */
    char op[64];           /* operator or owner, or "" */
    unsigned flags;        /* enum gt_aircraft_flags */
};

struct gt_aircraftdb;

/* Parse the CSV of n bytes at p.  Lines whose first field is not 1 to 6
 * hex digits are skipped.  On success *out owns the database; free it with
 * gt_aircraftdb_free().  Returns GT_OK, GT_ERR_BADDATA when no line is
 * usable, or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_aircraftdb_parse(const void *p, size_t n, struct gt_aircraftdb **out);

/* Free a database; gt_aircraftdb_free(NULL) is a no-op. */
void gt_aircraftdb_free(struct gt_aircraftdb *db);

/* Return the number of aircraft in db. */
size_t gt_aircraftdb_count(const struct gt_aircraftdb *db);

/* Return the aircraft with address icao24, or NULL (also when db is NULL).
 * When the file lists an address twice, the last line wins. */
const struct gt_aircraft *gt_aircraftdb_find(const struct gt_aircraftdb *db, uint32_t icao24);

/* Return the aircraft registered as reg, compared ignoring case and
 * hyphens ("ra86496" finds "RA-86496"), or NULL. */
const struct gt_aircraft *gt_aircraftdb_find_reg(const struct gt_aircraftdb *db, const char *reg);

/* Return a typical cruise speed in knots (true airspeed) for an ICAO type
 * designator from the built-in table (airliners, freighters, military
 * transports, business jets, turboprops), or 450 kn for an unknown or NULL
 * type: a fair jet value that keeps feasibility checks lenient. */
double gt_aircraft_cruise_kn(const char *typecode);

#endif /* GT_AIRCRAFTDB_H */
