/*
 * config.c - the detector thresholds file (`detect --config FILE`, see
 * detect.h and docs/DETECTORS.md): "name = value" lines, '#' starts a
 * comment, blank lines and surrounding blanks are ignored.
 *
 * The text is copied once and split in place, so keys and values point
 * into the copy and live as long as the struct.  An error names the line
 * by its number in the file (blank and comment lines count) and says what
 * is wrong in c->err.
 *
 * Every key is checked against the table below: its name (an unknown key
 * is a typo that would otherwise leave the default silently in force), its
 * type (a real number, a whole count, a 0/1 flag, a fraction) and its
 * range.  A value must be one decimal number and nothing else: "5x",
 * "nan", "inf", "1e400" (out of range for a double) and "-1" for a
 * duration are refused, so no threshold reaches a detector as a value its
 * arithmetic was not written for (a NaN comparison is always false: a NaN
 * gap.min_hours turned every silence into a gap).  The ranges are the
 * physical bounds of the quantity, not tuning advice: durations up to ten
 * years, distances up to half the Earth's circumference (20,038 km, the
 * farthest apart two points can be), speeds up to 5,000 kn, altitudes
 * inside Mode S's coded range (-1,000 to 126,750 ft, ICAO Annex 10 Vol IV
 * 3.1.2.6.5.4), counts up to a million.  Steps and cell sizes must be
 * above zero (they divide); a minimum distance from shore, port or
 * anchorage may be zero (no exclusion).  tests/sh/detect_config.sh checks
 * that every key the detectors read is in the table.
 */
#include "ghosttrack/detect.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/mem.h"

enum kind {
    K_POS,      /* a real number above zero, up to max */
    K_NONNEG,   /* a real number from zero, up to max */
    K_REAL,     /* a real number from min to max */
    K_COUNT,    /* a whole number from min to max */
    K_FLAG,     /* 0 or 1 */
    K_FRACTION, /* a real number from 0 to 1 */
};

struct key {
    const char *name;
    enum kind kind;
    double min, max;
};

#define HOURS   87600.0        /* ten years */
#define MINUTES (HOURS * 60.0) /* ten years */
#define SECONDS (HOURS * 3600.0)
#define DAYS    3650.0
#define KM      20038.0 /* half the equator */
#define NM      (KM / 1.852)
#define METRES  (KM * 1000.0)
#define KNOTS   5000.0
#define COUNT   1e6

