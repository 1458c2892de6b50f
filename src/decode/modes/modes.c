/*
 * modes.c - decoding one Mode S message into struct gt_modes_msg.
 *
 * Downlink formats (ICAO Annex 10 Vol IV 3.1.2.8): DF0 short air-air
 * surveillance, DF4/5 surveillance altitude/identity replies, DF11 all-call,
 * DF16 long air-air (ACAS), DF17 extended squitter, DF18 non-transponder ES
 * with its CF field (ADS-B, TIS-B, ADS-R; DO-260B 2.2.3.2.1.2), DF19 military
 * (header), DF20/21 Comm-B altitude/identity replies, DF24 Comm-D (header).
 *
 * Extended squitter ME fields follow RTCA DO-260B 2.2.3.2: identification
 * (TC 1-4), surface position (5-8, movement quantisation of 2.2.3.2.4.2),
 * airborne position (9-18 barometric, 20-22 GNSS), velocity (19, subtypes
 * 1-4), aircraft status (28: emergency/Mode A code, ACAS RA broadcast),
 * target state and status (29 subtype 1) and operational status (31).
 *
 * Comm-B registers (commb.c, ICAO Doc 9871) 1,0 1,7 2,0 3,0 4,0 (4,4 on request) 5,0
 * and 6,0 are inferred conservatively: a register is decoded only when it is
 * the single candidate that passes its format checks (reserved bits zero,
 * status bits consistent with their fields, physically plausible values);
 * when several pass, the message is marked ambiguous and nothing is guessed.
 */
#include <math.h>
#include <string.h>

#include "ghosttrack/modes.h"
#include "modes_int.h"

const char *gt_modes_reject_name(enum gt_modes_reject r)
{
    switch (r) {
    case GT_MODES_REJ_NONE:
        return "none";
    case GT_MODES_REJ_FRAMING:
        return "framing";
    case GT_MODES_REJ_LENGTH:
        return "length";
    case GT_MODES_REJ_DF:
        return "df";
    case GT_MODES_REJ_CRC:
        return "crc";
    case GT_MODES_REJ_UNKNOWN_AP:
        return "unknown_ap";
    case GT_MODES_REJ_MODEAC:
        return "modeac";
    case GT_MODES_REJ_COUNT:
        break;
    }
    return "unknown";
}

/* ---- altitude and identity codes (Annex 10 Vol IV 3.1.2.6.5.4) ---------- */

/* 13-bit layout: C1 A1 C2 A2 C4 A4 M B1 Q/D1 B2 D2 B4 D4 (MSB first). */
enum {
    C1 = 0x1000,
    A1 = 0x0800,
    C2 = 0x0400,
    A2 = 0x0200,
    C4 = 0x0100,
    A4 = 0x0080,
    MB = 0x0040,
    B1 = 0x0020,
    D1 = 0x0010,
    B2 = 0x0008,
    D2 = 0x0004,
    B4 = 0x0002,
    D4 = 0x0001
};

static unsigned gray_to_bin(unsigned g)
{
    g ^= g >> 8;
    g ^= g >> 4;
    g ^= g >> 2;
    g ^= g >> 1;
    return g;
}

unsigned gt_modes_squawk(unsigned id)
{
    unsigned a = ((id & A4) ? 4u : 0u) | ((id & A2) ? 2u : 0u) | ((id & A1) ? 1u : 0u);
    unsigned b = ((id & B4) ? 4u : 0u) | ((id & B2) ? 2u : 0u) | ((id & B1) ? 1u : 0u);
    unsigned c = ((id & C4) ? 4u : 0u) | ((id & C2) ? 2u : 0u) | ((id & C1) ? 1u : 0u);
    unsigned d = ((id & D4) ? 4u : 0u) | ((id & D2) ? 2u : 0u) | ((id & D1) ? 1u : 0u);

    return a * 1000 + b * 100 + c * 10 + d;
}

