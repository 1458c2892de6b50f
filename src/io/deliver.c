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
 *
 * Commands are started with posix_spawn() (no fork of a big process), in
 * their own process group so a time-out kills what the shell started too,
 * with default signal dispositions and an empty mask.  Their standard
 * input is one end of a socket pair rather than a pipe so that writing to
 * a command that exited early gives EPIPE through MSG_NOSIGNAL instead of
 * a SIGPIPE the library could not handle without touching the
 * application's signal dispositions.  Exits are noticed through a pidfd
 * (Linux >= 5.3) that poll() can wait on, else by looking every 10 ms.
 *
 * The webhook runs on libcurl's multi interface: up to WEB_PARALLEL
 * requests in flight while the server answers, one while it is failing
 * (the others wait in order behind it), with the back-off of
 * gt_io_backoff_ms() (500 ms doubling, capped) between failures.  The
 * status rules follow RFC 9110 §15: 2xx is success, a 4xx is the client's
 * fault and repeating it will not help except 408 (Request Timeout) and 429
 * (Too Many Requests, RFC 6585 §4), which like 5xx and transport errors
 * say "later".  Retry-After (RFC 9110 §10.2.3) is honoured up to the cap.
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

extern char **environ;

#define DEFAULT_QUEUE_MAX 10000u
#define DEFAULT_EXEC_MAX  4u
#define DEFAULT_EXEC_TMO  30000u
#define DEFAULT_WEB_TMO   10000u
#define DEFAULT_RETRY_MAX 60000u
#define EXEC_MAX_LIMIT    256u /* commands at once, whatever is asked */
#define WEB_PARALLEL      4    /* requests in flight while the server answers */
#define REAP_SLICE_MS     10   /* how often exits are looked for without a pidfd */
#define SYNC_EVERY_MS     100  /* at most 10 fsyncs of the alerts file a second */
#define ENV_ID            "GHOSTTRACK_ALERT_ID="

/* One alert in memory. */
struct alert {
    struct alert *next;      /* on the done list */
    struct alert *exec_next; /* on the exec FIFO */
    struct alert *web_next;  /* on the webhook FIFO */
    char *id;
    char *line;      /* the JSON and a newline */
    size_t len;      /* bytes of line, newline included */
    unsigned left;   /* sinks still to take it */
    unsigned ok;     /* sinks that took it */
    unsigned failed; /* sinks that failed or gave up */
};

/* A FIFO of alerts through one of the link fields. */
struct fifo {
    struct alert *head, *tail;
};

/* A command running for one alert. */
struct job {
    struct alert *a; /* NULL: slot free */
    pid_t pid;
    int fd;      /* our end of its stdin, -1 once closed */
    int pidfd;   /* readable when it exits, -1 when unavailable */
    size_t sent; /* bytes of a->line written */
    int64_t start_ms;
    int killed;
};

/* A webhook request in flight. */
struct req {
    struct alert *a; /* NULL: slot free */
    CURL *easy;
};

struct gt_deliver {
    struct gt_deliver_opts o;
    char *alerts_path;
    int alerts_fd;    /* -1: no alerts file */
    int alerts_dirty; /* written since the last fsync */
    int64_t sync_ms;  /* when the last fsync was, monotonic ms */
    size_t held;      /* alerts in memory, done list included */
    struct fifo done;
    unsigned nsinks; /* sinks configured */

    char *exec_cmd;
    struct fifo exec_q;
    struct job *jobs; /* o.exec_max slots */

