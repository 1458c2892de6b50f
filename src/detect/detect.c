/*
 * detect.c - the detector registry and parameter lookup (see detect.h).
 *
 * To add a detector: write src/detect/<name>.c with one entry point of type
 * gt_detector_fn (declared in src/detect/detect_int.h) and list it below.
 */
#include "ghosttrack/detect.h"

#include <stdlib.h>
#include <string.h>

#include "detect_int.h"

/* Registry order is run order.  Maritime detectors each segment the fleet
 * themselves (cheap next to the rest), so any subset can run alone. */
static const struct gt_detector registry[] = {
    /* maritime (MMSI tracks; see docs/DETECTORS.md) */
    {"ais_gap", "gap", gt__detect_ais_gap},
    {"loiter", "loiter", gt__detect_loiter},
    {"encounter", "encounter", gt__detect_encounter},
    {"dark_sts", "encounter", gt__detect_dark_sts},
    {"port_call", "port_call", gt__detect_port_call},
    {"ais_spoof", "spoof", gt__detect_ais_spoof},
    {"ais_identity", "identity", gt__detect_ais_identity},
    /* aviation (ICAO tracks; see docs/DETECTORS.md) */
    {"flight", "flight", gt__detect_flight},
    {"air_gap", "gap", gt__detect_air_gap},
    {"source_diff", "source_diff", gt__detect_source_diff},
    {"air_spoof", "spoof", gt__detect_air_spoof},
    {"air_identity", "identity", gt__detect_air_identity},
    {NULL, NULL, NULL},
};

const struct gt_detector *gt_detect_list(void)
{
    return registry;
}

double gt_params_num(const struct gt_params *p, const char *key, double dflt)
{
    const char *s = gt_params_str(p, key, NULL);
    char *end;
    double v;

    if (s == NULL) {
        return dflt;
    }
    v = strtod(s, &end);
    return end != s && *end == '\0' ? v : dflt;
}

const char *gt_params_str(const struct gt_params *p, const char *key, const char *dflt)
{
    size_t i;

    if (p == NULL) {
        return dflt;
    }
    for (i = p->n; i > 0; i--) { /* the last setting wins */
        if (strcmp(p->keys[i - 1], key) == 0) {
            return p->values[i - 1];
        }
    }
    return dflt;
}

/* Is `word` one of the comma-separated items of list? */
static int listed(const char *list, const char *word)
{
    size_t n = strlen(word);
    const char *p = list;

    while (*p) {
        const char *c = strchr(p, ',');
        size_t len = c ? (size_t)(c - p) : strlen(p);
        if (len == n && strncmp(p, word, n) == 0) {
            return 1;
        }
        p += len + (c != NULL);
    }
    return 0;
}

/* Does detector d match an item of `only` (by name or emitted type)? */
static int selected(const struct gt_detector *d, const char *only)
{
    const char *p = d->types;

    if (only == NULL || listed(only, d->name)) {
        return 1;
    }
    while (*p) {
        const char *c = strchr(p, ',');
        size_t len = c ? (size_t)(c - p) : strlen(p);
        char word[32];
        if (len < sizeof word) {
            memcpy(word, p, len);
            word[len] = '\0';
            if (listed(only, word)) {
                return 1;
            }
        }
        p += len + (c != NULL);
    }
    return 0;
}

/* Every item of `only` must name a detector or an event type. */
static int only_valid(const char *only)
{
    const char *p = only;

    while (*p) {
        const char *c = strchr(p, ',');
        size_t len = c ? (size_t)(c - p) : strlen(p);
        enum gt_event_type t;
        const struct gt_detector *d;
        int ok = gt_event_type_parse(p, len, &t) == GT_OK;
        for (d = registry; !ok && d->name != NULL; d++) {
            ok = strlen(d->name) == len && strncmp(d->name, p, len) == 0;
        }
        if (!ok) {
            return 0;
        }
        p += len + (c != NULL);
    }
    return 1;
}

int gt_detect_run(const struct gt_detect_input *in, const char *only, gt_event_fn *emit, void *ud)
{
    const struct gt_detector *d;
    int rc;

    if (only != NULL && !only_valid(only)) {
        return GT_ERR_INVAL;
    }
    for (d = registry; d->name != NULL; d++) {
        if (!selected(d, only)) {
            continue;
        }
        rc = d->run(in, emit, ud);
        if (rc < 0) {
            return rc;
        }
    }
    return GT_OK;
}