/* Gillham (Gray) code altitude in feet, or GT_ERR_BADDATA. */
static int gillham_ft(unsigned ac, int32_t *ft)
{
    unsigned g500, g100, five, one;

    if (ac & D1) {
        return GT_ERR_BADDATA; /* D1 is never used for altitude */
    }
    g500 = ((ac & D2) ? 0x80u : 0u) | ((ac & D4) ? 0x40u : 0u) | ((ac & A1) ? 0x20u : 0u) |
           ((ac & A2) ? 0x10u : 0u) | ((ac & A4) ? 0x08u : 0u) | ((ac & B1) ? 0x04u : 0u) |
           ((ac & B2) ? 0x02u : 0u) | ((ac & B4) ? 0x01u : 0u);
    g100 = ((ac & C1) ? 4u : 0u) | ((ac & C2) ? 2u : 0u) | ((ac & C4) ? 1u : 0u);
    five = gray_to_bin(g500);
    one = gray_to_bin(g100);
    /* the 100-ft code uses five of the eight Gray states: 7 stands for 5 */
    if (one == 7) {
        one = 5;
    } else if (one == 5 || one == 6 || one == 0) {
        return GT_ERR_BADDATA;
    }
    if (five & 1u) {
        one = 6 - one;
    }
    *ft = si32(ui(five * 5 + one) * 100 - 1300);
    return GT_OK;
}

int gt_modes_ac13_ft(unsigned ac, int32_t *ft)
{
    unsigned n;

    if (ac == 0 || ac > 0x1fff) {
        return GT_ERR_BADDATA;
    }
    if (ac & MB) {
        return GT_ERR_BADDATA; /* metric altitude: not decoded */
    }
    if (ac & D1) { /* Q bit: 25-ft increments */
        n = ((ac & 0x1f80u) >> 2) | ((ac & 0x0020u) >> 1) | (ac & 0x000fu);
        *ft = si32(ui(n) * 25 - 1000);
        return GT_OK;
    }
    return gillham_ft(ac, ft);
}

int gt_modes_ac12_ft(unsigned ac12, int32_t *ft)
{
    if (ac12 == 0 || ac12 > 0xfff) {
        return GT_ERR_BADDATA;
    }
    return gt_modes_ac13_ft(((ac12 & 0xfc0u) << 1) | (ac12 & 0x3fu), ft);
}

/* ---- ADS-B ME fields (DO-260B 2.2.3.2) ----------------------------------- */

static const char ais_charset[] =
    "#ABCDEFGHIJKLMNOPQRSTUVWXYZ##### ###############0123456789######";

/* Eight 6-bit characters from ME/MB bit 9; returns 1 if all are valid and
 * the result is not empty. */
int gt__modes_callsign(const uint8_t *m, char out[9])
{
    int i, n = 0, bad = 0;

    for (i = 0; i < 8; i++) {
        char c = ais_charset[me(m, 9 + 6 * i, 14 + 6 * i)];
        if (c == '#') {
            bad = 1;
        }
        out[i] = c;
    }
    out[8] = '\0';
    for (i = 7; i >= 0 && out[i] == ' '; i--) {
        out[i] = '\0';
    }
    for (i = 0; out[i] != '\0'; i++) {
        n++;
    }
    return !bad && n > 0 && out[0] != ' ';
}

static void me_ident(const uint8_t *p, struct gt_modes_msg *m)
{
    static const char cat_set[] = "?DCBA";
    int cat = mei(p, 6, 8);

    m->category[0] = cat_set[m->tc];
    m->category[1] = (char)('0' + cat);
    m->category[2] = '\0';
    m->has |= GT_MODES_HAS_CATEGORY;
    if (gt__modes_callsign(p, m->callsign)) {
        m->has |= GT_MODES_HAS_CALLSIGN;
    }
}

static void me_cpr(const uint8_t *p, struct gt_modes_msg *m)
{
    m->cpr_odd = meb(p, 22);
    m->cpr_lat = me(p, 23, 39);
    m->cpr_lon = me(p, 40, 56);
    m->has |= GT_MODES_HAS_CPR;
}

