/*
 * test-result-json.c -- the --json line written without a jansson tree
 * (nb_result_json_line) is byte for byte json_dumps() of the tree
 * (nb_result_json, JSON_COMPACT | JSON_REAL_PRECISION(15)) and a newline,
 * and so at precision 17 (nb_result_json_line_prec, the daemon's records):
 * on a checked sample, and with strings that need escaping, reals jansson
 * writes its own way (exponents, ".0"), and the inputs on which the tree
 * fails (a NULL or invalid UTF-8 string, a number that is not finite).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "host.h"
#include "nianbao.h"

/* 1 when both ways give the same bytes at prec, or both fail. */
static int
same_at(const struct nb_result *res, int prec, const char *what)
{
	json_t *o = nb_result_json(res);
	char *want = o ? json_dumps(o, JSON_COMPACT |
	    JSON_REAL_PRECISION(prec)) : NULL;
	size_t n = 0;
	char *got = prec == 15 ? nb_result_json_line(res, &n) :
	    nb_result_json_line_prec(res, prec, &n);
	int ok;

	json_decref(o);
	if (want == NULL || got == NULL)
		ok = want == NULL && got == NULL;
	else
		ok = n == strlen(want) + 1 && memcmp(got, want, n - 1) == 0 &&
		    got[n - 1] == '\n';
	if (!ok)
		printf("%s (precision %d):\n tree %s\n line %.*s\n", what,
		    prec, want ? want : "(fails)", (int)n, got ? got : "(fails)");
	free(want);
	free(got);
	return ok;
}

/* At --json's precision and at the daemon's (jansson's default, 17). */
static int
same_line(const struct nb_result *res, const char *what)
{
	int a = same_at(res, 15, what), b = same_at(res, 17, what);

	return a && b;
}

/* res with the one finding f, its expected value and message set. */
static int
same_with(struct nb_result *res, struct nb_found *f, double expected,
    char *message, const char *what)
{
	f->expected = expected;
	f->message = message;
	res->findings = f;
	res->nfindings = 1;
	return same_line(res, what);
}

static struct nb_result *
sample(struct nb_engine **e)
{
	char rules[4096], path[4096], plugins[4096];
	struct nb_engine_conf conf = { .rules_path = rules,
	    .plugin_dir = plugins };
	struct nb_result *res = NULL;
	struct nb_error err;

	snprintf(rules, sizeof(rules), "%s/rules/national-2021.json",
	    check_dir("NB_SRCDIR"));
	snprintf(plugins, sizeof(plugins), "%s/plugins/.libs",
	    check_dir("NB_BUILDDIR"));
	snprintf(path, sizeof(path), "%s/tests/data/sample-001.txt",
	    check_dir("NB_SRCDIR"));
	nb_error_clear(&err);
	if (nb_engine_open(&conf, e, &err) == -1 ||
	    nb_check_file(*e, path, &res, &err) == -1)
		CHECK(0, "sample: %s", err.msg);
	return res;
}

int
main(void)
{
	static const double reals[] = { 0.9, 0.1, -3.5, 1e20, -2.5e-7,
	    1e-5, 123456789012.25, 9e15, 1.0 / 3, 5e300 };
	static char *cells[] = { "t3.a", "t3.b" };
	char msg[] = "引号\"反斜杠\\ 控制\b\f\n\r\t\x01\x1f\x7f / 完";
	char bad[] = "坏\xff";
	struct nb_engine *e = NULL;
	struct nb_result *res = sample(&e);
	struct nb_found f = { .rule = "sums.x", .plugin = "sums",
	    .severity = NB_SEV_ERROR, .message = msg, .line = 7, .page = 2,
	    .section = 3, .cell = "t3.a", .relation = "r\"1", .cells = cells,
	    .ncells = 2, .related = cells, .nrelated = 1, .has_values = 1,
	    .source = "ocr" };
	struct nb_found *saved;
	size_t nsaved;

	if (res == NULL)
		return check_done();
	CHECK(res->nreadings > 0 && res->ntables > 0, "sample has readings");
	CHECK(same_line(res, "sample"), "sample: the same bytes");
	saved = res->findings;
	nsaved = res->nfindings;
	for (size_t i = 0; i < sizeof(reals) / sizeof(reals[0]); i++) {
		f.actual = -reals[i];
		if (res->nreadings > 0)
			res->readings[0].confidence = reals[i];
		CHECK(same_with(res, &f, reals[i], msg, "real"),
		    "real %.17g: the same bytes", reals[i]);
	}
	CHECK(same_with(res, &f, NAN, msg, "nan"), "NaN: both fail");
	CHECK(same_with(res, &f, INFINITY, msg, "inf"),
	    "infinity: both fail");
	CHECK(same_with(res, &f, 1, bad, "bad"), "invalid UTF-8: both fail");
	CHECK(same_with(res, &f, 1, NULL, "null"), "NULL message: both fail");
	res->findings = saved;
	res->nfindings = nsaved;
	nb_result_free(res);
	nb_engine_close(e);
	return check_done();
}
