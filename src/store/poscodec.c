/*
 * poscodec.c - how one position row packs the fields of a struct gt_obs:
 * validity flags a NULL column cannot carry and the station id in misc, the
 * rarely present fields in one biased ext column, speed / course / heading
 * in one motion column (docs/STORE.md, table pos).
 */
#include "ghosttrack/store.h"
#include "store_int.h"

/* ---- positions and facts ---- */

/* The rarely present fields share one column, NULL when none is set:
 * bits 0-2 say which of GNSS altitude, vertical rate and rate of turn
 * follow; bits 3-22 GNSS altitude ft + 2^19, bits 23-39 vertical rate
 * ft/min + 2^16, bits 40-55 rate of turn in 0.1 deg/min + 2^15 (each
 * clamped to its range). */
static int64_t clamp_bias(int64_t v, int bits)
{
    int64_t half = (int64_t)1 << (bits - 1);

    if (v < -half) {
        v = -half;
    } else if (v > half - 1) {
        v = half - 1;
    }
    return v + half;
}

int64_t gt__store_pack_ext(const struct gt_obs *o)
{
    int64_t e = 0;

    if (o->flags & GT_OBS_GNSS_ALT) {
        e |= 1 | (clamp_bias(o->gnss_alt_ft, 20) << 3);
    }
    if (o->flags & GT_OBS_VRATE) {
        e |= 2 | (clamp_bias((int64_t)llroundf(o->vrate_fpm), 17) << 23);
    }
    if (o->flags & GT_OBS_ROT) {
        e |= 4 | (clamp_bias(tenths(o->rot_deg_min), 16) << 40);
    }
    return e;
}

unsigned gt__store_pack_misc(const struct gt_obs *o)
{
    return (o->on_ground ? 1u : 0u) | (((unsigned)o->nav_status & 15u) << 1) |
           (((unsigned)o->pos_how & 7u) << 5) | (((unsigned)o->rx & 3u) << 8) |
           ((o->flags & GT_OBS_GROUND) ? MISC_GROUND : 0u) |
           ((o->flags & GT_OBS_NAVSTAT) ? MISC_NAVSTAT : 0u) |
           ((o->flags & GT_OBS_POS_ACC) ? MISC_POS_ACC : 0u) |
           ((o->flags & GT_OBS_TIME) ? MISC_TIME : 0u);
}

/* Speed, course and heading share one column, NULL when none is set:
 * bits 0-14 speed in 0.1 kn + 1, bits 15-26 course and bits 27-38
 * heading in 0.1 deg + 1, each 0 when absent (clamped to its range). */

static int64_t motion_field(int64_t tenth, int64_t max)
{
    return (tenth < 0 ? 0 : tenth > max ? max : tenth) + 1;
}

int64_t gt__store_pack_motion(const struct gt_obs *o)
{
    int64_t m = 0;

    if (o->flags & GT_OBS_SPEED) {
        m |= motion_field(tenths(o->speed_kn), 32766);
    }
    if (o->flags & GT_OBS_COURSE) {
        m |= motion_field(tenths(o->course_deg), 4094) << 15;
    }
    if (o->flags & GT_OBS_HEADING) {
        m |= motion_field(tenths(o->heading_deg), 4094) << 27;
    }
    return m;
}

/* Rebuild the validity flags of a stored position from misc, motion and
 * whether alt is NULL. */
uint32_t gt__store_unpack_flags(unsigned misc, int has_alt, int64_t motion)
{
    uint32_t f = GT_OBS_POS;

    f |= has_alt ? (uint32_t)GT_OBS_ALT : 0u;
    f |= MOTION_SPD(motion) != 0 ? (uint32_t)GT_OBS_SPEED : 0u;
    f |= MOTION_CRS(motion) != 0 ? (uint32_t)GT_OBS_COURSE : 0u;
    f |= MOTION_HDG(motion) != 0 ? (uint32_t)GT_OBS_HEADING : 0u;
    f |= (misc & MISC_GROUND) ? (uint32_t)GT_OBS_GROUND : 0u;
    f |= (misc & MISC_NAVSTAT) ? (uint32_t)GT_OBS_NAVSTAT : 0u;
    f |= (misc & MISC_POS_ACC) ? (uint32_t)GT_OBS_POS_ACC : 0u;
    f |= (misc & MISC_TIME) ? (uint32_t)GT_OBS_TIME : 0u;
    return f;
}
