/*
 * rules_level.c -- an example province plugin (doc/plugins.md).
 *
 * Governments below a 设区的市 (县、区、旗、乡、镇、街道 and their
 * departments) cannot make 规章 (立法法 arts. 91, 93), so every 规章 cell
 * of the 第二部分表格 of their reports must be 0.  The issuer's level is
 * guessed from its name, hence a warning, not an error.
 */
#include <stdio.h>
#include <string.h>

#include <nianbao/plugin.h>

static const struct nb_rule rules[] = {
	{ "rules_level.county_rules", NB_SEV_WARNING,
	  "县级及以下机关不能制定规章，第二部分表格“规章”各项应为0" },
};

/* Name markers of an issuer below a 设区的市; "市" alone is not enough. */
static const char *const county_marks[] = {
	"县", "区", "旗", "镇", "乡", "街道",
};

static int
below_city(const char *issuer)
{
	for (size_t i = 0; i < sizeof(county_marks) / sizeof(*county_marks); i++)
		if (strstr(issuer, county_marks[i]) != NULL)
			return 1;
	return 0;
}

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	static const char *const cells[] = { "t2.rules.issued",
	    "t2.rules.repealed", "t2.rules.effective" };
	struct nb_value v;
	char msg[256];

	(void)state;
	if (api->format(r) != NB_FMT_2021 || !below_city(api->issuer(r)))
		return 0;
	for (size_t i = 0; i < 3; i++) {
		struct nb_finding f = { .rule = rules[0].id,
		    .severity = NB_SEV_WARNING, .message = msg, .section = 2,
		    .cell = cells[i], .has_values = 1, .expected = 0 };

		if (api->cell(r, cells[i], &v) != 0 || v.kind != NB_VAL_INT ||
		    v.i == 0)
			continue;
		snprintf(msg, sizeof(msg), "%s为县级及以下机关，不能制定规章，"
		    "但%s为 %lld", api->issuer(r), api->cell_label(r, cells[i]),
		    (long long)v.i);
		f.line = v.line;
		f.actual = (double)v.i;
		if (api->emit(ctx, &f) != 0)
			return -1;
	}
	return 0;
}

static const struct nb_plugin plugin = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_plugin),
	.name = "rules_level",
	.version = "1.0",
	.rules = rules,
	.n_rules = sizeof(rules) / sizeof(rules[0]),
	.check = check,
};

NB_EXPORT const struct nb_plugin *
nb_plugin_entry(void)
{
	return &plugin;
}
