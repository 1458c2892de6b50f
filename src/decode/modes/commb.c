/*
 * commb.c - Comm-B registers of DF20/21 replies (ICAO Doc 9871): 1,0 1,7
 * 2,0 3,0 4,0 (4,4 on request) 5,0 and 6,0.  Each register has a validity
 * check (reserved bits zero, status bits consistent with their fields,
 * physically plausible values) and a decoder; a register is decoded only
 * when it is the single candidate that passes, and when several pass the
 * message is marked ambiguous and nothing is guessed.
 */

#include "ghosttrack/modes.h"
#include "modes_int.h"

/* ---- Comm-B (ICAO Doc 9871) --------------------------------------------- */

/* Is the whole 56-bit MB field zero? */
static int mb_zero(const uint8_t *p)
{
    return (p[4] | p[5] | p[6] | p[7] | p[8] | p[9] | p[10]) == 0;
}

/* A status bit of 0 must come with an all-zero field. */
static int status_ok(const uint8_t *p, int sbit, int first, int last)
{
    return meb(p, sbit) || me(p, first, last) == 0;
}

static int v_bds10(const uint8_t *p)
{
    return me(p, 1, 8) == 0x10 && me(p, 10, 14) == 0;
}

static int v_bds17(const uint8_t *p)
{
    return me(p, 25, 56) == 0 && meb(p, 7) == 1;
}

static int v_bds20(const uint8_t *p)
{
    char cs[9];
    return me(p, 1, 8) == 0x20 && gt__modes_callsign(p, cs);
}

static int v_bds30(const uint8_t *p)
{
    return me(p, 1, 8) == 0x30 && me(p, 29, 30) != 3 && me(p, 9, 22) != 0;
}

static int v_bds40(const uint8_t *p)
{
    if (!status_ok(p, 1, 2, 13) || !status_ok(p, 14, 15, 26) || !status_ok(p, 27, 28, 39) ||
        !status_ok(p, 48, 49, 51) || !status_ok(p, 54, 55, 56)) {
        return 0;
    }
    if (me(p, 40, 47) != 0 || me(p, 52, 53) != 0) {
        return 0;
    }
    if (!meb(p, 1) && !meb(p, 14) && !meb(p, 27)) {
        return 0;
    }
    /* selected altitudes above FL500 are not physically meaningful */
    if (mei(p, 2, 13) * 16 > 50000 || mei(p, 15, 26) * 16 > 50000) {
        return 0;
    }
    if (meb(p, 27)) {
        double baro = 800.0 + mei(p, 28, 39) * 0.1;
        if (baro < 900.0 || baro > 1100.0) {
            return 0;
        }
    }
    return 1;
}

static int v_bds44(const uint8_t *p)
{
    int fom = mei(p, 1, 4);
    double sat;

    if (fom > 4 || !status_ok(p, 5, 6, 23) || mb_zero(p)) {
        return 0;
    }
    if (meb(p, 5) && mei(p, 6, 14) > 250) {
        return 0;
    }
    sat = signed_field(meb(p, 24), mei(p, 25, 34), 10) * 0.25;
    return sat >= -80.0 && sat <= 60.0 && (meb(p, 5) || me(p, 24, 34) != 0);
}

static int v_bds50(const uint8_t *p)
{
    double roll, gs, tas;

    if (!status_ok(p, 1, 2, 11) || !status_ok(p, 12, 13, 23) || !status_ok(p, 24, 25, 34) ||
        !status_ok(p, 35, 36, 45) || !status_ok(p, 46, 47, 56)) {
        return 0;
    }
    if (!meb(p, 1) && !meb(p, 12) && !meb(p, 24) && !meb(p, 35) && !meb(p, 46)) {
        return 0;
    }
    roll = signed_field(meb(p, 2), mei(p, 3, 11), 9) * 45.0 / 256.0;
    if (fabs(roll) > 50.0) {
        return 0;
    }
    gs = mei(p, 25, 34) * 2.0;
    tas = mei(p, 47, 56) * 2.0;
    if (gs > 600.0 || tas > 600.0) {
        return 0;
    }
    if (meb(p, 24) && meb(p, 46) && fabs(gs - tas) > 200.0) {
        return 0;
    }
    return 1;
}

