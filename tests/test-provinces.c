/*
 * test-provinces.c -- province packs and rule settings (issue 10 item 4):
 * the shipped 宁夏 and 湖北 packs adjust the national pack as
 * doc/rule-packs.md says, and change the findings on the samples exactly
 * so; a rule setting turns a rule off or changes its severity; a pack with
 * a mistake is refused naming its file and the JSON path of the mistake.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "nianbao.h"
#include "pack.h"

static char national[4096], plugins[4096], data[4096];

/* Writes text to a new temporary file; its name in path. */
static int
write_tmp(char *path, const char *text)
{
	int fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (fp == NULL)
		return -1;
	fputs(text, fp);
	fclose(fp);
	return 0;
}

static int
open_engine(const char *rules, const char *province, json_t *settings,
    struct nb_engine **e, struct nb_error *err)
{
	struct nb_engine_conf conf = { .rules_path = rules,
	    .plugin_dir = plugins, .provinces = province ? &province : NULL,
	    .nprovinces = province ? 1 : 0, .rule_settings = settings };

	nb_error_clear(err);
	if (nb_engine_open(&conf, e, err) == -1)
		return -1;
	return nb_engine_use(*e, province, err);
}

/* ---- the packs as loaded ---- */

static void
test_ningxia_pack(const char *src)
{
	char path[4096];
	struct nb_error err;
	struct nb_pack *p;
	enum nb_severity sev = NB_SEV_INFO;

	snprintf(path, sizeof(path), "%s/rules/provinces/ningxia.json", src);
	p = nb_pack_load_province(national, path, &err);
	CHECK(p != NULL, "宁夏 pack: %s", p ? "" : err.msg);
	if (p == NULL)
		return;
	CHECK(p->province != NULL && strcmp(p->province, "宁夏回族自治区") == 0,
	    "province %s", p->province ? p->province : "(none)");
	CHECK(p->nrelations == 42, "relations untouched: %zu", p->nrelations);
	CHECK(p->nreqs == 1 && p->reqs[0].section == 6 &&
	    strcmp(p->reqs[0].rule, "sections.required_text") == 0 &&
	    p->reqs[0].severity == NB_SEV_ERROR && p->reqs[0].n_any == 1,
	    "宁夏 requires one text in 六");
	CHECK(nb_pack_rule_control(p, "fees.vague_statement", &sev) == 1 &&
	    sev == NB_SEV_ERROR, "宁夏 makes fees.vague_statement an error");
	CHECK(nb_pack_rule_control(p, "fees.no_statement", &sev) == 0,
	    "other rules untouched");
	CHECK(strcmp(p->req_origin[0].file, path) == 0 &&
	    strcmp(p->req_origin[0].at, "$.required[0]") == 0,
	    "requirement origin %s %s", p->req_origin[0].file,
	    p->req_origin[0].at);
	nb_pack_free(p);
}

/* 湖北's extra T2 row is for the 2019 format only: the 2021 pack stays
 * as it is; a pack of the 2019 format gets the row, with the columns of
 * 规范性文件. */
static void
test_hubei_pack(const char *src)
{
	char path[4096];
	struct nb_error err;
	struct nb_pack *p;

	snprintf(path, sizeof(path), "%s/rules/provinces/hubei.json", src);
	p = nb_pack_load_province(national, path, &err);
	CHECK(p != NULL, "湖北 pack over 2021: %s", p ? "" : err.msg);
	if (p != NULL) {
		CHECK(nb_pack_cell_index(p, "t2.other_docs.issued") == -1,
		    "no 其他主动公开文件 row in the 2021 format");
		CHECK(p->ncells == 200, "2021 cells %zu", p->ncells);
		nb_pack_free(p);
	}
	/* The pack of the 2019 format, loaded with the national one. */
	p = nb_pack_load_province(national, path, &err);
	if (p != NULL && p->formats[NB_FMT_2019].pack != NULL) {
		const struct nb_pack *q = p->formats[NB_FMT_2019].pack;
		long c = nb_pack_cell_index(q, "t2.other_docs.total_public");

		CHECK(c >= 0 && nb_pack_cell_index(q,
		    "t2.other_docs.made") >= 0, "the 2019 pack gets the row");
		CHECK(c >= 0 && c == nb_pack_cell_index(q,
		    "t2.normative.total_public") + 3, "the row is read after "
		    "规范性文件, as printed");
		CHECK(c >= 0 && strstr(q->cells[c].label, "其他主动公开文件") &&
		    strstr(q->cells[c].label, "对外公开总数量"),
		    "label %s", c >= 0 ? q->cells[c].label : "");
		CHECK(q->province != NULL && strcmp(q->province, "湖北省") == 0,
		    "the 2019 pack says its province");
	} else
		CHECK(0, "湖北 pack with the 2019 format: %s", err.msg);
	nb_pack_free(p);
}

