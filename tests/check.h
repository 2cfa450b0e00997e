/*
 * check.h -- the few macros our C tests share: count checks, say what
 * failed and where, and end with the line test runners read:
 * "N passed, N failed".
 */
#ifndef NB_TEST_CHECK_H
#define NB_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

struct check_count {
	int passed;
	int failed;
};

#define CHECK(cnt, cond, ...) do {					\
	if (cond) {							\
		(cnt)->passed++;					\
	} else {							\
		(cnt)->failed++;					\
		fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__);	\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
	}								\
} while (0)

/* Prints the closing line and returns the exit status. */
static inline int
check_done(const struct check_count *cnt)
{
	printf("%d passed, %d failed\n", cnt->passed, cnt->failed);
	return cnt->failed == 0 && cnt->passed > 0 ? 0 : 1;
}

/* $NB_SRCDIR or $NB_BUILDDIR (set by make check), or "." */
static inline const char *
check_dir(const char *var)
{
	const char *d = getenv(var);

	return d != NULL && d[0] != '\0' ? d : ".";
}

#endif
