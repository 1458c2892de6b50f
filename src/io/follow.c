/*
 * follow.c - follow a growing file across rotation and restarts, like
 * `tail -F` (see follow.h).
 *
 * The file is read with pread() at our own offset, so nothing depends on
 * the descriptor's position.  Each read first asks fstat() whether the file
 * shrank below the offset (truncation: copytruncate), and only when the
 * open file has nothing more does it stat() the path: a different (device,
 * inode) there means the file was renamed away and a new one created, and
 * since the old one has then been read to its end, we switch.  A path that
 * is gone keeps the old file open (a writer may still append to it until
 * the new one appears), as GNU tail --follow=name --retry does.
 *
 * Known limit, shared with tail: a truncation followed by writes past the
 * old offset before the next read cannot be told from growth.
 */
#include "ghosttrack/follow.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ghosttrack/mem.h"

struct gt_follow {
    char *path;
    int fd;       /* -1 while the file is missing */
    int seekable; /* a regular file (a FIFO is read in order) */
    uint64_t dev; /* of the open file, 0 when none */
    uint64_t ino; /* of the open file, 0 when none */
    uint64_t off; /* next byte to read */
    int had_file; /* a file was open before: a new one is a rotation */
    int pending;  /* a rotation or truncation not reported yet */
};

/* Open the path as it is now: 1 when opened, 0 when missing, < 0 on error. */
static int open_path(struct gt_follow *f)
{
    struct stat st;
    int fd = open(f->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

    if (fd < 0) {
        return errno == ENOENT || errno == ENOTDIR ? 0 : GT_ERR_IO;
    }
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        close(fd);
        return GT_ERR_IO;
    }
    f->fd = fd;
    f->seekable = S_ISREG(st.st_mode);
    f->dev = (uint64_t)st.st_dev;
    f->ino = (uint64_t)st.st_ino;
    f->off = 0;
    return 1;
}

int gt_follow_open(const char *path, uint64_t dev, uint64_t ino, uint64_t from,
                   struct gt_follow **out)
{
    struct gt_follow *f;
    struct stat st;
    int rc;

    if (path == NULL || *path == '\0' || out == NULL) {
        return GT_ERR_INVAL;
    }
    *out = NULL;
    f = gt_calloc(1, sizeof *f);
    if (f == NULL) {
        return GT_ERR_NOMEM;
    }
    f->fd = -1;
    f->path = gt_strndup(path, strlen(path));
    if (f->path == NULL) {
        gt_free(f);
        return GT_ERR_NOMEM;
    }
    rc = open_path(f);
    if (rc < 0) {
        gt_follow_close(f);
        return rc;
    }
    if (rc > 0) {
        f->had_file = 1;
        /* Resume only inside the same file and not past its end (a file
         * truncated while we were away starts again at 0). */
        if ((dev != 0 || ino != 0) && f->dev == dev && f->ino == ino && f->seekable &&
            fstat(f->fd, &st) == 0 && (uint64_t)st.st_size >= from) {
            f->off = from;
        }
    }
    *out = f;
    return GT_OK;
}

/* Read from the open file at f->off: bytes read, 0 when nothing, < 0 on error. */
static int read_open(struct gt_follow *f, uint8_t *buf, size_t cap, size_t *got)
{
    ssize_t n;

    do {
        if (f->seekable) {
            n = pread(f->fd, buf, cap, (off_t)f->off);
        } else {
            n = read(f->fd, buf, cap);
        }
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        return errno == EAGAIN ? 0 : GT_ERR_IO;
    }
    *got = (size_t)n;
    f->off += (uint64_t)n;
    return n > 0;
}

/* The open file has nothing more: switch when the path names another file
 * now.  Returns 1 when switched, 0 when not, < 0 on error. */
static int check_replaced(struct gt_follow *f)
{
    struct stat st;
    int rc;

    if (stat(f->path, &st) != 0) {
        return 0; /* gone: keep reading the old one until a new one appears */
    }
    if ((uint64_t)st.st_dev == f->dev && (uint64_t)st.st_ino == f->ino) {
        return 0;
    }
    close(f->fd);
    f->fd = -1;
    f->dev = f->ino = 0;
    rc = open_path(f);
    if (rc > 0) {
        f->pending = 1;
    }
    return rc;
}

int gt_follow_read(struct gt_follow *f, uint8_t *buf, size_t cap, size_t *got, int *rotated)
{
    struct stat st;
    int rc;

    *got = 0;
    *rotated = 0;
    if (f->fd < 0) {
        rc = open_path(f);
        if (rc <= 0) {
            return rc < 0 ? rc : GT_OK;
        }
        if (f->had_file) {
            f->pending = 1;
        }
        f->had_file = 1;
    }
    if (f->seekable && fstat(f->fd, &st) == 0 && (uint64_t)st.st_size < f->off) {
        f->off = 0; /* truncated in place */
        f->pending = 1;
    }
    rc = read_open(f, buf, cap, got);
    if (rc == 0) {
        rc = check_replaced(f);
        if (rc > 0) {
            rc = read_open(f, buf, cap, got);
        }
    }
    /* Reported with the first bytes of the new file, so a caller that
     * only looks at the flag when bytes come cannot miss it. */
    if (*got > 0) {
        *rotated = f->pending;
        f->pending = 0;
    }
    return rc < 0 ? GT_ERR_IO : GT_OK;
}

void gt_follow_where(const struct gt_follow *f, uint64_t *dev, uint64_t *ino, uint64_t *offset)
{
    *dev = f->dev;
    *ino = f->ino;
    *offset = f->off;
}

void gt_follow_close(struct gt_follow *f)
{
    if (f == NULL) {
        return;
    }
    if (f->fd >= 0) {
        close(f->fd);
    }
    gt_free(f->path);
    gt_free(f);
}
