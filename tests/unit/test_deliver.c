/*
 * test_deliver.c - alert delivery (src/io/deliver.c) and file following
 * (src/io/follow.c): the synchronous sinks, the done callback, the memory
 * bound, and following a file across appends, rotation, truncation and a
 * restart.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ghosttrack/deliver.h"
#include "ghosttrack/follow.h"
#include "test.h"

static char tmpdir[64];

/* What a case has open: an assertion that fails ends the case (under
 * `make torture`, an allocation failing halfway), so the next case frees
 * what was left, kills the test server and the last case cleans up. */
static struct gt_deliver *live_d;
static struct gt_follow *live_f;
static pid_t live_server = -1;
static void stop_server(pid_t pid);

static void reset_live(void)
{
    gt_deliver_free(live_d);
    live_d = NULL;
    gt_follow_close(live_f);
    live_f = NULL;
    stop_server(live_server);
    live_server = -1;
}

static int new_live(const struct gt_deliver_opts *o)
{
    gt_deliver_free(live_d);
    live_d = NULL;
    return gt_deliver_new(o, &live_d);
}

static const char *tpath(const char *name)
{
    static char p[4][128];
    static int k;

    if (tmpdir[0] == '\0') {
        snprintf(tmpdir, sizeof tmpdir, "/tmp/gt_deliver_XXXXXX");
        if (mkdtemp(tmpdir) == NULL) {
            tmpdir[0] = '\0';
            return NULL;
        }
    }
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, name);
    return p[k];
}

static int64_t mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t slurp(const char *path, char *buf, size_t cap)
{
    FILE *fp = fopen(path, "rb");
    size_t n;

    if (fp == NULL) {
        return 0;
    }
    n = fread(buf, 1, cap - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return n;
}

static void append(const char *path, const char *s)
{
    FILE *fp = fopen(path, "ab");

    GT_ASSERT(fp != NULL);
    fputs(s, fp);
    fclose(fp);
}

/* Done callbacks seen: ids concatenated, counts of the last. */
struct seen {
    char ids[512];
    unsigned calls, ok, failed;
};

static void on_done(void *ud, const char *id, unsigned ok, unsigned failed)
{
    struct seen *s = ud;
    size_t n = strlen(s->ids);

    snprintf(s->ids + n, sizeof s->ids - n, "%s;", id);
    s->calls++;
    s->ok = ok;
    s->failed = failed;
}

static void test_stdout_and_file(void)
{
    const char *file = tpath("alerts.ndjson");
    struct gt_deliver_opts o = {0};
    struct gt_deliver *d = NULL;
    struct seen s = {{0}, 0, 0, 0};
    int pfd[2];
    char buf[512];
    ssize_t n;

    GT_ASSERT(file != NULL);
    unlink(file);
    append(file, "{\"old\":1}\n"); /* appended to, never truncated */
    GT_ASSERT_EQ_INT(pipe(pfd), 0);
    o.out_fd = pfd[1];
    o.alerts_path = file;
    o.done = on_done;
    o.done_ud = &s;
    GT_ASSERT_EQ_INT(new_live(&o), GT_OK);
    d = live_d;
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "a1", "{\"id\":\"a1\"}", 11), GT_OK);
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "a2", "{\"id\":\"a2\"}", 11), GT_OK);
    /* Written at once, but the callbacks wait for poll. */
    GT_ASSERT_EQ_INT(s.calls, 0);
    GT_ASSERT_EQ_INT(gt_deliver_pending(d), 2);
    n = read(pfd[0], buf, sizeof buf - 1);
    GT_ASSERT(n > 0);
    buf[n] = '\0';
    GT_ASSERT_EQ_STR(buf, "{\"id\":\"a1\"}\n{\"id\":\"a2\"}\n");
    slurp(file, buf, sizeof buf);
    GT_ASSERT_EQ_STR(buf, "{\"old\":1}\n{\"id\":\"a1\"}\n{\"id\":\"a2\"}\n");
    GT_ASSERT_EQ_INT(gt_deliver_poll(d, 0), GT_OK);
    GT_ASSERT_EQ_INT(s.calls, 2);
    GT_ASSERT_EQ_STR(s.ids, "a1;a2;");
    GT_ASSERT_EQ_INT(s.ok, 2);
    GT_ASSERT_EQ_INT(s.failed, 0);
    GT_ASSERT_EQ_INT(gt_deliver_pending(d), 0);
    GT_ASSERT_EQ_INT(gt_deliver_stats(d)->pushed, 2);
    GT_ASSERT_EQ_INT(gt_deliver_stats(d)->delivered, 2);
    /* Called once: another poll calls nothing. */
    GT_ASSERT_EQ_INT(gt_deliver_poll(d, 0), GT_OK);
    GT_ASSERT_EQ_INT(s.calls, 2);
    /* Right after an fsync the next one waits (at most 10 a second): the
     * callback comes with it, within a poll that may wait for it. */
    {
        int64_t t0 = mono_ms();
        GT_ASSERT_EQ_INT(gt_deliver_push(d, "a3", "{\"id\":\"a3\"}", 11), GT_OK);
        GT_ASSERT_EQ_INT(gt_deliver_poll(d, 0), GT_OK);
        if (mono_ms() - t0 < 50) {
            GT_ASSERT_EQ_INT(s.calls, 2);
        }
        GT_ASSERT_EQ_INT(gt_deliver_poll(d, 1000), GT_OK);
        GT_ASSERT_EQ_INT(s.calls, 3);
        GT_ASSERT(mono_ms() - t0 < 900); /* woke for the fsync, not the time-out */
    }
    reset_live();
    close(pfd[0]);
    close(pfd[1]);
    unlink(file);
}

