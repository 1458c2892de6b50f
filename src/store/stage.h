/*
 * stage.h - private to src/store: positions staged in memory until the
 * next flush, and the order they are inserted in.
 */
#ifndef GT_STAGE_H
#define GT_STAGE_H

#include <stddef.h>
#include <stdint.h>

/* Columns of table pos: ident_id, t_ms, src, lat, lon, misc, alt, motion,
 * ext. */
#define GT__POS_NCOLS 9

struct gt__staged {
    int64_t v[GT__POS_NCOLS];
    uint32_t nulls; /* bit k: column k is NULL */
};

/* Fill order[0..n) with the indices of rows sorted by key (ident_id, t_ms,
 * src), equal keys in arrival order.  Identity ids are small and dense, so
 * this is a counting sort by identity followed by a check of each
 * identity's run, which a time-ordered feed leaves sorted; an unsorted run
 * is merge-sorted (so is everything when the ids are too sparse to count
 * or memory is short).  tmp holds n indices. */
void gt__stage_order(const struct gt__staged *rows, size_t n, uint32_t *order, uint32_t *tmp);

#endif /* GT_STAGE_H */
