/*
 * import_csv.c - MarineCadastre and Danish Maritime Authority AIS CSV into
 * struct gt_obs / struct gt_ident_obs (see import.h).  Column meanings
 * follow the MarineCadastre AIS data dictionary (BaseDateTime UTC ISO 8601,
 * LAT/LON degrees, SOG knots, COG/Heading degrees, 511 heading "not
 * available") and the DMA aisdk file layout (dd/mm/yyyy HH:MM:SS UTC,
 * Latitude 91 = no position).  The AIS sentinels of ITU-R M.1371-5 (lat 91,
 * lon 181, SOG 102.3, COG 360, heading 511) become cleared validity flags.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ghosttrack/csv.h"
#include "ghosttrack/import.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/time.h"

enum col {
    C_MMSI,
    C_TIME,
    C_LAT,
    C_LON,
    C_SOG,
    C_COG,
    C_HDG,
    C_NAME,
    C_IMO,
    C_CALL,
    C_TYPE,
    C_DRAUGHT,
    C_DEST,
    C_A,
    C_B,
    C_C,
    C_D,
    C_CLASS,
    C_LEN,
    C_WID,
    C_NCOL
};

struct gt_csv_import {
    gt_csv_obs_fn *obs_fn;
    gt_csv_ident_fn *ident_fn;
    void *ud;
    enum gt_csv_kind kind;
    int header_seen;
    int col[C_NCOL];  /* field index of each column, -1 absent */
    int nfields;      /* fields in the header */
    uint64_t rec_off; /* byte offset of the record's first line */
    struct gt_csv_counters c;
    struct gt_csv csv; /* the splitter: a record may span lines */
};

static const char *const reason_names[GT_CSVR_COUNT] = {"fields", "mmsi", "time", "header"};

const char *gt_csv_import_reason_name(enum gt_csv_reason r)
{
    return (unsigned)r < GT_CSVR_COUNT ? reason_names[r] : "unknown";
}

struct gt_csv_import *gt_csv_import_new(gt_csv_obs_fn *obs, gt_csv_ident_fn *ident, void *ud)
{
    struct gt_csv_import *imp = gt_calloc(1, sizeof *imp);
    if (imp != NULL) {
        imp->obs_fn = obs;
        imp->ident_fn = ident;
        imp->ud = ud;
        gt_csv_init(&imp->csv, GT_CSV_TRIM);
    }
    return imp;
}

void gt_csv_import_free(struct gt_csv_import *imp)
{
    gt_free(imp);
}

enum gt_csv_kind gt_csv_import_kind(const struct gt_csv_import *imp)
{
    return imp->kind;
}

const struct gt_csv_counters *gt_csv_import_counters(const struct gt_csv_import *imp)
{
    return &imp->c;
}