static void test_bad_input_and_full(void)
{
    struct gt_deliver_opts o = {0};
    struct gt_deliver *d = NULL;
    struct seen s = {{0}, 0, 0, 0};

    o.out_fd = -1;
    o.queue_max = 2;
    o.done = on_done;
    o.done_ud = &s;
    GT_ASSERT_EQ_INT(new_live(&o), GT_OK);
    d = live_d;
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "", "{}", 2), GT_ERR_INVAL);
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "x", "{}\n{}", 5), GT_ERR_INVAL);
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "x", "{}", 0), GT_ERR_INVAL);
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "1", "{}", 2), GT_OK);
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "2", "{}", 2), GT_OK);
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "3", "{}", 2), GT_ERR_FULL);
    GT_ASSERT_EQ_INT(gt_deliver_poll(d, 0), GT_OK);
    GT_ASSERT_EQ_INT(s.calls, 2);
    GT_ASSERT_EQ_INT(s.ok + s.failed, 0); /* no sink configured */
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "3", "{}", 2), GT_OK);
    GT_ASSERT_EQ_INT(gt_deliver_drain(d, 100), 0);
    GT_ASSERT_EQ_STR(s.ids, "1;2;3;");
    reset_live();
    gt_deliver_free(NULL);
}

static void test_unwritable_file(void)
{
    struct gt_deliver_opts o = {0};
    struct gt_deliver *d = NULL;

    o.out_fd = -1;
    o.alerts_path = "/nonexistent-dir/alerts.ndjson";
    GT_ASSERT_EQ_INT(new_live(&o), GT_ERR_IO);
    d = live_d;
    GT_ASSERT(d == NULL);
}

static void test_failed_fd_counts(void)
{
    struct gt_deliver_opts o = {0};
    struct gt_deliver *d = NULL;
    struct seen s = {{0}, 0, 0, 0};

    o.out_fd = 1000; /* not open */
    o.done = on_done;
    o.done_ud = &s;
    GT_ASSERT_EQ_INT(new_live(&o), GT_OK);
    d = live_d;
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "a", "{}", 2), GT_OK);
    GT_ASSERT_EQ_INT(gt_deliver_poll(d, 0), GT_OK);
    GT_ASSERT_EQ_INT(s.calls, 1);
    GT_ASSERT_EQ_INT(s.ok, 0);
    GT_ASSERT_EQ_INT(s.failed, 1);
    GT_ASSERT_EQ_INT(gt_deliver_stats(d)->failed, 1);
    GT_ASSERT(strstr(gt_deliver_errmsg(d), "fd 1000") != NULL);
    reset_live();
}

