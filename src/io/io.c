/*
 * io.c - file, gzip (zlib inflate, RFC 1952), directory and socket access
 * for the ingest pipeline and the evidence reader.  See io.h.
 */
#include "ghosttrack/io.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "ghosttrack/hash.h"
#include "ghosttrack/mem.h"

#define INBUF (1u << 17)

/* A reader of plain or gzip content.  Gzip is inflated here rather than
 * through zlib's gzread(): gzread() drops the bytes it inflated in a call
 * that then meets damage (a bad CRC, a corrupt block), up to its whole
 * buffer, whereas this reader hands over every byte inflated before the
 * damage and reports the damage at the next call. */
struct gt_io_file {
    int fd;
    int mode;       /* 0 not yet known, 1 plain, 2 gzip */
    int zinit;      /* z is initialised */
    int eof;        /* the raw bytes are all read */
    int member_end; /* a gzip member ended: another may follow */
    int pending;    /* an error met after bytes were handed over */
    int pend_trunc; /* ... and it was the data ending early */
    int truncated;  /* the last read failed because the gzip data stop early */
    uint64_t pos;   /* the content offset of the next byte read */
    z_stream z;
    uint8_t *in;   /* raw bytes read, INBUF */
    char *name;    /* the path, for messages; NULL for standard input */
    char why[128]; /* the reason of the last error, "" when none */
    char err[512]; /* the last message built by gt_io_errmsg() */
};

int gt_io_open(const char *path, struct gt_io_file **out)
{
    struct gt_io_file *f;
    int fd, is_stdin = strcmp(path, "-") == 0;

    *out = NULL;
    fd = is_stdin ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return errno == ENOENT ? GT_ERR_NOTFOUND : GT_ERR_IO;
    }
    f = gt_calloc(1, sizeof *f);
    if (f != NULL) {
        f->in = gt_malloc(INBUF);
        if (!is_stdin) {
            f->name = gt_strndup(path, strlen(path));
        }
        if (f->in == NULL || (!is_stdin && f->name == NULL)) {
            gt_free(f->in);
            gt_free(f->name);
            gt_free(f);
            f = NULL;
        }
    }
    if (f == NULL) {
        close(fd);
        return GT_ERR_NOMEM;
    }
    f->fd = fd;
    *out = f;
    return GT_OK;
}

static voidpf z_alloc(voidpf opaque, uInt items, uInt size)
{
    (void)opaque;
    return gt_calloc(items, size);
}

static void z_free(voidpf opaque, voidpf p)
{
    (void)opaque;
    gt_free(p);
}

/* Read more raw bytes after those not yet consumed.  Returns GT_OK (eof
 * set at the end) or GT_ERR_IO. */
static int fill(struct gt_io_file *f)
{
    ssize_t r;

    if (f->z.avail_in > 0 && f->z.next_in != f->in) {
        memmove(f->in, f->z.next_in, f->z.avail_in);
    }
    f->z.next_in = f->in;
    if (f->z.avail_in >= INBUF || f->eof) {
        return GT_OK;
    }
    do {
        r = read(f->fd, f->in + f->z.avail_in, INBUF - f->z.avail_in);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
        snprintf(f->why, sizeof f->why, "%s", strerror(errno));
        return GT_ERR_IO;
    }
    if (r == 0) {
        f->eof = 1;
    }
    f->z.avail_in += (uInt)r;
    return GT_OK;
}

static int is_gzip(const struct gt_io_file *f)
{
    return f->z.avail_in >= 2 && f->z.next_in[0] == 0x1f && f->z.next_in[1] == 0x8b;
}

/* Decide between plain and gzip from the first two bytes. */
static int detect(struct gt_io_file *f)
{
    int rc = GT_OK;

    while (rc == GT_OK && f->z.avail_in < 2 && !f->eof) {
        rc = fill(f);
    }
    if (rc < 0) {
        return rc;
    }
    f->mode = is_gzip(f) ? 2 : 1;
    if (f->mode == 2 && !f->zinit) {
        uInt have = f->z.avail_in;
        Bytef *next = f->z.next_in;
        f->z.zalloc = z_alloc;
        f->z.zfree = z_free;
        f->z.opaque = Z_NULL;
        /* 16 + MAX_WBITS: a gzip wrapper, not a raw or zlib one */
        if (inflateInit2(&f->z, 16 + MAX_WBITS) != Z_OK) {
            f->mode = 0;
            return GT_ERR_NOMEM;
        }
        f->z.next_in = next;
        f->z.avail_in = have;
        f->zinit = 1;
    }
    return GT_OK;
}

