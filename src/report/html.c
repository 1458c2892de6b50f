/*
 * html.c - the self-contained HTML report (see html.h).
 *
 * The page is a fixed skeleton, the inlined assets (Leaflet, its CSS,
 * topojson-client, the Natural Earth countries TopoJSON, our own
 * html_page.js and html_page.css) and one JSON data block that html_page.js
 * renders.  Everything that came from the air lives only in that block,
 * written with gt_esc_json() (or gt__html_json_safe() for detail objects),
 * so "<" never appears raw inside it; the script builds the page with
 * textContent.  Keys are written in sorted order and numbers with fixed
 * precision, so the same input gives the same bytes.
 *
 * Output goes through the caller's sink in chunks of about 64 KiB; errors
 * are sticky in struct gt__html_w so the writing code reads straight
 * through.  This file holds the writer, the asset checks and the page
 * around the data; html_data.c writes the data block, html_json.c makes
 * event details safe inside it.
 */
#include "ghosttrack/html.h"

#include <nettle/base64.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ghosttrack/esc.h"
#include "ghosttrack/hash.h"
#include "ghosttrack/time.h"
#include "ghosttrack/version.h"
#include "report_int.h"

#define FLUSH_AT    ((size_t)64 * 1024)
#define PENDING_MAX ((size_t)64 * 1024 * 1024)

void gt__html_flush(struct gt__html_w *w)
{
    if (w->rc == GT_OK && gt_buf_len(&w->b) > 0) {
        w->rc = w->sink(gt_buf_str(&w->b), gt_buf_len(&w->b), w->ud);
    }
    gt_buf_reset(&w->b);
}

void gt__html_put(struct gt__html_w *w, const void *p, size_t n)
{
    if (w->rc == GT_OK) {
        w->rc = gt_buf_add(&w->b, p, n);
    }
    if (gt_buf_len(&w->b) >= FLUSH_AT) {
        gt__html_flush(w);
    }
}

void gt__html_puts(struct gt__html_w *w, const char *s)
{
    gt__html_put(w, s, strlen(s));
}

void gt__html_putf(struct gt__html_w *w, const char *fmt, ...)
{
    va_list ap;

    if (w->rc != GT_OK) {
        return;
    }
    va_start(ap, fmt);
    w->rc = gt_buf_vaddf(&w->b, fmt, ap);
    va_end(ap);
    if (gt_buf_len(&w->b) >= FLUSH_AT) {
        gt__html_flush(w);
    }
}

/* A string as a JSON literal, or null. */
void gt__html_put_jstr(struct gt__html_w *w, const char *s)
{
    if (s == NULL) {
        gt__html_puts(w, "null");
    } else if (w->rc == GT_OK) {
        w->rc = gt_esc_json(&w->b, s, strlen(s));
    }
}

void gt__html_put_jstrn(struct gt__html_w *w, const char *s, size_t n)
{
    if (w->rc == GT_OK) {
        w->rc = gt_esc_json(&w->b, s, n);
    }
}

/* An asset written straight to the sink (it is large and already checked). */
static void put_asset(struct gt__html_w *w, const unsigned char *p, size_t n)
{
    gt__html_flush(w);
    if (w->rc == GT_OK && n > 0) {
        w->rc = w->sink(p, n, w->ud);
    }
}

void gt__html_put_time(struct gt__html_w *w, int64_t t_ms)
{
    char ts[GT_TIME_ISO_MAX];

    if (t_ms == GT_TIME_NONE || gt_time_format_iso(t_ms, ts, sizeof ts, 0) < 0) {
        gt__html_puts(w, "null");
    } else {
        gt__html_putf(w, "\"%s\"", ts);
    }
}

void gt__html_put_ident(struct gt__html_w *w, const struct gt_ident *id)
{
    char s[GT_IDENT_MAX];

    if (gt_ident_format(id, s, sizeof s) < 0) {
        gt__html_puts(w, "null");
    } else {
        gt__html_putf(w, "\"%s\"", s);
    }
}

/* Return 1 when an inlined asset could close its element early. */
static int asset_unsafe(const unsigned char *p, size_t n)
{
    static const char *const bad[] = {"</script", "</style", "<!--"};
    size_t i, k;

    for (i = 0; i < n; i++) {
        if (p[i] != '<') {
            continue;
        }
        for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
            size_t m = strlen(bad[k]), j;
            if (n - i < m) {
                continue;
            }
            for (j = 0; j < m; j++) {
                unsigned char c = p[i + j];
                if (c >= 'A' && c <= 'Z') {
                    c = (unsigned char)(c - 'A' + 'a');
                }
                if (c != (unsigned char)bad[k][j]) {
                    break;
                }
            }
            if (j == m) {
                return 1;
            }
        }
    }
    return 0;
}

int gt_html_has_map(void)
{
    return gt__asset_leaflet_js_len > 0 && gt__asset_topojson_js_len > 0 &&
           gt__asset_basemap_json_len > 0;
}

