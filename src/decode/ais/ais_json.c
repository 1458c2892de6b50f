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
#include "ghosttrack/fmt.h"
#include "ghosttrack/time.h"

static const char *const qnames[] = {"no_checksum", "len_short",    "len_long",
                                     "pad",         "tag_checksum", "channel",
                                     "bad_char",    "spare",        "gnss_time"};

/* A small, printf-free line writer: NDJSON is the hot path of `decode`. */
struct lw {
    char *p, *end;
    char buf[1024];
};

static void lw_mem(struct lw *w, const char *s, size_t n)
{
    if ((size_t)(w->end - w->p) > n) {
        memcpy(w->p, s, n);
        w->p += n;
    }
}

static void lw_lit(struct lw *w, const char *s)
{
    lw_mem(w, s, strlen(s));
}

/* a string literal, its length known at compile time */
#define LIT(w, s) lw_mem((w), "" s, sizeof(s) - 1)

static const char d2[] = "00010203040506070809101112131415161718192021222324252627282930313233"
                         "34353637383940414243444546474849505152535455565758596061626364656667"
                         "6869707172737475767778798081828384858687888990919293949596979899";

static void lw_u(struct lw *w, uint64_t v)
{
    char t[24];

    lw_mem(w, t, gt_fmt_u64(t, v));
}

/* Two digits of 0..99. */
static void lw_2(struct lw *w, int v)
{
    lw_mem(w, d2 + 2 * (v < 0 ? 0 : v > 99 ? 99 : v), 2);
}

/* "YYYY-MM-DDTHH:MM:SS[.sss]Z" as gt_time_format_iso() writes it, without
 * printf (the hot path of base-station reports). */
static void lw_time(struct lw *w, int64_t t_ms)
{
    struct gt_civil c;
    if (t_ms < -62167219200000ll || t_ms > 253402300799999ll) { /* outside 0000..9999 */
        LIT(w, "null");
        return;
    }
    gt_time_to_civil(t_ms, &c);
    if (c.year < 0 || c.year > 9999) {
        LIT(w, "null");
        return;
    }
    LIT(w, "\"");
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
    if (c.ms != 0) {
        char ms[4] = {'.', (char)('0' + c.ms / 100), (char)('0' + c.ms / 10 % 10),
                      (char)('0' + c.ms % 10)};
        lw_mem(w, ms, 4);
    }
    LIT(w, "Z\"");
}

static void lw_i(struct lw *w, int64_t v)
{
    if (v < 0) {
        LIT(w, "-");
        lw_u(w, (uint64_t)(-(v + 1)) + 1u);
    } else {
        lw_u(w, (uint64_t)v);
    }
}