/* Read everything new from f into out (appended); returns rotations seen. */
static int drain_follow(struct gt_follow *f, char *out, size_t cap)
{
    uint8_t buf[7]; /* small: several reads per call */
    size_t got, len = strlen(out);
    int rotated, rot = 0;

    for (;;) {
        GT_ASSERT_EQ_INT(gt_follow_read(f, buf, sizeof buf, &got, &rotated), GT_OK);
        if (rotated) {
            rot++;
        }
        if (got == 0) {
            break;
        }
        GT_ASSERT(len + got < cap);
        memcpy(out + len, buf, got);
        len += got;
        out[len] = '\0';
    }
    return rot;
}

static void test_follow_append_rotate_truncate(void)
{
    const char *path = tpath("feed.nmea");
    char old[128];
    struct gt_follow *f = NULL;
    char out[512] = "";
    uint64_t dev, ino, off;
    FILE *fp;

    GT_ASSERT(path != NULL);
    snprintf(old, sizeof old, "%s.1", path);
    unlink(path);
    unlink(old);
    /* Missing at first: waited for. */
    reset_live();
    GT_ASSERT_EQ_INT(gt_follow_open(path, 0, 0, 0, &live_f), GT_OK);
    f = live_f;
    GT_ASSERT_EQ_INT(drain_follow(f, out, sizeof out), 0);
    GT_ASSERT_EQ_STR(out, "");
    gt_follow_where(f, &dev, &ino, &off);
    GT_ASSERT_EQ_INT(ino, 0);
    append(path, "line1\n");
    GT_ASSERT_EQ_INT(drain_follow(f, out, sizeof out), 0);
    GT_ASSERT_EQ_STR(out, "line1\n");
    append(path, "line2 longer than the buffer\n");
    GT_ASSERT_EQ_INT(drain_follow(f, out, sizeof out), 0);
    GT_ASSERT_EQ_STR(out, "line1\nline2 longer than the buffer\n");
    gt_follow_where(f, &dev, &ino, &off);
    GT_ASSERT(ino != 0);
    GT_ASSERT_EQ_INT(off, 35);

    /* logrotate's default: rename, the writer finishes the old file, a new
     * one appears.  The old file's tail is read before the switch. */
    GT_ASSERT_EQ_INT(rename(path, old), 0);
    append(old, "line3 in old\n");
    out[0] = '\0';
    GT_ASSERT_EQ_INT(drain_follow(f, out, sizeof out), 0); /* no new file yet */
    GT_ASSERT_EQ_STR(out, "line3 in old\n");
    append(path, "new1\n");
    out[0] = '\0';
    GT_ASSERT_EQ_INT(drain_follow(f, out, sizeof out), 1);
    GT_ASSERT_EQ_STR(out, "new1\n");
    /* Renamed again with a last line and the new file already there. */
    GT_ASSERT_EQ_INT(rename(path, old), 0);
    append(old, "new2 in old\n");
    append(path, "newer1\n");
    out[0] = '\0';
    GT_ASSERT_EQ_INT(drain_follow(f, out, sizeof out), 1);
    GT_ASSERT_EQ_STR(out, "new2 in old\nnewer1\n");

    /* copytruncate: the same inode shrinks. */
    fp = fopen(path, "wb");
    GT_ASSERT(fp != NULL);
    fclose(fp);
    append(path, "t1\n");
    out[0] = '\0';
    GT_ASSERT_EQ_INT(drain_follow(f, out, sizeof out), 1);
    GT_ASSERT_EQ_STR(out, "t1\n");
    GT_ASSERT_EQ_INT(drain_follow(f, out, sizeof out), 0); /* reported once */
    /* Truncated to nothing: the flag waits for the new file's first bytes. */
    fp = fopen(path, "wb");
    GT_ASSERT(fp != NULL);
    fclose(fp);
    out[0] = '\0';
    GT_ASSERT_EQ_INT(drain_follow(f, out, sizeof out), 0);
    append(path, "u1\n");
    GT_ASSERT_EQ_INT(drain_follow(f, out, sizeof out), 1);
    GT_ASSERT_EQ_STR(out, "u1\n");
    reset_live();
    gt_follow_close(NULL);
    unlink(path);
    unlink(old);
}

