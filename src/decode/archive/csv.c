/*
 * csv.c - OpenSky state-vector CSV and Flightradar24 web CSV parsers.
 *
 * OpenSky Impala "state_vectors_data4" exports: header
 * time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,
 * squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact; SI units
 * (m/s, m) converted here to knots, feet and feet per minute; columns are
 * found by name so reordered exports work.  Flightradar24 "download CSV":
 * Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction with Position
 * "lat,lon" quoted, altitude in feet, speed in knots.  Records are split by
 * the one RFC 4180 splitter (csv.h), fields trimmed.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "archive_int.h"
#include "ghosttrack/archive.h"
#include "ghosttrack/csv.h"
#include "ghosttrack/time.h"

void gt_archive_csv_init(struct gt_archive_csv *c, const struct gt_ident *subject)
{
    size_t i;

    memset(c, 0, sizeof *c);
    for (i = 0; i < sizeof c->col / sizeof c->col[0]; i++) {
        c->col[i] = -1;
    }
    if (subject != NULL) {
        c->subject = *subject;
    }
    gt_csv_init(&c->csv, GT_CSV_TRIM);
}

/* Feed line p[0..n) at pos to the splitter.  Returns 1 with *f, *nf and
 * *pos set when a non-blank record is complete, else 0 (a quoted field goes
 * on, a blank line, or a record too long: rejected). */
static int record(struct gt_archive_csv *c, const uint8_t *p, size_t n, uint64_t *pos,
                  const struct gt_sink *sink, const struct gt_csv_field **f, size_t *nf)
{
    int r;

    if (!gt_csv_pending(&c->csv)) {
        c->rec_pos = *pos;
    }
    r = gt_csv_line(&c->csv, p, n);
    if (r < 0) {
        sink->reject(sink->ud, "too-long", c->rec_pos);
        return 0;
    }
    if (r == 0 || c->csv.n == 0 || (c->csv.n == 1 && c->csv.f[0].n == 0)) {
        return 0;
    }
    *pos = c->rec_pos;
    *f = c->csv.f;
    *nf = c->csv.n;
    return 1;
}

static size_t skip_bom(const uint8_t *p, size_t n)
{
    return n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf ? 3 : 0;
}

static int starts_with_ci(const uint8_t *p, size_t n, const char *s)
{
    size_t k = strlen(s), b = skip_bom(p, n);

    return n - b >= k && strncasecmp((const char *)p + b, s, k) == 0;
}

int gt_archive_opensky_sniff(const uint8_t *p, size_t n)
{
    if (starts_with_ci(p, n, "time,icao24,lat,lon")) {
        return 100;
    }
    return starts_with_ci(p, n, "time,icao24,") ? 80 : 0;
}

int gt_archive_fr24_csv_sniff(const uint8_t *p, size_t n)
{
    return starts_with_ci(p, n, "Timestamp,UTC,Callsign,Position") ? 100 : 0;
}

static const char *const opensky_cols[] = {
    "time",         "icao24",      "lat",           "lon",        "velocity", "heading",
    "vertrate",     "callsign",    "onground",      "alert",      "spi",      "squawk",
    "baroaltitude", "geoaltitude", "lastposupdate", "lastcontact"};
enum {
    OS_TIME,
    OS_ICAO,
    OS_LAT,
    OS_LON,
    OS_VEL,
    OS_HDG,
    OS_VRATE,
    OS_CALLSIGN,
    OS_GROUND,
    OS_ALERT,
    OS_SPI,
    OS_SQUAWK,
    OS_BARO,
    OS_GEO,
    OS_LASTPOS,
    OS_LASTCONTACT
};

static const struct gt_csv_field *col(const struct gt_archive_csv *c, const struct gt_csv_field *f,
                                      size_t nf, int which)
{
    int k = c->col[which];
    if (k < 0 || (size_t)k >= nf || f[k].n == 0) {
        return NULL;
    }
    return &f[k];
}

