/*
 * ais_json.c - ghosttrack's own NDJSON for AIS messages (docs/AIS.md) and
 * the conversion of decoded messages into the common observation types of
 * obs.h.  Only fields that are available are written: "not available"
 * sentinels (M.1371-5 table 45: lat 91, lon 181, SOG 1023, COG 3600,
 * heading 511, ROT -128, second 60-63) never appear as numbers.
 */
#include <stdio.h>
#include <string.h>

#include "ghosttrack/ais.h"
#include "ghosttrack/esc.h"
#include "ghosttrack/time.h"

static const char *const qnames[] = {"no_checksum",  "len_short", "len_long", "pad",
                                     "tag_checksum", "channel",   "bad_char", "spare"};

static int add_str(struct gt_buf *b, const char *key, const char *s)
{
    int rc = gt_buf_addf(b, ",\"%s\":", key);
    if (rc == GT_OK) {
        rc = gt_esc_json(b, s, strlen(s));
    }
    return rc;
}

int gt_ais_json(const struct gt_ais_msg *m, struct gt_buf *b)
{
    char t[GT_TIME_ISO_MAX];
    int rc;
    unsigned i;

    if (m->t_ms != GT_TIME_NONE && gt_time_format_iso(m->t_ms, t, sizeof t, 0) > 0) {
        rc = gt_buf_addf(b, "{\"t\":\"%s\"", t);
    } else {
        rc = gt_buf_addstr(b, "{\"t\":null");
    }
    if (rc == GT_OK) {
        rc = m->station[0] != '\0' ? add_str(b, "station", m->station)
                                   : gt_buf_addstr(b, ",\"station\":null");
    }
    if (rc == GT_OK) {
        rc = gt_buf_addf(b, ",\"type\":%u,\"repeat\":%u,\"mmsi\":%u,\"talker\":\"%.2s\"", m->type,
                         m->repeat, m->mmsi, m->talker);
    }
    if (rc == GT_OK && m->channel >= 'A' && m->channel <= 'Z') {
        rc = gt_buf_addf(b, ",\"channel\":\"%c\"", m->channel);
    }
    if (rc == GT_OK && m->own) {
        rc = gt_buf_addstr(b, ",\"own\":true");
    }
    if (rc == GT_OK) {
        rc =
            gt_buf_addf(b, ",\"offset\":%llu,\"bits\":%u", (unsigned long long)m->offset, m->nbits);
    }
    if (rc == GT_OK && m->quality != 0) {
        const char *sep = "";
        rc = gt_buf_addstr(b, ",\"quality\":[");
        for (i = 0; rc == GT_OK && i < sizeof qnames / sizeof qnames[0]; i++) {
            if (m->quality & (1u << i)) {
                rc = gt_buf_addf(b, "%s\"%s\"", sep, qnames[i]);
                sep = ",";
            }
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(b, "]");
        }
    }
    if (rc == GT_OK && (m->valid & GT_AISV_STATUS)) {
        rc = gt_buf_addf(b, ",\"status\":%u", m->nav_status);
    }
    if (rc == GT_OK && (m->valid & GT_AISV_POS)) {
        rc = gt_buf_addf(b, ",\"lat\":%.6f,\"lon\":%.6f,\"accuracy\":%u", m->lat_deg, m->lon_deg,
                         m->pos_acc);
    }
    if (rc == GT_OK && (m->valid & GT_AISV_SOG)) {
        rc = gt_buf_addf(b, ",\"sog\":%.1f", (double)m->sog_kn);
    }
    if (rc == GT_OK && (m->valid & GT_AISV_COG)) {
        rc = gt_buf_addf(b, ",\"cog\":%.1f", (double)m->cog_deg);
    }
    if (rc == GT_OK && (m->valid & GT_AISV_HEADING)) {
        rc = gt_buf_addf(b, ",\"heading\":%u", m->heading_deg);
    }
    if (rc == GT_OK && (m->valid & GT_AISV_ROT)) {
        rc = gt_buf_addf(b, ",\"rot\":%.1f", (double)m->rot_deg_min);
    }
    if (rc == GT_OK && (m->valid & GT_AISV_SECOND)) {
        rc = gt_buf_addf(b, ",\"second\":%u", m->utc_second);
    }
    if (rc == GT_OK && (m->valid & GT_AISV_ALT)) {
        rc = gt_buf_addf(b, ",\"alt\":%d", m->alt_m);
    }
    if (rc == GT_OK && m->utc_ms != GT_TIME_NONE &&
        gt_time_format_iso(m->utc_ms, t, sizeof t, 0) > 0) {
        rc = gt_buf_addf(b, ",\"utc\":\"%s\"", t);
    }
    if (rc == GT_OK && (m->valid & GT_AISV_STATIC)) {
        if (m->type == 24) {
            rc = gt_buf_addf(b, ",\"part\":\"%s\"",
                             m->part24 == GT_AIS24_A   ? "A"
                             : m->part24 == GT_AIS24_B ? "B"
                                                       : "AB");
        }
        if (rc == GT_OK && m->part24 != GT_AIS24_B) {
            rc = add_str(b, "name", m->name);
        }
        if (rc == GT_OK && (m->type == 5 || m->part24 >= GT_AIS24_B)) {
            rc = add_str(b, "callsign", m->callsign);
        }
        if (rc == GT_OK && m->type == 5) {
            rc = gt_buf_addf(b, ",\"imo\":%u,\"draught\":%.1f", m->imo, (double)m->draught_m);
            if (rc == GT_OK) {
                rc = add_str(b, "destination", m->destination);
            }
        }
        if (rc == GT_OK && (m->type == 5 || m->type == 19 || m->part24 >= GT_AIS24_B)) {
            rc = gt_buf_addf(b, ",\"shiptype\":%u", m->shiptype);
        }
        if (rc == GT_OK && (m->type == 5 || m->type == 19 || m->type == 21 ||
                            (m->part24 >= GT_AIS24_B && m->mmsi / 10000000u != 98))) {
            rc = gt_buf_addf(b, ",\"dims\":[%u,%u,%u,%u]", m->dim_a, m->dim_b, m->dim_c, m->dim_d);
        }
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, "}\n");
    }
    return rc;
}

