/*
 * identity.c - the watch engine's identity rules: an invalid MMSI, the
 * identity facts of a watched identity (name, call sign, IMO, flag...)
 * and their changes, an IMO number moving to another MMSI (docs/WATCH.md).
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

/* An MMSI no ship can hold (ITU-R M.585), at first sight. */
int gt__watch_bad_mmsi(struct gt_watch *w, struct ent *e, const struct gt_prov *prov, int64_t t)
{
    int st = gt_ids_mmsi_check(e->id.value);

    if (e->id.kind != GT_ID_MMSI || !(e->kinds & GT_ALERT_SPOOF) ||
        (st != GT_MMSI_ST_BAD_MID && st != GT_MMSI_ST_PLACEHOLDER && st != GT_MMSI_ST_BAD_LENGTH)) {
        return GT_OK;
    }
    gt__watch_fstr(&w->fig, "kind", "invalid_id");
    gt__watch_fstr(&w->fig, "reason",
                   st == GT_MMSI_ST_BAD_MID       ? "bad_mid"
                   : st == GT_MMSI_ST_PLACEHOLDER ? "placeholder"
                                                  : "bad_length");
    return gt__watch_alert(w, e, GT_ALERT_SPOOF, t, prov, NULL, 0, NULL, NULL, NO_NUM, NO_NUM,
                           NULL);
}

int gt__watch_moved_on(struct gt_watch *w, const struct ent *e)
{
    const struct imo_slot *s;

    if (e->id.kind != GT_ID_MMSI || e->imo[0] == '\0') {
        return 0;
    }
    s = gt__watch_imo_slot(w, (uint32_t)strtoul(e->imo, NULL, 10), 0);
    return s != NULL && s->mmsi != e->id.value;
}

struct imo_slot *gt__watch_imo_slot(struct gt_watch *w, uint32_t imo, int create)
{
    size_t m = w->nimos - 1, i = (size_t)(imo * 2654435761u) & m;

    while (w->imos[i].imo != 0) {
        if (w->imos[i].imo == imo) {
            return &w->imos[i];
        }
        i = (i + 1) & m;
    }
    if (!create || (w->imos_used + 1) * 2 > w->nimos) {
        return NULL;
    }
    w->imos[i].imo = imo;
    w->imos_used++;
    return &w->imos[i];
}

int gt__watch_imo_grow(struct gt_watch *w)
{
    struct imo_slot *old = w->imos;
    size_t n = w->nimos, i;

    w->imos = gt_calloc(n * 2, sizeof *w->imos);
    if (w->imos == NULL) {
        w->imos = old;
        return GT_ERR_NOMEM;
    }
    w->nimos = n * 2;
    w->imos_used = 0;
    for (i = 0; i < n; i++) {
        struct imo_slot *s = old[i].imo != 0 ? gt__watch_imo_slot(w, old[i].imo, 1) : NULL;
        if (s != NULL) {
            *s = old[i];
        }
    }
    gt_free(old);
    return GT_OK;
}

/* One identity field changed on a watched identity. */
static int changed(struct gt_watch *w, struct ent *e, const struct gt_ident_obs *f,
                   const char *field, const char *old, const char *nw)
{
    if (!(e->kinds & GT_ALERT_IDENTITY) || old[0] == '\0' || strcmp(old, nw) == 0) {
        return GT_OK;
    }
    gt__watch_fstr(&w->fig, "field", field);
    gt__watch_fstr(&w->fig, "old", old);
    gt__watch_fstr(&w->fig, "new", nw);
    return gt__watch_alert(w, e, GT_ALERT_IDENTITY, f->t_ms, &f->prov, NULL, 0, NULL, NULL,
                           e->have_pos ? e->lat : NO_NUM, e->have_pos ? e->lon : NO_NUM, NULL);
}

