/*
 * test-result-model.c -- the model a daemon worker sends to the history
 * stage: a checked sample read back from it has the same identity, cells,
 * narrative, findings and record; a model that is not one is refused
 * whole, with the file named.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "host.h"
#include "nianbao.h"

static struct nb_result *
sample(struct nb_engine **e)
{
	char rules[4096], path[4096], plugins[4096];
	/* history: the worker of a daemon with a store fills the cells. */
	struct nb_engine_conf conf = { .rules_path = rules,
	    .plugin_dir = plugins, .history = 1 };
	struct nb_result *res = NULL;
	struct nb_error err;

	snprintf(rules, sizeof(rules), "%s/rules/national-2021.json",
	    check_dir("NB_SRCDIR"));
	snprintf(plugins, sizeof(plugins), "%s/plugins/.libs",
	    check_dir("NB_BUILDDIR"));
	snprintf(path, sizeof(path), "%s/tests/data/sample-004.txt",
	    check_dir("NB_SRCDIR"));
	nb_error_clear(&err);
	if (nb_engine_open(&conf, e, &err) == -1 ||
	    nb_check_file(*e, path, &res, &err) == -1)
		CHECK(0, "sample: %s", err.msg);
	return res;
}

static void
same(const struct nb_result *a, const struct nb_result *b)
{
	json_t *ja = nb_result_json(a), *jb = nb_result_json(b);

	CHECK(a->year == b->year && a->format == b->format &&
	    strcmp(a->issuer, b->issuer) == 0 &&
	    strcmp(a->sha256, b->sha256) == 0 &&
	    a->published == b->published, "identity");
	CHECK(a->ncells == b->ncells && a->ncells > 50, "cells %zu/%zu",
	    a->ncells, b->ncells);
	for (size_t i = 0; i < a->ncells && i < b->ncells; i++)
		CHECK(strcmp(a->cells[i].id, b->cells[i].id) == 0 &&
		    a->cells[i].v.kind == b->cells[i].v.kind &&
		    a->cells[i].v.i == b->cells[i].v.i &&
		    a->cells[i].v.line == b->cells[i].v.line &&
		    strcmp(a->cells[i].v.raw, b->cells[i].v.raw) == 0 &&
		    a->cells[i].has_confidence == b->cells[i].has_confidence,
		    "cell %s", a->cells[i].id);
	for (int k = 0; k < NB_RESULT_NTEXT; k++)
		CHECK((a->text[k] == NULL) == (b->text[k] == NULL) &&
		    (a->text[k] == NULL || strcmp(a->text[k], b->text[k]) == 0),
		    "text %d", k);
	CHECK(json_equal(json_object_get(ja, "findings"),
	    json_object_get(jb, "findings")) &&
	    json_equal(json_object_get(ja, "summary"),
	    json_object_get(jb, "summary")), "findings and counts");
	json_decref(ja);
	json_decref(jb);
}

/* m with key set to v (stolen) is refused. */
static void
refused(const json_t *m, const char *key, json_t *v, const char *why)
{
	json_t *bad = json_deep_copy(m);
	struct nb_result *res = (struct nb_result *)1;
	struct nb_error err;

	json_object_set_new(bad, key, v);
	nb_error_clear(&err);
	CHECK(nb_result_from_model(bad, &res, &err) == -1 && res == NULL &&
	    strstr(err.msg, "sample-004.txt") != NULL, "%s: refused (%s)",
	    why, err.msg);
	json_decref(bad);
}

/* A plugin's message cut inside a character is written, not lost with
 * the report: the stray bytes become U+FFFD. */
static void
bad_utf8(void)
{
	struct nb_finding f = { .rule = "x.cut", .severity = NB_SEV_WARNING,
	    .message = "标题\xe6\x94（截断）\xff" };
	struct nb_result *res = nb_result_new("x.txt");
	json_t *j;
	char *out = NULL;

	CHECK(res != NULL && nb_result_add(res, "x", &f, NULL) == 0,
	    "a finding with bad bytes is added");
	if (res == NULL)
		return;
	j = nb_result_json(res);
	CHECK(j != NULL && (out = json_dumps(j, 0)) != NULL,
	    "its result is written as JSON");
	CHECK(out != NULL && strstr(out, "标题\xef\xbf\xbd") != NULL &&
	    strstr(out, "（截断）\xef\xbf\xbd\"") != NULL,
	    "bad bytes become U+FFFD: %s", out ? out : "(none)");
	free(out);
	json_decref(j);
	nb_result_free(res);
}

int
main(void)
{
	struct nb_engine *e = NULL;
	struct nb_result *a = sample(&e), *b = NULL;
	struct nb_error err;
	json_t *m;

	bad_utf8();
	if (a == NULL)
		return check_done();
	CHECK(a->nfindings > 0, "the sample has findings");
	m = nb_result_model_json(a);
	nb_error_clear(&err);
	CHECK(m != NULL && nb_result_from_model(m, &b, &err) == 0,
	    "read back: %s", err.msg);
	if (b != NULL)
		same(a, b);
	nb_result_free(b);
	b = NULL;
	refused(m, "cells", json_object(), "cells not an array");
	refused(m, "cells", json_pack("[[s, i]]", "t3.x", 2), "a short cell");
	refused(m, "cells", json_pack("[[s, i, i, f, i, i, s, n]]", "t3.x", 9,
	    0, 0.0, 0, 0, ""), "a cell of no kind");
	refused(m, "findings", json_pack("[{s:s, s:s, s:i, s:s}]", "rule",
	    "x.y", "plugin", "x", "severity", 7, "message", "m"),
	    "a finding of no severity");
	refused(m, "findings", json_pack("[{s:s, s:i, s:s}]", "rule", "x.y",
	    "severity", 1, "message", "m"), "a finding of no plugin");
	refused(m, "text", json_pack("[s, s, s, s, s, s, s, s]", "", "", "",
	    "", "", "", "", ""), "eight texts");
	refused(m, "sha256", json_integer(1), "a sha256 not a string");
	json_object_del(m, "file");
	nb_error_clear(&err);
	CHECK(nb_result_from_model(m, &b, &err) == -1 ||
	    (nb_result_free(b), 0), "no file: refused");
	json_decref(m);
	nb_result_free(a);
	nb_engine_close(e);
	return check_done();
}
