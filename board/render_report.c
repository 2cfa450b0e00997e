/*
 * render_report.c -- board_render_report(): the report page (render.h).
 *
 * Everything in the object is report text or derived from it, hence
 * untrusted: it reaches the page only through buf_html()/buf_attr().
 */
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "render.h"

static const char *
str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

int
render_dismissed(const json_t *f)
{
	const char *s = str(json_object_get(f, "review"), "state");

	return s != NULL && strcmp(s, "dismissed") == 0;
}

/* Appends id to a growing vector of borrowed strings. */
static void
push(struct buf *b, const char ***v, size_t *n, const char *id)
{
	const char **nv;

	if (id == NULL || b->oom)
		return;
	if ((nv = realloc(*v, (*n + 1) * sizeof(*nv))) == NULL) {
		b->oom = 1;
		return;
	}
	*v = nv;
	nv[(*n)++] = id;
}

static void
marks_fill(struct buf *b, const json_t *rep, const struct board_view *v,
    struct cellmarks *m)
{
	const json_t *fs = json_object_get(rep, "findings"), *f, *c;
	size_t i, j;

	json_array_foreach(fs, i, f) {
		int sel = v->selected != 0 && json_integer_value(
		    json_object_get(f, "fid")) == v->selected;

		if (sel) {
			push(b, &m->sel, &m->nsel, str(f, "cell"));
			json_array_foreach(json_object_get(f, "cells"), j, c) {
				push(b, &m->sel, &m->nsel, json_string_value(c));
			}
		}
		if (render_dismissed(f))
			continue;
		push(b, &m->culprit, &m->nculprit, str(f, "cell"));
		if (str(f, "relation") == NULL)
			continue;
		json_array_foreach(json_object_get(f, "cells"), j, c) {
			push(b, &m->fail, &m->nfail, json_string_value(c));
		}
	}
}

/* Readings whose text differs from the version before. */
static void
marks_changed(struct buf *b, const json_t *rep, const json_t *prev,
    struct cellmarks *m)
{
	const json_t *now = json_object_get(rep, "readings");
	const json_t *was = json_object_get(prev, "readings"), *r;
	const char *id;

	json_object_foreach((json_t *)now, id, r) {
		const char *a = json_string_value(json_array_get(r, 1));
		const char *o = json_string_value(json_array_get(
		    json_object_get(was, id), 1));

		if (a == NULL || o == NULL || strcmp(a, o) != 0)
			push(b, &m->changed, &m->nchanged, id);
	}
	json_object_foreach((json_t *)was, id, r) {
		if (json_object_get(now, id) == NULL)
			push(b, &m->changed, &m->nchanged, id);
	}
}

static void
marks_free(struct cellmarks *m)
{
	free(m->fail);
	free(m->culprit);
	free(m->sel);
	free(m->changed);
}

static void
count_open(const json_t *rep, size_t *errors, size_t *warnings)
{
	const json_t *f;
	size_t i;

	*errors = *warnings = 0;
	json_array_foreach(json_object_get(rep, "findings"), i, f) {
		const char *sev = str(f, "severity");

		if (render_dismissed(f) || sev == NULL)
			continue;
		*errors += strcmp(sev, "error") == 0;
		*warnings += strcmp(sev, "warning") == 0;
	}
}

static void
header(struct buf *b, const json_t *rep)
{
	size_t e, w;
	const json_t *y = json_object_get(rep, "year");

	buf_lit(b, "<h1>");
	buf_html_cut(b, str(rep, "issuer") ? str(rep, "issuer") :
	    "（未识别机关）", 200);
	if (json_is_integer(y))
		buf_fmt(b, " %lld 年度", (long long)json_integer_value(y));
	buf_lit(b, "政府信息公开工作年度报告</h1>\n<dl class=\"meta\">"
	    "<dt>文件</dt><dd>");
	buf_html_cut(b, str(rep, "file"), 200);
	buf_lit(b, "</dd><dt>格式</dt><dd>");
	buf_html(b, str(rep, "format"));
	buf_lit(b, " · ");
	buf_html(b, str(rep, "kind"));
	buf_lit(b, "</dd>");
	if (json_object_get(rep, "version") != NULL)
		buf_fmt(b, "<dt>版本</dt><dd id=\"version\">第 %lld 版</dd>",
		    (long long)json_integer_value(json_object_get(rep,
		    "version")));
	if (str(rep, "sha256") != NULL) {
		buf_lit(b, "<dt>SHA-256</dt><dd class=\"rule\">");
		buf_html(b, str(rep, "sha256"));
		buf_lit(b, "</dd>");
	}
	if (json_object_get(rep, "received") != NULL) {
		buf_lit(b, "<dt>收到</dt><dd>");
		page_date(b, json_integer_value(json_object_get(rep,
		    "received")));
		buf_lit(b, "</dd>");
	}
	count_open(rep, &e, &w);
	buf_fmt(b, "</dl>\n<p class=\"counts\">待处理：<b id=\"nerrors\">%zu"
	    "</b> 个错误，<b id=\"nwarnings\">%zu</b> 个警告</p>\n", e, w);
}

