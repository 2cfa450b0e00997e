/*
 * ctl.c -- `nianbaod --reload PID`.  systemd runs it as ExecReload with
 * $MAINPID, so a reload needs no kill(1) (a minimal system has none) and a
 * broken configuration makes `systemctl reload` fail at once, while the
 * running daemon keeps the configuration it has.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

int
ctl_reload(const char *pid)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(pid, &end, 10);
	if (errno != 0 || end == pid || *end != '\0' || v <= 1 ||
	    v > INT_MAX) {
		fprintf(stderr, "nianbaod: --reload 需要守护进程的进程号，"
		    "而不是 \"%s\"\n", pid);
		return 1;
	}
	if (kill((pid_t)v, SIGHUP) == -1) {
		fprintf(stderr, "nianbaod: 无法通知进程 %ld 重新加载：%s\n", v,
		    strerror(errno));
		return 1;
	}
	return 0;
}
