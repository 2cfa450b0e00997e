/*
 * sandbox.c -- the system call filter of a worker (libseccomp): what a
 * worker never needs, and what code that took over a worker would want
 * first -- a socket to talk out, a new program, another process's memory,
 * the kernel's own facilities.  Refused with EPERM, not killed: a library
 * that tries is told no, and the report is checked without it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <seccomp.h>

#include "confine.h"
#include "sandbox.h"

static const char *const denied[] = {
	"socket", "socketpair", "connect", "bind", "listen", "accept",
	"accept4", "execve", "execveat", "process_vm_readv",
	"process_vm_writev", "mount", "umount2", "pivot_root", "chroot",
	"unshare", "setns", "kexec_load", "kexec_file_load", "init_module",
	"finit_module", "delete_module", "bpf", "perf_event_open", "keyctl",
	"add_key", "request_key", "userfaultfd", "iopl", "ioperm",
	"swapon", "swapoff", "reboot", "acct", "settimeofday",
	"clock_settime", "adjtimex", "sethostname", "setdomainname",
	/* LeakSanitizer stops the world with ptrace: allowed under ASan. */
#if !UNDER_ASAN
	"ptrace",
#endif
	NULL
};

/* A client of a database over the network may open a socket and
 * connect; it still never listens, accepts or runs a program. */
static int
is_client_call(const char *name)
{
	return strcmp(name, "socket") == 0 || strcmp(name, "connect") == 0;
}

int
sandbox_apply(char *err, size_t len)
{
	return sandbox_apply_as(0, err, len);
}

int
sandbox_apply_as(int client, char *err, size_t len)
{
	scmp_filter_ctx	 ctx;
	size_t		 i;
	int		 rc;

	if ((ctx = seccomp_init(SCMP_ACT_ALLOW)) == NULL) {
		snprintf(err, len, "无法初始化系统调用过滤器");
		return -1;
	}
	for (i = 0; denied[i] != NULL; i++) {
		int nr = seccomp_syscall_resolve_name(denied[i]);

		if (client && is_client_call(denied[i]))
			continue;
		if (nr == __NR_SCMP_ERROR)
			continue;	/* not on this architecture */
		if ((rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr,
		    0)) != 0) {
			snprintf(err, len, "无法设置系统调用过滤器（%s）：%s",
			    denied[i], strerror(-rc));
			seccomp_release(ctx);
			return -1;
		}
	}
	/* libseccomp sets PR_SET_NO_NEW_PRIVS first (SCMP_FLTATR_CTL_NNP). */
	if ((rc = seccomp_load(ctx)) != 0) {
		snprintf(err, len, "无法加载系统调用过滤器：%s", strerror(-rc));
		seccomp_release(ctx);
		return -1;
	}
	seccomp_release(ctx);
	return 0;
}