/* One finding is the same in two versions when its rule, cell and
 * relation are. */
static int
same_finding(const json_t *a, const json_t *b)
{
	const char *k[] = { "rule", "cell", "relation" };

	for (size_t i = 0; i < 3; i++) {
		const char *x = str(a, k[i]), *y = str(b, k[i]);

		if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0))
			return 0;
	}
	return 1;
}

static int
has_finding(const json_t *rep, const json_t *f)
{
	const json_t *g;
	size_t i;

	json_array_foreach(json_object_get(rep, "findings"), i, g) {
		if (same_finding(f, g))
			return 1;
	}
	return 0;
}

/* Findings of one version the other has not: new ones, then gone ones. */
static void
finding_changes(struct buf *b, const json_t *rep, const json_t *prev)
{
	const json_t *f;
	size_t i, nnew = 0, ngone = 0;

	buf_lit(b, "<ul class=\"delta\">\n");
	json_array_foreach(json_object_get(rep, "findings"), i, f) {
		if (has_finding(prev, f))
			continue;
		nnew++;
		buf_lit(b, "<li class=\"new\">新出现：<span class=\"rule\">");
		buf_html(b, str(f, "rule"));
		buf_lit(b, "</span> ");
		buf_html_cut(b, str(f, "message"), 300);
		buf_lit(b, "</li>\n");
	}
	json_array_foreach(json_object_get(prev, "findings"), i, f) {
		if (has_finding(rep, f))
			continue;
		ngone++;
		buf_lit(b, "<li class=\"gone\">已消除：<span class=\"rule\">");
		buf_html(b, str(f, "rule"));
		buf_lit(b, "</span> ");
		buf_html_cut(b, str(f, "message"), 300);
		buf_lit(b, "</li>\n");
	}
	buf_lit(b, "</ul>\n");
	buf_fmt(b, "<p>新出现 <b id=\"nnew\">%zu</b> 个问题，已消除 <b id=\""
	    "ngone\">%zu</b> 个。</p>\n", nnew, ngone);
}

static void
changes(struct buf *b, const json_t *rep, const json_t *prev,
    const struct cellmarks *m)
{
	const json_t *pr = json_object_get(prev, "readings");

	buf_fmt(b, "<section id=\"changes\"><h2>与第 %lld 版相比</h2>\n",
	    (long long)json_integer_value(json_object_get(prev, "version")));
	if (m->nchanged == 0)
		buf_lit(b, "<p>表格数值没有变化。</p>\n");
	else
		buf_lit(b, "<table class=\"list\"><tr><th>单元格</th><th>原值"
		    "</th><th>现值</th></tr>\n");
	for (size_t i = 0; i < m->nchanged; i++) {
		const char *id = m->changed[i];

		buf_lit(b, "<tr><td>");
		render_cell_label(b, id);
		buf_lit(b, "</td><td>");
		buf_html_cut(b, json_string_value(json_array_get(
		    json_object_get(pr, id), 1)), 24);
		buf_lit(b, "</td><td>");
		buf_html_cut(b, json_string_value(json_array_get(
		    json_object_get(json_object_get(rep, "readings"), id), 1)),
		    24);
		buf_lit(b, "</td></tr>\n");
	}
	if (m->nchanged > 0)
		buf_lit(b, "</table>\n");
	finding_changes(b, rep, prev);
	buf_lit(b, "</section>\n");
}

int
board_render_report(const json_t *rep, const struct board_view *v,
    struct buf *out)
{
	struct cellmarks m = { 0 };

	page_begin(out, str(rep, "issuer") ? str(rep, "issuer") : "年度报告",
	    v->standalone);
	marks_fill(out, rep, v, &m);
	if (v->previous != NULL)
		marks_changed(out, rep, v->previous, &m);
	header(out, rep);
	if (v->previous != NULL)
		changes(out, rep, v->previous, &m);
	render_findings(out, rep, v);
	render_tables(out, rep, &m);
	render_texts(out, rep, v);
	page_end(out);
	marks_free(&m);
	return out->oom ? -1 : 0;
}
