/*
 * export.c - track and event exporters: NDJSON, CSV (RFC 4180 with
 * formula-injection guard), GeoJSON (RFC 7946), KML 2.2 with the Google
 * gx:Track extension, and GPX 1.1.  See export.h for the layout choices.
 */
#include "ghosttrack/export.h"

#include <stdio.h>
#include <string.h>

#include "ghosttrack/esc.h"
#include "ghosttrack/time.h"

#define OUT_MAX  (64u << 20)
#define FLUSH_AT (1u << 16)
#define FT_TO_M  0.3048

struct out {
    struct gt_buf b;
    gt_export_write_fn *w;
    void *ud;
};

static int flush(struct out *o, int force)
{
    int rc;

    if (gt_buf_len(&o->b) == 0 || (!force && gt_buf_len(&o->b) < FLUSH_AT)) {
        return GT_OK;
    }
    rc = o->w(o->ud, gt_buf_str(&o->b), gt_buf_len(&o->b));
    gt_buf_reset(&o->b);
    return rc;
}

int gt_export_format_parse(const char *s, enum gt_export_format *f)
{
    static const struct {
        const char *name;
        enum gt_export_format f;
    } names[] = {{"ndjson", GT_EXPORT_NDJSON},
                 {"csv", GT_EXPORT_CSV},
                 {"geojson", GT_EXPORT_GEOJSON},
                 {"kml", GT_EXPORT_KML},
                 {"gpx", GT_EXPORT_GPX}};
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(s, names[i].name) == 0) {
            *f = names[i].f;
            return GT_OK;
        }
    }
    return GT_ERR_INVAL;
}

static int add_time(struct gt_buf *b, int64_t t_ms)
{
    char t[GT_TIME_ISO_MAX];

    if (gt_time_format_iso(t_ms, t, sizeof t, 0) < 0) {
        return gt_buf_addstr(b, "0000-01-01T00:00:00Z");
    }
    return gt_buf_addstr(b, t);
}

static int add_ident(struct gt_buf *b, const struct gt_ident *id)
{
    char s[GT_IDENT_MAX];

    if (gt_ident_format(id, s, sizeof s) < 0) {
        return gt_buf_addstr(b, "");
    }
    return gt_buf_addstr(b, s);
}

static double ft_to_m(int32_t ft)
{
    return (double)ft * FT_TO_M;
}

static double f2d(float v)
{
    return (double)v;
}

/* The name to show for id: last vessel name, else callsign, else
 * registration; NULL when none is known. */
static const char *display_name(const struct gt_fleet *f, const struct gt_ident *id)
{
    static const enum gt_ident_field pref[] = {GT_FIELD_NAME, GT_FIELD_CALLSIGN,
                                               GT_FIELD_REGISTRATION};
    size_t k, i;

    for (k = 0; k < sizeof pref / sizeof pref[0]; k++) {
        const char *best = NULL;
        int64_t best_t = INT64_MIN;
        for (i = 0; i < f->nfacts; i++) {
            const struct gt_ident_obs *io = &f->facts[i];
            if (io->field == pref[k] && io->id.kind == id->kind && io->id.value == id->value &&
                io->id.flags == id->flags && (best == NULL || io->t_ms >= best_t)) {
                best = io->value;
                best_t = io->t_ms;
            }
        }
        if (best != NULL) {
            return best;
        }
    }
    return NULL;
}

static int json_name(struct gt_buf *b, const char *name)
{
    if (name == NULL) {
        return gt_buf_addstr(b, "null");
    }
    return gt_esc_json(b, name, strlen(name));
}

/* ---- NDJSON ---- */

