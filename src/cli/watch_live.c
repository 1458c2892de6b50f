/*
 * watch_live.c - `ghosttrack watch`'s live sources (see cmd_watch.c):
 * opening each feed (a TCP or UDP address, standard input, a followed
 * file resumed where the store left it), reconnecting with back-off, and
 * the poll loop that feeds them to the ingest pipeline, commits and ticks
 * the engine while the feeds are quiet.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_int.h"
#include "ghosttrack/deliver.h"
#include "ghosttrack/detect.h"
#include "ghosttrack/follow.h"
#include "ghosttrack/ingest.h"
#include "ghosttrack/io.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/ports.h"
#include "ghosttrack/ref.h"
#include "ghosttrack/refdata.h"
#include "ghosttrack/store.h"
#include "ghosttrack/time.h"
#include "ghosttrack/watch.h"

/* ---- live sources ---- */

static int follow_resume(void *ud, const char *key, const void *p, size_t n)
{
    struct src *s = ud;

    if (strcmp(key, s->key) == 0 && n == 3 * sizeof(uint64_t)) {
        uint64_t v[3];
        memcpy(v, p, sizeof v);
        gt_follow_close(s->fw);
        s->fw = NULL;
        return gt_follow_open(s->name, v[0], v[1], v[2], &s->fw) == GT_OK ? 1 : -1;
    }
    return 0;
}

int cli_watch_open_source(struct ctx *c, struct src *s, const struct gt_ingest_opts *o)
{
    int rc = gt_ingest_new(c->st, o, &s->in);
    char url[300];

    if (rc < 0) {
        cli_error("cannot start ingest: %s", gt_ingest_errmsg(s->in));
        return CLI_FAIL;
    }
    s->fd = -1;
    if (strncmp(s->name, "tcp://", 6) == 0 || strncmp(s->name, "udp://", 6) == 0) {
        if (gt_io_parse_url(s->name, &s->udp, s->host, s->port, sizeof s->host) < 0) {
            cli_error("invalid live source '%s': expected tcp://HOST:PORT or udp://:PORT", s->name);
            return CLI_USAGE;
        }
        if (s->udp && gt_io_udp_listen(s->host, s->port, &s->fd) < 0) {
            cli_error("cannot listen on '%s'", s->name);
            return CLI_FAIL;
        }
        if (o->start_ms == 0) {
            gt_ingest_set_start_time(s->in, cli_watch_wall_ms());
        }
        snprintf(url, sizeof url, "%s", s->name);
    } else if (strcmp(s->name, "-") == 0) {
        s->is_stdin = 1;
        s->fd = 0;
        snprintf(url, sizeof url, "%s", "-");
    } else {
        snprintf(s->key, sizeof s->key, "f:%s", s->name);
        rc = gt_follow_open(s->name, 0, 0, 0, &s->fw);
        if (rc == GT_OK) {
            rc = gt_store_watch_state_each(c->st, follow_resume, s);
            rc = rc < 0 ? rc : GT_OK;
        }
        if (rc < 0 || s->fw == NULL) {
            cli_error("cannot follow '%s': %s", s->name, gt_strerror(rc));
            return CLI_FAIL;
        }
        s->part = gt_malloc(1u << 20);
        if (s->part == NULL) {
            return CLI_FAIL;
        }
        snprintf(url, sizeof url, "file://%s", s->name);
    }
    if (gt_ingest_stream_open(s->in, url) < 0) {
        cli_error("cannot record stream '%s': %s", url, gt_ingest_errmsg(s->in));
        return CLI_FAIL;
    }
    return CLI_OK;
}

static int feed(struct ctx *c, struct src *s, const uint8_t *p, size_t n)
{
    int rc;

    c->cur = s->in;
    c->last_record_mono = cli_watch_mono_ms();
    rc = gt_ingest_stream_feed(s->in, p, n);
    if (rc == GT_OK && c->nq > 0 &&
        cli_watch_mono_ms() - c->last_commit_mono >= CLI_WATCH_COMMIT_GAP_MS) {
        rc = gt_ingest_flush(s->in); /* commit, then deliver (on_commit) */
    }
    c->cur = NULL;
    if (rc < 0) {
        cli_error("ingest of '%s' failed: %s", s->name, gt_ingest_errmsg(s->in));
    }
    return rc;
}

/* A followed file: feed whole lines only, so that the resume point kept
 * with each commit is the start of a line. */
static int read_follow(struct ctx *c, struct src *s, uint8_t *buf, size_t cap)
{
    size_t got = 0;
    int rotated = 0, rc;

    for (;;) {
        size_t room = (1u << 20) - s->npart, i;
        if (room > cap) {
            room = cap;
        }
        rc = gt_follow_read(s->fw, buf, room, &got, &rotated);
        if (rc < 0 || got == 0) {
            return GT_OK;
        }
        if (rotated) {
            s->npart = 0;
            rc = gt_ingest_stream_reset(s->in);
            if (rc < 0) {
                return rc;
            }
        }
        for (i = got; i > 0 && buf[i - 1] != '\n'; i--) {
        }
        if (i == 0) {
            memcpy(s->part + s->npart, buf, got);
            s->npart += got;
            if (s->npart == (1u << 20)) { /* no newline in 1 MiB: hand it over */
                rc = feed(c, s, s->part, s->npart);
                s->npart = 0;
            }
        } else {
            if (s->npart > 0) {
                rc = feed(c, s, s->part, s->npart);
                s->npart = 0;
                if (rc < 0) {
                    return rc;
                }
            }
            rc = feed(c, s, buf, i);
            memcpy(s->part, buf + i, got - i);
            s->npart = got - i;
        }
        if (rc < 0) {
            return rc;
        }
    }
}

