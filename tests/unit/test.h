/*
 * test.h: the unit-test macros. Each test binary runs its checks, prints
 * "file:line: CHECK failed: expr" for every failure and ends with
 * "<binary>: N checks, M failed"; its exit status is non-zero on failure.
 */
#ifndef VS_TEST_H
#define VS_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int test_checks;
static int test_failed;

#define CHECK(expr)                                                        \
    do {                                                                   \
        test_checks++;                                                     \
        if (!(expr)) {                                                     \
            test_failed++;                                                 \
            printf("%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #expr); \
        }                                                                  \
    } while (0)

/* Relative tolerance tol (absolute for values near zero). */
#define CHECK_NUM(got, want, tol)                                          \
    do {                                                                   \
        double g_ = (got), w_ = (want);                                    \
        test_checks++;                                                     \
        if (!(fabs(g_ - w_) <= (tol) * (fabs(w_) > 1 ? fabs(w_) : 1))) {   \
            test_failed++;                                                 \
            printf("%s:%d: CHECK_NUM failed: %s = %.17g, want %.17g\n",    \
                   __FILE__, __LINE__, #got, g_, w_);                      \
        }                                                                  \
    } while (0)

#define CHECK_STR(got, want)                                               \
    do {                                                                   \
        const char *g_ = (got), *w_ = (want);                              \
        test_checks++;                                                     \
        if (!g_ || strcmp(g_, w_) != 0) {                                  \
            test_failed++;                                                 \
            printf("%s:%d: CHECK_STR failed: %s = \"%s\", want \"%s\"\n",  \
                   __FILE__, __LINE__, #got, g_ ? g_ : "(null)", w_);     \
        }                                                                  \
    } while (0)

static inline int
test_report(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, test_checks, test_failed);
    return test_failed ? 1 : 0;
}

#endif
