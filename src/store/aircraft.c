/*
 * aircraft.c - loading an aircraft database CSV (OpenSky aircraftDatabase
 * or tar1090-db style: icao24,registration,typecode,operator with optional
 * military/PIA/LADD flag columns) into the store's aircraft table, so that
 * a registration such as "RA-86496" resolves to its ICAO address.
 * Records are split by the one RFC 4180 splitter (csv.h).
 */
#include <string.h>
#include <strings.h>

#include "ghosttrack/csv.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/store.h"

enum { C_ICAO, C_REG, C_TYPE, C_OP, C_MIL, C_PIA, C_LADD, C_N };

static int truthy(const char *s)
{
    return strcasecmp(s, "1") == 0 || strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0 ||
           strcasecmp(s, "y") == 0;
}

static int parse_hex24(const char *s, uint32_t *v)
{
    size_t i, n = strlen(s);

    *v = 0;
    if (n != 6) {
        return GT_ERR_BADDATA;
    }
    for (i = 0; i < 6; i++) {
        char c = s[i];
        unsigned d;
        if (c >= '0' && c <= '9') {
            d = (unsigned)(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            d = (unsigned)(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            d = (unsigned)(c - 'A' + 10);
        } else {
            return GT_ERR_BADDATA;
        }
        *v = (*v << 4) | d;
    }
    return GT_OK;
}

int gt_store_load_aircraft_csv(struct gt_store *st, const char *p, size_t n, size_t *loaded,
                               size_t *rejected)
{
    struct gt_csv *c;
    int col[C_N];
    size_t pos = 0, i;
    int rc, r, header = 1;

    *loaded = 0;
    *rejected = 0;
    for (i = 0; i < C_N; i++) {
        col[i] = -1;
    }
    c = gt_malloc(sizeof *c);
    if (c == NULL) {
        return GT_ERR_NOMEM;
    }
    gt_csv_init(c, 0);
    rc = gt_store_begin(st);
    while (rc == GT_OK && (r = gt_csv_next(c, (const uint8_t *)p, n, &pos)) != 0) {
        if (r < 0) {
            (*rejected)++;
            continue;
        }
        if (c->n == 0) {
            continue;
        }
        if (header) {
            header = 0;
            for (i = 0; i < c->n; i++) {
                const struct gt_csv_field *h = &c->f[i];
                if (gt_csv_eq(h, "icao24") || gt_csv_eq(h, "icao")) {
                    col[C_ICAO] = (int)i;
                } else if (gt_csv_eq(h, "registration")) {
                    col[C_REG] = (int)i;
                } else if (gt_csv_eq(h, "typecode")) {
                    col[C_TYPE] = (int)i;
                } else if (gt_csv_eq(h, "operator") ||
                           (col[C_OP] < 0 &&
                            (gt_csv_eq(h, "operatoricao") || gt_csv_eq(h, "owner")))) {
                    col[C_OP] = (int)i;
                } else if (gt_csv_eq(h, "military") || gt_csv_eq(h, "mil")) {
                    col[C_MIL] = (int)i;
                } else if (gt_csv_eq(h, "pia")) {
                    col[C_PIA] = (int)i;
                } else if (gt_csv_eq(h, "ladd")) {
                    col[C_LADD] = (int)i;
                }
            }
            if (col[C_ICAO] < 0) {
                gt_free(c);
                if (gt_store_rollback(st) < 0) {
                    return GT_ERR_DB;
                }
                return GT_ERR_BADDATA;
            }
            continue;
        }
        {
            uint32_t icao;
            unsigned flags = 0;
#define FIELD(k) (col[k] >= 0 ? gt_csv_get(c, (size_t)col[k]) : "")
            if (parse_hex24(FIELD(C_ICAO), &icao) < 0) {
                (*rejected)++;
                continue;
            }
            if (truthy(FIELD(C_MIL))) {
                flags |= GT_AIRCRAFT_MILITARY;
            }
            if (truthy(FIELD(C_PIA))) {
                flags |= GT_AIRCRAFT_PIA;
            }
            if (truthy(FIELD(C_LADD))) {
                flags |= GT_AIRCRAFT_LADD;
            }
            rc = gt_store_aircraft_put(st, icao, FIELD(C_REG), FIELD(C_TYPE), FIELD(C_OP), flags);
#undef FIELD
            if (rc == GT_OK) {
                (*loaded)++;
            }
        }
    }
    gt_free(c);
    if (rc == GT_OK) {
        return gt_store_commit(st);
    }
    if (gt_store_rollback(st) < 0) {
        return GT_ERR_DB;
    }
    return rc;
}
