/*
 * air_identity.c - the "air_identity" detector: identity changes of one
 * airframe and addresses in no registry.
 *
 * Practice followed: investigators' cross-checks of transponder data
 * against registries (the OpenSky / ADS-B Exchange aircraft databases, and
 * the FAA's privacy programmes PIA and LADD): an airframe that broadcasts
 * a registration the database files under another ICAO address, a
 * registration that changes under one address, a callsign that changes in
 * mid-air, and an address that no registry knows (possibly a privacy or
 * spoofed address) are each worth a look.
 *
 * Rules, per ICAO identity, over its identity facts (time-sorted):
 *   - field "registration": a registration fact different from the
 *     previous one;
 *   - field "icao": a registration fact that the aircraft database
 *     (ref->aircraft) files under a different address (old = the
 *     database's address, new = this one);
 *   - field "callsign": a callsign fact different from the previous one
 *     while the aircraft was airborne (fixes within callsign_window_min
 *     on both sides, none on the ground) and in the same flight as the
 *     previous callsign's last sighting (no fix on the ground and no
 *     silence that ends a flight in between); changes between flights,
 *     heard or after an unheard landing, are the normal life of an
 *     airliner and are not reported;
 *   - field "registry": with a database loaded, an address it does not
 *     list (score 0.3: databases are incomplete), once per aircraft.
 */
#include <string.h>

#include "detect_int.h"
#include "ghosttrack/aircraftdb.h"
#include "ghosttrack/esc.h"

/* Append "key":"text" (escaped) or "key":null. */
static int add_str(struct gt_buf *b, const char *key, const char *s, int comma)
{
    int rc = gt_buf_addf(b, "%s\"%s\":", comma ? "," : "", key);
    if (rc == GT_OK) {
        rc = s ? gt_esc_json(b, s, strlen(s)) : gt_buf_addstr(b, "null");
    }
    return rc;
}

/* One changed field: old and new values (NULL: none). */
struct chg {
    const char *field, *old_v, *new_v;
};

/* Append "field":{"new":...,"old":...}. */
static int add_chg(struct gt_buf *b, const struct chg *c, int comma)
{
    int rc = gt_buf_addf(b, "%s\"%s\":{", comma ? "," : "", c->field);
    if (rc == GT_OK) {
        rc = add_str(b, "new", c->new_v, 0);
    }
    if (rc == GT_OK) {
        rc = add_str(b, "old", c->old_v, 1);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(b, "}");
    }
    return rc;
}

/* Emit one identity event at t_ms for the n changes c (c[0] the main one,
 * the others sorted by name): detail {"field","new","old"} of c[0], and
 * with several changes also "changes" (every field's old and new) and
 * "fields" (their names): one finding, one event.  Values are escaped
 * (they come from the air or from the database). */
static int emit_identity(struct gt_ident id, int64_t t_ms, const struct gt_prov *prov,
                         uint32_t station, const struct chg *c, size_t n, double score,
                         gt_event_fn *emit, void *ud)
{
    struct gt_event e;
    const struct chg *byname[4];
    size_t i, k;
    int rc;

    gt_event_init(&e, GT_EVENT_IDENTITY);
    e.subject = id;
    e.start_ms = t_ms;
    e.end_ms = t_ms;
    e.score = score;
    n = n > 4 ? 4 : n;
    for (i = 0; i < n; i++) { /* insertion sort by field name */
        byname[i] = &c[i];
        for (k = i; k > 0 && strcmp(byname[k - 1]->field, byname[k]->field) > 0; k--) {
            const struct chg *tmp = byname[k];
            byname[k] = byname[k - 1];
            byname[k - 1] = tmp;
        }
    }
    rc = gt_buf_addstr(&e.detail, "{");
    if (rc == GT_OK && n > 1) {
        rc = gt_buf_addstr(&e.detail, "\"changes\":{");
        for (i = 0; i < n && rc == GT_OK; i++) {
            rc = add_chg(&e.detail, byname[i], i > 0);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(&e.detail, "},");
        }
    }
    if (rc == GT_OK) {
        rc = add_str(&e.detail, "field", c[0].field, 0);
    }
    if (rc == GT_OK && n > 1) {
        rc = gt_buf_addstr(&e.detail, ",\"fields\":[");
        for (i = 0; i < n && rc == GT_OK; i++) {
            rc = gt_buf_addf(&e.detail, "%s\"%s\"", i ? "," : "", byname[i]->field);
        }
        if (rc == GT_OK) {
            rc = gt_buf_addstr(&e.detail, "]");
        }
    }
    if (rc == GT_OK) {
        rc = add_str(&e.detail, "new", c[0].new_v, 1);
    }
    if (rc == GT_OK) {
        rc = add_str(&e.detail, "old", c[0].old_v, 1);
    }
    if (rc == GT_OK) {
        rc = gt_buf_addstr(&e.detail, "}");
    }
    if (rc == GT_OK) {
        if (prov != NULL) {
            (void)gt_event_add_evidence(&e, prov, station, t_ms, "fix");
        }
    }
    return gt_event_emit(&e, rc, emit, ud);
}

