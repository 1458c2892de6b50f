/*
 * encode.h - encoders for the wire formats ghosttrack reads: AIS NMEA 0183
 * sentences and Mode S extended squitter (DF17) frames.
 *
 * The simulator uses them to write realistic inputs with known truth, and
 * tests use them to build exact inputs for the decoders.  Encoders take plain
 * structs with physical units and write text or bytes into caller buffers;
 * they allocate nothing except where a struct gt_buf is given.
 *
 * AIS follows ITU-R M.1371-5 Annex 8 (message layouts) and IEC 61162-1 /
 * NMEA 0183 4.10 (the !AIVDM sentence, six-bit armouring, tag blocks).  Mode S
 * follows RTCA DO-260B section 2.2.3 (ME field layouts, CPR, CRC-24).
 */
#ifndef GT_ENCODE_H
#define GT_ENCODE_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/err.h"
#include "ghosttrack/modes.h"

/* x rounded to the nearest whole number, halves away from zero (llround):
 * how both encoders turn a physical value into a field's units. */
static inline long long gt_encode_round(double x)
{
    return (long long)llround(x);
}

/* v held to [lo, hi], as an unsigned field value (lo >= 0). */
static inline uint32_t gt_encode_clamp(long long v, long long lo, long long hi)
{
    if (v < lo) {
        v = lo;
    }
    if (v > hi) {
        v = hi;
    }
    return (uint32_t)v;
}

/* Bytes a six-bit armoured AIS payload can need, NUL included (type 5 is
 * 424 bits = 71 characters; 168-bit position reports are 28). */
#define GT_AIS_PAYLOAD_MAX 96

/* One AIS position report, class A (types 1, 2, 3) or class B (18, 19). */
struct gt_ais_pos {
    unsigned type;       /* 1, 2, 3, 18 or 19 */
    unsigned repeat;     /* repeat indicator 0..3 */
    uint32_t mmsi;       /* 30-bit MMSI */
    unsigned nav_status; /* 0..15 (types 1-3 only; 15 = not defined) */
    int has_pos;         /* 0: lat 91, lon 181 ("not available") are sent */
    double lat_deg;      /* latitude, degrees north */
    double lon_deg;      /* longitude, degrees east */
    double sog_kn;       /* speed over ground, knots; < 0: not available (1023) */
    double cog_deg;      /* course over ground, degrees; < 0: not available (3600) */
    int heading_deg;     /* true heading 0..359; < 0: not available (511) */
    unsigned second;     /* UTC second of the report 0..59; 60: not available */
    int rot;             /* raw rate of turn -127..127; -128: not available */
    unsigned accuracy;   /* position accuracy flag: 1 = better than 10 m */
    unsigned maneuver;   /* special manoeuvre indicator 0..2 (types 1-3) */
    unsigned regional;   /* regional reserved bits (types 18, 19) */
    unsigned b_flags;    /* type 18: the 6 bits CS, display, DSC, band, msg22, assigned */
    unsigned raim;       /* RAIM flag */
    uint32_t radio;      /* communication state: 19 bits (1-3) or 20 bits (18) */
    /* type 19 only: */
    char name[21];      /* vessel name, up to 20 characters */
    unsigned ship_type; /* 0..99 */
    unsigned to_bow_m;  /* dimensions to the reference point, metres */
    unsigned to_stern_m;
    unsigned to_port_m;
    unsigned to_starboard_m;
};

/* AIS static and voyage data: type 5 (class A) or type 24 (class B). */
struct gt_ais_static {
    unsigned repeat;
    uint32_t mmsi;
    uint32_t imo;       /* IMO number, 0: not available */
    char callsign[8];   /* up to 7 characters */
    char name[21];      /* up to 20 characters */
    unsigned ship_type; /* 0..99 (80-89 tankers, 70-79 cargo, 60-69 passenger) */
    unsigned to_bow_m;  /* dimensions to the reference point, metres */
    unsigned to_stern_m;
    unsigned to_port_m;
    unsigned to_starboard_m;
    unsigned epfd;        /* position fix type, 1 = GPS */
    unsigned eta_month;   /* 1..12, 0: not available */
    unsigned eta_day;     /* 1..31, 0: not available */
    unsigned eta_hour;    /* 0..23, 24: not available */
    unsigned eta_minute;  /* 0..59, 60: not available */
    double draught_m;     /* 0..25.5 */
    char destination[21]; /* up to 20 characters */
    char vendor[8];       /* type 24 part B vendor id, up to 7 characters */
    unsigned ais_version; /* type 5: 0 = ITU-R M.1371-1 */
    unsigned dte;         /* type 5: 1 = data terminal not ready */
};

/* Encode a position report (types 1, 2, 3, 18 or 19) as a six-bit armoured
 * payload into out (at least GT_AIS_PAYLOAD_MAX bytes) and the number of
 * fill bits into *fill.  Text is upper-cased and characters outside the AIS
 * six-bit set become '?'.  Returns the payload length, or GT_ERR_INVAL for
 * an unsupported type or a short buffer. */
GT_MUST_CHECK int gt_encode_ais_pos(const struct gt_ais_pos *m, char *out, size_t size,
                                    unsigned *fill);

/* Encode static and voyage data as type 5 (424 bits, two sentences once
 * wrapped).  Text fields are padded with spaces, as most transponders do.
 * As gt_encode_ais_pos(). */
