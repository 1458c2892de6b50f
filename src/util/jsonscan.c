/*
 * jsonscan.c - the streaming JSON scanner (see json.h).
 *
 * One pass, one byte at a time, no tree: the lexical state is "inside a
 * string" and "after a backslash" (RFC 8259 §7: a string ends at the first
 * unescaped quote, and no structural character counts inside one), plus
 * the nesting.  Around the split array the open containers are kept on a
 * small stack, so the envelope can be closed into valid JSON when the
 * array opens; inside an element only a counter is kept, so a hostile
 * element nested a million deep costs nothing but its rejection.
 *
 * Element bytes are copied in spans (one append per element per chunk),
 * envelope bytes one by one (the envelope is small by construction: it is
 * capped).  The element buffer is reused between elements, so memory is
 * one element plus the envelope, whatever the document's size.
 */
#include "ghosttrack/json.h"

#include <string.h>

enum phase {
    BEFORE,  /* in the envelope, the split array not seen yet */
    BETWEEN, /* inside the split array, between elements */
    IN_ELEM, /* inside one element */
    AFTER,   /* in the envelope, the split array closed */
    DEAD     /* the envelope nested too deep: the rest is ignored */
};

void gt_jsonscan_init(struct gt_jsonscan *s, const char *key, int at_depth, size_t elem_max,
                      size_t head_max, const struct gt_jsonscan_ops *ops, void *ud)
{
    memset(s, 0, sizeof *s);
    s->key = key;
    s->klen = key != NULL ? strlen(key) : 0;
    s->at_depth = at_depth;
    s->ops = *ops;
    s->ud = ud;
    s->phase = BEFORE;
    gt_buf_init(&s->elem, elem_max + 1);
    gt_buf_init(&s->head, head_max + 1);
    gt_buf_init(&s->closed, head_max + GT_JSONSCAN_HEAD_DEPTH + 2);
}

void gt_jsonscan_release(struct gt_jsonscan *s)
{
    gt_buf_release(&s->elem);
    gt_buf_release(&s->head);
    gt_buf_release(&s->closed);
}

int gt_jsonscan_opened(const struct gt_jsonscan *s)
{
    return s->phase == BETWEEN || s->phase == IN_ELEM || s->phase == AFTER;
}

int gt_jsonscan_complete(const struct gt_jsonscan *s)
{
    return s->complete;
}