static int ndjson_point(struct gt_buf *b, const struct gt_ident *id, const struct gt_point *p)
{
    int rc = GT_OK;

    if (p->flags & GT_OBS_ALT) {
        rc = gt_buf_addf(b, "{\"alt_ft\":%d,", (int)p->alt_ft);
    } else {
        rc = gt_buf_addstr(b, "{");
    }
    if (rc == GT_OK && (p->flags & GT_OBS_COURSE)) {
        rc = gt_buf_addf(b, "\"course_deg\":%.1f,", f2d(p->course_deg));
    }
    if (rc == GT_OK && (p->flags & GT_OBS_HEADING)) {
        rc = gt_buf_addf(b, "\"heading_deg\":%.1f,", f2d(p->heading_deg));
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, "\"id\":\"");
    }
    if (rc == GT_OK) {
        rc = add_ident(b, id);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(b, "\",\"input\":%u,\"lat\":%.6f,\"lon\":%.6f,", p->prov.input_id,
                         p->lat_deg, p->lon_deg);
    }
    if (rc == GT_OK && (p->flags & GT_OBS_NAVSTAT)) {
        rc = gt_buf_addf(b, "\"nav_status\":%u,", (unsigned)p->nav_status);
    }
    if (rc == GT_OK && (p->flags & GT_OBS_GROUND)) {
        rc = gt_buf_addf(b, "\"on_ground\":%s,", p->on_ground ? "true" : "false");
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(b, "\"pos\":%llu,", (unsigned long long)p->prov.pos);
    }
    if (rc == GT_OK && (p->flags & GT_OBS_SPEED)) {
        rc = gt_buf_addf(b, "\"speed_kn\":%.1f,", f2d(p->speed_kn));
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, "\"t\":\"");
    }
    if (rc == GT_OK) {
        rc = add_time(b, p->t_ms);
    }
    return rc == GT_OK ? gt_buf_addstr(b, "\"}\n") : rc;
}

static int ndjson_fact(struct gt_buf *b, const struct gt_ident_obs *io)
{
    const char *field = gt_ident_field_name(io->field);
    int rc = gt_buf_addf(b, "{\"field\":\"%s\",\"id\":\"", field != NULL ? field : "unknown");

    if (rc == GT_OK) {
        rc = add_ident(b, &io->id);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, "\",\"t\":\"");
    }
    if (rc == GT_OK) {
        rc = add_time(b, io->t_ms);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, "\",\"value\":");
    }
    if (rc == GT_OK) {
        rc = gt_esc_json(b, io->value, strlen(io->value));
    }
    return rc == GT_OK ? gt_buf_addstr(b, "}\n") : rc;
}

/* ---- CSV ---- */

static int csv_point(struct gt_buf *b, const struct gt_ident *id, const char *name,
                     const struct gt_point *p)
{
    int rc = add_ident(b, id);

    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, ",");
    }
    if (rc == GT_OK && name != NULL) {
        rc = gt_esc_csv(b, name, strlen(name));
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, ",");
    }
    if (rc == GT_OK) {
        rc = add_time(b, p->t_ms);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(b, ",%.6f,%.6f,", p->lat_deg, p->lon_deg);
    }
    if (rc == GT_OK && (p->flags & GT_OBS_ALT)) {
        rc = gt_buf_addf(b, "%d", (int)p->alt_ft);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, ",");
    }
    if (rc == GT_OK && (p->flags & GT_OBS_SPEED)) {
        rc = gt_buf_addf(b, "%.1f", f2d(p->speed_kn));
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, ",");
    }
    if (rc == GT_OK && (p->flags & GT_OBS_COURSE)) {
        rc = gt_buf_addf(b, "%.1f", f2d(p->course_deg));
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, ",");
    }
    if (rc == GT_OK && (p->flags & GT_OBS_HEADING)) {
        rc = gt_buf_addf(b, "%.1f", f2d(p->heading_deg));
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, ",");
    }
    if (rc == GT_OK && (p->flags & GT_OBS_GROUND)) {
        rc = gt_buf_addf(b, "%d", p->on_ground ? 1 : 0);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(b, ",%u,%llu\n", p->prov.input_id, (unsigned long long)p->prov.pos);
    }
    return rc;
}

