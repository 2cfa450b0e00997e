/*
 * check.h -- the harness our single-file C tests share: count checks, say
 * what failed and where, and end with the line test runners read,
 * "N passed, N failed".  Each test is one translation unit, so the
 * counters can live here.
 */
#ifndef NB_TEST_CHECK_H
#define NB_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static int passed, failed;

#define CHECK(cond, ...) do {						\
	if (cond) {							\
		passed++;						\
	} else {							\
		failed++;						\
		printf("FAIL %s:%d: ", __FILE__, __LINE__);		\
		printf(__VA_ARGS__);					\
		putchar('\n');						\
	}								\
} while (0)

/* Prints the closing line and returns the exit status: a test that
 * checked nothing has failed too. */
static inline int
check_done(void)
{
	printf("%d passed, %d failed\n", passed, failed);
	return failed == 0 && passed > 0 ? 0 : 1;
}

/* $NB_SRCDIR or $NB_BUILDDIR (set by make check), or "." */
static inline const char *
check_dir(const char *var)
{
	const char *d = getenv(var);

	return d != NULL && d[0] != '\0' ? d : ".";
}

#endif
