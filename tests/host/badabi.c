/* A plugin built for ABI major 99: the host must refuse it by name. */
#include <nianbao/plugin.h>

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	(void)api; (void)ctx; (void)state; (void)r;
	return 0;
}

static const struct nb_plugin desc = {
	.abi_version = NB_ABI_MK(99, 0),
	.struct_size = sizeof(struct nb_plugin),
	.name = "badabi",
	.version = "0",
	.check = check,
};

const struct nb_plugin *
nb_plugin_entry(void)
{
	return &desc;
}
