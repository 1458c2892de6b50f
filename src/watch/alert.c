/*
 * alert.c - the watch engine's alert records: the JSON line of one alert
 * (rule, subject, figures, provenance), its never-twice id, kept in the
 * store before it is emitted (see engine.c).
 */
#include "ghosttrack/watch.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/aircraftdb.h"
#include "ghosttrack/airports.h"
#include "ghosttrack/buf.h"
#include "ghosttrack/esc.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/hash.h"
#include "ghosttrack/ids.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/ports.h"
#include "ghosttrack/time.h"

#include "watch_int.h"

/* ---- alerts ---- */

static const char *kind_name(unsigned k)
{
    const char *s = gt_watch_kind_name(k);

    return s != NULL ? s : "unknown";
}

static int kind_slot(unsigned k)
{
    int i;

    for (i = 0; i < GT_ALERT_NKIND; i++) {
        if (k == (1u << i)) {
            return i;
        }
    }
    return 0;
}

void gt__watch_add_time(struct gt_buf *b, const char *key, int64_t t)
{
    char iso[GT_TIME_ISO_MAX];

    if (t == GT_TIME_NONE || gt_time_format_iso(t, iso, sizeof iso, 0) < 0) {
        gt_buf_addf(b, ",\"%s\":null", key);
    } else {
        gt_buf_addf(b, ",\"%s\":\"%s\"", key, iso);
    }
}

static void add_prov(struct gt_buf *b, const struct gt_prov *p, int64_t t, const char *role)
{
    gt_buf_addf(b, "{\"input\":%u,\"kind\":\"%s\",\"%s\":%llu,\"role\":\"%s\"", p->input_id,
                p->kind == GT_PROV_STREAM ? "stream" : "file",
                p->kind == GT_PROV_STREAM ? "seq" : "offset", (unsigned long long)p->pos, role);
    gt__watch_add_time(b, "t", t);
    gt_buf_addstr(b, "}");
}

/* Numbers for the figures object: "key":value with a leading comma. */
void gt__watch_fnum(struct gt_buf *b, const char *key, double v, int prec)
{
    if (isfinite(v)) {
        gt_buf_addf(b, ",\"%s\":%.*f", key, prec, v);
    } else {
        gt_buf_addf(b, ",\"%s\":null", key);
    }
}

void gt__watch_fstr(struct gt_buf *b, const char *key, const char *v)
{
    gt_buf_addf(b, ",\"%s\":", key);
    gt_esc_json(b, v, strlen(v));
}

/* Emit alert `kind` about e, triggered by the record of time t and
 * provenance prov (ev2: a second evidence record, e.g. the last one before
 * a silence; may be NULL).  peer may be NULL; w->fig holds the figures
 * (",k":v pairs, leading comma) and is reset here. */
int gt__watch_alert(struct gt_watch *w, struct ent *e, unsigned kind, int64_t t,
                    const struct gt_prov *prov, const struct gt_prov *ev2, int64_t t2,
                    const char *ev2_role, const struct gt_ident *peer, double lat, double lon,
                    const char *area_label)
{
    char subj[GT_IDENT_MAX], peer_s[GT_IDENT_MAX] = "", id[GT_SHA256_HEX];
    uint8_t dg[GT_SHA256_LEN];
    struct gt_sha256 sh;
    const char *rule = kind_name(kind);
    const struct gt_watch_entry *en =
        e->entry >= 0 ? gt_watchlist_get(w->o.wl, (size_t)e->entry) : NULL;
    char tt[24];
    int added = 0, rc;
    struct gt_buf *b = &w->js;

    if (gt_ident_format(&e->id, subj, sizeof subj) < 0) {
        gt_buf_reset(&w->fig);
        return GT_OK;
    }
    if (peer != NULL && gt_ident_format(peer, peer_s, sizeof peer_s) < 0) {
        peer_s[0] = '\0';
    }
    snprintf(tt, sizeof tt, "%lld", (long long)t);
    gt_sha256_init(&sh);
    gt_sha256_update(&sh, rule, strlen(rule) + 1);
    gt_sha256_update(&sh, subj, strlen(subj) + 1);
    gt_sha256_update(&sh, peer_s, strlen(peer_s) + 1);
    gt_sha256_update(&sh, area_label != NULL ? area_label : "",
                     area_label ? strlen(area_label) + 1 : 1);
    gt_sha256_update(&sh, tt, strlen(tt));
    gt_sha256_final(&sh, dg);
    gt_sha256_hex(dg, id);
    id[16] = '\0';

    gt_buf_reset(b);
    gt_buf_addf(b, "{\"id\":\"%s\",\"rule\":\"%s\",\"subject\":\"%s\"", id, rule, subj);
    gt__watch_add_time(b, "t", t);
    if (peer_s[0]) {
        gt_buf_addf(b, ",\"peer\":\"%s\"", peer_s);
    }
    if (isfinite(lat) && isfinite(lon)) {
        gt_buf_addf(b, ",\"lat\":%.6f,\"lon\":%.6f", lat, lon);
    }
    gt__watch_fstr(b, "label", en != NULL ? en->label : "");
    if (area_label != NULL) {
        gt__watch_fstr(b, "area", area_label);
    }
    if (e->name[0]) {
        gt__watch_fstr(b, "name", e->name);
    }
    if (e->reg[0]) {
        gt__watch_fstr(b, "registration", e->reg);
    }
    if (e->callsign[0]) {
        gt__watch_fstr(b, "callsign", e->callsign);
    }
    gt_buf_addstr(b, ",\"figures\":{");
    if (gt_buf_len(&w->fig) > 0) {
        gt_buf_add(b, gt_buf_str(&w->fig) + 1, gt_buf_len(&w->fig) - 1);
    }
    gt_buf_addstr(b, "},\"evidence\":[");
    if (prov != NULL && prov->kind != GT_PROV_NONE) {
        add_prov(b, prov, t, "trigger");
        if (ev2 != NULL && ev2->kind != GT_PROV_NONE) {
            gt_buf_addstr(b, ",");
        }
    }
    if (ev2 != NULL && ev2->kind != GT_PROV_NONE) {
        add_prov(b, ev2, t2, ev2_role);
    }
    gt_buf_addstr(b, "]}");
    gt_buf_reset(&w->fig);
    rc = gt_buf_error(b);
    if (rc < 0) {
        gt_buf_release(b);
        return rc;
    }
    rc = gt_store_watch_alert_add(w->o.st, id, t, rule, subj, gt_buf_str(b), gt_buf_len(b), &added);
    if (rc < 0) {
        return rc;
    }
    if (!added) {
        w->stats.repeats++;
        return GT_OK;
    }
    w->stats.alerts++;
    w->stats.by_kind[kind_slot(kind)]++;
    if (w->o.emit != NULL) {
        struct gt_watch_alert a;
        a.id = id;
        a.rule = rule;
        a.subject = e->id;
        a.t_ms = t;
        a.json = gt_buf_str(b);
        a.n = gt_buf_len(b);
        return w->o.emit(w->o.emit_ud, &a);
    }
    return GT_OK;
}