void gt_report_input_init(struct gt_report_input *in)
{
    memset(in, 0, sizeof *in);
}

int gt_html_sink_file(const void *p, size_t n, void *ud)
{
    FILE *f = ud;

    return fwrite(p, 1, n, f) == n ? GT_OK : GT_ERR_IO;
}

/* ---- the page ---------------------------------------------------------- */

/* The inline scripts, in page order; each is written as "\n" + asset + "\n". */
static const unsigned char *script_asset(int i, size_t *n)
{
    switch (i) {
    case 0:
        *n = gt__asset_leaflet_js_len;
        return gt__asset_leaflet_js;
    case 1:
        *n = gt__asset_topojson_js_len;
        return gt__asset_topojson_js;
    default:
        *n = gt__asset_page_js_len;
        return gt__asset_page_js;
    }
}

/* "'sha256-...'" of inline script i, as the CSP names it. */
static void put_script_hash(struct gt__html_w *w, int i)
{
    struct gt_sha256 s;
    uint8_t d[GT_SHA256_LEN];
    char b64[BASE64_ENCODE_RAW_LENGTH(GT_SHA256_LEN) + 1];
    size_t n;
    const unsigned char *p = script_asset(i, &n);

    gt_sha256_init(&s);
    gt_sha256_update(&s, "\n", 1);
    gt_sha256_update(&s, p, n);
    gt_sha256_update(&s, "\n", 1);
    gt_sha256_final(&s, d);
    base64_encode_raw(b64, sizeof d, d);
    b64[sizeof b64 - 1] = '\0';
    gt__html_putf(w, " 'sha256-%s'", b64);
}

/* The head: a CSP that lets only our three scripts run (by hash) and loads
 * nothing from anywhere unless online tiles were asked for. */
static void put_head(struct gt__html_w *w, const struct gt_report_input *in, const char *title)
{
    int i;

    gt__html_puts(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                     "script-src");
    for (i = 0; i < 3; i++) {
        put_script_hash(w, i);
    }
    gt__html_puts(w, "; style-src 'unsafe-inline'; img-src data:");
    if (in->tile_url != NULL) {
        gt__html_puts(w, " https:");
    }
    gt__html_puts(w, "; base-uri 'none'; form-action 'none'\">\n");
    gt__html_putf(w, "<meta name=\"generator\" content=\"ghosttrack %s\">\n<title>", gt_version());
    if (w->rc == GT_OK) {
        w->rc = gt_esc_xml(&w->b, title, strlen(title));
    }
    gt__html_puts(w, "</title>\n<style>\n");
    put_asset(w, gt__asset_leaflet_css, gt__asset_leaflet_css_len);
    gt__html_puts(w, "\n</style>\n<style>\n");
    put_asset(w, gt__asset_page_css, gt__asset_page_css_len);
    gt__html_puts(w, "\n</style>\n</head>\n");
}

static const char body_html[] =
    "<body>\n"
    "<header id=\"gt-head\">\n"
    "<h1 id=\"gt-title\"></h1>\n"
    "<div id=\"gt-meta\"></div>\n"
    "<div id=\"gt-caps\" role=\"status\"></div>\n"
    "<div id=\"gt-summary\"></div>\n"
    "</header>\n"
    "<main id=\"gt-main\">\n"
    "<section id=\"gt-mapbox\"><div id=\"gt-map\" aria-label=\"map\"></div>"
    "<div id=\"gt-legend\"></div></section>\n"
    "<aside id=\"gt-panel\"><h2>Event detail and evidence</h2>"
    "<div id=\"gt-detail\"><p class=\"gt-hint\">Select an event in the table, the timeline or "
    "on the map to see its detail and the raw records that prove it.</p></div></aside>\n"
    "</main>\n"
    "<section id=\"gt-timeline-box\"><h2>Timeline</h2><div id=\"gt-timeline\"></div></section>\n"
    "<section id=\"gt-events-box\"><h2>Events</h2>\n"
    "<div id=\"gt-controls\">"
    "<label>Type <select id=\"gt-f-type\"><option value=\"\">all</option></select></label> "
    "<label>Subject <input id=\"gt-f-subject\" type=\"search\" "
    "placeholder=\"mmsi:..., icao:..., name\"></label> "
    "<label>Since <input id=\"gt-f-since\" type=\"text\" placeholder=\"@SINCE@\">"
    "</label> "
    "<label>Until <input id=\"gt-f-until\" type=\"text\" placeholder=\"@UNTIL@\"></label> "
    "<span id=\"gt-f-count\"></span></div>\n"
    "<div id=\"gt-events-scroll\"><table id=\"gt-events\"><thead><tr><th>Start (UTC)</th><th>End "
    "(UTC)</th><th>Type</th>"
    "<th>Subject</th><th>Peer</th><th>Score</th><th>Summary</th></tr></thead>"
    "<tbody></tbody></table></div>\n"
    "</section>\n"
    "<footer id=\"gt-foot\">Made with ghosttrack. Basemap: Natural Earth (public domain) via "
    "world-atlas; map library: Leaflet (BSD-2-Clause). Times are UTC. Every event lists the raw "
    "records it rests on, with their source file and byte offset, so each claim can be "
    "checked against the original data.</footer>\n"
    "<noscript><p>This report needs JavaScript to draw its map and tables; the data is in the "
    "gt-data block of the page source.</p></noscript>\n";

