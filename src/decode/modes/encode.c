/*
 * encode.c - Mode S DF17 encoders (the inverse of the decoder).
 *
 * DF17 extended squitter of RTCA DO-260B section 2.2.3.2: aircraft
 * identification (2.2.3.2.5), airborne position with barometric altitude
 * (2.2.3.2.3, 25 ft Q-bit coding), surface position (2.2.3.2.4), airborne
 * velocity subtype 1 (2.2.3.2.6.1), Compact Position Reporting (Appendix A
 * A.1.7) and the 24-bit parity of ICAO Annex 10 Vol IV 3.1.2.3.3, computed
 * by the decoder's own gt_modes_crc24() (crc.c).
 */
#include <math.h>
#include <string.h>

#include "ghosttrack/encode.h"
#include "ghosttrack/modes.h"

static uint8_t u8(unsigned v)
{
    return (uint8_t)(v & 0xFFu);
}

/* The 56-bit ME field, filled most significant bit first: every DF17
 * message below writes exactly 56 bits, so one 64-bit word holds them. */
struct me {
    uint64_t v;
};

static void me_init(struct me *w)
{
    w->v = 0;
}

/* Append the low `width` bits of v. */
static void me_put(struct me *w, uint32_t v, unsigned width)
{
    w->v = (w->v << width) | ((uint64_t)v & ((1ull << width) - 1));
}

/* Assemble DF17 (CA = 5) with the 56 ME bits in me and append the parity
 * (the decoder's CRC-24, so the two can never disagree). */
static void df17_finish(uint32_t icao, const struct me *me, uint8_t out[GT_MODES_LONG])
{
    uint32_t pi;
    size_t i;

    out[0] = u8((17u << 3) | 5u);
    out[1] = u8(icao >> 16);
    out[2] = u8(icao >> 8);
    out[3] = u8(icao);
    for (i = 0; i < 7; i++) {
        out[4 + i] = u8((unsigned)(me->v >> (48 - 8 * i)));
    }
    pi = gt_modes_crc24(out, 11);
    out[11] = u8(pi >> 16);
    out[12] = u8(pi >> 8);
    out[13] = u8(pi);
}

/* ICAO Annex 10 six-bit callsign set: A-Z are 1..26, space 32, 0-9 48..57. */
static unsigned modes_char(char c)
{
    unsigned u = (unsigned)(unsigned char)c;

    if (u >= 'a' && u <= 'z') {
        u -= 32u;
    }
    if (u >= 'A' && u <= 'Z') {
        return u - 64u;
    }
    if (u >= '0' && u <= '9') {
        return u;
    }
    return 32;
}

int gt_encode_modes_ident(uint32_t icao, unsigned tc, unsigned cat, const char *callsign,
                          uint8_t out[GT_MODES_LONG])
{
    struct me w;
    size_t len = strlen(callsign), i;

    if (tc < 1 || tc > 4 || cat > 7) {
        return GT_ERR_INVAL;
    }
    me_init(&w);
    me_put(&w, tc, 5);
    me_put(&w, cat, 3);
    for (i = 0; i < 8; i++) {
        me_put(&w, i < len ? modes_char(callsign[i]) : 32u, 6);
    }
    df17_finish(icao, &w, out);
    return GT_OK;
}

#define CPR_NZ 15
#define PI_D   3.14159265358979323846

static double cpr_mod(double x, double y)
{
    return x - y * floor(x / y);
}

static uint32_t cpr_bits(double v, double bits)
{
    long long k = (long long)floor(bits * v + 0.5);
    return (uint32_t)(k & 0x1FFFF);
}

/* CPR with zone width span (360 airborne, 90 surface) and nb bits. */
static void cpr_encode(double lat, double lon, int odd, double span, double nb, uint32_t *yz,
                       uint32_t *xz)
{
    double i = odd ? 1.0 : 0.0;
    double dlat = span / (4.0 * CPR_NZ - i), dlon, rlat, scale = pow(2.0, nb);
    double yzr = floor(scale * cpr_mod(lat, dlat) / dlat + 0.5);
    int nl;

    rlat = dlat * (yzr / scale + floor(lat / dlat));
    nl = gt_modes_cpr_nl(rlat) - (odd ? 1 : 0);
    dlon = span / (nl > 0 ? nl : 1);
    *yz = cpr_bits(cpr_mod(lat, dlat) / dlat, scale);
    *xz = cpr_bits(cpr_mod(lon, dlon) / dlon, scale);
}

void gt_encode_modes_cpr(double lat_deg, double lon_deg, int odd, uint32_t *yz, uint32_t *xz)
{
    cpr_encode(lat_deg, lon_deg, odd, 360.0, 17.0, yz, xz);
}

