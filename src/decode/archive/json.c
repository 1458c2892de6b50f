/*
 * json.c - JSON archive parsers: readsb/tar1090 trace_full and aircraft.json
 * (readsb README-json.md: trace entries are [seconds after "timestamp",
 * lat, lon, altitude or "ground", ground speed kn, track deg, flags,
 * vertical rate fpm, details object or null, source type, geometric
 * altitude, geometric rate, ias, roll]), Flightradar24 playback JSON, the
 * traffic library's JSON records (each position timed by its own
 * "last_position", a repeated position stored once), AISHub webservice
 * JSON, and ghosttrack's own NDJSON observation lines.
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

static int num(const json_t *v, double *out)
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

static int onum(const json_t *obj, const char *key, double *out)
{
    return num(json_object_get(obj, key), out);
}

static int emit_fact(const struct gt_sink *sink, const struct gt_ident *id, int64_t t_ms,
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

static json_t *load(const uint8_t *p, size_t n)
{
    json_error_t err;
    return json_loadb((const char *)p, n,
                      JSON_DECODE_INT_AS_REAL | JSON_ALLOW_NUL | JSON_DECODE_ANY, &err);
}

static int first_bytes_have(const uint8_t *p, size_t n, const char *s)
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

static int json_start(const uint8_t *p, size_t n)
{
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t')) {
        i++;
    }
    return i < n && p[i] == '{';
}

static enum gt_pos_method method_of(const char *type)
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

/*
 * The traffic library resamples OpenSky state vectors on a 1 s grid: each
 * row's "timestamp" is the grid time, "last_position" the time of the
 * position it carries, which is repeated on every row until the next
 * position message (OpenSky's time_position / lastposupdate).  A position
 * is timed by its own time, as the OpenSky CSV reader does, and a repeated
 * position is stored once: a row whose position time equals the last one
 * stored for the same aircraft brings nothing new and is counted as
 * "repeated-position".  The last position time per aircraft is kept in a
 * small direct-mapped table; a collision between two aircraft only costs
 * a duplicate row, never a lost position.
 */
#define STALE_SLOTS 256

struct stale_slot {
    uint32_t value;
    uint8_t used;
    int64_t pos_ms;
};

struct gt_archive_json {
    enum gt_archive_json_kind kind;
    struct gt_jsonscan scan;
    const struct gt_sink *sink; /* of the current call */
    int ready;                  /* the envelope is read: elements go to the parser */
    int failed;                 /* the document's reason is reported: elements are dropped */
    json_t *head;               /* the envelope, once ready */
    struct gt_buf defer;        /* elements and rejects waiting for the envelope */
    size_t index;               /* elements parsed */

    /* readsb, FR24 */
    struct gt_ident id;
    int have_id;
    double base_s; /* trace "timestamp", aircraft.json "now", seconds */
    const json_t *flight;

    /* traffic records */
    char last_cs[GT_IDENT_VALUE_MAX];
    struct gt_ident last_id;
    char last_sq[8]; /* the last squawk fact, of sq_id */
    struct gt_ident sq_id;
    struct stale_slot seen[STALE_SLOTS];

    /* pandas columns */
    json_t *cols;      /* the columns kept, by name */
    uint64_t cols_pos; /* offset of the first column */

    /* AISHub */
    int ais_encoded; /* FORMAT "AIS" (format=0): fields in AIS units */
};

/* Rows of a columns document, at its end. */
static int columns_rows(struct gt_archive_json *j);

/* Read the envelope: 1 ready, 0 not yet (final 0: it may still come), or
 * -1 when the document is refused (its reason reported).  final: the
 * document has ended. */
static int begin(struct gt_archive_json *j, json_t *root, int final);

/* Parse one element of the big array. */
static int element(struct gt_archive_json *j, json_t *e, uint64_t pos);

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
        e = load((const uint8_t *)w, n + 2);
        gt_free(w);
    } else {
        e = load((const uint8_t *)p, n);
    }

    if (e == NULL) {
        j->sink->reject(j->sink->ud, "json-syntax", pos);
        return GT_OK;
    }
    rc = element(j, e, pos);
    j->index++;
    json_decref(e);
    return rc;
}

/* Keep an element (kind 'e') or a reject ('r') for later. */
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
    json_t *root = head != NULL ? load((const uint8_t *)head, n) : NULL;
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
        rc = columns_rows(j);
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

/* A whole document in memory, through the stream. */
static int whole(enum gt_archive_json_kind kind, const uint8_t *p, size_t n,
                 const struct gt_sink *sink)
{
    struct gt_archive_json *j;
    int rc = gt_archive_json_new(kind, &j);

    if (rc < 0) {
        return rc;
    }
    rc = gt_archive_json_feed(j, p, n, 0, sink);
    if (rc == GT_OK) {
        rc = gt_archive_json_finish(j, sink);
    }
    gt_archive_json_free(j);
    return rc;
}

/* ---- readsb trace_full ---- */

int gt_archive_readsb_trace_sniff(const uint8_t *p, size_t n)
{
    if (!json_start(p, n)) {
        return 0;
    }
    return first_bytes_have(p, n, "\"trace\"") && first_bytes_have(p, n, "\"icao\"") ? 95 : 0;
}

static int trace_begin(struct gt_archive_json *j, const json_t *root, int final)
{
    const struct gt_sink *sink = j->sink;
    const char *icao = json_string_value(json_object_get(root, "icao"));
    int64_t t_ms;
    int rc;

    if (!json_is_object(root)) {
        if (final) {
            sink->reject(sink->ud, "bad-json", 0);
        }
        return final ? -1 : 0;
    }
    if (icao == NULL || gt__parse_icao(icao, strlen(icao), &j->id) < 0) {
        if (final) {
            sink->reject(sink->ud, "bad-icao24", 0);
        }
        return final ? -1 : 0;
    }
    if (!onum(root, "timestamp", &j->base_s) || !gt_jsonscan_opened(&j->scan)) {
        if (final) {
            sink->reject(sink->ud, "bad-trace", 0);
        }
        return final ? -1 : 0;
    }
    t_ms = (int64_t)llround(j->base_s * 1000.0);
    rc = emit_fact(sink, &j->id, t_ms, 0, GT_FIELD_REGISTRATION, json_object_get(root, "r"));
    if (rc == GT_OK) {
        rc = emit_fact(sink, &j->id, t_ms, 0, GT_FIELD_TYPECODE, json_object_get(root, "t"));
    }
    return rc < 0 ? rc : 1;
}