int gt_watch_fact(struct gt_watch *w, const struct gt_ident_obs *f)
{
    struct ent *e;
    char v[GT_WATCH_TEXT_MAX];
    unsigned kinds = 0;
    int32_t first = -1;
    int rc = GT_OK, late;

    w->stats.records++;
    if (f->id.kind == GT_ID_NONE || f->t_ms == GT_TIME_NONE) {
        return GT_OK;
    }
    rc = gt__watch_get_ent(w, &f->id, &e);
    if (rc == GT_OK) {
        rc = gt__watch_advance(w, gt__watch_kind_of(&f->id), f->t_ms);
    }
    if (rc < 0) {
        return rc;
    }
    late = e->t_fact != GT_TIME_NONE && f->t_ms < e->t_fact;
    gt__watch_norm(f->value, v, sizeof v);
    if (v[0] == '\0') {
        return GT_OK;
    }
    switch (f->field) {
    case GT_FIELD_NAME:
        if (strncmp(e->name, v, sizeof e->name - 1) != 0) {
            gt__watch_match(w, GT_WSEL_NAME, v, 0, &kinds, &first);
            gt__watch_match_globs(w, GT_WSEL_NAME, v, &kinds, &first);
            rc = gt__watch_watch_more(w, e, kinds, first);
            if (rc == GT_OK && !late) {
                rc = changed(w, e, f, "name", e->name, v);
                gt__watch_cut(e->name, sizeof e->name, v);
                gt__watch_mark_dirty(w, e);
            }
        }
        break;
    case GT_FIELD_CALLSIGN:
        if (strncmp(e->callsign, v, sizeof e->callsign - 1) != 0) {
            gt__watch_match(w, GT_WSEL_CALLSIGN, v, 0, &kinds, &first);
            gt__watch_match_globs(w, GT_WSEL_CALLSIGN, v, &kinds, &first);
            rc = gt__watch_watch_more(w, e, kinds, first);
            if (rc == GT_OK && !late) {
                /* a flight callsign changes with every flight: only a
                 * ship's radio callsign is an identity */
                if (e->id.kind == GT_ID_MMSI) {
                    rc = changed(w, e, f, "callsign", e->callsign, v);
                }
                gt__watch_cut(e->callsign, sizeof e->callsign, v);
                gt__watch_mark_dirty(w, e);
            }
        }
        break;
    case GT_FIELD_REGISTRATION:
        if (strncmp(e->reg, v, sizeof e->reg - 1) != 0) {
            gt__watch_match(w, GT_WSEL_REG, v, 0, &kinds, &first);
            rc = gt__watch_watch_more(w, e, kinds, first);
            if (rc == GT_OK && !late) {
                rc = changed(w, e, f, "registration", e->reg, v);
                gt__watch_cut(e->reg, sizeof e->reg, v);
                gt__watch_mark_dirty(w, e);
            }
        }
        break;
    case GT_FIELD_FLAG:
        if (strncmp(e->flag, v, sizeof e->flag - 1) != 0 && !late && e->kinds != 0) {
            rc = changed(w, e, f, "flag", e->flag, v);
            gt__watch_cut(e->flag, sizeof e->flag, v);
            gt__watch_mark_dirty(w, e);
        }
        break;
    case GT_FIELD_IMO: {
        uint64_t imo = strtoull(v, NULL, 10);
        if (!gt_ids_imo_text_valid(v, strlen(v)) || imo == 0 || imo > 9999999) {
            break;
        }
        gt__watch_match(w, GT_WSEL_IMO, NULL, (uint32_t)imo, &kinds, &first);
        rc = gt__watch_watch_more(w, e, kinds, first);
        if (rc == GT_OK && strcmp(e->imo, v) != 0 && !late) {
            rc = changed(w, e, f, "imo", e->imo, v);
            gt__watch_cut(e->imo, sizeof e->imo, v);
            gt__watch_mark_dirty(w, e);
        }
        if (rc == GT_OK && e->kinds != 0 && e->id.kind == GT_ID_MMSI) {
            struct imo_slot *s = gt__watch_imo_slot(w, (uint32_t)imo, 0);
            if (s == NULL) {
                if ((w->imos_used + 1) * 2 > w->nimos) {
                    rc = gt__watch_imo_grow(w);
                }
                s = rc == GT_OK ? gt__watch_imo_slot(w, (uint32_t)imo, 1) : NULL;
                if (s != NULL) {
                    s->mmsi = e->id.value;
                    s->t_ms = f->t_ms;
                    s->dirty = 1;
                    w->imos_dirty = 1;
                }
            } else if (s->mmsi != e->id.value && f->t_ms > s->t_ms) {
                char o_[16], n_[16];
                const char *fo = gt_ids_mmsi_flag(s->mmsi), *fn = gt_ids_mmsi_flag(e->id.value);
                snprintf(o_, sizeof o_, "%u", s->mmsi);
                snprintf(n_, sizeof n_, "%u", e->id.value);
                if (e->kinds & GT_ALERT_IDENTITY) {
                    gt__watch_fstr(&w->fig, "imo", v);
                    gt__watch_fstr(&w->fig, "old_flag", fo != NULL ? fo : "");
                    gt__watch_fstr(&w->fig, "new_flag", fn != NULL ? fn : "");
                }
                rc = changed(w, e, f, "mmsi", o_, n_);
                gt_buf_reset(&w->fig);
                s->mmsi = e->id.value;
                s->t_ms = f->t_ms;
                s->dirty = 1;
                w->imos_dirty = 1;
            } else if (s->mmsi == e->id.value && f->t_ms > s->t_ms) {
                s->t_ms = f->t_ms;
            }
        }
        break;
    }
    default:
        break;
    }
    if (rc < 0) {
        return rc;
    }
    if (!late) {
        e->t_fact = f->t_ms;
    }
    if (e->t_first == GT_TIME_NONE) {
        e->t_first = f->t_ms;
    }
    /* a fact alone (no position yet) can make an identity first heard */
    if (!e->first_sent && e->kinds != 0) {
        rc = gt__watch_heard(w, e, f->t_ms, &f->prov, e->have_pos ? e->lat : NO_NUM,
                             e->have_pos ? e->lon : NO_NUM);
    }
    if (e->t_last == GT_TIME_NONE || f->t_ms > e->t_last) {
        e->t_last = f->t_ms;
    }
    return rc;
}
