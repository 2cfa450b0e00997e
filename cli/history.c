/*
 * history.c -- `nianbao history`: reading the history store.
 *
 *   nianbao history --store DB [--issuer NAME] [--year Y]
 *	an issuer's (or every) report by year, version, errors, warnings
 *   nianbao history --store DB --roster FILE --year Y [--at YYYY-MM-DD]
 *	the campaign: every roster entry on time, late, pending or missing,
 *	and the reports no entry matches
 *   nianbao history --store DB --report RID
 *	one report's findings, with each one's fid and verdict
 *   nianbao history --store DB --confirm FID | --dismiss FID
 *                   [--note TEXT] [--reviewer NAME]
 *	a reviewer's verdict on a finding, as the board records it
 * Each with --json: one JSON object a line.
 */
#include <getopt.h>
#include <pwd.h>
#include <unistd.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "store.h"
#include "store/campaign.h"

struct hopts {
	const char	*store, *roster, *issuer, *at, *note, *reviewer;
	int		 year, json;
	int64_t		 report;
	int64_t		 verdict_fid;
	const char	*verdict;	/* "confirmed", "dismissed", NULL */
};

static void
usage(FILE *fp)
{
	fputs("用法：nianbao history --store 库 [选项]\n"
	    "查询报告历史库。\n\n"
	    "  --store DB          历史库：SQLite 文件或 postgresql://… 地址\n"
	    "  --issuer 名称       只列该机关的报告\n"
	    "  --year 年度         只列该年度的报告\n"
	    "  --roster FILE       与 --year 一起：按名册列出按时、逾期、未报送\n"
	    "  --at YYYY-MM-DD     判断是否已过截止日期的日期（默认今天）\n"
	    "  --report 编号       列出一份报告的全部问题（含问题编号和复核状态）\n"
	    "  --confirm 问题编号  复核：确认该问题属实\n"
	    "  --dismiss 问题编号  复核：排除该问题（不再计入该版本的问题数）\n"
	    "  --note 文字         与 --confirm / --dismiss 一起：复核意见\n"
	    "  --reviewer 姓名     复核人（默认为当前用户名）\n"
	    "  --json              每行输出一个 JSON 对象\n"
	    "  -h, --help          显示本帮助\n", fp);
}