static int trace_entry(struct gt_archive_json *j, const json_t *e, uint64_t pos)
{
    const struct gt_sink *sink = j->sink;
    const struct gt_ident *id = &j->id;
    struct gt_obs o;
    double dt, x;
    const json_t *alt, *det;
    int rc;

    if (!json_is_array(e) || json_array_size(e) < 6 || !num(json_array_get(e, 0), &dt)) {
        sink->reject(sink->ud, "bad-trace-entry", pos);
        return GT_OK;
    }
    gt_obs_init(&o);
    o.id = *id;
    o.prov.pos = pos;
    o.t_ms = (int64_t)llround((j->base_s + dt) * 1000.0);
    o.flags |= GT_OBS_TIME;
    det = json_array_get(e, 8);
    if (json_is_object(det)) {
        rc = emit_fact(sink, id, o.t_ms, pos, GT_FIELD_CALLSIGN, json_object_get(det, "flight"));
        if (rc == GT_OK) {
            rc = emit_fact(sink, id, o.t_ms, pos, GT_FIELD_SQUAWK, json_object_get(det, "squawk"));
        }
        if (rc < 0) {
            return rc;
        }
    }
    if (!num(json_array_get(e, 1), &o.lat_deg) || !num(json_array_get(e, 2), &o.lon_deg) ||
        !gt__valid_latlon(o.lat_deg, o.lon_deg)) {
        sink->reject(sink->ud, "bad-position", pos);
        return GT_OK;
    }
    o.flags |= GT_OBS_POS;
    alt = json_array_get(e, 3);
    if (json_is_string(alt) && strcmp(json_string_value(alt), "ground") == 0) {
        o.on_ground = 1;
        o.flags |= GT_OBS_GROUND;
    } else if (num(alt, &x)) {
        o.alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_ALT;
    }
    if (num(json_array_get(e, 4), &x) && x >= 0) {
        o.speed_kn = gt__to_float(x);
        o.flags |= GT_OBS_SPEED;
    }
    if (num(json_array_get(e, 5), &x) && x >= 0 && x <= 360) {
        o.course_deg = gt__to_float(fmod(x, 360.0));
        o.flags |= GT_OBS_COURSE;
    }
    if (num(json_array_get(e, 7), &x)) {
        o.vrate_fpm = gt__to_float(x);
        o.flags |= GT_OBS_VRATE;
    }
    if (num(json_array_get(e, 10), &x)) {
        o.gnss_alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_GNSS_ALT;
    }
    o.pos_how = method_of(json_string_value(json_array_get(e, 9)));
    return sink->obs(sink->ud, &o);
}

int gt_archive_readsb_trace(const uint8_t *p, size_t n, const struct gt_sink *sink)
{
    return whole(GT_ARCHIVE_READSB_TRACE, p, n, sink);
}

/* ---- readsb aircraft.json ---- */

int gt_archive_readsb_aircraft_sniff(const uint8_t *p, size_t n)
{
    if (!json_start(p, n)) {
        return 0;
    }
    return first_bytes_have(p, n, "\"aircraft\"") && first_bytes_have(p, n, "\"now\"") ? 90 : 0;
}

static int aircraft_begin(struct gt_archive_json *j, const json_t *root, int final)
{
    if (!json_is_object(root)) {
        if (final) {
            j->sink->reject(j->sink->ud, "bad-json", 0);
        }
        return final ? -1 : 0;
    }
    if (!onum(root, "now", &j->base_s) || !gt_jsonscan_opened(&j->scan)) {
        if (final) {
            j->sink->reject(j->sink->ud, "bad-aircraft-json", 0);
        }
        return final ? -1 : 0;
    }
    return 1;
}

static int aircraft_entry(struct gt_archive_json *j, const json_t *a, uint64_t pos)
{
    const struct gt_sink *sink = j->sink;
    const json_t *alt;
    const char *hex = json_string_value(json_object_get(a, "hex"));
    double now_s = j->base_s, seen = 0, x;
    struct gt_obs o;
    int rc;

    gt_obs_init(&o);
    if (hex == NULL || gt__parse_icao(hex, strlen(hex), &o.id) < 0) {
        sink->reject(sink->ud, "bad-icao24", pos);
        return GT_OK;
    }
    o.prov.pos = pos;
    o.flags |= GT_OBS_TIME;
    (void)onum(a, "seen", &seen);
    o.t_ms = (int64_t)llround((now_s - seen) * 1000.0);
    rc = emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_CALLSIGN, json_object_get(a, "flight"));
    if (rc == GT_OK) {
        rc = emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_SQUAWK, json_object_get(a, "squawk"));
    }
    if (rc == GT_OK) {
        rc = emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_REGISTRATION, json_object_get(a, "r"));
    }
    if (rc < 0) {
        return rc;
    }
    if (!onum(a, "lat", &o.lat_deg) || !onum(a, "lon", &o.lon_deg) ||
        !gt__valid_latlon(o.lat_deg, o.lon_deg)) {
        sink->reject(sink->ud, "no-position", pos);
        return GT_OK;
    }
    seen = 0;
    (void)onum(a, "seen_pos", &seen);
    o.t_ms = (int64_t)llround((now_s - seen) * 1000.0);
    o.flags |= GT_OBS_POS;
    alt = json_object_get(a, "alt_baro");
    if (json_is_string(alt) && strcmp(json_string_value(alt), "ground") == 0) {
        o.on_ground = 1;
        o.flags |= GT_OBS_GROUND;
    } else if (num(alt, &x)) {
        o.alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_ALT;
    }
    if (onum(a, "alt_geom", &x)) {
        o.gnss_alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_GNSS_ALT;
    }
    if (onum(a, "gs", &x) && x >= 0) {
        o.speed_kn = gt__to_float(x);
        o.flags |= GT_OBS_SPEED;
    }
    if (onum(a, "track", &x) && x >= 0 && x <= 360) {
        o.course_deg = gt__to_float(fmod(x, 360.0));
        o.flags |= GT_OBS_COURSE;
    }
    if (onum(a, "baro_rate", &x)) {
        o.vrate_fpm = gt__to_float(x);
        o.flags |= GT_OBS_VRATE;
    }
    o.pos_how = method_of(json_string_value(json_object_get(a, "type")));
    return sink->obs(sink->ud, &o);
}

int gt_archive_readsb_aircraft(const uint8_t *p, size_t n, const struct gt_sink *sink)
{
    return whole(GT_ARCHIVE_READSB_AIRCRAFT, p, n, sink);
}

/* ---- Flightradar24 playback JSON ---- */

int gt_archive_fr24_json_sniff(const uint8_t *p, size_t n)
{
    if (!json_start(p, n)) {
        return 0;
    }
    return first_bytes_have(p, n, "\"track\"") && first_bytes_have(p, n, "\"identification\"") ? 90
                                                                                               : 0;
}

static const json_t *path(const json_t *v, const char *const *keys)
{
    for (; *keys != NULL && v != NULL; keys++) {
        v = json_object_get(v, *keys);
    }
    return v;
}

static const char *const reg_path[] = {"aircraft", "identification", "registration", NULL};
static const char *const cs_path[] = {"identification", "callsign", NULL};

/* A flight without a Mode S address (FR24 leaves "modes" empty for some
 * aircraft) but with a registration or callsign: a provisional subject
 * from the callsign, registration and first timestamp (t_s), resolved at
 * detect time like a CSV file (gt_air_resolve()). */