/* ---- segments ---- */

/* Return the end (exclusive) of the segment of t starting at i. */
static size_t segment_end(const struct gt_track *t, size_t i, int64_t gap_ms)
{
    size_t j = i + 1;

    while (j < t->n && t->pts[j].t_ms - t->pts[j - 1].t_ms <= gap_ms) {
        j++;
    }
    return j;
}

static int geojson_props(struct gt_buf *b, const struct gt_ident *id, const char *name)
{
    int rc = gt_buf_addstr(b, "\"properties\":{\"id\":\"");

    if (rc == GT_OK) {
        rc = add_ident(b, id);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, "\",\"name\":");
    }
    return rc == GT_OK ? json_name(b, name) : rc;
}

static int geojson_track(struct out *o, const struct gt_track *t, const char *name, int64_t gap_ms,
                         unsigned flags, int *first)
{
    struct gt_buf *b = &o->b;
    size_t i, j, k;
    int rc = GT_OK;

    for (i = 0; i < t->n && rc == GT_OK && !(flags & GT_EXPORT_NO_LINES); i = j) {
        j = segment_end(t, i, gap_ms);
        if (j - i < 2) {
            continue;
        }
        rc = gt_buf_addstr(b, *first ? "\n{\"type\":\"Feature\"," : ",\n{\"type\":\"Feature\",");
        *first = 0;
        if (rc == GT_OK) {
            rc = geojson_props(b, &t->id, name);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, ",\"start\":\"");
        }
        if (rc == GT_OK) {
            rc = add_time(b, t->pts[i].t_ms);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, "\",\"end\":\"");
        }
        if (rc == GT_OK) {
            rc = add_time(b, t->pts[j - 1].t_ms);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addf(b,
                             "\",\"points\":%zu},\"geometry\":{\"type\":\"LineString\","
                             "\"coordinates\":[",
                             j - i);
        }
        for (k = i; k < j && rc == GT_OK; k++) {
            rc = gt_buf_addf(b, "%s[%.6f,%.6f]", k > i ? "," : "", t->pts[k].lon_deg,
                             t->pts[k].lat_deg);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, "]}}");
        }
        if (rc == GT_OK) {
            rc = flush(o, 0);
        }
    }
    for (i = 0; i < t->n && rc == GT_OK && !(flags & GT_EXPORT_NO_POINTS); i++) {
        const struct gt_point *p = &t->pts[i];
        rc = gt_buf_addstr(b, *first ? "\n{\"type\":\"Feature\"," : ",\n{\"type\":\"Feature\",");
        *first = 0;
        if (rc == GT_OK) {
            rc = geojson_props(b, &t->id, name);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, ",\"t\":\"");
        }
        if (rc == GT_OK) {
            rc = add_time(b, p->t_ms);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, "\"");
        }
        if (rc == GT_OK && (p->flags & GT_OBS_ALT)) {
            rc = gt_buf_addf(b, ",\"alt_ft\":%d", (int)p->alt_ft);
        }
        if (rc == GT_OK && (p->flags & GT_OBS_SPEED)) {
            rc = gt_buf_addf(b, ",\"speed_kn\":%.1f", f2d(p->speed_kn));
        }
        if (rc == GT_OK && (p->flags & GT_OBS_COURSE)) {
            rc = gt_buf_addf(b, ",\"course_deg\":%.1f", f2d(p->course_deg));
        }
        if (rc == GT_OK) {
            rc = gt_buf_addf(b, "},\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]}}",
                             p->lon_deg, p->lat_deg);
        }
        if (rc == GT_OK) {
            rc = flush(o, 0);
        }
    }
    return rc;
}

/* ---- KML ---- */

static int xml_name(struct gt_buf *b, const struct gt_ident *id, const char *name)
{
    int rc = GT_OK;

    if (name != NULL) {
        rc = gt_esc_xml(b, name, strlen(name));
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, " (");
        }
    }
    if (rc == GT_OK) {
        rc = add_ident(b, id);
    }
    if (rc == GT_OK && name != NULL) {
        rc = gt_buf_addstr(b, ")");
    }
    return rc;
}

