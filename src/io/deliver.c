/*
 * deliver.c - alert delivery to stdout, an alerts file, a command and a
 * webhook (see deliver.h; issue #17).
 *
 * Every alert pushed becomes one struct alert holding its id and its JSON
 * line.  The synchronous sinks (the descriptor, the alerts file) are
 * written in gt_deliver_push(); the asynchronous ones (exec, webhook) each
 * keep a FIFO of alerts waiting for them, and an alert is done when its
 * count of outstanding sinks reaches zero.  Done alerts wait on a list
 * until gt_deliver_poll() calls the done callback and frees them, so the
 * callback never runs inside push (the engine may push from anywhere).
 */
#include "ghosttrack/deliver.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ghosttrack/mem.h"

#define DEFAULT_QUEUE_MAX 10000u

/* One alert in memory. */
struct alert {
    struct alert *next; /* on the done list */
    char *id;
    char *line;      /* the JSON and a newline */
    size_t len;      /* bytes of line, newline included */
    unsigned left;   /* asynchronous sinks still to take it */
    unsigned ok;     /* sinks that took it */
    unsigned failed; /* sinks that failed or gave up */
};

struct gt_deliver {
    struct gt_deliver_opts o;
    char *alerts_path;
    int alerts_fd;    /* -1: no alerts file */
    int alerts_dirty; /* written since the last fsync */
    size_t held;      /* alerts in memory, done list included */
    struct alert *done_head, *done_tail;
    struct gt_deliver_stats st;
    char err[256];
};

static void set_err(struct gt_deliver *d, const char *fmt, ...) GT_PRINTF(2, 3);

static void set_err(struct gt_deliver *d, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(d->err, sizeof d->err, fmt, ap);
    va_end(ap);
}

/* Write all of p to fd (a blocking descriptor: stdout, the alerts file).
 * Returns 0 or -1 with errno set. */
static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN) {
                /* A non-blocking descriptor the caller gave us: wait for it
                 * rather than cut a line in two. */
                struct pollfd pfd = {.fd = fd, .events = POLLOUT};
                (void)poll(&pfd, 1, 1000);
                continue;
            }
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static void alert_free(struct alert *a)
{
    if (a != NULL) {
        gt_free(a->id);
        gt_free(a->line);
        gt_free(a);
    }
}

/* The alert has been through every sink: queue its callback. */
static void finish(struct gt_deliver *d, struct alert *a)
{
    a->next = NULL;
    if (d->done_tail != NULL) {
        d->done_tail->next = a;
    } else {
        d->done_head = a;
    }
    d->done_tail = a;
}

static void sink_result(struct gt_deliver *d, struct alert *a, int ok)
{
    if (ok) {
        a->ok++;
    } else {
        a->failed++;
    }
    if (--a->left == 0) {
        finish(d, a);
    }
}

