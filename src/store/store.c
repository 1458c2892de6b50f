/*
 * store.c - placeholder for the SQLite evidence store (issue #5).
 *
 * Every call fails with GT_ERR_NOTIMPL until the store lands; the contract
 * is in include/ghosttrack/store.h.
 */
#include "ghosttrack/store.h"

#include <string.h>

#include "ghosttrack/time.h"

int gt_store_open(const char *path, unsigned flags, struct gt_store **out)
{
    (void)path;
    (void)flags;
    *out = NULL;
    return GT_ERR_NOTIMPL;
}

void gt_store_close(struct gt_store *st)
{
    (void)st;
}

const char *gt_store_errmsg(const struct gt_store *st)
{
    (void)st;
    return "the store is not implemented yet (issue #5)";
}

void gt_store_filter_init(struct gt_store_filter *f)
{
    memset(f, 0, sizeof *f);
    f->since_ms = GT_TIME_NONE;
    f->until_ms = GT_TIME_NONE;
}

void gt_event_filter_init(struct gt_event_filter *f)
{
    memset(f, 0, sizeof *f);
    f->since_ms = GT_TIME_NONE;
    f->until_ms = GT_TIME_NONE;
}

int gt_store_load_fleet(struct gt_store *st, const struct gt_store_filter *f,
                        struct gt_fleet *fleet)
{
    (void)st;
    (void)f;
    (void)fleet;
    return GT_ERR_NOTIMPL;
}

int gt_store_put_event(struct gt_store *st, const struct gt_event *e)
{
    (void)st;
    (void)e;
    return GT_ERR_NOTIMPL;
}

int gt_store_clear_events(struct gt_store *st, const char *types)
{
    (void)st;
    (void)types;
    return GT_ERR_NOTIMPL;
}

int gt_store_events(struct gt_store *st, const struct gt_event_filter *f, gt_event_fn *cb, void *ud)
{
    (void)st;
    (void)f;
    (void)cb;
    (void)ud;
    return GT_ERR_NOTIMPL;
}

int gt_store_begin(struct gt_store *st)
{
    (void)st;
    return GT_ERR_NOTIMPL;
}

int gt_store_commit(struct gt_store *st)
{
    (void)st;
    return GT_ERR_NOTIMPL;
}

int gt_store_ref_put(struct gt_store *st, const char *kind, const char *name, const void *p,
                     size_t n)
{
    (void)st;
    (void)kind;
    (void)name;
    (void)p;
    (void)n;
    return GT_ERR_NOTIMPL;
}

int gt_store_ref_get(struct gt_store *st, const char *kind, void **p, size_t *n)
{
    (void)st;
    (void)kind;
    *p = NULL;
    *n = 0;
    return GT_ERR_NOTIMPL;
}

int gt_store_input_name(struct gt_store *st, uint32_t input_id, struct gt_buf *out)
{
    (void)st;
    (void)input_id;
    (void)out;
    return GT_ERR_NOTIMPL;
}

int gt_store_evidence_text(struct gt_store *st, const struct gt_prov *prov, struct gt_buf *out)
{
    (void)st;
    (void)prov;
    (void)out;
    return GT_ERR_NOTIMPL;
}

int gt_store_resolve(struct gt_store *st, const char *text, struct gt_ident *id)
{
    (void)st;
    (void)text;
    (void)id;
    return GT_ERR_NOTIMPL;
}

uint32_t gt_store_source_id(struct gt_store *st, const char *name)
{
    (void)st;
    (void)name;
    return 0;
}
