/*
 * fuzz_csv.c - the one CSV splitter (util/csv.c) and the CSV importers on
 * it: MarineCadastre/DMA and the generic position CSV, with and without a
 * --columns mapping.  The first byte picks the mapping.  Invariants: the
 * splitter's fields lie inside its buffer, NUL-terminated, at most
 * GT_CSV_MAX_FIELDS of them, and the line-fed and whole-buffer modes agree
 * on the number of records; every observation has an identity, a time,
 * and a position in range when it says so; every fact value is non-empty
 * and bounded; record offsets never point past the input.
 */
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/csv.h"
#include "ghosttrack/import.h"
#include "ghosttrack/mem.h"
#include "fuzz.h"

static size_t g_n;

static void on_obs(const struct gt_obs *o, void *ud)
{
    (void)ud;
    if (o->id.kind == GT_ID_NONE || !(o->flags & GT_OBS_TIME) || o->prov.pos > g_n) {
        abort();
    }
    if ((o->flags & GT_OBS_POS) && !(o->lat_deg >= -90.0 && o->lat_deg <= 90.0 &&
                                     o->lon_deg >= -180.0 && o->lon_deg <= 180.0)) {
        abort();
    }
}

static void on_ident(const struct gt_ident_obs *io, void *ud)
{
    (void)ud;
    if (io->value[0] == '\0' || strlen(io->value) >= GT_IDENT_VALUE_MAX || io->prov.pos > g_n) {
        abort();
    }
}

static void check_record(const struct gt_csv *c)
{
    size_t i;

    if (c->n > GT_CSV_MAX_FIELDS) {
        abort();
    }
    for (i = 0; i < c->n; i++) {
        const char *p = c->f[i].p;
        if (p < c->buf || p + c->f[i].n >= c->buf + GT_CSV_RECORD_MAX || p[c->f[i].n] != '\0') {
            abort();
        }
    }
}

static const char *const maps[] = {
    NULL,
    "mmsi=a,time=b,lat=c,lon=d",
    "icao=a,time=b,lat=c,lon=d,alt=e,squawk=f",
    "mmsi=MMSI,time=ts,lat=LAT,lon=LON,speed=SOG,course=COG,heading=HDG,name=N,class=K,length=L",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_csv *c;
    struct gt_csv_import *imp;
    const char *map;
    size_t i = 0, pos = 0, by_line = 0, by_buf = 0;
    int rc;

    if (size == 0) {
        return 0;
    }
    map = maps[data[0] % (sizeof maps / sizeof maps[0])];
    data++;
    size--;
    g_n = size;
    (void)gt_csv_import_sniff(data, size);

    c = gt_malloc(sizeof *c);
    if (c == NULL) {
        return 0;
    }
    /* the whole-buffer mode */
    gt_csv_init(c, 0);
    while ((rc = gt_csv_next(c, data, size, &pos)) != 0) {
        if (rc > 0) {
            check_record(c);
            by_buf++;
        }
        if (pos > size) {
            abort();
        }
    }
    /* the line-fed mode: the same records (a quote left open at the end
     * is one more in the buffer mode) */
    gt_csv_init(c, GT_CSV_TRIM);
    imp = gt_csv_import_new(on_obs, on_ident, NULL);
    if (imp != NULL && map != NULL && gt_csv_import_set_columns(imp, map) != GT_OK) {
        abort();
    }
    while (i < size) {
        const uint8_t *nl = memchr(data + i, '\n', size - i);
        size_t len = nl != NULL ? (size_t)(nl - (data + i)) + 1 : size - i;
        rc = gt_csv_line(c, data + i, len);
        if (rc > 0) {
            check_record(c);
            by_line++;
        }
        if (imp != NULL) {
            (void)gt_csv_import_feed(imp, data + i, len, i);
        }
        i += len;
    }
    if (by_line + (gt_csv_pending(c) ? 1u : 0u) != by_buf) {
        abort();
    }
    if (imp != NULL) {
        (void)gt_csv_import_finish(imp);
        if (gt_csv_import_counters(imp)->obs > gt_csv_import_counters(imp)->rows) {
            abort();
        }
    }
    gt_csv_import_free(imp);
    gt_free(c);
    return 0;
}
