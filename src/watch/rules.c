/*
 * rules.c - the watch engine's position rules, evaluated on each fix:
 * watched areas, encounters and loitering at sea, flight phases of
 * aircraft (take-off and landing near an airport) and position spoofing
 * (docs/WATCH.md).
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

static int in_area(const struct gt_watch_entry *a, double lat, double lon)
{
    struct gt_latlon p;

    if (lat < a->south_deg || lat > a->north_deg || lon < a->west_deg || lon > a->east_deg) {
        return 0;
    }
    if (a->poly == NULL) {
        return a->path == NULL; /* a file area without its polygon matches nothing */
    }
    p.lat_deg = lat;
    p.lon_deg = lon;
    return gt_geo_point_in_polygon(p, a->poly, a->npoly);
}

int gt__watch_areas(struct gt_watch *w, struct ent *e, const struct gt_obs *o)
{
    size_t i;
    int j, rc;

    for (i = 0; i < w->nareas; i++) {
        uint32_t ai = w->areas[i];
        const struct gt_watch_entry *a = gt_watchlist_get(w->o.wl, ai);
        int inside = in_area(a, o->lat_deg, o->lon_deg), was = -1;
        const char *lab = a->label[0] ? a->label : a->value;
        for (j = 0; j < e->narea; j++) {
            if (e->area_in[j] == (int32_t)ai) {
                was = j;
            }
        }
        if (inside && was < 0 && e->narea < MAX_AREAS) {
            e->area_in[e->narea++] = (int32_t)ai;
            gt__watch_mark_dirty(w, e);
            if (a->kinds & GT_ALERT_AREA_ENTER) {
                int32_t keep = e->entry;
                e->entry = (int32_t)ai;
                gt__watch_fnum(&w->fig, "watchlist_line", a->line, 0);
                rc = gt__watch_alert(w, e, GT_ALERT_AREA_ENTER, o->t_ms, &o->prov, &e->prov,
                                     e->t_pos, "last_before", NULL, o->lat_deg, o->lon_deg, lab);
                e->entry = keep;
                if (rc < 0) {
                    return rc;
                }
            }
        } else if (!inside && was >= 0) {
            gt__watch_mark_dirty(w, e);
            e->area_in[was] = e->area_in[--e->narea];
            if (a->kinds & GT_ALERT_AREA_LEAVE) {
                int32_t keep = e->entry;
                e->entry = (int32_t)ai;
                gt__watch_fnum(&w->fig, "watchlist_line", a->line, 0);
                rc = gt__watch_alert(w, e, GT_ALERT_AREA_LEAVE, o->t_ms, &o->prov, &e->prov,
                                     e->t_pos, "last_inside", NULL, o->lat_deg, o->lon_deg, lab);
                e->entry = keep;
                if (rc < 0) {
                    return rc;
                }
            }
        }
    }
    return GT_OK;
}

/* Pair (a watched, b) close at time t. */
static int close_pair(struct gt_watch *w, struct ent *a, const struct ent *b, int64_t t,
                      const struct gt_prov *prov, double dist_m)
{
    if (!(a->kinds & GT_ALERT_ENCOUNTER)) {
        return GT_OK;
    }
    if (!gt__watch_same_id(&a->enc_peer, &b->id) || a->enc_last == GT_TIME_NONE ||
        (double)(t - a->enc_last) > w->f.enc_gap_ms) {
        a->enc_peer = b->id;
        a->enc_since = t;
        a->enc_sent = 0;
    }
    if (t > a->enc_last || a->enc_last == GT_TIME_NONE) {
        a->enc_last = t;
    }
    gt__watch_mark_dirty(w, a);
    if (!a->enc_sent && (double)(a->enc_last - a->enc_since) >= w->f.enc_min_ms) {
        double mlat = (a->lat + b->lat) / 2, mlon = (a->lon + b->lon) / 2;
        a->enc_sent = 1;
        /* the encounter rule's exclusions: at anchor or moored, near a port */
        if ((a->have_nav && (a->navstat == 1 || a->navstat == 5)) ||
            (b->have_nav && (b->navstat == 1 || b->navstat == 5)) ||
            gt__watch_at_port(w, mlat, mlon, w->f.enc_port_km)) {
            return GT_OK;
        }
        gt__watch_fnum(&w->fig, "distance_m", dist_m, 0);
        gt__watch_fnum(&w->fig, "hours_together", (double)(a->enc_last - a->enc_since) / 3.6e6, 2);
        gt__watch_fnum(&w->fig, "max_distance_m", w->f.enc_max_m, 0);
        gt__watch_fnum(&w->fig, "min_hours", w->f.enc_min_ms / 3.6e6, 2);
        if (b->name[0]) {
            gt__watch_fstr(&w->fig, "peer_name", b->name);
        }
        gt__watch_add_time(&w->fig, "since", a->enc_since);
        return gt__watch_alert(w, a, GT_ALERT_ENCOUNTER, t, prov, &b->prov, b->t_pos, "peer",
                               &b->id, mlat, mlon, NULL);
    }
    return GT_OK;
}

