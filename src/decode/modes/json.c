/*
 * json.c - ghosttrack's own NDJSON for Mode S (docs/FORMATS.md): one object
 * per decoded message or SBS record, or per position, with the frame's
 * time, address, offset and receiver fields first.  Strings from the air
 * (callsigns, categories) are JSON-escaped.
 */
#include <stdio.h>
#include <string.h>

#include "ghosttrack/esc.h"
#include "ghosttrack/fmt.h"
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

/*
 * A line writer without printf: pieces go into a small chunk on the stack
 * that is appended to the buffer when full and at the end of the line (this
 * writer is the hot path of `decode` on Mode S; gt_buf_addf() made it
 * printf-bound).  Numbers come from fmt.h, byte for byte what printf wrote
 * before.  The first buffer error stops the line (w->rc).
 */
struct lw {
    struct gt_buf *b;
    char *p;
    int rc;
    char buf[1024];
};

static void lw_flush(struct lw *w)
{
    if (w->rc >= 0 && w->p > w->buf) {
        w->rc = gt_buf_add(w->b, w->buf, (size_t)(w->p - w->buf));
    }
    w->p = w->buf;
}

/* Room for n more bytes in the chunk (n <= sizeof buf). */
static char *lw_room(struct lw *w, size_t n)
{
    if ((size_t)(w->buf + sizeof w->buf - w->p) < n) {
        lw_flush(w);
    }
    return w->p;
}

static void lw_mem(struct lw *w, const char *s, size_t n)
{
    memcpy(lw_room(w, n), s, n);
    w->p += n;
}

/* a string literal, its length known at compile time */
#define LIT(w, s) lw_mem((w), "" s, sizeof(s) - 1)

/* ,"k": */
static void lw_key(struct lw *w, const char *k)
{
    size_t n = strlen(k);
    char *p = lw_room(w, n + 4);
    p[0] = ',';
    p[1] = '"';
    memcpy(p + 2, k, n);
    p[n + 2] = '"';
    p[n + 3] = ':';
    w->p += n + 4;
}

static void lw_i(struct lw *w, long long v)
{
    w->p += gt_fmt_i64(lw_room(w, 24), v);
}

static void lw_u(struct lw *w, unsigned long long v)
{
    w->p += gt_fmt_u64(lw_room(w, 24), v);
}

static void lw_fixed(struct lw *w, double v, int prec)
{
    w->p += gt_fmt_fixed(lw_room(w, GT_FMT_FIXED_MAX), v, prec);
}

/* A JSON string as gt_esc_json() writes it: copied when every byte is plain
 * printable ASCII that it leaves alone, escaped by it otherwise. */
static void lw_jstr(struct lw *w, const char *v)
{
    size_t n = strlen(v), i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&') {
            break;
        }
    }
    if (i == n && n + 2 <= sizeof w->buf) {
        char *p = lw_room(w, n + 2);
        p[0] = '"';
        memcpy(p + 1, v, n);
        p[n + 1] = '"';
        w->p += n + 2;
        return;
    }
    lw_flush(w);
    if (w->rc >= 0) {
        w->rc = gt_esc_json(w->b, v, n);
    }
}

static void kstr(struct lw *w, const char *k, const char *v)
{
    lw_key(w, k);
    lw_jstr(w, v);
}

static void kint(struct lw *w, const char *k, long long v)
{
    lw_key(w, k);
    lw_i(w, v);
}

static void kdbl(struct lw *w, const char *k, double v, int prec)
{
    lw_key(w, k);
    lw_fixed(w, v, prec);
}

static void lw_hex(struct lw *w, unsigned long long v, int width)
{
    w->p += gt_fmt_hex(lw_room(w, 24), v, width);
}

static void lw_2(struct lw *w, int v)
{
    char *p = lw_room(w, 2);
    p[0] = (char)('0' + v / 10 % 10);
    p[1] = (char)('0' + v % 10);
    w->p += 2;
}

