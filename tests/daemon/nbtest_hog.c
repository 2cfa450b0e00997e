/*
 * nbtest_hog.c -- test plugin: on a report with a line NBTEST-HOG it
 * allocates (and touches) memory until malloc fails, then aborts as a
 * plugin with an xmalloc() would (it stops at 1 GiB, unharmed, when
 * nothing limits it); otherwise finds nothing.  For the
 * daemon's memory limit test.
 */
#include <stdlib.h>
#include <string.h>

#include <nianbao/plugin.h>

#define STEP	(8 * 1024 * 1024)
/* 1 GiB at most: without a limit the test fails, the machine lives. */
#define MAX	128

static const struct nb_rule rules[] = {
	{ "nbtest_hog.never", NB_SEV_INFO, "测试插件，从不报告" },
};

static void *blocks[MAX];

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state,
    const nb_report *r)
{
	unsigned	 i, n = api->line_count(r);
	size_t		 k;

	(void)ctx;
	(void)state;
	for (i = 1; i <= n; i++) {
		const char *t = api->line_text(r, i);

		if (t == NULL || strstr(t, "NBTEST-HOG") == NULL)
			continue;
		for (k = 0; k < MAX; k++) {
			if ((blocks[k] = malloc(STEP)) == NULL)
				abort();
			memset(blocks[k], 1, STEP);
		}
	}
	return 0;
}

static const struct nb_plugin plugin = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_plugin),
	.name = "nbtest_hog",
	.version = "1",
	.rules = rules,
	.n_rules = sizeof(rules) / sizeof(rules[0]),
	.check = check,
};

NB_EXPORT const struct nb_plugin *
nb_plugin_entry(void)
{
	return &plugin;
}
