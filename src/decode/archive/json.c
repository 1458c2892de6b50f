/*
 * json.c - the JSON archive parsers' shared plumbing: jansson helpers,
 * the streaming driver every element-array format runs on, and the
 * dispatch to each format's envelope and element parsers, which live one
 * family per file: json_readsb.c (readsb/tar1090 trace_full and
 * aircraft.json), json_fr24.c (Flightradar24 playback JSON),
 * json_traffic.c (the traffic library's JSON records and pandas layouts),
 * json_ais.c (AISHub webservice JSON, aisstream.io) and json_ndjson.c
 * (ghosttrack's own NDJSON observation lines).
 *
 * Streaming.  A document is never held whole: the one JSON scanner
 * (util/jsonscan.c) walks it chunk by chunk and hands each element of its
 * big array (trace[], aircraft[], track[], the records) to the element
 * parser below, which decodes that element alone with jansson.  Memory is
 * one element (capped at GT_JSONSCAN_ELEM_MAX) plus the envelope, so an
 * element nested too deep, too large or cut by the end of a file is one
 * counted reject and every other element is kept.  The envelope members an
 * element needs (trace "icao" and "timestamp", aircraft.json "now", the
 * FR24 flight's identification) come before the array in every writer we
 * know; should they come after it, the elements wait in a bounded buffer
 * (DEFER_MAX) until the end of the document.
 *
 * Provenance: each trace entry, aircraft or track point gets the byte
 * offset of its array element in the content, so evidence can point at it.
 */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "archive_int.h"
#include "ghosttrack/archive.h"
#include "ghosttrack/buf.h"
#include "ghosttrack/json.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/time.h"

/* Elements (with their offsets) that may wait for an envelope that comes
 * after its array. */
#define DEFER_MAX (16u << 20)

/* One column of a pandas "columns" document (see below). */
#define COLUMN_MAX (16u << 20)

/* ---- jansson helpers ---- */

int gt__ajson_num(const json_t *v, double *out)
{
    if (json_is_integer(v)) {
        *out = (double)json_integer_value(v);
        return 1;
    }
    if (json_is_real(v)) {
        *out = json_real_value(v);
        return isfinite(*out);
    }
    return 0;
}

int gt__ajson_onum(const json_t *obj, const char *key, double *out)
{
    return gt__ajson_num(json_object_get(obj, key), out);
}

int gt__ajson_emit_fact(const struct gt_sink *sink, const struct gt_ident *id, int64_t t_ms,
                        uint64_t pos, enum gt_ident_field field, const json_t *v)
{
    struct gt_ident_obs io;
    const char *s = json_string_value(v);

    if (s == NULL && !json_is_number(v)) {
        return GT_OK;
    }
    memset(&io, 0, sizeof io);
    io.id = *id;
    io.t_ms = t_ms;
    io.prov.pos = pos;
    /* a number (traffic's squawk 7700, readsb's numeric fields) is a fact too */
    if ((s != NULL ? gt__fact_text(&io, field, s, json_string_length(v))
                   : gt__fact_number(&io, field, json_number_value(v))) < 0) {
        return GT_OK;
    }
    return sink->fact(sink->ud, &io);
}

json_t *gt__ajson_load(const uint8_t *p, size_t n)
{
    json_error_t err;
    return json_loadb((const char *)p, n,
                      JSON_DECODE_INT_AS_REAL | JSON_ALLOW_NUL | JSON_DECODE_ANY, &err);
}

int gt__ajson_first_bytes_have(const uint8_t *p, size_t n, const char *s)
{
    size_t k = strlen(s), i;

    if (n > 4096) {
        n = 4096;
    }
    for (i = 0; i + k <= n; i++) {
        if (memcmp(p + i, s, k) == 0) {
            return 1;
        }
    }
    return 0;
}

int gt__ajson_json_start(const uint8_t *p, size_t n)
{
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t')) {
        i++;
    }
    return i < n && p[i] == '{';
}