static int provisional(const json_t *flight, double t_s, struct gt_ident *id)
{
    const char *reg = json_string_value(path(flight, reg_path));
    const char *cs = json_string_value(path(flight, cs_path));
    const char *parts[2];
    uint32_t h = 2166136261u;
    size_t i, k;

    if ((reg == NULL || *reg == '\0') && (cs == NULL || *cs == '\0')) {
        return GT_ERR_NOTFOUND;
    }
    parts[0] = reg ? reg : "";
    parts[1] = cs ? cs : "";
    for (i = 0; i < 2; i++) {
        for (k = 0; parts[i][k] != '\0'; k++) {
            h = (h ^ (uint8_t)parts[i][k]) * 16777619u;
        }
        h = (h ^ '/') * 16777619u;
    }
    h = (h ^ (uint32_t)(int64_t)t_s) * 16777619u;
    id->kind = GT_ID_ICAO;
    id->value = (h >> 24 ^ h) & 0xffffffu;
    id->flags = GT_IDENT_PROVISIONAL;
    return GT_OK;
}

static int fr24_begin(struct gt_archive_json *j, const json_t *root, int final)
{
    static const char *const flight_path[] = {"result", "response", "data", "flight", NULL};
    static const char *const modes_path[] = {"aircraft", "identification", "modes", NULL};
    const json_t *flight;
    const char *modes;
    struct gt_ident id;

    if (!json_is_object(root)) {
        if (final) {
            j->sink->reject(j->sink->ud, "bad-json", 0);
        }
        return final ? -1 : 0;
    }
    flight = path(root, flight_path);
    if (flight == NULL) {
        flight = root;
    }
    modes = json_string_value(path(flight, modes_path));
    j->flight = flight;
    if (modes != NULL && gt__parse_icao(modes, strlen(modes), &j->id) == GT_OK) {
        j->have_id = 1;
    } else if (provisional(flight, 0, &id) < 0) {
        if (final) {
            j->sink->reject(j->sink->ud, "no-subject", 0);
        }
        return final ? -1 : 0;
    }
    if (!gt_jsonscan_opened(&j->scan)) {
        j->sink->reject(j->sink->ud, "no-subject", 0);
        return -1;
    }
    return 1;
}

static int fr24_point(struct gt_archive_json *j, const json_t *e, uint64_t pos)
{
    static const char *const type_path[] = {"aircraft", "model", "code", NULL};
    static const char *const orig_path[] = {"airport", "origin", "code", "icao", NULL};
    static const char *const dest_path[] = {"airport", "destination", "code", "icao", NULL};
    static const char *const number_path[] = {"identification", "number", "default", NULL};
    const struct gt_sink *sink = j->sink;
    const json_t *flight = j->flight, *v;
    struct gt_obs o;
    double t_s, x;
    int rc = GT_OK;

    if (j->index == 0 && !j->have_id) {
        /* the provisional subject is timed by the first point */
        t_s = 0;
        (void)onum(e, "timestamp", &t_s);
        if (provisional(flight, t_s, &j->id) < 0) {
            return GT_OK;
        }
        j->have_id = 1;
    }
    gt_obs_init(&o);
    o.id = j->id;
    o.prov.pos = pos;
    if (!onum(e, "timestamp", &t_s) || t_s < 0 || t_s > 4.1e9) {
        sink->reject(sink->ud, "bad-time", pos);
        return GT_OK;
    }
    o.t_ms = (int64_t)llround(t_s * 1000.0);
    o.flags |= GT_OBS_TIME;
    if (j->index == 0) {
        rc = emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_REGISTRATION, path(flight, reg_path));
        if (rc == GT_OK) {
            rc = emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_TYPECODE, path(flight, type_path));
        }
        if (rc == GT_OK) {
            rc = emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_CALLSIGN, path(flight, cs_path));
        }
        if (rc == GT_OK) {
            rc = emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_FLIGHT, path(flight, number_path));
        }
        /* the airports FR24 publishes for the flight (its schedule or
         * its own inference), kept as facts at the first fix: flight.c
         * uses them where the track itself shows no airport */
        if (rc == GT_OK) {
            rc = emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_ORIGIN, path(flight, orig_path));
        }
        if (rc == GT_OK) {
            rc = emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_DESTINATION, path(flight, dest_path));
        }
        if (rc < 0) {
            return rc;
        }
    }
    rc = emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_SQUAWK, json_object_get(e, "squawk"));
    if (rc < 0) {
        return rc;
    }
    if (!onum(e, "latitude", &o.lat_deg) || !onum(e, "longitude", &o.lon_deg) ||
        !gt__valid_latlon(o.lat_deg, o.lon_deg)) {
        sink->reject(sink->ud, "bad-position", pos);
        return GT_OK;
    }
    o.flags |= GT_OBS_POS;
    o.pos_how = GT_POS_REPORTED;
    v = json_object_get(e, "altitude");
    if ((json_is_object(v) && onum(v, "feet", &x)) || num(v, &x)) {
        o.alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_ALT;
    }
    v = json_object_get(e, "speed");
    if (((json_is_object(v) && onum(v, "kts", &x)) || num(v, &x)) && x >= 0) {
        o.speed_kn = gt__to_float(x);
        o.flags |= GT_OBS_SPEED;
    }
    v = json_object_get(e, "verticalSpeed");
    if ((json_is_object(v) && onum(v, "fpm", &x)) || num(v, &x)) {
        o.vrate_fpm = gt__to_float(x);
        o.flags |= GT_OBS_VRATE;
    }
    if (onum(e, "heading", &x) && x >= 0 && x <= 360) {
        o.course_deg = gt__to_float(fmod(x, 360.0));
        o.flags |= GT_OBS_COURSE;
    }
    return sink->obs(sink->ud, &o);
}

int gt_archive_fr24_json(const uint8_t *p, size_t n, const struct gt_sink *sink)
{
    return whole(GT_ARCHIVE_FR24_JSON, p, n, sink);
}

/* ---- "traffic" JSON records ---- */

int gt_archive_traffic_json_sniff(const uint8_t *p, size_t n)
{
    size_t i = 0;

    while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t')) {
        i++;
    }
    if (i >= n || p[i] != '[') {
        return 0;
    }
    return first_bytes_have(p, n, "\"icao24\"") && first_bytes_have(p, n, "\"timestamp\"") ? 85 : 0;
}

static int record_time(const json_t *v, int64_t *t_ms)
{
    double x;

    if (json_is_string(v)) {
        return gt_time_parse_iso(json_string_value(v), json_string_length(v), t_ms) == GT_OK;
    }
    if (!num(v, &x) || x < 0 || x > 4.1e12) {
        return 0;
    }
    *t_ms = (int64_t)llround(x > 1e11 ? x : x * 1000.0); /* ms, or seconds */
    return 1;
}

/* The time of the row's position: "last_position" when it is plausible
 * (not after the row, at most an hour before it), else the row's time. */
