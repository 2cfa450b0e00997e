/*
 * confine.c -- what bounds a worker: its memory limit (chosen by the
 * daemon, applied by the worker before it loads any plugin), its OOM
 * score, and how a worker that ran out of memory says so.
 *
 * A 614 KB DOCX of tiny paragraphs took 3.85 GB, and a plugin could
 * allocate until the OOM killer struck some other process.  RLIMIT_DATA
 * makes malloc fail in the worker instead; the report fails with a reason
 * that says "memory limit" and the plugin or library it was in.
 */
#include <sys/prctl.h>
#include <sys/resource.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "confine.h"

#define MIN_AUTO	(256LL * 1024 * 1024)

static long long worker_limit;	/* in the worker: its RLIMIT_DATA, or 0 */

/* The first number in file after key (e.g. "MemTotal:"), or -1. */
static long long
read_number(const char *file, const char *key)
{
	char		 buf[4096], *p;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	if (key != NULL) {
		if ((p = strstr(buf, key)) == NULL)
			return -1;
		p += strlen(key);
	} else
		p = buf;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p < '0' || *p > '9')
		return -1;	/* "max": no limit */
	return strtoll(p, NULL, 10);
}

/* memory.max of our cgroup (v2), or -1 when there is none. */
static long long
cgroup_max(void)
{
	char	 buf[4096], path[4200], *nl;
	ssize_t	 n;
	int	 fd;

	if ((fd = open("/proc/self/cgroup", O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 3 || strncmp(buf, "0::", 3) != 0)
		return -1;
	buf[n] = '\0';
	if ((nl = strchr(buf, '\n')) != NULL)
		*nl = '\0';
	snprintf(path, sizeof(path), "/sys/fs/cgroup%s/memory.max", buf + 3);
	return read_number(path, NULL);
}

long long
confine_memory_limit(const struct nbd_conf *c, char *how, size_t len)
{
	long long	 total, each;

	if (UNDER_ASAN) {
		snprintf(how, len, "关闭（AddressSanitizer 构建需要大量虚拟内存）");
		return 0;
	}
	if (c->memory_limit == 0) {
		snprintf(how, len, "关闭（memory_limit = \"off\"）");
		return 0;
	}
	if (c->memory_limit > 0) {
		snprintf(how, len, "每个检查进程 %lld MiB（memory_limit）",
		    c->memory_limit >> 20);
		return c->memory_limit;
	}
	if ((total = cgroup_max()) > 0)
		snprintf(how, len, "每个检查进程 ");
	else if ((total = read_number("/proc/meminfo", "MemTotal:")) > 0) {
		total *= 1024;
		snprintf(how, len, "每个检查进程 ");
	} else {
		snprintf(how, len, "关闭（无法得知内存大小）");
		return 0;
	}
	each = total / (c->workers > 0 ? c->workers : 1);
	if (each < MIN_AUTO)
		each = MIN_AUTO;
	snprintf(how + strlen(how), len - strlen(how),
	    "%lld MiB（%s %lld MiB 除以 %d 个检查进程）", each >> 20,
	    cgroup_max() > 0 ? "cgroup memory.max" : "内存", total >> 20,
	    c->workers);
	return each;
}

int
confine_apply_memory(long long limit)
{
	struct rlimit	 rl;

	worker_limit = 0;
	if (limit <= 0)
		return 0;
	rl.rlim_cur = rl.rlim_max = (rlim_t)limit;
	if (setrlimit(RLIMIT_DATA, &rl) == -1)
		return -1;
	worker_limit = limit;
	return 0;
}

long long
confine_worker_limit(void)
{
	return worker_limit;
}

void
confine_oom_score(void)
{
	int	 fd;

	/* Raising one's own score needs no privilege: workers go first. */
	if ((fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC)) ==
	    -1)
		return;
	if (write(fd, "800", 3) != 3) {
		/* Not worth failing a worker for. */
	}
	close(fd);
}

/*
 * Async-signal-safe: whether the worker's data is within 1/8 of its
 * limit, i.e. the crash came from an allocation the limit refused.
 */
int
confine_near_limit(void)
{
	char	 buf[256];
	long	 f[7] = { 0 };
	ssize_t	 n;
	int	 fd, i = 0;
	char	*p;

	if (worker_limit <= 0)
		return 0;
	if ((fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	for (p = buf; *p != '\0' && i < 7; p++) {
		if (*p >= '0' && *p <= '9')
			f[i] = f[i] * 10 + (*p - '0');
		else if (*p == ' ')
			i++;
	}
	/* The sixth field: data and stack, in pages. */
	return (long long)f[5] * sysconf(_SC_PAGESIZE) >=
	    worker_limit - worker_limit / 8;
}

int
confine_user(const char *user, struct confine_id *id, char *err, size_t len)
{
	struct passwd	*pw;

	id->drop = 0;
	if (geteuid() != 0)
		return 0;	/* already someone (systemd's User=) */
	if (strcmp(user, "root") == 0)
		return 0;	/* asked for: user = "root" */
	errno = 0;
	if ((pw = getpwnam(user)) == NULL) {
		snprintf(err, len, "以 root 启动时检查进程以用户 %s 运行，但该用户"
		    "不存在（见 nianbaod.conf(5) 的 user 设置）", user);
		return -1;
	}
	if (pw->pw_uid == 0) {
		snprintf(err, len, "用户 %s 就是 root，检查进程不能以它运行", user);
		return -1;
	}
	id->drop = 1;
	id->uid = pw->pw_uid;
	id->gid = pw->pw_gid;
	return 0;
}

void
confine_drop(const struct confine_id *id)
{
	if (id->drop) {
		if (setgroups(1, &id->gid) == -1 || setgid(id->gid) == -1 ||
		    setuid(id->uid) == -1)
			_exit(126);
		/* No way back. */
		if (setuid(0) != -1 || getuid() != id->uid)
			_exit(126);
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		_exit(126);
}
