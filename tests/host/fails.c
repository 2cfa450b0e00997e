/*
 * A plugin whose check fails and which emits a rule it did not declare:
 * the host must report engine.plugin_failed, refuse the undeclared rule
 * and keep the declared one.
 */
#include <nianbao/plugin.h>

static const struct nb_rule rules[] = {
	{ "fails.declared", NB_SEV_WARNING, "测试规则" },
};

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	struct nb_finding f = { .rule = "fails.declared",
	    .severity = NB_SEV_WARNING, .message = "已声明的规则" };
	struct nb_finding bad = { .rule = "other.undeclared",
	    .severity = NB_SEV_ERROR, .message = "未声明的规则" };

	(void)state; (void)r;
	if (api->emit(ctx, &f) != 0 || api->emit(ctx, &bad) != -1)
		return 0;	/* the test then misses engine.plugin_failed */
	return -1;
}

static const struct nb_plugin desc = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_plugin),
	.name = "fails",
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