static int64_t position_time(const json_t *e, int64_t row_ms)
{
    int64_t pos_ms;

    if (record_time(json_object_get(e, "last_position"), &pos_ms) && pos_ms > 0 &&
        pos_ms <= row_ms && row_ms - pos_ms < 3600 * 1000) {
        return pos_ms;
    }
    return row_ms;
}

static int traffic_begin(struct gt_archive_json *j, const json_t *root, int final)
{
    (void)root;
    if (!gt_jsonscan_opened(&j->scan)) {
        if (final) {
            j->sink->reject(j->sink->ud, "bad-json", 0);
        }
        return final ? -1 : 0;
    }
    return 1;
}

/* The record's squawk as a fact when it changes for the aircraft: text
 * ("1200"), or a number when pandas kept the column numeric (1200, or
 * 1200.0 in a column with gaps); a Mode A code is four octal digits. */
static int traffic_squawk(struct gt_archive_json *j, const struct gt_obs *o, const json_t *v,
                          uint64_t pos)
{
    struct gt_ident_obs io;
    char text[8];
    double x;
    int i;

    if (json_is_string(v)) {
        snprintf(text, sizeof text, "%s", json_string_value(v));
    } else if (num(v, &x) && x >= 0 && x <= 7777 && fabs(x - floor(x)) < 1e-9) {
        snprintf(text, sizeof text, "%04d", gt__to_i32(x));
    } else {
        return GT_OK;
    }
    for (i = 0; text[i] != '\0'; i++) {
        if (text[i] < '0' || text[i] > '7') {
            return GT_OK;
        }
    }
    if (i != 4 || (j->sq_id.value == o->id.value && j->sq_id.flags == o->id.flags &&
                   strcmp(j->last_sq, text) == 0)) {
        return GT_OK;
    }
    memcpy(j->last_sq, text, 5);
    j->sq_id = o->id;
    memset(&io, 0, sizeof io);
    io.id = o->id;
    io.t_ms = o->t_ms;
    io.prov.pos = pos;
    io.field = GT_FIELD_SQUAWK;
    memcpy(io.value, text, 5);
    return j->sink->fact(j->sink->ud, &io);
}

/* One traffic record: an object with the columns of a traffic Flight
 * (icao24, timestamp, latitude, ...). */
static int traffic_record(struct gt_archive_json *j, const json_t *e, uint64_t pos)
{
    const struct gt_sink *sink = j->sink;
    const json_t *v;
    const char *hex = json_string_value(json_object_get(e, "icao24"));
    struct stale_slot *slot;
    struct gt_obs o;
    double x;
    int rc;

    gt_obs_init(&o);
    o.prov.pos = pos;
    if (hex == NULL || gt__parse_icao(hex, strlen(hex), &o.id) < 0) {
        sink->reject(sink->ud, "bad-icao24", pos);
        return GT_OK;
    }
    if (!record_time(json_object_get(e, "timestamp"), &o.t_ms)) {
        sink->reject(sink->ud, "bad-time", pos);
        return GT_OK;
    }
    o.flags |= GT_OBS_TIME;
    v = json_object_get(e, "callsign");
    if (json_is_string(v) &&
        (o.id.value != j->last_id.value || o.id.flags != j->last_id.flags ||
         strncmp(json_string_value(v), j->last_cs, sizeof j->last_cs - 1) != 0)) {
        snprintf(j->last_cs, sizeof j->last_cs, "%s", json_string_value(v));
        j->last_id = o.id;
        rc = emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_CALLSIGN, v);
        if (rc < 0) {
            return rc;
        }
    }
    rc = traffic_squawk(j, &o, json_object_get(e, "squawk"), pos);
    if (rc < 0) {
        return rc;
    }
    if (!onum(e, "latitude", &o.lat_deg) || !onum(e, "longitude", &o.lon_deg)) {
        sink->reject(sink->ud, "no-position", pos);
        return GT_OK;
    }
    if (!gt__valid_latlon(o.lat_deg, o.lon_deg)) {
        sink->reject(sink->ud, "bad-position", pos);
        return GT_OK;
    }
    o.t_ms = position_time(e, o.t_ms);
    slot = &j->seen[(o.id.value ^ (o.id.value >> 8) ^ o.id.flags) % STALE_SLOTS];
    if (slot->used && slot->value == o.id.value && slot->pos_ms == o.t_ms) {
        sink->reject(sink->ud, "repeated-position", pos);
        return GT_OK;
    }
    slot->used = 1;
    slot->value = o.id.value;
    slot->pos_ms = o.t_ms;
    o.flags |= GT_OBS_POS;
    o.pos_how = GT_POS_REPORTED;
    if (onum(e, "altitude", &x) && fabs(x) < 100000) {
        o.alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_ALT;
    }
    if (onum(e, "geoaltitude", &x) && fabs(x) < 100000) {
        o.gnss_alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_GNSS_ALT;
    }
    if (onum(e, "groundspeed", &x) && x >= 0 && x < 4000) {
        o.speed_kn = gt__to_float(x);
        o.flags |= GT_OBS_SPEED;
    }
    if (onum(e, "track", &x) && x >= 0 && x <= 360) {
        o.course_deg = gt__to_float(fmod(x, 360.0));
        o.flags |= GT_OBS_COURSE;
    }
    if (onum(e, "vertical_rate", &x) && fabs(x) < 100000) {
        o.vrate_fpm = gt__to_float(x);
        o.flags |= GT_OBS_VRATE;
    }
    if (json_is_boolean(json_object_get(e, "onground"))) {
        o.on_ground = json_is_true(json_object_get(e, "onground")) ? 1 : 0;
        o.flags |= GT_OBS_GROUND;
    }
    return sink->obs(sink->ud, &o);
}

int gt_archive_traffic_json(const uint8_t *p, size_t n, const struct gt_sink *sink)
{
    return whole(GT_ARCHIVE_TRAFFIC_JSON, p, n, sink);
}

/* ---- pandas "columns" layout of traffic data ---- */

/*
 * DataFrame.to_json() writes a frame by columns unless told otherwise
 * (orient="columns", pandas' default): {"icao24":{"0":"ae0455","1":..},
 * "timestamp":{"0":1600120071000,..},..}, times in epoch milliseconds
 * (date_unit="ms").  A row is spread over every column, so this layout
 * cannot be read row by row: each column is read as one element (capped at
 * COLUMN_MAX), the columns a traffic record uses are kept, and the rows
 * are put together at the end of the document and parsed as the records
 * layout is.  A row is cited by the offset of the first column plus its
 * row number (an offset inside that column), which keeps citations
 * distinct and in order.  orient="records" streams with bounded memory and
 * is the layout to prefer for large frames.
 */
static const char *const traffic_columns[] = {
    "icao24",        "timestamp", "last_position", "callsign",    "latitude",
    "longitude",     "altitude",  "geoaltitude",   "groundspeed", "track",
    "vertical_rate", "onground",  "squawk",        NULL};