static int header(struct gt_archive_csv *c, const struct gt_csv_field *f, size_t nf,
                  const char *const *names, size_t nnames)
{
    size_t i, j;
    int found = 0;

    for (i = 0; i < nf; i++) {
        for (j = 0; j < nnames; j++) {
            if (gt_csv_eq(&f[i], names[j])) {
                c->col[j] = (int)i;
                found++;
            }
        }
    }
    c->header = 1;
    return found;
}

int gt_archive_opensky_line(struct gt_archive_csv *c, const uint8_t *p, size_t n, uint64_t pos,
                            const struct gt_sink *sink)
{
    const struct gt_csv_field *f, *v;
    struct gt_obs o;
    struct gt_ident_obs io;
    double t_s, x;
    size_t nf;
    int rc;

    if (!record(c, p, n, &pos, sink, &f, &nf)) {
        return GT_OK; /* blank lines are not records; a quoted field may go on */
    }
    if (!c->header || gt_csv_eq(&f[0], "time")) {
        if (gt_csv_eq(&f[0], "time")) {
            if (header(c, f, nf, opensky_cols, sizeof opensky_cols / sizeof opensky_cols[0]) < 4) {
                sink->reject(sink->ud, "bad-header", pos);
            }
            return GT_OK;
        }
        /* No header: assume the documented column order. */
        for (rc = 0; rc < 16; rc++) {
            c->col[rc] = rc;
        }
        c->header = 1;
    }
    if (nf < 4) {
        sink->reject(sink->ud, "truncated", pos);
        return GT_OK;
    }
    gt_obs_init(&o);
    v = col(c, f, nf, OS_ICAO);
    if (v == NULL || gt__parse_icao(v->p, v->n, &o.id) < 0) {
        sink->reject(sink->ud, "bad-icao24", pos);
        return GT_OK;
    }
    v = col(c, f, nf, OS_TIME);
    if (v == NULL || gt__parse_num(v->p, v->n, &t_s) < 0 || t_s < 0 || t_s > 4.1e9) {
        sink->reject(sink->ud, "bad-time", pos);
        return GT_OK;
    }
    v = col(c, f, nf, OS_LASTPOS);
    if (v != NULL && gt__parse_num(v->p, v->n, &x) == GT_OK && x > 0 && x <= t_s &&
        t_s - x < 3600) {
        t_s = x;
    }
    o.t_ms = (int64_t)llround(t_s * 1000.0);
    o.flags |= GT_OBS_TIME;
    o.prov.pos = pos;
    o.pos_how = GT_POS_REPORTED;
    io = (struct gt_ident_obs){0};
    io.t_ms = o.t_ms;
    io.id = o.id;
    io.prov.pos = pos;
    v = col(c, f, nf, OS_CALLSIGN);
    if (v != NULL && gt__fact_text(&io, GT_FIELD_CALLSIGN, v->p, v->n) == GT_OK) {
        rc = sink->fact(sink->ud, &io);
        if (rc < 0) {
            return rc;
        }
    }
    v = col(c, f, nf, OS_SQUAWK);
    if (v != NULL && gt__fact_text(&io, GT_FIELD_SQUAWK, v->p, v->n) == GT_OK) {
        rc = sink->fact(sink->ud, &io);
        if (rc < 0) {
            return rc;
        }
    }
    {
        const struct gt_csv_field *la = col(c, f, nf, OS_LAT), *lo = col(c, f, nf, OS_LON);
        if (la == NULL || lo == NULL) {
            sink->reject(sink->ud, "no-position", pos);
            return GT_OK;
        }
        if (gt__parse_num(la->p, la->n, &o.lat_deg) < 0 ||
            gt__parse_num(lo->p, lo->n, &o.lon_deg) < 0 ||
            !gt__valid_latlon(o.lat_deg, o.lon_deg)) {
            sink->reject(sink->ud, "bad-position", pos);
            return GT_OK;
        }
        o.flags |= GT_OBS_POS;
    }
    v = col(c, f, nf, OS_VEL);
    if (v != NULL && gt__parse_num(v->p, v->n, &x) == GT_OK && x >= 0 && x < 2000) {
        o.speed_kn = gt__to_float(x * 3600.0 / 1852.0);
        o.flags |= GT_OBS_SPEED;
    }
    v = col(c, f, nf, OS_HDG);
    if (v != NULL && gt__parse_num(v->p, v->n, &x) == GT_OK && x >= 0 && x <= 360) {
        o.course_deg = gt__to_float(fmod(x, 360.0));
        o.flags |= GT_OBS_COURSE;
    }
    v = col(c, f, nf, OS_VRATE);
    if (v != NULL && gt__parse_num(v->p, v->n, &x) == GT_OK && fabs(x) < 500) {
        o.vrate_fpm = gt__to_float(x / 0.3048 * 60.0);
        o.flags |= GT_OBS_VRATE;
    }
    v = col(c, f, nf, OS_BARO);
    if (v != NULL && gt__parse_num(v->p, v->n, &x) == GT_OK && fabs(x) < 30000) {
        o.alt_ft = gt__to_i32(x / 0.3048);
        o.flags |= GT_OBS_ALT;
    }
    v = col(c, f, nf, OS_GEO);
    if (v != NULL && gt__parse_num(v->p, v->n, &x) == GT_OK && fabs(x) < 30000) {
        o.gnss_alt_ft = gt__to_i32(x / 0.3048);
        o.flags |= GT_OBS_GNSS_ALT;
    }
    v = col(c, f, nf, OS_GROUND);
    if (v != NULL) {
        o.on_ground = gt_csv_eq(v, "true") || gt_csv_eq(v, "1") ? 1 : 0;
        o.flags |= GT_OBS_GROUND;
    }
    return sink->obs(sink->ud, &o);
}