/* "t":"YYYY-MM-DDTHH:MM:SS.sssZ", as gt_time_format_iso(GT_TIME_MS) */
static void lw_time(struct lw *w, int64_t t_ms)
{
    struct gt_civil c;
    gt_time_to_civil(t_ms, &c);
    if (c.year < 0 || c.year > 9999) {
        return;
    }
    LIT(w, "\"t\":\"");
    lw_2(w, c.year / 100);
    lw_2(w, c.year % 100);
    LIT(w, "-");
    lw_2(w, c.month);
    LIT(w, "-");
    lw_2(w, c.day);
    LIT(w, "T");
    lw_2(w, c.hour);
    LIT(w, ":");
    lw_2(w, c.min);
    LIT(w, ":");
    lw_2(w, c.sec);
    LIT(w, ".");
    lw_2(w, c.ms / 10);
    {
        char *p = lw_room(w, 1);
        *p = (char)('0' + c.ms % 10);
        w->p++;
    }
    LIT(w, "Z\",");
}

static void head(struct lw *w, const struct gt_modes_frame *fr, uint32_t addr, int nonicao)
{
    LIT(w, "{");
    if (fr->t_ms != GT_TIME_NONE) {
        lw_time(w, fr->t_ms);
    }
    if (nonicao) {
        LIT(w, "\"icao\":\"icao:~");
    } else {
        LIT(w, "\"icao\":\"icao:");
    }
    lw_hex(w, addr, 6);
    LIT(w, "\"");
    kint(w, "offset", (long long)fr->offset);
    if (fr->has_rx_ts && fr->gps_ts) {
        kint(w, "gps_tod_ns",
             (long long)((fr->rx_ts >> 30) * 1000000000u + (fr->rx_ts & 0x3fffffffu)));
    } else if (fr->has_rx_ts) {
        kint(w, "rx_ts", (long long)fr->rx_ts);
    }
    if (fr->rx_id != 0) {
        LIT(w, ",\"rx_id\":\"");
        lw_hex(w, (unsigned long long)fr->rx_id, 16);
        LIT(w, "\"");
    }
    if (fr->signal >= 0) {
        kint(w, "signal", fr->signal);
    }
}

/* ,"squawk":"%04u" */
static void lw_squawk(struct lw *w, unsigned sq)
{
    char *p;
    sq %= 10000u;
    LIT(w, ",\"squawk\":\"");
    p = lw_room(w, 5);
    p[0] = (char)('0' + sq / 1000);
    p[1] = (char)('0' + sq / 100 % 10);
    p[2] = (char)('0' + sq / 10 % 10);
    p[3] = (char)('0' + sq % 10);
    p[4] = '"';
    w->p += 5;
}

static void obs_pos(struct lw *w, const struct gt_modes_update *u)
{
    if (u->obs.flags & GT_OBS_POS) {
        kdbl(w, "lat", u->obs.lat_deg, 6);
        kdbl(w, "lon", u->obs.lon_deg, 6);
        kstr(w, "pos", pos_how_name(u->obs.pos_how));
        kstr(w, "pos_ref", ref_name(u->pos_ref));
    }
}

