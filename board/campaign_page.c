/*
 * campaign_page.c -- the campaign: every agency of the roster for one
 * year (without a roster, every issuer in the store), its status, its
 * counts, filters by region, level and status, sortable columns.
 *
 * The status is the first that holds, in this order: 未报送 (no report),
 * 逾期 (published, else received, after the deadline), 有错误 (an error
 * not dismissed), 待复核 (a finding nobody has reviewed), 已通过.  The
 * counts are those of the newest version; a dismissed finding is not
 * counted.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/keyvalq_struct.h>

#include "board.h"
#include "store/campaign.h"
#include "page.h"

struct crow {
	const struct nb_camp_row *c;
	const char	*name, *key, *level, *region;
	int64_t		 rid;		/* newest version, 0 if none */
	int		 version;
	struct nb_store_tally t;
	enum board_status st;
};

static const char *const status_ids[] = { "missing", "late", "error",
    "review", "pass" };
static const char *const status_names[] = { "未报送", "逾期", "有错误",
    "待复核", "已通过" };

const char *
board_status_id(enum board_status s)
{
	return s < ST_NSTATUS ? status_ids[s] : "?";
}

const char *
board_status_name(enum board_status s)
{
	return s < ST_NSTATUS ? status_names[s] : "?";
}

static const char *
arg(struct board_req *r, const char *k)
{
	const char *v = evhttp_find_header(r->query, k);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* The newest year in the store, else last year. */
static int
default_year(struct board *bd, struct nb_error *err)
{
	struct nb_store_query q = { .latest_only = 1 };
	struct nb_store_summary *v;
	size_t n;
	int y = 0;
	time_t t = time(NULL);
	struct tm tm;

	if (bd->year)
		return bd->year;
	if (nb_store_list(bd->store, &q, &v, &n, err) == -1)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (v[i].year > y)
			y = v[i].year;
	nb_store_summaries_free(v, n);
	if (y == 0 && gmtime_r(&t, &tm) != NULL)
		y = tm.tm_year + 1900 - 1;
	return y;
}

static int
fill(struct board *bd, int year, struct crow *w, struct nb_error *err)
{
	const struct nb_camp_row *c = w->c;
	struct nb_store_query q = { .year = year };
	struct nb_store_summary *v;
	size_t n;

	w->name = c->e ? c->e->name : c->rep.issuer;
	w->key = c->e ? c->e->key : c->rep.issuer_key;
	w->level = c->e ? c->e->level : "";
	w->region = c->e ? c->e->region : "";
	if (c->rep.rid == 0) {
		w->st = ST_MISSING;
		return 0;
	}
	q.issuer_key = c->rep.issuer_key;
	if (nb_store_list(bd->store, &q, &v, &n, err) == -1)
		return -1;
	w->rid = c->rep.rid;
	w->version = c->rep.version;
	for (size_t i = 0; i < n; i++)
		if (v[i].series == c->rep.series && v[i].version > w->version) {
			w->rid = v[i].rid;
			w->version = v[i].version;
		}
	nb_store_summaries_free(v, n);
	if (nb_store_tally(bd->store, w->rid, &w->t, err) == -1)
		return -1;
	w->st = c->state == NB_CAMP_LATE ? ST_LATE : w->t.errors > 0 ?
	    ST_ERROR : w->t.unreviewed > 0 ? ST_REVIEW : ST_PASS;
	return 0;
}

static int
cmp(const void *a, const void *b, void *arg)
{
	const struct crow *x = a, *y = b;
	const char *sort_key = arg;

	if (sort_key != NULL && strcmp(sort_key, "errors") == 0 &&
	    x->t.errors != y->t.errors)
		return x->t.errors > y->t.errors ? -1 : 1;
	if (sort_key != NULL && strcmp(sort_key, "name") == 0)
		return strcmp(x->key ? x->key : "", y->key ? y->key : "");
	if (sort_key != NULL && strcmp(sort_key, "region") == 0 &&
	    strcmp(x->region, y->region) != 0)
		return strcmp(x->region, y->region);
	if (x->st != y->st)
		return x->st < y->st ? -1 : 1;
	return strcmp(x->key ? x->key : "", y->key ? y->key : "");
}

static void
select_opts(struct buf *b, const char *name, const char *label,
    const char *const *v, size_t n, const char *cur)
{
	buf_fmt(b, "<label>%s <select name=\"%s\"><option value=\"\">全部"
	    "</option>", label, name);
	for (size_t i = 0; i < n; i++) {
		int dup = 0;

		for (size_t j = 0; j < i; j++)
			dup |= strcmp(v[j], v[i]) == 0;
		if (dup || *v[i] == '\0')
			continue;
		buf_lit(b, "<option value=\"");
		buf_attr(b, v[i]);
		buf_lit(b, cur && strcmp(cur, v[i]) == 0 ? "\" selected>" : "\">");
		buf_html(b, v[i]);
		buf_lit(b, "</option>");
	}
	buf_lit(b, "</select></label>");
}

static void
filters(struct buf *b, struct board_req *r, struct crow *w, size_t n,
    int year)
{
	const char **regions = calloc(n + 1, sizeof(*regions));
	const char **levels = calloc(n + 1, sizeof(*levels));

	buf_fmt(b, "<form class=\"filters\" method=\"get\" action=\"/\">"
	    "<label>年度 <input type=\"number\" name=\"year\" value=\"%d\" "
	    "min=\"2000\" max=\"2100\"></label>", year);
	if (regions != NULL && levels != NULL) {
		for (size_t i = 0; i < n; i++) {
			regions[i] = w[i].region;
			levels[i] = w[i].level;
		}
		select_opts(b, "region", "区划", regions, n, arg(r, "region"));
		select_opts(b, "level", "级别", levels, n, arg(r, "level"));
	} else
		b->oom = 1;
	buf_lit(b, "<label>状态 <select name=\"status\"><option value=\"\">"
	    "全部</option>");
	for (int s = 0; s < ST_NSTATUS; s++)
		buf_fmt(b, "<option value=\"%s\"%s>%s</option>", status_ids[s],
		    arg(r, "status") && strcmp(arg(r, "status"),
		    status_ids[s]) == 0 ? " selected" : "", status_names[s]);
	buf_lit(b, "</select></label>");
	buf_lit(b, "<button>筛选</button></form>\n");
	free(regions);
	free(levels);
}

static int
shown(struct board_req *r, const struct crow *w)
{
	const char *region = arg(r, "region"), *level = arg(r, "level");
	const char *st = arg(r, "status");

	return (region == NULL || strcmp(region, w->region) == 0) &&
	    (level == NULL || strcmp(level, w->level) == 0) &&
	    (st == NULL || strcmp(st, board_status_id(w->st)) == 0);
}

static void
row(struct buf *b, const struct crow *w, int year, int roster)
{
	buf_lit(b, "<tr class=\"agency\" data-agency=\"");
	buf_attr(b, w->name);
	buf_fmt(b, "\" data-status=\"%s\"><td><a href=\"/agency?key=",
	    board_status_id(w->st));
	buf_urlarg(b, w->key);
	buf_lit(b, "\">");
	buf_html_cut(b, w->name, 60);
	buf_lit(b, "</a></td><td>");
	buf_html(b, w->level);
	buf_lit(b, "</td><td>");
	buf_html(b, w->region);
	buf_fmt(b, "</td><td><span class=\"badge s-%s\">%s</span>",
	    board_status_id(w->st), board_status_name(w->st));
	if (w->c->state == NB_CAMP_PENDING)
		buf_lit(b, " <span class=\"where\">截止日前</span>");
	if (roster && w->c->state == NB_CAMP_UNKNOWN)
		buf_lit(b, " <span class=\"where\">不在名册</span>");
	buf_lit(b, "</td><td>");
	/* due is the end of the last day: show that day. */
	page_day(b, w->c->due ? w->c->due - 1 : 0);
	buf_lit(b, "</td><td>");
	page_date(b, w->c->when);
	if (w->rid == 0) {
		buf_lit(b, "</td><td class=\"n\">—</td><td class=\"n\">—</td>"
		    "<td class=\"n\">—</td><td></td></tr>\n");
		return;
	}
	buf_fmt(b, "</td><td class=\"n errors\">%zu</td><td class=\"n\">%zu"
	    "</td><td class=\"n unreviewed\">%zu</td><td><a href=\"/report/"
	    "%lld\">报告（第 %d 版）</a>", w->t.errors, w->t.warnings,
	    w->t.unreviewed, (long long)w->rid, w->version);
	if (w->t.errors > 0) {
		buf_lit(b, " · <a href=\"/notice?key=");
		buf_urlarg(b, w->key);
		buf_fmt(b, "&amp;year=%d\">整改通知</a>", year);
	}
	buf_lit(b, "</td></tr>\n");
}

static void
table(struct buf *b, struct board_req *r, struct crow *w, size_t n,
    int year)
{
	size_t count[ST_NSTATUS] = { 0 };

	for (size_t i = 0; i < n; i++)
		count[w[i].st]++;
	buf_lit(b, "<p class=\"totals\">");
	for (int s = 0; s < ST_NSTATUS; s++)
		buf_fmt(b, "<span class=\"badge s-%s\">%s</span> <b id=\"n-%s\">"
		    "%zu</b>　", status_ids[s], status_names[s], status_ids[s],
		    count[s]);
	buf_lit(b, "</p>\n");
	filters(b, r, w, n, year);
	buf_fmt(b, "<table class=\"list\" id=\"campaign\"><tr><th><a href=\"/?"
	    "year=%d&amp;sort=name\">机关</a></th><th>级别</th><th><a href=\"/?"
	    "year=%d&amp;sort=region\">区划</a></th><th><a href=\"/?year=%d\">"
	    "状态</a></th><th>截止</th><th>发布或收到</th><th><a href=\"/?year="
	    "%d&amp;sort=errors\">错误</a></th><th>警告</th><th>待复核</th>"
	    "<th></th></tr>\n", year, year, year, year);
	for (size_t i = 0; i < n; i++)
		if (shown(r, &w[i]))
			row(b, &w[i], year, r->bd->roster != NULL);
	buf_lit(b, "</table>\n");
}

int
page_campaign(struct board_req *r, struct buf *b, struct nb_error *err)
{
	struct nb_roster none = { 0 };
	struct nb_camp_row *rows;
	struct crow *w;
	size_t n;
	int year = arg(r, "year") ? atoi(arg(r, "year")) : 0, rc = -1;

	if (year == 0 && (year = default_year(r->bd, err)) == -1)
		return -1;
	if (year < 1990 || year > 2200)
		return nb_fail(err, NB_ERR_CONFIG, "年度无效"), 400;
	if (nb_campaign(r->bd->store, r->bd->roster ? r->bd->roster : &none,
	    year, (int64_t)time(NULL), &rows, &n, err) == -1)
		return -1;
	if ((w = calloc(n + 1, sizeof(*w))) == NULL) {
		nb_campaign_free(rows, n);
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	}
	for (size_t i = 0; i < n; i++) {
		w[i].c = &rows[i];
		if (fill(r->bd, year, &w[i], err) == -1)
			goto out;
	}
	qsort_r(w, n, sizeof(*w), cmp, (void *)arg(r, "sort"));
	page_begin(b, "报送情况", 0);
	buf_fmt(b, "<h1>%d 年度政府信息公开工作年度报告 · 报送与审核情况</h1>\n",
	    year);
	if (r->bd->roster == NULL)
		buf_lit(b, "<p class=\"where\">未配置名册：列出历史库中的全部"
		    "机关。</p>\n");
	table(b, r, w, n, year);
	page_end(b);
	rc = 0;
out:
	free(w);
	nb_campaign_free(rows, n);
	return rc;
}
