/*
 * sim_int.h - private to src/sim: the scenario description language
 * shared by the simulator engine (simulate.c) and the bundled scenarios
 * (simulate_venezuela.c).
 *
 * A scenario is plain data: receiving stations, coverage holes, airports,
 * vessels with a script of steps (sail to, hold, transponder off/on, change
 * identity, spoof positions), flights with their airports and flags, and
 * the encounters it stages.  The engine turns it into records and derives
 * truth.json from what the receivers actually heard.
 */
#ifndef GT_SIMULATE_INT_H
#define GT_SIMULATE_INT_H

#include <stddef.h>
#include <stdint.h>

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

/* The bundled scenarios (simulate_venezuela.c). */
extern const struct sim_scenario gt__sim_venezuela;
extern const struct sim_scenario gt__sim_sts_mini;

#endif /* GT_SIMULATE_INT_H */
