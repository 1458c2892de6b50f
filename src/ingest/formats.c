/*
 * formats.c - the table of ingest format handlers and format detection by
 * content: the archive formats are wrapped here, the AIS and Mode S
 * decoder families in fmt_ais.c and fmt_modes.c.  The handler contract is
 * described in include/ghosttrack/ingest.h.
 */
#include "ghosttrack/ingest.h"
#include "ingest_int.h"

#include <string.h>

#include "ghosttrack/mem.h"

/* ---- handlers of the archive formats ---- */

static int sniff_opensky(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_opensky_sniff(p, n);
}

static int sniff_fr24_csv(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_fr24_csv_sniff(p, n);
}

static int sniff_trace(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_readsb_trace_sniff(p, n);
}

static int sniff_aircraft(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_readsb_aircraft_sniff(p, n);
}

static int sniff_fr24_json(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_fr24_json_sniff(p, n);
}

static int sniff_traffic(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_traffic_json_sniff(p, n);
}

static int sniff_columns(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_traffic_columns_sniff(p, n);
}

static int sniff_split(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_traffic_split_sniff(p, n);
}

static int sniff_aishub(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_aishub_json_sniff(p, n);
}

static int sniff_aisstream(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_aisstream_sniff(p, n);
}

static int feed_aisstream(void *state, const uint8_t *p, size_t n, uint64_t pos,
                          const struct gt_sink *sink)
{
    (void)state;
    return gt_archive_aisstream_line(p, n, pos, sink);
}

/* The JSON documents are streamed (GT_INGEST_BYTES): the parser keeps one
 * element of the document's big array, never the document. */
static int json_open(enum gt_archive_json_kind kind, void **state)
{
    struct gt_archive_json *j;
    int rc = gt_archive_json_new(kind, &j);

    *state = j;
    return rc;
}

static int open_trace(const struct gt_ingest_ctx *ctx, void **state)
{
    (void)ctx;
    return json_open(GT_ARCHIVE_READSB_TRACE, state);
}

static int open_aircraft(const struct gt_ingest_ctx *ctx, void **state)
{
    (void)ctx;
    return json_open(GT_ARCHIVE_READSB_AIRCRAFT, state);
}

static int open_fr24_json(const struct gt_ingest_ctx *ctx, void **state)
{
    (void)ctx;
    return json_open(GT_ARCHIVE_FR24_JSON, state);
}

static int open_traffic(const struct gt_ingest_ctx *ctx, void **state)
{
    (void)ctx;
    return json_open(GT_ARCHIVE_TRAFFIC_JSON, state);
}

static int open_columns(const struct gt_ingest_ctx *ctx, void **state)
{
    (void)ctx;
    return json_open(GT_ARCHIVE_TRAFFIC_COLUMNS, state);
}

static int open_split(const struct gt_ingest_ctx *ctx, void **state)
{
    (void)ctx;
    return json_open(GT_ARCHIVE_TRAFFIC_SPLIT, state);
}

static int open_aishub(const struct gt_ingest_ctx *ctx, void **state)
{
    (void)ctx;
    return json_open(GT_ARCHIVE_AISHUB_JSON, state);
}

static int json_feed(void *state, const uint8_t *p, size_t n, uint64_t pos,
                     const struct gt_sink *sink)
{
    return gt_archive_json_feed(state, p, n, pos, sink);
}

static int json_finish(void *state, const struct gt_sink *sink)
{
    return gt_archive_json_finish(state, sink);
}

static void json_close(void *state)
{
    gt_archive_json_free(state);
}

static int sniff_ndjson(const uint8_t *p, size_t n, const char *path)
{
    (void)path;
    return gt_archive_ndjson_sniff(p, n);
}

static int csv_open(const struct gt_ingest_ctx *ctx, void **state)
{
    struct gt_archive_csv *c = gt_malloc(sizeof *c);
    struct gt_ident id = ctx->subject;

    if (c == NULL) {
        return GT_ERR_NOMEM;
    }
    if (id.kind == GT_ID_NONE && gt_archive_subject_from_name(ctx->path, &id) < 0 &&
        gt_archive_provisional_subject(ctx->path, &id) < 0) {
        memset(&id, 0, sizeof id);
    }
    gt_archive_csv_init(c, &id);
    *state = c;
    return GT_OK;
}

static void csv_close(void *state)
{
    gt_free(state);
}

static int feed_opensky(void *state, const uint8_t *p, size_t n, uint64_t pos,
                        const struct gt_sink *sink)
{
    return gt_archive_opensky_line(state, p, n, pos, sink);
}

static int feed_fr24_csv(void *state, const uint8_t *p, size_t n, uint64_t pos,
                         const struct gt_sink *sink)
{
    return gt_archive_fr24_csv_line(state, p, n, pos, sink);
}

static int feed_ndjson(void *state, const uint8_t *p, size_t n, uint64_t pos,
                       const struct gt_sink *sink)
{
    (void)state;
    return gt_archive_ndjson_line(p, n, pos, sink);
}