int gt_encode_modes_airborne_pos(uint32_t icao, unsigned tc, unsigned ss, unsigned saf, int alt_ft,
                                 int odd, double lat_deg, double lon_deg,
                                 uint8_t out[GT_MODES_LONG])
{
    struct me w;
    uint32_t n, ac, yz, xz;

    if (tc < 9 || tc > 18 || ss > 3 || saf > 1) {
        return GT_ERR_INVAL;
    }
    n = gt_encode_clamp(((long long)alt_ft + 1000 + 12) / 25, 0, 2047);
    ac = ((n & 0x7F0u) << 1) | 0x10u | (n & 0xFu);
    gt_encode_modes_cpr(lat_deg, lon_deg, odd, &yz, &xz);
    me_init(&w);
    me_put(&w, tc, 5);
    me_put(&w, ss, 2);
    me_put(&w, saf, 1);
    me_put(&w, ac, 12);
    me_put(&w, 0, 1);
    me_put(&w, odd ? 1u : 0u, 1);
    me_put(&w, yz, 17);
    me_put(&w, xz, 17);
    df17_finish(icao, &w, out);
    return GT_OK;
}

/* Surface movement field (DO-260B Table 2-18): quantised ground speed. */
static uint32_t movement(double v)
{
    if (v < 0.125) {
        return 1;
    }
    if (v < 1) {
        return gt_encode_clamp(2 + (long long)floor((v - 0.125) / 0.125), 2, 8);
    }
    if (v < 2) {
        return gt_encode_clamp(9 + (long long)floor((v - 1) / 0.25), 9, 12);
    }
    if (v < 15) {
        return gt_encode_clamp(13 + (long long)floor((v - 2) / 0.5), 13, 38);
    }
    if (v < 70) {
        return gt_encode_clamp(39 + (long long)floor(v - 15), 39, 93);
    }
    if (v < 100) {
        return gt_encode_clamp(94 + (long long)floor((v - 70) / 2), 94, 108);
    }
    if (v < 175) {
        return gt_encode_clamp(109 + (long long)floor((v - 100) / 5), 109, 123);
    }
    return 124;
}

int gt_encode_modes_surface_pos(uint32_t icao, unsigned tc, double gs_kt, double track_deg, int odd,
                                double lat_deg, double lon_deg, uint8_t out[GT_MODES_LONG])
{
    struct me w;
    uint32_t yz, xz;

    if (tc < 5 || tc > 8) {
        return GT_ERR_INVAL;
    }
    cpr_encode(lat_deg, lon_deg, odd, 90.0, 19.0, &yz, &xz);
    me_init(&w);
    me_put(&w, tc, 5);
    me_put(&w, movement(gs_kt), 7);
    me_put(&w, track_deg < 0 ? 0u : 1u, 1);
    me_put(&w,
           track_deg < 0
               ? 0u
               : gt_encode_clamp(gt_encode_round(track_deg * 128.0 / 360.0), 0, 128) % 128u,
           7);
    me_put(&w, 0, 1);
    me_put(&w, odd ? 1u : 0u, 1);
    me_put(&w, yz, 17);
    me_put(&w, xz, 17);
    df17_finish(icao, &w, out);
    return GT_OK;
}

static uint32_t abs_u(int v)
{
    return (uint32_t)(v < 0 ? -(long long)v : (long long)v);
}

int gt_encode_modes_velocity(uint32_t icao, const struct gt_modes_vel *v,
                             uint8_t out[GT_MODES_LONG])
{
    struct me w;
    uint32_t vr = abs_u(v->vr_fpm), dalt = abs_u(v->gnss_baro_diff_ft);

    if (abs_u(v->v_ew_kt) > 1022 || abs_u(v->v_ns_kt) > 1022 || vr / 64 + 1 > 511 ||
        (dalt + 12) / 25 + 1 > 127) {
        return GT_ERR_RANGE;
    }
    me_init(&w);
    me_put(&w, 19, 5);
    me_put(&w, 1, 3);
    me_put(&w, v->intent_change, 1);
    me_put(&w, v->ifr, 1);
    me_put(&w, v->nuc, 3);
    me_put(&w, v->v_ew_kt < 0 ? 1u : 0u, 1);
    me_put(&w, abs_u(v->v_ew_kt) + 1, 10);
    me_put(&w, v->v_ns_kt < 0 ? 1u : 0u, 1);
    me_put(&w, abs_u(v->v_ns_kt) + 1, 10);
    me_put(&w, v->vr_src, 1);
    me_put(&w, v->vr_fpm < 0 ? 1u : 0u, 1);
    me_put(&w, (vr + 32) / 64 + 1, 9);
    me_put(&w, 0, 2);
    me_put(&w, v->gnss_baro_diff_ft < 0 ? 1u : 0u, 1);
    me_put(&w, dalt == 0 ? 0u : (dalt + 12) / 25 + 1, 7);
    df17_finish(icao, &w, out);
    return GT_OK;
}
