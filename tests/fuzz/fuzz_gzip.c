/*
 * fuzz_gzip.c - reading through io (src/io/io.c): plain and gzip content,
 * one or several members, cut short, with a bad CRC or a corrupt block,
 * from an in-memory file (memfd, named by /proc/self/fd).  The first byte
 * chooses:
 *   bit 0  the rest is compressed here first (a valid gzip member, the
 *          second byte sets the level), so the inflater sees real deflate
 *          streams; otherwise the rest is the file as it is;
 *   bit 1  a second member follows (concatenated gzip, RFC 1952 2.2);
 *   bit 2  the file is cut at a point the third byte picks;
 *   bit 3  one byte is flipped at that point instead.
 * Checks: an undamaged member reads back exactly; damage is reported as
 * GT_ERR_BADDATA after every byte before it was returned (the bytes read
 * are a prefix of the original); reading in pieces of any size gives the
 * same bytes; gt_io_seek() then reading gives the bytes at that offset;
 * the line reader's lines put together are the content; the gzip head
 * is a prefix of it.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include "fuzz.h"
#include "ghosttrack/io.h"

#define MAX_OUT (1u << 20)

struct lines {
    uint8_t *buf;
    size_t n;
    uint64_t next_off;
    int bad;
};

static void on_line(void *ud, const uint8_t *p, size_t n, uint64_t off)
{
    struct lines *l = ud;

    if (off != l->next_off || l->n + n > MAX_OUT) {
        l->bad = 1;
        return;
    }
    memcpy(l->buf + l->n, p, n);
    l->n += n;
    l->next_off = off + n;
}

static size_t gzip_member(const uint8_t *p, size_t n, int level, uint8_t *out, size_t size)
{
    z_stream z;
    size_t got;

    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return 0;
    }
    z.next_in = (unsigned char *)(uintptr_t)p;
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)size;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
        deflateEnd(&z);
        return 0;
    }
    got = size - z.avail_out;
    deflateEnd(&z);
    return got;
}

/* Read all of f in pieces of piece bytes into out; returns the count and
 * the final status in *rc. */
static size_t read_all(struct gt_io_file *f, uint8_t *out, size_t piece, int *rc)
{
    size_t n = 0;
    int r;

    *rc = GT_OK;
    while (n < MAX_OUT) {
        size_t want = MAX_OUT - n < piece ? MAX_OUT - n : piece;
        r = gt_io_read(f, out + n, want);
        if (r < 0) {
            *rc = r;
            break;
        }
        if (r == 0) {
            break;
        }
        if ((size_t)r > want) {
            abort();
        }
        n += (size_t)r;
    }
    return n;
}

static uint8_t *out_a, *out_b, *out_l;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *file, *a, *b;
    size_t nfile = 0, na, nb, orig_n = 0, cut;
    const uint8_t *orig = NULL;
    int fd, rc_a, rc_b, compressed, damaged;
    char path[64];
    struct gt_io_file *f;
    struct lines l;
    uint8_t head[4096];
    size_t nhead;

    if (size < 3 || size > 65536) {
        return 0;
    }
    compressed = data[0] & 1;
    /* the output buffers are kept from one input to the next (allocating
     * 3 MB per input made the target run at 5 inputs a second) */
    if (out_a == NULL) {
        out_a = malloc(MAX_OUT);
        out_b = malloc(MAX_OUT);
        out_l = malloc(MAX_OUT);
    }
    a = out_a;
    b = out_b;
    l.buf = out_l;
    file = malloc(2 * size + 256);
    if (file == NULL || a == NULL || b == NULL || l.buf == NULL) {
        goto out;
    }
    if (compressed) {
        orig = data + 3;
        orig_n = size - 3;
        nfile = gzip_member(orig, orig_n, data[1] % 10, file, 2 * size + 256);
        if (nfile == 0) {
            goto out;
        }
        if (data[0] & 2) {
            memcpy(file + nfile, file, nfile); /* the same member twice */
            nfile *= 2;
        }
    } else {
        memcpy(file, data + 3, size - 3);
        nfile = size - 3;
    }
    cut = nfile > 0 ? (size_t)data[2] * nfile / 256 : 0;
    damaged = (data[0] & 12) != 0 && nfile > 0;
    if (data[0] & 4) {
        nfile = cut;
    } else if ((data[0] & 8) && nfile > 0) {
        file[cut] ^= (uint8_t)(1u << (data[1] & 7));
    }

    fd = memfd_create("fuzz", 0);
    if (fd < 0) {
        goto out;
    }
    if (nfile > 0 && write(fd, file, nfile) != (ssize_t)nfile) {
        close(fd);
        goto out;
    }
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);

    if (gt_io_open(path, &f) != GT_OK) {
        close(fd);
        goto out;
    }
    na = read_all(f, a, 65536, &rc_a);
    gt_io_close(f);
    if (rc_a != GT_OK && rc_a != GT_ERR_BADDATA) {
        abort();
    }
    if (compressed && !damaged) {
        size_t want = (data[0] & 2) ? 2 * orig_n : orig_n;
        if (rc_a != GT_OK || na != want || memcmp(a, orig, orig_n) != 0 ||
            ((data[0] & 2) && memcmp(a + orig_n, orig, orig_n) != 0)) {
            abort();
        }
    }
    if (compressed && damaged && na > 0) {
        /* what came out before the damage is the original's beginning
         * (a flipped bit can also leave a member that inflates to other
         * bytes and fails only at its CRC, so compare the cut case only) */
        /* (cut before the two magic bytes the file is plain, not gzip) */
        if ((data[0] & 4) && nfile >= 2 &&
            (na > orig_n * 2 || memcmp(a, orig, na < orig_n ? na : orig_n) != 0)) {
            abort();
        }
    }

    /* the same in small pieces */
    if (gt_io_open(path, &f) == GT_OK) {
        nb = read_all(f, b, 1 + data[1] % 700u, &rc_b);
        if (nb != na || rc_b != rc_a || memcmp(a, b, na) != 0) {
            fprintf(stderr, "pieces: %zu bytes rc %d, whole: %zu bytes rc %d\n", nb, rc_b, na,
                    rc_a);
            abort();
        }
        /* seek into what was read, then read on */
        if (na > 0) {
            uint64_t pos = (uint64_t)data[2] * na / 256;
            int r = gt_io_seek(f, pos);
            if (r == GT_OK) {
                int got = gt_io_read(f, b, na - pos < 4096 ? na - pos : 4096);
                if (got > 0 && memcmp(b, a + pos, (size_t)got) != 0) {
                    abort();
                }
            }
        }
        gt_io_close(f);
    }

    /* the line reader */
    if (gt_io_open(path, &f) == GT_OK) {
        int r;
        l.n = 0;
        l.next_off = 0;
        l.bad = 0;
        r = gt_io_for_lines(f, 1 + data[1] % 512u, 1 + data[2] % 256u, on_line, &l);
        if (l.bad || (r == GT_OK && (l.n != na || memcmp(l.buf, a, na) != 0)) || l.n > na ||
            memcmp(l.buf, a, l.n) != 0) {
            abort();
        }
        gt_io_close(f);
    }
    close(fd);

    /* the sniffing head of the raw bytes */
    nhead = gt_io_gunzip_head(file, nfile, head, sizeof head);
    if (nhead > sizeof head ||
        (rc_a == GT_OK && compressed && !damaged && (nhead > na || memcmp(head, a, nhead) != 0))) {
        abort();
    }
out:
    free(file);
    return 0;
}
