/*
 * factagg.h - private to src/store: identity facts summed in memory
 * between flushes, so a vessel repeating its static report every six
 * minutes costs one database upsert per batch, not one per report.
 *
 * Rows merge by the same rules as the facts table: count adds; first is
 * the earliest time (the first record seen wins a tie); last is the
 * latest time (the last record seen wins a tie); the station is the one
 * of the first record.  Records without a time never move first or last.
 */
#ifndef GT_FACTAGG_H
#define GT_FACTAGG_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/obs.h"

struct gt__fact_row {
    int64_t ident_id;
    int field;
    char value[GT_IDENT_VALUE_MAX];
    int64_t first_ms, last_ms; /* GT_TIME_NONE when no record had a time */
    uint32_t first_input, last_input, station_id;
    uint64_t first_pos, last_pos, count;
};

struct gt__factagg {
    struct gt__fact_row *rows; /* rows[0..n), insertion order */
    uint32_t *slots;           /* open addressing: row index + 1, 0 = empty */
    size_t mask;               /* slots - 1: a power of two at least 2 * max, minus one */
    size_t n, max;
};

/* Room for max distinct facts.  Returns GT_OK or GT_ERR_NOMEM. */
int gt__factagg_init(struct gt__factagg *a, size_t max);
void gt__factagg_free(struct gt__factagg *a);

/* Fold io (of identity row ident_id) in.  Returns GT_OK, or GT_ERR_TOOBIG
 * when it is a new fact and the table is full: flush, clear, retry. */
int gt__factagg_add(struct gt__factagg *a, int64_t ident_id, const struct gt_ident_obs *io);

/* Forget every row. */
void gt__factagg_clear(struct gt__factagg *a);

#endif /* GT_FACTAGG_H */
