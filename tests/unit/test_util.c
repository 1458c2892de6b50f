/*
 * test_util.c - error codes, allocation failure injection, bounded buffers
 * and logging.
 */
#include <stdint.h>

#include "ghosttrack/buf.h"
#include "ghosttrack/err.h"
#include "ghosttrack/esc.h"
#include "ghosttrack/log.h"
#include "ghosttrack/mem.h"
#include "ghosttrack/version.h"
#include "test.h"

static void test_err_names(void)
{
    GT_ASSERT_EQ_STR(gt_strerror(GT_OK), "success");
    GT_ASSERT_EQ_STR(gt_strerror(GT_ERR_NOMEM), "out of memory");
    GT_ASSERT_EQ_STR(gt_strerror(GT_ERR_BADDATA), "malformed input");
    GT_ASSERT_EQ_STR(gt_errname(GT_ERR_AGAIN), "GT_ERR_AGAIN");
    GT_ASSERT_EQ_STR(gt_errname(GT_ERR_TOOBIG), "GT_ERR_TOOBIG");
    GT_ASSERT_EQ_STR(gt_strerror(-9999), "unknown error");
    GT_ASSERT_EQ_STR(gt_errname(42), "GT_ERR_UNKNOWN");
}

/* Every code in the map has a distinct negative value and its own message. */
static void test_err_map_distinct(void)
{
    static const int codes[] = {
#define X(name, val, msg) GT_ERR_##name,
        GT_ERR_MAP(X)
#undef X
    };
    size_t i, j, n = sizeof codes / sizeof codes[0];

    for (i = 0; i < n; i++) {
        GT_ASSERT(codes[i] < 0);
        GT_ASSERT(strcmp(gt_strerror(codes[i]), "unknown error") != 0);
        for (j = i + 1; j < n; j++) {
            GT_ASSERT(codes[i] != codes[j]);
        }
    }
}

static void test_mem_injection(void)
{
    void *a, *b, *c;
    char *s;

    gt_mem_fail_at(2); /* the second allocation from now fails */
    a = gt_malloc(16);
    b = gt_malloc(16);
    c = gt_calloc(4, 4);
    GT_ASSERT(a != NULL);
    GT_ASSERT(b == NULL);
    GT_ASSERT(c == NULL); /* and every later one */
    gt_mem_fail_at(0);
    c = gt_calloc(4, 4);
    GT_ASSERT(c != NULL);
    GT_ASSERT_EQ_INT(((unsigned char *)c)[15], 0);
    GT_ASSERT(gt_calloc(SIZE_MAX / 2, 4) == NULL); /* overflow caught */
    s = gt_strndup("ghosttrack", 5);
    GT_ASSERT_EQ_STR(s, "ghost");
    gt_free(a);
    gt_free(c);
    gt_free(s);
    gt_free(NULL);
}

/* A failing realloc must leave the old block intact. */
static void test_mem_realloc_fail_keeps_block(void)
{
    char *p = gt_malloc(4), *q;

    GT_ASSERT(p != NULL);
    memcpy(p, "abc", 4);
    gt_mem_fail_at(1);
    q = gt_realloc(p, 1 << 20);
    gt_mem_fail_at(0);
    GT_ASSERT(q == NULL);
    GT_ASSERT_EQ_STR(p, "abc");
    gt_free(p);
}

static void test_mem_grow(void)
{
    size_t cap = 0;
    int *v = gt_grow(NULL, &cap, sizeof *v, 4), *w;

    GT_ASSERT(v != NULL);
    GT_ASSERT_EQ_INT(cap, 4);
    v[3] = 7;
    w = gt_grow(v, &cap, sizeof *w, 4);
    GT_ASSERT(w != NULL);
    GT_ASSERT_EQ_INT(cap, 8);
    GT_ASSERT_EQ_INT(w[3], 7); /* contents kept */
    gt_mem_fail_at(1);
    v = gt_grow(w, &cap, sizeof *v, 4);
    gt_mem_fail_at(0);
    GT_ASSERT(v == NULL);
    GT_ASSERT_EQ_INT(cap, 8); /* untouched on failure */
    cap = SIZE_MAX / 2 + 1;
    GT_ASSERT(gt_grow(w, &cap, 16, 4) == NULL); /* overflow refused */
    gt_free(w);
}

/* gt_push appends, grows by doubling, and leaves the array as it was when
 * growing fails. */
