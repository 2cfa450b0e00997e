/*
 * sections_heading.c -- sections.heading_text (warning): a part's heading
 * that the reader recognised but whose wording is not the format's
 * ("五、存在的主要问题及整改措施", a misspelt "行政法复议"), or that has
 * no numeral ("总体情况").  The part is there, so this is never
 * sections.missing; an ordinal of the wrong value is sections.numbering's.
 */
#include <stdio.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "sections.h"
#include "text.h"

#define WORDS_MAX	256	/* bytes of a heading compared */

/* Bytes of a Chinese numeral 一 to 十 at s, or 0. */
static size_t
q_numeral(const char *s)
{
	static const char *const d[] = { "一", "二", "三", "四", "五", "六",
	    "七", "八", "九", "十" };

	for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++)
		if (text_starts(s, d[i]))
			return strlen(d[i]);
	return 0;
}

/* After a top-level ordinal at s ("一、", "十二.", "第一部分:"), or NULL. */
static const char *
after_ordinal(const char *s)
{
	const char *p = s, *q;
	size_t l, n;

	if (text_starts(p, "第") && (q = strstr(p, "部分")) != NULL &&
	    q - p <= (ptrdiff_t)(strlen("第") + 3 * strlen("十"))) {
		p = q + strlen("部分");
		if (text_starts(p, "、"))
			return p + strlen("、");
		return *p == ':' ? p + 1 : p;
	}
	for (n = 0; n < 3 && (l = q_numeral(p)) > 0; n++)
		p += l;
	if (n == 0)
		return NULL;
	if (text_starts(p, "、"))
		return p + strlen("、");
	return *p == '.' ? p + 1 : NULL;
}

/* After a sub-heading's kind of number ("1.", "2、", "(三)"), or NULL. */
static const char *
after_sub_number(const char *s)
{
	const char *p = s + (*s == '(');
	int digits = 0;

	while (*p >= '0' && *p <= '9' && digits < 3) {
		p++;
		digits++;
	}
	if (digits == 0 && *s == '(' && q_numeral(p) > 0)
		p += q_numeral(p);
	if (p == s + (*s == '('))
		return NULL;
	if (*s == '(')
		return *p == ')' ? p + 1 : NULL;
	if (*p == '.')
		return p + 1;
	return text_starts(p, "、") ? p + strlen("、") : NULL;
}

/* The words of heading s: without ordinal, white space and a final
 * colon; *numbered: 1 if it had the format's ordinal, 2 a sub-heading's
 * kind of number, 0 none. */
static void
words(const char *s, char *out, size_t max, int *numbered)
{
	const char *p = after_ordinal(s);
	size_t o = 0;

	*numbered = p != NULL;
	if (p == NULL && (p = after_sub_number(s)) != NULL)
		*numbered = 2;
	for (p = p != NULL ? p : s; *p != '\0' && o + 1 < max; p++)
		if (*p != ' ' && *p != '\t')
			out[o++] = *p;
	/* Cut short: never inside a UTF-8 sequence. */
	while (o > 0 && ((unsigned char)*p & 0xc0) == 0x80) {
		o--;
		p--;
	}
	out[o] = '\0';
	if (o > 0 && out[o - 1] == ':')
		out[--o] = '\0';
}

/*
 * Is the heading the format's, with what follows it on its line run in
 * ("二、主动公开政府信息情况第二十条第(一)项": a table's header, "六、其他
 * 需要报告的事项 无其他需要报告的事项": its paragraph)?  The words of the
 * format come first, whole.
 */
static int
runs_on(const char *got, const char *want)
{
	size_t l = strlen(want);

	return l > 0 && strncmp(got, want, l) == 0;
}

/* The first max - 1 bytes of s at most, cut between characters. */
static void
quote(const char *s, char *out, size_t max)
{
	size_t o = 0, l;

	for (; *s != '\0'; s += l, o += l) {
		l = text_u8len(s);
		if (o + l + 1 > max)
			break;
		memcpy(out + o, s, l);
	}
	out[o] = '\0';
	if (*s != '\0' && o + strlen("…") + 1 <= max)
		strcat(out, "…");
}

int
sections_heading_text(const struct nb_api *api, nb_ctx *ctx,
    const nb_report *r)
{
	struct nb_heading h;
	char got[WORDS_MAX], want[WORDS_MAX], text[160], at[64], msg[512];
	int n, numbered, fmt_numbered;

	if (!NB_API_HAS(api, section_heading))
		return 0;
	for (n = 1; n <= 6; n++) {
		int same;

		if (api->section_heading(r, n, &h) == 0 || h.format[0] == '\0')
			continue;
		words(h.compact, got, sizeof(got), &numbered);
		words(h.format, want, sizeof(want), &fmt_numbered);
		same = strcmp(got, want) == 0 || runs_on(got, want);
		if (same && (numbered == 1 || !fmt_numbered))
			continue;
		quote(h.text, text, sizeof(text));
		sections_where(api, r, h.line, at, sizeof(at));
		snprintf(msg, sizeof(msg), "%s的第%d部分标题“%s”%s，规定格式的"
		    "标题为“%s”", at, n, text, !fmt_numbered || numbered == 1 ?
		    "措辞与规定格式不同" : numbered == 2 ? (same ?
		    "编号方式与规定格式不同" : "编号方式和措辞都与规定格式不同") :
		    same ? "缺少编号" : "缺少编号，措辞也与规定格式不同",
		    h.format);
		if (sections_emit(api, ctx, "sections.heading_text",
		    NB_SEV_WARNING, n, h.line, msg) == -1)
			return -1;
	}
	return 0;
}
