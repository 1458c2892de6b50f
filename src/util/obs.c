/*
 * obs.c - identity text forms and observation helpers (see obs.h).
 */
#include "ghosttrack/obs.h"
#include "ghosttrack/text.h"

#include <stdio.h>
#include <string.h>

#include "ghosttrack/time.h"

int gt_ident_format(const struct gt_ident *id, char *buf, size_t size)
{
    switch (id->kind) {
    case GT_ID_MMSI:
        return snprintf(buf, size, "mmsi:%u", (unsigned)id->value);
    case GT_ID_ICAO:
        return snprintf(buf, size, "icao:%s%06x",
                        (id->flags & GT_IDENT_PROVISIONAL) ? "?"
                        : (id->flags & GT_IDENT_NONICAO)   ? "~"
                                                           : "",
                        (unsigned)(id->value & 0xffffffu));
    case GT_ID_NONE:
        break;
    }
    return GT_ERR_INVAL;
}

/* The one reader of a bare 24-bit address: the "icao:" form above, the
 * archive readers' "hex" and "icao24" columns (src/decode/archive) and the
 * CLI's arguments all come here, so "~" (a non-ICAO address, readsb's
 * convention for TIS-B and anonymous targets) means the same everywhere. */
int gt_ident_parse_icao(const char *s, size_t n, struct gt_ident *id)
{
    uint32_t v = 0;
    unsigned flags = 0;
    size_t i;

    if (n > 0 && s[0] == '~') {
        flags = GT_IDENT_NONICAO;
        s++;
        n--;
    }
    if (n != 6) {
        return GT_ERR_BADDATA;
    }
    for (i = 0; i < 6; i++) {
        int h = gt_text_hexval(s[i]);
        if (h < 0) {
            return GT_ERR_BADDATA;
        }
        v = (v << 4) | (uint32_t)h;
    }
    id->kind = GT_ID_ICAO;
    id->value = v;
    id->flags = flags;
    return GT_OK;
}

int gt_ident_parse(const char *s, size_t n, struct gt_ident *id)
{
    size_t i;
    uint32_t v = 0;

    if (n > 5 && memcmp(s, "mmsi:", 5) == 0) {
        if (n - 5 > 9) {
            return GT_ERR_BADDATA;
        }
        for (i = 5; i < n; i++) {
            if (s[i] < '0' || s[i] > '9') {
                return GT_ERR_BADDATA;
            }
            v = v * 10 + (uint32_t)(s[i] - '0');
        }
        id->kind = GT_ID_MMSI;
        id->value = v;
        id->flags = 0;
        return GT_OK;
    }
    if (n > 5 && memcmp(s, "icao:", 5) == 0) {
        return gt_ident_parse_icao(s + 5, n - 5, id);
    }
    return GT_ERR_BADDATA;
}

void gt_obs_init(struct gt_obs *o)
{
    memset(o, 0, sizeof *o);
    o->t_ms = GT_TIME_NONE;
}

const char *gt_ident_field_name(enum gt_ident_field f)
{
    switch (f) {
    case GT_FIELD_NAME:
        return "name";
    case GT_FIELD_CALLSIGN:
        return "callsign";
    case GT_FIELD_IMO:
        return "imo";
    case GT_FIELD_SHIPTYPE:
        return "shiptype";
    case GT_FIELD_DIMENSIONS:
        return "dimensions";
    case GT_FIELD_DESTINATION:
        return "destination";
    case GT_FIELD_DRAUGHT:
        return "draught";
    case GT_FIELD_SQUAWK:
        return "squawk";
    case GT_FIELD_REGISTRATION:
        return "registration";
    case GT_FIELD_TYPECODE:
        return "typecode";
    case GT_FIELD_CATEGORY:
        return "category";
    case GT_FIELD_FLAG:
        return "flag";
    case GT_FIELD_ORIGIN:
        return "origin";
    case GT_FIELD_AIS_CLASS:
        return "class";
    case GT_FIELD_LENGTH:
        return "length";
    case GT_FIELD_WIDTH:
        return "width";
    case GT_FIELD_FLIGHT:
        return "flight";
    }
    return NULL;
}
