/*
 * test-plugins.c -- unit tests of the report, sections, sums and
 * litigation plugins on small synthetic reports: the correct base report
 * (no finding) and variants of it that break one rule each; of the
 * statistics plugin on the old-format samples.  Each case
 * loads only the plugin under test.  (fees and narrative:
 * test-plugins-text.c.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-plugins-base.h"

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
	/* The 2019 trial format: right for 2020 (info), wrong for 2022. */
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
		t_ok(t, f != NULL && f->severity == NB_SEV_INFO,
		    "report/2019 format for 2020: info");
		expect(&s, res, "2019 format 2020", "report.period", 0, NULL);
		nb_result_free(res);
		free(y);
		free(y2);
	}
	free(text);
	/* The old format is right for 2018 (info), not for 2022. */
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
	char *text, *twice, both[64];
	unsigned a, b;

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
		a = line_of(twice, "五、存在的主要问题", 1);
		b = line_of(twice, "五、存在的主要问题", 2);
		snprintf(both, sizeof(both), "第%u行、第%u行", a, b);
		t_ok(t, f != NULL && a != 0 && b > a && f->line == b &&
		    strstr(f->message, both) != NULL, "sections/五 twice: "
		    "names both places (%s): %s", both, f ? f->message : "-");
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
	const struct nb_table_read *t3;
	char *text, *two;

	open_suite(&s, t, "sums");
	if (s.e == NULL)
		return;
	res = variant(&s, "base", NULL, NULL);
	expect_none(&s, res, "base");
	nb_result_free(res);
	/* One wrong cell breaks its row and its column: one finding that
	 * blames it, the column's relation listed as related. */
	res = variant(&s, "open commercial 2", "（一）予以公开 3 1 0",
	    "（一）予以公开 3 2 0");
	f = expect(&s, res, "one cell", "sums.row_total", 1,
	    "t3.result.open.commercial");
	expect(&s, res, "one cell", "sums.result_total", 0, NULL);
	t_ok(t, res != NULL && res->nfindings == 1 && f != NULL &&
	    f->cell != NULL && strcmp(f->cell, "t3.result.open.commercial") ==
	    0 && f->relation != NULL && strcmp(f->relation,
	    "T3-ROW-result.open") == 0, "sums/one cell: one finding, on the "
	    "row relation, blaming the cell");
	t_ok(t, f != NULL && f->nrelated == 1 &&
	    strcmp(f->related[0], "T3-RES-commercial") == 0 &&
	    strstr(f->message, "另外1项关系不成立") != NULL,
	    "sums/one cell: the column relation is related, and said");
	nb_result_free(res);
	/* Two wrong cells in one column: one finding for each. */
	text = t_replace(base, "（一）予以公开 3 1 0", "（一）予以公开 3 2 0");
	two = text != NULL ? t_replace(text, "（二）部分公开（区分处理的，只计"
	    "这一情形，不计其他情形） 1 0 0", "（二）部分公开（区分处理的，只计"
	    "这一情形，不计其他情形） 1 1 0") : NULL;
	res = two != NULL ? t_check(s.e, "two cells", two) : NULL;
	expect(&s, res, "two cells", "sums.row_total", 2, NULL);
	t_ok(t, res != NULL && res->nfindings == 2 &&
	    strcmp(res->findings[0].cell, "t3.result.open.commercial") == 0 &&
	    strcmp(res->findings[1].cell, "t3.result.partial.commercial") == 0,
	    "sums/two cells: each blamed once");
	nb_result_free(res);
	free(text);
	free(two);
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
	/* Three blanks in one row: one warning for the row, naming each. */
	res = variant(&s, "row blanks", "（一）予以公开 3 1 0 0 0 0 4",
	    "（一）予以公开 3 1 / / / 0 4");
	f = expect(&s, res, "row blanks", "sums.blank_cell", 1,
	    "t3.result.open.research");
	t_ok(t, f != NULL && f->ncells == 3 && t_names(f,
	    "t3.result.open.legal_service") && strstr(f->message, "3个单元格")
	    != NULL && res->errors == 0, "sums/row blanks: one warning, 3 "
	    "cells, no error");
	nb_result_free(res);
	res = variant(&s, "T3 rows lost", "（五）不予处理\n"
	    "1.信访举报投诉类申请 0 0 0 0 0 0 0\n"
	    "2.重复申请 0 0 0 0 0 0 0\n"
	    "3.要求提供公开出版物 0 0 0 0 0 0 0\n", "（五）不予处理\n");
	f = expect(&s, res, "T3 rows lost", "sums.table_incomplete", 1, NULL);
	t_ok(t, f != NULL && strstr(f->message, "缺少3行") != NULL,
	    "sums/T3 rows lost: counts 3 rows");
	t_ok(t, f != NULL && strstr(f->message, "信访举报投诉类申请") != NULL &&
	    strstr(f->message, "2.重复申请") != NULL &&
	    strstr(f->message, "要求提供公开出版物") != NULL &&
	    strstr(f->message, "无正当理由大量反复申请") == NULL,
	    "sums/T3 rows lost: names the rows lost, only them: %s",
	    f != NULL ? f->message : "-");
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
		t3 = table_read(res, "t3");
		t_ok(t, res != NULL && res->errors == 0 && t3 != NULL &&
		    t3->state == NB_TABLE_COMPLETE, "sums/fused: read as the "
		    "sample, no error");
		nb_result_free(res);
		free(fused);
	}
	/* "151000017": no split makes the row add up.  A defect of the
	 * report, one error on the row naming the digits as printed; the
	 * rest of T3 is read and checked, nothing from the row's cells. */
	if (text != NULL) {
		char *fused = t_replace(text, "数量 15 1 0 0 0 0 16",
		    "数量 151000017");

		res = fused != NULL ? t_check(s.e, "fused bad", fused) : NULL;
		f = expect(&s, res, "fused bad", "sums.row_total", 1,
		    "t3.new.total");
		expect(&s, res, "fused bad", "sums.table_unreadable", 0, NULL);
		expect(&s, res, "fused bad", "sums.balance", 0, NULL);
		t_ok(t, res != NULL && res->errors == 1 && f != NULL &&
		    f->severity == NB_SEV_ERROR && f->ncells == 7 &&
		    strstr(f->message, "“151000017”") != NULL &&
		    strstr(f->message, "本年新收") != NULL,
		    "sums/fused bad: one error naming the row and its digits: "
		    "%s", f != NULL ? f->message : "-");
		nb_result_free(res);
		free(fused);
	}
	/* A blank 自然人 keeps its column (issue 8): an empty tab or pipe
	 * field is a blank cell there; six numbers apart in running text
	 * make the row unreadable, never shifted left. */
	for (int k = 0; text != NULL && k < 3; k++) {
		static const char *const blank[] = {
			"数量\t\t1\t0\t0\t0\t0\t16",
			"数量 |  | 1 | 0 | 0 | 0 | 0 | 16 |", "数量 1 0 0 0 0 16" };
		char *row = t_replace(text, "数量 15 1 0 0 0 0 16", blank[k]);
		/* The pipe row opens with '|'. */
		char *fused = row != NULL && k == 1 ? t_replace(row,
		    "一、本年新收", "| 一、本年新收") : row;

		res = fused != NULL ? t_check(s.e, blank[k], fused) : NULL;
		f = expect(&s, res, blank[k], k < 2 ? "sums.blank_cell" :
		    "sums.table_unreadable", 1, k < 2 ? "t3.new.natural" : NULL);
		t_ok(t, res != NULL && t_find(res, "sums.row_total", NULL) ==
		    NULL && t_find(res, "sums.balance", NULL) == NULL &&
		    t_find(res, "sums.result_total", NULL) == NULL, "sums/blank "
		    "natural (%s): no sums error", blank[k]);
		nb_result_free(res);
		if (fused != row)
			free(fused);
		free(row);
	}
	/* A table read unsure still has its blanks where a row shows them
	 * (real file 23): the pipe row's empty 总计 is a blank, beside the
	 * one table_unreadable; the row read unsure gives no blank. */
	if (text != NULL) {
		char *row = t_replace(text, "数量 15 1 0 0 0 0 16",
		    "数量 1 0 0 0 0 16");
		char *both = row != NULL ? t_replace(row,
		    "四、结转下年度继续办理 0 0 0 0 0 0 0",
		    "| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 |  |") : NULL;

		res = both != NULL ? t_check(s.e, "unsure blank", both) : NULL;
		expect(&s, res, "unsure blank", "sums.table_unreadable", 1, NULL);
		f = expect(&s, res, "unsure blank", "sums.blank_cell", 1,
		    "t3.carry_out.total");
		t_ok(t, res != NULL && res->errors == 0 && f != NULL &&
		    f->severity == NB_SEV_WARNING && f->ncells == 1,
		    "sums/unsure blank: one warning on the blank, no error");
		nb_result_free(res);
		free(both);
		free(row);
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
	const struct nb_table_read *t4;

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
	/* The same row through OCR: l and 丨 for 1, O for 0, a stray mark,
	 * "l0" for 10; read as printed, the same findings. */
	res = variant(&s, "ocr", T4ROW, "O l 0 0 丨 0 ′ 0 0 0 0 0 0 0 0 0\n");
	f = expect(&s, res, "ocr", "litigation.narrative", 1,
	    "t4.review.total");
	expect(&s, res, "ocr", "litigation.total", 0, NULL);
	expect(&s, res, "ocr", "litigation.incomplete", 0, NULL);
	nb_result_free(res);
	res = variant(&s, "ocr 10", T4ROW, "l0 0 0 0 l0 0 0 0 0 0 0 0 0 0 O\n");
	f = expect(&s, res, "ocr 10", "litigation.narrative", 1,
	    "t4.review.total");
	t_ok(t, f != NULL && f->expected == 10, "litigation/ocr 10: read 10");
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
	/* Eleven of its numbers there (pdftotext's default mode printed the
	 * first column block above the heading): the row is not absent, its
	 * numbers were lost or moved: one warning, no incomplete error. */
	res = variant(&s, "11 of 15", T4ROW, "0 0 0 0 0 0 0 0 0 0 0\n");
	expect(&s, res, "11 of 15", "litigation.table_unreadable", 1, NULL);
	expect(&s, res, "11 of 15", "litigation.incomplete", 0, NULL);
	t_ok(t, res != NULL && res->errors == 0, "litigation/11 of 15: no "
	    "error");
	nb_result_free(res);
	res = variant(&s, "one blank", T4ROW, "0 0 0 0 0 0 0 0 0 0 0 0 0 0 /\n");
	expect(&s, res, "one blank", "litigation.incomplete", 1,
	    "t4.lit_after.total");
	nb_result_free(res);
	/* Digits run together with more than one split (2 1 0 12 15 … or
	 * 2 10 1 2 15 …): one warning that
	 * says why (the reader's reason, or the digits as written), no
	 * incomplete, total or narrative error from a guess. */
	res = variant(&s, "glued", T4ROW, "21012152110400112\n");
	f = expect(&s, res, "glued", "litigation.table_unreadable", 1, NULL);
	t4 = table_read(res, "t4");
	t_ok(t, res != NULL && res->errors == 0 && res->nfindings == 1 &&
	    f != NULL && f->severity == NB_SEV_WARNING && t4 != NULL &&
	    strstr(f->message, t4->why[0] != '\0' ? t4->why :
	    "21012152110400112") != NULL,
	    "litigation/glued: one warning saying why, no error: %s",
	    f != NULL ? f->message : "-");
	nb_result_free(res);
	/* 15 digits, one split, its review total 0 under a 1: an error on
	 * that total, not an incomplete table. */
	res = variant(&s, "glued bad", T4ROW, "100000000000000\n");
	f = expect(&s, res, "glued bad", "litigation.total", 1,
	    "t4.review.total");
	t_ok(t, res != NULL && res->nfindings == 1 && f != NULL &&
	    f->ncells == 15 && strstr(f->message, "100000000000000") != NULL,
	    "litigation/glued bad: one error naming the digits: %s",
	    f != NULL ? f->message : "-");
	nb_result_free(res);
	/* 16 digits (real file 17's row): all three splits (10|1|0…,
	 * 1|0|10…, …|50|…) break both the review and the after-review
	 * totals, as the clean copy does: one error on each total. */
	res = variant(&s, "glued bad twice", T4ROW, "1010000000050000\n");
	f = expect(&s, res, "glued bad twice", "litigation.total", 2,
	    "t4.review.total");
	t_ok(t, res != NULL && res->nfindings == 2 && f != NULL &&
	    t_find(res, "litigation.total", "t4.lit_after.total") != NULL &&
	    strstr(f->message, "1010000000050000") != NULL,
	    "litigation/glued bad twice: review and after-review totals");
	nb_result_free(res);
	nb_engine_close(s.e);
}

