/*
 * fuzz_ais_payload.c - the payload decoder: the first byte is the fill-bit
 * count, the rest is taken as armoured 6-bit payload (any bytes), decoded
 * as every type and written by both JSON writers and the observation
 * converters.  Invariants: no crash, no out-of-bounds read, valid fields
 * in range (lat/lon within the globe when flagged valid).
 */
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/ais.h"
#include "ghosttrack/time.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct gt_ais_msg m;
    struct gt_buf b;
    struct gt_obs o;
    struct gt_ident_obs id[8];

    if (size < 1) {
        return 0;
    }
    memset(&m, 0, sizeof m);
    m.t_ms = GT_TIME_NONE;
    if (gt_ais_unarmor(&m, data + 1, size - 1, data[0] % 6u, 0) != GT_OK) {
        return 0;
    }
    if (gt_ais_decode(&m) != GT_OK) {
        return 0;
    }
    if ((m.valid & GT_AISV_POS) &&
        (m.lat_deg < -90.0 || m.lat_deg > 90.0 || m.lon_deg < -180.0 || m.lon_deg > 180.0)) {
        abort();
    }
    gt_buf_init(&b, 1 << 16);
    if (gt_ais_json(&m, &b) != GT_OK || gt_ais_json_gpsd(&m, 1, "stdin", &b) != GT_OK ||
        gt_ais_json_gpsd(&m, 0, "stdin", &b) != GT_OK) {
        abort();
    }
    gt_buf_release(&b);
    (void)gt_ais_to_obs(&m, &o);
    if (gt_ais_to_ident(&m, id, 8) > 8) {
        abort();
    }
    return 0;
}