static int is_traffic_column(const char *s, size_t n)
{
    size_t i;

    for (i = 0; traffic_columns[i] != NULL; i++) {
        if (strlen(traffic_columns[i]) == n && memcmp(traffic_columns[i], s, n) == 0) {
            return 1;
        }
    }
    return 0;
}

int gt_archive_traffic_columns_sniff(const uint8_t *p, size_t n)
{
    size_t i = 0, k;

    while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t')) {
        i++;
    }
    if (i + 1 >= n || p[i] != '{' || p[i + 1] != '"') {
        return 0;
    }
    i += 2;
    for (k = i; k < n && p[k] != '"' && k - i < 32; k++) {
    }
    if (k >= n || p[k] != '"' || !is_traffic_column((const char *)p + i, k - i)) {
        return 0;
    }
    for (k++; k < n && (p[k] == ' ' || p[k] == ':'); k++) {
    }
    return k < n && p[k] == '{' ? 80 : 0;
}

static int columns_begin(struct gt_archive_json *j, const json_t *root, int final)
{
    (void)root;
    if (!gt_jsonscan_opened(&j->scan)) {
        if (final) {
            j->sink->reject(j->sink->ud, "bad-json", 0);
        }
        return final ? -1 : 0;
    }
    j->cols = json_object();
    return j->cols != NULL ? 1 : GT_ERR_NOMEM;
}

/* One column, "name":{"row":value,...}: kept when a record uses it. */
static int columns_member(struct gt_archive_json *j, json_t *e, uint64_t pos)
{
    const char *name;
    json_t *col;

    if (j->index == 0) {
        j->cols_pos = pos;
    }
    json_object_foreach(e, name, col)
    {
        if (!json_is_object(col)) {
            j->sink->reject(j->sink->ud, "bad-column", pos);
        } else if (is_traffic_column(name, strlen(name)) &&
                   json_object_set(j->cols, name, col) < 0) {
            return GT_ERR_NOMEM;
        }
    }
    return GT_OK;
}

/* The end of a columns document: every row, as a record. */
static int columns_rows(struct gt_archive_json *j)
{
    json_t *ts = json_object_get(j->cols, "timestamp");
    const char *row;
    json_t *v;
    uint64_t k = 0;
    int rc = GT_OK;

    if (!json_is_object(ts)) {
        if (j->cols != NULL) {
            j->sink->reject(j->sink->ud, "no-timestamp-column", j->cols_pos);
        }
        return GT_OK;
    }
    json_object_foreach(ts, row, v)
    {
        json_t *rec = json_object();
        size_t i;
        if (rec == NULL) {
            return GT_ERR_NOMEM;
        }
        for (i = 0; traffic_columns[i] != NULL && rc == GT_OK; i++) {
            json_t *x = json_object_get(json_object_get(j->cols, traffic_columns[i]), row);
            if (x != NULL && json_object_set(rec, traffic_columns[i], x) < 0) {
                rc = GT_ERR_NOMEM;
            }
        }
        if (rc == GT_OK) {
            rc = traffic_record(j, rec, j->cols_pos + k++);
        }
        json_decref(rec);
        if (rc < 0) {
            break;
        }
    }
    return rc;
}

int gt_archive_traffic_columns(const uint8_t *p, size_t n, const struct gt_sink *sink)
{
    return whole(GT_ARCHIVE_TRAFFIC_COLUMNS, p, n, sink);
}

/* ---- pandas "split" and "table" layouts of traffic data ----
 *
 * orient="split": {"columns":["timestamp","icao24",..],"index":[0,1,..],
 * "data":[[1600120071000,"ae0455",..],..]}: each row is an array in the
 * order of "columns", which pandas writes first.  orient="table":
 * {"schema":{"fields":[..],..},"data":[{"index":0,"timestamp":..},..]}:
 * each row is a record.  Both stream by row through "data". */

int gt_archive_traffic_split_sniff(const uint8_t *p, size_t n)
{
    size_t i = 0;

    while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t')) {
        i++;
    }
    if (i >= n || p[i] != '{' || !first_bytes_have(p, n, "\"data\"") ||
        !first_bytes_have(p, n, "\"icao24\"")) {
        return 0;
    }
    return first_bytes_have(p, n, "\"columns\"") || first_bytes_have(p, n, "\"schema\"") ? 80 : 0;
}

static int split_begin(struct gt_archive_json *j, const json_t *root, int final)
{
    const json_t *cols = json_object_get(root, "columns");
    size_t i;

    if (!gt_jsonscan_opened(&j->scan) || !json_is_object(root) ||
        (!json_is_array(cols) && !json_is_object(json_object_get(root, "schema")))) {
        if (final) {
            j->sink->reject(j->sink->ud, "bad-json", 0);
        }
        return final ? -1 : 0;
    }
    for (i = 0; i < json_array_size(cols); i++) {
        if (!json_is_string(json_array_get(cols, i))) {
            if (final) {
                j->sink->reject(j->sink->ud, "bad-json", 0);
            }
            return final ? -1 : 0;
        }
    }
    return 1;
}

/* One row: a record (table), or an array in the order of "columns". */
static int split_row(struct gt_archive_json *j, json_t *e, uint64_t pos)
{
    const json_t *cols = json_object_get(j->head, "columns");
    json_t *rec;
    size_t i;
    int rc = GT_OK;

    if (!json_is_array(e)) {
        return traffic_record(j, e, pos);
    }
    if (json_array_size(e) != json_array_size(cols)) {
        j->sink->reject(j->sink->ud, "bad-row", pos);
        return GT_OK;
    }
    rec = json_object();
    if (rec == NULL) {
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < json_array_size(e) && rc == GT_OK; i++) {
        const char *name = json_string_value(json_array_get(cols, i));
        if (json_object_set(rec, name, json_array_get(e, i)) < 0) {
            rc = GT_ERR_NOMEM;
        }
    }
    if (rc == GT_OK) {
        rc = traffic_record(j, rec, pos);
    }
    json_decref(rec);
    return rc;
}

int gt_archive_traffic_split(const uint8_t *p, size_t n, const struct gt_sink *sink)
{
    return whole(GT_ARCHIVE_TRAFFIC_SPLIT, p, n, sink);
}

/* ---- AIS JSON: AISHub webservice, aisstream.io ---- */

/* Set the AIS kinematics of o, already in human units (degrees, knots),
 * leaving out ITU-R M.1371-5 "not available" values: SOG 102.3 kn, COG
 * 360 deg, true heading 511, navigational status 15 ("not defined"). */