static int
parse(int argc, char **argv, struct hopts *o)
{
	static const struct option longopts[] = {
		{ "store", required_argument, NULL, 's' },
		{ "roster", required_argument, NULL, 'R' },
		{ "issuer", required_argument, NULL, 'i' },
		{ "year", required_argument, NULL, 'y' },
		{ "at", required_argument, NULL, 'a' },
		{ "report", required_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "confirm", required_argument, NULL, 'C' },
		{ "dismiss", required_argument, NULL, 'D' },
		{ "note", required_argument, NULL, 'N' },
		{ "reviewer", required_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 's': o->store = optarg; break;
		case 'R': o->roster = optarg; break;
		case 'i': o->issuer = optarg; break;
		case 'y': o->year = atoi(optarg); break;
		case 'a': o->at = optarg; break;
		case 'r': o->report = strtoll(optarg, NULL, 10); break;
		case 'j': o->json = 1; break;
		case 'C':
		case 'D':
			o->verdict = ch == 'C' ? "confirmed" : "dismissed";
			o->verdict_fid = strtoll(optarg, NULL, 10);
			break;
		case 'N': o->note = optarg; break;
		case 'W': o->reviewer = optarg; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (o->verdict != NULL && o->verdict_fid <= 0) {
		fprintf(stderr, "nianbao: --confirm / --dismiss 需要问题编号"
		    "（见 --report 的输出）\n");
		return -1;
	}
	if (o->store == NULL || optind != argc ||
	    (o->roster != NULL && o->year <= 0)) {
		fprintf(stderr, "nianbao: history 需要 --store%s\n",
		    o->roster ? "，且 --roster 需要 --year" : "");
		usage(stderr);
		return -1;
	}
	return 0;
}

static void
day(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)(t + 8 * 3600);
	struct tm tm;

	if (t == 0) {
		snprintf(buf, len, "-");
		return;
	}
	gmtime_r(&tt, &tm);
	strftime(buf, len, "%Y-%m-%d", &tm);
}

static void
print_json(json_t *o)
{
	char *s = o ? json_dumps(o, JSON_COMPACT) :
	    NULL;

	if (s != NULL)
		puts(s);
	free(s);
	json_decref(o);
}

static json_t *
summary_json(const struct nb_store_summary *m)
{
	return json_pack("{sI sI ss ss ss si si ss sI sI sI si si}",
	    "rid", (json_int_t)m->rid, "series", (json_int_t)m->series,
	    "spool", m->spool, "file", m->file, "issuer", m->issuer,
	    "year", m->year, "version", m->version, "format", m->format,
	    "received", (json_int_t)m->received,
	    "published", (json_int_t)m->published,
	    "checked", (json_int_t)m->checked, "errors", (int)m->errors,
	    "warnings", (int)m->warnings);
}

static int
list(struct cli_store *cs, const struct hopts *o)
{
	struct nb_store_query q = { .year = o->year };
	struct nb_store_summary *v;
	struct nb_error err;
	char *key = NULL;
	size_t n;

	nb_error_clear(&err);
	if (o->issuer != NULL && (key = nb_issuer_key(o->issuer)) == NULL)
		return 2;
	q.issuer_key = key;
	if (nb_store_list(cs->store, &q, &v, &n, &err) == -1) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		free(key);
		return 2;
	}
	if (!o->json)
		printf("%-6s %-30s %-4s %-4s %-4s %-4s %s\n", "编号", "机关", "年度",
		    "版本", "错误", "警告", "文件");
	for (size_t i = 0; i < n; i++) {
		if (o->json)
			print_json(summary_json(&v[i]));
		else
			printf("%-6" PRId64 " %-30s %-4d %-4d %-4zu %-4zu %s\n",
			    v[i].rid, v[i].issuer, v[i].year, v[i].version,
			    v[i].errors, v[i].warnings, v[i].file);
	}
	nb_store_summaries_free(v, n);
	free(key);
	return 0;
}

static const char *
state_zh(enum nb_camp_state s)
{
	static const char *const zh[] = { "按时", "逾期", "未到期", "未报送",
	    "不在名册", "日期不明" };

	return s <= NB_CAMP_UNDATED ? zh[s] : "?";
}

static int
campaign(struct cli_store *cs, const struct hopts *o)
{
	struct nb_camp_row *v;
	struct nb_error err;
	int64_t now = (int64_t)time(NULL);
	size_t n;
	int y, m, d;

	nb_error_clear(&err);
	if (o->at != NULL) {
		char mmdd[8];

		if (sscanf(o->at, "%4d-%2d-%2d", &y, &m, &d) != 3) {
			fprintf(stderr, "nianbao: --at 应写作 YYYY-MM-DD\n");
			return 2;
		}
		/* The start of that day: deadline end is the next midnight. */
		snprintf(mmdd, sizeof(mmdd), "%02d-%02d", m, d);
		now = nb_deadline_end(y, mmdd) - 86400;
	}
	if (nb_campaign(cs->store, cs->roster, o->year, now, &v, &n,
	    &err) == -1) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		return 2;
	}
	for (size_t i = 0; i < n; i++) {
		const char *name = v[i].e ? v[i].e->name : v[i].rep.issuer;
		char due[16], when[16];

		/* due is the midnight that ends the last day. */
		day(v[i].due - 1, due, sizeof(due));
		day(v[i].when, when, sizeof(when));
		if (o->json)
			print_json(json_pack("{ss ss ss si sI ss ss}",
			    "name", name, "state",
			    nb_camp_state_name(v[i].state), "rule",
			    v[i].state == NB_CAMP_MISSING ? "roster.missing" :
			    v[i].state == NB_CAMP_LATE ? "deadline.late" :
			    v[i].state == NB_CAMP_UNKNOWN ? "roster.unknown" : "",
			    "year", o->year, "rid", (json_int_t)v[i].rep.rid,
			    "due", v[i].e ? due : "", "when",
			    v[i].when ? when : ""));
		else
			printf("%-8s %-30s 截止 %-10s 报送 %s\n",
			    state_zh(v[i].state), name, v[i].e ? due : "-",
			    when);
	}
	nb_campaign_free(v, n);
	return 0;
}

