/*
 * ais.h - AIS (ITU-R M.1371-5) decoding: NMEA 0183 framing, receive times,
 * multi-sentence reassembly, message types 1-27, gpsd-compatible JSON and
 * ghosttrack NDJSON, and validation helpers (MMSI classes, MID -> flag,
 * IMO check digit).
 *
 * The decoder is lenient by default and honest about every defect: each
 * decoded message carries GT_AISQ_* quality flags, and each rejected line
 * is counted by reason in struct gt_ais_counters.
 *
 * Typical use is the stream: feed it lines (with their byte offset, for
 * provenance) and receive complete messages through a callback:
 *
 *     struct gt_ais_stream *s = gt_ais_stream_new(NULL, on_msg, ud);
 *     while (next_line(&p, &n, &off)) gt_ais_stream_feed(s, p, n, off);
 *     gt_ais_stream_free(s);
 *
 * Nothing here reads the clock, does I/O or allocates per message: the
 * stream allocates its reassembly slots once, at creation.
 */
#ifndef GT_AIS_H
#define GT_AIS_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/err.h"
#include "ghosttrack/obs.h"

/* Largest payload kept, in bits (five full slots; gpsd keeps 2048 bits). */
#define GT_AIS_MAX_BITS 2048

/* Quality flags of one decoded message (struct gt_ais_msg.quality). */
enum gt_ais_quality {
    GT_AISQ_NO_CHECKSUM = (1u << 0),  /* sentence had no *hh checksum */
    GT_AISQ_LEN_SHORT = (1u << 1),    /* fewer bits than the type defines (fields zero) */
    GT_AISQ_LEN_LONG = (1u << 2),     /* more bits than the type defines */
    GT_AISQ_PAD = (1u << 3),          /* fill bits missing, > 5, or not on last fragment */
    GT_AISQ_TAG_CHECKSUM = (1u << 4), /* tag block checksum wrong or missing */
    GT_AISQ_CHANNEL = (1u << 5),      /* channel field empty or not A/B/1/2 */
    GT_AISQ_BAD_CHAR = (1u << 6),     /* payload character outside the 6-bit alphabet */
    GT_AISQ_SPARE = (1u << 7),        /* a field holds a value the spec reserves */
    GT_AISQ_GNSS_TIME = (1u << 8)     /* no time of its own: the log's last $--ZDA/$--RMC */
};

/* Validity flags of the decoded kinematic core (struct gt_ais_msg.valid). */
enum gt_ais_valid {
    GT_AISV_POS = (1u << 0),     /* lat_deg/lon_deg present and not "not available" */
    GT_AISV_SOG = (1u << 1),     /* sog_kn */
    GT_AISV_COG = (1u << 2),     /* cog_deg */
    GT_AISV_HEADING = (1u << 3), /* heading_deg */
    GT_AISV_ROT = (1u << 4),     /* rot_deg_min */
    GT_AISV_SECOND = (1u << 5),  /* utc_second 0..59 */
    GT_AISV_STATUS = (1u << 6),  /* nav_status */
    GT_AISV_STATIC = (1u << 7),  /* at least one static field (name, callsign, ...) */
    GT_AISV_ALT = (1u << 8)      /* alt_m (type 9) */
};

/* Which half of a type 24 message. */
enum gt_ais_part24 { GT_AIS24_NONE = 0, GT_AIS24_A = 1, GT_AIS24_B = 2, GT_AIS24_AB = 3 };

/* One decoded AIS message.  The payload bits are kept so that every field of
 * every type can be read again (the JSON writers do); the commonly used
 * fields are decoded into the typed members below. */
