/*
 * silence.c - the watch engine's silence rules: the running reception grid
 * (reception.c's measure per 1-degree cell), the dark threshold of one
 * identity, the dark alert judged at each sweep, the first-heard and
 * heard-again alerts (docs/WATCH.md).
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

/* ---- reception ---- */

static void cell_touch(struct gt_watch *w, int c)
{
    if (!w->cell_dirty[c]) {
        w->cell_dirty[c] = 1;
        if (gt__watch_push_u32(&w->dcells, &w->ndcells, &w->cap_dcells, (uint32_t)c) < 0) {
            w->cell_dirty[c] = 0;
        }
    }
}

/* A new fix of e at t in cell c, the previous one at e->t_pos in e's cell:
 * the interval between them is time present in the old cell (capped), and
 * the new fix is a new (identity, slot) pair heard in its cell when it is
 * in another slot or cell.  A first fix counts nothing: an interval with
 * only one end known would count hearing without presence. */
void gt__watch_reception_add(struct gt_watch *w, const struct ent *e, int64_t t, int c)
{
    int k = gt__watch_kind_of(&e->id), c0;
    int64_t slot_ms = k == KIND_SEA ? HOUR_MS : MINUTE_MS;
    double cap = k == KIND_SEA ? 24.0 : w->f.air_cap_min, dt;

    if (!e->have_pos || e->t_pos == GT_TIME_NONE || t < e->t_pos) {
        return;
    }
    c0 = gt__watch_cell_index(e->lat, e->lon);
    dt = (double)(t - e->t_pos) / (double)slot_ms;
    if (dt > cap) {
        dt = cap;
    }
    if (w->cells[c0].present[k] <= 0.0f) {
        w->stats.cells++;
    }
    w->cells[c0].present[k] += (float)dt;
    cell_touch(w, c0);
    if (t / slot_ms != e->t_pos / slot_ms || c != c0) {
        w->cells[c].heard[k] += 1.0f;
        cell_touch(w, c);
    }
}

/* Heard slots per slot present in cell c: for vessels x 24 = hours heard
 * per vessel-day (gt_reception_heard); -1 when too little was measured. */
static double reception_ratio(const struct gt_watch *w, int c, int k, double min_present)
{
    const struct cell *x = &w->cells[c];

    if ((double)x->present[k] < min_present || x->present[k] <= 0.0f) {
        return -1.0;
    }
    return (double)x->heard[k] / (double)x->present[k];
}

/* ---- rules ---- */

static double median_interval_s(const struct ent *e)
{
    int32_t v[NIV];
    uint32_t n = e->niv < NIV ? e->niv : NIV, i, j;

    if (n == 0) {
        return 0.0;
    }
    memcpy(v, e->iv_s, n * sizeof v[0]);
    for (i = 1; i < n; i++) {
        for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
            int32_t t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    }
    return (double)v[n / 2];
}

/* How long e may be silent before it counts as dark (ms). */
static double dark_after_ms(const struct gt_watch *w, const struct ent *e)
{
    double own = median_interval_s(e) * 1000.0 * w->f.dark_factor;
    double min = gt__watch_kind_of(&e->id) == KIND_SEA ? w->f.dark_min_ms : w->f.air_dark_min_ms;

    return own > min ? own : min;
}

int gt__watch_at_port(const struct gt_watch *w, double lat, double lon, double min_km)
{
    double d;
    const struct gt_ports *p = w->o.ref != NULL ? w->o.ref->ports : NULL;

    if (p == NULL) {
        return 0;
    }
    if (gt_ports_within(p, lat, lon, NULL) != NULL) {
        return 1;
    }
    return min_km > 0 && gt_ports_nearest(p, lat, lon, min_km, &d) != NULL;
}

/* Would reception where e was last heard have heard it?  *heard_out gets
 * the figure (hours heard per vessel-day, or the aircraft coverage), and
 * *min_out its threshold. */
static int well_heard(const struct gt_watch *w, const struct ent *e, double *heard_out,
                      double *min_out)
{
    int k = gt__watch_kind_of(&e->id), c = gt__watch_cell_index(e->lat, e->lon);
    double r =
        reception_ratio(w, c, k, k == KIND_SEA ? w->f.dark_min_present_h : w->f.air_cap_min * 4);
    double heard = k == KIND_SEA ? r * 24.0 : r;
    double min = k == KIND_SEA ? w->f.dark_min_heard : w->f.air_min_cover;

    if (k == KIND_SEA && heard > 24.0) {
        heard = 24.0;
    }
    if (k == KIND_AIR && heard > 1.0) {
        heard = 1.0;
    }
    *heard_out = heard;
    *min_out = min;
    return r >= 0 && heard >= min;
}

