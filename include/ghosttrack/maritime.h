/*
 * maritime.h - public helpers of the maritime detectors: the reception
 * model and identifier checks.
 *
 * The detectors themselves are registered in detect.c and run through
 * gt_detect_run() (registry names "ais_gap", "loiter", "encounter",
 * "dark_sts", "port_call", "ais_spoof", "ais_identity"); their thresholds
 * are the gt_params keys of docs/DETECTORS.md.  What is here is what tests,
 * benchmarks and the report may want on its own.
 */
#ifndef GT_MARITIME_H
#define GT_MARITIME_H

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

/* Why an MMSI is not a valid ship identity. */
enum gt_mmsi_status {
    GT_MMSI_ST_SHIP = 0,       /* nine digits, MID 201..775 in an allocated block */
    GT_MMSI_ST_BAD_LENGTH = 1, /* more than nine digits or zero */
    GT_MMSI_ST_NOT_SHIP = 2,   /* coast station, SAR aircraft, AtoN, SART, group call */
    GT_MMSI_ST_BAD_MID = 3,    /* first three digits not a maritime identification digit */
    GT_MMSI_ST_PLACEHOLDER = 4 /* MID followed by six equal digits (567000000, 412222222) */
};

/* Classify an MMSI (enum gt_mmsi_status). */
int gt_mmsi_check(uint32_t mmsi);

/* What kind of station an MMSI belongs to (ITU-R M.585-9, Annexes 1-4):
 * the digit pattern says whether it is a ship or equipment that is not a
 * ship, which the detectors must not judge as one. */
enum gt_mmsi_station {
    GT_STATION_SHIP = 0,     /* MIDXXXXXX, first digit 2-7 */
    GT_STATION_GROUP = 1,    /* 0MIDXXXXX group call */
    GT_STATION_COAST = 2,    /* 00MIDXXXX coast or AIS base station */
    GT_STATION_SAR = 3,      /* 111MIDXXX SAR aircraft */
    GT_STATION_HANDHELD = 4, /* 8MIDXXXXX handheld VHF */
    GT_STATION_SART = 5,     /* 970YYZZZZ AIS-SART, 972 MOB, 974 EPIRB-AIS */
    GT_STATION_CRAFT = 6,    /* 98MIDXXXX craft associated with a parent ship */
    GT_STATION_ATON = 7,     /* 99MIDXXXX aid to navigation */
    GT_STATION_INVALID = 8   /* none of the above (0, ten digits, 1xx other than 111, 9xx) */
};

/* Classify an MMSI (enum gt_mmsi_station). */
int gt_mmsi_station(uint32_t mmsi);

/* Name of a station class: "ship", "group", "coast", "sar_aircraft",
 * "handheld", "sart", "craft", "aton", "invalid". */
const char *gt_mmsi_station_name(int station);

/* Is s (n bytes, optionally prefixed "IMO") a seven-digit IMO ship number
 * with a correct check digit? */
int gt_imo_text_valid(const char *s, size_t n);

/* ISO 3166 alpha-2 flag of an MMSI's MID (the ITU MID table of ais.h), or
 * NULL for an unallocated MID. */
const char *gt_mmsi_flag(uint32_t mmsi);

#endif /* GT_MARITIME_H */
