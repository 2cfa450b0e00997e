/*
 * narrative_results.c -- what the text says of the results of the
 * applications against 三、本年度办理结果 and 四、结转下年度继续办理 of
 * T3 (DOMAIN.md §4.3 NT-APP-DONE, NT-CARRY), rule narrative.results.
 *
 *   "同意公开答复9件", "予以公开及部分公开258件", "无法提供的10件"
 *	against the rows (一)–(六) (their sub-rows summed): an error;
 *   "结转下年度继续办理2件", "转下一年度办理答复的有1件"
 *	against t3.carry_out.total: an error;
 *   "均已办结", "全部办结", "办结率100%" while t3.carry_out.total > 0:
 *	a warning (the sentence may mean only this year's new ones).
 * Numbers narrative.applications judged are left alone, and so is a
 * sentence on 议案/建议/提案 or 政务服务: only sentences about 申请 count.
 */
#include <stdio.h>
#include <string.h>

#include "narrative.h"
#include "numphrase.h"
#include "text.h"

#define CARRY_CELL "t3.carry_out.total"

struct category {
	const char	*word;
	const char	*name;		/* for the message */
	const char	*cells[8];	/* summed; NULL-terminated */
};

static const struct category cats[] = {
	{ "予以公开", "予以公开", { "t3.result.open.total" } },
	{ "同意公开", "予以公开", { "t3.result.open.total" } },
	{ "部分公开", "部分公开", { "t3.result.partial.total" } },
	{ "不予公开", "不予公开", { "t3.result.deny.secret.total",
	    "t3.result.deny.law.total", "t3.result.deny.safety.total",
	    "t3.result.deny.third_party.total", "t3.result.deny.internal.total",
	    "t3.result.deny.process.total", "t3.result.deny.enforcement.total",
	    "t3.result.deny.query.total" } },
	{ "无法提供", "无法提供", { "t3.result.unable.not_held.total",
	    "t3.result.unable.need_create.total",
	    "t3.result.unable.unclear.total" } },
	{ "不予处理", "不予处理", { "t3.result.noproc.petition.total",
	    "t3.result.noproc.repeat.total",
	    "t3.result.noproc.publication.total",
	    "t3.result.noproc.massive.total",
	    "t3.result.noproc.confirm.total" } },
	{ "其他处理", "其他处理", { "t3.result.other.no_correction.total",
	    "t3.result.other.no_fee.total", "t3.result.other.other.total" } },
};
#define NCATS (sizeof(cats) / sizeof(cats[0]))

/* Sentences about something else than applications for information. */
static const char *const elsewhere[] = { "议案", "建议", "提案", "政务服务",
    "热线", "12345", "工单", "信访", "事项" };

/* A sentence on carry-over may leave 申请 to the one before. */
static int
about_applications(const char *t, const char *s, int carry)
{
	size_t i;

	if (!narr_sentence_has(t, (size_t)(s - t), "申请") && !carry)
		return 0;
	for (i = 0; i < sizeof(elsewhere) / sizeof(elsewhere[0]); i++)
		if (narr_sentence_has(t, (size_t)(s - t), elsewhere[i]))
			return 0;
	return 1;
}

/* The category named at s ("不同意公开" is 不予公开), or -1. */
static int
category_at(const char *t, const char *s)
{
	size_t i;

	for (i = 0; i < NCATS; i++) {
		if (!text_starts(s, cats[i].word))
			continue;
		if (i <= 1 && s - t >= 3 && text_starts(s - 3, "不"))
			return 3;
		return (int)i;
	}
	return -1;
}

/* The cells of the categories in mask, summed. */
static int
table_value(const struct narr *c, unsigned mask, double *v)
{
	const char *ids[32];
	size_t i, j, n = 0;

	for (i = 0; i < NCATS; i++)
		if (mask & (1u << i))
			for (j = 0; j < 8 && cats[i].cells[j] != NULL; j++)
				if (n < 32)
					ids[n++] = cats[i].cells[j];
	/* Open is named twice (予以公开, 同意公开): no double count. */
	if ((mask & 3u) == 3u)
		return 0;
	return narr_cells(c, ids, n, v);
}

static int
judge_count(struct narr *c, int n, const char *t, const struct numphrase *np,
    const char *what, const char *const *cells, double table)
{
	size_t ncells = 0;
	char msg[1024], quote[256];

	narr_see(c, n, np->off);
	if ((double)np->n == table)
		return 0;
	while (ncells < 8 && cells[ncells] != NULL)
		ncells++;
	narr_quote(t, np->off, quote, sizeof(quote));
	snprintf(msg, sizeof(msg), "正文“%s”称%s%lld件，但第三部分表格为%g件",
	    quote, what, np->n, table);
	/* A row of sub-rows (不予公开 1–8) has no one cell at fault. */
	return narr_emit(c, "narrative.results", NB_SEV_ERROR, n, np->off, msg,
	    ncells == 1 ? cells[0] : NULL, cells, ncells, 1, table,
	    (double)np->n);
}

/* A category word at s: the categories named up to the count (joined by
 * 及/和/、), the count, in one clause of at most 16 characters. */
