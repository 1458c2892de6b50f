/*
 * sha256.c - SHA-256 (FIPS 180-4) through GNU Nettle.  Test vectors (FIPS
 * 180-4 examples, "abc", the 448-bit message and one million 'a') are in
 * tests/unit/test_util_hash.c.
 */
#include "ghosttrack/hash.h"

#include <nettle/sha2.h>

_Static_assert(sizeof(struct sha256_ctx) <= sizeof(((struct gt_sha256 *)0)->ctx.bytes),
               "struct gt_sha256 too small for Nettle's context");

static struct sha256_ctx *ctx(struct gt_sha256 *s)
{
    return (struct sha256_ctx *)(void *)s->ctx.bytes;
}

void gt_sha256_init(struct gt_sha256 *s)
{
    sha256_init(ctx(s));
}

void gt_sha256_update(struct gt_sha256 *s, const void *p, size_t n)
{
    sha256_update(ctx(s), n, p);
}

void gt_sha256_final(struct gt_sha256 *s, uint8_t out[GT_SHA256_LEN])
{
    sha256_digest(ctx(s), GT_SHA256_LEN, out);
}

void gt_sha256_hex(const uint8_t d[GT_SHA256_LEN], char hex[GT_SHA256_HEX])
{
    static const char digits[] = "0123456789abcdef";
    int i;

    for (i = 0; i < GT_SHA256_LEN; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[2 * GT_SHA256_LEN] = '\0';
}
