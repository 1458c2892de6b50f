/*
 * modes.h - Mode S / ADS-B: framing, CRC, message decoding, CPR and the
 * per-aircraft state that turns messages into observations.
 *
 * Layers, each usable alone:
 *
 *   gt_modes_crc*        CRC-24 (ICAO Annex 10 Vol IV 3.1.2.3.3), syndrome
 *                        based 1- and 2-bit repair
 *   gt_modes_decode()    one 56/112-bit message -> struct gt_modes_msg
 *                        (DF0..DF24, ADS-B ME fields per DO-260B, Comm-B)
 *   gt_modes_cpr_*       Compact Position Reporting (DO-260B A.1.7)
 *   gt_modes_framer_*    bytes of AVR, Beast, SBS, OpenSky CSV or
 *                        "<epoch> <hex>" -> frames with receive time
 *   gt_modes_state_*     bounded per-aircraft table: CPR pairing, address
 *                        confirmation, struct gt_obs / gt_ident_obs output
 *   gt_modes_stream_*    all of the above behind one "feed bytes" call
 *
 * Conventions: altitudes in feet, speeds in knots, rates in ft/min, angles in
 * degrees true [0, 360), times in ms since the Unix epoch (GT_TIME_NONE when
 * unknown).  Nothing here reads the clock or allocates on the hot path.
 */
#ifndef GT_MODES_H
#define GT_MODES_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"
#include "ghosttrack/obs.h"

/* ---- CRC ---------------------------------------------------------------- */

/* Return the Mode S CRC-24 (generator 0x1FFF409) of the first nbits - 24 bits
 * of msg (nbits is 56 or 112): the value the parity field would hold for an
 * address of zero. */
uint32_t gt_modes_crc(const uint8_t *msg, int nbits);

/* Return the CRC-24 remainder of the first n bytes of p.  For a 14-byte
 * DF17 frame the parity field is the remainder of the first 11 bytes; the
 * remainder of all 14 bytes is 0 when intact.  The encoders (encode.h) use
 * it too, so there is one CRC-24 in the library. */
uint32_t gt_modes_crc24(const uint8_t *p, size_t n);

/* Return the syndrome of a whole nbits-bit message: the CRC of its data bits
 * XOR its parity field.  0 for a valid DF11(IID 0)/17/18; the address for
 * address/parity formats. */
uint32_t gt_modes_syndrome(const uint8_t *msg, int nbits);

/* Try to repair msg (nbits long) whose syndrome is syn, flipping at most
 * maxbits (1 or 2) bits, never bits below bit index `first` (use 5 to protect
 * the DF field).  On success the bits are flipped in msg and the number of
 * bits fixed is returned; returns 0 when no repair was found (msg untouched). */
int gt_modes_crc_fix(uint8_t *msg, int nbits, uint32_t syn, int maxbits, int first);

/* ---- Decoded message ---------------------------------------------------- */

/* How the address of a message was obtained. */
enum gt_modes_addr_kind {
    GT_MODES_ADDR_NONE = 0,
    GT_MODES_ADDR_ANNOUNCED = 1,   /* AA field of DF11/17/18, CRC checked */
    GT_MODES_ADDR_AP = 2,          /* recovered from address/parity (unconfirmed) */
    GT_MODES_ADDR_AP_CONFIRMED = 3 /* AP address matching a DF11/17/18-confirmed aircraft */
};