static const char *const fr24_cols[] = {"timestamp", "utc",   "callsign", "position",
                                        "altitude",  "speed", "direction"};
enum { FR_TS, FR_UTC, FR_CALLSIGN, FR_POS, FR_ALT, FR_SPEED, FR_DIR };

int gt_archive_fr24_csv_line(struct gt_archive_csv *c, const uint8_t *p, size_t n, uint64_t pos,
                             const struct gt_sink *sink)
{
    const struct gt_csv_field *f, *v;
    struct gt_obs o;
    struct gt_ident_obs io;
    double x, t_s;
    size_t nf, comma;
    int rc;

    if (!record(c, p, n, &pos, sink, &f, &nf)) {
        return GT_OK;
    }
    if (gt_csv_eq(&f[0], "timestamp")) {
        if (header(c, f, nf, fr24_cols, sizeof fr24_cols / sizeof fr24_cols[0]) < 4) {
            sink->reject(sink->ud, "bad-header", pos);
        }
        return GT_OK;
    }
    if (!c->header) {
        for (rc = 0; rc < 7; rc++) {
            c->col[rc] = rc;
        }
        c->header = 1;
    }
    if (c->subject.kind == GT_ID_NONE) {
        sink->reject(sink->ud, "no-subject", pos);
        return GT_OK;
    }
    gt_obs_init(&o);
    o.id = c->subject;
    o.prov.pos = pos;
    o.pos_how = GT_POS_REPORTED;
    v = col(c, f, nf, FR_TS);
    if (v != NULL && gt__parse_num(v->p, v->n, &t_s) == GT_OK && t_s > 0 && t_s < 4.1e9) {
        o.t_ms = (int64_t)llround(t_s * 1000.0);
    } else if ((v = col(c, f, nf, FR_UTC)) == NULL || gt_time_parse_iso(v->p, v->n, &o.t_ms) < 0) {
        sink->reject(sink->ud, "bad-time", pos);
        return GT_OK;
    }
    o.flags |= GT_OBS_TIME;
    v = col(c, f, nf, FR_CALLSIGN);
    io = (struct gt_ident_obs){0};
    io.t_ms = o.t_ms;
    io.id = o.id;
    io.prov.pos = pos;
    if (v != NULL && gt__fact_text(&io, GT_FIELD_CALLSIGN, v->p, v->n) == GT_OK) {
        rc = sink->fact(sink->ud, &io);
        if (rc < 0) {
            return rc;
        }
    }
    v = col(c, f, nf, FR_POS);
    if (v == NULL) {
        sink->reject(sink->ud, nf < 4 ? "truncated" : "no-position", pos);
        return GT_OK;
    }
    for (comma = 0; comma < v->n && v->p[comma] != ','; comma++) {
    }
    if (comma >= v->n || gt__parse_num(v->p, comma, &o.lat_deg) < 0 ||
        gt__parse_num(v->p + comma + 1, v->n - comma - 1, &o.lon_deg) < 0 ||
        !gt__valid_latlon(o.lat_deg, o.lon_deg)) {
        sink->reject(sink->ud, "bad-position", pos);
        return GT_OK;
    }
    o.flags |= GT_OBS_POS;
    v = col(c, f, nf, FR_ALT);
    if (v != NULL && gt__parse_num(v->p, v->n, &x) == GT_OK && fabs(x) < 100000) {
        o.alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_ALT;
    }
    v = col(c, f, nf, FR_SPEED);
    if (v != NULL && gt__parse_num(v->p, v->n, &x) == GT_OK && x >= 0 && x < 4000) {
        o.speed_kn = gt__to_float(x);
        o.flags |= GT_OBS_SPEED;
    }
    v = col(c, f, nf, FR_DIR);
    if (v != NULL && gt__parse_num(v->p, v->n, &x) == GT_OK && x >= 0 && x <= 360) {
        o.course_deg = gt__to_float(fmod(x, 360.0));
        o.flags |= GT_OBS_COURSE;
    }
    return sink->obs(sink->ud, &o);
}