enum gt_pos_method gt__ajson_method_of(const char *type)
{
    if (type == NULL) {
        return GT_POS_REPORTED;
    }
    if (strncmp(type, "mlat", 4) == 0) {
        return GT_POS_MLAT;
    }
    if (strncmp(type, "tisb", 4) == 0 || strncmp(type, "adsr", 4) == 0) {
        return GT_POS_TISB;
    }
    if (strncmp(type, "adsb", 4) == 0) {
        return GT_POS_CPR_GLOBAL;
    }
    return GT_POS_REPORTED;
}

/* ---- the streaming driver ---- */

/* Read the envelope: 1 ready, 0 not yet (final 0: it may still come), or
 * -1 when the document is refused (its reason reported).  final: the
 * document has ended. */
static int begin(struct gt_archive_json *j, json_t *root, int final);

/* What a document without its array is refused as. */
static const char *no_array_reason(enum gt_archive_json_kind kind);

static int parse_elem(struct gt_archive_json *j, const char *p, size_t n, uint64_t pos)
{
    json_t *e;
    int rc;

    if (j->kind == GT_ARCHIVE_TRAFFIC_COLUMNS) {
        /* an object member "name":{...}: parsed as {"name":{...}} */
        char *w = gt_malloc(n + 3);
        if (w == NULL) {
            return GT_ERR_NOMEM;
        }
        w[0] = '{';
        memcpy(w + 1, p, n);
        w[n + 1] = '}';
        w[n + 2] = '\0';
        e = gt__ajson_load((const uint8_t *)w, n + 2);
        gt_free(w);
    } else {
        e = gt__ajson_load((const uint8_t *)p, n);
    }

    if (e == NULL) {
        j->sink->reject(j->sink->ud, "json-syntax", pos);
        return GT_OK;
    }
    rc = gt__ajson_element(j, e, pos);
    j->index++;
    json_decref(e);
    return rc;
}

/* Keep an gt__ajson_element (kind 'e') or a reject ('r') for later. */
static int defer(struct gt_archive_json *j, char kind, const void *p, uint32_t n, uint64_t pos)
{
    int rc;

    if (gt_buf_error(&j->defer) == GT_ERR_TOOBIG) {
        j->sink->reject(j->sink->ud, "json-envelope-late", pos);
        return GT_OK;
    }
    (void)gt_buf_add(&j->defer, &kind, 1);
    (void)gt_buf_add(&j->defer, &pos, sizeof pos);
    (void)gt_buf_add(&j->defer, &n, sizeof n);
    (void)gt_buf_add(&j->defer, p, n);
    rc = gt_buf_error(&j->defer);
    if (rc == GT_ERR_TOOBIG) {
        j->sink->reject(j->sink->ud, "json-envelope-late", pos);
        return GT_OK;
    }
    return rc;
}

/* Hand over (ready) or drop (failed) what waited for the envelope. */
static int replay(struct gt_archive_json *j)
{
    const char *p = gt_buf_str(&j->defer);
    size_t n = gt_buf_len(&j->defer), i = 0;
    int rc = GT_OK;

    while (j->ready && rc == GT_OK && i + 13 <= n) {
        uint64_t pos;
        uint32_t len;
        memcpy(&pos, p + i + 1, sizeof pos);
        memcpy(&len, p + i + 9, sizeof len);
        if (p[i] == 'r') {
            const char *reason;
            memcpy(&reason, p + i + 13, sizeof reason);
            j->sink->reject(j->sink->ud, reason, pos);
        } else if (j->no_envelope) {
            j->sink->reject(j->sink->ud, "no-envelope", pos);
        } else {
            /* the element parser reads p[len] as the end: copy it out */
            char *e = gt_strndup(p + i + 13, len);
            if (e == NULL) {
                return GT_ERR_NOMEM;
            }
            rc = parse_elem(j, e, len, pos);
            gt_free(e);
        }
        i += 13 + len;
    }
    gt_buf_release(&j->defer);
    return rc;
}

