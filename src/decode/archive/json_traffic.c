/*
 * json_traffic.c - the traffic library's JSON: records (each position
 * timed by its own "last_position", a repeated position stored once) and
 * pandas' "columns", "split" and "table" layouts of the same frames, on
 * json.c's driver.
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
    return gt__ajson_first_bytes_have(p, n, "\"icao24\"") &&
                   gt__ajson_first_bytes_have(p, n, "\"timestamp\"")
               ? 85
               : 0;
}

static int record_time(const json_t *v, int64_t *t_ms)
{
    double x;

    if (json_is_string(v)) {
        return gt_time_parse_iso(json_string_value(v), json_string_length(v), t_ms) == GT_OK;
    }
    if (!gt__ajson_num(v, &x) || x < 0 || x > 4.1e12) {
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

int gt__ajson_traffic_begin(struct gt_archive_json *j, const json_t *root, int final)
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
    } else if (gt__ajson_num(v, &x) && x >= 0 && x <= 7777 && fabs(x - floor(x)) < 1e-9) {
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
int gt__ajson_traffic_record(struct gt_archive_json *j, const json_t *e, uint64_t pos)
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
        rc = gt__ajson_emit_fact(sink, &o.id, o.t_ms, pos, GT_FIELD_CALLSIGN, v);
        if (rc < 0) {
            return rc;
        }
    }
    rc = traffic_squawk(j, &o, json_object_get(e, "squawk"), pos);
    if (rc < 0) {
        return rc;
    }
    if (!gt__ajson_onum(e, "latitude", &o.lat_deg) || !gt__ajson_onum(e, "longitude", &o.lon_deg)) {
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
    if (gt__ajson_onum(e, "altitude", &x) && fabs(x) < 100000) {
        o.alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_ALT;
    }
    if (gt__ajson_onum(e, "geoaltitude", &x) && fabs(x) < 100000) {
        o.gnss_alt_ft = gt__to_i32(x);
        o.flags |= GT_OBS_GNSS_ALT;
    }
    if (gt__ajson_onum(e, "groundspeed", &x) && x >= 0 && x < 4000) {
        o.speed_kn = gt__to_float(x);
        o.flags |= GT_OBS_SPEED;
    }
    if (gt__ajson_onum(e, "track", &x) && x >= 0 && x <= 360) {
        o.course_deg = gt__to_float(fmod(x, 360.0));
        o.flags |= GT_OBS_COURSE;
    }
    if (gt__ajson_onum(e, "vertical_rate", &x) && fabs(x) < 100000) {
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
    return gt__ajson_whole(GT_ARCHIVE_TRAFFIC_JSON, p, n, sink);
}

/* ---- pandas "columns" layout of traffic data ---- */

/*
 * DataFrame.to_json() writes a frame by columns unless told otherwise
 * (orient="columns", pandas' default): {"icao24":{"0":"ae0455","1":..},
 * "timestamp":{"0":1600120071000,..},..}, times in epoch milliseconds
 * (date_unit="ms").  A row is spread over every column, so this layout
 * cannot be read row by row: each column is read as one gt__ajson_element (capped at
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

int gt__ajson_columns_begin(struct gt_archive_json *j, const json_t *root, int final)
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
int gt__ajson_columns_member(struct gt_archive_json *j, json_t *e, uint64_t pos)
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
int gt__ajson_columns_rows(struct gt_archive_json *j)
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
            rc = gt__ajson_traffic_record(j, rec, j->cols_pos + k++);
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
    return gt__ajson_whole(GT_ARCHIVE_TRAFFIC_COLUMNS, p, n, sink);
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
    if (i >= n || p[i] != '{' || !gt__ajson_first_bytes_have(p, n, "\"data\"") ||
        !gt__ajson_first_bytes_have(p, n, "\"icao24\"")) {
        return 0;
    }
    return gt__ajson_first_bytes_have(p, n, "\"columns\"") ||
                   gt__ajson_first_bytes_have(p, n, "\"schema\"")
               ? 80
               : 0;
}

int gt__ajson_split_begin(struct gt_archive_json *j, const json_t *root, int final)
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
int gt__ajson_split_row(struct gt_archive_json *j, json_t *e, uint64_t pos)
{
    const json_t *cols = json_object_get(j->head, "columns");
    json_t *rec;
    size_t i;
    int rc = GT_OK;

    if (!json_is_array(e)) {
        return gt__ajson_traffic_record(j, e, pos);
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
        rc = gt__ajson_traffic_record(j, rec, pos);
    }
    json_decref(rec);
    return rc;
}

int gt_archive_traffic_split(const uint8_t *p, size_t n, const struct gt_sink *sink)
{
    return gt__ajson_whole(GT_ARCHIVE_TRAFFIC_SPLIT, p, n, sink);
}
