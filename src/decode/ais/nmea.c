/*
 * nmea.c - NMEA 0183 framing of AIS: the !xxVDM / !xxVDO sentence of
 * IEC 61162-1 (fields: fragment count, fragment number, sequential message
 * id, channel, armoured payload, fill bits, *hh XOR checksum), and the
 * NMEA 4.0 tag block (`\s:station,c:time,g:n-m-id*hh\`) that precedes it
 * in many archives (IEC 61162-450 / NMEA 0183 v4 section 7).
 *
 * Any two-letter talker is accepted (AI, AB, AD, AN, AR, AS, AT, AX, BS,
 * SA, BY, ...), as are '$' instead of '!' and a missing checksum (flagged).
 */
#include <string.h>

#include "ghosttrack/ais.h"
#include "ghosttrack/text.h"
#include "ghosttrack/time.h"

uint8_t gt_ais_nmea_checksum(const uint8_t *p, size_t n)
{
    uint8_t x = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        x = (uint8_t)(x ^ p[i]);
    }
    return x;
}

/* Talker characters: any printable ASCII but the NMEA delimiters (AMSA
 * archives carry "!=IVDM" with valid checksums). */
static int is_talker_char(uint8_t c)
{
    return c > 0x20 && c < 0x7f && c != ',' && c != '*' && c != '!' && c != '$' && c != '\\';
}

int gt_ais_nmea_parse(const uint8_t *p, size_t n, struct gt_nmea_sentence *s)
{
    const uint8_t *star = NULL, *end = p + n, *q, *f[8];
    size_t len[8], nf = 0;
    int ck = -1, rc = GT_OK;
    uint8_t x = 0;

    memset(s, 0, sizeof *s);
    s->seq = -1;
    if (n < 2 || (p[0] != '!' && p[0] != '$')) {
        return GT_ERR_BADDATA;
    }
    /* one pass: XOR checksum and field boundaries up to '*' (or line end) */
    f[0] = p + 1;
    for (q = p + 1; q < end; q++) {
        uint8_t c = *q;
        if (c == '*') {
            star = q;
            break;
        }
        x = (uint8_t)(x ^ c);
        if (c == ',') {
            if (nf < 8) {
                len[nf] = (size_t)(q - f[nf]);
            }
            nf++;
            if (nf < 8) {
                f[nf] = q + 1;
            }
        }
    }
    if (star == NULL) {
        while (q > p + 1 && (q[-1] == '\r' || q[-1] == '\n' || q[-1] == ' ')) {
            q--;
        }
    }
    if (nf < 8) {
        len[nf] = (size_t)(q - f[nf]);
    }
    nf++;
    if (len[0] != 5 || !is_talker_char(f[0][0]) || !is_talker_char(f[0][1])) {
        return GT_ERR_BADDATA;
    }
    if (memcmp(f[0] + 2, "VDM", 3) == 0) {
        s->own = 0;
    } else if (memcmp(f[0] + 2, "VDO", 3) == 0) {
        s->own = 1;
    } else {
        return GT_ERR_UNSUPPORTED;
    }
    s->talker[0] = (char)f[0][0];
    s->talker[1] = (char)f[0][1];
    if (nf < 7) {
        return GT_ERR_BADDATA;
    }
    if (star != NULL) {
        if ((size_t)(star - p) + 3 > n || gt_text_hexval(star[1]) < 0 ||
            gt_text_hexval(star[2]) < 0) {
            return GT_ERR_BADDATA;
        }
        ck = gt_text_hexval(star[1]) * 16 + gt_text_hexval(star[2]);
        s->rest = star + 3;
        s->nrest = n - (size_t)(star + 3 - p);
        if (x != ck) {
            rc = GT_ERR_CHECKSUM;
        }
    } else {
        s->quality |= GT_AISQ_NO_CHECKSUM;
        s->rest = p + n;
        s->nrest = 0;
    }
    if (len[1] != 1 || len[2] != 1 || f[1][0] < '1' || f[1][0] > '9' || f[2][0] < '1' ||
        f[2][0] > '9') {
        return GT_ERR_BADDATA;
    }
    s->nfrag = (uint8_t)(f[1][0] - '0');
    s->frag = (uint8_t)(f[2][0] - '0');
    if (s->frag > s->nfrag) {
        return GT_ERR_BADDATA;
    }
    if (len[3] == 1 && f[3][0] >= '0' && f[3][0] <= '9') {
        s->seq = f[3][0] - '0';
    } else if (len[3] != 0) {
        return GT_ERR_BADDATA;
    }
    if (len[4] == 1 && (f[4][0] == 'A' || f[4][0] == 'B' || f[4][0] == '1' || f[4][0] == '2')) {
        s->channel = f[4][0] == '1' ? 'A' : f[4][0] == '2' ? 'B' : (char)f[4][0];
    } else {
        /* empty (normal for VDO), "12", "C"...: kept, flagged */
        s->channel = len[4] == 1 ? (char)f[4][0] : 0;
        if (!(s->own && len[4] == 0)) {
            s->quality |= GT_AISQ_CHANNEL;
        }
    }
    s->payload = f[5];
    s->npayload = len[5];
    if (len[6] >= 1 && f[6][0] >= '0' && f[6][0] <= '5') {
        s->pad = (unsigned)(f[6][0] - '0');
    } else {
        s->quality |= GT_AISQ_PAD;
        s->pad = 0;
    }
    return rc;
}

