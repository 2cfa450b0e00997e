/*
 * nbtest_sys.c -- test plugin: on a report with a line NBTEST-SYSCALLS it
 * tries what a worker is denied (a socket, a new program) and reports
 * what happened as a finding, with the user it runs as; it also prints to
 * stdout and stderr (a line with a terminal escape) for the daemon to log
 * escaped.  On NBTEST-FORGE it writes a result for another report to the
 * worker's socket.  For the privilege separation and seccomp tests.
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <nianbao/plugin.h>

static const struct nb_rule rules[] = {
	{ "nbtest_sys.result", NB_SEV_INFO, "测试插件：系统调用的结果" },
};

static const char *
what(int rc)
{
	return rc == -1 ? (errno == EPERM ? "EPERM" : strerror(errno)) :
	    "allowed";
}

static void
forge(void)
{
	static const char body[] =
	    "{\"op\":\"done\",\"job\":\"ffffffffffffffff\",\"result\":{}}";
	unsigned char hdr[4] = { 0, 0, 0, sizeof(body) - 1 };

	if (write(3, hdr, 4) != 4 || write(3, body, sizeof(body) - 1) < 0)
		return;
}

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state,
    const nb_report *r)
{
	static char msg[256];
	char	*const argv[] = { "true", NULL };
	char	*const envp[] = { NULL };
	unsigned i, n = api->line_count(r);
	int	 s, e;

	(void)state;
	for (i = 1; i <= n; i++) {
		const char *t = api->line_text(r, i);
		struct nb_finding f = { .rule = "nbtest_sys.result",
		    .severity = NB_SEV_INFO, .message = msg };

		if (t != NULL && strstr(t, "NBTEST-FORGE") != NULL)
			forge();
		if (t == NULL || strstr(t, "NBTEST-SYSCALLS") == NULL)
			continue;
		s = socket(AF_INET, SOCK_STREAM, 0);
		if (s != -1)
			close(s);
		s = s == -1 ? -1 : 0;
		snprintf(msg, sizeof(msg), "socket=%s", what(s));
		/* In a child, which the filter binds too: an execve that
		 * works must not replace the worker. */
		{
			pid_t	 pid = fork();
			int	 st = 0;

			if (pid == 0) {
				execve("/bin/true", argv, envp);
				_exit(errno == EPERM ? 3 : 4);
			}
			if (pid > 0)
				waitpid(pid, &st, 0);
			e = pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ?
			    0 : -1;
			errno = pid > 0 && WIFEXITED(st) &&
			    WEXITSTATUS(st) == 3 ? EPERM : EINVAL;
		}
		snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg),
		    " execve=%s uid=%ld", what(e), (long)getuid());
		printf("plugin says hello \033[31mred\n");
		fflush(stdout);
		fprintf(stderr, "plugin warns\n");
		api->emit(ctx, &f);
	}
	return 0;
}

static const struct nb_plugin plugin = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_plugin),
	.name = "nbtest_sys",
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