/* Validity bits of struct gt_modes_msg (field `has`). */
enum gt_modes_has {
    GT_MODES_HAS_ALT = (1u << 0),         /* alt_ft (barometric) */
    GT_MODES_HAS_GNSS_ALT = (1u << 1),    /* gnss_alt_ft */
    GT_MODES_HAS_SQUAWK = (1u << 2),      /* squawk */
    GT_MODES_HAS_CALLSIGN = (1u << 3),    /* callsign */
    GT_MODES_HAS_CATEGORY = (1u << 4),    /* category */
    GT_MODES_HAS_CPR = (1u << 5),         /* cpr_* */
    GT_MODES_HAS_GS = (1u << 6),          /* gs_kt */
    GT_MODES_HAS_TRACK = (1u << 7),       /* track_deg */
    GT_MODES_HAS_HEADING = (1u << 8),     /* heading_deg (magnetic unless heading_true) */
    GT_MODES_HAS_VRATE = (1u << 9),       /* vrate_fpm, vrate_src */
    GT_MODES_HAS_TAS = (1u << 10),        /* tas_kt */
    GT_MODES_HAS_IAS = (1u << 11),        /* ias_kt */
    GT_MODES_HAS_GEO_BARO = (1u << 12),   /* geo_minus_baro_ft */
    GT_MODES_HAS_GROUND = (1u << 13),     /* on_ground */
    GT_MODES_HAS_EMERG = (1u << 14),      /* emergency */
    GT_MODES_HAS_SEL_ALT = (1u << 15),    /* sel_alt_ft, sel_alt_src */
    GT_MODES_HAS_BARO = (1u << 16),       /* baro_hpa */
    GT_MODES_HAS_SEL_HDG = (1u << 17),    /* sel_heading_deg */
    GT_MODES_HAS_MODES = (1u << 18),      /* ap_modes */
    GT_MODES_HAS_OPSTATUS = (1u << 19),   /* version, nic_a, nac_p, sil ... */
    GT_MODES_HAS_MACH = (1u << 20),       /* mach */
    GT_MODES_HAS_ROLL = (1u << 21),       /* roll_deg */
    GT_MODES_HAS_TRACK_RATE = (1u << 22), /* track_rate_dps */
    GT_MODES_HAS_IVRATE = (1u << 23),     /* ivrate_fpm (inertial, BDS 6,0) */
    GT_MODES_HAS_ACAS_RA = (1u << 24),    /* ra_active, ara, rac */
    GT_MODES_HAS_CAPS = (1u << 25),       /* bds10/bds17 capability fields */
    GT_MODES_HAS_MOVEMENT = (1u << 26),   /* movement (surface) */
    GT_MODES_HAS_FMS_ALT = (1u << 27),    /* fms_alt_ft (BDS 4,0) */
    GT_MODES_HAS_METEO = (1u << 28),      /* wind_kt, wind_dir_deg, sat_c, fom (BDS 4,4) */
    GT_MODES_HAS_MV = (1u << 29)          /* DF16 MV field in raw[4..10] */
};

/* Which Comm-B register a DF20/21 MB field was read as. */
enum gt_modes_bds {
    GT_BDS_NONE = 0,
    GT_BDS_10 = 0x10,
    GT_BDS_17 = 0x17,
    GT_BDS_20 = 0x20,
    GT_BDS_30 = 0x30,
    GT_BDS_40 = 0x40,
    GT_BDS_44 = 0x44,
    GT_BDS_50 = 0x50,
    GT_BDS_60 = 0x60
};

/* Why a frame or message was rejected (counted by the stream). */
enum gt_modes_reject {
    GT_MODES_REJ_NONE = 0,
    GT_MODES_REJ_FRAMING,    /* malformed line / frame */
    GT_MODES_REJ_LENGTH,     /* wrong length for its DF */
    GT_MODES_REJ_DF,         /* unknown downlink format */
    GT_MODES_REJ_CRC,        /* CRC bad and not repairable */
    GT_MODES_REJ_UNKNOWN_AP, /* address/parity frame from an unconfirmed address */
    GT_MODES_REJ_MODEAC,     /* Mode A/C reply (not decoded) */
    GT_MODES_REJ_COUNT
};

/* One decoded Mode S message.  Read a field only when its GT_MODES_HAS_* bit
 * (or, for the header fields, its comment) says so. */
