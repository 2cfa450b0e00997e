/*
 * litigation.c -- table T4 (行政复议、行政诉讼) of a 2021- or 2019-format report:
 * present, 15 cells, totals, and what sections 一 and 四 say about it
 * (DOMAIN.md §2.3, §3.1 T4-SUM, §4.3 NT-LIT).
 *
 * Errors come only from cells read with certainty (ABI 1.1 cell_info,
 * table_confidence); a table the reader is unsure of gets one
 * litigation.table_unreadable warning saying why, and is not checked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "certain.h"
#include "glued.h"

#include "text.h"

static const struct nb_rule rules[] = {
	{ "litigation.missing", NB_SEV_ERROR,
	    "缺少第四部分表格（行政复议、行政诉讼）" },
	{ "litigation.incomplete", NB_SEV_ERROR, "第四部分表格不足15个数字" },
	{ "litigation.table_unreadable", NB_SEV_WARNING,
	    "第四部分表格未能确定地读出，未检查其数值" },
	{ "litigation.total", NB_SEV_ERROR,
	    "第四部分表格“总计”不等于结果维持、结果纠正、其他结果、"
	    "尚未审结之和" },
	{ "litigation.narrative", NB_SEV_ERROR,
	    "正文所述行政复议、行政诉讼情况与第四部分表格不一致" },
};

#define REVIEW	"t4.review.total"
#define DIRECT	"t4.lit_direct.total"
#define AFTER	"t4.lit_after.total"

struct ctx {
	const struct nb_api *api;
	nb_ctx		*ctx;
	const nb_report	*r;
	int		 unsure;	/* T4 not read for sure: check nothing */
};

static int
certain(const struct ctx *c, const char *id)
{
	return cell_certain(c->api, c->r, id);
}

/* The number in cell id, when there is one to count on. */
static int
number(const struct ctx *c, const char *id, double *d, unsigned *line)
{
	struct nb_value v;

	if (c->unsure || !certain(c, id) || c->api->cell(c->r, id, &v) == -1 ||
	    (v.kind != NB_VAL_INT && v.kind != NB_VAL_DECIMAL))
		return -1;
	*d = v.d;
	if (line != NULL)
		*line = v.line;
	return 0;
}

/* Says once why T4 cannot be checked: the reader's reason, or the
 * cells read without certainty.  1 if said, 0 if T4 is sure, -1. */
static int
check_unsure(struct ctx *c, struct nb_finding *f, char *msg, size_t len)
{
	const char *why = "", *id, *unsure[15] = { NULL };
	size_t i, n = c->api->cell_count(c->r), k = 0;
	double conf = 1;
	struct nb_value v;

	if (NB_API_HAS(c->api, table_confidence))
		conf = c->api->table_confidence(c->r, "t4", &why);
	/* Unsure of the whole table: its reason says it all.  Else name
	 * the cells the reader is unsure of. */
	if (conf < NB_CONF_CERTAIN ||
	    c->api->table_state(c->r, "t4") == NB_TABLE_UNREADABLE)
		n = 0;
	for (i = 0; i < n; i++) {
		id = c->api->cell_id(c->r, i);
		if (id != NULL && strncmp(id, "t4.", 3) == 0 && k < 15 &&
		    c->api->cell(c->r, id, &v) == 0 &&
		    v.kind != NB_VAL_ABSENT && !certain(c, id))
			unsure[k++] = id;
	}
	if (n > 0 && k == 0)
		return 0;
	c->unsure = 1;
	if (why[0] == '\0' && k > 0 && c->api->cell(c->r, unsure[0], &v) == 0 &&
	    v.raw != NULL && v.raw[0] != '\0')
		snprintf(msg, len, "第四部分表格未能确定地读出：“%.*s”的读取"
		    "不确定（见所列单元格），未检查其数值", text_clip(v.raw, 200),
		    v.raw);
	else
		snprintf(msg, len, "第四部分表格未能确定地读出：%s%s，未检查其"
		    "数值", why[0] != '\0' ? why : k > 0 ? "部分数字的读取不确定" :
		    "数字无法一一对应到单元格", k > 0 ? "（见所列单元格）" : "");
	f->rule = "litigation.table_unreadable";
	f->severity = NB_SEV_WARNING;
	f->cell = k > 0 ? unsure[0] : NULL;
	f->cells = unsure;
	f->n_cells = k;
	return c->api->emit(c->ctx, f) == -1 ? -1 : 1;
}

static int
owns(const char *rule)
{
	return strcmp(rule, "litigation.total") == 0;
}