/* The time span the report covers: its events, else its tracks; GT_TIME_NONE
 * when it has neither. */
static void data_span(const struct gt_report_input *in, int64_t *t0, int64_t *t1)
{
    size_t i;

    *t0 = *t1 = GT_TIME_NONE;
    for (i = 0; i < in->nevents; i++) {
        const struct gt_event *e = &in->events[i];
        if (*t0 == GT_TIME_NONE || e->start_ms < *t0) {
            *t0 = e->start_ms;
        }
        if (*t1 == GT_TIME_NONE || e->end_ms > *t1) {
            *t1 = e->end_ms;
        }
    }
    for (i = 0; *t0 == GT_TIME_NONE && in->fleet != NULL && i < in->fleet->n; i++) {
        const struct gt_track *t = &in->fleet->tracks[i];
        size_t k;
        for (k = 0; k < t->n; k++) {
            if (*t0 == GT_TIME_NONE || t->pts[k].t_ms < *t0) {
                *t0 = t->pts[k].t_ms;
            }
            if (*t1 == GT_TIME_NONE || t->pts[k].t_ms > *t1) {
                *t1 = t->pts[k].t_ms;
            }
        }
    }
    if (*t0 == GT_TIME_NONE) {
        *t1 = GT_TIME_NONE;
    }
}

/* The body, with the example times of the Since and Until filters taken
 * from the data (its first minute, its last day), so the hint is a value
 * that filters this report; a report without times shows the formats. */
static void put_body(struct gt__html_w *w, const struct gt_report_input *in)
{
    const char *since = strstr(body_html, "@SINCE@"), *until = strstr(body_html, "@UNTIL@");
    char a[GT_TIME_ISO_MAX] = "YYYY-MM-DDTHH:MMZ", b[GT_TIME_ISO_MAX] = "YYYY-MM-DD";
    int64_t t0, t1;

    data_span(in, &t0, &t1);
    if (t0 != GT_TIME_NONE && gt_time_format_iso(t0, a, sizeof a, 0) >= 16 &&
        gt_time_format_iso(t1, b, sizeof b, 0) >= 10) {
        a[16] = 'Z'; /* 2019-03-21T14:10Z */
        a[17] = '\0';
        b[10] = '\0'; /* 2019-03-24 */
    }
    gt__html_put(w, body_html, (size_t)(since - body_html));
    gt__html_puts(w, a);
    since += strlen("@SINCE@");
    gt__html_put(w, since, (size_t)(until - since));
    gt__html_puts(w, b);
    gt__html_puts(w, until + strlen("@UNTIL@"));
}

int gt_html_write(const struct gt_report_input *in, gt_report_sink_fn *sink, void *ud)
{
    struct gt__html_w w;
    struct gt__html_plan pl;
    int i;
    const char *title = in->title != NULL ? in->title : "ghosttrack report";

    if (asset_unsafe(gt__asset_leaflet_js, gt__asset_leaflet_js_len) ||
        asset_unsafe(gt__asset_leaflet_css, gt__asset_leaflet_css_len) ||
        asset_unsafe(gt__asset_topojson_js, gt__asset_topojson_js_len) ||
        asset_unsafe(gt__asset_basemap_json, gt__asset_basemap_json_len) ||
        asset_unsafe(gt__asset_page_js, gt__asset_page_js_len) ||
        asset_unsafe(gt__asset_page_css, gt__asset_page_css_len)) {
        return GT_ERR_BADDATA;
    }
    w.sink = sink;
    w.ud = ud;
    w.rc = GT_OK;
    gt_buf_init(&w.b, PENDING_MAX);
    w.rc = gt__html_plan_make(in, &pl);

    put_head(&w, in, title);
    put_body(&w, in);
    gt__html_put_data(&w, in, &pl, title);
    gt__html_puts(&w, "<script type=\"application/json\" id=\"gt-basemap\">");
    put_asset(&w, gt__asset_basemap_json, gt__asset_basemap_json_len);
    gt__html_puts(&w, "</script>\n");
    for (i = 0; i < 3; i++) {
        size_t n;
        const unsigned char *p = script_asset(i, &n);
        gt__html_puts(&w, "<script>\n");
        put_asset(&w, p, n);
        gt__html_puts(&w, "\n</script>\n");
    }
    gt__html_puts(&w, "</body>\n</html>\n");
    gt__html_flush(&w);

    gt__html_plan_release(&pl);
    gt_buf_release(&w.b);
    return w.rc;
}
