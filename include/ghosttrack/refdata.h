/*
 * refdata.h - the reference data that installs with ghosttrack, and where
 * to find it.
 *
 * `make install PREFIX=P` puts three files in P/share/ghosttrack/
 * (docs/REFERENCE.md has their sources, licences and accuracy):
 *
 *   wpi_ports.csv  every World Port Index port (US public domain)
 *   airports.csv   OurAirports airports a jet can use (public domain)
 *   land.bin       land and water polygons, packed (gt_land_pack())
 *   inland.bin     optional: land polygons without rivers, canals and
 *                  lakes, attached to land.bin (gt_land_set_inland())
 *
 * The program finds them relative to its own binary, so no environment
 * variable is needed: EXEDIR/../share/ghosttrack (an installed tree:
 * P/bin/ghosttrack), then EXEDIR/share/ghosttrack (the build tree:
 * build/ghosttrack next to build/share/ghosttrack, which `make` fills).
 */
#ifndef GT_REFDATA_H
#define GT_REFDATA_H

#include <stddef.h>

#include "ghosttrack/err.h"

struct gt_ports;
struct gt_airports;
struct gt_land;

#define GT_REFDATA_PORTS_FILE    "wpi_ports.csv"
#define GT_REFDATA_AIRPORTS_FILE "airports.csv"
#define GT_REFDATA_LAND_FILE     "land.bin"
#define GT_REFDATA_INLAND_FILE   "inland.bin" /* optional: land without inland water */

/* The kinds of reference data, as bits. */
enum gt_refdata_kind {
    GT_REFDATA_PORTS = 1u << 0,    /* ports and anchorages */
    GT_REFDATA_AIRPORTS = 1u << 1, /* airports */
    GT_REFDATA_LAND = 1u << 2,     /* land and water polygons */
    GT_REFDATA_ALL = 7u
};

/* What gt_refdata_load() found.  The caller owns the struct and, after a
 * load, the three sets (gt_refdata_release() frees them). */
struct gt_refdata {
    struct gt_ports *ports;       /* WPI ports plus the built-in terminals it lacks, or NULL */
    struct gt_airports *airports; /* airports, or NULL */
    struct gt_land *land;         /* land, or NULL */
    unsigned missing;             /* enum gt_refdata_kind bits asked for and not loaded */
    int err;                      /* the first error other than GT_ERR_NOTFOUND, or GT_OK */
    char dir[1024];               /* folder the data came from ("" none) */
    char searched[2100];          /* the folders tried, ", "-separated, for messages */
};

/* Zero rd. */
void gt_refdata_init(struct gt_refdata *rd);

/* Free what rd holds and zero it. */
void gt_refdata_release(struct gt_refdata *rd);

/* Candidate data folder i (0, 1) for a program at exe (NULL: the running
 * program, from /proc/self/exe), written to buf.  Returns GT_OK,
 * GT_ERR_NOTFOUND when there is no such candidate or exe cannot be
 * resolved, GT_ERR_RANGE when buf is too small. */
GT_MUST_CHECK int gt_refdata_candidate(const char *exe, int i, char *buf, size_t size);

/* Load the kinds in want from folder dir (NULL: the first candidate folder
 * holding GT_REFDATA_PORTS_FILE, else the first one).  Every kind that
 * cannot be read is set in rd->missing; a file that exists but does not
 * parse also sets rd->err.  Returns GT_OK when every kind asked for was
 * loaded, GT_ERR_NOTFOUND when some is missing, GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_refdata_load(struct gt_refdata *rd, const char *dir, unsigned want);

#endif /* GT_REFDATA_H */
