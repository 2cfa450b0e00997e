/*
 * A plugin with neither check() nor check_history(): the host refuses it
 * (a plugin of checks across reports may leave check() out, no other).
 */
#include <nianbao/plugin.h>

static const struct nb_plugin desc = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_plugin),
	.name = "nocheck",
	.version = "0",
};

const struct nb_plugin *
nb_plugin_entry(void)
{
	return &desc;
}
