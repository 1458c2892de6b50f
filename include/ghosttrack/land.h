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

/* Flags of gt_land_load_ex() and of the packed format. */
enum gt_land_flags {
    GT_LAND_WATER = 1u << 0 /* the rings bound water (a seas layer), not land */
};

/* The first bytes of the packed format (gt_land_pack()). */
#define GT_LAND_PACK_MAGIC "GTLAND1\n"

/* Parse land bytes into a new land set: world-atlas TopoJSON (a Topology
 * with quantised arcs), GeoJSON (RFC 7946: FeatureCollection, Feature,
 * GeometryCollection, Polygon, MultiPolygon; other geometries ignored) or
 * the packed format of gt_land_pack().  Same as gt_land_load_ex(p, n, 0,
 * out).  Returns GT_OK, GT_ERR_BADDATA or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_land_load(const uint8_t *p, size_t n, struct gt_land **out);

/* As gt_land_load(); with GT_LAND_WATER in flags the polygons are read as
 * water (inside is sea, outside land), as in a seas layer such as
 * OpenStreetMap's water polygons.  The packed format carries its own flag,
 * which replaces this one.  Edges along the antimeridian or a pole, where
 * such layers are cut, close the rings but are not shore. */
GT_MUST_CHECK int gt_land_load_ex(const uint8_t *p, size_t n, unsigned flags, struct gt_land **out);

/* Serialise l in the packed format: GT_LAND_PACK_MAGIC, then little-endian
 * u32 flags, chain count and point count, each chain's point count, and the
 * points as int32 latitude and longitude in 1e-7 degree (about 1 cm).  It
 * loads without a JSON parser, about ten times faster than GeoJSON.  On
 * success *out is a new buffer of *n bytes: free it with gt_free().
 * Returns GT_OK, GT_ERR_TOOBIG or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_land_pack(const struct gt_land *l, uint8_t **out, size_t *n);

/* Give l a second layer that takes ownership of inland: land polygons
 * that leave inland water out (rivers, canals, lakes the sea layer counts
 * as land).  gt_land_contains() and gt_land_on_land() then call a point
 * land only when both layers do; distances from shore stay those of l.
 * inland may be NULL (drops the layer). */
void gt_land_set_inland(struct gt_land *l, struct gt_land *inland);

/* 1 when l's polygons bound water (GT_LAND_WATER), else 0. */
int gt_land_is_water(const struct gt_land *l);

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

/* Points within this distance of a coastline are never called on land by
 * gt_land_on_land(): GPS error at a quay, a lock or a basin narrower than
 * the polygons resolve (docs/REFERENCE.md). */
#define GT_LAND_COAST_SLACK_NM 0.5

/* Is (lat, lon) inside land, exactly as the polygons draw it (even-odd
 * rule, no slack)?  0 for NULL. */
int gt_land_contains(const struct gt_land *l, double lat_deg, double lon_deg);

/* Is (lat, lon) on land: inside land and farther than
 * GT_LAND_COAST_SLACK_NM from every coastline, so GPS noise along a quay
 * is not flagged. */
int gt_land_on_land(const struct gt_land *l, double lat_deg, double lon_deg);

/* Number of coastline segments loaded. */
size_t gt_land_nsegments(const struct gt_land *l);

#endif /* GT_LAND_H */