static int v_bds60(const uint8_t *p)
{
    int ias;
    double mach, vr, ivr;

    if (!status_ok(p, 1, 2, 12) || !status_ok(p, 13, 14, 23) || !status_ok(p, 24, 25, 34) ||
        !status_ok(p, 35, 36, 45) || !status_ok(p, 46, 47, 56)) {
        return 0;
    }
    if (!meb(p, 1) && !meb(p, 13) && !meb(p, 24) && !meb(p, 35) && !meb(p, 46)) {
        return 0;
    }
    ias = mei(p, 14, 23);
    mach = mei(p, 25, 34) * 2.048 / 512.0;
    if (ias > 500 || mach > 1.0 || (meb(p, 13) && ias == 0) || (meb(p, 24) && me(p, 25, 34) == 0)) {
        return 0;
    }
    vr = signed_field(meb(p, 36), mei(p, 37, 45), 9) * 32.0;
    ivr = signed_field(meb(p, 47), mei(p, 48, 56), 9) * 32.0;
    if (fabs(vr) > 6000.0 || fabs(ivr) > 6000.0) {
        return 0;
    }
    if (meb(p, 13) && meb(p, 24)) {
        /* IAS and Mach must describe the same air: at any altitude below
         * 50,000 ft, IAS/Mach lies between ~200 and ~670 kt per Mach
         * (with margin for the 1-kt and 0.004-Mach quantisation). */
        double r = ias / mach;
        if (r < 180.0 || r > 720.0) {
            return 0;
        }
    }
    return 1;
}

static void d_bds10(const uint8_t *p, struct gt_modes_msg *m)
{
    m->caps = me(p, 9, 40);
    m->has |= GT_MODES_HAS_CAPS;
}

static void d_bds17(const uint8_t *p, struct gt_modes_msg *m)
{
    m->caps = me(p, 1, 24);
    m->has |= GT_MODES_HAS_CAPS;
}

static void d_bds20(const uint8_t *p, struct gt_modes_msg *m)
{
    if (gt__modes_callsign(p, m->callsign)) {
        m->has |= GT_MODES_HAS_CALLSIGN;
    }
}

void gt__modes_d_bds30(const uint8_t *p, struct gt_modes_msg *m)
{
    m->ara = me(p, 9, 22);
    m->rac = me(p, 23, 26);
    m->ra_active = meb(p, 27) == 0;
    m->has |= GT_MODES_HAS_ACAS_RA;
}

static void d_bds40(const uint8_t *p, struct gt_modes_msg *m)
{
    if (meb(p, 1)) {
        m->sel_alt_ft = si32(mei(p, 2, 13) * 16);
        m->sel_alt_src = 0;
        m->has |= GT_MODES_HAS_SEL_ALT;
    }
    if (meb(p, 14)) {
        m->fms_alt_ft = si32(mei(p, 15, 26) * 16);
        m->has |= GT_MODES_HAS_FMS_ALT;
    }
    if (meb(p, 27)) {
        m->baro_hpa = 800.0 + mei(p, 28, 39) * 0.1;
        m->has |= GT_MODES_HAS_BARO;
    }
    if (meb(p, 48)) {
        m->ap_modes = (unsigned)(meb(p, 49) << 1 | meb(p, 50) << 2 | meb(p, 51) << 3);
        m->has |= GT_MODES_HAS_MODES;
    }
}

static void d_bds44(const uint8_t *p, struct gt_modes_msg *m)
{
    m->fom = mei(p, 1, 4);
    m->wind_kt = meb(p, 5) ? mei(p, 6, 14) : 0;
    m->wind_dir_deg = meb(p, 5) ? mei(p, 15, 23) * 180.0 / 256.0 : 0;
    m->sat_c = signed_field(meb(p, 24), mei(p, 25, 34), 10) * 0.25;
    m->has |= GT_MODES_HAS_METEO;
}

static void d_bds50(const uint8_t *p, struct gt_modes_msg *m)
{
    if (meb(p, 1)) {
        m->roll_deg = signed_field(meb(p, 2), mei(p, 3, 11), 9) * 45.0 / 256.0;
        m->has |= GT_MODES_HAS_ROLL;
    }
    if (meb(p, 12)) {
        m->track_deg = norm360(signed_field(meb(p, 13), mei(p, 14, 23), 10) * 90.0 / 512.0);
        m->has |= GT_MODES_HAS_TRACK;
    }
    if (meb(p, 24)) {
        m->gs_kt = mei(p, 25, 34) * 2.0;
        m->has |= GT_MODES_HAS_GS;
    }
    if (meb(p, 35)) {
        m->track_rate_dps = signed_field(meb(p, 36), mei(p, 37, 45), 9) * 8.0 / 256.0;
        m->has |= GT_MODES_HAS_TRACK_RATE;
    }
    if (meb(p, 46)) {
        m->tas_kt = mei(p, 47, 56) * 2.0;
        m->has |= GT_MODES_HAS_TAS;
    }
}

