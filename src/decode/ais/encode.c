/*
 * encode.c - AIS NMEA encoders (the inverse of the decoder).
 *
 * AIS: message layouts of ITU-R M.1371-5 Annex 8 section 3.3 (types 1-3
 * position report class A, 5 static and voyage data, 18 and 19 class B
 * position reports, 24 class B static data), the six-bit character table of
 * Table 47, and the sentence armouring and fragmenting of IEC 61162-1 /
 * NMEA 0183 (!AIVDM, 60 payload characters at most per fragment, XOR
 * checksum).  Tag blocks follow NMEA 0183 4.10 section 7.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ghosttrack/encode.h"
#include "ghosttrack/ais.h"

/* ---------------------------------------------------------------------- */
/* Bit writer: big-endian bit string, as both standards number bits. */

struct bitw {
    uint8_t b[64]; /* 512 bits, more than the 424 of type 5 */
    size_t n;      /* bits written */
};

static void bw_init(struct bitw *w)
{
    memset(w, 0, sizeof *w);
}

static uint8_t u8(unsigned v)
{
    return (uint8_t)(v & 0xFFu);
}

/* Append the low `width` bits of v, most significant first. */
static void bw_put(struct bitw *w, uint32_t v, unsigned width)
{
    unsigned i;

    for (i = 0; i < width; i++) {
        unsigned bit = (v >> (width - 1 - i)) & 1u;
        if (w->n < sizeof w->b * 8 && bit) {
            w->b[w->n / 8] = u8(w->b[w->n / 8] | (1u << (7 - w->n % 8)));
        }
        w->n++;
    }
}

/* Two's complement of a signed value in `width` bits. */
static uint32_t twos(long long v, unsigned width)
{
    unsigned long long m = (width >= 32) ? 0xFFFFFFFFull : ((1ull << width) - 1);
    return (uint32_t)((unsigned long long)v & m);
}

static unsigned bw_get(const struct bitw *w, size_t at, unsigned width)
{
    unsigned v = 0, i;

    for (i = 0; i < width; i++) {
        size_t k = at + i;
        v = (v << 1) | ((k < w->n) ? ((unsigned)(w->b[k / 8] >> (7 - k % 8)) & 1u) : 0u);
    }
    return v;
}

/* ---------------------------------------------------------------------- */
/* AIS six-bit text and armouring (M.1371-5 Table 47; IEC 61162-1). */

/* Return the six-bit code of c: '@'..'_' are 0..31, ' '..'?' are 32..63.
 * Lower case is folded to upper case; anything else becomes '?' (63). */
static unsigned ais_char(char c)
{
    unsigned u = (unsigned)(unsigned char)c;

    if (u >= 'a' && u <= 'z') {
        u -= 32u;
    }
    if (u >= 64 && u <= 95) {
        return u - 64;
    }
    if (u >= 32 && u <= 63) {
        return u;
    }
    return 63;
}

/* Append `nchars` six-bit characters of s, padded with '@' (0, the
 * standard's "no character"), or with spaces when pad_space is set, as most
 * class A transponders fill type 5 text fields. */
static void bw_text(struct bitw *w, const char *s, unsigned nchars, int pad_space)
{
    size_t len = strlen(s), i;

    for (i = 0; i < nchars; i++) {
        bw_put(w, i < len ? ais_char(s[i]) : (pad_space ? 32u : 0u), 6);
    }
}

static char armour(unsigned v)
{
    return (char)(v < 40 ? v + 48 : v + 56);
}

/* Armour the bits of w into out; returns the length or GT_ERR_INVAL. */
static int ais_armour(const struct bitw *w, char *out, size_t size, unsigned *fill)
{
    size_t nch = (w->n + 5) / 6, i;

    if (size < nch + 1) {
        return GT_ERR_INVAL;
    }
    for (i = 0; i < nch; i++) {
        out[i] = armour(bw_get(w, i * 6, 6));
    }
    out[nch] = '\0';
    if (fill != NULL) {
        *fill = (unsigned)(nch * 6 - w->n);
    }
    return (int)nch;
}