/* Try the envelope seen so far. */
static int try_begin(struct gt_archive_json *j, const char *head, size_t n, int final)
{
    json_t *root = head != NULL ? gt__ajson_load((const uint8_t *)head, n) : NULL;
    int r = begin(j, root, final);

    if (r > 0) {
        j->head = root;
        j->ready = 1;
        return GT_OK;
    }
    json_decref(root);
    if (r < 0) {
        j->failed = 1;
    }
    return GT_OK;
}

static int on_open(void *ud, const char *head, size_t n)
{
    return try_begin(ud, head, n, 0);
}

static int on_elem(void *ud, const char *p, size_t n, uint64_t pos)
{
    struct gt_archive_json *j = ud;

    if (j->failed) {
        return GT_OK;
    }
    if (!j->ready) {
        return defer(j, 'e', p, (uint32_t)n, pos);
    }
    return parse_elem(j, p, n, pos);
}

static void on_reject(void *ud, const char *reason, uint64_t pos)
{
    struct gt_archive_json *j = ud;

    if (j->failed) {
        return;
    }
    if (!j->ready) {
        if (defer(j, 'r', &reason, (uint32_t)sizeof reason, pos) < 0) {
            j->sink->reject(j->sink->ud, reason, pos);
        }
        return;
    }
    j->sink->reject(j->sink->ud, reason, pos);
}

int gt_archive_json_new(enum gt_archive_json_kind kind, struct gt_archive_json **out)
{
    static const struct gt_jsonscan_ops ops = {on_open, on_elem, on_reject};
    struct gt_archive_json *j = gt_calloc(1, sizeof *j);

    *out = NULL;
    if (j == NULL) {
        return GT_ERR_NOMEM;
    }
    j->kind = kind;
    switch (kind) {
    case GT_ARCHIVE_READSB_TRACE:
        gt_jsonscan_init(&j->scan, "trace", 0, GT_JSONSCAN_ELEM_MAX, GT_JSONSCAN_HEAD_MAX, &ops, j);
        break;
    case GT_ARCHIVE_READSB_AIRCRAFT:
        gt_jsonscan_init(&j->scan, "aircraft", 0, GT_JSONSCAN_ELEM_MAX, GT_JSONSCAN_HEAD_MAX, &ops,
                         j);
        break;
    case GT_ARCHIVE_FR24_JSON:
        gt_jsonscan_init(&j->scan, "track", 0, GT_JSONSCAN_ELEM_MAX, GT_JSONSCAN_HEAD_MAX, &ops, j);
        break;
    case GT_ARCHIVE_TRAFFIC_JSON:
        gt_jsonscan_init(&j->scan, NULL, 0, GT_JSONSCAN_ELEM_MAX, GT_JSONSCAN_HEAD_MAX, &ops, j);
        break;
    case GT_ARCHIVE_TRAFFIC_COLUMNS:
        gt_jsonscan_init(&j->scan, NULL, -1, COLUMN_MAX, GT_JSONSCAN_HEAD_MAX, &ops, j);
        break;
    case GT_ARCHIVE_TRAFFIC_SPLIT:
        gt_jsonscan_init(&j->scan, "data", 0, GT_JSONSCAN_ELEM_MAX, GT_JSONSCAN_HEAD_MAX, &ops, j);
        break;
    case GT_ARCHIVE_AISHUB_JSON:
        gt_jsonscan_init(&j->scan, NULL, 1, GT_JSONSCAN_ELEM_MAX, GT_JSONSCAN_HEAD_MAX, &ops, j);
        break;
    }
    gt_buf_init(&j->defer, DEFER_MAX);
    *out = j;
    return GT_OK;
}

int gt_archive_json_feed(struct gt_archive_json *j, const uint8_t *p, size_t n, uint64_t pos,
                         const struct gt_sink *sink)
{
    j->sink = sink;
    return gt_jsonscan_feed(&j->scan, p, n, pos);
}

