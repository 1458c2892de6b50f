/*
 * cpr.c - Compact Position Reporting (RTCA DO-260B Appendix A.1.7).
 *
 * Airborne positions use 360-degree zones, surface positions 90-degree zones
 * (A.1.7.4 and A.1.7.8).  Global decoding combines one even and one odd
 * frame (A.1.7.7 airborne, A.1.7.8 surface: four candidate solutions, the
 * one nearest a reference is taken); local decoding resolves one frame
 * against a reference position within half a zone (A.1.7.5/6).  Pairs that
 * straddle a longitude-zone boundary (NL of the two latitudes differs) and
 * latitudes beyond the poles are rejected rather than guessed.
 */
#include <math.h>

#include "ghosttrack/modes.h"

/* nl_lat[k]: latitudes below which NL = 59 - k (k = 0..57), from the NL
 * formula of DO-260B A.1.7.2d; NL = 1 at or above 87 degrees. */
static const double nl_lat[58] = {
    10.47047129997, 14.82817436869, 18.18626357071, 21.02939492603, 23.54504486557, 25.82924707059,
    27.93898710122, 29.91135685732, 31.77209707681, 33.53993436298, 35.22899597796, 36.85025107594,
    38.41241892412, 39.92256684334, 41.38651832260, 42.80914012244, 44.19454951419, 45.54626722660,
    46.86733252499, 48.16039128097, 49.42776439256, 50.67150165554, 51.89342469169, 53.09516152796,
    54.27817472273, 55.44378444495, 56.59318756206, 57.72747353866, 58.84763776148, 59.95459276694,
    61.04917774246, 62.13216659210, 63.20427479382, 64.26616522567, 65.31845309682, 66.36171008383,
    67.39646774085, 68.42322022083, 69.44242631144, 70.45451074988, 71.45986473029, 72.45884544729,
    73.45177441668, 74.43893415725, 75.42056256653, 76.39684390794, 77.36789461328, 78.33374082923,
    79.29428225457, 80.24923213281, 81.19801349272, 82.13956980511, 83.07199444720, 83.99173562981,
    84.89166190702, 85.75541620944, 86.53536997512, 87.00000000000,
};

#define CPR_SCALE 131072.0 /* 2^17 */

int gt_modes_cpr_nl(double lat)
{
    int lo = 0, hi = 58;

    lat = fabs(lat);
    if (lat >= 87.0) {
        return 1;
    }
    /* first k with lat < nl_lat[k] */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (lat < nl_lat[mid]) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return 59 - lo;
}

/* Positive modulo. */
static double pmod(double x, double y)
{
    double r = x - y * floor(x / y);
    return r < 0 ? r + y : r;
}

static double u17(uint32_t v)
{
    return (double)(v & 0x1ffffu);
}

static double wrap180(double lon)
{
    lon = pmod(lon + 180.0, 360.0) - 180.0;
    return lon;
}

static int max1(int v)
{
    return v < 1 ? 1 : v;
}

/* Longitude of the pair for latitude rlat; zone width `span` (360 or 90). */
static double pair_lon(double rlat, double lon0, double lon1, int odd, double span)
{
    int nl = gt_modes_cpr_nl(rlat);
    int ni = max1(nl - odd);
    double m = floor((lon0 * (nl - 1) - lon1 * nl) / CPR_SCALE + 0.5);

    return (span / ni) * (pmod(m, ni) + (odd ? lon1 : lon0) / CPR_SCALE);
}

int gt_modes_cpr_global_air(uint32_t elat, uint32_t elon, uint32_t olat, uint32_t olon, int odd,
                            double *lat_deg, double *lon_deg)
{
    double lat0 = u17(elat), lat1 = u17(olat), lon0 = u17(elon), lon1 = u17(olon);
    double j = floor((59.0 * lat0 - 60.0 * lat1) / CPR_SCALE + 0.5);
    double rlat0 = (360.0 / 60.0) * (pmod(j, 60.0) + lat0 / CPR_SCALE);
    double rlat1 = (360.0 / 59.0) * (pmod(j, 59.0) + lat1 / CPR_SCALE);
    double rlat;

    if (rlat0 >= 270.0) {
        rlat0 -= 360.0;
    }
    if (rlat1 >= 270.0) {
        rlat1 -= 360.0;
    }
    if (rlat0 < -90.0 || rlat0 > 90.0 || rlat1 < -90.0 || rlat1 > 90.0) {
        return GT_ERR_BADDATA;
    }
    if (gt_modes_cpr_nl(rlat0) != gt_modes_cpr_nl(rlat1)) {
        return GT_ERR_BADDATA;
    }
    rlat = odd ? rlat1 : rlat0;
    *lat_deg = rlat;
    *lon_deg = wrap180(pair_lon(rlat, lon0, lon1, odd ? 1 : 0, 360.0));
    return GT_OK;
}

