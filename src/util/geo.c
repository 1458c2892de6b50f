/*
 * geo.c - spherical geodesy (see geo.h).
 *
 * Formulas: haversine distance; initial bearing atan2(sin dlon cos lat2,
 * cos lat1 sin lat2 - sin lat1 cos lat2 cos dlon); destination and cross- and
 * along-track distance from the Aviation Formulary (Ed Williams).
 */
#include "ghosttrack/geo.h"

#include <math.h>

#define PI 3.14159265358979323846

static double rad(double deg)
{
    return deg * (PI / 180.0);
}

static double deg(double r)
{
    return r * (180.0 / PI);
}

double gt_geo_norm_lon(double lon_deg)
{
    double l = fmod(lon_deg + 180.0, 360.0);
    if (l < 0) {
        l += 360.0;
    }
    return l - 180.0;
}

double gt_geo_distance_m(struct gt_latlon a, struct gt_latlon b)
{
    double p1 = rad(a.lat_deg), p2 = rad(b.lat_deg);
    double dp = p2 - p1, dl = rad(b.lon_deg - a.lon_deg);
    double h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);

    if (h > 1.0) {
        h = 1.0;
    }
    return 2.0 * GT_EARTH_RADIUS_M * atan2(sqrt(h), sqrt(1.0 - h));
}

double gt_geo_bearing_deg(struct gt_latlon a, struct gt_latlon b)
{
    double p1 = rad(a.lat_deg), p2 = rad(b.lat_deg), dl = rad(b.lon_deg - a.lon_deg);
    double y = sin(dl) * cos(p2);
    double x = cos(p1) * sin(p2) - sin(p1) * cos(p2) * cos(dl);
    double t = deg(atan2(y, x));

    t = fmod(t + 360.0, 360.0);
    return t >= 360.0 ? 0.0 : t;
}

struct gt_latlon gt_geo_destination(struct gt_latlon a, double bearing_deg, double dist_m)
{
    double d = dist_m / GT_EARTH_RADIUS_M, th = rad(bearing_deg);
    double p1 = rad(a.lat_deg), l1 = rad(a.lon_deg);
    double sp2 = sin(p1) * cos(d) + cos(p1) * sin(d) * cos(th);
    double p2, l2;
    struct gt_latlon r;

    if (sp2 > 1.0) {
        sp2 = 1.0;
    } else if (sp2 < -1.0) {
        sp2 = -1.0;
    }
    p2 = asin(sp2);
    l2 = l1 + atan2(sin(th) * sin(d) * cos(p1), cos(d) - sin(p1) * sp2);
    r.lat_deg = deg(p2);
    r.lon_deg = gt_geo_norm_lon(deg(l2));
    return r;
}

double gt_geo_cross_track_m(struct gt_latlon p, struct gt_latlon a, struct gt_latlon b)
{
    double d13 = gt_geo_distance_m(a, p) / GT_EARTH_RADIUS_M;
    double t13 = rad(gt_geo_bearing_deg(a, p)), t12 = rad(gt_geo_bearing_deg(a, b));
    double s = sin(d13) * sin(t13 - t12);

    if (s > 1.0) {
        s = 1.0;
    } else if (s < -1.0) {
        s = -1.0;
    }
    return asin(s) * GT_EARTH_RADIUS_M;
}

double gt_geo_along_track_m(struct gt_latlon p, struct gt_latlon a, struct gt_latlon b)
{
    double d13 = gt_geo_distance_m(a, p) / GT_EARTH_RADIUS_M;
    double t13 = rad(gt_geo_bearing_deg(a, p)), t12 = rad(gt_geo_bearing_deg(a, b));
    double dxt = asin(sin(d13) * sin(t13 - t12));
    double c = cos(dxt), r;

    if (fabs(c) < 1e-15) { /* p is a pole of the great circle: every point is as close */
        return 0.0;
    }
    r = cos(d13) / c;
    if (r > 1.0) {
        r = 1.0;
    } else if (r < -1.0) {
        r = -1.0;
    }
    return acos(r) * GT_EARTH_RADIUS_M * (cos(t12 - t13) < 0 ? -1.0 : 1.0);
}

double gt_geo_segment_distance_m(struct gt_latlon p, struct gt_latlon a, struct gt_latlon b)
{
    double len = gt_geo_distance_m(a, b), at, da, db;

    if (len < 1e-3) {
        return gt_geo_distance_m(p, a);
    }
    at = gt_geo_along_track_m(p, a, b);
    if (at > 0 && at < len) {
        return fabs(gt_geo_cross_track_m(p, a, b));
    }
    da = gt_geo_distance_m(p, a);
    db = gt_geo_distance_m(p, b);
    return da < db ? da : db;
}

double gt_geo_polyline_distance_m(struct gt_latlon p, const struct gt_latlon *pts, size_t n)
{
    double best;
    size_t i;

    if (n == 0) {
        return -1.0;
    }
    best = gt_geo_distance_m(p, pts[0]);
    for (i = 1; i < n; i++) {
        double d = gt_geo_segment_distance_m(p, pts[i - 1], pts[i]);
        if (d < best) {
            best = d;
        }
    }
    return best;
}

int gt_geo_point_in_polygon(struct gt_latlon p, const struct gt_latlon *pts, size_t n)
{
    size_t i, j;
    int inside = 0;

    if (n < 3) {
        return 0;
    }
    for (i = 0, j = n - 1; i < n; j = i++) {
        double yi = pts[i].lat_deg, yj = pts[j].lat_deg;
        double xi = pts[i].lon_deg, xj = pts[j].lon_deg;
        if ((yi > p.lat_deg) != (yj > p.lat_deg) &&
            p.lon_deg < (xj - xi) * (p.lat_deg - yi) / (yj - yi) + xi) {
            inside = !inside;
        }
    }
    return inside;
}

/* cos(x) for |x| <= pi/2 by its Taylor series to x^10 (error < 5e-7):
 * gt_geo_fast_km() is called for every position. */
static double cos_poly(double x)
{
    double x2 = x * x;
    return 1.0 -
           x2 / 2.0 * (1.0 - x2 / 12.0 * (1.0 - x2 / 30.0 * (1.0 - x2 / 56.0 * (1.0 - x2 / 90.0))));
}

double gt_geo_fast_km(double lat1, double lon1, double lat2, double lon2)
{
    const double k = PI / 180.0;
    double dlon = lon2 - lon1, x, y;

    if (dlon > 180.0) {
        dlon -= 360.0;
    } else if (dlon < -180.0) {
        dlon += 360.0;
    }
    x = dlon * k * cos_poly((lat1 + lat2) * 0.5 * k);
    y = (lat2 - lat1) * k;
    return sqrt(x * x + y * y) * (GT_EARTH_RADIUS_M / 1000.0);
}
