/*
 * nbtest_crash.c -- test plugin: crashes (SIGSEGV) on a report that has a
 * line with NBTEST-CRASH and aborts on NBTEST-ABORT; otherwise finds
 * nothing.  For the daemon's crash-isolation test.
 */
#include <stdlib.h>
#include <string.h>

#include <nianbao/plugin.h>

static const struct nb_rule rules[] = {
	{ "nbtest_crash.never", NB_SEV_INFO, "测试插件，从不报告" },
};

/* A real fault, not a sanitizer report: no instrumentation here. */
__attribute__((noinline, no_sanitize_address, no_sanitize_undefined))
static void
fault(volatile int *p)
{
	/* The crash is the point of this plugin. */
	/* cppcheck-suppress [nullPointer,ctunullpointer] */
	*p = 1;
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
			fault(NULL);
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
