/*
 * deliver_exec.c - alert delivery's command sink: one command per alert,
 * the alert's JSON line on its standard input (see deliver.c).
 *
 * Commands are started with posix_spawn() (no fork of a big process), in
 * their own process group so a time-out kills what the shell started too,
 * with default signal dispositions and an empty mask.  Their standard
 * input is one end of a socket pair rather than a pipe so that writing to
 * a command that exited early gives EPIPE through MSG_NOSIGNAL instead of
 * a SIGPIPE the library could not handle without touching the
 * application's signal dispositions.  Exits are noticed through a pidfd
 * (Linux >= 5.3) that poll() can wait on, else by looking every 10 ms.
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
    gt__deliver_sink_result(d, a, 0);
}

/* Start the command for a in slot j.  On failure a is done (failed). */
static void job_start(struct gt_deliver *d, struct job *j, struct alert *a, int64_t now)
{
    int sv[2];
    int rc;

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        gt__deliver_set_err(d, "cannot run command for alert '%s': %s", a->id, strerror(errno));
        exec_failed(d, a);
        return;
    }
    rc = spawn_cmd(d, sv[1], a->id, &j->pid);
    close(sv[1]);
    if (rc != 0) {
        close(sv[0]);
        gt__deliver_set_err(d, "cannot run command for alert '%s': %s", a->id, strerror(rc));
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

void gt__deliver_job_close_stdin(struct job *j)
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
                gt__deliver_job_close_stdin(j); /* it does not read: its exit status decides */
            }
            return;
        }
        j->sent += (size_t)w;
    }
    if (j->sent >= j->a->len) {
        gt__deliver_job_close_stdin(j); /* end of input */
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
        gt__deliver_job_close_stdin(j);
    }
    do {
        r = waitpid(j->pid, &status, WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == 0) {
        return;
    }
    gt__deliver_job_close_stdin(j);
    if (j->pidfd >= 0) {
        close(j->pidfd);
        j->pidfd = -1;
    }
    if (r > 0 && !j->killed && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        gt__deliver_sink_result(d, j->a, 1);
    } else {
        if (j->killed) {
            d->st.exec_killed++;
            gt__deliver_set_err(d, "command for alert '%s' killed after %u ms", j->a->id,
                                d->o.exec_timeout_ms);
        } else if (r > 0 && WIFEXITED(status)) {
            gt__deliver_set_err(d, "command for alert '%s' exited with status %d", j->a->id,
                                WEXITSTATUS(status));
        } else if (r > 0 && WIFSIGNALED(status)) {
            gt__deliver_set_err(d, "command for alert '%s' died of signal %d", j->a->id,
                                WTERMSIG(status));
        } else {
            gt__deliver_set_err(d, "command for alert '%s': waitpid: %s", j->a->id,
                                strerror(errno));
        }
        exec_failed(d, j->a);
    }
    j->a = NULL;
}

void gt__deliver_exec_progress(struct gt_deliver *d, int64_t now)
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
            job_start(d, j, gt__deliver_fifo_pop(&d->exec_q, LINK_EXEC), now);
            if (j->a != NULL) {
                job_write(j);
            }
        }
    }
}
