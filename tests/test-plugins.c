/*
 * test-plugins.c -- unit tests of each rule plugin on small synthetic
 * reports: a correct 2021-format report (no finding) and variants of it
 * that break one rule each.  Each case loads only the plugin under test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-plugins-common.h"

/* A correct report: 5 applications (4 自然人, 1 商业企业), 4 公开 and 1
 * 部分公开, no 复议/诉讼, no fee. */
static const char base[] =
    "某某区人民政府办公室2022年政府信息公开工作年度报告\n"
    "本报告统计数据从2022年1月1日至12月31日。\n"
    "一、总体情况\n"
    "全年受理政府信息公开申请5件，办结5件。"
    "无因政府信息公开申请引起的行政复议、行政诉讼。\n"
    "二、主动公开政府信息情况\n"
    "第二十条第（一）项\n"
    "信息内容 本年制发件数 本年废止件数 现行有效件数\n"
    "规章 0 0 0\n"
    "行政规范性文件 1 0 3\n"
    "第二十条第（五）项\n"
    "信息内容 本年处理决定数量\n"
    "行政许可 10\n"
    "第二十条第（六）项\n"
    "信息内容 本年处理决定数量\n"
    "行政处罚 2\n"
    "行政强制 0\n"
    "第二十条第（八）项\n"
    "信息内容 本年收费金额（单位：万元）\n"
    "行政事业性收费 0\n"
    "三、收到和处理政府信息公开申请情况\n"
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
    "申请人情况\n"
    "自然人 法人或其他组织 总计\n"
    "商业企业 科研机构 社会公益组织 法律服务机构 其他\n"
    "一、本年新收政府信息公开申请数量 4 1 0 0 0 0 5\n"
    "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n"
    "三、本年度办理结果\n"
    "（一）予以公开 3 1 0 0 0 0 4\n"
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 1 0 0 0 0 0 1\n"
    "（三）不予公开\n"
    "1.属于国家秘密 0 0 0 0 0 0 0\n"
    "2.其他法律行政法规禁止公开 0 0 0 0 0 0 0\n"
    "3.危及“三安全一稳定” 0 0 0 0 0 0 0\n"
    "4.保护第三方合法权益 0 0 0 0 0 0 0\n"
    "5.属于三类内部事务信息 0 0 0 0 0 0 0\n"
    "6.属于四类过程性信息 0 0 0 0 0 0 0\n"
    "7.属于行政执法案卷 0 0 0 0 0 0 0\n"
    "8.属于行政查询事项 0 0 0 0 0 0 0\n"
    "（四）无法提供\n"
    "1.本机关不掌握相关政府信息 0 0 0 0 0 0 0\n"
    "2.没有现成信息需要另行制作 0 0 0 0 0 0 0\n"
    "3.补正后申请内容仍不明确 0 0 0 0 0 0 0\n"
    "（五）不予处理\n"
    "1.信访举报投诉类申请 0 0 0 0 0 0 0\n"
    "2.重复申请 0 0 0 0 0 0 0\n"
    "3.要求提供公开出版物 0 0 0 0 0 0 0\n"
    "4.无正当理由大量反复申请 0 0 0 0 0 0 0\n"
    "5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0\n"
    "（六）其他处理\n"
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 "
    "0 0 0 0 0 0 0\n"
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开"
    "申请 0 0 0 0 0 0 0\n"
    "3.其他 0 0 0 0 0 0 0\n"
    "（七）总计 4 1 0 0 0 0 5\n"
    "四、结转下年度继续办理 0 0 0 0 0 0 0\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "行政复议 行政诉讼\n"
    "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n"
    "结果维持 结果纠正 其他结果 尚未审结 总计 "
    "结果维持 结果纠正 其他结果 尚未审结 总计\n"
    "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
    "五、存在的主要问题及改进情况\n"
    "存在问题：公开形式有待丰富。改进情况：加强业务培训。\n"
    "六、其他需要报告的事项\n"
    "本年度未收取信息处理费。\n";

#define T4ROW "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
#define FEELINE "本年度未收取信息处理费。"

struct suite {
	struct tally	*t;
	struct nb_engine *e;
	const char	*plugin;
};

