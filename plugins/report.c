/*
 * report.c -- identity of a report: format version, title year, statistics
 * period (DOMAIN.md §4.1 V-FORMAT, Y-TITLE, Y-PERIOD).
 *
 * Unlike the table plugins this one runs for every format: which format
 * a report is in, and so by which pack's tables it was checked, is the
 * finding.  A report in the format of its year is told so (info); one in
 * a format its year no longer allows is an error that names the format.
 */
#include <stdio.h>

#include <nianbao/plugin.h>

static const struct nb_rule rules[] = {
	{ "report.format", NB_SEV_ERROR,
	    "报告未按其年度应使用的格式编制（2019、2020年度为2019年试行格式，"
	    "2021年度起为2021年格式）" },
	{ "report.title", NB_SEV_WARNING, "未找到报告标题或标题中的年度" },
	{ "report.period", NB_SEV_WARNING,
	    "缺少统计期限说明，或统计期限与报告年度不一致" },
};

static int
emit(const struct nb_api *api, nb_ctx *ctx, const char *rule,
    enum nb_severity sev, unsigned line, const char *msg)
{
	struct nb_finding f = { 0 };

	f.rule = rule;
	f.severity = sev;
	f.message = msg;
	f.line = line;
	return api->emit(ctx, &f);
}

/* The format of each year (DOMAIN.md §0). */
static enum nb_format
format_of_year(int year)
{
	return year >= 2021 ? NB_FMT_2021 : year >= 2019 ? NB_FMT_2019 :
	    NB_FMT_OLD;
}

static const char *
format_label(enum nb_format f)
{
	switch (f) {
	case NB_FMT_OLD:
		return "2019年以前的旧格式（政府信息公开情况统计表）";
	case NB_FMT_2019:
		return "2019年试行格式（国办公开办函〔2019〕60号）";
	default:
		return "2021年格式（国办公开办函〔2021〕30号）";
	}
}

static int
format_error(const struct nb_api *api, nb_ctx *ctx, enum nb_format fmt,
    int year, unsigned line)
{
	char msg[512];

	if (fmt == NB_FMT_UNKNOWN)
		snprintf(msg, sizeof(msg), "无法识别报告格式，"
		    "未找到2021年格式的表格和标记");
	else
		snprintf(msg, sizeof(msg), "%d年度报告使用了%s，应按%s编制",
		    year, format_label(fmt), format_label(format_of_year(year)));
	return emit(api, ctx, "report.format", NB_SEV_ERROR, line, msg);
}

/* A 2021 report says nothing (the current format is never wrong); one in
 * the format of its year is told which format's tables checked it. */
static int
check_format(const struct nb_api *api, nb_ctx *ctx, const nb_report *r)
{
	enum nb_format fmt = api->format(r);
	int year = api->year(r);
	unsigned line = api->title_line(r);
	char msg[512];

	if (fmt == NB_FMT_2021)
		return 0;
	/* Without a year the format cannot be wrong for it, for sure. */
	if (fmt != NB_FMT_UNKNOWN && year == 0) {
		snprintf(msg, sizeof(msg), "报告使用了%s，未找到报告年度，无法"
		    "确认格式是否符合年度要求", format_label(fmt));
		return emit(api, ctx, "report.format", NB_SEV_WARNING, line,
		    msg);
	}
	if (fmt == NB_FMT_UNKNOWN || format_of_year(year) != fmt)
		return format_error(api, ctx, fmt, year, line);
	snprintf(msg, sizeof(msg), "%d年度报告按%s编制，按该格式检查%s", year,
	    format_label(fmt), fmt == NB_FMT_OLD ? "（统计表的合计数）" : "");
	return emit(api, ctx, "report.format", NB_SEV_INFO, line, msg);
}

static int
check_period(const struct nb_api *api, nb_ctx *ctx, const nb_report *r)
{
	int year = api->year(r), start = 0, end = 0;
	unsigned line = api->period_line(r, &start, &end);

	if (line == 0)
		return emit(api, ctx, "report.period", NB_SEV_WARNING,
		    api->title_line(r), "未找到统计期限说明（如“本报告统计"
		    "数据从某年1月1日至12月31日”）");
	if (year == 0)
		return 0;
	/* An end year may be left out ("至12月31日"): 0 means not written. */
	if ((start != 0 && start != year) || (end != 0 && end != year)) {
		char msg[256];

		snprintf(msg, sizeof(msg), "统计期限的年度（%d—%d）与报告"
		    "年度%d年不一致", start, end != 0 ? end : start, year);
		return emit(api, ctx, "report.period", NB_SEV_ERROR, line,
		    msg);
	}
	return 0;
}

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	(void)state;
	if (api->title_line(r) == 0 || api->year(r) == 0) {
		if (emit(api, ctx, "report.title", NB_SEV_WARNING,
		    api->title_line(r), "未找到报告标题或标题中的年度"
		    "（“某年政府信息公开工作年度报告”）") == -1)
			return -1;
	}
	if (check_format(api, ctx, r) == -1)
		return -1;
	return check_period(api, ctx, r);
}

static const struct nb_plugin plugin = {
	NB_ABI_VERSION, sizeof(struct nb_plugin), "report", "1.0",
	rules, sizeof(rules) / sizeof(rules[0]), NULL, check, NULL, NULL
};

NB_EXPORT const struct nb_plugin *
nb_plugin_entry(void)
{
	return &plugin;
}
