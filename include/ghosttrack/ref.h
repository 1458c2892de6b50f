/*
 * ref.h - reference data the detectors consult: ports, land, airports, the
 * aircraft database.
 *
 * Each kind is its own module with its own header and loader that parses
 * bytes (ports.h, land.h, airports.h, aircraftdb.h).  struct gt_ref only
 * gathers borrowed pointers to whatever the caller loaded, so a detector
 * can be given everything in one argument; any member may be NULL, and a
 * detector that needs a missing kind skips the rules that depend on it (and
 * says so in its events' detail).
 */
#ifndef GT_REF_H
#define GT_REF_H

struct gt_ports;
struct gt_land;
struct gt_airports;
struct gt_aircraftdb;

struct gt_ref {
    const struct gt_ports *ports;         /* ports and anchorages (maritime) */
    const struct gt_land *land;           /* land polygons, distance from shore */
    const struct gt_airports *airports;   /* airports (aviation) */
    const struct gt_aircraftdb *aircraft; /* icao24 -> registration, type, operator */
};

#endif /* GT_REF_H */
