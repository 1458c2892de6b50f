/*
 * stage.c - the insert order of staged positions (stage.h).  Sorting an
 * index array, not the 80-byte rows, and mostly in linear time: the rows
 * of one identity usually arrive in time order already.
 */
#include "store_int.h"

#include <string.h>

#include "ghosttrack/mem.h"

/* Compare the keys of rows a and b from column first on. */
static int key_cmp(const struct gt__staged *a, const struct gt__staged *b, int first)
{
    int k;

    for (k = first; k < 3; k++) {
        if (a->v[k] != b->v[k]) {
            return a->v[k] < b->v[k] ? -1 : 1;
        }
    }
    return 0;
}

/* Stable bottom-up merge sort of idx[0..n) by key from column first on. */
static void merge_sort(const struct gt__staged *rows, uint32_t *idx, uint32_t *tmp, size_t n,
                       int first)
{
    uint32_t *src = idx, *dst = tmp, *t;
    size_t w, lo;

    for (w = 1; w < n; w *= 2) {
        for (lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                dst[k++] = key_cmp(&rows[src[j]], &rows[src[i]], first) < 0 ? src[j++] : src[i++];
            }
            while (i < mid) {
                dst[k++] = src[i++];
            }
            while (j < hi) {
                dst[k++] = src[j++];
            }
        }
        t = src;
        src = dst;
        dst = t;
    }
    if (src != idx) {
        memcpy(idx, src, n * sizeof *idx);
    }
}

/* Sort each run of one identity by (t_ms, src) unless it already is. */
static void sort_runs(const struct gt__staged *rows, size_t n, uint32_t *order, uint32_t *tmp)
{
    size_t a = 0, b;

    while (a < n) {
        int sorted = 1;
        for (b = a + 1; b < n && rows[order[b]].v[0] == rows[order[a]].v[0]; b++) {
            if (sorted && key_cmp(&rows[order[b - 1]], &rows[order[b]], 1) > 0) {
                sorted = 0;
            }
        }
        if (!sorted) {
            merge_sort(rows, order + a, tmp, b - a, 1);
        }
        a = b;
    }
}

void gt__stage_order(const struct gt__staged *rows, size_t n, uint32_t *order, uint32_t *tmp)
{
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    size_t i, span, *count;

    for (i = 0; i < n; i++) {
        lo = rows[i].v[0] < lo ? rows[i].v[0] : lo;
        hi = rows[i].v[0] > hi ? rows[i].v[0] : hi;
    }
    if (n == 0) {
        return;
    }
    span = (uint64_t)(hi - lo) < (uint64_t)(4 * n + 1024) ? (size_t)(hi - lo) + 1 : 0;
    count = span > 0 ? gt_calloc(span + 1, sizeof *count) : NULL;
    if (count == NULL) {
        /* identities too sparse for counting (or no memory): sort it all */
        for (i = 0; i < n; i++) {
            order[i] = (uint32_t)i;
        }
        merge_sort(rows, order, tmp, n, 0);
        return;
    }
    for (i = 0; i < n; i++) {
        count[(size_t)(rows[i].v[0] - lo) + 1]++;
    }
    for (i = 1; i <= span; i++) {
        count[i] += count[i - 1];
    }
    for (i = 0; i < n; i++) {
        order[count[(size_t)(rows[i].v[0] - lo)]++] = (uint32_t)i;
    }
    gt_free(count);
    sort_runs(rows, n, order, tmp);
}
