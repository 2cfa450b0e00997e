/*
 * capture.c -- what the history store keeps of a checked report, read
 * through the plugin api like any plugin: every cell, the narrative of
 * each section above its table (table headings are the same in every
 * report and would make any two look copied), and the publication date
 * the text gives (发布日期/发布时间 near the top, else the signature date
 * at the end).  Checks across reports then run on the result alone.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "nianbao.h"

static const char *const tables[] = { "t2", "t3", "t4" };

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static long long
days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (long long)era * 146097 + doe - 719468;
}

/* A date "2023年1月20日" or "2023-01-20" in s, as unix seconds of its
 * midnight in China (UTC+8); 0 if none. */
static long long
find_date(const char *s)
{
	for (const char *p = s; *p; p++) {
		int y, m, d, n = 0;

		if (*p < '1' || *p > '2')
			continue;
		if ((sscanf(p, "%4d年%2d月%2d日%n", &y, &m, &d, &n) == 3 ||
		    sscanf(p, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3) && n > 0 &&
		    y >= 2000 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 &&
		    d <= 31)
			return days_from_civil(y, m, d) * 86400 - 8 * 3600;
	}
	return 0;
}

static long long
published(const struct nb_api *api, const nb_report *r)
{
	unsigned n = api->line_count(r);
	long long t;

	for (unsigned l = 1; l <= n && l <= 40; l++) {
		const char *s = api->line_text(r, l);

		if (s != NULL && (strstr(s, "发布日期") || strstr(s, "发布时间"))
		    && (t = find_date(s)) != 0)
			return t;
	}
	for (unsigned l = n, k = 0; l >= 1 && k < 15; l--, k++) {
		const char *s = api->line_text(r, l);

		if (s != NULL && strlen(s) < 60 && (t = find_date(s)) != 0)
			return t;
	}
	return 0;
}

static int
cells(const struct nb_api *api, const nb_report *r, struct nb_result *res)
{
	size_t n = api->cell_count(r);

	if (n == 0)
		return 0;
	if ((res->cells = calloc(n, sizeof(*res->cells))) == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *id = api->cell_id(r, i);
		struct nb_rcell *c = &res->cells[res->ncells];
		struct nb_value v;

		if (id == NULL || api->cell(r, id, &v) == -1)
			continue;
		c->v = v;
		/* Confidence where the host gives it (ABI 1.1 cell_info);
		 * else it stays unknown, stored as NULL. */
		if (api->struct_size >= offsetof(struct nb_api, cell_info) +
		    sizeof(api->cell_info) && api->cell_info != NULL) {
			struct nb_cell_info ci;

			if (api->cell_info(r, id, &ci) == 0) {
				c->has_confidence = 1;
				c->confidence = ci.confidence;
			}
		}
		if ((c->id = strdup(id)) == NULL ||
		    (c->v.raw = strdup(v.raw ? v.raw : "")) == NULL) {
			free(c->id);
			return -1;
		}
		res->ncells++;
	}
	return 0;
}

/* Section n's text up to its first table, copied. */
static char *
narrative(const struct nb_api *api, const nb_report *r, int n)
{
	const char *t = api->section_text(r, n);
	size_t len = strlen(t);
	unsigned first = api->section_line(r, n), end = api->section_end(r, n);

	for (size_t k = 0; n > 0 && first > 0 && k < 3; k++) {
		unsigned tl = api->table_line(r, tables[k]);
		size_t off;

		if (tl >= first && tl <= end &&
		    (off = api->section_text_offset(r, n, tl)) < len)
			len = off;
	}
	return strndup(t, len);
}

int
nb_capture(const struct nb_api *api, const nb_report *r,
    struct nb_result *res)
{
	if (cells(api, r, res) == -1)
		return -1;
	for (int n = 0; n < NB_RESULT_NTEXT; n++)
		if ((res->text[n] = narrative(api, r, n)) == NULL)
			return -1;
	res->published = published(api, r);
	return 0;
}
