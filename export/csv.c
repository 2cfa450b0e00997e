/*
 * csv.c -- the 问题清单 as CSV (RFC 4180: quoted fields, CRLF), UTF-8
 * with a byte-order mark so that Excel opens the Chinese text as such.
 *
 * A field that a spreadsheet would take for a formula (=, +, -, @, a tab
 * or a carriage return first) gets a leading apostrophe: report text is
 * hostile input, and a CSV opened in Excel is where it would run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "writers.h"

struct sheet {
	FILE	*fp;
	int	 bad;
};

static void
field(struct sheet *w, const char *s, int first)
{
	if (!first && fputc(',', w->fp) == EOF)
		w->bad = 1;
	if (s == NULL)
		s = "";
	if (s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL) {
		char *g;
		size_t n = strlen(s);

		if ((g = malloc(n + 2)) == NULL) {
			w->bad = 1;
			return;
		}
		g[0] = '\'';
		memcpy(g + 1, s, n + 1);
		if (csv_fwrite(w->fp, g, n + 1) != 0)
			w->bad = 1;
		free(g);
		return;
	}
	if (csv_fwrite(w->fp, s, strlen(s)) != 0)
		w->bad = 1;
}

static void
end_row(struct sheet *w)
{
	if (fputs("\r\n", w->fp) == EOF)
		w->bad = 1;
}

static int
on_problem(void *arg, const struct problem *p)
{
	struct sheet *w = arg;
	const struct nb_store_summary *m = p->report;
	char year[16] = "", version[16];

	if (m->year > 0)
		snprintf(year, sizeof(year), "%d", m->year);
	snprintf(version, sizeof(version), "%d", m->version);
	field(w, m->issuer, 1);
	field(w, year, 0);
	field(w, m->file, 0);
	field(w, version, 0);
	field(w, p->rule, 0);
	field(w, p->severity, 0);
	field(w, p->message, 0);
	field(w, p->where, 0);
	field(w, p->cell, 0);
	field(w, p->verdict, 0);
	field(w, p->note, 0);
	field(w, p->reviewer, 0);
	field(w, p->reviewed, 0);
	end_row(w);
	return w->bad ? -1 : 0;
}

int
export_csv(struct nb_store *s, const struct nb_store_query *q, FILE *fp,
    struct nb_error *err)
{
	static const char *const cols[] = { "机关", "年度", "报告文件", "版本",
	    "规则", "级别", "问题", "位置", "单元格", "复核状态", "复核意见",
	    "复核人", "复核时间" };
	struct sheet w = { fp, 0 };
	struct problem_sink sink = { NULL, on_problem, &w };

	fputs("\xEF\xBB\xBF", fp);
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		field(&w, cols[i], i == 0);
	end_row(&w);
	if (problems_each(s, q, &sink, err) == -1)
		return -1;
	if (w.bad)
		return nb_fail(err, NB_ERR_IO, "写入 CSV 失败");
	return 0;
}
