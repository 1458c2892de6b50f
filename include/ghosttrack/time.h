/*
 * time.h - UTC time as milliseconds since the Unix epoch.
 *
 * ghosttrack keeps every time as int64_t milliseconds since
 * 1970-01-01T00:00:00Z, in the proleptic Gregorian calendar, with no leap
 * seconds (POSIX time).  Nothing here reads the clock or the local time zone:
 * time is always passed in, which keeps replays and golden files
 * deterministic.  Civil-date conversion uses Howard Hinnant's
 * days_from_civil algorithm, valid for years 0000..9999 as ISO 8601 writes
 * them.
 */
#ifndef GT_TIME_H
#define GT_TIME_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"

#define GT_TIME_NONE INT64_MIN /* "no time known" */

/* A broken-down UTC time. */
struct gt_civil {
    int year;  /* 0..9999 */
    int month; /* 1..12 */
    int day;   /* 1..31 */
    int hour;  /* 0..23 */
    int min;   /* 0..59 */
    int sec;   /* 0..59 (60 is accepted on input and folded into the next minute) */
    int ms;    /* 0..999 */
};

/* Flags for gt_time_format_iso(). */
enum gt_time_flags {
    GT_TIME_MS = (1u << 0) /* always write .sss (default: only when non-zero) */
};

/* Minimum buffer size for gt_time_format_iso(), including the NUL. */
#define GT_TIME_ISO_MAX 32

/* Return the epoch milliseconds of a civil UTC time.  Fields out of range
 * are not checked here (use gt_time_parse_iso() for input). */
int64_t gt_time_from_civil(const struct gt_civil *c);

/* Break epoch milliseconds into a civil UTC time. */
void gt_time_to_civil(int64_t t_ms, struct gt_civil *c);

/* Parse ISO 8601 / RFC 3339 text of n bytes into epoch ms.
 * Accepts YYYY-MM-DD, YYYY-MM-DDTHH:MM, YYYY-MM-DDTHH:MM:SS with an optional
 * fraction of 1 to 9 digits (kept to the millisecond, truncated), a 'T', 't'
 * or space separator, and an optional zone: Z, z, +HH, +HHMM or +HH:MM
 * (none means UTC).  The compact basic form YYYYMMDDTHHMMSS is accepted too.
 * Returns GT_OK, or GT_ERR_BADDATA when the text is not a valid time
 * (including impossible dates such as 2019-02-29). */
GT_MUST_CHECK int gt_time_parse_iso(const char *s, size_t n, int64_t *t_ms);

/* Write t_ms as "YYYY-MM-DDTHH:MM:SSZ" (or with ".sss" when the milliseconds
 * are non-zero or GT_TIME_MS is set) into buf, which must hold at least
 * GT_TIME_ISO_MAX bytes.  Returns the length written, excluding the NUL, or
 * GT_ERR_RANGE when the year is outside 0..9999. */
int gt_time_format_iso(int64_t t_ms, char *buf, size_t size, unsigned flags);

/* Parse a time given on the command line or in a config: ISO 8601 as above,
 * or an integer number of seconds since the epoch ("1551561307"), or with a
 * fraction ("1551561307.250").  Returns GT_OK or GT_ERR_BADDATA. */
GT_MUST_CHECK int gt_time_parse(const char *s, size_t n, int64_t *t_ms);

#endif /* GT_TIME_H */