int gt__watch_encounters(struct gt_watch *w, struct ent *e, const struct gt_obs *o)
{
    int da, db, rc;

    if (!e->in_slow) {
        return GT_OK;
    }
    for (da = -1; da <= 1; da++) {
        for (db = -1; db <= 1; db++) {
            uint64_t key = gt__watch_slow_key(e->lat + da * 0.01, e->lon + db * 0.01);
            struct slow_slot *s = gt__watch_slow_slot(w, key, 0);
            uint32_t i = s != NULL ? s->head : 0;
            while (i != 0) {
                struct ent *x = &w->ents[i - 1];
                i = x->snext;
                if (x == e || x->t_pos == GT_TIME_NONE ||
                    llabs(o->t_ms - x->t_pos) > 30 * MINUTE_MS) {
                    continue;
                }
                if (!(e->kinds & GT_ALERT_ENCOUNTER) && !(x->kinds & GT_ALERT_ENCOUNTER)) {
                    continue;
                }
                {
                    double d = gt_geo_fast_km(e->lat, e->lon, x->lat, x->lon) * 1000.0;
                    if (d > w->f.enc_max_m) {
                        continue;
                    }
                    rc = close_pair(w, e, x, o->t_ms, &o->prov, d);
                    if (rc == GT_OK) {
                        rc = close_pair(w, x, e, o->t_ms, &o->prov, d);
                    }
                    if (rc < 0) {
                        return rc;
                    }
                }
            }
        }
    }
    return GT_OK;
}

int gt__watch_loiter(struct gt_watch *w, struct ent *e, const struct gt_obs *o, double kn)
{
    if (!(e->kinds & GT_ALERT_LOITER) || gt__watch_kind_of(&e->id) != KIND_SEA) {
        return GT_OK;
    }
    if (!(kn >= 0) || kn > w->f.loi_max_kn ||
        (o->flags & GT_OBS_NAVSTAT && (o->nav_status == 1 || o->nav_status == 5))) {
        if (e->slow_since != GT_TIME_NONE) {
            e->slow_since = GT_TIME_NONE;
            e->loiter_sent = 0;
            gt__watch_mark_dirty(w, e);
        }
        return GT_OK;
    }
    if (e->slow_since == GT_TIME_NONE || (double)(o->t_ms - e->slow_last) > w->f.loi_gap_ms) {
        e->slow_since = o->t_ms;
        e->loiter_sent = 0;
    }
    e->slow_last = o->t_ms;
    gt__watch_mark_dirty(w, e);
    if (!e->loiter_sent && (double)(o->t_ms - e->slow_since) >= w->f.loi_min_ms) {
        e->loiter_sent = 1;
        if (gt__watch_at_port(w, o->lat_deg, o->lon_deg, w->f.loi_port_km)) {
            return GT_OK;
        }
        gt__watch_fnum(&w->fig, "hours", (double)(o->t_ms - e->slow_since) / 3.6e6, 2);
        gt__watch_fnum(&w->fig, "max_speed_kn", w->f.loi_max_kn, 1);
        gt__watch_fnum(&w->fig, "min_hours", w->f.loi_min_ms / 3.6e6, 2);
        gt__watch_add_time(&w->fig, "since", e->slow_since);
        return gt__watch_alert(w, e, GT_ALERT_LOITER, o->t_ms, &o->prov, NULL, 0, NULL, NULL,
                               o->lat_deg, o->lon_deg, NULL);
    }
    return GT_OK;
}

static const struct gt_airport *airport_near(const struct gt_watch *w, double lat, double lon,
                                             double *km)
{
    const struct gt_airports *a = w->o.ref != NULL ? w->o.ref->airports : NULL;

    return a != NULL ? gt_airports_nearest(a, lat, lon, w->f.air_attach_km, km) : NULL;
}

