/*
 * narrative.c -- the number of applications the text states against T3
 * (DOMAIN.md §4.3 NT-APP-NEW, NT-APP-DONE).
 *
 * Patterns, on the compacted section text (no white space):
 *   (收到|受理|新收)[^。；]{0,20}?申请[^0-9。；]{0,6}(\d+)件
 *	against t3.new.total
 *   (办结|答复)[^。；，]{0,12}?(\d+)件
 *	against t3.result.total.total
 * A sentence such as "受理并办结…17件" matches both with the same number:
 * that is one claim and gives one finding naming both cells.  Only
 * sentences that say 公开 are read, and the 办结 pattern stops at a comma,
 * so counts of other work (政务服务, 12345 hotline) are left alone.  A
 * count of one kind of result ("同意公开答复9件") or of the carry-over
 * ("转下一年度办理答复的有1件") is no total: narrative.results judges it.
 * Counts may be written in Chinese numerals ("十七件").
 *
 * This file also holds the plugin's descriptor; each other rule family
 * has a file of its own (narrative.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "certain.h"
#include "narrative.h"
#include "numphrase.h"
#include "text.h"

static const struct nb_rule rules[] = {
	{ "narrative.applications", NB_SEV_ERROR,
	    "正文所述收到或办结的申请数与第三部分表格不一致" },
	{ "narrative.sum", NB_SEV_WARNING,
	    "正文所述总数与其所列分项之和不一致，或比率与其所据数字不符" },
	{ "narrative.results", NB_SEV_ERROR,
	    "正文所述办理结果或结转件数与第三部分表格不一致" },
	{ "narrative.t2", NB_SEV_WARNING,
	    "正文所述规范性文件制发、废止、现行有效件数与第二部分表格不一致" },
	{ "narrative.contradiction", NB_SEV_WARNING, "正文前后表述自相矛盾" },
};

#define NEW_CELL	"t3.new.total"
#define CARRY_CELL	"t3.carry_in.total"
#define DONE_CELL	"t3.result.total.total"

struct match {
	long	n;		/* the number stated */
	size_t	off;		/* offset of its first digit */
	char	verb[8];	/* the trigger word, for the message */
};

/* A count of 件 at s: digits or Chinese numerals. */
static int
count_at(const char *base, const char *s, struct match *m)
{
	struct numphrase np;

	if (!numphrase_at(base, (size_t)(s - base), &np) ||
	    strcmp(np.unit, "件") != 0 || np.fraction)
		return 0;
	m->n = (long)np.n;
	m->off = np.off;
	return 1;
}

/* 申请[^0-9。；]{0,6}(\d+)件 at s. */
static int
after_apply(const char *base, const char *s, struct match *m)
{
	int i;

	if (!text_starts(s, "申请"))
		return 0;
	s += strlen("申请");
	for (i = 0; i <= 6 && !text_sentence_end(s); i++, s += text_u8len(s))
		if (count_at(base, s, m))
			return 1;
	return 0;
}

/* After 收到/受理/新收: the first 申请 within 20 characters that is
 * followed by a count -- what the lazy regex would find. */
static int
received(const char *base, const char *s, struct match *m)
{
	int i;

	for (i = 0; i <= 20 && !text_sentence_end(s); i++, s += text_u8len(s))
		if (after_apply(base, s, m))
			return 1;
	return 0;
}

/* Unlike the received pattern this one stops at a comma too: "认真答复，
 * 已办理10965件" is about another count (12345 hotline in sample 001). */
static int
done(const char *base, const char *s, struct match *m)
{
	int i;

	for (i = 0; i <= 12 && !text_sentence_end(s) && *s != ',' &&
	    !text_starts(s, "，");
	    i++, s += text_u8len(s))
		if (count_at(base, s, m))
			return 1;
	return 0;
}

static double
cell_or(const struct narr *c, const char *id, int *ok)
{
	double v;

	if (!narr_cell(c, id, &v)) {
		*ok = 0;
		return 0;
	}
	return v;
}

/* A count of one kind of result or of the carry-over: the words between
 * the start of the clause and the number say which. */
static int
not_a_total(const char *text, size_t verb, size_t num)
{
	static const char *const w[] = { "予以公开", "同意公开", "部分公开",
	    "不予公开", "无法提供", "不予处理", "其他处理", "结转", "转下",
	    "转入下" };
	const char *s = text + verb, *e = text + num;
	size_t i;

	while (s > text && s[-1] != ',' && !text_sentence_end(s - 1) &&
	    !(s - text >= 3 && (text_starts(s - 3, "，") ||
	    text_starts(s - 3, "。") || text_starts(s - 3, "；"))))
		s--;
	for (; s < e; s++)
		for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
			if (text_starts(s, w[i]))
				return 1;
	return 0;
}

