/*
 * notice_page.c -- the printable 整改通知 of one agency for one year: the
 * problems of its newest report version that a reviewer has not
 * dismissed (errors, and warnings a reviewer confirmed), where each is,
 * and what to do; print CSS makes it an A4 document.  And the login form.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/keyvalq_struct.h>

#include "board.h"
#include "page.h"
#include "render.h"
#include "report_json.h"

static const char *
str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* The rid of the newest version of key's report of year, 0 if none. */
static int64_t
newest(struct board *bd, const char *key, int year, struct nb_error *err)
{
	struct nb_store_query q = { .issuer_key = key, .year = year };
	struct nb_store_summary *v;
	size_t n;
	int64_t rid = 0;
	int ver = 0;

	if (nb_store_list(bd->store, &q, &v, &n, err) == -1)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (v[i].version > ver) {
			ver = v[i].version;
			rid = v[i].rid;
		}
	nb_store_summaries_free(v, n);
	return rid;
}

static int
listed(const json_t *f)
{
	const char *sev = str(f, "severity");
	const char *st = str(json_object_get(f, "review"), "state");

	if (sev == NULL || (st != NULL && strcmp(st, "dismissed") == 0))
		return 0;
	return strcmp(sev, "error") == 0 || (st != NULL &&
	    strcmp(st, "confirmed") == 0);
}

static void
problems(struct buf *b, const json_t *rep)
{
	const json_t *f;
	size_t i, k = 0;

	buf_lit(b, "<ol class=\"problems\">\n");
	json_array_foreach(json_object_get(rep, "findings"), i, f) {
		json_int_t line = json_integer_value(json_object_get(f, "line"));
		json_int_t page = json_integer_value(json_object_get(f, "page"));

		if (!listed(f))
			continue;
		k++;
		buf_lit(b, "<li>");
		buf_html_cut(b, str(f, "message"), 2000);
		buf_lit(b, "<br><span class=\"where\">");
		if (page > 0)
			buf_fmt(b, "第 %lld 页 ", (long long)page);
		if (line > 0)
			buf_fmt(b, "第 %lld 行 ", (long long)line);
		if (str(f, "cell") != NULL)
			render_cell_label(b, str(f, "cell"));
		buf_lit(b, "（");
		buf_html(b, str(f, "rule"));
		buf_lit(b, "）</span></li>\n");
	}
	buf_lit(b, "</ol>\n");
	if (k == 0)
		buf_lit(b, "<p>经复核，未发现需要整改的问题。</p>\n");
}

int
page_notice(struct board_req *r, struct buf *b, struct nb_error *err)
{
	const char *key = evhttp_find_header(r->query, "key");
	const char *ys = evhttp_find_header(r->query, "year");
	int year = ys ? atoi(ys) : 0;
	const char *who;
	int64_t rid;
	json_t *rep;

	if (key == NULL || *key == '\0' || strlen(key) > 512 || year < 1990 ||
	    year > 2200)
		return 404;
	if ((rid = newest(r->bd, key, year, err)) <= 0)
		return rid == -1 ? -1 : 404;
	if (board_load_report(r->bd->store, rid, &rep, err) == -1)
		return -1;
	if (rep == NULL)
		return 404;
	who = str(rep, "issuer") ? str(rep, "issuer") : key;
	page_begin(b, "整改通知", 0);
	buf_lit(b, "<article class=\"notice\"><h1>整改通知</h1>\n<p>");
	buf_html_cut(b, who, 200);
	buf_lit(b, "：</p>\n<p>　　经审核，你单位报送的《");
	buf_html_cut(b, who, 200);
	buf_fmt(b, " %d 年政府信息公开工作年度报告》（第 %lld 版，文件“", year,
	    (long long)json_integer_value(json_object_get(rep, "version")));
	buf_html_cut(b, str(rep, "file"), 120);
	buf_lit(b, "”）存在以下问题：</p>\n");
	problems(b, rep);
	buf_lit(b, "<p>　　请对照《中华人民共和国政府信息公开条例》和国务院办公厅"
	    "政府信息与政务公开办公室印发的年度报告格式（国办公开办函〔2021〕30号）"
	    "逐项核实整改，修改后重新报送。</p>\n<p class=\"sign\">");
	buf_html(b, r->bd->office);
	buf_lit(b, "<br>");
	page_day(b, (int64_t)time(NULL));
	buf_lit(b, "</p>\n<p class=\"noprint where\">使用浏览器的“打印”即可"
	    "得到 A4 纸质通知。</p></article>\n");
	page_end(b);
	json_decref(rep);
	return 0;
}

void
page_login(struct board_req *r, struct buf *b, int failed)
{
	page_begin(b, "登录", 0);
	buf_lit(b, "<h1>登录</h1>\n");
	if (failed)
		buf_lit(b, "<p class=\"where\">令牌不正确。</p>\n");
	buf_lit(b, "<form method=\"post\" action=\"/login\"><input type=\""
	    "hidden\" name=\"csrf\" value=\"");
	buf_attr(b, r->csrf);
	buf_lit(b, "\"><label>访问令牌 <input type=\"password\" name=\"token\""
	    " autocomplete=\"current-password\"></label> <button>登录</button>"
	    "</form>\n");
	page_end(b);
}