GT_MUST_CHECK int gt_encode_ais_type5(const struct gt_ais_static *m, char *out, size_t size,
                                      unsigned *fill);

/* Encode class B static data as type 24 part A (part = 0: name) or part B
 * (part = 1: ship type, vendor, callsign, dimensions).  As
 * gt_encode_ais_pos(). */
GT_MUST_CHECK int gt_encode_ais_type24(const struct gt_ais_static *m, unsigned part, char *out,
                                       size_t size, unsigned *fill);

/* The NMEA 0183 checksum itself is the decoder's gt_ais_nmea_checksum() (ais.h). */

/* Append a payload as one or more !AIVDM sentences to out, each line ended
 * by "\n".  Payloads longer than 60 characters are split
 * into fragments that share the sequential message id seqid (0..9; it is
 * used only when there are several fragments); fill bits go on the last
 * fragment.  channel is 'A' or 'B'.  When station is non-NULL every
 * sentence is preceded by an NMEA 4.10 tag block
 * "\s:STATION,c:EPOCHSECONDS*hh\" with its own checksum.  Returns the number
 * of sentences written, or GT_ERR_INVAL / GT_ERR_NOMEM / GT_ERR_TOOBIG. */
GT_MUST_CHECK int gt_encode_nmea_wrap(const char *payload, unsigned fill, char channel,
                                      unsigned seqid, const char *station, int64_t t_s,
                                      struct gt_buf *out);

/* Bytes of a DF17 extended squitter. */
#define GT_MODES_LONG 14

/* The parity is the decoder's gt_modes_crc24() (modes.h). */

/* Encode a DF17 identification message (type codes 1..4, emitter category
 * cat 0..7) with a callsign of up to 8 characters from the ICAO set (A-Z,
 * 0-9, space; anything else becomes a space).  out gets 14 bytes.  Returns
 * GT_OK or GT_ERR_INVAL for a bad type code. */
GT_MUST_CHECK int gt_encode_modes_ident(uint32_t icao, unsigned tc, unsigned cat,
                                        const char *callsign, uint8_t out[GT_MODES_LONG]);

/* CPR zone counts come from the decoder's gt_modes_cpr_nl() (modes.h). */

/* Encode lat/lon as 17-bit airborne CPR coordinates (odd = 0: even frame,
 * 1: odd frame) into *yz and *xz (DO-260B A.1.7.5). */
void gt_encode_modes_cpr(double lat_deg, double lon_deg, int odd, uint32_t *yz, uint32_t *xz);

/* Encode a DF17 airborne position message with barometric altitude (type
 * code tc 9..18, surveillance status ss 0..3, single antenna flag saf) at
 * alt_ft, coded in 25 ft steps with the Q bit set (range -1000..50175 ft;
 * values outside are clamped), as the even (odd = 0) or odd frame.  Time
 * flag T is 0.  out gets 14 bytes.  Returns GT_OK or GT_ERR_INVAL. */
GT_MUST_CHECK int gt_encode_modes_airborne_pos(uint32_t icao, unsigned tc, unsigned ss,
                                               unsigned saf, int alt_ft, int odd, double lat_deg,
                                               double lon_deg, uint8_t out[GT_MODES_LONG]);

/* Encode a DF17 surface position message (type code tc 5..8) with ground
 * speed gs_kt (movement field, 0.125 kt steps at low speed) and ground track
 * track_deg (< 0: not valid), as the even or odd frame (surface CPR, 90
 * degree zones).  out gets 14 bytes.  Returns GT_OK or GT_ERR_INVAL. */
GT_MUST_CHECK int gt_encode_modes_surface_pos(uint32_t icao, unsigned tc, double gs_kt,
                                              double track_deg, int odd, double lat_deg,
                                              double lon_deg, uint8_t out[GT_MODES_LONG]);

/* Fields of an airborne velocity message, type code 19 subtype 1 (ground
 * speed, subsonic). */
struct gt_modes_vel {
    unsigned intent_change; /* IC flag */
    unsigned ifr;           /* IFR capability flag (the reserved-A bit in DO-260B) */
    unsigned nuc;           /* navigation uncertainty (NACv) 0..7 */
    int v_ew_kt;            /* east-west velocity, knots, east positive, |v| <= 1022 */
    int v_ns_kt;            /* north-south velocity, knots, north positive, |v| <= 1022 */
    unsigned vr_src;        /* vertical rate source: 0 GNSS, 1 barometric */
    int vr_fpm;             /* vertical rate, ft/min (64 ft/min steps), up positive */
    int gnss_baro_diff_ft;  /* GNSS minus barometric altitude, ft (25 ft steps); 0: none */
};

/* Encode a DF17 airborne velocity message (TC 19, subtype 1).  Velocity
 * components are coded as |v| + 1 with a direction bit, the vertical rate as
 * |vr| / 64 + 1 with a sign bit.  out gets 14 bytes.  Returns GT_OK or
 * GT_ERR_RANGE when a component is out of range. */
GT_MUST_CHECK int gt_encode_modes_velocity(uint32_t icao, const struct gt_modes_vel *v,
                                           uint8_t out[GT_MODES_LONG]);

#endif /* GT_ENCODE_H */