/* Surface movement to knots: lower edge of each quantisation bin. */
static int movement_kt(int mv, double *kt)
{
    if (mv == 1) {
        *kt = 0.0;
    } else if (mv >= 2 && mv <= 8) {
        *kt = 0.125 * (mv - 1);
    } else if (mv >= 9 && mv <= 12) {
        *kt = 1.0 + 0.25 * (mv - 9);
    } else if (mv >= 13 && mv <= 38) {
        *kt = 2.0 + 0.5 * (mv - 13);
    } else if (mv >= 39 && mv <= 93) {
        *kt = 15.0 + (mv - 39);
    } else if (mv >= 94 && mv <= 108) {
        *kt = 70.0 + 2.0 * (mv - 94);
    } else if (mv >= 109 && mv <= 123) {
        *kt = 100.0 + 5.0 * (mv - 109);
    } else if (mv == 124) {
        *kt = 175.0;
    } else {
        return 0;
    }
    return 1;
}

static void me_surface(const uint8_t *p, struct gt_modes_msg *m)
{
    m->movement = mei(p, 6, 12);
    m->has |= GT_MODES_HAS_MOVEMENT | GT_MODES_HAS_GROUND;
    m->on_ground = 1;
    m->cpr_surface = 1;
    if (movement_kt(m->movement, &m->gs_kt)) {
        m->has |= GT_MODES_HAS_GS;
    }
    if (meb(p, 13)) {
        m->track_deg = mei(p, 14, 20) * 360.0 / 128.0;
        m->has |= GT_MODES_HAS_TRACK;
    }
    m->nuc_p = 14 - m->tc; /* TC5 NUCp 9 .. TC8 NUCp 6 */
    me_cpr(p, m);
}

static void me_airborne(const uint8_t *p, struct gt_modes_msg *m)
{
    unsigned ac12 = me(p, 9, 20);
    int32_t ft;

    m->on_ground = 0;
    m->ss = mei(p, 6, 7);
    m->nic_b = meb(p, 8);
    if (gt_modes_ac12_ft(ac12, &ft) == GT_OK) {
        if (m->tc >= 20) {
            m->gnss_alt_ft = ft;
            m->has |= GT_MODES_HAS_GNSS_ALT;
        } else {
            m->alt_ft = ft;
            m->has |= GT_MODES_HAS_ALT;
        }
    }
    if (m->tc <= 18) {
        m->nuc_p = 18 - m->tc;
    } else {
        m->nuc_p = m->tc == 20 ? 9 : (m->tc == 21 ? 8 : 0);
    }
    me_cpr(p, m);
}

static void me_velocity(const uint8_t *p, struct gt_modes_msg *m)
{
    int vr, dif;

    m->st = mei(p, 6, 8);
    m->nac_v = mei(p, 11, 13);
    if (m->st == 1 || m->st == 2) {
        int ew = mei(p, 15, 24), ns = mei(p, 26, 35);
        int mult = m->st == 2 ? 4 : 1;
        if (ew != 0 && ns != 0) {
            double vx = (ew - 1) * mult * (meb(p, 14) ? -1.0 : 1.0);
            double vy = (ns - 1) * mult * (meb(p, 25) ? -1.0 : 1.0);
            m->gs_kt = sqrt(vx * vx + vy * vy);
            m->has |= GT_MODES_HAS_GS;
            if (m->gs_kt > 0) {
                m->track_deg = norm360(atan2(vx, vy) * 180.0 / M_PI);
                m->has |= GT_MODES_HAS_TRACK;
            }
        }
    } else if (m->st == 3 || m->st == 4) {
        int as = mei(p, 26, 35);
        if (meb(p, 14)) {
            m->heading_deg = mei(p, 15, 24) * 360.0 / 1024.0;
            m->has |= GT_MODES_HAS_HEADING;
        }
        if (as != 0) {
            double v = (as - 1) * (m->st == 4 ? 4.0 : 1.0);
            if (meb(p, 25)) {
                m->tas_kt = v;
                m->has |= GT_MODES_HAS_TAS;
            } else {
                m->ias_kt = v;
                m->has |= GT_MODES_HAS_IAS;
            }
        }
    } else {
        return;
    }
    vr = mei(p, 38, 46);
    if (vr != 0) {
        m->vrate_fpm = si32((vr - 1) * 64 * (meb(p, 37) ? -1 : 1));
        m->vrate_src = meb(p, 36);
        m->has |= GT_MODES_HAS_VRATE;
    }
    dif = mei(p, 50, 56);
    if (dif != 0) {
        m->geo_minus_baro_ft = si32((dif - 1) * 25 * (meb(p, 49) ? -1 : 1));
        m->has |= GT_MODES_HAS_GEO_BARO;
    }
}