static void test_mem_push(void)
{
    struct pair {
        int a;
        double b;
    } *v = NULL, item = {0, 0.5};
    size_t n = 0, cap = 0;
    int i;

    for (i = 0; i < 5; i++) {
        item.a = i;
        GT_ASSERT_EQ_INT(gt_push(&v, &n, &cap, &item, sizeof *v, 2), GT_OK);
    }
    GT_ASSERT_EQ_INT(n, 5);
    GT_ASSERT_EQ_INT(cap, 8);
    GT_ASSERT_EQ_INT(v[0].a, 0);
    GT_ASSERT_EQ_INT(v[4].a, 4);
    GT_ASSERT_DBL_NEAR(v[4].b, 0.5, 0.0);
    for (; n < cap; n++) {
        v[n] = item;
    }
    gt_mem_fail_at(1);
    i = gt_push(&v, &n, &cap, &item, sizeof *v, 2);
    gt_mem_fail_at(0);
    GT_ASSERT_EQ_INT(i, GT_ERR_NOMEM);
    GT_ASSERT_EQ_INT(n, 8);
    GT_ASSERT_EQ_INT(cap, 8);
    GT_ASSERT_EQ_INT(v[4].a, 4);
    gt_free(v);
}

static void test_buf_basic(void)
{
    struct gt_buf b;
    char *t;
    size_t n;

    gt_buf_init(&b, 1024);
    GT_ASSERT_EQ_STR(gt_buf_str(&b), "");
    GT_ASSERT_EQ_INT(gt_buf_add(&b, "abc", 3), GT_OK);
    GT_ASSERT_EQ_INT(gt_buf_addstr(&b, "def"), GT_OK);
    GT_ASSERT_EQ_INT(gt_buf_addf(&b, "-%d-%s", 42, "x"), GT_OK);
    GT_ASSERT_EQ_STR(gt_buf_str(&b), "abcdef-42-x");
    GT_ASSERT_EQ_INT(gt_buf_len(&b), 11);
    gt_buf_reset(&b);
    GT_ASSERT_EQ_INT(gt_buf_len(&b), 0);
    GT_ASSERT_EQ_STR(gt_buf_str(&b), "");
    GT_ASSERT_EQ_INT(gt_buf_addstr(&b, "zz"), GT_OK);
    t = gt_buf_take(&b, &n);
    GT_ASSERT_EQ_INT(n, 2);
    GT_ASSERT_EQ_STR(t, "zz");
    GT_ASSERT_EQ_INT(gt_buf_len(&b), 0);
    gt_free(t);
    gt_buf_release(&b);
}

/* The maximum is hard: max - 1 bytes fit, one more is refused and the
 * buffer is released. */
static void test_buf_limit(void)
{
    struct gt_buf b;
    char block[100];
    int i;

    memset(block, 'x', sizeof block);
    gt_buf_init(&b, 1000);
    for (i = 0; i < 9; i++) {
        GT_ASSERT_EQ_INT(gt_buf_add(&b, block, 100), GT_OK);
    }
    GT_ASSERT_EQ_INT(gt_buf_add(&b, block, 99), GT_OK); /* 999 bytes + NUL */
    GT_ASSERT_EQ_INT(gt_buf_len(&b), 999);
    GT_ASSERT_EQ_INT(gt_buf_add(&b, "y", 1), GT_ERR_TOOBIG);
    GT_ASSERT_EQ_INT(gt_buf_len(&b), 0);
    GT_ASSERT_EQ_INT(gt_buf_addf(&b, "%2000d", 1), GT_ERR_TOOBIG);
    GT_ASSERT_EQ_INT(gt_buf_add(&b, block, SIZE_MAX), GT_ERR_TOOBIG);
    gt_buf_release(&b);
}

static void test_buf_nomem(void)
{
    struct gt_buf b;

    gt_buf_init(&b, 1 << 20);
    GT_ASSERT_EQ_INT(gt_buf_addstr(&b, "first"), GT_OK);
    gt_mem_fail_at(1);
    GT_ASSERT_EQ_INT(gt_buf_add(&b, "0123456789012345678901234567890123456789", 40), GT_ERR_NOMEM);
    gt_mem_fail_at(0);
    GT_ASSERT_EQ_INT(gt_buf_len(&b), 0); /* released */
    GT_ASSERT_EQ_INT(gt_buf_error(&b), GT_ERR_NOMEM);
    /* sticky: memory is back, but the write that lost its start stays failed */
    GT_ASSERT_EQ_INT(gt_buf_addstr(&b, "again"), GT_ERR_NOMEM);
    GT_ASSERT_EQ_INT(gt_buf_len(&b), 0);
    gt_buf_reset(&b); /* usable again */
    GT_ASSERT_EQ_INT(gt_buf_error(&b), GT_OK);
    GT_ASSERT_EQ_INT(gt_buf_addstr(&b, "again"), GT_OK);
    GT_ASSERT_EQ_STR(gt_buf_str(&b), "again");
    gt_buf_release(&b);
}

/* Errors are sticky: a buffer filled to its hard maximum keeps the first
 * error (TOOBIG) through later appends of every kind, even ones that would
 * fit and ones that would fail differently; nothing is appended after it,
 * and release clears it. */
