/*
 * test-narrative.c -- the narrative rules on real wording: sentences of
 * the samples and of ../shared/real (quoted in each case) put into the
 * base report, right and wrong.  narrative.applications has its tests in
 * test-plugins-text.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-plugins-base.h"
#include "../plugins/text.h"

#define DONE "办结5件。"

/* base with sentence added to section 一 (line 4), and optionally one more
 * replacement. */
static struct nb_result *
says(struct suite *s, const char *what, const char *sentence,
    const char *from, const char *to)
{
	struct nb_result *res = NULL;
	char to1[2048], *a, *b = NULL;

	snprintf(to1, sizeof(to1), "%s%s", DONE, sentence);
	a = t_replace(base, DONE, to1);
	if (a != NULL && from != NULL)
		b = t_replace(a, from, to);
	if (a != NULL && (from == NULL || b != NULL))
		res = t_check(s->e, what, b != NULL ? b : a);
	else
		t_ok(s->t, 0, "%s: build the text", what);
	free(a);
	free(b);
	return res;
}

/* Check, expect n findings of rule naming cell, free. */
static const struct nb_found *
one(struct suite *s, struct nb_result **res, const char *what,
    const char *sentence, const char *rule, size_t n, const char *cell)
{
	*res = says(s, what, sentence, NULL, NULL);
	return expect(s, *res, what, rule, n, cell);
}

static void
none(struct suite *s, const char *what, const char *sentence,
    const char *from, const char *to)
{
	struct nb_result *res = says(s, what, sentence, from, to);

	expect_none(s, res, what);
	nb_result_free(res);
}

