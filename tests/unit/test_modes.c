/*
 * test_modes.c - Mode S decoder: CRC and repair, altitude/identity codes,
 * every DF, ADS-B type code and Comm-B register decoded here, built from the
 * specifications with an encoder below (ICAO Annex 10 Vol IV 3.1.2; RTCA
 * DO-260B 2.2.3.2; ICAO Doc 9871 Comm-B tables), plus a few published
 * examples from "The 1090 MHz Riddle" (J. Sun, mode-s.org) cited inline.
 * Framing, CPR and the state table have their own files.
 */
#include <stdint.h>
#include <string.h>

#include "ghosttrack/modes.h"
#include "test.h"

/* ---- a small encoder: set bits 1-based like the spec tables ------------- */

static void put(uint8_t *m, int first, int last, uint32_t v)
{
    int i;
    for (i = last; i >= first; i--) {
        int byte = (i - 1) / 8, bit = 7 - (i - 1) % 8;
        if (v & 1u) {
            m[byte] = (uint8_t)(m[byte] | (1u << bit));
        } else {
            m[byte] = (uint8_t)(m[byte] & ~(1u << bit));
        }
        v >>= 1;
    }
}

/* ME/MB field bits (1..56) */
static void me(uint8_t *m, int first, int last, uint32_t v)
{
    put(m, first + 32, last + 32, v);
}

static void seal(uint8_t *m, int nbits, uint32_t ap)
{
    int k = nbits / 8 - 3;
    uint32_t c = gt_modes_crc(m, nbits) ^ ap;
    m[k] = (uint8_t)(c >> 16);
    m[k + 1] = (uint8_t)(c >> 8);
    m[k + 2] = (uint8_t)c;
}

static void df17(uint8_t *m, uint32_t addr, int tc)
{
    memset(m, 0, 14);
    put(m, 1, 5, 17);
    put(m, 6, 8, 5);
    put(m, 9, 32, addr);
    me(m, 1, 5, (uint32_t)tc);
}

static struct gt_modes_msg dec(const uint8_t *m, size_t n)
{
    struct gt_modes_msg r;
    GT_ASSERT_EQ_INT(gt_modes_decode(m, n, NULL, NULL, NULL, &r), GT_OK);
    return r;
}

