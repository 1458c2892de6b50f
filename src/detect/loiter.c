/*
 * loiter.c - the "loiter" detector: ships drifting or stopped at sea
 * (event type `loiter`).
 *
 * Definition after Global Fishing Watch's loitering events: hourly mean
 * speed below loiter.max_speed_kn (2 kn) for at least loiter.min_hours
 * (4 h), at least loiter.min_shore_nm (20 nm) from shore; hours without
 * positions inside a loiter are bridged up to loiter.max_gap_hours (1).
 * The finder is gt__sea_loiters() in sea.c.  Without land data the shore
 * rule is skipped and the event says so.
 */
#include <math.h>

#include "detect_int.h"
#include "ghosttrack/mem.h"

int gt__detect_loiter(const struct gt_detect_input *in, gt_event_fn *emit, void *ud)
{
    struct gt__sea s;
    struct gt__loiter *v = NULL;
    size_t n = 0, i;
    int rc = gt__sea_init(&s, in);

    if (rc != GT_OK) {
        return rc;
    }
    rc = gt__sea_loiters(&s, &v, &n);
    for (i = 0; rc == GT_OK && i < n; i++) {
        const struct gt__loiter *l = &v[i];
        double hours = gt__hours(l->t1 - l->t0);
        struct gt_event e;
        gt_event_init(&e, GT_EVENT_LOITER);
        e.subject = l->h->t->id;
        e.start_ms = l->t0;
        e.end_ms = l->t1;
        e.lat_deg = l->lat;
        e.lon_deg = l->lon;
        e.has_pos = 1;
        /* Longer and farther from shore is more telling. */
        e.score = 0.4 + 0.3 * gt__unit(hours / 24.0) +
                  0.3 * (s.land ? gt__unit(l->shore_nm / 100.0) : 0.5);
        /* Evidence: the first and last slow fixes bound the loiter. */
        gt__evidence(&e, gt__hull_pt(l->h, l->k0), "start");
        gt__evidence(&e, gt__hull_pt(l->h, l->k1), "end");
        gt_buf_addstr(&e.detail, "{");
        gt__json_num(&e.detail, "hours", hours, 3, 0);
        gt__json_num(&e.detail, "mean_speed_kn", l->mean_kn, 3, 1);
        gt_buf_addf(&e.detail, ",\"positions\":%zu", l->k1 - l->k0 + 1);
        gt__json_num(&e.detail, "shore_distance_nm", l->shore_nm, 3, 1);
        if (s.land == NULL) {
            gt_buf_addstr(&e.detail, ",\"skipped\":\"shore_distance: no land data\"");
        }
        gt_buf_addstr(&e.detail, "}");
        rc = gt_event_emit(&e, gt_buf_error(&e.detail), emit, ud);
    }
    gt_free(v);
    gt__sea_release(&s);
    return rc < 0 ? rc : GT_OK;
}