/* Checks base with one replacement (none if from is NULL). */
static struct nb_result *
variant(struct suite *s, const char *what, const char *from, const char *to)
{
	struct nb_result *res;
	char *text;

	text = from != NULL && to != NULL ? t_replace(base, from, to) :
	    strdup(base);
	if (text == NULL) {
		t_ok(s->t, 0, "%s/%s: build the text", s->plugin, what);
		return NULL;
	}
	res = t_check(s->e, what, text);
	free(text);
	return res;
}

/* base without the bytes from the start of `from` to the end of `to`. */
static char *
cut(const char *from, const char *to)
{
	const char *a = strstr(base, from), *b = a ? strstr(a, to) : NULL;
	size_t n = strlen(base);
	char *out;

	if (b == NULL || (out = malloc(n + 1)) == NULL)
		return NULL;
	b += strlen(to);
	memcpy(out, base, (size_t)(a - base));
	memcpy(out + (a - base), b, n - (size_t)(b - base) + 1);
	return out;
}

/* The variant gives exactly n findings of rule, the first naming cell. */
static const struct nb_found *
expect(struct suite *s, const struct nb_result *res, const char *what,
    const char *rule, size_t n, const char *cell)
{
	const struct nb_found *f = t_find(res, rule, cell);

	if (!t_ok(s->t, res != NULL && t_count(res, rule) == n &&
	    (n == 0 || f != NULL), "%s/%s: %zu x %s%s%s", s->plugin, what, n,
	    rule, cell ? " naming " : "", cell ? cell : ""))
		t_dump(res);
	return f;
}

static void
expect_none(struct suite *s, const struct nb_result *res, const char *what)
{
	if (!t_ok(s->t, res != NULL && res->nfindings == 0,
	    "%s/%s: no finding", s->plugin, what))
		t_dump(res);
}

static void
open_suite(struct suite *s, struct tally *t, const char *plugin)
{
	const char *names[1];

	names[0] = plugin;
	s->t = t;
	s->plugin = plugin;
	s->e = t_engine(names, 1);
	t_ok(t, s->e != NULL, "%s: engine", plugin);
}

static void
test_report(struct tally *t)
{
	struct suite s;
	struct nb_result *res;
	const struct nb_found *f;
	char *old, *text;

	open_suite(&s, t, "report");
	if (s.e == NULL)
		return;
	res = variant(&s, "base", NULL, NULL);
	expect_none(&s, res, "base");
	nb_result_free(res);
	res = variant(&s, "no period", "本报告统计数据从2022年1月1日至12月31日。",
	    "");
	f = expect(&s, res, "no period", "report.period", 1, NULL);
	t_ok(t, f != NULL && f->severity == NB_SEV_WARNING,
	    "report/no period: a warning");
	nb_result_free(res);
	res = variant(&s, "period 2021", "从2022年1月1日至12月31日",
	    "从2021年1月1日至2021年12月31日");
	f = expect(&s, res, "period 2021", "report.period", 1, NULL);
	t_ok(t, f != NULL && f->severity == NB_SEV_ERROR,
	    "report/period 2021: an error");
	nb_result_free(res);
	res = variant(&s, "no year", "2022年政府信息公开工作年度报告",
	    "政府信息公开工作年度报告");
	expect(&s, res, "no year", "report.title", 1, NULL);
	nb_result_free(res);
	/* The 2019 trial format: right for 2020, wrong for 2022. */
	text = t_replace(base, "信息内容 本年制发件数 本年废止件数 现行有效件数",
	    "信息内容 本年新制作数量 本年新公开数量 对外公开总数量");
	if (text != NULL) {
		char *y = t_replace(text, "2022年政府", "2020年政府");
		char *y2 = y != NULL ? t_replace(y, "从2022年", "从2020年") : NULL;

		res = t_check(s.e, "2019 format 2022", text);
		f = expect(&s, res, "2019 format 2022", "report.format", 1, NULL);
		t_ok(t, f != NULL && f->severity == NB_SEV_ERROR,
		    "report/2019 format for 2022: an error");
		nb_result_free(res);
		res = y2 != NULL ? t_check(s.e, "2019 format 2020", y2) : NULL;
		f = expect(&s, res, "2019 format 2020", "report.format", 1, NULL);
		t_ok(t, f != NULL && f->severity == NB_SEV_WARNING,
		    "report/2019 format for 2020: a warning");
		expect(&s, res, "2019 format 2020", "report.period", 0, NULL);
		nb_result_free(res);
		free(y);
		free(y2);
	}
	free(text);
	/* The old format is right for 2018 (a warning), not for 2022. */
	if ((old = t_sample("sample-002.txt", NULL)) != NULL &&
	    (text = t_replace(old, "2018 年政府信息公开工作年度报告",
	    "2022 年政府信息公开工作年度报告")) != NULL) {
		res = t_check(s.e, "002 as 2022", text);
		f = expect(&s, res, "old format 2022", "report.format", 1, NULL);
		t_ok(t, f != NULL && f->severity == NB_SEV_ERROR,
		    "report/old format for 2022: an error");
		nb_result_free(res);
		free(text);
	}
	free(old);
	nb_engine_close(s.e);
}

