/*
 * narrative_t2.c -- 规范性文件 counts the text states against T2
 * 第二十条第（一）项 (DOMAIN.md §4.3 NT-T2), rule narrative.t2 (warning).
 *
 *   "制发/印发…N件" against t2.normative.issued,
 *   "废止…N件" against t2.normative.repealed,
 *   "现行有效/保留…N件" against t2.normative.effective,
 * in a sentence that speaks of 规范性文件 and not of 规章.  The wording is
 * loose ("发布现行有效行政规范性文件7个" in sample 000 counts the year's
 * new ones), so a number equal to any of the three cells is taken as a
 * claim about that one, and a difference is only a warning.
 */
#include <stdio.h>
#include <string.h>

#include "narrative.h"
#include "numphrase.h"
#include "text.h"

static const struct {
	const char	*word;
	const char	*cell;
	const char	*name;
} kinds[] = {
	{ "制发", "t2.normative.issued", "本年制发" },
	{ "印发", "t2.normative.issued", "本年制发" },
	{ "废止", "t2.normative.repealed", "本年废止" },
	{ "现行有效", "t2.normative.effective", "现行有效" },
	{ "保留", "t2.normative.effective", "现行有效" },
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static const char *const cells[3] = { "t2.normative.issued",
    "t2.normative.repealed", "t2.normative.effective" };

static int
unit_ok(const char *u)
{
	return strcmp(u, "件") == 0 || strcmp(u, "个") == 0 ||
	    strcmp(u, "份") == 0 || strcmp(u, "篇") == 0;
}

static int
judge(struct narr *c, int n, const char *t, size_t k,
    const struct numphrase *np)
{
	char msg[1024], quote[256];
	double v, other;
	size_t i;

	if (!narr_cell(c, kinds[k].cell, &v))
		return 0;
	narr_see(c, n, np->off);
	if ((double)np->n == v)
		return 0;
	for (i = 0; i < 3; i++)
		if (narr_cell(c, cells[i], &other) && other == (double)np->n)
			return 0;
	narr_quote(t, np->off, quote, sizeof(quote));
	snprintf(msg, sizeof(msg), "正文“%s”所述规范性文件%lld%s，与第二部分"
	    "表格行政规范性文件“%s件数”%g不一致", quote, np->n, np->unit,
	    kinds[k].name, v);
	return narr_emit(c, "narrative.t2", NB_SEV_WARNING, n, np->off, msg,
	    kinds[k].cell, NULL, 0, 1, v, (double)np->n);
}

/* The word of kind k at s: the first count in its clause, within 16
 * characters. */
static int
check_at(struct narr *c, int n, const char *t, size_t lim, const char *s,
    size_t k)
{
	const char *p = s + strlen(kinds[k].word);
	struct numphrase np;
	int i;

	for (i = 0; i < 16 && (size_t)(p - t) < lim && !text_clause_end(p);
	    i++, p += text_u8len(p)) {
		if (!numphrase_at(t, (size_t)(p - t), &np))
			continue;
		if (!unit_ok(np.unit) || np.approx || np.fraction ||
		    narr_seen(c, n, np.off))
			return 0;
		return judge(c, n, t, k, &np);
	}
	return 0;
}

static int
check_section(struct narr *c, int n)
{
	size_t lim, off, k;
	const char *t = narr_text(c, n, &lim);

	for (off = 0; off < lim; off += text_u8len(t + off)) {
		for (k = 0; k < NKINDS; k++)
			if (text_starts(t + off, kinds[k].word))
				break;
		if (k == NKINDS || !narr_sentence_has(t, off, "规范性文件") ||
		    narr_sentence_has(t, off, "规章"))
			continue;
		if (check_at(c, n, t, lim, t + off, k) == -1)
			return -1;
	}
	return 0;
}

int
narr_t2(struct narr *c)
{
	if (check_section(c, 1) == -1)
		return -1;
	return check_section(c, 2);
}
