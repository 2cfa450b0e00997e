/*
 * nbtest_hang.c -- test plugin: never returns on a report that has a line
 * with NBTEST-HANG; otherwise finds nothing.  For the daemon's time-limit
 * test.
 */
#include <string.h>
#include <unistd.h>

#include <nianbao/plugin.h>

static const struct nb_rule rules[] = {
	{ "nbtest_hang.never", NB_SEV_INFO, "测试插件，从不报告" },
};

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state,
    const nb_report *r)
{
	unsigned	 i, n = api->line_count(r);

	(void)ctx;
	(void)state;
	for (i = 1; i <= n; i++) {
		const char *t = api->line_text(r, i);

		if (t != NULL && strstr(t, "NBTEST-HANG") != NULL)
			for (;;)
				pause();
	}
	return 0;
}

static const struct nb_plugin plugin = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_plugin),
	.name = "nbtest_hang",
	.version = "1",
	.rules = rules,
	.n_rules = 1,
	.check = check,
};

NB_EXPORT const struct nb_plugin *
nb_plugin_entry(void)
{
	return &plugin;
}