struct gt_ais_msg {
    /* envelope */
    int64_t t_ms;     /* receive time, ms UTC, GT_TIME_NONE when the data had none */
    char station[32]; /* receiving station id ("" unknown), from tag block s:, USCG r, PGHP */
    char talker[3];   /* NMEA talker, "AI", "AB", "BS", ... */
    char channel;     /* 'A', 'B' or 0 */
    uint8_t own;      /* 1 for VDO (own ship), 0 for VDM */
    uint8_t nfrag;    /* sentences it came in */
    uint64_t offset;  /* byte offset of the first sentence in its input */
    unsigned quality; /* enum gt_ais_quality */
    /* payload */
    uint16_t nbits;                         /* payload length in bits */
    uint8_t bits[GT_AIS_MAX_BITS / 8 + 16]; /* payload, MSB first, zero padded */
    /* header */
    uint8_t type;   /* 1..27 */
    uint8_t repeat; /* repeat indicator 0..3 */
    uint32_t mmsi;  /* source MMSI */
    /* kinematic core (types 1-3, 4, 9, 11, 18, 19, 21, 27), see valid */
    unsigned valid;       /* enum gt_ais_valid */
    double lat_deg;       /* WGS-84 degrees north */
    double lon_deg;       /* WGS-84 degrees east */
    float sog_kn;         /* speed over ground, knots (type 9: knots too) */
    float cog_deg;        /* course over ground, degrees [0, 360) */
    float rot_deg_min;    /* rate of turn, degrees/min, right positive (ROT_AIS decoded) */
    uint16_t heading_deg; /* true heading, degrees 0..359 */
    uint8_t nav_status;   /* navigational status 0..15 */
    uint8_t utc_second;   /* UTC second of the report 0..59 */
    uint8_t pos_acc;      /* position accuracy flag */
    int32_t alt_m;        /* type 9 altitude, metres */
    /* static data (types 5, 19, 21, 24), see GT_AISV_STATIC */
    char name[36];             /* vessel or AtoN name, trailing '@'/spaces removed */
    char callsign[8];          /* radio callsign */
    char destination[21];      /* type 5 destination */
    uint32_t imo;              /* IMO number, 0 not available */
    uint8_t shiptype;          /* ship and cargo type 0..255 */
    uint16_t dim_a, dim_b;     /* metres to bow, stern */
    uint8_t dim_c, dim_d;      /* metres to port, starboard */
    float draught_m;           /* type 5 draught, metres (0 not available) */
    enum gt_ais_part24 part24; /* type 24 part(s) present */
    /* types 4 and 11: the station's UTC */
    int64_t utc_ms; /* GT_TIME_NONE when not available */
};

/* ------------------------------------------------------------------ */
/* Payload decoding                                                    */

/* Read width (1..32) bits at bit start of m's payload as unsigned; bits
 * past the payload read as zero. */
uint32_t gt_ais_ubits(const struct gt_ais_msg *m, unsigned start, unsigned width);

/* As gt_ais_ubits(), sign-extended two's complement. */
int32_t gt_ais_sbits(const struct gt_ais_msg *m, unsigned start, unsigned width);

/* Read count 6-bit characters at bit start into out (count + 1 bytes),
 * stopping at the first '@'; when trim is set trailing spaces and '@' are
 * removed.  Returns the length written. */
size_t gt_ais_text(const struct gt_ais_msg *m, unsigned start, unsigned count, char *out, int trim);

/* Decode the header and the typed fields of m from m->bits/m->nbits (set by
 * the caller, or by the stream).  Returns GT_OK, GT_ERR_UNSUPPORTED for type
 * 0 or > 27, or GT_ERR_BADDATA when the payload is too short for its type
 * (the message should be rejected).  Quality flags are added to
 * m->quality. */
GT_MUST_CHECK int gt_ais_decode(struct gt_ais_msg *m);

/* De-armour n payload characters p with pad fill bits, appending to m's
 * payload.  Returns GT_OK, GT_ERR_TOOBIG when the payload would pass
 * GT_AIS_MAX_BITS, or GT_ERR_BADDATA for a character outside the 6-bit
 * alphabet (when lenient the character is kept and GT_AISQ_BAD_CHAR set
 * instead: pass strict = 0). */
GT_MUST_CHECK int gt_ais_unarmor(struct gt_ais_msg *m, const uint8_t *p, size_t n, unsigned pad,
                                 int strict);

/* ------------------------------------------------------------------ */
/* NMEA framing                                                        */

/* One parsed !xxVDM / !xxVDO sentence, pointing into the caller's line. */
struct gt_nmea_sentence {
    char talker[3];         /* "AI", "AB", ... */
    uint8_t own;            /* VDO */
    uint8_t nfrag, frag;    /* fragment count and number, 1..9 */
    int seq;                /* sequential message id 0..9, -1 when empty */
    char channel;           /* as given ('A', 'B', '1', '2') or 0 */
    const uint8_t *payload; /* armoured payload */
    size_t npayload;        /* its length */
    unsigned pad;           /* fill bits 0..5 */
    unsigned quality;       /* GT_AISQ_NO_CHECKSUM, GT_AISQ_PAD, GT_AISQ_CHANNEL */
    const uint8_t *rest;    /* bytes after the checksum (USCG/unix-time suffix) */
    size_t nrest;
};

/* Return the NMEA XOR checksum of the n bytes p. */
uint8_t gt_ais_nmea_checksum(const uint8_t *p, size_t n);

/* Parse one sentence starting at '!' in p (n bytes).  Returns GT_OK,
 * GT_ERR_CHECKSUM (parsed, but the checksum is wrong; s is filled),
 * GT_ERR_UNSUPPORTED (an NMEA sentence that is not VDM/VDO) or
 * GT_ERR_BADDATA. */
