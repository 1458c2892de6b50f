/*
 * html.h - the investigator's deliverable: one self-contained HTML file.
 *
 * gt_html_write() turns a fleet (the tracks), a list of events and
 * the raw records behind their evidence into a single HTML page that works
 * offline: Leaflet, topojson-client and a Natural Earth country basemap
 * (npm world-atlas) are inlined at build time, and by default the page makes
 * no request at all (a Content-Security-Policy forbids it).  The page shows
 * the tracks on a map (ships and aircraft styled differently), gaps as
 * dashed segments between the off and on fixes, encounters and airports or
 * ports as markers, a timeline, an events table filterable by type, subject
 * and time, each event's detail and evidence (the raw line or frame with its
 * source file and byte offset) and counts by type.
 *
 * Safety: every string that came from the air (names, callsigns, subjects,
 * detail text, raw lines) reaches the page only inside one JSON data block,
 * escaped by gt_esc_json() so that "<", ">" and "&" never appear raw, and
 * the page's script renders it with textContent, never as HTML.
 *
 * Big stores degrade gracefully: points per track, points in total, tracks,
 * events and evidence records per event are capped (thinning keeps the
 * first and last fix of each track and the fixes that bound its events), and
 * the page says what was left out.
 *
 * Deterministic: the same input gives byte-identical output (tracks sorted
 * by identity, events by start time then id, no generation time written).
 * The library never prints; it writes through the caller's sink.
 */
#ifndef GT_HTML_H
#define GT_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/err.h"
#include "ghosttrack/event.h"
#include "ghosttrack/track.h"

/* Where the HTML goes: called with successive chunks of the page (p, n
 * bytes, borrowed for the call).  Return GT_OK, or a negative error (such as
 * GT_ERR_IO) to stop; gt_html_write() then returns that error. */
typedef int gt_report_sink_fn(const void *p, size_t n, void *ud);

/* A sink writing to a stdio FILE * given as ud; returns GT_ERR_IO when
 * fwrite fails.  The library does not open, flush or close the file. */
int gt_html_sink_file(const void *p, size_t n, void *ud);

/* Resolve the raw record behind one evidence reference: append the line (or
 * the frame as hex) to text and the source file's name (or stream name) to
 * file, both bounded buffers set up by the library.  Return GT_OK (text
 * checked against the original input: the page says "verified"),
 * GT_REPORT_EVIDENCE_STORED (text is a copy kept in the store, the
 * original input changed or is missing), GT_ERR_CHECKSUM or
 * GT_ERR_NOTFOUND when the record cannot be read back from a verified
 * input (the page then shows GT_REPORT_EVIDENCE_UNAVAILABLE and no text,
 * and still shows the reference), or GT_ERR_NOMEM to abort the report.
 * Either buffer may be left empty. */
#define GT_REPORT_EVIDENCE_STORED      1
#define GT_REPORT_EVIDENCE_UNAVAILABLE "evidence unavailable: input changed or missing"
typedef int gt_report_evidence_fn(const struct gt_evidence *ev, struct gt_buf *text,
                                  struct gt_buf *file, void *ud);

/* A place to mark on the map (an airport, a port or anchorage). */
struct gt_report_place {
    const char *kind; /* "airport" or "port" (styles the marker) */
    const char *code; /* ICAO airport code or port id, may be NULL */
    const char *name; /* human name, may be NULL */
    double lat_deg;   /* WGS-84 latitude, degrees north */
    double lon_deg;   /* WGS-84 longitude, degrees east */
};

/* One filter the report was made with, shown in its header ("type",
 * "gap"). */
struct gt_report_kv {
    const char *key;
    const char *value;
};

/* Default caps (used where the input leaves a cap at 0). */
#define GT_REPORT_MAX_EVENTS        5000
#define GT_REPORT_MAX_TRACKS        2000
#define GT_REPORT_MAX_TRACK_POINTS  2000
#define GT_REPORT_MAX_POINTS        250000
#define GT_REPORT_MAX_EVIDENCE      16
#define GT_REPORT_MAX_EVIDENCE_TEXT 2048

/* Everything a report shows.  Zero-initialise (or gt_report_input_init()),
 * then set what you have; every pointer is borrowed for the call. */
struct gt_report_input {
    const char *title;                    /* page title (NULL: "ghosttrack report") */
    const struct gt_fleet *fleet;         /* tracks and identity facts, may be NULL */
    const struct gt_event *events;        /* events, any order (sorted on output) */
    size_t nevents;                       /* how many in events */
    size_t events_total;                  /* events that matched before the caller capped
                                             them (0: nevents); announced when larger */
    const struct gt_report_place *places; /* airports / ports to mark, may be NULL */
    size_t nplaces;
    const struct gt_report_kv *filters; /* filters used, shown in the header */
    size_t nfilters;
    gt_report_evidence_fn *evidence; /* resolves raw records; NULL: references only */
    void *evidence_ud;
    size_t max_events;        /* events shown (0: GT_REPORT_MAX_EVENTS) */
    size_t max_tracks;        /* tracks drawn (0: GT_REPORT_MAX_TRACKS); tracks
                                 named by shown events come first */
    size_t max_track_points;  /* points per track (0: GT_REPORT_MAX_TRACK_POINTS) */
    size_t max_points;        /* points in all tracks (0: GT_REPORT_MAX_POINTS) */
    size_t max_evidence;      /* evidence records per event (0: GT_REPORT_MAX_EVIDENCE) */
    size_t max_evidence_text; /* bytes of one raw record (0: GT_REPORT_MAX_EVIDENCE_TEXT) */
    const char *tile_url;     /* online tiles ("https://.../{z}/{x}/{y}.png"), or NULL
                                 (default) for the offline basemap only */
};

/* Zero an input: no data, default caps, offline. */
void gt_report_input_init(struct gt_report_input *in);

/* Write the HTML report for in through sink.  Returns GT_OK, GT_ERR_NOMEM,
 * GT_ERR_TOOBIG (a single event's data passed 64 MiB), GT_ERR_BADDATA (a
 * vendored asset would end its <script> block early), or the first error of
 * the sink or the evidence callback.  Output may be partial on error. */
GT_MUST_CHECK int gt_html_write(const struct gt_report_input *in, gt_report_sink_fn *sink,
                                void *ud);

/* Return 1 when the build inlined Leaflet and the basemap (npm packages
 * were present at build time), 0 when the page can show no map. */
int gt_html_has_map(void);

#endif /* GT_HTML_H */
