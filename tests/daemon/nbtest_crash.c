/*
 * nbtest_crash.c -- test plugin: crashes (SIGSEGV) on a report that has a
 * line with NBTEST-CRASH and aborts on NBTEST-ABORT; otherwise finds
 * nothing.  For the daemon's crash-isolation test.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <nianbao/plugin.h>

static const struct nb_rule rules[] = {
	{ "nbtest_crash.never", NB_SEV_INFO, "测试插件，从不报告" },
};

/*
 * Die by SIGSEGV as a wild pointer would.  Raised rather than provoked:
 * under ASan/UBSan a real null store becomes a sanitizer report and exit
 * status 1, and the daemon must be seen handling a signal death.
 */
static void
fault(void)
{
	raise(SIGSEGV);
}

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state,
    const nb_report *r)
{
	unsigned	 i, n = api->line_count(r);

	(void)ctx;
	(void)state;
	for (i = 1; i <= n; i++) {
		const char *t = api->line_text(r, i);

		if (t == NULL)
			continue;
		if (strstr(t, "NBTEST-CRASH") != NULL)
			fault();
		if (strstr(t, "NBTEST-ABORT") != NULL)
			abort();
	}
	return 0;
}

static const struct nb_plugin plugin = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_plugin),
	.name = "nbtest_crash",
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