static int header(struct gt_csv_import *imp, const struct gt_csv_field *f, int nf)
{
    static const struct {
        enum col c;
        const char *name;
    } names[] = {
        {C_MMSI, "mmsi"},
        {C_TIME, "basedatetime"},
        {C_TIME, "base_date_time"},
        {C_TIME, "# timestamp"},
        {C_TIME, "timestamp"},
        {C_LAT, "lat"},
        {C_LAT, "latitude"},
        {C_LON, "lon"},
        {C_LON, "longitude"},
        {C_SOG, "sog"},
        {C_COG, "cog"},
        {C_HDG, "heading"},
        {C_NAME, "vesselname"},
        {C_NAME, "vessel_name"},
        {C_NAME, "name"},
        {C_IMO, "imo"},
        {C_CALL, "callsign"},
        {C_CALL, "call_sign"},
        {C_TYPE, "vesseltype"},
        {C_TYPE, "vessel_type"},
        {C_TYPE, "ship type"},
        {C_DRAUGHT, "draft"},
        {C_DRAUGHT, "draught"},
        {C_DEST, "destination"},
        {C_A, "a"},
        {C_B, "b"},
        {C_C, "c"},
        {C_D, "d"},
        {C_CLASS, "transceiverclass"},
        {C_CLASS, "transceiver_class"},
        {C_CLASS, "transceiver"},
        {C_CLASS, "type of mobile"},
        {C_LEN, "length"},
        {C_WID, "width"},
    };
    int i;
    size_t k;
    for (i = 0; i < C_NCOL; i++) {
        imp->col[i] = -1;
    }
    for (i = 0; i < nf; i++) {
        for (k = 0; k < sizeof names / sizeof names[0]; k++) {
            if (gt_csv_eq(&f[i], names[k].name) && imp->col[names[k].c] < 0) {
                imp->col[names[k].c] = i;
            }
        }
    }
    imp->nfields = nf;
    imp->header_seen = 1;
    if (imp->col[C_MMSI] < 0 || imp->col[C_TIME] < 0 || imp->col[C_LAT] < 0 ||
        imp->col[C_LON] < 0) {
        imp->kind = GT_CSV_UNKNOWN;
        return GT_ERR_UNSUPPORTED;
    }
    imp->kind = gt_csv_eq(&f[imp->col[C_TIME]], "# timestamp") ||
                        gt_csv_eq(&f[imp->col[C_TIME]], "timestamp")
                    ? GT_CSV_DMA
                    : GT_CSV_MARINECADASTRE;
    return GT_OK;
}

static const struct gt_csv_field *col(const struct gt_csv_import *imp, const struct gt_csv_field *f,
                                      int nf, enum col c)
{
    int i = imp->col[c];
    return i >= 0 && i < nf && f[i].n > 0 ? &f[i] : NULL;
}

/* A decimal number; returns 0 and sets *v, or -1. */
static int num(const struct gt_csv_field *f, double *v)
{
    char tmp[40], *end;
    if (f == NULL || f->n == 0 || f->n >= sizeof tmp) {
        return -1;
    }
    memcpy(tmp, f->p, f->n);
    tmp[f->n] = '\0';
    *v = strtod(tmp, &end);
    return end == tmp + f->n && isfinite(*v) ? 0 : -1;
}

/* dd/mm/yyyy HH:MM:SS (DMA), validated as ISO 8601 (no 31 February) */
static int dma_time(const struct gt_csv_field *f, int64_t *t)
{
    const char *p = f->p;
    char iso[20];
    if (f->n != 19 || p[2] != '/' || p[5] != '/' || p[10] != ' ') {
        return -1;
    }
    memcpy(iso, p + 6, 4);
    iso[4] = '-';
    memcpy(iso + 5, p + 3, 2);
    iso[7] = '-';
    memcpy(iso + 8, p, 2);
    iso[10] = 'T';
    memcpy(iso + 11, p + 11, 8);
    return gt_time_parse_iso(iso, 19, t) == GT_OK ? 0 : -1;
}

static void ident(struct gt_csv_import *imp, const struct gt_obs *o, enum gt_ident_field fld,
                  const char *v, size_t n)
{
    struct gt_ident_obs io;
    if (imp->ident_fn == NULL || n == 0) {
        return;
    }
    memset(&io, 0, sizeof io);
    io.t_ms = o->t_ms;
    io.id = o->id;
    io.field = fld;
    io.prov = o->prov;
    if (n >= sizeof io.value) {
        n = sizeof io.value - 1;
    }
    memcpy(io.value, v, n);
    io.value[n] = '\0';
    imp->c.idents++;
    imp->ident_fn(&io, imp->ud);
}

/* Text nulls of the DMA files. */
static int is_null_text(const struct gt_csv_field *f)
{
    return f == NULL || gt_csv_eq(f, "unknown") || gt_csv_eq(f, "undefined") ||
           gt_csv_eq(f, "unknown value");
}