static int
check_category(struct narr *c, int n, const char *t, size_t lim,
    const char *s, int cat)
{
	unsigned mask = 1u << cat;
	const char *p = s + strlen(cats[cat].word);
	char what[64];
	struct numphrase np;
	double v;
	int i;

	snprintf(what, sizeof(what), "%s", cats[cat].name);
	for (i = 0; i < 16 && (size_t)(p - t) < lim && !text_clause_end(p);
	    i++, p += text_u8len(p)) {
		if (text_starts(p, "含") || text_starts(p, "其中") ||
		    text_starts(p, "包括") || *p == '(' ||
		    text_starts(p, "（"))
			return 0;
		int k = category_at(t, p);

		if (k >= 0) {
			mask |= 1u << k;
			snprintf(what + strlen(what), sizeof(what) - strlen(what),
			    "及%s", cats[k].name);
			p += strlen(cats[k].word) - 1;
			continue;
		}
		if (!numphrase_at(t, (size_t)(p - t), &np))
			continue;
		if (strcmp(np.unit, "件") != 0 || np.approx || np.fraction ||
		    narr_seen(c, n, np.off) || !about_applications(t, p, 0) ||
		    !table_value(c, mask, &v))
			return 0;
		return judge_count(c, n, t, &np, what, cats[cat].cells, v);
	}
	return 0;
}

/* A count of 件 ending right before s, in its clause ("1件结转下年度继续
 * 办理", real 05): 1 and *np. */
static int
count_before(const char *t, const char *s, struct numphrase *np)
{
	const char *p = s;
	int i;

	for (i = 0; i < 8 && p > t; i++) {
		do
			p--;
		while (p > t && ((unsigned char)*p & 0xc0) == 0x80);
		if (text_clause_end(p))
			return 0;
		if (numphrase_at(t, (size_t)(p - t), np) &&
		    t + np->end == s)
			return 1;
	}
	return 0;
}

/* "结转下年度…N件", "转下一年度…N件", "N件结转下年度": the count of 件
 * in the clause, not "上年结转". */
static int
check_carry(struct narr *c, int n, const char *t, size_t lim, const char *s)
{
	const char *p;
	static const char *const carry[] = { CARRY_CELL, NULL };
	struct numphrase np;
	double v;
	int i;

	if (s - t >= 6 && text_starts(s - 6, "上年"))
		return 0;
	if (!text_starts(s, "结转下") && !text_starts(s, "转下") &&
	    !text_starts(s, "转入下") && !text_starts(s, "结转至下") &&
	    !text_starts(s, "结转到下"))
		return 0;
	for (p = s, i = 0; i < 16 && (size_t)(p - t) < lim &&
	    !text_clause_end(p); i++, p += text_u8len(p)) {
		if (i == 0 && count_before(t, s, &np))
			p = t + np.off;
		else if (!numphrase_at(t, (size_t)(p - t), &np))
			continue;
		if (strcmp(np.unit, "件") != 0 || np.approx ||
		    narr_seen(c, n, np.off) || !about_applications(t, p, 1) ||
		    !narr_cell(c, CARRY_CELL, &v))
			return 0;
		return judge_count(c, n, t, &np, "结转下年度", carry, v);
	}
	return 0;
}

/* "全部办结" while applications are carried over. */
static const char *const all_done[] = { "全部办结", "均已办结",
    "均已按时办结", "全部按时办结", "均按时办结", "全部予以答复", "均已答复",
    "办结率100%", "办结率为100%", "办结率达100%", "办结率达到100%" };
#define NDONE (sizeof(all_done) / sizeof(all_done[0]))

static int
check_all_done(struct narr *c, int n, const char *t, const char *s)
{
	const char *const *w = all_done;
	char msg[1024], quote[256];
	size_t i, off = (size_t)(s - t);
	double v;

	for (i = 0; i < NDONE; i++)
		if (text_starts(s, w[i]))
			break;
	if (i == NDONE || narr_seen_sentence(c, n, t, off) ||
	    !about_applications(t, s, 0) || narr_sentence_has(t, off, "结转下") ||
	    narr_sentence_has(t, off, "转下一") ||
	    narr_sentence_has(t, off, "转入下") ||
	    narr_sentence_has(t, off, "其余") || narr_sentence_has(t, off, "除") ||
	    narr_clause_has(t, off, "上年") ||
	    !narr_cell(c, CARRY_CELL, &v) || v <= 0)
		return 0;
	narr_see_sentence(c, n, t, off);
	narr_quote(t, off, quote, sizeof(quote));
	snprintf(msg, sizeof(msg), "正文“%s”称申请已全部办结，但第三部分表格"
	    "“结转下年度继续办理”为%g件", quote, v);
	return narr_emit(c, "narrative.results", NB_SEV_WARNING, n, off, msg,
	    CARRY_CELL, NULL, 0, 1, 0, v);
}

static int
check_section(struct narr *c, int n)
{
	size_t lim, off;
	const char *t = narr_text(c, n, &lim);
	static const char *const carry[] = { "结转", "转" };
	unsigned long long firsts = text_firsts(all_done, NDONE) |
	    text_firsts(carry, 2);
	size_t i;
	int rc = 0;

	for (i = 0; i < NCATS; i++)
		firsts |= text_firsts(&cats[i].word, 1);
	for (off = 0; off < lim && rc == 0; off += text_u8len(t + off)) {
		const char *s = t + off;
		int cat;

		/* Most characters start none of the words below. */
		if (!text_may_start(firsts, s))
			continue;
		cat = category_at(t, s);

		if (cat >= 0) {
			rc = check_category(c, n, t, lim, s, cat);
			off += strlen(cats[cat].word) - 1;
		} else if (text_starts(s, "结转") || text_starts(s, "转"))
			rc = check_carry(c, n, t, lim, s);
		else
			rc = check_all_done(c, n, t, s);
	}
	return rc;
}

int
narr_results(struct narr *c)
{
	if (check_section(c, 1) == -1)
		return -1;
	return check_section(c, 3);
}
