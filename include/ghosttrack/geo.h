/*
 * geo.h - spherical geodesy for tracks and detectors.
 *
 * All maths is on a sphere of radius GT_EARTH_RADIUS_M (the IUGG mean
 * radius, 6,371,008.8 m).  Against the WGS-84 ellipsoid the error is at most
 * about 0.5 %, which is far below what any detector threshold resolves; the
 * formulas are those of Ed Williams' Aviation Formulary and Chris Veness'
 * "Movable Type" notes.  Angles are degrees, distances metres; latitude is
 * north-positive, longitude east-positive in [-180, 180].
 */
#ifndef GT_GEO_H
#define GT_GEO_H

#include <stddef.h>

#define GT_EARTH_RADIUS_M 6371008.8
#define GT_NM_M           1852.0            /* one international nautical mile, metres */
#define GT_KN_MS          (1852.0 / 3600.0) /* one knot in metres per second */
#define GT_FT_M           0.3048            /* one foot, metres */

/* A position.  Plain data: callers fill and copy it freely. */
struct gt_latlon {
    double lat_deg; /* latitude, degrees, north positive, [-90, 90] */
    double lon_deg; /* longitude, degrees, east positive, [-180, 180] */
};

/* Return the great-circle (haversine) distance from a to b, in metres. */
double gt_geo_distance_m(struct gt_latlon a, struct gt_latlon b);

/* Return the initial bearing from a towards b, degrees clockwise from true
 * north in [0, 360).  Coincident points give 0. */
double gt_geo_bearing_deg(struct gt_latlon a, struct gt_latlon b);

/* Return the point reached from a after dist_m along the great circle that
 * starts on bearing_deg.  The longitude is normalised to [-180, 180). */
struct gt_latlon gt_geo_destination(struct gt_latlon a, double bearing_deg, double dist_m);

/* Return the signed distance in metres from p to the great circle through a
 * and b: negative left of the direction a->b, positive right. */
double gt_geo_cross_track_m(struct gt_latlon p, struct gt_latlon a, struct gt_latlon b);

/* Return the distance in metres from a, along the great circle a->b, to the
 * point on it closest to p (negative when that point lies behind a). */
double gt_geo_along_track_m(struct gt_latlon p, struct gt_latlon a, struct gt_latlon b);

/* Return the shortest distance in metres from p to the segment a-b (the
 * cross-track distance when p projects inside the segment, otherwise the
 * distance to the nearer end). */
double gt_geo_segment_distance_m(struct gt_latlon p, struct gt_latlon a, struct gt_latlon b);

/* Return the shortest distance in metres from p to the polyline pts[0..n-1];
 * a single point gives the point distance; n == 0 gives -1. */
double gt_geo_polyline_distance_m(struct gt_latlon p, const struct gt_latlon *pts, size_t n);

/* Return 1 if p lies inside the polygon ring pts[0..n-1] (closed or not,
 * even-odd rule, edges treated in plain lon/lat), 0 otherwise.  Rings that
 * cross the antimeridian must be split by the caller, as Natural Earth and
 * GeoJSON (RFC 7946 section 3.1.9) already do. */
int gt_geo_point_in_polygon(struct gt_latlon p, const struct gt_latlon *pts, size_t n);

/* Return lon normalised to [-180, 180). */
double gt_geo_norm_lon(double lon_deg);

/* Fast distance in km between two nearby positions: the equirectangular
 * approximation with cos(mean latitude) from a short series, for loops over
 * every position (segmenting, detectors).  Longitude differences wrap at the
 * antimeridian.  Exact enough below ~100 km away from the poles; not for
 * long distances. */
double gt_geo_fast_km(double lat1, double lon1, double lat2, double lon2);

#endif /* GT_GEO_H */
