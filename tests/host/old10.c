/*
 * A plugin that says it was built for ABI 1.0, whose struct nb_finding
 * ended before `related`: what lies there is not the plugin's, so the
 * host must not read it.  The pointer left there would crash a host that
 * did.
 */
#include <stdint.h>

#include <nianbao/plugin.h>

static const struct nb_rule rules[] = {
	{ "old10.found", NB_SEV_WARNING, "测试：1.0 插件的发现" },
};

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	struct nb_finding f = { .rule = "old10.found",
	    .severity = NB_SEV_WARNING, .message = "1.0 插件的发现" };

	(void)state; (void)r;
	f.related = (const char *const *)(uintptr_t)8;
	f.n_related = 3;
	return api->emit(ctx, &f) == 0 ? 0 : -1;
}

static const struct nb_plugin desc = {
	.abi_version = NB_ABI_MK(1, 0),
	.struct_size = sizeof(struct nb_plugin),
	.name = "old10",
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
