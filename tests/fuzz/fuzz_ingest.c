/*
 * fuzz_ingest.c - ingest's framing: the pipeline that sniffs an input,
 * cuts it into lines, documents or byte runs for the format handlers and
 * writes what they return into a store (src/ingest/ingest.c), here into a
 * fresh in-memory store for each input.  The first byte chooses the way in:
 *   even: a live stream fed in pieces of 1..128 bytes (the second byte
 *         picks the size), with a dropped connection half-way when bit 1
 *         is set;
 *   odd:  a file (an in-memory file named by /proc/self/fd), read whole,
 *         gzip included, then ingested a second time, which must store
 *         nothing new (found by its hash, or resumed after its last
 *         stored record when it was damaged).
 * Whatever the bytes: no crash, no leak, and every rejected record is
 * counted under a reason (the reasons sum to the total).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "ghosttrack/ingest.h"
#include "ghosttrack/store.h"

static void check_counts(const struct gt_ingest *in)
{
    const struct gt_ingest_stats *s = gt_ingest_stats(in);
    uint64_t sum = 0;
    size_t i;

    for (i = 0; i < s->nreasons; i++) {
        sum += s->reasons[i].count;
    }
    if (s->nreasons < GT_INGEST_MAX_REASONS && sum != s->rejected) {
        abort();
    }
}

static void as_stream(struct gt_ingest *in, const uint8_t *p, size_t n, size_t piece, int drop)
{
    size_t off = 0;

    if (gt_ingest_stream_open(in, "tcp://fuzz:30005") != GT_OK) {
        return;
    }
    while (off < n) {
        size_t take = n - off < piece ? n - off : piece;
        if (gt_ingest_stream_feed(in, p + off, take) != GT_OK) {
            break;
        }
        off += take;
        if (drop && off >= n / 2 && off - take < n / 2 && gt_ingest_stream_reset(in) != GT_OK) {
            break;
        }
    }
    if (gt_ingest_stream_close(in) != GT_OK) {
        return;
    }
}

static void as_file(struct gt_ingest *in, const uint8_t *p, size_t n)
{
    char path[64];
    int fd = memfd_create("fuzz", 0);
    size_t off = 0;

    if (fd < 0) {
        return;
    }
    while (off < n) {
        ssize_t w = write(fd, p + off, n - off);
        if (w <= 0) {
            close(fd);
            return;
        }
        off += (size_t)w;
    }
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    if (gt_ingest_path(in, path) == GT_OK) {
        uint64_t pos = gt_ingest_stats(in)->positions, facts = gt_ingest_stats(in)->facts;
        /* the second time nothing is new: a complete input is found by its
         * hash, a damaged one resumes after its last stored record */
        if (gt_ingest_path(in, path) == GT_OK &&
            (gt_ingest_stats(in)->positions != pos || gt_ingest_stats(in)->facts != facts)) {
            abort();
        }
    }
    close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct gt_store *st = NULL;
    struct gt_ingest *in = NULL;
    struct gt_ingest_opts o;

    if (size < 2 || size > 1 << 20) {
        return 0;
    }
    if (gt_store_open(":memory:", GT_STORE_CREATE, &st) != GT_OK) {
        gt_store_close(st);
        return 0;
    }
    memset(&o, 0, sizeof o);
    o.batch = 64; /* several commits per input */
    if (gt_ingest_new(st, &o, &in) == GT_OK) {
        if (data[0] & 1) {
            as_file(in, data + 2, size - 2);
        } else {
            as_stream(in, data + 2, size - 2, 1 + data[1] % 128u, (data[0] & 2) != 0);
        }
        check_counts(in);
    }
    gt_ingest_free(in);
    gt_store_close(st);
    return 0;
}
