/*
 * ais_spoof.c - the "ais_spoof" detector: positions and identities that
 * cannot be true (event type `spoof`).
 *
 * Kinds, after the spoofing signatures Global Fishing Watch, SkyTruth and
 * Windward publish:
 *
 *   shared_id         two hulls broadcast one MMSI at once: the segmenter
 *                     (segment.h) keeps two segments of at least
 *                     spoof.shared_min_points (5) open over the same hours;
 *                     one event per MMSI.
 *   teleport          A -> B -> A: one or a few fixes far from a hull
 *                     (implied speed above spoof.max_speed_kn, 50 kn, and
 *                     more than spoof.teleport_km, 10 km, away) with the
 *                     hull's own fixes on both sides.
 *   impossible_speed  a hull continues from a fix more than
 *                     spoof.teleport_km away at more than 50 kn, less than
 *                     24 h later, and the MMSI is not shared.
 *   circle            spoof.circle_points (30) consecutive fixes on a
 *                     circle (radius >= spoof.circle_min_km, 1 km, spread
 *                     of radii below 15 %, bearings from the centre
 *                     covering at least 9 of 12 sectors): the pattern of
 *                     GNSS spoofing and of faked "circle spoofing" tracks.
 *   on_land           at least spoof.land_min_points (2) consecutive fixes
 *                     of a hull on land (needs land data: without it the
 *                     rule is skipped).
 *   invalid_id        an MMSI impossible for what it claims (see
 *                     invalid_ids(): unallocated patterns, bad MIDs and
 *                     placeholders of ship numbers, fixed stations that
 *                     move); other stations are not ships and no spoof.
 *
 * The rules are independent: one MMSI can have a shared_id event and, on
 * one of its hulls, a circle.  They run per MMSI track on the hull view of
 * sea.c, so a shared MMSI's hulls are judged one by one (a circle on one
 * hull is not hidden by the other hull's fixes).  Scores are fixed per
 * kind (on_land 0.9, circle 0.8, teleport 0.7 and up with distance, ...):
 * the kinds differ in how often innocent causes produce them.
 */
#include <math.h>
#include <string.h>

#include "detect_int.h"
#include "ghosttrack/esc.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/mem.h"

/* Seal and emit a completed event (unless writing its detail failed), then
 * release it; returns the first error. */
static int finish(struct gt_event *e, gt_event_fn *emit, void *ud)
{
    int rc = gt_buf_error(&e->detail);

    if (rc == GT_OK) {
        gt_event_seal(e);
        rc = emit(e, ud);
    }
    gt_event_release(e);
    return rc;
}

/* Start a spoof event at point p: the first fix that shows the anomaly. */
static void start_event(struct gt_event *e, struct gt_ident id, const struct gt_point *p,
                        int64_t t1, double score)
{
    gt_event_init(e, GT_EVENT_SPOOF);
    e->subject = id;
    e->start_ms = p->t_ms;
    e->end_ms = t1;
    e->lat_deg = p->lat_deg;
    e->lon_deg = p->lon_deg;
    e->has_pos = 1;
    e->score = score;
}

/* Index of the last fix of hull h before t (h->n when none). */
static size_t last_before(const struct gt__hull *h, int64_t t)
{
    size_t lo = 0, hi = h->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (gt__hull_pt(h, mid)->t_ms < t) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo == 0 ? h->n : lo - 1;
}

/* Is hull y an excursion of hull x: x is heard before and after y and
 * never while y is (x's fixes around y are consecutive), and the jump to
 * y's first fix is farther than spoof.teleport_km at more than
 * spoof.max_speed_kn?  Then y is the MMSI's own positions moved elsewhere
 * for a while (a teleport, A -> B -> A), not a second ship on the same
 * MMSI: two ships would both be heard during the overlap. */
