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

/* A ship identity is an MMSI whose digits have the ship form MIDxxxxxx
 * (the decoder's one M.585 reading, gt_ais_mmsi_class()), whose MID is
 * allocated in the ITU table, and which is not a MID followed by six equal
 * digits: that is how unconfigured transponders and placeholder identities
 * look. */
int gt_ids_mmsi_check(uint32_t mmsi)
{
    unsigned mid, rest = mmsi % 1000000u, d, i;

    if (mmsi == 0 || mmsi > 999999999u) {
        return GT_MMSI_ST_BAD_LENGTH;
    }
    if (gt_ais_mmsi_class(mmsi, &mid) != GT_MMSI_SHIP) {
        return GT_MMSI_ST_NOT_SHIP; /* coast, group, SAR, handheld, AtoN, SART, no form */
    }
    if (gt_ais_mid_country(mid) == NULL) {
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

/* The detectors group the decoder's M.585 classes by what they may judge:
 * the three distress beacons (AIS-SART 970, MOB 972, EPIRB-AIS 974) are one
 * group, and a station is recognised by its form whatever its MID, so a
 * handheld or an AtoN with an odd MID is still not judged as a ship. */
int gt_ids_mmsi_station(uint32_t mmsi)
{
    switch (gt_ais_mmsi_class(mmsi, NULL)) {
    case GT_MMSI_SHIP:
        return GT_STATION_SHIP;
    case GT_MMSI_GROUP:
        return GT_STATION_GROUP;
    case GT_MMSI_COAST:
        return GT_STATION_COAST;
    case GT_MMSI_SAR_AIRCRAFT:
        return GT_STATION_SAR;
    case GT_MMSI_DIVER:
        return GT_STATION_HANDHELD;
    case GT_MMSI_SART:
    case GT_MMSI_MOB:
    case GT_MMSI_EPIRB:
        return GT_STATION_SART;
    case GT_MMSI_CRAFT_AUX:
        return GT_STATION_CRAFT;
    case GT_MMSI_ATON:
        return GT_STATION_ATON;
    case GT_MMSI_INVALID:
    default:
        return GT_STATION_INVALID;
    }
}

const char *gt_ids_mmsi_station_name(int station)
{
    static const char *const names[] = {"ship", "group", "coast", "sar_aircraft", "handheld",
                                        "sart", "craft", "aton",  "invalid"};
    return station >= 0 && station <= GT_STATION_INVALID ? names[station] : "invalid";
}

/* IMO numbers as text ("9074729" or "IMO 9074729"): seven digits, no
 * leading zero, and the check digit the decoder's gt_ais_imo_valid() verifies
 * (the first six digits weighted 7..2, sum modulo 10). */
int gt_ids_imo_text_valid(const char *s, size_t n)
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
    return gt_ais_imo_valid(v);
}

/* The flag comes from the decoder's full ITU MID table. */
const char *gt_ids_mmsi_flag(uint32_t mmsi)
{
    return gt_ais_mid_country(gt_ais_mmsi_mid(mmsi));
}