struct gt_modes_msg {
    uint8_t raw[14]; /* message bytes after any repair */
    int nbits;       /* 56 or 112 */
    int df;          /* downlink format 0..24 (24 covers 24..31) */
    uint32_t addr;   /* 24-bit address (see addr_kind) */
    enum gt_modes_addr_kind addr_kind;
    int nonicao;                    /* 1: address is not an ICAO address (TIS-B, anonymous) */
    uint32_t syndrome;              /* residual after CRC (AP formats: the address) */
    int corrected;                  /* bits repaired by CRC syndrome (0, 1 or 2) */
    int crc_ok;                     /* 1 when CRC checked out (after repair) */
    int ca;                         /* capability (DF11/17), -1 when absent */
    int cf;                         /* control field (DF18), -1 when absent */
    int iid;                        /* DF11 interrogator id (II/SI code in parity), -1 absent */
    int fs, vs, dr, um, ri, sl, cc; /* surveillance header fields, -1 when absent */
    int tc, st;                     /* ADS-B type code and subtype (DF17/18), -1 absent */
    uint32_t has;                   /* enum gt_modes_has */
    int32_t alt_ft;
    int32_t gnss_alt_ft;
    unsigned squawk;           /* Mode A code as four octal digits in decimal form, e.g. 7700 */
    char callsign[9];          /* NUL-terminated, trailing spaces and '#' kept out */
    char category[3];          /* "A0".."D7" */
    int cpr_odd;               /* 0 even, 1 odd */
    int cpr_surface;           /* 1 surface format */
    uint32_t cpr_lat, cpr_lon; /* 17-bit encoded values */
    int nuc_p;                 /* NUCp / NIC from the type code, -1 unknown */
    int on_ground;
    int movement; /* surface movement code 0..127 */
    double gs_kt, track_deg, heading_deg, tas_kt, ias_kt, mach;
    int heading_true; /* 1: heading_deg is true, 0: magnetic or unknown */
    int32_t vrate_fpm;
    int vrate_src; /* 0 GNSS, 1 barometric */
    int32_t ivrate_fpm;
    int32_t geo_minus_baro_ft;
    int nac_v;
    int emergency; /* TC28 emergency state 0..7 */
    int32_t sel_alt_ft;
    int sel_alt_src; /* 0 MCP/FCU, 1 FMS */
    double baro_hpa;
    double sel_heading_deg;
    unsigned ap_modes; /* bit 0 autopilot, 1 vnav, 2 alt hold, 3 approach, 4 lnav, 5 tcas */
    int version, nic_a, nic_b, nac_p, sil, sil_supp, nic_baro, gva, hrd;
    int ss; /* airborne position surveillance status 0..3, -1 absent */
    double roll_deg, track_rate_dps;
    int ra_active;           /* TC28 st 2 / BDS 3,0: RA active */
    unsigned ara, rac;       /* active RA bits, RA complement */
    enum gt_modes_bds bds;   /* register the MB field was inferred as (DF20/21) */
    int bds_ambiguous;       /* 1: several registers fit; fields left empty */
    int bds_inconsistent;    /* 1: the inferred register contradicted the known state */
    uint32_t caps;           /* BDS 1,0 MB bits 9..40 / BDS 1,7 MB bits 1..24 */
    unsigned bds_candidates; /* registers that passed validation: bit per enum index below */
    int32_t fms_alt_ft;
    double wind_kt, wind_dir_deg, sat_c;
    int fom;
    enum gt_modes_reject reject; /* why decoding failed (when it did) */
};

/* Decoder options. */
struct gt_modes_opts {
    int fix_bits;  /* 0 off, 1 (default) or 2 bits of CRC repair for DF11/17/18 */
    int meteo;     /* 1: also infer BDS 4,4 (meteorological routine report) */
    int beast_gps; /* 1: Beast timestamps are Radarcape GPS time of day (stream only) */
};