static void test_buf_sticky(void)
{
    struct gt_buf b;
    char block[100];
    int i;

    memset(block, 'x', sizeof block);
    gt_buf_init(&b, 500);
    GT_ASSERT_EQ_INT(gt_buf_error(&b), GT_OK);
    for (i = 0; i < 4; i++) {
        GT_ASSERT_EQ_INT(gt_buf_add(&b, block, 100), GT_OK);
    }
    GT_ASSERT_EQ_INT(gt_buf_add(&b, block, 99), GT_OK); /* 499 bytes + NUL: full */
    GT_ASSERT_EQ_INT(gt_buf_error(&b), GT_OK);
    GT_ASSERT_EQ_INT(gt_buf_add(&b, "y", 1), GT_ERR_TOOBIG);
    GT_ASSERT_EQ_INT(gt_buf_error(&b), GT_ERR_TOOBIG);
    GT_ASSERT_EQ_INT(gt_buf_add(&b, "z", 1), GT_ERR_TOOBIG);
    GT_ASSERT_EQ_INT(gt_buf_addstr(&b, "short"), GT_ERR_TOOBIG);
    GT_ASSERT_EQ_INT(gt_buf_addf(&b, "%d", 7), GT_ERR_TOOBIG);
    GT_ASSERT_EQ_INT(gt_esc_json(&b, "q", 1), GT_ERR_TOOBIG);
    GT_ASSERT_EQ_INT(gt_buf_len(&b), 0);
    GT_ASSERT_EQ_STR(gt_buf_str(&b), "");
    GT_ASSERT_EQ_INT(gt_buf_error(&b), GT_ERR_TOOBIG);
    /* the first error wins over a later, different one */
    gt_mem_fail_at(1);
    GT_ASSERT_EQ_INT(gt_buf_add(&b, block, 10), GT_ERR_TOOBIG);
    gt_mem_fail_at(0);
    GT_ASSERT_EQ_INT(gt_buf_error(&b), GT_ERR_TOOBIG);
    gt_buf_release(&b);
    GT_ASSERT_EQ_INT(gt_buf_error(&b), GT_OK);
    GT_ASSERT_EQ_INT(gt_buf_addstr(&b, "ok"), GT_OK);
    GT_ASSERT_EQ_STR(gt_buf_str(&b), "ok");
    /* NOMEM first, then an over-long append: NOMEM is kept */
    gt_buf_reset(&b);
    gt_buf_release(&b);
    gt_mem_fail_at(1);
    GT_ASSERT_EQ_INT(gt_buf_addstr(&b, "a"), GT_ERR_NOMEM);
    gt_mem_fail_at(0);
    GT_ASSERT_EQ_INT(gt_buf_add(&b, block, 600), GT_ERR_NOMEM);
    GT_ASSERT_EQ_INT(gt_buf_error(&b), GT_ERR_NOMEM);
    gt_buf_release(&b);
}

struct log_seen {
    int calls;
    enum gt_log_level level;
    char msg[64];
};

static void log_cb(enum gt_log_level level, const char *msg, void *ud)
{
    struct log_seen *s = ud;
    s->calls++;
    s->level = level;
    snprintf(s->msg, sizeof s->msg, "%s", msg);
}

static void test_log_callback(void)
{
    struct log_seen seen = {0, GT_LOG_DEBUG, ""};

    gt_log(GT_LOG_ERROR, "dropped: %d", 1); /* no handler: nothing happens */
    gt_log_set_handler(log_cb, &seen, GT_LOG_WARN);
    gt_log(GT_LOG_INFO, "below minimum");
    GT_ASSERT_EQ_INT(seen.calls, 0);
    gt_log(GT_LOG_WARN, "cannot open '%s'", "x.nmea");
    GT_ASSERT_EQ_INT(seen.calls, 1);
    GT_ASSERT_EQ_INT(seen.level, GT_LOG_WARN);
    GT_ASSERT_EQ_STR(seen.msg, "cannot open 'x.nmea'");
    GT_ASSERT_EQ_STR(gt_log_level_name(GT_LOG_WARN), "warning");
    gt_log_set_handler(NULL, NULL, GT_LOG_INFO);
    gt_log(GT_LOG_ERROR, "after removal");
    GT_ASSERT_EQ_INT(seen.calls, 1);
}

static void test_version(void)
{
    GT_ASSERT_EQ_STR(gt_version(), GT_VERSION);
}

GT_TEST_MAIN({"err_names", test_err_names}, {"err_map_distinct", test_err_map_distinct},
             {"mem_injection", test_mem_injection},
             {"mem_realloc_fail_keeps_block", test_mem_realloc_fail_keeps_block},
             {"mem_grow", test_mem_grow}, {"mem_push", test_mem_push},
             {"buf_basic", test_buf_basic}, {"buf_limit", test_buf_limit},
             {"buf_nomem", test_buf_nomem}, {"buf_sticky", test_buf_sticky},
             {"log_callback", test_log_callback}, {"version", test_version})
