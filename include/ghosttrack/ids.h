/*
 * ids.h - checks of ship identifiers: MMSI validity and station class
 * (ITU-R M.585), IMO check digits and the flag of an MMSI (src/detect/ids.c).
 */
#ifndef GT_IDS_H
#define GT_IDS_H

#include <stddef.h>
#include <stdint.h>

/* Why an MMSI is not a valid ship identity. */
enum gt_mmsi_status {
    GT_MMSI_ST_SHIP = 0,       /* nine digits, a MID allocated in the ITU table (ais.h) */
    GT_MMSI_ST_BAD_LENGTH = 1, /* more than nine digits or zero */
    GT_MMSI_ST_NOT_SHIP = 2,   /* coast station, SAR aircraft, AtoN, SART, group call */
    GT_MMSI_ST_BAD_MID = 3,    /* first three digits not an allocated MID (217, 290) */
    GT_MMSI_ST_PLACEHOLDER = 4 /* MID followed by six equal digits (567000000, 412222222) */
};

/* Classify an MMSI (enum gt_mmsi_status). */
int gt_ids_mmsi_check(uint32_t mmsi);

/* What kind of station an MMSI belongs to (ITU-R M.585-9, Annexes 1-4):
 * the digit pattern says whether it is a ship or equipment that is not a
 * ship, which the detectors must not judge as one. */
enum gt_ids_mmsi_station {
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

/* Classify an MMSI (enum gt_ids_mmsi_station). */
int gt_ids_mmsi_station(uint32_t mmsi);

/* Name of a station class: "ship", "group", "coast", "sar_aircraft",
 * "handheld", "sart", "craft", "aton", "invalid". */
const char *gt_ids_mmsi_station_name(int station);

/* Is s (n bytes, optionally prefixed "IMO") a seven-digit IMO ship number
 * with a correct check digit? */
int gt_ids_imo_text_valid(const char *s, size_t n);

/* ISO 3166 alpha-2 flag of an MMSI's MID (the ITU MID table of ais.h), or
 * NULL for an unallocated MID. */
const char *gt_ids_mmsi_flag(uint32_t mmsi);

#endif /* GT_IDS_H */
