/*
 * csv.h - the one CSV record splitter (RFC 4180) every CSV reader uses:
 * reference files (airports, aircraft databases), the AIS archives
 * (MarineCadastre, DMA, generic position CSV), the flight archives (OpenSky,
 * Flightradar24) and the store's aircraft table loader.
 *
 * What it accepts, after RFC 4180 section 2:
 *   - fields separated by commas, records by LF or CR LF (a CR before the
 *     line end is dropped);
 *   - a field that starts with '"' is quoted: it may hold commas, doubled
 *     quotes ("" stands for one ") and line breaks; text after its closing
 *     quote and before the next comma is kept (lenient, as most readers);
 *   - a '"' inside an unquoted field is an ordinary character;
 *   - a UTF-8 byte-order mark before the first record is skipped.
 *
 * Fields are unquoted into the splitter's own fixed buffer and
 * NUL-terminated, so a splitter allocates nothing and hostile input can at
 * most fill GT_CSV_RECORD_MAX bytes; a longer record, or a quoted field
 * still open after GT_CSV_MAX_LINES lines, is refused (GT_ERR_TOOBIG) and
 * the splitter starts afresh on the next line.  Fields past
 * GT_CSV_MAX_FIELDS are counted in `dropped`, not stored.
 *
 * Two ways to feed it: line by line (gt_csv_line(): the ingest framing
 * hands over physical lines; a record whose quoted field spans lines
 * completes on a later call), or a whole buffer (gt_csv_next()).
 */
#ifndef GT_CSV_H
#define GT_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"

#define GT_CSV_MAX_FIELDS 128   /* fields stored per record */
#define GT_CSV_RECORD_MAX 16384 /* unquoted bytes per record, NULs included */
#define GT_CSV_MAX_LINES  64    /* physical lines one record may span */

enum gt_csv_flags {
    GT_CSV_TRIM = (1u << 0) /* strip spaces and tabs around each field */
};

/* One field: p is NUL-terminated inside the splitter (valid until the next
 * call that feeds it), n its length in bytes. */
struct gt_csv_field {
    const char *p;
    size_t n;
    int quoted; /* 1 when the field was quoted */
};

/* A splitter; set it up with gt_csv_init().  After a call returns a record,
 * f[0..n) are its fields.  A blank line is a record of no fields (n 0). */
struct gt_csv {
    size_t n;       /* fields in the record (at most GT_CSV_MAX_FIELDS) */
    size_t dropped; /* fields of the record past GT_CSV_MAX_FIELDS */
    struct gt_csv_field f[GT_CSV_MAX_FIELDS];
    /* private */
    unsigned flags;
    int started;  /* a line has been seen (the BOM is looked for once) */
    int open;     /* 0: between records; 1: inside a quoted field; 2: after its closing quote */
    size_t lines; /* physical lines of the record so far */
    size_t len;   /* bytes used in buf */
    size_t start; /* where the current field starts in buf */
    char buf[GT_CSV_RECORD_MAX];
};

/* Set up c with flags (enum gt_csv_flags). */
void gt_csv_init(struct gt_csv *c, unsigned flags);

/* Feed one physical line p[0..n) (its LF or CR LF may be included or
 * not).  Returns 1 when a record is complete (c->n, c->f), 0 when a quoted
 * field goes on to the next line (feed it), GT_ERR_TOOBIG when the record
 * is too long or spans too many lines (it is dropped). */
GT_MUST_CHECK int gt_csv_line(struct gt_csv *c, const uint8_t *p, size_t n);

/* Return 1 when a record begun by gt_csv_line() waits for more lines (a
 * quoted field is still open), else 0.  At the end of the input such a
 * record is unterminated: gt_csv_reset() drops it. */
int gt_csv_pending(const struct gt_csv *c);

/* Drop any partial record; the next line starts a new one. */
void gt_csv_reset(struct gt_csv *c);

/* Read the record starting at *pos of the whole buffer p[0..n) and move
 * *pos past it.  Returns 1 when a record was read, 0 at the end of the
 * input, GT_ERR_TOOBIG for a record that was too long (skipped; call again
 * for the next).  A quoted field still open at the end of the input ends
 * there (the record is returned). */
GT_MUST_CHECK int gt_csv_next(struct gt_csv *c, const uint8_t *p, size_t n, size_t *pos);

/* Return the index of the first field equal to name, ignoring ASCII case,
 * or -1. */
int gt_csv_find(const struct gt_csv *c, const char *name);

/* Return 1 when f equals s, ignoring ASCII case, else 0. */
int gt_csv_eq(const struct gt_csv_field *f, const char *s);

/* Return field i's text, or "" when the record has no field i. */
const char *gt_csv_get(const struct gt_csv *c, size_t i);

#endif /* GT_CSV_H */
