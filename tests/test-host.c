/*
 * test-host.c -- the plugin host: a plugin for another ABI is refused, a
 * missing or broken plugin is a clear error, a failing plugin is reported
 * and undeclared rules are refused, every shipped plugin loads, the ABI
 * 1.1 services answer from the model, and `related` is read only from
 * plugins built for 1.1.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "nianbao.h"

static int
open_with(const char *dir, const char *name, struct nb_engine **e,
    struct nb_error *err)
{
	char rules[4096];
	const char *names[1] = { name };
	struct nb_engine_conf conf = { .rules_path = rules, .plugin_dir = dir,
	    .plugins = name ? names : NULL, .nplugins = name ? 1 : 0 };

	snprintf(rules, sizeof(rules), "%s/rules/national-2021.json",
	    check_dir("NB_SRCDIR"));
	nb_error_clear(err);
	return nb_engine_open(&conf, e, err);
}

static void
expect_refused(const char *dir, const char *name, const char *want)
{
	struct nb_engine *e = NULL;
	struct nb_error err;
	int rc = open_with(dir, name, &e, &err);

	CHECK(rc == -1 && e == NULL && strstr(err.msg, want) != NULL,
	    "%s: want \"%s\", got \"%s\"", name, want, err.msg);
	nb_engine_close(e);
}

static int
has_rule(const struct nb_result *res, const char *rule)
{
	for (size_t i = 0; i < res->nfindings; i++)
		if (strcmp(res->findings[i].rule, rule) == 0)
			return 1;
	return 0;
}

static void
test_failing_plugin(const char *dir)
{
	struct nb_engine *e;
	struct nb_error err;
	struct nb_result *res = NULL;
	const char text[] = "某局2022年政府信息公开工作年度报告\n一、总体情况\n";

	if (open_with(dir, "fails", &e, &err) == -1) {
		CHECK(0, "fails plugin should load: %s", err.msg);
		return;
	}
	CHECK(nb_check_buffer(e, "t.txt", text, sizeof(text) - 1, &res,
	    &err) == 0, "check: %s", err.msg);
	if (res != NULL) {
		CHECK(has_rule(res, "fails.declared"), "declared rule kept");
		CHECK(!has_rule(res, "other.undeclared"),
		    "undeclared rule refused");
		CHECK(has_rule(res, "engine.plugin_failed"),
		    "failed check reported");
		CHECK(res->errors == 1 && res->warnings == 1,
		    "counts %zu/%zu", res->errors, res->warnings);
	}
	nb_result_free(res);
	nb_engine_close(e);
}

static void
test_shipped(const char *plugdir)
{
	struct nb_engine *e;
	struct nb_error err;

	if (open_with(plugdir, NULL, &e, &err) == -1) {
		CHECK(0, "shipped plugins: %s", err.msg);
		return;
	}
	/* Each shipped plugin declares its rules; ids are unique. */
	for (size_t i = 0; i < nb_engine_rule_count(e); i++)
		for (size_t j = i + 1; j < nb_engine_rule_count(e); j++)
			CHECK(strcmp(nb_engine_rule(e, i)->id,
			    nb_engine_rule(e, j)->id) != 0, "duplicate rule %s",
			    nb_engine_rule(e, i)->id);
	CHECK(nb_engine_rule_count(e) > 20, "rules: %zu",
	    nb_engine_rule_count(e));
	/* The plugins of checks across reports have no check(): a check
	 * of one report skips them. */
	CHECK(nb_engine_has_history(e), "a plugin with check_history");
	{
		const char text[] = "某局2022年政府信息公开工作年度报告\n";
		struct nb_result *res = NULL;

		CHECK(nb_check_buffer(e, "t.txt", text, sizeof(text) - 1,
		    &res, &err) == 0, "check with shipped: %s", err.msg);
		nb_result_free(res);
	}
	nb_engine_close(e);
}

/* The example plugin of doc/plugins.md on a county report with 规章. */
static void
test_example(const char *dir)
{
	struct nb_engine *e;
	struct nb_error err;
	struct nb_result *res = NULL;
	const char text[] =
	    "某县人民政府2022年政府信息公开工作年度报告\n"
	    "一、总体情况\n"
	    "二、主动公开政府信息情况\n"
	    "第二十条第（一）项\n"
	    "信息内容 本年制发件数 本年废止件数 现行有效件数\n"
	    "规章 2 0 5\n"
	    "行政规范性文件 1 0 3\n"
	    "三、收到和处理政府信息公开申请情况\n";

	if (open_with(dir, "rules_level", &e, &err) == -1) {
		CHECK(0, "example plugin should load: %s", err.msg);
		return;
	}
	CHECK(nb_check_buffer(e, "t.txt", text, sizeof(text) - 1, &res,
	    &err) == 0, "check: %s", err.msg);
	if (res != NULL) {
		CHECK(res->nfindings == 2, "findings: %zu",
		    res->nfindings);
		CHECK(res->nfindings > 0 && res->findings[0].cell &&
		    strcmp(res->findings[0].cell, "t2.rules.issued") == 0 &&
		    res->findings[0].line == 6, "first finding on 规章 issued");
	}
	nb_result_free(res);
	nb_engine_close(e);
}

/* Options from the daemon's configuration override the rule pack's:
 * with keyword 费用, sample 004's fee sentence is no longer vague. */
