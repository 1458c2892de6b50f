/*
 * modes_int.h - private to src/decode/modes: helpers shared across files
 * (the bit accessors of modes.c and commb.c, the Comm-B entry points).
 */
#ifndef GT_MODES_INT_H
#define GT_MODES_INT_H

#include <math.h>
#include <stdint.h>

#include "ghosttrack/modes.h"

/* ---- small helpers (the only casts) ------------------------------------- */

static inline int ui(uint32_t v)
{
    return (int)v;
}

static inline int32_t si32(int v)
{
    return (int32_t)v;
}

/* Bits first..last (1-based, inclusive, at most 32 wide) of message m. */
static inline uint32_t bits(const uint8_t *m, int first, int last)
{
    int fb = (first - 1) >> 3, lb = (last - 1) >> 3, i;
    uint64_t v = 0;
    int width = last - first + 1;

    for (i = fb; i <= lb; i++) {
        v = (v << 8) | m[i];
    }
    v >>= (7 - ((last - 1) & 7));
    return (uint32_t)(v & ((width >= 32) ? 0xffffffffu : ((1u << width) - 1u)));
}

/* ME / MB field bits (1-based within the 56-bit field). */
static inline uint32_t me(const uint8_t *m, int first, int last)
{
    return bits(m, first + 32, last + 32);
}

static inline int mei(const uint8_t *m, int first, int last)
{
    return ui(me(m, first, last));
}

static inline int bit(const uint8_t *m, int n)
{
    return ui(bits(m, n, n));
}

static inline int meb(const uint8_t *m, int n)
{
    return bit(m, n + 32);
}

/* Two's complement of a sign bit plus magnitude field of nbits. */
static inline int signed_field(int sign, int mag, int nbits)
{
    return sign ? mag - (1 << nbits) : mag;
}

static inline double norm360(double a)
{
    a = fmod(a, 360.0);
    if (a < 0) {
        a += 360.0;
    }
    return a;
}

/* Eight 6-bit characters from ME/MB bit 9 into out; returns 1 if all are
 * valid and the result is not empty (modes.c). */
int gt__modes_callsign(const uint8_t *m, char out[9]);

/* Infer and decode the Comm-B register of a DF20/21 MB field (commb.c);
 * meteo also allows register 4,4. */
void gt__modes_decode_commb(const uint8_t *p, int meteo, struct gt_modes_msg *m);

/* Register 3,0 (ACAS resolution advisory), also what a DF16 long air-air
 * reply carries in its MV field (commb.c). */
void gt__modes_d_bds30(const uint8_t *p, struct gt_modes_msg *m);

/* Decode the MB field of raw as register bds into m, whatever inference
 * said (commb.c). */
void gt__modes_commb_as(const uint8_t *raw, enum gt_modes_bds bds, struct gt_modes_msg *m);

#endif /* GT_MODES_INT_H */
