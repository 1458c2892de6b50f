/*
 * json.c - JSON archive parsers (jansson): readsb/tar1090 trace_full and
 * aircraft.json (readsb README-json.md: trace entries are [seconds after
 * "timestamp", lat, lon, altitude or "ground", ground speed kn, track deg,
 * flags, vertical rate fpm, details object or null, source type, geometric
 * altitude, geometric rate, ias, roll]), Flightradar24 playback JSON, the
 * traffic library's JSON records (each position timed by its own
 * "last_position", a repeated position stored once), and ghosttrack's own
 * NDJSON observation lines.
 *
 * Provenance: each trace entry, aircraft or track point gets the byte
 * offset of its array element in the document, found by a small scanner
 * that follows JSON strings and nesting, so evidence can point at it.
 */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "archive_int.h"
#include "ghosttrack/archive.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/time.h"

static uint64_t *malloc_offsets(size_t n)
{
    return n > 0 ? gt_calloc(n, sizeof(uint64_t)) : NULL;
}

static void free_offsets(uint64_t *p)
{
    gt_free(p);
}

/* ---- element offsets ---- */

/* Skip a JSON string starting at p[i] == '"'; return the index after it. */
static size_t skip_string(const uint8_t *p, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (p[i] == '\\') {
            i++;
        } else if (p[i] == '"') {
            return i + 1;
        }
    }
    return n;
}

/* Find the array value of the first key named key (at any depth) and
 * write the offsets of its elements into offs (at most max).  Returns the
 * number found. */
static size_t element_offsets(const uint8_t *p, size_t n, const char *key, uint64_t *offs,
                              size_t max)
{
    size_t klen = key != NULL ? strlen(key) : 0, i = 0, count = 0;
    int depth = 0;

    if (key == NULL) {
        while (i < n && p[i] != '[') {
            i++;
        }
        i++;
        goto in_array;
    }
    while (i < n) {
        if (p[i] == '"') {
            size_t end = skip_string(p, n, i);
            size_t j = end;
            if (end - i == klen + 2 && memcmp(p + i + 1, key, klen) == 0) {
                while (j < n && (p[j] == ' ' || p[j] == '\n' || p[j] == '\r' || p[j] == '\t')) {
                    j++;
                }
                if (j < n && p[j] == ':') {
                    j++;
                    while (j < n && (p[j] == ' ' || p[j] == '\n' || p[j] == '\r' || p[j] == '\t')) {
                        j++;
                    }
                    if (j < n && p[j] == '[') {
                        i = j + 1;
                        break;
                    }
                }
            }
            i = end;
            continue;
        }
        i++;
    }
in_array:
    if (i >= n) {
        return 0;
    }
    /* Now inside the array: record each element start at depth 0. */
    depth = 0;
    {
        int want = 1;
        while (i < n && count < max) {
            uint8_t c = p[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                i++;
                continue;
            }
            if (depth == 0 && c == ']') {
                break;
            }
            if (depth == 0 && c == ',') {
                want = 1;
                i++;
                continue;
            }
            if (want) {
                offs[count++] = i;
                want = 0;
            }
            if (c == '"') {
                i = skip_string(p, n, i);
                continue;
            }
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            }
            i++;
        }
    }
    return count;
}

/* Elements read from one array at most. */
#define MAX_ELEMS (1u << 22)

/* Byte offsets of the elements of the JSON array key (NULL: the top-level
 * array) holding *count elements, *count first clamped to MAX_ELEMS: *offs
 * (free_offsets) and *noffs of them found.  Returns GT_OK or GT_ERR_NOMEM. */
static int array_offsets(const uint8_t *p, size_t n, const char *key, size_t *count,
                         uint64_t **offs, size_t *noffs)
{
    if (*count > MAX_ELEMS) {
        *count = MAX_ELEMS;
    }
    *offs = malloc_offsets(*count);
    if (*offs == NULL && *count > 0) {
        return GT_ERR_NOMEM;
    }
    *noffs = element_offsets(p, n, key, *offs, *count);
    return GT_OK;
}

/* Offsets must not go backwards (the pipeline commits between records);
 * a document whose scan disagrees with the parser keeps the last one. */
