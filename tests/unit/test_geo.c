/*
 * test_geo.c - spherical geodesy against published worked examples.
 *
 * Vectors: Chris Veness, "Calculate distance, bearing and more between
 * Latitude/Longitude points" (movable-type.co.uk), worked examples on a
 * 6,371 km sphere: Land's End -> John o'Groats 968.9 km, initial bearing
 * 009 deg 07' 11"; destination from 53 19 14N 001 43 47W on 096 01 18 for
 * 124.8 km is 53 11 18N 000 08 00E.  Equator arcs are exact: one degree is
 * R * pi / 180 = 111,195.080 m for R = 6,371,008.8 m.
 */
#include "ghosttrack/geo.h"
#include "test.h"

#define DEG_M 111195.08023353292 /* one degree of arc, metres */

static double dms(int d, int m, int s)
{
    return d + m / 60.0 + s / 3600.0;
}

static void test_distance_known(void)
{
    struct gt_latlon le = {dms(50, 3, 59), -dms(5, 42, 53)};
    struct gt_latlon jog = {dms(58, 38, 38), -dms(3, 4, 12)};
    struct gt_latlon o = {0, 0}, e1 = {0, 1}, np = {90, 0};

    GT_ASSERT_DBL_NEAR(gt_geo_distance_m(le, jog) / 1000.0, 968.9, 0.1);
    GT_ASSERT_DBL_NEAR(gt_geo_distance_m(o, e1), DEG_M, 1e-6);
    GT_ASSERT_DBL_NEAR(gt_geo_distance_m(o, np), 90 * DEG_M, 1e-3);
    GT_ASSERT_DBL_NEAR(gt_geo_distance_m(le, le), 0.0, 1e-9);
    /* antipodes: half the circumference, no NaN */
    {
        struct gt_latlon a = {10, 20}, b = {-10, -160};
        GT_ASSERT_DBL_NEAR(gt_geo_distance_m(a, b), 180 * DEG_M,
                           1.0); /* haversine loses digits here */
    }
    /* across the antimeridian: 179.5E to 179.5W is one degree */
    {
        struct gt_latlon a = {0, 179.5}, b = {0, -179.5};
        GT_ASSERT_DBL_NEAR(gt_geo_distance_m(a, b), DEG_M, 1e-6);
    }
}

static void test_bearing_known(void)
{
    struct gt_latlon le = {dms(50, 3, 59), -dms(5, 42, 53)};
    struct gt_latlon jog = {dms(58, 38, 38), -dms(3, 4, 12)};
    struct gt_latlon o = {0, 0}, n = {1, 0}, e = {0, 1}, w = {0, -1}, s = {-1, 0};

    GT_ASSERT_DBL_NEAR(gt_geo_bearing_deg(le, jog), dms(9, 7, 11), 1.0 / 3600);
    GT_ASSERT_DBL_NEAR(gt_geo_bearing_deg(o, n), 0.0, 1e-9);
    GT_ASSERT_DBL_NEAR(gt_geo_bearing_deg(o, e), 90.0, 1e-9);
    GT_ASSERT_DBL_NEAR(gt_geo_bearing_deg(o, s), 180.0, 1e-9);
    GT_ASSERT_DBL_NEAR(gt_geo_bearing_deg(o, w), 270.0, 1e-9);
}

static void test_destination_known(void)
{
    struct gt_latlon a = {dms(53, 19, 14), -dms(1, 43, 47)}, d;

    d = gt_geo_destination(a, dms(96, 1, 18), 124800.0 * GT_EARTH_RADIUS_M / 6371000.0);
    GT_ASSERT_DBL_NEAR(d.lat_deg, dms(53, 11, 18), 1.0 / 3600);
    GT_ASSERT_DBL_NEAR(d.lon_deg, dms(0, 8, 0), 1.0 / 3600);
    /* round trip: going back the reverse bearing returns to the start */
    {
        struct gt_latlon b = gt_geo_destination(a, 37.0, 500000.0), c;
        double back = gt_geo_bearing_deg(b, a);
        c = gt_geo_destination(b, back, gt_geo_distance_m(b, a));
        GT_ASSERT_DBL_NEAR(gt_geo_distance_m(a, c), 0.0, 1e-3);
        GT_ASSERT_DBL_NEAR(gt_geo_distance_m(a, b), 500000.0, 1e-3);
    }
    /* crossing the antimeridian wraps the longitude */
    {
        struct gt_latlon e = {0, 179.5};
        d = gt_geo_destination(e, 90.0, DEG_M);
        GT_ASSERT_DBL_NEAR(d.lon_deg, -179.5, 1e-9);
    }
}

static void test_cross_along_track(void)
{
    struct gt_latlon a = {0, 0}, b = {0, 10}, p = {1, 5}, q = {-2, 3}, on = {0, 7};

    /* north of an eastbound equator track is to its left: negative */
    GT_ASSERT_DBL_NEAR(gt_geo_cross_track_m(p, a, b), -DEG_M, 1e-3);
    GT_ASSERT_DBL_NEAR(gt_geo_cross_track_m(q, a, b), 2 * DEG_M, 1e-3);
    GT_ASSERT_DBL_NEAR(gt_geo_cross_track_m(on, a, b), 0.0, 1e-6);
    GT_ASSERT_DBL_NEAR(gt_geo_along_track_m(p, a, b), 5 * DEG_M, 1e-3);
    GT_ASSERT_DBL_NEAR(gt_geo_along_track_m(on, a, b), 7 * DEG_M, 1e-3);
    {
        struct gt_latlon behind = {0.5, -2};
        GT_ASSERT_DBL_NEAR(gt_geo_along_track_m(behind, a, b), -2 * DEG_M, 50.0);
    }
}

