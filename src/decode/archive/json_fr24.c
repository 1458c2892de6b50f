/*
 * json_fr24.c - Flightradar24 playback JSON (the flight's identification,
 * then its track[] points), on json.c's driver.
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

/* ---- Flightradar24 playback JSON ---- */

int gt_archive_fr24_json_sniff(const uint8_t *p, size_t n)
{
    if (!gt__ajson_json_start(p, n)) {
        return 0;
    }
    return gt__ajson_first_bytes_have(p, n, "\"track\"") &&
                   gt__ajson_first_bytes_have(p, n, "\"identification\"")
               ? 90
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

int gt__ajson_fr24_begin(struct gt_archive_json *j, const json_t *root, int final)
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

int gt__ajson_fr24_point(struct gt_archive_json *j, const json_t *e, uint64_t pos)
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
        (void)gt__ajson_onum(e, "timestamp", &t_s);
        if (provisional(flight, t_s, &j->id) < 0) {
            return GT_OK;
        }
        j->have_id = 1;
    }
    gt_obs_init(&o);
    o.id = j->id;
    o.prov.pos = pos;
    if (!gt__ajson_onum(e, "timestamp", &t_s) || t_s < 0 || t_s > 4.1e9) {
        sink->reject(sink->ud, "bad-time", pos);
        return GT_OK;
    }
    o.t_ms = (int64_t)llround(t_s * 1000.0);
    o.flags |= GT_OBS_TIME;
    if (j->index == 0) {
        rc = gt__ajson_emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_REGISTRATION,
                                 path(flight, reg_path));
        if (rc == GT_OK) {
            rc = gt__ajson_emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_TYPECODE,
                                     path(flight, type_path));
        }
        if (rc == GT_OK) {
            rc = gt__ajson_emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_CALLSIGN,
                                     path(flight, cs_path));
        }
        if (rc == GT_OK) {
            rc = gt__ajson_emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_FLIGHT,
                                     path(flight, number_path));
        }
        /* the airports FR24 publishes for the flight (its schedule or
         * its own inference), kept as facts at the first fix: flight.c
         * uses them where the track itself shows no airport */
        if (rc == GT_OK) {
            rc = gt__ajson_emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_ORIGIN,
                                     path(flight, orig_path));
        }
        if (rc == GT_OK) {
            rc = gt__ajson_emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_DESTINATION,
                                     path(flight, dest_path));
        }
        if (rc < 0) {
            return rc;
        }
    }
    rc = gt__ajson_emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_SQUAWK,
                             json_object_get(e, "squawk"));
    if (rc < 0) {
        return rc;
    }
    if (!gt__ajson_onum(e, "latitude", &o.lat_deg) || !gt__ajson_onum(e, "longitude", &o.lon_deg) ||
        !gt__valid_latlon(o.lat_deg, o.lon_deg)) {
        sink->reject(sink->ud, "bad-position", pos);
        return GT_OK;
    }
    o.flags |= GT_OBS_POS;
    o.pos_how = GT_POS_REPORTED;
    v = json_object_get(e, "altitude");
    if ((json_is_object(v) && gt__ajson_onum(v, "feet", &x)) || gt__ajson_num(v, &x)) {
        o.alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_ALT;
    }
    v = json_object_get(e, "speed");
    if (((json_is_object(v) && gt__ajson_onum(v, "kts", &x)) || gt__ajson_num(v, &x)) && x >= 0) {
        o.speed_kn = gt__to_float(x);
        o.flags |= GT_OBS_SPEED;
    }
    v = json_object_get(e, "verticalSpeed");
    if ((json_is_object(v) && gt__ajson_onum(v, "fpm", &x)) || gt__ajson_num(v, &x)) {
        o.vrate_fpm = gt__to_float(x);
        o.flags |= GT_OBS_VRATE;
    }
    if (gt__ajson_onum(e, "heading", &x) && x >= 0 && x <= 360) {
        o.course_deg = gt__to_float(fmod(x, 360.0));
        o.flags |= GT_OBS_COURSE;
    }
    return sink->obs(sink->ud, &o);
}

int gt_archive_fr24_json(const uint8_t *p, size_t n, const struct gt_sink *sink)
{
    return gt__ajson_whole(GT_ARCHIVE_FR24_JSON, p, n, sink);
}
