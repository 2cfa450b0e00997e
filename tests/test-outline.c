/*
 * test-outline.c -- the structure warnings on variants of the base report
 * with the wording of the samples and of ../shared/real: sections.numbering
 * (23's tables renumbered 一、二、三; sub-topics numbered like parts; a
 * shifted list), the preamble's list (003) in sections.missing, sections.empty,
 * report.date (a signature before the end of the period, or years off).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-plugins-base.h"

/* 003's preamble: "本报告内容包括…部分组成". */
#define LIST "本报告内容包括总体情况、主动公开政府信息情况、收到和处理政府" \
	"信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题" \
	"及改进情况、其他需要报告的事项部分组成。"
#define PERIOD "本报告统计数据从2022年1月1日至12月31日。\n"
#define SEC4 "四、政府信息公开行政复议、行政诉讼情况\n"
#define SEC5 "五、存在的主要问题及改进情况\n"
#define SEC5BODY "存在问题：公开形式有待丰富。改进情况：加强业务培训。\n"

/* base with several replacements, each applied once; NULL ends them. */
static char *
edits(const char *first, ...)
{
	va_list ap;
	const char *from, *to;
	char *text = strdup(base), *next;

	va_start(ap, first);
	for (from = first; from != NULL && text != NULL;
	    from = va_arg(ap, const char *)) {
		to = va_arg(ap, const char *);
		next = t_replace(text, from, to);
		free(text);
		text = next;
	}
	va_end(ap);
	return text;
}

static struct nb_result *
run(struct suite *s, const char *what, char *text)
{
	struct nb_result *res = NULL;

	if (t_ok(s->t, text != NULL, "%s/%s: build the text", s->plugin, what))
		res = t_check(s->e, what, text);
	free(text);
	return res;
}

