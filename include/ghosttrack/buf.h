/*
 * buf.h - a bounded, growable byte buffer (after curl's dynbuf).
 *
 * Every growable buffer in ghosttrack has a hard maximum fixed at init time,
 * so hostile input can make a buffer full but never make it eat the machine:
 * an append that would pass the maximum fails with GT_ERR_TOOBIG and frees
 * the contents (curl's rule: a buffer that overflowed is not half-trusted).
 * The contents are always NUL-terminated, so text can be read as a C string.
 *
 * Errors are sticky: the buffer remembers its first failure, and every
 * append after it does nothing and returns that error again.  A writer of
 * many pieces therefore appends without looking and checks gt_buf_error()
 * once at the end (what OR-ing return codes together cannot do: -1 | -5 is
 * neither error).  gt_buf_release() and gt_buf_reset() clear the error.
 *
 *     struct gt_buf b;
 *     gt_buf_init(&b, 1 << 20);
 *     gt_buf_addf(&b, "%d ships", n);
 *     gt_buf_addstr(&b, " seen");
 *     if (gt_buf_error(&b) == GT_OK) puts(gt_buf_str(&b));
 *     gt_buf_release(&b);
 */
#ifndef GT_BUF_H
#define GT_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "ghosttrack/err.h"

/* Fields are private to buf.c; the struct is public only so callers can keep
 * buffers on the stack or inside their own structs. */
struct gt_buf {
    char *p;    /* allocation, NUL-terminated when non-NULL */
    size_t len; /* bytes in use, excluding the terminating NUL */
    size_t cap; /* bytes allocated */
    size_t max; /* hard limit on len + 1 */
    int err;    /* first append error (GT_OK while none); later appends are no-ops */
};

/* Set up an empty buffer that may hold at most max - 1 bytes of content.
 * Allocates nothing. */
void gt_buf_init(struct gt_buf *b, size_t max);

/* Free the contents and clear the error; the buffer is empty and can be
 * used again. */
void gt_buf_release(struct gt_buf *b);

/* Forget the contents and the error but keep the allocation for reuse. */
void gt_buf_reset(struct gt_buf *b);

/* Append n bytes.  Returns GT_OK, GT_ERR_NOMEM, or GT_ERR_TOOBIG when the
 * result would pass the maximum.  On any error the contents are released
 * and the error is kept (gt_buf_error()); once the buffer holds an error,
 * appends change nothing and return it.  The result may be ignored when
 * the writer checks gt_buf_error() at the end. */
int gt_buf_add(struct gt_buf *b, const void *p, size_t n);

/* Append a NUL-terminated string; as gt_buf_add(). */
int gt_buf_addstr(struct gt_buf *b, const char *s);

/* Append printf-formatted text; as gt_buf_add(). */
GT_PRINTF(2, 3) int gt_buf_addf(struct gt_buf *b, const char *fmt, ...);

/* Append vprintf-formatted text; as gt_buf_add(). */
GT_PRINTF(2, 0) int gt_buf_vaddf(struct gt_buf *b, const char *fmt, va_list ap);

/* Return the first error of an append since the buffer was set up,
 * released or reset (GT_ERR_NOMEM, GT_ERR_TOOBIG, GT_ERR_INVAL), or GT_OK
 * when every append succeeded. */
int gt_buf_error(const struct gt_buf *b);

/* Return the contents (a NUL-terminated string, "" when empty).  The pointer
 * is borrowed and valid until the next call that changes the buffer. */
const char *gt_buf_str(const struct gt_buf *b);

/* Return the number of bytes of content. */
size_t gt_buf_len(const struct gt_buf *b);

/* Move the contents out: returns the allocation (NULL when empty) and stores
 * its length in *len if len is non-NULL.  The buffer is left empty.  Caller
 * owns the result; free with gt_free(). */
char *gt_buf_take(struct gt_buf *b, size_t *len);

#endif /* GT_BUF_H */