    char *url;
    CURLM *multi;
    struct curl_slist *headers;
    struct fifo web_q;
    struct req reqs[WEB_PARALLEL];
    unsigned web_fails;  /* consecutive retryable failures */
    int64_t web_next_ms; /* no request starts before this */

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

/* Monotonic milliseconds: for time-outs and back-off only (see deliver.h). */
static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Link field accessors, so one FIFO implementation serves both queues. */
enum link { LINK_EXEC, LINK_WEB };

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

static void fifo_push_front(struct fifo *q, struct alert *a, enum link l)
{
    *link_of(a, l) = q->head;
    q->head = a;
    if (q->tail == NULL) {
        q->tail = a;
    }
}

static struct alert *fifo_pop(struct fifo *q, enum link l)
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
static void sink_result(struct gt_deliver *d, struct alert *a, int ok)
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

static char *dup_str(const char *s)
{
    return gt_strndup(s, strlen(s));
}

static int setup_webhook(struct gt_deliver *d, const char *url)
{
    char hdr[64];

    if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
        set_err(d, "webhook '%s' is not an http or https URL", url);
        return GT_ERR_INVAL;
    }
    d->url = dup_str(url);
    if (d->url == NULL) {
        return GT_ERR_NOMEM;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        set_err(d, "cannot initialise libcurl");
        gt_free(d->url);
        d->url = NULL;
        return GT_ERR_IO;
    }
    snprintf(hdr, sizeof hdr, "Content-Type: application/json");
    d->headers = curl_slist_append(NULL, hdr);
    d->multi = curl_multi_init();
    if (d->headers == NULL || d->multi == NULL) {
        return GT_ERR_NOMEM; /* gt_deliver_free() undoes the rest */
    }
    return GT_OK;
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
        d->alerts_path = dup_str(o->alerts_path);
        if (d->alerts_path == NULL) {
            rc = GT_ERR_NOMEM;
            goto out;
        }
        d->alerts_fd = open(o->alerts_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        if (d->alerts_fd < 0) {
            set_err(d, "cannot open '%s': %s", o->alerts_path, strerror(errno));
            rc = GT_ERR_IO;
            goto out;
        }
    }
    if (o->exec_cmd != NULL) {
        size_t i;
        d->exec_cmd = dup_str(o->exec_cmd);
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
        rc = setup_webhook(d, o->webhook_url);
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
    a->id = dup_str(id);
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
            set_err(d, "cannot write alert '%s' to fd %d: %s", id, d->o.out_fd, strerror(errno));
            sink_result(d, a, 0);
        } else {
            sink_result(d, a, 1);
        }
    }
    if (d->alerts_fd >= 0) {
        if (write_all(d->alerts_fd, a->line, a->len) != 0) {
            set_err(d, "cannot append alert '%s' to '%s': %s", id, d->alerts_path, strerror(errno));
            sink_result(d, a, 0);
        } else {
            d->alerts_dirty = 1;
            sink_result(d, a, 1);
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
    sink_result(d, a, -1);
    return GT_OK;
}

/* ---- exec ---------------------------------------------------------------- */

/* The environment of a command: ours plus GHOSTTRACK_ALERT_ID.  Returns a
 * gt_malloc'ed array whose last-but-one entry is *idvar (also gt_malloc'ed). */
static char **make_env(const char *id, char **idvar)
{
    size_t n = 0, k = 0, i;
    char **env;

    while (environ != NULL && environ[n] != NULL) {
        n++;
    }
    env = gt_malloc((n + 2) * sizeof *env);
    *idvar = gt_malloc(sizeof ENV_ID + strlen(id));
    if (env == NULL || *idvar == NULL) {
        gt_free(env);
        gt_free(*idvar);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        if (strncmp(environ[i], ENV_ID, sizeof ENV_ID - 1) != 0) {
            env[k++] = environ[i];
        }
    }
    memcpy(*idvar, ENV_ID, sizeof ENV_ID - 1);
    memcpy(*idvar + sizeof ENV_ID - 1, id, strlen(id) + 1);
    env[k++] = *idvar;
    env[k] = NULL;
    return env;
}

static int open_pidfd(pid_t pid)
{
#ifdef SYS_pidfd_open
    long fd = syscall(SYS_pidfd_open, pid, 0);
    if (fd >= 0) {
        (void)fcntl((int)fd, F_SETFD, FD_CLOEXEC);
        return (int)fd;
    }
#else
    (void)pid;
#endif
    return -1;
}

/* posix_spawn `/bin/sh -c cmd` with stdin from sv, stdout to stderr, in a
 * new process group.  Returns 0 and *pid, or an errno value. */
static int spawn_cmd(struct gt_deliver *d, int child_fd, const char *id, pid_t *pid)
{
    static char sh[] = "/bin/sh", dash_c[] = "-c";
    char *argv[] = {sh, dash_c, d->exec_cmd, NULL};
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    sigset_t none, defaults;
    char *idvar = NULL;
    char **env = make_env(id, &idvar);
    int rc;

    if (env == NULL) {
        return ENOMEM;
    }
    sigemptyset(&none);
    sigfillset(&defaults);
    sigdelset(&defaults, SIGKILL);
    sigdelset(&defaults, SIGSTOP);
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_adddup2(&fa, child_fd, 0);
    posix_spawn_file_actions_adddup2(&fa, 2, 1);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                        POSIX_SPAWN_SETSIGDEF);
    rc = posix_spawn(pid, sh, &fa, &attr, argv, env);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&fa);
    gt_free(env);
    gt_free(idvar);
    return rc;
}

static void exec_failed(struct gt_deliver *d, struct alert *a)
{
    d->st.exec_failed++;
    sink_result(d, a, 0);
}