static int excursion(const struct gt__sea *s, const struct gt__hull *x, const struct gt__hull *y,
                     size_t *kbefore)
{
    double max_kn = gt__sea_num(s, "spoof.max_speed_kn", 50);
    double min_km = gt__sea_num(s, "spoof.teleport_km", 10);
    size_t k = last_before(x, y->t0);
    const struct gt_point *a, *b, *far;
    double d;

    if (k >= x->n || k + 1 >= x->n || gt__hull_pt(x, k + 1)->t_ms <= y->t1) {
        return 0;
    }
    a = gt__hull_pt(x, k);
    b = gt__hull_pt(x, k + 1);
    far = gt__hull_pt(y, 0);
    d = gt__pt_km(a, far);
    (void)b;
    *kbefore = k;
    return d > min_km && d / 1.852 / fmax(gt__hours(far->t_ms - a->t_ms), 1e-6) > max_kn;
}

/* Emit the teleport of excursion hull y from hull x (x's fix k before). */
static int emit_excursion(const struct gt__hull *x, const struct gt__hull *y, size_t k,
                          gt_event_fn *emit, void *ud)
{
    const struct gt_point *a = gt__hull_pt(x, k), *b = gt__hull_pt(x, k + 1);
    const struct gt_point *far = gt__hull_pt(y, 0);
    double d = gt__pt_km(a, far);
    struct gt_event e;

    start_event(&e, x->t->id, far, y->t1, 0.7 + 0.3 * gt__unit(d / 500.0));
    gt__evidence(&e, a, "before");
    gt__evidence(&e, far, "jump");
    gt__evidence(&e, gt__hull_pt(y, y->n - 1), "jump_end");
    gt__evidence(&e, b, "after");
    gt_buf_addstr(&e.detail, "{");
    gt__json_num(&e.detail, "distance_km", d, 3, 0);
    gt__json_num(&e.detail, "implied_speed_kn",
                 d / 1.852 / fmax(gt__hours(far->t_ms - a->t_ms), 1e-6), 1, 1);
    gt_buf_addstr(&e.detail, ",\"kind\":\"teleport\"");
    gt_buf_addf(&e.detail, ",\"points\":%zu", y->n);
    gt__json_num(&e.detail, "true_lat", a->lat_deg, 6, 1);
    gt__json_num(&e.detail, "true_lon", a->lon_deg, 6, 1);
    gt_buf_addstr(&e.detail, "}");
    return finish(&e, emit, ud);
}

/* shared_id: overlapping substantial hulls of one track.  One event per
 * MMSI covering every overlap, with the first overlapping pair as evidence
 * (two fixes heard at nearly the same time, far apart): one identity, two
 * places at once.  `hulls` counts the hulls involved in any overlap. */
static int shared_id(struct gt__sea *s, size_t ti, const unsigned char *circle, gt_event_fn *emit,
                     void *ud)
{
    size_t minpts = (size_t)gt__sea_num(s, "spoof.shared_min_points", 5), a, b, nh = 0;
    const struct gt__hull *ha = NULL, *hb = NULL;
    int64_t ov0 = INT64_MAX, ov1 = INT64_MIN;
    struct gt_event e;

    /* All ordered pairs of substantial hulls: the union of their overlaps
     * is the event's span, the earliest-starting overlap (met first with
     * a < b) gives the evidence. */
    for (a = s->hull_start[ti]; a < s->hull_start[ti + 1]; a++) {
        const struct gt__hull *x = &s->hulls[a];
        int counted = 0;
        if (x->n < minpts || circle[a]) {
            continue;
        }
        for (b = s->hull_start[ti]; b < s->hull_start[ti + 1]; b++) {
            const struct gt__hull *y = &s->hulls[b];
            int64_t o0 = x->t0 > y->t0 ? x->t0 : y->t0, o1 = x->t1 < y->t1 ? x->t1 : y->t1;
            size_t kb4;
            if (a == b || y->n < minpts || o1 <= o0 || circle[b]) {
                continue; /* a circle hull is the circle event's */
            }
            /* y inside a silence of x: a teleport, reported as such */
            if (excursion(s, x, y, &kb4)) {
                int rc = emit_excursion(x, y, kb4, emit, ud);
                if (rc != GT_OK) {
                    return rc;
                }
                continue;
            }
            if (excursion(s, y, x, &kb4)) {
                continue; /* reported from the other side */
            }
            counted = 1;
            if (a < b && o0 < ov0) {
                ha = x;
                hb = y;
            }
            ov0 = o0 < ov0 ? o0 : ov0;
            ov1 = o1 > ov1 ? o1 : ov1;
        }
        nh += (size_t)counted;
    }
    if (ha == NULL) {
        return GT_OK;
    }
    {
        /* the first fix of each hull inside the overlap */
        size_t ka = 0, kb = 0;
        const struct gt_point *pa, *pb;
        while (ka + 1 < ha->n && gt__hull_pt(ha, ka)->t_ms < ov0) {
            ka++;
        }
        while (kb + 1 < hb->n && gt__hull_pt(hb, kb)->t_ms < ov0) {
            kb++;
        }
        pa = gt__hull_pt(ha, ka);
        pb = gt__hull_pt(hb, kb);
        start_event(&e, ha->t->id, pa, ov1, 0.6 + 0.4 * gt__unit(gt__hours(ov1 - ov0) / 24.0));
        e.start_ms = ov0;
        gt__evidence(&e, pa, "a");
        gt__evidence(&e, pb, "b");
        gt_buf_addstr(&e.detail, "{");
        gt__json_num(&e.detail, "distance_km", gt__pt_km(pa, pb), 3, 0);
        gt_buf_addf(&e.detail, ",\"hulls\":%zu,\"kind\":\"shared_id\"", nh);
        gt__json_num(&e.detail, "overlap_hours", gt__hours(ov1 - ov0), 3, 1);
        gt_buf_addstr(&e.detail, "}");
    }
    return finish(&e, emit, ud);
}

