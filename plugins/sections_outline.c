/*
 * sections_outline.c -- the outline of a report beyond its six headings
 * (DOMAIN.md §4.4 S-NUMBERING, S-SEC5; §6 多套编号、章节编号整体偏移):
 * warnings only.
 *
 * sections.numbering: the top-level ordinals ("一、" at the start of a
 *	line, heading-like) start again from 一 (a second numbering: sub-topics
 *	numbered like parts, or the tables renumbered), or the six headings
 *	carry ordinals that do not match their part (一、主动公开… … 五、
 *	其他…), unless a missing part explains it (sections.missing says
 *	that).  One finding per report.
 * sections.empty: section 五 says nothing, or only "无".
 * The T3 row labels "一、本年新收…" to "四、结转下年度…" are no ordinals.
 */
#include <stdio.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "sections.h"
#include "text.h"

/* A Chinese ordinal 一 … 二十 at s followed by 、: its value, *len its
 * bytes with the 、; 0 if none. */
static int
ordinal_at(const char *s, size_t *len)
{
	static const char *const d[] = { "一", "二", "三", "四", "五", "六",
	    "七", "八", "九" };
	const char *p = s;
	int v = 0, i;

	for (i = 0; i < 9 && !text_starts(p, d[i]); i++)
		;
	if (i < 9) {
		v = i + 1;
		p += 3;
	}
	if (text_starts(p, "十")) {
		int tens = v == 0 ? 1 : v;

		v = 0;
		p += 3;
		for (i = 0; i < 9 && !text_starts(p, d[i]); i++)
			;
		if (i < 9) {
			v = i + 1;
			p += 3;
		}
		v += tens * 10;
	}
	if (v == 0 || !text_starts(p, "、"))
		return 0;
	*len = (size_t)(p - s) + strlen("、");
	return v;
}

/* The text of line after spaces and markdown. */
static const char *
line_body(const struct nb_api *api, const nb_report *r, unsigned line)
{
	const char *s = api->line_text(r, line);

	if (s == NULL)
		return "";
	while (*s == ' ' || *s == '\t' || *s == '#' || *s == '*' ||
	    text_starts(s, "　"))
		s += text_u8len(s);
	return s;
}

/* T3's row labels, and lines inside T3. */
static int
t3_row(const struct nb_api *api, const nb_report *r, unsigned line,
    const char *label)
{
	static const char *const w[] = { "本年新收", "上年结转", "本年",
	    "本", "结转下年度" };
	unsigned t3 = api->table_line(r, "t3"), end = 0;
	size_t i;
	int n;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (text_starts(label, w[i]))
			return 1;
	for (n = 4; n <= 6 && end == 0; n++)
		end = api->section_line(r, n);
	return t3 != 0 && line >= t3 && (end == 0 || line < end);
}

/* A heading: short, no sentence in it, and not a list of ordinals
 * wrapped to the start of a line ("一、二季度", "一、二、三级"). */
static int
heading_like(const char *label)
{
	size_t chars = 0, len;
	const char *s;

	if (ordinal_at(label, &len) != 0 || text_starts(label, "二") ||
	    text_starts(label, "三") || text_starts(label, "四"))
		return 0;
	for (s = label; *s != '\0'; s += text_u8len(s), chars++)
		if (text_starts(s, "。") || chars > 40)
			return 0;
	return chars >= 2;
}

/* The first top-level ordinal that starts again from 一. */
static int
restart(const struct nb_api *api, nb_ctx *ctx, const nb_report *r)
{
	unsigned line, count = api->line_count(r), prev_line = 0;
	int prev = 0;
	size_t len;
	char msg[512];

	for (line = 1; line <= count; line++) {
		const char *s = line_body(api, r, line);
		int v;

		if ((v = ordinal_at(s, &len)) == 0 || !heading_like(s + len) ||
		    t3_row(api, r, line, s + len))
			continue;
		if (v == 1 && prev >= 1) {
			snprintf(msg, sizeof(msg), "“%.*s”重新从“一、”开始编号"
			    "（前一个顶级编号在第%u行），报告中有第二套一级编号；"
			    "各部分之下应使用“（一）”等下级编号", text_clip(s, 120),
			    s, prev_line);
			return sections_emit(api, ctx, "sections.numbering",
			    NB_SEV_WARNING, 0, line, msg) == -1 ? -1 : 1;
		}
		prev = v;
		prev_line = line;
	}
	return 0;
}

/* Headings whose ordinal is not their part's, beyond missing parts. */
static int
shifted(const struct nb_api *api, nb_ctx *ctx, const nb_report *r)
{
	int n, missing = 0, v;
	size_t len;
	char msg[512];

	for (n = 1; n <= 6; n++) {
		unsigned line = api->section_line(r, n);
		const char *s;

		if (api->section_count(r, n) == 0) {
			missing++;
			continue;
		}
		s = line_body(api, r, line);
		if (line == 0 || (v = ordinal_at(s, &len)) == 0 ||
		    v == n || v == n - missing)
			continue;
		snprintf(msg, sizeof(msg), "第%d部分的标题“%.*s”编号为“%.*s”，"
		    "与其在规定格式中的次序不符，各部分编号整体偏移", n,
		    text_clip(s, 120), s,
		    (int)len, s);
		return sections_emit(api, ctx, "sections.numbering",
		    NB_SEV_WARNING, n, line, msg);
	}
	return 0;
}

int
sections_numbering(const struct nb_api *api, nb_ctx *ctx, const nb_report *r)
{
	int rc = restart(api, ctx, r);

	if (rc != 0)
		return rc == -1 ? -1 : 0;
	return shifted(api, ctx, r);
}

/* Section 五 with fewer than 10 characters of text, or only 无/暂无. */
int
sections_empty(const struct nb_api *api, nb_ctx *ctx, const nb_report *r)
{
	const char *t = api->section_text(r, 5), *s;
	size_t chars = 0;
	char msg[256];

	if (api->section_count(r, 5) == 0 || t == NULL)
		return 0;
	for (s = t; *s != '\0'; s += text_u8len(s))
		if (!text_clause_end(s) && *s != '.' && *s != ':' &&
		    !text_starts(s, "无") && !text_starts(s, "暂"))
			chars++;
	if (chars >= 10)
		return 0;
	snprintf(msg, sizeof(msg), "第5部分“存在的主要问题及改进情况”%s，"
	    "应写明本年度存在的问题和改进措施",
	    *t == '\0' ? "没有内容" : "几乎没有内容（只有“无”或寥寥数字）");
	return sections_emit(api, ctx, "sections.empty", NB_SEV_WARNING, 5,
	    api->section_line(r, 5), msg);
}
