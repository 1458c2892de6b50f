/*
 * cmd_watch.c - `ghosttrack watch`: a watchlist, live feeds (or recorded
 * ones replayed), alerts as they happen (docs/WATCH.md).
 *
 * Every record goes through the ingest pipeline exactly as `ingest` stores
 * it; its record tap hands each stored position and fact to the watch
 * engine, which keeps each new alert in the store and hands it back here.
 * An alert is delivered (gt_deliver: stdout, --alerts, --exec, --webhook)
 * only after the batch holding it committed, and marked delivered in the
 * next one; at start the alerts kept but not marked are delivered again, so
 * a crash loses none and only the alerts of its last instant can be seen
 * twice.  The engine's state commits with the records that changed it.
 *
 * Only cli reads the clock and sleeps: live sources are polled here, the
 * engine gets data time from the records and, when the feeds are quiet,
 * the wall time elapsed since (gt_watch_tick), so silences are judged
 * without records.  --replay paces recorded files by their data time
 * (--speed N times real time; 0, the default, as fast as possible).
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

static const struct cli_opt opts[] = {
    {"db", 0, "DB", "database file (default ./ghosttrack.db)"},
    {"watchlist", 'w', "FILE", "the watchlist (docs/WATCH.md)"},
    {"alerts", 0, "FILE", "also append each alert as one line to FILE"},
    {"exec", 0, "CMD", "also run CMD per alert (/bin/sh -c), the alert JSON on its stdin"},
    {"webhook", 0, "URL", "also POST each alert to URL (retried with back-off)"},
    {"replay", 0, NULL, "the arguments are recorded files: replay them through the engine"},
    {"speed", 0, "N", "with --replay: N times real time by data time (default 0: at once)"},
    {"config", 0, "FILE", "thresholds file, as for detect (docs/WATCH.md)"},
    {"source", 0, "NAME", "name of the feed these records come from"},
    {"format", 'f', "F", "input format (default: detected from content)"},
    {"station", 0, "NAME", "receiver or station the records were received by"},
    {"rx", 0, "CLASS", "receiver class of the station: terrestrial or satellite"},
    {"quiet", 'q', NULL, "no summary on stderr"},
    {NULL, 0, NULL, NULL},
};

static volatile int stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static int64_t mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t wall_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* An alert kept and committed-to-be, waiting to be pushed. */
struct queued {
    char id[20];
    char *json;
    size_t n;
};

/* One live source. */
struct src {
    const char *name;
    struct gt_ingest *in;
    int fd, udp, is_stdin;
    char host[256], port[32];
    unsigned attempt;
    int64_t retry_at;
    struct gt_follow *fw; /* a followed file */
    uint8_t *part;        /* a followed file's bytes after the last newline */
    size_t npart;
    char key[300]; /* state key of its resume point */
};

struct ctx {
    struct gt_store *st;
    struct gt_watch *w;
    struct gt_deliver *d;
    struct gt_ingest *cur; /* the pipeline being fed */
    struct queued *q;
    size_t nq, capq;
    char **done;
    size_t ndone, capdone;
    struct src *srcs;
    int nsrcs;
    int fail;
    uint64_t pushed, records;
    /* --replay pacing */
    double speed;
    int64_t base_data, base_wall;
    int64_t last_record_mono;
};

static void on_done(void *ud, const char *id, unsigned ok, unsigned failed)
{
    struct ctx *c = ud;
    char *s;

    (void)ok;
    (void)failed;
    if (c->ndone == c->capdone) {
        size_t cap = c->capdone ? c->capdone * 2 : 64;
        char **nd = gt_realloc(c->done, cap * sizeof *nd);
        if (nd == NULL) {
            return; /* delivered again after a restart: never lost */
        }
        c->done = nd;
        c->capdone = cap;
    }
    s = gt_strndup(id, strlen(id));
    if (s != NULL) {
        c->done[c->ndone++] = s;
    }
}

static int enqueue(struct ctx *c, const char *id, const char *json, size_t n)
{
    struct queued *x;

    if (c->nq == c->capq) {
        size_t cap = c->capq ? c->capq * 2 : 64;
        struct queued *nq = gt_realloc(c->q, cap * sizeof *nq);
        if (nq == NULL) {
            return GT_ERR_NOMEM;
        }
        c->q = nq;
        c->capq = cap;
    }
    x = &c->q[c->nq];
    snprintf(x->id, sizeof x->id, "%s", id);
    x->json = gt_strndup(json, n);
    if (x->json == NULL) {
        return GT_ERR_NOMEM;
    }
    x->n = n;
    c->nq++;
    return GT_OK;
}