static int parse_int(const uint8_t *p, size_t n, int64_t *v)
{
    int64_t x = 0;
    size_t i;
    if (n == 0 || n > 18) {
        return -1;
    }
    for (i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return -1;
        }
        x = x * 10 + (p[i] - '0');
    }
    *v = x;
    return 0;
}

/* "n-m-id": sentence n of m in group id. */
static void parse_group(const uint8_t *p, size_t n, struct gt_tagblock *tb)
{
    const uint8_t *d1 = memchr(p, '-', n), *d2;
    int64_t a, b, c;
    if (d1 == NULL) {
        return;
    }
    d2 = memchr(d1 + 1, '-', n - (size_t)(d1 + 1 - p));
    if (d2 == NULL) {
        return;
    }
    if (parse_int(p, (size_t)(d1 - p), &a) < 0 ||
        parse_int(d1 + 1, (size_t)(d2 - d1 - 1), &b) < 0 ||
        parse_int(d2 + 1, n - (size_t)(d2 + 1 - p), &c) < 0 || a < 1 || b < 1 || a > b || b > 9 ||
        c > 1000000) {
        return;
    }
    tb->group_n = (int)a;
    tb->group_of = (int)b;
    tb->group_id = (int)c;
}

int gt_tagblock_parse(const uint8_t *p, size_t n, struct gt_tagblock *tb)
{
    const uint8_t *star = memchr(p, '*', n);
    size_t body = star != NULL ? (size_t)(star - p) : n, i, start = 0;
    int good = 0;

    memset(tb, 0, sizeof *tb);
    tb->t_ms = GT_TIME_NONE;
    if (star != NULL && body + 3 <= n && gt_text_hexval(star[1]) >= 0 &&
        gt_text_hexval(star[2]) >= 0) {
        tb->checksum_ok =
            gt_ais_nmea_checksum(p, body) == gt_text_hexval(star[1]) * 16 + gt_text_hexval(star[2]);
    }
    if (body == 0) {
        return GT_ERR_BADDATA;
    }
    for (i = 0; i <= body; i++) {
        if (i == body || p[i] == ',') {
            const uint8_t *f = p + start;
            size_t len = i - start;
            int64_t v;
            start = i + 1;
            if (len >= 5 && f[0] >= '1' && f[0] <= '9' && f[1] == 'G' && f[2] >= '1' &&
                f[2] <= '9' && f[3] == ':') {
                /* NMEA 4.0 draft group form "1G2:0125" */
                if (parse_int(f + 4, len - 4, &v) == 0 && f[0] <= f[2] && v <= 1000000) {
                    tb->group_n = f[0] - '0';
                    tb->group_of = f[2] - '0';
                    tb->group_id = (int)v;
                    good++;
                }
                continue;
            }
            if (len < 2 || f[1] != ':') {
                continue; /* unknown or damaged field: skipped */
            }
            switch (f[0]) {
            case 'c':
                if (parse_int(f + 2, len - 2, &v) == 0) {
                    /* seconds, or milliseconds when past year 5138 as seconds;
                     * times past 9999-12-31 are not times */
                    v = v > 99999999999ll ? v : v * 1000;
                    if (v <= 253402300799999ll) {
                        tb->t_ms = v;
                    }
                    good++;
                }
                break;
            case 's': {
                size_t k = len - 2 < sizeof tb->station - 1 ? len - 2 : sizeof tb->station - 1;
                memcpy(tb->station, f + 2, k);
                tb->station[k] = '\0';
                good++;
                break;
            }
            case 'g':
                parse_group(f + 2, len - 2, tb);
                good++;
                break;
            default: /* d:, n:, r:, t:, T:, q:, i: are not needed */
                good++;
                break;
            }
        }
    }
    if (good == 0) {
        return GT_ERR_BADDATA;
    }
    return GT_OK;
}
