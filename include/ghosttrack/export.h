/*
 * export.h - writing tracks and events in the formats analysts' tools
 * open: NDJSON (jq; ghosttrack ingest reads it back), CSV (spreadsheets),
 * GeoJSON (QGIS; RFC 7946, [lon, lat] order), KML (Google Earth) and GPX
 * 1.1.
 *
 * Tracks are cut into segments where two consecutive points are more than
 * gap_ms apart.  GeoJSON gets one LineString feature per segment of two or
 * more points, then one Point feature per point (either kind can be left
 * out: enum gt_export_flags).  KML gets one placemark
 * per segment holding a time-stamped gx:Track: altitude mode "absolute"
 * with the barometric altitude converted to metres for aircraft that
 * report one, "clampToGround" for vessels and aircraft without altitude.
 * Every string (names, callsigns from the air) is escaped for its format
 * with esc.h, CSV formula injection included.  Output is deterministic:
 * coordinates with 6 decimals, times ISO 8601 UTC.
 *
 * The library never writes files: output goes to a callback in chunks.
 */
#ifndef GT_EXPORT_H
#define GT_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/err.h"
#include "ghosttrack/event.h"
#include "ghosttrack/track.h"

enum gt_export_format {
    GT_EXPORT_NDJSON = 1,
    GT_EXPORT_CSV = 2,
    GT_EXPORT_GEOJSON = 3,
    GT_EXPORT_KML = 4,
    GT_EXPORT_GPX = 5
};

/* Parse a format name ("ndjson", "csv", "geojson", "kml", "gpx").  Returns
 * GT_OK or GT_ERR_INVAL. */
GT_MUST_CHECK int gt_export_format_parse(const char *s, enum gt_export_format *f);

/* Output sink: write n bytes; return GT_OK or a negative error. */
typedef int gt_export_write_fn(void *ud, const char *p, size_t n);

/* Default segment gap: 30 minutes. */
#define GT_EXPORT_GAP_MS (30 * 60 * 1000)

/* What gt_export_fleet() writes beside the points (flags may be 0).  A
 * Shapefile holds one shape type per file (ESRI Shapefile Technical
 * Description, 1998: all non-null shapes of a file are of the same type),
 * so GIS tools converting a GeoJSON collection that mixes LineStrings and
 * Points keep one kind or fail; the GEOJSON flags give each kind its own
 * file. */
enum gt_export_flags {
    GT_EXPORT_FACTS = 1u << 0,    /* NDJSON: the identity facts as lines before the points */
    GT_EXPORT_NO_LINES = 1u << 1, /* GeoJSON: leave out the LineString features */
    GT_EXPORT_NO_POINTS = 1u << 2 /* GeoJSON: leave out the Point features */
};

/* Write every track of fleet (sorted) in format fmt; names and callsigns
 * come from the fleet's facts.  gap_ms <= 0 means GT_EXPORT_GAP_MS.
 * NDJSON writes one line per point, preceded by the identity facts as
 * lines with GT_EXPORT_FACTS (flags: enum gt_export_flags).  Returns GT_OK,
 * the writer's error, GT_ERR_NOMEM or GT_ERR_TOOBIG. */
GT_MUST_CHECK int gt_export_fleet(const struct gt_fleet *fleet, enum gt_export_format fmt,
                                  int64_t gap_ms, unsigned flags, gt_export_write_fn *w, void *ud);

/* Streaming writer of events. */
struct gt_export_events {
    enum gt_export_format fmt;
    gt_export_write_fn *w;
    void *ud;
    const char *(*names)(uint32_t input_id, void *ud); /* input names, may be NULL */
    void *names_ud;
    /* Evidence checker (may be NULL): 0 the record's input verifies, 1 only
     * a stored copy is left, negative unavailable (see
     * gt_export_events_check). */
    int (*check)(const struct gt_prov *prov, void *ud);
    void *check_ud;
    struct gt_buf buf;
    size_t n;
};

/* Start writing events in fmt (NDJSON, CSV, GeoJSON or KML; GPX is
 * GT_ERR_INVAL).  names (may be NULL) names inputs in NDJSON evidence. */
GT_MUST_CHECK int gt_export_events_init(struct gt_export_events *x, enum gt_export_format fmt,
                                        gt_export_write_fn *w, void *ud,
                                        const char *(*names)(uint32_t, void *), void *names_ud);

/* Report, per event, how many of its file evidence records verify
 * against their input (check returns 0), survive only as the store's copy
 * (1), or are unavailable (negative; GT_ERR_NOMEM aborts): NDJSON gains
 * "evidence_check":{"verified":N,"stored":N,"unavailable":N}, CSV the
 * columns evidence_verified, evidence_stored, evidence_unavailable.  Call
 * right after gt_export_events_init (it rewrites the CSV header).  Returns
 * GT_OK or GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_export_events_check(struct gt_export_events *x,
                                         int (*check)(const struct gt_prov *, void *), void *ud);

/* Write one event.  Returns GT_OK or an error as gt_export_fleet(). */
GT_MUST_CHECK int gt_export_event(struct gt_export_events *x, const struct gt_event *e);

/* Close the document and flush; frees the buffer.  Returns as above. */
GT_MUST_CHECK int gt_export_events_finish(struct gt_export_events *x);

#endif /* GT_EXPORT_H */