static void test_follow_restart(void)
{
    const char *path = tpath("resume.log");
    struct gt_follow *f = NULL;
    char out[256] = "";
    uint64_t dev, ino, off;

    GT_ASSERT(path != NULL);
    unlink(path);
    append(path, "aaa\nbbb\n");
    reset_live();
    GT_ASSERT_EQ_INT(gt_follow_open(path, 0, 0, 0, &live_f), GT_OK);
    f = live_f;
    drain_follow(f, out, sizeof out);
    GT_ASSERT_EQ_STR(out, "aaa\nbbb\n");
    gt_follow_where(f, &dev, &ino, &off);
    reset_live();
    f = NULL;
    append(path, "ccc\n"); /* written while we were down */

    /* Same file: resume at the offset. */
    GT_ASSERT_EQ_INT(gt_follow_open(path, dev, ino, off, &live_f), GT_OK);
    f = live_f;
    out[0] = '\0';
    GT_ASSERT_EQ_INT(drain_follow(f, out, sizeof out), 0);
    GT_ASSERT_EQ_STR(out, "ccc\n");
    reset_live();
    f = NULL;

    /* Another inode (rotated while down): from 0. */
    GT_ASSERT_EQ_INT(gt_follow_open(path, dev, ino + 1, off, &live_f), GT_OK);
    f = live_f;
    out[0] = '\0';
    drain_follow(f, out, sizeof out);
    GT_ASSERT_EQ_STR(out, "aaa\nbbb\nccc\n");
    reset_live();
    f = NULL;

    /* Same inode but shorter than the offset (truncated while down): from 0. */
    GT_ASSERT_EQ_INT(gt_follow_open(path, dev, ino, 1000, &live_f), GT_OK);
    f = live_f;
    out[0] = '\0';
    drain_follow(f, out, sizeof out);
    GT_ASSERT_EQ_STR(out, "aaa\nbbb\nccc\n");
    reset_live();
    f = NULL;

    /* A directory cannot be followed. */
    GT_ASSERT_EQ_INT(gt_follow_open(tmpdir, 0, 0, 0, &live_f), GT_ERR_IO);
    f = live_f;
    GT_ASSERT(live_f == NULL);
    unlink(path);
}

/* Poll until nothing is pending or limit_ms passed, the way the watch loop
 * does (short waits, other work in between): returns the loop count. */
static unsigned poll_until_idle(struct gt_deliver *d, int64_t limit_ms)
{
    int64_t end = mono_ms() + limit_ms;
    unsigned loops = 0;

    while (gt_deliver_pending(d) > 0 && mono_ms() < end) {
        GT_ASSERT_EQ_INT(gt_deliver_poll(d, 20), GT_OK);
        loops++;
    }
    return loops;
}

