/*
 * json.c - ghosttrack's own NDJSON for Mode S (docs/FORMATS.md): one object
 * per decoded message or SBS record, or per position, with the frame's
 * time, address, offset and receiver fields first.  Strings from the air
 * (callsigns, categories) are JSON-escaped.
 */
#include <stdio.h>
#include <string.h>

#include "ghosttrack/esc.h"
#include "ghosttrack/modes.h"
#include "ghosttrack/time.h"

static const char *pos_how_name(enum gt_pos_method h)
{
    switch (h) {
    case GT_POS_CPR_GLOBAL:
        return "cpr_global";
    case GT_POS_CPR_LOCAL:
        return "cpr_local";
    case GT_POS_TISB:
        return "tisb";
    case GT_POS_REPORTED:
        return "reported";
    default:
        return "none";
    }
}

static const char *ref_name(int r)
{
    return r == 1 ? "last_fix" : (r == 2 ? "receiver" : "none");
}

static const char *bds_name(enum gt_modes_bds b)
{
    switch (b) {
    case GT_BDS_10:
        return "1,0";
    case GT_BDS_17:
        return "1,7";
    case GT_BDS_20:
        return "2,0";
    case GT_BDS_30:
        return "3,0";
    case GT_BDS_40:
        return "4,0";
    case GT_BDS_44:
        return "4,4";
    case GT_BDS_50:
        return "5,0";
    case GT_BDS_60:
        return "6,0";
    default:
        return NULL;
    }
}

/* Append ,"key":value pieces; every helper returns < 0 on buffer error. */
static int kstr(struct gt_buf *b, const char *k, const char *v)
{
    if (gt_buf_addf(b, ",\"%s\":", k) < 0) {
        return -1;
    }
    return gt_esc_json(b, v, strlen(v));
}

static int kint(struct gt_buf *b, const char *k, long long v)
{
    return gt_buf_addf(b, ",\"%s\":%lld", k, v);
}

static int kdbl(struct gt_buf *b, const char *k, double v, int prec)
{
    return gt_buf_addf(b, ",\"%s\":%.*f", k, prec, v);
}

static int head(struct gt_buf *b, const struct gt_modes_frame *fr, uint32_t addr, int nonicao)
{
    char t[GT_TIME_ISO_MAX];
    int rc = gt_buf_addstr(b, "{");

    if (rc < 0) {
        return rc;
    }
    if (fr->t_ms != GT_TIME_NONE && gt_time_format_iso(fr->t_ms, t, sizeof t, GT_TIME_MS) > 0) {
        rc = gt_buf_addf(b, "\"t\":\"%s\",", t);
    }
    if (rc >= 0) {
        rc = gt_buf_addf(b, "\"icao\":\"icao:%s%06x\"", nonicao ? "~" : "", addr);
    }
    if (rc >= 0) {
        rc = kint(b, "offset", (long long)fr->offset);
    }
    if (rc >= 0 && fr->has_rx_ts && fr->gps_ts) {
        rc = kint(b, "gps_tod_ns",
                  (long long)((fr->rx_ts >> 30) * 1000000000u + (fr->rx_ts & 0x3fffffffu)));
    } else if (rc >= 0 && fr->has_rx_ts) {
        rc = kint(b, "rx_ts", (long long)fr->rx_ts);
    }
    if (rc >= 0 && fr->rx_id != 0) {
        rc = gt_buf_addf(b, ",\"rx_id\":\"%016llx\"", (unsigned long long)fr->rx_id);
    }
    if (rc >= 0 && fr->signal >= 0) {
        rc = kint(b, "signal", fr->signal);
    }
    return rc;
}

static int obs_pos(struct gt_buf *b, const struct gt_modes_update *u)
{
    int rc = 0;

    if (u->obs.flags & GT_OBS_POS) {
        rc = kdbl(b, "lat", u->obs.lat_deg, 6);
        if (rc >= 0) {
            rc = kdbl(b, "lon", u->obs.lon_deg, 6);
        }
        if (rc >= 0) {
            rc = kstr(b, "pos", pos_how_name(u->obs.pos_how));
        }
        if (rc >= 0) {
            rc = kstr(b, "pos_ref", ref_name(u->pos_ref));
        }
    }
    return rc;
}

