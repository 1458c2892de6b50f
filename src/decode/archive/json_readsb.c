/*
 * json_readsb.c - readsb/tar1090 JSON: trace_full files (readsb
 * README-json.md: trace entries are [seconds after "timestamp", lat, lon,
 * altitude or "ground", ground speed kn, track deg, flags, vertical rate
 * fpm, details object or null, source type, geometric altitude, geometric
 * rate, ias, roll]) and aircraft.json snapshots, on json.c's driver.
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

/* A whole document in memory, through the stream. */
int gt__ajson_whole(enum gt_archive_json_kind kind, const uint8_t *p, size_t n,
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
    if (!gt__ajson_json_start(p, n)) {
        return 0;
    }
    return gt__ajson_first_bytes_have(p, n, "\"trace\"") &&
                   gt__ajson_first_bytes_have(p, n, "\"icao\"")
               ? 95
               : 0;
}

int gt__ajson_trace_begin(struct gt_archive_json *j, const json_t *root, int final)
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
    if (!gt__ajson_onum(root, "timestamp", &j->base_s) || !gt_jsonscan_opened(&j->scan)) {
        if (final) {
            sink->reject(sink->ud, "bad-trace", 0);
        }
        return final ? -1 : 0;
    }
    t_ms = (int64_t)llround(j->base_s * 1000.0);
    rc = gt__ajson_emit_fact(sink, &j->id, t_ms, 0, GT_FIELD_REGISTRATION,
                             json_object_get(root, "r"));
    if (rc == GT_OK) {
        rc = gt__ajson_emit_fact(sink, &j->id, t_ms, 0, GT_FIELD_TYPECODE,
                                 json_object_get(root, "t"));
    }
    return rc < 0 ? rc : 1;
}

int gt__ajson_trace_entry(struct gt_archive_json *j, const json_t *e, uint64_t pos)
{
    const struct gt_sink *sink = j->sink;
    const struct gt_ident *id = &j->id;
    struct gt_obs o;
    double dt, x;
    const json_t *alt, *det;
    int rc;

    if (!json_is_array(e) || json_array_size(e) < 6 || !gt__ajson_num(json_array_get(e, 0), &dt)) {
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
        rc = gt__ajson_emit_fact(sink, id, o.t_ms, pos, GT_FIELD_CALLSIGN,
                                 json_object_get(det, "flight"));
        if (rc == GT_OK) {
            rc = gt__ajson_emit_fact(sink, id, o.t_ms, pos, GT_FIELD_SQUAWK,
                                     json_object_get(det, "squawk"));
        }
        if (rc < 0) {
            return rc;
        }
    }
    if (!gt__ajson_num(json_array_get(e, 1), &o.lat_deg) ||
        !gt__ajson_num(json_array_get(e, 2), &o.lon_deg) ||
        !gt__valid_latlon(o.lat_deg, o.lon_deg)) {
        sink->reject(sink->ud, "bad-position", pos);
        return GT_OK;
    }
    o.flags |= GT_OBS_POS;
    alt = json_array_get(e, 3);
    if (json_is_string(alt) && strcmp(json_string_value(alt), "ground") == 0) {
        o.on_ground = 1;
        o.flags |= GT_OBS_GROUND;
    } else if (gt__ajson_num(alt, &x)) {
        o.alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_ALT;
    }
    if (gt__ajson_num(json_array_get(e, 4), &x) && x >= 0) {
        o.speed_kn = gt__to_float(x);
        o.flags |= GT_OBS_SPEED;
    }
    if (gt__ajson_num(json_array_get(e, 5), &x) && x >= 0 && x <= 360) {
        o.course_deg = gt__to_float(fmod(x, 360.0));
        o.flags |= GT_OBS_COURSE;
    }
    if (gt__ajson_num(json_array_get(e, 7), &x)) {
        o.vrate_fpm = gt__to_float(x);
        o.flags |= GT_OBS_VRATE;
    }
    if (gt__ajson_num(json_array_get(e, 10), &x)) {
        o.gnss_alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_GNSS_ALT;
    }
    o.pos_how = gt__ajson_method_of(json_string_value(json_array_get(e, 9)));
    return sink->obs(sink->ud, &o);
}