/* Bits of struct gt_modes_msg bds_candidates. */
enum gt_modes_bds_bit {
    GT_BDS_BIT_10 = (1u << 0),
    GT_BDS_BIT_17 = (1u << 1),
    GT_BDS_BIT_20 = (1u << 2),
    GT_BDS_BIT_30 = (1u << 3),
    GT_BDS_BIT_40 = (1u << 4),
    GT_BDS_BIT_44 = (1u << 5),
    GT_BDS_BIT_50 = (1u << 6),
    GT_BDS_BIT_60 = (1u << 7)
};

/* Callback telling the decoder whether an address recovered from
 * address/parity has been confirmed by a DF11/17/18.  May be NULL (then AP
 * addresses stay GT_MODES_ADDR_AP and are reported, not rejected). */
typedef int (*gt_modes_known_fn)(void *ctx, uint32_t addr);

/* Decode the n bytes (7 or 14) of one message into *m.  opts may be NULL
 * for defaults.  Returns GT_OK, or GT_ERR_BADDATA with m->reject set. */
GT_MUST_CHECK int gt_modes_decode(const uint8_t *p, size_t n, const struct gt_modes_opts *opts,
                                  gt_modes_known_fn known, void *known_ctx, struct gt_modes_msg *m);

/* Decode a 13-bit AC altitude code (DF0/4/16/20) to feet.  Returns GT_OK or
 * GT_ERR_BADDATA (invalid Gillham, metric or zero code). */
GT_MUST_CHECK int gt_modes_ac13_ft(unsigned ac13, int32_t *ft);

/* Decode a 12-bit ADS-B altitude field (airborne position) to feet. */
GT_MUST_CHECK int gt_modes_ac12_ft(unsigned ac12, int32_t *ft);

/* Decode a 13-bit identity field (Mode A code, Gillham layout) to a squawk
 * written in decimal digits (e.g. 7700). */
unsigned gt_modes_squawk(unsigned id13);

/* Return the name of a reject reason ("crc", "unknown_ap", ...). */
const char *gt_modes_reject_name(enum gt_modes_reject r);

/* ---- CPR ---------------------------------------------------------------- */

/* Number of longitude zones at latitude lat_deg (1..59). */
int gt_modes_cpr_nl(double lat_deg);

/* Global airborne decode of an even (lat0/lon0) and odd (lat1/lon1) pair of
 * 17-bit values; odd_newer selects which frame's position is returned.
 * Returns GT_OK, or GT_ERR_BADDATA when the pair straddles a zone boundary
 * or gives an impossible latitude. */
GT_MUST_CHECK int gt_modes_cpr_global_air(uint32_t lat0, uint32_t lon0, uint32_t lat1,
                                          uint32_t lon1, int odd_newer, double *lat_deg,
                                          double *lon_deg);

/* Global surface decode; ref_lat/ref_lon (receiver or last position, within
 * 45 degrees) pick one of the four quadrant solutions. */
GT_MUST_CHECK int gt_modes_cpr_global_surface(double ref_lat, double ref_lon, uint32_t lat0,
                                              uint32_t lon0, uint32_t lat1, uint32_t lon1,
                                              int odd_newer, double *lat_deg, double *lon_deg);

/* Local decode of one frame relative to a reference within half a zone
 * (airborne: 180 NM; surface: 45 NM).  Returns GT_OK or GT_ERR_BADDATA when
 * the result lies too far from the reference. */
GT_MUST_CHECK int gt_modes_cpr_local(double ref_lat, double ref_lon, uint32_t lat, uint32_t lon,
                                     int odd, int surface, double *lat_deg, double *lon_deg);

/* ---- Framing ------------------------------------------------------------ */