static int kml_track(struct out *o, const struct gt_track *t, const char *name, int64_t gap_ms)
{
    struct gt_buf *b = &o->b;
    size_t i, j, k;
    int rc = GT_OK;

    for (i = 0; i < t->n && rc == GT_OK; i = j) {
        int absolute = t->id.kind == GT_ID_ICAO;
        j = segment_end(t, i, gap_ms);
        for (k = i; k < j; k++) {
            if (!(t->pts[k].flags & GT_OBS_ALT)) {
                absolute = 0;
            }
        }
        rc = gt_buf_addstr(b, "<Placemark><name>");
        if (rc == GT_OK) {
            rc = xml_name(b, &t->id, name);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addf(b, "</name><gx:Track><altitudeMode>%s</altitudeMode>\n",
                             absolute ? "absolute" : "clampToGround");
        }
        for (k = i; k < j && rc == GT_OK; k++) {
            rc = gt_buf_addstr(b, "<when>");
            if (rc == GT_OK) {
                rc = add_time(b, t->pts[k].t_ms);
            }
            if (rc == GT_OK) {
                rc = gt_buf_addstr(b, "</when>\n");
            }
        }
        for (k = i; k < j && rc == GT_OK; k++) {
            rc = gt_buf_addf(b, "<gx:coord>%.6f %.6f %.1f</gx:coord>\n", t->pts[k].lon_deg,
                             t->pts[k].lat_deg, absolute ? ft_to_m(t->pts[k].alt_ft) : 0.0);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, "</gx:Track></Placemark>\n");
        }
        if (rc == GT_OK) {
            rc = flush(o, 0);
        }
    }
    return rc;
}

static const char kml_head[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<kml xmlns=\"http://www.opengis.net/kml/2.2\" "
                               "xmlns:gx=\"http://www.google.com/kml/ext/2.2\">\n"
                               "<Document><name>ghosttrack</name>\n";
static const char kml_tail[] = "</Document></kml>\n";

/* ---- GPX ---- */

static int gpx_track(struct out *o, const struct gt_track *t, const char *name, int64_t gap_ms)
{
    struct gt_buf *b = &o->b;
    size_t i, j, k;
    int rc = gt_buf_addstr(b, "<trk><name>");

    if (rc == GT_OK) {
        rc = xml_name(b, &t->id, name);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, "</name>\n");
    }
    for (i = 0; i < t->n && rc == GT_OK; i = j) {
        j = segment_end(t, i, gap_ms);
        rc = gt_buf_addstr(b, "<trkseg>\n");
        for (k = i; k < j && rc == GT_OK; k++) {
            const struct gt_point *p = &t->pts[k];
            rc = gt_buf_addf(b, "<trkpt lat=\"%.6f\" lon=\"%.6f\">", p->lat_deg, p->lon_deg);
            if (rc == GT_OK && (p->flags & GT_OBS_ALT)) {
                rc = gt_buf_addf(b, "<ele>%.1f</ele>", ft_to_m(p->alt_ft));
            }
            if (rc == GT_OK) {
                rc = gt_buf_addstr(b, "<time>");
            }
            if (rc == GT_OK) {
                rc = add_time(b, p->t_ms);
            }
            if (rc == GT_OK) {
                rc = gt_buf_addstr(b, "</time></trkpt>\n");
            }
            if (rc == GT_OK) {
                rc = flush(o, 0);
            }
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, "</trkseg>\n");
        }
    }
    return rc == GT_OK ? gt_buf_addstr(b, "</trk>\n") : rc;
}