/* teleport: runs of raw points in small segments, bounded by one hull.
 * The segmenter has already put the jumped-to fixes aside (they continue
 * no hull); what makes it a teleport and not a second ship is that the
 * same hull resumes right after, where it would have been. */
static int teleports(struct gt__sea *s, size_t ti, gt_event_fn *emit, void *ud)
{
    const struct gt_track *t = &s->fleet->tracks[ti];
    const struct gt_segs *sg = &s->segs[ti];
    size_t minpts = (size_t)gt__sea_num(s, "seg.min_points", 3), i, prev = SIZE_MAX;
    double max_kn = gt__sea_num(s, "spoof.max_speed_kn", 50);
    double min_km = gt__sea_num(s, "spoof.teleport_km", 10);
    int rc = GT_OK;

    if (sg->seg == NULL) {
        return GT_OK; /* not segmented: a station that is not a ship */
    }
    for (i = 0; rc == GT_OK && i < t->n; i++) {
        size_t j, next = SIZE_MAX, k;
        uint32_t sa;
        const struct gt_point *a, *b, *far = NULL;
        double far_km = 0;
        if (sg->seg[i] == GT_SEG_DROPPED) {
            continue;
        }
        if (sg->start[sg->seg[i] + 1] - sg->start[sg->seg[i]] >= minpts) {
            prev = i;
            continue;
        }
        if (prev == SIZE_MAX) {
            continue;
        }
        /* i starts a run of outliers (points of segments too small to be a
         * hull); find the next point of a big segment.  Dropped points
         * (duplicates, invalid) are skipped over. */
        for (j = i + 1; j < t->n; j++) {
            uint32_t sj = sg->seg[j];
            if (sj != GT_SEG_DROPPED && sg->start[sj + 1] - sg->start[sj] >= minpts) {
                next = j;
                break;
            }
        }
        if (next == SIZE_MAX) {
            break;
        }
        sa = sg->seg[prev];
        a = &t->pts[prev];
        b = &t->pts[next];
        /* Only when the same hull resumes: otherwise the jump is a change of
         * hull, which speed_jumps() and shared_id() judge. */
        if (sg->seg[next] == sa) {
            for (k = i; k < next; k++) {
                double d = gt__pt_km(a, &t->pts[k]);
                if (sg->seg[k] != GT_SEG_DROPPED && d > far_km) {
                    far_km = d;
                    far = &t->pts[k];
                }
            }
        }
        if (far != NULL && far_km > min_km &&
            far_km / 1.852 / fmax(gt__hours(far->t_ms - a->t_ms), 1e-6) > max_kn) {
            struct gt_event e;
            start_event(&e, t->id, far, far->t_ms, 0.7 + 0.3 * gt__unit(far_km / 500.0));
            gt__evidence(&e, a, "before");
            gt__evidence(&e, far, "jump");
            gt__evidence(&e, b, "after");
            gt_buf_addstr(&e.detail, "{");
            gt__json_num(&e.detail, "distance_km", far_km, 3, 0);
            gt__json_num(&e.detail, "implied_speed_kn",
                         far_km / 1.852 / fmax(gt__hours(far->t_ms - a->t_ms), 1e-6), 1, 1);
            gt_buf_addstr(&e.detail, ",\"kind\":\"teleport\"");
            gt_buf_addf(&e.detail, ",\"points\":%zu}", next - i);
            rc = finish(&e, emit, ud);
        }
        i = next - 1;
    }
    return rc;
}