/* One change to sample `name` (none if from is NULL), checked. */
static struct nb_result *
sample_variant(struct suite *s, const char *name, const char *from,
    const char *to)
{
	struct nb_result *res = NULL;
	char *text, *v;

	if ((text = t_sample(name, NULL)) == NULL)
		return NULL;
	v = from != NULL ? t_replace(text, from, to) : text;
	if (t_ok(s->t, v != NULL, "%s: \"%s\" found", name, from ? from : ""))
		res = t_check(s->e, name, v);
	if (v != text)
		free(v);
	free(text);
	return res;
}

/* The old format's 统计表 (DOMAIN.md §3.2): sample 002 (国办发〔2014〕32号
 * layout) and 平潭 2014 (本年度 / 历年累计) add up; one item or total
 * changed gives one warning naming the total; digits run together with
 * several splits give statistics.table_unreadable, no total. */
static void
test_statistics(struct tally *t)
{
	static const char *const p12 = "real-12_pingtan_2014.txt";
	struct suite s;
	struct nb_result *res;
	const struct nb_found *f;

	open_suite(&s, t, "statistics");
	if (s.e == NULL)
		return;
	res = sample_variant(&s, "sample-002.txt", NULL, NULL);
	expect_none(&s, res, "002");
	nb_result_free(res);
	res = sample_variant(&s, "sample-002.txt", "工作人员数\t人\t56",
	    "工作人员数\t人\t57");
	f = expect(&s, res, "002 staff 57", "statistics.total", 1,
	    "of.org.staff");
	t_ok(t, f != NULL && f->severity == NB_SEV_WARNING &&
	    f->line == 231 && f->has_values && f->actual == 57 &&
	    f->expected == 56, "statistics/002 staff: a warning, 57 vs 56 on "
	    "line 231");
	nb_result_free(res);
	res = sample_variant(&s, "sample-002.txt", "3. 网络申请数\t件\t0",
	    "3. 网络申请数\t件\t4");
	expect(&s, res, "002 online 4", "statistics.total", 1, "of.app.recv");
	nb_result_free(res);
	res = sample_variant(&s, "sample-002.txt", "(二) 被依法纠错数\t件\t0",
	    "(二) 被依法纠错数\t件\t1");
	f = expect(&s, res, "002 review corrected 1", "statistics.total", 1,
	    "of.review.total");
	t_ok(t, f != NULL && t_names(f, "of.review.corrected"),
	    "statistics/002: 行政复议's item, not 行政诉讼's");
	nb_result_free(res);
	res = sample_variant(&s, p12, NULL, NULL);
	expect_none(&s, res, "平潭 2014");
	nb_result_free(res);
	res = sample_variant(&s, p12, "受理依申请公开信息总数 条 1 1",
	    "受理依申请公开信息总数 条 2 1");
	expect(&s, res, "平潭 2014 received 2", "statistics.total", 1,
	    "of2.app.recv.year");
	nb_result_free(res);
	res = sample_variant(&s, p12, "同意公开答复数 条 1 1",
	    "同意公开答复数 条 1 3");
	expect(&s, res, "平潭 2014 agreed 3", "statistics.total", 1,
	    "of2.app.reply.cumulative");
	nb_result_free(res);
	/* 平潭 2018: "206912106" is 2069|12106 and other splits alike. */
	res = sample_variant(&s, "real-08_pingtan_2018.txt", NULL, NULL);
	f = expect(&s, res, "平潭 2018", "statistics.table_unreadable", 1, NULL);
	t_ok(t, res != NULL && res->nfindings == 1 && f != NULL &&
	    f->severity == NB_SEV_WARNING && strstr(f->message, "主动公开文件数")
	    != NULL, "statistics/平潭 2018: one warning naming the row");
	nb_result_free(res);
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
	test_statistics(&t);
	return t_done(&t);
}