/* ---- mistakes, each refused with its file and JSON path ---- */

static void
expect_refused(const char *text, const char *at, const char *why)
{
	char path[] = "/tmp/nb-test-prov-XXXXXX", want[512];
	struct nb_engine *e = NULL;
	struct nb_error err;
	int rc;

	if (write_tmp(path, text) == -1) {
		CHECK(0, "mkstemp");
		return;
	}
	rc = open_engine(national, path, NULL, &e, &err);
	snprintf(want, sizeof(want), "%s: %s", path, at);
	CHECK(rc == -1 && strstr(err.msg, want) != NULL &&
	    strstr(err.msg, why) != NULL, "want \"%s\" and \"%s\", got \"%s\"",
	    want, why, err.msg);
	nb_engine_close(e);
	unlink(path);
}

#define PROV	"{\"nianbao_rules\": 1, \"province\": \"测试省\", "

static void
test_refused(void)
{
	expect_refused(PROV "\"relations\": [{\"id\": \"A\", \"rule\": "
	    "\"sums.balance\", \"lhs\": [\"t3.new.total\", \"t3.nwe.total\"], "
	    "\"rhs\": [\"t3.result.total.total\"]}]}",
	    "$.relations[0].lhs[1]", "不存在的单元格 \"t3.nwe.total\"");
	expect_refused(PROV "\"per_format\": {\"2021\": {\"relations\": [{}, "
	    "{\"id\": \"B-{c}\", \"rule\": \"sums.balance\", \"foreach\": "
	    "{\"c\": [\"natural\"]}, \"lhs\": [\"t3.new.{c}\"], "
	    "\"rhs\": [\"t3.new.{x}\"]}]}}}",
	    "$.per_format.2021.relations[0]", "缺少 \"id\" 或 \"rule\"");
	expect_refused(PROV "\"per_format\": {\"2021\": {\"relations\": ["
	    "{\"id\": \"B-{c}\", \"rule\": \"sums.balance\", \"foreach\": "
	    "{\"c\": [\"natural\"]}, \"lhs\": [\"t3.new.{c}\"], "
	    "\"rhs\": [\"t3.new.{x}\"]}]}}}",
	    "$.per_format.2021.relations[0].rhs[0]", "t3.new.{x}");
	expect_refused(PROV "\"relations\": [{\"id\": \"C\", \"rule\": "
	    "\"sums.balanse\", \"lhs\": [\"t3.new.total\"], "
	    "\"rhs\": [\"t3.result.total.total\"]}]}",
	    "$.relations[0].rule", "\"sums.balanse\" 未知");
	expect_refused(PROV "\"relations\": [{\"id\": \"D\", \"rule\": "
	    "\"sums.balance\", \"severity\": \"fatal\", \"lhs\": "
	    "[\"t3.new.total\"], \"rhs\": [\"t3.result.total.total\"]}]}",
	    "$.relations[0].severity", "info、warning 或 error");
	expect_refused(PROV "\"rules\": {\"sums.blank_cell\": \"of\"}}",
	    "$.rules[\"sums.blank_cell\"]", "off、info、warning 或 error");
	expect_refused(PROV "\"rules\": {\"sums.blank_cel\": \"off\"}}",
	    "$.rules[\"sums.blank_cel\"]", "该插件没有声明这一规则");
	expect_refused(PROV "\"rules\": {\"nosuch.rule\": \"off\"}}",
	    "$.rules[\"nosuch.rule\"]", "没有哪个已加载的插件声明这一规则");
	expect_refused(PROV "\"rules\": {\"engine.plugin_failed\": \"off\"}}",
	    "$.rules[\"engine.plugin_failed\"]", "由程序自身报告");
	expect_refused(PROV "\"required\": [{\"id\": \"R\", \"rule\": "
	    "\"sections.required_text\", \"label\": \"x\", \"section\": 7, "
	    "\"any\": [\"x\"]}]}", "$.required[0]", "0 至 6");
	expect_refused(PROV "\"required\": [{\"id\": \"R\", \"rule\": "
	    "\"sections.required_txt\", \"label\": \"x\", \"section\": 6, "
	    "\"any\": [\"x\"]}]}", "$.required[0].rule",
	    "\"sections.required_txt\" 未知");
	expect_refused(PROV "\"per_format\": {\"2019\": {\"tabels\": []}}}",
	    "$.per_format.2019.tabels", "没有这一项");
	expect_refused(PROV "\"per_format\": {\"2022\": {}}}",
	    "$.per_format.2022", "没有这种格式");
	expect_refused(PROV "\"extends\": \"../national-2021.json\"}",
	    "$.extends", "没有这一项");
	expect_refused("{\"nianbao_rules\": 1, \"sections\": []}", "",
	    "不是省级规则包");
}

