/*
 * report_date.c -- the date a report is signed (落款), rule report.date
 * (warning): before the end of the statistics period it reports on, or
 * in a year that is not the next one (a 2022 report signed 2021年…, or
 * 2025年…).
 *
 * The signature is a line of its own, "2023年1月20日" or "区人民政府办公室
 * 二〇二三年一月二十日" (in parentheses too), among the last lines of the
 * report or right under its title.  A date inside a sentence is no
 * signature and is left alone.
 */
#include <stdio.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "report.h"
#include "text.h"

struct date {
	int	 y, m, d;
};

static int
digit_at(const char *s, int *v)
{
	static const char *const d[] = { "〇", "一", "二", "三", "四", "五",
	    "六", "七", "八", "九" };
	int i;

	if (*s >= '0' && *s <= '9') {
		*v = *s - '0';
		return 1;
	}
	if (text_starts(s, "零")) {
		*v = 0;
		return 3;
	}
	for (i = 0; i < 10; i++)
		if (text_starts(s, d[i])) {
			*v = i;
			return 3;
		}
	return 0;
}

/* 1–31 in digits or as "十二", "二十一", "三十": bytes used, 0 if none. */
static size_t
small_at(const char *s, int *v)
{
	const char *p = s;
	int d;

	if (*p >= '0' && *p <= '9') {
		*v = 0;
		while (*p >= '0' && *p <= '9' && p - s < 2)
			*v = *v * 10 + (*p++ - '0');
		return (size_t)(p - s);
	}
	*v = 0;
	if (digit_at(p, &d) == 3 && d > 0) {
		*v = d;
		p += 3;
	}
	if (text_starts(p, "十")) {
		*v = (*v == 0 ? 1 : *v) * 10;
		p += 3;
		if (digit_at(p, &d) == 3 && d > 0) {
			*v += d;
			p += 3;
		}
	}
	return *v > 0 ? (size_t)(p - s) : 0;
}

/* "2023年1月20日" or "二〇二三年一月二十日" at s: bytes, 0 if none. */
static size_t
date_at(const char *s, struct date *dt)
{
	const char *p = s;
	int i, v;
	size_t k;

	dt->y = 0;
	for (i = 0; i < 4; i++) {
		int n = digit_at(p, &v);

		if (n == 0)
			return 0;
		dt->y = dt->y * 10 + v;
		p += n;
	}
	if (!text_starts(p, "年"))
		return 0;
	p += 3;
	if ((k = small_at(p, &dt->m)) == 0 || dt->m > 12 ||
	    !text_starts(p + k, "月"))
		return 0;
	p += k + 3;
	if ((k = small_at(p, &dt->d)) == 0 || dt->d > 31 ||
	    !text_starts(p + k, "日"))
		return 0;
	return (size_t)(p + k + 3 - s);
}

/* A signature line: a date at its end, after at most a short name. */
static int
signature(const char *s, struct date *dt)
{
	const char *p;
	size_t chars = 0;

	for (p = s; *p != '\0'; p += text_u8len(p), chars++) {
		size_t k;

		if (text_clause_end(p) || chars > 30)
			return 0;
		if ((k = date_at(p, dt)) == 0)
			continue;
		for (p += k; *p == ' ' || *p == ')' || text_starts(p, "）");
		    p += text_u8len(p))
			;
		return *p == '\0' && dt->y > 1990;
	}
	return 0;
}

/* The signature date and its line: the last lines, then under the
 * title. */
static unsigned
find(const struct nb_api *api, const nb_report *r, struct date *dt)
{
	unsigned n = api->line_count(r), line, seen = 0, title;

	for (line = n; line >= 1 && seen < 8; line--) {
		const char *s = api->line_text(r, line);

		while (s != NULL && (*s == ' ' || *s == '(' ||
		    text_starts(s, "（") || *s == '#' || *s == '*'))
			s += text_u8len(s);
		if (s == NULL || *s == '\0')
			continue;
		seen++;
		if (signature(s, dt))
			return line;
	}
	title = api->title_line(r);
	for (line = title + 1; title != 0 && line <= title + 3 && line <= n;
	    line++) {
		const char *s = api->line_text(r, line);

		while (s != NULL && (*s == ' ' || *s == '(' ||
		    text_starts(s, "（")))
			s += text_u8len(s);
		if (s != NULL && signature(s, dt))
			return line;
	}
	return 0;
}

int
report_date(const struct nb_api *api, nb_ctx *ctx, const nb_report *r)
{
	struct nb_finding f = { 0 };
	struct date dt;
	int year = api->year(r), start = 0, end = 0;
	unsigned line;
	char msg[256];

	if (year == 0 || (line = find(api, r, &dt)) == 0)
		return 0;
	(void)api->period_line(r, &start, &end);
	if (end == 0)
		end = year;
	if (dt.y < end || (dt.y == end && (dt.m < 12 || dt.d < 31)))
		snprintf(msg, sizeof(msg), "落款日期%d年%d月%d日早于统计期限的"
		    "截止日%d年12月31日", dt.y, dt.m, dt.d, end);
	else if (dt.y > end + 1)
		snprintf(msg, sizeof(msg), "落款日期%d年%d月%d日的年份与报告年度"
		    "%d年不符（应为%d年）", dt.y, dt.m, dt.d, year, end + 1);
	else
		return 0;
	f.rule = "report.date";
	f.severity = NB_SEV_WARNING;
	f.message = msg;
	f.line = line;
	return api->emit(ctx, &f);
}
