/*
 * docx_numbering.c -- labels of automatically numbered DOCX paragraphs
 * (see docx_numbering.h).  Counters are kept per abstract list, as Word
 * does: two numberings of one abstract list continue each other unless
 * one restarts with w:startOverride.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "docx_numbering.h"
#include "wml.h"

#define NB_LEVELS	9

enum fmt {
	FMT_NONE = 0,		/* bullet, none: no label we can use */
	FMT_DECIMAL, FMT_ZERO, FMT_FULLWIDTH, FMT_CHINESE, FMT_LEGAL,
	FMT_TIANGAN, FMT_CIRCLE, FMT_UPPER, FMT_LOWER, FMT_UROMAN, FMT_LROMAN
};

struct level {
	enum fmt	 fmt;
	char		 text[64];	/* lvlText, "%1、" */
	long		 start;
};

struct abstract {
	long		 id;
	struct level	 lvl[NB_LEVELS];
	long		 count[NB_LEVELS];
	int		 used[NB_LEVELS];
};

struct num {
	long		 id;
	long		 abs_id;
	long		 override[NB_LEVELS];	/* startOverride, or -1 */
	int		 started;
};

struct style {
	char		*id;
	long		 num_id;
	long		 ilvl;
};

struct nb_numbering {
	struct abstract	*abs;
	size_t		 nabs;
	struct num	*nums;
	size_t		 nnums;
	struct style	*styles;
	size_t		 nstyles;
};

static enum fmt
fmt_of(const char *s)
{
	static const struct {
		const char	*name;
		enum fmt	 fmt;
	} fmts[] = {
		{ "decimal", FMT_DECIMAL }, { "decimalZero", FMT_ZERO },
		{ "decimalFullWidth", FMT_FULLWIDTH },
		{ "decimalFullWidth2", FMT_FULLWIDTH },
		{ "chineseCounting", FMT_CHINESE },
		{ "chineseCountingThousand", FMT_CHINESE },
		{ "ideographDigital", FMT_CHINESE },
		{ "japaneseCounting", FMT_CHINESE },
		{ "chineseLegalSimplified", FMT_LEGAL },
		{ "ideographTraditional", FMT_TIANGAN },
		{ "decimalEnclosedCircle", FMT_CIRCLE },
		{ "decimalEnclosedCircleChinese", FMT_CIRCLE },
		{ "upperLetter", FMT_UPPER }, { "lowerLetter", FMT_LOWER },
		{ "upperRoman", FMT_UROMAN }, { "lowerRoman", FMT_LROMAN },
	};
	size_t i;

	for (i = 0; s != NULL && i < sizeof(fmts) / sizeof(fmts[0]); i++)
		if (strcmp(s, fmts[i].name) == 0)
			return fmts[i].fmt;
	return s == NULL ? FMT_DECIMAL : FMT_NONE;
}

static void
parse_level(struct abstract *ab, const xmlNode *lvl)
{
	long i = wml_attr_long(lvl, "ilvl", -1);
	char buf[32];
	struct level *l;

	if (i < 0 || i >= NB_LEVELS)
		return;
	l = &ab->lvl[i];
	l->start = wml_attr_long(wml_child(lvl, "start"), "val", 1);
	l->fmt = fmt_of(wml_attr(wml_child(lvl, "numFmt"), "val", buf, sizeof(buf)));
	if (wml_attr(wml_child(lvl, "lvlText"), "val", l->text, sizeof(l->text)) ==
	    NULL)
		l->text[0] = '\0';
}

static int
add_abstract(struct nb_numbering *nb, const xmlNode *n)
{
	struct abstract *p;
	xmlNode *c;
	int i;

	if ((p = realloc(nb->abs, (nb->nabs + 1) * sizeof(*p))) == NULL)
		return -1;
	nb->abs = p;
	p = &p[nb->nabs++];
	memset(p, 0, sizeof(*p));
	p->id = wml_attr_long(n, "abstractNumId", -1);
	for (i = 0; i < NB_LEVELS; i++) {
		p->lvl[i].fmt = FMT_NONE;
		p->lvl[i].start = 1;
	}
	for (c = n->children; c != NULL; c = c->next)
		if (wml_is(c, "lvl"))
			parse_level(p, c);
	return 0;
}