static int
emit(const struct narr *c, int n, const struct match *m, const char **cells,
    size_t ncells, const char *what, double table)
{
	struct nb_finding f = { 0 };
	char msg[512];

	snprintf(msg, sizeof(msg), "正文称%s政府信息公开申请%ld件，但第三部分"
	    "表格为%g件", what, m->n, table);
	f.rule = "narrative.applications";
	f.severity = NB_SEV_ERROR;
	f.message = msg;
	f.line = c->api->section_text_line(c->r, n, m->off);
	f.section = n;
	f.cell = cells[0];
	f.cells = cells;
	f.n_cells = ncells;
	f.has_values = 1;
	f.expected = table;
	f.actual = (double)m->n;
	return c->api->emit(c->ctx, &f);
}

static int
judge_new(struct narr *c, int n, const char *text, struct match *m)
{
	const char *cells[] = { NEW_CELL, DONE_CELL };
	int ok = 1, dok = 1, cok = 1;
	double nw = cell_or(c, NEW_CELL, &ok), dn = cell_or(c, DONE_CELL, &dok);
	double carry = cell_or(c, CARRY_CELL, &cok);

	if (narr_seen(c, n, m->off))
		return 0;
	narr_see(c, n, m->off);
	if (!ok || (double)m->n == nw)
		return 0;
	if (cok && (double)m->n == nw + carry &&
	    narr_sentence_has(text, m->off, "上年结转"))
		return 0;
	/* "受理并办结N件" claims both; name both cells when both differ. */
	return emit(c, n, m, cells, dok && (double)m->n != dn ? 2 : 1,
	    m->verb, nw);
}

static int
judge_done(struct narr *c, int n, struct match *m)
{
	const char *cells[] = { DONE_CELL };
	int ok = 1;
	double dn = cell_or(c, DONE_CELL, &ok);

	if (narr_seen(c, n, m->off))
		return 0;
	narr_see(c, n, m->off);
	if (!ok || (double)m->n == dn)
		return 0;
	return emit(c, n, m, cells, 1, m->verb, dn);
}

/* Section 三 is read only above its table, whose row labels contain
 * 新收…申请 followed by numbers. */
static int
check_text(struct narr *c, int n)
{
	const char *text = c->api->section_text(c->r, n), *s;
	static const char *const verbs[] = { "收到", "受理", "新收", "办结",
	    "答复" };
	unsigned long long firsts = text_firsts(verbs, 5);
	struct match m;
	size_t end;
	int rc = 0;

	if (text == NULL)
		return 0;
	end = c->api->section_text_offset(c->r, n,
	    n == 3 ? c->api->table_line(c->r, "t3") : 0);
	for (s = text; (size_t)(s - text) < end && rc == 0; s += text_u8len(s)) {
		if (!text_may_start(firsts, s))
			continue;
		int recv = text_starts(s, "收到") || text_starts(s, "受理") ||
		    text_starts(s, "新收");
		int dn = text_starts(s, "办结") || text_starts(s, "答复");

		if (!recv && !dn)
			continue;
		/* Every trigger word is two CJK characters: 6 bytes. */
		memcpy(m.verb, s, 6);
		m.verb[6] = '\0';
		/* Only sentences about 政府信息公开: "受理政务服务事项申请
		 * 12件" counts something else. */
		if (recv && received(text, s + 6, &m) &&
		    narr_sentence_has(text, m.off, "公开") &&
		    !not_a_total(text, (size_t)(s - text), m.off))
			rc = judge_new(c, n, text, &m);
		else if (dn && done(text, s + 6, &m) &&
		    narr_sentence_has(text, m.off, "公开") &&
		    !not_a_total(text, (size_t)(s - text), m.off))
			rc = judge_done(c, n, &m);
	}
	return rc;
}

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	struct narr c;
	enum nb_format fmt = api->format(r);

	(void)state;
	memset(&c, 0, sizeof(c));
	c.api = api;
	c.ctx = ctx;
	c.r = r;
	/* Applications first: the numbers they judge are theirs.  The six
	 * parts and tables T2-T4 are those of 2021 and of the 2019 trial
	 * format, each read by its own pack. */
	if ((fmt == NB_FMT_2021 || fmt == NB_FMT_2019) &&
	    (check_text(&c, 1) == -1 || check_text(&c, 3) == -1))
		return -1;
	/* The text's own arithmetic holds in every format. */
	if (narr_sum(&c) == -1 || narr_contradiction(&c) == -1)
		return -1;
	/* After the contradictions: "全部办结" is theirs when the text
	 * itself says otherwise. */
	if ((fmt == NB_FMT_2021 || fmt == NB_FMT_2019) &&
	    narr_results(&c) == -1)
		return -1;
	return fmt == NB_FMT_2021 ? narr_t2(&c) : 0;
}

static const struct nb_plugin plugin = {
	NB_ABI_VERSION, sizeof(struct nb_plugin), "narrative", "1.1",
	rules, sizeof(rules) / sizeof(rules[0]), NULL, check, NULL, NULL
};

NB_EXPORT const struct nb_plugin *
nb_plugin_entry(void)
{
	return &plugin;
}
