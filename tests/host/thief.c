/*
 * A plugin that declares a rule of another plugin (sums.balance): the host
 * must refuse it, naming this file and sums.so (issue 9, defect 9).
 */
#include <nianbao/plugin.h>

static const struct nb_rule rules[] = {
	{ "thief.own", NB_SEV_INFO, "自己的规则" },
	{ "sums.balance", NB_SEV_ERROR, "别的插件的规则" },
};

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	(void)api; (void)ctx; (void)state; (void)r;
	return 0;
}

static const struct nb_plugin desc = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_plugin),
	.name = "thief",
	.version = "0",
	.rules = rules,
	.n_rules = 2,
	.check = check,
};

const struct nb_plugin *
nb_plugin_entry(void)
{
	return &desc;
}
