/*
 * test.h - the unit-test harness (after libuv's test/task.h).
 *
 * A test file defines static void functions and lists them:
 *
 *     static void test_parse(void) { GT_ASSERT_EQ_INT(f(1), 2); }
 *     GT_TEST_MAIN({"parse", test_parse}, {"other", test_other})
 *
 * Each case prints "ok - name" or "not ok - name" with the failing assertion,
 * both values and its place in the file (TAP-like lines that tests/run.sh
 * counts).  An assertion that fails ends its case.  GT_FAILALLOC=N in the
 * environment arms allocation failure injection before the cases run (see
 * mem.h); `make torture` uses it.
 */
#ifndef GT_TEST_H
#define GT_TEST_H

#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghosttrack/mem.h"

struct gt_test_case {
    const char *name;
    void (*fn)(void);
};

static jmp_buf gt_test_jmp;
static int gt_test_failed;

#define GT__FAIL(...)                                                                              \
    do {                                                                                           \
        printf("#   %s:%d: ", __FILE__, __LINE__);                                                 \
        printf(__VA_ARGS__);                                                                       \
        printf("\n");                                                                              \
        gt_test_failed = 1;                                                                        \
        longjmp(gt_test_jmp, 1);                                                                   \
    } while (0)

#define GT_ASSERT(cond)                                                                            \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            GT__FAIL("assertion failed: %s", #cond);                                               \
        }                                                                                          \
    } while (0)

#define GT_ASSERT_EQ_INT(a, b)                                                                     \
    do {                                                                                           \
        long long gt__a = (long long)(a), gt__b = (long long)(b);                                  \
        if (gt__a != gt__b) {                                                                      \
            GT__FAIL("%s == %s: got %lld, expected %lld", #a, #b, gt__a, gt__b);                   \
        }                                                                                          \
    } while (0)

#define GT_ASSERT_EQ_STR(a, b)                                                                     \
    do {                                                                                           \
        const char *gt__a = (a), *gt__b = (b);                                                     \
        if (gt__a == NULL || gt__b == NULL || strcmp(gt__a, gt__b) != 0) {                         \
            GT__FAIL("%s == %s: got \"%s\", expected \"%s\"", #a, #b, gt__a ? gt__a : "(null)",    \
                     gt__b ? gt__b : "(null)");                                                    \
        }                                                                                          \
    } while (0)

#define GT_ASSERT_DBL_NEAR(a, b, tol)                                                              \
    do {                                                                                           \
        double gt__a = (double)(a), gt__b = (double)(b);                                           \
        if (!(fabs(gt__a - gt__b) <= (double)(tol))) {                                             \
            GT__FAIL("%s ~= %s: got %.9g, expected %.9g (tolerance %g)", #a, #b, gt__a, gt__b,     \
                     (double)(tol));                                                               \
        }                                                                                          \
    } while (0)

/* Skip the rest of a case that needs something absent (../shared/data). */
#define GT_SKIP(why)                                                                               \
    do {                                                                                           \
        printf("#   skip: %s\n", (why));                                                           \
        gt_test_failed = -1;                                                                       \
        longjmp(gt_test_jmp, 1);                                                                   \
    } while (0)

static int gt_test_run(const struct gt_test_case *cases, size_t n)
{
    volatile size_t i;
    volatile int failed = 0;
    const char *fa = getenv("GT_FAILALLOC");

    if (fa != NULL) {
        gt_mem_fail_at(strtoull(fa, NULL, 10));
    }
    for (i = 0; i < n; i++) {
        gt_test_failed = 0;
        if (setjmp(gt_test_jmp) == 0) {
            cases[i].fn();
        }
        if (gt_test_failed > 0) {
            printf("not ok - %s\n", cases[i].name);
            failed++;
        } else if (gt_test_failed < 0) {
            printf("skip - %s\n", cases[i].name);
        } else {
            printf("ok - %s\n", cases[i].name);
        }
        fflush(stdout);
    }
    if (getenv("GT_ALLOCCOUNT") != NULL) {
        fprintf(stderr, "allocations: %llu\n", (unsigned long long)gt_mem_count());
    }
    return failed ? 1 : 0;
}

#define GT_TEST_MAIN(...)                                                                          \
    int main(void)                                                                                 \
    {                                                                                              \
        static const struct gt_test_case gt__cases[] = {__VA_ARGS__};                              \
        return gt_test_run(gt__cases, sizeof gt__cases / sizeof gt__cases[0]);                     \
    }

#endif /* GT_TEST_H */