static int
vague_with(const char *plugdir, json_t *opts)
{
	char rules[4096], path[4096];
	const char *names[1] = { "fees" };
	struct nb_engine_conf conf = { .rules_path = rules,
	    .plugin_dir = plugdir, .plugins = names, .nplugins = 1,
	    .plugin_options = opts };
	struct nb_engine *e;
	struct nb_error err;
	struct nb_result *res = NULL;
	int vague = -1;

	snprintf(rules, sizeof(rules), "%s/rules/national-2021.json",
	    check_dir("NB_SRCDIR"));
	snprintf(path, sizeof(path), "%s/tests/data/sample-004.txt",
	    check_dir("NB_SRCDIR"));
	if (nb_engine_open(&conf, &e, &err) == -1) {
		CHECK(opts != NULL && json_is_string(json_object_get(opts,
		    "fees")) && strstr(err.msg, "fees") != NULL,
		    "engine: %s", err.msg);
		return -2;
	}
	if (nb_check_file(e, path, &res, &err) == 0)
		vague = has_rule(res, "fees.vague_statement");
	nb_result_free(res);
	nb_engine_close(e);
	return vague;
}

static void
test_options(const char *plugdir)
{
	json_t *o = json_pack("{s:{s:s}}", "fees", "keyword", "费用");
	json_t *bad = json_pack("{s:s}", "fees", "keyword");

	CHECK(vague_with(plugdir, NULL) == 1, "pack keyword: vague");
	CHECK(vague_with(plugdir, o) == 0, "overridden keyword: not vague");
	CHECK(vague_with(plugdir, bad) == -2, "malformed options refused");
	json_decref(o);
	json_decref(bad);
}

/* The only finding of plugin `name` on tests/data/<sample>; NULL if
 * there is not exactly one. */
static struct nb_result *
run_one(const char *dir, const char *name, const char *sample)
{
	struct nb_engine *e;
	struct nb_error err;
	struct nb_result *res = NULL;
	char path[4096];

	if (open_with(dir, name, &e, &err) == -1) {
		CHECK(0, "%s should load: %s", name, err.msg);
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/tests/data/%s", check_dir("NB_SRCDIR"),
	    sample);
	CHECK(nb_check_file(e, path, &res, &err) == 0, "check: %s", err.msg);
	nb_engine_close(e);
	if (res != NULL && res->nfindings != 1) {
		CHECK(0, "%s on %s: %zu findings", name, sample, res->nfindings);
		nb_result_free(res);
		return NULL;
	}
	return res;
}

static void
test_abi11(const char *dir)
{
	struct nb_result *res;
	const struct nb_found *f;

	/* Sample 000: T3 complete, 本年新收 总计 15 read from its text. */
	if ((res = run_one(dir, "probe", "sample-000.txt")) != NULL) {
		f = &res->findings[0];
		CHECK(strstr(f->message, "cell=1.00/1 bad=-1 t3=1.00 why=[] ") !=
		    NULL, "000: cell and table read for sure: %s", f->message);
		CHECK(strstr(f->message, "sec1=1@") != NULL &&
		    strstr(f->message, "page=0/0") != NULL && f->line > 0,
		    "000: one heading 一, no pages: %s", f->message);
		CHECK(strstr(f->message, "/0 past=-1 copy=null") != NULL &&
		    strstr(f->message, "idx=0/") == NULL &&
		    strstr(f->message, "/0/0 past") == NULL,
		    "ABI 1.6: cells and relations by index as by id: %s",
		    f->message);
		CHECK(f->nrelated == 2 && strcmp(f->related[0], "R-1") == 0 &&
		    strcmp(f->related[1], "R-2") == 0, "1.1 plugin: related kept");
		nb_result_free(res);
	}
	/* Sample 003: T3 has only its header; the reason says so. */
	if ((res = run_one(dir, "probe", "sample-003.txt")) != NULL) {
		f = &res->findings[0];
		CHECK(strstr(f->message, "why=[]") == NULL &&
		    strstr(f->message, "why=[(null)]") == NULL &&
		    strstr(f->message, "cell=0.00/0") != NULL,
		    "003: absent cell not read, incomplete T3 has a reason: %s",
		    f->message);
		nb_result_free(res);
	}
	/* The PDF of sample 004: heading 一 is on page 1. */
	if ((res = run_one(dir, "probe", "formats/sample-004.pdf")) != NULL) {
		f = &res->findings[0];
		CHECK(strstr(f->message, "page=1/") != NULL && f->page == 1 &&
		    strstr(f->message, "page=1/0") == NULL,
		    "004.pdf: line_page gives page and line: %s", f->message);
		nb_result_free(res);
	}
	if ((res = run_one(dir, "old10", "sample-000.txt")) != NULL) {
		CHECK(res->findings[0].nrelated == 0 &&
		    res->findings[0].related == NULL,
		    "1.0 plugin: related not read");
		nb_result_free(res);
	}
}

int
main(void)
{
	char dir[4096], plugdir[4096];
	const char *b = check_dir("NB_BUILDDIR");

	snprintf(dir, sizeof(dir), "%s/tests/host/.libs", b);
	snprintf(plugdir, sizeof(plugdir), "%s/plugins/.libs", b);
	expect_refused(dir, "badabi", "ABI 99.0");
	expect_refused(dir, "noentry", "不是 nianbao 插件");
	expect_refused(dir, "nocheck", "缺少名称或 check 函数");
	expect_refused(dir, "absent", "无法加载插件");
	expect_refused(dir, "Bad/Name", "插件名称");
	expect_refused("/nonexistent", NULL, "无法读取插件目录");
	test_failing_plugin(dir);
	test_abi11(dir);
	test_example(dir);
	test_shipped(plugdir);
	test_options(plugdir);
	return check_done();
}