static void me_status(const uint8_t *p, struct gt_modes_msg *m)
{
    m->st = mei(p, 6, 8);
    if (m->st == 1) {
        m->emergency = mei(p, 9, 11);
        m->has |= GT_MODES_HAS_EMERG;
        m->squawk = gt_modes_squawk(me(p, 12, 24));
        m->has |= GT_MODES_HAS_SQUAWK;
    } else if (m->st == 2) {
        m->ara = me(p, 9, 22);
        m->rac = me(p, 23, 26);
        m->ra_active = m->ara != 0 && meb(p, 27) == 0;
        m->has |= GT_MODES_HAS_ACAS_RA;
    }
}

static void me_target_state(const uint8_t *p, struct gt_modes_msg *m)
{
    int alt, baro;

    m->st = mei(p, 6, 7);
    if (m->st != 1) {
        return; /* DO-260A subtype 0 is not decoded */
    }
    m->sil_supp = meb(p, 8);
    alt = mei(p, 10, 20);
    if (alt != 0) {
        m->sel_alt_ft = si32((alt - 1) * 32);
        m->sel_alt_src = meb(p, 9);
        m->has |= GT_MODES_HAS_SEL_ALT;
    }
    baro = mei(p, 21, 29);
    if (baro != 0) {
        m->baro_hpa = 800.0 + (baro - 1) * 0.8;
        m->has |= GT_MODES_HAS_BARO;
    }
    if (meb(p, 30)) {
        m->sel_heading_deg = mei(p, 31, 39) * 180.0 / 256.0;
        m->has |= GT_MODES_HAS_SEL_HDG;
    }
    m->nac_p = mei(p, 40, 43);
    m->nic_baro = meb(p, 44);
    m->sil = mei(p, 45, 46);
    if (meb(p, 47)) {
        m->ap_modes = (unsigned)(meb(p, 48) | meb(p, 49) << 1 | meb(p, 50) << 2 | meb(p, 52) << 3 |
                                 meb(p, 54) << 4);
        m->has |= GT_MODES_HAS_MODES;
    }
    if (meb(p, 53)) {
        m->ap_modes |= 1u << 5;
    }
}

static void me_opstatus(const uint8_t *p, struct gt_modes_msg *m)
{
    m->st = mei(p, 6, 8);
    if (m->st > 1) {
        return;
    }
    m->version = mei(p, 41, 43);
    m->nic_a = meb(p, 44);
    m->nac_p = mei(p, 45, 48);
    m->gva = m->st == 0 ? mei(p, 49, 50) : -1;
    m->sil = mei(p, 51, 52);
    m->nic_baro = m->st == 0 ? meb(p, 53) : -1;
    m->hrd = meb(p, 54);
    m->sil_supp = meb(p, 55);
    m->has |= GT_MODES_HAS_OPSTATUS;
}

static void decode_me(const uint8_t *p, struct gt_modes_msg *m)
{
    m->tc = mei(p, 1, 5);
    if (m->tc >= 1 && m->tc <= 4) {
        me_ident(p, m);
    } else if (m->tc >= 5 && m->tc <= 8) {
        me_surface(p, m);
    } else if ((m->tc >= 9 && m->tc <= 18) || (m->tc >= 20 && m->tc <= 22)) {
        me_airborne(p, m);
    } else if (m->tc == 19) {
        me_velocity(p, m);
    } else if (m->tc == 28) {
        me_status(p, m);
    } else if (m->tc == 29) {
        me_target_state(p, m);
    } else if (m->tc == 31) {
        me_opstatus(p, m);
    }
}

/* ---- the message ---------------------------------------------------------- */

/* The IMF (ICAO/Mode A flag) of fine TIS-B and ADS-R messages (DO-260B
 * 2.2.17.3): 1 means the AA field is not an ICAO address.  It replaces
 * NIC supplement-B (ME bit 8) in airborne positions, the T bit (ME bit 21)
 * in surface positions and the intent-change bit (ME bit 9) in velocities;
 * other messages do not carry it. */