static void test_exec_slow(void)
{
    struct gt_deliver_opts o = {0};
    struct gt_deliver *d = NULL;
    struct seen s = {{0}, 0, 0, 0};
    char cmd[256], want[64], got[64];
    int64_t t0, t_push, t_all;
    unsigned loops, i;

    GT_ASSERT(tpath("x") != NULL);
    /* Each command takes 1 s and writes its stdin to a file named after
     * the alert id it finds in its environment. */
    snprintf(cmd, sizeof cmd, "sleep 1; cat > '%s'/\"exec_$GHOSTTRACK_ALERT_ID.json\"", tmpdir);
    o.out_fd = -1;
    o.exec_cmd = cmd;
    o.exec_max = 2;
    o.done = on_done;
    o.done_ud = &s;
    GT_ASSERT_EQ_INT(new_live(&o), GT_OK);
    d = live_d;
    t0 = mono_ms();
    for (i = 0; i < 4; i++) {
        char id[8], json[32];
        snprintf(id, sizeof id, "e%u", i);
        snprintf(json, sizeof json, "{\"id\":\"e%u\"}", i);
        GT_ASSERT_EQ_INT(gt_deliver_push(d, id, json, strlen(json)), GT_OK);
        GT_ASSERT_EQ_INT(gt_deliver_poll(d, 0), GT_OK);
    }
    t_push = mono_ms() - t0;
    /* The caller is never held up by a slow command (waiting for one
     * would take 1 s; the margin is for a loaded machine). */
    GT_ASSERT(t_push < 800);
    GT_ASSERT_EQ_INT(gt_deliver_stats(d)->exec_started, 2);
    loops = poll_until_idle(d, 10000);
    t_all = mono_ms() - t0;
    GT_ASSERT_EQ_INT(gt_deliver_pending(d), 0);
    /* Two at a time: two rounds of 1 s, and the loop kept turning. */
    GT_ASSERT(t_all >= 1950);
    GT_ASSERT(loops >= 10);
    GT_ASSERT_EQ_INT(s.calls, 4);
    GT_ASSERT_EQ_INT(gt_deliver_stats(d)->exec_started, 4);
    GT_ASSERT_EQ_INT(gt_deliver_stats(d)->exec_failed, 0);
    GT_ASSERT_EQ_INT(gt_deliver_stats(d)->delivered, 4);
    for (i = 0; i < 4; i++) {
        char name[32];
        snprintf(name, sizeof name, "exec_e%u.json", i);
        snprintf(want, sizeof want, "{\"id\":\"e%u\"}\n", i);
        slurp(tpath(name), got, sizeof got);
        GT_ASSERT_EQ_STR(got, want);
        unlink(tpath(name));
    }
    reset_live();
}

static void test_exec_failing_and_killed(void)
{
    struct gt_deliver_opts o = {0};
    struct gt_deliver *d = NULL;
    struct seen s = {{0}, 0, 0, 0};
    const struct gt_deliver_stats *st;

    /* Fails for alert f1, is killed by a signal for f2, hangs for f3, works
     * for f4. */
    o.out_fd = -1;
    o.exec_cmd = "case $GHOSTTRACK_ALERT_ID in f1) exit 3;; f2) kill -9 $$;; f3) exec sleep 30;;"
                 " esac; cat >/dev/null";
    o.exec_max = 4;
    o.exec_timeout_ms = 2000; /* the others end long before, even on a loaded machine */
    o.done = on_done;
    o.done_ud = &s;
    GT_ASSERT_EQ_INT(new_live(&o), GT_OK);
    d = live_d;
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "f1", "{}", 2), GT_OK);
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "f2", "{}", 2), GT_OK);
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "f3", "{}", 2), GT_OK);
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "f4", "{}", 2), GT_OK);
    poll_until_idle(d, 5000);
    st = gt_deliver_stats(d);
    GT_ASSERT_EQ_INT(gt_deliver_pending(d), 0);
    GT_ASSERT_EQ_INT(s.calls, 4);
    GT_ASSERT_EQ_INT(st->exec_started, 4);
    GT_ASSERT_EQ_INT(st->exec_failed, 3);
    GT_ASSERT_EQ_INT(st->exec_killed, 1);
    GT_ASSERT_EQ_INT(st->failed, 3);
    GT_ASSERT_EQ_INT(st->delivered, 1);
    reset_live();
}