static void
test_sections(struct tally *t)
{
	struct suite s;
	struct nb_result *res;
	const struct nb_found *f;
	char *text, *twice;

	open_suite(&s, t, "sections");
	if (s.e == NULL)
		return;
	res = variant(&s, "base", NULL, NULL);
	expect_none(&s, res, "base");
	nb_result_free(res);
	res = variant(&s, "no 五", "五、存在的主要问题及改进情况\n", "");
	f = expect(&s, res, "no 五", "sections.missing", 1, NULL);
	t_ok(t, f != NULL && f->section == 5, "sections/no 五: section 5");
	nb_result_free(res);
	/* 六 before 五. */
	res = variant(&s, "六 before 五", "五、存在的主要问题及改进情况\n"
	    "存在问题：公开形式有待丰富。改进情况：加强业务培训。\n"
	    "六、其他需要报告的事项\n",
	    "六、其他需要报告的事项\n" FEELINE "\n"
	    "五、存在的主要问题及改进情况\n"
	    "存在问题：公开形式有待丰富。改进情况：加强业务培训。\n"
	    "（补充）\n");
	expect(&s, res, "六 before 五", "sections.order", 1, NULL);
	expect(&s, res, "六 before 五", "sections.missing", 0, NULL);
	nb_result_free(res);
	text = t_replace(base, "六、其他需要报告的事项\n",
	    "五、存在的主要问题及改进情况\n其他问题。\n"
	    "六、其他需要报告的事项\n");
	twice = text;
	if (twice != NULL) {
		res = t_check(s.e, "五 twice", twice);
		f = expect(&s, res, "五 twice", "sections.duplicate", 1, NULL);
		t_ok(t, f != NULL && f->section == 5,
		    "sections/五 twice: section 5");
		nb_result_free(res);
	}
	free(text);
	nb_engine_close(s.e);
}

