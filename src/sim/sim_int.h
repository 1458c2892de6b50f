/*
 * sim_int.h - private to src/sim: the scenario description language
 * shared by the simulator engine (sim.c, sea.c, air.c, truth.c) and the
 * bundled scenarios (venezuela.c), and the engine's own shared state.
 *
 * A scenario is plain data: receiving stations, coverage holes, airports,
 * vessels with a script of steps (sail to, hold, transponder off/on, change
 * identity, spoof positions), flights with their airports and flags, and
 * the encounters it stages.  The engine turns it into records and derives
 * truth.json from what the receivers actually heard.
 */
#ifndef GT_SIM_INT_H
#define GT_SIM_INT_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/err.h"
#include "ghosttrack/geo.h"
#include "ghosttrack/sim.h"

/* One step of a vessel's script.  Times are hours, speeds knots. */
enum sim_step_kind {
    SIM_GO,           /* sail to (a = lat, b = lon) at c knots */
    SIM_HOLD,         /* stay for a hours with nav status b; label = port name or NULL at sea */
    SIM_OFF,          /* switch the AIS transponder off */
    SIM_ON,           /* switch it back on */
    SIM_IDENT,        /* from now on transmit identity number a (0..SIM_MAX_IDS-1) */
    SIM_SPOOF_CIRCLE, /* report positions on a circle (a, b) of radius c nm instead of the truth */
    SIM_SPOOF_END,    /* report true positions again */
    SIM_JUMP,         /* the next report claims position (a, b): a teleport */
    SIM_END           /* end of script */
};

struct sim_step {
    enum sim_step_kind kind;
    double a, b, c;
    const char *label;
};

#define SIM_MAX_IDS   3
#define SIM_MAX_STEPS 40

/* One identity a vessel transmits. */
struct sim_vid {
    uint32_t mmsi;
    uint32_t imo;         /* 0: none */
    const char *name;     /* as sent in AIS (upper case, <= 20 characters) */
    const char *callsign; /* <= 7 characters */
    const char *flag;     /* ISO 3166 alpha-2 of the flag state (from the MID) */
    const char *mc_name;  /* name in MarineCadastre CSV when it differs (8-bit text) */
};

struct sim_vessel {
    const char *role;   /* what the vessel is for, written to truth.json */
    char cls;           /* 'A' or 'B' */
    unsigned ship_type; /* AIS ship type code */
    unsigned length_m, beam_m;
    double draught_m;
    const char *destination;
    double start_h;  /* hours after the scenario start when the script begins */
    double lat, lon; /* where it begins */
    struct sim_vid id[SIM_MAX_IDS];
    struct sim_step steps[SIM_MAX_STEPS]; /* ends with SIM_END */
};

/* An AIS receiving station: terrestrial with a range, or satellite. */
struct sim_station {
    const char *name; /* tag block s: value */
    double lat, lon;
    double range_nm; /* terrestrial reception radius; 0 for a satellite */
    double p;        /* probability that one report in range is received */
};

/* A box where no AIS receiver hears anything (a coverage hole). */
struct sim_box {
    double s, w, n, e;
};

struct sim_airport {
    const char *icao;
    double lat, lon;
};

/* A Mode S / ADS-B receiver: hears aircraft within its radio horizon. */
struct sim_receiver {
    double lat, lon;
    int own; /* 1: part of the raw Mode S network (Caribbean) */
};

struct sim_flight {
    uint32_t icao24;
    const char *callsign;
    const char *from, *to; /* airport ICAO codes */
    double dep_h;          /* off-block time, hours after the scenario start */
    int cruise_ft;
    int cruise_kt;
    int dark; /* 1: transponder off for the whole leg */
    int fr24; /* 1: present in the Flightradar24 source */
    const char *squawk;
};

struct sim_aircraft {
    uint32_t icao24;
    const char *registration;
    const char *typecode;
    const char *operator_name;
    const char *role;
};

/* An encounter the scenario stages between vessels va and vb (indices);
 * dark: vb is in a suspected gap while va loiters. */
struct sim_encounter {
    size_t va, vb;
    int dark;
};

/* A decoy that is not derived automatically (e.g. an anchorage pair). */
struct sim_decoy {
    const char *type; /* event type it imitates */
    size_t va, vb;    /* vessels (vb == va when single) */
    const char *why;
};

struct sim_scenario {
    const char *name;
    const char *summary;
    const char *description; /* paragraph for README.txt */
    int64_t start_ms, end_ms;
    const struct sim_station *stations;
    size_t nstations;
    const struct sim_box *holes;
    size_t nholes;
    const struct sim_box *mc_box; /* MarineCadastre (US waters) coverage */
    const struct sim_airport *airports;
    size_t nairports;
    const struct sim_receiver *receivers;
    size_t nreceivers;
    const struct sim_vessel *vessels;
    size_t nvessels;
    const struct sim_aircraft *aircraft;
    size_t naircraft;
    const struct sim_flight *flights;
    size_t nflights;
    const struct sim_encounter *encounters;
    size_t nencounters;
    const struct sim_decoy *decoys;
    size_t ndecoys;
};

/* The bundled scenarios (venezuela.c). */
extern const struct sim_scenario gt__sim_venezuela;
extern const struct sim_scenario gt__sim_sts_mini;

