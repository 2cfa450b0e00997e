/*
 * roster.c -- the roster of agencies obliged to report: roster.unknown,
 * a report whose issuer matches no entry by name, alias or drop
 * subfolder (a finding, never a silent new agency); and roster.missing,
 * an entry with no report after its deadline, which the daemon (after
 * the deadline, once) and `nianbao history --missing` report for the
 * campaign, not for one report.
 */
#include <stddef.h>
#include <stdio.h>

#include <nianbao/plugin.h>

static const struct nb_rule rules[] = {
	{ "roster.unknown", NB_SEV_WARNING,
	    "报告的发布机关不在名册中" },
	{ "roster.missing", NB_SEV_ERROR,
	    "名册中的机关在截止日期后仍未报送年度报告" },
};

static int
check_history(const struct nb_api *api, nb_ctx *ctx, void *state,
    const nb_report *r)
{
	struct nb_finding f = { 0 };
	const char *origin;
	char msg[512];

	(void)state;
	if (api->struct_size < offsetof(struct nb_api, mark) +
	    sizeof(api->mark) || api->attr == NULL ||
	    api->attr(r, 0, "roster") == NULL ||
	    api->attr(r, 0, "roster.name") != NULL)
		return 0;
	origin = api->attr(r, 0, "origin");
	snprintf(msg, sizeof(msg), "发布机关“%s”%s%s%s不在名册中，请核对名册"
	    "（名称、别名）或报告标题", *api->issuer(r) ? api->issuer(r) :
	    "（未识别）", origin && *origin ? "（来源目录“" : "",
	    origin && *origin ? origin : "", origin && *origin ? "”）" : "");
	f.rule = "roster.unknown";
	f.severity = NB_SEV_WARNING;
	f.message = msg;
	f.line = api->title_line(r);
	return api->emit(ctx, &f);
}

static const struct nb_plugin plugin = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_plugin),
	.name = "roster",
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
