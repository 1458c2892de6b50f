/*
 * scenario_sea.h - a deterministic generator of maritime scenarios with
 * known truth, for the detector tests (test_sea_scenario.c) and the
 * benchmark.  It builds a struct gt_fleet directly: no decoder, no store.
 *
 * The synthetic world: land south of 10 N (a box from 0 to 10 N, 80 W to
 * 20 W) with ports on its coast, a few small islands, and open sea to the
 * north cut into regions 8 degrees of latitude by 10 of longitude, one
 * scenario element per region so elements do not interfere.  Vessels
 * report every 10 minutes (positions per vessel-day in their cells are
 * far above 10) except the coverage decoys east of 20 W, which are heard
 * every 3 hours and lose coverage for half a day now and then.
 *
 * Harder decoys: a slow steamer at 3 kn, daily five-hour silences, two
 * loiterers 2 km apart, a long gap 30 nm from shore, and sparse reporting
 * in a well-heard cell.
 *
 * Each element appends its expected events to the truth list: type,
 * subject, peer, an interval, and a "kind" (gap: "suspected"/"plain"/"any";
 * spoof: the spoof kind; identity: the field; encounter: "dark"/"visible").
 */
#ifndef GT_SCENARIO_SEA_H
#define GT_SCENARIO_SEA_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "ghosttrack/event.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/land.h"
#include "ghosttrack/ports.h"
#include "ghosttrack/track.h"

#define SC_T0   1704067200000LL /* 2024-01-01T00:00:00Z */
#define SC_H    3600000LL
#define SC_DAYS 5
#define SC_TEND (SC_T0 + SC_DAYS * 24 * SC_H)

struct sc_truth {
    enum gt_event_type type;
    uint32_t subject, peer; /* MMSIs (peer 0 = none) */
    int64_t t0, t1;         /* interval the event must overlap */
    char kind[24];
    int matched;
};

struct sc_world {
    struct gt_fleet fleet;
    struct gt_land *land;
    struct gt_ports *ports;
    struct sc_truth truth[256];
    size_t ntruth;
    uint32_t rng;
    uint64_t offset; /* provenance byte offset counter */
    uint32_t next_mmsi;
    size_t nfail; /* pushes that failed (out of memory, track full) */
};

/* A vessel being moved: where it is, when, and whether it transmits. */
struct sc_cur {
    struct sc_world *w;
    struct gt_ident id;
    int64_t t, step;
    double lat, lon;
    int emit;
    double zig_lon0, zig_lon1; /* zigzag limits */
    int zig_dir;
};

static uint32_t sc_rand(struct sc_world *w)
{
    w->rng = w->rng * 1664525u + 1013904223u;
    return w->rng >> 8;
}

/* Uniform in [a, b). */
static double sc_uni(struct sc_world *w, double a, double b)
{
    return a + (b - a) * (double)sc_rand(w) / 16777216.0;
}

static void sc_truth_add(struct sc_world *w, enum gt_event_type type, uint32_t subject,
                         uint32_t peer, int64_t t0, int64_t t1, const char *kind)
{
    struct sc_truth *t = &w->truth[w->ntruth++];
    memset(t, 0, sizeof *t);
    t->type = type;
    t->subject = subject;
    t->peer = peer;
    t->t0 = t0;
    t->t1 = t1;
    strncpy(t->kind, kind, sizeof t->kind - 1);
}

/* A fresh valid ship MMSI (MIDs of common flags, digits never all equal). */
static uint32_t sc_mmsi(struct sc_world *w)
{
    static const uint32_t mids[] = {636, 538, 351, 311, 229, 248, 477, 563};
    uint32_t k = w->next_mmsi++;
    return mids[k % 8] * 1000000u + 100000u + k * 37u;
}