static int imf(const uint8_t *p, int tc)
{
    if ((tc >= 9 && tc <= 18) || (tc >= 20 && tc <= 22)) {
        return meb(p, 8);
    }
    if (tc >= 5 && tc <= 8) {
        return meb(p, 21);
    }
    if (tc == 19) {
        return meb(p, 9);
    }
    return 0;
}

static int df_bits(int df)
{
    switch (df) {
    case 0:
    case 4:
    case 5:
    case 11:
        return 56;
    case 16:
    case 17:
    case 18:
    case 19:
    case 20:
    case 21:
    case 24:
        return 112;
    default:
        return 0;
    }
}

static int reject(struct gt_modes_msg *m, enum gt_modes_reject r)
{
    m->reject = r;
    return GT_ERR_BADDATA;
}

static void clear(struct gt_modes_msg *m)
{
    memset(m, 0, sizeof *m);
    m->ca = m->cf = m->iid = -1;
    m->fs = m->vs = m->dr = m->um = m->ri = m->sl = m->cc = -1;
    m->tc = m->st = -1;
    m->nuc_p = -1;
    m->version = m->nic_a = m->nic_b = m->nac_p = m->sil = m->sil_supp = -1;
    m->nic_baro = m->gva = m->hrd = -1;
    m->ss = -1;
    m->nac_v = -1;
}

/* CRC check and repair for formats with the address announced. */
static int check_announced(struct gt_modes_msg *m, int fix_bits)
{
    uint32_t syn = gt_modes_syndrome(m->raw, m->nbits);

    if (m->df == 11) {
        if ((syn & ~0x7fu) == 0) {
            m->iid = ui(syn);
            m->crc_ok = 1;
            return GT_OK;
        }
        fix_bits = fix_bits > 1 ? 1 : fix_bits; /* DF11: single bits only */
    }
    if (syn == 0) {
        m->crc_ok = 1;
        if (m->df == 11) {
            m->iid = 0;
        }
        return GT_OK;
    }
    if (fix_bits > 0 && m->df != 19) {
        int fixed = gt_modes_crc_fix(m->raw, m->nbits, syn, fix_bits, 5);
        if (fixed > 0) {
            m->corrected = fixed;
            m->crc_ok = 1;
            if (m->df == 11) {
                m->iid = 0;
            }
            return GT_OK;
        }
    }
    m->syndrome = syn;
    return reject(m, GT_MODES_REJ_CRC);
}

/* DF-field repair: a 112-bit frame whose DF is invalid, or an AP format
 * from an unknown address, that becomes a CRC-clean DF17/18 with one DF bit
 * flipped was an extended squitter with a damaged DF field.  Returns 1 and
 * fixes raw when so. */
static int fix_df(uint8_t *raw)
{
    int b;

    for (b = 0; b < 5; b++) {
        uint8_t save = raw[0];
        int df;
        raw[0] = (uint8_t)(raw[0] ^ (0x80u >> b));
        df = raw[0] >> 3;
        if ((df == 17 || df == 18) && gt_modes_syndrome(raw, 112) == 0) {
            return 1;
        }
        raw[0] = save;
    }
    return 0;
}

