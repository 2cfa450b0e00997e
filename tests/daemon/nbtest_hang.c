/*
 * nbtest_hang.c -- test plugin: never returns on a report that has a line
 * with NBTEST-HANG; otherwise finds nothing.  For the daemon's time-limit
 * test.  On a line with NBTEST-PEEK it waits up to two seconds (less than
 * queued.sh's time limit) for bytes on the worker's socket (fd 3) and says
 * whether the daemon sent the next report while this one was being
 * checked.
 */
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include <nianbao/plugin.h>

static const struct nb_rule rules[] = {
	{ "nbtest_hang.never", NB_SEV_INFO, "测试插件，从不报告" },
	{ "nbtest_hang.queued", NB_SEV_INFO, "测试插件：检查时下一份报告已送达" },
};

static int
peek(const struct nb_api *api, nb_ctx *ctx)
{
	struct pollfd		 pfd = { 3, POLLIN, 0 };
	struct nb_finding	 f = { 0 };

	if (poll(&pfd, 1, 2000) != 1 || !(pfd.revents & POLLIN))
		return 0;
	f.rule = "nbtest_hang.queued";
	f.severity = NB_SEV_INFO;
	f.message = "检查这份报告时，下一份报告的请求已在检查进程的套接字中";
	return api->emit(ctx, &f);
}

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state,
    const nb_report *r)
{
	unsigned	 i, n = api->line_count(r);

	(void)state;
	for (i = 1; i <= n; i++) {
		const char *t = api->line_text(r, i);

		if (t != NULL && strstr(t, "NBTEST-HANG") != NULL)
			for (;;)
				pause();
		if (t != NULL && strstr(t, "NBTEST-PEEK") != NULL)
			return peek(api, ctx);
	}
	return 0;
}

static const struct nb_plugin plugin = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_plugin),
	.name = "nbtest_hang",
	.version = "1",
	.rules = rules,
	.n_rules = 2,
	.check = check,
};

NB_EXPORT const struct nb_plugin *
nb_plugin_entry(void)
{
	return &plugin;
}
