/*
 * detect.h - running detectors over a fleet.
 *
 * Each detector is a module with one entry point of type gt_detector_fn and
 * its thresholds read from a struct gt_params with documented defaults
 * (docs/DETECTORS.md).  The registry in src/detect/detect.c lists them; the
 * `detect` command loads a fleet (track.h), calls gt_detect_run() and stores
 * the events it is given.  Detectors never read the clock: the end of the
 * data is the fleet's latest time.
 */
#ifndef GT_DETECT_H
#define GT_DETECT_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"
#include "ghosttrack/event.h"
#include "ghosttrack/ref.h"
#include "ghosttrack/track.h"

/* Thresholds as key/value text, e.g. from `--config FILE` lines
 * "gap.min_hours = 6".  Arrays are borrowed. */
struct gt_params {
    const char *const *keys;
    const char *const *values;
    size_t n;
};

/* Return the value of key as a number, or dflt when absent or not a number.
 * p may be NULL. */
double gt_params_num(const struct gt_params *p, const char *key, double dflt);

/* Return the value of key as text, or dflt when absent.  p may be NULL. */
const char *gt_params_str(const struct gt_params *p, const char *key, const char *dflt);

/* Thresholds parsed from the text of a `--config FILE`: "name = value"
 * lines, '#' comments, blank lines ignored (src/detect/config.c).  Every
 * name must be a known setting and every value a finite decimal number of
 * the setting's type and range. */
#define GT_DETECT_CONFIG_MAX 256
struct gt_detect_config {
    char *text;    /* owned copy of the text, split in place */
    char err[160]; /* why parsing failed: "unknown setting 'x'", "'k' = 'v': expected ..." */
    const char *keys[GT_DETECT_CONFIG_MAX];
    const char *values[GT_DETECT_CONFIG_MAX];
    size_t n;
    struct gt_params params; /* keys and values above, ready for gt_detect_input */
};

/* Parse n bytes of config text into c (keys and values point into c's own
 * copy).  Returns GT_OK; GT_ERR_INVAL with *bad_line set to the number of
 * the offending line (counting every line of the text) and c->err saying
 * why when a line has no '=', names an unknown setting, sets one twice,
 * has a value of the wrong type or out of range, or there are more than
 * GT_DETECT_CONFIG_MAX entries; or GT_ERR_NOMEM.  Release c with
 * gt_detect_config_release() whatever the result. */
GT_MUST_CHECK int gt_detect_config_parse(const uint8_t *p, size_t n, struct gt_detect_config *c,
                                         int *bad_line);

/* The name of the i-th setting --config accepts (sorted), or NULL past the
 * last one. */
const char *gt_detect_config_key(size_t i);

/* Free what gt_detect_config_parse() allocated; c is left empty. */
void gt_detect_config_release(struct gt_detect_config *c);

/* Everything a detector reads.  All borrowed; params and ref may be NULL. */
struct gt_detect_input {
    const struct gt_fleet *fleet;   /* tracks and identity facts, sorted (gt_fleet_sort) */
    const struct gt_params *params; /* thresholds; NULL = all defaults */
    const struct gt_ref *ref;       /* reference data; NULL or members NULL when absent */
};

/* A detector: read the input, call emit for each event.  Returns GT_OK or
 * the first error (including one returned by emit). */
typedef int gt_detector_fn(const struct gt_detect_input *in, gt_event_fn *emit, void *ud);

/* A registered detector. */
struct gt_detector {
    const char *name;  /* "gap", "encounter", ... (matches --only) */
    const char *types; /* comma-separated event types it emits */
    gt_detector_fn *run;
};

/* Return the registry: an array terminated by an entry with name NULL. */
const struct gt_detector *gt_detect_list(void);

/* Run every registered detector (or only those whose name or emitted type
 * is listed in the comma-separated `only`, when non-NULL) over the fleet,
 * in registry order.  Returns GT_OK, GT_ERR_INVAL for an unknown name in
 * `only`, or the first detector error. */
GT_MUST_CHECK int gt_detect_run(const struct gt_detect_input *in, const char *only,
                                gt_event_fn *emit, void *ud);

#endif /* GT_DETECT_H */
