/*
 * sections_parts.c -- the parts a preamble lists (DOMAIN.md §1.1 P4,
 * §4.4 S-PREAMBLE-PARTS): "本报告内容包括总体情况、主动公开政府信息情况、
 * …、其他需要报告的事项部分组成" (sample 003), "报告全文包括…等六部分"
 * (上海).  A listed part that is not there is sections.missing (2021 and
 * 2019 formats alike), whose message then says the preamble listed it:
 * one cause, one finding.
 */
#include <stdio.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "sections.h"
#include "text.h"

/* Words that name part n in a list. */
static const char *const names[7][3] = {
	{ NULL },
	{ "总体情况", NULL },
	{ "主动公开政府信息", NULL },
	{ "收到和处理", "依申请公开", NULL },
	{ "行政复议", NULL },
	{ "主要问题", "存在问题", NULL },
	{ "其他需要报告", NULL },
};

static int
names_in(const char *s, const char *e, const char *const *w, size_t nw)
{
	const char *p;
	size_t i;

	for (p = s; p < e; p += text_u8len(p))
		for (i = 0; i < nw && w[i] != NULL; i++)
			if (text_starts(p, w[i]))
				return 1;
	return 0;
}

static int
names_part(const char *s, const char *e, int n)
{
	return names_in(s, e, names[n], 3);
}

static int
has(const char *s, const char *e, const char *w)
{
	for (; s < e; s += text_u8len(s))
		if (text_starts(s, w))
			return 1;
	return 0;
}

/* The sentence of the preamble that lists the parts: [*s, *e). */
static int
list_sentence(const char *t, const char **s, const char **e)
{
	const char *p, *start = t;
	int n, k;

	for (p = t;; p += text_u8len(p)) {
		if (!text_sentence_end(p))
			continue;
		for (k = 0, n = 1; n <= 6; n++)
			k += names_part(start, p, n);
		if (k >= 3 && (has(start, p, "包括") || has(start, p, "组成") ||
		    has(start, p, "分为"))) {
			*s = start;
			*e = p;
			return 1;
		}
		if (*p == '\0')
			return 0;
		start = p + text_u8len(p);
	}
}

int
sections_listed(const struct nb_api *api, const nb_report *r, int n)
{
	const char *t = api->section_text(r, 0), *s, *e;

	if (t == NULL || n < 1 || n > 6 || !list_sentence(t, &s, &e))
		return 0;
	return names_part(s, e, n);
}
