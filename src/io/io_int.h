/*
 * io_int.h - alert delivery's state, shared by its files (src/io):
 * deliver.c (the queue, the synchronous sinks and the loop),
 * deliver_exec.c (the command sink) and deliver_web.c (the webhook sink).
 */
#ifndef GT_IO_INT_H
#define GT_IO_INT_H

#include <curl/curl.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ghosttrack/deliver.h"

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

/* Link field accessors, so one FIFO implementation serves both queues. */
enum link { LINK_EXEC, LINK_WEB };

/* Keep the message of the last failure in d->err. */
void gt__deliver_set_err(struct gt_deliver *d, const char *fmt, ...) GT_PRINTF(2, 3);

void gt__deliver_fifo_push_front(struct fifo *q, struct alert *a, enum link l);

struct alert *gt__deliver_fifo_pop(struct fifo *q, enum link l);

/* One sink has finished with a: when it was the last, queue the callback. */
void gt__deliver_sink_result(struct gt_deliver *d, struct alert *a, int ok);

char *gt__deliver_dup_str(const char *s);

int gt__deliver_setup_webhook(struct gt_deliver *d, const char *url);

void gt__deliver_job_close_stdin(struct job *j);

void gt__deliver_exec_progress(struct gt_deliver *d, int64_t now);

void gt__deliver_req_end(struct gt_deliver *d, struct req *r);

unsigned gt__deliver_web_inflight(const struct gt_deliver *d);

void gt__deliver_web_progress(struct gt_deliver *d, int64_t now);

#endif /* GT_IO_INT_H */
