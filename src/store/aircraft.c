/*
 * aircraft.c - loading an aircraft database CSV (OpenSky aircraftDatabase
 * or tar1090-db style: icao24,registration,typecode,operator with optional
 * military/PIA/LADD flag columns) into the store's aircraft table, so that
 * a registration such as "RA-86496" resolves to its ICAO address.
 * Fields follow RFC 4180 (quoted fields, doubled quotes).
 */
#include <string.h>
#include <strings.h>

#include "ghosttrack/store.h"

#define NF        16
#define FIELD_MAX 128

enum { C_ICAO, C_REG, C_TYPE, C_OP, C_MIL, C_PIA, C_LADD, C_N };

/* Split one line into unquoted fields copied into f. */
static size_t split(const char *p, size_t n, char f[NF][FIELD_MAX])
{
    size_t i = 0, nf = 0;

    while (nf < NF) {
        size_t k = 0;
        int quoted = i < n && p[i] == '"';
        if (quoted) {
            i++;
        }
        while (i < n) {
            if (quoted && p[i] == '"') {
                if (i + 1 < n && p[i + 1] == '"') {
                    i++;
                } else {
                    quoted = 0;
                    i++;
                    continue;
                }
            } else if (!quoted && p[i] == ',') {
                break;
            }
            if (k + 1 < FIELD_MAX && p[i] != '\r') {
                f[nf][k++] = p[i];
            }
            i++;
        }
        f[nf][k] = '\0';
        nf++;
        if (i >= n) {
            break;
        }
        i++;
    }
    return nf;
}

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
    char f[NF][FIELD_MAX];
    int col[C_N];
    size_t pos = 0, nf, i;
    int rc, header = 1;

    *loaded = 0;
    *rejected = 0;
    for (i = 0; i < C_N; i++) {
        col[i] = -1;
    }
    rc = gt_store_begin(st);
    while (rc == GT_OK && pos < n) {
        const char *nl = memchr(p + pos, '\n', n - pos);
        size_t len = nl != NULL ? (size_t)(nl - (p + pos)) : n - pos;
        const char *line = p + pos;

        pos += len + 1;
        if (len == 0 || (len == 1 && line[0] == '\r')) {
            continue;
        }
        nf = split(line, len, f);
        if (header) {
            header = 0;
            for (i = 0; i < nf; i++) {
                const char *h = f[i];
                if (i == 0 && (unsigned char)h[0] == 0xef) {
                    h += 3; /* UTF-8 byte order mark */
                }
                if (strcasecmp(h, "icao24") == 0 || strcasecmp(h, "icao") == 0) {
                    col[C_ICAO] = (int)i;
                } else if (strcasecmp(h, "registration") == 0) {
                    col[C_REG] = (int)i;
                } else if (strcasecmp(h, "typecode") == 0) {
                    col[C_TYPE] = (int)i;
                } else if (strcasecmp(h, "operator") == 0 ||
                           (col[C_OP] < 0 &&
                            (strcasecmp(h, "operatoricao") == 0 || strcasecmp(h, "owner") == 0))) {
                    col[C_OP] = (int)i;
                } else if (strcasecmp(h, "military") == 0 || strcasecmp(h, "mil") == 0) {
                    col[C_MIL] = (int)i;
                } else if (strcasecmp(h, "pia") == 0) {
                    col[C_PIA] = (int)i;
                } else if (strcasecmp(h, "ladd") == 0) {
                    col[C_LADD] = (int)i;
                }
            }
            if (col[C_ICAO] < 0) {
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
#define FIELD(c) (col[c] >= 0 && (size_t)col[c] < nf ? f[col[c]] : "")
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
    if (rc == GT_OK) {
        return gt_store_commit(st);
    }
    if (gt_store_rollback(st) < 0) {
        return GT_ERR_DB;
    }
    return rc;
}