static uint64_t mono(uint64_t *last, const uint64_t *offs, size_t noffs, size_t i)
{
    uint64_t pos = i < noffs ? offs[i] : 0;

    if (pos < *last) {
        pos = *last;
    }
    *last = pos;
    return pos;
}

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
    return json_loadb((const char *)p, n, JSON_DECODE_INT_AS_REAL | JSON_ALLOW_NUL, &err);
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

/* ---- readsb trace_full ---- */

int gt_archive_readsb_trace_sniff(const uint8_t *p, size_t n)
{
    if (!json_start(p, n)) {
        return 0;
    }
    return first_bytes_have(p, n, "\"trace\"") && first_bytes_have(p, n, "\"icao\"") ? 95 : 0;
}

static int trace_entry(const json_t *e, const struct gt_ident *id, double base_s, uint64_t pos,
                       const struct gt_sink *sink)
{
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
    o.t_ms = (int64_t)llround((base_s + dt) * 1000.0);
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
    json_t *root = load(p, n), *trace;
    struct gt_ident id;
    const char *icao;
    double base_s;
    uint64_t *offs = NULL;
    size_t i, noffs = 0, count;
    uint64_t last = 0;
    int rc = GT_OK;

    if (!json_is_object(root)) {
        sink->reject(sink->ud, "bad-json", 0);
        json_decref(root);
        return GT_OK;
    }
    icao = json_string_value(json_object_get(root, "icao"));
    trace = json_object_get(root, "trace");
    if (icao == NULL || gt__parse_icao(icao, strlen(icao), &id) < 0) {
        sink->reject(sink->ud, "bad-icao24", 0);
        goto out;
    }
    if (!onum(root, "timestamp", &base_s) || !json_is_array(trace)) {
        sink->reject(sink->ud, "bad-trace", 0);
        goto out;
    }
    count = json_array_size(trace);
    rc = array_offsets(p, n, "trace", &count, &offs, &noffs);
    if (rc < 0) {
        goto out;
    }
    rc = emit_fact(sink, &id, (int64_t)llround(base_s * 1000.0), 0, GT_FIELD_REGISTRATION,
                   json_object_get(root, "r"));
    if (rc == GT_OK) {
        rc = emit_fact(sink, &id, (int64_t)llround(base_s * 1000.0), 0, GT_FIELD_TYPECODE,
                       json_object_get(root, "t"));
    }
    for (i = 0; i < count && rc == GT_OK; i++) {
        rc = trace_entry(json_array_get(trace, i), &id, base_s, mono(&last, offs, noffs, i), sink);
    }
out:
    free_offsets(offs);
    json_decref(root);
    return rc;
}

/* ---- readsb aircraft.json ---- */

int gt_archive_readsb_aircraft_sniff(const uint8_t *p, size_t n)
{
    if (!json_start(p, n)) {
        return 0;
    }
    return first_bytes_have(p, n, "\"aircraft\"") && first_bytes_have(p, n, "\"now\"") ? 90 : 0;
}

