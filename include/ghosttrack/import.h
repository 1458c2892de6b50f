/*
 * import.h - importers for decoded AIS archives into the common observation
 * types of obs.h: MarineCadastre CSV (the 2017 16-column layout, the 2018+
 * 17-column layout with TransceiverClass, and the lower-case
 * "mmsi,base_date_time,longitude,latitude,..." re-export) and Danish
 * Maritime Authority CSV ("# Timestamp", day-first dates, 22 or 26
 * columns, lat 91 / lon 0 for "no position").
 *
 * The format is detected from the header line, and columns are found by
 * name, so column order does not matter.  Any other position CSV (vendor
 * exports, satellite AIS) is read too, with its columns named by a mapping
 * or found by common header names (GT_CSV_GENERIC).  Feed the header first, then one
 * row per call.  Rows that cannot be used are counted by reason, never
 * silently dropped.
 */
#ifndef GT_IMPORT_H
#define GT_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"
#include "ghosttrack/obs.h"

/* Which layout the header named. */
enum gt_csv_kind {
    GT_CSV_UNKNOWN = 0,
    GT_CSV_MARINECADASTRE = 1,
    GT_CSV_DMA = 2,
    GT_CSV_GENERIC = 3 /* any other position CSV: a --columns mapping or common header names */
};

/* Why a row was rejected. */
enum gt_csv_reason {
    GT_CSVR_FIELDS = 0, /* too few fields, an unterminated quote, a row too long */
    GT_CSVR_MMSI,       /* identity missing: MMSI not 1..999999999 (and no ICAO address) */
    GT_CSVR_TIME,       /* time missing or not a valid date */
    GT_CSVR_HEADER,     /* a row before a recognised header */
    GT_CSVR_COUNT
};

/* Counters of one import. */
struct gt_csv_counters {
    uint64_t rows;                  /* data rows seen (header excluded) */
    uint64_t obs;                   /* kinematic observations delivered */
    uint64_t idents;                /* identity observations delivered */
    uint64_t reason[GT_CSVR_COUNT]; /* rejected rows by enum gt_csv_reason */
    uint64_t ignored_columns;       /* header columns not read (counted once) */
};

/* Receivers of observations; either may be NULL.  The structs are borrowed
 * for the call. */
typedef void gt_csv_obs_fn(const struct gt_obs *o, void *ud);
typedef void gt_csv_ident_fn(const struct gt_ident_obs *io, void *ud);

struct gt_csv_import;

/* Create an importer; returns NULL when out of memory.  Free with
 * gt_csv_import_free(). */
struct gt_csv_import *gt_csv_import_new(gt_csv_obs_fn *obs, gt_csv_ident_fn *ident, void *ud);

/* Name the columns before the header is fed: spec is "key=COLUMN,..."
 * (header names, compared ignoring case).  Keys: mmsi or icao (the
 * identity; hex address), time (ISO 8601, dd/mm/yyyy HH:MM:SS,
 * YYYYMMDD_HHMMSS, or epoch seconds or milliseconds), lat, lon (degrees),
 * speed (knots; sog), course (degrees; cog), heading, alt (feet, aircraft
 * only), and the facts name, imo, callsign, shiptype, draught,
 * destination, class, length, width, squawk, a, b, c, d.  Columns the
 * mapping leaves out are still found by their common names.  Returns
 * GT_OK, or GT_ERR_INVAL (gt_csv_import_errmsg() says why). */
int gt_csv_import_set_columns(struct gt_csv_import *imp, const char *spec);

/* Return the last error: a bad mapping, or what the header lacks ("no time
 * column: name it with --columns time=COLUMN"); "" when none (borrowed). */
const char *gt_csv_import_errmsg(const struct gt_csv_import *imp);

/* Return a confidence 0..100 that p[0..n) starts a position CSV whose
 * header names an identity, a time and a position (60 when so; 5 when it
 * names a latitude and a longitude but lacks another column, so that the
 * import can say which). */
int gt_csv_import_sniff(const uint8_t *p, size_t n);

/* Free imp; NULL is a no-op. */
void gt_csv_import_free(struct gt_csv_import *imp);

/* Feed one line (CR/LF optional) at byte offset off of its input.  The
 * first non-empty line must be the header.  Lines are split by the one
 * RFC 4180 splitter (csv.h): a quoted field may go on over the next lines,
 * and the row is handled (with the offset of its first line) when it
 * ends.  Returns GT_OK, or GT_ERR_UNSUPPORTED when the header is not a
 * known layout (the importer then rejects every row). */
int gt_csv_import_feed(struct gt_csv_import *imp, const uint8_t *p, size_t n, uint64_t off);

/* Say the input has ended.  A row still inside an open quote is rejected
 * ("fields").  Returns GT_OK, or GT_ERR_BADDATA when such a row was
 * dropped. */
int gt_csv_import_finish(struct gt_csv_import *imp);

/* Return the layout detected from the header (GT_CSV_UNKNOWN before it). */
enum gt_csv_kind gt_csv_import_kind(const struct gt_csv_import *imp);

/* Return the counters (borrowed). */
const struct gt_csv_counters *gt_csv_import_counters(const struct gt_csv_import *imp);

/* Return the stable name of a reason ("fields", "mmsi", "time", "header"). */
const char *gt_csv_import_reason_name(enum gt_csv_reason r);

#endif /* GT_IMPORT_H */