/* 003 (369 vs 372), 06 (2602 vs 2603), 000, 23, 002 wording. */
static void
test_sum(struct tally *t, struct suite *s)
{
	struct nb_result *res;
	const struct nb_found *f;

	f = one(s, &res, "003 list", "在区政府门户网站发布信息共 369 条，其中"
	    "乡镇文件栏目发布 6 条，乡镇动态栏目发布 308 条，公示公告 15 条，"
	    "重大项目栏目发布 36 条，政策解读 1 条，预决算公开栏目发布 4 条，"
	    "社会救助栏目发布 2 条；在微信公众号发布信息共 860 余条。",
	    "narrative.sum", 1, NULL);
	t_ok(t, f != NULL && f->severity == NB_SEV_WARNING &&
	    f->expected == 372 && f->actual == 369 && f->line == 4 &&
	    f->section == 1 && strstr(f->message, "共369条") != NULL &&
	    strstr(f->message, "6+308+15+36+1+4+2=372") != NULL,
	    "narrative/003 list: 369 vs 372 on line 4, quoted");
	nb_result_free(res);
	none(s, "003 list right", "在区政府门户网站发布信息共 372 条，其中"
	    "乡镇文件栏目发布 6 条，乡镇动态栏目发布 308 条，公示公告 15 条，"
	    "重大项目栏目发布 36 条，政策解读 1 条，预决算公开栏目发布 4 条，"
	    "社会救助栏目发布 2 条；", NULL, NULL);
	f = one(s, &res, "06 parenthesis", "全年我区政府信息公开单位共公布政府"
	    "信息2602条（其中机构职能类信息82条，政策、规范性文件类信息80条，"
	    "规划计划类信息21条，行政许可类信息40条，重大建设项目信息390条，"
	    "为民办实事类信息69条，民政扶贫救灾社会保障就业类信息143条，"
	    "国土资源城乡建设环保能源类信息208条，科教文体卫生类信息246条，"
	    "安全生产、应急管理类信息271条，其他应主动公开政府信息1053条），"
	    "对于主动公开的政府信息，主要通过政府门户网站进行公开。",
	    "narrative.sum", 1, NULL);
	t_ok(t, f != NULL && f->expected == 2603 && f->actual == 2602,
	    "narrative/06 parenthesis: 2602 vs 2603");
	nb_result_free(res);
	none(s, "000 next sentence", "主动公开政府信息29949条。其中，政府网站"
	    "公开5185条，政务新媒体和其他媒介公开24764条，切实履行“应公开、"
	    "尽公开”职责。", NULL, NULL);
	res = says(s, "000 one off", "主动公开政府信息29949条。其中，政府网站"
	    "公开5186条，政务新媒体和其他媒介公开24764条，切实履行职责。",
	    NULL, NULL);
	expect(s, res, "000 one off", "narrative.sum", 1, NULL);
	nb_result_free(res);
	/* One part is no breakdown; another unit ends the list. */
	none(s, "23 one part", "“上海科技”微信公众号共编发文章 1640 篇，其中"
	    "原创文章 294 篇，微信公众号目前关注人数达 1016823 人；", NULL,
	    NULL);
	none(s, "23 semicolons", "通过部门网站当年发布政府信息 393 件，其中"
	    "包括：行政规范性文件 13 件；规划计划文件 2 件；部门预算。", NULL,
	    NULL);
	/* A list may name only some parts, unless its last is 其他. */
	none(s, "some parts", "共发布信息500条，其中政策解读20条，图片新闻30条。",
	    NULL, NULL);
	res = says(s, "rest", "共发布信息500条，其中政策解读20条，其他信息"
	    "470条。", NULL, NULL);
	expect(s, res, "rest", "narrative.sum", 1, NULL);
	nb_result_free(res);
	/* A new statement is no part; growth makes the list ambiguous. */
	none(s, "new statement", "共受理政务服务事项20件，其中自然人15件，"
	    "法人5件，办结20件。", NULL, NULL);
	none(s, "growth", "共发布信息100条，其中文件60条，同比增长30条。", NULL,
	    NULL);
	none(s, "approximate", "共发布信息约100条，其中文件60条，动态50条。",
	    NULL, NULL);
	res = says(s, "chinese numerals", "共召开新闻发布会十七场，其中主要负责"
	    "同志出席十场，其他同志主持八场。", NULL, NULL);
	f = expect(s, res, "chinese numerals", "narrative.sum", 1, NULL);
	t_ok(t, f != NULL && f->expected == 18 && f->actual == 17,
	    "narrative/chinese numerals: 十七 vs 十+八");
	nb_result_free(res);
	/* Every numeral (numphrase.c reads them by code point): 2345
	 * against 1678+90+308+201. */
	res = says(s, "every numeral", "共收到群众来信两千三百四十五件，其中"
	    "网上来信一千六百七十八件，信函九十件，当面三百零八件，其他"
	    "二百〇一件。", NULL, NULL);
	f = expect(s, res, "every numeral", "narrative.sum", 1, NULL);
	t_ok(t, f != NULL && f->expected == 2277 && f->actual == 2345,
	    "narrative/every numeral: 两千三百四十五 vs 1678+90+308+201");
	nb_result_free(res);
	/* Rates: 002 "承办…提案38件，已办结35件，…，办结率 92.1%". */
	none(s, "002 rate", "承办政协三届二次会议提案38件，已办结35件，无法办理"
	    "1件，其余2件正在办理，办结率 92.1%。", NULL, NULL);
	res = says(s, "002 rate wrong", "承办政协三届二次会议提案38件，已办结"
	    "35件，无法办理1件，其余2件正在办理，办结率 95.1%。", NULL, NULL);
	f = expect(s, res, "002 rate wrong", "narrative.sum", 1, NULL);
	t_ok(t, f != NULL && f->actual > 95.0 && f->actual < 95.2 &&
	    strstr(f->message, "92.1%") != NULL,
	    "narrative/002 rate wrong: 95.1%% vs 92.1%%");
	nb_result_free(res);
	/* Two counts received: which rate is meant is not said. */
	none(s, "002 two totals", "区政府承办代表议案2件、建议34件，2件议案全部"
	    "办结，34件建议办结30件、2件正在办理、2件无法办理，办结率88.9%。",
	    NULL, NULL);
}

/* Applications of base: new 5, 公开 4, 部分公开 1, carry-over 0. */
#define CARRY_IN "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0"
#define CARRY_OUT "四、结转下年度继续办理 0 0 0 0 0 0 0"

/* base with one application carried in and one carried over. */
static char *
carried(const char *sentence)
{
	char to1[2048], *a, *b, *c = NULL;

	snprintf(to1, sizeof(to1), "%s%s", DONE, sentence);
	a = t_replace(base, CARRY_IN,
	    "二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1");
	b = a ? t_replace(a, CARRY_OUT,
	    "四、结转下年度继续办理 1 0 0 0 0 0 1") : NULL;
	if (b != NULL)
		c = t_replace(b, DONE, to1);
	free(a);
	free(b);
	return c;
}

