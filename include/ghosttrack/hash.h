/*
 * hash.h - SHA-256 (FIPS 180-4), used to recognise input files by content
 * and to name the report's inline scripts in its CSP.  A thin wrapper of
 * GNU Nettle, which uses the CPU's SHA instructions where it has them.
 *
 * The store keeps the SHA-256 of every input file so that ingesting the
 * same bytes again (under another name, or a second time) adds nothing.
 * Incremental: init, update any number of times, final.
 */
#ifndef GT_HASH_H
#define GT_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Running SHA-256 state: Nettle's context, private to sha256.c. */
struct gt_sha256 {
    union {
        uint64_t align;
        unsigned char bytes[128];
    } ctx;
};

/* Bytes of a digest, and of its lower-case hex form with the NUL. */
#define GT_SHA256_LEN 32
#define GT_SHA256_HEX 65

/* Start a new hash. */
void gt_sha256_init(struct gt_sha256 *s);

/* Add n bytes at p to the hash. */
void gt_sha256_update(struct gt_sha256 *s, const void *p, size_t n);

/* Finish: write the 32-byte digest to out.  s must be re-initialised
 * before reuse. */
void gt_sha256_final(struct gt_sha256 *s, uint8_t out[GT_SHA256_LEN]);

/* Write the digest d as 64 lower-case hex digits and a NUL into hex. */
void gt_sha256_hex(const uint8_t d[GT_SHA256_LEN], char hex[GT_SHA256_HEX]);

#endif /* GT_HASH_H */
