/*
 * deliver.c - alert delivery to stdout, an alerts file, a command and a
 * webhook (see deliver.h; issue #17): the queue, the synchronous sinks and
 * the loop.  The command sink is in deliver_exec.c, the webhook sink in
 * deliver_web.c; their shared state is declared in io_int.h.
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

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ghosttrack/io.h"
#include "ghosttrack/mem.h"

#include "io_int.h"

void gt__deliver_set_err(struct gt_deliver *d, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(d->err, sizeof d->err, fmt, ap);
    va_end(ap);
}

/* Monotonic milliseconds: for time-outs and back-off only (see deliver.h). */
static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct alert **link_of(struct alert *a, enum link l)
{
    return l == LINK_EXEC ? &a->exec_next : &a->web_next;
}

static void fifo_push(struct fifo *q, struct alert *a, enum link l)
{
    *link_of(a, l) = NULL;
    if (q->tail != NULL) {
        *link_of(q->tail, l) = a;
    } else {
        q->head = a;
    }
    q->tail = a;
}

void gt__deliver_fifo_push_front(struct fifo *q, struct alert *a, enum link l)
{
    *link_of(a, l) = q->head;
    q->head = a;
    if (q->tail == NULL) {
        q->tail = a;
    }
}

struct alert *gt__deliver_fifo_pop(struct fifo *q, enum link l)
{
    struct alert *a = q->head;

