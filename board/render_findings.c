/*
 * render_findings.c -- the findings of a report page and the narrative
 * behind them.  On the board each finding links to the page with its
 * cells shown (?f=FID) and carries the confirm/dismiss form; a
 * self-contained file has neither.
 */
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "render.h"

static const char *const section_names[] = { "前言", "一、总体情况",
    "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况", "六、其他需要报告的事项" };

static const char *
str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static json_int_t
num(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static void
review_badge(struct buf *b, const json_t *f)
{
	const json_t *r = json_object_get(f, "review");
	const char *st = str(r, "state");

	if (st == NULL)
		return;
	buf_fmt(b, " <span class=\"badge r-%s\">%s</span> <span class=\""
	    "where\">", strcmp(st, "dismissed") == 0 ? "dismissed" :
	    "confirmed", strcmp(st, "dismissed") == 0 ? "已排除" : "已确认");
	buf_html_cut(b, str(r, "reviewer"), 40);
	buf_lit(b, " ");
	page_date(b, num(r, "at"));
	if (str(r, "note") != NULL && *str(r, "note")) {
		buf_lit(b, "：");
		buf_html_cut(b, str(r, "note"), 400);
	}
	buf_lit(b, "</span>");
}

static void
where(struct buf *b, const json_t *f)
{
	json_int_t sec = num(f, "section");

	buf_lit(b, "<div class=\"where\">");
	if (num(f, "page") > 0)
		buf_fmt(b, "第 %lld 页 ", (long long)num(f, "page"));
	if (num(f, "line") > 0)
		buf_fmt(b, "第 %lld 行 ", (long long)num(f, "line"));
	if (sec > 0 && sec < 7)
		buf_fmt(b, "· %s ", section_names[sec]);
	if (str(f, "cell") != NULL) {
		buf_lit(b, "· 最可能出错：");
		render_cell_label(b, str(f, "cell"));
	}
	buf_lit(b, "</div>\n");
}

/* The cells of the finding being looked at, with their readings. */
static void
cells(struct buf *b, const json_t *rep, const json_t *f)
{
	const json_t *rd = json_object_get(rep, "readings"), *c;
	size_t i;

	buf_lit(b, "<table class=\"list cells\"><tr><th>单元格</th><th>读数"
	    "</th><th>位置</th></tr>\n");
	json_array_foreach(json_object_get(f, "cells"), i, c) {
		const char *id = json_string_value(c);
		const json_t *r = json_object_get(rd, id ? id : "");

		buf_lit(b, "<tr><td>");
		render_cell_label(b, id);
		buf_lit(b, "</td><td class=\"n\">");
		buf_html_cut(b, json_string_value(json_array_get(r, 1)), 24);
		buf_fmt(b, "</td><td>第 %lld 行</td></tr>\n", (long long)
		    json_integer_value(json_array_get(r, 2)));
	}
	buf_lit(b, "</table>\n");
}

static void
form(struct buf *b, const json_t *rep, const json_t *f,
    const struct board_view *v)
{
	buf_lit(b, "<form class=\"review\" method=\"post\" action=\"/review\">"
	    "<input type=\"hidden\" name=\"csrf\" value=\"");
	buf_attr(b, v->csrf);
	buf_fmt(b, "\"><input type=\"hidden\" name=\"rid\" value=\"%lld\">"
	    "<input type=\"hidden\" name=\"fid\" value=\"%lld\">",
	    (long long)num(rep, "rid"), (long long)num(f, "fid"));
	if (v->reviewer != NULL) {
		buf_lit(b, "<input type=\"text\" name=\"reviewer\" maxlength="
		    "\"40\" placeholder=\"审核人\" value=\"");
		buf_attr(b, v->reviewer);
		buf_lit(b, "\">");
	}
	buf_lit(b, "<input type=\"text\" name=\"note\" maxlength=\"500\" "
	    "placeholder=\"说明\"><button name=\"state\" value=\"confirmed\">"
	    "确认</button><button name=\"state\" value=\"dismissed\">排除"
	    "</button></form>\n");
}

void
render_findings(struct buf *b, const json_t *rep, const struct board_view *v)
{
	const json_t *fs = json_object_get(rep, "findings"), *f;
	json_int_t rid = num(rep, "rid");
	size_t i;

	buf_fmt(b, "<section><h2>发现的问题（%zu）</h2>\n", json_array_size(fs));
	if (json_array_size(fs) == 0)
		buf_lit(b, "<p class=\"clean\">未发现问题。</p>\n");
	buf_lit(b, "<ul class=\"findings\">\n");
	json_array_foreach(fs, i, f) {
		json_int_t fid = num(f, "fid");
		const char *sev = str(f, "severity");
		int error = sev != NULL && strcmp(sev, "error") == 0;
		int sel = v->selected != 0 && fid == v->selected;

		buf_fmt(b, "<li id=\"f-%lld\" class=\"%s%s%s\" data-rule=\"",
		    fid ? (long long)fid : (long long)i, error ? "error" :
		    sev != NULL && strcmp(sev, "warning") == 0 ? "warning" :
		    "info", render_dismissed(f) ? " dismissed" : "",
		    sel ? " selected" : "");
		buf_attr(b, str(f, "rule"));
		buf_fmt(b, "\"><span class=\"badge s-%s\">%s</span> <span "
		    "class=\"rule\">", error ? "error" : "review",
		    error ? "错误" : sev != NULL && strcmp(sev, "warning") == 0 ?
		    "警告" : "提示");
		buf_html(b, str(f, "rule"));
		buf_lit(b, "</span>");
		review_badge(b, f);
		buf_lit(b, "<div class=\"msg\">");
		buf_html_cut(b, str(f, "message"), 2000);
		buf_lit(b, "</div>\n");
		where(b, f);
		if (sel)
			cells(b, rep, f);
		if (!v->standalone && fid > 0) {
			buf_fmt(b, "<a class=\"show\" href=\"/report/%lld?f=%lld"
			    "#f-%lld\">查看单元格与原文</a> ", (long long)rid,
			    (long long)fid, (long long)fid);
			form(b, rep, f, v);
		}
		buf_lit(b, "</li>\n");
	}
	buf_lit(b, "</ul></section>\n");
}

struct range {
	size_t off, len;
};

static int
by_off(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/* Sentence positions of section sec the page marks, sorted. */
static size_t
ranges(const json_t *rep, int sec, const struct board_view *v,
    size_t len, struct range *out, size_t max)
{
	const json_t *f, *p;
	size_t i, j, n = 0;

	json_array_foreach(json_object_get(rep, "findings"), i, f) {
		if (v->selected ? num(f, "fid") != v->selected :
		    render_dismissed(f))
			continue;
		json_array_foreach(json_object_get(f, "pos"), j, p) {
			json_int_t s = json_integer_value(json_array_get(p, 0));
			json_int_t o = json_integer_value(json_array_get(p, 1));
			json_int_t l = json_integer_value(json_array_get(p, 2));

			if (s != sec || o < 0 || l <= 0 || (size_t)o > len ||
			    (size_t)l > len - (size_t)o || n == max)
				continue;
			out[n++] = (struct range){ (size_t)o, (size_t)l };
		}
	}
	qsort(out, n, sizeof(*out), by_off);
	return n;
}

static void
span(struct buf *b, const char *s, size_t off, size_t len)
{
	char *t = strndup(s + off, len);

	if (t == NULL) {
		b->oom = 1;
		return;
	}
	buf_html(b, t);
	free(t);
}

void
render_texts(struct buf *b, const json_t *rep, const struct board_view *v)
{
	const json_t *texts = json_object_get(rep, "texts");
	struct range r[64];

	if (!json_is_array(texts))
		return;
	buf_lit(b, "<section class=\"texts\"><h2>正文</h2>\n");
	for (int sec = 0; sec < 7; sec++) {
		const char *t = json_string_value(json_array_get(texts,
		    (size_t)sec));
		size_t len, n, at = 0;

		if (t == NULL)
			continue;
		len = strlen(t);
		n = ranges(rep, sec, v, len, r, 64);
		buf_fmt(b, "<details%s><summary>%s</summary><pre class=\"text\""
		    " id=\"text-%d\">", n ? " open" : "", section_names[sec],
		    sec);
		for (size_t i = 0; i < n; i++) {
			if (r[i].off < at)
				continue;	/* overlaps the one before */
			span(b, t, at, r[i].off - at);
			buf_lit(b, "<mark>");
			span(b, t, r[i].off, r[i].len);
			buf_lit(b, "</mark>");
			at = r[i].off + r[i].len;
		}
		span(b, t, at, len - at);
		buf_lit(b, "</pre></details>\n");
	}
	buf_lit(b, "</section>\n");
}
