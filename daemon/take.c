/*
 * take.c -- whether a file found in incoming/ may be claimed now: a
 * regular file that no other process holds open (a write lease proves
 * it), with one link; everything else is refused with a reason, never
 * left in incoming/ silently.
 *
 * A write lease needs the file's ownership or CAP_LEASE (the unit grants
 * it).  Without either, the daemon says so once and falls back on the
 * settle time of the scans and on IN_CLOSE_WRITE, as before.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "spool.h"
#include "take.h"

static int lease_warned;	/* said once that leases are not available */

enum take
take_probe(struct spool *sp, const char *origin, const char *name,
    struct take_probe *p)
{
	struct stat	 fst;
	int		 dfd;

	p->fd = -1;
	p->reason[0] = '\0';
	if ((dfd = spool_origin_fd(sp->in_fd, origin, 0)) == -1)
		return TAKE_GONE;
	if (fstatat(dfd, name, &p->st, AT_SYMLINK_NOFOLLOW) == -1 ||
	    S_ISDIR(p->st.st_mode)) {
		spool_origin_close(sp->in_fd, dfd);
		return TAKE_GONE;
	}
	if (!S_ISREG(p->st.st_mode)) {
		spool_origin_close(sp->in_fd, dfd);
		snprintf(p->reason, sizeof(p->reason),
		    "不是普通文件（符号链接、管道或设备），无法检查");
		return TAKE_REFUSE;
	}
	/* O_NONBLOCK: never wait for a lease someone else holds. */
	p->fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_NOCTTY | O_CLOEXEC);
	spool_origin_close(sp->in_fd, dfd);
	if (p->fd == -1)
		return errno == EWOULDBLOCK ? TAKE_BUSY : TAKE_GONE;
	if (fstat(p->fd, &fst) == -1 || fst.st_ino != p->st.st_ino ||
	    fst.st_dev != p->st.st_dev) {
		take_done(p);
		return TAKE_GONE;	/* replaced meanwhile: seen again */
	}
	p->st = fst;
	if (fcntl(p->fd, F_SETLEASE, F_WRLCK) == -1) {
		if (errno == EAGAIN || errno == EBUSY) {
			take_done(p);
			return TAKE_BUSY;
		}
		if (!lease_warned) {
			lease_warned = 1;
			log_warn("无法对 incoming/ 中的文件加租约（%s；需要是文件属主"
			    "或有 CAP_LEASE 权能），只能靠文件停止变化的时间判断"
			    "写入已结束", strerror(errno));
		}
	}
	/*
	 * A file made by link(2) may be a second name of a file outside the
	 * spool; only a file with one name is surely the producer's copy.
	 */
	if (p->st.st_nlink != 1) {
		snprintf(p->reason, sizeof(p->reason), "文件有 %lu 个硬链接"
		    "（可能是队列外文件的另一个名字），拒绝检查；请复制文件而不是"
		    "建立链接", (unsigned long)p->st.st_nlink);
		return TAKE_REFUSE;
	}
	return TAKE_OK;
}

void
take_done(struct take_probe *p)
{
	if (p->fd == -1)
		return;
	/* Closing the descriptor releases the lease. */
	close(p->fd);
	p->fd = -1;
}

int
take_keep(struct take_probe *p)
{
	int	 fd = p->fd;

	/* The lease goes, the descriptor stays (a reader, not a writer). */
	if (fd != -1)
		(void)fcntl(fd, F_SETLEASE, F_UNLCK);
	p->fd = -1;
	return fd;
}
