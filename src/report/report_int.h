/*
 * report_int.h - private to src/report: the HTML report's inlined assets and
 * the helpers its writer files share.
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

#endif /* GT_REPORT_INT_H */