GT_MUST_CHECK int gt_ais_nmea_parse(const uint8_t *p, size_t n, struct gt_nmea_sentence *s);

/* Read the UTC time of a GNSS receiver's $--ZDA (hhmmss.ss, day, month,
 * four-digit year) or $--RMC (hhmmss.ss, status, ..., ddmmyy; years 80-99
 * are 19yy) sentence at p (n bytes, '$' first) into *t_ms.  Returns GT_OK,
 * GT_ERR_UNSUPPORTED for any other sentence, GT_ERR_CHECKSUM, or
 * GT_ERR_BADDATA: malformed, no checksum, or an RMC with status V (no fix,
 * its clock not to be trusted). */
GT_MUST_CHECK int gt_ais_nmea_gnss_time(const uint8_t *p, size_t n, int64_t *t_ms);

/* A parsed NMEA 4.0 tag block. */
struct gt_tagblock {
    int64_t t_ms;     /* c: time (seconds or milliseconds), GT_TIME_NONE when absent */
    char station[32]; /* s: source, "" when absent */
    int group_n;      /* g: sentence number in group, 0 when absent */
    int group_of;     /* g: sentences in group */
    int group_id;     /* g: group id */
    int checksum_ok;  /* 1 when the *hh matched */
};

/* Parse the tag block whose text between the backslashes is p[0..n).
 * Returns GT_OK (checksum_ok tells whether *hh matched) or GT_ERR_BADDATA. */
GT_MUST_CHECK int gt_tagblock_parse(const uint8_t *p, size_t n, struct gt_tagblock *tb);

/* ------------------------------------------------------------------ */
/* The stream: lines in, messages out                                  */

/* Why a line or sentence was rejected, or what was merely counted. */
enum gt_ais_reason {
    GT_AISR_BLANK = 0,   /* empty line or comment (counted, not an error) */
    GT_AISR_JUNK,        /* line with no sentence in it */
    GT_AISR_OTHER_NMEA,  /* other NMEA sentence ($GPGGA, $xxALR, ...), skipped */
    GT_AISR_CHECKSUM,    /* bad sentence checksum */
    GT_AISR_MALFORMED,   /* VDM/VDO with bad fields */
    GT_AISR_BAD_PAYLOAD, /* payload character outside the alphabet (strict) */
    GT_AISR_TOO_LONG,    /* payload longer than GT_AIS_MAX_BITS */
    GT_AISR_ORPHAN,      /* fragment dropped: out of order, evicted or expired */
    GT_AISR_SHORT,       /* message too short for its type */
    GT_AISR_BAD_TYPE,    /* type 0 or > 27 */
    GT_AISR_STRICT,      /* decoded but had a quality defect and --strict */
    GT_AISR_TAGBLOCK,    /* malformed tag block */
    GT_AISR_COUNT
};

/* Counters of one stream. */
struct gt_ais_counters {
    uint64_t lines;                 /* lines fed */
    uint64_t sentences;             /* VDM/VDO sentences parsed */
    uint64_t messages;              /* messages delivered */
    uint64_t reason[GT_AISR_COUNT]; /* by enum gt_ais_reason */
    uint64_t no_checksum;           /* sentences accepted without a checksum */
    uint64_t tag_checksum;          /* tag blocks with a wrong checksum (kept) */
};

/* Stream configuration; zero (or NULL) gives the defaults. */
struct gt_ais_stream_config {
    int strict;              /* reject messages with any quality flag */
    int accept_bad_checksum; /* decode sentences whose checksum is wrong (flagged) */
    unsigned slots;          /* reassembly slots (default 64) */
    int64_t expiry_ms;       /* fragment expiry by message time (default 60000) */
    unsigned expiry_lines;   /* fragment expiry by lines when no time (default 1000) */
};

struct gt_ais_stream;

/* Called once per complete, decoded message; m is borrowed for the call. */
typedef void gt_ais_msg_fn(const struct gt_ais_msg *m, void *ud);

/* Create a stream delivering to fn(ud).  cfg may be NULL.  Returns NULL
 * when out of memory.  Free with gt_ais_stream_free(). */
struct gt_ais_stream *gt_ais_stream_new(const struct gt_ais_stream_config *cfg, gt_ais_msg_fn *fn,
                                        void *ud);

/* Free s; NULL is a no-op. */
void gt_ais_stream_free(struct gt_ais_stream *s);

/* Feed one line (without or with its CR/LF) that starts at byte offset off
 * of its input.  Messages it completes are delivered before it returns. */
void gt_ais_stream_feed(struct gt_ais_stream *s, const uint8_t *p, size_t n, uint64_t off);