static int msg_json(struct gt_buf *b, const struct gt_modes_frame *fr, const struct gt_modes_msg *m,
                    const struct gt_modes_update *u)
{
    uint32_t h = m->has;
    int rc = head(b, fr, m->addr, m->nonicao);
    char hex[29];
    int i;
    const char *bn;

    for (i = 0; i < m->nbits / 8; i++) {
        snprintf(hex + 2 * i, 3, "%02x", m->raw[i]);
    }
    if (rc >= 0) {
        rc = kstr(b, "hex", hex);
    }
    if (rc >= 0) {
        rc = kint(b, "df", m->df);
    }
    if (rc >= 0) {
        rc = kstr(b, "addr_src", m->addr_kind == GT_MODES_ADDR_ANNOUNCED ? "aa" : "ap");
    }
    if (rc >= 0 && m->corrected) {
        rc = kint(b, "crc_fixed_bits", m->corrected);
    }
#define I(cond, k, v)                                                                              \
    if (rc >= 0 && (cond)) {                                                                       \
        rc = kint(b, k, (long long)(v));                                                           \
    }
#define D(cond, k, v, p)                                                                           \
    if (rc >= 0 && (cond)) {                                                                       \
        rc = kdbl(b, k, v, p);                                                                     \
    }
    I(m->ca >= 0, "ca", m->ca);
    I(m->cf >= 0, "cf", m->cf);
    I(m->iid >= 0, "iid", m->iid);
    I(m->fs >= 0, "fs", m->fs);
    I(m->dr >= 0, "dr", m->dr);
    I(m->um >= 0, "um", m->um);
    I(m->vs >= 0, "vs", m->vs);
    I(m->cc >= 0, "cc", m->cc);
    I(m->sl >= 0, "sl", m->sl);
    I(m->ri >= 0, "ri", m->ri);
    I(m->tc >= 0, "tc", m->tc);
    I(m->st >= 0, "st", m->st);
    if (rc >= 0 && (h & GT_MODES_HAS_CATEGORY)) {
        rc = kstr(b, "category", m->category);
    }
    if (rc >= 0 && (h & GT_MODES_HAS_CALLSIGN)) {
        rc = kstr(b, "callsign", m->callsign);
    }
    if (rc >= 0 && (h & GT_MODES_HAS_SQUAWK)) {
        rc = gt_buf_addf(b, ",\"squawk\":\"%04u\"", m->squawk % 10000u);
    }
    I(h & GT_MODES_HAS_EMERG, "emergency", m->emergency);
    I(h & GT_MODES_HAS_GROUND, "on_ground", m->on_ground);
    I(h & GT_MODES_HAS_ALT, "alt_ft", m->alt_ft);
    I(h & GT_MODES_HAS_GNSS_ALT, "gnss_alt_ft", m->gnss_alt_ft);
    if (rc >= 0 && (h & GT_MODES_HAS_CPR)) {
        rc = gt_buf_addf(b, ",\"cpr_odd\":%d,\"cpr_lat\":%u,\"cpr_lon\":%u,\"cpr_surface\":%d",
                         m->cpr_odd, m->cpr_lat, m->cpr_lon, m->cpr_surface);
    }
    I(m->nuc_p >= 0, "nuc_p", m->nuc_p);
    I(h & GT_MODES_HAS_MOVEMENT, "movement", m->movement);
    D(h & GT_MODES_HAS_GS, "gs_kt", m->gs_kt, 1);
    D(h & GT_MODES_HAS_TRACK, "track_deg", m->track_deg, 2);
    D(h & GT_MODES_HAS_HEADING, m->heading_true ? "heading_true_deg" : "heading_mag_deg",
      m->heading_deg, 2);
    D(h & GT_MODES_HAS_TAS, "tas_kt", m->tas_kt, 0);
    D(h & GT_MODES_HAS_IAS, "ias_kt", m->ias_kt, 0);
    D(h & GT_MODES_HAS_MACH, "mach", m->mach, 3);
    I(h & GT_MODES_HAS_VRATE, "vrate_fpm", m->vrate_fpm);
    if (rc >= 0 && (h & GT_MODES_HAS_VRATE)) {
        rc = kstr(b, "vrate_src", m->vrate_src ? "baro" : "gnss");
    }
    I(h & GT_MODES_HAS_IVRATE, "inertial_vrate_fpm", m->ivrate_fpm);
    I(h & GT_MODES_HAS_GEO_BARO, "geo_minus_baro_ft", m->geo_minus_baro_ft);
    I(m->nac_v >= 0, "nac_v", m->nac_v);
    I(h & GT_MODES_HAS_SEL_ALT, m->sel_alt_src ? "fms_sel_alt_ft" : "mcp_sel_alt_ft",
      m->sel_alt_ft);
    I(h & GT_MODES_HAS_FMS_ALT, "fms_sel_alt_ft", m->fms_alt_ft);
    D(h & GT_MODES_HAS_BARO, "baro_hpa", m->baro_hpa, 1);
    D(h & GT_MODES_HAS_SEL_HDG, "sel_heading_deg", m->sel_heading_deg, 2);
    if (rc >= 0 && (h & GT_MODES_HAS_MODES)) {
        rc = gt_buf_addf(b,
                         ",\"autopilot\":%u,\"vnav\":%u,\"alt_hold\":%u,\"approach\":%u,"
                         "\"lnav\":%u",
                         m->ap_modes & 1u, (m->ap_modes >> 1) & 1u, (m->ap_modes >> 2) & 1u,
                         (m->ap_modes >> 3) & 1u, (m->ap_modes >> 4) & 1u);
    }
    if (rc >= 0 && m->tc == 29 && m->st == 1) {
        rc = kint(b, "tcas", (m->ap_modes >> 5) & 1u);
    }
    I(h & GT_MODES_HAS_OPSTATUS, "version", m->version);
    I(m->ss >= 0, "ss", m->ss);
    I(m->nic_b >= 0 && m->ss >= 0, "nic_b", m->nic_b);
    I(m->nic_a >= 0, "nic_a", m->nic_a);
    I(m->nac_p >= 0, "nac_p", m->nac_p);
    I(m->sil >= 0, "sil", m->sil);
    I(m->sil_supp >= 0, "sil_supp", m->sil_supp);
    I(m->nic_baro >= 0, "nic_baro", m->nic_baro);
    I(m->gva >= 0, "gva", m->gva);
    I(m->hrd >= 0, "hrd", m->hrd);
    D(h & GT_MODES_HAS_ROLL, "roll_deg", m->roll_deg, 2);
    D(h & GT_MODES_HAS_TRACK_RATE, "track_rate_dps", m->track_rate_dps, 3);
    if (rc >= 0 && (h & GT_MODES_HAS_ACAS_RA)) {
        rc =
            gt_buf_addf(b, ",\"ra_active\":%d,\"ara\":%u,\"rac\":%u", m->ra_active, m->ara, m->rac);
    }
    if (rc >= 0 && (h & GT_MODES_HAS_METEO)) {
        rc = gt_buf_addf(b, ",\"wind_kt\":%.0f,\"wind_dir_deg\":%.1f,\"sat_c\":%.2f,\"fom\":%d",
                         m->wind_kt, m->wind_dir_deg, m->sat_c, m->fom);
    }
    if (rc >= 0 && (h & GT_MODES_HAS_CAPS)) {
        rc = gt_buf_addf(b, ",\"caps\":\"%08x\"", m->caps);
    }
    if (rc >= 0 && (h & GT_MODES_HAS_MV)) {
        char mv[15];
        memcpy(mv, hex + 8, 14); /* MV is bytes 4..10 */
        mv[14] = '\0';
        rc = kstr(b, "mv", mv);
    }
    bn = bds_name(m->bds);
    if (rc >= 0 && bn != NULL) {
        rc = kstr(b, "bds", bn);
    }
    if (rc >= 0 && m->bds_inconsistent) {
        rc = gt_buf_addstr(b, ",\"bds_inconsistent\":true");
    }
    if (rc >= 0 && m->bds_ambiguous) {
        rc = gt_buf_addf(b, ",\"bds_ambiguous\":true,\"bds_candidates\":%u", m->bds_candidates);
    }
#undef I
#undef D
    if (rc >= 0) {
        rc = obs_pos(b, u);
    }
    if (rc >= 0 && u->pos_rejected) {
        rc = gt_buf_addstr(b, ",\"pos_rejected\":true");
    }
    return rc;
}