/* Sorted by name (bsearch).  Defaults and meaning: docs/DETECTORS.md. */
static const struct key keys[] = {
    {"air.attach_ft", K_NONNEG, 0, 130000},
    {"air.attach_km", K_NONNEG, 0, KM},
    {"air.ground_kn", K_NONNEG, 0, KNOTS},
    {"air.infer_km", K_NONNEG, 0, KM},
    {"air.low_ft", K_REAL, -1000, 130000},
    {"air.min_leg_min", K_NONNEG, 0, MINUTES},
    {"air.split_high_min", K_POS, 0, MINUTES},
    {"air.split_low_min", K_POS, 0, MINUTES},
    {"air.turnaround_min", K_NONNEG, 0, MINUTES},
    {"air_gap.cell_deg", K_POS, 0, 180},
    {"air_gap.coverage_min", K_FRACTION, 0, 1},
    {"air_gap.cruise_ft", K_REAL, -1000, 130000},
    {"air_gap.min_minutes", K_POS, 0, MINUTES},
    {"air_gap.suspect_minutes", K_POS, 0, MINUTES},
    {"air_gap.window_days", K_POS, 0, DAYS},
    {"air_identity.callsign_window_min", K_POS, 0, MINUTES},
    {"air_identity.unregistered", K_FLAG, 0, 1},
    {"air_resolve.max_dt_s", K_POS, 0, SECONDS},
    {"air_resolve.max_km", K_POS, 0, KM},
    {"air_resolve.window_h", K_POS, 0, HOURS},
    {"air_spoof.area_km", K_POS, 0, KM},
    {"air_spoof.max_kn", K_POS, 0, KNOTS},
    {"air_spoof.merge_min", K_NONNEG, 0, MINUTES},
    {"air_spoof.min_km", K_NONNEG, 0, KM},
    {"air_spoof.shared_min", K_COUNT, 1, COUNT},
    {"air_spoof.slow_kn", K_POS, 0, KNOTS},
    {"air_spoof.slow_max_ft", K_REAL, -1000, 130000},
    {"air_spoof.slow_min_ft", K_REAL, -1000, 130000},
    {"air_spoof.slow_s", K_POS, 0, SECONDS},
    {"anch.cluster_km", K_POS, 0, KM},
    {"anch.min_vessels", K_COUNT, 1, COUNT},
    {"anch.stationary_hours", K_POS, 0, HOURS},
    {"anch.stationary_km", K_POS, 0, KM},
    {"dark.accompanied_km", K_NONNEG, 0, KM},
    {"dark.max_candidates", K_COUNT, 1, COUNT},
    {"dark.max_speed_kn", K_POS, 0, KNOTS},
    {"dark.min_overlap_hours", K_NONNEG, 0, HOURS},
    {"dark.slack_km", K_NONNEG, 0, KM},
    {"enc.max_distance_m", K_POS, 0, METRES},
    {"enc.max_interp_hours", K_NONNEG, 0, HOURS},
    {"enc.max_median_kn", K_POS, 0, KNOTS},
    {"enc.merge_hours", K_NONNEG, 0, HOURS},
    {"enc.min_anchorage_km", K_NONNEG, 0, KM},
    {"enc.min_hours", K_POS, 0, HOURS},
    {"enc.min_port_km", K_NONNEG, 0, KM},
    {"enc.resample_minutes", K_POS, 0, MINUTES},
    {"enc.sample_max_kn", K_POS, 0, KNOTS},
    {"gap.before_hours", K_NONNEG, 0, HOURS},
    {"gap.max_silence_before_hours", K_NONNEG, 0, HOURS},
    {"gap.min_heard_hours", K_NONNEG, 0, HOURS},
    {"gap.min_hours", K_POS, 0, HOURS},
    {"gap.min_positions_before", K_COUNT, 0, COUNT},
    {"gap.min_reception", K_NONNEG, 0, COUNT},
    {"gap.min_shore_nm", K_NONNEG, 0, NM},
    {"gap.suspected_min_hours", K_POS, 0, HOURS},
    {"identity.link_days", K_NONNEG, 0, DAYS},
    {"identity.merge_hours", K_NONNEG, 0, HOURS},
    {"loiter.max_gap_hours", K_POS, 0, HOURS},
    {"loiter.max_speed_kn", K_POS, 0, KNOTS},
    {"loiter.min_anchorage_km", K_NONNEG, 0, KM},
    {"loiter.min_hours", K_POS, 0, HOURS},
    {"loiter.min_shore_nm", K_NONNEG, 0, NM},
    {"port.enter_km", K_POS, 0, KM},
    {"port.leave_km", K_POS, 0, KM},
    {"port.stop_kn", K_POS, 0, KNOTS},
    {"seg.max_hours", K_POS, 0, HOURS},
    {"seg.max_speed_kn", K_POS, 0, KNOTS},
    {"seg.min_points", K_COUNT, 1, COUNT},
    {"seg.noise_km", K_NONNEG, 0, KM},
    {"seg.split_class", K_FLAG, 0, 1},
    {"source_diff.coverage_min", K_FRACTION, 0, 1},
    {"source_diff.min_minutes", K_POS, 0, MINUTES},
    {"source_diff.network_km", K_POS, 0, KM},
    {"source_diff.window_h", K_POS, 0, HOURS},
    {"spoof.circle_min_km", K_NONNEG, 0, KM},
    {"spoof.circle_points", K_COUNT, 1, COUNT},
    {"spoof.fixed_station_km", K_NONNEG, 0, KM},
    {"spoof.land_margin_nm", K_NONNEG, 0, NM},
    {"spoof.land_merge_hours", K_NONNEG, 0, HOURS},
    {"spoof.land_min_points", K_COUNT, 1, COUNT},
    {"spoof.max_speed_kn", K_POS, 0, KNOTS},
    {"spoof.shared_min_points", K_COUNT, 1, COUNT},
    {"spoof.teleport_km", K_POS, 0, KM},
};
#define NKEYS (sizeof keys / sizeof keys[0])

static int key_cmp(const void *a, const void *b)
{
    return strcmp(a, ((const struct key *)b)->name);
}

const char *gt_detect_config_key(size_t i)
{
    return i < NKEYS ? keys[i].name : NULL;
}