static void test_exec_big_and_unread(void)
{
    struct gt_deliver_opts o = {0};
    struct gt_deliver *d = NULL;
    struct seen s = {{0}, 0, 0, 0};
    static char big[300000];
    size_t n = sizeof big, i;
    char cmd[256];

    GT_ASSERT(tpath("x") != NULL);
    for (i = 0; i < n; i++) {
        big[i] = (char)('a' + i % 26);
    }
    big[0] = '"';
    big[n - 1] = '"';
    /* One command reads the 300 kB (more than a socket buffer: written in
     * pieces as it reads), the other exits without reading (no SIGPIPE). */
    snprintf(cmd, sizeof cmd,
             "if [ $GHOSTTRACK_ALERT_ID = read ]; then wc -c > '%s/exec_wc'; else exit 0; fi",
             tmpdir);
    o.out_fd = -1;
    o.exec_cmd = cmd;
    o.done = on_done;
    o.done_ud = &s;
    GT_ASSERT_EQ_INT(new_live(&o), GT_OK);
    d = live_d;
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "unread", big, n), GT_OK);
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "read", big, n), GT_OK);
    poll_until_idle(d, 10000);
    GT_ASSERT_EQ_INT(s.calls, 2);
    GT_ASSERT_EQ_INT(gt_deliver_stats(d)->delivered, 2);
    {
        char got[32];
        slurp(tpath("exec_wc"), got, sizeof got);
        GT_ASSERT_EQ_INT(strtol(got, NULL, 10), 300001);
        unlink(tpath("exec_wc"));
    }
    reset_live();
}

/* ---- a little HTTP server in a child process, for the webhook cases ---- */

enum srv_mode {
    SRV_FLAKY,  /* 500 x4, then refuses connections a while, 429 once, then 200 */
    SRV_REJECT, /* 400 to everything */
};

