/*
 * report_int.h - private to src/report: the HTML report's inlined assets,
 * the writer its files share (html.c) and the plan of its data block
 * (html_data.c).
 *
 * The assets are generated at build time by scripts/embed-assets.sh from
 * node_modules (Leaflet 1.9.4, topojson-client 3.1.0, world-atlas 2.0.2
 * countries-50m) and from html_page.js / html_page.css beside this file.
 * Each is its bytes followed by a NUL; the length excludes the NUL.  An npm
 * asset that was missing at build time has length 0.
 */
#ifndef GT_REPORT_INT_H
#define GT_REPORT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/err.h"
#include "ghosttrack/html.h"

struct gt_ident;
struct gt_event;

extern const unsigned char gt__asset_leaflet_js[];
extern const size_t gt__asset_leaflet_js_len;
extern const unsigned char gt__asset_leaflet_css[];
extern const size_t gt__asset_leaflet_css_len;
extern const unsigned char gt__asset_topojson_js[];
extern const size_t gt__asset_topojson_js_len;
extern const unsigned char gt__asset_basemap_json[];
extern const size_t gt__asset_basemap_json_len;
extern const unsigned char gt__asset_page_js[];
extern const size_t gt__asset_page_js_len;
extern const unsigned char gt__asset_page_css[];
extern const size_t gt__asset_page_css_len;

/* Append the JSON text s (n bytes, an event's detail object) to b so it is
 * safe inside a <script> block: when s is one valid JSON value, it is
 * copied with "<", ">", "&", U+2028 and U+2029 inside strings written as
 * \u escapes; otherwise the text is written as {"unparsed": "..."} (an
 * escaped string).  Returns GT_OK or the gt_buf error. */
GT_MUST_CHECK int gt__html_json_safe(struct gt_buf *b, const char *s, size_t n);

/* The writer: pending bytes, the sink and the first error. */
struct gt__html_w {
    gt_report_sink_fn *sink;
    void *ud;
    struct gt_buf b;
    int rc;
};

/* The writer's primitives (html.c).  Each does nothing once w->rc holds an
 * error; the pending bytes go to the sink every 64 KiB and at the end
 * (gt__html_flush()). */
void gt__html_flush(struct gt__html_w *w);
void gt__html_put(struct gt__html_w *w, const void *p, size_t n);
void gt__html_puts(struct gt__html_w *w, const char *s);
GT_PRINTF(2, 3) void gt__html_putf(struct gt__html_w *w, const char *fmt, ...);
/* s as a JSON string literal (escaped for a <script> block), or null. */
void gt__html_put_jstr(struct gt__html_w *w, const char *s);
void gt__html_put_jstrn(struct gt__html_w *w, const char *s, size_t n);
/* t_ms as a quoted ISO 8601 UTC time, or null. */
void gt__html_put_time(struct gt__html_w *w, int64_t t_ms);
/* "mmsi:...", "icao:..." quoted, or null. */
void gt__html_put_ident(struct gt__html_w *w, const struct gt_ident *id);

struct gt__html_trk; /* one track as the data block sees it (html_data.c) */

/* What the data block shows within the caps: the events, sorted and cut to
 * max_events, and every track with the drawn ones chosen. */
struct gt__html_plan {
    const struct gt_event **ev; /* shown events, sorted */
    size_t nev;
    struct gt__html_trk *trks; /* every track, sorted by identity */
    size_t ntrk;
    size_t ndrawn;
    size_t per_track; /* point cap per drawn track */
};

/* Choose what in shows.  Returns GT_OK or GT_ERR_NOMEM; release pl with
 * gt__html_plan_release() either way. */
GT_MUST_CHECK int gt__html_plan_make(const struct gt_report_input *in, struct gt__html_plan *pl);
void gt__html_plan_release(struct gt__html_plan *pl);

/* Write the <script id="gt-data"> block of pl (html_data.c). */
void gt__html_put_data(struct gt__html_w *w, const struct gt_report_input *in,
                       struct gt__html_plan *pl, const char *title);

#endif /* GT_REPORT_INT_H */
