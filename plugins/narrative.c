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
 * so counts of other work (政务服务, 12345 hotline) are left alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "certain.h"
#include "text.h"

static const struct nb_rule rules[] = {
	{ "narrative.applications", NB_SEV_ERROR,
	    "正文所述收到或办结的申请数与第三部分表格不一致" },
};

#define NEW_CELL	"t3.new.total"
#define CARRY_CELL	"t3.carry_in.total"
#define DONE_CELL	"t3.result.total.total"

struct ctx {
	const struct nb_api *api;
	nb_ctx		*ctx;
	const nb_report	*r;
};

struct match {
	long	n;		/* the number stated */
	size_t	off;		/* offset of its first digit */
	char	verb[8];	/* the trigger word, for the message */
};

static int
is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* (\d+)件 at s, starting a digit run. */
static int
count_at(const char *base, const char *s, struct match *m)
{
	char *end;

	if (!is_digit(*s) || (s > base && is_digit(s[-1])))
		return 0;
	m->n = strtol(s, &end, 10);
	m->off = (size_t)(s - base);
	return text_starts(end, "件");
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
		if (is_digit(*s))
			return count_at(base, s, m);
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
cell_or(const struct ctx *c, const char *id, int *ok)
{
	struct nb_value v;

	/* No error from a number the reader is unsure of, nor from a
	 * table it is unsure of (sums says why, once). */
	if (!cell_certain(c->api, c->r, id) ||
	    c->api->table_state(c->r, "t3") == NB_TABLE_UNREADABLE ||
	    (NB_API_HAS(c->api, table_confidence) &&
	    c->api->table_confidence(c->r, "t3", NULL) < NB_CONF_CERTAIN) ||
	    c->api->cell(c->r, id, &v) == -1 ||
	    (v.kind != NB_VAL_INT && v.kind != NB_VAL_DECIMAL)) {
		*ok = 0;
		return 0;
	}
	return v.d;
}

/* Does the sentence around off contain word? */
static int
sentence_has(const char *text, size_t off, const char *word)
{
	const char *s, *start = text, *end;

	for (s = text; s < text + off; s += text_u8len(s))
		if (text_sentence_end(s))
			start = s + text_u8len(s);
	for (end = text + off; !text_sentence_end(end); end += text_u8len(end))
		;
	for (s = start; s < end; s += text_u8len(s))
		if (text_starts(s, word))
			return 1;
	return 0;
}

static int
emit(const struct ctx *c, int n, const struct match *m, const char **cells,
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

struct seen {
	size_t	off[16];	/* digits already judged as "received" */
	size_t	n;
};

static int
judge_new(const struct ctx *c, int n, const char *text, struct match *m,
    struct seen *seen)
{
	const char *cells[] = { NEW_CELL, DONE_CELL };
	int ok = 1, dok = 1, cok = 1;
	double nw = cell_or(c, NEW_CELL, &ok), dn = cell_or(c, DONE_CELL, &dok);
	double carry = cell_or(c, CARRY_CELL, &cok);
	size_t i;

	if (!ok)
		return 0;
	for (i = 0; i < seen->n; i++)
		if (seen->off[i] == m->off)
			return 0;
	if (seen->n < 16)
		seen->off[seen->n++] = m->off;
	if ((double)m->n == nw)
		return 0;
	if (cok && (double)m->n == nw + carry &&
	    sentence_has(text, m->off, "上年结转"))
		return 0;
	/* "受理并办结N件" claims both; name both cells when both differ. */
	return emit(c, n, m, cells, dok && (double)m->n != dn ? 2 : 1,
	    m->verb, nw);
}

static int
judge_done(const struct ctx *c, int n, struct match *m,
    const struct seen *seen)
{
	const char *cells[] = { DONE_CELL };
	int ok = 1;
	double dn = cell_or(c, DONE_CELL, &ok);
	size_t i;

	for (i = 0; i < seen->n; i++)
		if (seen->off[i] == m->off)
			return 0;
	if (!ok || (double)m->n == dn)
		return 0;
	return emit(c, n, m, cells, 1, m->verb, dn);
}

/* Section 三 is read only above its table, whose row labels contain
 * 新收…申请 followed by numbers. */
static int
check_text(const struct ctx *c, int n)
{
	const char *text = c->api->section_text(c->r, n), *s;
	struct seen seen = { { 0 }, 0 };
	struct match m;
	size_t end;
	int rc = 0;

	if (text == NULL)
		return 0;
	end = c->api->section_text_offset(c->r, n,
	    n == 3 ? c->api->table_line(c->r, "t3") : 0);
	for (s = text; (size_t)(s - text) < end && rc == 0; s += text_u8len(s)) {
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
		    sentence_has(text, m.off, "公开"))
			rc = judge_new(c, n, text, &m, &seen);
		else if (dn && done(text, s + 6, &m) &&
		    sentence_has(text, m.off, "公开"))
			rc = judge_done(c, n, &m, &seen);
	}
	return rc;
}

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	struct ctx c = { api, ctx, r };

	(void)state;
	if (api->format(r) != NB_FMT_2021)
		return 0;
	if (check_text(&c, 1) == -1)
		return -1;
	return check_text(&c, 3);
}

static const struct nb_plugin plugin = {
	NB_ABI_VERSION, sizeof(struct nb_plugin), "narrative", "1.0",
	rules, sizeof(rules) / sizeof(rules[0]), NULL, check, NULL, NULL
};

NB_EXPORT const struct nb_plugin *
nb_plugin_entry(void)
{
	return &plugin;
}