static int listen_on(int port)
{
    struct sockaddr_in sa;
    int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
    socklen_t len = sizeof sa;

    if (fd < 0) {
        return -1;
    }
    (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons((uint16_t)port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(fd, 64) != 0 ||
        getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static int bound_port(int fd)
{
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;

    if (getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
        return -1;
    }
    return ntohs(sa.sin_port);
}

/* Find header name (lower case, with the colon) in the request head h. */
static const char *header(const char *h, const char *name)
{
    const char *p;

    for (p = h; *p != '\0'; p++) {
        if ((p == h || p[-1] == '\n') && strncasecmp(p, name, strlen(name)) == 0) {
            p += strlen(name);
            while (*p == ' ') {
                p++;
            }
            return p;
        }
    }
    return NULL;
}

/* Read one request on c: the key and body go to key/body (NUL-terminated).
 * Returns 1 when it is a JSON POST, 0 otherwise, -1 on error. */
static int read_request(int c, char *key, size_t kcap, char *body, size_t bcap)
{
    static char req[65536];
    size_t have = 0, head_len, clen;
    const char *end = NULL, *v;
    int json;

    while (end == NULL) {
        ssize_t r = read(c, req + have, sizeof req - 1 - have);
        if (r <= 0) {
            return -1;
        }
        have += (size_t)r;
        req[have] = '\0';
        end = strstr(req, "\r\n\r\n");
    }
    head_len = (size_t)(end - req) + 4;
    v = header(req, "content-length:");
    clen = v != NULL ? (size_t)strtoul(v, NULL, 10) : 0;
    while (have < head_len + clen && have < sizeof req - 1) {
        ssize_t r = read(c, req + have, sizeof req - 1 - have);
        if (r <= 0) {
            return -1;
        }
        have += (size_t)r;
    }
    req[have] = '\0';
    v = header(req, "idempotency-key:");
    snprintf(key, kcap, "%.*s", v != NULL ? (int)strcspn(v, "\r\n") : 0, v != NULL ? v : "");
    snprintf(body, bcap, "%.*s", (int)clen, req + head_len);
    v = header(req, "content-type:");
    json = v != NULL && strncmp(v, "application/json", 16) == 0;
    return strncmp(req, "POST ", 5) == 0 && json;
}

static void answer(int c, const char *status, const char *extra)
{
    char resp[256];
    int n = snprintf(resp, sizeof resp,
                     "HTTP/1.1 %s\r\n%sContent-Length: 2\r\nConnection: close\r\n\r\nok", status,
                     extra);
    if (write(c, resp, (size_t)n) < 0) {
        return;
    }
}

/* The server loop (child process): never returns. */
static void serve(int lfd, enum srv_mode mode, const char *log)
{
    int logfd = open(log, O_WRONLY | O_APPEND | O_CREAT, 0644);
    int port = bound_port(lfd), n = 0;

    for (;;) {
        char key[160], body[4096], line[4400];
        int c = accept(lfd, NULL, NULL), ok, len;
        if (c < 0) {
            continue;
        }
        ok = read_request(c, key, sizeof key, body, sizeof body);
        n++;
        if (ok < 0) {
            close(c);
            continue;
        }
        if (ok == 0) {
            answer(c, "415 Unsupported Media Type", "");
        } else if (mode == SRV_REJECT) {
            answer(c, "400 Bad Request", "");
        } else if (n <= 3) {
            answer(c, "500 Internal Server Error", "");
        } else if (n == 4) {
            /* Down for a while: connections are refused. */
            answer(c, "503 Service Unavailable", "");
            close(c);
            close(lfd);
            usleep(2500000); /* > the 1 s back-off cap: a probe is refused */
            lfd = listen_on(port);
            if (lfd < 0) {
                _exit(3);
            }
            continue;
        } else if (n == 5) {
            answer(c, "429 Too Many Requests", "Retry-After: 1\r\n");
        } else {
            len = snprintf(line, sizeof line, "%s\t%s", key, body);
            if (write(logfd, line, (size_t)len) < 0) {
                _exit(4);
            }
            answer(c, "200 OK", "");
        }
        close(c);
    }
}

static pid_t start_server(enum srv_mode mode, const char *log, int *port)
{
    int lfd = listen_on(0);
    pid_t pid;

    if (lfd < 0) {
        return -1;
    }
    *port = bound_port(lfd);
    pid = fork();
    if (pid == 0) {
        /* Never outlive the test, whatever ends it. */
        (void)prctl(PR_SET_PDEATHSIG, SIGKILL);
        serve(lfd, mode, log);
        _exit(0);
    }
    close(lfd);
    return pid;
}

static void stop_server(pid_t pid)
{
    int status;

    if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
    }
}

static void test_webhook_fails_then_recovers(void)
{
    const char *log = tpath("webhook.log");
    struct gt_deliver_opts o = {0};
    struct gt_deliver *d = NULL;
    struct seen s = {{0}, 0, 0, 0};
    const struct gt_deliver_stats *st;
    char url[64], got[8192];
    int port = 0;
    unsigned i;

    GT_ASSERT(log != NULL);
    unlink(log);
    reset_live();
    live_server = start_server(SRV_FLAKY, log, &port);
    GT_ASSERT(live_server > 0);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/hook", port);
    o.out_fd = -1;
    o.webhook_url = url;
    o.webhook_timeout_ms = 2000;
    o.retry_max_ms = 1000; /* a short cap keeps the test short */
    o.done = on_done;
    o.done_ud = &s;
    GT_ASSERT_EQ_INT(new_live(&o), GT_OK);
    d = live_d;
    for (i = 0; i < 10; i++) {
        char id[8], json[32];
        snprintf(id, sizeof id, "w%u", i);
        snprintf(json, sizeof json, "{\"id\":\"w%u\"}", i);
        GT_ASSERT_EQ_INT(gt_deliver_push(d, id, json, strlen(json)), GT_OK);
    }
    poll_until_idle(d, 20000);
    st = gt_deliver_stats(d);
    GT_ASSERT_EQ_INT(gt_deliver_pending(d), 0);
    GT_ASSERT_EQ_INT(s.calls, 10);
    GT_ASSERT_EQ_INT(st->delivered, 10);
    GT_ASSERT_EQ_INT(st->webhook_ok, 10);
    /* 4 server errors, 1 too-many-requests and at least one refused
     * connection were retried. */
    GT_ASSERT(st->retries >= 6);
    GT_ASSERT_EQ_INT(st->webhook_err, st->retries);
    stop_server(live_server);
    live_server = -1;
    /* The server accepted each alert exactly once, with its body. */
    slurp(log, got, sizeof got);
    for (i = 0; i < 10; i++) {
        char want[64];
        const char *p = got;
        int count = 0;
        snprintf(want, sizeof want, "w%u\t{\"id\":\"w%u\"}\n", i, i);
        while ((p = strstr(p, want)) != NULL) {
            count++;
            p++;
        }
        GT_ASSERT_EQ_INT(count, 1);
    }
    GT_ASSERT_EQ_INT(strlen(got), 10 * strlen("w0\t{\"id\":\"w0\"}\n"));
    reset_live();
    unlink(log);
}

static void test_webhook_rejected_and_down(void)
{
    const char *log = tpath("webhook.log");
    struct gt_deliver_opts o = {0};
    struct gt_deliver *d = NULL;
    struct seen s = {{0}, 0, 0, 0};
    char url[64];
    int port = 0, fd;

    GT_ASSERT(log != NULL);
    reset_live();
    live_server = start_server(SRV_REJECT, log, &port);
    GT_ASSERT(live_server > 0);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/", port);
    o.out_fd = -1;
    o.webhook_url = url;
    o.done = on_done;
    o.done_ud = &s;
    GT_ASSERT_EQ_INT(new_live(&o), GT_OK);
    d = live_d;
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "r1", "{}", 2), GT_OK);
    GT_ASSERT_EQ_INT(gt_deliver_drain(d, 5000), 0);
    /* 400: given up at once, not retried. */
    GT_ASSERT_EQ_INT(s.calls, 1);
    GT_ASSERT_EQ_INT(s.failed, 1);
    GT_ASSERT_EQ_INT(gt_deliver_stats(d)->retries, 0);
    GT_ASSERT_EQ_INT(gt_deliver_stats(d)->webhook_err, 1);
    GT_ASSERT(strstr(gt_deliver_errmsg(d), "HTTP 400") != NULL);
    reset_live();
    d = NULL;
    stop_server(live_server);
    live_server = -1;

    /* Nobody listens: the alert stays pending (the engine re-pushes it
     * after a restart), drain gives up at its time-out. */
    fd = listen_on(0);
    GT_ASSERT(fd >= 0);
    port = bound_port(fd);
    close(fd);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/", port);
    GT_ASSERT_EQ_INT(new_live(&o), GT_OK);
    d = live_d;
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "r2", "{}", 2), GT_OK);
    GT_ASSERT_EQ_INT(gt_deliver_drain(d, 700), 1);
    GT_ASSERT_EQ_INT(s.calls, 1);
    GT_ASSERT(gt_deliver_stats(d)->retries >= 1);
    reset_live();

    /* Only http and https. */
    o.webhook_url = "file:///etc/passwd";
    GT_ASSERT_EQ_INT(new_live(&o), GT_ERR_INVAL);
    d = live_d;
    unlink(log);
}

static void test_cleanup(void)
{
    reset_live();
    if (tmpdir[0] != '\0') {
        GT_ASSERT_EQ_INT(rmdir(tmpdir), 0);
    }
}

GT_TEST_MAIN({"stdout and alerts file", test_stdout_and_file},
             {"bad input, queue bound", test_bad_input_and_full},
             {"alerts file that cannot be opened", test_unwritable_file},
             {"failed descriptor counted", test_failed_fd_counts},
             {"follow: append, rotate, truncate", test_follow_append_rotate_truncate},
             {"follow: restart at offset", test_follow_restart},
             {"exec: slow command never stalls the caller", test_exec_slow},
             {"exec: failing, killed and hanging commands", test_exec_failing_and_killed},
             {"exec: big alert, command that does not read", test_exec_big_and_unread},
             {"webhook: fails, refuses, recovers: each alert once",
              test_webhook_fails_then_recovers},
             {"webhook: 400 given up, dead server left pending", test_webhook_rejected_and_down},
             {"cleanup", test_cleanup})