static int
check_presence(struct ctx *c)
{
	struct nb_finding f = { 0 };
	const char *id, *blank[15];
	size_t i, n = c->api->cell_count(c->r), cells = 0, nblank = 0;
	enum nb_table_state st = c->api->table_state(c->r, "t4");
	struct nb_value v;
	char msg[512];
	int rc;

	f.line = c->api->table_line(c->r, "t4");
	f.section = 4;
	f.severity = NB_SEV_ERROR;
	f.message = msg;
	if (st == NB_TABLE_ABSENT) {
		f.rule = "litigation.missing";
		snprintf(msg, sizeof(msg), "缺少第四部分表格（政府信息公开行政"
		    "复议、行政诉讼情况）");
		return c->api->emit(c->ctx, &f);
	}
	/* Its one row's digits written together cannot add up: said, and
	 * nothing else read from it. */
	if ((rc = glued_report(c->api, c->ctx, c->r, "t4", "第四部分表格",
	    "litigation.total", owns)) != 0 ||
	    (rc = check_unsure(c, &f, msg, sizeof(msg))) != 0) {
		c->unsure = 1;
		return rc == -1 ? -1 : 0;
	}
	for (i = 0; i < n; i++) {
		id = c->api->cell_id(c->r, i);
		if (id == NULL || strncmp(id, "t4.", 3) != 0)
			continue;
		cells++;
		if ((c->api->cell(c->r, id, &v) == -1 ||
		    (v.kind != NB_VAL_INT && v.kind != NB_VAL_DECIMAL)) &&
		    nblank < 15)
			blank[nblank++] = id;
	}
	if (nblank == 0)
		return 0;
	f.rule = "litigation.incomplete";
	snprintf(msg, sizeof(msg), "第四部分表格应有%zu个数字，只找到%zu个",
	    cells, cells - nblank);
	f.cell = blank[0];
	f.cells = blank;
	f.n_cells = nblank;
	return c->api->emit(c->ctx, &f);
}

static int
emit_sum(const struct ctx *c, const struct nb_relation *rel, double lhs,
    double rhs)
{
	struct nb_finding f = { 0 };
	const char *cells[16];
	char msg[512];
	size_t i, n = 0;
	double total;

	for (i = 0; i < rel->n_lhs && n < 16; i++)
		cells[n++] = rel->lhs[i];
	for (i = 0; i < rel->n_rhs && n < 16; i++)
		cells[n++] = rel->rhs[i];
	snprintf(msg, sizeof(msg), "%s，但%s为%g，各项之和为%g", rel->label,
	    c->api->cell_label(c->r, rel->lhs[0]), lhs, rhs);
	f.rule = "litigation.total";
	f.severity = rel->severity;
	f.message = msg;
	number(c, rel->lhs[0], &total, &f.line);
	f.section = 4;
	/* One relation per group: a wrong part and a wrong total look the
	 * same, so the total is named and every cell listed. */
	f.cell = rel->lhs[0];
	f.cells = cells;
	f.n_cells = n;
	f.relation = rel->id;
	f.has_values = 1;
	f.expected = rhs;
	f.actual = lhs;
	return c->api->emit(c->ctx, &f);
}

/* Every cell of rel read with certainty? */
static int
sure(const struct ctx *c, const struct nb_relation *rel)
{
	const long *ix = relation_cells(c->api, c->r, rel);
	size_t i;

	for (i = 0; i < rel->n_lhs + rel->n_rhs; i++)
		if (!cell_certain_at(c->api, c->r, ix != NULL ? ix[i] : -1,
		    i < rel->n_lhs ? rel->lhs[i] : rel->rhs[i - rel->n_lhs]))
			return 0;
	return !c->unsure;
}

static int
check_sums(const struct ctx *c)
{
	size_t i, n = c->api->relation_count(c->r);
	double lhs, rhs;

	for (i = 0; i < n; i++) {
		const struct nb_relation *rel = c->api->relation(c->r, i);

		if (rel == NULL || strcmp(rel->rule, "litigation.total") != 0 ||
		    rel->n_lhs == 0 || !sure(c, rel) ||
		    c->api->relation_check(c->r, rel, &lhs, &rhs) != 0)
			continue;
		if (emit_sum(c, rel, lhs, rhs) == -1)
			return -1;
	}
	return 0;
}

/* ---- what the text says ---- */

#define NWINDOW 24	/* characters between 无 and 行政复议 */

static const char *const negators[] = { "无", "未发生", "没有", "未出现" };

/* "行政复议3件": the number right after the word, or -1. */
static long
count_after(const char *s)
{
	char *end;
	long n;

	if (*s < '0' || *s > '9')
		return -1;
	n = strtol(s, &end, 10);
	return text_starts(end, "件") ? n : -1;
}

struct claim {
	long	review, lit;	/* stated counts, -1 when not stated */
	size_t	off;		/* where in the section text */
};