static int sbs_json(struct gt_buf *b, const struct gt_modes_frame *fr,
                    const struct gt_modes_update *u)
{
    const struct gt_sbs_rec *r = &fr->sbs;
    int rc = head(b, fr, r->addr, 0);

    if (rc >= 0) {
        rc = kint(b, "sbs_type", r->msg_type);
    }
    if (rc >= 0 && (r->has & GT_MODES_HAS_CALLSIGN)) {
        rc = kstr(b, "callsign", r->callsign);
    }
    if (rc >= 0 && (r->has & GT_MODES_HAS_SQUAWK)) {
        rc = gt_buf_addf(b, ",\"squawk\":\"%04u\"", r->squawk % 10000u);
    }
    if (rc >= 0 && (r->has & GT_MODES_HAS_ALT)) {
        rc = kint(b, "alt_ft", r->alt_ft);
    }
    if (rc >= 0 && (r->has & GT_MODES_HAS_GS)) {
        rc = kdbl(b, "gs_kt", r->gs_kt, 1);
    }
    if (rc >= 0 && (r->has & GT_MODES_HAS_TRACK)) {
        rc = kdbl(b, "track_deg", r->track_deg, 2);
    }
    if (rc >= 0 && (r->has & GT_MODES_HAS_VRATE)) {
        rc = kint(b, "vrate_fpm", r->vrate_fpm);
    }
    if (rc >= 0 && (r->has & GT_MODES_HAS_GROUND)) {
        rc = kint(b, "on_ground", r->on_ground);
    }
    if (rc >= 0 && (r->alert || r->emergency || r->spi)) {
        rc = gt_buf_addf(b, ",\"alert\":%d,\"emergency_flag\":%d,\"spi\":%d", r->alert,
                         r->emergency, r->spi);
    }
    if (rc >= 0) {
        rc = obs_pos(b, u);
    }
    return rc;
}