/* Judge e's silence at the clock of its kind. */
int gt__watch_judge_silence(struct gt_watch *w, struct ent *e)
{
    int k = gt__watch_kind_of(&e->id);
    int64_t now = w->clock[k];
    double silent, need;

    if (!e->have_pos || e->t_pos == GT_TIME_NONE || now == GT_TIME_NONE) {
        return GT_OK;
    }
    silent = (double)(now - e->t_pos);
    /* a quiet approach: low near an airport, then nothing (flight.h's cut) */
    if (k == KIND_AIR && e->approach && e->air == AIR_AIRBORNE && silent >= w->f.air_quiet_ms &&
        (e->kinds & GT_ALERT_LANDING)) {
        e->approach = 0;
        e->air = AIR_GROUND;
        gt__watch_mark_dirty(w, e);
        gt__watch_fstr(&w->fig, "airport", e->apt);
        gt__watch_fnum(&w->fig, "alt_ft", e->alt_ft, 0);
        gt__watch_fnum(&w->fig, "silent_minutes", silent / 60000.0, 1);
        gt__watch_fstr(&w->fig, "how", "quiet_approach");
        return gt__watch_alert(w, e, GT_ALERT_LANDING, e->t_pos, &e->prov, NULL, 0, NULL, NULL,
                               e->lat, e->lon, NULL);
    }
    if (e->dark_sent || !(e->kinds & GT_ALERT_DARK)) {
        return GT_OK;
    }
    need = dark_after_ms(w, e);
    if (silent < need) {
        return GT_OK;
    }
    if (k == KIND_AIR && e->air != AIR_AIRBORNE) {
        return GT_OK; /* an aircraft on the ground is switched off, not dark */
    }
    {
        double heard, min;
        if (!well_heard(w, e, &heard, &min) || gt__watch_moved_on(w, e)) {
            return GT_OK; /* reception there would not have heard it anyway */
        }
        if (k == KIND_SEA && e->have_nav && (e->navstat == 1 || e->navstat == 5) &&
            gt__watch_at_port(w, e->lat, e->lon, 0)) {
            return GT_OK;
        }
        e->dark_sent = 1;
        gt__watch_mark_dirty(w, e);
        gt__watch_fnum(&w->fig, "silent_minutes", silent / 60000.0, 1);
        gt__watch_fnum(&w->fig, "threshold_minutes", need / 60000.0, 1);
        gt__watch_fnum(&w->fig, "own_interval_s", median_interval_s(e), 1);
        if (k == KIND_SEA) {
            gt__watch_fnum(&w->fig, "heard_hours_per_day", heard, 2);
            gt__watch_fnum(&w->fig, "min_heard_hours", min, 2);
        } else {
            gt__watch_fnum(&w->fig, "coverage", heard, 3);
            gt__watch_fnum(&w->fig, "min_coverage", min, 3);
        }
        gt__watch_fnum(&w->fig, "speed_kn", e->have_speed ? (double)e->speed_kn : NO_NUM, 1);
        return gt__watch_alert(w, e, GT_ALERT_DARK, e->t_pos, &e->prov, NULL, 0, NULL, NULL, e->lat,
                               e->lon, NULL);
    }
}

/* Heard again after a silence at least as long as the dark threshold. */
int gt__watch_heard(struct gt_watch *w, struct ent *e, int64_t t, const struct gt_prov *prov,
                    double lat, double lon)
{
    int rc = GT_OK;

    if (e->kinds == 0 || t == GT_TIME_NONE) {
        return GT_OK;
    }
    if (!e->first_sent) {
        e->first_sent = 1;
        gt__watch_mark_dirty(w, e);
        if (e->kinds & GT_ALERT_FIRST_HEARD) {
            const struct gt_watch_entry *en =
                e->entry >= 0 ? gt_watchlist_get(w->o.wl, (size_t)e->entry) : NULL;
            if (en != NULL) {
                static const char *const sel[] = {"",         "mmsi", "imo",  "icao",     "reg",
                                                  "callsign", "name", "type", "operator", "area"};
                gt__watch_fstr(&w->fig, "matched", sel[en->sel]);
                gt__watch_fstr(&w->fig, "matched_value", en->value);
                gt__watch_fnum(&w->fig, "watchlist_line", en->line, 0);
            }
            rc = gt__watch_alert(w, e, GT_ALERT_FIRST_HEARD, t, prov, NULL, 0, NULL, NULL, lat, lon,
                                 NULL);
        }
        return rc;
    }
    if (e->t_last != GT_TIME_NONE && t > e->t_last && e->have_pos) {
        double silent = (double)(t - e->t_last), need = dark_after_ms(w, e), hh, mh;
        /* back from dark, or from a silence dark would have reported */
        if ((e->dark_sent || (silent >= need && well_heard(w, e, &hh, &mh))) &&
            (e->kinds & GT_ALERT_HEARD_AGAIN)) {
            gt__watch_fnum(&w->fig, "silent_minutes", silent / 60000.0, 1);
            gt__watch_fnum(&w->fig, "threshold_minutes", need / 60000.0, 1);
            gt_buf_addf(&w->fig, ",\"after_dark\":%s", e->dark_sent ? "true" : "false");
            if (isfinite(lat) && e->have_pos) {
                gt__watch_fnum(&w->fig, "moved_km", gt_geo_fast_km(e->lat, e->lon, lat, lon), 1);
            }
            rc = gt__watch_alert(w, e, GT_ALERT_HEARD_AGAIN, t, prov, &e->prov, e->t_pos,
                                 "last_before", NULL, lat, lon, NULL);
        }
    }
    if (e->dark_sent) {
        e->dark_sent = 0;
        gt__watch_mark_dirty(w, e);
    }
    return rc;
}