int gt_archive_subject_from_name(const char *path, struct gt_ident *id)
{
    const char *base = strrchr(path, '/');
    const char *s;

    base = base != NULL ? base + 1 : path;
    for (s = base; (s = strstr(s, "icao")) != NULL; s += 4) {
        char txt[12];
        size_t k;
        if (s[4] != '_' && s[4] != '-' && s[4] != ':') {
            continue;
        }
        for (k = 0; k < 6 && isxdigit((unsigned char)s[5 + k]); k++) {
        }
        if (k != 6 || isxdigit((unsigned char)s[11])) {
            continue;
        }
        memcpy(txt, "icao:", 5);
        memcpy(txt + 5, s + 5, 6);
        if (gt_ident_parse(txt, 11, id) == GT_OK) {
            return GT_OK;
        }
    }
    /* Otherwise a last "_xxxxxx" token before the extension, as in
     * "<CALLSIGN>_<YYYYMMDD>_<icao24>.csv" (ghosttrack simulate's names). */
    s = strrchr(base, '_');
    if (s != NULL) {
        char txt[12];
        size_t k;
        for (k = 0; k < 6 && isxdigit((unsigned char)s[1 + k]); k++) {
        }
        if (k == 6 && (s[7] == '.' || s[7] == '\0')) {
            memcpy(txt, "icao:", 5);
            memcpy(txt + 5, s + 1, 6);
            if (gt_ident_parse(txt, 11, id) == GT_OK) {
                return GT_OK;
            }
        }
    }
    return GT_ERR_NOTFOUND;
}

int gt_archive_provisional_subject(const char *path, struct gt_ident *id)
{
    const char *base = strrchr(path, '/');
    uint32_t h = 2166136261u;

    base = base != NULL ? base + 1 : path;
    if (*base == '\0') {
        return GT_ERR_NOTFOUND;
    }
    /* FNV-1a of the base name, folded to 24 bits: "<CALLSIGN>_<flight
     * id>.csv" names one flight, so one stand-in per file. */
    for (; *base != '\0'; base++) {
        h = (h ^ (uint8_t)*base) * 16777619u;
    }
    id->kind = GT_ID_ICAO;
    id->value = (h >> 24 ^ h) & 0xffffffu;
    id->flags = GT_IDENT_PROVISIONAL;
    return GT_OK;
}
