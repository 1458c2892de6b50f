/*
 * ais_gap.c - the "ais_gap" detector: AIS transmission gaps of ships,
 * with the suspected-disabling flag (event type `gap`).
 *
 * Definitions: Global Fishing Watch pipe-gaps for the raw gap (>= 6 h
 * between consecutive positions of one hull, open when the hull is not
 * heard again before the end of the data) and Welch et al. (2022) for
 * `suspected`; the finder and the rules are in sea.c (gt__sea_gaps,
 * judge_gap).  An open gap is never suspected; reception is judged by
 * positions and by hours heard per vessel-day in the off cell; the detail
 * names the first test a gap failed (`reason`) and every figure used.
 *
 * Re-running after late data: an event's id hashes type, subject, peer and
 * start (the off fix's time), so an open gap that late data close keeps its
 * id and the store replaces it; a gap that late data fill is no longer
 * produced, and the `detect` glue retracts it by replacing all events of
 * the re-run detectors.
 *
 * Parameters (defaults): gap.min_hours (6), gap.suspected_min_hours (12),
 * gap.min_shore_nm (50), gap.min_reception (10), gap.min_heard_hours (10),
 * gap.before_hours (12), gap.min_positions_before (14),
 * gap.max_silence_before_hours (2), seg.min_points (3).
 */
#include <math.h>
#include <string.h>

#include "detect_int.h"
#include "ghosttrack/mem.h"

/* Score: suspected gaps rank by length and by how well the cell is heard;
 * others stay below 0.5. */
static double gap_score(const struct gt__gap *g)
{
    if (g->suspected) {
        return 0.5 + 0.25 * gt__unit(g->hours / 48.0) + 0.25 * gt__unit(g->rx / 50.0);
    }
    return 0.45 * gt__unit(g->hours / 24.0);
}

/* The detail object, keys in alphabetical order as the contract wants;
 * figures that do not exist for an open gap (end position, distance,
 * implied speed) are null. */
static int write_detail(struct gt_buf *b, const struct gt__sea *s, const struct gt__gap *g)
{
    double imp = g->on && g->hours > 0 ? g->dist_km / 1.852 / g->hours : (double)NAN;
    int class_a = (g->off->flags & GT_OBS_NAVSTAT) != 0;

    gt_buf_addf(b, "{\"class\":\"%s\"", class_a ? "ais-a" : "ais-b");
    gt__json_num(b, "distance_km", g->dist_km, 3, 1);
    gt__json_num(b, "end_lat", g->on ? g->on->lat_deg : (double)NAN, 6, 1);
    gt__json_num(b, "end_lon", g->on ? g->on->lon_deg : (double)NAN, 6, 1);
    gt_buf_addf(b, ",\"heard_class\":\"%s\"",
                g->heard_cls == GT_RX_SATELLITE ? "satellite" : "all");
    gt__json_num(b, "heard_hours_per_day", g->heard, 3, 1);
    gt__json_num(b, "heard_hours_per_day_others", g->heard_others, 3, 1);
    gt__json_num(b, "heard_hours_per_day_satellite", g->heard_sat, 3, 1);
    gt__json_num(b, "heard_hours_per_day_terrestrial", g->heard_ter, 3, 1);
    gt__json_num(b, "hours", g->hours, 3, 1);
    gt__json_num(b, "implied_speed_kn", imp, 3, 1);
    gt_buf_addf(b, ",\"open\":%s", g->on ? "false" : "true");
    gt_buf_addf(b, ",\"positions_before\":%zu", g->before);
    if (g->reason != NULL) {
        gt_buf_addf(b, ",\"reason\":\"%s\"", g->reason);
    }
    gt__json_num(b, "reception", g->rx, 3, 1);
    gt__json_num(b, "reception_satellite", g->rx_sat, 3, 1);
    gt__json_num(b, "reception_terrestrial", g->rx_ter, 3, 1);
    gt__json_num(b, "shore_distance_nm", g->shore_nm, 3, 1);
    gt__json_num(b, "silence_before_hours", g->silence_before, 3, 1);
    if (s->land == NULL) {
        gt_buf_addstr(b, ",\"skipped\":\"shore_distance: no land data\"");
    }
    gt__json_num(b, "start_lat", g->off->lat_deg, 6, 1);
    gt__json_num(b, "start_lon", g->off->lon_deg, 6, 1);
    gt_buf_addf(b, ",\"suspected\":%s}", g->suspected ? "true" : "false");
    return gt_buf_error(b);
}

int gt__detect_ais_gap(const struct gt_detect_input *in, gt_event_fn *emit, void *ud)
{
    struct gt__sea s;
    struct gt__gap *gaps = NULL;
    size_t n = 0, i;
    int rc = gt__sea_init(&s, in);

    if (rc != GT_OK) {
        return rc;
    }
    /* One event per gap, positioned at the off fix: where the ship was
     * last seen is what an analyst searches imagery around. */
    rc = gt__sea_gaps(&s, &gaps, &n);
    for (i = 0; rc == GT_OK && i < n; i++) {
        const struct gt__gap *g = &gaps[i];
        struct gt_event e;
        gt_event_init(&e, GT_EVENT_GAP);
        e.subject = g->h->t->id;
        e.start_ms = g->t_off;
        e.end_ms = g->t_on;
        e.lat_deg = g->off->lat_deg;
        e.lon_deg = g->off->lon_deg;
        e.has_pos = 1;
        e.score = gap_score(g);
        gt__evidence(&e, g->off, "off");
        if (g->on) {
            gt__evidence(&e, g->on, "on");
        }
        rc = write_detail(&e.detail, &s, g);
        rc = gt_event_emit(&e, rc, emit, ud);
    }
    gt_free(gaps);
    gt__sea_release(&s);
    return rc < 0 ? rc : GT_OK;
}