/* Is the address one the aircraft database does not list (and the
 * "registry" rule on)? */
static int unregistered(const struct gt_aircraftdb *db, int unreg, const struct gt_track *t)
{
    return db != NULL && unreg && t != NULL && t->id.kind == GT_ID_ICAO && t->n > 0 &&
           gt_aircraftdb_find(db, t->id.value) == NULL;
}

/* Was the aircraft airborne around t (fixes within w_s strictly before and
 * after it, none of them on the ground)? */
static int airborne_at(const struct gt_track *t, int64_t t_ms, double w_s,
                       const struct gt_flight_params *p)
{
    size_t lo = 0, hi, k;
    int before = 0, after = 0;

    if (t == NULL) {
        return 0;
    }
    hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (gt__air_dt_s(t->pts[mid].t_ms, t_ms) > w_s) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    for (k = lo; k < t->n && gt__air_dt_s(t_ms, t->pts[k].t_ms) <= w_s; k++) {
        if (gt__air_on_ground(&t->pts[k], p)) {
            return 0;
        }
        /* strictly before and after: the fix that carries the new
         * callsign is no witness that the aircraft was already flying
         * (the first fix after a silence of hours is a take-off) */
        before |= t->pts[k].t_ms < t_ms;
        after |= t->pts[k].t_ms > t_ms;
    }
    return before && after;
}

/* Did the aircraft fly on, in one flight, from from_ms to to_ms: no fix on
 * the ground and no silence that ends a flight (the flight segmentation's
 * gt__air_split) from the last fix at or before from_ms to the first at or
 * after to_ms?  A landing, heard or not, starts a new flight, and a new
 * flight number then is a new flight, not an identity change. */
static int one_flight(const struct gt_track *t, int64_t from_ms, int64_t to_ms,
                      const struct gt_flight_params *p)
{
    size_t lo, k;

    if (t == NULL || t->n == 0) {
        return 0;
    }
    lo = gt_track_at_or_after(t, from_ms);
    if (lo > 0 && (lo == t->n || t->pts[lo].t_ms > from_ms)) {
        lo--;
    }
    for (k = lo; k < t->n; k++) {
        if (gt__air_on_ground(&t->pts[k], p) ||
            (k > lo && gt__air_split(&t->pts[k - 1], &t->pts[k], p))) {
            return 0;
        }
        if (t->pts[k].t_ms >= to_ms) {
            break;
        }
    }
    return 1;
}

/* The "air_identity" detector: facts are sorted by identity then time, so
 * each aircraft's facts form one run [i, end) walked in time order. */
