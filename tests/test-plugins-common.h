/*
 * test-plugins-common.h -- helpers shared by the plugin tests: an engine
 * over the built plugins, reports from files or strings, finding lookup,
 * and the pass/fail tally every test prints at the end.
 *
 * Paths come from NB_SRCDIR (data, rules) and NB_BUILDDIR (plugins), set
 * by AM_TESTS_ENVIRONMENT, so out-of-tree builds work.
 */
#ifndef TEST_PLUGINS_COMMON_H
#define TEST_PLUGINS_COMMON_H

#include <stddef.h>

#include "nianbao.h"

struct tally {
	int	passed, failed;
};

/* Records one assertion; prints the message when it fails. */
int	 t_ok(struct tally *t, int cond, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Prints "N passed, N failed"; the exit status for main(). */
int	 t_done(const struct tally *t);

/* $NB_SRCDIR/rel (or ./rel), in a static-free buffer of the caller. */
void	 t_srcpath(char *buf, size_t len, const char *rel);
/* Reads a whole file; NULL (and a message) on failure. */
char	*t_slurp(const char *path, size_t *len);
/* Reads tests/data/<name> from the source tree. */
char	*t_sample(const char *name, size_t *len);

struct nb_pack;
struct nb_host;
/* The national pack; NULL (and a message) on failure. */
struct nb_pack *t_pack_national(void);
/* A host of the build's named plugins over pack; NULL (and a message). */
struct nb_host *t_host(const char *const *plugins, size_t n,
	    const struct nb_pack *pack);

/* An engine with the national pack and the named plugins (all if n == 0). */
struct nb_engine *t_engine(const char *const *plugins, size_t n);
/* An engine with the six national plugins, whatever else is built. */
struct nb_engine *t_engine_national(void);
/* Checks a NUL-terminated text; NULL (and a message) on failure. */
struct nb_result *t_check(struct nb_engine *e, const char *name,
	    const char *text);
struct nb_result *t_check_len(struct nb_engine *e, const char *name,
	    const char *buf, size_t len);

/* Does the finding name cell id (as its culprit or among its cells)? */
int	 t_names(const struct nb_found *f, const char *id);
/* First finding of rule (any rule if NULL) naming cell (any if NULL). */
const struct nb_found *t_find(const struct nb_result *res, const char *rule,
	    const char *cell);
size_t	 t_count(const struct nb_result *res, const char *rule);
/* Prints every finding, for the log of a failed test. */
void	 t_dump(const struct nb_result *res);

/* A copy of s with the first occurrence of from replaced by to; NULL if
 * from does not occur (and a message). */
char	*t_replace(const char *s, const char *from, const char *to);

#endif
