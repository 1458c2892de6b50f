/*
 * land.h - land polygons: distance from shore and the on-land test.
 *
 * The world's coastline comes from Natural Earth through the npm package
 * world-atlas (TopoJSON, installed by scripts/install-deps.sh under
 * node_modules/world-atlas/).  gt_land_load() parses those bytes: it
 * decodes the quantised, delta-encoded arcs (every arc of the "land" layer
 * is coastline) into straight segments and indexes them in a 0.25-degree
 * grid, so gt_land_shore_nm() looks only at nearby cells, and rasterises
 * land at 0.05 degrees (even-odd rule on the arcs) for the O(1) part of
 * gt_land_on_land().
 *
 * Where the file is: gt_land_load_default() tries, in order, an explicit
 * file (the CLI passes $GT_LAND or its option), then
 * node_modules/world-atlas/land-50m.json under a root directory (the CLI
 * passes $GT_ROOT or the install prefix), then the same path relative to
 * the working directory.  The library itself reads no environment.
 * Without land data the detectors still run and say in each event which
 * rules they skipped.
 */
#ifndef GT_LAND_H
#define GT_LAND_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"
#include "ghosttrack/geo.h"

/* Distances from shore are searched up to this far; farther is reported as
 * this value. */
#define GT_LAND_MAX_NM 500.0

/* Land polygons with their indexes (opaque; see land.c). */
struct gt_land;

/* Parse world-atlas TopoJSON bytes (a Topology with quantised arcs) into a
 * new land set.  Returns GT_OK, GT_ERR_BADDATA or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_land_load(const uint8_t *p, size_t n, struct gt_land **out);

/* Build a land set from rings given directly (tests, simulated worlds):
 * nrings rings, ring r being the ring_len[r] points that follow the
 * previous ring's in pts (closed implicitly).  Returns as gt_land_load(). */
GT_MUST_CHECK int gt_land_from_rings(const struct gt_latlon *pts, const size_t *ring_len,
                                     size_t nrings, struct gt_land **out);

/* Read and parse the TopoJSON file at path.  Returns as gt_land_load(), or
 * GT_ERR_NOTFOUND / GT_ERR_IO when the file cannot be read. */
GT_MUST_CHECK int gt_land_load_file(const char *path, struct gt_land **out);

/* Default relative location of the installed land file. */
#define GT_LAND_DEFAULT_PATH "node_modules/world-atlas/land-50m.json"

/* Load land from `path` when non-NULL and non-empty (an error there is
 * returned as is), else from GT_LAND_DEFAULT_PATH under `root` (when
 * non-NULL), else from GT_LAND_DEFAULT_PATH relative to the working
 * directory.  Returns as gt_land_load_file(); GT_ERR_NOTFOUND when no file
 * exists. */
GT_MUST_CHECK int gt_land_load_default(const char *path, const char *root, struct gt_land **out);

/* Free a land set; NULL is a no-op. */
void gt_land_free(struct gt_land *l);

/* Distance from (lat, lon) to the nearest coastline, nautical miles, at
 * most GT_LAND_MAX_NM.  Positive on water and on land alike. */
double gt_land_shore_nm(const struct gt_land *l, double lat_deg, double lon_deg);

/* Is (lat, lon) on land?  Points closer to the coast than the raster's
 * half-cell (about 2 nm) are never called on land, so GPS noise along a
 * quay is not flagged. */
int gt_land_on_land(const struct gt_land *l, double lat_deg, double lon_deg);

/* Number of coastline segments loaded. */
size_t gt_land_nsegments(const struct gt_land *l);

#endif /* GT_LAND_H */
