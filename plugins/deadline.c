/*
 * deadline.c -- deadline.late: a report published (or, when the text
 * gives no date, received) after its deadline (条例 art. 49, DOMAIN.md
 * §4.6): 1月31日 of the next year for a department, 3月31日 for a
 * government's own report and for townships and streets, which the law
 * does not name; the old 条例 (reports up to 2018) 3月31日 for all.
 *
 * The roster's deadline column for the agency comes first, then the rule
 * pack's options by level (dept, gov, town, street: "MM-DD"), then the
 * law.  Without a roster the level is unknown and only 3月31日 is
 * certain.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nianbao/plugin.h>

static const struct nb_rule rules[] = {
	{ "deadline.late", NB_SEV_WARNING,
	    "报告晚于规定期限发布或报送（条例第四十九条）" },
};

static const struct {
	const char *level, *option;
} levels[] = {
	{ "部门", "dept" }, { "本级政府", "gov" }, { "乡镇", "town" },
	{ "街道", "street" },
};

static int
parse_mmdd(const char *s, int *m, int *d)
{
	int n = 0;

	return s != NULL && sscanf(s, "%2d-%2d%n", m, d, &n) == 2 &&
	    n == 5 && s[5] == '\0' && *m >= 1 && *m <= 12 && *d >= 1 &&
	    *d <= 31;
}

static const char *
deadline_of(const struct nb_api *api, nb_ctx *ctx, const nb_report *r,
    int year)
{
	const char *own = api->attr(r, 0, "roster.deadline");
	const char *level = api->attr(r, 0, "roster.level");
	int m, d;

	if (parse_mmdd(own, &m, &d))
		return own;
	for (size_t i = 0; level != NULL && i < 4; i++)
		if (strcmp(level, levels[i].level) == 0) {
			const char *o = api->option(ctx, levels[i].option);

			if (parse_mmdd(o, &m, &d))
				return o;
			if (year >= 2019 && i == 0)
				return "01-31";
		}
	return "03-31";
}

/* The end of day m-d of year in China (UTC+8), as unix seconds. */
static long long
end_of_day(int year, int m, int d)
{
	struct tm tm = { 0 };

	tm.tm_year = year - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d + 1;
	return (long long)timegm(&tm) - 8 * 3600;
}

static void
day_text(long long t, char *buf, size_t len)
{
	time_t tt = (time_t)(t + 8 * 3600);
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(buf, len, "%Y年%m月%d日", &tm);
}

static int
check_history(const struct nb_api *api, nb_ctx *ctx, void *state,
    const nb_report *r)
{
	const char *pub, *due, *what = "发布";
	struct nb_finding f = { 0 };
	char msg[512], when[64], limit[64];
	long long t, end;
	int year = api->year(r), m, d;

	(void)state;
	if (api->struct_size < offsetof(struct nb_api, mark) +
	    sizeof(api->mark) || api->attr == NULL || year == 0)
		return 0;
	if ((pub = api->attr(r, 0, "published")) == NULL) {
		pub = api->attr(r, 0, "received");
		what = "收到";
	}
	if (pub == NULL || (t = strtoll(pub, NULL, 10)) <= 0)
		return 0;
	due = deadline_of(api, ctx, r, year);
	if (!parse_mmdd(due, &m, &d))
		return 0;
	end = end_of_day(year + 1, m, d);
	if (t < end)
		return 0;
	day_text(t, when, sizeof(when));
	day_text(end - 1, limit, sizeof(limit));
	snprintf(msg, sizeof(msg), "%d 年度报告%s于%s，晚于规定期限%s",
	    year, what, when, limit);
	f.rule = "deadline.late";
	f.severity = NB_SEV_WARNING;
	f.message = msg;
	f.has_values = 1;
	f.expected = (double)end;
	f.actual = (double)t;
	return api->emit(ctx, &f);
}

static const struct nb_plugin plugin = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_plugin),
	.name = "deadline",
	.version = "1.0",
	.rules = rules,
	.n_rules = sizeof(rules) / sizeof(rules[0]),
	.check_history = check_history,
};

NB_EXPORT const struct nb_plugin *
nb_plugin_entry(void)
{
	return &plugin;
}