/* impossible_speed between consecutive, non-overlapping hulls.  On a
 * shared MMSI every switch between hulls looks like a jump, so the rule is
 * only applied to MMSIs with one hull at a time; jumps after more than the
 * segmenter's max_hours may be a real voyage unobserved and are left to the
 * gap detector. */
static int speed_jumps(struct gt__sea *s, size_t ti, int shared, gt_event_fn *emit, void *ud)
{
    double max_kn = gt__sea_num(s, "spoof.max_speed_kn", 50);
    double min_km = gt__sea_num(s, "spoof.teleport_km", 10);
    int64_t max_ms = gt__ms(s->segp.max_hours);
    size_t a;
    int rc = GT_OK;

    if (shared) {
        return GT_OK;
    }
    for (a = s->hull_start[ti]; rc == GT_OK && a + 1 < s->hull_start[ti + 1]; a++) {
        const struct gt__hull *x = &s->hulls[a], *y = &s->hulls[a + 1];
        const struct gt_point *p = gt__hull_pt(x, x->n - 1), *q = gt__hull_pt(y, 0);
        double d = gt__pt_km(p, q), kn;
        if (q->t_ms <= p->t_ms || q->t_ms - p->t_ms > max_ms || d <= min_km) {
            continue;
        }
        kn = d / 1.852 / gt__hours(q->t_ms - p->t_ms);
        if (kn > max_kn) {
            struct gt_event e;
            start_event(&e, x->t->id, q, q->t_ms, 0.6 + 0.4 * gt__unit(kn / 500.0));
            gt__evidence(&e, p, "from");
            gt__evidence(&e, q, "to");
            gt_buf_addstr(&e.detail, "{");
            gt__json_num(&e.detail, "distance_km", d, 3, 0);
            gt__json_num(&e.detail, "implied_speed_kn", kn, 1, 1);
            gt_buf_addstr(&e.detail, ",\"kind\":\"impossible_speed\"}");
            rc = finish(&e, emit, ud);
        }
    }
    return rc;
}

/* Emit one circle event for hull points run0..run1. */
static int emit_circle(const struct gt__hull *h, size_t run0, size_t run1, double clat, double clon,
                       double r, gt_event_fn *emit, void *ud)
{
    struct gt_event e;

    start_event(&e, h->t->id, gt__hull_pt(h, run0), gt__hull_pt(h, run1)->t_ms, 0.8);
    e.lat_deg = clat;
    e.lon_deg = clon;
    gt__evidence(&e, gt__hull_pt(h, run0), "first");
    gt__evidence(&e, gt__hull_pt(h, run1), "last");
    gt_buf_addstr(&e.detail, "{");
    gt__json_num(&e.detail, "centre_lat", clat, 6, 0);
    gt__json_num(&e.detail, "centre_lon", clon, 6, 1);
    gt_buf_addstr(&e.detail, ",\"kind\":\"circle\"");
    gt_buf_addf(&e.detail, ",\"points\":%zu", run1 - run0 + 1);
    gt__json_num(&e.detail, "radius_km", r, 3, 1);
    gt_buf_addstr(&e.detail, "}");
    return finish(&e, emit, ud);
}

/* circle: consecutive windows of points on one circle around a fixed
 * centre make one event.  A window of spoof.circle_points fixes covers a
 * whole turn only when the reports are sparse; at one report a minute a
 * 4 km circle at 9 kn takes ninety, so the window is doubled (up to 16
 * times) until one turn fits, and the first size that finds a circle is
 * used.  emit may be NULL (a dry run); *covered gets the points on
 * circles. */