/* ---- findings ---- */

struct seen {
	char		 rule[64];
	enum nb_severity sev;
	unsigned	 line;
};

/* Checks a sample; its findings in out[], how many returned (-1: error). */
static int
findings(struct nb_engine *e, const char *sample, struct seen *out,
    size_t max)
{
	char path[4096];
	struct nb_result *res;
	struct nb_error err;
	size_t n = 0;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", data, sample) >=
	    sizeof(path)) {
		CHECK(0, "%s: path too long", sample);
		return -1;
	}
	if (nb_check_file(e, path, &res, &err) == -1) {
		CHECK(0, "%s: %s", sample, err.msg);
		return -1;
	}
	for (size_t i = 0; i < res->nfindings && n < max; i++, n++) {
		snprintf(out[n].rule, sizeof(out[n].rule), "%s",
		    res->findings[i].rule);
		out[n].sev = res->findings[i].severity;
		out[n].line = res->findings[i].line;
	}
	nb_result_free(res);
	return (int)n;
}

static int
has(const struct seen *s, int n, const char *rule, enum nb_severity sev)
{
	for (int i = 0; i < n; i++)
		if (strcmp(s[i].rule, rule) == 0 && s[i].sev == sev)
			return 1;
	return 0;
}

/* The findings of b are those of a, but for the ones named: the same
 * rule, severity and line, in the same order. */
static int
same_but(const struct seen *a, int na, const struct seen *b, int nb,
    const char *skip1, const char *skip2)
{
	int i = 0, j = 0;

	for (;;) {
		while (i < na && (strcmp(a[i].rule, skip1) == 0 ||
		    strcmp(a[i].rule, skip2) == 0))
			i++;
		while (j < nb && (strcmp(b[j].rule, skip1) == 0 ||
		    strcmp(b[j].rule, skip2) == 0))
			j++;
		if (i == na || j == nb)
			return i == na && j == nb;
		if (strcmp(a[i].rule, b[j].rule) != 0 || a[i].sev != b[j].sev ||
		    a[i].line != b[j].line)
			return 0;
		i++;
		j++;
	}
}

/*
 * doc/rule-packs.md, "宁夏": 000 and 001 report 要点落实 in 六 and
 * 信息处理费 by name: nothing changes.  003 (a 宁夏 town) mentions the
 * 工作要点 only in an earlier part: one warning.  004 reports neither:
 * an error for 要点, and its vague fee sentence becomes an error.
 */