int gt_ais_to_obs(const struct gt_ais_msg *m, struct gt_obs *o)
{
    switch (m->type) {
    case 1:
    case 2:
    case 3:
    case 4:
    case 9:
    case 11:
    case 18:
    case 19:
    case 21:
    case 27:
        break;
    default:
        return 0;
    }
    gt_obs_init(o);
    o->t_ms = m->t_ms;
    if (m->t_ms != GT_TIME_NONE) {
        o->flags |= GT_OBS_TIME;
    }
    o->id.kind = GT_ID_MMSI;
    o->id.value = m->mmsi;
    if (m->valid & GT_AISV_POS) {
        o->flags |= GT_OBS_POS;
        o->lat_deg = m->lat_deg;
        o->lon_deg = m->lon_deg;
        o->pos_how = GT_POS_REPORTED;
        if (m->pos_acc) {
            o->flags |= GT_OBS_POS_ACC;
        }
    }
    if (m->valid & GT_AISV_SOG) {
        o->flags |= GT_OBS_SPEED;
        o->speed_kn = m->sog_kn;
    }
    if (m->valid & GT_AISV_COG) {
        o->flags |= GT_OBS_COURSE;
        o->course_deg = m->cog_deg;
    }
    if (m->valid & GT_AISV_HEADING) {
        o->flags |= GT_OBS_HEADING;
        o->heading_deg = (float)m->heading_deg;
    }
    if (m->valid & GT_AISV_ROT) {
        o->flags |= GT_OBS_ROT;
        o->rot_deg_min = m->rot_deg_min;
    }
    if (m->valid & GT_AISV_STATUS) {
        o->flags |= GT_OBS_NAVSTAT;
        o->nav_status = m->nav_status;
    }
    if (m->valid & GT_AISV_ALT) {
        o->flags |= GT_OBS_GNSS_ALT;
        o->gnss_alt_ft = (int32_t)((double)m->alt_m / 0.3048 + 0.5);
    }
    o->prov.kind = GT_PROV_FILE;
    o->prov.pos = m->offset;
    return 1;
}

static size_t add_ident(const struct gt_ais_msg *m, struct gt_ident_obs *out, size_t k, size_t max,
                        enum gt_ident_field f, const char *v)
{
    size_t n;
    if (k >= max || v[0] == '\0') {
        return k;
    }
    memset(&out[k], 0, sizeof out[k]);
    out[k].t_ms = m->t_ms;
    out[k].id.kind = GT_ID_MMSI;
    out[k].id.value = m->mmsi;
    out[k].field = f;
    n = strlen(v);
    if (n >= GT_IDENT_VALUE_MAX) {
        n = GT_IDENT_VALUE_MAX - 1;
    }
    memcpy(out[k].value, v, n);
    out[k].value[n] = '\0';
    out[k].prov.kind = GT_PROV_FILE;
    out[k].prov.pos = m->offset;
    return k + 1;
}

size_t gt_ais_to_ident(const struct gt_ais_msg *m, struct gt_ident_obs *out, size_t max)
{
    char v[40];
    size_t k = 0;
    int b_part = m->type == 24 && m->part24 >= GT_AIS24_B;

    if (!(m->valid & GT_AISV_STATIC)) {
        return 0;
    }
    if (m->part24 != GT_AIS24_B) {
        k = add_ident(m, out, k, max, GT_FIELD_NAME, m->name);
    }
    if (m->type == 5 || b_part) {
        k = add_ident(m, out, k, max, GT_FIELD_CALLSIGN, m->callsign);
    }
    if (m->type == 5 || m->type == 19 || b_part) {
        if (m->shiptype != 0) {
            (void)snprintf(v, sizeof v, "%u", m->shiptype);
            k = add_ident(m, out, k, max, GT_FIELD_SHIPTYPE, v);
        }
        if (m->dim_a + m->dim_b + m->dim_c + m->dim_d > 0) {
            (void)snprintf(v, sizeof v, "%u,%u,%u,%u", m->dim_a, m->dim_b, m->dim_c, m->dim_d);
            k = add_ident(m, out, k, max, GT_FIELD_DIMENSIONS, v);
        }
    }
    if (m->type == 5) {
        if (m->imo != 0) {
            (void)snprintf(v, sizeof v, "%u", m->imo);
            k = add_ident(m, out, k, max, GT_FIELD_IMO, v);
        }
        k = add_ident(m, out, k, max, GT_FIELD_DESTINATION, m->destination);
        if (m->draught_m > 0.0f) {
            (void)snprintf(v, sizeof v, "%.1f", (double)m->draught_m);
            k = add_ident(m, out, k, max, GT_FIELD_DRAUGHT, v);
        }
    }
    return k;
}