static void ais_kinematics(struct gt_obs *o, double sog, double cog, double hdg, double navstat)
{
    if (sog >= 0 && sog < 102.25) {
        o->flags |= GT_OBS_SPEED;
        o->speed_kn = gt__to_float(sog);
    }
    if (cog >= 0 && cog < 360.0) {
        o->flags |= GT_OBS_COURSE;
        o->course_deg = gt__to_float(cog);
    }
    if (hdg >= 0 && hdg < 360.0) {
        o->flags |= GT_OBS_HEADING;
        o->heading_deg = gt__to_float(hdg);
    }
    if (navstat >= 0 && navstat <= 14) {
        uint8_t s = (uint8_t)gt__to_i32(navstat);
        o->flags |= GT_OBS_NAVSTAT;
        o->nav_status = s;
        /* at anchor, moored, aground: stationary by the crew's own account
         * (as decode/ais/ais_json.c) */
        if (s == 1 || s == 5 || s == 6) {
            o->flags |= GT_OBS_GROUND;
            o->on_ground = 1;
        } else if (s == 0 || s == 8) {
            o->flags |= GT_OBS_GROUND;
            o->on_ground = 0;
        }
    }
}

/* A text fact of an AIS record: AIS pads text with '@' and spaces, which
 * gt__fact_text() trims. */
static int ais_text(const struct gt_sink *sink, const struct gt_obs *o, enum gt_ident_field f,
                    const json_t *v)
{
    return emit_fact(sink, &o->id, o->t_ms, o->prov.pos, f, v);
}

/* A numeric fact, written as the other AIS readers write it. */
static int ais_numfact(const struct gt_sink *sink, const struct gt_obs *o, enum gt_ident_field f,
                       int decimals, double v)
{
    struct gt_ident_obs io;
    int n;

    memset(&io, 0, sizeof io);
    io.id = o->id;
    io.t_ms = o->t_ms;
    io.prov.pos = o->prov.pos;
    io.field = f;
    n = snprintf(io.value, sizeof io.value, "%.*f", decimals, v);
    if (n <= 0 || (size_t)n >= sizeof io.value) {
        return GT_OK;
    }
    return sink->fact(sink->ud, &io);
}

/* Ship dimensions A,B,C,D (metres to bow, stern, port, starboard). */
static int ais_dims(const struct gt_sink *sink, const struct gt_obs *o, const json_t *obj,
                    const char *const keys[4])
{
    struct gt_ident_obs io;
    double d[4];
    int i, n;

    for (i = 0; i < 4; i++) {
        if (!onum(obj, keys[i], &d[i]) || d[i] < 0 || d[i] > 1023) {
            return GT_OK;
        }
    }
    if (d[0] + d[1] + d[2] + d[3] <= 0) {
        return GT_OK;
    }
    memset(&io, 0, sizeof io);
    io.id = o->id;
    io.t_ms = o->t_ms;
    io.prov.pos = o->prov.pos;
    io.field = GT_FIELD_DIMENSIONS;
    n = snprintf(io.value, sizeof io.value, "%.0f,%.0f,%.0f,%.0f", d[0], d[1], d[2], d[3]);
    if (n <= 0 || (size_t)n >= sizeof io.value) {
        return GT_OK;
    }
    return sink->fact(sink->ud, &io);
}

/* "YYYY-MM-DD HH:MM:SS[.ffffff]" at the start of s (AISHub's "... GMT",
 * aisstream.io's Go time "... +0000 UTC": both UTC). */
static int utc_prefix(const char *s, size_t n, int64_t *t_ms)
{
    size_t k = 19;

    if (s == NULL || n < 19) {
        return 0;
    }
    if (k < n && s[k] == '.') {
        k++;
        while (k < n && s[k] >= '0' && s[k] <= '9') {
            k++;
        }
    }
    return gt_time_parse_iso(s, k, t_ms) == GT_OK;
}

int gt_archive_aishub_json_sniff(const uint8_t *p, size_t n)
{
    size_t i = 0;

    while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t')) {
        i++;
    }
    if (i >= n || p[i] != '[') {
        return 0;
    }
    return first_bytes_have(p, n, "\"ERROR\"") && first_bytes_have(p, n, "\"FORMAT\"") &&
                   first_bytes_have(p, n, "\"USERNAME\"")
               ? 90
               : 0;
}

/* AISHub's answer: [{"ERROR":false,"USERNAME":..,"FORMAT":"HUMAN"|"AIS",
 * ..,"RECORDS":n},[{vessel},...]]; an error answer has ERROR true and no
 * vessel array. */
static int aishub_begin(struct gt_archive_json *j, const json_t *root, int final)
{
    const json_t *h = json_array_get(root, 0);
    const char *fmt = json_string_value(json_object_get(h, "FORMAT"));

    if (!json_is_object(h)) {
        if (final) {
            j->sink->reject(j->sink->ud, "bad-json", 0);
        }
        return final ? -1 : 0;
    }
    if (json_is_true(json_object_get(h, "ERROR")) || !gt_jsonscan_opened(&j->scan)) {
        j->sink->reject(j->sink->ud, "aishub-error", 0);
        return -1;
    }
    j->ais_encoded = fmt != NULL && strcmp(fmt, "AIS") == 0;
    return 1;
}

/* One AISHub vessel.  format=1 (human): degrees, knots, UTC text;
 * format=0 (AIS encoding, ITU-R M.1371-5 units): 1/10,000 minute, 1/10
 * knot, 1/10 degree, 1/10 metre draught, unix time. */
static int aishub_vessel(struct gt_archive_json *j, const json_t *v, uint64_t pos)
{
    static const char *const dims[4] = {"A", "B", "C", "D"};
    const struct gt_sink *sink = j->sink;
    const json_t *t = json_object_get(v, "TIME");
    double mmsi, x, lat, lon, sog = -1, cog = -1, hdg = -1, nav = -1, k = j->ais_encoded ? 10 : 1;
    struct gt_obs o;
    int rc;

    gt_obs_init(&o);
    o.prov.pos = pos;
    if (!onum(v, "MMSI", &mmsi) || mmsi < 1 || mmsi > 999999999) {
        sink->reject(sink->ud, "bad-mmsi", pos);
        return GT_OK;
    }
    o.id.kind = GT_ID_MMSI;
    o.id.value = (uint32_t)mmsi;
    if (j->ais_encoded ? !(num(t, &x) && x > 0 && x < 4.1e9)
                       : !utc_prefix(json_string_value(t), json_string_length(t), &o.t_ms)) {
        sink->reject(sink->ud, "bad-time", pos);
        return GT_OK;
    }
    if (j->ais_encoded) {
        o.t_ms = (int64_t)llround(x * 1000.0);
    }
    o.flags |= GT_OBS_TIME;
    rc = ais_text(sink, &o, GT_FIELD_NAME, json_object_get(v, "NAME"));
    if (rc == GT_OK) {
        rc = ais_text(sink, &o, GT_FIELD_CALLSIGN, json_object_get(v, "CALLSIGN"));
    }
    if (rc == GT_OK && onum(v, "IMO", &x) && x >= 1000000 && x <= 9999999) {
        rc = ais_numfact(sink, &o, GT_FIELD_IMO, 0, x);
    }
    if (rc == GT_OK && onum(v, "TYPE", &x) && x >= 1 && x <= 99) {
        rc = ais_numfact(sink, &o, GT_FIELD_SHIPTYPE, 0, x);
    }
    if (rc == GT_OK && onum(v, "DRAUGHT", &x) && x / k > 0 && x / k < 30) {
        rc = ais_numfact(sink, &o, GT_FIELD_DRAUGHT, 1, x / k);
    }
    if (rc == GT_OK) {
        rc = ais_text(sink, &o, GT_FIELD_DESTINATION, json_object_get(v, "DEST"));
    }
    if (rc == GT_OK) {
        rc = ais_dims(sink, &o, v, dims);
    }
    if (rc < 0) {
        return rc;
    }
    if (!onum(v, "LATITUDE", &lat) || !onum(v, "LONGITUDE", &lon)) {
        sink->reject(sink->ud, "no-position", pos);
        return GT_OK;
    }
    if (j->ais_encoded) {
        lat /= 600000.0;
        lon /= 600000.0;
    }
    if (!gt__valid_latlon(lat, lon)) { /* 91 / 181: not available */
        sink->reject(sink->ud, "no-position", pos);
        return GT_OK;
    }
    o.lat_deg = lat;
    o.lon_deg = lon;
    o.flags |= GT_OBS_POS;
    o.pos_how = GT_POS_REPORTED;
    if (onum(v, "SOG", &x)) {
        sog = x / k;
    }
    if (onum(v, "COG", &x)) {
        cog = x / k;
    }
    (void)onum(v, "HEADING", &hdg);
    (void)onum(v, "NAVSTAT", &nav);
    ais_kinematics(&o, sog, cog, hdg, nav);
    return sink->obs(sink->ud, &o);
}

