/*
 * factagg.c - identity facts summed in memory between flushes (factagg.h).
 * An open-addressing table of row indices keyed by FNV-1a of (identity,
 * field, value), at most half full.
 */
#include "store_int.h"

#include <string.h>

#include "ghosttrack/err.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/time.h"

int gt__factagg_init(struct gt__factagg *a, size_t max)
{
    size_t slots = 16;

    memset(a, 0, sizeof *a);
    while (slots < max * 2) {
        slots *= 2;
    }
    a->max = max;
    a->mask = slots - 1;
    a->rows = gt_malloc(max * sizeof *a->rows);
    a->slots = gt_calloc(slots, sizeof *a->slots);
    if (a->rows == NULL || a->slots == NULL) {
        gt__factagg_free(a);
        return GT_ERR_NOMEM;
    }
    return GT_OK;
}

void gt__factagg_free(struct gt__factagg *a)
{
    gt_free(a->rows);
    gt_free(a->slots);
    memset(a, 0, sizeof *a);
}

void gt__factagg_clear(struct gt__factagg *a)
{
    if (a->n > 0) {
        memset(a->slots, 0, (a->mask + 1) * sizeof *a->slots);
        a->n = 0;
    }
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    size_t i;

    for (i = 0; i < n; i++) {
        h = (h ^ c[i]) * 1099511628211u;
    }
    return h;
}

int gt__factagg_add(struct gt__factagg *a, int64_t ident_id, const struct gt_ident_obs *io)
{
    size_t mask = a->mask, len = strnlen(io->value, sizeof io->value - 1), i;
    int field = (int)io->field;
    uint64_t h = 14695981039346656037u;
    struct gt__fact_row *r;

    h = fnv(h, &ident_id, sizeof ident_id);
    h = fnv(h, &field, sizeof field);
    h = fnv(h, io->value, len);
    h = fnv(h, &io->prov.input_id, sizeof io->prov.input_id);
    for (i = (size_t)h & mask; a->slots[i] != 0; i = (i + 1) & mask) {
        r = &a->rows[a->slots[i] - 1];
        if (r->ident_id == ident_id && r->field == field && r->input == io->prov.input_id &&
            strncmp(r->value, io->value, sizeof r->value) == 0) {
            r->count++;
            if (io->t_ms != GT_TIME_NONE) {
                if (r->first_ms == GT_TIME_NONE || io->t_ms < r->first_ms) {
                    r->first_ms = io->t_ms;
                    r->first_input = io->prov.input_id;
                    r->first_pos = io->prov.pos;
                }
                if (r->last_ms == GT_TIME_NONE || io->t_ms >= r->last_ms) {
                    r->last_ms = io->t_ms;
                    r->last_input = io->prov.input_id;
                    r->last_pos = io->prov.pos;
                }
            }
            return GT_OK;
        }
    }
    if (a->n == a->max) {
        return GT_ERR_TOOBIG;
    }
    r = &a->rows[a->n];
    memset(r, 0, sizeof *r);
    r->ident_id = ident_id;
    r->field = field;
    memcpy(r->value, io->value, len);
    r->first_ms = r->last_ms = io->t_ms;
    r->input = r->first_input = r->last_input = io->prov.input_id;
    r->first_pos = r->last_pos = io->prov.pos;
    r->station_id = io->station_id;
    r->count = 1;
    a->slots[i] = (uint32_t)++a->n;
    return GT_OK;
}