/* Push what is queued (committed by now); a full queue keeps the rest for
 * the next round. */
static void push_queued(struct ctx *c)
{
    size_t i, k = 0;

    for (i = 0; i < c->nq; i++) {
        int rc = gt_deliver_push(c->d, c->q[i].id, c->q[i].json, c->q[i].n);
        if (rc == GT_ERR_FULL) {
            c->q[k++] = c->q[i];
            continue;
        }
        if (rc < 0) {
            cli_error("cannot deliver alert %s: %s", c->q[i].id, gt_strerror(rc));
        } else {
            c->pushed++;
        }
        gt_free(c->q[i].json);
    }
    c->nq = k;
}

static int on_alert(void *ud, const struct gt_watch_alert *a)
{
    struct ctx *c = ud;
    int rc = enqueue(c, a->id, a->json, a->n);

    if (c->cur != NULL) {
        gt_ingest_commit_soon(c->cur);
    }
    return rc;
}

static int save_follow(struct ctx *c)
{
    int i, rc = GT_OK;

    for (i = 0; i < c->nsrcs && rc == GT_OK; i++) {
        struct src *s = &c->srcs[i];
        uint64_t v[3];
        if (s->fw == NULL) {
            continue;
        }
        gt_follow_where(s->fw, &v[0], &v[1], &v[2]);
        v[2] -= v[2] >= s->npart ? s->npart : v[2];
        rc = gt_store_watch_state_put(c->st, s->key, v, sizeof v);
    }
    return rc;
}

static int on_commit(void *ud, int before)
{
    struct ctx *c = ud;
    size_t i;
    int rc = GT_OK;

    if (before) {
        rc = gt_watch_save(c->w);
        for (i = 0; i < c->ndone && rc == GT_OK; i++) {
            rc = gt_store_watch_alert_done(c->st, c->done[i]);
        }
        if (rc == GT_OK) {
            rc = save_follow(c);
        }
        if (rc == GT_OK) {
            for (i = 0; i < c->ndone; i++) {
                gt_free(c->done[i]);
            }
            c->ndone = 0;
        }
        return rc;
    }
    push_queued(c);
    /* a fast replay polls nowhere else: let the sinks make progress */
    if (gt_deliver_poll(c->d, 0) < 0) {
        /* the problem is in gt_deliver_errmsg(); delivery goes on */
    }
    return GT_OK;
}

/* --replay --speed N: wait until the wall clock reaches the record's data
 * time divided by N, delivering meanwhile. */
static void pace(struct ctx *c, int64_t t)
{
    int64_t due, now;

    if (c->speed <= 0 || t == GT_TIME_NONE) {
        return;
    }
    now = mono_ms();
    if (c->base_data == GT_TIME_NONE || t < c->base_data) {
        c->base_data = t;
        c->base_wall = now;
        return;
    }
    due = c->base_wall + (int64_t)((double)(t - c->base_data) / c->speed);
    while (!stop_flag && (now = mono_ms()) < due) {
        int64_t wait = due - now;
        if (gt_deliver_poll(c->d, (int)(wait > 100 ? 100 : wait)) < 0) {
            break;
        }
    }
}

static int tap_obs(void *ud, const struct gt_obs *o)
{
    struct ctx *c = ud;

    c->records++;
    pace(c, o->t_ms);
    return gt_watch_obs(c->w, o);
}

static int tap_fact(void *ud, const struct gt_ident_obs *f)
{
    struct ctx *c = ud;

    c->records++;
    pace(c, f->t_ms);
    return gt_watch_fact(c->w, f);
}

static int repush(void *ud, const char *id, const char *json, size_t n)
{
    return enqueue(ud, id, json, n);
}

/* ---- reference data and the watchlist ---- */

/* The installed port table (every World Port Index port, refdata.h), else
 * the built-in one, plus the file loaded with `ghosttrack ref --ports`. */
static struct gt_ports *load_ports(struct gt_store *st)
{
    struct gt_refdata rd;
    struct gt_ports *p = NULL;
    void *blob = NULL;
    size_t n = 0, nbad = 0;