static uint32_t ais_lon(const struct gt_ais_pos *m)
{
    return m->has_pos ? twos(gt_encode_round(m->lon_deg * 600000.0), 28) : twos(181 * 600000, 28);
}

static uint32_t ais_lat(const struct gt_ais_pos *m)
{
    return m->has_pos ? twos(gt_encode_round(m->lat_deg * 600000.0), 27) : twos(91 * 600000, 27);
}

static uint32_t ais_sog(double sog_kn)
{
    return sog_kn < 0 ? 1023u : gt_encode_clamp(gt_encode_round(sog_kn * 10.0), 0, 1022);
}

static uint32_t ais_cog(double cog_deg)
{
    return cog_deg < 0 ? 3600u : gt_encode_clamp(gt_encode_round(cog_deg * 10.0), 0, 3599) % 3600u;
}

static uint32_t ais_hdg(int h)
{
    return h < 0 ? 511u : (uint32_t)(h % 360);
}

int gt_encode_ais_pos(const struct gt_ais_pos *m, char *out, size_t size, unsigned *fill)
{
    struct bitw w;

    bw_init(&w);
    if (m->type != 1 && m->type != 2 && m->type != 3 && m->type != 18 && m->type != 19) {
        return GT_ERR_INVAL;
    }
    bw_put(&w, m->type, 6);
    bw_put(&w, m->repeat, 2);
    bw_put(&w, m->mmsi, 30);
    if (m->type <= 3) {
        bw_put(&w, m->nav_status, 4);
        bw_put(&w, twos(m->rot, 8), 8);
        bw_put(&w, ais_sog(m->sog_kn), 10);
        bw_put(&w, m->accuracy, 1);
        bw_put(&w, ais_lon(m), 28);
        bw_put(&w, ais_lat(m), 27);
        bw_put(&w, ais_cog(m->cog_deg), 12);
        bw_put(&w, ais_hdg(m->heading_deg), 9);
        bw_put(&w, m->second, 6);
        bw_put(&w, m->maneuver, 2);
        bw_put(&w, 0, 3);
        bw_put(&w, m->raim, 1);
        bw_put(&w, m->radio, 19);
        return ais_armour(&w, out, size, fill);
    }
    bw_put(&w, 0, 8); /* regional reserved */
    bw_put(&w, ais_sog(m->sog_kn), 10);
    bw_put(&w, m->accuracy, 1);
    bw_put(&w, ais_lon(m), 28);
    bw_put(&w, ais_lat(m), 27);
    bw_put(&w, ais_cog(m->cog_deg), 12);
    bw_put(&w, ais_hdg(m->heading_deg), 9);
    bw_put(&w, m->second, 6);
    if (m->type == 18) {
        bw_put(&w, m->regional, 2);
        bw_put(&w, m->b_flags, 6);
        bw_put(&w, m->raim, 1);
        bw_put(&w, m->radio, 20);
    } else {
        bw_put(&w, m->regional, 4);
        bw_text(&w, m->name, 20, 0);
        bw_put(&w, m->ship_type, 8);
        bw_put(&w, m->to_bow_m, 9);
        bw_put(&w, m->to_stern_m, 9);
        bw_put(&w, m->to_port_m, 6);
        bw_put(&w, m->to_starboard_m, 6);
        bw_put(&w, 1, 4); /* EPFD: GPS */
        bw_put(&w, m->raim, 1);
        bw_put(&w, 0, 1); /* DTE: ready */
        bw_put(&w, 0, 1); /* assigned mode: autonomous */
        bw_put(&w, 0, 4);
    }
    return ais_armour(&w, out, size, fill);
}

