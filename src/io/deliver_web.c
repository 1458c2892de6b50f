/*
 * deliver_web.c - alert delivery's webhook sink: one POST per alert (see
 * deliver.c).
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

#include "io_int.h"

int gt__deliver_setup_webhook(struct gt_deliver *d, const char *url)
{
    char hdr[64];

    if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
        gt__deliver_set_err(d, "webhook '%s' is not an http or https URL", url);
        return GT_ERR_INVAL;
    }
    d->url = gt__deliver_dup_str(url);
    if (d->url == NULL) {
        return GT_ERR_NOMEM;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        gt__deliver_set_err(d, "cannot initialise libcurl");
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

void gt__deliver_req_end(struct gt_deliver *d, struct req *r)
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
    gt__deliver_req_end(d, r);
    if (res == CURLE_OK && code >= 200 && code <= 299) {
        d->st.webhook_ok++;
        d->web_fails = 0;
        gt__deliver_sink_result(d, a, 1);
        return;
    }
    d->st.webhook_err++;
    if (res == CURLE_OK && code != 408 && code != 429 && code < 500) {
        /* The server is there and refuses this alert: repeating it would
         * get the same answer. */
        gt__deliver_set_err(d, "webhook refused alert '%s': HTTP %ld", a->id, code);
        d->web_fails = 0;
        gt__deliver_sink_result(d, a, 0);
        return;
    }
    if (res != CURLE_OK) {
        gt__deliver_set_err(d, "webhook for alert '%s': %s (will retry)", a->id,
                            curl_easy_strerror(res));
    } else {
        gt__deliver_set_err(d, "webhook for alert '%s': HTTP %ld (will retry)", a->id, code);
    }
    d->st.retries++;
    gt__deliver_fifo_push_front(&d->web_q, a, LINK_WEB);
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

unsigned gt__deliver_web_inflight(const struct gt_deliver *d)
{
    unsigned i, n = 0;

    for (i = 0; i < WEB_PARALLEL; i++) {
        n += d->reqs[i].a != NULL;
    }
    return n;
}

void gt__deliver_web_progress(struct gt_deliver *d, int64_t now)
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
        if (d->web_fails > 0 && gt__deliver_web_inflight(d) > 0) {
            break;
        }
        if (req_start(d, r, d->web_q.head) != GT_OK) {
            gt__deliver_set_err(d, "cannot start a webhook request");
            break; /* out of memory: try again at the next poll */
        }
        (void)gt__deliver_fifo_pop(&d->web_q, LINK_WEB);
    }
    if (gt__deliver_web_inflight(d) > 0) {
        (void)curl_multi_perform(d->multi, &running);
    }
}