static int read_plain(struct gt_io_file *f, uint8_t *p, size_t n)
{
    ssize_t r;

    if (f->z.avail_in > 0) {
        size_t take = n < f->z.avail_in ? n : f->z.avail_in;
        memcpy(p, f->z.next_in, take);
        f->z.next_in += take;
        f->z.avail_in -= (uInt)take;
        return (int)take;
    }
    if (f->eof) {
        return 0;
    }
    do {
        r = read(f->fd, p, n);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
        snprintf(f->why, sizeof f->why, "%s", strerror(errno));
        return GT_ERR_IO;
    }
    if (r == 0) {
        f->eof = 1;
    }
    return (int)r;
}

static int read_gzip(struct gt_io_file *f, uint8_t *p, size_t n)
{
    int err = GT_OK, trunc = 0, ret;
    size_t got;

    f->z.next_out = p;
    f->z.avail_out = (uInt)n;
    while (f->z.avail_out > 0) {
        if (f->member_end) {
            /* concatenated members are read on; anything else after the
             * first member's trailer is ignored, as gzip(1) does */
            if (f->z.avail_in < 2 && !f->eof) {
                err = fill(f);
                if (err < 0) {
                    break;
                }
                continue;
            }
            if (!is_gzip(f)) {
                break;
            }
            (void)inflateReset(&f->z);
            f->member_end = 0;
        }
        if (f->z.avail_in == 0) {
            if (f->eof) {
                /* inflate may still hold output of input it has taken
                 * (the last call ran out of room): hand that over before
                 * calling the end a cut (found by fuzz_gzip: read in
                 * 10-byte pieces, a cut member lost its last 3 bytes) */
                uInt room = f->z.avail_out;
                ret = inflate(&f->z, Z_SYNC_FLUSH);
                if (ret == Z_STREAM_END) {
                    f->member_end = 1;
                    continue;
                }
                if (f->z.avail_out < room) {
                    continue;
                }
                if (ret == Z_MEM_ERROR) {
                    err = GT_ERR_NOMEM;
                    snprintf(f->why, sizeof f->why, "out of memory");
                    break;
                }
                err = GT_ERR_BADDATA;
                if (ret != Z_OK && ret != Z_BUF_ERROR) {
                    snprintf(f->why, sizeof f->why, "%s",
                             f->z.msg != NULL ? f->z.msg : "compressed data error");
                    break;
                }
                trunc = 1;
                snprintf(f->why, sizeof f->why, "unexpected end of file");
                break;
            }
            err = fill(f);
            if (err < 0) {
                break;
            }
            continue;
        }
        ret = inflate(&f->z, Z_NO_FLUSH);
        if (ret == Z_STREAM_END) {
            f->member_end = 1;
        } else if (ret == Z_MEM_ERROR) {
            err = GT_ERR_NOMEM;
            snprintf(f->why, sizeof f->why, "out of memory");
            break;
        } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
            err = GT_ERR_BADDATA;
            snprintf(f->why, sizeof f->why, "%s",
                     f->z.msg != NULL ? f->z.msg : "compressed data error");
            break;
        }
    }
    got = n - f->z.avail_out;
    if (err < 0 && got > 0) {
        f->pending = err;
        f->pend_trunc = trunc;
        return (int)got;
    }
    if (err < 0) {
        f->pending = err; /* the damage stays: every later read reports it */
        f->pend_trunc = trunc;
        f->truncated = trunc;
        return err;
    }
    return (int)got;
}

static unsigned to_uint(size_t n)
{
    return n > (1u << 30) ? (1u << 30) : (unsigned)n;
}

int gt_io_read(struct gt_io_file *f, void *p, size_t n)
{
    int rc;

    f->truncated = 0;
    n = to_uint(n);
    if (f->pending < 0) {
        f->truncated = f->pend_trunc;
        return f->pending;
    }
    if (n == 0) {
        return 0;
    }
    if (f->mode == 0) {
        rc = detect(f);
        if (rc < 0) {
            return rc;
        }
    }
    rc = f->mode == 2 ? read_gzip(f, p, n) : read_plain(f, p, n);
    if (rc > 0) {
        f->pos += (uint64_t)rc;
    }
    return rc;
}