static void
test_results(struct tally *t, struct suite *s)
{
	struct nb_result *res;
	const struct nb_found *f;
	char *text;

	none(s, "kinds right", "受理的申请中予以公开4件，部分公开1件，不予公开0件。",
	    NULL, NULL);
	f = one(s, &res, "open 3", "受理的申请中予以公开3件，部分公开1件。",
	    "narrative.results", 1, "t3.result.open.total");
	t_ok(t, f != NULL && f->severity == NB_SEV_ERROR && f->expected == 4 &&
	    f->actual == 3 && f->line == 4 &&
	    strstr(f->message, "予以公开3件") != NULL,
	    "narrative/open 3: an error, 3 vs 4 on line 4, quoted");
	/* "受理的申请中予以公开3件" is no count received. */
	expect(s, res, "open 3", "narrative.applications", 0, NULL);
	nb_result_free(res);
	/* 上海 2019: "予以公开及部分公开258件" is both rows. */
	none(s, "open and partial", "对申请予以公开及部分公开5件。", NULL, NULL);
	one(s, &res, "open and partial 4", "对申请予以公开及部分公开4件。",
	    "narrative.results", 1, "t3.result.open.total");
	nb_result_free(res);
	/* 23: counts of each kind, "答复" no total for applications. */
	res = says(s, "23 wording", "所有办结的信息公开申请中同意公开答复 9 件，"
	    "部分公开答复 1 件，不予公开答复 0 件，无法提供的 0 件。", NULL,
	    NULL);
	expect(s, res, "23 wording", "narrative.results", 1,
	    "t3.result.open.total");
	expect(s, res, "23 wording", "narrative.applications", 0, NULL);
	nb_result_free(res);
	f = one(s, &res, "not open", "申请中不同意公开答复1件。", "narrative.results",
	    1, NULL);
	t_ok(t, f != NULL && f->cell == NULL &&
	    t_names(f, "t3.result.deny.query.total"),
	    "narrative/not open: names the eight rows of 不予公开");
	nb_result_free(res);
	/* Carry-over, in Chinese numerals too. */
	text = carried("结转下年度继续办理1件。");
	res = text ? t_check(s->e, "carry 1", text) : NULL;
	expect_none(s, res, "carry 1");
	nb_result_free(res);
	free(text);
	text = carried("结转下年度继续办理两件。");
	res = text ? t_check(s->e, "carry two", text) : NULL;
	f = expect(s, res, "carry two", "narrative.results", 1,
	    "t3.carry_out.total");
	t_ok(t, f != NULL && f->actual == 2 && f->expected == 1,
	    "narrative/carry two: 两件 vs 1");
	nb_result_free(res);
	free(text);
	/* 05: "及时依法依规办结69件，1件结转下年度继续办理". */
	text = carried("办结5件，2件结转下年度继续办理。");
	res = text ? t_check(s->e, "05 carry before", text) : NULL;
	f = expect(s, res, "05 carry before", "narrative.results", 1,
	    "t3.carry_out.total");
	t_ok(t, f != NULL && f->actual == 2,
	    "narrative/05 carry before: the count before 结转");
	nb_result_free(res);
	free(text);
	res = says(s, "carry none", "结转下年度继续办理1件。", NULL, NULL);
	expect(s, res, "carry none", "narrative.results", 1,
	    "t3.carry_out.total");
	nb_result_free(res);
	/* "全部办结" while one is carried over: a warning. */
	text = carried("申请均已办结，办结率100%。");
	res = text ? t_check(s->e, "all done", text) : NULL;
	f = expect(s, res, "all done", "narrative.results", 1,
	    "t3.carry_out.total");
	t_ok(t, f != NULL && f->severity == NB_SEV_WARNING,
	    "narrative/all done: a warning");
	nb_result_free(res);
	free(text);
	none(s, "all done, none carried", "申请均已办结，办结率100%。", NULL,
	    NULL);
	/* Last year's carried in are all concluded: no claim on this year's. */
	text = carried("上年结转的1件申请均已办结。");
	res = text ? t_check(s->e, "last year's", text) : NULL;
	expect_none(s, res, "last year's");
	nb_result_free(res);
	free(text);
	/* 002: "2件议案全部办结" is no application. */
	text = carried("代表议案2件全部办结。");
	res = text ? t_check(s->e, "motions", text) : NULL;
	expect_none(s, res, "motions");
	nb_result_free(res);
	free(text);
}