static int hex(const char *h, uint8_t *out)
{
    size_t n = strlen(h) / 2, i;
    for (i = 0; i < n; i++) {
        unsigned v;
        sscanf(h + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
    return (int)n;
}

/* ---- CRC ------------------------------------------------------------------ */

static void test_crc_riddle(void)
{
    /* The 1090 MHz Riddle, "CRC" chapter: 8D406B902015A678D4D220AA4BDA has
     * parity AA4BDA equal to the CRC of its 88 data bits. */
    uint8_t m[14];
    hex("8D406B902015A678D4D220AA4BDA", m);
    GT_ASSERT_EQ_INT(gt_modes_crc(m, 112), 0xAA4BDA);
    GT_ASSERT_EQ_INT(gt_modes_syndrome(m, 112), 0);
}

static void test_crc_fix_every_bit(void)
{
    uint8_t m[14], b[14];
    int i;
    hex("8D406B902015A678D4D220AA4BDA", m);
    for (i = 5; i < 112; i++) {
        struct gt_modes_msg r;
        memcpy(b, m, 14);
        b[i / 8] = (uint8_t)(b[i / 8] ^ (0x80u >> (i % 8)));
        GT_ASSERT_EQ_INT(gt_modes_decode(b, 14, NULL, NULL, NULL, &r), GT_OK);
        GT_ASSERT_EQ_INT(r.corrected, 1);
        GT_ASSERT(memcmp(r.raw, m, 14) == 0);
        GT_ASSERT_EQ_STR(r.callsign, "EZY85MH");
    }
}

static void test_crc_df_field_protected(void)
{
    /* a flipped DF bit turns DF17 into DF25 (treated as DF24): no repair */
    uint8_t m[14];
    struct gt_modes_msg r;
    hex("8D406B902015A678D4D220AA4BDA", m);
    m[0] ^= 0x40; /* DF 17 -> 25 */
    GT_ASSERT_EQ_INT(gt_modes_decode(m, 14, NULL, NULL, NULL, &r), GT_OK);
    GT_ASSERT_EQ_INT(r.df, 24);
    GT_ASSERT_EQ_INT(r.addr_kind, GT_MODES_ADDR_AP);
    hex("8D406B902015A678D4D220AA4BDA", m);
    m[0] ^= 0x08; /* DF 17 -> 16, a different length class: AP, unconfirmed */
    GT_ASSERT_EQ_INT(gt_modes_decode(m, 14, NULL, NULL, NULL, &r), GT_OK);
    GT_ASSERT_EQ_INT(r.df, 16);
}

static int known_none(void *ctx, uint32_t a)
{
    (void)ctx;
    (void)a;
    return 0;
}

static void test_df_field_repair(void)
{
    /* DF17 with DF bit 2 flipped reads DF21 (an AP format): with the
     * address unknown it is repaired back to DF17 */
    uint8_t m[14];
    struct gt_modes_msg r;
    struct gt_modes_opts off = {0, 0, 0};
    hex("8D406B902015A678D4D220AA4BDA", m);
    m[0] ^= 0x20; /* 10001 -> 10101 = DF21 */
    GT_ASSERT_EQ_INT(gt_modes_decode(m, 14, NULL, known_none, NULL, &r), GT_OK);
    GT_ASSERT_EQ_INT(r.df, 17);
    GT_ASSERT_EQ_INT(r.corrected, 1);
    GT_ASSERT_EQ_STR(r.callsign, "EZY85MH");
    GT_ASSERT_EQ_INT(gt_modes_decode(m, 14, &off, known_none, NULL, &r), GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(r.reject, GT_MODES_REJ_UNKNOWN_AP);
    /* DF17 -> DF1 (invalid DF) is repaired too */
    hex("8D406B902015A678D4D220AA4BDA", m);
    m[0] ^= 0x80;
    GT_ASSERT_EQ_INT(gt_modes_decode(m, 14, NULL, NULL, NULL, &r), GT_OK);
    GT_ASSERT_EQ_INT(r.df, 17);
}

static void test_crc_two_bits(void)
{
    uint8_t m[14];
    struct gt_modes_msg r;
    struct gt_modes_opts two = {2, 0, 0}, off = {0, 0, 0};
    hex("8D406B902015A678D4D220AA4BDA", m);
    m[5] ^= 0x10;
    m[9] ^= 0x01;
    GT_ASSERT_EQ_INT(gt_modes_decode(m, 14, NULL, NULL, NULL, &r), GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(r.reject, GT_MODES_REJ_CRC);
    GT_ASSERT_EQ_INT(gt_modes_decode(m, 14, &two, NULL, NULL, &r), GT_OK);
    GT_ASSERT_EQ_INT(r.corrected, 2);
    GT_ASSERT_EQ_STR(r.callsign, "EZY85MH");
    m[5] ^= 0x10;
    GT_ASSERT_EQ_INT(gt_modes_decode(m, 14, &off, NULL, NULL, &r), GT_ERR_BADDATA);
}

static void test_df11_iid(void)
{
    uint8_t m[7] = {0};
    struct gt_modes_msg r;
    put(m, 1, 5, 11);
    put(m, 6, 8, 5);
    put(m, 9, 32, 0x4840D6);
    seal(m, 56, 0x23); /* interrogator code 0x23 in the parity */
    r = dec(m, 7);
    GT_ASSERT_EQ_INT(r.addr, 0x4840D6);
    GT_ASSERT_EQ_INT(r.iid, 0x23);
    GT_ASSERT_EQ_INT(r.ca, 5);
    GT_ASSERT_EQ_INT(r.on_ground, 0);
    seal(m, 56, 0x1234); /* beyond 7 bits: not an IID, not a 1-bit error */
    GT_ASSERT_EQ_INT(gt_modes_decode(m, 7, NULL, NULL, NULL, &r), GT_ERR_BADDATA);
}

/* ---- codes -------------------------------------------------------------- */

static void test_ac13(void)
{
    int32_t ft;
    GT_ASSERT_EQ_INT(gt_modes_ac13_ft(0x1228, &ft), GT_OK); /* Gillham 12300 ft */
    GT_ASSERT_EQ_INT(ft, 12300);
    GT_ASSERT_EQ_INT(gt_modes_ac13_ft(0x0400, &ft), GT_OK); /* C2 only: -1000 ft */
    GT_ASSERT_EQ_INT(ft, -1000);
    GT_ASSERT_EQ_INT(gt_modes_ac13_ft(0x1CA1, &ft), GT_OK);
    GT_ASSERT_EQ_INT(ft, 35100);
    GT_ASSERT_EQ_INT(gt_modes_ac13_ft(0, &ft), GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(gt_modes_ac13_ft(0x0040, &ft), GT_ERR_BADDATA); /* metric */
    GT_ASSERT_EQ_INT(gt_modes_ac13_ft(0x0800, &ft), GT_ERR_BADDATA); /* no C bits */
    /* 12-bit ADS-B field, Q=1: N = 1560 -> 38000 ft (Riddle, airborne position) */
    GT_ASSERT_EQ_INT(gt_modes_ac12_ft(0xC38, &ft), GT_OK);
    GT_ASSERT_EQ_INT(ft, 38000);
}

static void test_squawk(void)
{
    /* ID field C1 A1 C2 A2 C4 A4 X B1 D1 B2 D2 B4 D4 */
    GT_ASSERT_EQ_INT(gt_modes_squawk(0x1FBF), 7777);
    GT_ASSERT_EQ_INT(gt_modes_squawk(0), 0);
    /* 7700: A=7 (A4 A2 A1), B=7, C=0, D=0 */
    GT_ASSERT_EQ_INT(gt_modes_squawk(0x0800 | 0x0200 | 0x0080 | 0x0020 | 0x0008 | 0x0002), 7700);
    /* 1200: A=1, B=2 */
    GT_ASSERT_EQ_INT(gt_modes_squawk(0x0800 | 0x0008), 1200);
}

/* ---- surveillance DFs ------------------------------------------------- */

static void test_df0_df16(void)
{
    uint8_t m[14] = {0};
    struct gt_modes_msg r;
    put(m, 1, 5, 0);
    put(m, 6, 6, 1);        /* VS: on ground */
    put(m, 9, 11, 7);       /* SL */
    put(m, 14, 17, 3);      /* RI */
    put(m, 20, 32, 0x1228); /* 12300 ft */
    seal(m, 56, 0xABCDEF);
    r = dec(m, 7);
    GT_ASSERT_EQ_INT(r.df, 0);
    GT_ASSERT_EQ_INT(r.addr, 0xABCDEF);
    GT_ASSERT_EQ_INT(r.addr_kind, GT_MODES_ADDR_AP);
    GT_ASSERT_EQ_INT(r.vs, 1);
    GT_ASSERT_EQ_INT(r.on_ground, 1);
    GT_ASSERT_EQ_INT(r.sl, 7);
    GT_ASSERT_EQ_INT(r.ri, 3);
    GT_ASSERT_EQ_INT(r.alt_ft, 12300);
    memset(m, 0, 14);
    put(m, 1, 5, 16);
    put(m, 20, 32, 0x1CA1);
    me(m, 1, 8, 0x30);   /* MV carries an ACAS resolution advisory */
    me(m, 9, 22, 0x800); /* ARA */
    seal(m, 112, 0x123456);
    r = dec(m, 14);
    GT_ASSERT_EQ_INT(r.df, 16);
    GT_ASSERT_EQ_INT(r.alt_ft, 35100);
    GT_ASSERT(r.has & GT_MODES_HAS_MV);
    GT_ASSERT(r.has & GT_MODES_HAS_ACAS_RA);
    GT_ASSERT_EQ_INT(r.ara, 0x800);
    GT_ASSERT_EQ_INT(r.ra_active, 1);
}

static void test_df4_df5_ap(void)
{
    uint8_t m[7] = {0};
    struct gt_modes_msg r;
    put(m, 1, 5, 5);
    put(m, 6, 8, 1);                 /* FS: on ground */
    put(m, 20, 32, 0x0800 | 0x0008); /* 1200 */
    seal(m, 56, 0x4840D6);
    r = dec(m, 7);
    GT_ASSERT_EQ_INT(r.df, 5);
    GT_ASSERT_EQ_INT(r.addr, 0x4840D6);
    GT_ASSERT_EQ_INT(r.squawk, 1200);
    GT_ASSERT_EQ_INT(r.on_ground, 1);
    /* DF4: Gillham altitude, address from the parity */
    memset(m, 0, 7);
    put(m, 1, 5, 4);
    put(m, 20, 32, 0x1228);
    seal(m, 56, 0x4840D6);
    GT_ASSERT_EQ_INT(dec(m, 7).alt_ft, 12300);
}

static int known_4840d6(void *ctx, uint32_t a)
{
    (void)ctx;
    return a == 0x4840D6;
}

static void test_ap_confirmation(void)
{
    uint8_t m[7] = {0};
    struct gt_modes_msg r;
    put(m, 1, 5, 4);
    put(m, 20, 32, 0x1228);
    seal(m, 56, 0x4840D6);
    GT_ASSERT_EQ_INT(gt_modes_decode(m, 7, NULL, known_4840d6, NULL, &r), GT_OK);
    GT_ASSERT_EQ_INT(r.addr_kind, GT_MODES_ADDR_AP_CONFIRMED);
    seal(m, 56, 0x4840D7);
    GT_ASSERT_EQ_INT(gt_modes_decode(m, 7, NULL, known_4840d6, NULL, &r), GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(r.reject, GT_MODES_REJ_UNKNOWN_AP);
}

static void test_lengths_and_dfs(void)
{
    uint8_t m[14] = {0};
    struct gt_modes_msg r;
    m[0] = 0x08; /* DF1: not a downlink format */
    GT_ASSERT_EQ_INT(gt_modes_decode(m, 7, NULL, NULL, NULL, &r), GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(r.reject, GT_MODES_REJ_DF);
    m[0] = 0x88; /* DF17 in 7 bytes */
    GT_ASSERT_EQ_INT(gt_modes_decode(m, 7, NULL, NULL, NULL, &r), GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(r.reject, GT_MODES_REJ_LENGTH);
    GT_ASSERT_EQ_INT(gt_modes_decode(m, 2, NULL, NULL, NULL, &r), GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(r.reject, GT_MODES_REJ_MODEAC);
    /* DF19 military ES and DF24 Comm-D: header only */
    memset(m, 0, 14);
    put(m, 1, 5, 19);
    put(m, 9, 32, 0xAE1234);
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT_EQ_INT(r.df, 19);
    GT_ASSERT_EQ_INT(r.addr, 0xAE1234);
    memset(m, 0, 14);
    put(m, 1, 2, 3); /* DF24: first two bits 11 */
    seal(m, 112, 0x3C6586);
    r = dec(m, 14);
    GT_ASSERT_EQ_INT(r.df, 24);
    GT_ASSERT_EQ_INT(r.addr, 0x3C6586);
}

/* ---- ADS-B type codes -------------------------------------------------- */

static void test_tc_ident(void)
{
    static const char cs[] = "KLM1023 ";
    static const char set[] = "#ABCDEFGHIJKLMNOPQRSTUVWXYZ##### ###############0123456789######";
    uint8_t m[14];
    struct gt_modes_msg r;
    int i;
    df17(m, 0x4840D6, 4);
    me(m, 6, 8, 3);
    for (i = 0; i < 8; i++) {
        me(m, 9 + 6 * i, 14 + 6 * i, (uint32_t)(strchr(set + 1, cs[i]) - set));
    }
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT_EQ_STR(r.callsign, "KLM1023");
    GT_ASSERT_EQ_STR(r.category, "A3");
    /* TC 1..3 are the D, C and B category sets */
    {
        int tc;
        for (tc = 1; tc <= 3; tc++) {
            put(m, 33, 37, (uint32_t)tc);
            me(m, 6, 8, 2);
            seal(m, 112, 0);
            r = dec(m, 14);
            GT_ASSERT_EQ_INT(r.category[0], "?DCB"[tc]);
            GT_ASSERT_EQ_INT(r.category[1], '2');
        }
    }
    /* a callsign with a reserved character is not reported */
    df17(m, 0x4840D6, 4);
    me(m, 9, 14, 27); /* '#' */
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT(!(r.has & GT_MODES_HAS_CALLSIGN));
    /* the Riddle's identification example gives the same */
    hex("8D4840D6202CC371C32CE0576098", m);
    r = dec(m, 14);
    GT_ASSERT_EQ_STR(r.callsign, "KLM1023");
    GT_ASSERT_EQ_STR(r.category, "A0");
}

static void test_tc_airborne_pos(void)
{
    uint8_t m[14];
    struct gt_modes_msg r;
    df17(m, 0x40621D, 11);
    me(m, 9, 20, 0xC38);
    me(m, 22, 22, 1);
    me(m, 23, 39, 74158);
    me(m, 40, 56, 50194);
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT_EQ_INT(r.alt_ft, 38000);
    GT_ASSERT_EQ_INT(r.cpr_odd, 1);
    GT_ASSERT_EQ_INT(r.cpr_lat, 74158);
    GT_ASSERT_EQ_INT(r.cpr_lon, 50194);
    GT_ASSERT_EQ_INT(r.nuc_p, 7);
    GT_ASSERT(!(r.has & GT_MODES_HAS_GNSS_ALT));
    /* TC 20: GNSS height, 25-ft coding as readsb (see docs/FORMATS.md) */
    df17(m, 0x40621D, 20);
    me(m, 9, 20, 0xC38);
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT_EQ_INT(r.gnss_alt_ft, 38000);
    GT_ASSERT(!(r.has & GT_MODES_HAS_ALT));
    GT_ASSERT_EQ_INT(r.nuc_p, 9);
}

static void test_tc_surface(void)
{
    static const struct {
        int mv;
        double kt;
    } cases[] = {{1, 0.0},   {2, 0.125},   {9, 1.0},     {13, 2.0},   {39, 15.0},
                 {94, 70.0}, {109, 100.0}, {123, 170.0}, {124, 175.0}};
    uint8_t m[14];
    struct gt_modes_msg r;
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        df17(m, 0x484175, 7);
        me(m, 6, 12, (uint32_t)cases[i].mv);
        me(m, 13, 13, 1);
        me(m, 14, 20, 32); /* 90 degrees */
        seal(m, 112, 0);
        r = dec(m, 14);
        GT_ASSERT(r.has & GT_MODES_HAS_GS);
        GT_ASSERT_DBL_NEAR(r.gs_kt, cases[i].kt, 1e-9);
        GT_ASSERT_DBL_NEAR(r.track_deg, 90.0, 1e-9);
        GT_ASSERT_EQ_INT(r.on_ground, 1);
        GT_ASSERT_EQ_INT(r.cpr_surface, 1);
    }
    df17(m, 0x484175, 7);
    me(m, 6, 12, 0); /* no information */
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT(!(r.has & GT_MODES_HAS_GS));
    GT_ASSERT(!(r.has & GT_MODES_HAS_TRACK));
}

static void test_tc_velocity(void)
{
    uint8_t m[14];
    struct gt_modes_msg r;
    /* subtype 1: east 100 kt (101), south 100 kt, climbing 640 ft/min baro */
    df17(m, 0x485020, 19);
    me(m, 6, 8, 1);
    me(m, 15, 24, 101);
    me(m, 25, 25, 1);
    me(m, 26, 35, 101);
    me(m, 36, 36, 1);
    me(m, 38, 46, 11);
    me(m, 49, 49, 1);
    me(m, 50, 56, 5); /* GNSS 100 ft below baro */
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT_DBL_NEAR(r.gs_kt, 141.42, 0.01);
    GT_ASSERT_DBL_NEAR(r.track_deg, 135.0, 1e-6);
    GT_ASSERT_EQ_INT(r.vrate_fpm, 640);
    GT_ASSERT_EQ_INT(r.vrate_src, 1);
    GT_ASSERT_EQ_INT(r.geo_minus_baro_ft, -100);
    /* subtype 2 (supersonic): 4-kt units */
    me(m, 6, 8, 2);
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT_DBL_NEAR(r.gs_kt, 565.69, 0.01);
    /* subtype 3: heading 90, TAS 450; subtype 4: 4-kt units */
    df17(m, 0x485020, 19);
    me(m, 6, 8, 3);
    me(m, 14, 14, 1);
    me(m, 15, 24, 256);
    me(m, 25, 25, 1);
    me(m, 26, 35, 451);
    me(m, 37, 37, 1);
    me(m, 38, 46, 3); /* descending 128 */
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT_DBL_NEAR(r.heading_deg, 90.0, 1e-9);
    GT_ASSERT_DBL_NEAR(r.tas_kt, 450.0, 1e-9);
    GT_ASSERT_EQ_INT(r.vrate_fpm, -128);
    me(m, 6, 8, 4);
    me(m, 25, 25, 0);
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT_DBL_NEAR(r.ias_kt, 1800.0, 1e-9);
    GT_ASSERT(!(r.has & GT_MODES_HAS_TAS));
    /* Riddle velocity example (subtype 1): 159 kt, 182.88 deg, -832 ft/min */
    hex("8D485020994409940838175B284F", m);
    r = dec(m, 14);
    GT_ASSERT_DBL_NEAR(r.gs_kt, 159.2, 0.05);
    GT_ASSERT_DBL_NEAR(r.track_deg, 182.88, 0.01);
    GT_ASSERT_EQ_INT(r.vrate_fpm, -832);
}

static void test_tc28_29_31(void)
{
    uint8_t m[14];
    struct gt_modes_msg r;
    df17(m, 0xA2C1B6, 28);
    me(m, 6, 8, 1);
    me(m, 9, 11, 1); /* general emergency */
    me(m, 12, 24, 0x0800 | 0x0200 | 0x0080 | 0x0020 | 0x0008 | 0x0002);
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT_EQ_INT(r.emergency, 1);
    GT_ASSERT_EQ_INT(r.squawk, 7700);
    df17(m, 0xA2C1B6, 28);
    me(m, 6, 8, 2);
    me(m, 9, 22, 0x2000);
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT(r.has & GT_MODES_HAS_ACAS_RA);
    GT_ASSERT_EQ_INT(r.ra_active, 1);
    /* TC 29 subtype 1 */
    df17(m, 0xA05629, 29);
    me(m, 6, 7, 1);
    me(m, 10, 20, 1001); /* (1001-1)*32 = 32000 ft */
    me(m, 21, 29, 267);  /* 800 + 266*0.8 = 1012.8 hPa */
    me(m, 30, 30, 1);
    me(m, 31, 39, 128); /* 90 degrees */
    me(m, 40, 43, 9);
    me(m, 47, 48, 3); /* modes valid, autopilot */
    me(m, 54, 54, 1); /* LNAV */
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT_EQ_INT(r.sel_alt_ft, 32000);
    GT_ASSERT_DBL_NEAR(r.baro_hpa, 1012.8, 1e-6);
    GT_ASSERT_DBL_NEAR(r.sel_heading_deg, 90.0, 1e-9);
    GT_ASSERT_EQ_INT(r.nac_p, 9);
    GT_ASSERT_EQ_INT(r.ap_modes & 0x1f, 0x11);
    /* TC 31 airborne, version 2 */
    df17(m, 0x48520A, 31);
    me(m, 41, 43, 2);
    me(m, 45, 48, 10);
    me(m, 51, 52, 3);
    me(m, 53, 53, 1);
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT_EQ_INT(r.version, 2);
    GT_ASSERT_EQ_INT(r.nac_p, 10);
    GT_ASSERT_EQ_INT(r.sil, 3);
    GT_ASSERT_EQ_INT(r.nic_baro, 1);
    GT_ASSERT_EQ_INT(r.gva, 0); /* airborne: GVA present (bits left zero) */
    /* TC 31 surface (subtype 1): no NICbaro or GVA, HRD and SIL supplement */
    df17(m, 0x48520A, 31);
    me(m, 6, 8, 1);
    me(m, 41, 43, 2);
    me(m, 45, 48, 8);
    me(m, 54, 54, 1);
    me(m, 55, 55, 1);
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT_EQ_INT(r.st, 1);
    GT_ASSERT_EQ_INT(r.nac_p, 8);
    GT_ASSERT_EQ_INT(r.nic_baro, -1);
    GT_ASSERT_EQ_INT(r.gva, -1);
    GT_ASSERT_EQ_INT(r.hrd, 1);
    GT_ASSERT_EQ_INT(r.sil_supp, 1);
}

static void test_df18_cf(void)
{
    uint8_t m[14];
    struct gt_modes_msg r;
    int cf;
    for (cf = 0; cf < 8; cf++) {
        df17(m, 0xABC123, 11);
        put(m, 1, 5, 18);
        put(m, 6, 8, (uint32_t)cf);
        me(m, 9, 20, 0xC38);
        seal(m, 112, 0);
        r = dec(m, 14);
        GT_ASSERT_EQ_INT(r.cf, cf);
        GT_ASSERT_EQ_INT(r.nonicao, cf == 1 || cf == 5);
        /* CF 3 (coarse TIS-B), 4 (management), 7 (reserved): header only */
        GT_ASSERT_EQ_INT((r.has & GT_MODES_HAS_ALT) != 0, cf <= 2 || cf == 5 || cf == 6);
    }
    /* fine TIS-B (CF 2) with IMF set in an airborne position: not ICAO */
    df17(m, 0xABC123, 11);
    put(m, 1, 5, 18);
    put(m, 6, 8, 2);
    me(m, 8, 8, 1);
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT_EQ_INT(r.nonicao, 1);
    /* ...and the same bit in a DF18 CF 0 is only NIC supplement-B */
    put(m, 6, 8, 0);
    seal(m, 112, 0);
    r = dec(m, 14);
    GT_ASSERT_EQ_INT(r.nonicao, 0);
    GT_ASSERT_EQ_INT(r.nic_b, 1);
}

/* ---- Comm-B ----------------------------------------------------------- */

static void df20(uint8_t *m)
{
    memset(m, 0, 14);
    put(m, 1, 5, 20);
    put(m, 20, 32, 0x1228);
}

static struct gt_modes_msg dec_commb(uint8_t *m, int meteo)
{
    struct gt_modes_opts o = {1, meteo, 0};
    struct gt_modes_msg r;
    seal(m, 112, 0x3C4DD2);
    GT_ASSERT_EQ_INT(gt_modes_decode(m, 14, &o, NULL, NULL, &r), GT_OK);
    GT_ASSERT_EQ_INT(r.addr, 0x3C4DD2);
    return r;
}

static void test_commb_registers(void)
{
    uint8_t m[14];
    struct gt_modes_msg r;
    /* 1,0 data link capability */
    df20(m);
    me(m, 1, 8, 0x10);
    me(m, 16, 16, 1);
    me(m, 33, 36, 0xF);
    r = dec_commb(m, 0);
    GT_ASSERT_EQ_INT(r.bds, GT_BDS_10);
    /* 1,7 common usage capability: 2,0 4,0 5,0 6,0 supported */
    df20(m);
    me(m, 7, 7, 1);
    me(m, 9, 9, 1);
    me(m, 16, 16, 1);
    me(m, 24, 24, 1);
    r = dec_commb(m, 0);
    GT_ASSERT_EQ_INT(r.bds, GT_BDS_17);
    GT_ASSERT_EQ_INT(r.caps, (1u << 17) | (1u << 15) | (1u << 8) | 1u);
    /* 2,0 identification */
    df20(m);
    me(m, 1, 8, 0x20);
    me(m, 9, 14, 1);  /* A */
    me(m, 15, 20, 2); /* B */
    me(m, 21, 26, 49);
    me(m, 27, 62 - 32, 0);
    {
        int i;
        for (i = 3; i < 8; i++) {
            me(m, 9 + 6 * i, 14 + 6 * i, 32);
        }
    }
    r = dec_commb(m, 0);
    GT_ASSERT_EQ_INT(r.bds, GT_BDS_20);
    GT_ASSERT_EQ_STR(r.callsign, "AB1");
    /* 3,0 ACAS RA */
    df20(m);
    me(m, 1, 8, 0x30);
    me(m, 9, 22, 0x1000);
    r = dec_commb(m, 0);
    GT_ASSERT_EQ_INT(r.bds, GT_BDS_30);
    /* 4,0 selected vertical intention: MCP 35008 ft, baro 1013.2 */
    df20(m);
    me(m, 1, 1, 1);
    me(m, 2, 13, 2188);
    me(m, 27, 27, 1);
    me(m, 28, 39, 2132);
    r = dec_commb(m, 0);
    GT_ASSERT_EQ_INT(r.bds, GT_BDS_40);
    GT_ASSERT_EQ_INT(r.sel_alt_ft, 35008);
    GT_ASSERT_DBL_NEAR(r.baro_hpa, 1013.2, 1e-6);
    /* 5,0 track and turn: roll -10.02, track 45, GS 440, TAS 460 */
    df20(m);
    me(m, 1, 1, 1);
    me(m, 2, 11, (uint32_t)(1024 - 57)); /* -57*45/256 = -10.02 */
    me(m, 12, 12, 1);
    me(m, 14, 23, 256); /* 256*90/512 = 45 */
    me(m, 24, 24, 1);
    me(m, 25, 34, 220);
    me(m, 46, 46, 1);
    me(m, 47, 56, 230);
    r = dec_commb(m, 0);
    GT_ASSERT_EQ_INT(r.bds, GT_BDS_50);
    GT_ASSERT_DBL_NEAR(r.roll_deg, -10.02, 0.01);
    GT_ASSERT_DBL_NEAR(r.track_deg, 45.0, 1e-9);
    GT_ASSERT_DBL_NEAR(r.gs_kt, 440.0, 1e-9);
    GT_ASSERT_DBL_NEAR(r.tas_kt, 460.0, 1e-9);
    /* 6,0 heading and speed: heading 90, IAS 250, Mach 0.7, -1024 ft/min */
    df20(m);
    me(m, 1, 1, 1);
    me(m, 3, 12, 512);
    me(m, 13, 13, 1);
    me(m, 14, 23, 250);
    me(m, 24, 24, 1);
    me(m, 25, 34, 175);
    me(m, 35, 35, 1);
    me(m, 36, 45, 1024 - 32);
    me(m, 46, 46, 1);
    me(m, 47, 56, 1024 - 32);
    r = dec_commb(m, 0);
    GT_ASSERT_EQ_INT(r.bds, GT_BDS_60);
    GT_ASSERT_DBL_NEAR(r.heading_deg, 90.0, 1e-9);
    GT_ASSERT_DBL_NEAR(r.ias_kt, 250.0, 1e-9);
    GT_ASSERT_DBL_NEAR(r.mach, 0.7, 1e-9);
    GT_ASSERT_EQ_INT(r.vrate_fpm, -1024);
    /* 4,4 only when asked for: wind 30 kt from 270, SAT -40.5 */
    df20(m);
    me(m, 1, 4, 1);
    me(m, 5, 5, 1);
    me(m, 6, 14, 30);
    me(m, 15, 23, 384);
    me(m, 24, 34, 2048 - 162);
    r = dec_commb(m, 1);
    GT_ASSERT_EQ_INT(r.bds, GT_BDS_44);
    GT_ASSERT_DBL_NEAR(r.wind_dir_deg, 270.0, 1e-9);
    GT_ASSERT_DBL_NEAR(r.sat_c, -40.5, 1e-9);
    r = dec_commb(m, 0);
    GT_ASSERT(r.bds != GT_BDS_44);
}

static void test_commb_conservative(void)
{
    uint8_t m[14];
    struct gt_modes_msg r;
    /* empty MB: nothing inferred */
    df20(m);
    r = dec_commb(m, 0);
    GT_ASSERT_EQ_INT(r.bds, GT_BDS_NONE);
    GT_ASSERT_EQ_INT(r.bds_ambiguous, 0);
    /* a status bit clear with a non-zero field rules 5,0 and 6,0 out */
    df20(m);
    me(m, 2, 11, 5);
    r = dec_commb(m, 0);
    GT_ASSERT(r.bds != GT_BDS_50 && r.bds != GT_BDS_60);
    /* 5,0 with a 70 degree roll is implausible */
    df20(m);
    me(m, 1, 1, 1);
    me(m, 3, 11, 400); /* 70.3 deg */
    r = dec_commb(m, 0);
    GT_ASSERT(r.bds != GT_BDS_50);
    /* published ambiguous payload (pyModeS test_infer): 5,0 and 6,0 both fit */
    hex("A8001EBCFFFB23286004A73F6A5B", m);
    r = dec(m, 14);
    GT_ASSERT_EQ_INT(r.bds, GT_BDS_NONE);
    GT_ASSERT_EQ_INT(r.bds_ambiguous, 1);
    GT_ASSERT_EQ_INT(r.bds_candidates, GT_BDS_BIT_50 | GT_BDS_BIT_60);
}

GT_TEST_MAIN({"crc_riddle", test_crc_riddle}, {"crc_fix_every_bit", test_crc_fix_every_bit},
             {"crc_df_field_protected", test_crc_df_field_protected},
             {"crc_two_bits", test_crc_two_bits}, {"df_field_repair", test_df_field_repair},
             {"df11_iid", test_df11_iid}, {"ac13", test_ac13}, {"squawk", test_squawk},
             {"df0_df16", test_df0_df16}, {"df4_df5_ap", test_df4_df5_ap},
             {"ap_confirmation", test_ap_confirmation}, {"lengths_and_dfs", test_lengths_and_dfs},
             {"tc_ident", test_tc_ident}, {"tc_airborne_pos", test_tc_airborne_pos},
             {"tc_surface", test_tc_surface}, {"tc_velocity", test_tc_velocity},
             {"tc28_29_31", test_tc28_29_31}, {"df18_cf", test_df18_cf},
             {"commb_registers", test_commb_registers},
             {"commb_conservative", test_commb_conservative})
