/*
 * ids.c - checks on ship identifiers (see ids.h): MMSI structure
 * (ITU-R M.585: nine digits, maritime identification digits 201..775 for
 * ship stations) and IMO numbers given as text; the check digit and the
 * one MID table (allocated MIDs and their flags) are the AIS decoder's
 * (ais.h, src/decode/ais/mid.c).  Global Fishing Watch and SkyTruth flag
 * invalid and placeholder MMSIs the same way.
 */
#include <string.h>

#include "ghosttrack/ais.h"
#include "ghosttrack/ids.h"

/* The MMSI's first three digits are its MID when it is a ship station
 * (nine digits, first digit 2-7).  Shorter numbers are coast stations and
 * group calls (leading zeros), 111 is SAR aircraft, 8 handhelds, 9
 * AtoN/SART/MOB/EPIRB.  A MID followed by six equal digits is how
 * unconfigured transponders and placeholder identities look. */
int gt_mmsi_check(uint32_t mmsi)
{
    unsigned mid = mmsi / 1000000u, rest = mmsi % 1000000u, d, i;

    if (mmsi == 0 || mmsi > 999999999u) {
        return GT_MMSI_ST_BAD_LENGTH;
    }
    if (mmsi < 100000000u || mid >= 800) {
        return GT_MMSI_ST_NOT_SHIP; /* 00/0 coast or group, 111 SAR, 8xx handheld, 9xx AtoN/SART */
    }
    if (mid < 200) {
        return GT_MMSI_ST_NOT_SHIP;
    }
    if (gt_mid_country(mid) == NULL) {
        return GT_MMSI_ST_BAD_MID; /* not allocated in the ITU MID table (ais.h) */
    }
    d = rest % 10u;
    for (i = 0; i < 6; i++, rest /= 10u) {
        if (rest % 10u != d) {
            return GT_MMSI_ST_SHIP;
        }
    }
    return GT_MMSI_ST_PLACEHOLDER;
}

/* ITU-R M.585-9: the leading digits of the nine say what the station is.
 * A coast station is 00MIDXXXX (below 10 000 000 as a number), a group
 * call 0MIDXXXXX, SAR aircraft 111MIDXXX, handhelds 8MIDXXXXX, AIS-SART
 * 970, MOB 972 and EPIRB-AIS 974 followed by a manufacturer code and a
 * serial, craft associated with a parent ship 98MIDXXXX, aids to
 * navigation 99MIDXXXX. */
int gt_mmsi_station(uint32_t mmsi)
{
    unsigned d1 = mmsi / 100000000u, d3 = mmsi / 1000000u, d2 = mmsi / 10000000u;

    if (mmsi == 0 || mmsi > 999999999u) {
        return GT_STATION_INVALID;
    }
    if (mmsi < 10000000u) {
        return mmsi >= 1000000u ? GT_STATION_COAST : GT_STATION_INVALID;
    }
    if (mmsi < 100000000u) {
        return GT_STATION_GROUP;
    }
    if (d1 >= 2 && d1 <= 7) {
        return GT_STATION_SHIP;
    }
    if (d1 == 1) {
        return d3 == 111 ? GT_STATION_SAR : GT_STATION_INVALID;
    }
    if (d1 == 8) {
        return GT_STATION_HANDHELD;
    }
    if (d3 == 970 || d3 == 972 || d3 == 974) {
        return GT_STATION_SART;
    }
    return d2 == 98 ? GT_STATION_CRAFT : d2 == 99 ? GT_STATION_ATON : GT_STATION_INVALID;
}

const char *gt_mmsi_station_name(int station)
{
    static const char *const names[] = {"ship", "group", "coast", "sar_aircraft", "handheld",
                                        "sart", "craft", "aton",  "invalid"};
    return station >= 0 && station <= GT_STATION_INVALID ? names[station] : "invalid";
}

/* IMO numbers as text ("9074729" or "IMO 9074729"): seven digits, no
 * leading zero, and the check digit the decoder's gt_imo_valid() verifies
 * (the first six digits weighted 7..2, sum modulo 10). */
int gt_imo_text_valid(const char *s, size_t n)
{
    uint32_t v = 0;
    unsigned i;

    if (n >= 3 && (s[0] == 'I' || s[0] == 'i') && (s[1] == 'M' || s[1] == 'm') &&
        (s[2] == 'O' || s[2] == 'o')) {
        s += 3;
        n -= 3;
        while (n > 0 && *s == ' ') {
            s++;
            n--;
        }
    }
    if (n != 7 || s[0] == '0') {
        return 0;
    }
    for (i = 0; i < 7; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
        v = v * 10u + (uint32_t)(s[i] - '0');
    }
    return gt_imo_valid(v);
}

/* The flag comes from the decoder's full ITU MID table. */
const char *gt_mmsi_flag(uint32_t mmsi)
{
    return gt_mid_country(gt_mmsi_mid(mmsi));
}
