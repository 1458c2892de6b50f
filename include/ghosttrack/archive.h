/*
 * archive.h - parsers for archived tracking data that no decoder owns:
 * OpenSky state-vector CSV, readsb/tar1090 trace_full JSON and
 * aircraft.json, Flightradar24 web CSV and playback JSON, "traffic" JSON
 * (pandas records and columns), AISHub and aisstream.io AIS JSON, and
 * ghosttrack's
 * own NDJSON observation format (what `track --format ndjson` writes).
 *
 * Parsers take bytes and emit struct gt_obs / gt_ident_obs into a struct
 * gt_sink, each with prov.pos set to the content offset of the record it
 * came from (the caller fills prov.kind and prov.input_id).  A record that
 * cannot be used is reported to sink->reject with a short reason token and
 * its offset, so every rejected record is counted.  Line parsers get one
 * line (no newline) and its offset; document parsers get the whole text.
 * Emissions are in non-decreasing offset order, which the ingest pipeline
 * relies on to commit and resume between records.
 */
#ifndef GT_ARCHIVE_H
#define GT_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/csv.h"
#include "ghosttrack/err.h"
#include "ghosttrack/obs.h"

/* Where parsers put what they find.  obs and fact return GT_OK to go on or
 * a negative error, which the parser returns at once.  reason is a static
 * string. */
struct gt_sink {
    int (*obs)(void *ud, const struct gt_obs *o);
    int (*fact)(void *ud, const struct gt_ident_obs *io);
    void (*reject)(void *ud, const char *reason, uint64_t pos);
    void *ud;
    /* Optional (may be NULL): the store id of a receiving station named in
     * the data (an AIS tag block's s:), creating it with receiver class rx;
     * 0 when it cannot be had. */
    uint32_t (*station)(void *ud, const char *name, enum gt_rx_class rx);
};

/* State of a CSV line parser (OpenSky, FR24): zero it with
 * gt_archive_csv_init(), then feed every line in order. */
struct gt_archive_csv {
    int col[16];             /* column of each known field, -1 when absent */
    int header;              /* 1 once the header line has been read */
    struct gt_ident subject; /* FR24: the aircraft the file is about (kind NONE: unknown) */
    uint64_t rec_pos;        /* offset of the current record's first line */
    struct gt_csv csv;       /* the splitter (a quoted field may span lines) */
};

/* Initialise a CSV parser state; subject may be NULL. */
void gt_archive_csv_init(struct gt_archive_csv *c, const struct gt_ident *subject);

/* Return a confidence 0..100 that p[0..n) starts an OpenSky state-vector
 * CSV (header time,icao24,lat,lon,...). */
int gt_archive_opensky_sniff(const uint8_t *p, size_t n);

/* Parse one line of an OpenSky state-vector CSV (SI units converted to kn,
 * ft and ft/min).  The position time is lastposupdate when given, else
 * time.  Returns GT_OK or the sink's error. */
GT_MUST_CHECK int gt_archive_opensky_line(struct gt_archive_csv *c, const uint8_t *p, size_t n,
                                          uint64_t pos, const struct gt_sink *sink);

/* Return a confidence 0..100 that p[0..n) starts a Flightradar24 web CSV
 * (Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction). */
int gt_archive_fr24_csv_sniff(const uint8_t *p, size_t n);

/* Parse one line of a Flightradar24 CSV about c->subject (rows are
 * rejected as "no-subject" when it is unknown).  Returns GT_OK or the
 * sink's error. */
GT_MUST_CHECK int gt_archive_fr24_csv_line(struct gt_archive_csv *c, const uint8_t *p, size_t n,
                                           uint64_t pos, const struct gt_sink *sink);

/* Find the aircraft a FR24 CSV file name names ("..._icao_4b1805.csv",
 * "icao-4b1805", "icao:4b1805" anywhere in the base name, or a last
 * "_4b1805" token before the extension: "AFL123_20190321_4b1805.csv").  Returns GT_OK
 * or GT_ERR_NOTFOUND. */