int gt_archive_readsb_aircraft(const uint8_t *p, size_t n, const struct gt_sink *sink)
{
    json_t *root = load(p, n), *list;
    double now_s;
    uint64_t *offs = NULL;
    size_t i, noffs = 0, count;
    uint64_t last = 0;
    int rc = GT_OK;

    if (!json_is_object(root)) {
        sink->reject(sink->ud, "bad-json", 0);
        json_decref(root);
        return GT_OK;
    }
    list = json_object_get(root, "aircraft");
    if (!onum(root, "now", &now_s) || !json_is_array(list)) {
        sink->reject(sink->ud, "bad-aircraft-json", 0);
        json_decref(root);
        return GT_OK;
    }
    count = json_array_size(list);
    if (array_offsets(p, n, "aircraft", &count, &offs, &noffs) < 0) {
        json_decref(root);
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < count && rc == GT_OK; i++) {
        const json_t *a = json_array_get(list, i), *alt;
        const char *hex = json_string_value(json_object_get(a, "hex"));
        uint64_t pos = mono(&last, offs, noffs, i);
        struct gt_obs o;
        double seen = 0, x;

        gt_obs_init(&o);
        if (hex == NULL || gt__parse_icao(hex, strlen(hex), &o.id) < 0) {
            sink->reject(sink->ud, "bad-icao24", pos);
            continue;
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
            rc =
                emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_REGISTRATION, json_object_get(a, "r"));
        }
        if (rc < 0) {
            break;
        }
        if (!onum(a, "lat", &o.lat_deg) || !onum(a, "lon", &o.lon_deg) ||
            !gt__valid_latlon(o.lat_deg, o.lon_deg)) {
            sink->reject(sink->ud, "no-position", pos);
            continue;
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
        rc = sink->obs(sink->ud, &o);
    }
    free_offsets(offs);
    json_decref(root);
    return rc;
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

/* A flight without a Mode S address (FR24 leaves "modes" empty for some
 * aircraft) but with a registration or callsign: a provisional subject
 * from the callsign, registration and first timestamp, resolved at detect
 * time like a CSV file (gt_air_resolve()). */
static int provisional(const json_t *flight, const json_t *track, struct gt_ident *id)
{
    static const char *const reg_path[] = {"aircraft", "identification", "registration", NULL};
    static const char *const cs_path[] = {"identification", "callsign", NULL};
    const char *reg = json_string_value(path(flight, reg_path));
    const char *cs = json_string_value(path(flight, cs_path));
    const char *parts[2];
    double t_s = 0;
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
    if (json_array_size(track) > 0) {
        (void)onum(json_array_get(track, 0), "timestamp", &t_s);
    }
    h = (h ^ (uint32_t)(int64_t)t_s) * 16777619u;
    id->kind = GT_ID_ICAO;
    id->value = (h >> 24 ^ h) & 0xffffffu;
    id->flags = GT_IDENT_PROVISIONAL;
    return GT_OK;
}

int gt_archive_fr24_json(const uint8_t *p, size_t n, const struct gt_sink *sink)
{
    static const char *const flight_path[] = {"result", "response", "data", "flight", NULL};
    static const char *const modes_path[] = {"aircraft", "identification", "modes", NULL};
    static const char *const reg_path[] = {"aircraft", "identification", "registration", NULL};
    static const char *const type_path[] = {"aircraft", "model", "code", NULL};
    static const char *const cs_path[] = {"identification", "callsign", NULL};
    static const char *const orig_path[] = {"airport", "origin", "code", "icao", NULL};
    static const char *const dest_path[] = {"airport", "destination", "code", "icao", NULL};
    json_t *root = load(p, n);
    const json_t *flight, *track;
    const char *modes;
    struct gt_ident id;
    uint64_t *offs = NULL;
    size_t i, count, noffs;
    uint64_t last = 0;
    int rc = GT_OK;

    if (!json_is_object(root)) {
        sink->reject(sink->ud, "bad-json", 0);
        json_decref(root);
        return GT_OK;
    }
    flight = path(root, flight_path);
    if (flight == NULL) {
        flight = root;
    }
    modes = json_string_value(path(flight, modes_path));
    track = json_object_get(flight, "track");
    if (!json_is_array(track) ||
        ((modes == NULL || gt__parse_icao(modes, strlen(modes), &id) < 0) &&
         provisional(flight, track, &id) < 0)) {
        sink->reject(sink->ud, "no-subject", 0);
        json_decref(root);
        return GT_OK;
    }
    count = json_array_size(track);
    if (array_offsets(p, n, "track", &count, &offs, &noffs) < 0) {
        json_decref(root);
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < count && rc == GT_OK; i++) {
        const json_t *e = json_array_get(track, i), *v;
        uint64_t pos = mono(&last, offs, noffs, i);
        struct gt_obs o;
        double t_s, x;

        gt_obs_init(&o);
        o.id = id;
        o.prov.pos = pos;
        if (!onum(e, "timestamp", &t_s) || t_s < 0 || t_s > 4.1e9) {
            sink->reject(sink->ud, "bad-time", pos);
            continue;
        }
        o.t_ms = (int64_t)llround(t_s * 1000.0);
        o.flags |= GT_OBS_TIME;
        if (i == 0) {
            rc = emit_fact(sink, &id, o.t_ms, pos, GT_FIELD_REGISTRATION, path(flight, reg_path));
            if (rc == GT_OK) {
                rc = emit_fact(sink, &id, o.t_ms, pos, GT_FIELD_TYPECODE, path(flight, type_path));
            }
            if (rc == GT_OK) {
                rc = emit_fact(sink, &id, o.t_ms, pos, GT_FIELD_CALLSIGN, path(flight, cs_path));
            }
            /* the airports FR24 publishes for the flight (its schedule or
             * its own inference), kept as facts at the first fix: flight.c
             * uses them where the track itself shows no airport */
            if (rc == GT_OK) {
                rc = emit_fact(sink, &id, o.t_ms, pos, GT_FIELD_ORIGIN, path(flight, orig_path));
            }
            if (rc == GT_OK) {
                rc = emit_fact(sink, &id, o.t_ms, pos, GT_FIELD_DESTINATION,
                               path(flight, dest_path));
            }
            if (rc < 0) {
                break;
            }
        }
        rc = emit_fact(sink, &id, o.t_ms, pos, GT_FIELD_SQUAWK, json_object_get(e, "squawk"));
        if (rc < 0) {
            break;
        }
        if (!onum(e, "latitude", &o.lat_deg) || !onum(e, "longitude", &o.lon_deg) ||
            !gt__valid_latlon(o.lat_deg, o.lon_deg)) {
            sink->reject(sink->ud, "bad-position", pos);
            continue;
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
        rc = sink->obs(sink->ud, &o);
    }
    free_offsets(offs);
    json_decref(root);
    return rc;
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

int gt_archive_traffic_json(const uint8_t *p, size_t n, const struct gt_sink *sink)
{
    json_t *root = load(p, n);
    uint64_t *offs = NULL, last = 0;
    size_t i, count, noffs;
    char last_cs[GT_IDENT_VALUE_MAX] = "";
    struct gt_ident last_id = {GT_ID_NONE, 0, 0};
    struct stale_slot *seen = NULL;
    int rc = GT_OK;

    if (!json_is_array(root)) {
        sink->reject(sink->ud, "bad-json", 0);
        json_decref(root);
        return GT_OK;
    }
    count = json_array_size(root);
    seen = gt_calloc(STALE_SLOTS, sizeof *seen);
    if (seen == NULL || array_offsets(p, n, NULL, &count, &offs, &noffs) < 0) {
        gt_free(seen);
        json_decref(root);
        return GT_ERR_NOMEM;
    }
    for (i = 0; i < count && rc == GT_OK; i++) {
        const json_t *e = json_array_get(root, i), *v;
        const char *hex = json_string_value(json_object_get(e, "icao24"));
        uint64_t pos = mono(&last, offs, noffs, i);
        struct stale_slot *slot;
        struct gt_obs o;
        double x;

        gt_obs_init(&o);
        o.prov.pos = pos;
        if (hex == NULL || gt__parse_icao(hex, strlen(hex), &o.id) < 0) {
            sink->reject(sink->ud, "bad-icao24", pos);
            continue;
        }
        if (!record_time(json_object_get(e, "timestamp"), &o.t_ms)) {
            sink->reject(sink->ud, "bad-time", pos);
            continue;
        }
        o.flags |= GT_OBS_TIME;
        v = json_object_get(e, "callsign");
        if (json_is_string(v) &&
            (o.id.value != last_id.value || o.id.flags != last_id.flags ||
             strncmp(json_string_value(v), last_cs, sizeof last_cs - 1) != 0)) {
            snprintf(last_cs, sizeof last_cs, "%s", json_string_value(v));
            last_id = o.id;
            rc = emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_CALLSIGN, v);
            if (rc < 0) {
                break;
            }
        }
        if (!onum(e, "latitude", &o.lat_deg) || !onum(e, "longitude", &o.lon_deg)) {
            sink->reject(sink->ud, "no-position", pos);
            continue;
        }
        if (!gt__valid_latlon(o.lat_deg, o.lon_deg)) {
            sink->reject(sink->ud, "bad-position", pos);
            continue;
        }
        o.t_ms = position_time(e, o.t_ms);
        slot = &seen[(o.id.value ^ (o.id.value >> 8) ^ o.id.flags) % STALE_SLOTS];
        if (slot->used && slot->value == o.id.value && slot->pos_ms == o.t_ms) {
            sink->reject(sink->ud, "repeated-position", pos);
            continue;
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
        rc = sink->obs(sink->ud, &o);
    }
    gt_free(seen);
    free_offsets(offs);
    json_decref(root);
    return rc;
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
