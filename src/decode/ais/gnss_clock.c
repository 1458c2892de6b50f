/*
 * gnss_clock.c - the UTC time of a GNSS receiver's $--ZDA and $--RMC
 * sentences (NMEA 0183 / IEC 61162-1), for AIS logs that carry no time of
 * their own but interleave the receiver's GPS output (shipborne receivers,
 * gpsd and AMSA logs): the stream stamps each such message with the last
 * clock seen (ais.h, GT_AISQ_GNSS_TIME).
 *
 *   $GPZDA,hhmmss.ss,dd,mm,yyyy,zh,zm*hh
 *   $GPRMC,hhmmss.ss,A,llll.ll,a,yyyyy.yy,a,sog,cog,ddmmyy,var,a[,mode]*hh
 */
#include <string.h>

#include "ghosttrack/ais.h"
#include "ghosttrack/text.h"
#include "ghosttrack/time.h"

#define MAX_FIELDS 14

/* Digits only, at least one, at most max: their value, or -1. */
static long digits(const uint8_t *p, size_t n, size_t max)
{
    long v = 0;
    size_t i;

    if (n == 0 || n > max) {
        return -1;
    }
    for (i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return -1;
        }
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

/* "hhmmss" with an optional fraction into c; 0 on success. */
static int parse_hms(const uint8_t *p, size_t n, struct gt_civil *c)
{
    long h, m, s, frac = 0;
    size_t k;

    if (n < 6) {
        return -1;
    }
    h = digits(p, 2, 2);
    m = digits(p + 2, 2, 2);
    s = digits(p + 4, 2, 2);
    if (n > 6) {
        if (p[6] != '.' || n == 7) {
            return -1;
        }
        /* milliseconds from the first three fraction digits */
        for (k = 7; k < n; k++) {
            if (p[k] < '0' || p[k] > '9') {
                return -1;
            }
            if (k < 10) {
                frac = frac * 10 + (p[k] - '0');
            }
        }
        for (k = n < 10 ? n : 10; k < 10; k++) {
            frac *= 10;
        }
    }
    if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 60) {
        return -1;
    }
    c->hour = (int)h;
    c->min = (int)m;
    c->sec = (int)s;
    c->ms = (int)frac;
    return 0;
}

int gt_ais_nmea_gnss_time(const uint8_t *p, size_t n, int64_t *t_ms)
{
    const uint8_t *f[MAX_FIELDS], *star = NULL;
    size_t len[MAX_FIELDS], nf = 0, i, start = 1;
    struct gt_civil c;
    long d, mo, y;
    int hi, lo;

    if (n < 7 || p[0] != '$' || !(memcmp(p + 3, "ZDA,", 4) == 0 || memcmp(p + 3, "RMC,", 4) == 0)) {
        return GT_ERR_UNSUPPORTED;
    }
    while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == '\n' || p[n - 1] == ' ')) {
        n--;
    }
    for (i = 1; i < n; i++) {
        if (p[i] == '*') {
            star = p + i;
            break;
        }
    }
    if (star == NULL || (size_t)(star - p) + 3 > n) {
        return GT_ERR_BADDATA; /* a clock must come with its checksum */
    }
    hi = gt_text_hexval(star[1]);
    lo = gt_text_hexval(star[2]);
    if (hi < 0 || lo < 0) {
        return GT_ERR_BADDATA;
    }
    if (gt_ais_nmea_checksum(p + 1, (size_t)(star - p) - 1) != (uint8_t)(hi << 4 | lo)) {
        return GT_ERR_CHECKSUM;
    }
    for (i = 1; i <= (size_t)(star - p) && nf < MAX_FIELDS; i++) {
        if (p + i == star || p[i] == ',') {
            f[nf] = p + start;
            len[nf] = i - start;
            nf++;
            start = i + 1;
        }
    }
    memset(&c, 0, sizeof c);
    if (nf < 2 || parse_hms(f[1], len[1], &c) != 0) {
        return GT_ERR_BADDATA;
    }
    if (p[3] == 'Z') { /* ZDA: day, month, four-digit year */
        if (nf < 5) {
            return GT_ERR_BADDATA;
        }
        d = digits(f[2], len[2], 2);
        mo = digits(f[3], len[3], 2);
        y = digits(f[4], len[4], 4);
        if (len[4] != 4) {
            return GT_ERR_BADDATA;
        }
    } else { /* RMC: status A (valid) and ddmmyy */
        if (nf < 10 || len[2] != 1 || f[2][0] != 'A' || len[9] != 6) {
            return GT_ERR_BADDATA;
        }
        d = digits(f[9], 2, 2);
        mo = digits(f[9] + 2, 2, 2);
        y = digits(f[9] + 4, 2, 2);
        y = y < 0 ? -1 : y + (y >= 80 ? 1900 : 2000);
    }
    if (d < 1 || d > 31 || mo < 1 || mo > 12 || y < 1980 || y > 9999) {
        return GT_ERR_BADDATA;
    }
    c.day = (int)d;
    c.month = (int)mo;
    c.year = (int)y;
    *t_ms = gt_time_from_civil(&c);
    return *t_ms == GT_TIME_NONE ? GT_ERR_BADDATA : GT_OK;
}