static void
test_sums(struct tally *t)
{
	struct suite s;
	struct nb_result *res;
	const struct nb_found *f;
	char *text;
	size_t i;

	open_suite(&s, t, "sums");
	if (s.e == NULL)
		return;
	res = variant(&s, "base", NULL, NULL);
	expect_none(&s, res, "base");
	nb_result_free(res);
	/* One wrong cell: its row and its column fail, both blame it. */
	res = variant(&s, "open commercial 2", "（一）予以公开 3 1 0",
	    "（一）予以公开 3 2 0");
	expect(&s, res, "one cell", "sums.row_total", 1,
	    "t3.result.open.commercial");
	expect(&s, res, "one cell", "sums.result_total", 1,
	    "t3.result.open.commercial");
	for (i = 0; res != NULL && i < res->nfindings; i++)
		t_ok(t, res->findings[i].cell != NULL &&
		    strcmp(res->findings[i].cell,
		    "t3.result.open.commercial") == 0 &&
		    res->findings[i].relation != NULL,
		    "sums/one cell: finding %zu blames the cell", i);
	nb_result_free(res);
	res = variant(&s, "carry out", "四、结转下年度继续办理 0 0 0 0 0 0 0",
	    "四、结转下年度继续办理 1 0 0 0 0 0 1");
	expect(&s, res, "carry out", "sums.balance", 2, NULL);
	f = t_find(res, "sums.balance", "t3.carry_out.total");
	t_ok(t, f != NULL && f->has_values && f->expected == 6 &&
	    f->actual == 5, "sums/carry out: 5 = 5 + 1 fails with values");
	nb_result_free(res);
	res = variant(&s, "negative", "行政许可 10", "行政许可 -1");
	expect(&s, res, "negative", "sums.not_a_count", 1,
	    "t2.license.decisions");
	nb_result_free(res);
	res = variant(&s, "fraction", "行政处罚 2", "行政处罚 1.5");
	expect(&s, res, "fraction", "sums.not_a_count", 1,
	    "t2.penalty.decisions");
	nb_result_free(res);
	res = variant(&s, "blank", "行政强制 0", "行政强制 /");
	f = expect(&s, res, "blank", "sums.blank_cell", 1,
	    "t2.coercion.decisions");
	t_ok(t, f != NULL && f->severity == NB_SEV_WARNING,
	    "sums/blank: a warning");
	nb_result_free(res);
	res = variant(&s, "T3 rows lost", "（五）不予处理\n"
	    "1.信访举报投诉类申请 0 0 0 0 0 0 0\n"
	    "2.重复申请 0 0 0 0 0 0 0\n"
	    "3.要求提供公开出版物 0 0 0 0 0 0 0\n", "（五）不予处理\n");
	f = expect(&s, res, "T3 rows lost", "sums.table_incomplete", 1, NULL);
	t_ok(t, f != NULL && strstr(f->message, "缺少3行") != NULL,
	    "sums/T3 rows lost: names 3 rows");
	expect(&s, res, "T3 rows lost", "sums.blank_cell", 0, NULL);
	nb_result_free(res);
	/* "151000016" splits as 15 1 0 0 0 0 16 or 1 5 10 0 0 0 16 ... by
	 * its row total alone, but only 15|1|0|0|0|0|16 makes the columns
	 * add up too: read over the whole table, it is the sample itself. */
	text = t_sample("sample-004.txt", NULL);
	if (text != NULL) {
		char *fused = t_replace(text, "数量 15 1 0 0 0 0 16",
		    "数量 151000016");

		res = fused != NULL ? t_check(s.e, "fused", fused) : NULL;
		expect(&s, res, "fused", "sums.table_unreadable", 0, NULL);
		expect(&s, res, "fused", "sums.row_total", 0, NULL);
		expect(&s, res, "fused", "sums.balance", 0, NULL);
		expect(&s, res, "fused", "sums.blank_cell", 0, NULL);
		nb_result_free(res);
		free(fused);
	}
	/* "0120" in a row of three without a total: 0|1|20 or 0|12|0. */
	if (text != NULL) {
		char *fused = t_replace(text, "规章 0 0 0", "规章 0120");

		res = fused != NULL ? t_check(s.e, "fused T2", fused) : NULL;
		expect(&s, res, "fused T2", "sums.table_unreadable", 1, NULL);
		expect(&s, res, "fused T2", "sums.blank_cell", 0, NULL);
		nb_result_free(res);
		free(fused);
	}
	free(text);
	/* Without section 二 there is no T2 at all. */
	text = cut("二、主动公开政府信息情况\n", "行政事业性收费 0\n");
	if (t_ok(t, text != NULL, "sums/no T2: text")) {
		res = t_check(s.e, "no T2", text);
		f = expect(&s, res, "no T2", "sums.table_missing", 1, NULL);
		t_ok(t, f != NULL && f->section == 2, "sums/no T2: section 2");
		nb_result_free(res);
	}
	free(text);
	nb_engine_close(s.e);
}