static int circles(struct gt__sea *s, const struct gt__hull *h, gt_event_fn *emit, void *ud,
                   size_t *covered)
{
    size_t base = (size_t)fmax(8.0, gt__sea_num(s, "spoof.circle_points", 30)), win, k0;
    double min_r = gt__sea_num(s, "spoof.circle_min_km", 1);
    size_t run0 = SIZE_MAX, run1 = 0, nwin = 0;
    double clat = 0, clon = 0, rsum = 0;

    /* The windows on one circle around the first one's centre (within half
     * its radius) make one event from the first to the last, with any
     * windows between that missed it (a noisy stretch): one fake track,
     * one event. */
    *covered = 0;
    for (win = base; win <= h->n && win <= 16 * base && run0 == SIZE_MAX; win *= 2) {
        for (k0 = 0; k0 + win <= h->n; k0 += win) {
            double lat, lon, r;
            if (!gt__sea_on_circle(h, k0, win, min_r, &lat, &lon, &r)) {
                continue;
            }
            if (run0 == SIZE_MAX) {
                run0 = k0;
                clat = lat;
                clon = lon;
            } else if (gt_geo_fast_km(lat, lon, clat, clon) > rsum / (double)nwin / 2) {
                continue;
            }
            run1 = k0 + win - 1;
            rsum += r;
            nwin++;
            *covered += win;
        }
    }
    if (run0 == SIZE_MAX || emit == NULL) {
        return GT_OK;
    }
    return emit_circle(h, run0, run1, clat, clon, rsum / (double)nwin, emit, ud);
}

/* Is a fix that the land data puts on land really there?  Not within a
 * port's anchorage radius (struct gt_port radius_nm: berths, locks and
 * basins), not at an anchorage found in the data (many vessels lying still
 * there is proof of water), and not within spoof.land_margin_nm of the
 * coast.  The margin defaults to 0 because the land layer already keeps
 * 0.5 nm of slack at 10 m resolution (docs/REFERENCE.md); with coarse land
 * such as Natural Earth 1:50m, drawn for 1:50 000 000 maps where 0.1 mm is
 * 5 km and filling bays, rivers and canals narrower than that, set it to
 * 3 nm. */
static int really_on_land(const struct gt__sea *s, const struct gt_point *p)
{
    double margin = gt__sea_num(s, "spoof.land_margin_nm", 0);
    double anch_km = gt__sea_num(s, "anch.cluster_km", 4), d = 0;
    const struct gt_port *port;

    if (!gt_land_on_land(s->land, p->lat_deg, p->lon_deg) ||
        (margin > 0 && !(gt_land_shore_nm(s->land, p->lat_deg, p->lon_deg) > margin))) {
        return 0;
    }
    port = s->ports ? gt_ports_nearest(s->ports, p->lat_deg, p->lon_deg, 100.0, &d) : NULL;
    if (port != NULL && d <= port->radius_nm * 1.852) {
        return 0;
    }
    return !(gt__sea_anchorage_km(s, p->lat_deg, p->lon_deg, anch_km, NULL) <= anch_km);
}

/* Is every fix of track t on land and within anch.stationary_km (0.5 km)
 * of the first?  Then t is a fixed installation ashore (a harbour office's
 * or pilot station's transponder, a test set) or a ship in a dock the land
 * data fills: spoofing moves a ship that is at sea, so some of its fixes
 * are at sea. */
static int fixed_ashore(const struct gt__sea *s, const struct gt_track *t)
{
    double still_km = gt__sea_num(s, "anch.stationary_km", 0.5);
    size_t k;

    for (k = 0; k < t->n; k++) {
        if (gt__pt_km(&t->pts[0], &t->pts[k]) > still_km || !really_on_land(s, &t->pts[k])) {
            return 0;
        }
    }
    return t->n > 0;
}