/* v with dec decimals (1..6), rounded half away from zero. */
static void lw_fixed(struct lw *w, double v, int dec)
{
    static const double pw[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    static const uint64_t pu[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    double a = v < 0 ? -v : v;
    uint64_t q = (uint64_t)(a * pw[dec] + 0.5), ip = q / pu[dec], fp = q % pu[dec];
    char t[8];
    int k;
    if (v < 0 && q != 0) {
        LIT(w, "-");
    }
    lw_u(w, ip);
    for (k = dec - 1; k >= 0; k--) {
        t[k] = (char)('0' + (int)(fp % 10));
        fp /= 10;
    }
    t[dec] = '\0';
    LIT(w, ".");
    lw_lit(w, t);
}

static int flush_lw(struct gt_buf *b, struct lw *w)
{
    int rc = gt_buf_add(b, w->buf, (size_t)(w->p - w->buf));
    w->p = w->buf;
    return rc;
}

static int add_str(struct gt_buf *b, struct lw *w, const char *key, const char *s)
{
    int rc;
    LIT(w, ",\"");
    lw_lit(w, key);
    LIT(w, "\":");
    rc = flush_lw(b, w);
    if (rc == GT_OK) {
        rc = gt_esc_json(b, s, strlen(s));
    }
    return rc;
}

int gt_ais_json(const struct gt_ais_msg *m, struct gt_buf *b)
{
    struct lw ww, *w = &ww;
    int rc = GT_OK;
    unsigned i;

    w->p = w->buf;
    w->end = w->buf + sizeof w->buf;
    LIT(w, "{\"t\":");
    if (m->t_ms != GT_TIME_NONE) {
        lw_time(w, m->t_ms);
    } else {
        LIT(w, "null");
    }
    if (m->station[0] != '\0') {
        rc = add_str(b, w, "station", m->station);
    } else {
        LIT(w, ",\"station\":null");
    }
    LIT(w, ",\"type\":");
    lw_u(w, m->type);
    LIT(w, ",\"repeat\":");
    lw_u(w, m->repeat);
    LIT(w, ",\"mmsi\":");
    lw_u(w, m->mmsi);
    if (m->talker[0] >= 'A' && m->talker[0] <= 'Z') {
        char tk[3] = {m->talker[0], m->talker[1], '"'};
        LIT(w, ",\"talker\":\"");
        if (tk[1] > 0x20 && tk[1] < 0x7f && tk[1] != '"' && tk[1] != '\\') {
            lw_mem(w, tk, 3);
        } else {
            LIT(w, "??\"");
        }
    }
    if (m->channel >= 'A' && m->channel <= 'Z') {
        char ch[2] = {m->channel, '"'};
        LIT(w, ",\"channel\":\"");
        lw_mem(w, ch, 2);
    }
    if (m->own) {
        LIT(w, ",\"own\":true");
    }
    LIT(w, ",\"offset\":");
    lw_u(w, m->offset);
    LIT(w, ",\"bits\":");
    lw_u(w, m->nbits);
    if (m->quality != 0) {
        const char *sep = "";
        LIT(w, ",\"quality\":[");
        for (i = 0; i < sizeof qnames / sizeof qnames[0]; i++) {
            if (m->quality & (1u << i)) {
                lw_lit(w, sep);
                LIT(w, "\"");
                lw_lit(w, qnames[i]);
                LIT(w, "\"");
                sep = ",";
            }
        }
        LIT(w, "]");
    }
    if (m->valid & GT_AISV_STATUS) {
        LIT(w, ",\"status\":");
        lw_u(w, m->nav_status);
    }
    if (m->valid & GT_AISV_POS) {
        LIT(w, ",\"lat\":");
        lw_fixed(w, m->lat_deg, 6);
        LIT(w, ",\"lon\":");
        lw_fixed(w, m->lon_deg, 6);
        LIT(w, ",\"accuracy\":");
        lw_u(w, m->pos_acc);
    }
    if (m->valid & GT_AISV_SOG) {
        LIT(w, ",\"sog\":");
        lw_fixed(w, (double)m->sog_kn, 1);
    }
    if (m->valid & GT_AISV_COG) {
        LIT(w, ",\"cog\":");
        lw_fixed(w, (double)m->cog_deg, 1);
    }
    if (m->valid & GT_AISV_HEADING) {
        LIT(w, ",\"heading\":");
        lw_u(w, m->heading_deg);
    }
    if (m->valid & GT_AISV_ROT) {
        LIT(w, ",\"rot\":");
        lw_fixed(w, (double)m->rot_deg_min, 1);
    }
    if (m->valid & GT_AISV_SECOND) {
        LIT(w, ",\"second\":");
        lw_u(w, m->utc_second);
    }
    if (m->valid & GT_AISV_ALT) {
        LIT(w, ",\"alt\":");
        lw_i(w, m->alt_m);
    }
    if (m->utc_ms != GT_TIME_NONE) {
        LIT(w, ",\"utc\":");
        lw_time(w, m->utc_ms);
    }
    if (m->type == 6 || m->type == 8) {
        unsigned base = m->type == 6 ? 72u : 40u;
        if (m->type == 6) {
            LIT(w, ",\"dest_mmsi\":");
            lw_u(w, gt_ais_ubits(m, 40, 30));
        }
        LIT(w, ",\"dac\":");
        lw_u(w, gt_ais_ubits(m, base, 10));
        LIT(w, ",\"fid\":");
        lw_u(w, gt_ais_ubits(m, base + 10, 6));
    } else if (m->type == 12 || m->type == 14) {
        char text[170];
        unsigned start = m->type == 12 ? 72u : 40u;
        if (m->type == 12) {
            LIT(w, ",\"dest_mmsi\":");
            lw_u(w, gt_ais_ubits(m, 40, 30));
        }
        (void)gt_ais_text(m, start, m->nbits > start ? (m->nbits - start) / 6 : 0, text, 1);
        if (rc == GT_OK) {
            rc = add_str(b, w, "text", text);
        }
    }
    if (rc == GT_OK && (m->valid & GT_AISV_STATIC)) {
        if (m->type == 24) {
            LIT(w, ",\"part\":\"");
            lw_lit(w, m->part24 == GT_AIS24_A ? "A" : m->part24 == GT_AIS24_B ? "B" : "AB");
            LIT(w, "\"");
        }
        if (rc == GT_OK && m->part24 != GT_AIS24_B) {
            rc = add_str(b, w, "name", m->name);
        }
        if (rc == GT_OK && (m->type == 5 || m->part24 >= GT_AIS24_B)) {
            rc = add_str(b, w, "callsign", m->callsign);
        }
        if (rc == GT_OK && m->type == 5) {
            LIT(w, ",\"imo\":");
            lw_u(w, m->imo);
            LIT(w, ",\"draught\":");
            lw_fixed(w, (double)m->draught_m, 1);
            rc = add_str(b, w, "destination", m->destination);
        }
        if (m->type == 5 || m->type == 19 || m->part24 >= GT_AIS24_B) {
            LIT(w, ",\"shiptype\":");
            lw_u(w, m->shiptype);
        }
        if (m->type == 5 || m->type == 19 || m->type == 21 ||
            (m->part24 >= GT_AIS24_B && m->mmsi / 10000000u != 98)) {
            LIT(w, ",\"dims\":[");
            lw_u(w, m->dim_a);
            LIT(w, ",");
            lw_u(w, m->dim_b);
            LIT(w, ",");
            lw_u(w, m->dim_c);
            LIT(w, ",");
            lw_u(w, m->dim_d);
            LIT(w, "]");
        }
    }
    LIT(w, "}\n");
    if (rc == GT_OK) {
        rc = flush_lw(b, w);
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
        /* at anchor, moored, aground: stationary by the crew's own account */
        if (m->nav_status == 1 || m->nav_status == 5 || m->nav_status == 6) {
            o->flags |= GT_OBS_GROUND;
            o->on_ground = 1;
        } else if (m->nav_status == 0 || m->nav_status == 8) {
            o->flags |= GT_OBS_GROUND;
            o->on_ground = 0;
        }
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
