/*
 * json_ais.c - AIS JSON services: the AISHub webservice's JSON (on
 * json.c's driver) and aisstream.io's message lines.
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
    return gt__ajson_emit_fact(sink, &o->id, o->t_ms, o->prov.pos, f, v);
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
        if (!gt__ajson_onum(obj, keys[i], &d[i]) || d[i] < 0 || d[i] > 1023) {
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
    return gt__ajson_first_bytes_have(p, n, "\"ERROR\"") &&
                   gt__ajson_first_bytes_have(p, n, "\"FORMAT\"") &&
                   gt__ajson_first_bytes_have(p, n, "\"USERNAME\"")
               ? 90
               : 0;
}

/* AISHub's answer: [{"ERROR":false,"USERNAME":..,"FORMAT":"HUMAN"|"AIS",
 * ..,"RECORDS":n},[{vessel},...]]; an error answer has ERROR true and no
 * vessel array. */
int gt__ajson_aishub_begin(struct gt_archive_json *j, const json_t *root, int final)
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
int gt__ajson_aishub_vessel(struct gt_archive_json *j, const json_t *v, uint64_t pos)
{
    static const char *const dims[4] = {"A", "B", "C", "D"};
    const struct gt_sink *sink = j->sink;
    const json_t *t = json_object_get(v, "TIME");
    double mmsi, x, lat, lon, sog = -1, cog = -1, hdg = -1, nav = -1, k = j->ais_encoded ? 10 : 1;
    struct gt_obs o;
    int rc;

    gt_obs_init(&o);
    o.prov.pos = pos;
    if (!gt__ajson_onum(v, "MMSI", &mmsi) || mmsi < 1 || mmsi > 999999999) {
        sink->reject(sink->ud, "bad-mmsi", pos);
        return GT_OK;
    }
    o.id.kind = GT_ID_MMSI;
    o.id.value = (uint32_t)mmsi;
    if (j->ais_encoded ? !(gt__ajson_num(t, &x) && x > 0 && x < 4.1e9)
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
    if (rc == GT_OK && gt__ajson_onum(v, "IMO", &x) && x >= 1000000 && x <= 9999999) {
        rc = ais_numfact(sink, &o, GT_FIELD_IMO, 0, x);
    }
    if (rc == GT_OK && gt__ajson_onum(v, "TYPE", &x) && x >= 1 && x <= 99) {
        rc = ais_numfact(sink, &o, GT_FIELD_SHIPTYPE, 0, x);
    }
    if (rc == GT_OK && gt__ajson_onum(v, "DRAUGHT", &x) && x / k > 0 && x / k < 30) {
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
    if (!gt__ajson_onum(v, "LATITUDE", &lat) || !gt__ajson_onum(v, "LONGITUDE", &lon)) {
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
    if (gt__ajson_onum(v, "SOG", &x)) {
        sog = x / k;
    }
    if (gt__ajson_onum(v, "COG", &x)) {
        cog = x / k;
    }
    (void)gt__ajson_onum(v, "HEADING", &hdg);
    (void)gt__ajson_onum(v, "NAVSTAT", &nav);
    ais_kinematics(&o, sog, cog, hdg, nav);
    return sink->obs(sink->ud, &o);
}

int gt_archive_aishub_json(const uint8_t *p, size_t n, const struct gt_sink *sink)
{
    return gt__ajson_whole(GT_ARCHIVE_AISHUB_JSON, p, n, sink);
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
    return gt__ajson_first_bytes_have(p, end, "\"MessageType\"") &&
                   gt__ajson_first_bytes_have(p, end, "\"MetaData\"")
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
    root = gt__ajson_load(p, n);
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
    if (!gt__ajson_onum(meta, "MMSI", &mmsi) || mmsi < 1 || mmsi > 999999999) {
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
        if (rc == GT_OK && gt__ajson_onum(body, "ImoNumber", &v) && v >= 1000000 && v <= 9999999) {
            rc = ais_numfact(sink, &o, GT_FIELD_IMO, 0, v);
        }
        if (rc == GT_OK && gt__ajson_onum(body, "Type", &v) && v >= 1 && v <= 99) {
            rc = ais_numfact(sink, &o, GT_FIELD_SHIPTYPE, 0, v);
        }
        if (rc == GT_OK && gt__ajson_onum(body, "MaximumStaticDraught", &v) && v > 0 && v < 30) {
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
            if (rc == GT_OK && gt__ajson_onum(x, "ShipType", &v) && v >= 1 && v <= 99) {
                rc = ais_numfact(sink, &o, GT_FIELD_SHIPTYPE, 0, v);
            }
            if (rc == GT_OK) {
                rc = ais_dims(sink, &o, json_object_get(x, "Dimension"), dims);
            }
        }
        goto out;
    }
    if (!gt__ajson_onum(body, "Latitude", &lat) || !gt__ajson_onum(body, "Longitude", &lon)) {
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
    (void)gt__ajson_onum(body, "Sog", &sog);
    (void)gt__ajson_onum(body, "Cog", &cog);
    (void)gt__ajson_onum(body, "TrueHeading", &hdg);
    (void)gt__ajson_onum(body, "NavigationalStatus", &nav);
    ais_kinematics(&o, sog, cog, hdg, nav);
    if (strcmp(type, "StandardSearchAndRescueAircraftReport") == 0 &&
        gt__ajson_onum(body, "Altitude", &v) && v >= 0 && v < 4095) {
        o.gnss_alt_ft = gt__to_i32(v / 0.3048);
        o.flags |= GT_OBS_GNSS_ALT;
    }
    rc = sink->obs(sink->ud, &o);
out:
    json_decref(root);
    return rc;
}