/* After a negator: which of the two it denies (both when listed). */
static int
denial(const char *s, struct claim *cl)
{
	size_t i;

	for (i = 0; i < NWINDOW && !text_clause_end(s); i++, s += text_u8len(s)) {
		if (text_starts(s, "行政复议")) {
			cl->review = 0;
			s += strlen("行政复议");
			if (text_starts(s, "、") || text_starts(s, "和") ||
			    text_starts(s, "及"))
				s += text_u8len(s);
			if (text_starts(s, "行政诉讼"))
				cl->lit = 0;
			return 1;
		}
		if (text_starts(s, "行政诉讼")) {
			cl->lit = 0;
			return 1;
		}
	}
	return 0;
}

static int
claim_at(const char *s, struct claim *cl)
{
	size_t i;

	cl->review = cl->lit = -1;
	for (i = 0; i < sizeof(negators) / sizeof(negators[0]); i++)
		if (text_starts(s, negators[i]))
			return denial(s + strlen(negators[i]), cl);
	if (text_starts(s, "行政复议"))
		cl->review = count_after(s + strlen("行政复议"));
	else if (text_starts(s, "行政诉讼"))
		cl->lit = count_after(s + strlen("行政诉讼"));
	return cl->review >= 0 || cl->lit >= 0;
}

static int
emit_claim(const struct ctx *c, int n, size_t off, const char *what,
    long stated, double table, const char **cells, size_t ncells)
{
	struct nb_finding f = { 0 };
	char msg[512];

	if (stated == 0)
		snprintf(msg, sizeof(msg), "正文称没有%s，但第四部分表格为%g件",
		    what, table);
	else
		snprintf(msg, sizeof(msg), "正文称%s%ld件，但第四部分表格为"
		    "%g件", what, stated, table);
	f.rule = "litigation.narrative";
	f.severity = NB_SEV_ERROR;
	f.message = msg;
	f.line = c->api->section_text_line(c->r, n, off);
	f.section = n;
	f.cell = cells[0];
	f.cells = cells;
	f.n_cells = ncells;
	f.has_values = 1;
	f.expected = table;
	f.actual = (double)stated;
	return c->api->emit(c->ctx, &f);
}

static int
judge(const struct ctx *c, int n, const struct claim *cl)
{
	const char *rv[] = { REVIEW }, *lit[] = { DIRECT, AFTER };
	double review, direct, after;

	if (number(c, REVIEW, &review, NULL) == -1 ||
	    number(c, DIRECT, &direct, NULL) == -1 ||
	    number(c, AFTER, &after, NULL) == -1)
		return 0;
	if (cl->review >= 0 && (double)cl->review != review &&
	    emit_claim(c, n, cl->off, "行政复议", cl->review, review, rv, 1))
		return -1;
	if (after != 0 && direct == 0) {
		lit[0] = AFTER;
		lit[1] = DIRECT;
	}
	if (cl->lit >= 0 && (double)cl->lit != direct + after &&
	    emit_claim(c, n, cl->off, "行政诉讼", cl->lit, direct + after,
	    lit, 2))
		return -1;
	return 0;
}

/* Section 四 is read only above its table: the table header repeats the
 * words 行政复议 and 行政诉讼. */
static int
check_text(const struct ctx *c, int n)
{
	const char *text = c->api->section_text(c->r, n), *s;
	static const char *const act = "行政";	/* 行政复议, 行政诉讼 */
	unsigned long long firsts;
	struct claim cl;
	size_t end;

	if (text == NULL)
		return 0;
	end = c->api->section_text_offset(c->r, n,
	    n == 4 ? c->api->table_line(c->r, "t4") : 0);
	firsts = text_firsts(negators, sizeof(negators) / sizeof(negators[0])) |
	    text_firsts(&act, 1);
	for (s = text; (size_t)(s - text) < end; s += text_u8len(s)) {
		/* Most characters start no claim. */
		if (!text_may_start(firsts, s))
			continue;
		cl.off = (size_t)(s - text);
		if (claim_at(s, &cl) && judge(c, n, &cl) == -1)
			return -1;
	}
	return 0;
}

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	struct ctx c = { api, ctx, r, 0 };

	(void)state;
	/* The six parts and tables T2-T4 are those of 2021 and of the
	 * 2019 trial format, each read by its own pack. */
	if (api->format(r) != NB_FMT_2021 && api->format(r) != NB_FMT_2019)
		return 0;
	if (check_presence(&c) == -1 || check_sums(&c) == -1)
		return -1;
	if (check_text(&c, 1) == -1)
		return -1;
	return check_text(&c, 4);
}

static const struct nb_plugin plugin = {
	NB_ABI_VERSION, sizeof(struct nb_plugin), "litigation", "1.2",
	rules, sizeof(rules) / sizeof(rules[0]), NULL, check, NULL, NULL
};

NB_EXPORT const struct nb_plugin *
nb_plugin_entry(void)
{
	return &plugin;
}