/* ---- the engine's shared state (sim.c, sea.c, air.c, truth.c) ---------- */

#define FILE_MAX     ((size_t)512 << 20) /* bytes per generated file */
#define GAP_MIN_S    (6 * 3600)          /* raw AIS gap threshold (GFW) */
#define MAX_STATIONS 16

/* ---------------------------------------------------------------------- */
/* splitmix64 (Steele, Lea and Flood 2014): tiny, fast, good enough here. */

struct rng {
    uint64_t s;
};

static inline uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static inline double rng_unit(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static inline double rng_range(struct rng *r, double lo, double hi)
{
    return lo + (hi - lo) * rng_unit(r);
}

static inline void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
    r->s = seed * 0x9E3779B97F4A7C15ull ^ (stream + 1) * 0xD1B54A32D192ED03ull;
    (void)rng_next(r);
}

/* ---------------------------------------------------------------------- */
/* Small conversions with their casts in one place. */

static inline int64_t ms_of_h(double h)
{
    return (int64_t)llround(h * 3600000.0);
}

static inline int64_t ms_of_s(double s)
{
    return (int64_t)llround(s * 1000.0);
}

static inline double s_of_ms(int64_t ms)
{
    return (double)ms / 1000.0;
}

static inline unsigned utc_second(int64_t t_ms)
{
    return (unsigned)((t_ms / 1000) % 60);
}

static inline int iround(double x)
{
    return (int)lround(x);
}

static inline struct gt_latlon ll(double lat, double lon)
{
    struct gt_latlon p = {lat, lon};
    return p;
}

/* ---------------------------------------------------------------------- */
/* Records: lines of one output file, sorted by time before writing. */

struct rec {
    int64_t t_ms;
    uint64_t seq; /* insertion order: the tie-break that keeps sorting stable */
    size_t off, len;
};

struct recset {
    struct gt_buf text;
    struct rec *r;
    size_t n, cap;
};

/* Truth events. */

struct truth {
    char type[16];
    char subject[32];
    char peer[32];
    int64_t start_ms, end_ms;
    double lat, lon;
    int has_pos;
    int decoy;
    char why[160];
    char detail[640]; /* JSON object members, without braces, keys sorted */
};

struct truthset {
    struct truth *t;
    size_t n, cap;
};

static inline void id_mmsi(char *out, size_t n, uint32_t mmsi)
{
    snprintf(out, n, "mmsi:%09u", mmsi);
}

static inline void id_icao(char *out, size_t n, uint32_t icao)
{
    snprintf(out, n, "icao:%06x", icao);
}

/* Vessel scripts expanded into timed segments and marks (sea.c). */

struct seg {
    int64_t t0, t1;
    struct gt_latlon p0, p1;
    int hold;
    double kn;
    unsigned status;
    const char *port;
};

struct mark {
    int64_t t_ms;
    const struct sim_step *st;
};

struct plan {
    struct seg seg[SIM_MAX_STEPS];
    size_t nseg;
    struct mark mark[SIM_MAX_STEPS];
    size_t nmark;
};

struct heard_fix {
    int64_t t_ms;
    double lat, lon;
};

struct vrun {
    struct heard_fix *fix; /* heard (in NMEA) reports, in time order */
    size_t nfix, cap;
    int64_t spoof_first, spoof_last; /* heard spoofed reports */
    struct gt_latlon spoof_centre;
    double spoof_radius_nm;
    int64_t static_seen[SIM_MAX_IDS]; /* first heard static report of each identity (0: none) */
};

struct sim {
    const struct sim_scenario *sc;
    uint64_t seed;
    struct recset ais, mc, osky, modes;
    struct truthset truth;
    struct vrun *vr;
    unsigned seqid;
};

/* sim.c */
int gt__sim_recset_mark(struct recset *s, int64_t t_ms, size_t off);
int gt__sim_recset_emit(struct recset *s, const char *header, struct gt_buf *out);
struct truth *gt__sim_truth_add(struct truthset *ts);
void gt__sim_det(struct truth *t, const char *fmt, ...) GT_PRINTF(2, 3);

/* sea.c */
void gt__sim_plan_vessel(const struct sim_vessel *v, int64_t t0, struct plan *p);
int gt__sim_vessel_run(struct sim *sm, size_t vi, const struct plan *pl);
int gt__sim_truth_gaps(struct sim *sm, size_t vi, const struct plan *pl);
int gt__sim_truth_holds(struct sim *sm, size_t vi, const struct plan *pl);
int gt__sim_truth_identity(struct sim *sm, size_t vi, const struct plan *pl);
int gt__sim_truth_encounters(struct sim *sm, const struct plan *pls);
int gt__sim_truth_spoofs(struct sim *sm);

/* air.c */
int gt__sim_flight_run(struct sim *sm, size_t fi, gt_sim_write_fn *write, void *ud);

/* truth.c */
int gt__sim_write_recs(struct recset *s, const char *name, const char *header,
                       gt_sim_write_fn *write, void *ud);
int gt__sim_write_aircraft_db(const struct sim_scenario *sc, gt_sim_write_fn *write, void *ud);
int gt__sim_write_truth(struct sim *sm, gt_sim_write_fn *write, void *ud);
int gt__sim_write_readme(const struct sim *sm, gt_sim_write_fn *write, void *ud);

#endif /* GT_SIM_INT_H */