int gt_export_fleet(const struct gt_fleet *fleet, enum gt_export_format fmt, int64_t gap_ms,
                    unsigned flags, gt_export_write_fn *w, void *ud)
{
    struct out o;
    size_t i, k;
    int rc = GT_OK, first = 1;

    if (gap_ms <= 0) {
        gap_ms = GT_EXPORT_GAP_MS;
    }
    gt_buf_init(&o.b, OUT_MAX);
    o.w = w;
    o.ud = ud;
    switch (fmt) {
    case GT_EXPORT_NDJSON:
        for (i = 0; i < fleet->nfacts && rc == GT_OK && (flags & GT_EXPORT_FACTS); i++) {
            rc = ndjson_fact(&o.b, &fleet->facts[i]);
            if (rc == GT_OK) {
                rc = flush(&o, 0);
            }
        }
        break;
    case GT_EXPORT_CSV:
        rc = gt_buf_addstr(&o.b, "id,name,t,lat,lon,alt_ft,speed_kn,course_deg,heading_deg,"
                                 "on_ground,input,pos\n");
        break;
    case GT_EXPORT_GEOJSON:
        rc = gt_buf_addstr(&o.b, "{\"type\":\"FeatureCollection\",\"features\":[");
        break;
    case GT_EXPORT_KML:
        rc = gt_buf_addstr(&o.b, kml_head);
        break;
    case GT_EXPORT_GPX:
        rc = gt_buf_addstr(&o.b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\""
                                 " creator=\"ghosttrack\""
                                 " xmlns=\"http://www.topografix.com/GPX/1/1\">\n");
        break;
    default:
        rc = GT_ERR_INVAL;
    }
    for (i = 0; i < fleet->n && rc == GT_OK; i++) {
        const struct gt_track *t = &fleet->tracks[i];
        const char *name = display_name(fleet, &t->id);
        if (t->n == 0) {
            continue;
        }
        switch (fmt) {
        case GT_EXPORT_NDJSON:
            for (k = 0; k < t->n && rc == GT_OK; k++) {
                rc = ndjson_point(&o.b, &t->id, &t->pts[k]);
                if (rc == GT_OK) {
                    rc = flush(&o, 0);
                }
            }
            break;
        case GT_EXPORT_CSV:
            for (k = 0; k < t->n && rc == GT_OK; k++) {
                rc = csv_point(&o.b, &t->id, name, &t->pts[k]);
                if (rc == GT_OK) {
                    rc = flush(&o, 0);
                }
            }
            break;
        case GT_EXPORT_GEOJSON:
            rc = geojson_track(&o, t, name, gap_ms, flags, &first);
            break;
        case GT_EXPORT_KML:
            rc = kml_track(&o, t, name, gap_ms);
            break;
        default:
            rc = gpx_track(&o, t, name, gap_ms);
            break;
        }
    }
    if (rc == GT_OK) {
        if (fmt == GT_EXPORT_GEOJSON) {
            rc = gt_buf_addstr(&o.b, "\n]}\n");
        } else if (fmt == GT_EXPORT_KML) {
            rc = gt_buf_addstr(&o.b, kml_tail);
        } else if (fmt == GT_EXPORT_GPX) {
            rc = gt_buf_addstr(&o.b, "</gpx>\n");
        }
    }
    if (rc == GT_OK) {
        rc = flush(&o, 1);
    }
    gt_buf_release(&o.b);
    return rc;
}

/* ---- events ---- */

#define CSV_EVENTS_HEAD "id,type,subject,peer,start,end,lat,lon,score,detail"

int gt_export_events_init(struct gt_export_events *x, enum gt_export_format fmt,
                          gt_export_write_fn *w, void *ud, const char *(*names)(uint32_t, void *),
                          void *names_ud)
{
    memset(x, 0, sizeof *x);
    x->fmt = fmt;
    x->w = w;
    x->ud = ud;
    x->names = names;
    x->names_ud = names_ud;
    gt_buf_init(&x->buf, OUT_MAX);
    switch (fmt) {
    case GT_EXPORT_NDJSON:
        return GT_OK;
    case GT_EXPORT_CSV:
        return gt_buf_addstr(&x->buf, CSV_EVENTS_HEAD "\n");
    case GT_EXPORT_GEOJSON:
        return gt_buf_addstr(&x->buf, "{\"type\":\"FeatureCollection\",\"features\":[");
    case GT_EXPORT_KML:
        return gt_buf_addstr(&x->buf, kml_head);
    default:
        return GT_ERR_INVAL;
    }
}

