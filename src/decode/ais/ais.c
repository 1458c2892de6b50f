/*
 * ais.c - decoding the AIS message types 1-27 of ITU-R M.1371-5 Annex 8
 * (section 3, tables 45-96): the header of every type, length checks, and
 * the commonly used fields into struct gt_ais_msg with "not available"
 * sentinels turned into validity flags (lat 91, lon 181, SOG 102.3,
 * heading 511, COG 360, ROT -128, second 60-63, altitude 4095).
 *
 * The length rules follow gpsd's permissive ones so that the two agree on
 * which messages exist: a message shorter than its type's defined length is
 * rejected when a field the type needs would be missing, and any other
 * deviation is kept and flagged (GT_AISQ_LEN_SHORT / GT_AISQ_LEN_LONG).
 */
#include <math.h>
#include <string.h>

#include "ghosttrack/ais.h"
#include "ghosttrack/time.h"

#define U(s, w) gt_ais_ubits(m, (s), (w))
#define S(s, w) gt_ais_sbits(m, (s), (w))

/* Positions of types 1-3, 4, 9, 11, 18, 19: 1/10000 minute, lon 28 bits
 * then lat 27 bits.  181 / 91 degrees mean "not available". */
static void set_pos(struct gt_ais_msg *m, int32_t lon, int32_t lat, double div)
{
    double lo = (double)lon / div, la = (double)lat / div;
    if (fabs(la) <= 90.0 && fabs(lo) <= 180.0) {
        m->lat_deg = la;
        m->lon_deg = lo;
        m->valid |= GT_AISV_POS;
    } else if (!(fabs(la - 91.0) < 1e-9 || fabs(lo - 181.0) < 1e-9)) {
        m->quality |= GT_AISQ_SPARE;
    }
}

/* SOG in 1/10 knot, 1023 not available, 1022 means >= 102.2 kn. */
static void set_sog10(struct gt_ais_msg *m, uint32_t sog)
{
    if (sog != 1023) {
        m->sog_kn = (float)sog / 10.0f;
        m->valid |= GT_AISV_SOG;
    }
}

/* COG in 1/10 degree, 3600 not available, above is invalid. */
static void set_cog10(struct gt_ais_msg *m, uint32_t cog)
{
    if (cog < 3600) {
        m->cog_deg = (float)cog / 10.0f;
        m->valid |= GT_AISV_COG;
    } else if (cog > 3600) {
        m->quality |= GT_AISQ_SPARE;
    }
}

static void set_heading(struct gt_ais_msg *m, uint32_t hdg)
{
    if (hdg < 360) {
        m->heading_deg = (uint16_t)hdg;
        m->valid |= GT_AISV_HEADING;
    } else if (hdg != 511) {
        m->quality |= GT_AISQ_SPARE;
    }
}

static void set_second(struct gt_ais_msg *m, uint32_t sec)
{
    if (sec < 60) {
        m->utc_second = (uint8_t)sec;
        m->valid |= GT_AISV_SECOND;
    }
}

/* ROT_AIS = 4.733 * sqrt(ROT deg/min), -128 not available, +-127 turning
 * at more than 5 deg/30 s without a turn indicator (kept as +-720 deg/min,
 * the cap of the indicator's range). */
static void set_rot(struct gt_ais_msg *m, int32_t rot)
{
    if (rot == -128) {
        return;
    }
    if (rot == 127 || rot == -127) {
        m->rot_deg_min = rot > 0 ? 720.0f : -720.0f;
    } else {
        double r = (double)rot / 4.733;
        m->rot_deg_min = (float)(rot < 0 ? -(r * r) : r * r);
    }
    m->valid |= GT_AISV_ROT;
}

static void set_len(struct gt_ais_msg *m, unsigned want)
{
    if (m->nbits < want) {
        m->quality |= GT_AISQ_LEN_SHORT;
    } else if (m->nbits > want) {
        m->quality |= GT_AISQ_LEN_LONG;
    }
}

static void set_dims(struct gt_ais_msg *m, unsigned at)
{
    m->dim_a = (uint16_t)U(at, 9);
    m->dim_b = (uint16_t)U(at + 9, 9);
    m->dim_c = (uint8_t)U(at + 18, 6);
    m->dim_d = (uint8_t)U(at + 24, 6);
}

