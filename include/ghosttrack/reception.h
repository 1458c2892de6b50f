/*
 * reception.h - the reception model of the maritime detectors: how well
 * each place is heard, measured from the data itself (src/detect/reception.c).
 *
 * The detectors themselves are registered in detect.c and run through
 * gt_detect_run() (registry names "ais_gap", "loiter", "encounter",
 * "dark_sts", "port_call", "ais_spoof", "ais_identity"); their thresholds
 * are the gt_params keys of docs/DETECTORS.md.  What is here is what tests,
 * benchmarks and the report may want on its own; the identifier checks are
 * in ids.h.
 */
#ifndef GT_RECEPTION_H
#define GT_RECEPTION_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"
#include "ghosttrack/obs.h"
#include "ghosttrack/track.h"

/* Reception quality measured from the data itself, after Welch et al.
 * (2022): for each 1-degree cell, the number of AIS positions per
 * vessel-day (positions in the cell divided by the distinct (vessel, UTC
 * day) pairs seen there), split by receiver class.  Data spanning more than
 * 62 days are measured per 30-day period from the first position. */
struct gt_reception;

/* Measure reception over every MMSI track of fleet f.  Returns GT_OK or
 * GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_reception_build(const struct gt_fleet *f, struct gt_reception **out);

/* Positions per vessel-day at (lat, lon) in the period holding t_ms, for
 * receiver class cls (GT_RX_UNKNOWN: all classes together); 0 where no
 * vessel was heard. */
double gt_reception_get(const struct gt_reception *r, double lat_deg, double lon_deg, int64_t t_ms,
                        enum gt_rx_class cls);

/* Hours heard per vessel-day present at (lat, lon) in the period holding
 * t_ms, for class cls (GT_RX_UNKNOWN: any class): the distinct (vessel,
 * UTC hour) pairs with a position in the cell, times 24, over the
 * vessel-hours spent there (each position's interval to the vessel's next
 * position, at most a day).  24 means every vessel is heard every hour it
 * is there; a cell heard only in satellite passes scores low however many
 * positions each pass yields.  At most 24; 0 where no vessel was
 * present. */
double gt_reception_heard(const struct gt_reception *r, double lat_deg, double lon_deg,
                          int64_t t_ms, enum gt_rx_class cls);

/* gt_reception_heard() for class cls with excl_h vessel-hours (at most
 * 24, as each interval is counted) taken out of the time present: the gap
 * being judged, so that a silence is not its own evidence of poor
 * reception.  0 where nothing remains. */
double gt_reception_heard_excluding(const struct gt_reception *r, double lat_deg, double lon_deg,
                                    int64_t t_ms, double excl_h, enum gt_rx_class cls);

/* Positions of receiver class cls in the whole model (GT_RX_UNKNOWN: those
 * of unknown class). */
uint64_t gt_reception_total(const struct gt_reception *r, enum gt_rx_class cls);

/* gt_reception_heard() for all classes with track t's own positions left
 * out: how well the other vessels present were heard.  0 where no other
 * vessel was present. */
double gt_reception_heard_others(const struct gt_reception *r, double lat_deg, double lon_deg,
                                 int64_t t_ms, const struct gt_track *t);

/* Free a model; NULL is a no-op. */
void gt_reception_free(struct gt_reception *r);

#endif /* GT_RECEPTION_H */
