/*
 * time.c - UTC civil time <-> epoch milliseconds, ISO 8601 text (see time.h).
 *
 * days_from_civil / civil_from_days are Howard Hinnant's public-domain
 * algorithms ("chrono-Compatible Low-Level Date Algorithms"): exact for the
 * proleptic Gregorian calendar, no tables, no time zone, no libc time calls.
 */
#include "ghosttrack/time.h"

#include <stdio.h>

#define MS_PER_DAY 86400000LL

static int64_t days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    int64_t era, doe, yoe, doy, mp, yy;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    yy = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

int64_t gt_time_from_civil(const struct gt_civil *c)
{
    int64_t days = days_from_civil(c->year, c->month, c->day);
    return days * MS_PER_DAY + (int64_t)c->hour * 3600000 + (int64_t)c->min * 60000 +
           (int64_t)c->sec * 1000 + c->ms;
}

void gt_time_to_civil(int64_t t_ms, struct gt_civil *c)
{
    int64_t days = t_ms / MS_PER_DAY, rem = t_ms % MS_PER_DAY;

    if (rem < 0) {
        rem += MS_PER_DAY;
        days--;
    }
    civil_from_days(days, &c->year, &c->month, &c->day);
    c->hour = (int)(rem / 3600000);
    c->min = (int)(rem / 60000 % 60);
    c->sec = (int)(rem / 1000 % 60);
    c->ms = (int)(rem % 1000);
}

/* Read exactly `digits` decimal digits at s[*i]; -1 if any is not a digit. */
static int num(const char *s, size_t n, size_t *i, int digits)
{
    int v = 0, k;

    for (k = 0; k < digits; k++) {
        if (*i >= n || s[*i] < '0' || s[*i] > '9') {
            return -1;
        }
        v = v * 10 + (s[*i] - '0');
        (*i)++;
    }
    return v;
}

/* Parse an optional ":"/"-" separator: in basic form (sep == 0) none. */
static int expect(const char *s, size_t n, size_t *i, char sep)
{
    if (sep == 0) {
        return 0;
    }
    if (*i < n && s[*i] == sep) {
        (*i)++;
        return 0;
    }
    return -1;
}

/* Parse the zone suffix at s[*i..n); store its offset in minutes east. */
static int parse_zone(const char *s, size_t n, size_t *i, int *off_min)
{
    int sign, hh, mm = 0;

    *off_min = 0;
    if (*i == n) {
        return 0;
    }
    if (s[*i] == 'Z' || s[*i] == 'z') {
        (*i)++;
        return 0;
    }
    if (s[*i] != '+' && s[*i] != '-') {
        return -1;
    }
    sign = s[*i] == '-' ? -1 : 1;
    (*i)++;
    hh = num(s, n, i, 2);
    if (hh < 0 || hh > 23) {
        return -1;
    }
    if (*i < n) {
        if (s[*i] == ':') {
            (*i)++;
        }
        mm = num(s, n, i, 2);
        if (mm < 0 || mm > 59) {
            return -1;
        }
    }
    *off_min = sign * (hh * 60 + mm);
    return 0;
}

/* Parse ":SS[.fff]" (or "SS[.fff]" in basic form) into c. */
static int parse_seconds(const char *s, size_t n, size_t *i, char tsep, struct gt_civil *c)
{
    int scale = 100, digits = 0;

    if (expect(s, n, i, tsep) < 0) {
        return -1;
    }
    c->sec = num(s, n, i, 2);
    if (c->sec < 0 || c->sec > 60) {
        return -1;
    }
    if (*i < n && (s[*i] == '.' || s[*i] == ',')) {
        (*i)++;
        while (*i < n && s[*i] >= '0' && s[*i] <= '9') {
            if (++digits > 9) {
                return -1;
            }
            c->ms += (s[*i] - '0') * scale;
            scale /= 10;
            (*i)++;
        }
        if (digits == 0) {
            return -1;
        }
    }
    return 0;
}

int gt_time_parse_iso(const char *s, size_t n, int64_t *t_ms)
{
    struct gt_civil c = {0, 1, 1, 0, 0, 0, 0};
    size_t i = 0;
    char dsep = '-', tsep = ':';
    int off_min = 0;

    c.year = num(s, n, &i, 4);
    if (c.year < 0) {
        return GT_ERR_BADDATA;
    }
    if (i < n && s[i] != '-') {
        dsep = 0, tsep = 0; /* basic form: 20190302T211507Z */
    }
    if (expect(s, n, &i, dsep) < 0 || (c.month = num(s, n, &i, 2)) < 1 || c.month > 12 ||
        expect(s, n, &i, dsep) < 0 || (c.day = num(s, n, &i, 2)) < 1 ||
        c.day > days_in_month(c.year, c.month)) {
        return GT_ERR_BADDATA;
    }
    if (i < n && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
        i++;
        c.hour = num(s, n, &i, 2);
        if (c.hour < 0 || c.hour > 23 || expect(s, n, &i, tsep) < 0) {
            return GT_ERR_BADDATA;
        }
        c.min = num(s, n, &i, 2);
        if (c.min < 0 || c.min > 59) {
            return GT_ERR_BADDATA;
        }
        if (i < n && (s[i] == ':' || (tsep == 0 && s[i] >= '0' && s[i] <= '9')) &&
            parse_seconds(s, n, &i, tsep, &c) < 0) {
            return GT_ERR_BADDATA;
        }
        if (parse_zone(s, n, &i, &off_min) < 0) {
            return GT_ERR_BADDATA;
        }
    }
    if (i != n) {
        return GT_ERR_BADDATA;
    }
    *t_ms = gt_time_from_civil(&c) - (int64_t)off_min * 60000;
    return GT_OK;
}

int gt_time_format_iso(int64_t t_ms, char *buf, size_t size, unsigned flags)
{
    struct gt_civil c;
    int n;

    gt_time_to_civil(t_ms, &c);
    if (c.year < 0 || c.year > 9999 || size < GT_TIME_ISO_MAX) {
        return GT_ERR_RANGE;
    }
    if (c.ms != 0 || (flags & GT_TIME_MS)) {
        n = snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day,
                     c.hour, c.min, c.sec, c.ms);
    } else {
        n = snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour,
                     c.min, c.sec);
    }
    return n;
}

int gt_time_parse(const char *s, size_t n, int64_t *t_ms)
{
    int64_t secs = 0, ms = 0;
    size_t i = 0, digits = 0;
    int neg = 0, scale = 100;

    if (n > 0 && s[0] == '-') {
        neg = 1;
        i = 1;
    }
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        if (++digits > 12) { /* beyond year 33658: not an epoch time */
            return GT_ERR_BADDATA;
        }
        secs = secs * 10 + (s[i] - '0');
        i++;
    }
    if (digits > 0 && digits != 4 && (i == n || s[i] == '.')) {
        if (i < n) {
            i++;
            if (i == n) {
                return GT_ERR_BADDATA;
            }
            for (; i < n; i++) {
                if (s[i] < '0' || s[i] > '9') {
                    return GT_ERR_BADDATA;
                }
                ms += (s[i] - '0') * scale;
                scale /= 10;
            }
        }
        *t_ms = (neg ? -1 : 1) * (secs * 1000 + ms);
        return GT_OK;
    }
    if (neg) {
        return GT_ERR_BADDATA;
    }
    return gt_time_parse_iso(s, n, t_ms);
}