/* Emit one on_land event: hull points e0..e1 with `pts` of them on land. */
static int emit_on_land(const struct gt__sea *s, const struct gt__hull *h, size_t e0, size_t e1,
                        size_t pts, gt_event_fn *emit, void *ud)
{
    const struct gt_point *p = gt__hull_pt(h, e0);
    struct gt_event e;
    double inland = gt_land_shore_nm(s->land, p->lat_deg, p->lon_deg);

    start_event(&e, h->t->id, p, gt__hull_pt(h, e1)->t_ms, 0.9);
    gt__evidence(&e, p, "first");
    gt__evidence(&e, gt__hull_pt(h, e1), "last");
    gt_buf_addstr(&e.detail, "{");
    gt__json_num(&e.detail, "inland_nm", inland, 3, 0);
    gt_buf_addstr(&e.detail, ",\"kind\":\"on_land\"");
    gt_buf_addf(&e.detail, ",\"points\":%zu}", pts);
    return finish(&e, emit, ud);
}

/* Runs of at least spoof.land_min_points fixes on land; runs of one hull
 * less than spoof.land_merge_hours (6) apart are one event (one spoofing
 * episode, with a few fixes back at sea in between, is one finding). */
static int on_land(struct gt__sea *s, const struct gt__hull *h, gt_event_fn *emit, void *ud)
{
    size_t minpts = (size_t)fmax(1.0, gt__sea_num(s, "spoof.land_min_points", 2)), k, r0 = 0;
    int64_t merge_ms = gt__ms(gt__sea_num(s, "spoof.land_merge_hours", 6));
    size_t e0 = SIZE_MAX, e1 = 0, pts = 0;
    int in = 0, rc = GT_OK;

    if (s->land == NULL) {
        return GT_OK;
    }
    for (k = 0; rc == GT_OK && k <= h->n; k++) {
        int land = k < h->n && really_on_land(s, gt__hull_pt(h, k));
        if (land && !in) {
            in = 1;
            r0 = k;
        } else if (!land && in) {
            in = 0;
            if (k - r0 < minpts) {
                continue;
            }
            if (e0 != SIZE_MAX && gt__hull_pt(h, r0)->t_ms - gt__hull_pt(h, e1)->t_ms > merge_ms) {
                rc = emit_on_land(s, h, e0, e1, pts, emit, ud);
                e0 = SIZE_MAX;
            }
            if (e0 == SIZE_MAX) {
                e0 = r0;
                pts = 0;
            }
            e1 = k - 1;
            pts += k - r0;
        }
    }
    if (rc == GT_OK && e0 != SIZE_MAX) {
        rc = emit_on_land(s, h, e0, e1, pts, emit, ud);
    }
    return rc;
}

/* Does track t move more than max_km from its first fix (at least three
 * fixes that far, so one garbled position does not count)? */
static int moves(const struct gt_track *t, double max_km)
{
    size_t k, far = 0;
    for (k = 1; k < t->n && far < 3; k++) {
        far += gt__pt_km(&t->pts[0], &t->pts[k]) > max_km;
    }
    return far >= 3;
}

/* invalid_id: an MMSI impossible for what it claims to be.  Stations that
 * are not ships (ITU-R M.585-9: base stations 00MID, aids to navigation
 * 99MID, SAR aircraft 111MID, AIS-SART/MOB/EPIRB 970/972/974, craft of a
 * parent ship 98MID, handhelds 8MID, group calls 0MID) are what they say
 * and no spoof, unless a fixed one (base station, AtoN) moves more than
 * spoof.fixed_station_km (1 km; a buoy swings within its mooring's
 * circle).  A ship number with an unallocated MID or a placeholder body
 * (567000000), and numbers fitting no station pattern (123456789, ten
 * digits), remain invalid_id.  IMO numbers with a wrong check digit are no
 * spoof: fishing and inland vessels put national or ENI numbers in that
 * field; they are simply not IMO numbers (and never link two MMSIs). */
