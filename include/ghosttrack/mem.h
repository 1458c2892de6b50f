/*
 * mem.h - the allocation wrapper every ghosttrack module allocates through.
 *
 * Going through one place lets tests inject failures: gt_mem_fail_at(n)
 * makes the n-th allocation from now on return NULL, which is how
 * `make torture` proves that every out-of-memory path is handled without a
 * crash or a leak (curl's -t torture, Lua's MEMLIMIT).  The library itself
 * never reads the environment; test harnesses translate GT_FAILALLOC=N into
 * gt_mem_fail_at(N).
 *
 * The counters are process-global and not thread-safe; they exist for tests.
 */
#ifndef GT_MEM_H
#define GT_MEM_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"

/* Allocate n bytes.  Returns NULL when out of memory or when an injected
 * failure fires; gt_malloc(0) returns a unique pointer like malloc(1). */
void *gt_malloc(size_t n);

/* Allocate nmemb * size zeroed bytes; NULL on overflow or failure. */
void *gt_calloc(size_t nmemb, size_t size);

/* Resize p to n bytes.  On failure returns NULL and leaves p untouched, so
 * callers must keep the old pointer until the call succeeds. */
void *gt_realloc(void *p, size_t n);

/* Free p; gt_free(NULL) is a no-op. */
void gt_free(void *p);

/* Duplicate the first n bytes of s as a NUL-terminated string.  Caller owns
 * the result; free with gt_free(). */
char *gt_strndup(const char *s, size_t n);

/* Grow an array: return p reallocated to hold twice *cap elements of size
 * bytes (first when *cap is 0) and store the new capacity in *cap.  On
 * failure (out of memory, or a size that would overflow) return NULL and
 * leave p and *cap as they were.  The usual use:
 *
 *     if (n == cap) {
 *         struct x *nv = gt_grow(v, &cap, sizeof *nv, 64);
 *         if (nv == NULL) return GT_ERR_NOMEM;
 *         v = nv;
 *     }
 */
void *gt_grow(void *p, size_t *cap, size_t size, size_t first);

/* Append the size-byte element at item to a growing array: arr is the
 * address of the array pointer (a T ** for an array of T), holding *n
 * elements of *cap; it grows through gt_grow (first: the first capacity).
 * Returns GT_OK, or GT_ERR_NOMEM with the array unchanged.
 *
 *     if (gt_push(&v, &n, &cap, &item, sizeof *v, 64) != GT_OK) ...
 */
GT_MUST_CHECK int gt_push(void *arr, size_t *n, size_t *cap, const void *item, size_t size,
                          size_t first);

/* Arm failure injection: the n-th allocation from now fails (n = 1: the very
 * next one) and so does every later one.  n = 0 disarms it. */
void gt_mem_fail_at(uint64_t n);

/* Return how many allocations (malloc, calloc, realloc with n > 0, strndup)
 * have been attempted since the process started. */
uint64_t gt_mem_count(void);

#endif /* GT_MEM_H */