static void
test_t2(struct tally *t, struct suite *s)
{
	struct nb_result *res;
	const struct nb_found *f;

	none(s, "t2 right", "制发规范性文件1件，现行有效规范性文件3件。", NULL,
	    NULL);
	f = one(s, &res, "t2 effective 4", "本年制发规范性文件1件，现行有效"
	    "规范性文件4件。", "narrative.t2", 1, "t2.normative.effective");
	t_ok(t, f != NULL && f->severity == NB_SEV_WARNING && f->expected == 3 &&
	    f->actual == 4, "narrative/t2 effective 4: a warning, 4 vs 3");
	nb_result_free(res);
	/* 001: "保留27件" against 现行有效 21. */
	res = says(s, "001 retained", "全面集中清理2002年以来现行有效的行政规范性"
	    "文件，保留27件，宣布失效和废止25件，修改7件。",
	    "行政规范性文件 1 0 3", "行政规范性文件 3 25 21");
	f = expect(s, res, "001 retained", "narrative.t2", 1,
	    "t2.normative.effective");
	t_ok(t, f != NULL && f->actual == 27 && f->expected == 21,
	    "narrative/001 retained: 27 vs 21, 废止25 right");
	nb_result_free(res);
	/* 000: "发布现行有效…7个" is the year's new ones (制发 7). */
	none(s, "000 loose wording", "在政府网站专栏发布现行有效行政规范性文件"
	    "7个。", "行政规范性文件 1 0 3", "行政规范性文件 7 14 24");
	none(s, "rules too", "制发规章和规范性文件4件。", NULL, NULL);
}

static void
test_contradiction(struct tally *t, struct suite *s)
{
	struct nb_result *res;
	const struct nb_found *f;
	char *text, *a;

	/* 23: "所有申请均已按要求办理完成" … "转下一年度办理答复的有 1 件". */
	text = carried("上年结转政府信息公开申请 1 件，所有申请均已按要求办理"
	    "完成。其他处理0件，转下一年度办理答复的有 1 件。");
	res = text ? t_check(s->e, "23 all done", text) : NULL;
	f = expect(s, res, "23 all done", "narrative.contradiction", 1, NULL);
	t_ok(t, f != NULL && f->severity == NB_SEV_WARNING && f->line == 4 &&
	    strstr(f->message, "均已按要求办理完成") != NULL &&
	    strstr(f->message, "有1件") != NULL,
	    "narrative/23 all done: both sentences quoted");
	/* One cause: no narrative.results on "全部" as well. */
	expect(s, res, "23 all done", "narrative.results", 0, NULL);
	nb_result_free(res);
	free(text);
	none(s, "all done only", "所有申请均已按要求办理完成。", NULL, NULL);
	/* "均获维持" while one review is pending in T4. */
	a = t_replace(base, T4ROW, "0 0 0 1 1 0 0 0 0 0 0 0 0 0 0\n");
	text = a ? t_replace(a, DONE, DONE "被申请行政复议1件，均获维持。") :
	    NULL;
	res = text ? t_check(s->e, "upheld", text) : NULL;
	f = expect(s, res, "upheld", "narrative.contradiction", 1, NULL);
	t_ok(t, f != NULL && strstr(f->message, "尚未审结") != NULL,
	    "narrative/upheld: names the pending case");
	nb_result_free(res);
	free(text);
	free(a);
	none(s, "upheld, none pending", "被申请行政复议两起，均获维持。",
	    T4ROW, "2 0 0 0 2 0 0 0 0 0 0 0 0 0 0\n");
}

/* text_may_start() is a filter the scans skip characters by: it must
 * say 1 wherever one of its words starts (one, two, three and four byte
 * characters), and it must turn most other characters away. */
static void
test_firsts(struct tally *t)
{
	static const char *const w[] = { "全部办结", "办结", "结转", "；", ";",
	    "。", "é", "\xf0\x9f\x98\x80", "予以公开" };
	static const char text[] = "申请全部办结;结转下年度。予以公开é"
	    "\xf0\x9f\x98\x80；其中政府网站公开5185条";
	unsigned long long m = text_firsts(w, sizeof(w) / sizeof(w[0]));
	size_t off, i, missed = 0, starts = 0, passed = 0, chars = 0;

	for (off = 0; text[off] != '\0'; off += text_u8len(text + off)) {
		int any = 0;

		for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
			any |= text_starts(text + off, w[i]);
		starts += (size_t)any;
		chars++;
		if (text_may_start(m, text + off))
			passed++;
		else if (any)
			missed++;
	}
	t_ok(t, starts == 9 && missed == 0 && passed < chars - 5,
	    "narrative/first-character filter: %zu of %zu words missed, "
	    "%zu of %zu characters passed", missed, starts, passed, chars);
}

int
main(void)
{
	struct tally t = { 0, 0 };
	struct suite s;

	open_suite(&s, &t, "narrative");
	if (s.e == NULL)
		return t_done(&t) + 1;
	test_firsts(&t);
	test_sum(&t, &s);
	test_results(&t, &s);
	test_t2(&t, &s);
	test_contradiction(&t, &s);
	nb_engine_close(s.e);
	return t_done(&t);
}
