/*
 * cmd_flights.c - `ghosttrack flights`: list aircraft itineraries, dark legs included.
 *
 * Not available yet: tracked by issue #7.  The option table is the
 * contract from docs/ARCHITECTURE.md, so --help and the man page already
 * document it.
 */
#include "cli_int.h"

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"subject", 's', "ID", "one aircraft (icao:..., or registration)"},
    {"typecode", 0, "T", "every aircraft of ICAO type T (e.g. IL76)"},
    {"operator", 0, "NAME", "every aircraft of this operator"},
    {"airport", 0, "ICAO", "itineraries touching this airport"},
    {"since", 0, "T", "only from time T"},
    {"until", 0, "T", "only up to time T"},
    {"format", 'f', "F", "output format: table (default), ndjson, kml"},
    {NULL, 0, NULL, NULL},
};

const struct cli_command cli_cmd_flights = {
    "flights",
    "[--db DB] [--subject ID|--typecode T|--operator NAME|--airport ICAO] [--since T] [--until T]",
    "list aircraft itineraries, dark legs included",
    NULL,
    opts,
    NULL,
    7,
};