/* Start the command for a in slot j.  On failure a is done (failed). */
static void job_start(struct gt_deliver *d, struct job *j, struct alert *a, int64_t now)
{
    int sv[2];
    int rc;

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        set_err(d, "cannot run command for alert '%s': %s", a->id, strerror(errno));
        exec_failed(d, a);
        return;
    }
    rc = spawn_cmd(d, sv[1], a->id, &j->pid);
    close(sv[1]);
    if (rc != 0) {
        close(sv[0]);
        set_err(d, "cannot run command for alert '%s': %s", a->id, strerror(rc));
        exec_failed(d, a);
        return;
    }
    (void)fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
    (void)shutdown(sv[0], SHUT_RD);
    d->st.exec_started++;
    j->a = a;
    j->fd = sv[0];
    j->pidfd = open_pidfd(j->pid);
    j->sent = 0;
    j->start_ms = now;
    j->killed = 0;
}

static void job_close_stdin(struct job *j)
{
    if (j->fd >= 0) {
        close(j->fd);
        j->fd = -1;
    }
}

/* Feed the command's stdin as far as it takes it without blocking. */
static void job_write(struct job *j)
{
    while (j->fd >= 0 && j->sent < j->a->len) {
        ssize_t w =
            send(j->fd, j->a->line + j->sent, j->a->len - j->sent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno != EAGAIN) {
                job_close_stdin(j); /* it does not read: its exit status decides */
            }
            return;
        }
        j->sent += (size_t)w;
    }
    if (j->sent >= j->a->len) {
        job_close_stdin(j); /* end of input */
    }
}

/* Reap the command in j if it has exited; kill it when over time. */
static void job_check(struct gt_deliver *d, struct job *j, int64_t now)
{
    int status;
    pid_t r;

    if (!j->killed && now - j->start_ms >= (int64_t)d->o.exec_timeout_ms) {
        (void)kill(-j->pid, SIGKILL);
        (void)kill(j->pid, SIGKILL);
        j->killed = 1;
        job_close_stdin(j);
    }
    do {
        r = waitpid(j->pid, &status, WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == 0) {
        return;
    }
    job_close_stdin(j);
    if (j->pidfd >= 0) {
        close(j->pidfd);
        j->pidfd = -1;
    }
    if (r > 0 && !j->killed && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        sink_result(d, j->a, 1);
    } else {
        if (j->killed) {
            d->st.exec_killed++;
            set_err(d, "command for alert '%s' killed after %u ms", j->a->id, d->o.exec_timeout_ms);
        } else if (r > 0 && WIFEXITED(status)) {
            set_err(d, "command for alert '%s' exited with status %d", j->a->id,
                    WEXITSTATUS(status));
        } else if (r > 0 && WIFSIGNALED(status)) {
            set_err(d, "command for alert '%s' died of signal %d", j->a->id, WTERMSIG(status));
        } else {
            set_err(d, "command for alert '%s': waitpid: %s", j->a->id, strerror(errno));
        }
        exec_failed(d, j->a);
    }
    j->a = NULL;
}

static void exec_progress(struct gt_deliver *d, int64_t now)
{
    unsigned i;

    if (d->jobs == NULL) {
        return;
    }
    for (i = 0; i < d->o.exec_max; i++) {
        struct job *j = &d->jobs[i];
        if (j->a != NULL) {
            job_write(j);
            job_check(d, j, now);
        }
        while (j->a == NULL && d->exec_q.head != NULL) {
            job_start(d, j, fifo_pop(&d->exec_q, LINK_EXEC), now);
            if (j->a != NULL) {
                job_write(j);
            }
        }
    }
}

/* ---- webhook ------------------------------------------------------------- */

static size_t discard_body(char *p, size_t size, size_t n, void *ud)
{
    (void)p;
    (void)ud;
    return size * n;
}

static int req_start(struct gt_deliver *d, struct req *r, struct alert *a)
{
    CURL *e = curl_easy_init();
    struct curl_slist *h;
    char idem[160];

    if (e == NULL) {
        return GT_ERR_NOMEM;
    }
    snprintf(idem, sizeof idem, "Idempotency-Key: %.120s", a->id);
    h = curl_slist_append(NULL, idem);
    if (h == NULL) {
        curl_easy_cleanup(e);
        return GT_ERR_NOMEM;
    }
    h->next = d->headers; /* shared tail: detached before curl_slist_free_all */
    curl_easy_setopt(e, CURLOPT_URL, d->url);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_POST, 1L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, a->line);
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)a->len);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)d->o.webhook_timeout_ms);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)d->o.webhook_timeout_ms);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, discard_body);
    curl_easy_setopt(e, CURLOPT_USERAGENT, "ghosttrack-watch");
    curl_easy_setopt(e, CURLOPT_PRIVATE, h);
    if (curl_multi_add_handle(d->multi, e) != CURLM_OK) {
        h->next = NULL;
        curl_slist_free_all(h);
        curl_easy_cleanup(e);
        return GT_ERR_IO;
    }
    r->a = a;
    r->easy = e;
    return GT_OK;
}