/* Distance between two longitudes, degrees, in [0, 180]. */
static double lon_dist(double a, double b)
{
    double d = fabs(wrap180(a - b));
    return d;
}

int gt_modes_cpr_global_surface(double ref_lat, double ref_lon, uint32_t elat, uint32_t elon,
                                uint32_t olat, uint32_t olon, int odd, double *lat_deg,
                                double *lon_deg)
{
    double lat0 = u17(elat), lat1 = u17(olat), lon0 = u17(elon), lon1 = u17(olon);
    double j = floor((59.0 * lat0 - 60.0 * lat1) / CPR_SCALE + 0.5);
    double rlat0 = (90.0 / 60.0) * (pmod(j, 60.0) + lat0 / CPR_SCALE);
    double rlat1 = (90.0 / 59.0) * (pmod(j, 59.0) + lat1 / CPR_SCALE);
    double best_lat = 0, best_d = 1e9, base, lon, best_lon = 0;
    int k;

    /* rlat0/rlat1 lie in [0, 90): the northern solution; the southern one
     * is 90 degrees lower, and 0 also stands for the north pole.  Take the
     * candidate nearest the reference latitude. */
    {
        double n0 = rlat0, n1 = rlat1;
        for (k = -1; k <= 1; k++) {
            double c0 = n0 + 90.0 * k, c1 = n1 + 90.0 * k, c = odd ? c1 : c0;
            if (c < -90.0 || c > 90.0 || c0 < -90.0 || c0 > 90.0 || c1 < -90.0 || c1 > 90.0) {
                continue;
            }
            if (fabs(c - ref_lat) < best_d) {
                best_d = fabs(c - ref_lat);
                best_lat = c;
                rlat0 = c0;
                rlat1 = c1;
            }
        }
    }
    if (best_d > 1e8) {
        return GT_ERR_BADDATA;
    }
    if (gt_modes_cpr_nl(rlat0) != gt_modes_cpr_nl(rlat1)) {
        return GT_ERR_BADDATA;
    }
    base = pair_lon(best_lat, lon0, lon1, odd ? 1 : 0, 90.0);
    best_d = 1e9;
    for (k = 0; k < 4; k++) {
        lon = wrap180(base + 90.0 * k);
        if (lon_dist(lon, ref_lon) < best_d) {
            best_d = lon_dist(lon, ref_lon);
            best_lon = lon;
        }
    }
    *lat_deg = best_lat;
    *lon_deg = best_lon;
    return GT_OK;
}

int gt_modes_cpr_local(double ref_lat, double ref_lon, uint32_t lat, uint32_t lon, int odd,
                       int surface, double *lat_deg, double *lon_deg)
{
    double span = surface ? 90.0 : 360.0;
    double dlat = span / (odd ? 59.0 : 60.0);
    double fl = u17(lat) / CPR_SCALE, fo = u17(lon) / CPR_SCALE;
    double j = floor(ref_lat / dlat) + floor(0.5 + pmod(ref_lat, dlat) / dlat - fl);
    double rlat = dlat * (j + fl);
    double dlon, m, rlon;
    int ni;

    if (rlat < -90.0 || rlat > 90.0 || fabs(rlat - ref_lat) > dlat / 2.0) {
        return GT_ERR_BADDATA;
    }
    ni = max1(gt_modes_cpr_nl(rlat) - (odd ? 1 : 0));
    dlon = span / ni;
    m = floor(ref_lon / dlon) + floor(0.5 + pmod(ref_lon, dlon) / dlon - fo);
    rlon = dlon * (m + fo);
    if (lon_dist(rlon, ref_lon) > dlon / 2.0) {
        return GT_ERR_BADDATA;
    }
    *lat_deg = rlat;
    *lon_deg = wrap180(rlon);
    return GT_OK;
}
