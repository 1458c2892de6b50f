/*
 * obs.h - the one observation type every source is normalised into.
 *
 * Decoders (AIS, Mode S) and importers (CSV, JSON archives) all turn what
 * they read into struct gt_obs (a kinematic report: where and how fast) or
 * struct gt_ident_obs (a static fact: a name, callsign, IMO number, squawk).
 * Track building, storage and detection see only these.  "Not available"
 * sentinels of the wire formats (AIS lat 91, lon 181, SOG 102.3, heading
 * 511, COG 360, ROT -128) are turned into cleared validity flags at the
 * decode boundary and never reach track maths: read a field only when its
 * GT_OBS_* flag is set.
 *
 * Identities are written "mmsi:273456000" and "icao:4b1805" (six lower-case
 * hex digits).  An ICAO-kind address that is not a real ICAO 24-bit address
 * (a TIS-B track file number, an anonymous address) carries
 * GT_IDENT_NONICAO and is written "icao:~4b1805", as readsb does.
 */
#ifndef GT_OBS_H
#define GT_OBS_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"

enum gt_id_kind {
    GT_ID_NONE = 0,
    GT_ID_MMSI = 1, /* AIS Maritime Mobile Service Identity, 0..999999999 */
    GT_ID_ICAO = 2  /* Mode S 24-bit aircraft address, 0..0xffffff */
};

enum gt_ident_flags {
    GT_IDENT_NONICAO = (1u << 0),    /* address is not an ICAO 24-bit address */
    GT_IDENT_PROVISIONAL = (1u << 1) /* stand-in for a source without an address (one per
                                        Flightradar24 CSV file), resolved at detect time */
};

/* Who sent a report. */
struct gt_ident {
    enum gt_id_kind kind;
    uint32_t value; /* MMSI or 24-bit address */
    unsigned flags; /* enum gt_ident_flags */
};

/* Buffer size that always holds a formatted identity, NUL included. */
#define GT_IDENT_MAX 24

/* Write id as "mmsi:273456000" / "icao:4b1805" into buf (at least
 * GT_IDENT_MAX bytes).  MMSIs are written without leading zeros, as AIS
 * tools do.  Returns the length, or GT_ERR_INVAL for GT_ID_NONE. */
int gt_ident_format(const struct gt_ident *id, char *buf, size_t size);

/* Parse "mmsi:N" (1 to 9 digits) or "icao:XXXXXX" (exactly 6 hex digits,
 * either case, optional '~' for a non-ICAO address) of n bytes.
 * Returns GT_OK or GT_ERR_BADDATA. */
GT_MUST_CHECK int gt_ident_parse(const char *s, size_t n, struct gt_ident *id);

/* Parse a bare address "XXXXXX" or "~XXXXXX" (exactly 6 hex digits, either
 * case; '~' marks a non-ICAO address) of n bytes into an icao identity.
 * Returns GT_OK or GT_ERR_BADDATA. */
GT_MUST_CHECK int gt_ident_parse_icao(const char *s, size_t n, struct gt_ident *id);

/* Where a receiver sits, which decides what a gap in its coverage means. */
enum gt_rx_class { GT_RX_UNKNOWN = 0, GT_RX_TERRESTRIAL = 1, GT_RX_SATELLITE = 2 };

/* Where an observation came from, so every event can cite the raw line or
 * frame that proves it. */
enum gt_prov_kind {
    GT_PROV_NONE = 0,
    GT_PROV_FILE = 1,  /* input_id is an input file, pos a byte offset in it */
    GT_PROV_STREAM = 2 /* input_id is a live stream, pos a message sequence number */
};

struct gt_prov {
    enum gt_prov_kind kind;
    uint32_t input_id; /* input file or stream id (assigned by the store) */
    uint64_t pos;      /* byte offset of the line/frame, or sequence number */
};

/* Validity flags of struct gt_obs: a field may be read only when set. */
enum gt_obs_flags {
    GT_OBS_POS = (1u << 0),      /* lat_deg, lon_deg */
    GT_OBS_ALT = (1u << 1),      /* alt_ft (barometric for aircraft) */
    GT_OBS_GNSS_ALT = (1u << 2), /* gnss_alt_ft */
    GT_OBS_SPEED = (1u << 3),    /* speed_kn (speed over ground) */
    GT_OBS_COURSE = (1u << 4),   /* course_deg (course/track over ground) */
    GT_OBS_HEADING = (1u << 5),  /* heading_deg (true heading) */
    GT_OBS_VRATE = (1u << 6),    /* vrate_fpm */
    GT_OBS_GROUND = (1u << 7),   /* on_ground */
    GT_OBS_NAVSTAT = (1u << 8),  /* nav_status */
    GT_OBS_ROT = (1u << 9),      /* rot_deg_min */
    GT_OBS_TIME = (1u << 10),    /* t_ms is a receive time from the data itself */
    GT_OBS_POS_ACC = (1u << 11)  /* position accuracy flag set (AIS: < 10 m) */
};

