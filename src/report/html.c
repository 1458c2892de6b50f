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
 * are sticky in struct w so the writing code reads straight through.
 */
#include "ghosttrack/html.h"

#include <math.h>
#include <nettle/base64.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/esc.h"
#include "ghosttrack/hash.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/time.h"
#include "ghosttrack/version.h"
#include "report_int.h"

#define FLUSH_AT     ((size_t)64 * 1024)
#define PENDING_MAX  ((size_t)64 * 1024 * 1024)
#define RAW_TEXT_MAX ((size_t)1024 * 1024)

/* The writer: pending bytes, the sink and the first error. */
struct w {
    gt_report_sink_fn *sink;
    void *ud;
    struct gt_buf b;
    int rc;
};

/* What the report knows about one track while writing. */
struct trk {
    const struct gt_track *t;
    const char *facts[5]; /* name, callsign, registration, typecode, flag */
    int64_t fact_t[5];    /* time of each fact */
    int has_fact[5];
    int named; /* subject or peer of a shown event */
    int drawn; /* selected for the map */
};

static const char *const fact_keys[5] = {"callsign", "flag", "name", "reg", "type"};

static void flush(struct w *w)
{
    if (w->rc == GT_OK && gt_buf_len(&w->b) > 0) {
        w->rc = w->sink(gt_buf_str(&w->b), gt_buf_len(&w->b), w->ud);
    }
    gt_buf_reset(&w->b);
}

static void put(struct w *w, const void *p, size_t n)
{
    if (w->rc == GT_OK) {
        w->rc = gt_buf_add(&w->b, p, n);
    }
    if (gt_buf_len(&w->b) >= FLUSH_AT) {
        flush(w);
    }
}

static void puts_(struct w *w, const char *s)
{
    put(w, s, strlen(s));
}

GT_PRINTF(2, 3) static void putf(struct w *w, const char *fmt, ...)
{
    va_list ap;

    if (w->rc != GT_OK) {
        return;
    }
    va_start(ap, fmt);
    w->rc = gt_buf_vaddf(&w->b, fmt, ap);
    va_end(ap);
    if (gt_buf_len(&w->b) >= FLUSH_AT) {
        flush(w);
    }
}

/* A string as a JSON literal, or null. */
static void put_jstr(struct w *w, const char *s)
{
    if (s == NULL) {
        puts_(w, "null");
    } else if (w->rc == GT_OK) {
        w->rc = gt_esc_json(&w->b, s, strlen(s));
    }
}

static void put_jstrn(struct w *w, const char *s, size_t n)
{
    if (w->rc == GT_OK) {
        w->rc = gt_esc_json(&w->b, s, n);
    }
}

/* An asset written straight to the sink (it is large and already checked). */
static void put_asset(struct w *w, const unsigned char *p, size_t n)
{
    flush(w);
    if (w->rc == GT_OK && n > 0) {
        w->rc = w->sink(p, n, w->ud);
    }
}

static void put_time(struct w *w, int64_t t_ms)
{
    char ts[GT_TIME_ISO_MAX];

    if (t_ms == GT_TIME_NONE || gt_time_format_iso(t_ms, ts, sizeof ts, 0) < 0) {
        puts_(w, "null");
    } else {
        putf(w, "\"%s\"", ts);
    }
}