int gt_deliver_new(const struct gt_deliver_opts *o, struct gt_deliver **out)
{
    struct gt_deliver *d;

    if (o == NULL || out == NULL) {
        return GT_ERR_INVAL;
    }
    *out = NULL;
    if (o->exec_cmd != NULL || o->webhook_url != NULL) {
        return GT_ERR_NOTIMPL; /* exec and webhook sinks: next commit */
    }
    d = gt_calloc(1, sizeof *d);
    if (d == NULL) {
        return GT_ERR_NOMEM;
    }
    d->o = *o;
    d->o.alerts_path = d->o.exec_cmd = d->o.webhook_url = NULL;
    d->alerts_fd = -1;
    if (d->o.queue_max == 0) {
        d->o.queue_max = DEFAULT_QUEUE_MAX;
    }
    if (o->alerts_path != NULL) {
        d->alerts_path = gt_strndup(o->alerts_path, strlen(o->alerts_path));
        if (d->alerts_path == NULL) {
            gt_deliver_free(d);
            return GT_ERR_NOMEM;
        }
        d->alerts_fd = open(o->alerts_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        if (d->alerts_fd < 0) {
            set_err(d, "cannot open '%s': %s", o->alerts_path, strerror(errno));
            gt_deliver_free(d);
            return GT_ERR_IO;
        }
    }
    *out = d;
    return GT_OK;
}

int gt_deliver_push(struct gt_deliver *d, const char *id, const char *json, size_t n)
{
    struct alert *a;

    if (id == NULL || *id == '\0' || json == NULL || n == 0 || memchr(json, '\n', n) != NULL) {
        return GT_ERR_INVAL;
    }
    if (d->held >= d->o.queue_max) {
        return GT_ERR_FULL;
    }
    a = gt_calloc(1, sizeof *a);
    if (a == NULL) {
        return GT_ERR_NOMEM;
    }
    a->id = gt_strndup(id, strlen(id));
    a->line = gt_malloc(n + 1);
    if (a->id == NULL || a->line == NULL) {
        alert_free(a);
        return GT_ERR_NOMEM;
    }
    memcpy(a->line, json, n);
    a->line[n] = '\n';
    a->len = n + 1;
    /* Counted as one outstanding sink until the synchronous ones are done,
     * so the alert cannot finish halfway through this function. */
    a->left = 1;
    if (d->o.out_fd >= 0) {
        a->left++;
        if (write_all(d->o.out_fd, a->line, a->len) != 0) {
            set_err(d, "cannot write alert '%s' to fd %d: %s", id, d->o.out_fd, strerror(errno));
            sink_result(d, a, 0);
        } else {
            sink_result(d, a, 1);
        }
    }
    if (d->alerts_fd >= 0) {
        a->left++;
        if (write_all(d->alerts_fd, a->line, a->len) != 0) {
            set_err(d, "cannot append alert '%s' to '%s': %s", id, d->alerts_path, strerror(errno));
            sink_result(d, a, 0);
        } else {
            d->alerts_dirty = 1;
            sink_result(d, a, 1);
        }
    }
    d->held++;
    d->st.pushed++;
    d->st.queued = d->held;
    if (--a->left == 0) { /* the placeholder */
        finish(d, a);
    }
    return GT_OK;
}

/* Call the done callbacks of finished alerts and free them. */
static void run_done(struct gt_deliver *d)
{
    while (d->done_head != NULL) {
        struct alert *a = d->done_head;
        d->done_head = a->next;
        if (d->done_head == NULL) {
            d->done_tail = NULL;
        }
        if (a->failed > 0) {
            d->st.failed++;
        } else {
            d->st.delivered++;
        }
        d->held--;
        d->st.queued = d->held;
        if (d->o.done != NULL) {
            d->o.done(d->o.done_ud, a->id, a->ok, a->failed);
        }
        alert_free(a);
    }
}

static int sync_alerts(struct gt_deliver *d)
{
    if (d->alerts_fd >= 0 && d->alerts_dirty) {
        d->alerts_dirty = 0;
        if (fsync(d->alerts_fd) != 0) {
            set_err(d, "cannot fsync '%s': %s", d->alerts_path, strerror(errno));
            return GT_ERR_IO;
        }
    }
    return GT_OK;
}

int gt_deliver_poll(struct gt_deliver *d, int timeout_ms)
{
    /* The alerts of this batch reach the disk before the engine hears they
     * are delivered. */
    int rc = sync_alerts(d);

    if (d->done_head == NULL && timeout_ms > 0 && d->held == 0) {
        (void)poll(NULL, 0, timeout_ms);
    }
    run_done(d);
    return rc;
}

size_t gt_deliver_pending(const struct gt_deliver *d)
{
    return d->held;
}

size_t gt_deliver_drain(struct gt_deliver *d, int timeout_ms)
{
    int rc;

    (void)timeout_ms;
    rc = gt_deliver_poll(d, 0);
    (void)rc; /* a write error is in errmsg; what is left is the answer */
    return d->held;
}

const struct gt_deliver_stats *gt_deliver_stats(const struct gt_deliver *d)
{
    return &d->st;
}

const char *gt_deliver_errmsg(const struct gt_deliver *d)
{
    return d->err;
}

void gt_deliver_free(struct gt_deliver *d)
{
    if (d == NULL) {
        return;
    }
    while (d->done_head != NULL) {
        struct alert *a = d->done_head;
        d->done_head = a->next;
        alert_free(a);
    }
    if (d->alerts_fd >= 0) {
        (void)sync_alerts(d);
        close(d->alerts_fd);
    }
    gt_free(d->alerts_path);
    gt_free(d);
}