GT_MUST_CHECK int gt_archive_subject_from_name(const char *path, struct gt_ident *id);

/* Give a FR24 CSV file that names no aircraft (the site names its downloads
 * "<CALLSIGN>_<flight id>.csv") a provisional subject: kind GT_ID_ICAO,
 * flag GT_IDENT_PROVISIONAL, a 24-bit hash of the base name as value;
 * gt_air_resolve() finds the real aircraft at detect time.  Returns GT_OK
 * or GT_ERR_NOTFOUND for an empty name. */
GT_MUST_CHECK int gt_archive_provisional_subject(const char *path, struct gt_ident *id);

/* Return a confidence 0..100 that p[0..n) is a readsb trace_full JSON. */
int gt_archive_readsb_trace_sniff(const uint8_t *p, size_t n);

/* Parse a whole readsb/tar1090 trace_full (or trace_recent) JSON document.
 * Returns GT_OK or the sink's error; a malformed document is one reject. */
GT_MUST_CHECK int gt_archive_readsb_trace(const uint8_t *p, size_t n, const struct gt_sink *sink);

/* Return a confidence 0..100 that p[0..n) is a readsb aircraft.json. */
int gt_archive_readsb_aircraft_sniff(const uint8_t *p, size_t n);

/* Parse a whole readsb/dump1090 aircraft.json snapshot (position time =
 * now - seen_pos).  Returns GT_OK or the sink's error. */
GT_MUST_CHECK int gt_archive_readsb_aircraft(const uint8_t *p, size_t n,
                                             const struct gt_sink *sink);

/* Return a confidence 0..100 that p[0..n) is a Flightradar24 playback
 * JSON document. */
int gt_archive_fr24_json_sniff(const uint8_t *p, size_t n);

/* Parse a whole Flightradar24 playback JSON document
 * (result.response.data.flight: aircraft identification and track).
 * Returns GT_OK or the sink's error. */
GT_MUST_CHECK int gt_archive_fr24_json(const uint8_t *p, size_t n, const struct gt_sink *sink);

/* Return a confidence 0..100 that p[0..n) is a JSON array of flight
 * records as the Python "traffic" library writes them (icao24, timestamp,
 * latitude, longitude, altitude ft, groundspeed kn, track, vertical_rate
 * ft/min, callsign, onground, squawk). */
int gt_archive_traffic_json_sniff(const uint8_t *p, size_t n);

/* Parse a whole traffic JSON records document (timestamp in epoch ms,
 * epoch seconds, or ISO 8601 text).  Returns GT_OK or the sink's error. */
GT_MUST_CHECK int gt_archive_traffic_json(const uint8_t *p, size_t n, const struct gt_sink *sink);

/* Return a confidence 0..100 that p[0..n) is a pandas DataFrame written
 * by columns (DataFrame.to_json(), orient="columns", pandas' default) with
 * the columns of traffic data: {"icao24":{"0":..},"timestamp":{..},..}. */
int gt_archive_traffic_columns_sniff(const uint8_t *p, size_t n);

/* Parse a whole traffic columns document (rows as the records layout).
 * Returns GT_OK or the sink's error. */
GT_MUST_CHECK int gt_archive_traffic_columns(const uint8_t *p, size_t n,
                                             const struct gt_sink *sink);

/* Return a confidence 0..100 that p[0..n) is traffic data written by
 * pandas with orient="split" ({"columns":[..],"index":[..],"data":[[..]]})
 * or orient="table" ({"schema":{..},"data":[{..}]}). */
int gt_archive_traffic_split_sniff(const uint8_t *p, size_t n);

/* Parse a whole traffic split or table document (rows as records).
 * Returns GT_OK or the sink's error. */
GT_MUST_CHECK int gt_archive_traffic_split(const uint8_t *p, size_t n, const struct gt_sink *sink);

/* Return a confidence 0..100 that p[0..n) is an AISHub webservice JSON
 * answer ([{"ERROR":false,"USERNAME":..,"FORMAT":..},[vessels]]). */
