/*
 * period.c -- the statistics period ("统计期限自2022年1月1日起至2022年12月31日止")
 * in the preamble or section 一.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "normalize.h"

static long
read_num(const char **p, const char *end)
{
	long v = 0;
	int n = 0;

	while (*p < end && nb_isdig(**p) && n < 6) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n > 0 ? v : -1;
}

static int
eat(const char **p, const char *end, const char *lit)
{
	size_t l = strlen(lit);

	if ((size_t)(end - *p) < l || strncmp(*p, lit, l) != 0)
		return 0;
	*p += l;
	return 1;
}

/* "M月D日" at p: returns 1 and advances when M/D are as given. */
static int
month_day(const char **p, const char *end, long m, long d)
{
	const char *q = *p;

	if (read_num(&q, end) != m || !eat(&q, end, "月") ||
	    read_num(&q, end) != d || !eat(&q, end, "日"))
		return 0;
	*p = q;
	return 1;
}

/*
 * In the sentence [s, end), after "统计": "YYYY年1月1日" then, later,
 * optionally "YYYY年", "12月31日".  Fills start/end years.
 */
static int
period_in(const char *s, const char *end, int *ys, int *ye)
{
	const char *p, *q;

	for (p = s; p < end; p++) {
		long y;

		q = p;
		if ((y = read_num(&q, end)) < 1000 || q - p != 4 ||
		    (p > s && nb_isdig(p[-1])) || !eat(&q, end, "年") ||
		    !month_day(&q, end, 1, 1))
			continue;
		*ys = (int)y;
		for (p = q; p < end; p++) {
			q = p;
			*ye = 0;
			if ((y = read_num(&q, end)) >= 1000 && q - p == 4 &&
			    eat(&q, end, "年"))
				*ye = (int)y;
			else
				q = p;
			if (month_day(&q, end, 12, 31))
				return 1;
			if (*ye != 0)
				p += 3;
		}
		return 0;
	}
	return 0;
}

#define SENTENCE_MAX	600	/* bytes searched for a period's end */

/* End of the sentence at s: its "。", bounded so that text without one
 * costs no more than SENTENCE_MAX bytes per "统计". */
static const char *
sentence_end(const char *s)
{
	const char *p;

	for (p = s; *p != '\0' && p - s < SENTENCE_MAX; p++)
		if (strncmp(p, "。", strlen("。")) == 0)
			break;
	return p;
}

static int
find_period_in(struct nb_report *r, const struct nb_section *s)
{
	const char *text = s->text, *p, *stat;
	int ys = 0, ye = 0;

	if (text == NULL)
		return 0;
	/* Each "统计" up to the end of its sentence. */
	for (p = text; (stat = strstr(p, "统计")) != NULL;
	    p = stat + strlen("统计")) {
		const char *end = sentence_end(stat);

		if (!period_in(stat, end, &ys, &ye))
			continue;
		r->period_line = nb_section_line_at(s, (size_t)(stat - text));
		r->period_start = ys;
		r->period_end = ye;
		return 1;
	}
	return 0;
}

/* The period sentence belongs before section 二: preamble or 一. */
void
nb_find_period(struct nb_report *r)
{
	if (find_period_in(r, &r->sec[0]))
		return;
	if (r->sec[1].count > 0 && (r->sec[2].count == 0 ||
	    r->sec[1].first < r->sec[2].first))
		find_period_in(r, &r->sec[1]);
}
