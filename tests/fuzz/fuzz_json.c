/*
 * fuzz_json.c - the streaming JSON scanner (util/jsonscan.c) and every JSON
 * document parser on top of it (readsb trace and aircraft.json, FR24
 * playback, traffic records, columns and split, AISHub) plus the aisstream.io
 * line parser, on arbitrary bytes.  The first byte picks the parser, the
 * second the chunk size.  Invariants:
 *   - every element the scanner hands over is the input's own bytes at its
 *     offset, and offsets only grow;
 *   - a document fed in chunks gives exactly what it gives fed whole
 *     (same observations, facts and rejects, in the same order of offsets);
 *   - emitted observations have a valid position and identity.
 */
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/archive.h"
#include "ghosttrack/json.h"
#include "fuzz.h"

struct run {
    size_t n;
    uint64_t last;
    uint64_t hash; /* of everything emitted, in order */
    size_t count;
};

static void mix(struct run *r, uint64_t v)
{
    r->hash = (r->hash ^ v) * 1099511628211u;
    r->count++;
}

static void at(struct run *r, uint64_t pos)
{
    if (pos > r->n || pos < r->last) {
        abort();
    }
    r->last = pos;
}

static int on_obs(void *ud, const struct gt_obs *o)
{
    struct run *r = ud;
    if (!(o->flags & GT_OBS_POS) || !(o->lat_deg >= -90.0 && o->lat_deg <= 90.0) ||
        !(o->lon_deg >= -180.0 && o->lon_deg <= 180.0) || o->id.kind == GT_ID_NONE) {
        abort();
    }
    at(r, o->prov.pos);
    mix(r, o->prov.pos);
    mix(r, o->id.value);
    mix(r, (uint64_t)o->t_ms);
    return GT_OK;
}

static int on_fact(void *ud, const struct gt_ident_obs *io)
{
    struct run *r = ud;
    size_t i;
    if (io->value[0] == '\0' || strlen(io->value) >= GT_IDENT_VALUE_MAX) {
        abort();
    }
    at(r, io->prov.pos);
    mix(r, io->prov.pos);
    for (i = 0; io->value[i] != '\0'; i++) {
        mix(r, (uint8_t)io->value[i]);
    }
    return GT_OK;
}

static void on_reject(void *ud, const char *reason, uint64_t pos)
{
    struct run *r = ud;
    size_t i;
    if (reason == NULL || reason[0] == '\0' || pos > r->n) {
        abort();
    }
    mix(r, pos);
    for (i = 0; reason[i] != '\0'; i++) {
        mix(r, (uint8_t)reason[i]);
    }
}

/* ---- the scanner alone ---- */

struct scan_check {
    const uint8_t *data;
    size_t n;
    uint64_t last;
};

static int s_open(void *ud, const char *head, size_t n)
{
    (void)ud;
    if (head == NULL && n != 0) {
        abort();
    }
    return GT_OK;
}

static int s_elem(void *ud, const char *p, size_t n, uint64_t pos)
{
    struct scan_check *c = ud;
    if (n == 0 || pos + n > c->n || pos < c->last || memcmp(p, c->data + pos, n) != 0) {
        abort();
    }
    c->last = pos;
    return GT_OK;
}

static void s_reject(void *ud, const char *reason, uint64_t pos)
{
    struct scan_check *c = ud;
    if (reason == NULL || pos > c->n) {
        abort();
    }
}

static void scan_alone(const uint8_t *data, size_t size, size_t chunk, int mode)
{
    static const struct gt_jsonscan_ops ops = {s_open, s_elem, s_reject};
    static const char *const keys[] = {"aircraft", "trace", "track", NULL};
    struct scan_check c = {data, size, 0};
    struct gt_jsonscan s;
    size_t off = 0;

    gt_jsonscan_init(&s, keys[mode % 4], mode % 4 == 3 ? (mode / 4) % 3 - 1 : 0, 256, 256, &ops,
                     &c);
    while (off < size) {
        size_t take = size - off < chunk ? size - off : chunk;
        if (gt_jsonscan_feed(&s, data + off, take, off) != GT_OK) {
            abort();
        }
        off += take;
    }
    if (gt_jsonscan_finish(&s) != GT_OK) {
        abort();
    }
    gt_jsonscan_release(&s);
}

/* ---- the document parsers ---- */

static void document(enum gt_archive_json_kind kind, const uint8_t *data, size_t size, size_t chunk)
{
    struct run whole = {size, 0, 14695981039346656037u, 0};
    struct run part = {size, 0, 14695981039346656037u, 0};
    struct gt_sink sw = {on_obs, on_fact, on_reject, &whole, NULL};
    struct gt_sink sp = {on_obs, on_fact, on_reject, &part, NULL};
    struct gt_archive_json *j;
    size_t off = 0;

    if (gt_archive_json_new(kind, &j) != GT_OK) {
        abort();
    }
    if (gt_archive_json_feed(j, data, size, 0, &sw) != GT_OK ||
        gt_archive_json_finish(j, &sw) != GT_OK) {
        abort();
    }
    gt_archive_json_free(j);
    if (gt_archive_json_new(kind, &j) != GT_OK) {
        abort();
    }
    while (off < size) {
        size_t take = size - off < chunk ? size - off : chunk;
        if (gt_archive_json_feed(j, data + off, take, off, &sp) != GT_OK) {
            abort();
        }
        off += take;
    }
    if (gt_archive_json_finish(j, &sp) != GT_OK) {
        abort();
    }
    gt_archive_json_free(j);
    if (whole.hash != part.hash || whole.count != part.count) {
        abort(); /* chunking changed the result */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct run r = {0, 0, 0, 0};
    struct gt_sink sink = {on_obs, on_fact, on_reject, &r, NULL};
    int which;
    size_t chunk, i = 0;

    if (size < 2) {
        return 0;
    }
    which = data[0] % 8;
    chunk = (size_t)data[1] % 64 + 1;
    data += 2;
    size -= 2;
    r.n = size;
    (void)gt_archive_traffic_columns_sniff(data, size);
    (void)gt_archive_traffic_split_sniff(data, size);
    (void)gt_archive_aishub_json_sniff(data, size);
    (void)gt_archive_aisstream_sniff(data, size);
    scan_alone(data, size, chunk, data[-2] / 8);
    switch (which) {
    case 0:
        document(GT_ARCHIVE_READSB_TRACE, data, size, chunk);
        break;
    case 1:
        document(GT_ARCHIVE_READSB_AIRCRAFT, data, size, chunk);
        break;
    case 2:
        document(GT_ARCHIVE_FR24_JSON, data, size, chunk);
        break;
    case 3:
        document(GT_ARCHIVE_TRAFFIC_JSON, data, size, chunk);
        break;
    case 4:
        document(GT_ARCHIVE_TRAFFIC_COLUMNS, data, size, chunk);
        break;
    case 5:
        document(GT_ARCHIVE_AISHUB_JSON, data, size, chunk);
        break;
    case 6:
        document(GT_ARCHIVE_TRAFFIC_SPLIT, data, size, chunk);
        break;
    default:
        while (i < size) {
            const uint8_t *nl = memchr(data + i, '\n', size - i);
            size_t len = nl != NULL ? (size_t)(nl - (data + i)) : size - i;
            if (gt_archive_aisstream_line(data + i, len, i, &sink) != GT_OK) {
                abort();
            }
            i += len + 1;
        }
        break;
    }
    return 0;
}
