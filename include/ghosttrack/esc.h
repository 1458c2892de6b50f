/*
 * esc.h - escaping text for every output format ghosttrack writes.
 *
 * Ship names, callsigns and destinations come from the air and are
 * attacker-controlled: `</script><img src=x onerror=alert(1)>` is a valid AIS
 * vessel name as far as a transmitter is concerned.  Every string that leaves
 * ghosttrack goes through one of these functions, chosen by the output
 * format.  Each appends to a bounded struct gt_buf and returns GT_OK,
 * GT_ERR_NOMEM or GT_ERR_TOOBIG (and the buffer is released on error, as
 * with every gt_buf_add*).
 *
 * Input is bytes of length n, not necessarily NUL-terminated nor valid UTF-8:
 * invalid UTF-8 sequences become U+FFFD, so every output is valid UTF-8.
 */
#ifndef GT_ESC_H
#define GT_ESC_H

#include <stddef.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/err.h"

/* Append s as a JSON string literal, quotes included (RFC 8259): '"', '\\'
 * and control characters escaped; '<', '>', '&' and U+2028/U+2029 also
 * escaped as \u00XX so the text is safe inside an HTML <script> block. */
int gt_esc_json(struct gt_buf *b, const char *s, size_t n);

/* Append s escaped for XML or HTML text and attribute values (KML, GPX,
 * HTML): & < > " ' become entities; control characters other than tab, LF
 * and CR, which XML 1.0 forbids, are dropped. */
int gt_esc_xml(struct gt_buf *b, const char *s, size_t n);

/* Append s as one CSV field (RFC 4180): quoted when it holds a comma, quote,
 * CR or LF, with quotes doubled.  A field starting with = + - @, tab or CR
 * is prefixed with a single quote so spreadsheets do not run it as a
 * formula (OWASP "CSV injection"). */
int gt_esc_csv(struct gt_buf *b, const char *s, size_t n);

/* Append s with invalid UTF-8 replaced by U+FFFD and other bytes unchanged;
 * control characters other than tab become spaces: C0, DEL, C1
 * (U+0080..U+009F) and the bidirectional embedding, override and isolate
 * controls (U+202A..U+202E, U+2066..U+2069).  For one field of a
 * plain-text table. */
int gt_esc_text(struct gt_buf *b, const char *s, size_t n);

/* Append s, text about to reach a terminal, with invalid UTF-8 and every
 * control character gt_esc_text() replaces, except tab and newline, shown
 * as U+FFFD: nothing from the data can move the cursor, recolour, retitle
 * or reorder the screen.  For whole lines of output. */
int gt_esc_term(struct gt_buf *b, const char *s, size_t n);

/* Return how many of the n bytes at s end on a UTF-8 sequence boundary:
 * n, or less when the last bytes are the start of a sequence that is cut
 * (a writer passing text on in pieces keeps them for the next piece). */
size_t gt_esc_utf8_complete(const char *s, size_t n);

#endif /* GT_ESC_H */
