/*
 * fuzz_esc.c - the escapers (src/util/esc.c) on any bytes.  Each output is
 * valid UTF-8 and safe for its format:
 *   JSON   one string literal: no raw control character, quote, backslash
 *          escape error, '<', '>' or '&' (safe inside <script>);
 *   XML    no raw '<', '>', '"', '\'' and every '&' starts an entity; no
 *          control character XML 1.0 forbids;
 *   CSV    quoted when it must be, quotes doubled inside, no formula lead;
 *   text   no control character but tab (C0, DEL, C1, bidi controls);
 *   term   the same, newlines kept.
 * gt_esc_utf8_complete() never cuts inside a valid sequence.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ghosttrack/buf.h"
#include "ghosttrack/esc.h"

/* Walk s as UTF-8; abort on an invalid sequence; call check per code point. */
static void walk(const unsigned char *s, size_t n, void (*check)(uint32_t cp, void *), void *ud)
{
    size_t i = 0;

    while (i < n) {
        unsigned char c = s[i];
        uint32_t cp;
        size_t len, k;
        if (c < 0x80) {
            cp = c, len = 1;
        } else if (c >= 0xc2 && c <= 0xdf) {
            cp = c & 0x1fu, len = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            cp = c & 0x0fu, len = 3;
        } else if (c >= 0xf0 && c <= 0xf4) {
            cp = c & 0x07u, len = 4;
        } else {
            abort();
        }
        if (i + len > n) {
            abort();
        }
        for (k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80) {
                abort();
            }
            cp = (cp << 6) | (s[i + k] & 0x3fu);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff)) {
            abort();
        }
        if (check != NULL) {
            check(cp, ud);
        }
        i += len;
    }
}

static int term_control(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

static void check_json(uint32_t cp, void *ud)
{
    (void)ud;
    if (cp < 0x20 || cp == '<' || cp == '>' || cp == '&' || cp == 0x7f || cp == 0x2028 ||
        cp == 0x2029) {
        abort();
    }
}

static void check_xml(uint32_t cp, void *ud)
{
    (void)ud;
    if (cp == '<' || cp == '>' || cp == '"' || cp == '\'' ||
        (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7f) {
        abort();
    }
}

static void check_text(uint32_t cp, void *ud)
{
    (void)ud;
    if (cp != '\t' && term_control(cp)) {
        abort();
    }
}

static void check_term(uint32_t cp, void *ud)
{
    (void)ud;
    if (cp != '\t' && cp != '\n' && term_control(cp)) {
        abort();
    }
}

static void json_literal(const char *s, size_t n)
{
    size_t i;

    if (n < 2 || s[0] != '"' || s[n - 1] != '"') {
        abort();
    }
    for (i = 1; i + 1 < n; i++) {
        if (s[i] == '"') {
            abort(); /* an unescaped quote inside */
        }
        if (s[i] == '\\') {
            i++;
            if (i + 1 >= n || strchr("\"\\/bfnrtu", s[i]) == NULL) {
                abort();
            }
        }
    }
}

static void xml_entities(const char *s, size_t n)
{
    static const char *const ent[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
    size_t i, k;

    for (i = 0; i < n; i++) {
        if (s[i] != '&') {
            continue;
        }
        for (k = 0; k < 5; k++) {
            if (n - i >= strlen(ent[k]) && memcmp(s + i, ent[k], strlen(ent[k])) == 0) {
                break;
            }
        }
        if (k == 5) {
            abort();
        }
    }
}

static void csv_field(const char *s, size_t n)
{
    size_t i;
    int quoted = n >= 2 && s[0] == '"' && s[n - 1] == '"';
    const char *body = quoted ? s + 1 : s;
    size_t bn = quoted ? n - 2 : n;

    for (i = 0; i < bn; i++) {
        if (!quoted && (body[i] == ',' || body[i] == '"' || body[i] == '\n' || body[i] == '\r')) {
            abort();
        }
        if (quoted && body[i] == '"') {
            if (i + 1 >= bn || body[i + 1] != '"') {
                abort();
            }
            i++;
        }
    }
    if (bn > 0 && body[0] != '\0' && strchr("=+-@\t\r", body[0]) != NULL) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct gt_buf b;
    size_t keep;

    gt_buf_init(&b, 1u << 24);
    if (gt_esc_json(&b, s, size) == GT_OK) {
        walk((const unsigned char *)gt_buf_str(&b), gt_buf_len(&b), check_json, NULL);
        json_literal(gt_buf_str(&b), gt_buf_len(&b));
    }
    gt_buf_release(&b);

    gt_buf_init(&b, 1u << 24);
    if (gt_esc_xml(&b, s, size) == GT_OK) {
        walk((const unsigned char *)gt_buf_str(&b), gt_buf_len(&b), check_xml, NULL);
        xml_entities(gt_buf_str(&b), gt_buf_len(&b));
    }
    gt_buf_release(&b);

    gt_buf_init(&b, 1u << 24);
    if (gt_esc_csv(&b, s, size) == GT_OK) {
        walk((const unsigned char *)gt_buf_str(&b), gt_buf_len(&b), NULL, NULL);
        csv_field(gt_buf_str(&b), gt_buf_len(&b));
    }
    gt_buf_release(&b);

    gt_buf_init(&b, 1u << 24);
    if (gt_esc_text(&b, s, size) == GT_OK) {
        walk((const unsigned char *)gt_buf_str(&b), gt_buf_len(&b), check_text, NULL);
    }
    gt_buf_release(&b);

    gt_buf_init(&b, 1u << 24);
    if (gt_esc_term(&b, s, size) == GT_OK) {
        walk((const unsigned char *)gt_buf_str(&b), gt_buf_len(&b), check_term, NULL);
    }
    gt_buf_release(&b);

    /* the cut point: never past the end, never more than 3 bytes short, and
     * a valid sequence is never cut (the escaped text ends on a boundary) */
    keep = gt_esc_utf8_complete(s, size);
    if (keep > size || size - keep > 3) {
        abort();
    }
    gt_buf_init(&b, 1u << 24);
    if (gt_esc_term(&b, s, size) == GT_OK &&
        gt_esc_utf8_complete(gt_buf_str(&b), gt_buf_len(&b)) != gt_buf_len(&b)) {
        abort();
    }
    gt_buf_release(&b);
    return 0;
}