static void sc_point(struct sc_cur *c, double kn, double course)
{
    struct gt_point p;
    struct gt_track *t;

    if (!c->emit) {
        return;
    }
    memset(&p, 0, sizeof p);
    p.t_ms = c->t;
    p.lat_deg = c->lat;
    p.lon_deg = c->lon;
    p.speed_kn = (float)kn;
    p.course_deg = (float)course;
    p.flags = GT_OBS_POS | GT_OBS_SPEED | GT_OBS_COURSE | GT_OBS_NAVSTAT | GT_OBS_TIME;
    p.rx = (sc_rand(c->w) & 1) ? GT_RX_TERRESTRIAL : GT_RX_SATELLITE;
    p.station_id = 1 + (sc_rand(c->w) & 3);
    p.source_id = 1;
    p.prov.kind = GT_PROV_FILE;
    p.prov.input_id = 1;
    p.prov.pos = c->w->offset;
    c->w->offset += 80;
    t = gt_fleet_track(&c->w->fleet, c->id);
    c->w->nfail += t == NULL;
    if (t != NULL) {
        c->w->nfail += gt_track_push(t, &p) != GT_OK;
    }
}

static void sc_fact(struct sc_world *w, uint32_t mmsi, int64_t t, enum gt_ident_field f,
                    const char *v)
{
    struct gt_ident_obs io;
    memset(&io, 0, sizeof io);
    io.t_ms = t;
    io.id.kind = GT_ID_MMSI;
    io.id.value = mmsi;
    io.field = f;
    strncpy(io.value, v, sizeof io.value - 1);
    io.prov.kind = GT_PROV_FILE;
    io.prov.input_id = 1;
    io.prov.pos = w->offset;
    w->offset += 80;
    w->nfail += gt_fleet_add_fact(&w->fleet, &io) != GT_OK;
}

static void sc_start(struct sc_cur *c, struct sc_world *w, uint32_t mmsi, double lat, double lon,
                     int64_t t)
{
    memset(c, 0, sizeof *c);
    c->w = w;
    c->id.kind = GT_ID_MMSI;
    c->id.value = mmsi;
    c->t = t;
    c->step = 10 * 60000;
    c->lat = lat;
    c->lon = lon;
    c->emit = 1;
    c->zig_lon0 = lon - 0.3;
    c->zig_lon1 = lon + 0.3;
    c->zig_dir = 1;
}

/* Sail straight to (lat, lon) at kn, reporting every step; returns when
 * there (the last report is at the destination or short of it). */
static void sc_sail(struct sc_cur *c, double lat, double lon, double kn)
{
    struct gt_latlon a = {c->lat, c->lon}, b = {lat, lon};
    double dist = gt_geo_distance_m(a, b), v = kn * GT_KN_MS, done = 0;
    double course = gt_geo_bearing_deg(a, b);
    double la0 = c->lat, lo0 = c->lon;

    while (done < dist) {
        double f;
        c->t += c->step;
        done += v * (double)c->step / 1000.0;
        f = done >= dist ? 1.0 : done / dist;
        c->lat = la0 + f * (lat - la0);
        c->lon = lo0 + f * (lon - lo0);
        sc_point(c, kn + sc_uni(c->w, -0.3, 0.3), course);
    }
}

/* Stay near (c->lat, c->lon) until time t1, drifting at ~sog kn within
 * about jitter_m metres. */
static void sc_hold(struct sc_cur *c, int64_t t1, double sog, double jitter_m)
{
    double lat0 = c->lat, lon0 = c->lon, k = jitter_m / 111195.0;
    while (c->t + c->step <= t1) {
        c->t += c->step;
        c->lat = lat0 + sc_uni(c->w, -k, k);
        c->lon = lon0 + sc_uni(c->w, -k, k) / cos(lat0 * 3.14159265358979 / 180.0);
        sc_point(c, fmax(0.0, sog + sc_uni(c->w, -0.1, 0.1)), sc_uni(c->w, 0, 359));
    }
    c->lat = lat0;
    c->lon = lon0;
}

/* Zigzag east-west between the cursor's limits at kn until time t1. */
static void sc_zigzag(struct sc_cur *c, int64_t t1, double kn)
{
    double dlon_step;
    while (c->t + c->step <= t1) {
        dlon_step = kn * GT_KN_MS * (double)c->step / 1000.0 / 111195.0 /
                    cos(c->lat * 3.14159265358979 / 180.0);
        c->t += c->step;
        c->lon += c->zig_dir * dlon_step;
        if (c->lon > c->zig_lon1) {
            c->zig_dir = -1;
        } else if (c->lon < c->zig_lon0) {
            c->zig_dir = 1;
        }
        sc_point(c, kn + sc_uni(c->w, -0.3, 0.3), c->zig_dir > 0 ? 90.0 : 270.0);
    }
}