/* The UTC of a type 4/11 report, when every part is available. */
static void set_utc(struct gt_ais_msg *m)
{
    struct gt_civil c;
    c.year = (int)U(38, 14);
    c.month = (int)U(52, 4);
    c.day = (int)U(56, 5);
    c.hour = (int)U(61, 5);
    c.min = (int)U(66, 6);
    c.sec = (int)U(72, 6);
    c.ms = 0;
    if (c.year >= 1 && c.year <= 9999 && c.month >= 1 && c.month <= 12 && c.day >= 1 &&
        c.hour < 24 && c.min < 60 && c.sec < 60) {
        m->utc_ms = gt_time_from_civil(&c);
    }
}

static int decode_body(struct gt_ais_msg *m)
{
    unsigned n = m->nbits;

    switch (m->type) {
    case 1:
    case 2:
    case 3:
        if (n < 163) {
            return GT_ERR_BADDATA;
        }
        set_len(m, 168);
        m->nav_status = (uint8_t)U(38, 4);
        m->valid |= GT_AISV_STATUS;
        set_rot(m, S(42, 8));
        set_sog10(m, U(50, 10));
        m->pos_acc = (uint8_t)U(60, 1);
        set_pos(m, S(61, 28), S(89, 27), 600000.0);
        set_cog10(m, U(116, 12));
        set_heading(m, U(128, 9));
        set_second(m, U(137, 6));
        break;
    case 4:
    case 11:
        if (n < 168) {
            return GT_ERR_BADDATA;
        }
        set_len(m, 168);
        set_utc(m);
        m->pos_acc = (uint8_t)U(78, 1);
        set_pos(m, S(79, 28), S(107, 27), 600000.0);
        break;
    case 5:
        if (n < 420) {
            return GT_ERR_BADDATA;
        }
        set_len(m, 424);
        m->imo = U(40, 30);
        gt_ais_text(m, 70, 7, m->callsign, 1);
        gt_ais_text(m, 112, 20, m->name, 1);
        m->shiptype = (uint8_t)U(232, 8);
        set_dims(m, 240);
        m->draught_m = (float)U(294, 8) / 10.0f;
        gt_ais_text(m, 302, 20, m->destination, 1);
        m->valid |= GT_AISV_STATIC;
        break;
    case 6:
        if (n < 88 || n > 1008) {
            return GT_ERR_BADDATA;
        }
        break;
    case 7:
    case 13:
        if (n < 72 || n > 168) {
            return GT_ERR_BADDATA;
        }
        break;
    case 8:
        if (n < 56 || n > 1008) {
            return GT_ERR_BADDATA;
        }
        break;
    case 9:
        if (n < 168) {
            return GT_ERR_BADDATA;
        }
        set_len(m, 168);
        {
            uint32_t alt = U(38, 12), sog = U(50, 10);
            if (alt != 4095) {
                m->alt_m = (int32_t)alt;
                m->valid |= GT_AISV_ALT;
            }
            if (sog != 1023) {
                m->sog_kn = (float)sog;
                m->valid |= GT_AISV_SOG;
            }
        }
        m->pos_acc = (uint8_t)U(60, 1);
        set_pos(m, S(61, 28), S(89, 27), 600000.0);
        set_cog10(m, U(116, 12));
        set_second(m, U(128, 6));
        break;
    case 10:
        if (n < 72) {
            return GT_ERR_BADDATA;
        }
        set_len(m, 72);
        break;
    case 12:
        if (n < 72 || n > 1008) {
            return GT_ERR_BADDATA;
        }
        break;
    case 14:
        if (n < 40 || n > 1008) {
            return GT_ERR_BADDATA;
        }
        break;
    case 15:
        if (n < 88 || n > 168) {
            return GT_ERR_BADDATA;
        }
        break;
    case 16:
        if (n < 96 || n > 168) {
            return GT_ERR_BADDATA;
        }
        break;
    case 17:
        if (n < 80 || n > 816) {
            return GT_ERR_BADDATA;
        }
        break;
    case 18:
    case 19:
        if (n < (m->type == 18 ? 168u : 312u)) {
            return GT_ERR_BADDATA;
        }
        set_len(m, m->type == 18 ? 168u : 312u);
        set_sog10(m, U(46, 10));
        m->pos_acc = (uint8_t)U(56, 1);
        set_pos(m, S(57, 28), S(85, 27), 600000.0);
        set_cog10(m, U(112, 12));
        set_heading(m, U(124, 9));
        set_second(m, U(133, 6));
        if (m->type == 19) {
            gt_ais_text(m, 143, 20, m->name, 1);
            m->shiptype = (uint8_t)U(263, 8);
            set_dims(m, 271);
            m->valid |= GT_AISV_STATIC;
        }
        break;
    case 20:
        if (n < 72 || n > 186) {
            return GT_ERR_BADDATA;
        }
        break;
    case 21:
        if (n < 272 || n > 368) {
            return GT_ERR_BADDATA;
        }
        {
            size_t len = gt_ais_text(m, 43, 20, m->name, 0);
            if (len == 20 && n > 272) {
                gt_ais_text(m, 272, (n - 272) / 6 < 14 ? (n - 272) / 6 : 14, m->name + 20, 0);
            }
            len = strlen(m->name);
            while (len > 0 && (m->name[len - 1] == ' ' || m->name[len - 1] == '@')) {
                m->name[--len] = '\0';
            }
        }
        m->pos_acc = (uint8_t)U(163, 1);
        set_pos(m, S(164, 28), S(192, 27), 600000.0);
        set_dims(m, 219);
        set_second(m, U(253, 6));
        m->valid |= GT_AISV_STATIC;
        break;
    case 22:
        if (n < 168) {
            return GT_ERR_BADDATA;
        }
        set_len(m, 168);
        break;
    case 23:
        if (n < 160) {
            return GT_ERR_BADDATA;
        }
        set_len(m, 160);
        break;
    case 24:
        switch (U(38, 2)) {
        case 0:
            if (n < 160 || n > 168) {
                return GT_ERR_BADDATA;
            }
            gt_ais_text(m, 40, 20, m->name, 1);
            m->part24 = GT_AIS24_A;
            break;
        case 1:
            if (n < 168) {
                return GT_ERR_BADDATA;
            }
            set_len(m, 168);
            m->shiptype = (uint8_t)U(40, 8);
            gt_ais_text(m, 90, 7, m->callsign, 1);
            if (m->mmsi / 10000000u != 98) {
                set_dims(m, 132);
            }
            m->part24 = GT_AIS24_B;
            break;
        default:
            return GT_ERR_BADDATA;
        }
        m->valid |= GT_AISV_STATIC;
        break;
    case 25:
        if (n < 40 || n > 168) {
            return GT_ERR_BADDATA;
        }
        if (n < 40 + 16 * U(39, 1) + 30 * U(38, 1)) {
            return GT_ERR_BADDATA;
        }
        break;
    case 26:
        if (n < 60 || n > 1004) {
            return GT_ERR_BADDATA;
        }
        if (n < 40 + 16 * U(39, 1) + 30 * U(38, 1) + 20) {
            return GT_ERR_BADDATA;
        }
        break;
    case 27:
        if (n != 96 && n != 168) {
            return GT_ERR_BADDATA;
        }
        if (n != 96) {
            m->quality |= GT_AISQ_LEN_LONG;
        }
        m->pos_acc = (uint8_t)U(38, 1);
        m->nav_status = (uint8_t)U(40, 4);
        m->valid |= GT_AISV_STATUS;
        set_pos(m, S(44, 18), S(62, 17), 600.0);
        if (U(79, 6) != 63) {
            m->sog_kn = (float)U(79, 6);
            m->valid |= GT_AISV_SOG;
        }
        if (U(85, 9) < 360) {
            m->cog_deg = (float)U(85, 9);
            m->valid |= GT_AISV_COG;
        }
        break;
    default:
        return GT_ERR_UNSUPPORTED;
    }
    return GT_OK;
}

int gt_ais_decode(struct gt_ais_msg *m)
{
    m->valid = 0;
    m->utc_ms = GT_TIME_NONE;
    m->name[0] = m->callsign[0] = m->destination[0] = '\0';
    m->imo = 0;
    m->part24 = GT_AIS24_NONE;
    if (m->nbits < 38) {
        m->type = m->nbits >= 6 ? (uint8_t)U(0, 6) : 0;
        return m->type == 0 || m->type > 27 ? GT_ERR_UNSUPPORTED : GT_ERR_BADDATA;
    }
    m->type = (uint8_t)U(0, 6);
    m->repeat = (uint8_t)U(6, 2);
    m->mmsi = U(8, 30);
    return decode_body(m);
}