/* How a position was obtained. */
enum gt_pos_method {
    GT_POS_NONE = 0,
    GT_POS_REPORTED = 1,   /* reported directly (AIS, imported archives) */
    GT_POS_CPR_GLOBAL = 2, /* Mode S CPR even/odd pair */
    GT_POS_CPR_LOCAL = 3,  /* Mode S CPR relative to a reference */
    GT_POS_MLAT = 4,       /* multilateration, as labelled by the source */
    GT_POS_TISB = 5        /* TIS-B / ADS-R rebroadcast */
};

/* One kinematic report of one transponder. */
struct gt_obs {
    int64_t t_ms;               /* receive time, ms since epoch UTC (GT_TIME_NONE if unknown) */
    struct gt_ident id;         /* who */
    uint32_t source_id;         /* feed the record came from (store-assigned, 0 unknown) */
    uint32_t station_id;        /* receiver/station (store-assigned, 0 unknown) */
    enum gt_rx_class rx;        /* receiver class */
    uint32_t flags;             /* enum gt_obs_flags */
    double lat_deg;             /* WGS-84 latitude, degrees north */
    double lon_deg;             /* WGS-84 longitude, degrees east */
    int32_t alt_ft;             /* barometric altitude, feet */
    int32_t gnss_alt_ft;        /* GNSS (geometric) altitude, feet */
    float speed_kn;             /* speed over ground, knots */
    float course_deg;           /* course over ground, degrees true [0, 360) */
    float heading_deg;          /* true heading, degrees [0, 360) */
    float vrate_fpm;            /* vertical rate, feet per minute, climb positive */
    float rot_deg_min;          /* rate of turn, degrees per minute, right positive */
    uint8_t on_ground;          /* 1 on the ground / moored, 0 airborne / under way */
    uint8_t nav_status;         /* AIS navigational status 0..15 */
    enum gt_pos_method pos_how; /* how the position was obtained */
    struct gt_prov prov;        /* raw record this came from */
};

/* Static facts that travel as identity observations. */
enum gt_ident_field {
    GT_FIELD_NAME = 1,         /* vessel name */
    GT_FIELD_CALLSIGN = 2,     /* radio callsign (ships) or flight callsign (aircraft) */
    GT_FIELD_IMO = 3,          /* IMO ship number, decimal */
    GT_FIELD_SHIPTYPE = 4,     /* AIS ship and cargo type 0..99, decimal */
    GT_FIELD_DIMENSIONS = 5,   /* "A,B,C,D" metres to bow, stern, port, starboard */
    GT_FIELD_DESTINATION = 6,  /* AIS destination text; aircraft: destination airport code as a
                                  tracker publishes it (Flightradar24 JSON) */
    GT_FIELD_DRAUGHT = 7,      /* draught, metres, decimal */
    GT_FIELD_SQUAWK = 8,       /* Mode A code, four octal digits */
    GT_FIELD_REGISTRATION = 9, /* aircraft registration, e.g. "RA-86496" */
    GT_FIELD_TYPECODE = 10,    /* ICAO aircraft type designator, e.g. "IL62" */
    GT_FIELD_CATEGORY = 11,    /* ADS-B emitter category, e.g. "A5" */
    GT_FIELD_FLAG = 12,        /* flag state, ISO 3166 alpha-2 */
    GT_FIELD_ORIGIN = 13,      /* aircraft: departure airport code as a tracker publishes it
                                  (Flightradar24 JSON) */
    GT_FIELD_AIS_CLASS = 14,   /* AIS transceiver class, "A" or "B" (MarineCadastre
                                  TransceiverClass, DMA "Type of mobile") */
    GT_FIELD_LENGTH = 15,      /* overall length, metres, decimal (archives that give it
                                  instead of A+B) */
    GT_FIELD_WIDTH = 16,       /* beam, metres, decimal (archives that give it instead of C+D) */
    GT_FIELD_FLIGHT = 17       /* aircraft: airline flight number as a tracker publishes it,
                                  e.g. "SU100" (Flightradar24 JSON identification.number) */
};

/* Maximum bytes of an identity value, NUL included. */
#define GT_IDENT_VALUE_MAX 64

/* One static fact about one transponder.  value is raw text from the air
 * (attacker-controlled): publishers must escape it. */
struct gt_ident_obs {
    int64_t t_ms;                   /* receive time, ms UTC (GT_TIME_NONE if unknown) */
    struct gt_ident id;             /* who */
    uint32_t source_id;             /* as in struct gt_obs */
    uint32_t station_id;            /* as in struct gt_obs */
    enum gt_ident_field field;      /* which fact */
    char value[GT_IDENT_VALUE_MAX]; /* NUL-terminated text, trailing '@' and spaces removed */
    struct gt_prov prov;            /* raw record this came from */
};

/* Reset o to "nothing known": no time, no identity, no valid fields. */
void gt_obs_init(struct gt_obs *o);

/* Return the stable lower-case name of a field ("name", "callsign", ...),
 * as used in identity events; NULL for an unknown value. */
const char *gt_ident_field_name(enum gt_ident_field f);

#endif /* GT_OBS_H */
