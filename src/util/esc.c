/*
 * esc.c - escaping for JSON, XML/HTML, CSV and plain text (see esc.h).
 *
 * One UTF-8 walker feeds all four: it yields code points and turns every
 * malformed, overlong or surrogate sequence into U+FFFD (Unicode 15, section
 * 3.9, "best practice" of one replacement per maximal bad subpart is not
 * needed here; one per bad byte is safe and simple).
 */
#include "ghosttrack/esc.h"

#include <stdint.h>
#include <stdio.h>

#define REPLACEMENT 0xfffdu

/* Decode one code point at s[*i]; advance *i past it. */
static uint32_t next_cp(const unsigned char *s, size_t n, size_t *i)
{
    unsigned char c = s[*i];
    uint32_t cp, min;
    size_t len, k;

    if (c < 0x80) {
        (*i)++;
        return c;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2, cp = c & 0x1fu, min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3, cp = c & 0x0fu, min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4, cp = c & 0x07u, min = 0x10000;
    } else {
        (*i)++;
        return REPLACEMENT;
    }
    if (*i + len > n) {
        (*i)++;
        return REPLACEMENT;
    }
    for (k = 1; k < len; k++) {
        unsigned char cc = s[*i + k];
        if ((cc & 0xc0) != 0x80) {
            (*i)++;
            return REPLACEMENT;
        }
        cp = (cp << 6) | (cc & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        (*i)++;
        return REPLACEMENT;
    }
    *i += len;
    return cp;
}

/* Append code point cp as UTF-8. */
static int put_cp(struct gt_buf *b, uint32_t cp)
{
    char u[4];
    size_t len;

    if (cp < 0x80) {
        u[0] = (char)cp;
        len = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xc0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3f));
        len = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xe0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f));
        len = 3;
    } else {
        u[0] = (char)(0xf0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[3] = (char)(0x80 | (cp & 0x3f));
        len = 4;
    }
    return gt_buf_add(b, u, len);
}

int gt_esc_json(struct gt_buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    int rc = gt_buf_add(b, "\"", 1);

    while (rc == GT_OK && i < n) {
        uint32_t cp = next_cp(u, n, &i);
        char esc[8];
        switch (cp) {
        case '"':
            rc = gt_buf_add(b, "\\\"", 2);
            break;
        case '\\':
            rc = gt_buf_add(b, "\\\\", 2);
            break;
        case '\n':
            rc = gt_buf_add(b, "\\n", 2);
            break;
        case '\r':
            rc = gt_buf_add(b, "\\r", 2);
            break;
        case '\t':
            rc = gt_buf_add(b, "\\t", 2);
            break;
        default:
            if (cp < 0x20 || cp == '<' || cp == '>' || cp == '&' || cp == 0x7f || cp == 0x2028 ||
                cp == 0x2029) {
                snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
                rc = gt_buf_add(b, esc, 6);
            } else {
                rc = put_cp(b, cp);
            }
        }
    }
    return rc == GT_OK ? gt_buf_add(b, "\"", 1) : rc;
}

int gt_esc_xml(struct gt_buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    int rc = GT_OK;

    while (rc == GT_OK && i < n) {
        uint32_t cp = next_cp(u, n, &i);
        switch (cp) {
        case '&':
            rc = gt_buf_add(b, "&amp;", 5);
            break;
        case '<':
            rc = gt_buf_add(b, "&lt;", 4);
            break;
        case '>':
            rc = gt_buf_add(b, "&gt;", 4);
            break;
        case '"':
            rc = gt_buf_add(b, "&quot;", 6);
            break;
        case '\'':
            rc = gt_buf_add(b, "&#39;", 5);
            break;
        default:
            if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7f ||
                cp == 0xfffe || cp == 0xffff) {
                break; /* not allowed in XML 1.0 */
            }
            rc = put_cp(b, cp);
        }
    }
    return rc;
}

int gt_esc_csv(struct gt_buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i;
    int quote = 0, rc = GT_OK;

    for (i = 0; i < n; i++) {
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r') {
            quote = 1;
        }
    }
    if (quote) {
        rc = gt_buf_add(b, "\"", 1);
    }
    if (rc == GT_OK && n > 0 &&
        (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
         s[0] == '\r')) {
        rc = gt_buf_add(b, "'", 1);
    }
    i = 0;
    while (rc == GT_OK && i < n) {
        uint32_t cp = next_cp(u, n, &i);
        if (cp == '"') {
            rc = gt_buf_add(b, "\"\"", 2);
        } else {
            rc = put_cp(b, cp);
        }
    }
    if (rc == GT_OK && quote) {
        rc = gt_buf_add(b, "\"", 1);
    }
    return rc;
}

/* A code point a terminal acts on instead of showing: C0 controls (ESC
 * starts ECMA-48 sequences that move the cursor, recolour, retitle the
 * window or, on some terminals, answer back), DEL, the C1 controls
 * U+0080..U+009F (U+009B is CSI on terminals that honour 8-bit C1), and
 * the bidirectional embedding, override and isolate controls U+202A..U+202E
 * and U+2066..U+2069 that reorder what follows on the line (Unicode UAX #9;
 * CVE-2021-42574 "Trojan Source"). */
static int is_term_control(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

int gt_esc_text(struct gt_buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    int rc = GT_OK;

    while (rc == GT_OK && i < n) {
        uint32_t cp = next_cp(u, n, &i);
        if (cp != '\t' && is_term_control(cp)) {
            cp = ' ';
        }
        rc = put_cp(b, cp);
    }
    return rc;
}

int gt_esc_term(struct gt_buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    int rc = GT_OK;

    while (rc == GT_OK && i < n) {
        uint32_t cp = next_cp(u, n, &i);
        if (cp != '\t' && cp != '\n' && is_term_control(cp)) {
            cp = REPLACEMENT;
        }
        rc = put_cp(b, cp);
    }
    return rc;
}

size_t gt_esc_utf8_complete(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k, back = n < 3 ? n : 3;

    /* a lead byte in the last three whose sequence runs past the end */
    for (k = 1; k <= back; k++) {
        unsigned char c = u[n - k];
        if ((c & 0xc0) == 0x80) {
            continue; /* a continuation byte: look further back */
        }
        if ((c >= 0xc2 && c <= 0xdf && k < 2) || (c >= 0xe0 && c <= 0xef && k < 3) ||
            (c >= 0xf0 && c <= 0xf4 && k < 4)) {
            return n - k;
        }
        return n;
    }
    return n;
}
