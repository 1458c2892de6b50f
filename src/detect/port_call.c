/*
 * port_call.c - the "port_call" detector: visits to ports and anchorages
 * (event type `port_call`).
 *
 * After Global Fishing Watch's anchorages pipeline: a hull enters a port
 * when it comes within port.enter_km (3 km) of a port of the reference and
 * leaves when it is more than port.leave_km (4 km) from it (hysteresis, so
 * a ship on the boundary does not make a string of calls).  A visit counts
 * as a call only if the ship stopped: some position inside with speed
 * below port.stop_kn (0.2 kn), which keeps ships steaming past a harbour
 * out.  A visit
 * still going on at the last position is emitted with "open": true.
 * Without a ports reference the detector emits nothing.
 */
#include <math.h>
#include <string.h>

#include "detect_int.h"
#include "ghosttrack/esc.h"
#include "ghosttrack/geo.h"

/* Speed at hull point k for the stop test: reported, else implied. */
static double speed_at(const struct gt__hull *h, size_t k)
{
    const struct gt_point *p = gt__hull_pt(h, k);
    if ((p->flags & GT_OBS_SPEED) && !gt_segment_invalid_speed(p->speed_kn)) {
        return (double)p->speed_kn;
    }
    if (k > 0) {
        const struct gt_point *q = gt__hull_pt(h, k - 1);
        if (p->t_ms - q->t_ms >= 300000) {
            return gt_geo_fast_km(q->lat_deg, q->lon_deg, p->lat_deg, p->lon_deg) / 1.852 /
                   gt__hours(p->t_ms - q->t_ms);
        }
    }
    return HUGE_VAL;
}

/* Emit one port call of hull h at port, from point k0 to k1; the event is
 * positioned at the port, and the port's names (from a file, so untrusted)
 * are escaped. */
static int emit_call(const struct gt__hull *h, const struct gt_port *port, size_t k0, size_t k1,
                     double stopped_h, int open, gt_event_fn *emit, void *ud)
{
    struct gt_event e;
    const struct gt_point *a = gt__hull_pt(h, k0), *b = gt__hull_pt(h, k1);
    struct gt_latlon pp = {port->lat_deg, port->lon_deg};
    struct gt_latlon pa = {a->lat_deg, a->lon_deg};

    gt_event_init(&e, GT_EVENT_PORT_CALL);
    e.subject = h->t->id;
    e.start_ms = a->t_ms;
    e.end_ms = b->t_ms;
    e.lat_deg = port->lat_deg;
    e.lon_deg = port->lon_deg;
    e.has_pos = 1;
    e.score = 0.6 + 0.4 * gt__unit(stopped_h / 12.0);
    gt__evidence(&e, a, "enter");
    gt__evidence(&e, b, open ? "last" : "leave");
    gt_buf_addstr(&e.detail, "{");
    gt__json_num(&e.detail, "enter_distance_km", gt_geo_distance_m(pa, pp) / 1000.0, 3, 0);
    gt__json_num(&e.detail, "hours", gt__hours(b->t_ms - a->t_ms), 3, 1);
    gt_buf_addstr(&e.detail, ",\"iso3\":");
    gt_esc_json(&e.detail, port->iso3, strlen(port->iso3));
    gt_buf_addf(&e.detail, ",\"open\":%s,\"port\":", open ? "true" : "false");
    gt_esc_json(&e.detail, port->label, strlen(port->label));
    gt__json_num(&e.detail, "stopped_hours", stopped_h, 3, 1);
    gt_buf_addstr(&e.detail, ",\"sublabel\":");
    gt_esc_json(&e.detail, port->sublabel, strlen(port->sublabel));
    gt_buf_addstr(&e.detail, "}");
    return gt_event_emit(&e, gt_buf_error(&e.detail), emit, ud);
}

/* Entry point of the "port_call" detector. */
int gt__detect_port_call(const struct gt_detect_input *in, gt_event_fn *emit, void *ud)
{
    struct gt__sea s;
    double enter_km, leave_km, stop_kn;
    size_t hi;
    int rc = gt__sea_init(&s, in);

    if (rc != GT_OK || s.ports == NULL) {
        gt__sea_release(&s);
        return rc;
    }
    enter_km = gt__sea_num(&s, "port.enter_km", 3);
    leave_km = gt__sea_num(&s, "port.leave_km", 4);
    stop_kn = gt__sea_num(&s, "port.stop_kn", 0.2);
    for (hi = 0; rc == GT_OK && hi < s.nhulls; hi++) {
        const struct gt__hull *h = &s.hulls[hi];
        const struct gt_port *port = NULL;
        size_t k, k0 = 0, klast = 0;
        double stopped_h = 0;
        int stopped = 0;
        /* A small state machine per hull: outside any port, look for the
         * nearest port within port.enter_km; inside, stay with that port
         * until farther than port.leave_km, adding up stopped time. */
        for (k = 0; rc == GT_OK && k < h->n; k++) {
            const struct gt_point *p = gt__hull_pt(h, k);
            double d;
            if (port == NULL) {
                port = gt_ports_nearest(s.ports, p->lat_deg, p->lon_deg, enter_km, &d);
                if (port != NULL) {
                    k0 = klast = k;
                    stopped_h = 0;
                    stopped = speed_at(h, k) < stop_kn;
                }
                continue;
            }
            {
                struct gt_latlon a = {p->lat_deg, p->lon_deg}, b = {port->lat_deg, port->lon_deg};
                d = gt_geo_distance_m(a, b) / 1000.0;
            }
            /* Left the port (hysteresis: leave_km > enter_km). */
            if (d > leave_km) {
                if (stopped) {
                    rc = emit_call(h, port, k0, klast, stopped_h, 0, emit, ud);
                }
                port = NULL;
                k--; /* this point may enter another port */
                continue;
            }
            if (speed_at(h, k) < stop_kn) {
                stopped_h += stopped ? gt__hours(p->t_ms - gt__hull_pt(h, klast)->t_ms) : 0.0;
                stopped = 1;
            }
            klast = k;
        }
        /* Still in port at the hull's last position: an open call. */
        if (rc == GT_OK && port != NULL && stopped) {
            rc = emit_call(h, port, k0, klast, stopped_h, 1, emit, ud);
        }
    }
    gt__sea_release(&s);
    return rc < 0 ? rc : GT_OK;
}