int gt_archive_aishub_json(const uint8_t *p, size_t n, const struct gt_sink *sink)
{
    return whole(GT_ARCHIVE_AISHUB_JSON, p, n, sink);
}

int gt_archive_aisstream_sniff(const uint8_t *p, size_t n)
{
    size_t end = 0;

    while (end < n && p[end] != '\n') {
        end++;
    }
    if (end < 2 || p[0] != '{') {
        return 0;
    }
    return first_bytes_have(p, end, "\"MessageType\"") && first_bytes_have(p, end, "\"MetaData\"")
               ? 90
               : 0;
}

/*
 * One aisstream.io message (its WebSocket API, one JSON object per line as
 * clients save them): {"MessageType":"PositionReport","Message":
 * {"PositionReport":{...}},"MetaData":{"MMSI":..,"time_utc":..}}.  The body
 * carries the ITU-R M.1371-5 fields by their aisstream names (UserID,
 * Latitude, Longitude degrees, Sog knots, Cog and TrueHeading degrees,
 * NavigationalStatus), the metadata the receive time.  Position reports
 * (types 1-3, 18, 19, 9, 21, 27, 4) give positions, ShipStaticData (5) and
 * StaticDataReport (24) facts; other messages are counted as
 * "no-position".  MetaData.ShipName is aisstream's own lookup, not the
 * message, and is not kept.
 */
int gt_archive_aisstream_line(const uint8_t *p, size_t n, uint64_t pos, const struct gt_sink *sink)
{
    static const char *const dims[4] = {"A", "B", "C", "D"};
    json_t *root;
    const json_t *meta, *body, *t, *x;
    const char *type;
    struct gt_obs o;
    double mmsi, lat, lon, sog = -1, cog = -1, hdg = -1, nav = -1, v;
    int rc = GT_OK;

    while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ')) {
        n--;
    }
    if (n == 0) {
        return GT_OK;
    }
    root = load(p, n);
    if (!json_is_object(root)) {
        sink->reject(sink->ud, "bad-json", pos);
        json_decref(root);
        return GT_OK;
    }
    gt_obs_init(&o);
    o.prov.pos = pos;
    meta = json_object_get(root, "MetaData");
    type = json_string_value(json_object_get(root, "MessageType"));
    body = type != NULL ? json_object_get(json_object_get(root, "Message"), type) : NULL;
    t = json_object_get(meta, "time_utc");
    if (!onum(meta, "MMSI", &mmsi) || mmsi < 1 || mmsi > 999999999) {
        sink->reject(sink->ud, "bad-mmsi", pos);
        goto out;
    }
    o.id.kind = GT_ID_MMSI;
    o.id.value = (uint32_t)mmsi;
    if (!utc_prefix(json_string_value(t), json_string_length(t), &o.t_ms)) {
        sink->reject(sink->ud, "bad-time", pos);
        goto out;
    }
    o.flags |= GT_OBS_TIME;
    if (!json_is_object(body)) {
        sink->reject(sink->ud, "bad-message", pos);
        goto out;
    }
    if (strcmp(type, "ShipStaticData") == 0) {
        rc = ais_text(sink, &o, GT_FIELD_NAME, json_object_get(body, "Name"));
        if (rc == GT_OK) {
            rc = ais_text(sink, &o, GT_FIELD_CALLSIGN, json_object_get(body, "CallSign"));
        }
        if (rc == GT_OK && onum(body, "ImoNumber", &v) && v >= 1000000 && v <= 9999999) {
            rc = ais_numfact(sink, &o, GT_FIELD_IMO, 0, v);
        }
        if (rc == GT_OK && onum(body, "Type", &v) && v >= 1 && v <= 99) {
            rc = ais_numfact(sink, &o, GT_FIELD_SHIPTYPE, 0, v);
        }
        if (rc == GT_OK && onum(body, "MaximumStaticDraught", &v) && v > 0 && v < 30) {
            rc = ais_numfact(sink, &o, GT_FIELD_DRAUGHT, 1, v);
        }
        if (rc == GT_OK) {
            rc = ais_text(sink, &o, GT_FIELD_DESTINATION, json_object_get(body, "Destination"));
        }
        if (rc == GT_OK) {
            rc = ais_dims(sink, &o, json_object_get(body, "Dimension"), dims);
        }
        goto out;
    }
    if (strcmp(type, "StaticDataReport") == 0) {
        x = json_object_get(body, "ReportA");
        if (json_is_true(json_object_get(x, "Valid"))) {
            rc = ais_text(sink, &o, GT_FIELD_NAME, json_object_get(x, "Name"));
        }
        x = json_object_get(body, "ReportB");
        if (rc == GT_OK && json_is_true(json_object_get(x, "Valid"))) {
            rc = ais_text(sink, &o, GT_FIELD_CALLSIGN, json_object_get(x, "CallSign"));
            if (rc == GT_OK && onum(x, "ShipType", &v) && v >= 1 && v <= 99) {
                rc = ais_numfact(sink, &o, GT_FIELD_SHIPTYPE, 0, v);
            }
            if (rc == GT_OK) {
                rc = ais_dims(sink, &o, json_object_get(x, "Dimension"), dims);
            }
        }
        goto out;
    }
    if (!onum(body, "Latitude", &lat) || !onum(body, "Longitude", &lon)) {
        sink->reject(sink->ud, "no-position", pos);
        goto out;
    }
    if (!gt__valid_latlon(lat, lon)) { /* 91 / 181: not available */
        sink->reject(sink->ud, "no-position", pos);
        goto out;
    }
    if (strcmp(type, "AidsToNavigationReport") == 0) {
        rc = ais_text(sink, &o, GT_FIELD_NAME, json_object_get(body, "Name"));
        if (rc < 0) {
            goto out;
        }
    }
    o.lat_deg = lat;
    o.lon_deg = lon;
    o.flags |= GT_OBS_POS;
    o.pos_how = GT_POS_REPORTED;
    if (json_is_true(json_object_get(body, "PositionAccuracy"))) {
        o.flags |= GT_OBS_POS_ACC;
    }
    (void)onum(body, "Sog", &sog);
    (void)onum(body, "Cog", &cog);
    (void)onum(body, "TrueHeading", &hdg);
    (void)onum(body, "NavigationalStatus", &nav);
    ais_kinematics(&o, sog, cog, hdg, nav);
    if (strcmp(type, "StandardSearchAndRescueAircraftReport") == 0 && onum(body, "Altitude", &v) &&
        v >= 0 && v < 4095) {
        o.gnss_alt_ft = gt__to_i32(v / 0.3048);
        o.flags |= GT_OBS_GNSS_ALT;
    }
    rc = sink->obs(sink->ud, &o);