static int is_ws(uint8_t c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Append envelope bytes; past the cap the envelope is given up (but
 * scanning goes on: the elements still count). */
static int head_add(struct gt_jsonscan *s, const void *p, size_t n)
{
    int rc;

    if (s->head_over) {
        return GT_OK;
    }
    rc = gt_buf_add(&s->head, p, n);
    if (rc == GT_ERR_TOOBIG) {
        s->head_over = 1;
        return GT_OK;
    }
    return rc;
}

const char *gt_jsonscan_head(struct gt_jsonscan *s, size_t *n)
{
    int i;

    *n = 0;
    if (s->head_over) {
        return NULL;
    }
    gt_buf_reset(&s->closed);
    (void)gt_buf_add(&s->closed, gt_buf_str(&s->head), gt_buf_len(&s->head));
    if (s->phase == BETWEEN || s->phase == IN_ELEM) {
        (void)gt_buf_add(&s->closed, &s->split_close, 1);
    }
    for (i = s->hdepth - 1; i >= 0; i--) {
        (void)gt_buf_add(&s->closed, s->stack[i] == '{' ? "}" : "]", 1);
    }
    if (gt_buf_error(&s->closed) != GT_OK) {
        return NULL;
    }
    *n = gt_buf_len(&s->closed);
    return gt_buf_str(&s->closed);
}

/* Copy element bytes p[0..n) unless the element is being skipped. */
static int elem_add(struct gt_jsonscan *s, const uint8_t *p, size_t n)
{
    int rc;

    if (s->ebad != NULL || n == 0) {
        return GT_OK;
    }
    rc = gt_buf_add(&s->elem, p, n);
    if (rc == GT_ERR_TOOBIG) {
        s->ebad = "json-element-too-large";
        gt_buf_release(&s->elem);
        return GT_OK;
    }
    return rc;
}

/* The current element ended: hand it over or report why not. */
static int elem_end(struct gt_jsonscan *s)
{
    const char *p = gt_buf_str(&s->elem);
    size_t n = gt_buf_len(&s->elem);
    int rc = GT_OK;

    while (n > 0 && is_ws((uint8_t)p[n - 1])) {
        n--;
    }
    if (s->ebad != NULL) {
        s->ops.reject(s->ud, s->ebad, s->epos);
    } else if (n > 0) {
        rc = s->ops.elem(s->ud, p, n, s->epos);
    }
    gt_buf_reset(&s->elem);
    s->ebad = NULL;
    s->phase = BETWEEN;
    return rc;
}

/* Does the container opening now start the split array? */
static int is_split(const struct gt_jsonscan *s, uint8_t c)
{
    if (s->key != NULL) {
        return c == '[' && s->kstate == 2 && s->kn == s->klen &&
               memcmp(s->kbuf, s->key, s->klen) == 0;
    }
    if (s->at_depth < 0) {
        return c == '{' && s->hdepth == 0;
    }
    return c == '[' && s->hdepth == s->at_depth;
}

/* One byte of the envelope, outside strings. */
static int head_byte(struct gt_jsonscan *s, uint8_t c)
{
    int rc = head_add(s, &c, 1);
    size_t n;
    const char *h;

    if (rc < 0) {
        return rc;
    }
    if (c == '"') {
        s->in_str = 1;
        s->kn = 0;
        return GT_OK;
    }
    if (is_ws(c)) {
        return GT_OK;
    }
    if (c == ':') {
        s->kstate = s->kstate == 1 ? 2 : 0;
        return GT_OK;
    }
    if ((c == '[' || c == '{') && s->phase == BEFORE && is_split(s, c)) {
        s->kstate = 0;
        s->phase = BETWEEN;
        s->split_close = c == '[' ? ']' : '}';
        if (s->ops.open == NULL) {
            return GT_OK;
        }
        h = gt_jsonscan_head(s, &n);
        if (h == NULL && !s->head_over) {
            return GT_ERR_NOMEM;
        }
        return s->ops.open(s->ud, h, n);
    }
    s->kstate = 0;
    if (c == '[' || c == '{') {
        if (s->hdepth >= GT_JSONSCAN_HEAD_DEPTH) {
            s->ops.reject(s->ud, "json-depth", s->pos);
            s->phase = DEAD;
            return GT_OK;
        }
        s->stack[s->hdepth++] = (char)c;
    } else if ((c == ']' || c == '}') && s->hdepth > 0) {
        s->hdepth--;
        if (s->hdepth == 0) {
            s->complete = 1;
        }
    }
    return GT_OK;
}

/* One byte of an element, outside strings (the byte itself is copied by
 * the caller's span).  Returns 1 when the byte ends the element (a comma
 * or the array's closer at the element's own level), else 0. */
static int elem_byte(struct gt_jsonscan *s, uint8_t c)
{
    if (c == '"') {
        s->in_str = 1;
        if (s->edepth == 0) {
            s->eclosed = 0;
        }
    } else if (c == '[' || c == '{') {
        s->edepth++;
        s->eclosed = 0;
        if (s->edepth > GT_JSONSCAN_DEPTH && s->ebad == NULL) {
            s->ebad = "json-depth";
            gt_buf_release(&s->elem);
        }
    } else if (c == ']' || c == '}') {
        if (s->edepth == 0) {
            return 1;
        }
        s->edepth--;
        s->eclosed = s->edepth == 0;
    } else if (c == ',') {
        if (s->edepth == 0) {
            return 1;
        }
    } else if (!is_ws(c) && s->edepth == 0) {
        s->eclosed = 0;
    }
    return 0;
}

/* The split array closed (c is its closer). */
static int array_end(struct gt_jsonscan *s)
{
    s->phase = AFTER;
    if (s->hdepth == 0) {
        s->complete = 1; /* the document was the array */
    }
    return head_add(s, &s->split_close, 1);
}

int gt_jsonscan_feed(struct gt_jsonscan *s, const uint8_t *p, size_t n, uint64_t pos)
{
    size_t i, efrom = 0;
    int rc = GT_OK;

    if (!s->started) {
        s->started = 1;
        s->pos = pos;
    }
    for (i = 0; i < n && rc == GT_OK; i++, s->pos++) {
        uint8_t c = p[i];

        if (s->phase == DEAD) {
            continue;
        }
        if (s->phase == IN_ELEM) {
            if (s->in_str) {
                if (s->esc) {
                    s->esc = 0;
                } else if (c == '\\') {
                    s->esc = 1;
                } else if (c == '"') {
                    s->in_str = 0;
                }
                continue;
            }
            if (elem_byte(s, c)) {
                rc = elem_add(s, p + efrom, i - efrom);
                if (rc == GT_OK) {
                    rc = elem_end(s);
                }
                if (rc == GT_OK && c != ',') {
                    rc = array_end(s);
                }
            }
            continue;
        }
        if (s->phase == BETWEEN) {
            if (is_ws(c) || c == ',') {
                continue;
            }
            if (c == ']' || c == '}') {
                rc = array_end(s);
                continue;
            }
            s->phase = IN_ELEM;
            s->epos = s->pos;
            s->edepth = 0;
            s->eclosed = 0;
            s->ebad = NULL;
            efrom = i;
            (void)elem_byte(s, c);
            continue;
        }
        /* the envelope */
        if (s->in_str) {
            rc = head_add(s, &c, 1);
            if (s->esc) {
                s->esc = 0;
            } else if (c == '\\') {
                s->esc = 1;
            } else if (c == '"') {
                s->in_str = 0;
                s->kstate = 1;
                continue;
            }
            if (s->kn < sizeof s->kbuf) {
                s->kbuf[s->kn] = (char)c;
            }
            s->kn += s->kn <= sizeof s->kbuf ? 1 : 0;
            continue;
        }
        rc = head_byte(s, c);
    }
    if (rc == GT_OK && s->phase == IN_ELEM) {
        rc = elem_add(s, p + efrom, n - efrom);
    }
    return rc;
}

int gt_jsonscan_finish(struct gt_jsonscan *s)
{
    int rc = GT_OK, told = 0;

    if (s->phase == IN_ELEM) {
        if (s->ebad == NULL && !s->in_str && s->edepth == 0 && s->eclosed) {
            rc = elem_end(s); /* closed just before the cut */
        } else {
            if (s->ebad == NULL) {
                s->ebad = "json-truncated";
            }
            rc = elem_end(s);
            told = 1;
        }
    }
    if (rc == GT_OK && !s->complete && !told && s->phase != DEAD) {
        s->ops.reject(s->ud, "json-truncated", s->pos);
    }
    return rc;
}