int gt_io_seek(struct gt_io_file *f, uint64_t pos)
{
    uint8_t skip[4096];

    if (f->name == NULL) {
        return GT_ERR_IO;
    }
    if (f->mode == 2 && f->pending == 0 && pos >= f->pos) {
        pos -= f->pos; /* forward in gzip: inflate on from here */
        goto forward;
    }
    if (lseek(f->fd, 0, SEEK_SET) != 0) {
        return GT_ERR_IO;
    }
    f->pos = 0;
    f->eof = 0;
    f->member_end = 0;
    f->pending = 0;
    f->pend_trunc = 0;
    f->why[0] = '\0';
    f->z.avail_in = 0;
    f->z.next_in = f->in;
    if (f->mode == 0 && detect(f) < 0) {
        return GT_ERR_IO;
    }
    if (f->mode == 1) {
        f->z.avail_in = 0;
        f->eof = 0;
        f->pos = pos;
        return lseek(f->fd, (off_t)pos, SEEK_SET) == (off_t)pos ? GT_OK : GT_ERR_IO;
    }
    if (f->zinit) {
        (void)inflateReset(&f->z);
    }
forward:
    while (pos > 0) {
        int r = gt_io_read(f, skip, pos < sizeof skip ? (size_t)pos : sizeof skip);
        if (r <= 0) {
            return GT_ERR_IO;
        }
        pos -= (uint64_t)r;
    }
    return GT_OK;
}

int gt_io_truncated(const struct gt_io_file *f)
{
    return f->truncated;
}

const char *gt_io_errmsg(struct gt_io_file *f)
{
    if (f->why[0] == '\0') {
        return "";
    }
    snprintf(f->err, sizeof f->err, "%s: %s", f->name != NULL ? f->name : "<stdin>", f->why);
    return f->err;
}

size_t gt_io_gunzip_head(const uint8_t *p, size_t n, uint8_t *out, size_t size)
{
    z_stream z;
    size_t got;

    memset(&z, 0, sizeof z);
    z.zalloc = z_alloc; /* through gt_malloc, so `make torture` fails it too */
    z.zfree = z_free;
    /* 16 + MAX_WBITS: a gzip wrapper, not a raw or zlib one */
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
        return 0;
    }
    z.next_in = (unsigned char *)(uintptr_t)p; /* zlib's API is not const */
    z.avail_in = (uInt)n;
    z.next_out = out;
    z.avail_out = (uInt)size;
    /* a head is a prefix: whatever inflates before the input runs out */
    (void)inflate(&z, Z_SYNC_FLUSH);
    got = size - z.avail_out;
    inflateEnd(&z);
    return got;
}

void gt_io_close(struct gt_io_file *f)
{
    if (f == NULL) {
        return;
    }
    if (f->zinit) {
        (void)inflateEnd(&f->z);
    }
    close(f->fd);
    gt_free(f->in);
    gt_free(f->name);
    gt_free(f);
}

int gt_io_is_regular(const char *path)
{
    struct stat sb;

    if (stat(path, &sb) != 0) {
        return errno == ENOENT ? GT_ERR_NOTFOUND : GT_ERR_IO;
    }
    return S_ISREG(sb.st_mode) ? 1 : 0;
}

int gt_io_hash_file(const char *path, char hex[65], uint64_t *size)
{
    struct gt_sha256 s;
    uint8_t d[GT_SHA256_LEN];
    uint8_t *buf;
    struct stat sb;
    /* O_NONBLOCK: a FIFO without a writer must not hang the open; it is
     * refused below (it can be read only once) */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    ssize_t r;

    if (fd < 0) {
        return errno == ENOENT ? GT_ERR_NOTFOUND : GT_ERR_IO;
    }
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return GT_ERR_IO;
    }
    buf = gt_malloc(1u << 16);
    if (buf == NULL) {
        close(fd);
        return GT_ERR_NOMEM;
    }
    gt_sha256_init(&s);
    *size = 0;
    while ((r = read(fd, buf, 1u << 16)) != 0) {
        if (r < 0) {
            if (errno == EINTR) {
                continue;
            }
            gt_free(buf);
            close(fd);
            return GT_ERR_IO;
        }
        gt_sha256_update(&s, buf, (size_t)r);
        *size += (uint64_t)r;
    }
    gt_free(buf);
    close(fd);
    gt_sha256_final(&s, d);
    gt_sha256_hex(d, hex);
    return GT_OK;
}

struct list {
    char **v;
    size_t n, cap;
};

/* The walk: the list being built, the folders already entered (device and
 * inode, so a link back to a folder on the path, or two links to one
 * folder, are entered once), the stop flag and the skip report. */
struct walker {
    struct list l;
    struct dirid {
        dev_t dev;
        ino_t ino;
    } * seen;
    size_t nseen, capseen;
    volatile const int *stop;
    gt_io_skip_fn *skip;
    void *ud;
};

