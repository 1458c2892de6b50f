/*
 * test_deliver.c - alert delivery (src/io/deliver.c) and file following
 * (src/io/follow.c): the synchronous sinks, the done callback, the memory
 * bound, and following a file across appends, rotation, truncation and a
 * restart.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ghosttrack/deliver.h"
#include "ghosttrack/follow.h"
#include "test.h"

static char tmpdir[64];

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
    GT_ASSERT_EQ_INT(gt_deliver_new(&o, &d), GT_OK);
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
    gt_deliver_free(d);
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
    GT_ASSERT_EQ_INT(gt_deliver_new(&o, &d), GT_OK);
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
    gt_deliver_free(d);
    gt_deliver_free(NULL);
}

static void test_unwritable_file(void)
{
    struct gt_deliver_opts o = {0};
    struct gt_deliver *d = NULL;

    o.out_fd = -1;
    o.alerts_path = "/nonexistent-dir/alerts.ndjson";
    GT_ASSERT_EQ_INT(gt_deliver_new(&o, &d), GT_ERR_IO);
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
    GT_ASSERT_EQ_INT(gt_deliver_new(&o, &d), GT_OK);
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "a", "{}", 2), GT_OK);
    GT_ASSERT_EQ_INT(gt_deliver_poll(d, 0), GT_OK);
    GT_ASSERT_EQ_INT(s.calls, 1);
    GT_ASSERT_EQ_INT(s.ok, 0);
    GT_ASSERT_EQ_INT(s.failed, 1);
    GT_ASSERT_EQ_INT(gt_deliver_stats(d)->failed, 1);
    GT_ASSERT(strstr(gt_deliver_errmsg(d), "fd 1000") != NULL);
    gt_deliver_free(d);
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
    GT_ASSERT_EQ_INT(gt_follow_open(path, 0, 0, 0, &f), GT_OK);
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
    gt_follow_close(f);
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
    GT_ASSERT_EQ_INT(gt_follow_open(path, 0, 0, 0, &f), GT_OK);
    drain_follow(f, out, sizeof out);
    GT_ASSERT_EQ_STR(out, "aaa\nbbb\n");
    gt_follow_where(f, &dev, &ino, &off);
    gt_follow_close(f);
    f = NULL;
    append(path, "ccc\n"); /* written while we were down */

    /* Same file: resume at the offset. */
    GT_ASSERT_EQ_INT(gt_follow_open(path, dev, ino, off, &f), GT_OK);
    out[0] = '\0';
    GT_ASSERT_EQ_INT(drain_follow(f, out, sizeof out), 0);
    GT_ASSERT_EQ_STR(out, "ccc\n");
    gt_follow_close(f);
    f = NULL;

    /* Another inode (rotated while down): from 0. */
    GT_ASSERT_EQ_INT(gt_follow_open(path, dev, ino + 1, off, &f), GT_OK);
    out[0] = '\0';
    drain_follow(f, out, sizeof out);
    GT_ASSERT_EQ_STR(out, "aaa\nbbb\nccc\n");
    gt_follow_close(f);
    f = NULL;

    /* Same inode but shorter than the offset (truncated while down): from 0. */
    GT_ASSERT_EQ_INT(gt_follow_open(path, dev, ino, 1000, &f), GT_OK);
    out[0] = '\0';
    drain_follow(f, out, sizeof out);
    GT_ASSERT_EQ_STR(out, "aaa\nbbb\nccc\n");
    gt_follow_close(f);
    f = NULL;

    /* A directory cannot be followed. */
    GT_ASSERT_EQ_INT(gt_follow_open(tmpdir, 0, 0, 0, &f), GT_ERR_IO);
    GT_ASSERT(f == NULL);
    unlink(path);
}

static int64_t mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
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
    /* Each command takes 300 ms and writes its stdin to a file named after
     * the alert id it finds in its environment. */
    snprintf(cmd, sizeof cmd, "sleep 0.3; cat > '%s'/\"exec_$GHOSTTRACK_ALERT_ID.json\"", tmpdir);
    o.out_fd = -1;
    o.exec_cmd = cmd;
    o.exec_max = 2;
    o.done = on_done;
    o.done_ud = &s;
    GT_ASSERT_EQ_INT(gt_deliver_new(&o, &d), GT_OK);
    t0 = mono_ms();
    for (i = 0; i < 6; i++) {
        char id[8], json[32];
        snprintf(id, sizeof id, "e%u", i);
        snprintf(json, sizeof json, "{\"id\":\"e%u\"}", i);
        GT_ASSERT_EQ_INT(gt_deliver_push(d, id, json, strlen(json)), GT_OK);
        GT_ASSERT_EQ_INT(gt_deliver_poll(d, 0), GT_OK);
    }
    t_push = mono_ms() - t0;
    /* The caller is never held up by a slow command. */
    GT_ASSERT(t_push < 200);
    GT_ASSERT_EQ_INT(gt_deliver_stats(d)->exec_started, 2);
    loops = poll_until_idle(d, 10000);
    t_all = mono_ms() - t0;
    GT_ASSERT_EQ_INT(gt_deliver_pending(d), 0);
    /* Two at a time: three rounds of 300 ms, and the loop kept turning. */
    GT_ASSERT(t_all >= 850);
    GT_ASSERT(loops >= 10);
    GT_ASSERT_EQ_INT(s.calls, 6);
    GT_ASSERT_EQ_INT(gt_deliver_stats(d)->exec_started, 6);
    GT_ASSERT_EQ_INT(gt_deliver_stats(d)->exec_failed, 0);
    GT_ASSERT_EQ_INT(gt_deliver_stats(d)->delivered, 6);
    for (i = 0; i < 6; i++) {
        char name[32];
        snprintf(name, sizeof name, "exec_e%u.json", i);
        snprintf(want, sizeof want, "{\"id\":\"e%u\"}\n", i);
        slurp(tpath(name), got, sizeof got);
        GT_ASSERT_EQ_STR(got, want);
        unlink(tpath(name));
    }
    gt_deliver_free(d);
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
    o.exec_timeout_ms = 300;
    o.done = on_done;
    o.done_ud = &s;
    GT_ASSERT_EQ_INT(gt_deliver_new(&o, &d), GT_OK);
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
    gt_deliver_free(d);
}

static void test_exec_big_and_unread(void)
{
    struct gt_deliver_opts o = {0};
    struct gt_deliver *d = NULL;
    struct seen s = {{0}, 0, 0, 0};
    size_t n = 300000, i;
    char *big = gt_malloc(n);
    char cmd[256];

    GT_ASSERT(big != NULL);
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
    GT_ASSERT_EQ_INT(gt_deliver_new(&o, &d), GT_OK);
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "unread", big, n), GT_OK);
    GT_ASSERT_EQ_INT(gt_deliver_push(d, "read", big, n), GT_OK);
    gt_free(big);
    poll_until_idle(d, 10000);
    GT_ASSERT_EQ_INT(s.calls, 2);
    GT_ASSERT_EQ_INT(gt_deliver_stats(d)->delivered, 2);
    {
        char got[32];
        slurp(tpath("exec_wc"), got, sizeof got);
        GT_ASSERT_EQ_INT(strtol(got, NULL, 10), 300001);
        unlink(tpath("exec_wc"));
    }
    gt_deliver_free(d);
}

static void test_cleanup(void)
{
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
             {"cleanup", test_cleanup})
