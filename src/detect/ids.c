/*
 * ids.c - checks on ship identifiers (see maritime.h): MMSI structure
 * (ITU-R M.585: nine digits, maritime identification digits 201..775 for
 * ship stations), the IMO number check digit (IMO Resolution A.1078), and
 * flags of the most common MIDs.  Global Fishing Watch and SkyTruth flag
 * invalid and placeholder MMSIs the same way.
 */
#include <string.h>

#include "ghosttrack/maritime.h"

/* MID blocks allocated to ship stations, by continent (ITU MID table,
 * summarised as ranges; a few unallocated numbers inside remain). */
static const struct {
    unsigned lo, hi;
} mid_blocks[] = {
    {201, 279}, {301, 379}, {401, 477}, {501, 578}, {601, 679}, {701, 775},
};

/* The MMSI's first three digits are its MID when it is a ship station
 * (nine digits, first digit 2-7).  Shorter numbers are coast stations and
 * group calls (leading zeros), 111 is SAR aircraft, 8 handhelds, 9
 * AtoN/SART/MOB/EPIRB.  A MID followed by six equal digits is how
 * unconfigured transponders and placeholder identities look. */
int gt_mmsi_check(uint32_t mmsi)
{
    unsigned mid = mmsi / 1000000u, rest = mmsi % 1000000u, d, i;

    if (mmsi == 0 || mmsi > 999999999u) {
        return GT_MMSI_BAD_LENGTH;
    }
    if (mmsi < 100000000u || mid >= 800) {
        return GT_MMSI_NOT_SHIP; /* 00/0 coast or group, 111 SAR, 8xx handheld, 9xx AtoN/SART */
    }
    if (mid < 200) {
        return GT_MMSI_NOT_SHIP;
    }
    for (i = 0; i < sizeof mid_blocks / sizeof mid_blocks[0]; i++) {
        if (mid >= mid_blocks[i].lo && mid <= mid_blocks[i].hi) {
            break;
        }
    }
    if (i == sizeof mid_blocks / sizeof mid_blocks[0]) {
        return GT_MMSI_BAD_MID;
    }
    d = rest % 10u;
    for (i = 0; i < 6; i++, rest /= 10u) {
        if (rest % 10u != d) {
            return GT_MMSI_SHIP;
        }
    }
    return GT_MMSI_PLACEHOLDER;
}

/* IMO numbers are seven digits; the last is the check digit: the sum of
 * the first six weighted 7, 6, 5, 4, 3, 2, modulo 10. */
int gt_imo_valid(const char *s, size_t n)
{
    unsigned sum = 0, i;

    if (n >= 3 && (s[0] == 'I' || s[0] == 'i') && (s[1] == 'M' || s[1] == 'm') &&
        (s[2] == 'O' || s[2] == 'o')) {
        s += 3;
        n -= 3;
        while (n > 0 && *s == ' ') {
            s++;
            n--;
        }
    }
    if (n != 7) {
        return 0;
    }
    for (i = 0; i < 7; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    if (s[0] == '0') {
        return 0;
    }
    for (i = 0; i < 6; i++) {
        sum += (unsigned)(s[i] - '0') * (7u - i);
    }
    return sum % 10u == (unsigned)(s[6] - '0');
}

/* Flags of the MIDs most often seen on tankers and on the ships
 * investigators follow (open registries, sanctioned states). */
static const struct {
    unsigned mid;
    const char *iso2;
} flags[] = {
    {209, "CY"}, {210, "CY"}, {211, "DE"}, {212, "CY"}, {215, "MT"}, {218, "DE"}, {219, "DK"},
    {220, "DK"}, {229, "MT"}, {230, "FI"}, {232, "GB"}, {233, "GB"}, {234, "GB"}, {235, "GB"},
    {237, "GR"}, {239, "GR"}, {240, "GR"}, {241, "GR"}, {244, "NL"}, {245, "NL"}, {246, "NL"},
    {248, "MT"}, {249, "MT"}, {256, "MT"}, {257, "NO"}, {258, "NO"}, {259, "NO"}, {265, "SE"},
    {266, "SE"}, {273, "RU"}, {311, "BS"}, {312, "BZ"}, {341, "KN"}, {351, "PA"}, {352, "PA"},
    {353, "PA"}, {354, "PA"}, {355, "PA"}, {356, "PA"}, {357, "PA"}, {366, "US"}, {367, "US"},
    {368, "US"}, {369, "US"}, {370, "PA"}, {371, "PA"}, {372, "PA"}, {373, "PA"}, {374, "PA"},
    {375, "VC"}, {376, "VC"}, {377, "VC"}, {403, "SA"}, {408, "BH"}, {412, "CN"}, {413, "CN"},
    {414, "CN"}, {422, "IR"}, {431, "JP"}, {432, "JP"}, {440, "KR"}, {441, "KR"}, {445, "KP"},
    {447, "KW"}, {457, "MN"}, {461, "OM"}, {466, "QA"}, {470, "AE"}, {471, "AE"}, {477, "HK"},
    {518, "CK"}, {525, "ID"}, {533, "MY"}, {538, "MH"}, {548, "PH"}, {563, "SG"}, {564, "SG"},
    {565, "SG"}, {566, "SG"}, {567, "TH"}, {572, "TV"}, {574, "VN"}, {613, "CM"}, {620, "KM"},
    {636, "LR"}, {637, "LR"}, {667, "SL"}, {671, "TG"}, {677, "TZ"}, {710, "BR"}, {725, "CL"},
    {775, "VE"},
};

/* Linear search: the table is small and the call rare. */
const char *gt_mmsi_flag(uint32_t mmsi)
{
    unsigned mid = mmsi / 1000000u;
    size_t i;

    for (i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        if (flags[i].mid == mid) {
            return flags[i].iso2;
        }
    }
    return NULL;
}