/* Append s (owned; NULL when its copy failed: out of memory). */
static int list_add(struct list *l, char *s)
{
    if (s == NULL) {
        return GT_ERR_NOMEM;
    }
    if (l->n == l->cap) {
        char **v = gt_grow(l->v, &l->cap, sizeof *v, 16);
        if (v == NULL) {
            gt_free(s);
            return GT_ERR_NOMEM;
        }
        l->v = v;
    }
    l->v[l->n++] = s;
    return GT_OK;
}

static void skipped(struct walker *w, const char *path, const char *why)
{
    if (w->skip != NULL) {
        w->skip(w->ud, path, why);
    }
}

/* Mark the folder sb as entered: 1 when it was new, 0 when it was entered
 * before (a cycle or a second way in), or GT_ERR_NOMEM. */
static int enter(struct walker *w, const struct stat *sb)
{
    size_t i;

    for (i = 0; i < w->nseen; i++) {
        if (w->seen[i].dev == sb->st_dev && w->seen[i].ino == sb->st_ino) {
            return 0;
        }
    }
    if (w->nseen == w->capseen) {
        struct dirid *v = gt_grow(w->seen, &w->capseen, sizeof *v, 16);
        if (v == NULL) {
            return GT_ERR_NOMEM;
        }
        w->seen = v;
    }
    w->seen[w->nseen].dev = sb->st_dev;
    w->seen[w->nseen].ino = sb->st_ino;
    w->nseen++;
    return 1;
}

/* Why an entry below the top cannot be listed, from stat()'s errno and the
 * entry itself (lstat). */
static const char *stat_why(const char *path, int err)
{
    struct stat lb;

    if (lstat(path, &lb) == 0 && S_ISLNK(lb.st_mode)) {
        return err == ELOOP ? "symlink-loop" : "dangling-symlink";
    }
    return "unreadable-entry";
}

static int walk(struct walker *w, const char *path, int depth)
{
    struct stat sb;
    DIR *d;
    struct dirent *de;
    int rc = GT_OK;

    if (w->stop != NULL && *w->stop != 0) {
        return GT_ERR_EOF;
    }
    if (stat(path, &sb) != 0) {
        if (depth == 0) {
            return errno == ENOENT ? GT_ERR_NOTFOUND : GT_ERR_IO;
        }
        skipped(w, path, stat_why(path, errno));
        return GT_OK;
    }
    if (!S_ISDIR(sb.st_mode)) {
        return S_ISREG(sb.st_mode) || depth == 0 ? list_add(&w->l, gt_strndup(path, strlen(path)))
                                                 : GT_OK;
    }
    if (depth > 32) {
        skipped(w, path, "folder-too-deep");
        return GT_OK;
    }
    rc = enter(w, &sb);
    if (rc <= 0) {
        if (rc == 0) {
            skipped(w, path, "folder-cycle");
        }
        return rc;
    }
    d = opendir(path);
    if (d == NULL) {
        if (depth == 0) {
            return GT_ERR_IO;
        }
        skipped(w, path, "unreadable-folder");
        return GT_OK;
    }
    rc = GT_OK;
    while (rc == GT_OK && (de = readdir(d)) != NULL) {
        size_t n = strlen(path) + strlen(de->d_name) + 2;
        char *sub;
        if (de->d_name[0] == '.') {
            continue;
        }
        sub = gt_malloc(n);
        if (sub == NULL) {
            rc = GT_ERR_NOMEM;
            break;
        }
        if (path[strlen(path) - 1] == '/') {
            snprintf(sub, n, "%s%s", path, de->d_name);
        } else {
            snprintf(sub, n, "%s/%s", path, de->d_name);
        }
        rc = walk(w, sub, depth + 1);
        gt_free(sub);
    }
    closedir(d);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int gt_io_list_ex(const char *path, volatile const int *stop, gt_io_skip_fn *skip, void *ud,
                  char ***paths, size_t *n)
{
    struct walker w;
    int rc;

    memset(&w, 0, sizeof w);
    w.stop = stop;
    w.skip = skip;
    w.ud = ud;
    rc = walk(&w, path, 0);
    gt_free(w.seen);
    if (rc < 0) {
        gt_io_list_free(w.l.v, w.l.n);
        *paths = NULL;
        *n = 0;
        return rc;
    }
    if (w.l.n > 1) {
        qsort(w.l.v, w.l.n, sizeof *w.l.v, cmp_str);
    }
    *paths = w.l.v;
    *n = w.l.n;
    return GT_OK;
}

int gt_io_list(const char *path, char ***paths, size_t *n)
{
    return gt_io_list_ex(path, NULL, NULL, NULL, paths, n);
}

void gt_io_list_free(char **paths, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        gt_free(paths[i]);
    }
    gt_free(paths);
}