static void idents(struct gt_csv_import *imp, const struct gt_obs *o, const struct gt_csv_field *f,
                   int nf)
{
    const struct gt_csv_field *x;
    double v;
    char buf[48];
    int n;

    if ((x = col(imp, f, nf, C_NAME)) != NULL && !is_null_text(x)) {
        ident(imp, o, GT_FIELD_NAME, x->p, x->n);
    }
    if ((x = col(imp, f, nf, C_CALL)) != NULL && !is_null_text(x)) {
        ident(imp, o, GT_FIELD_CALLSIGN, x->p, x->n);
    }
    if ((x = col(imp, f, nf, C_IMO)) != NULL) {
        struct gt_csv_field y = *x;
        if (y.n > 3 && (y.p[0] == 'I' || y.p[0] == 'i')) {
            y.p += 3;
            y.n -= 3;
        }
        if (num(&y, &v) == 0 && v >= 1000000 && v <= 9999999) {
            n = snprintf(buf, sizeof buf, "%u", (unsigned)v);
            ident(imp, o, GT_FIELD_IMO, buf, (size_t)n);
        }
    }
    if ((x = col(imp, f, nf, C_TYPE)) != NULL && num(x, &v) == 0 && v >= 1 && v <= 99) {
        n = snprintf(buf, sizeof buf, "%u", (unsigned)v);
        ident(imp, o, GT_FIELD_SHIPTYPE, buf, (size_t)n);
    }
    if ((x = col(imp, f, nf, C_DRAUGHT)) != NULL && num(x, &v) == 0 && v > 0 && v < 30) {
        n = snprintf(buf, sizeof buf, "%.1f", v);
        ident(imp, o, GT_FIELD_DRAUGHT, buf, (size_t)n);
    }
    if ((x = col(imp, f, nf, C_DEST)) != NULL && !is_null_text(x)) {
        ident(imp, o, GT_FIELD_DESTINATION, x->p, x->n);
    }
    if ((x = col(imp, f, nf, C_CLASS)) != NULL) {
        /* "A"/"B" (MarineCadastre), "Class A"/"Class B" (DMA); base
         * stations, AtoN and SAR aircraft are no transceiver class */
        struct gt_csv_field y = *x;
        if (y.n == 7 && strncasecmp(y.p, "class ", 6) == 0) {
            y.p += 6;
            y.n = 1;
        }
        if (y.n == 1 && (y.p[0] == 'A' || y.p[0] == 'a' || y.p[0] == 'B' || y.p[0] == 'b')) {
            buf[0] = (char)(y.p[0] & ~0x20);
            ident(imp, o, GT_FIELD_AIS_CLASS, buf, 1);
        }
    }
    if ((x = col(imp, f, nf, C_LEN)) != NULL && num(x, &v) == 0 && v > 0 && v < 1000) {
        n = snprintf(buf, sizeof buf, "%.5g", v);
        ident(imp, o, GT_FIELD_LENGTH, buf, (size_t)n);
    }
    if ((x = col(imp, f, nf, C_WID)) != NULL && num(x, &v) == 0 && v > 0 && v < 200) {
        n = snprintf(buf, sizeof buf, "%.5g", v);
        ident(imp, o, GT_FIELD_WIDTH, buf, (size_t)n);
    }
    {
        double d[4];
        if (num(col(imp, f, nf, C_A), &d[0]) == 0 && num(col(imp, f, nf, C_B), &d[1]) == 0 &&
            num(col(imp, f, nf, C_C), &d[2]) == 0 && num(col(imp, f, nf, C_D), &d[3]) == 0) {
            n = snprintf(buf, sizeof buf, "%.0f,%.0f,%.0f,%.0f", d[0], d[1], d[2], d[3]);
            ident(imp, o, GT_FIELD_DIMENSIONS, buf, (size_t)n);
        }
    }
}

