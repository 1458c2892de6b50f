/*
 * test_io.c - io's line reader, truncated gzip detection, zlib messages and
 * the gzip head inflater (src/io/io.c, src/io/lines.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "ghosttrack/io.h"
#include "test.h"

/* The file a case has open: an assertion that fails ends the case (under
 * `make torture`, an allocation failing inside a read), so the last case
 * closes what was left open, and removes the walk's folder. */
static struct gt_io_file *live_f;
static char live_dir[64];
static char live_tmp[8][64]; /* the cases' temporary files */

static int tmp_file(char *path)
{
    int fd = mkstemp(path);
    size_t i;

    for (i = 0; fd >= 0 && i < 8; i++) {
        if (live_tmp[i][0] == '\0') {
            snprintf(live_tmp[i], sizeof live_tmp[i], "%s", path);
            break;
        }
    }
    return fd;
}

static int open_live(const char *path, struct gt_io_file **f)
{
    int rc;

    gt_io_close(live_f);
    live_f = NULL;
    rc = gt_io_open(path, f);
    live_f = rc == GT_OK ? *f : NULL;
    return rc;
}

static void close_live(struct gt_io_file *f)
{
    gt_io_close(f);
    if (f == live_f) {
        live_f = NULL;
    }
}

static void remove_walk_dir(void)
{
    static const char *const rm[] = {"a.txt", "sub/b.txt", "sub/y", "dangling",
                                     "self",  "x",         "fifo"};
    char p[256];
    size_t i;

    if (live_dir[0] == '\0') {
        return;
    }
    for (i = 0; i < sizeof rm / sizeof rm[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", live_dir, rm[i]);
        (void)unlink(p);
    }
    snprintf(p, sizeof p, "%s/sub", live_dir);
    (void)rmdir(p);
    (void)rmdir(live_dir);
    live_dir[0] = '\0';
}

static void test_cleanup(void)
{
    size_t i;

    gt_io_close(live_f);
    live_f = NULL;
    remove_walk_dir();
    for (i = 0; i < 8; i++) {
        if (live_tmp[i][0] != '\0') {
            (void)remove(live_tmp[i]);
        }
    }
}

struct seen {
    char text[4096];
    size_t n;
    uint64_t off[64];
    size_t len[64];
};

static void on_line(void *ud, const uint8_t *p, size_t n, uint64_t off)
{
    struct seen *s = ud;

    if (s->n < 64) {
        s->off[s->n] = off;
        s->len[s->n] = n;
    }
    s->n++;
    strncat(s->text, "[", sizeof s->text - strlen(s->text) - 1);
    strncat(s->text, (const char *)p, n < sizeof s->text - strlen(s->text) - 2 ? n : 0);
    strncat(s->text, "]", sizeof s->text - strlen(s->text) - 1);
}

static void write_file(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");

    GT_ASSERT(f != NULL);
    GT_ASSERT(fwrite(p, 1, n, f) == n);
    GT_ASSERT(fclose(f) == 0);
}

static void test_lines_offsets_and_tail(void)
{
    char path[] = "/tmp/gt_test_io_XXXXXX";
    struct gt_io_file *f;
    struct seen s;
    int fd = tmp_file(path);

    GT_ASSERT(fd >= 0);
    close(fd);
    write_file(path, "ab\ncdef\n\nxyz", 12);
    memset(&s, 0, sizeof s);
    GT_ASSERT_EQ_INT(open_live(path, &f), GT_OK);
    GT_ASSERT_EQ_INT(gt_io_for_lines(f, 4, 2, on_line, &s), GT_OK);
    close_live(f);
    GT_ASSERT_EQ_STR(s.text, "[ab\n][cdef\n][\n][xyz]");
    GT_ASSERT_EQ_INT(s.n, 4);
    GT_ASSERT_EQ_INT(s.off[1], 3);
    GT_ASSERT_EQ_INT(s.off[3], 9);
    GT_ASSERT_EQ_INT(s.len[3], 3);
    remove(path);
}

static void test_lines_overlong_cut(void)
{
    char path[] = "/tmp/gt_test_io_XXXXXX";
    struct gt_io_file *f;
    struct seen s;
    int fd = tmp_file(path);

    GT_ASSERT(fd >= 0);
    close(fd);
    /* a 4 + 2 byte window: the 9-byte line goes over in window pieces */
    write_file(path, "123456789\nok\n", 13);
    memset(&s, 0, sizeof s);
    GT_ASSERT_EQ_INT(open_live(path, &f), GT_OK);
    GT_ASSERT_EQ_INT(gt_io_for_lines(f, 4, 2, on_line, &s), GT_OK);
    close_live(f);
    GT_ASSERT_EQ_STR(s.text, "[123456][789\n][ok\n]");
    GT_ASSERT_EQ_INT(s.off[1], 6);
    remove(path);
}

/* A gzip file cut before its trailer: the lines up to the cut are handed
 * over, the result says BADDATA and gt_io_truncated() says why; a
 * corrupt one is an error naming the file. */
static void test_gzip_truncated_and_corrupt(void)
{
    char path[] = "/tmp/gt_test_io_XXXXXX";
    char text[4000];
    static unsigned char zbuf[8192]; /* static: no leak when an assertion fails */
    unsigned char *z;
    FILE *in;
    long n;
    size_t i;
    struct gt_io_file *f;
    struct seen s;
    gzFile gz;
    int fd = tmp_file(path), rc;

    GT_ASSERT(fd >= 0);
    close(fd);
    for (i = 0; i < sizeof text; i++) {
        text[i] = (char)(i % 50 == 49 ? '\n' : 'a' + (char)(i * 7 % 26));
    }
    gz = gzopen(path, "wb");
    GT_ASSERT(gz != NULL);
    GT_ASSERT(gzwrite(gz, text, sizeof text) == (int)sizeof text);
    GT_ASSERT(gzclose(gz) == Z_OK);
    in = fopen(path, "rb");
    GT_ASSERT(in != NULL);
    GT_ASSERT(fseek(in, 0, SEEK_END) == 0);
    n = ftell(in);
    GT_ASSERT(n > 40);
    rewind(in);
    GT_ASSERT((size_t)n <= sizeof zbuf);
    z = zbuf;
    GT_ASSERT(fread(z, 1, (size_t)n, in) == (size_t)n);
    fclose(in);

    write_file(path, z, (size_t)n - 6); /* trailer cut off */
    memset(&s, 0, sizeof s);
    GT_ASSERT_EQ_INT(open_live(path, &f), GT_OK);
    rc = gt_io_for_lines(f, 1024, 128, on_line, &s);
    GT_ASSERT_EQ_INT(rc, GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(gt_io_truncated(f), 1);
    close_live(f);
    GT_ASSERT(s.n >= 79);

    z[n / 2] ^= 0xff; /* damage in the middle, trailer intact */
    write_file(path, z, (size_t)n);
    memset(&s, 0, sizeof s);
    GT_ASSERT_EQ_INT(open_live(path, &f), GT_OK);
    rc = gt_io_for_lines(f, 1024, 128, on_line, &s);
    GT_ASSERT(rc == GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(gt_io_truncated(f), 0);
    GT_ASSERT(strncmp(gt_io_errmsg(f), path, strlen(path)) == 0);
    close_live(f);

    /* the head of the intact stream inflates to the text's first bytes */
    z[n / 2] ^= 0xff;
    {
        uint8_t out[100];
        size_t got = gt_io_gunzip_head(z, (size_t)n, out, sizeof out);
        GT_ASSERT_EQ_INT(got, sizeof out);
        GT_ASSERT(memcmp(out, text, sizeof out) == 0);
        GT_ASSERT_EQ_INT(gt_io_gunzip_head((const uint8_t *)"plain", 5, out, sizeof out), 0);
    }
    remove(path);
}

/* Read all of f through gt_io_read() in small calls: the count of bytes
 * handed over, the final result in *last. */
static size_t read_all(struct gt_io_file *f, char *out, size_t size, int *last)
{
    size_t got = 0;
    int r;

    while ((r = gt_io_read(f, out + got, size - got < 1000 ? size - got : 1000)) > 0) {
        got += (size_t)r;
    }
    *last = r;
    return got;
}

/* A bad CRC trailer: every inflated byte is handed over before the error
 * (zlib's gzread drops its whole last buffer); two members read on; seek
 * lands on the content offset in gzip and plain files. */
static void test_gzip_bad_crc_keeps_all(void)
{
    char path[] = "/tmp/gt_test_io_XXXXXX";
    static char text[300000], back[700000];
    static unsigned char zbuf[1u << 20]; /* static: no leak when an assertion fails */
    struct gt_io_file *f;
    unsigned char *z;
    size_t i, got;
    long n;
    int fd = tmp_file(path), last;
    FILE *in;
    gzFile gz;

    GT_ASSERT(fd >= 0);
    close(fd);
    for (i = 0; i < sizeof text; i++) {
        text[i] = (char)('a' + (char)((i * 7 + i / 13) % 26));
    }
    gz = gzopen(path, "wb");
    GT_ASSERT(gz != NULL);
    GT_ASSERT(gzwrite(gz, text, sizeof text) == (int)sizeof text);
    GT_ASSERT(gzclose(gz) == Z_OK);
    in = fopen(path, "rb");
    GT_ASSERT(in != NULL);
    GT_ASSERT(fseek(in, 0, SEEK_END) == 0);
    n = ftell(in);
    rewind(in);
    GT_ASSERT((size_t)n * 2 <= sizeof zbuf);
    z = zbuf;
    GT_ASSERT(fread(z, 1, (size_t)n, in) == (size_t)n);
    fclose(in);

    /* two members back to back: both read, seek into the second */
    memcpy(z + n, z, (size_t)n);
    write_file(path, z, (size_t)n * 2);
    GT_ASSERT_EQ_INT(open_live(path, &f), GT_OK);
    got = read_all(f, back, sizeof back, &last);
    GT_ASSERT_EQ_INT(last, 0);
    GT_ASSERT_EQ_INT(got, 2 * sizeof text);
    GT_ASSERT(memcmp(back + sizeof text, text, sizeof text) == 0);
    GT_ASSERT_EQ_INT(gt_io_seek(f, sizeof text + 12345), GT_OK);
    GT_ASSERT_EQ_INT(gt_io_read(f, back, 10), 10);
    GT_ASSERT(memcmp(back, text + 12345, 10) == 0);
    GT_ASSERT_EQ_INT(gt_io_seek(f, sizeof text + 20000), GT_OK); /* forward */
    GT_ASSERT_EQ_INT(gt_io_read(f, back, 10), 10);
    GT_ASSERT(memcmp(back, text + 20000, 10) == 0);
    GT_ASSERT_EQ_INT(gt_io_seek(f, 5), GT_OK); /* back again */
    GT_ASSERT_EQ_INT(gt_io_read(f, back, 10), 10);
    GT_ASSERT(memcmp(back, text + 5, 10) == 0);
    close_live(f);

    z[n - 8] ^= 0xff; /* the CRC-32 of the trailer */
    write_file(path, z, (size_t)n);
    GT_ASSERT_EQ_INT(open_live(path, &f), GT_OK);
    got = read_all(f, back, sizeof back, &last);
    GT_ASSERT_EQ_INT(last, GT_ERR_BADDATA);
    GT_ASSERT_EQ_INT(gt_io_truncated(f), 0);
    GT_ASSERT_EQ_INT(got, sizeof text);
    GT_ASSERT(memcmp(back, text, sizeof text) == 0);
    GT_ASSERT(strstr(gt_io_errmsg(f), "incorrect data check") != NULL);
    GT_ASSERT_EQ_INT(gt_io_read(f, back, 10), GT_ERR_BADDATA); /* it stays */
    close_live(f);

    write_file(path, text, sizeof text); /* plain: seek is an offset */
    GT_ASSERT_EQ_INT(open_live(path, &f), GT_OK);
    GT_ASSERT_EQ_INT(gt_io_seek(f, 777), GT_OK);
    GT_ASSERT_EQ_INT(gt_io_read(f, back, 10), 10);
    GT_ASSERT(memcmp(back, text + 777, 10) == 0);
    close_live(f);
    remove(path);
}

struct skips {
    char text[2048];
    int n;
};

static void on_skip(void *ud, const char *path, const char *why)
{
    struct skips *k = ud;
    const char *base = strrchr(path, '/');

    k->n++;
    snprintf(k->text + strlen(k->text), sizeof k->text - strlen(k->text), "[%s %s]",
             base != NULL ? base + 1 : path, why);
}

/* A folder walk skips and names dangling and looping links and links back
 * up, enters each folder once, and stops on the stop flag. */
static void test_list_skips_bad_entries(void)
{
    char dir[] = "/tmp/gt_test_io_dir_XXXXXX", p[256], q[256];
    struct skips k;
    char **paths = NULL;
    size_t n = 0;
    volatile int stop = 0;

    GT_ASSERT(mkdtemp(dir) != NULL);
    snprintf(live_dir, sizeof live_dir, "%s", dir);
    snprintf(p, sizeof p, "%s/a.txt", dir);
    write_file(p, "x\n", 2);
    snprintf(p, sizeof p, "%s/sub", dir);
    GT_ASSERT(mkdir(p, 0700) == 0);
    snprintf(p, sizeof p, "%s/sub/b.txt", dir);
    write_file(p, "y\n", 2);
    snprintf(p, sizeof p, "%s/dangling", dir);
    snprintf(q, sizeof q, "%s/nowhere", dir);
    GT_ASSERT(symlink(q, p) == 0);
    snprintf(p, sizeof p, "%s/self", dir);
    GT_ASSERT(symlink("self", p) == 0);
    snprintf(p, sizeof p, "%s/x", dir);
    GT_ASSERT(symlink(".", p) == 0);
    snprintf(p, sizeof p, "%s/sub/y", dir);
    GT_ASSERT(symlink("..", p) == 0);

    memset(&k, 0, sizeof k);
    GT_ASSERT_EQ_INT(gt_io_list_ex(dir, &stop, on_skip, &k, &paths, &n), GT_OK);
    GT_ASSERT_EQ_INT(n, 2);
    GT_ASSERT(strstr(paths[0], "/a.txt") != NULL && strstr(paths[1], "/sub/b.txt") != NULL);
    gt_io_list_free(paths, n);
    GT_ASSERT_EQ_INT(k.n, 4);
    GT_ASSERT(strstr(k.text, "[dangling dangling-symlink]") != NULL);
    GT_ASSERT(strstr(k.text, "[self symlink-loop]") != NULL);
    GT_ASSERT(strstr(k.text, "[x folder-cycle]") != NULL);
    GT_ASSERT(strstr(k.text, "[y folder-cycle]") != NULL);

    stop = 1;
    GT_ASSERT_EQ_INT(gt_io_list_ex(dir, &stop, on_skip, &k, &paths, &n), GT_ERR_EOF);
    GT_ASSERT(paths == NULL && n == 0);
    GT_ASSERT_EQ_INT(gt_io_is_regular(dir), 0);
    snprintf(p, sizeof p, "%s/a.txt", dir);
    GT_ASSERT_EQ_INT(gt_io_is_regular(p), 1);
    {
        /* a FIFO is not hashed (it could be read only once), and the
         * refusal does not wait for a writer */
        char hex[65];
        uint64_t size;
        snprintf(q, sizeof q, "%s/fifo", dir);
        GT_ASSERT(mkfifo(q, 0600) == 0);
        GT_ASSERT_EQ_INT(gt_io_is_regular(q), 0);
        GT_ASSERT_EQ_INT(gt_io_hash_file(q, hex, &size), GT_ERR_IO);
        GT_ASSERT(unlink(q) == 0);
    }

    remove_walk_dir();
}

/* Live source URLs: ports 1..65535 only, no path, user or query (issue
 * #15, item 13: tcp://host:99999 retried for ever). */
static void test_parse_url(void)
{
    static const struct {
        const char *url;
        int rc, udp;
        const char *host, *port;
    } cases[] = {
        {"tcp://localhost:30005", GT_OK, 0, "localhost", "30005"},
        {"tcp://192.168.1.2:30003", GT_OK, 0, "192.168.1.2", "30003"},
        {"tcp://[::1]:30005", GT_OK, 0, "::1", "30005"},
        {"tcp://rx_1.example.org:1", GT_OK, 0, "rx_1.example.org", "1"},
        {"udp://:10110", GT_OK, 1, "", "10110"},
        {"udp://0.0.0.0:65535", GT_OK, 1, "0.0.0.0", "65535"},
        {"tcp://host:99999", GT_ERR_INVAL, 0, NULL, NULL},
        {"tcp://host:65536", GT_ERR_INVAL, 0, NULL, NULL},
        {"tcp://host:0", GT_ERR_INVAL, 0, NULL, NULL},
        {"tcp://host:", GT_ERR_INVAL, 0, NULL, NULL},
        {"tcp://host", GT_ERR_INVAL, 0, NULL, NULL},
        {"tcp://:30005", GT_ERR_INVAL, 0, NULL, NULL},
        {"tcp://[]:30005", GT_ERR_INVAL, 0, NULL, NULL},
        {"tcp://host:30005/path", GT_ERR_INVAL, 0, NULL, NULL},
        {"tcp://user@host:30005", GT_ERR_INVAL, 0, NULL, NULL},
        {"tcp://ho st:30005", GT_ERR_INVAL, 0, NULL, NULL},
        {"tcp://host:+80", GT_ERR_INVAL, 0, NULL, NULL},
        {"tcp://host:300050000000000000000000000000000000000000000", GT_ERR_INVAL, 0, NULL, NULL},
        {"http://host:80", GT_ERR_INVAL, 0, NULL, NULL},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char host[64], port[64];
        int udp = -1;
        int rc = gt_io_parse_url(cases[i].url, &udp, host, port, sizeof port);
        if (rc != cases[i].rc) {
            printf("# %s: %d\n", cases[i].url, rc);
        }
        GT_ASSERT_EQ_INT(rc, cases[i].rc);
        if (rc == GT_OK) {
            GT_ASSERT_EQ_INT(udp, cases[i].udp);
            GT_ASSERT_EQ_STR(host, cases[i].host);
            GT_ASSERT_EQ_STR(port, cases[i].port);
        }
    }
}

GT_TEST_MAIN({"io lines: offsets and an unterminated tail", test_lines_offsets_and_tail},
             {"io live source URLs", test_parse_url},
             {"io lines: an over-long line is cut at the window", test_lines_overlong_cut},
             {"io gzip: truncated vs corrupt, named in messages", test_gzip_truncated_and_corrupt},
             {"io gzip: a bad CRC keeps every byte, members, seek", test_gzip_bad_crc_keeps_all},
             {"io list: bad entries skipped and named, cycles, stop", test_list_skips_bad_entries},
             {"io: what a failed case left open is closed", test_cleanup})