static void put_ident(struct w *w, const struct gt_ident *id)
{
    char s[GT_IDENT_MAX];

    if (gt_ident_format(id, s, sizeof s) < 0) {
        puts_(w, "null");
    } else {
        putf(w, "\"%s\"", s);
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

int gt_report_has_map(void)
{
    return gt__asset_leaflet_js_len > 0 && gt__asset_topojson_js_len > 0 &&
           gt__asset_basemap_json_len > 0;
}

void gt_report_input_init(struct gt_report_input *in)
{
    memset(in, 0, sizeof *in);
}

int gt_report_sink_file(const void *p, size_t n, void *ud)
{
    FILE *f = ud;

    return fwrite(p, 1, n, f) == n ? GT_OK : GT_ERR_IO;
}

static size_t cap_or(size_t v, size_t def)
{
    return v > 0 ? v : def;
}

/* ---- ordering ---------------------------------------------------------- */

static int ident_cmp(const struct gt_ident *a, const struct gt_ident *b)
{
    if (a->kind != b->kind) {
        return a->kind < b->kind ? -1 : 1;
    }
    if (a->value != b->value) {
        return a->value < b->value ? -1 : 1;
    }
    if (a->flags != b->flags) {
        return a->flags < b->flags ? -1 : 1;
    }
    return 0;
}

static int event_cmp(const void *pa, const void *pb)
{
    const struct gt_event *a = *(const struct gt_event *const *)pa;
    const struct gt_event *b = *(const struct gt_event *const *)pb;
    int c;

    if (a->start_ms != b->start_ms) {
        return a->start_ms < b->start_ms ? -1 : 1;
    }
    c = strcmp(a->id, b->id);
    if (c != 0) {
        return c;
    }
    if (a->type != b->type) {
        return a->type < b->type ? -1 : 1;
    }
    return ident_cmp(&a->subject, &b->subject);
}

/* Tracks named by events first, then by identity. */
static int trk_cmp(const void *pa, const void *pb)
{
    const struct trk *a = pa, *b = pb;

    if (a->named != b->named) {
        return a->named ? -1 : 1;
    }
    return ident_cmp(&a->t->id, &b->t->id);
}

static int trk_id_cmp(const void *pa, const void *pb)
{
    const struct trk *a = pa, *b = pb;

    return ident_cmp(&a->t->id, &b->t->id);
}

/* ---- tracks ------------------------------------------------------------ */

/* Index of the last point at or before t_ms (0 when all are later). */
static size_t point_at_or_before(const struct gt_track *t, int64_t t_ms)
{
    size_t lo = 0, hi = t->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->pts[mid].t_ms <= t_ms) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo > 0 ? lo - 1 : 0;
}

/* Index of the first point at or after t_ms (n - 1 when all are earlier). */
static size_t point_at_or_after(const struct gt_track *t, int64_t t_ms)
{
    size_t lo = 0, hi = t->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->pts[mid].t_ms < t_ms) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < t->n ? lo : t->n - 1;
}

static struct trk *find_trk(struct trk *trks, size_t n, const struct gt_ident *id)
{
    size_t lo = 0, hi = n;

