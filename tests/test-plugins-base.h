/*
 * test-plugins-base.h -- a correct 2021-format report (base) and the
 * helpers of the plugin unit tests that vary it one rule at a time.
 */
#ifndef TEST_PLUGINS_BASE_H
#define TEST_PLUGINS_BASE_H

#include "test-plugins-common.h"

/* 5 applications (4 自然人, 1 商业企业), 4 公开 and 1 部分公开, no
 * 复议/诉讼, no fee. */
extern const char base[];

#define T4ROW "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
#define FEELINE "本年度未收取信息处理费。"

struct suite {
	struct tally	*t;
	struct nb_engine *e;
	const char	*plugin;
};

/* Checks base with one replacement (none if from is NULL). */
struct nb_result *variant(struct suite *s, const char *what, const char *from,
	    const char *to);
/* base without the bytes from the start of `from` to the end of `to`. */
char	*cut(const char *from, const char *to);
/* The variant gives exactly n findings of rule, the first naming cell. */
const struct nb_found *expect(struct suite *s, const struct nb_result *res,
	    const char *what, const char *rule, size_t n, const char *cell);
void	 expect_none(struct suite *s, const struct nb_result *res,
	    const char *what);
/* An engine with only the plugin under test. */
void	 open_suite(struct suite *s, struct tally *t, const char *plugin);
/* The line (1-based) of the k-th occurrence of what in text, or 0. */
unsigned line_of(const char *text, const char *what, int k);
/* How table id was read, as the JSON record says. */
const struct nb_table_read *table_read(const struct nb_result *res,
	    const char *id);

#endif
