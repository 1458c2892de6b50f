/*
 * import_csv.c - MarineCadastre and Danish Maritime Authority AIS CSV into
 * struct gt_obs / struct gt_ident_obs (see import.h).  Column meanings
 * follow the MarineCadastre AIS data dictionary (BaseDateTime UTC ISO 8601,
 * LAT/LON degrees, SOG knots, COG/Heading degrees, 511 heading "not
 * available") and the DMA aisdk file layout (dd/mm/yyyy HH:MM:SS UTC,
 * Latitude 91 = no position).  The AIS sentinels of ITU-R M.1371-5 (lat 91,
 * lon 181, SOG 102.3, COG 360, heading 511) become cleared validity flags.
 *
 * Any other position CSV is read the same way (GT_CSV_GENERIC): its columns
 * are named by a mapping (gt_csv_import_set_columns()) or found by the
 * common header names of vendor and satellite-AIS exports (names[] below);
 * every column not read is counted once and named in one log line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ghosttrack/csv.h"
#include "ghosttrack/import.h"
#include "ghosttrack/log.h"
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
    C_ICAO,
    C_ALT,
    C_SQUAWK,
    C_MSGTYPE,
    C_NCOL
};

/* The keys of a --columns mapping, in enum col order (NULL: no key). */
static const char *const col_keys[C_NCOL] = {
    "mmsi", "time",     "lat",      "lon",     "speed",       "course", "heading", "name",
    "imo",  "callsign", "shiptype", "draught", "destination", "a",      "b",       "c",
    "d",    "class",    "length",   "width",   "icao",        "alt",    "squawk",  "msgtype"};

/* Header names read without a mapping, lower case: MarineCadastre, DMA,
 * and the names vendor and satellite-AIS exports use (Spire, exactEarth,
 * ORBCOMM-like, VesselsValue-like, pandas dumps). */
static const struct {
    enum col c;
    const char *name;
} names[] = {
    {C_MMSI, "mmsi"},
    {C_MMSI, "mmsi_number"},
    {C_MMSI, "userid"},
    {C_TIME, "basedatetime"},
    {C_TIME, "base_date_time"},
    {C_TIME, "# timestamp"},
    {C_TIME, "timestamp"},
    {C_TIME, "position_timestamp"},
    {C_TIME, "timestamp_utc"},
    {C_TIME, "datetime"},
    {C_TIME, "date_time_utc"},
    {C_TIME, "msgtime"},
    {C_TIME, "time"},
    {C_TIME, "ts"},
    {C_LAT, "lat"},
    {C_LAT, "latitude"},
    {C_LON, "lon"},
    {C_LON, "lng"},
    {C_LON, "long"},
    {C_LON, "longitude"},
    {C_SOG, "sog"},
    {C_SOG, "speed"},
    {C_SOG, "speed_over_ground"},
    {C_SOG, "speedoverground"},
    {C_COG, "cog"},
    {C_COG, "course"},
    {C_COG, "course_over_ground"},
    {C_COG, "courseoverground"},
    {C_HDG, "heading"},
    {C_HDG, "true_heading"},
    {C_HDG, "trueheading"},
    {C_NAME, "vesselname"},
    {C_NAME, "vessel_name"},
    {C_NAME, "name"},
    {C_NAME, "shipname"},
    {C_NAME, "ship_name"},
    {C_IMO, "imo"},
    {C_IMO, "imo_number"},
    {C_IMO, "imo_nr"},
    {C_CALL, "callsign"},
    {C_CALL, "call_sign"},
    {C_TYPE, "vesseltype"},
    {C_TYPE, "vessel_type"},
    {C_TYPE, "ship type"},
    {C_TYPE, "ship_type"},
    {C_TYPE, "shiptype"},
    {C_DRAUGHT, "draft"},
    {C_DRAUGHT, "draught"},
    {C_DEST, "destination"},
    {C_A, "a"},
    {C_A, "dimension_to_bow"},
    {C_B, "b"},
    {C_B, "dimension_to_stern"},
    {C_C, "c"},
    {C_C, "dimension_to_port"},
    {C_D, "d"},
    {C_D, "dimension_to_starboard"},
    {C_CLASS, "transceiverclass"},
    {C_CLASS, "transceiver_class"},
    {C_CLASS, "transceiver"},
    {C_CLASS, "type of mobile"},
    {C_CLASS, "ais_class"},
    {C_LEN, "length"},
    {C_WID, "width"},
    {C_ICAO, "icao24"},
    {C_ICAO, "icao"},
    {C_ICAO, "hex"},
    {C_ALT, "altitude"},
    {C_ALT, "alt"},
    {C_ALT, "alt_ft"},
    {C_SQUAWK, "squawk"},
    {C_MSGTYPE, "message_id"},
    {C_MSGTYPE, "messageid"},
    {C_MSGTYPE, "msg_id"},
    {C_MSGTYPE, "msgid"},
    {C_MSGTYPE, "message_type"},
    {C_MSGTYPE, "msg_type"},
    {C_MSGTYPE, "msgtype"},
};