int gt_export_events_check(struct gt_export_events *x, int (*check)(const struct gt_prov *, void *),
                           void *ud)
{
    x->check = check;
    x->check_ud = ud;
    if (x->fmt == GT_EXPORT_CSV && x->n == 0) {
        gt_buf_reset(&x->buf);
        return gt_buf_addstr(&x->buf, CSV_EVENTS_HEAD
                             ",evidence_verified,evidence_stored,evidence_unavailable\n");
    }
    return GT_OK;
}

/* Count e's file evidence by what check says.  Returns GT_OK or
 * GT_ERR_NOMEM. */
static int check_counts(const struct gt_export_events *x, const struct gt_event *e, size_t n[3])
{
    size_t i;

    n[0] = n[1] = n[2] = 0;
    for (i = 0; i < e->nev && i < GT_EVENT_MAX_EVIDENCE; i++) {
        int rc;
        if (e->ev[i].prov.kind != GT_PROV_FILE) {
            continue;
        }
        rc = x->check(&e->ev[i].prov, x->check_ud);
        if (rc == GT_ERR_NOMEM) {
            return rc;
        }
        n[rc == 0 ? 0 : rc > 0 ? 1 : 2]++;
    }
    return GT_OK;
}

static int events_flush(struct gt_export_events *x, int force)
{
    int rc;

    if (gt_buf_len(&x->buf) == 0 || (!force && gt_buf_len(&x->buf) < FLUSH_AT)) {
        return GT_OK;
    }
    rc = x->w(x->ud, gt_buf_str(&x->buf), gt_buf_len(&x->buf));
    gt_buf_reset(&x->buf);
    return rc;
}

static const char *detail_of(const struct gt_event *e)
{
    return gt_buf_len(&e->detail) > 0 ? gt_buf_str(&e->detail) : "{}";
}