static void req_end(struct gt_deliver *d, struct req *r)
{
    struct curl_slist *h = NULL;

    curl_easy_getinfo(r->easy, CURLINFO_PRIVATE, (char **)&h);
    curl_multi_remove_handle(d->multi, r->easy);
    curl_easy_cleanup(r->easy);
    if (h != NULL) {
        h->next = NULL;
        curl_slist_free_all(h);
    }
    r->easy = NULL;
    r->a = NULL;
}

/* A request finished with res and HTTP status code. */
static void req_done(struct gt_deliver *d, struct req *r, CURLcode res, int64_t now)
{
    struct alert *a = r->a;
    long code = 0;
    curl_off_t after = -1;
    int64_t wait;

    curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_getinfo(r->easy, CURLINFO_RETRY_AFTER, &after);
    req_end(d, r);
    if (res == CURLE_OK && code >= 200 && code <= 299) {
        d->st.webhook_ok++;
        d->web_fails = 0;
        sink_result(d, a, 1);
        return;
    }
    d->st.webhook_err++;
    if (res == CURLE_OK && code != 408 && code != 429 && code < 500) {
        /* The server is there and refuses this alert: repeating it would
         * get the same answer. */
        set_err(d, "webhook refused alert '%s': HTTP %ld", a->id, code);
        d->web_fails = 0;
        sink_result(d, a, 0);
        return;
    }
    if (res != CURLE_OK) {
        set_err(d, "webhook for alert '%s': %s (will retry)", a->id, curl_easy_strerror(res));
    } else {
        set_err(d, "webhook for alert '%s': HTTP %ld (will retry)", a->id, code);
    }
    d->st.retries++;
    fifo_push_front(&d->web_q, a, LINK_WEB);
    wait = gt_io_backoff_ms(d->web_fails, (int64_t)d->o.retry_max_ms);
    if (after > 0 && (int64_t)after * 1000 > wait) {
        wait = (int64_t)after * 1000 < (int64_t)d->o.retry_max_ms ? (int64_t)after * 1000
                                                                  : (int64_t)d->o.retry_max_ms;
    }
    d->web_fails++;
    if (d->web_next_ms < now + wait) {
        d->web_next_ms = now + wait;
    }
}

static unsigned web_inflight(const struct gt_deliver *d)
{
    unsigned i, n = 0;

    for (i = 0; i < WEB_PARALLEL; i++) {
        n += d->reqs[i].a != NULL;
    }
    return n;
}

static void web_progress(struct gt_deliver *d, int64_t now)
{
    CURLMsg *m;
    int running, left;
    unsigned i;

    if (d->multi == NULL) {
        return;
    }
    (void)curl_multi_perform(d->multi, &running);
    while ((m = curl_multi_info_read(d->multi, &left)) != NULL) {
        if (m->msg != CURLMSG_DONE) {
            continue;
        }
        for (i = 0; i < WEB_PARALLEL; i++) {
            if (d->reqs[i].easy == m->easy_handle) {
                req_done(d, &d->reqs[i], m->data.result, now);
                break;
            }
        }
    }
    /* Start what may start: all slots while the server answers, one probe
     * while it fails, nothing before the back-off has passed. */
    if (now < d->web_next_ms) {
        return;
    }
    for (i = 0; i < WEB_PARALLEL && d->web_q.head != NULL; i++) {
        struct req *r = &d->reqs[i];
        if (r->a != NULL) {
            continue;
        }
        if (d->web_fails > 0 && web_inflight(d) > 0) {
            break;
        }
        if (req_start(d, r, d->web_q.head) != GT_OK) {
            set_err(d, "cannot start a webhook request");
            break; /* out of memory: try again at the next poll */
        }
        (void)fifo_pop(&d->web_q, LINK_WEB);
    }
    if (web_inflight(d) > 0) {
        (void)curl_multi_perform(d->multi, &running);
    }
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
            set_err(d, "cannot fsync '%s': %s", d->alerts_path, strerror(errno));
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
    if (d->multi != NULL && web_inflight(d) > 0) {
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
    if (d->multi != NULL && d->web_q.head != NULL && web_inflight(d) == 0) {
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
        exec_progress(d, now);
        web_progress(d, now);
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
    while ((a = fifo_pop(&d->exec_q, LINK_EXEC)) != NULL) {
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
    while ((a = fifo_pop(&d->web_q, LINK_WEB)) != NULL) {
        if (--a->left == 0) {
            alert_free(a);
        }
    }
    for (i = 0; i < WEB_PARALLEL; i++) {
        a = d->reqs[i].a;
        if (a != NULL) {
            req_end(d, &d->reqs[i]);
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
            job_close_stdin(j);
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
