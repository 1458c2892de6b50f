/*
 * mem.c - allocation wrapper with failure injection (see mem.h).
 */
#include "ghosttrack/mem.h"

#include <stdlib.h>
#include <string.h>

static uint64_t alloc_count; /* allocations attempted so far */
static uint64_t fail_from;   /* first failing allocation number, 0 = never */

/* Count one allocation attempt and say whether it must fail. */
static int should_fail(void)
{
    alloc_count++;
    return fail_from != 0 && alloc_count >= fail_from;
}

void *gt_malloc(size_t n)
{
    if (should_fail()) {
        return NULL;
    }
    return malloc(n ? n : 1);
}

void *gt_calloc(size_t nmemb, size_t size)
{
    if (size != 0 && nmemb > SIZE_MAX / size) {
        return NULL;
    }
    if (should_fail()) {
        return NULL;
    }
    return calloc(nmemb ? nmemb : 1, size ? size : 1);
}

void *gt_realloc(void *p, size_t n)
{
    if (should_fail()) {
        return NULL;
    }
    return realloc(p, n ? n : 1);
}

void gt_free(void *p)
{
    free(p);
}

char *gt_strndup(const char *s, size_t n)
{
    char *d = gt_malloc(n + 1);
    if (d == NULL) {
        return NULL;
    }
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void *gt_grow(void *p, size_t *cap, size_t size, size_t first)
{
    size_t nc = *cap ? *cap * 2 : first;
    void *np;

    if (size == 0 || nc < *cap || nc > SIZE_MAX / size) {
        return NULL;
    }
    np = gt_realloc(p, nc * size);
    if (np != NULL) {
        *cap = nc;
    }
    return np;
}

int gt_push(void *arr, size_t *n, size_t *cap, const void *item, size_t size, size_t first)
{
    unsigned char *v;

    memcpy(&v, arr, sizeof v); /* the caller's T *, read without type punning */
    if (*n == *cap) {
        unsigned char *nv = gt_grow(v, cap, size, first);
        if (nv == NULL) {
            return GT_ERR_NOMEM;
        }
        v = nv;
        memcpy(arr, &v, sizeof v);
    }
    memcpy(v + *n * size, item, size);
    (*n)++;
    return GT_OK;
}

void gt_mem_fail_at(uint64_t n)
{
    fail_from = n ? alloc_count + n : 0;
}

uint64_t gt_mem_count(void)
{
    return alloc_count;
}