int gt_archive_json_finish(struct gt_archive_json *j, const struct gt_sink *sink)
{
    int rc;

    j->sink = sink;
    rc = gt_jsonscan_finish(&j->scan);
    if (rc == GT_OK && !j->ready && !j->failed) {
        if (!gt_jsonscan_opened(&j->scan) && !gt_jsonscan_complete(&j->scan)) {
            /* cut before the array: the scanner's "json-truncated" (or
             * "json-depth") is the document's one reason */
            j->ready = 1;
            j->no_envelope = 1;
            return replay(j);
        }
        if (gt_jsonscan_complete(&j->scan)) {
            size_t n;
            const char *head = gt_jsonscan_head(&j->scan, &n);
            rc = try_begin(j, head, n, 1);
        } else {
            j->failed = 1;
            sink->reject(sink->ud, no_array_reason(j->kind), 0);
        }
        if (rc == GT_OK) {
            rc = replay(j);
        }
    }
    if (rc == GT_OK && j->ready && j->kind == GT_ARCHIVE_TRAFFIC_COLUMNS) {
        rc = gt__ajson_columns_rows(j);
    }
    return rc;
}

void gt_archive_json_free(struct gt_archive_json *j)
{
    if (j == NULL) {
        return;
    }
    gt_jsonscan_release(&j->scan);
    gt_buf_release(&j->defer);
    json_decref(j->head);
    json_decref(j->cols);
    gt_free(j);
}

/* ---- dispatch ---- */

static int begin(struct gt_archive_json *j, json_t *root, int final)
{
    switch (j->kind) {
    case GT_ARCHIVE_READSB_TRACE:
        return gt__ajson_trace_begin(j, root, final);
    case GT_ARCHIVE_READSB_AIRCRAFT:
        return gt__ajson_aircraft_begin(j, root, final);
    case GT_ARCHIVE_FR24_JSON:
        return gt__ajson_fr24_begin(j, root, final);
    case GT_ARCHIVE_TRAFFIC_JSON:
        return gt__ajson_traffic_begin(j, root, final);
    case GT_ARCHIVE_TRAFFIC_COLUMNS:
        return gt__ajson_columns_begin(j, root, final);
    case GT_ARCHIVE_TRAFFIC_SPLIT:
        return gt__ajson_split_begin(j, root, final);
    case GT_ARCHIVE_AISHUB_JSON:
        return gt__ajson_aishub_begin(j, root, final);
    }
    return -1;
}

int gt__ajson_element(struct gt_archive_json *j, json_t *e, uint64_t pos)
{
    switch (j->kind) {
    case GT_ARCHIVE_READSB_TRACE:
        return gt__ajson_trace_entry(j, e, pos);
    case GT_ARCHIVE_READSB_AIRCRAFT:
        return gt__ajson_aircraft_entry(j, e, pos);
    case GT_ARCHIVE_FR24_JSON:
        return gt__ajson_fr24_point(j, e, pos);
    case GT_ARCHIVE_TRAFFIC_JSON:
        return gt__ajson_traffic_record(j, e, pos);
    case GT_ARCHIVE_TRAFFIC_COLUMNS:
        return gt__ajson_columns_member(j, e, pos);
    case GT_ARCHIVE_TRAFFIC_SPLIT:
        return gt__ajson_split_row(j, e, pos);
    case GT_ARCHIVE_AISHUB_JSON:
        return gt__ajson_aishub_vessel(j, e, pos);
    }
    return GT_OK;
}

static const char *no_array_reason(enum gt_archive_json_kind kind)
{
    switch (kind) {
    case GT_ARCHIVE_READSB_TRACE:
        return "bad-trace";
    case GT_ARCHIVE_READSB_AIRCRAFT:
        return "bad-aircraft-json";
    case GT_ARCHIVE_FR24_JSON:
        return "no-subject";
    case GT_ARCHIVE_TRAFFIC_JSON:
    case GT_ARCHIVE_TRAFFIC_COLUMNS:
    case GT_ARCHIVE_TRAFFIC_SPLIT:
        return "bad-json";
    case GT_ARCHIVE_AISHUB_JSON:
        return "aishub-error";
    }
    return "bad-json";
}
