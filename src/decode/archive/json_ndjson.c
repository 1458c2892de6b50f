/*
 * json_ndjson.c - ghosttrack's own NDJSON observation lines (one JSON
 * object a line, as `ghosttrack decode --json` writes them).
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
    return gt__ajson_first_bytes_have(p, end, "\"id\":\"mmsi:") ||
                   gt__ajson_first_bytes_have(p, end, "\"id\":\"icao:")
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
    root = gt__ajson_load(p, n);
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
            gt__ajson_emit_fact(sink, &o.id, o.t_ms, pos, field_by_name(fs),
                                json_object_get(root, "value")) < 0) {
            sink->reject(sink->ud, "bad-fact", pos);
        }
        goto out;
    }
    if (!gt__ajson_onum(root, "lat", &o.lat_deg) || !gt__ajson_onum(root, "lon", &o.lon_deg) ||
        !gt__valid_latlon(o.lat_deg, o.lon_deg)) {
        sink->reject(sink->ud, "bad-position", pos);
        goto out;
    }
    o.flags |= GT_OBS_POS | GT_OBS_TIME;
    o.pos_how = GT_POS_REPORTED;
    if (gt__ajson_onum(root, "alt_ft", &x)) {
        o.alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_ALT;
    }
    if (gt__ajson_onum(root, "speed_kn", &x)) {
        o.speed_kn = gt__to_float(x);
        o.flags |= GT_OBS_SPEED;
    }
    if (gt__ajson_onum(root, "course_deg", &x)) {
        o.course_deg = gt__to_float(x);
        o.flags |= GT_OBS_COURSE;
    }
    if (gt__ajson_onum(root, "heading_deg", &x)) {
        o.heading_deg = gt__to_float(x);
        o.flags |= GT_OBS_HEADING;
    }
    if (gt__ajson_onum(root, "nav_status", &x) && x >= 0 && x <= 15) {
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