int gt_export_event(struct gt_export_events *x, const struct gt_event *e)
{
    struct gt_buf *b = &x->buf;
    const char *type = gt_event_type_name(e->type);
    int rc = GT_OK;

    if (type == NULL) {
        type = "unknown";
    }
    switch (x->fmt) {
    case GT_EXPORT_NDJSON:
        if (x->check == NULL) {
            rc = gt_event_to_json(e, b, x->names, x->names_ud);
        } else {
            struct gt_buf line;
            const char *l, *at = NULL, *q;
            size_t n[3];
            /* keys stay sorted: the counts go just before the top-level
             * "id", the last ,"id":" of the line (detail and evidence come
             * before it, the fields after it hold no objects) */
            gt_buf_init(&line, OUT_MAX);
            rc = gt_event_to_json(e, &line, x->names, x->names_ud);
            l = gt_buf_str(&line);
            for (q = strstr(l, ",\"id\":\""); q != NULL; q = strstr(q + 1, ",\"id\":\"")) {
                at = q;
            }
            if (rc == GT_OK) {
                rc = check_counts(x, e, n);
            }
            if (rc == GT_OK) {
                rc = at != NULL ? gt_buf_add(b, l, (size_t)(at - l)) : GT_ERR_INVAL;
            }
            if (rc == GT_OK) {
                rc = gt_buf_addf(b,
                                 ",\"evidence_check\":{\"stored\":%zu,\"unavailable\":%zu,"
                                 "\"verified\":%zu}",
                                 n[1], n[2], n[0]);
            }
            if (rc == GT_OK) {
                rc = gt_buf_addstr(b, at);
            }
            gt_buf_release(&line);
        }
        break;
    case GT_EXPORT_CSV:
        rc = gt_buf_addf(b, "%s,%s,", e->id, type);
        if (rc == GT_OK) {
            rc = add_ident(b, &e->subject);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, ",");
        }
        if (rc == GT_OK && e->peer.kind != GT_ID_NONE) {
            rc = add_ident(b, &e->peer);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, ",");
        }
        if (rc == GT_OK) {
            rc = add_time(b, e->start_ms);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, ",");
        }
        if (rc == GT_OK) {
            rc = add_time(b, e->end_ms);
        }
        if (rc == GT_OK) {
            rc = e->has_pos ? gt_buf_addf(b, ",%.6f,%.6f,", e->lat_deg, e->lon_deg)
                            : gt_buf_addstr(b, ",,,");
        }
        if (rc == GT_OK) {
            rc = gt_buf_addf(b, "%.3f,", e->score);
        }
        if (rc == GT_OK) {
            rc = gt_esc_csv(b, detail_of(e), strlen(detail_of(e)));
        }
        if (rc == GT_OK && x->check != NULL) {
            size_t n[3];
            rc = check_counts(x, e, n);
            if (rc == GT_OK) {
                rc = gt_buf_addf(b, ",%zu,%zu,%zu", n[0], n[1], n[2]);
            }
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, "\n");
        }
        break;
    case GT_EXPORT_GEOJSON:
        if (!e->has_pos) {
            return GT_OK;
        }
        rc = gt_buf_addf(b,
                         "%s\n{\"type\":\"Feature\",\"properties\":{\"id\":\"%s\",\"type\":\"%s\","
                         "\"subject\":\"",
                         x->n > 0 ? "," : "", e->id, type);
        if (rc == GT_OK) {
            rc = add_ident(b, &e->subject);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, "\",\"start\":\"");
        }
        if (rc == GT_OK) {
            rc = add_time(b, e->start_ms);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, "\",\"end\":\"");
        }
        if (rc == GT_OK) {
            rc = add_time(b, e->end_ms);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addf(b, "\",\"score\":%.3f,\"detail\":", e->score);
        }
        if (rc == GT_OK) {
            rc = gt_esc_json(b, detail_of(e), strlen(detail_of(e)));
        }
        if (rc == GT_OK) {
            rc = gt_buf_addf(b, "},\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]}}",
                             e->lon_deg, e->lat_deg);
        }
        break;
    case GT_EXPORT_KML:
        if (!e->has_pos) {
            return GT_OK;
        }
        rc = gt_buf_addf(b, "<Placemark><name>%s ", type);
        if (rc == GT_OK) {
            rc = add_ident(b, &e->subject);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, "</name><description>");
        }
        if (rc == GT_OK) {
            rc = gt_esc_xml(b, detail_of(e), strlen(detail_of(e)));
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, "</description><TimeSpan><begin>");
        }
        if (rc == GT_OK) {
            rc = add_time(b, e->start_ms);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, "</begin><end>");
        }
        if (rc == GT_OK) {
            rc = add_time(b, e->end_ms);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addf(b,
                             "</end></TimeSpan><Point><coordinates>%.6f,%.6f</coordinates>"
                             "</Point></Placemark>\n",
                             e->lon_deg, e->lat_deg);
        }
        break;
    default:
        return GT_ERR_INVAL;
    }
    x->n++;
    return rc == GT_OK ? events_flush(x, 0) : rc;
}

int gt_export_events_finish(struct gt_export_events *x)
{
    int rc = GT_OK;

    if (x->fmt == GT_EXPORT_GEOJSON) {
        rc = gt_buf_addstr(&x->buf, "\n]}\n");
    } else if (x->fmt == GT_EXPORT_KML) {
        rc = gt_buf_addstr(&x->buf, kml_tail);
    }
    if (rc == GT_OK) {
        rc = events_flush(x, 1);
    }
    gt_buf_release(&x->buf);
    return rc;
}