int gt_archive_readsb_trace(const uint8_t *p, size_t n, const struct gt_sink *sink)
{
    return gt__ajson_whole(GT_ARCHIVE_READSB_TRACE, p, n, sink);
}

/* ---- readsb aircraft.json ---- */

int gt_archive_readsb_aircraft_sniff(const uint8_t *p, size_t n)
{
    if (!gt__ajson_json_start(p, n)) {
        return 0;
    }
    return gt__ajson_first_bytes_have(p, n, "\"aircraft\"") &&
                   gt__ajson_first_bytes_have(p, n, "\"now\"")
               ? 90
               : 0;
}

int gt__ajson_aircraft_begin(struct gt_archive_json *j, const json_t *root, int final)
{
    if (!json_is_object(root)) {
        if (final) {
            j->sink->reject(j->sink->ud, "bad-json", 0);
        }
        return final ? -1 : 0;
    }
    if (!gt__ajson_onum(root, "now", &j->base_s) || !gt_jsonscan_opened(&j->scan)) {
        if (final) {
            j->sink->reject(j->sink->ud, "bad-aircraft-json", 0);
        }
        return final ? -1 : 0;
    }
    return 1;
}

int gt__ajson_aircraft_entry(struct gt_archive_json *j, const json_t *a, uint64_t pos)
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
    (void)gt__ajson_onum(a, "seen", &seen);
    o.t_ms = (int64_t)llround((now_s - seen) * 1000.0);
    rc = gt__ajson_emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_CALLSIGN,
                             json_object_get(a, "flight"));
    if (rc == GT_OK) {
        rc = gt__ajson_emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_SQUAWK,
                                 json_object_get(a, "squawk"));
    }
    if (rc == GT_OK) {
        rc = gt__ajson_emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_REGISTRATION,
                                 json_object_get(a, "r"));
    }
    if (rc < 0) {
        return rc;
    }
    if (!gt__ajson_onum(a, "lat", &o.lat_deg) || !gt__ajson_onum(a, "lon", &o.lon_deg) ||
        !gt__valid_latlon(o.lat_deg, o.lon_deg)) {
        sink->reject(sink->ud, "no-position", pos);
        return GT_OK;
    }
    seen = 0;
    (void)gt__ajson_onum(a, "seen_pos", &seen);
    o.t_ms = (int64_t)llround((now_s - seen) * 1000.0);
    o.flags |= GT_OBS_POS;
    alt = json_object_get(a, "alt_baro");
    if (json_is_string(alt) && strcmp(json_string_value(alt), "ground") == 0) {
        o.on_ground = 1;
        o.flags |= GT_OBS_GROUND;
    } else if (gt__ajson_num(alt, &x)) {
        o.alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_ALT;
    }
    if (gt__ajson_onum(a, "alt_geom", &x)) {
        o.gnss_alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_GNSS_ALT;
    }
    if (gt__ajson_onum(a, "gs", &x) && x >= 0) {
        o.speed_kn = gt__to_float(x);
        o.flags |= GT_OBS_SPEED;
    }
    if (gt__ajson_onum(a, "track", &x) && x >= 0 && x <= 360) {
        o.course_deg = gt__to_float(fmod(x, 360.0));
        o.flags |= GT_OBS_COURSE;
    }
    if (gt__ajson_onum(a, "baro_rate", &x)) {
        o.vrate_fpm = gt__to_float(x);
        o.flags |= GT_OBS_VRATE;
    }
    o.pos_how = gt__ajson_method_of(json_string_value(json_object_get(a, "type")));
    return sink->obs(sink->ud, &o);
}

int gt_archive_readsb_aircraft(const uint8_t *p, size_t n, const struct gt_sink *sink)
{
    return gt__ajson_whole(GT_ARCHIVE_READSB_AIRCRAFT, p, n, sink);
}