int gt_encode_ais_type5(const struct gt_ais_static *m, char *out, size_t size, unsigned *fill)
{
    struct bitw w;

    bw_init(&w);
    bw_put(&w, 5, 6);
    bw_put(&w, m->repeat, 2);
    bw_put(&w, m->mmsi, 30);
    bw_put(&w, m->ais_version, 2);
    bw_put(&w, m->imo, 30);
    bw_text(&w, m->callsign, 7, 1);
    bw_text(&w, m->name, 20, 1);
    bw_put(&w, m->ship_type, 8);
    bw_put(&w, m->to_bow_m, 9);
    bw_put(&w, m->to_stern_m, 9);
    bw_put(&w, m->to_port_m, 6);
    bw_put(&w, m->to_starboard_m, 6);
    bw_put(&w, m->epfd, 4);
    bw_put(&w, m->eta_month, 4);
    bw_put(&w, m->eta_day, 5);
    bw_put(&w, m->eta_hour, 5);
    bw_put(&w, m->eta_minute, 6);
    bw_put(&w, gt_encode_clamp(gt_encode_round(m->draught_m * 10.0), 0, 255), 8);
    bw_text(&w, m->destination, 20, 1);
    bw_put(&w, m->dte, 1);
    bw_put(&w, 0, 1);
    return ais_armour(&w, out, size, fill);
}

int gt_encode_ais_type24(const struct gt_ais_static *m, unsigned part, char *out, size_t size,
                         unsigned *fill)
{
    struct bitw w;

    if (part > 1) {
        return GT_ERR_INVAL;
    }
    bw_init(&w);
    bw_put(&w, 24, 6);
    bw_put(&w, m->repeat, 2);
    bw_put(&w, m->mmsi, 30);
    bw_put(&w, part, 2);
    if (part == 0) {
        bw_text(&w, m->name, 20, 0);
        return ais_armour(&w, out, size, fill);
    }
    bw_put(&w, m->ship_type, 8);
    bw_text(&w, m->vendor, 7, 0);
    bw_text(&w, m->callsign, 7, 0);
    bw_put(&w, m->to_bow_m, 9);
    bw_put(&w, m->to_stern_m, 9);
    bw_put(&w, m->to_port_m, 6);
    bw_put(&w, m->to_starboard_m, 6);
    bw_put(&w, 0, 6);
    return ais_armour(&w, out, size, fill);
}

/* NMEA 0183 checksum of text: the decoder's XOR over its bytes. */
static unsigned nmea_checksum(const char *s, size_t n)
{
    return gt_ais_nmea_checksum((const uint8_t *)s, n);
}

/* Append "body*hh" where hh is the checksum of body. */
static int add_checked(struct gt_buf *out, const char *lead, const char *body, const char *trail)
{
    int rc = gt_buf_addf(out, "%s%s*%02X%s", lead, body, nmea_checksum(body, strlen(body)), trail);
    return rc;
}

int gt_encode_nmea_wrap(const char *payload, unsigned fill, char channel, unsigned seqid,
                        const char *station, int64_t t_s, struct gt_buf *out)
{
    size_t len = strlen(payload), nfrag = (len + 59) / 60, i;
    char body[128];
    int rc;

    if (len == 0 || nfrag > 9 || fill > 5 || seqid > 9 || (channel != 'A' && channel != 'B')) {
        return GT_ERR_INVAL;
    }
    for (i = 0; i < nfrag; i++) {
        size_t off = i * 60, n = len - off < 60 ? len - off : 60;
        if (station != NULL) {
            char tag[96];
            snprintf(tag, sizeof tag, "s:%s,c:%lld", station, (long long)t_s);
            rc = add_checked(out, "\\", tag, "\\");
            if (rc < 0) {
                return rc;
            }
        }
        if (nfrag > 1) {
            snprintf(body, sizeof body, "AIVDM,%zu,%zu,%u,%c,%.*s,%u", nfrag, i + 1, seqid, channel,
                     (int)n, payload + off, i + 1 == nfrag ? fill : 0u);
        } else {
            snprintf(body, sizeof body, "AIVDM,1,1,,%c,%.*s,%u", channel, (int)n, payload, fill);
        }
        rc = add_checked(out, "!", body, "\n");
        if (rc < 0) {
            return rc;
        }
    }
    return (int)nfrag;
}