int cli_watch_run_live(struct ctx *c)
{
    static uint8_t buf[65536];
    struct pollfd pf[64];
    int idx[64];
    int64_t last_flush = cli_watch_mono_ms(), last_tick = cli_watch_mono_ms();
    int i, rc;

    c->last_record_mono = cli_watch_mono_ms();
    while (!cli_watch_stop_flag) {
        int np = 0, r;
        int64_t now = cli_watch_mono_ms();
        for (i = 0; i < c->nsrcs; i++) {
            struct src *s = &c->srcs[i];
            if (s->fw != NULL) {
                continue;
            }
            if (s->fd < 0 && !s->udp && !s->is_stdin && now >= s->retry_at) {
                if (gt_io_tcp_connect(s->host, s->port, &s->fd) < 0) {
                    int64_t d = gt_io_backoff_ms(s->attempt++, 30000);
                    fprintf(stderr, "ghosttrack: cannot connect to %s:%s, retrying in %.1f s\n",
                            s->host, s->port, (double)d / 1000.0);
                    s->retry_at = now + d;
                } else {
                    s->attempt = 0;
                    gt_ingest_set_start_time(s->in, cli_watch_wall_ms());
                }
            }
            if (s->fd >= 0 && np < 64) {
                pf[np].fd = s->fd;
                pf[np].events = POLLIN;
                pf[np].revents = 0;
                idx[np++] = i;
            }
        }
        r = poll(pf, (nfds_t)np, 100);
        if (r < 0 && errno != EINTR) {
            cli_error("poll failed: %s", strerror(errno));
            return CLI_FAIL;
        }
        for (i = 0; i < np && r > 0; i++) {
            struct src *s = &c->srcs[idx[i]];
            int n;
            if (!(pf[i].revents & (POLLIN | POLLHUP | POLLERR))) {
                continue;
            }
            n = s->is_stdin ? (int)read(0, buf, sizeof buf) : gt_io_recv(s->fd, buf, sizeof buf);
            if (n > 0) {
                if (feed(c, s, buf, (size_t)n) < 0) {
                    return CLI_FAIL;
                }
            } else if (s->is_stdin) {
                s->fd = -1; /* end of standard input: keep watching the others */
                s->is_stdin = 0;
                s->udp = 1; /* never reconnect */
            } else if (!s->udp) {
                gt_io_fd_close(s->fd);
                s->fd = -1;
                if (gt_ingest_stream_reset(s->in) < 0) {
                    cli_error("ingest of '%s' failed: %s", s->name, gt_ingest_errmsg(s->in));
                    return CLI_FAIL;
                }
                fprintf(stderr, "ghosttrack: connection to %s:%s lost, reconnecting\n", s->host,
                        s->port);
                s->retry_at = cli_watch_mono_ms() + gt_io_backoff_ms(s->attempt++, 30000);
            }
        }
        for (i = 0; i < c->nsrcs; i++) {
            if (c->srcs[i].fw != NULL && read_follow(c, &c->srcs[i], buf, sizeof buf) < 0) {
                cli_error("ingest of '%s' failed: %s", c->srcs[i].name,
                          gt_ingest_errmsg(c->srcs[i].in));
                return CLI_FAIL;
            }
        }
        if (gt_deliver_poll(c->d, 0) < 0) {
            /* the problem is in gt_deliver_errmsg(); delivery goes on */
        }
        now = cli_watch_mono_ms();
        /* quiet feeds: data time goes on with the wall clock */
        if (now - c->last_record_mono >= 1000 && now - last_tick >= 1000) {
            int64_t adv = now - (last_tick > c->last_record_mono ? last_tick : c->last_record_mono);
            c->cur = c->srcs[0].in;
            rc = gt_watch_tick(c->w, adv);
            c->cur = NULL;
            if (rc < 0) {
                cli_error("watch failed: %s", gt_strerror(rc));
                return CLI_FAIL;
            }
            last_tick = now;
        }
        if (now - last_flush >= 1000 ||
            ((c->nq > 0 || c->ndone > 0) && now - c->last_commit_mono >= CLI_WATCH_COMMIT_GAP_MS)) {
            for (i = 0; i < c->nsrcs; i++) {
                if (gt_ingest_flush(c->srcs[i].in) < 0) {
                    cli_error("cannot commit '%s': %s", c->srcs[i].name,
                              gt_ingest_errmsg(c->srcs[i].in));
                    return CLI_FAIL;
                }
            }
            if (c->nq > 0 || c->ndone > 0) {
                /* nothing was committed by the pipelines (no input yet):
                 * commit the engine's rows here */
                if (gt_store_begin(c->st) < 0 || cli_watch_on_commit(c, 1) < 0 ||
                    gt_store_commit(c->st) < 0) {
                    cli_error("cannot commit: %s", gt_store_errmsg(c->st));
                    return CLI_FAIL;
                }
                (void)cli_watch_on_commit(c, 0);
            }
            last_flush = now;
        }
    }
    return CLI_OK;
}