static void
test_sections(struct tally *t)
{
	struct suite s;
	struct nb_result *res;
	const struct nb_found *f;
	char *text;

	open_suite(&s, t, "sections");
	if (s.e == NULL)
		return;
	/* Sub-topics of 一 numbered like parts (DOMAIN.md S-NUMBERING). */
	text = edits("一、总体情况\n", "一、总体情况\n一、主动公开\n"
	    "全年主动公开信息120条。\n二、依申请公开\n", NULL);
	res = run(&s, "second numbering", text);
	f = expect(&s, res, "second numbering", "sections.numbering", 1, NULL);
	t_ok(t, f != NULL && f->severity == NB_SEV_WARNING && f->line == 4 &&
	    strstr(f->message, "一、主动公开") != NULL,
	    "sections/second numbering: at line 4, quoted");
	nb_result_free(res);
	/* 23: the tables' parts renumbered 一、二、三 after 六. */
	text = edits("一、总体情况\n", "一、总体情况\n二、工作机制保障\n"
	    "三、主动公开工作情况\n四、政府信息公开申请情况\n五、政府信息管理\n"
	    "六、政府信息公开平台建设\n", "二、主动公开政府信息情况",
	    "一、主动公开政府信息情况", "三、收到和处理", "二、收到和处理",
	    SEC4, "三、政府信息公开行政复议、行政诉讼情况\n", NULL);
	res = run(&s, "23 outline", text);
	f = expect(&s, res, "23 outline", "sections.numbering", 1, NULL);
	t_ok(t, f != NULL && strstr(f->message, "一、主动公开政府信息情况") !=
	    NULL, "sections/23 outline: one finding, at the restart");
	nb_result_free(res);
	/* A shifted list; a missing part explains a shift (sections.missing
	 * says so). */
	res = run(&s, "shifted", edits("六、其他需要报告的事项",
	    "七、其他需要报告的事项", NULL));
	f = expect(&s, res, "shifted", "sections.numbering", 1, NULL);
	t_ok(t, f != NULL && f->section == 6, "sections/shifted: part 六");
	nb_result_free(res);
	res = run(&s, "shift explained", edits(SEC5 SEC5BODY, "",
	    "六、其他需要报告的事项", "五、其他需要报告的事项", NULL));
	expect(&s, res, "shift explained", "sections.numbering", 0, NULL);
	expect(&s, res, "shift explained", "sections.missing", 1, NULL);
	nb_result_free(res);
	/* A sentence wrapped before "一、二季度" is no ordinal. */
	res = run(&s, "wrapped", edits("一、总体情况\n", "一、总体情况\n"
	    "全年培训两次，分别在\n一、二季度开展培训\n", NULL));
	expect(&s, res, "wrapped", "sections.numbering", 0, NULL);
	nb_result_free(res);
	/* The T3 row labels (001: 四、结转… then 四、…行政复议) are no
	 * second numbering: base has them. */
	res = variant(&s, "base", NULL, NULL);
	expect_none(&s, res, "base");
	nb_result_free(res);
	/* Section 五 with nothing, or only 无. */
	res = run(&s, "five 无", edits(SEC5BODY, "无。\n", NULL));
	f = expect(&s, res, "five 无", "sections.empty", 1, NULL);
	t_ok(t, f != NULL && f->section == 5 && f->severity == NB_SEV_WARNING,
	    "sections/five 无: a warning on 五");
	nb_result_free(res);
	res = run(&s, "five empty", edits(SEC5BODY, "", NULL));
	expect(&s, res, "five empty", "sections.empty", 1, NULL);
	nb_result_free(res);
	/* 003: the preamble lists 四, which is missing: one finding. */
	text = edits(PERIOD, PERIOD LIST "\n", SEC4, "", T4ROW, "", NULL);
	res = run(&s, "003 list", text);
	f = expect(&s, res, "003 list", "sections.missing", 1, NULL);
	t_ok(t, f != NULL && strstr(f->message, "报告开头列出") != NULL,
	    "sections/003 list: sections.missing says the preamble lists it");
	nb_result_free(res);
	/* The same in the 2019 format: the same error, the same note. */
	text = edits(PERIOD, PERIOD LIST "\n", SEC4, "", T4ROW, "",
	    "本年制发件数 本年废止件数 现行有效件数",
	    "本年新制作数量 本年新公开数量 对外公开总数量", NULL);
	res = run(&s, "2019 list", text);
	f = expect(&s, res, "2019 list", "sections.missing", 1, NULL);
	if (!t_ok(t, f != NULL && f->section == 4 &&
	    strstr(f->message, "报告开头列出") != NULL,
	    "sections/2019 list: sections.missing for 四, the preamble noted"))
		t_dump(res);
	nb_result_free(res);
	text = edits(PERIOD, PERIOD LIST "\n", NULL);
	res = run(&s, "list, all there", text);
	expect_none(&s, res, "list, all there");
	nb_result_free(res);
	nb_engine_close(s.e);
}

static void
test_date(struct tally *t)
{
	static const struct {
		const char *sig;
		int	 found;
	} cases[] = {
		{ "某某区人民政府办公室\n2023年1月20日\n", 0 },
		{ "（2023年1月20日）\n", 0 },
		{ "某某区人民政府办公室\n2022年12月20日\n", 1 },
		{ "二〇二二年十二月二十日\n", 1 },
		{ "二〇二三年一月二十日\n", 0 },
		{ "2025年1月20日\n", 1 },
		/* A date in a sentence is no signature. */
		{ "本报告于2022年12月20日起草，经审定后发布。\n", 0 },
	};
	struct suite s;
	struct nb_result *res;
	const struct nb_found *f;
	char *text;
	size_t i;

	open_suite(&s, t, "report");
	if (s.e == NULL)
		return;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		text = malloc(strlen(base) + strlen(cases[i].sig) + 1);
		if (text != NULL) {
			strcpy(text, base);
			strcat(text, cases[i].sig);
		}
		res = run(&s, cases[i].sig, text);
		f = expect(&s, res, cases[i].sig, "report.date",
		    (size_t)cases[i].found, NULL);
		if (cases[i].found)
			t_ok(t, f != NULL && f->severity == NB_SEV_WARNING &&
			    f->line == line_of(base, "本年度未收取", 1) + 1 +
			    (strchr(cases[i].sig, '\n') !=
			    strrchr(cases[i].sig, '\n')),
			    "report/%s: a warning on the signature's line",
			    cases[i].sig);
		nb_result_free(res);
	}
	nb_engine_close(s.e);
}

int
main(void)
{
	struct tally t = { 0, 0 };

	test_sections(&t);
	test_date(&t);
	return t_done(&t);
}