    gt_refdata_init(&rd);
    if (gt_refdata_load(&rd, NULL, GT_REFDATA_PORTS) == GT_OK && rd.ports != NULL) {
        p = rd.ports;
        rd.ports = NULL;
    }
    gt_refdata_release(&rd);
    if (p == NULL && (gt_ports_new(&p) != GT_OK || gt_ports_add_builtin(p) != GT_OK)) {
        gt_ports_free(p);
        return NULL;
    }
    if (gt_store_ref_get(st, "ports", &blob, &n) == GT_OK) {
        if (gt_ports_load_csv(p, blob, n, &nbad) != GT_OK) {
            cli_error("warning: the stored ports file could not be read");
        }
        gt_free(blob);
    }
    if (gt_ports_index(p) != GT_OK) {
        cli_error("warning: cannot index the ports");
    }
    return p;
}

static int read_file(const char *path, uint8_t **p, size_t *n)
{
    FILE *f = fopen(path, "rb");
    uint8_t *b = NULL;
    size_t cap = 0, len = 0;

    if (f == NULL) {
        return GT_ERR_NOTFOUND;
    }
    for (;;) {
        size_t got;
        if (len == cap) {
            uint8_t *nb;
            if (cap >= ((size_t)256 << 20)) {
                gt_free(b);
                fclose(f);
                return GT_ERR_TOOBIG;
            }
            cap = cap ? cap * 2 : 65536;
            nb = gt_realloc(b, cap);
            if (nb == NULL) {
                gt_free(b);
                fclose(f);
                return GT_ERR_NOMEM;
            }
            b = nb;
        }
        got = fread(b + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(f)) {
        gt_free(b);
        fclose(f);
        return GT_ERR_IO;
    }
    fclose(f);
    *p = b;
    *n = len;
    return GT_OK;
}

struct badctx {
    const char *path;
    unsigned n;
};

static void on_bad(void *ud, unsigned line, const char *why)
{
    struct badctx *b = ud;

    b->n++;
    fprintf(stderr, "ghosttrack: warning: watchlist '%s' line %u: %s; line skipped\n", b->path,
            line, why);
}

static int load_watchlist(const char *path, struct gt_watchlist **wl)
{
    uint8_t *p = NULL;
    size_t n = 0, i;
    struct badctx b = {path, 0};
    int rc = read_file(path, &p, &n);

    if (rc < 0) {
        cli_error("cannot read watchlist '%s': %s", path, gt_strerror(rc));
        return CLI_FAIL;
    }
    rc = gt_watchlist_parse(p, n, on_bad, &b, wl);
    gt_free(p);
    if (rc < 0) {
        cli_error("cannot load watchlist '%s': %s", path, gt_strerror(rc));
        return CLI_FAIL;
    }
    for (i = 0; i < gt_watchlist_count(*wl); i++) {
        const struct gt_watch_entry *e = gt_watchlist_get(*wl, i);
        char full[4096];
        const char *slash = strrchr(path, '/');
        if (e->sel != GT_WSEL_AREA || e->path == NULL) {
            continue;
        }
        /* a relative file is found next to the watchlist */
        if (e->path[0] != '/' && slash != NULL) {
            snprintf(full, sizeof full, "%.*s/%s", (int)(slash - path), path, e->path);
        } else {
            snprintf(full, sizeof full, "%s", e->path);
        }
        rc = read_file(full, &p, &n);
        if (rc == GT_OK) {
            rc = gt_watchlist_set_polygon(*wl, i, p, n);
            gt_free(p);
        }
        if (rc < 0) {
            fprintf(stderr,
                    "ghosttrack: warning: watchlist '%s' line %u: area file '%s': %s; the area "
                    "matches nothing\n",
                    path, e->line, full,
                    rc == GT_ERR_BADDATA ? "no polygon in it" : gt_strerror(rc));
        }
    }
    if (gt_watchlist_count(*wl) == 0) {
        cli_error("watchlist '%s' has no usable entry", path);
        return CLI_FAIL;
    }
    return CLI_OK;
}

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

static int open_source(struct ctx *c, struct src *s, const struct gt_ingest_opts *o)
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
            gt_ingest_set_start_time(s->in, wall_ms());
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
    c->last_record_mono = mono_ms();
    rc = gt_ingest_stream_feed(s->in, p, n);
    if (rc == GT_OK && c->nq > 0) {
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

static int run_live(struct ctx *c)
{
    static uint8_t buf[65536];
    struct pollfd pf[64];
    int idx[64];
    int64_t last_flush = mono_ms(), last_tick = mono_ms();
    int i, rc;

    c->last_record_mono = mono_ms();
    while (!stop_flag) {
        int np = 0, r;
        int64_t now = mono_ms();
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
                    gt_ingest_set_start_time(s->in, wall_ms());
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
                s->retry_at = mono_ms() + gt_io_backoff_ms(s->attempt++, 30000);
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
        now = mono_ms();
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
        if (now - last_flush >= 1000 || c->nq > 0 || c->ndone > 0) {
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
                if (gt_store_begin(c->st) < 0 || on_commit(c, 1) < 0 ||
                    gt_store_commit(c->st) < 0) {
                    cli_error("cannot commit: %s", gt_store_errmsg(c->st));
                    return CLI_FAIL;
                }
                (void)on_commit(c, 0);
            }
            last_flush = now;
        }
    }
    return CLI_OK;
}

static void on_input(void *ud, const struct gt_ingest_report *r)
{
    (void)ud;
    if (r->outcome == GT_INGEST_FAILED) {
        cli_error("'%s' stored nothing%s%s", r->path, r->reason != NULL ? ": " : "",
                  r->reason != NULL ? r->reason : "");
    }
}

static int load_config(const char *path, struct gt_detect_config *cfg)
{
    uint8_t *p = NULL;
    size_t n = 0;
    int bad = 0, rc = read_file(path, &p, &n);

    if (rc < 0) {
        cli_error("cannot read config '%s': %s", path, gt_strerror(rc));
        return CLI_FAIL;
    }
    rc = gt_detect_config_parse(p, n, cfg, &bad);
    gt_free(p);
    if (rc < 0) {
        cli_error("config '%s' line %d: expected 'name = value'", path, bad);
        return CLI_FAIL;
    }
    return CLI_OK;
}

static void summary(const struct ctx *c)
{
    const struct gt_watch_stats *s = gt_watch_stats(c->w);
    const struct gt_deliver_stats *d = gt_deliver_stats(c->d);
    unsigned k;

    fprintf(stderr,
            "watch: %llu records, %llu new alerts, %llu already sent, %llu identities (%llu "
            "watched), %llu delivered, %llu failed\n",
            (unsigned long long)c->records, (unsigned long long)s->alerts,
            (unsigned long long)s->repeats, (unsigned long long)s->identities,
            (unsigned long long)s->watched, (unsigned long long)d->delivered,
            (unsigned long long)d->failed);
    for (k = 0; k < GT_ALERT_NKIND; k++) {
        if (s->by_kind[k] > 0) {
            fprintf(stderr, "  %-12s %llu\n", gt_watch_kind_name(1u << k),
                    (unsigned long long)s->by_kind[k]);
        }
    }
}

static int run(const struct cli_command *cmd, struct cli_args *a)
{
    struct ctx c;
    struct gt_ingest_opts o;
    struct gt_watch_opts wo;
    struct gt_deliver_opts dopt;
    struct gt_detect_config cfg;
    struct cli_air_ref air;
    struct gt_ref ref;
    struct gt_ports *ports = NULL;
    struct gt_watchlist *wl = NULL;
    const char *v, *wlpath = cli_get(cmd, a, "watchlist");
    int i, rc, ret = CLI_OK, replay = cli_has(cmd, a, "replay"), have_cfg = 0;

    memset(&c, 0, sizeof c);
    memset(&o, 0, sizeof o);
    memset(&wo, 0, sizeof wo);
    memset(&dopt, 0, sizeof dopt);
    memset(&cfg, 0, sizeof cfg);
    memset(&air, 0, sizeof air);
    memset(&ref, 0, sizeof ref);
    c.base_data = GT_TIME_NONE;
    if (wlpath == NULL) {
        return cli_usage_error(cmd, "no watchlist: give --watchlist FILE");
    }
    if (a->npos == 0) {
        return cli_usage_error(cmd, replay ? "nothing to replay: give recorded files"
                                           : "nothing to watch: give tcp://, udp://, - or files");
    }
    v = cli_get(cmd, a, "speed");
    if (v != NULL) {
        char *end;
        c.speed = strtod(v, &end);
        if (*end != '\0' || !(c.speed >= 0 && c.speed <= 1e9)) {
            return cli_usage_error(cmd, "invalid speed '%s': a factor, 0 for at once", v);
        }
        if (!replay) {
            return cli_usage_error(cmd, "--speed needs --replay");
        }
    }
    o.format = cli_get(cmd, a, "format");
    if (o.format != NULL && gt_ingest_format_find(o.format) == NULL) {
        return cli_usage_error(cmd, "unknown format '%s'; see 'ghosttrack ingest --format list'",
                               o.format);
    }
    o.source = cli_get(cmd, a, "source");
    o.station = cli_get(cmd, a, "station");
    v = cli_get(cmd, a, "rx");
    if (v != NULL) {
        if (strcmp(v, "terrestrial") == 0) {
            o.rx = GT_RX_TERRESTRIAL;
        } else if (strcmp(v, "satellite") == 0) {
            o.rx = GT_RX_SATELLITE;
        } else {
            return cli_usage_error(cmd, "invalid receiver class '%s'", v);
        }
    }
    if (load_watchlist(wlpath, &wl) != CLI_OK) {
        gt_watchlist_free(wl);
        return CLI_FAIL;
    }
    v = cli_get(cmd, a, "config");
    if (v != NULL) {
        if (load_config(v, &cfg) != CLI_OK) {
            gt_detect_config_release(&cfg);
            gt_watchlist_free(wl);
            return CLI_FAIL;
        }
        have_cfg = 1;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);
    if (cli_open_store(cli_db_path(cmd, a), GT_STORE_CREATE, &c.st) != CLI_OK) {
        ret = CLI_FAIL;
        goto out;
    }
    if (cli_air_ref_load(c.st, &air) != CLI_OK) {
        ret = CLI_FAIL;
        goto out;
    }
    ports = load_ports(c.st);
    ref.ports = ports;
    ref.airports = air.airports;
    ref.aircraft = air.aircraft;
    dopt.out_fd = 1;
    dopt.alerts_path = cli_get(cmd, a, "alerts");
    dopt.exec_cmd = cli_get(cmd, a, "exec");
    dopt.webhook_url = cli_get(cmd, a, "webhook");
    dopt.done = on_done;
    dopt.done_ud = &c;
    rc = gt_deliver_new(&dopt, &c.d);
    if (rc < 0) {
        cli_error("cannot set up delivery: %s",
                  c.d != NULL ? gt_deliver_errmsg(c.d) : gt_strerror(rc));
        ret = rc == GT_ERR_INVAL ? CLI_USAGE : CLI_FAIL;
        goto out;
    }
    wo.wl = wl;
    wo.params = have_cfg ? &cfg.params : NULL;
    wo.ref = &ref;
    wo.st = c.st;
    wo.emit = on_alert;
    wo.emit_ud = &c;
    rc = gt_watch_new(&wo, &c.w);
    if (rc < 0) {
        cli_error("cannot start the watch engine: %s",
                  rc == GT_ERR_DB ? gt_store_errmsg(c.st) : gt_strerror(rc));
        ret = CLI_FAIL;
        goto out;
    }
    /* alerts kept by an earlier run but never marked delivered */
    rc = gt_store_watch_pending(c.st, repush, &c);
    if (rc < 0) {
        cli_error("cannot read pending alerts: %s", gt_store_errmsg(c.st));
        ret = CLI_FAIL;
        goto out;
    }
    push_queued(&c);

    o.on_obs = tap_obs;
    o.on_fact = tap_fact;
    o.on_commit = on_commit;
    o.tap_ud = &c;
    o.stop = &stop_flag;
    o.db_path = cli_db_path(cmd, a);
    o.on_input = on_input;
    if (replay) {
        struct gt_ingest *in = NULL;
        o.force = 1; /* replaying a stored file stores it again, in place */
        rc = gt_ingest_new(c.st, &o, &in);
        if (rc < 0) {
            cli_error("cannot start ingest: %s", gt_ingest_errmsg(in));
            gt_ingest_free(in);
            ret = CLI_FAIL;
            goto out;
        }
        c.cur = in;
        for (i = 0; i < a->npos && !stop_flag; i++) {
            rc = gt_ingest_path(in, a->pos[i]);
            if (rc == GT_ERR_EOF) {
                break;
            }
            if (rc < 0) {
                cli_error("cannot replay '%s': %s", a->pos[i], gt_ingest_errmsg(in));
                ret = CLI_FAIL;
                break;
            }
        }
        if (ret == CLI_OK && !stop_flag) {
            rc = gt_watch_tick(c.w, 0); /* judge silences at the end of the data */
            if (rc < 0) {
                cli_error("watch failed: %s", gt_strerror(rc));
                ret = CLI_FAIL;
            }
        }
        c.cur = NULL;
        gt_ingest_free(in);
    } else {
        c.srcs = gt_calloc((size_t)a->npos, sizeof *c.srcs);
        if (c.srcs == NULL) {
            ret = CLI_FAIL;
            goto out;
        }
        if (a->npos > 64) {
            cli_usage_error(cmd, "at most 64 sources");
            ret = CLI_USAGE;
            goto out;
        }
        for (i = 0; i < a->npos && ret == CLI_OK; i++) {
            c.srcs[i].name = a->pos[i];
            c.nsrcs = i + 1;
            ret = open_source(&c, &c.srcs[i], &o);
        }
        if (ret == CLI_OK) {
            ret = run_live(&c);
        }
        for (i = 0; i < c.nsrcs; i++) {
            struct src *s = &c.srcs[i];
            if (s->in != NULL && gt_ingest_stream_close(s->in) < 0) {
                cli_error("cannot commit '%s': %s", s->name, gt_ingest_errmsg(s->in));
                ret = CLI_FAIL;
            }
        }
    }
    /* deliver what is left, then mark it */
    if (c.st != NULL && c.d != NULL) {
        if (gt_store_begin(c.st) == GT_OK && on_commit(&c, 1) == GT_OK &&
            gt_store_commit(c.st) == GT_OK) {
            (void)on_commit(&c, 0);
        }
        (void)gt_deliver_drain(c.d, 10000);
        if (gt_store_begin(c.st) < 0 || on_commit(&c, 1) < 0 || gt_store_commit(c.st) < 0) {
            cli_error("cannot mark alerts delivered: %s", gt_store_errmsg(c.st));
            ret = CLI_FAIL;
        }
    }
    if (!cli_has(cmd, a, "quiet") && c.w != NULL && c.d != NULL) {
        summary(&c);
    }
out:
    if (c.srcs != NULL) {
        for (i = 0; i < c.nsrcs; i++) {
            gt_ingest_free(c.srcs[i].in);
            gt_io_fd_close(c.srcs[i].is_stdin ? -1 : c.srcs[i].fd);
            gt_follow_close(c.srcs[i].fw);
            gt_free(c.srcs[i].part);
        }
        gt_free(c.srcs);
    }
    for (i = 0; i < (int)c.nq; i++) {
        gt_free(c.q[i].json);
    }
    gt_free(c.q);
    for (i = 0; i < (int)c.ndone; i++) {
        gt_free(c.done[i]);
    }
    gt_free(c.done);
    gt_watch_free(c.w);
    gt_deliver_free(c.d);
    cli_air_ref_release(&air);
    gt_ports_free(ports);
    gt_store_close(c.st);
    gt_watchlist_free(wl);
    if (have_cfg) {
        gt_detect_config_release(&cfg);
    }
    return ret;
}

const struct cli_command cli_cmd_watch = {
    "watch",
    "[--db DB] --watchlist FILE [--alerts FILE] [--exec CMD] [--webhook URL] "
    "[--replay [--speed N]] SOURCE...",
    "watch live feeds for the identities and areas of a watchlist, alerting as it happens",
    "Each SOURCE is what ingest reads live (tcp://HOST:PORT for Beast, AVR, SBS or NMEA; "
    "udp://:PORT for NMEA; - for standard input) or a file that keeps growing, followed like "
    "tail -F across rotation.  Every record is stored with its provenance exactly as ingest "
    "stores it, and evaluated as it arrives: a watched identity first heard or heard again, going "
    "dark where reception says it should be heard, entering or leaving a watched area, an "
    "encounter or loitering starting, a take-off or landing, an identity change, signs of "
    "spoofing.  Each alert is one NDJSON line on standard output (and --alerts, --exec, "
    "--webhook), with a stable id, the figures that decided it and the records that prove it; "
    "none is sent twice, also across a restart.  With --replay the SOURCEs are recorded files, "
    "replayed through the same engine with data time as the clock.  Ctrl-C or SIGTERM commits "
    "and ends with status 0.  docs/WATCH.md describes the watchlist and every alert.",
    opts,
    run,
    17,
};