out:
    json_decref(root);
    return rc;
}

/* ---- dispatch ---- */

static int begin(struct gt_archive_json *j, json_t *root, int final)
{
    switch (j->kind) {
    case GT_ARCHIVE_READSB_TRACE:
        return trace_begin(j, root, final);
    case GT_ARCHIVE_READSB_AIRCRAFT:
        return aircraft_begin(j, root, final);
    case GT_ARCHIVE_FR24_JSON:
        return fr24_begin(j, root, final);
    case GT_ARCHIVE_TRAFFIC_JSON:
        return traffic_begin(j, root, final);
    case GT_ARCHIVE_TRAFFIC_COLUMNS:
        return columns_begin(j, root, final);
    case GT_ARCHIVE_TRAFFIC_SPLIT:
        return split_begin(j, root, final);
    case GT_ARCHIVE_AISHUB_JSON:
        return aishub_begin(j, root, final);
    }
    return -1;
}

static int element(struct gt_archive_json *j, json_t *e, uint64_t pos)
{
    switch (j->kind) {
    case GT_ARCHIVE_READSB_TRACE:
        return trace_entry(j, e, pos);
    case GT_ARCHIVE_READSB_AIRCRAFT:
        return aircraft_entry(j, e, pos);
    case GT_ARCHIVE_FR24_JSON:
        return fr24_point(j, e, pos);
    case GT_ARCHIVE_TRAFFIC_JSON:
        return traffic_record(j, e, pos);
    case GT_ARCHIVE_TRAFFIC_COLUMNS:
        return columns_member(j, e, pos);
    case GT_ARCHIVE_TRAFFIC_SPLIT:
        return split_row(j, e, pos);
    case GT_ARCHIVE_AISHUB_JSON:
        return aishub_vessel(j, e, pos);
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

/* ---- ghosttrack NDJSON ---- */

int gt_archive_ndjson_sniff(const uint8_t *p, size_t n)
{
    size_t end = 0;

    while (end < n && p[end] != '\n') {
        end++;
    }
    if (end < 2 || p[0] != '{') {
        return 0;
    }
    return first_bytes_have(p, end, "\"id\":\"mmsi:") || first_bytes_have(p, end, "\"id\":\"icao:")
               ? 90
               : 0;
}

static enum gt_ident_field field_by_name(const char *s)
{
    int f;

    for (f = 1; gt_ident_field_name((enum gt_ident_field)f) != NULL; f++) {
        const char *name = gt_ident_field_name((enum gt_ident_field)f);
        if (name != NULL && strcmp(name, s) == 0) {
            return (enum gt_ident_field)f;
        }
    }
    return (enum gt_ident_field)0;
}

int gt_archive_ndjson_line(const uint8_t *p, size_t n, uint64_t pos, const struct gt_sink *sink)
{
    json_t *root;
    const char *ids, *ts;
    struct gt_obs o;
    double x;
    int rc = GT_OK;

    while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ')) {
        n--;
    }
    if (n == 0) {
        return GT_OK;
    }
    root = load(p, n);
    if (!json_is_object(root)) {
        sink->reject(sink->ud, "bad-json", pos);
        json_decref(root);
        return GT_OK;
    }
    gt_obs_init(&o);
    o.prov.pos = pos;
    ids = json_string_value(json_object_get(root, "id"));
    ts = json_string_value(json_object_get(root, "t"));
    if (ids == NULL || gt_ident_parse(ids, strlen(ids), &o.id) < 0) {
        sink->reject(sink->ud, "bad-identity", pos);
        goto out;
    }
    if (ts == NULL || gt_time_parse_iso(ts, strlen(ts), &o.t_ms) < 0) {
        sink->reject(sink->ud, "bad-time", pos);
        goto out;
    }
    if (json_object_get(root, "field") != NULL) {
        struct gt_ident_obs io;
        const char *fs = json_string_value(json_object_get(root, "field"));
        memset(&io, 0, sizeof io);
        io.id = o.id;
        io.t_ms = o.t_ms;
        io.prov.pos = pos;
        if (fs == NULL || field_by_name(fs) == 0 ||
            emit_fact(sink, &o.id, o.t_ms, pos, field_by_name(fs), json_object_get(root, "value")) <
                0) {
            sink->reject(sink->ud, "bad-fact", pos);
        }
        goto out;
    }
    if (!onum(root, "lat", &o.lat_deg) || !onum(root, "lon", &o.lon_deg) ||
        !gt__valid_latlon(o.lat_deg, o.lon_deg)) {
        sink->reject(sink->ud, "bad-position", pos);
        goto out;
    }
    o.flags |= GT_OBS_POS | GT_OBS_TIME;
    o.pos_how = GT_POS_REPORTED;
    if (onum(root, "alt_ft", &x)) {
        o.alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_ALT;
    }
    if (onum(root, "speed_kn", &x)) {
        o.speed_kn = gt__to_float(x);
        o.flags |= GT_OBS_SPEED;
    }
    if (onum(root, "course_deg", &x)) {
        o.course_deg = gt__to_float(x);
        o.flags |= GT_OBS_COURSE;
    }
    if (onum(root, "heading_deg", &x)) {
        o.heading_deg = gt__to_float(x);
        o.flags |= GT_OBS_HEADING;
    }
    if (onum(root, "nav_status", &x) && x >= 0 && x <= 15) {
        o.nav_status = (uint8_t)gt__to_i32(x);
        o.flags |= GT_OBS_NAVSTAT;
    }
    if (json_is_boolean(json_object_get(root, "on_ground"))) {
        o.on_ground = json_is_true(json_object_get(root, "on_ground")) ? 1 : 0;
        o.flags |= GT_OBS_GROUND;
    }
    rc = sink->obs(sink->ud, &o);
out:
    json_decref(root);
    return rc;
}