static void
test_litigation(struct tally *t)
{
	struct suite s;
	struct nb_result *res;
	const struct nb_found *f;

	open_suite(&s, t, "litigation");
	if (s.e == NULL)
		return;
	res = variant(&s, "base", NULL, NULL);
	expect_none(&s, res, "base");
	nb_result_free(res);
	/* 1 复议 纠正 in the table while the text says there was none. */
	res = variant(&s, "review 1", T4ROW, "0 1 0 0 1 0 0 0 0 0 0 0 0 0 0\n");
	f = expect(&s, res, "review 1", "litigation.narrative", 1,
	    "t4.review.total");
	t_ok(t, f != NULL && f->line == 4 && f->section == 1,
	    "litigation/review 1: line 4, section 一");
	expect(&s, res, "review 1", "litigation.total", 0, NULL);
	nb_result_free(res);
	res = variant(&s, "bad total", T4ROW, "0 0 0 0 0 0 2 0 0 1 0 0 0 0 0\n");
	f = expect(&s, res, "bad total", "litigation.total", 1,
	    "t4.lit_direct.corrected");
	t_ok(t, f != NULL && f->has_values && f->expected == 2 &&
	    f->actual == 1, "litigation/bad total: 1 vs 2");
	nb_result_free(res);
	res = variant(&s, "stated 2", "无因政府信息公开申请引起的行政复议、行政诉讼",
	    "行政复议2件，行政诉讼0件");
	f = expect(&s, res, "stated 2", "litigation.narrative", 1,
	    "t4.review.total");
	t_ok(t, f != NULL && f->expected == 0 && f->actual == 2,
	    "litigation/stated 2: 2 vs 0");
	nb_result_free(res);
	res = variant(&s, "silent", "无因政府信息公开申请引起的行政复议、行政诉讼",
	    "依法办理");
	expect_none(&s, res, "silent");
	nb_result_free(res);
	res = variant(&s, "no T4 row", T4ROW, "");
	f = expect(&s, res, "no T4 row", "litigation.incomplete", 1, NULL);
	t_ok(t, f != NULL && f->ncells == 15, "litigation/no T4 row: "
	    "15 cells named");
	nb_result_free(res);
	res = variant(&s, "one blank", T4ROW, "0 0 0 0 0 0 0 0 0 0 0 0 0 0 /\n");
	expect(&s, res, "one blank", "litigation.incomplete", 1,
	    "t4.lit_after.total");
	nb_result_free(res);
	nb_engine_close(s.e);
}

static void
test_fees(struct tally *t)
{
	struct suite s;
	struct nb_result *res;
	const struct nb_found *f;
	char *a, *b;

	open_suite(&s, t, "fees");
	if (s.e == NULL)
		return;
	res = variant(&s, "base", NULL, NULL);
	expect_none(&s, res, "base");
	nb_result_free(res);
	res = variant(&s, "vague", FEELINE, "本年度未收取任何费用。");
	expect(&s, res, "vague", "fees.vague_statement", 1, NULL);
	expect(&s, res, "vague", "fees.no_statement", 0, NULL);
	nb_result_free(res);
	res = variant(&s, "nothing", FEELINE, "无。");
	expect(&s, res, "nothing", "fees.no_statement", 1, NULL);
	nb_result_free(res);
	/* 行政事业性收费 is another fee: not a statement, not even vague. */
	res = variant(&s, "t2 fee only", FEELINE, "本年度行政事业性收费0万元。");
	expect(&s, res, "t2 fee only", "fees.no_statement", 1, NULL);
	nb_result_free(res);
	res = variant(&s, "negative", "行政事业性收费 0", "行政事业性收费 -3");
	f = expect(&s, res, "negative", "fees.amount_unit", 1,
	    "t2.fee.amount_wan");
	t_ok(t, f != NULL && f->severity == NB_SEV_ERROR,
	    "fees/negative: an error");
	nb_result_free(res);
	res = variant(&s, "precise", "行政事业性收费 0",
	    "行政事业性收费 0.123456");
	f = expect(&s, res, "precise", "fees.amount_unit", 1,
	    "t2.fee.amount_wan");
	t_ok(t, f != NULL && f->severity == NB_SEV_WARNING,
	    "fees/precise: a warning");
	nb_result_free(res);
	res = variant(&s, "yuan", "行政事业性收费 0", "行政事业性收费 5000元");
	f = expect(&s, res, "yuan", "fees.amount_unit", 1, "t2.fee.amount_wan");
	t_ok(t, f != NULL && f->severity == NB_SEV_WARNING &&
	    strstr(f->message, "5000元") != NULL, "fees/yuan: names 5000元");
	nb_result_free(res);
	res = variant(&s, "blank", "行政事业性收费 0", "行政事业性收费 /");
	expect(&s, res, "blank", "fees.amount_unit", 1, "t2.fee.amount_wan");
	nb_result_free(res);
	/* A fee notice was issued (other.no_fee 1, open 2) but 六 is silent. */
	a = t_replace(base, "申请 0 0 0 0 0 0 0\n3.其他",
	    "申请 1 0 0 0 0 0 1\n3.其他");
	b = a != NULL ? t_replace(a, "（一）予以公开 3 1 0 0 0 0 4",
	    "（一）予以公开 2 1 0 0 0 0 3") : NULL;
	free(a);
	a = b != NULL ? t_replace(b, FEELINE, "无。") : NULL;
	if (t_ok(t, a != NULL, "fees/notices: text")) {
		res = t_check(s.e, "notices", a);
		expect(&s, res, "notices", "fees.notices_unreported", 1,
		    "t3.result.other.no_fee.total");
		nb_result_free(res);
		res = t_check(s.e, "notices stated", b);
		expect(&s, res, "notices stated", "fees.notices_unreported", 0,
		    NULL);
		nb_result_free(res);
	}
	free(a);
	free(b);
	nb_engine_close(s.e);
}

