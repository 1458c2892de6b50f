/*
 * fuzz_modes.c - the Mode S message decoder on arbitrary 7- and 14-byte
 * messages (with 1- and 2-bit CRC repair), the CPR decoders on arbitrary
 * 17-bit values and references, and the state table.  A repaired message
 * must have a zero syndrome (DF17/18) and positions must be on the globe.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ghosttrack/modes.h"

static uint32_t u17(const uint8_t *p)
{
    return ((uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2]) & 0x1ffffu;
}

static void check_pos(double lat, double lon)
{
    if (!(lat >= -90.0 && lat <= 90.0 && lon >= -180.0 && lon <= 180.0)) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct gt_modes_state *st;
    struct gt_modes_opts o = {2, 1, 0};
    struct gt_modes_msg m;
    struct gt_modes_update u;
    double lat, lon;

    if (st == NULL) {
        st = gt_modes_state_new(NULL);
        if (st == NULL) {
            return 0;
        }
    }
    if (size >= 7) {
        if (gt_modes_decode(data, 7, &o, NULL, NULL, &m) == GT_OK) {
            (void)gt_modes_state_update(st, &m, 1000, &u);
        }
    }
    if (size >= 14) {
        if (gt_modes_decode(data, 14, &o, NULL, NULL, &m) == GT_OK) {
            if ((m.df == 17 || m.df == 18) && gt_modes_syndrome(m.raw, 112) != 0) {
                abort();
            }
            (void)gt_modes_state_resolve(st, &m, 2000);
            (void)gt_modes_state_update(st, &m, 2000, &u);
            if ((u.obs.flags & GT_OBS_POS) != 0) {
                check_pos(u.obs.lat_deg, u.obs.lon_deg);
            }
        }
        if (gt_modes_decode(data, 14, &o, gt_modes_state_known, st, &m) == GT_OK) {
            (void)gt_modes_state_update(st, &m, 3000, &u);
        }
    }
    if (size >= 16) {
        double rl = (double)(int8_t)data[12] * 0.7, ro = (double)(int8_t)data[13] * 1.4;
        int odd = data[14] & 1;
        if (gt_modes_cpr_global_air(u17(data), u17(data + 3), u17(data + 6), u17(data + 9), odd,
                                    &lat, &lon) == GT_OK) {
            check_pos(lat, lon);
        }
        if (gt_modes_cpr_global_surface(rl, ro, u17(data), u17(data + 3), u17(data + 6),
                                        u17(data + 9), odd, &lat, &lon) == GT_OK) {
            check_pos(lat, lon);
        }
        if (gt_modes_cpr_local(rl, ro, u17(data), u17(data + 3), odd, data[15] & 1, &lat, &lon) ==
            GT_OK) {
            check_pos(lat, lon);
        }
    }
    if (size >= 2) {
        int32_t ft;
        unsigned v = (unsigned)data[0] << 8 | data[1];
        if (gt_modes_ac13_ft(v & 0x1fffu, &ft) == GT_OK && (ft < -1300 || ft > 130000)) {
            abort();
        }
        if (gt_modes_ac12_ft(v & 0xfffu, &ft) == GT_OK && (ft < -1300 || ft > 130000)) {
            abort();
        }
        (void)gt_modes_squawk(v & 0x1fffu);
    }
    return 0;
}