/* The handler table.  The AIS (NMEA, MarineCadastre CSV, DMA CSV) and
 * Mode S (AVR, Beast, SBS, OpenSky raw) handlers are added here, one line
 * each, by the decoder modules' owners. */
static const struct gt_ingest_format formats[] = {
    {"opensky-csv", "OpenSky state-vector CSV (time,icao24,lat,lon,...)", GT_INGEST_LINES,
     sniff_opensky, csv_open, feed_opensky, NULL, csv_close},
    {"fr24-csv", "Flightradar24 web CSV (Timestamp,UTC,Callsign,Position,...)", GT_INGEST_LINES,
     sniff_fr24_csv, csv_open, feed_fr24_csv, NULL, csv_close},
    {"readsb-trace", "readsb/tar1090 trace_full JSON", GT_INGEST_BYTES, sniff_trace, open_trace,
     json_feed, json_finish, json_close},
    {"readsb-aircraft", "readsb/dump1090 aircraft.json", GT_INGEST_BYTES, sniff_aircraft,
     open_aircraft, json_feed, json_finish, json_close},
    {"fr24-json", "Flightradar24 playback JSON", GT_INGEST_BYTES, sniff_fr24_json, open_fr24_json,
     json_feed, json_finish, json_close},
    {"traffic-json", "traffic library JSON records (pandas orient=records: icao24,timestamp,...)",
     GT_INGEST_BYTES, sniff_traffic, open_traffic, json_feed, json_finish, json_close},
    {"traffic-columns", "traffic library JSON by columns (pandas orient=columns, the default)",
     GT_INGEST_BYTES, sniff_columns, open_columns, json_feed, json_finish, json_close},
    {"traffic-split", "traffic library JSON by rows (pandas orient=split or orient=table)",
     GT_INGEST_BYTES, sniff_split, open_split, json_feed, json_finish, json_close},
    {"aishub-json", "AISHub webservice JSON (format=1 human readable, format=0 AIS encoded)",
     GT_INGEST_BYTES, sniff_aishub, open_aishub, json_feed, json_finish, json_close},
    {"aisstream-json", "aisstream.io JSON messages, one per line", GT_INGEST_LINES, sniff_aisstream,
     NULL, feed_aisstream, NULL, NULL},
    {"ndjson", "ghosttrack NDJSON observations (track/export --format ndjson)", GT_INGEST_LINES,
     sniff_ndjson, NULL, feed_ndjson, NULL, NULL},
    {"nmea", "AIS NMEA 0183 (!AIVDM/!AIVDO, tag blocks, USCG and Gatehouse time stamps)",
     GT_INGEST_LINES, gt__ingest_nmea_sniff, gt__ingest_nmea_open, gt__ingest_nmea_feed, NULL,
     gt__ingest_nmea_close},
    {"ais-csv", "AIS archives: MarineCadastre CSV (2017, 2018+, re-export) and DMA CSV",
     GT_INGEST_LINES, gt__ingest_aiscsv_sniff, gt__ingest_aiscsv_open, gt__ingest_aiscsv_feed,
     gt__ingest_aiscsv_finish, gt__ingest_aiscsv_close},
    {"csv", "position CSV with a header (vendor, satellite AIS): columns by name or --columns",
     GT_INGEST_LINES, gt__ingest_csv_sniff, gt__ingest_aiscsv_open, gt__ingest_aiscsv_feed,
     gt__ingest_aiscsv_finish, gt__ingest_aiscsv_close},
    {"modes", "Mode S frames: AVR, Beast, SBS-1, OpenSky raw CSV, epoch-hex lines", GT_INGEST_BYTES,
     gt__ingest_modes_sniff, gt__ingest_modes_open, gt__ingest_modes_feed, gt__ingest_modes_finish,
     gt__ingest_modes_close},
    {NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL},
};

const struct gt_ingest_format *gt_ingest_formats(void)
{
    return formats;
}

const struct gt_ingest_format *gt_ingest_format_find(const char *name)
{
    const struct gt_ingest_format *f;

    for (f = formats; f->name != NULL; f++) {
        if (strcmp(f->name, name) == 0) {
            return f;
        }
    }
    return NULL;
}

const struct gt_ingest_format *gt_ingest_sniff(const uint8_t *p, size_t n, const char *path)
{
    const struct gt_ingest_format *f, *best = NULL;
    int best_score = 0;

    /* a UTF-8 byte-order mark (spreadsheet exports, Windows editors) is
     * not content: the pipeline drops it too (see push() in ingest.c) */
    if (n >= 3 && memcmp(p, GT__INGEST_BOM, 3) == 0) {
        p += 3;
        n -= 3;
    }
    for (f = formats; f->name != NULL; f++) {
        int s = f->sniff(p, n, path);
        if (s > best_score) {
            best_score = s;
            best = f;
        }
    }
    return best;
}