    if (id->kind == GT_ID_NONE) {
        return NULL;
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = ident_cmp(&trks[mid].t->id, id);
        if (c == 0) {
            return &trks[mid];
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

static int fact_slot(enum gt_ident_field f)
{
    switch (f) {
    case GT_FIELD_CALLSIGN:
        return 0;
    case GT_FIELD_FLAG:
        return 1;
    case GT_FIELD_NAME:
        return 2;
    case GT_FIELD_REGISTRATION:
        return 3;
    case GT_FIELD_TYPECODE:
        return 4;
    case GT_FIELD_IMO:
    case GT_FIELD_SHIPTYPE:
    case GT_FIELD_DIMENSIONS:
    case GT_FIELD_DESTINATION:
    case GT_FIELD_DRAUGHT:
    case GT_FIELD_SQUAWK:
    case GT_FIELD_CATEGORY:
    case GT_FIELD_ORIGIN:
    case GT_FIELD_AIS_CLASS:
    case GT_FIELD_LENGTH:
    case GT_FIELD_WIDTH:
        return -1;
    }
    return -1;
}

/* Keep the latest value of each displayed fact per track. */
static void gather_facts(const struct gt_fleet *f, struct trk *trks, size_t ntrk)
{
    size_t i;

    for (i = 0; i < f->nfacts; i++) {
        const struct gt_ident_obs *io = &f->facts[i];
        struct trk *k = find_trk(trks, ntrk, &io->id);
        int s = fact_slot(io->field);
        if (k == NULL || s < 0 || io->value[0] == '\0') {
            continue;
        }
        if (!k->has_fact[s] || io->t_ms >= k->fact_t[s]) {
            k->facts[s] = io->value;
            k->fact_t[s] = io->t_ms;
            k->has_fact[s] = 1;
        }
    }
}

/* Return 1 for a position that can be drawn: finite and on the globe. */
static int pos_ok(double lat, double lon)
{
    return isfinite(lat) && isfinite(lon) && lat >= -90.0 && lat <= 90.0 && lon >= -180.0 &&
           lon <= 180.0;
}

/* Write point p (preceded by a comma unless it is the first written) and
 * count it; points without a drawable position are skipped. */
static void put_point(struct w *w, const struct gt_point *p, size_t *out)
{
    int64_t t_s = p->t_ms / 1000;

    if (!pos_ok(p->lat_deg, p->lon_deg)) {
        return;
    }
    if (p->t_ms < 0 && p->t_ms % 1000 != 0) {
        t_s--;
    }
    putf(w, "%s[%lld,%.5f,%.5f]", *out > 0 ? "," : "", (long long)t_s, p->lat_deg, p->lon_deg);
    (*out)++;
}

/* Write the track of k, thinned to about cap points by a regular stride
 * that always keeps the first and last fix and the fixes bounding the
 * shown events of this identity.  Returns the number of points written. */
static size_t put_track_points(struct w *w, const struct trk *k, const struct gt_event *const *ev,
                               size_t nev, size_t cap)
{
    const struct gt_track *t = k->t;
    unsigned char *keep;
    size_t i, step, out = 0;

    if (t->n == 0) {
        return 0;
    }
    if (t->n <= cap) {
        for (i = 0; i < t->n; i++) {
            put_point(w, &t->pts[i], &out);
        }
        return out;
    }
    keep = gt_calloc(t->n, 1);
    if (keep == NULL) {
        if (w->rc == GT_OK) {
            w->rc = GT_ERR_NOMEM;
        }
        return 0;
    }
    keep[0] = keep[t->n - 1] = 1;
    for (i = 0; i < nev; i++) {
        if (ident_cmp(&ev[i]->subject, &t->id) == 0 || ident_cmp(&ev[i]->peer, &t->id) == 0) {
            keep[point_at_or_before(t, ev[i]->start_ms)] = 1;
            keep[point_at_or_after(t, ev[i]->start_ms)] = 1;
            keep[point_at_or_before(t, ev[i]->end_ms)] = 1;
            keep[point_at_or_after(t, ev[i]->end_ms)] = 1;
        }
    }
    step = (t->n + cap - 1) / cap;
    for (i = 0; i < t->n; i++) {
        if (keep[i] || i % step == 0) {
            put_point(w, &t->pts[i], &out);
        }
    }
    gt_free(keep);
    return out;
}

static void put_tracks(struct w *w, struct trk *trks, size_t ntrk, const struct gt_event *const *ev,
                       size_t nev, size_t per_track, size_t *points_total, size_t *points_shown,
                       size_t *thinned)
{
    size_t i, s, first = 1;

    puts_(w, "\"tracks\":[");
    for (i = 0; i < ntrk; i++) {
        const struct trk *k = &trks[i];
        size_t shown = 0;
        *points_total += k->t->n;
        if (!k->drawn && !k->named) {
            continue;
        }
        puts_(w, first ? "{" : ",{");
        first = 0;
        for (s = 0; s < 5; s++) {
            putf(w, "\"%s\":", fact_keys[s]);
            put_jstr(w, k->has_fact[s] ? k->facts[s] : NULL);
            puts_(w, ",");
        }
        puts_(w, "\"id\":");
        put_ident(w, &k->t->id);
        putf(w, ",\"kind\":\"%s\",\"n\":%zu,\"pts\":[",
             k->t->id.kind == GT_ID_ICAO ? "aircraft" : "ship", k->t->n);
        if (k->drawn) {
            shown = put_track_points(w, k, ev, nev, per_track);
            *points_shown += shown;
            if (shown < k->t->n) {
                (*thinned)++;
            }
        }
        putf(w, "],\"shown\":%zu}", shown);
    }
    puts_(w, "]");
}

/* ---- events ------------------------------------------------------------ */

static void put_fix(struct w *w, const struct gt_point *p)
{
    if (p == NULL || !pos_ok(p->lat_deg, p->lon_deg)) {
        puts_(w, "null");
    } else {
        putf(w, "[%.5f,%.5f]", p->lat_deg, p->lon_deg);
    }
}

/* Strip a trailing newline from a raw line. */
static size_t trim_eol(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r')) {
        n--;
    }
    return n;
}

static void put_one_evidence(struct w *w, const struct gt_report_input *in,
                             const struct gt_evidence *v, size_t text_max)
{
    struct gt_buf text, file;
    int rc = GT_ERR_NOTFOUND;
    size_t n;

    gt_buf_init(&text, RAW_TEXT_MAX);
    gt_buf_init(&file, 4096);
    if (in->evidence != NULL && w->rc == GT_OK) {
        rc = in->evidence(v, &text, &file, in->evidence_ud);
        if (rc == GT_ERR_NOMEM) {
            w->rc = rc;
        }
    }
    puts_(w, "{\"file\":");
    if (gt_buf_len(&file) > 0) {
        put_jstrn(w, gt_buf_str(&file), gt_buf_len(&file));
    } else {
        puts_(w, "null");
    }
    switch (v->prov.kind) {
    case GT_PROV_FILE:
        putf(w, ",\"input\":%u,\"offset\":%llu", (unsigned)v->prov.input_id,
             (unsigned long long)v->prov.pos);
        break;
    case GT_PROV_STREAM:
        putf(w, ",\"seq\":%llu,\"stream\":%u", (unsigned long long)v->prov.pos,
             (unsigned)v->prov.input_id);
        break;
    case GT_PROV_NONE:
        break;
    }
    puts_(w, ",\"role\":");
    put_jstrn(w, v->role, strnlen(v->role, sizeof v->role));
    putf(w, ",\"station\":%u,\"t\":", (unsigned)v->station_id);
    put_time(w, v->t_ms);
    puts_(w, ",\"text\":");
    n = trim_eol(gt_buf_str(&text), gt_buf_len(&text));
    if (rc >= 0 && n > 0) {
        put_jstrn(w, gt_buf_str(&text), n > text_max ? text_max : n);
        if (n > text_max) {
            putf(w, ",\"truncated\":%zu", n);
        }
        if (v->prov.kind == GT_PROV_FILE) {
            puts_(w, rc == GT_OK ? ",\"original\":\"verified\""
                                 : ",\"original\":\"changed or missing\"");
        }
    } else {
        puts_(w, "null,\"unavailable\":");
        if (rc == GT_ERR_CHECKSUM || (rc == GT_ERR_NOTFOUND && v->prov.kind == GT_PROV_FILE)) {
            put_jstr(w, GT_REPORT_EVIDENCE_UNAVAILABLE);
        } else {
            put_jstr(w, rc >= 0 ? "empty record" : gt_strerror(rc));
        }
    }
    puts_(w, "}");
    gt_buf_release(&text);
    gt_buf_release(&file);
}

static void put_event(struct w *w, const struct gt_report_input *in, const struct gt_event *e,
                      struct trk *trks, size_t ntrk, size_t max_ev, size_t text_max)
{
    struct trk *k = find_trk(trks, ntrk, &e->subject);
    const struct gt_point *fix0 = NULL, *fix1 = NULL;
    const char *type = gt_event_type_name(e->type);
    size_t i, head = (max_ev + 1) / 2, tail = max_ev / 2, nout = 0;

    if (k != NULL && k->t->n > 0) {
        fix0 = &k->t->pts[point_at_or_before(k->t, e->start_ms)];
        fix1 = &k->t->pts[point_at_or_after(k->t, e->end_ms)];
    }
    puts_(w, "{\"detail\":");
    if (gt_buf_len(&e->detail) > 0) {
        if (w->rc == GT_OK) {
            w->rc = gt__html_json_safe(&w->b, gt_buf_str(&e->detail), gt_buf_len(&e->detail));
        }
    } else {
        puts_(w, "{}");
    }
    puts_(w, ",\"end\":");
    put_time(w, e->end_ms);
    puts_(w, ",\"evidence\":[");
    for (i = 0; i < e->nev; i++) {
        if (e->nev > max_ev && i >= head && i < e->nev - tail) {
            continue;
        }
        if (nout++ > 0) {
            puts_(w, ",");
        }
        put_one_evidence(w, in, &e->ev[i], text_max);
    }
    putf(w, "],\"evidence_total\":%zu,\"fix0\":", e->nev);
    put_fix(w, fix0);
    puts_(w, ",\"fix1\":");
    put_fix(w, fix1);
    puts_(w, ",\"id\":");
    put_jstrn(w, e->id, strnlen(e->id, sizeof e->id));
    if (e->has_pos && pos_ok(e->lat_deg, e->lon_deg)) {
        putf(w, ",\"lat\":%.5f,\"lon\":%.5f", e->lat_deg, e->lon_deg);
    } else {
        puts_(w, ",\"lat\":null,\"lon\":null");
    }
    puts_(w, ",\"peer\":");
    put_ident(w, &e->peer);
    putf(w, ",\"score\":%.3f,\"start\":", isfinite(e->score) ? e->score : 0.0);
    put_time(w, e->start_ms);
    puts_(w, ",\"subject\":");
    put_ident(w, &e->subject);
    puts_(w, ",\"type\":");
    put_jstr(w, type != NULL ? type : "unknown");
    puts_(w, "}");
    flush(w);
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
static void put_script_hash(struct w *w, int i)
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
    putf(w, " 'sha256-%s'", b64);
}

/* The head: a CSP that lets only our three scripts run (by hash) and loads
 * nothing from anywhere unless online tiles were asked for. */
static void put_head(struct w *w, const struct gt_report_input *in, const char *title)
{
    int i;

    puts_(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
             "script-src");
    for (i = 0; i < 3; i++) {
        put_script_hash(w, i);
    }
    puts_(w, "; style-src 'unsafe-inline'; img-src data:");
    if (in->tile_url != NULL) {
        puts_(w, " https:");
    }
    puts_(w, "; base-uri 'none'; form-action 'none'\">\n");
    putf(w, "<meta name=\"generator\" content=\"ghosttrack %s\">\n<title>", gt_version());
    if (w->rc == GT_OK) {
        w->rc = gt_esc_xml(&w->b, title, strlen(title));
    }
    puts_(w, "</title>\n<style>\n");
    put_asset(w, gt__asset_leaflet_css, gt__asset_leaflet_css_len);
    puts_(w, "\n</style>\n<style>\n");
    put_asset(w, gt__asset_page_css, gt__asset_page_css_len);
    puts_(w, "\n</style>\n</head>\n");
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
    "<label>Since <input id=\"gt-f-since\" type=\"text\" placeholder=\"2019-03-01T00:00Z\">"
    "</label> "
    "<label>Until <input id=\"gt-f-until\" type=\"text\" placeholder=\"2019-03-31\"></label> "
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

static void put_kv_list(struct w *w, const struct gt_report_input *in)
{
    size_t i;

    puts_(w, "\"filters\":[");
    for (i = 0; i < in->nfilters; i++) {
        puts_(w, i > 0 ? ",[" : "[");
        put_jstr(w, in->filters[i].key != NULL ? in->filters[i].key : "");
        puts_(w, ",");
        put_jstr(w, in->filters[i].value != NULL ? in->filters[i].value : "");
        puts_(w, "]");
    }
    puts_(w, "]");
}

static void put_places(struct w *w, const struct gt_report_input *in)
{
    size_t i;
    int first = 1;

    puts_(w, "\"places\":[");
    for (i = 0; i < in->nplaces; i++) {
        const struct gt_report_place *p = &in->places[i];
        if (!pos_ok(p->lat_deg, p->lon_deg)) {
            continue;
        }
        puts_(w, first ? "{\"code\":" : ",{\"code\":");
        first = 0;
        put_jstr(w, p->code);
        puts_(w, ",\"kind\":");
        put_jstr(w, p->kind != NULL ? p->kind : "place");
        putf(w, ",\"lat\":%.5f,\"lon\":%.5f,\"name\":", p->lat_deg, p->lon_deg);
        put_jstr(w, p->name);
        puts_(w, "}");
    }
    puts_(w, "]");
}

static void put_summary(struct w *w, const struct gt_report_input *in)
{
    size_t counts[GT_EVENT_TYPE_MAX + 1] = {0};
    const char *names[GT_EVENT_TYPE_MAX + 1] = {NULL};
    size_t order[GT_EVENT_TYPE_MAX + 1] = {0};
    size_t i, j, nord = 0, first = 1;

    for (i = 0; i < in->nevents; i++) {
        int t = (int)in->events[i].type;
        counts[t >= 1 && t <= GT_EVENT_TYPE_MAX ? t : 0]++;
    }
    /* Keys in sorted order: sort the type names. */
    for (i = 1; i <= GT_EVENT_TYPE_MAX; i++) {
        names[i] = gt_event_type_name((enum gt_event_type)i);
        for (j = nord; j > 0 && strcmp(names[order[j - 1]], names[i]) > 0; j--) {
            order[j] = order[j - 1];
        }
        order[j] = i;
        nord++;
    }
    puts_(w, "\"summary\":{");
    for (i = 0; i < nord; i++) {
        if (counts[order[i]] == 0) {
            continue;
        }
        putf(w, "%s\"%s\":%zu", first ? "" : ",", names[order[i]], counts[order[i]]);
        first = 0;
    }
    if (counts[0] > 0) {
        putf(w, "%s\"unknown\":%zu", first ? "" : ",", counts[0]);
    }
    puts_(w, "}");
}

struct plan {
    const struct gt_event **ev; /* shown events, sorted */
    size_t nev;
    struct trk *trks; /* every track, sorted by identity */
    size_t ntrk;
    size_t ndrawn;
    size_t per_track; /* point cap per drawn track */
};

static int make_plan(const struct gt_report_input *in, struct plan *pl)
{
    size_t i, max_events = cap_or(in->max_events, GT_REPORT_MAX_EVENTS);
    size_t max_tracks = cap_or(in->max_tracks, GT_REPORT_MAX_TRACKS);
    size_t max_points = cap_or(in->max_points, GT_REPORT_MAX_POINTS);
    const struct gt_fleet *f = in->fleet;

    memset(pl, 0, sizeof *pl);
    pl->ev = gt_calloc(in->nevents + 1, sizeof(const struct gt_event *));
    pl->trks = gt_calloc((f != NULL ? f->n : 0) + 1, sizeof *pl->trks);
    if (pl->ev == NULL || pl->trks == NULL) {
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < in->nevents; i++) {
        pl->ev[i] = &in->events[i];
    }
    qsort(pl->ev, in->nevents, sizeof(const struct gt_event *), event_cmp);
    pl->nev = in->nevents < max_events ? in->nevents : max_events;

    pl->ntrk = f != NULL ? f->n : 0;
    for (i = 0; i < pl->ntrk; i++) {
        pl->trks[i].t = &f->tracks[i];
    }
    qsort(pl->trks, pl->ntrk, sizeof *pl->trks, trk_id_cmp);
    for (i = 0; i < pl->nev; i++) {
        struct trk *k = find_trk(pl->trks, pl->ntrk, &pl->ev[i]->subject);
        if (k != NULL) {
            k->named = 1;
        }
        k = find_trk(pl->trks, pl->ntrk, &pl->ev[i]->peer);
        if (k != NULL) {
            k->named = 1;
        }
    }
    /* Choose the drawn tracks: named ones first, then by identity. */
    qsort(pl->trks, pl->ntrk, sizeof *pl->trks, trk_cmp);
    for (i = 0; i < pl->ntrk && i < max_tracks; i++) {
        pl->trks[i].drawn = 1;
    }
    pl->ndrawn = i;
    qsort(pl->trks, pl->ntrk, sizeof *pl->trks, trk_id_cmp);
    if (f != NULL) {
        gather_facts(f, pl->trks, pl->ntrk);
    }
    pl->per_track = cap_or(in->max_track_points, GT_REPORT_MAX_TRACK_POINTS);
    if (pl->ndrawn > 0 && pl->per_track * pl->ndrawn > max_points) {
        pl->per_track = max_points / pl->ndrawn;
        if (pl->per_track < 2) {
            pl->per_track = 2;
        }
    }
    return GT_OK;
}

static void put_data(struct w *w, const struct gt_report_input *in, struct plan *pl,
                     const char *title)
{
    size_t i, points_total = 0, points_shown = 0, thinned = 0;
    size_t max_ev = cap_or(in->max_evidence, GT_REPORT_MAX_EVIDENCE);
    size_t text_max = cap_or(in->max_evidence_text, GT_REPORT_MAX_EVIDENCE_TEXT);
    size_t total = in->events_total > in->nevents ? in->events_total : in->nevents;
    size_t ev_capped = 0;

    puts_(w, "<script type=\"application/json\" id=\"gt-data\">{\"events\":[");
    for (i = 0; i < pl->nev; i++) {
        if (i > 0) {
            puts_(w, ",\n");
        }
        if (pl->ev[i]->nev > max_ev) {
            ev_capped++;
        }
        put_event(w, in, pl->ev[i], pl->trks, pl->ntrk, max_ev, text_max);
    }
    puts_(w, "],\n");
    put_kv_list(w, in);
    putf(w, ",\"has_map\":%s,", gt_report_has_map() ? "true" : "false");
    put_places(w, in);
    puts_(w, ",");
    put_summary(w, in);
    puts_(w, ",\"tiles\":");
    put_jstr(w, in->tile_url);
    puts_(w, ",\"title\":");
    put_jstr(w, title);
    puts_(w, ",\n");
    put_tracks(w, pl->trks, pl->ntrk, pl->ev, pl->nev, pl->per_track, &points_total, &points_shown,
               &thinned);
    /* The caps come last because thinning is only known after the tracks. */
    putf(w,
         ",\n\"caps\":{\"events_shown\":%zu,\"events_total\":%zu,\"evidence_capped\":%zu,"
         "\"max_evidence\":%zu,\"max_evidence_text\":%zu,\"max_track_points\":%zu,"
         "\"points_shown\":%zu,\"points_total\":%zu,\"tracks_drawn\":%zu,"
         "\"tracks_thinned\":%zu,\"tracks_total\":%zu}}</script>\n",
         pl->nev, total, ev_capped, max_ev, text_max, pl->per_track, points_shown, points_total,
         pl->ndrawn, thinned, pl->ntrk);
}

int gt_report_write_html(const struct gt_report_input *in, gt_report_sink_fn *sink, void *ud)
{
    struct w w;
    struct plan pl;
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
    w.rc = make_plan(in, &pl);

    put_head(&w, in, title);
    puts_(&w, body_html);
    put_data(&w, in, &pl, title);
    puts_(&w, "<script type=\"application/json\" id=\"gt-basemap\">");
    put_asset(&w, gt__asset_basemap_json, gt__asset_basemap_json_len);
    puts_(&w, "</script>\n");
    for (i = 0; i < 3; i++) {
        size_t n;
        const unsigned char *p = script_asset(i, &n);
        puts_(&w, "<script>\n");
        put_asset(&w, p, n);
        puts_(&w, "\n</script>\n");
    }
    puts_(&w, "</body>\n</html>\n");
    flush(&w);

    gt_free(pl.ev);
    gt_free(pl.trks);
    gt_buf_release(&w.b);
    return w.rc;
}
