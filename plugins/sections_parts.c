/*
 * sections_parts.c -- the parts a preamble lists (DOMAIN.md §1.1 P4,
 * §4.4 S-PREAMBLE-PARTS): "本报告内容包括总体情况、主动公开政府信息情况、
 * …、其他需要报告的事项部分组成" (sample 003), "报告全文包括…等六部分"
 * (上海).  A listed part that is not there is a warning, sections.parts;
 * where sections.missing reports the part (the 2021 format) its message
 * says the preamble listed it instead: one cause, one finding.
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

static const char *const titles[7] = { "", "总体情况",
    "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况",
    "其他需要报告的事项" };

/* Words of part n's heading, looked for after the preamble: the body
 * may say 行政复议 without the part being there. */
static const char *const heads[7][4] = {
	{ NULL },
	{ "总体情况", NULL },
	{ "主动公开政府信息情况", NULL },
	{ "收到和处理政府信息公开申请", "依申请公开政府信息情况", NULL },
	{ "行政复议、行政诉讼情况", "行政复议和行政诉讼情况",
	    "提起行政诉讼情况", NULL },
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

/* The part's words anywhere after the preamble: its heading may be there
 * in a form the model did not take for one; say nothing then. */
static int
named_in_body(const struct nb_api *api, const nb_report *r, int n)
{
	int k;

	for (k = 1; k <= 6; k++) {
		const char *t = api->section_text(r, k);

		if (t != NULL && names_in(t, t + strlen(t), heads[n], 4))
			return 1;
	}
	return 0;
}

int
sections_parts(const struct nb_api *api, nb_ctx *ctx, const nb_report *r)
{
	struct nb_finding f = { 0 };
	char msg[512];
	int n;

	for (n = 1; n <= 6; n++) {
		const char *t = api->section_text(r, 0);
		size_t off;

		if (api->section_count(r, n) != 0 || !sections_listed(api, r, n) ||
		    named_in_body(api, r, n))
			continue;
		off = strstr(t, names[n][0]) != NULL ?
		    (size_t)(strstr(t, names[n][0]) - t) : 0;
		snprintf(msg, sizeof(msg), "报告开头列出了第%d部分“%s”，但报告"
		    "中没有这一部分", n, titles[n]);
		f.rule = "sections.parts";
		f.severity = NB_SEV_WARNING;
		f.message = msg;
		f.line = api->section_text_line(r, 0, off);
		f.section = n;
		if (api->emit(ctx, &f) == -1)
			return -1;
	}
	return 0;
}