static int
add_num(struct nb_numbering *nb, const xmlNode *n)
{
	struct num *p;
	xmlNode *c;
	long i;

	if ((p = realloc(nb->nums, (nb->nnums + 1) * sizeof(*p))) == NULL)
		return -1;
	nb->nums = p;
	p = &p[nb->nnums++];
	memset(p, 0, sizeof(*p));
	p->id = wml_attr_long(n, "numId", -1);
	p->abs_id = wml_attr_long(wml_child(n, "abstractNumId"), "val", -1);
	for (i = 0; i < NB_LEVELS; i++)
		p->override[i] = -1;
	for (c = n->children; c != NULL; c = c->next) {
		if (!wml_is(c, "lvlOverride") || wml_child(c, "startOverride") == NULL)
			continue;
		i = wml_attr_long(c, "ilvl", -1);
		if (i >= 0 && i < NB_LEVELS)
			p->override[i] = wml_attr_long(wml_child(c, "startOverride"),
			    "val", 1);
	}
	return 0;
}

/* Paragraph styles that carry a numbering (headings often do). */
static int
add_style(struct nb_numbering *nb, const xmlNode *n)
{
	xmlNode *np = wml_child(wml_child(n, "pPr"), "numPr");
	struct style *p;
	char id[128];

	if (np == NULL || wml_attr(n, "styleId", id, sizeof(id)) == NULL)
		return 0;
	if ((p = realloc(nb->styles, (nb->nstyles + 1) * sizeof(*p))) ==
	    NULL)
		return -1;
	nb->styles = p;
	p = &p[nb->nstyles];
	if ((p->id = strdup(id)) == NULL)
		return -1;
	p->num_id = wml_attr_long(wml_child(np, "numId"), "val", 0);
	p->ilvl = wml_attr_long(wml_child(np, "ilvl"), "val", 0);
	nb->nstyles++;
	return 0;
}

struct nb_numbering *
nb_numbering_new(xmlDocPtr numbering, xmlDocPtr styles)
{
	struct nb_numbering *nb;
	xmlNode *root, *c;
	int rc = 0;

	if ((nb = calloc(1, sizeof(*nb))) == NULL)
		return NULL;
	root = numbering ? xmlDocGetRootElement(numbering) : NULL;
	for (c = root ? root->children : NULL; rc == 0 && c; c = c->next) {
		if (wml_is(c, "abstractNum"))
			rc = add_abstract(nb, c);
		else if (wml_is(c, "num"))
			rc = add_num(nb, c);
	}
	root = styles ? xmlDocGetRootElement(styles) : NULL;
	for (c = root ? root->children : NULL; rc == 0 && c; c = c->next)
		if (wml_is(c, "style"))
			rc = add_style(nb, c);
	if (rc == -1) {
		nb_numbering_free(nb);
		return NULL;
	}
	return nb;
}

void
nb_numbering_free(struct nb_numbering *nb)
{
	size_t i;

	if (nb == NULL)
		return;
	for (i = 0; i < nb->nstyles; i++)
		free(nb->styles[i].id);
	free(nb->styles);
	free(nb->abs);
	free(nb->nums);
	free(nb);
}

static void
put(char *buf, size_t len, const char *s)
{
	size_t n = strlen(buf);

	if (n < len)
		snprintf(buf + n, len - n, "%s", s);
}

static void
chinese(long v, char *out, size_t len, const char *const *digits,
    const char *ten)
{
	out[0] = '\0';
	if (v < 1 || v > 99) {
		snprintf(out, len, "%ld", v);
		return;
	}
	if (v >= 20)
		put(out, len, digits[v / 10]);
	if (v >= 10)
		put(out, len, ten);
	if (v % 10 != 0)
		put(out, len, digits[v % 10]);
}

static void
roman(long v, char *out, size_t len, int upper)
{
	static const char *const r[] = { "m", "cm", "d", "cd", "c", "xc",
	    "l", "xl", "x", "ix", "v", "iv", "i" };
	static const long val[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10,
	    9, 5, 4, 1 };
	size_t i, n;

	out[0] = '\0';
	for (i = 0; i < 13 && v > 0 && v < 4000; i++)
		for (; v >= val[i]; v -= val[i])
			put(out, len, r[i]);
	for (n = 0; upper && out[n] != '\0'; n++)
		out[n] = (char)(out[n] - 'a' + 'A');
}