/* Return the stream's counters (borrowed). */
const struct gt_ais_counters *gt_ais_stream_counters(const struct gt_ais_stream *s);

/* Return the stable name of a reason ("checksum", "orphan", ...). */
const char *gt_ais_reason_name(enum gt_ais_reason r);

/* ------------------------------------------------------------------ */
/* Output                                                              */

/* Append m as one line of gpsd JSON-AIS (as gpsdecode -j, or -u -j when
 * scaled is 0) with "device" set to device (may be NULL), newline included.
 * Returns GT_OK or a gt_buf error. */
GT_MUST_CHECK int gt_ais_json_gpsd(const struct gt_ais_msg *m, int scaled, const char *device,
                                   struct gt_buf *b);

/* Append m as one line of ghosttrack NDJSON (see docs/AIS.md), newline
 * included.  Returns GT_OK or a gt_buf error. */
GT_MUST_CHECK int gt_ais_json(const struct gt_ais_msg *m, struct gt_buf *b);

/* Fill o from a message with a kinematic core (types 1-3, 4, 9, 11, 18, 19,
 * 21, 27).  Returns 1 when o was filled, 0 when the type carries no
 * position report. */
int gt_ais_to_obs(const struct gt_ais_msg *m, struct gt_obs *o);

/* Fill up to max identity observations from a static message (types 5, 19,
 * 21, 24); returns how many were written. */
size_t gt_ais_to_ident(const struct gt_ais_msg *m, struct gt_ident_obs *out, size_t max);

/* ------------------------------------------------------------------ */
/* Validation helpers                                                  */

/* What kind of station an MMSI names (ITU-R M.585-9): the form of its
 * nine digits.  This is the one classification of MMSIs; the detectors'
 * station groups (ids.h) are read from it. */
enum gt_ais_mmsi_class {
    GT_MMSI_INVALID = 0,  /* 0, more than 9 digits, fewer than 7, or no known form */
    GT_MMSI_SHIP,         /* MIDxxxxxx */
    GT_MMSI_GROUP,        /* 0MIDxxxxx ship group */
    GT_MMSI_COAST,        /* 00MIDxxxx coast/base station */
    GT_MMSI_SAR_AIRCRAFT, /* 111MIDxxx */
    GT_MMSI_ATON,         /* 99MIDxxxx */
    GT_MMSI_CRAFT_AUX,    /* 98MIDxxxx craft associated with a parent ship */
    GT_MMSI_SART,         /* 970xxyyyy AIS-SART */
    GT_MMSI_MOB,          /* 972xxyyyy man overboard */
    GT_MMSI_EPIRB,        /* 974xxyyyy EPIRB-AIS */
    GT_MMSI_DIVER         /* 8MIDxxxxx handheld / diver radio */
};

/* Classify an MMSI by the form of its digits and store in *mid (may be
 * NULL) the three digits the form puts where a MID goes, 0 for forms
 * without one (SART, MOB, EPIRB, invalid).  The MID is not judged: a
 * group call 015012345 is GT_MMSI_GROUP with *mid 150; gt_ais_mmsi_mid()
 * returns only MIDs of the 2xx-7xx regions. */
enum gt_ais_mmsi_class gt_ais_mmsi_class(uint32_t mmsi, unsigned *mid);

/* Return the stable name of a class ("ship", "base_station", ...). */
const char *gt_ais_mmsi_class_name(enum gt_ais_mmsi_class c);

/* Return the Maritime Identification Digits of an MMSI (from the position
 * its class puts them in), or 0 when it has none or they are not a MID of
 * the 2xx-7xx regions. */
unsigned gt_ais_mmsi_mid(uint32_t mmsi);

/* Return the ISO 3166 alpha-2 code of the flag a MID is allocated to
 * (ITU MID table), or NULL for an unallocated MID. */
const char *gt_ais_mid_country(unsigned mid);

/* Return 1 when imo is a 7-digit IMO ship number with a valid check digit
 * (weights 7..2 on the first six digits, sum mod 10), else 0. */
int gt_ais_imo_valid(uint32_t imo);

/* Input formats gt_ais_sniff() recognises. */
enum gt_ais_format {
    GT_AISF_UNKNOWN = 0,
    GT_AISF_NMEA = 1,           /* NMEA 0183 AIVDM/AIVDO with any prefix form */
    GT_AISF_MARINECADASTRE = 2, /* MarineCadastre CSV */
    GT_AISF_DMA = 3             /* Danish Maritime Authority CSV */
};

/* Look at the first n bytes of an input and return a confidence 0..100 that
 * it is AIS; *fmt (may be NULL) receives the format. */
int gt_ais_sniff(const uint8_t *p, size_t n, enum gt_ais_format *fmt);

#endif /* GT_AIS_H */