/* Check value against k: GT_OK, or GT_ERR_INVAL with the reason in why. */
static int check_value(const struct key *k, const char *value, char *why, size_t size)
{
    static const char *const what[] = {
        [K_POS] = "a number above 0", [K_NONNEG] = "a number from 0",
        [K_REAL] = "a number",        [K_COUNT] = "a whole number",
        [K_FLAG] = "0 or 1",          [K_FRACTION] = "a fraction from 0 to 1",
    };
    char *end;
    double v;
    const char *q;

    /* decimal only: strtod would also take "nan", "inf" and hex floats */
    for (q = value; *q != '\0'; q++) {
        if (strchr("0123456789+-.eE", *q) == NULL) {
            snprintf(why, size, "'%s' = '%s': expected %s", k->name, value, what[k->kind]);
            return GT_ERR_INVAL;
        }
    }
    errno = 0;
    v = strtod(value, &end);
    if (end == value || *end != '\0') {
        snprintf(why, size, "'%s' = '%s': expected %s", k->name, value, what[k->kind]);
        return GT_ERR_INVAL;
    }
    if (errno == ERANGE || !isfinite(v) ||
        ((k->kind == K_COUNT || k->kind == K_FLAG) && (v < floor(v) || v > floor(v))) ||
        (k->kind == K_POS && !(v > 0.0)) || v < k->min || v > k->max) {
        if (k->kind == K_FLAG) {
            snprintf(why, size, "'%s' = '%s': expected 0 or 1", k->name, value);
        } else if (k->kind == K_POS) {
            snprintf(why, size, "'%s' = '%s': expected a number above 0, at most %g", k->name,
                     value, k->max);
        } else {
            snprintf(why, size, "'%s' = '%s': expected %s from %g to %g", k->name, value,
                     k->kind == K_COUNT ? "a whole number" : "a number", k->min, k->max);
        }
        return GT_ERR_INVAL;
    }
    return GT_OK;
}

static char *trim(char *s)
{
    char *e;

    while (*s == ' ' || *s == '\t') {
        s++;
    }
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) {
        *--e = '\0';
    }
    return s;
}

int gt_detect_config_parse(const uint8_t *p, size_t n, struct gt_detect_config *c, int *bad_line)
{
    char *line, *next;
    int lineno = 0;

    memset(c, 0, sizeof *c);
    *bad_line = 0;
    c->text = gt_malloc(n + 1);
    if (c->text == NULL) {
        return GT_ERR_NOMEM;
    }
    if (n > 0) {
        memcpy(c->text, p, n);
    }
    c->text[n] = '\0'; /* a NUL inside ends the text, as it always did */
    for (line = c->text; line != NULL; line = next) {
        char *eq, *hash, *nl = strchr(line, '\n');
        const struct key *k;
        size_t i;
        next = nl != NULL ? nl + 1 : NULL;
        if (nl != NULL) {
            *nl = '\0';
        }
        lineno++;
        hash = strchr(line, '#');
        if (hash) {
            *hash = '\0';
        }
        line = trim(line);
        if (*line == '\0') {
            continue;
        }
        *bad_line = lineno;
        eq = strchr(line, '=');
        if (eq == NULL) {
            snprintf(c->err, sizeof c->err, "expected 'name = value'");
            return GT_ERR_INVAL;
        }
        if (c->n == GT_DETECT_CONFIG_MAX) {
            snprintf(c->err, sizeof c->err, "more than %d settings", GT_DETECT_CONFIG_MAX);
            return GT_ERR_INVAL;
        }
        *eq = '\0';
        c->keys[c->n] = trim(line);
        c->values[c->n] = trim(eq + 1);
        k = bsearch(c->keys[c->n], keys, NKEYS, sizeof keys[0], key_cmp);
        if (k == NULL) {
            snprintf(c->err, sizeof c->err,
                     "unknown setting '%.64s' (docs/DETECTORS.md lists them)", c->keys[c->n]);
            return GT_ERR_INVAL;
        }
        if (check_value(k, c->values[c->n], c->err, sizeof c->err) < 0) {
            return GT_ERR_INVAL;
        }
        for (i = 0; i < c->n; i++) {
            if (strcmp(c->keys[i], k->name) == 0) {
                snprintf(c->err, sizeof c->err, "'%s' is set twice", k->name);
                return GT_ERR_INVAL;
            }
        }
        c->n++;
    }
    *bad_line = 0;
    c->params.keys = c->keys;
    c->params.values = c->values;
    c->params.n = c->n;
    return GT_OK;
}

void gt_detect_config_release(struct gt_detect_config *c)
{
    gt_free(c->text);
    memset(c, 0, sizeof *c);
}