/* One counter in the format of its level. */
static void
format(enum fmt f, long v, char *out, size_t len)
{
	static const char *const cn[] = { "〇", "一", "二", "三", "四", "五",
	    "六", "七", "八", "九" };
	static const char *const legal[] = { "零", "壹", "贰", "叁", "肆",
	    "伍", "陆", "柒", "捌", "玖" };
	static const char *const tiangan[] = { "甲", "乙", "丙", "丁", "戊",
	    "己", "庚", "辛", "壬", "癸" };
	static const char *const fw[] = { "０", "１", "２", "３", "４", "５",
	    "６", "７", "８", "９" };
	char d[32];
	size_t i;

	out[0] = '\0';
	switch (f) {
	case FMT_CHINESE:
		chinese(v, out, len, cn, "十");
		return;
	case FMT_LEGAL:
		chinese(v, out, len, legal, "拾");
		return;
	case FMT_TIANGAN:
		snprintf(out, len, "%s", v >= 1 && v <= 10 ? tiangan[v - 1] :
		    "");
		return;
	case FMT_CIRCLE:	/* ① is U+2460 */
		if (v >= 1 && v <= 20)
			snprintf(out, len, "\xe2\x91%c", (char)(0xa0 + v - 1));
		return;
	case FMT_UPPER:
	case FMT_LOWER:
		if (v >= 1 && v <= 26)
			snprintf(out, len, "%c", (char)((f == FMT_UPPER ? 'A' :
			    'a') + v - 1));
		return;
	case FMT_UROMAN:
	case FMT_LROMAN:
		roman(v, out, len, f == FMT_UROMAN);
		return;
	case FMT_FULLWIDTH:
		snprintf(d, sizeof(d), "%ld", v);
		for (i = 0; d[i] >= '0' && d[i] <= '9'; i++)
			put(out, len, fw[d[i] - '0']);
		return;
	case FMT_ZERO:
		snprintf(out, len, "%02ld", v);
		return;
	case FMT_DECIMAL:
		snprintf(out, len, "%ld", v);
		return;
	case FMT_NONE:
		return;
	}
}

static struct num *
find_num(struct nb_numbering *nb, long id)
{
	size_t i;

	for (i = 0; i < nb->nnums; i++)
		if (nb->nums[i].id == id)
			return &nb->nums[i];
	return NULL;
}

static struct abstract *
find_abs(struct nb_numbering *nb, long id)
{
	size_t i;

	for (i = 0; i < nb->nabs; i++)
		if (nb->abs[i].id == id)
			return &nb->abs[i];
	return NULL;
}

/* The list (numId) and level of paragraph p, directly or by style. */
static long
para_num(struct nb_numbering *nb, xmlNode *p, long *ilvl)
{
	xmlNode *ppr = wml_child(p, "pPr"), *np = wml_child(ppr, "numPr");
	char id[128];
	size_t i;

	*ilvl = 0;
	if (np != NULL) {
		*ilvl = wml_attr_long(wml_child(np, "ilvl"), "val", 0);
		return wml_attr_long(wml_child(np, "numId"), "val", 0);
	}
	if (wml_attr(wml_child(ppr, "pStyle"), "val", id, sizeof(id)) == NULL)
		return 0;
	for (i = 0; i < nb->nstyles; i++)
		if (strcmp(nb->styles[i].id, id) == 0) {
			*ilvl = nb->styles[i].ilvl;
			return nb->styles[i].num_id;
		}
	return 0;
}

/* Advances the counter of level l and clears the levels below it. */
static void
count(struct abstract *ab, struct num *num, long l)
{
	long i;

	if (!num->started) {
		for (i = 0; i < NB_LEVELS; i++)
			if (num->override[i] >= 0) {
				ab->count[i] = num->override[i] - 1;
				ab->used[i] = 1;
			}
		num->started = 1;
	}
	ab->count[l] = ab->used[l] ? ab->count[l] + 1 : ab->lvl[l].start;
	ab->used[l] = 1;
	for (i = l + 1; i < NB_LEVELS; i++)
		ab->used[i] = 0;
}

void
nb_numbering_label(struct nb_numbering *nb, xmlNode *p, char *buf,
    size_t len)
{
	struct abstract *ab;
	struct num *num;
	const char *t;
	char one[64];
	long l, k;

	buf[0] = '\0';
	if (nb == NULL || (num = find_num(nb, para_num(nb, p, &l))) == NULL ||
	    (ab = find_abs(nb, num->abs_id)) == NULL || l < 0 ||
	    l >= NB_LEVELS || ab->lvl[l].fmt == FMT_NONE)
		return;
	count(ab, num, l);
	for (t = ab->lvl[l].text; *t != '\0'; t++) {
		if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
			k = t[1] - '1';
			format(ab->lvl[k].fmt, ab->used[k] ? ab->count[k] :
			    ab->lvl[k].start, one, sizeof(one));
			put(buf, len, one);
			t++;
		} else {
			one[0] = *t;
			one[1] = '\0';
			put(buf, len, one);
		}
	}
	wml_trim_utf8(buf);
}