static int invalid_ids(struct gt__sea *s, size_t ti, gt_event_fn *emit, void *ud)
{
    static const char *const why[] = {"ship", "bad_length", "not_ship", "bad_mid", "placeholder"};
    const struct gt_track *t = &s->fleet->tracks[ti];
    int station = gt_ids_mmsi_station(t->id.value), st = gt_ids_mmsi_check(t->id.value);
    const char *reason = NULL;
    struct gt_event e;

    if (t->n == 0) {
        return GT_OK;
    }
    if (station == GT_STATION_INVALID) {
        reason = "unallocated";
    } else if (station == GT_STATION_SHIP && st != GT_MMSI_ST_SHIP) {
        reason = why[st];
    } else if ((station == GT_STATION_COAST || station == GT_STATION_ATON) &&
               moves(t, gt__sea_num(s, "spoof.fixed_station_km", 1))) {
        reason = "fixed_station_moving";
    }
    if (reason == NULL) {
        return GT_OK;
    }
    start_event(&e, t->id, &t->pts[0], t->pts[t->n - 1].t_ms,
                station == GT_STATION_SHIP || station == GT_STATION_INVALID ? 0.8 : 0.6);
    gt__evidence(&e, &t->pts[0], "first");
    gt_buf_addf(&e.detail,
                "{\"field\":\"mmsi\",\"kind\":\"invalid_id\",\"reason\":\"%s\","
                "\"station\":\"%s\",\"value\":\"%09u\"}",
                reason, gt_ids_mmsi_station_name(station), (unsigned)t->id.value);
    return finish(&e, emit, ud);
}

/* Does track ti have two overlapping substantial hulls? */
static int is_shared(const struct gt__sea *s, size_t ti, size_t minpts)
{
    size_t a, b;
    for (a = s->hull_start[ti]; a < s->hull_start[ti + 1]; a++) {
        for (b = a + 1; b < s->hull_start[ti + 1]; b++) {
            const struct gt__hull *x = &s->hulls[a], *y = &s->hulls[b];
            if (x->n >= minpts && y->n >= minpts && y->t0 < x->t1) {
                return 1;
            }
        }
    }
    return 0;
}

/* Entry point of the "ais_spoof" detector: every rule over every MMSI. */
int gt__detect_ais_spoof(const struct gt_detect_input *in, gt_event_fn *emit, void *ud)
{
    struct gt__sea s;
    size_t ti, hi;
    unsigned char *circle;
    int rc = gt__sea_init(&s, in);

    if (rc != GT_OK) {
        return rc;
    }
    circle = gt_calloc(s.nhulls ? s.nhulls : 1, 1);
    rc = circle ? gt__sea_anchorages(&s) : GT_ERR_NOMEM;
    for (ti = 0; rc == GT_OK && ti < s.fleet->n; ti++) {
        int ashore = -1; /* fixed_ashore(), computed when first needed */
        if (s.fleet->tracks[ti].id.kind != GT_ID_MMSI) {
            continue;
        }
        rc = invalid_ids(&s, ti, emit, ud);
        if (!gt__sea_is_ship(&s.fleet->tracks[ti])) {
            continue; /* stations that are not ships have no hulls (sea.c) */
        }
        /* A hull tracing a circle is the fake track of circle spoofing
         * (the ship itself lies elsewhere, often in port, and may be heard
         * there at the same time): the circle event is the finding, not a
         * second ship on the MMSI. */
        for (hi = s.hull_start[ti]; rc == GT_OK && hi < s.hull_start[ti + 1]; hi++) {
            size_t cov;
            rc = circles(&s, &s.hulls[hi], NULL, NULL, &cov);
            circle[hi] = cov > 0;
        }
        if (rc == GT_OK) {
            rc = shared_id(&s, ti, circle, emit, ud);
        }
        if (rc == GT_OK) {
            rc = teleports(&s, ti, emit, ud);
        }
        if (rc == GT_OK) {
            size_t mp = (size_t)gt__sea_num(&s, "spoof.shared_min_points", 5);
            rc = speed_jumps(&s, ti, is_shared(&s, ti, mp), emit, ud);
        }
        for (hi = s.hull_start[ti]; rc == GT_OK && hi < s.hull_start[ti + 1]; hi++) {
            size_t cov;
            rc = circles(&s, &s.hulls[hi], emit, ud, &cov);
            if (rc == GT_OK && s.land != NULL) {
                if (ashore < 0) {
                    ashore = fixed_ashore(&s, &s.fleet->tracks[ti]);
                }
                if (!ashore) {
                    rc = on_land(&s, &s.hulls[hi], emit, ud);
                }
            }
        }
    }
    gt_free(circle);
    gt__sea_release(&s);
    return rc < 0 ? rc : GT_OK;
}