enum gt_modes_framing {
    GT_MODES_FRAMING_UNKNOWN = 0,
    GT_MODES_FRAMING_AVR = 1,     /* "*hex;", "@ts hex;", "<ts sig hex;", "%hex;", ":hex;" */
    GT_MODES_FRAMING_BEAST = 2,   /* 0x1a-escaped binary */
    GT_MODES_FRAMING_SBS = 3,     /* BaseStation CSV on port 30003 */
    GT_MODES_FRAMING_OPENSKY = 4, /* OpenSky raw CSV with rawmsg and mintime columns */
    GT_MODES_FRAMING_EPOCHHEX = 5 /* "<epoch seconds> <hex>" or "epoch,hex[,...]" lines */
};

/* An SBS-1 record (no raw bits): fields are valid when their has bit is set
 * (the same enum gt_modes_has bits, plus GT_MODES_HAS_CPR meaning lat/lon). */
struct gt_sbs_rec {
    int msg_type; /* 1..8 */
    uint32_t addr;
    uint32_t has;
    int32_t alt_ft;
    double gs_kt, track_deg, lat_deg, lon_deg;
    int32_t vrate_fpm;
    unsigned squawk;
    char callsign[9];
    int on_ground, emergency, alert, spi;
};

/* One frame cut from a byte stream. */
struct gt_modes_frame {
    enum gt_modes_framing framing;
    uint8_t msg[14]; /* message bytes (raw formats) */
    size_t len;      /* 2 (Mode A/C), 7 or 14; 0 for SBS */
    int64_t t_ms;    /* absolute receive time, GT_TIME_NONE when unknown */
    uint64_t rx_ts;  /* receiver counter (Beast/AVR '@' '<': 12 MHz ticks), 0 none */
    int has_rx_ts;
    uint64_t rx_id;        /* Beast 0xe3 receiver id, 0 none */
    int signal;            /* signal level byte 0..255, -1 unknown */
    int gps_ts;            /* 1: rx_ts is a Radarcape GPS time of day (seconds<<30 | ns) */
    uint64_t offset;       /* byte offset of the frame in the stream */
    struct gt_sbs_rec sbs; /* SBS records */
};

/* Streaming framer; fields private. */
struct gt_modes_framer {
    enum gt_modes_framing framing;
    uint8_t buf[1024];
    size_t len;
    uint64_t base;                         /* stream offset of buf[0] */
    uint64_t rx_id;                        /* current Beast receiver id */
    int opensky_col_msg, opensky_col_time; /* OpenSky column indexes, -1 before header */
    int skipping;                          /* text: dropping the rest of an overlong line */
    int bstate, besc;                      /* Beast: parser state, escape pending */
    int gps_ts;      /* Beast: timestamps are Radarcape GPS (set by the caller, or by a
                        status frame with its GPS bit) */
    uint64_t fstart; /* Beast: stream offset of the frame being read */
    uint64_t nbad;   /* frames rejected by the framer */
};

/* Guess the framing of the first n bytes of an input.  Returns the framing
 * and stores a confidence 0..100 in *confidence. */
enum gt_modes_framing gt_modes_sniff(const uint8_t *p, size_t n, int *confidence);

/* Set up a framer for a known framing (not UNKNOWN). */
void gt_modes_framer_init(struct gt_modes_framer *f, enum gt_modes_framing framing);

/* Frame callback: return 0 to continue, non-zero to stop feeding. */
typedef int (*gt_modes_frame_fn)(void *ctx, const struct gt_modes_frame *fr);

/* Feed n bytes; complete frames are passed to cb in order.  Partial frames
 * are kept (up to an internal bound) for the next call; with at_eof set the
 * remainder is flushed.  Returns GT_OK, or the callback's non-zero value. */
int gt_modes_framer_feed(struct gt_modes_framer *f, const uint8_t *p, size_t n, int at_eof,
                         gt_modes_frame_fn cb, void *ctx);

/* Parse one text line (no line terminator) of the framer's text framing
 * into *fr.  Returns GT_OK, GT_ERR_AGAIN for a header, comment or blank line,
 * or GT_ERR_BADDATA. */
GT_MUST_CHECK int gt_modes_framer_line(struct gt_modes_framer *f, const uint8_t *p, size_t n,
                                       struct gt_modes_frame *fr);

