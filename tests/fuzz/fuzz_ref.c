/*
 * fuzz_ref.c - the reference-data parsers of src/ref: World Port Index CSV
 * (ports.c) and land polygons: TopoJSON, GeoJSON and the packed format
 * (land.c).  Whatever parses must answer
 * queries without crashing; a port found must lie within the distance
 * asked for.  The checks `ref --ports/--airports` run before storing
 * (gt_ports_check, gt_airports_check) accept only what the loaders read:
 * a checked ports file loads with no bad row and at least one port.
 */
#include <stdlib.h>

#include "ghosttrack/airports.h"
#include "ghosttrack/land.h"
#include "ghosttrack/ports.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_ports *p;
    struct gt_land *l;
    size_t bad;

    char why[160];
    size_t line = 0;
    int checked = gt_ports_check(data, size, &line, why, sizeof why) == GT_OK;

    if (gt_airports_check(data, size, &line, why, sizeof why) == GT_OK) {
        struct gt_airports *a;
        if (gt_airports_parse(data, size, &a) == GT_OK) {
            gt_airports_free(a);
        }
    }
    if (gt_ports_new(&p) == GT_OK) {
        int rc = gt_ports_load_csv(p, data, size, &bad);
        if (checked && rc == GT_OK && (bad != 0 || p->n == 0)) {
            abort();
        }
        if (rc == GT_OK && p->n > 0) {
            double d = -1;
            const struct gt_port *q =
                gt_ports_nearest(p, p->v[0].lat_deg, p->v[0].lon_deg, 1.0, &d);
            if (q == NULL || d > 1.0) {
                abort();
            }
        }
        gt_ports_free(p);
    }
    if (size > 0 && (data[0] == '{' || data[0] == 'G') && gt_land_load(data, size, &l) == GT_OK) {
        double nm = gt_land_shore_nm(l, 10.0, 10.0);
        if (!(nm >= 0.0 && nm <= GT_LAND_MAX_NM)) {
            abort();
        }
        (void)gt_land_on_land(l, 10.0, 10.0);
        (void)gt_land_contains(l, -10.0, 179.99);
        gt_land_free(l);
    }
    return 0;
}
