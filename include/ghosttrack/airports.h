/*
 * airports.h - airports reference data and the nearest-airport query.
 *
 * A struct gt_airports is parsed from the bytes of an OurAirports
 * `airports.csv` (the full published file or any extract with its header
 * row: ident, type, name, latitude_deg, longitude_deg, elevation_ft,
 * iata_code, gps_code, and optionally runway_ft), or built from the table that installs with
 * ghosttrack (every large airport worldwide plus the scenario airports).
 * Heliports, seaplane bases, balloon ports and closed airports are
 * dropped.  Lookups use a one-degree grid, so a nearest query touches only
 * the cells within its radius.
 */
#ifndef GT_AIRPORTS_H
#define GT_AIRPORTS_H

#include <stddef.h>

#include "ghosttrack/err.h"

/* One airport.  Text is copied from the reference file and is NOT escaped:
 * escape it for the output format. */
struct gt_airport {
    char ident[16]; /* OurAirports ident, the ICAO code where one exists ("SVMI") */
    char iata[4];   /* IATA code or "" */
    char name[64];  /* name, cut to 63 bytes */
    double lat_deg; /* aerodrome reference point, degrees north */
    double lon_deg; /* degrees east */
    int elev_ft;    /* elevation, feet (0 when unknown) */
    int size;       /* 3 large, 2 medium, 1 small */
    int runway_ft;  /* longest open runway, feet (0 unknown): the installed table's
                       `runway_ft` column (docs/REFERENCE.md) */
};

struct gt_airports;

/* Parse an OurAirports CSV of n bytes at p (RFC 4180 quoting, header row
 * required).  On success *out owns the table; free it with
 * gt_airports_free().  Returns GT_OK, GT_ERR_BADDATA when the header lacks
 * ident/latitude_deg/longitude_deg or no row is usable, GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_airports_parse(const void *p, size_t n, struct gt_airports **out);

/* Check OurAirports CSV bytes before they are stored (`ref --airports`):
 * UTF-8 text, a header with ident, latitude_deg and longitude_deg, and
 * every record with a latitude and longitude in range; at least one.
 * Returns GT_OK, GT_ERR_NOMEM, or GT_ERR_BADDATA with the 1-based line of
 * the first bad record in *line (0: the file as a whole) and the reason in
 * why (size bytes). */
GT_MUST_CHECK int gt_airports_check(const void *p, size_t n, size_t *line, char *why, size_t size);

/* Build the table that installs with ghosttrack (large airports worldwide
 * and the airports of the demo scenarios).  Returns GT_OK or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_airports_builtin(struct gt_airports **out);

/* Free a table; gt_airports_free(NULL) is a no-op. */
void gt_airports_free(struct gt_airports *a);

/* Return the number of airports in a. */
size_t gt_airports_count(const struct gt_airports *a);

/* Return airport i (0 <= i < count), or NULL when out of range. */
const struct gt_airport *gt_airports_get(const struct gt_airports *a, size_t i);

/* Return the airport whose ident (or IATA code, for three letters) equals
 * code, ignoring case, or NULL. */
const struct gt_airport *gt_airports_find(const struct gt_airports *a, const char *code);

/* Return the airport nearest to (lat_deg, lon_deg) within max_km, or NULL
 * when none is that close; small airports count as 2 km farther than they
 * are, so a strip beside a hub does not steal its traffic.  When dist_km is
 * non-NULL it receives the true great-circle distance in km. */
const struct gt_airport *gt_airports_nearest(const struct gt_airports *a, double lat_deg,
                                             double lon_deg, double max_km, double *dist_km);

#endif /* GT_AIRPORTS_H */
