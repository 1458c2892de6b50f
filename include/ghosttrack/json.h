/*
 * json.h - the one streaming JSON scanner (src/util/jsonscan.c).
 *
 * Tracking archives are one big array in a small envelope: readsb's
 * aircraft.json ({"now":..,"aircraft":[...]}), trace_full ({"icao":..,
 * "trace":[...]}), Flightradar24 playback (..."flight":{..,"track":[...]}),
 * the traffic library's records ([{...},{...}]), AISHub ([{header},[...]]).
 * The scanner walks such a document in chunks of any size, follows JSON
 * strings and nesting (RFC 8259 §2-§7) without building a tree, and hands
 * each element of the one array it was told to split to a callback, with
 * the byte offset of the element's first byte.  Everything outside that
 * array (the "head": the envelope with the array's elements left out) is
 * kept too, so the caller can read the envelope's members with any JSON
 * parser once the array opens or the document ends.
 *
 * Memory is bounded by the caps given at init, not by the document: an
 * element longer than elem_max, or nested deeper than GT_JSONSCAN_DEPTH
 * inside the array, is skipped and reported by reason, and scanning goes
 * on with the next element.  A document cut short (a receiver mid-write)
 * has every element that closed before the cut handed over; the cut one is
 * reported as "json-truncated".
 *
 * The scanner checks the structure it needs (strings, brackets, the
 * commas between elements); it does not validate the grammar of an
 * element's content: that is the element parser's job (jansson).
 */
#ifndef GT_JSON_H
#define GT_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/err.h"

/* Nesting levels allowed inside one element of the split array (tracking
 * formats nest 3 deep; jansson itself stops at 2,048). */
#define GT_JSONSCAN_DEPTH 512

/* Nesting levels allowed around the split array (the envelope). */
#define GT_JSONSCAN_HEAD_DEPTH 32

/* Default caps: one element, the envelope. */
#define GT_JSONSCAN_ELEM_MAX (1u << 20)
#define GT_JSONSCAN_HEAD_MAX (1u << 20)

/* What the scanner calls.  Each callback returns GT_OK to go on or a
 * negative error, which feed/finish return at once.  ud is the caller's. */
struct gt_jsonscan_ops {
    /* The split array just opened (optional, may be NULL): head[0..n) is
     * the document up to it, closed into valid JSON with the array empty
     * (for {"now":1,"aircraft":[ it is {"now":1,"aircraft":[]}).  NULL
     * with n 0 when the head passed its cap. */
    int (*open)(void *ud, const char *head, size_t n);
    /* One complete element, p[0..n) (borrowed until the callback returns;
     * trailing white space left out), its first byte at offset pos of the
     * content. */
    int (*elem)(void *ud, const char *p, size_t n, uint64_t pos);
    /* An element (or the document) that cannot be handed over: reason is
     * "json-depth", "json-element-too-large" or "json-truncated". */
    void (*reject)(void *ud, const char *reason, uint64_t pos);
};

/* Scanner state; fields are private to jsonscan.c. */
struct gt_jsonscan {
    const char *key; /* split the array value of the first member named key, or */
    int at_depth;    /* (key NULL) the first array opening at this envelope depth */
    size_t klen;
    struct gt_jsonscan_ops ops;
    void *ud;
    uint64_t pos;    /* content offset of the next byte */
    int started;     /* pos set from the first feed */
    int in_str, esc; /* inside a string, after a backslash */
    int phase;       /* before the array, between its elements, in one, after it, dead */
    char stack[GT_JSONSCAN_HEAD_DEPTH]; /* open containers of the envelope */
    int hdepth;                         /* entries of stack */
    int complete;                       /* the top-level value closed */
    char kbuf[64];                      /* the last envelope string, for key matching */
    size_t kn;
    int kstate;       /* 0 nothing, 1 a string just closed, 2 string and ':' */
    size_t edepth;    /* nesting inside the current element */
    int eclosed;      /* the element's last token closed a container */
    uint64_t epos;    /* offset of the current element */
    const char *ebad; /* why the current element is being skipped, or NULL */
    struct gt_buf elem, head, closed;
    int head_over;    /* the head passed its cap */
    char split_close; /* ']', or '}' when the split container is an object */
};

/* Set up s to split the array value of the first object member named key
 * (at any depth of the envelope) or, with key NULL, the first array that
 * opens at envelope depth at_depth (0: the document is the array; 1: an
 * array inside the top-level value, as AISHub's [{header},[...]]), or with
 * at_depth -1 the members of the top-level object (each element is then
 * one member, "name":value, as pandas' columns layout needs).
 * elem_max and head_max cap the element and envelope buffers (bytes).  key
 * is borrowed and must outlive s.  Allocates nothing. */
void gt_jsonscan_init(struct gt_jsonscan *s, const char *key, int at_depth, size_t elem_max,
                      size_t head_max, const struct gt_jsonscan_ops *ops, void *ud);

/* Scan the next n bytes of the document; pos is the content offset of p[0]
 * (only the first call's is used: later chunks follow on).  Returns GT_OK,
 * GT_ERR_NOMEM or a callback's error. */
GT_MUST_CHECK int gt_jsonscan_feed(struct gt_jsonscan *s, const uint8_t *p, size_t n, uint64_t pos);

/* End of the document: an element still open is handed over when it is
 * complete (its container closed), else reported as "json-truncated"; a
 * document whose top-level value never closed is reported as
 * "json-truncated" once.  Returns GT_OK or a callback's error. */
GT_MUST_CHECK int gt_jsonscan_finish(struct gt_jsonscan *s);

/* Did the split array open? */
int gt_jsonscan_opened(const struct gt_jsonscan *s);

/* Did the document's top-level value close? */
int gt_jsonscan_complete(const struct gt_jsonscan *s);

/* The envelope seen so far closed into JSON (see ops.open), in *n bytes;
 * NULL when it passed its cap or memory ran out.  Borrowed: valid until the
 * next call on s. */
const char *gt_jsonscan_head(struct gt_jsonscan *s, size_t *n);

/* Free the buffers; s may be set up again with gt_jsonscan_init(). */
void gt_jsonscan_release(struct gt_jsonscan *s);

#endif /* GT_JSON_H */
