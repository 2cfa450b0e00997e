/*
 * fees.c -- 信息处理费 in section 六 and the 行政事业性收费 amount of T2
 * (DOMAIN.md §4.2 FEE-MENTION, FEE-T3, FEE-NOT-T2; §3.1 NUM-WAN).
 *
 * The two are different fees: t2.fee.amount_wan is 行政事业性收费 (条例
 * art. 20(八)); the statement section 六 must carry is about the 信息处理费
 * of 国办函〔2020〕109号.  The table is never taken as the statement.
 */
#include <stdio.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "certain.h"

static const struct nb_rule rules[] = {
	{ "fees.no_statement", NB_SEV_ERROR,
	    "第六部分未说明是否收取信息处理费" },
	{ "fees.vague_statement", NB_SEV_WARNING,
	    "第六部分只笼统提到费用，未写明信息处理费" },
	{ "fees.amount_unit", NB_SEV_WARNING,
	    "行政事业性收费金额应为以万元为单位的非负数" },
	{ "fees.notices_unreported", NB_SEV_ERROR,
	    "发出了收费通知，但第六部分未报告信息处理费" },
};

#define FEE_CELL	"t2.fee.amount_wan"
#define NO_FEE_CELL	"t3.result.other.no_fee.total"

/* Words that speak of fees in general; 行政事业性收费 is masked first. */
static const char *const vague[] = { "费用", "收费", "收取" };

struct ctx {
	const struct nb_api *api;
	nb_ctx		*ctx;
	const nb_report	*r;
};

static int
emit(const struct ctx *c, const char *rule, enum nb_severity sev,
    unsigned line, int section, const char *cell, const char *msg)
{
	struct nb_finding f = { 0 };

	f.rule = rule;
	f.severity = sev;
	f.message = msg;
	f.line = line;
	f.section = section;
	f.cell = cell;
	if (cell != NULL) {
		f.cells = &cell;
		f.n_cells = 1;
	}
	return c->api->emit(c->ctx, &f);
}

/* Does text speak of fees other than 行政事业性收费? */
static int
speaks_of_fees(const char *text)
{
	const char *p;
	size_t i, n = strlen("行政事业性");

	for (i = 0; i < sizeof(vague) / sizeof(vague[0]); i++) {
		for (p = text; (p = strstr(p, vague[i])) != NULL; p++) {
			if ((size_t)(p - text) >= n &&
			    strncmp(p - n, "行政事业性", n) == 0)
				continue;
			return 1;
		}
	}
	return 0;
}

static int
check_statement(const struct ctx *c, const char *kw, int *stated)
{
	const char *text = c->api->section_text(c->r, 6);
	unsigned line = c->api->section_line(c->r, 6);
	char msg[256];

	*stated = 0;
	/* A missing section 六 is reported by the sections plugin. */
	if (line == 0 || text == NULL)
		return 0;
	if (strstr(text, kw) != NULL) {
		*stated = 1;
		return 0;
	}
	if (speaks_of_fees(text)) {
		snprintf(msg, sizeof(msg), "第六部分只笼统说明了费用情况，"
		    "未写明“%s”的收取情况", kw);
		return emit(c, "fees.vague_statement", NB_SEV_WARNING, line, 6,
		    NULL, msg);
	}
	snprintf(msg, sizeof(msg), "第六部分未说明是否收取%s", kw);
	return emit(c, "fees.no_statement", NB_SEV_ERROR, line, 6, NULL, msg);
}

/* More than 4 decimals in 万元 is below one yuan: a value in 元. */
static int
too_precise(const char *raw)
{
	const char *dot = strchr(raw, '.');

	return dot != NULL && strspn(dot + 1, "0123456789") > 4;
}

/* The model reads "1382元" as no number at all; the row line tells why.
 * Returns the line of a 行政事业性收费 row in section 二 whose amount is
 * written with 元, or 0. */