static void msg_json(struct lw *w, const struct gt_modes_frame *fr, const struct gt_modes_msg *m,
                     const struct gt_modes_update *u)
{
    static const char hx[] = "0123456789abcdef";
    uint32_t h = m->has;
    char hex[29];
    int i, n = m->nbits / 8;
    const char *bn;

    head(w, fr, m->addr, m->nonicao);
    if (n > 14) {
        n = 14;
    }
    for (i = 0; i < n; i++) {
        hex[2 * i] = hx[m->raw[i] >> 4];
        hex[2 * i + 1] = hx[m->raw[i] & 15];
    }
    hex[2 * n] = '\0';
    LIT(w, ",\"hex\":\"");
    lw_mem(w, hex, (size_t)(2 * n));
    LIT(w, "\"");
    kint(w, "df", m->df);
    if (m->addr_kind == GT_MODES_ADDR_ANNOUNCED) {
        LIT(w, ",\"addr_src\":\"aa\"");
    } else {
        LIT(w, ",\"addr_src\":\"ap\"");
    }
    if (m->corrected) {
        kint(w, "crc_fixed_bits", m->corrected);
    }
#define I(cond, k, v)                                                                              \
    if (cond) {                                                                                    \
        kint(w, k, (long long)(v));                                                                \
    }
#define D(cond, k, v, p)                                                                           \
    if (cond) {                                                                                    \
        kdbl(w, k, v, p);                                                                          \
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
    if (h & GT_MODES_HAS_CATEGORY) {
        kstr(w, "category", m->category);
    }
    if (h & GT_MODES_HAS_CALLSIGN) {
        kstr(w, "callsign", m->callsign);
    }
    if (h & GT_MODES_HAS_SQUAWK) {
        lw_squawk(w, m->squawk);
    }
    I(h & GT_MODES_HAS_EMERG, "emergency", m->emergency);
    I(h & GT_MODES_HAS_GROUND, "on_ground", m->on_ground);
    I(h & GT_MODES_HAS_ALT, "alt_ft", m->alt_ft);
    I(h & GT_MODES_HAS_GNSS_ALT, "gnss_alt_ft", m->gnss_alt_ft);
    if (h & GT_MODES_HAS_CPR) {
        LIT(w, ",\"cpr_odd\":");
        lw_i(w, m->cpr_odd);
        LIT(w, ",\"cpr_lat\":");
        lw_u(w, m->cpr_lat);
        LIT(w, ",\"cpr_lon\":");
        lw_u(w, m->cpr_lon);
        LIT(w, ",\"cpr_surface\":");
        lw_i(w, m->cpr_surface);
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
    if (h & GT_MODES_HAS_VRATE) {
        kstr(w, "vrate_src", m->vrate_src ? "baro" : "gnss");
    }
    I(h & GT_MODES_HAS_IVRATE, "inertial_vrate_fpm", m->ivrate_fpm);
    I(h & GT_MODES_HAS_GEO_BARO, "geo_minus_baro_ft", m->geo_minus_baro_ft);
    I(m->nac_v >= 0, "nac_v", m->nac_v);
    I(h & GT_MODES_HAS_SEL_ALT, m->sel_alt_src ? "fms_sel_alt_ft" : "mcp_sel_alt_ft",
      m->sel_alt_ft);
    I(h & GT_MODES_HAS_FMS_ALT, "fms_sel_alt_ft", m->fms_alt_ft);
    D(h & GT_MODES_HAS_BARO, "baro_hpa", m->baro_hpa, 1);
    D(h & GT_MODES_HAS_SEL_HDG, "sel_heading_deg", m->sel_heading_deg, 2);
    if (h & GT_MODES_HAS_MODES) {
        LIT(w, ",\"autopilot\":");
        lw_u(w, m->ap_modes & 1u);
        LIT(w, ",\"vnav\":");
        lw_u(w, (m->ap_modes >> 1) & 1u);
        LIT(w, ",\"alt_hold\":");
        lw_u(w, (m->ap_modes >> 2) & 1u);
        LIT(w, ",\"approach\":");
        lw_u(w, (m->ap_modes >> 3) & 1u);
        LIT(w, ",\"lnav\":");
        lw_u(w, (m->ap_modes >> 4) & 1u);
    }
    if (m->tc == 29 && m->st == 1) {
        kint(w, "tcas", (m->ap_modes >> 5) & 1u);
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
    if (h & GT_MODES_HAS_ACAS_RA) {
        LIT(w, ",\"ra_active\":");
        lw_i(w, m->ra_active);
        LIT(w, ",\"ara\":");
        lw_u(w, m->ara);
        LIT(w, ",\"rac\":");
        lw_u(w, m->rac);
    }
    if (h & GT_MODES_HAS_METEO) {
        kdbl(w, "wind_kt", m->wind_kt, 0);
        kdbl(w, "wind_dir_deg", m->wind_dir_deg, 1);
        kdbl(w, "sat_c", m->sat_c, 2);
        kint(w, "fom", m->fom);
    }
    if (h & GT_MODES_HAS_CAPS) {
        LIT(w, ",\"caps\":\"");
        lw_hex(w, m->caps, 8);
        LIT(w, "\"");
    }
    if ((h & GT_MODES_HAS_MV) && n >= 11) {
        LIT(w, ",\"mv\":\""); /* MV is bytes 4..10 */
        lw_mem(w, hex + 8, 14);
        LIT(w, "\"");
    }
    bn = bds_name(m->bds);
    if (bn != NULL) {
        kstr(w, "bds", bn);
    }
    if (m->bds_inconsistent) {
        LIT(w, ",\"bds_inconsistent\":true");
    }
    if (m->bds_ambiguous) {
        LIT(w, ",\"bds_ambiguous\":true,\"bds_candidates\":");
        lw_u(w, m->bds_candidates);
    }
#undef I
#undef D
    obs_pos(w, u);
    if (u->pos_rejected) {
        LIT(w, ",\"pos_rejected\":true");
    }
}

static void sbs_json(struct lw *w, const struct gt_modes_frame *fr, const struct gt_modes_update *u)
{
    const struct gt_sbs_rec *r = &fr->sbs;

    head(w, fr, r->addr, 0);
    kint(w, "sbs_type", r->msg_type);
    if (r->has & GT_MODES_HAS_CALLSIGN) {
        kstr(w, "callsign", r->callsign);
    }
    if (r->has & GT_MODES_HAS_SQUAWK) {
        lw_squawk(w, r->squawk);
    }
    if (r->has & GT_MODES_HAS_ALT) {
        kint(w, "alt_ft", r->alt_ft);
    }
    if (r->has & GT_MODES_HAS_GS) {
        kdbl(w, "gs_kt", r->gs_kt, 1);
    }
    if (r->has & GT_MODES_HAS_TRACK) {
        kdbl(w, "track_deg", r->track_deg, 2);
    }
    if (r->has & GT_MODES_HAS_VRATE) {
        kint(w, "vrate_fpm", r->vrate_fpm);
    }
    if (r->has & GT_MODES_HAS_GROUND) {
        kint(w, "on_ground", r->on_ground);
    }
    if (r->alert || r->emergency || r->spi) {
        kint(w, "alert", r->alert);
        kint(w, "emergency_flag", r->emergency);
        kint(w, "spi", r->spi);
    }
    obs_pos(w, u);
}

static void pos_json(struct lw *w, const struct gt_modes_event *ev)
{
    const struct gt_obs *o = &ev->upd->obs;

    head(w, ev->frame, o->id.value, (o->id.flags & GT_IDENT_NONICAO) != 0);
    obs_pos(w, ev->upd);
    if (o->flags & GT_OBS_ALT) {
        kint(w, "alt_ft", o->alt_ft);
    }
    if (o->flags & GT_OBS_GNSS_ALT) {
        kint(w, "gnss_alt_ft", o->gnss_alt_ft);
    }
    if (o->flags & GT_OBS_GROUND) {
        kint(w, "on_ground", o->on_ground);
    }
}

int gt_modes_json(const struct gt_modes_event *ev, int positions, struct gt_buf *b)
{
    struct lw ww, *w = &ww;

    w->b = b;
    w->p = w->buf;
    w->rc = gt_buf_error(b);
    if (positions) {
        if (!(ev->upd->obs.flags & GT_OBS_POS)) {
            return 0;
        }
        pos_json(w, ev);
    } else if (ev->msg != NULL) {
        msg_json(w, ev->frame, ev->msg, ev->upd);
    } else {
        sbs_json(w, ev->frame, ev->upd);
    }
    LIT(w, "}\n");
    lw_flush(w);
    return w->rc < 0 ? w->rc : 1;
}
