/*
 * archive_int.h - helpers shared by the archive parsers (src/decode/archive).
 */
#ifndef GT_ARCHIVE_INT_H
#define GT_ARCHIVE_INT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/archive.h"
#include "ghosttrack/buf.h"
#include "ghosttrack/json.h"
#include "ghosttrack/obs.h"

/* Parse a decimal number (optional sign, fraction, exponent) filling all n
 * bytes, surrounding spaces allowed.  Returns GT_OK or GT_ERR_BADDATA. */
int gt__parse_num(const char *s, size_t n, double *v);

/* Parse a 6-hex-digit ICAO address, optionally prefixed by '~' (non-ICAO)
 * into id.  Returns GT_OK or GT_ERR_BADDATA. */
int gt__parse_icao(const char *s, size_t n, struct gt_ident *id);

/* Set io->field and io->value from s (trimmed of spaces and trailing '@',
 * cut to GT_IDENT_VALUE_MAX - 1 bytes; a squawk must be a number, see
 * gt__fact_number()).  Returns GT_OK, or GT_ERR_INVAL
 * when nothing is left. */
int gt__fact_text(struct gt_ident_obs *io, enum gt_ident_field field, const char *s, size_t n);

/* Set io->field and io->value from the number v (a JSON number, a numeric
 * CSV cell): a squawk as its four octal digits ("0123"), an integer
 * without decimals, else up to 6 significant digits.  Returns GT_OK, or
 * GT_ERR_INVAL for a non-finite value or a squawk that is not 0000..7777
 * in octal digits.  gt__fact_text() sends squawk text here too. */
int gt__fact_number(struct gt_ident_obs *io, enum gt_ident_field field, double v);

/* Return 1 when lat/lon are finite WGS-84 coordinates. */
int gt__valid_latlon(double lat, double lon);

/* Narrowing conversions, saturating. */
float gt__to_float(double v);
int32_t gt__to_i32(double v);

/* ---- JSON parsers: json.c's driver, one json_*.c file per family ---- */

/* The state of one streamed JSON document (json.c), with the members each
 * family's envelope and element parsers keep. */

/*
 * The traffic library resamples OpenSky state vectors on a 1 s grid: each
 * row's "timestamp" is the grid time, "last_position" the time of the
 * position it carries, which is repeated on every row until the next
 * position message (OpenSky's time_position / lastposupdate).  A position
 * is timed by its own time, as the OpenSky CSV reader does, and a repeated
 * position is stored once: a row whose position time equals the last one
 * stored for the same aircraft brings nothing new and is counted as
 * "repeated-position".  The last position time per aircraft is kept in a
 * small direct-mapped table; a collision between two aircraft only costs
 * a duplicate row, never a lost position.
 */
#define STALE_SLOTS 256

struct stale_slot {
    uint32_t value;
    uint8_t used;
    int64_t pos_ms;
};

struct gt_archive_json {
    enum gt_archive_json_kind kind;
    struct gt_jsonscan scan;
    const struct gt_sink *sink; /* of the current call */
    int ready;                  /* the envelope is read: elements go to the parser */
    int no_envelope;            /* cut before the array: held elements have no envelope and
                                   only held rejects are replayed */
    int failed;                 /* the document's reason is reported: elements are dropped */
    json_t *head;               /* the envelope, once ready */
    struct gt_buf defer;        /* elements and rejects waiting for the envelope */
    size_t index;               /* elements parsed */

    /* readsb, FR24 */
    struct gt_ident id;
    int have_id;
    double base_s; /* trace "timestamp", aircraft.json "now", seconds */
    const json_t *flight;

    /* traffic records */
    char last_cs[GT_IDENT_VALUE_MAX];
    struct gt_ident last_id;
    char last_sq[8]; /* the last squawk fact, of sq_id */
    struct gt_ident sq_id;
    struct stale_slot seen[STALE_SLOTS];

    /* pandas columns */
    json_t *cols;      /* the columns kept, by name */
    uint64_t cols_pos; /* offset of the first column */

    /* AISHub */
    int ais_encoded; /* FORMAT "AIS" (format=0): fields in AIS units */
};

int gt__ajson_num(const json_t *v, double *out);

int gt__ajson_onum(const json_t *obj, const char *key, double *out);

int gt__ajson_emit_fact(const struct gt_sink *sink, const struct gt_ident *id, int64_t t_ms,
                        uint64_t pos, enum gt_ident_field field, const json_t *v);

json_t *gt__ajson_load(const uint8_t *p, size_t n);

int gt__ajson_first_bytes_have(const uint8_t *p, size_t n, const char *s);

int gt__ajson_json_start(const uint8_t *p, size_t n);

enum gt_pos_method gt__ajson_method_of(const char *type);

/* A whole document in memory, through the stream. */
int gt__ajson_whole(enum gt_archive_json_kind kind, const uint8_t *p, size_t n,
                    const struct gt_sink *sink);

int gt__ajson_trace_begin(struct gt_archive_json *j, const json_t *root, int final);

int gt__ajson_trace_entry(struct gt_archive_json *j, const json_t *e, uint64_t pos);

int gt__ajson_aircraft_begin(struct gt_archive_json *j, const json_t *root, int final);

int gt__ajson_aircraft_entry(struct gt_archive_json *j, const json_t *a, uint64_t pos);

int gt__ajson_fr24_begin(struct gt_archive_json *j, const json_t *root, int final);

int gt__ajson_fr24_point(struct gt_archive_json *j, const json_t *e, uint64_t pos);

int gt__ajson_traffic_begin(struct gt_archive_json *j, const json_t *root, int final);

/* One traffic record: an object with the columns of a traffic Flight
 * (icao24, timestamp, latitude, ...). */
int gt__ajson_traffic_record(struct gt_archive_json *j, const json_t *e, uint64_t pos);

int gt__ajson_columns_begin(struct gt_archive_json *j, const json_t *root, int final);

/* One column, "name":{"row":value,...}: kept when a record uses it. */
int gt__ajson_columns_member(struct gt_archive_json *j, json_t *e, uint64_t pos);

/* The end of a columns document: every row, as a record. */
int gt__ajson_columns_rows(struct gt_archive_json *j);

int gt__ajson_split_begin(struct gt_archive_json *j, const json_t *root, int final);

/* One row: a record (table), or an array in the order of "columns". */
int gt__ajson_split_row(struct gt_archive_json *j, json_t *e, uint64_t pos);

/* AISHub's answer: [{"ERROR":false,"USERNAME":..,"FORMAT":"HUMAN"|"AIS",
 * ..,"RECORDS":n},[{vessel},...]]; an error answer has ERROR true and no
 * vessel array. */
int gt__ajson_aishub_begin(struct gt_archive_json *j, const json_t *root, int final);

/* One AISHub vessel.  format=1 (human): degrees, knots, UTC text;
 * format=0 (AIS encoding, ITU-R M.1371-5 units): 1/10,000 minute, 1/10
 * knot, 1/10 degree, 1/10 metre draught, unix time. */
int gt__ajson_aishub_vessel(struct gt_archive_json *j, const json_t *v, uint64_t pos);

int gt__ajson_element(struct gt_archive_json *j, json_t *e, uint64_t pos);

#endif /* GT_ARCHIVE_INT_H */