int gt__watch_flight(struct gt_watch *w, struct ent *e, const struct gt_obs *o, int first_fix)
{
    const struct gt_airport *ap;
    double km = 0;
    int ground = -1, rc = GT_OK, low;

    if (gt__watch_kind_of(&e->id) != KIND_AIR) {
        return GT_OK;
    }
    if (o->flags & GT_OBS_GROUND) {
        ground = o->on_ground != 0;
    }
    ap = airport_near(w, o->lat_deg, o->lon_deg, &km);
    low = (o->flags & GT_OBS_ALT) && ap != NULL && o->alt_ft - ap->elev_ft < w->f.air_low_ft;
    if (ground < 0 && (o->flags & GT_OBS_ALT)) {
        ground = 0; /* an airborne position report */
    }
    if (ground == 1) {
        if (e->air == AIR_AIRBORNE && (e->kinds & GT_ALERT_LANDING)) {
            gt__watch_fstr(&w->fig, "airport", ap != NULL ? ap->ident : "");
            gt__watch_fnum(&w->fig, "airport_km", ap != NULL ? km : NO_NUM, 2);
            gt__watch_fstr(&w->fig, "how", "on_ground");
            rc = gt__watch_alert(w, e, GT_ALERT_LANDING, o->t_ms, &o->prov, &e->prov, e->t_pos,
                                 "last_airborne", NULL, o->lat_deg, o->lon_deg, NULL);
        }
        e->air = AIR_GROUND;
        e->approach = 0;
        gt__watch_cut(e->apt, sizeof e->apt, ap != NULL ? ap->ident : "");
    } else if (ground == 0) {
        if ((e->kinds & GT_ALERT_TAKEOFF) &&
            (e->air == AIR_GROUND || (e->air == AIR_UNKNOWN && first_fix && low))) {
            const char *from =
                e->air == AIR_GROUND && e->apt[0] ? e->apt : (ap != NULL ? ap->ident : "");
            gt__watch_fstr(&w->fig, "airport", from);
            gt__watch_fnum(&w->fig, "airport_km", ap != NULL ? km : NO_NUM, 2);
            gt__watch_fnum(&w->fig, "alt_ft", (o->flags & GT_OBS_ALT) ? (double)o->alt_ft : NO_NUM,
                           0);
            gt__watch_fstr(&w->fig, "how",
                           e->air == AIR_GROUND ? "left_ground" : "first_heard_low");
            rc = gt__watch_alert(w, e, GT_ALERT_TAKEOFF, o->t_ms, &o->prov,
                                 e->air == AIR_GROUND ? &e->prov : NULL, e->t_pos, "last_on_ground",
                                 NULL, o->lat_deg, o->lon_deg, NULL);
        }
        e->air = AIR_AIRBORNE;
        e->approach = (uint8_t)(low && (!(o->flags & GT_OBS_VRATE) || o->vrate_fpm <= 0));
        if (e->approach) {
            gt__watch_cut(e->apt, sizeof e->apt, ap->ident);
        }
    }
    if (o->flags & GT_OBS_ALT) {
        e->alt_ft = o->alt_ft;
    }
    gt__watch_mark_dirty(w, e);
    return rc;
}

int gt__watch_spoof(struct gt_watch *w, struct ent *e, const struct gt_obs *o)
{
    double km, h, kn, max_kn, min_km;
    int air = gt__watch_kind_of(&e->id) == KIND_AIR;

    if (!(e->kinds & GT_ALERT_SPOOF) || !e->have_pos || e->t_pos == GT_TIME_NONE ||
        o->t_ms <= e->t_pos) {
        return GT_OK;
    }
    if (e->spoof_last != GT_TIME_NONE && (double)(o->t_ms - e->spoof_last) < w->f.spoof_repeat_ms) {
        return GT_OK;
    }
    km = gt_geo_fast_km(e->lat, e->lon, o->lat_deg, o->lon_deg);
    h = (double)(o->t_ms - e->t_pos) / 3.6e6;
    kn = km / 1.852 / h;
    if (air) {
        const struct gt_aircraft *a = w->o.ref != NULL && w->o.ref->aircraft != NULL
                                          ? gt_aircraftdb_find(w->o.ref->aircraft, e->id.value)
                                          : NULL;
        max_kn = 2.0 * gt_aircraft_cruise_kn(a != NULL ? a->typecode : NULL);
        min_km = 20.0;
    } else {
        max_kn = w->f.spoof_kn;
        min_km = w->f.spoof_km;
    }
    if (km <= min_km || kn <= max_kn) {
        return GT_OK;
    }
    e->spoof_last = o->t_ms;
    gt__watch_mark_dirty(w, e);
    gt__watch_fstr(&w->fig, "kind", "teleport");
    gt__watch_fnum(&w->fig, "distance_km", km, 1);
    gt__watch_fnum(&w->fig, "implied_speed_kn", kn, 0);
    gt__watch_fnum(&w->fig, "max_speed_kn", max_kn, 0);
    gt__watch_fnum(&w->fig, "from_lat", e->lat, 6);
    gt__watch_fnum(&w->fig, "from_lon", e->lon, 6);
    return gt__watch_alert(w, e, GT_ALERT_SPOOF, o->t_ms, &o->prov, &e->prov, e->t_pos,
                           "last_before", NULL, o->lat_deg, o->lon_deg, NULL);
}