static void
test_ningxia_findings(void)
{
	struct nb_engine *nat = NULL, *nx = NULL;
	struct nb_error err;
	struct seen a[64], b[64];
	int na, nb;
	const char *s;

	if (open_engine(national, NULL, NULL, &nat, &err) == -1 ||
	    open_engine(national, "ningxia", NULL, &nx, &err) == -1) {
		CHECK(0, "engines: %s", err.msg);
		goto out;
	}
	for (int k = 0; k < 2; k++) {
		s = k == 0 ? "sample-000.txt" : "sample-001.txt";
		na = findings(nat, s, a, 64);
		nb = findings(nx, s, b, 64);
		CHECK(na >= 0 && na == nb && same_but(a, na, b, nb, "", ""),
		    "宁夏 changes nothing on %s (%d, %d findings)", s, na, nb);
	}
	na = findings(nat, "sample-003.txt", a, 64);
	nb = findings(nx, "sample-003.txt", b, 64);
	CHECK(na >= 0 && nb == na + 1 && !has(a, na, "sections.required_text",
	    NB_SEV_WARNING) && has(b, nb, "sections.required_text",
	    NB_SEV_WARNING) && same_but(a, na, b, nb, "sections.required_text",
	    ""), "003: one warning more (%d, %d)", na, nb);
	na = findings(nat, "sample-004.txt", a, 64);
	nb = findings(nx, "sample-004.txt", b, 64);
	CHECK(has(a, na, "fees.vague_statement", NB_SEV_WARNING) &&
	    has(b, nb, "fees.vague_statement", NB_SEV_ERROR) &&
	    !has(b, nb, "fees.vague_statement", NB_SEV_WARNING),
	    "004: the vague fee statement is an error in 宁夏");
	CHECK(has(b, nb, "sections.required_text", NB_SEV_ERROR) &&
	    nb == na + 1 && same_but(a, na, b, nb, "sections.required_text",
	    "fees.vague_statement"), "004: 要点 missing is an error (%d, %d)",
	    na, nb);
out:
	nb_engine_close(nat);
	nb_engine_close(nx);
}

/* --set: report.period on 004 (no period sentence) made an error, then
 * off; an unknown rule is refused naming the command line. */
static void
test_settings(void)
{
	struct nb_engine *e = NULL;
	struct nb_error err;
	struct seen s[64];
	json_t *set = json_pack("{s:s}", "report.period", "error");
	int n;

	if (open_engine(national, NULL, set, &e, &err) == -1) {
		CHECK(0, "engine: %s", err.msg);
		goto out;
	}
	n = findings(e, "sample-004.txt", s, 64);
	CHECK(has(s, n, "report.period", NB_SEV_ERROR) &&
	    !has(s, n, "report.period", NB_SEV_WARNING),
	    "--set report.period=error");
	nb_engine_close(e);
	json_object_set_new(set, "report.period", json_string("off"));
	if (open_engine(national, "ningxia", set, &e, &err) == -1) {
		CHECK(0, "engine: %s", err.msg);
		goto out;
	}
	n = findings(e, "sample-004.txt", s, 64);
	CHECK(n > 0 && !has(s, n, "report.period", NB_SEV_ERROR) &&
	    !has(s, n, "report.period", NB_SEV_WARNING),
	    "--set report.period=off, with a province pack too");
	nb_engine_close(e);
	e = NULL;
	json_object_set_new(set, "report.perod", json_string("off"));
	CHECK(open_engine(national, NULL, set, &e, &err) == -1 &&
	    strstr(err.msg, "命令行 --set: report.perod") != NULL,
	    "unknown --set rule: %s", err.msg);
out:
	nb_engine_close(e);
	json_decref(set);
}

int
main(void)
{
	const char *src = check_dir("NB_SRCDIR");

	snprintf(national, sizeof(national), "%s/rules/national-2021.json", src);
	snprintf(plugins, sizeof(plugins), "%s/plugins/.libs",
	    check_dir("NB_BUILDDIR"));
	snprintf(data, sizeof(data), "%s/tests/data", src);
	test_ningxia_pack(src);
	test_hubei_pack(src);
	test_refused();
	test_ningxia_findings();
	test_settings();
	return check_done();
}