#define SPEC_MAX 1024 /* bytes of a --columns mapping */

struct gt_csv_import {
    gt_csv_obs_fn *obs_fn;
    gt_csv_ident_fn *ident_fn;
    void *ud;
    enum gt_csv_kind kind;
    int header_seen;
    int col[C_NCOL];     /* field index of each column, -1 absent */
    int nfields;         /* fields in the header */
    int mapped;          /* a --columns mapping was given */
    int quiet;           /* sniffing: log nothing */
    int map_off[C_NCOL]; /* mapping: offset of the column name in spec, -1 none */
    char spec[SPEC_MAX];
    char errmsg[256];
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
        int i;
        gt_csv_init(&imp->csv, GT_CSV_TRIM);
        for (i = 0; i < C_NCOL; i++) {
            imp->map_off[i] = -1;
        }
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

int gt_csv_import_set_columns(struct gt_csv_import *imp, const char *spec)
{
    size_t n = strlen(spec), i = 0;
    int k;

    imp->errmsg[0] = '\0';
    if (n == 0 || n >= SPEC_MAX) {
        snprintf(imp->errmsg, sizeof imp->errmsg, "column mapping is empty or longer than %d bytes",
                 SPEC_MAX - 1);
        return GT_ERR_INVAL;
    }
    memcpy(imp->spec, spec, n + 1);
    for (k = 0; k < C_NCOL; k++) {
        imp->map_off[k] = -1;
    }
    while (i < n) {
        char *item = imp->spec + i, *eq, *end = strchr(item, ',');
        size_t len = end != NULL ? (size_t)(end - item) : n - i;
        item[len] = '\0';
        i += len + 1;
        eq = strchr(item, '=');
        if (eq == NULL || eq == item || eq[1] == '\0') {
            snprintf(imp->errmsg, sizeof imp->errmsg, "column mapping '%.64s' is not key=COLUMN",
                     item);
            return GT_ERR_INVAL;
        }
        *eq = '\0';
        for (k = 0; k < C_NCOL; k++) {
            if (strcasecmp(item, col_keys[k]) == 0 ||
                (k == C_SOG && strcasecmp(item, "sog") == 0) ||
                (k == C_COG && strcasecmp(item, "cog") == 0)) {
                break;
            }
        }
        if (k == C_NCOL) {
            snprintf(imp->errmsg, sizeof imp->errmsg,
                     "unknown key '%.32s' in the column mapping (keys: mmsi icao time lat lon "
                     "speed course heading alt name imo callsign shiptype draught destination "
                     "class length width squawk msgtype a b c d)",
                     item);
            return GT_ERR_INVAL;
        }
        imp->map_off[k] = (int)(eq + 1 - imp->spec);
    }
    imp->mapped = 1;
    return GT_OK;
}

const char *gt_csv_import_errmsg(const struct gt_csv_import *imp)
{
    return imp->errmsg;
}

/* Find the columns of the header record: the mapping first, then the
 * known names for every column the mapping leaves out. */
static int header(struct gt_csv_import *imp, const struct gt_csv_field *f, int nf)
{
    int i, used[GT_CSV_MAX_FIELDS] = {0};
    size_t k;
    char list[160];
    size_t ln = 0;
    uint64_t ignored = 0;

    for (i = 0; i < C_NCOL; i++) {
        imp->col[i] = -1;
    }
    imp->nfields = nf;
    imp->header_seen = 1;
    imp->kind = GT_CSV_UNKNOWN;
    for (k = 0; k < C_NCOL; k++) {
        const char *want;
        if (imp->map_off[k] < 0) {
            continue;
        }
        want = imp->spec + imp->map_off[k];
        for (i = 0; i < nf && !gt_csv_eq(&f[i], want); i++) {
        }
        if (i == nf) {
            snprintf(imp->errmsg, sizeof imp->errmsg,
                     "column mapping %s=%.64s: no column '%.64s' in the header", col_keys[k], want,
                     want);
            return GT_ERR_UNSUPPORTED;
        }
        imp->col[k] = i;
        used[i] = 1;
    }
    for (i = 0; i < nf; i++) {
        for (k = 0; k < sizeof names / sizeof names[0]; k++) {
            if (!used[i] && gt_csv_eq(&f[i], names[k].name) && imp->col[names[k].c] < 0 &&
                imp->map_off[names[k].c] < 0) {
                imp->col[names[k].c] = i;
                used[i] = 1;
            }
        }
    }
    if (imp->col[C_MMSI] < 0 && imp->col[C_ICAO] < 0) {
        snprintf(imp->errmsg, sizeof imp->errmsg,
                 "no identity column: name it with --columns mmsi=COLUMN (or icao=COLUMN)");
        return GT_ERR_UNSUPPORTED;
    }
    for (k = C_TIME; k <= C_LON; k++) {
        if (imp->col[k] < 0) {
            snprintf(imp->errmsg, sizeof imp->errmsg,
                     "no %s column: name it with --columns %s=COLUMN", col_keys[k], col_keys[k]);
            return GT_ERR_UNSUPPORTED;
        }
    }
    for (i = 0; i < nf; i++) {
        if (!used[i] && f[i].n > 0) {
            if (ignored < 8) {
                int w =
                    snprintf(list + ln, sizeof list - ln, "%s%.24s", ignored ? ", " : "", f[i].p);
                if (w > 0 && (size_t)w < sizeof list - ln) {
                    ln += (size_t)w;
                }
            }
            ignored++;
        }
    }
    imp->c.ignored_columns = ignored;
    {
        const struct gt_csv_field *t = &f[imp->col[C_TIME]];
        if (imp->mapped) {
            imp->kind = GT_CSV_GENERIC;
        } else if (gt_csv_eq(t, "# timestamp") ||
                   (gt_csv_eq(t, "timestamp") && imp->col[C_CLASS] >= 0 &&
                    gt_csv_eq(&f[imp->col[C_CLASS]], "type of mobile"))) {
            imp->kind = GT_CSV_DMA;
        } else if (gt_csv_eq(t, "basedatetime") || gt_csv_eq(t, "base_date_time")) {
            imp->kind = GT_CSV_MARINECADASTRE;
        } else {
            imp->kind = GT_CSV_GENERIC;
        }
    }
    if (ignored > 0 && imp->kind == GT_CSV_GENERIC && !imp->quiet) {
        gt_log(GT_LOG_INFO, "csv: %llu column%s not read: %s%s", (unsigned long long)ignored,
               ignored == 1 ? "" : "s", list, ignored > 8 ? ", ..." : "");
    }
    return GT_OK;
}

int gt_csv_import_sniff(const uint8_t *p, size_t n)
{
    struct gt_csv_import *imp;
    const uint8_t *nl = memchr(p, '\n', n);
    int conf = 0;

    if (nl == NULL && n > 4096) {
        return 0;
    }
    imp = gt_calloc(1, sizeof *imp);
    if (imp == NULL) {
        return 0;
    }
    {
        int i;
        for (i = 0; i < C_NCOL; i++) {
            imp->map_off[i] = -1;
        }
    }
    imp->quiet = 1;
    gt_csv_init(&imp->csv, GT_CSV_TRIM);
    if (gt_csv_line(&imp->csv, p, nl != NULL ? (size_t)(nl - p) : n) == 1 && imp->csv.n >= 3) {
        if (header(imp, imp->csv.f, (int)imp->csv.n) == GT_OK) {
            conf = 60;
        } else if (imp->col[C_LAT] >= 0 && imp->col[C_LON] >= 0) {
            conf = 5; /* a position CSV lacking a column: read it to say which */
        }
    }
    gt_free(imp);
    return conf;
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

/* The row's identity: an MMSI 1..999999999, else an ICAO 24-bit address
 * in hex.  Returns 0, or -1 when there is none. */
static int ident_of(const struct gt_csv_import *imp, const struct gt_csv_field *f, int nf,
                    struct gt_ident *id)
{
    const struct gt_csv_field *x = col(imp, f, nf, C_MMSI);
    double v;

    if (x != NULL) {
        if (num(x, &v) != 0 || v < 1 || v > 999999999 || v > floor(v)) {
            return -1;
        }
        id->kind = GT_ID_MMSI;
        id->value = (uint32_t)v;
        return 0;
    }
    x = col(imp, f, nf, C_ICAO);
    if (x != NULL && x->n >= 1 && x->n <= 6) {
        char txt[12];
        memcpy(txt, "icao:", 5);
        memcpy(txt + 5, x->p, x->n);
        if (gt_ident_parse(txt, 5 + x->n, id) == GT_OK && id->kind == GT_ID_ICAO) {
            return 0;
        }
    }
    return -1;
}

/* A time as archives write it: DMA day-first "dd/mm/yyyy HH:MM:SS", ISO 8601
 * (T or space, fraction, zone; MarineCadastre, Spire), the compact
 * "YYYYMMDD_HHMMSS" or "YYYYMMDDTHHMMSS", or a Unix epoch in seconds
 * (fraction allowed) or milliseconds (from 1e11 on: after 1973 in ms, year
 * 5138 in s).  Returns 0 and sets *t, or -1. */
static int any_time(const struct gt_csv_field *f, int64_t *t)
{
    double v;

    if (dma_time(f, t) == 0 || gt_time_parse_iso(f->p, f->n, t) == GT_OK) {
        return 0;
    }
    if (f->n == 15 && f->p[8] == '_') {
        char tmp[16];
        memcpy(tmp, f->p, 15);
        tmp[8] = 'T';
        return gt_time_parse_iso(tmp, 15, t) == GT_OK ? 0 : -1;
    }
    if (num(f, &v) == 0 && v > 0) {
        double ms = v >= 1e11 ? v : v * 1000.0;
        if (ms < 4102444800000.0) { /* before 2100 */
            *t = (int64_t)llround(ms);
            return 0;
        }
    }
    return -1;
}

static void ident(struct gt_csv_import *imp, const struct gt_obs *o, enum gt_ident_field fld,
                  const char *v, size_t n)
{
    struct gt_ident_obs io;
    const char *nul = memchr(v, '\0', n);
    if (nul != NULL) {
        n = (size_t)(nul - v); /* a NUL byte in the data ends the text */
    }
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
    if ((x = col(imp, f, nf, C_SQUAWK)) != NULL && num(x, &v) == 0 && v >= 0 && v <= 7777 &&
        !(v > floor(v))) {
        /* four octal digits (ICAO Annex 10 vol IV 3.1.1.6), 123 for 0123 */
        unsigned u = (unsigned)v, d, ok = 1;
        for (d = 0; d < 4; d++, u /= 10) {
            ok &= u % 10 <= 7;
        }
        if (ok) {
            n = snprintf(buf, sizeof buf, "%04u", (unsigned)v);
            ident(imp, o, GT_FIELD_SQUAWK, buf, (size_t)n);
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
    if (ident_of(imp, f, nf, &o.id) < 0) {
        imp->c.reason[GT_CSVR_MMSI]++;
        return GT_OK;
    }
    {
        const struct gt_csv_field *t = col(imp, f, nf, C_TIME);
        if (t == NULL || any_time(t, &o.t_ms) < 0) {
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
    if (o.id.kind == GT_ID_ICAO && num(col(imp, f, nf, C_ALT), &v) == 0 && v > -2000 &&
        v < 100000) {
        o.flags |= GT_OBS_ALT;
        o.alt_ft = (int32_t)lround(v);
    }
    /* AIS SOG 102.3 means "not available" (ITU-R M.1371-5); aircraft fly faster */
    if (num(col(imp, f, nf, C_SOG), &v) == 0 && v >= 0 &&
        v < (o.id.kind == GT_ID_ICAO ? 4000.0 : 102.25)) {
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
    /* a static report (ITU-R M.1371 message 5 or 24) carries no position
     * by design: its row gives facts only, not a position that is missing */
    if (num(col(imp, f, nf, C_MSGTYPE), &v) == 0 && (lround(v) == 5 || lround(v) == 24) &&
        !(o.flags & GT_OBS_POS)) {
        idents(imp, &o, f, nf);
        return GT_OK;
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
