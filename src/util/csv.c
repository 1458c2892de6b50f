/*
 * csv.c - the one RFC 4180 record splitter (see csv.h).
 *
 * A small state machine over bytes: between fields (open 0), inside a
 * quoted field (open 1), after a quoted field's closing quote (open 2).
 * Field text is unquoted into c->buf one field after another, each
 * NUL-terminated; c->f points into it.  Nothing is allocated.
 */
#include "ghosttrack/csv.h"

#include <string.h>

void gt_csv_init(struct gt_csv *c, unsigned flags)
{
    c->n = 0;
    c->dropped = 0;
    c->flags = flags;
    c->started = 0;
    c->open = 0;
    c->lines = 0;
    c->len = 0;
    c->start = 0;
    c->buf[0] = '\0';
}

void gt_csv_reset(struct gt_csv *c)
{
    c->n = 0;
    c->dropped = 0;
    c->open = 0;
    c->lines = 0;
    c->len = 0;
    c->start = 0;
}

int gt_csv_pending(const struct gt_csv *c)
{
    return c->open == 1;
}

/* Append one byte of field text, keeping room for the field's NUL. */
static int put(struct gt_csv *c, char ch)
{
    if (c->len + 1 >= GT_CSV_RECORD_MAX) {
        return -1;
    }
    c->buf[c->len++] = ch;
    return 0;
}

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* Close the current field: NUL-terminate it and record it. */
static void end_field(struct gt_csv *c)
{
    char *s = c->buf + c->start;
    size_t k = c->len - c->start;

    c->buf[c->len] = '\0'; /* put() always leaves room for it */
    if (c->flags & GT_CSV_TRIM) {
        while (k > 0 && is_blank(s[k - 1])) {
            s[--k] = '\0';
        }
        while (k > 0 && is_blank(*s)) {
            s++;
            k--;
        }
    }
    if (c->n < GT_CSV_MAX_FIELDS) {
        c->f[c->n].p = s;
        c->f[c->n].n = k;
        c->f[c->n].quoted = c->open != 0;
        c->n++;
    } else {
        c->dropped++;
    }
    c->len++;
    c->start = c->len;
    c->open = 0;
}

int gt_csv_line(struct gt_csv *c, const uint8_t *p, size_t n)
{
    size_t i = 0;

    if (!c->started) {
        c->started = 1;
        if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
            i = 3;
        }
    }
    if (n > i && p[n - 1] == '\n') {
        n--;
    }
    if (n > i && p[n - 1] == '\r') {
        n--;
    }
    if (c->open == 1) {
        /* A quoted field goes on: the line break is part of its text. */
        if (c->lines >= GT_CSV_MAX_LINES || put(c, '\n') < 0) {
            gt_csv_reset(c);
            return GT_ERR_TOOBIG;
        }
    } else {
        gt_csv_reset(c);
        if (i == n) {
            return 1; /* a blank line: no fields */
        }
    }
    c->lines++;
    for (; i < n; i++) {
        char ch = (char)p[i];
        if (c->open == 1) {
            if (ch == '"') {
                if (i + 1 < n && p[i + 1] == '"') {
                    i++;
                } else {
                    c->open = 2;
                    continue;
                }
            }
        } else if (ch == ',') {
            if (c->len + 1 >= GT_CSV_RECORD_MAX) {
                gt_csv_reset(c);
                return GT_ERR_TOOBIG;
            }
            end_field(c);
            continue;
        } else if (ch == '"' && c->open == 0 && c->len == c->start) {
            c->open = 1;
            continue;
        }
        if (put(c, ch) < 0) {
            gt_csv_reset(c);
            return GT_ERR_TOOBIG;
        }
    }
    if (c->open == 1) {
        return 0;
    }
    end_field(c);
    return 1;
}

int gt_csv_next(struct gt_csv *c, const uint8_t *p, size_t n, size_t *pos)
{
    for (;;) {
        const uint8_t *line, *nl;
        size_t len;
        int rc;

        if (*pos >= n) {
            if (c->open == 1) {
                end_field(c); /* an unterminated quote ends with the input */
                return 1;
            }
            return 0;
        }
        line = p + *pos;
        nl = memchr(line, '\n', n - *pos);
        len = nl != NULL ? (size_t)(nl - line) + 1 : n - *pos;
        *pos += len;
        rc = gt_csv_line(c, line, len);
        if (rc != 0) {
            return rc;
        }
    }
}

int gt_csv_eq(const struct gt_csv_field *f, const char *s)
{
    size_t i, k = strlen(s);

    if (f->n != k) {
        return 0;
    }
    for (i = 0; i < k; i++) {
        char a = f->p[i], b = s[i];
        if (a >= 'A' && a <= 'Z') {
            a = (char)(a - 'A' + 'a');
        }
        if (b >= 'A' && b <= 'Z') {
            b = (char)(b - 'A' + 'a');
        }
        if (a != b) {
            return 0;
        }
    }
    return 1;
}

int gt_csv_find(const struct gt_csv *c, const char *name)
{
    size_t i;

    for (i = 0; i < c->n; i++) {
        if (gt_csv_eq(&c->f[i], name)) {
            return (int)i;
        }
    }
    return -1;
}

const char *gt_csv_get(const struct gt_csv *c, size_t i)
{
    return i < c->n ? c->f[i].p : "";
}