/* ---- Per-aircraft state ------------------------------------------------- */

struct gt_modes_state;

/* Position-related state configuration. */
struct gt_modes_state_cfg {
    size_t capacity;       /* aircraft kept at most (default 4096) */
    int64_t stale_ms;      /* aircraft unseen this long are evicted (default 300 s) */
    int has_rx_pos;        /* receiver position known */
    double rx_lat, rx_lon; /* receiver position, degrees WGS-84 */
    double max_range_nm;   /* reject positions further from the receiver (0: no check) */
};

/* Allocate a state table.  cfg may be NULL for defaults.  Returns NULL when
 * out of memory.  Free with gt_modes_state_free(). */
struct gt_modes_state *gt_modes_state_new(const struct gt_modes_state_cfg *cfg);

/* Free the table; NULL is a no-op. */
void gt_modes_state_free(struct gt_modes_state *s);

/* Return 1 if addr was confirmed by a DF11/17/18 seen within the stale
 * window, else 0.  Usable as a gt_modes_known_fn with ctx = the state. */
int gt_modes_state_known(void *state, uint32_t addr);

/* What the state made of one message. */
struct gt_modes_update {
    int has_obs; /* obs is filled (kinematics) */
    struct gt_obs obs;
    int nident; /* identity observations in ident[] */
    struct gt_ident_obs ident[3];
    int pos_rejected; /* a CPR position was computed but failed a check */
    int pos_ref;      /* reference used: 0 none (global airborne pair),
                       * 1 the aircraft's last fix, 2 the receiver */
};

/* Check a Comm-B message against the aircraft's ADS-B ground speed and
 * track of the last 30 s.  An ambiguous message (5,0 and 6,0 both fit) is
 * decoded as the register that agrees (5,0: ground speed within 30 kt and
 * track within 15 degrees; 6,0: heading within 45 degrees of track) when the
 * other does not.  A message inferred as 5,0 whose ground speed is more than
 * 80 kt or track more than 45 degrees off, or as 6,0 whose heading is more
 * than 90 degrees off the track, loses its register fields and gets
 * bds_inconsistent set.  Returns 1 when *m was changed, 0 otherwise. */
int gt_modes_state_resolve(struct gt_modes_state *s, struct gt_modes_msg *m, int64_t t_ms);

/* Apply decoded message m received at t_ms (GT_TIME_NONE: use the last time
 * seen) and fill *u.  Messages whose address is unconfirmed (addr_kind
 * GT_MODES_ADDR_AP) are ignored.  Returns GT_OK when *u holds an
 * observation or identity facts, GT_ERR_AGAIN when the message carried
 * nothing observable.  Never allocates: the table is fixed at creation. */
int gt_modes_state_update(struct gt_modes_state *s, const struct gt_modes_msg *m, int64_t t_ms,
                          struct gt_modes_update *u);

/* Apply an SBS record as above (SBS carries decoded values, not CPR). */
int gt_modes_state_update_sbs(struct gt_modes_state *s, const struct gt_sbs_rec *r, int64_t t_ms,
                              struct gt_modes_update *u);

/* Number of aircraft in the table. */
size_t gt_modes_state_count(const struct gt_modes_state *s);

/* Where a state field last came from. */
enum gt_modes_src {
    GT_MODES_SRC_NONE = 0,
    GT_MODES_SRC_ADSB = 1,  /* DF17 / DF18 CF 0-1 extended squitter */
    GT_MODES_SRC_TISB = 2,  /* DF18 CF 2, 3, 5 (TIS-B) and 6 (ADS-R) */
    GT_MODES_SRC_SURV = 3,  /* DF0/4/5/11/16 surveillance replies */
    GT_MODES_SRC_COMMB = 4, /* DF20/21 */
    GT_MODES_SRC_SBS = 5    /* SBS-1 records */
};