int gt__detect_air_identity(const struct gt_detect_input *in, gt_event_fn *emit, void *ud)
{
    const struct gt_fleet *f = in->fleet;
    const struct gt_aircraftdb *db = in->ref ? in->ref->aircraft : NULL;
    double w_s = 60.0 * gt_params_num(in->params, "air_identity.callsign_window_min", 10);
    int unreg = gt_params_num(in->params, "air_identity.unregistered", 1) > 0.5;
    struct gt_flight_params p;
    size_t i, k;
    int rc = GT_OK;

    gt_flight_params_init(&p, in->params);
    for (i = 0; i < f->nfacts && rc == GT_OK;) {
        struct gt_ident id = f->facts[i].id;
        const struct gt_track *t = gt_fleet_find(f, id);
        const char *reg = NULL, *cs = NULL;
        int64_t cs_ms = 0;
        int registry_open = unregistered(db, unreg, t);
        size_t end = i;
        while (end < f->nfacts && f->facts[end].id.kind == id.kind &&
               f->facts[end].id.value == id.value && f->facts[end].id.flags == id.flags) {
            end++;
        }
        for (k = i; k < end && rc == GT_OK && id.kind == GT_ID_ICAO; k++) {
            const struct gt_ident_obs *io = &f->facts[k];
            if (io->field == GT_FIELD_REGISTRATION && io->value[0]) {
                const struct gt_aircraft *ac = gt_aircraftdb_find_reg(db, io->value);
                char old_id[GT_IDENT_MAX], new_id[GT_IDENT_MAX];
                struct chg c[3];
                size_t nc = 0;
                int changed = reg != NULL && strcmp(reg, io->value) != 0;
                /* one registration fact is one finding: a registration
                 * the database files under another address, the change
                 * of registration it is, and (once) the address being in
                 * no registry are listed in one event */
                if (ac != NULL && ac->icao24 != id.value && (reg == NULL || changed)) {
                    struct gt_ident dbid = {GT_ID_ICAO, ac->icao24, 0};
                    (void)gt_ident_format(&dbid, old_id, sizeof old_id);
                    (void)gt_ident_format(&id, new_id, sizeof new_id);
                    c[nc++] = (struct chg){"icao", old_id, new_id};
                    if (registry_open) {
                        c[nc++] = (struct chg){"registry", NULL, "unregistered"};
                        registry_open = 0;
                    }
                }
                if (changed) {
                    c[nc++] = (struct chg){"registration", reg, io->value};
                }
                if (nc > 0) {
                    rc = emit_identity(id, io->t_ms, &io->prov, io->station_id, c, nc,
                                       strcmp(c[0].field, "icao") == 0 ? 0.8 : 0.7, emit, ud);
                }
                reg = io->value;
            } else if (io->field == GT_FIELD_CALLSIGN && io->value[0]) {
                if (cs != NULL && strcmp(cs, io->value) != 0 && airborne_at(t, io->t_ms, w_s, &p) &&
                    one_flight(t, cs_ms, io->t_ms, &p)) {
                    struct chg c = {"callsign", cs, io->value};
                    rc = emit_identity(id, io->t_ms, &io->prov, io->station_id, &c, 1, 0.6, emit,
                                       ud);
                }
                cs = io->value;
                cs_ms = io->t_ms;
            }
        }
        if (rc == GT_OK && registry_open && id.kind == GT_ID_ICAO) {
            /* in no registry, and no registration claim to list it with */
            struct chg c = {"registry", NULL, "unregistered"};
            rc = emit_identity(t->id, t->pts[0].t_ms, &t->pts[0].prov, t->pts[0].station_id, &c, 1,
                               0.3, emit, ud);
        }
        i = end;
    }
    /* aircraft without any identity fact */
    for (i = 0; i < f->n && rc == GT_OK; i++) {
        const struct gt_track *t = &f->tracks[i];
        size_t lo = 0, hi = f->nfacts;
        while (lo < hi) { /* facts are sorted by identity: any for t? */
            size_t mid = lo + (hi - lo) / 2;
            const struct gt_ident *x = &f->facts[mid].id;
            int less = x->kind != t->id.kind     ? x->kind < t->id.kind
                       : x->value != t->id.value ? x->value < t->id.value
                                                 : x->flags < t->id.flags;
            if (less) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo < f->nfacts && f->facts[lo].id.kind == t->id.kind &&
            f->facts[lo].id.value == t->id.value && f->facts[lo].id.flags == t->id.flags) {
            continue; /* handled with its facts */
        }
        if (unregistered(db, unreg, t)) {
            struct chg c = {"registry", NULL, "unregistered"};
            rc = emit_identity(t->id, t->pts[0].t_ms, &t->pts[0].prov, t->pts[0].station_id, &c, 1,
                               0.3, emit, ud);
        }
    }
    return rc;
}