static const char *
verdict_name(const struct nb_store_verdict *v)
{
	return v == NULL ? "" : v->state == NB_VERDICT_DISMISSED ?
	    "dismissed" : "confirmed";
}

static void
print_finding(const struct nb_store_report *r,
    const struct nb_store_finding *f, const struct nb_store_verdict *v,
    int json)
{
	json_t *rel;

	if (!json) {
		printf("  #%-5" PRId64 " %s [%s] 第 %u 行：%s", f->fid,
		    nb_severity_name(f->severity), f->rule, f->line,
		    f->message);
		if (v != NULL)
			printf("（%s%s%s）", v->state == NB_VERDICT_DISMISSED ?
			    "已排除" : "已确认", *v->note ? "：" : "", v->note);
		putchar('\n');
		return;
	}
	rel = json_array();
	for (size_t k = 0; rel && k < f->nrelated; k++)
		json_array_append_new(rel, json_integer(f->related[k]));
	print_json(json_pack("{sI sI ss ss ss si so ss ss}", "rid",
	    (json_int_t)r->rid, "fid", (json_int_t)f->fid, "rule", f->rule,
	    "severity", nb_severity_name(f->severity), "message", f->message,
	    "line", (int)f->line, "related", rel ? rel : json_array(),
	    "verdict", verdict_name(v), "note", v != NULL ? v->note : ""));
}

static int
findings(struct cli_store *cs, const struct hopts *o)
{
	struct nb_store_report *r;
	struct nb_store_verdict *v = NULL;
	struct nb_error err;
	size_t nv = 0;

	nb_error_clear(&err);
	if (nb_store_get(cs->store, o->report, &r, &err) == -1) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		return 2;
	}
	if (r == NULL) {
		fprintf(stderr, "nianbao: 历史库中没有编号为 %" PRId64 " 的报告\n",
		    o->report);
		return 2;
	}
	if (nb_store_verdicts(cs->store, r->rid, &v, &nv, &err) == -1) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		nb_store_report_free(r);
		return 2;
	}
	if (!o->json)
		printf("%s %d 年度（%s，第 %d 版）：%zu 个错误，%zu 个警告\n",
		    r->issuer, r->year, r->file, r->version, r->errors,
		    r->warnings);
	for (size_t i = 0; i < r->nfindings; i++)
		print_finding(r, &r->findings[i], nb_store_verdict_of(v, nv,
		    r->findings[i].fid), o->json);
	nb_store_verdicts_free(v, nv);
	nb_store_report_free(r);
	return 0;
}

static int
review(struct cli_store *cs, const struct hopts *o)
{
	const char *who = o->reviewer;
	struct nb_error err;

	if (who == NULL) {
		const struct passwd *pw = getpwuid(getuid());

		who = pw != NULL ? pw->pw_name : "";
	}
	nb_error_clear(&err);
	if (nb_store_review(cs->store, o->verdict_fid, o->verdict,
	    o->note ? o->note : "", who, (int64_t)time(NULL), &err) == -1) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		return 2;
	}
	return 0;
}

int
cli_history(int argc, char **argv)
{
	struct hopts o = { 0 };
	struct cli_store cs;
	int rc;

	if (parse(argc, argv, &o) == -1)
		return 2;
	if (cli_store_open(&cs, o.store, o.roster) == -1)
		return 2;
	if (o.verdict != NULL)
		rc = review(&cs, &o);
	else if (o.report > 0)
		rc = findings(&cs, &o);
	else if (o.roster != NULL)
		rc = campaign(&cs, &o);
	else
		rc = list(&cs, &o);
	fflush(stdout);
	cli_store_close(&cs);
	return rc;
}