static void
test_narrative(struct tally *t)
{
	struct suite s;
	struct nb_result *res;
	const struct nb_found *f;
	char *a, *b;

	open_suite(&s, t, "narrative");
	if (s.e == NULL)
		return;
	res = variant(&s, "base", NULL, NULL);
	expect_none(&s, res, "base");
	nb_result_free(res);
	res = variant(&s, "received 6", "受理政府信息公开申请5件",
	    "受理政府信息公开申请6件");
	f = expect(&s, res, "received 6", "narrative.applications", 1,
	    "t3.new.total");
	t_ok(t, f != NULL && f->expected == 5 && f->actual == 6 &&
	    f->line == 4, "narrative/received 6: 6 vs 5 on line 4");
	nb_result_free(res);
	res = variant(&s, "done 4", "办结5件", "办结4件");
	expect(&s, res, "done 4", "narrative.applications", 1,
	    "t3.result.total.total");
	nb_result_free(res);
	res = variant(&s, "one claim", "受理政府信息公开申请5件，办结5件",
	    "受理并办结政府信息公开申请7件");
	f = expect(&s, res, "one claim", "narrative.applications", 1,
	    "t3.new.total");
	t_ok(t, f != NULL && t_names(f, "t3.result.total.total"),
	    "narrative/one claim: names both cells");
	nb_result_free(res);
	res = variant(&s, "other work", "一、总体情况\n",
	    "一、总体情况\n全年受理政务服务事项申请12件，办结12件。"
	    "热线工单已认真答复，办理300件。\n");
	expect_none(&s, res, "other work");
	nb_result_free(res);
	res = variant(&s, "none received", "受理政府信息公开申请5件，办结5件",
	    "未收到政府信息公开申请");
	expect_none(&s, res, "none received");
	nb_result_free(res);
	/* 6 = 5 new + 1 carried in, when the sentence says so. */
	a = t_replace(base, "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
	    "二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1");
	b = a != NULL ? t_replace(a, "四、结转下年度继续办理 0 0 0 0 0 0 0",
	    "四、结转下年度继续办理 1 0 0 0 0 0 1") : NULL;
	free(a);
	a = b != NULL ? t_replace(b, "受理政府信息公开申请5件",
	    "受理政府信息公开申请6件（含上年结转1件）") : NULL;
	if (t_ok(t, a != NULL, "narrative/carry: text")) {
		res = t_check(s.e, "carry", a);
		expect_none(&s, res, "with 含上年结转");
		nb_result_free(res);
		free(b);
		b = t_replace(a, "（含上年结转1件）", "");
		res = b != NULL ? t_check(s.e, "no carry", b) : NULL;
		expect(&s, res, "without 含上年结转", "narrative.applications",
		    1, "t3.new.total");
		nb_result_free(res);
	}
	free(a);
	free(b);
	nb_engine_close(s.e);
}

int
main(void)
{
	struct tally t = { 0, 0 };

	test_report(&t);
	test_sections(&t);
	test_sums(&t);
	test_litigation(&t);
	test_fees(&t);
	test_narrative(&t);
	return t_done(&t);
}