static unsigned
yuan_row(const struct ctx *c)
{
	unsigned i = c->api->section_line(c->r, 2);
	unsigned end = c->api->section_end(c->r, 2);
	size_t n = strlen("行政事业性收费");

	for (; i != 0 && i <= end; i++) {
		const char *t = c->api->line_text(c->r, i), *y;

		if (t == NULL || strncmp(t, "行政事业性收费", n) != 0 ||
		    (y = strstr(t + n, "元")) == NULL)
			continue;
		while (y > t + n && (y[-1] == ' ' || y[-1] == '\t'))
			y--;
		if (y > t + n && y[-1] >= '0' && y[-1] <= '9')
			return i;
	}
	return 0;
}

static int
check_amount(const struct ctx *c)
{
	enum nb_table_state st = c->api->table_state(c->r, "t2");
	struct nb_value v;
	const char *raw;
	unsigned line;
	char msg[512];

	if (st == NB_TABLE_ABSENT || st == NB_TABLE_HEADER_ONLY ||
	    c->api->cell(c->r, FEE_CELL, &v) == -1)
		return 0;
	raw = v.raw != NULL ? v.raw : "";
	if (v.kind != NB_VAL_INT && v.kind != NB_VAL_DECIMAL &&
	    (line = yuan_row(c)) != 0) {
		snprintf(msg, sizeof(msg), "行政事业性收费金额以“元”填写"
		    "（%s），表格单位为万元", c->api->line_text(c->r, line));
		return emit(c, "fees.amount_unit", NB_SEV_WARNING, line, 2,
		    FEE_CELL, msg);
	}
	/* A cell the reader is unsure of (confidence 0: its row lost,
	 * digits run together) is neither blank nor an amount. */
	if (!cell_certain(c->api, c->r, FEE_CELL))
		return 0;
	if (v.kind != NB_VAL_INT && v.kind != NB_VAL_DECIMAL) {
		snprintf(msg, sizeof(msg), "未填写行政事业性收费金额（“%s”），"
		    "没有收费应填0", raw);
		return emit(c, "fees.amount_unit", NB_SEV_WARNING, v.line, 2,
		    FEE_CELL, msg);
	}
	/* The one error here: only from an amount read with certainty. */
	if (v.d < 0) {
		snprintf(msg, sizeof(msg), "行政事业性收费金额为负数（%s）",
		    raw);
		return emit(c, "fees.amount_unit", NB_SEV_ERROR, v.line, 2,
		    FEE_CELL, msg);
	}
	if (strstr(raw, "元") != NULL || too_precise(raw)) {
		snprintf(msg, sizeof(msg), "行政事业性收费金额“%s”疑似以元为"
		    "单位，表格单位为万元", raw);
		return emit(c, "fees.amount_unit", NB_SEV_WARNING, v.line, 2,
		    FEE_CELL, msg);
	}
	return 0;
}

static int
check_notices(const struct ctx *c, const char *kw, int stated)
{
	struct nb_value v;
	char msg[256];

	if (stated || !cell_certain(c->api, c->r, NO_FEE_CELL) ||
	    c->api->cell(c->r, NO_FEE_CELL, &v) == -1 ||
	    (v.kind != NB_VAL_INT && v.kind != NB_VAL_DECIMAL) || v.d <= 0)
		return 0;
	snprintf(msg, sizeof(msg), "第三部分表格有%g件因逾期未缴纳费用不再"
	    "处理的申请（发出过收费通知），但第六部分未报告%s", v.d, kw);
	return emit(c, "fees.notices_unreported", NB_SEV_ERROR, v.line, 6,
	    NO_FEE_CELL, msg);
}

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	struct ctx c = { api, ctx, r };
	const char *kw = api->option(ctx, "keyword");
	int stated;

	(void)state;
	if (api->format(r) != NB_FMT_2021)
		return 0;
	if (kw == NULL || *kw == '\0')
		kw = "信息处理费";
	if (check_statement(&c, kw, &stated) == -1 ||
	    check_amount(&c) == -1)
		return -1;
	return check_notices(&c, kw, stated);
}

static const struct nb_plugin plugin = {
	NB_ABI_VERSION, sizeof(struct nb_plugin), "fees", "1.0",
	rules, sizeof(rules) / sizeof(rules[0]), NULL, check, NULL, NULL
};

NB_EXPORT const struct nb_plugin *
nb_plugin_entry(void)
{
	return &plugin;
}
