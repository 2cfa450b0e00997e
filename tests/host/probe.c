/*
 * A plugin built for ABI 1.1 that reports what the 1.1 services say
 * (cell_info, table_confidence, section_lines, line_page) in one finding,
 * with two related relations: the host test reads them back.
 */
#include <stdio.h>

#include <nianbao/plugin.h>

static const struct nb_rule rules[] = {
	{ "probe.read", NB_SEV_INFO, "测试：ABI 1.1 的读取信息" },
};

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	static const char *const related[] = { "R-1", "R-2" };
	struct nb_finding f = { .rule = "probe.read", .severity = NB_SEV_INFO,
	    .related = related, .n_related = 2 };
	struct nb_cell_info info = { -1, NB_SRC_NONE }, none;
	const char *why = NULL;
	unsigned lines[4] = { 0, 0, 0, 0 }, pl = 0, pg;
	size_t nl;
	double conf;
	int has, bad;
	char msg[512];

	(void)state;
	has = NB_API_HAS(api, cell_info) && NB_API_HAS(api, table_confidence) &&
	    NB_API_HAS(api, section_lines) && NB_API_HAS(api, line_page);
	if (!has)
		return -1;
	api->cell_info(r, "t3.new.total", &info);
	bad = api->cell_info(r, "t9.nothing", &none);
	conf = api->table_confidence(r, "t3", &why);
	nl = api->section_lines(r, 1, lines, 4);
	pg = api->line_page(r, lines[0], &pl);
	snprintf(msg, sizeof(msg), "cell=%.2f/%d bad=%d t3=%.2f why=[%s] "
	    "sec1=%zu@%u page=%u/%u", info.confidence, (int)info.source, bad,
	    conf, why != NULL ? why : "(null)", nl, lines[0], pg, pl);
	f.message = msg;
	f.line = lines[0];
	return api->emit(ctx, &f) == 0 ? 0 : -1;
}

static const struct nb_plugin desc = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_plugin),
	.name = "probe",
	.version = "0",
	.rules = rules,
	.n_rules = 1,
	.check = check,
};

const struct nb_plugin *
nb_plugin_entry(void)
{
	return &desc;
}
