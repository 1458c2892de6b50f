/*
 * deliver.h - alert delivery for `ghosttrack watch`: NDJSON on a file
 * descriptor, lines appended to an alerts file, a command run per alert and
 * an HTTP webhook (issue #17).
 *
 * The engine hands every alert over once with gt_deliver_push() and calls
 * gt_deliver_poll() from its loop; the module owns concurrency, time-outs
 * and retries, and tells the engine through the done callback when every
 * sink has an alert (or gave up on it).  "Never sent twice" and "never
 * lost" across a restart are the engine's job: it persists each alert
 * before pushing it and marks it delivered from the callback.
 *
 * Sinks:
 * - out_fd: one line per alert, written in gt_deliver_push().
 * - alerts_path: one line per alert appended (O_APPEND, so one write() is
 *   one line even with other writers) in gt_deliver_push(); fsync()ed
 *   before the done callbacks of the alerts written, at most every 100 ms
 *   (in an alert storm the callbacks wait that long, the caller does not).
 * - exec_cmd: `/bin/sh -c exec_cmd` per alert with the alert JSON and a
 *   newline on its standard input and GHOSTTRACK_ALERT_ID in its
 *   environment; its standard output goes to standard error so it never
 *   mixes with NDJSON on stdout.  At most exec_max run at once, the rest
 *   wait in order; one running longer than exec_timeout_ms is killed with
 *   its process group.  Exit status 0 counts as delivered, anything else
 *   as failed; a command is not run twice for one alert.
 * - webhook_url: HTTP POST of the alert JSON (Content-Type:
 *   application/json, the id in an Idempotency-Key header) through
 *   libcurl's multi interface.  2xx is delivered; 4xx other than 408 and
 *   429 is given up on and counted; 5xx, 408, 429 and transport errors
 *   (refused, timed out) are retried with exponential back-off from 500 ms
 *   capped at retry_max_ms (a Retry-After header is honoured up to the cap),
 *   without limit: while the server is failing one request at a time probes
 *   it, so a dead server is not hammered.
 *
 * The module uses the monotonic clock for time-outs and back-off: these
 * are delays on processes and sockets, not data time, so replays are not
 * affected.  It never prints; gt_deliver_errmsg() keeps the last problem.
 */
#ifndef GT_DELIVER_H
#define GT_DELIVER_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"

/* Called once per alert, from gt_deliver_poll() or gt_deliver_drain()
 * (never from gt_deliver_push()), when every configured sink has it or
 * gave up: ok_sinks + failed_sinks is the number of sinks configured.
 * id is the one pushed, valid during the call. */
typedef void gt_deliver_done_fn(void *ud, const char *id, unsigned ok_sinks, unsigned failed_sinks);

/* Options; zero means the default given.  Strings are copied. */
struct gt_deliver_opts {
    int out_fd;                  /* write each alert as one NDJSON line to this fd, -1: none */
    const char *alerts_path;     /* append each alert as one line, or NULL */
    const char *exec_cmd;        /* run `/bin/sh -c exec_cmd` per alert, JSON on stdin, or NULL */
    unsigned exec_max;           /* commands running at once (0: 4); more are queued */
    unsigned exec_timeout_ms;    /* kill a command after this, ms (0: 30000) */
    const char *webhook_url;     /* POST application/json to this http(s) URL, or NULL */
    unsigned webhook_timeout_ms; /* per request, ms (0: 10000) */
    unsigned retry_max_ms;       /* back-off cap between retries, ms (0: 60000) */
    size_t queue_max;            /* alerts held in memory (0: 10000) */
    gt_deliver_done_fn *done;    /* called once per alert when done; may be NULL */
    void *done_ud;               /* passed to done */
};

struct gt_deliver;

/* Counters since gt_deliver_new(). */
struct gt_deliver_stats {
    uint64_t pushed;       /* alerts accepted by gt_deliver_push() */
    uint64_t delivered;    /* alerts every sink took */
    uint64_t failed;       /* alerts at least one sink failed or gave up on */
    uint64_t retries;      /* webhook requests repeated after a retryable failure */
    uint64_t exec_started; /* commands started */
    uint64_t exec_failed;  /* commands that exited non-zero, died or could not start */
    uint64_t exec_killed;  /* commands killed at exec_timeout_ms (also in exec_failed) */
    uint64_t webhook_ok;   /* webhook requests answered 2xx */
    uint64_t webhook_err;  /* webhook requests failed (each attempt) */
    uint64_t queued;       /* alerts in memory now (gt_deliver_pending()) */
};

/* Set up delivery to the sinks of o: opens (creates) alerts_path, checks
 * the webhook URL is http or https.  Returns GT_OK and *out (free with
 * gt_deliver_free()), GT_ERR_INVAL for bad options, GT_ERR_IO when the
 * alerts file cannot be opened, GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_deliver_new(const struct gt_deliver_opts *o, struct gt_deliver **out);

/* Queue one alert: id (NUL-terminated, copied) and n bytes of JSON at json
 * (copied; one object, no newline needed: one is added).  Never blocks on
 * exec or webhook; out_fd and the alerts file are written at once.
 * Returns GT_OK, GT_ERR_FULL when queue_max alerts are already held
 * (nothing is written: push it again later), GT_ERR_INVAL (empty id, a
 * newline inside json), GT_ERR_NOMEM. */
GT_MUST_CHECK int gt_deliver_push(struct gt_deliver *d, const char *id, const char *json, size_t n);

/* Make progress: start queued commands, feed their stdin, reap and kill
 * them, drive the webhook requests, retry due ones, fsync the alerts file,
 * call done callbacks.  Waits at most timeout_ms for something to happen
 * (0: do not wait).  Call it at least every 100 ms.  Returns GT_OK or
 * GT_ERR_IO (see gt_deliver_errmsg(); delivery goes on). */
GT_MUST_CHECK int gt_deliver_poll(struct gt_deliver *d, int timeout_ms);

/* Alerts pushed whose done callback has not been called yet. */
size_t gt_deliver_pending(const struct gt_deliver *d);

/* At exit: poll until nothing is pending or timeout_ms passed.  Returns the
 * number of alerts still pending (0: all done). */
size_t gt_deliver_drain(struct gt_deliver *d, int timeout_ms);

/* The counters; valid until gt_deliver_free(). */
const struct gt_deliver_stats *gt_deliver_stats(const struct gt_deliver *d);

/* The last problem met ("" when none): a command that failed, a webhook
 * answer, a write error.  Valid until the next call on d. */
const char *gt_deliver_errmsg(const struct gt_deliver *d);

/* Kill commands still running, abandon requests in flight (their done
 * callbacks are not called), fsync and close the alerts file, free d.
 * gt_deliver_free(NULL) is a no-op. */
void gt_deliver_free(struct gt_deliver *d);

#endif /* GT_DELIVER_H */