/* Validity of one state field: valid only when src != GT_MODES_SRC_NONE. */
struct gt_modes_field {
    int64_t updated_ms; /* message time of the last update */
    enum gt_modes_src src;
};

/* A snapshot of one aircraft of the state table (dump1090-fa's
 * data_validity idea): each value is meaningful only when its field's src
 * is set. */
struct gt_modes_aircraft {
    uint32_t addr;
    int64_t last_seen_ms;
    int64_t confirmed_ms; /* last uncorrected DF11/17/18, GT_TIME_NONE if never */
    struct gt_modes_field f_alt, f_gnss_alt, f_velocity, f_pos, f_callsign, f_squawk, f_category;
    int32_t alt_ft, gnss_alt_ft;
    double gs_kt, track_deg;
    double lat_deg, lon_deg;
    enum gt_pos_method pos_how;
    char callsign[9];
    unsigned squawk;
    char category[3];
};

/* Copy the state of aircraft addr into *out.  Returns GT_OK or
 * GT_ERR_NOTFOUND. */
GT_MUST_CHECK int gt_modes_state_get(const struct gt_modes_state *s, uint32_t addr,
                                     struct gt_modes_aircraft *out);

/* ---- Stream: framing + decoding + state --------------------------------- */

/* What the stream delivers per accepted frame.  All pointers are borrowed
 * and valid only during the callback: copy what must be kept. */
struct gt_modes_event {
    const struct gt_modes_frame *frame;
    const struct gt_modes_msg *msg;    /* NULL for SBS records */
    const struct gt_modes_update *upd; /* state output */
};

/* Event callback: return 0 to continue, non-zero to stop the current feed
 * (gt_modes_stream_feed() then returns that value). */
typedef int (*gt_modes_event_fn)(void *ctx, const struct gt_modes_event *ev);

/* Append one event to b as one NDJSON object ended by "\n" (docs/FORMATS.md):
 * the message, or the SBS record when ev->msg is NULL; with positions set,
 * only the decoded position, and nothing when the event has none.  Returns 1
 * when an object was appended, 0 when there was nothing to write, or a
 * gt_buf error (b may then hold part of the object). */
struct gt_buf;
GT_MUST_CHECK int gt_modes_json(const struct gt_modes_event *ev, int positions, struct gt_buf *b);

struct gt_modes_stream;

/* Allocate a stream for a framing (UNKNOWN: sniffed from the first bytes).
 * opts and cfg may be NULL.  Free with gt_modes_stream_free(). */
struct gt_modes_stream *gt_modes_stream_new(enum gt_modes_framing framing,
                                            const struct gt_modes_opts *opts,
                                            const struct gt_modes_state_cfg *cfg,
                                            gt_modes_event_fn cb, void *ctx);

/* Free the stream; NULL is a no-op. */
void gt_modes_stream_free(struct gt_modes_stream *st);

/* Feed the next n bytes of the input (frame offsets count from the first
 * byte ever fed, for provenance).  at_eof flushes a trailing partial line.
 * Returns GT_OK or the callback's non-zero value. */
int gt_modes_stream_feed(struct gt_modes_stream *st, const uint8_t *p, size_t n, int at_eof);

/* Counters of a stream. */
struct gt_modes_stats {
    uint64_t frames;                       /* frames cut */
    uint64_t accepted;                     /* frames decoded */
    uint64_t rejected[GT_MODES_REJ_COUNT]; /* by reason */
    uint64_t corrected;                    /* frames repaired by CRC */
    uint64_t positions;                    /* positions produced */
    uint64_t pos_rejected;                 /* positions failing a check */
};

/* Copy the counters into *out. */
void gt_modes_stream_stats(const struct gt_modes_stream *st, struct gt_modes_stats *out);

/* Return the framing in use (after sniffing). */
enum gt_modes_framing gt_modes_stream_framing(const struct gt_modes_stream *st);

#endif /* GT_MODES_H */
