/*
 * sixbit.c - AIS payload bits: de-armouring the NMEA 6-bit ASCII payload
 * (ITU-R M.1371-5 Annex 8 via IEC 61162-1 "AIVDM" encapsulation, table 47)
 * and reading unsigned, signed and 6-bit text fields out of the bit string
 * (M.1371-5 Annex 8 section 3.1: MSB first, two's complement for signed
 * fields, table 47 for text).
 */
#include <string.h>

#include "ghosttrack/ais.h"

uint32_t gt_ais_ubits(const struct gt_ais_msg *m, unsigned start, unsigned width)
{
    uint64_t v = 0;
    unsigned byte = start >> 3, shift, i;

    if (width == 0 || width > 32 || start + width > GT_AIS_MAX_BITS + 64) {
        return 0;
    }
    for (i = 0; i < 5; i++) {
        v = (v << 8) | m->bits[byte + i];
    }
    shift = 40 - (start & 7) - width;
    return (uint32_t)((v >> shift) & ((1ull << width) - 1));
}

int32_t gt_ais_sbits(const struct gt_ais_msg *m, unsigned start, unsigned width)
{
    uint32_t u = gt_ais_ubits(m, start, width);
    int64_t v = (int64_t)u;

    if (width > 0 && width <= 32 && (u & (1ull << (width - 1))) != 0) {
        v -= (int64_t)(1ll << width);
    }
    return (int32_t)v;
}

size_t gt_ais_text(const struct gt_ais_msg *m, unsigned start, unsigned count, char *out, int trim)
{
    static const char table[] =
        "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";
    size_t n = 0;
    unsigned i;

    for (i = 0; i < count; i++) {
        char c = table[gt_ais_ubits(m, start + 6 * i, 6)];
        if (c == '@') {
            break;
        }
        out[n++] = c;
    }
    if (trim) {
        while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '@')) {
            n--;
        }
    }
    out[n] = '\0';
    return n;
}

/* 6-bit value of each armour character, 0xff outside the alphabet
 * ('0'..'W' -> 0..39, '`'..'w' -> 40..63). */
static const uint8_t sixval[256] = {
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0,   1,   2,   3,   4,   5,   6,   7,   8,
    9,   10,  11,  12,  13,  14,  15,  16,  17,  18,  19,  20,  21,  22,  23,  24,  25,  26,  27,
    28,  29,  30,  31,  32,  33,  34,  35,  36,  37,  38,  39,  255, 255, 255, 255, 255, 255, 255,
    255, 40,  41,  42,  43,  44,  45,  46,  47,  48,  49,  50,  51,  52,  53,  54,  55,  56,  57,
    58,  59,  60,  61,  62,  63,  255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255,
};

int gt_ais_unarmor(struct gt_ais_msg *m, const uint8_t *p, size_t n, unsigned pad, int strict)
{
    size_t i;
    unsigned nb = m->nbits;

    if ((size_t)nb + n * 6 > GT_AIS_MAX_BITS) {
        return GT_ERR_TOOBIG;
    }
    for (i = 0; i < n; i++) {
        unsigned v = sixval[p[i]];
        if (v == 0xff) {
            if (strict) {
                return GT_ERR_BADDATA;
            }
            m->quality |= GT_AISQ_BAD_CHAR;
            v = ((unsigned)p[i] - 48u) & 0xffu;
            if (v >= 40) {
                v -= 8;
            }
            v &= 0x3f;
        }
        /* six bits at nb, MSB first */
        {
            unsigned byte = nb >> 3, off = nb & 7;
            uint32_t w = (uint32_t)v << (10 - off);
            m->bits[byte] = (uint8_t)(m->bits[byte] | (w >> 8));
            m->bits[byte + 1] = (uint8_t)(m->bits[byte + 1] | (w & 0xffu));
        }
        nb += 6;
    }
    if (pad > nb) {
        pad = nb;
    }
    nb -= pad;
    /* The fill bits stay in the buffer: gpsd reads them where a field runs
     * past the payload and shows them in hex dumps (except type 8), and
     * `--gpsd` must agree with it.  Decoders here read within nbits. */
    m->nbits = (uint16_t)nb;
    return GT_OK;
}