int gt_io_tcp_connect(const char *host, const char *port, int *fd)
{
    struct addrinfo hints, *res = NULL, *ai;
    int s = -1, rc;

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo(host, port, &hints, &res);
    if (rc == EAI_AGAIN || rc == EAI_SYSTEM || rc == EAI_MEMORY) {
        return GT_ERR_IO; /* the resolver is down for now: worth a retry */
    }
    if (rc != 0) {
        return GT_ERR_NOTFOUND;
    }
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        s = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (s < 0) {
            continue;
        }
        if (connect(s, ai->ai_addr, ai->ai_addrlen) == 0) {
            break;
        }
        close(s);
        s = -1;
    }
    freeaddrinfo(res);
    if (s < 0) {
        return GT_ERR_IO;
    }
    *fd = s;
    return GT_OK;
}

int gt_io_udp_listen(const char *host, const char *port, int *fd)
{
    struct addrinfo hints, *res = NULL;
    int s, one = 1;

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_PASSIVE;
    if (getaddrinfo(host != NULL && host[0] != '\0' ? host : NULL, port, &hints, &res) != 0) {
        return GT_ERR_IO;
    }
    s = socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, res->ai_protocol);
    if (s < 0) {
        freeaddrinfo(res);
        return GT_ERR_IO;
    }
    (void)setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(s, res->ai_addr, res->ai_addrlen) != 0) {
        close(s);
        freeaddrinfo(res);
        return GT_ERR_IO;
    }
    freeaddrinfo(res);
    *fd = s;
    return GT_OK;
}

int gt_io_wait(int fd, int timeout_ms)
{
    struct pollfd p;
    int r;

    p.fd = fd;
    p.events = POLLIN;
    p.revents = 0;
    r = poll(&p, 1, timeout_ms);
    if (r < 0) {
        return errno == EINTR ? 0 : GT_ERR_IO;
    }
    return r > 0 ? 1 : 0;
}

int gt_io_recv(int fd, void *p, size_t n)
{
    ssize_t r;

    if (n > (1u << 30)) {
        n = 1u << 30;
    }
    do {
        r = recv(fd, p, n, 0);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
        return GT_ERR_IO;
    }
    return (int)r;
}

void gt_io_fd_close(int fd)
{
    if (fd >= 0) {
        close(fd);
    }
}

int gt_io_parse_url(const char *s, int *udp, char *host, char *port, size_t size)
{
    const char *rest, *colon, *q;
    size_t hl, pl;
    long num = 0;

    if (strncmp(s, "tcp://", 6) == 0) {
        *udp = 0;
    } else if (strncmp(s, "udp://", 6) == 0) {
        *udp = 1;
    } else {
        return GT_ERR_INVAL;
    }
    rest = s + 6;
    colon = strrchr(rest, ':');
    if (colon == NULL) {
        return GT_ERR_INVAL;
    }
    /* the port: 1 to 65535, decimal digits only (RFC 3986 3.2.3 allows
     * any digits; TCP and UDP ports are 16 bits, RFC 793, RFC 768; port 0
     * is no port to connect to or listen on for a receiver's feed) */
    pl = strlen(colon + 1);
    if (pl == 0 || pl > 5 || pl >= size) {
        return GT_ERR_INVAL;
    }
    for (q = colon + 1; *q != '\0'; q++) {
        if (*q < '0' || *q > '9') {
            return GT_ERR_INVAL;
        }
        num = num * 10 + (*q - '0');
    }
    if (num < 1 || num > 65535) {
        return GT_ERR_INVAL;
    }
    hl = (size_t)(colon - rest);
    if (hl >= size || (hl == 0 && !*udp)) {
        return GT_ERR_INVAL;
    }
    if (hl >= 2 && rest[0] == '[' && rest[hl - 1] == ']') {
        rest++;
        hl -= 2;
        if (hl == 0) {
            return GT_ERR_INVAL;
        }
    }
    /* the host: a name (letters, digits, '-', '.', '_') or an address
     * (IPv6 in brackets: hex digits, ':', '.', a '%' zone); nothing that
     * would make it a path, user info, query or another URL */
    for (q = rest; q < rest + hl; q++) {
        unsigned char c = (unsigned char)*q;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.' || c == '_' || c == ':' || c == '%')) {
            return GT_ERR_INVAL;
        }
    }
    memcpy(host, rest, hl);
    host[hl] = '\0';
    memcpy(port, colon + 1, pl + 1);
    return GT_OK;
}

int64_t gt_io_backoff_ms(unsigned attempt, int64_t max_ms)
{
    int64_t d = 500;

    while (attempt-- > 0 && d < max_ms) {
        d *= 2;
    }
    return d < max_ms ? d : max_ms;
}