static void test_polyline_distance(void)
{
    struct gt_latlon line[] = {{0, 0}, {0, 10}, {10, 10}};
    struct gt_latlon p = {1, 5}, before = {0, -3}, corner = {-1, 11}, lone = {3, 4};

    GT_ASSERT_DBL_NEAR(gt_geo_polyline_distance_m(p, line, 3), DEG_M, 1e-3);
    GT_ASSERT_DBL_NEAR(gt_geo_polyline_distance_m(before, line, 3), 3 * DEG_M, 1e-3);
    /* beyond the corner: nearest is the vertex (0, 10) */
    GT_ASSERT_DBL_NEAR(gt_geo_polyline_distance_m(corner, line, 3),
                       gt_geo_distance_m(corner, line[1]), 1e-6);
    /* second segment runs north along 10E: (5, 9) is one degree of longitude
     * at 5N away (cos 5 deg), measured on the great circle */
    {
        struct gt_latlon q = {5, 9};
        GT_ASSERT_DBL_NEAR(gt_geo_polyline_distance_m(q, line, 3), DEG_M * 0.99619, 30.0);
    }
    GT_ASSERT_DBL_NEAR(gt_geo_polyline_distance_m(lone, line, 1), gt_geo_distance_m(lone, line[0]),
                       1e-9);
    GT_ASSERT_DBL_NEAR(gt_geo_polyline_distance_m(lone, line, 0), -1.0, 0);
}

static void test_point_in_polygon(void)
{
    /* a U shape (concave): the notch between the arms is outside */
    struct gt_latlon u[] = {{0, 0},   {0, 30},  {30, 30}, {30, 20}, {10, 20},
                            {10, 10}, {30, 10}, {30, 0},  {0, 0}};
    struct gt_latlon in_base = {5, 15}, in_arm = {20, 5}, notch = {20, 15}, out = {40, 15};

    GT_ASSERT_EQ_INT(gt_geo_point_in_polygon(in_base, u, 9), 1);
    GT_ASSERT_EQ_INT(gt_geo_point_in_polygon(in_arm, u, 9), 1);
    GT_ASSERT_EQ_INT(gt_geo_point_in_polygon(notch, u, 9), 0);
    GT_ASSERT_EQ_INT(gt_geo_point_in_polygon(out, u, 9), 0);
    GT_ASSERT_EQ_INT(gt_geo_point_in_polygon(in_base, u, 8), 1); /* ring left open */
    GT_ASSERT_EQ_INT(gt_geo_point_in_polygon(in_base, u, 2), 0); /* degenerate */
}

static void test_norm_lon(void)
{
    GT_ASSERT_DBL_NEAR(gt_geo_norm_lon(190.0), -170.0, 1e-9);
    GT_ASSERT_DBL_NEAR(gt_geo_norm_lon(-190.0), 170.0, 1e-9);
    GT_ASSERT_DBL_NEAR(gt_geo_norm_lon(180.0), -180.0, 1e-9);
    GT_ASSERT_DBL_NEAR(gt_geo_norm_lon(45.0), 45.0, 1e-9);
    GT_ASSERT_DBL_NEAR(gt_geo_norm_lon(720.5), 0.5, 1e-9);
}

/* The fast distance agrees with the haversine one at short range (one
 * minute of latitude is a nautical mile; 10 km east at 60 N), wraps at the
 * antimeridian and is zero between equal points. */
static void test_fast_km(void)
{
    struct gt_latlon a = {60.0, 10.0}, b = {60.05, 10.12};
    double hav = gt_geo_distance_m(a, b) / 1000.0;

    GT_ASSERT_DBL_NEAR(gt_geo_fast_km(0.0, 0.0, 1.0 / 60.0, 0.0), 1.853, 0.001);
    GT_ASSERT_DBL_NEAR(gt_geo_fast_km(a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg), hav, hav * 1e-3);
    GT_ASSERT_DBL_NEAR(gt_geo_fast_km(10.0, 179.99, 10.0, -179.99),
                       gt_geo_fast_km(10.0, -0.01, 10.0, 0.01), 1e-9);
    GT_ASSERT(gt_geo_fast_km(10.0, 179.99, 10.0, -179.99) < 2.3);
    GT_ASSERT_DBL_NEAR(gt_geo_fast_km(45.0, 45.0, 45.0, 45.0), 0.0, 1e-12);
}

GT_TEST_MAIN({"distance_known", test_distance_known}, {"bearing_known", test_bearing_known},
             {"destination_known", test_destination_known},
             {"cross_along_track", test_cross_along_track},
             {"polyline_distance", test_polyline_distance},
             {"point_in_polygon", test_point_in_polygon}, {"norm_lon", test_norm_lon},
             {"fast_km", test_fast_km})