static void d_bds60(const uint8_t *p, struct gt_modes_msg *m)
{
    if (meb(p, 1)) {
        m->heading_deg = norm360(signed_field(meb(p, 2), mei(p, 3, 12), 10) * 90.0 / 512.0);
        m->heading_true = 0;
        m->has |= GT_MODES_HAS_HEADING;
    }
    if (meb(p, 13)) {
        m->ias_kt = mei(p, 14, 23);
        m->has |= GT_MODES_HAS_IAS;
    }
    if (meb(p, 24)) {
        m->mach = mei(p, 25, 34) * 2.048 / 512.0;
        m->has |= GT_MODES_HAS_MACH;
    }
    if (meb(p, 35)) {
        m->vrate_fpm = si32(signed_field(meb(p, 36), mei(p, 37, 45), 9) * 32);
        m->vrate_src = 1;
        m->has |= GT_MODES_HAS_VRATE;
    }
    if (meb(p, 46)) {
        m->ivrate_fpm = si32(signed_field(meb(p, 47), mei(p, 48, 56), 9) * 32);
        m->has |= GT_MODES_HAS_IVRATE;
    }
}

struct bds_def {
    enum gt_modes_bds bds;
    unsigned bit;
    int (*valid)(const uint8_t *p);
    void (*decode)(const uint8_t *p, struct gt_modes_msg *m);
};

static const struct bds_def bds_defs[] = {
    {GT_BDS_10, GT_BDS_BIT_10, v_bds10, d_bds10},
    {GT_BDS_17, GT_BDS_BIT_17, v_bds17, d_bds17},
    {GT_BDS_20, GT_BDS_BIT_20, v_bds20, d_bds20},
    {GT_BDS_30, GT_BDS_BIT_30, v_bds30, gt__modes_d_bds30},
    {GT_BDS_40, GT_BDS_BIT_40, v_bds40, d_bds40},
    {GT_BDS_44, GT_BDS_BIT_44, v_bds44, d_bds44},
    {GT_BDS_50, GT_BDS_BIT_50, v_bds50, d_bds50},
    {GT_BDS_60, GT_BDS_BIT_60, v_bds60, d_bds60},
};

void gt__modes_decode_commb(const uint8_t *p, int meteo, struct gt_modes_msg *m)
{
    size_t i, found = 0, n = sizeof bds_defs / sizeof bds_defs[0];

    if (mb_zero(p)) {
        return;
    }
    for (i = 0; i < n; i++) {
        if (bds_defs[i].bds == GT_BDS_44 && !meteo) {
            continue;
        }
        if (bds_defs[i].valid(p)) {
            m->bds_candidates |= bds_defs[i].bit;
            found = i;
        }
    }
    /* Registers that announce themselves in their first byte, and 1,7 with
     * its 32 reserved zero bits, win over the unlabelled ones. */
    if (m->bds_candidates & (GT_BDS_BIT_10 | GT_BDS_BIT_17 | GT_BDS_BIT_20 | GT_BDS_BIT_30)) {
        for (i = 0; i < n; i++) {
            if ((m->bds_candidates & bds_defs[i].bit) &&
                (bds_defs[i].bds == GT_BDS_10 || bds_defs[i].bds == GT_BDS_17 ||
                 bds_defs[i].bds == GT_BDS_20 || bds_defs[i].bds == GT_BDS_30)) {
                found = i;
                m->bds_candidates = bds_defs[i].bit;
                break;
            }
        }
    }
    if (m->bds_candidates == 0) {
        return;
    }
    if ((m->bds_candidates & (m->bds_candidates - 1)) != 0) {
        m->bds_ambiguous = 1;
        return;
    }
    m->bds = bds_defs[found].bds;
    bds_defs[found].decode(p, m);
}

void gt__modes_commb_as(const uint8_t *raw, enum gt_modes_bds bds, struct gt_modes_msg *m)
{
    size_t i;

    for (i = 0; i < sizeof bds_defs / sizeof bds_defs[0]; i++) {
        if (bds_defs[i].bds == bds) {
            m->bds = bds;
            m->bds_ambiguous = 0;
            bds_defs[i].decode(raw, m);
            return;
        }
    }
}
