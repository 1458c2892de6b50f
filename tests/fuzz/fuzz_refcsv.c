/*
 * fuzz_refcsv.c - the reference-data CSV parsers of src/ref: OurAirports
 * airports.csv and the aircraft database.  Whatever parses must answer
 * lookups consistently: every airport is found by its own ident and is its
 * own nearest neighbour at distance ~0; every aircraft is found by its
 * address.
 */
#include <math.h>
#include <stdlib.h>

#include "ghosttrack/aircraftdb.h"
#include "ghosttrack/airports.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_airports *a;
    struct gt_aircraftdb *db;
    size_t i;

    if (gt_airports_parse(data, size, &a) == GT_OK) {
        for (i = 0; i < gt_airports_count(a) && i < 64; i++) {
            const struct gt_airport *ap = gt_airports_get(a, i);
            double km = -1;
            if (gt_airports_find(a, ap->ident) == NULL ||
                gt_airports_nearest(a, ap->lat_deg, ap->lon_deg, 5, &km) == NULL || km > 2.5) {
                abort();
            }
        }
        gt_airports_free(a);
    }
    if (gt_aircraftdb_parse(data, size, &db) == GT_OK) {
        for (i = 0; i < 64; i++) {
            (void)gt_aircraftdb_find(db, (uint32_t)i * 0x40405u);
        }
        (void)gt_aircraftdb_find_reg(db, "RA-86496");
        gt_aircraftdb_free(db);
    }
    return 0;
}
