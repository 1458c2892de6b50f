/*
 * ports.h - ports and anchorages: the reference for port calls and for
 * keeping encounters away from harbours.
 *
 * Rows come from a World Port Index extract in the CSV layout
 * `iso3,label,sublabel,latitude,longitude` (the file Global Fishing Watch's
 * anchorages pipeline uses; `ghosttrack ref --ports FILE` stores the same
 * rows), or from gt_ports_add_builtin(): a small table typed into the
 * source (major world ports and the Caribbean/Venezuelan oil terminals the
 * demo scenario uses).  gt_ports_load_default() gives the built-in table
 * plus, optionally, a CSV file (the CLI passes $GT_PORTS or its option).
 *
 * Each port has an anchorage radius (radius_nm; GT_PORT_RADIUS_NM by
 * default): gt_ports_within() answers whether a position is at a port.
 *
 * gt_ports_nearest() uses a 1-degree grid built by gt_ports_index() (the
 * loaders call it); without an index it scans linearly.
 */
#ifndef GT_PORTS_H
#define GT_PORTS_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"

/* One port or anchorage. */
struct gt_port {
    char iso3[4];      /* country, ISO 3166 alpha-3 ("" unknown) */
    char label[48];    /* name, upper case as in the WPI */
    char sublabel[48]; /* terminal or anchorage ("" none) */
    double lat_deg;    /* position, degrees */
    double lon_deg;
    double radius_nm; /* anchorage radius around the position, nautical miles:
                         the area where waiting at anchor or lying at a berth is
                         a port stay (GT_PORT_RADIUS_NM unless the table gives one) */
};

/* The default anchorage radius, 10 km (5.4 nm): Global Fishing Watch counts
 * no encounter or loitering event within 10 km of a coastal anchorage
 * (Miller et al. 2018, Frontiers in Marine Science 5:240; GFW events API
 * documentation), and a WPI position, given to the arc-minute, is itself
 * up to 0.7 nm off.  The WPI extract carries no harbour size, so every port
 * gets this radius; a user table may give its own (docs/REFERENCE.md). */
#define GT_PORT_RADIUS_NM 5.4

struct gt_ports {
    struct gt_port *v;    /* ports, owned */
    size_t n;             /* in use */
    size_t cap;           /* allocated */
    uint32_t *cell_start; /* private: 1-degree grid, 64800 + 1 offsets (NULL = none) */
    uint32_t *cell_port;  /* private: port indexes by cell */
    size_t nindexed;      /* private: ports covered by the grid */
};

/* Allocate an empty set.  Returns GT_OK or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_ports_new(struct gt_ports **out);

/* Free a set; NULL is a no-op. */
void gt_ports_free(struct gt_ports *p);

/* Add one port (strings are cut to fit).  Returns GT_OK, GT_ERR_RANGE for
 * a position off the globe, or GT_ERR_NOMEM.  Call gt_ports_index() after
 * the last addition. */
GT_MUST_CHECK int gt_ports_add(struct gt_ports *p, const char *iso3, const char *label,
                               const char *sublabel, double lat_deg, double lon_deg);

/* As gt_ports_add() with an anchorage radius in nautical miles (0 < r <=
 * 54 nm, else GT_ERR_RANGE). */
GT_MUST_CHECK int gt_ports_add_radius(struct gt_ports *p, const char *iso3, const char *label,
                                      const char *sublabel, double lat_deg, double lon_deg,
                                      double radius_nm);

/* Parse WPI-extract CSV bytes (a header line starting "iso3" is skipped;
 * quoted fields are accepted; an optional sixth column is the anchorage
 * radius in nautical miles, GT_PORT_RADIUS_NM when absent or empty) and
 * add the rows; bad rows are counted in
 * *nbad (may be NULL) and skipped.  Indexes the set.  Returns GT_OK or
 * GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_ports_load_csv(struct gt_ports *p, const uint8_t *s, size_t n, size_t *nbad);

/* Check WPI-extract CSV bytes before they are stored (`ref --ports`):
 * UTF-8 text, and every row five or six fields with a latitude, longitude
 * (degrees, in range) and an empty or positive radius of at most 54 nm (as
 * gt_ports_add_radius());
 * at least one row.  Returns GT_OK, or GT_ERR_BADDATA with the 1-based
 * line of the first bad row in *line (0: the file as a whole) and the
 * reason in why (size bytes). */
GT_MUST_CHECK int gt_ports_check(const uint8_t *s, size_t n, size_t *line, char *why, size_t size);

/* Read a CSV file as gt_ports_load_csv().  Returns its codes, or
 * GT_ERR_NOTFOUND / GT_ERR_IO. */
GT_MUST_CHECK int gt_ports_load_file(struct gt_ports *p, const char *path, size_t *nbad);

/* Add the built-in table and index.  Returns GT_OK or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_ports_add_builtin(struct gt_ports *p);

/* Add the built-in rows that lie farther than min_km from every port
 * already in p (the terminals a fuller table lacks), and index.  *nadded
 * (may be NULL) receives their number.  Returns GT_OK or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_ports_add_builtin_missing(struct gt_ports *p, double min_km, size_t *nadded);

/* A new set with the built-in table plus the CSV file at path when path is
 * non-NULL and non-empty.  Returns GT_OK or an error of
 * gt_ports_load_file() (*out is then NULL). */
GT_MUST_CHECK int gt_ports_load_default(const char *path, struct gt_ports **out);

/* (Re)build the grid index.  Returns GT_OK or GT_ERR_NOMEM (the set then
 * stays usable through linear scans). */
GT_MUST_CHECK int gt_ports_index(struct gt_ports *p);

/* The port nearest to (lat, lon) within max_km (at most 100 km), or NULL;
 * *dist_km (may be NULL) receives its distance. */
const struct gt_port *gt_ports_nearest(const struct gt_ports *p, double lat_deg, double lon_deg,
                                       double max_km, double *dist_km);

/* The port whose anchorage radius contains (lat, lon), the nearest one
 * when several do, or NULL; *dist_km (may be NULL) receives its distance.
 * This is the question "is this ship at a port?". */
const struct gt_port *gt_ports_within(const struct gt_ports *p, double lat_deg, double lon_deg,
                                      double *dist_km);

#endif /* GT_PORTS_H */