    if (a != NULL) {
        q->head = *link_of(a, l);
        if (q->head == NULL) {
            q->tail = NULL;
        }
    }
    return a;
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

/* One sink has finished with a: when it was the last, queue the callback. */
void gt__deliver_sink_result(struct gt_deliver *d, struct alert *a, int ok)
{
    if (ok > 0) {
        a->ok++;
    } else if (ok == 0) {
        a->failed++;
    } /* ok < 0: the placeholder of gt_deliver_push() */
    if (--a->left == 0) {
        a->next = NULL;
        if (d->done.tail != NULL) {
            d->done.tail->next = a;
        } else {
            d->done.head = a;
        }
        d->done.tail = a;
    }
}

char *gt__deliver_dup_str(const char *s)
{
    return gt_strndup(s, strlen(s));
}

int gt_deliver_new(const struct gt_deliver_opts *o, struct gt_deliver **out)
{
    struct gt_deliver *d;
    int rc;

    if (o == NULL || out == NULL) {
        return GT_ERR_INVAL;
    }
    *out = NULL;
    d = gt_calloc(1, sizeof *d);
    if (d == NULL) {
        return GT_ERR_NOMEM;
    }
    d->o = *o;
    d->o.alerts_path = d->o.exec_cmd = d->o.webhook_url = NULL;
    d->alerts_fd = -1;
#define DEF(field, value)                                                                          \
    if (d->o.field == 0) {                                                                         \
        d->o.field = (value);                                                                      \
    }
    DEF(queue_max, DEFAULT_QUEUE_MAX)
    DEF(exec_max, DEFAULT_EXEC_MAX)
    DEF(exec_timeout_ms, DEFAULT_EXEC_TMO)
    DEF(webhook_timeout_ms, DEFAULT_WEB_TMO)
    DEF(retry_max_ms, DEFAULT_RETRY_MAX)
#undef DEF
    if (d->o.exec_max > EXEC_MAX_LIMIT) {
        d->o.exec_max = EXEC_MAX_LIMIT;
    }
    d->nsinks = (o->out_fd >= 0 ? 1u : 0u) + (o->alerts_path != NULL ? 1u : 0u) +
                (o->exec_cmd != NULL ? 1u : 0u) + (o->webhook_url != NULL ? 1u : 0u);
    rc = GT_OK;
    if (o->alerts_path != NULL) {
        d->alerts_path = gt__deliver_dup_str(o->alerts_path);
        if (d->alerts_path == NULL) {
            rc = GT_ERR_NOMEM;
            goto out;
        }
        d->alerts_fd = open(o->alerts_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        if (d->alerts_fd < 0) {
            gt__deliver_set_err(d, "cannot open '%s': %s", o->alerts_path, strerror(errno));
            rc = GT_ERR_IO;
            goto out;
        }
    }
    if (o->exec_cmd != NULL) {
        size_t i;
        d->exec_cmd = gt__deliver_dup_str(o->exec_cmd);
        d->jobs = gt_calloc(d->o.exec_max, sizeof *d->jobs);
        if (d->exec_cmd == NULL || d->jobs == NULL) {
            rc = GT_ERR_NOMEM;
            goto out;
        }
        for (i = 0; i < d->o.exec_max; i++) {
            d->jobs[i].fd = d->jobs[i].pidfd = -1;
        }
    }
    if (o->webhook_url != NULL) {
        rc = gt__deliver_setup_webhook(d, o->webhook_url);
    }
out:
    if (rc < 0) {
        gt_deliver_free(d);
        return rc;
    }
    *out = d;
    return GT_OK;
}

int gt_deliver_push(struct gt_deliver *d, const char *id, const char *json, size_t n)
{
    struct alert *a;

    if (id == NULL || *id == '\0' || json == NULL || n == 0 || memchr(json, '\n', n) != NULL ||
        memchr(json, '\0', n) != NULL) {
        return GT_ERR_INVAL;
    }
    if (d->held >= d->o.queue_max) {
        return GT_ERR_FULL;
    }
    a = gt_calloc(1, sizeof *a);
    if (a == NULL) {
        return GT_ERR_NOMEM;
    }
    a->id = gt__deliver_dup_str(id);
    a->line = gt_malloc(n + 1);
    if (a->id == NULL || a->line == NULL) {
        alert_free(a);
        return GT_ERR_NOMEM;
    }
    memcpy(a->line, json, n);
    a->line[n] = '\n';
    a->len = n + 1;
    /* One placeholder sink until every sink has it in hand, so the alert
     * cannot finish halfway through this function. */
    a->left = 1 + d->nsinks;
    if (d->o.out_fd >= 0) {
        if (write_all(d->o.out_fd, a->line, a->len) != 0) {
            gt__deliver_set_err(d, "cannot write alert '%s' to fd %d: %s", id, d->o.out_fd,
                                strerror(errno));
            gt__deliver_sink_result(d, a, 0);
        } else {
            gt__deliver_sink_result(d, a, 1);
        }
    }
    if (d->alerts_fd >= 0) {
        if (write_all(d->alerts_fd, a->line, a->len) != 0) {
            gt__deliver_set_err(d, "cannot append alert '%s' to '%s': %s", id, d->alerts_path,
                                strerror(errno));
            gt__deliver_sink_result(d, a, 0);
        } else {
            d->alerts_dirty = 1;
            gt__deliver_sink_result(d, a, 1);
        }
    }
    if (d->exec_cmd != NULL) {
        fifo_push(&d->exec_q, a, LINK_EXEC);
    }
    if (d->url != NULL) {
        fifo_push(&d->web_q, a, LINK_WEB);
    }
    d->held++;
    d->st.pushed++;
    d->st.queued = d->held;
    gt__deliver_sink_result(d, a, -1);
    return GT_OK;
}

/* ---- the loop ------------------------------------------------------------ */

/* Call the done callbacks of finished alerts and free them. */
static void run_done(struct gt_deliver *d)
{
    while (d->done.head != NULL) {
        struct alert *a = d->done.head;
        d->done.head = a->next;
        if (d->done.head == NULL) {
            d->done.tail = NULL;
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
        if (fsync(d->alerts_fd) != 0 && errno != EINVAL) {
            gt__deliver_set_err(d, "cannot fsync '%s': %s", d->alerts_path, strerror(errno));
            return GT_ERR_IO;
        }
    }
    return GT_OK;
}

/* Wait up to ms for a command's stdin to take bytes, a command to exit or
 * a webhook socket to be ready. */
static void wait_events(struct gt_deliver *d, int ms)
{
    struct pollfd pf[2 * EXEC_MAX_LIMIT];
    unsigned i, n = 0;
    int need_slice = 0;

    for (i = 0; d->jobs != NULL && i < d->o.exec_max; i++) {
        const struct job *j = &d->jobs[i];
        if (j->a == NULL) {
            continue;
        }
        if (j->fd >= 0) {
            pf[n].fd = j->fd;
            pf[n].events = POLLOUT;
            pf[n++].revents = 0;
        }
        if (j->pidfd >= 0) {
            pf[n].fd = j->pidfd;
            pf[n].events = POLLIN;
            pf[n++].revents = 0;
        } else {
            need_slice = 1;
        }
    }
    if (need_slice && ms > REAP_SLICE_MS) {
        ms = REAP_SLICE_MS;
    }
    if (d->multi != NULL && gt__deliver_web_inflight(d) > 0) {
        struct curl_waitfd wf[2 * EXEC_MAX_LIMIT];
        for (i = 0; i < n; i++) {
            wf[i].fd = pf[i].fd;
            wf[i].events = (short)(pf[i].events == POLLOUT ? CURL_WAIT_POLLOUT : CURL_WAIT_POLLIN);
            wf[i].revents = 0;
        }
        (void)curl_multi_poll(d->multi, wf, n, ms, NULL);
    } else {
        (void)poll(pf, n, ms);
    }
}

/* The time until the next thing that needs us without an fd: a command's
 * time-out or the end of the webhook back-off.  -1: none. */
static int64_t next_timer(const struct gt_deliver *d, int64_t now)
{
    int64_t best = -1;
    unsigned i;

    for (i = 0; d->jobs != NULL && i < d->o.exec_max; i++) {
        const struct job *j = &d->jobs[i];
        if (j->a != NULL && !j->killed) {
            int64_t t = j->start_ms + (int64_t)d->o.exec_timeout_ms - now;
            if (best < 0 || t < best) {
                best = t;
            }
        }
    }
    if (d->multi != NULL && d->web_q.head != NULL && gt__deliver_web_inflight(d) == 0) {
        int64_t t = d->web_next_ms - now;
        if (best < 0 || t < best) {
            best = t;
        }
    }
    return best < 0 ? -1 : best;
}

/* May the done callbacks run now?  Alerts written to the alerts file are
 * done once it is fsynced, which happens at most every SYNC_EVERY_MS: in
 * an alert storm the callbacks then wait up to that long, and the
 * caller's loop is not held up by one fsync per poll.  Returns the ms to
 * wait before they may, 0 when they may now. */
static int64_t sync_wait(const struct gt_deliver *d, int64_t now)
{
    if (!d->alerts_dirty || now - d->sync_ms >= SYNC_EVERY_MS) {
        return 0;
    }
    return d->sync_ms + SYNC_EVERY_MS - now;
}

int gt_deliver_poll(struct gt_deliver *d, int timeout_ms)
{
    int64_t now = now_ms(), end = now + (timeout_ms > 0 ? timeout_ms : 0);
    int rc = GT_OK;

    for (;;) {
        int64_t left, t, ts = -1;
        gt__deliver_exec_progress(d, now);
        gt__deliver_web_progress(d, now);
        if (d->done.head != NULL) {
            ts = sync_wait(d, now);
            if (ts == 0) {
                break;
            }
        }
        left = end - now;
        if (left <= 0) {
            break;
        }
        t = next_timer(d, now);
        if (t >= 0 && t < left) {
            left = t;
        }
        if (ts > 0 && ts < left) {
            left = ts;
        }
        wait_events(d, (int)left);
        now = now_ms();
    }
    /* The alerts of this batch reach the disk before the engine hears they
     * are delivered. */
    if (d->done.head != NULL && sync_wait(d, now) == 0) {
        if (d->alerts_dirty) {
            rc = sync_alerts(d);
            d->sync_ms = now;
        }
        run_done(d);
    }
    return rc;
}

size_t gt_deliver_pending(const struct gt_deliver *d)
{
    return d->held;
}

size_t gt_deliver_drain(struct gt_deliver *d, int timeout_ms)
{
    int64_t end = now_ms() + (timeout_ms > 0 ? timeout_ms : 0);

    for (;;) {
        int64_t left = end - now_ms();
        int rc = gt_deliver_poll(d, left > 100 ? 100 : (left > 0 ? (int)left : 0));
        (void)rc; /* a write error is in errmsg; what is left is the answer */
        if (d->held == 0 || left <= 0) {
            break;
        }
    }
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

/* Free every alert still held: each is on the done list, or on an exec
 * FIFO or slot and/or a webhook FIFO or slot; left counts those owners. */
static void free_alerts(struct gt_deliver *d)
{
    struct alert *a;
    unsigned i;

    while ((a = d->done.head) != NULL) {
        d->done.head = a->next;
        alert_free(a);
    }
    while ((a = gt__deliver_fifo_pop(&d->exec_q, LINK_EXEC)) != NULL) {
        if (--a->left == 0) {
            alert_free(a);
        }
    }
    for (i = 0; d->jobs != NULL && i < d->o.exec_max; i++) {
        a = d->jobs[i].a;
        if (a != NULL && --a->left == 0) {
            alert_free(a);
        }
    }
    while ((a = gt__deliver_fifo_pop(&d->web_q, LINK_WEB)) != NULL) {
        if (--a->left == 0) {
            alert_free(a);
        }
    }
    for (i = 0; i < WEB_PARALLEL; i++) {
        a = d->reqs[i].a;
        if (a != NULL) {
            gt__deliver_req_end(d, &d->reqs[i]);
            if (--a->left == 0) {
                alert_free(a);
            }
        }
    }
}

void gt_deliver_free(struct gt_deliver *d)
{
    unsigned i;

    if (d == NULL) {
        return;
    }
    for (i = 0; d->jobs != NULL && i < d->o.exec_max; i++) {
        struct job *j = &d->jobs[i];
        if (j->a != NULL) {
            int status;
            (void)kill(-j->pid, SIGKILL);
            (void)kill(j->pid, SIGKILL);
            while (waitpid(j->pid, &status, 0) < 0 && errno == EINTR) {
            }
            gt__deliver_job_close_stdin(j);
            if (j->pidfd >= 0) {
                close(j->pidfd);
            }
        }
    }
    free_alerts(d);
    if (d->alerts_fd >= 0) {
        (void)sync_alerts(d);
        close(d->alerts_fd);
    }
    if (d->multi != NULL) {
        curl_multi_cleanup(d->multi);
    }
    if (d->headers != NULL) {
        curl_slist_free_all(d->headers);
    }
    if (d->url != NULL) {
        curl_global_cleanup();
    }
    gt_free(d->jobs);
    gt_free(d->exec_cmd);
    gt_free(d->url);
    gt_free(d->alerts_path);
    gt_free(d);
}