int gt_archive_aishub_json_sniff(const uint8_t *p, size_t n);

/* Parse a whole AISHub JSON answer, format=1 (human readable) or format=0
 * (AIS encoding).  Returns GT_OK or the sink's error. */
GT_MUST_CHECK int gt_archive_aishub_json(const uint8_t *p, size_t n, const struct gt_sink *sink);

/* Return a confidence 0..100 that p[0..n) starts a stream of aisstream.io
 * JSON messages, one per line ({"MessageType":..,"Message":..,
 * "MetaData":..}). */
int gt_archive_aisstream_sniff(const uint8_t *p, size_t n);

/* Parse one aisstream.io message line (no newline) at offset pos: position
 * reports give positions, ShipStaticData and StaticDataReport facts.
 * Returns GT_OK or the sink's error. */
GT_MUST_CHECK int gt_archive_aisstream_line(const uint8_t *p, size_t n, uint64_t pos,
                                            const struct gt_sink *sink);

/* ---- streaming: the JSON document formats fed in chunks ---- */

/* The JSON document formats, for gt_archive_json_new(). */
enum gt_archive_json_kind {
    GT_ARCHIVE_READSB_TRACE = 1, /* readsb/tar1090 trace_full */
    GT_ARCHIVE_READSB_AIRCRAFT,  /* readsb/dump1090 aircraft.json */
    GT_ARCHIVE_FR24_JSON,        /* Flightradar24 playback */
    GT_ARCHIVE_TRAFFIC_JSON,     /* traffic records (pandas orient="records") */
    GT_ARCHIVE_TRAFFIC_COLUMNS,  /* traffic columns (pandas orient="columns") */
    GT_ARCHIVE_TRAFFIC_SPLIT,    /* traffic rows (pandas orient="split" or "table") */
    GT_ARCHIVE_AISHUB_JSON       /* AISHub webservice answer */
};

/* A JSON document being parsed as a stream (opaque). */
struct gt_archive_json;

/* Start parsing a document of the given kind.  Memory stays bounded by one
 * element of the document's big array (GT_JSONSCAN_ELEM_MAX, see json.h)
 * plus its envelope, whatever the document's size; the columns layout
 * holds the columns it uses (each capped at 16 MiB).  Returns GT_OK with
 * *out (free with gt_archive_json_free()) or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_archive_json_new(enum gt_archive_json_kind kind, struct gt_archive_json **out);

/* Feed the next n bytes; pos is the content offset of p[0] on the first
 * call (later calls follow on).  Each complete element is parsed and
 * emitted at once; an element that cannot be read is one reject
 * ("json-syntax", "json-depth", "json-element-too-large").  Returns GT_OK,
 * GT_ERR_NOMEM or the sink's error. */
GT_MUST_CHECK int gt_archive_json_feed(struct gt_archive_json *j, const uint8_t *p, size_t n,
                                       uint64_t pos, const struct gt_sink *sink);

/* End of the document: the element cut by a truncated file is counted as
 * "json-truncated", every complete one before it kept.  Returns GT_OK or
 * the sink's error. */
GT_MUST_CHECK int gt_archive_json_finish(struct gt_archive_json *j, const struct gt_sink *sink);

/* Free a parser; NULL is a no-op. */
void gt_archive_json_free(struct gt_archive_json *j);

/* Return a confidence 0..100 that p[0..n) starts a ghosttrack NDJSON
 * observation stream. */
int gt_archive_ndjson_sniff(const uint8_t *p, size_t n);

/* Parse one line of ghosttrack NDJSON: a position
 * {"id":"mmsi:..","t":"ISO","lat":..,"lon":..,...} or a fact
 * {"id":..,"t":..,"field":"name","value":".."}.  Returns GT_OK or the
 * sink's error. */
GT_MUST_CHECK int gt_archive_ndjson_line(const uint8_t *p, size_t n, uint64_t pos,
                                         const struct gt_sink *sink);

#endif /* GT_ARCHIVE_H */
