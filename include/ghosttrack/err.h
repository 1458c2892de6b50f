/*
 * err.h - error codes shared by every ghosttrack module.
 *
 * Functions return int: 0 (GT_OK) on success, a negative enum gt_err on
 * failure.  A positive value means something only where a header says so
 * (usually a count).  The codes come from one X-macro list, GT_ERR_MAP, which
 * also generates gt_strerror() and gt_errname() so the three can never drift
 * apart (the model is libuv's UV_ERRNO_MAP).
 *
 * Decoders separate GT_ERR_BADDATA (reject the input and count it) from
 * GT_ERR_AGAIN (the input is fine so far; more bytes, the other CPR half or
 * the next AIS fragment is needed).
 */
#ifndef GT_ERR_H
#define GT_ERR_H

#if defined(__GNUC__) || defined(__clang__)
#define GT_MUST_CHECK   __attribute__((warn_unused_result))
#define GT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define GT_MUST_CHECK
#define GT_PRINTF(a, b)
#endif

/* X(name, value, message) */
#define GT_ERR_MAP(X)                                                                              \
    X(NOMEM, -1, "out of memory")                                                                  \
    X(INVAL, -2, "invalid argument")                                                               \
    X(BADDATA, -3, "malformed input")                                                              \
    X(AGAIN, -4, "more input needed")                                                              \
    X(TOOBIG, -5, "size limit exceeded")                                                           \
    X(CHECKSUM, -6, "checksum mismatch")                                                           \
    X(UNSUPPORTED, -7, "unsupported input")                                                        \
    X(NOTFOUND, -8, "not found")                                                                   \
    X(IO, -9, "input/output error")                                                                \
    X(EOF, -10, "end of input")                                                                    \
    X(RANGE, -11, "value out of range")                                                            \
    X(DB, -12, "database error")                                                                   \
    X(NOTIMPL, -13, "not implemented")                                                             \
    X(EXISTS, -14, "already exists")                                                               \
    X(FULL, -15, "queue full")

enum gt_err {
    GT_OK = 0,
#define GT__ERR_ENUM(name, val, msg) GT_ERR_##name = (val),
    GT_ERR_MAP(GT__ERR_ENUM)
#undef GT__ERR_ENUM
};

/* Return a static, human-readable message for an error code ("out of
 * memory").  Unknown codes give "unknown error"; GT_OK gives "success". */
const char *gt_strerror(int err);

/* Return the static symbolic name of an error code ("GT_ERR_NOMEM"), for
 * logs and tests.  Unknown codes give "GT_ERR_UNKNOWN". */
const char *gt_errname(int err);

#endif /* GT_ERR_H */
