/*
 * html_json.c - copying an event's detail JSON into the report safely.
 *
 * Detail objects are written by detectors, but they carry text from the air
 * (an identity event's old and new vessel name) and may come back from a
 * store written by another version.  Before the text goes inside the page's
 * <script type="application/json"> block it is checked against the JSON
 * grammar (RFC 8259 section 2-7) and every "<", ">", "&", U+2028 and U+2029
 * inside a string is rewritten as a \u escape, which JSON.parse reads back
 * as the same character.  Outside strings those characters cannot occur in
 * valid JSON, so after this no "</script" can end the block early.  Text
 * that is not valid JSON is kept, escaped, as a string.
 */
#include <string.h>

#include "ghosttrack/esc.h"
#include "report_int.h"

#define MAX_DEPTH 64

struct cur {
    const char *s;
    size_t n, i;
};

static void skip_ws(struct cur *c)
{
    while (c->i < c->n &&
           (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\n' || c->s[c->i] == '\r')) {
        c->i++;
    }
}

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static int is_hex(char ch)
{
    return is_digit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

static int lit(struct cur *c, const char *w)
{
    size_t k = strlen(w);

    if (c->n - c->i < k || memcmp(c->s + c->i, w, k) != 0) {
        return 0;
    }
    c->i += k;
    return 1;
}

static int string(struct cur *c)
{
    c->i++; /* opening quote */
    while (c->i < c->n) {
        unsigned char ch = (unsigned char)c->s[c->i];
        if (ch == '"') {
            c->i++;
            return 1;
        }
        if (ch < 0x20) {
            return 0;
        }
        if (ch == '\\') {
            char e;
            if (c->i + 1 >= c->n) {
                return 0;
            }
            e = c->s[c->i + 1];
            if (e == 'u') {
                size_t k;
                if (c->n - c->i < 6) {
                    return 0;
                }
                for (k = 2; k < 6; k++) {
                    if (!is_hex(c->s[c->i + k])) {
                        return 0;
                    }
                }
                c->i += 6;
                continue;
            }
            if (strchr("\"\\/bfnrt", e) == NULL || e == '\0') {
                return 0;
            }
            c->i += 2;
            continue;
        }
        c->i++;
    }
    return 0;
}

static int digits(struct cur *c)
{
    size_t start = c->i;

    while (c->i < c->n && is_digit(c->s[c->i])) {
        c->i++;
    }
    return c->i > start;
}

static int number(struct cur *c)
{
    if (c->s[c->i] == '-') {
        c->i++;
    }
    if (c->i < c->n && c->s[c->i] == '0') {
        c->i++;
    } else if (!digits(c)) {
        return 0;
    }
    if (c->i < c->n && c->s[c->i] == '.') {
        c->i++;
        if (!digits(c)) {
            return 0;
        }
    }
    if (c->i < c->n && (c->s[c->i] == 'e' || c->s[c->i] == 'E')) {
        c->i++;
        if (c->i < c->n && (c->s[c->i] == '+' || c->s[c->i] == '-')) {
            c->i++;
        }
        if (!digits(c)) {
            return 0;
        }
    }
    return 1;
}

static int value(struct cur *c, int depth);

/* Members of an object or elements of an array, after the opening bracket. */
static int members(struct cur *c, int depth, char close, int keyed)
{
    skip_ws(c);
    if (c->i < c->n && c->s[c->i] == close) {
        c->i++;
        return 1;
    }
    for (;;) {
        skip_ws(c);
        if (keyed) {
            if (c->i >= c->n || c->s[c->i] != '"' || !string(c)) {
                return 0;
            }
            skip_ws(c);
            if (c->i >= c->n || c->s[c->i] != ':') {
                return 0;
            }
            c->i++;
        }
        if (!value(c, depth + 1)) {
            return 0;
        }
        skip_ws(c);
        if (c->i >= c->n) {
            return 0;
        }
        if (c->s[c->i] == close) {
            c->i++;
            return 1;
        }
        if (c->s[c->i] != ',') {
            return 0;
        }
        c->i++;
    }
}

static int value(struct cur *c, int depth)
{
    if (depth > MAX_DEPTH) {
        return 0;
    }
    skip_ws(c);
    if (c->i >= c->n) {
        return 0;
    }
    switch (c->s[c->i]) {
    case '{':
        c->i++;
        return members(c, depth, '}', 1);
    case '[':
        c->i++;
        return members(c, depth, ']', 0);
    case '"':
        return string(c);
    case 't':
        return lit(c, "true");
    case 'f':
        return lit(c, "false");
    case 'n':
        return lit(c, "null");
    default:
        return number(c);
    }
}

static int valid_json(const char *s, size_t n)
{
    struct cur c = {s, n, 0};

    if (!value(&c, 0)) {
        return 0;
    }
    skip_ws(&c);
    return c.i == n;
}

int gt__html_json_safe(struct gt_buf *b, const char *s, size_t n)
{
    size_t i, from = 0;
    int rc = GT_OK;

    if (!valid_json(s, n)) {
        rc = gt_buf_addstr(b, "{\"unparsed\":");
        if (rc == GT_OK) {
            rc = gt_esc_json(b, s, n);
        }
        return rc == GT_OK ? gt_buf_addstr(b, "}") : rc;
    }
    /* Valid JSON: "<", ">", "&" and the E2 80 A8/A9 sequences can only be
     * inside strings, where a \u escape means the same character. */
    for (i = 0; rc == GT_OK && i < n; i++) {
        const char *rep = NULL;
        size_t skip = 1;
        unsigned char ch = (unsigned char)s[i];
        if (ch == '<') {
            rep = "\\u003c";
        } else if (ch == '>') {
            rep = "\\u003e";
        } else if (ch == '&') {
            rep = "\\u0026";
        } else if (ch == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9)) {
            rep = (unsigned char)s[i + 2] == 0xa8 ? "\\u2028" : "\\u2029";
            skip = 3;
        }
        if (rep != NULL) {
            rc = gt_buf_add(b, s + from, i - from);
            if (rc == GT_OK) {
                rc = gt_buf_addstr(b, rep);
            }
            i += skip - 1;
            from = i + 1;
        }
    }
    if (rc == GT_OK) {
        rc = gt_buf_add(b, s + from, n - from);
    }
    return rc;
}