/* Centre of region r. */
static void sc_region(int r, double *lat, double *lon)
{
    *lat = 14.5 + 8.0 * (double)(r / 6);
    *lon = -77.5 + 10.0 * (double)(r % 6);
}

static void sc_world_release(struct sc_world *w)
{
    gt_fleet_release(&w->fleet);
    gt_land_free(w->land);
    gt_ports_free(w->ports);
}

/* Build the whole scenario; returns 0 on success. */
static int sc_build(struct sc_world *w, uint32_t seed)
{
    struct sc_cur c, d;
    double lat, lon;
    int i;
    uint32_t m, m2;

    memset(w, 0, sizeof *w);
    w->rng = seed;
    gt_fleet_init(&w->fleet, 1u << 20);

    /* land: the southern continent and small islands in regions 26, 27;
     * edges are cut every 0.5 degree so great-circle segments follow the
     * box (a 60-degree edge would bulge north) */
    {
        static struct gt_latlon pts[1024];
        size_t len[3], n = 0;
        double ilat, ilon, x;
        for (x = -80.0; x < -20.0; x += 0.5) {
            pts[n++] = (struct gt_latlon){10.0, x};
        }
        for (x = 10.0; x > 0.0; x -= 0.5) {
            pts[n++] = (struct gt_latlon){x, -20.0};
        }
        for (x = -20.0; x > -80.0; x -= 0.5) {
            pts[n++] = (struct gt_latlon){0.0, x};
        }
        for (x = 0.0; x < 10.0; x += 0.5) {
            pts[n++] = (struct gt_latlon){x, -80.0};
        }
        len[0] = n;
        for (i = 0; i < 2; i++) {
            sc_region(26 + i, &ilat, &ilon);
            pts[n++] = (struct gt_latlon){ilat - 0.1, ilon - 0.5};
            pts[n++] = (struct gt_latlon){ilat + 0.1, ilon - 0.5};
            pts[n++] = (struct gt_latlon){ilat + 0.1, ilon + 0.5};
            pts[n++] = (struct gt_latlon){ilat - 0.1, ilon + 0.5};
            len[1 + i] = 4;
        }
        if (gt_land_from_rings(pts, len, 3, &w->land) != GT_OK) {
            return -1;
        }
    }
    if (gt_ports_new(&w->ports) != GT_OK) {
        return -1;
    }
    for (i = 0; i < 4; i++) {
        char name[16];
        snprintf(name, sizeof name, "PORT %c", 'A' + i);
        if (gt_ports_add(w->ports, "XXX", name, "", 10.0, -75.0 + 10.0 * i) != GT_OK) {
            return -1;
        }
    }
    if (gt_ports_index(w->ports) != GT_OK) {
        return -1;
    }

    /* 1. dark tankers (regions 0-4): a suspected gap each */
    for (i = 0; i < 5; i++) {
        int64_t off, on;
        sc_region(i, &lat, &lon);
        m = sc_mmsi(w);
        sc_start(&c, w, m, lat, lon, SC_T0 + i * 60000);
        sc_zigzag(&c, SC_T0 + 24 * SC_H + i * 4 * SC_H, 10);
        off = c.t;
        c.emit = 0;
        sc_zigzag(&c, off + (20 + 2 * i) * SC_H, 10);
        c.emit = 1;
        on = c.t + c.step;
        sc_zigzag(&c, SC_TEND, 10);
        sc_truth_add(w, GT_EVENT_GAP, m, 0, off, on, "suspected");
    }
    /* 2. a tanker going dark for good 40 h before the end (region 5): an
     * open gap, reported but never suspected (the data ended, and nothing
     * shows that its AIS did; issue #13) */
    sc_region(5, &lat, &lon);
    m = sc_mmsi(w);
    sc_start(&c, w, m, lat, lon, SC_T0);
    sc_zigzag(&c, SC_TEND - 40 * SC_H, 10);
    sc_truth_add(w, GT_EVENT_GAP, m, 0, c.t, SC_TEND, "plain");

    /* 3. visible ship-to-ship meetings (regions 6-8) */
    for (i = 6; i < 9; i++) {
        int64_t ta, tb, tm;
        sc_region(i, &lat, &lon);
        m = sc_mmsi(w);
        m2 = sc_mmsi(w);
        sc_start(&c, w, m, lat + 0.2, lon - 0.2, SC_T0);
        sc_start(&d, w, m2, lat - 0.2, lon + 0.2, SC_T0 + 300000);
        c.zig_lon0 = d.zig_lon0 = lon - 0.3;
        c.zig_lon1 = d.zig_lon1 = lon + 0.3;
        sc_zigzag(&c, SC_T0 + 36 * SC_H, 10);
        sc_zigzag(&d, SC_T0 + 36 * SC_H, 10);
        sc_sail(&c, lat, lon, 10);
        sc_sail(&d, lat, lon + 0.0015, 10);
        ta = c.t;
        tb = d.t;
        tm = (ta > tb ? ta : tb) + 6 * SC_H;
        sc_hold(&c, tm, 0.3, 30);
        sc_hold(&d, tm, 0.3, 30);
        sc_zigzag(&c, SC_TEND, 10);
        sc_zigzag(&d, SC_TEND, 10);
        sc_truth_add(w, GT_EVENT_ENCOUNTER, m, m2, (ta > tb ? ta : tb), tm, "visible");
        sc_truth_add(w, GT_EVENT_LOITER, m, 0, ta, tm, "");
        sc_truth_add(w, GT_EVENT_LOITER, m2, 0, tb, tm, "");
    }

    /* 4. ship-to-ship with a dark partner (regions 9, 10) */
    for (i = 9; i < 11; i++) {
        int64_t off, arrive, leave, on;
        sc_region(i, &lat, &lon);
        m = sc_mmsi(w);  /* visible, loitering */
        m2 = sc_mmsi(w); /* dark */
        sc_start(&d, w, m2, lat, lon - 1.0, SC_T0);
        d.zig_lon0 = lon - 1.3;
        d.zig_lon1 = lon - 0.7;
        sc_zigzag(&d, SC_T0 + 40 * SC_H, 10);
        off = d.t;
        d.emit = 0;
        sc_sail(&d, lat, lon + 0.001, 10);
        arrive = d.t;
        sc_hold(&d, arrive + 8 * SC_H, 0.3, 30);
        leave = d.t;
        sc_sail(&d, lat, lon - 1.0, 10);
        d.emit = 1;
        on = d.t + d.step;
        sc_zigzag(&d, SC_TEND, 10);
        sc_start(&c, w, m, lat + 0.3, lon + 0.2, SC_T0);
        c.zig_lon0 = lon + 0.1;
        c.zig_lon1 = lon + 0.7;
        sc_zigzag(&c, arrive - 4 * SC_H, 10);
        sc_sail(&c, lat, lon, 10);
        sc_hold(&c, leave + 1 * SC_H, 0.4, 30);
        sc_truth_add(w, GT_EVENT_LOITER, m, 0, c.t - 8 * SC_H, c.t, "");
        sc_zigzag(&c, SC_TEND, 10);
        sc_truth_add(w, GT_EVENT_GAP, m2, 0, off, on, "suspected");
        sc_truth_add(w, GT_EVENT_ENCOUNTER, m, m2, arrive, leave, "dark");
    }

    /* 5. lone loiterers (regions 11-14) */
    for (i = 11; i < 15; i++) {
        int64_t t0;
        sc_region(i, &lat, &lon);
        m = sc_mmsi(w);
        sc_start(&c, w, m, lat, lon, SC_T0);
        sc_zigzag(&c, SC_T0 + (30 + 6 * (i - 11)) * SC_H, 10);
        t0 = c.t;
        sc_hold(&c, t0 + 10 * SC_H, 0.8, 200);
        sc_truth_add(w, GT_EVENT_LOITER, m, 0, t0, c.t, "");
        sc_zigzag(&c, SC_TEND, 10);
    }

    /* 6. port calls, and 7. ships at anchor near the same ports (decoys) */
    for (i = 0; i < 4; i++) {
        int64_t t0;
        double plon = -75.0 + 10.0 * i;
        m = sc_mmsi(w);
        sc_start(&c, w, m, 11.0, plon, SC_T0);
        sc_zigzag(&c, SC_T0 + (20 + 5 * i) * SC_H, 10);
        sc_sail(&c, 10.01, plon, 10);
        t0 = c.t;
        sc_hold(&c, t0 + 12 * SC_H, 0.05, 20);
        sc_truth_add(w, GT_EVENT_PORT_CALL, m, 0, t0, c.t, "");
        sc_sail(&c, 11.0, plon, 10);
        sc_zigzag(&c, SC_TEND, 10);
        /* anchored 8 km off, some in pairs 300 m apart */
        m = sc_mmsi(w);
        sc_start(&c, w, m, 10.07, plon + 0.02, SC_T0);
        sc_hold(&c, SC_TEND, 0.1, 60);
        if (i % 2 == 0) {
            m = sc_mmsi(w);
            sc_start(&c, w, m, 10.07, plon + 0.0228, SC_T0 + 120000);
            sc_hold(&c, SC_TEND, 0.1, 60);
        }
    }

    /* 8. ships passing each other at speed (regions 15-17) */
    for (i = 15; i < 18; i++) {
        sc_region(i, &lat, &lon);
        m = sc_mmsi(w);
        m2 = sc_mmsi(w);
        sc_start(&c, w, m, lat, lon - 1.5, SC_T0);
        sc_start(&d, w, m2, lat + 0.001, lon + 1.5, SC_T0);
        c.zig_lon0 = d.zig_lon0 = lon - 1.5;
        c.zig_lon1 = d.zig_lon1 = lon + 1.5;
        d.zig_dir = -1;
        sc_zigzag(&c, SC_TEND, 12);
        sc_zigzag(&d, SC_TEND, 12);
    }

    /* 9. one MMSI on two hulls 300 km apart (regions 18, 19) */
    for (i = 18; i < 20; i++) {
        int64_t t;
        sc_region(i, &lat, &lon);
        m = sc_mmsi(w);
        sc_start(&c, w, m, lat, lon, SC_T0);
        sc_start(&d, w, m, lat, lon + 3.0, SC_T0 + 300000);
        sc_zigzag(&c, SC_TEND, 10);
        sc_zigzag(&d, SC_TEND, 10);
        for (t = SC_T0; t < SC_TEND; t += 6 * SC_H) {
            sc_fact(w, m, t, GT_FIELD_NAME, "NORDIC A");
            sc_fact(w, m, t + 3 * SC_H, GT_FIELD_NAME, "BLUE B");
        }
        sc_truth_add(w, GT_EVENT_SPOOF, m, 0, SC_T0, SC_TEND, "shared_id");
    }

    /* 10. renamed, then re-flagged under a new MMSI (region 20) */
    {
        int64_t t;
        uint32_t a = 636000000u + 123457u, b = 620000000u + 234568u;
        sc_region(20, &lat, &lon);
        sc_start(&c, w, a, lat, lon, SC_T0);
        sc_zigzag(&c, SC_T0 + 60 * SC_H, 10);
        for (t = SC_T0; t < SC_T0 + 60 * SC_H; t += 6 * SC_H) {
            sc_fact(w, a, t, GT_FIELD_NAME, t < SC_T0 + 24 * SC_H ? "OCEAN STAR" : "SEA PEARL");
            sc_fact(w, a, t, GT_FIELD_IMO, "9074729");
            sc_fact(w, a, t, GT_FIELD_CALLSIGN, "A8XY1");
        }
        sc_truth_add(w, GT_EVENT_IDENTITY, a, 0, SC_T0 + 24 * SC_H, SC_T0 + 24 * SC_H, "name");
        sc_truth_add(w, GT_EVENT_GAP, a, 0, c.t, SC_TEND, "any");
        c.id.value = b;
        c.emit = 0;
        sc_zigzag(&c, SC_T0 + 72 * SC_H, 10);
        c.emit = 1;
        sc_zigzag(&c, SC_TEND, 10);
        for (t = SC_T0 + 72 * SC_H; t < SC_TEND; t += 6 * SC_H) {
            sc_fact(w, b, t, GT_FIELD_NAME, "SEA PEARL");
            sc_fact(w, b, t, GT_FIELD_IMO, "9074729");
            sc_fact(w, b, t, GT_FIELD_CALLSIGN, "D6AB2");
        }
        sc_truth_add(w, GT_EVENT_IDENTITY, b, a, SC_T0 + 72 * SC_H, SC_T0 + 73 * SC_H, "mmsi");
        sc_truth_add(w, GT_EVENT_IDENTITY, b, 0, SC_T0 + 72 * SC_H, SC_T0 + 73 * SC_H, "flag");
        /* a new flag brings a new callsign (A8XY1 -> D6AB2) */
        sc_truth_add(w, GT_EVENT_IDENTITY, b, a, SC_T0 + 72 * SC_H, SC_T0 + 73 * SC_H, "callsign");
    }

    /* 11. teleport and return (regions 21, 22) */
    for (i = 21; i < 23; i++) {
        double la0, lo0;
        sc_region(i, &lat, &lon);
        m = sc_mmsi(w);
        sc_start(&c, w, m, lat, lon, SC_T0);
        sc_zigzag(&c, SC_T0 + 48 * SC_H, 10);
        la0 = c.lat;
        lo0 = c.lon;
        c.lat += 3.0;
        c.t += c.step;
        sc_point(&c, 10, 90);
        sc_truth_add(w, GT_EVENT_SPOOF, m, 0, c.t, c.t, "teleport");
        c.lat = la0;
        c.lon = lo0;
        sc_zigzag(&c, SC_TEND, 10);
    }

    /* 12. positions on a circle around a fixed centre (regions 23, 24) */
    for (i = 23; i < 25; i++) {
        int64_t t0;
        int k;
        double clat, clon;
        sc_region(i, &lat, &lon);
        m = sc_mmsi(w);
        sc_start(&c, w, m, lat, lon, SC_T0);
        sc_zigzag(&c, SC_T0 + 48 * SC_H, 10);
        clat = c.lat + 3.0 / 111.195;
        clon = c.lon;
        c.step = 5 * 60000;
        t0 = c.t;
        for (k = 0; k < 90; k++) {
            double a = (double)k * 2.0 * 3.14159265358979 / 18.0;
            c.t += c.step;
            c.lat = clat - 3.0 / 111.195 * cos(a);
            c.lon = clon + 3.0 / 111.195 * sin(a) / cos(clat * 3.14159265358979 / 180.0);
            sc_point(&c, 7.0, fmod(90.0 + a * 180.0 / 3.14159265358979, 360.0));
        }
        sc_truth_add(w, GT_EVENT_SPOOF, m, 0, t0, c.t, "circle");
        c.step = 10 * 60000;
        c.lat = clat - 3.0 / 111.195;
        c.lon = clon;
        sc_zigzag(&c, SC_TEND, 10);
    }

    /* 13. a track across an island (regions 26, 27) */
    for (i = 26; i < 28; i++) {
        int64_t t0;
        sc_region(i, &lat, &lon);
        m = sc_mmsi(w);
        sc_start(&c, w, m, lat + 0.3, lon, SC_T0);
        sc_zigzag(&c, SC_T0 + 50 * SC_H, 10);
        t0 = c.t;
        sc_sail(&c, lat - 0.3, c.lon, 10);
        sc_truth_add(w, GT_EVENT_SPOOF, m, 0, t0, c.t, "on_land");
        sc_zigzag(&c, SC_TEND, 10);
    }

    /* 14. invalid identities (region 28): a placeholder MMSI; a ship whose
     * IMO field fails the check digit is no spoof (national and ENI
     * numbers sit in that field; issue #13), so it has no truth */
    sc_region(28, &lat, &lon);
    m = 412000000u;
    sc_start(&c, w, m, lat, lon, SC_T0);
    sc_zigzag(&c, SC_TEND, 10);
    sc_truth_add(w, GT_EVENT_SPOOF, m, 0, SC_T0, SC_TEND, "invalid_id");
    m = sc_mmsi(w);
    sc_start(&c, w, m, lat + 1.0, lon, SC_T0);
    sc_zigzag(&c, SC_TEND, 10);
    sc_fact(w, m, SC_T0 + 5 * SC_H, GT_FIELD_IMO, "1234568");

    /* 15. coverage decoys east of 20 W: heard every 3 h, with half-day
     * holes in coverage; their gaps are real but never suspected */
    for (i = 0; i < 6; i++) {
        int64_t hole;
        m = sc_mmsi(w);
        sc_start(&c, w, m, 32.5 + (double)(i % 3) * 2.0, -17.5 + (double)(i / 3) * 3.0, SC_T0);
        c.step = 3 * SC_H;
        hole = SC_T0 + (30 + 7 * i) * SC_H;
        sc_zigzag(&c, hole, 10);
        {
            int64_t off = c.t;
            c.emit = 0;
            sc_zigzag(&c, off + (10 + i) * SC_H, 10);
            c.emit = 1;
            sc_truth_add(w, GT_EVENT_GAP, m, 0, off, c.t + c.step, "plain");
        }
        sc_zigzag(&c, SC_TEND, 10);
    }

    /* 17. harder decoys */
    /* a slow steamer at 3 kn (no loiter: hourly means stay above 2 kn) */
    sc_region(30, &lat, &lon);
    m = sc_mmsi(w);
    sc_start(&c, w, m, lat, lon, SC_T0);
    sc_zigzag(&c, SC_TEND, 3);
    /* five-hour silences every day: below gap.min_hours */
    sc_region(31, &lat, &lon);
    m = sc_mmsi(w);
    sc_start(&c, w, m, lat, lon, SC_T0);
    for (i = 1; i < SC_DAYS; i++) {
        sc_zigzag(&c, SC_T0 + i * 24 * SC_H, 10);
        c.emit = 0;
        sc_zigzag(&c, c.t + 5 * SC_H - c.step, 10);
        c.emit = 1;
    }
    sc_zigzag(&c, SC_TEND, 10);
    /* two ships loitering 2 km apart: two loiters, no encounter */
    sc_region(32, &lat, &lon);
    m = sc_mmsi(w);
    m2 = sc_mmsi(w);
    sc_start(&c, w, m, lat, lon, SC_T0);
    sc_start(&d, w, m2, lat, lon + 0.024, SC_T0 + 60000);
    sc_hold(&c, SC_T0 + 30 * SC_H, 0.4, 30);
    sc_hold(&d, SC_T0 + 30 * SC_H, 0.4, 30);
    sc_truth_add(w, GT_EVENT_LOITER, m, 0, SC_T0, SC_T0 + 30 * SC_H, "");
    sc_truth_add(w, GT_EVENT_LOITER, m2, 0, SC_T0, SC_T0 + 30 * SC_H, "");
    sc_zigzag(&c, SC_TEND, 10);
    sc_zigzag(&d, SC_TEND, 10);
    /* a long gap close to shore (30 nm): a gap, never suspected */
    m = sc_mmsi(w);
    sc_start(&c, w, m, 10.5, -70.0, SC_T0);
    {
        int64_t off;
        sc_zigzag(&c, SC_T0 + 40 * SC_H, 10);
        off = c.t;
        c.emit = 0;
        sc_zigzag(&c, off + 16 * SC_H, 10);
        c.emit = 1;
        sc_truth_add(w, GT_EVENT_GAP, m, 0, off, c.t + c.step, "plain");
        sc_zigzag(&c, SC_TEND, 10);
    }
    /* sparse reporting in a well-heard cell (a dark tanker's): a 14 h gap
     * with too few positions before it to be suspected */
    sc_region(0, &lat, &lon);
    m = sc_mmsi(w);
    sc_start(&c, w, m, lat + 0.2, lon, SC_T0);
    c.step = 2 * SC_H;
    {
        int64_t off;
        sc_zigzag(&c, SC_T0 + 60 * SC_H, 10);
        off = c.t;
        c.emit = 0;
        sc_zigzag(&c, off + 14 * SC_H, 10);
        c.emit = 1;
        sc_truth_add(w, GT_EVENT_GAP, m, 0, off, c.t + c.step, "plain");
        sc_zigzag(&c, SC_TEND, 10);
    }

    /* 16. ordinary traffic (region 29) */
    for (i = 0; i < 3; i++) {
        sc_region(29, &lat, &lon);
        m = sc_mmsi(w);
        sc_start(&c, w, m, lat + 0.5 * i, lon, SC_T0);
        sc_zigzag(&c, SC_TEND, 11);
    }
    gt_fleet_sort(&w->fleet);
    return w->nfail ? -1 : 0;
}

#endif /* GT_SCENARIO_SEA_H */
