/*
 * agency_page.c -- one agency over the years: every report and version
 * with its open counts, and the key figures of each year side by side
 * (a jump or a carry-over that does not follow shows at a glance).
 */
#include <stdlib.h>
#include <string.h>

#include <event2/keyvalq_struct.h>

#include "board.h"
#include "page.h"
#include "render.h"

static const char *const figures[] = { "t3.new.total", "t3.carry_in.total",
    "t3.result.total", "t3.carry_out.total", "t2.normative.effective",
    "t4.review.total", "t4.lit_direct.total", "t2.fee.amount_wan" };
#define NFIG	(sizeof(figures) / sizeof(figures[0]))

static void
versions(struct buf *b, struct board *bd, const struct nb_store_summary *v,
    size_t n, struct nb_error *err)
{
	buf_lit(b, "<h2>报告</h2>\n<table class=\"list\" id=\"reports\"><tr>"
	    "<th>年度</th><th>版本</th><th>文件</th><th>收到</th><th>错误</th>"
	    "<th>警告</th><th>待复核</th><th></th></tr>\n");
	for (size_t i = 0; i < n; i++) {
		struct nb_store_tally t;

		if (nb_store_tally(bd->store, v[i].rid, &t, err) == -1)
			memset(&t, 0, sizeof(t));
		buf_fmt(b, "<tr><td>%d</td><td>%d</td><td>", v[i].year,
		    v[i].version);
		buf_html_cut(b, v[i].file, 60);
		buf_lit(b, "</td><td>");
		page_date(b, v[i].received ? v[i].received : v[i].checked);
		buf_fmt(b, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
		    "<td class=\"n\">%zu</td><td><a href=\"/report/%lld\">查看"
		    "</a></td></tr>\n", t.errors, t.warnings, t.unreviewed,
		    (long long)v[i].rid);
	}
	buf_lit(b, "</table>\n");
}

/* The newest version of each year, one column a year. */
static void
figures_table(struct buf *b, struct board *bd,
    const struct nb_store_summary *v, size_t n, struct nb_error *err)
{
	struct nb_store_report **reps = calloc(n + 1, sizeof(*reps));
	size_t nr = 0;

	if (reps == NULL) {
		b->oom = 1;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		int newest = 1;

		for (size_t j = 0; j < n; j++)
			if (v[j].year == v[i].year && v[j].version >
			    v[i].version)
				newest = 0;
		if (newest && nb_store_get(bd->store, v[i].rid, &reps[nr],
		    err) == 0 && reps[nr] != NULL)
			nr++;
	}
	buf_lit(b, "<h2>主要数据</h2>\n<table class=\"list\" id=\"figures\">"
	    "<tr><th>项目</th>");
	for (size_t i = 0; i < nr; i++)
		buf_fmt(b, "<th>%d</th>", reps[i]->year);
	buf_lit(b, "</tr>\n");
	for (size_t f = 0; f < NFIG; f++) {
		buf_lit(b, "<tr><td>");
		render_cell_label(b, figures[f]);
		buf_lit(b, "</td>");
		for (size_t i = 0; i < nr; i++) {
			const char *raw = NULL;

			for (size_t c = 0; c < reps[i]->ncells; c++)
				if (strcmp(reps[i]->cells[c].id, figures[f]) == 0)
					raw = reps[i]->cells[c].v.raw;
			buf_lit(b, "<td class=\"n\">");
			buf_html_cut(b, raw ? raw : "—", 24);
			buf_lit(b, "</td>");
		}
		buf_lit(b, "</tr>\n");
	}
	buf_lit(b, "</table>\n");
	for (size_t i = 0; i < nr; i++)
		nb_store_report_free(reps[i]);
	free(reps);
}

int
page_agency(struct board_req *r, struct buf *b, struct nb_error *err)
{
	const char *key = evhttp_find_header(r->query, "key");
	const struct nb_roster_entry *e = NULL;
	struct nb_store_query q = { 0 };
	struct nb_store_summary *v;
	size_t n;

	if (key == NULL || *key == '\0' || strlen(key) > 512)
		return 404;
	if (r->bd->roster != NULL)
		e = nb_roster_find(r->bd->roster, key);
	q.issuer_key = key;
	if (nb_store_list(r->bd->store, &q, &v, &n, err) == -1)
		return -1;
	if (n == 0 && e == NULL) {
		nb_store_summaries_free(v, n);
		return 404;
	}
	page_begin(b, e ? e->name : v[0].issuer, 0);
	buf_lit(b, "<h1>");
	buf_html_cut(b, e ? e->name : v[0].issuer, 200);
	buf_lit(b, "</h1>\n");
	if (e != NULL) {
		buf_lit(b, "<p>级别：");
		buf_html(b, e->level);
		buf_lit(b, " · 区划：");
		buf_html(b, e->region);
		buf_lit(b, "</p>\n");
	}
	if (n == 0)
		buf_lit(b, "<p>历史库中没有该机关的报告。</p>\n");
	else {
		versions(b, r->bd, v, n, err);
		figures_table(b, r->bd, v, n, err);
	}
	page_end(b);
	nb_store_summaries_free(v, n);
	return 0;
}
