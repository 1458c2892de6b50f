/*
 * fuzz_archive.c - the archive parsers (OpenSky and FR24 CSV lines, readsb
 * trace and aircraft.json, FR24 playback JSON, traffic JSON records,
 * ghosttrack NDJSON) on
 * arbitrary bytes.  The first byte picks the parser.  Invariants: every
 * emitted observation has a valid position and identity, and record
 * offsets never point past the input nor go backwards.
 */
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/archive.h"
#include "fuzz.h"

struct state {
    size_t n;
    uint64_t last;
};

static void check_pos(struct state *s, uint64_t pos)
{
    if (pos > s->n || pos < s->last) {
        abort();
    }
    s->last = pos;
}

static int on_obs(void *ud, const struct gt_obs *o)
{
    if (!(o->flags & GT_OBS_POS) || !(o->lat_deg >= -90.0 && o->lat_deg <= 90.0) ||
        !(o->lon_deg >= -180.0 && o->lon_deg <= 180.0) || o->id.kind == GT_ID_NONE) {
        abort();
    }
    check_pos(ud, o->prov.pos);
    return GT_OK;
}

static int on_fact(void *ud, const struct gt_ident_obs *io)
{
    if (io->value[0] == '\0' || strlen(io->value) >= GT_IDENT_VALUE_MAX) {
        abort();
    }
    check_pos(ud, io->prov.pos);
    return GT_OK;
}

static void on_reject(void *ud, const char *reason, uint64_t pos)
{
    (void)ud;
    (void)pos;
    if (reason == NULL || reason[0] == '\0') {
        abort();
    }
}

/* Feed p line by line to a line parser. */
static void lines(int which, const uint8_t *p, size_t n, const struct gt_sink *sink)
{
    struct gt_archive_csv csv;
    struct gt_ident subject = {GT_ID_ICAO, 0x3c6444, 0};
    size_t i = 0;

    gt_archive_csv_init(&csv, &subject);
    while (i < n) {
        const uint8_t *nl = memchr(p + i, '\n', n - i);
        size_t len = nl != NULL ? (size_t)(nl - (p + i)) : n - i;
        int rc;
        if (which == 0) {
            rc = gt_archive_opensky_line(&csv, p + i, len, i, sink);
        } else if (which == 1) {
            rc = gt_archive_fr24_csv_line(&csv, p + i, len, i, sink);
        } else {
            rc = gt_archive_ndjson_line(p + i, len, i, sink);
        }
        if (rc != GT_OK) {
            abort();
        }
        i += len + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct state s = {0, 0};
    struct gt_sink sink = {on_obs, on_fact, on_reject, &s, NULL};
    int which;

    if (size < 1) {
        return 0;
    }
    which = data[0] % 7;
    data++;
    size--;
    s.n = size;
    (void)gt_archive_opensky_sniff(data, size);
    (void)gt_archive_fr24_csv_sniff(data, size);
    (void)gt_archive_readsb_trace_sniff(data, size);
    (void)gt_archive_readsb_aircraft_sniff(data, size);
    (void)gt_archive_fr24_json_sniff(data, size);
    (void)gt_archive_ndjson_sniff(data, size);
    (void)gt_archive_traffic_json_sniff(data, size);
    switch (which) {
    case 0:
    case 1:
    case 2:
        lines(which, data, size, &sink);
        break;
    case 3:
        if (gt_archive_readsb_trace(data, size, &sink) != GT_OK) {
            abort();
        }
        break;
    case 4:
        if (gt_archive_readsb_aircraft(data, size, &sink) != GT_OK) {
            abort();
        }
        break;
    case 5:
        if (gt_archive_fr24_json(data, size, &sink) != GT_OK) {
            abort();
        }
        break;
    default:
        if (gt_archive_traffic_json(data, size, &sink) != GT_OK) {
            abort();
        }
        break;
    }
    return 0;
}