static int pos_json(struct gt_buf *b, const struct gt_modes_event *ev)
{
    const struct gt_obs *o = &ev->upd->obs;
    int rc = head(b, ev->frame, o->id.value, (o->id.flags & GT_IDENT_NONICAO) != 0);

    if (rc >= 0) {
        rc = obs_pos(b, ev->upd);
    }
    if (rc >= 0 && (o->flags & GT_OBS_ALT)) {
        rc = kint(b, "alt_ft", o->alt_ft);
    }
    if (rc >= 0 && (o->flags & GT_OBS_GNSS_ALT)) {
        rc = kint(b, "gnss_alt_ft", o->gnss_alt_ft);
    }
    if (rc >= 0 && (o->flags & GT_OBS_GROUND)) {
        rc = kint(b, "on_ground", o->on_ground);
    }
    return rc;
}

int gt_modes_json(const struct gt_modes_event *ev, int positions, struct gt_buf *b)
{
    int rc;

    if (positions) {
        if (!(ev->upd->obs.flags & GT_OBS_POS)) {
            return 0;
        }
        rc = pos_json(b, ev);
    } else if (ev->msg != NULL) {
        rc = msg_json(b, ev->frame, ev->msg, ev->upd);
    } else {
        rc = sbs_json(b, ev->frame, ev->upd);
    }
    if (rc >= 0) {
        rc = gt_buf_addstr(b, "}\n");
    }
    return rc < 0 ? rc : 1;
}