int gt_modes_decode(const uint8_t *p, size_t n, const struct gt_modes_opts *opts,
                    gt_modes_known_fn known, void *known_ctx, struct gt_modes_msg *m)
{
    int fix_bits = opts ? opts->fix_bits : 1;
    int meteo = opts ? opts->meteo : 0;
    int rc;
    const uint8_t *r;

    clear(m);
    if (n == 2) {
        return reject(m, GT_MODES_REJ_MODEAC);
    }
    if (p == NULL || (n != 7 && n != 14)) {
        return reject(m, GT_MODES_REJ_LENGTH);
    }
    m->df = p[0] >> 3;
    if (m->df > 24) {
        m->df = 24;
    }
    m->nbits = df_bits(m->df);
    memcpy(m->raw, p, n);
    r = m->raw;
    if (n == 14 && fix_bits > 0 && (size_t)(m->nbits / 8) != n && fix_df(m->raw)) {
        m->df = r[0] >> 3;
        m->nbits = 112;
        m->corrected = 1;
    }
    if (m->nbits == 0) {
        return reject(m, GT_MODES_REJ_DF);
    }
    if ((size_t)(m->nbits / 8) != n) {
        return reject(m, GT_MODES_REJ_LENGTH);
    }
    switch (m->df) {
    case 11:
    case 17:
    case 18:
    case 19:
        rc = check_announced(m, fix_bits);
        if (rc < 0) {
            return rc;
        }
        m->addr = bits(r, 9, 32);
        m->addr_kind = GT_MODES_ADDR_ANNOUNCED;
        break;
    default:
        m->syndrome = gt_modes_syndrome(r, m->nbits);
        m->addr = m->syndrome;
        m->addr_kind = GT_MODES_ADDR_AP;
        if (known != NULL) {
            if (!known(known_ctx, m->addr)) {
                uint8_t tmp[14];
                memcpy(tmp, m->raw, 14);
                if (m->nbits == 112 && fix_bits > 0 && fix_df(tmp)) {
                    rc = gt_modes_decode(tmp, n, opts, known, known_ctx, m);
                    if (rc == GT_OK) {
                        m->corrected = 1;
                    }
                    return rc;
                }
                return reject(m, GT_MODES_REJ_UNKNOWN_AP);
            }
            m->addr_kind = GT_MODES_ADDR_AP_CONFIRMED;
        }
        break;
    }
    switch (m->df) {
    case 0:
    case 16:
        m->vs = bit(r, 6);
        if (m->df == 0) {
            m->cc = bit(r, 7);
        }
        m->sl = ui(bits(r, 9, 11));
        m->ri = ui(bits(r, 14, 17));
        m->on_ground = m->vs;
        m->has |= GT_MODES_HAS_GROUND;
        if (gt_modes_ac13_ft(bits(r, 20, 32), &m->alt_ft) == GT_OK) {
            m->has |= GT_MODES_HAS_ALT;
        }
        if (m->df == 16) {
            m->has |= GT_MODES_HAS_MV;
            if (bits(r, 33, 40) == 0x30) {
                gt__modes_d_bds30(r, m);
            }
        }
        break;
    case 4:
    case 5:
    case 20:
    case 21:
        m->fs = ui(bits(r, 6, 8));
        m->dr = ui(bits(r, 9, 13));
        m->um = ui(bits(r, 14, 19));
        if (m->fs == 0 || m->fs == 2) {
            m->on_ground = 0;
            m->has |= GT_MODES_HAS_GROUND;
        } else if (m->fs == 1 || m->fs == 3) {
            m->on_ground = 1;
            m->has |= GT_MODES_HAS_GROUND;
        }
        if (m->df == 4 || m->df == 20) {
            if (gt_modes_ac13_ft(bits(r, 20, 32), &m->alt_ft) == GT_OK) {
                m->has |= GT_MODES_HAS_ALT;
            }
        } else {
            m->squawk = gt_modes_squawk(bits(r, 20, 32));
            m->has |= GT_MODES_HAS_SQUAWK;
        }
        if (m->df >= 20) {
            gt__modes_decode_commb(r, meteo, m);
        }
        break;
    case 11:
    case 17:
        m->ca = ui(bits(r, 6, 8));
        if (m->ca == 4 || m->ca == 5) {
            m->on_ground = m->ca == 4;
            m->has |= GT_MODES_HAS_GROUND;
        }
        if (m->df == 17) {
            decode_me(r, m);
        }
        break;
    case 18:
        m->cf = ui(bits(r, 6, 8));
        m->nonicao = (m->cf == 1 || m->cf == 5);
        if (m->cf <= 2 || m->cf == 5 || m->cf == 6) {
            decode_me(r, m);
        }
        if (m->cf == 2 || m->cf == 6) {
            m->nonicao |= imf(r, m->tc); /* TIS-B / ADS-R of a track-file address */
            m->nic_b = -1;               /* that bit was the IMF, not NIC supplement-B */
        }
        break;
    default: /* DF19 and DF24: header only */
        break;
    }
    return GT_OK;
}