int gt_csv_import_feed(struct gt_csv_import *imp, const uint8_t *p, size_t n, uint64_t off)
{
    const struct gt_csv_field *f = imp->csv.f;
    struct gt_obs o;
    double v, lat, lon;
    int nf, r;

    if (!gt_csv_pending(&imp->csv)) {
        imp->rec_off = off;
    }
    r = gt_csv_line(&imp->csv, p, n);
    if (r == 0) {
        return GT_OK; /* a quoted field goes on to the next line */
    }
    if (r < 0) {
        if (!imp->header_seen) {
            imp->header_seen = 1;
            return GT_ERR_UNSUPPORTED;
        }
        imp->c.rows++;
        imp->c.reason[GT_CSVR_FIELDS]++;
        return GT_OK;
    }
    nf = (int)imp->csv.n;
    if (nf == 0) {
        return GT_OK; /* blank line */
    }
    off = imp->rec_off;
    if (!imp->header_seen) {
        return header(imp, f, nf);
    }
    imp->c.rows++;
    if (imp->kind == GT_CSV_UNKNOWN) {
        imp->c.reason[GT_CSVR_HEADER]++;
        return GT_OK;
    }
    if (nf < imp->nfields - 1) {
        imp->c.reason[GT_CSVR_FIELDS]++;
        return GT_OK;
    }
    gt_obs_init(&o);
    if (num(col(imp, f, nf, C_MMSI), &v) != 0 || v < 1 || v > 999999999) {
        imp->c.reason[GT_CSVR_MMSI]++;
        return GT_OK;
    }
    o.id.kind = GT_ID_MMSI;
    o.id.value = (uint32_t)v;
    {
        const struct gt_csv_field *t = col(imp, f, nf, C_TIME);
        int ok =
            t != NULL && (imp->kind == GT_CSV_DMA
                              ? dma_time(t, &o.t_ms)
                              : (gt_time_parse_iso(t->p, t->n, &o.t_ms) == GT_OK ? 0 : -1)) == 0;
        if (!ok) {
            imp->c.reason[GT_CSVR_TIME]++;
            return GT_OK;
        }
        o.flags |= GT_OBS_TIME;
    }
    o.prov.kind = GT_PROV_FILE;
    o.prov.pos = off;
    if (num(col(imp, f, nf, C_LAT), &lat) == 0 && num(col(imp, f, nf, C_LON), &lon) == 0 &&
        lat >= -90.0 && lat <= 90.0 && lon >= -180.0 && lon <= 180.0 &&
        !(imp->kind == GT_CSV_DMA && lat > 90.5)) {
        o.flags |= GT_OBS_POS;
        o.lat_deg = lat;
        o.lon_deg = lon;
        o.pos_how = GT_POS_REPORTED;
    }
    if (num(col(imp, f, nf, C_SOG), &v) == 0 && v >= 0 && v < 102.25) {
        o.flags |= GT_OBS_SPEED;
        o.speed_kn = (float)v;
    }
    if (num(col(imp, f, nf, C_COG), &v) == 0 && v >= 0 && v < 360.0) {
        o.flags |= GT_OBS_COURSE;
        o.course_deg = (float)v;
    }
    if (num(col(imp, f, nf, C_HDG), &v) == 0 && v >= 0 && v < 360.0) {
        o.flags |= GT_OBS_HEADING;
        o.heading_deg = (float)v;
    }
    imp->c.obs++;
    if (imp->obs_fn != NULL) {
        imp->obs_fn(&o, imp->ud);
    }
    idents(imp, &o, f, nf);
    return GT_OK;
}

int gt_csv_import_finish(struct gt_csv_import *imp)
{
    if (!gt_csv_pending(&imp->csv)) {
        return GT_OK;
    }
    gt_csv_reset(&imp->csv);
    if (imp->header_seen) {
        imp->c.rows++;
        imp->c.reason[GT_CSVR_FIELDS]++;
    }
    return GT_ERR_BADDATA;
}
