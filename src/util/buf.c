/*
 * buf.c - bounded growable buffer (see buf.h).
 *
 * Growth doubles the allocation, starting at 32 bytes, and is clamped to the
 * buffer's maximum.  Every failing append goes through fail(), which frees
 * the contents and records the first error; every append starts by
 * returning that error when there is one, so the buffer never holds the
 * tail of a write whose beginning was lost.
 */
#include "ghosttrack/buf.h"

#include <stdio.h>
#include <string.h>

#include "ghosttrack/mem.h"

#define MIN_ALLOC 32

void gt_buf_init(struct gt_buf *b, size_t max)
{
    b->p = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
    b->err = GT_OK;
}

/* Free the contents, keeping the error. */
static void drop(struct gt_buf *b)
{
    gt_free(b->p);
    b->p = NULL;
    b->len = 0;
    b->cap = 0;
}

/* An append failed with rc: free the contents, remember the first error. */
static int fail(struct gt_buf *b, int rc)
{
    drop(b);
    if (b->err == GT_OK) {
        b->err = rc;
    }
    return rc;
}

void gt_buf_release(struct gt_buf *b)
{
    drop(b);
    b->err = GT_OK;
}

void gt_buf_reset(struct gt_buf *b)
{
    b->len = 0;
    b->err = GT_OK;
    if (b->p != NULL) {
        b->p[0] = '\0';
    }
}

/* Make room for `need` bytes of content plus the NUL. */
static int reserve(struct gt_buf *b, size_t need)
{
    size_t want, cap;
    char *p;

    if (need >= b->max) {
        return fail(b, GT_ERR_TOOBIG);
    }
    want = need + 1;
    if (want <= b->cap) {
        return GT_OK;
    }
    cap = b->cap ? b->cap : MIN_ALLOC;
    while (cap < want) {
        cap = cap > b->max / 2 ? b->max : cap * 2;
    }
    if (cap > b->max) {
        cap = b->max;
    }
    p = gt_realloc(b->p, cap);
    if (p == NULL) {
        return fail(b, GT_ERR_NOMEM);
    }
    b->p = p;
    b->cap = cap;
    return GT_OK;
}

int gt_buf_add(struct gt_buf *b, const void *p, size_t n)
{
    int rc;

    if (b->err != GT_OK) {
        return b->err;
    }
    if (n > b->max) {
        return fail(b, GT_ERR_TOOBIG);
    }
    rc = reserve(b, b->len + n);
    if (rc < 0) {
        return rc;
    }
    if (n > 0) {
        memcpy(b->p + b->len, p, n);
    }
    b->len += n;
    b->p[b->len] = '\0';
    return GT_OK;
}

int gt_buf_addstr(struct gt_buf *b, const char *s)
{
    return gt_buf_add(b, s, strlen(s));
}

int gt_buf_vaddf(struct gt_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    int n, rc;

    if (b->err != GT_OK) {
        return b->err;
    }
    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        return fail(b, GT_ERR_INVAL);
    }
    rc = reserve(b, b->len + (size_t)n);
    if (rc < 0) {
        return rc;
    }
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return GT_OK;
}

int gt_buf_addf(struct gt_buf *b, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = gt_buf_vaddf(b, fmt, ap);
    va_end(ap);
    return rc;
}

int gt_buf_error(const struct gt_buf *b)
{
    return b->err;
}

const char *gt_buf_str(const struct gt_buf *b)
{
    return b->p ? b->p : "";
}

size_t gt_buf_len(const struct gt_buf *b)
{
    return b->len;
}

char *gt_buf_take(struct gt_buf *b, size_t *len)
{
    char *p = b->p;

    if (len != NULL) {
        *len = b->len;
    }
    b->p = NULL;
    b->len = 0;
    b->cap = 0;
    return p;
}
