/*
 * spool.c -- claiming, atomic writes and the final move.  Every step is
 * one rename(2), so a crash leaves each input in exactly one folder.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "spool.h"

#define LOCK		"nianbaod.pid"

static const char *const folders[] = {
	"incoming", "work", "archive", "failed", "out"
};

/*
 * One daemon per spool: a second one would take the first one's work/ for
 * orphans and check them again.  The lock lives as long as the process
 * (workers close the descriptor); the file names the holder.
 */
static int
lock_spool(struct spool *sp, char *err, size_t len)
{
	char	 buf[32];
	ssize_t	 n;
	int	 fd;

	fd = openat(sp->root_fd, LOCK, O_RDWR | O_CREAT | O_NOFOLLOW |
	    O_CLOEXEC, 0640);
	if (fd == -1) {
		snprintf(err, len, "无法打开锁文件 %s/%s：%s", sp->root, LOCK,
		    strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		int saved = errno;

		n = pread(fd, buf, sizeof(buf) - 1, 0);
		buf[n > 0 ? n : 0] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		if (saved == EWOULDBLOCK)
			snprintf(err, len, "队列目录 %s 已由另一个 nianbaod"
			    "（进程 %s）使用，本进程退出", sp->root,
			    buf[0] ? buf : "?");
		else
			snprintf(err, len, "无法锁定队列目录 %s：%s", sp->root,
			    strerror(saved));
		close(fd);
		return -1;
	}
	n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == -1 || pwrite(fd, buf, (size_t)n, 0) != n) {
		snprintf(err, len, "无法写入锁文件 %s/%s：%s", sp->root, LOCK,
		    strerror(errno));
		close(fd);
		return -1;
	}
	sp->lock_fd = fd;
	return 0;
}

int
spool_open(struct spool *sp, const char *root, char *err, size_t len)
{
	int	*fds[5], i;

	memset(sp, 0, sizeof(*sp));
	sp->root_fd = sp->in_fd = sp->work_fd = sp->archive_fd =
	    sp->failed_fd = sp->out_fd = sp->lock_fd = -1;
	fds[0] = &sp->in_fd; fds[1] = &sp->work_fd; fds[2] = &sp->archive_fd;
	fds[3] = &sp->failed_fd; fds[4] = &sp->out_fd;
	if ((sp->root = strdup(root)) == NULL) {
		snprintf(err, len, "内存不足");
		return -1;
	}
	if (mkdir(root, 0750) == -1 && errno != EEXIST) {
		snprintf(err, len, "无法创建队列目录 %s：%s", root,
		    strerror(errno));
		goto fail;
	}
	if ((sp->root_fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1) {
		snprintf(err, len, "无法打开队列目录 %s：%s", root,
		    strerror(errno));
		goto fail;
	}
	if (lock_spool(sp, err, len) == -1)
		goto fail;
	for (i = 0; i < 5; i++) {
		if (mkdirat(sp->root_fd, folders[i], 0750) == -1 &&
		    errno != EEXIST) {
			snprintf(err, len, "无法创建目录 %s/%s：%s", root,
			    folders[i], strerror(errno));
			goto fail;
		}
		*fds[i] = openat(sp->root_fd, folders[i],
		    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (*fds[i] == -1) {
			snprintf(err, len, "无法打开目录 %s/%s：%s", root,
			    folders[i], strerror(errno));
			goto fail;
		}
		/* Writable, or the first claim would fail much later. */
		if (faccessat(*fds[i], ".", W_OK, AT_EACCESS) == -1) {
			snprintf(err, len, "目录 %s/%s 不可写：%s", root,
			    folders[i], strerror(errno));
			goto fail;
		}
	}
	return 0;
 fail:
	spool_close(sp);
	return -1;
}

static void
close_fd(int *fd)
{
	if (*fd != -1) {
		close(*fd);
		*fd = -1;
	}
}

void
spool_close(struct spool *sp)
{
	close_fd(&sp->root_fd);
	close_fd(&sp->in_fd);
	close_fd(&sp->work_fd);
	close_fd(&sp->archive_fd);
	close_fd(&sp->failed_fd);
	close_fd(&sp->out_fd);
	close_fd(&sp->lock_fd);
	spool_jsonl_forget(sp);
	free(sp->root);
	sp->root = NULL;
}

static void
new_id(struct spool *sp, char id[SPOOL_ID_LEN + 1])
{
	struct timespec	 ts;
	uint64_t	 now;

	clock_gettime(CLOCK_REALTIME, &ts);
	now = (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
	/* Strictly increasing, so ids sort in claim order. */
	if (now <= sp->last_id)
		now = sp->last_id + 1;
	sp->last_id = now;
	snprintf(id, SPOOL_ID_LEN + 1, "%016" PRIx64, now);
}

int
spool_parse_entry(const char *entry, char id[SPOOL_ID_LEN + 1],
    const char **name)
{
	int	 i;

	for (i = 0; i < SPOOL_ID_LEN; i++)
		if (!((entry[i] >= '0' && entry[i] <= '9') ||
		    (entry[i] >= 'a' && entry[i] <= 'f')))
			return 0;
	if (entry[SPOOL_ID_LEN] != '-' || entry[SPOOL_ID_LEN + 1] == '\0')
		return 0;
	memcpy(id, entry, SPOOL_ID_LEN);
	id[SPOOL_ID_LEN] = '\0';
	*name = entry + SPOOL_ID_LEN + 1;
	return 1;
}

int
spool_rel(char *buf, size_t len, const char *origin, const char *id,
    const char *name)
{
	int	 n;

	if (origin[0] != '\0')
		n = snprintf(buf, len, "%s/%s-%s", origin, id, name);
	else
		n = snprintf(buf, len, "%s-%s", id, name);
	if (n < 0 || (size_t)n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int
spool_work_path(const struct spool *sp, char *buf, size_t len,
    const char *origin, const char *id, const char *name)
{
	char	 rel[PATH_MAX];
	int	 n;

	if (spool_rel(rel, sizeof(rel), origin, id, name) == -1)
		return -1;
	n = snprintf(buf, len, "%s/work/%s", sp->root, rel);
	if (n < 0 || (size_t)n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/*
 * The name kept after the id: cut to fit NAME_MAX on a UTF-8 boundary,
 * keeping the extension (a reader is chosen by it) and, so that two long
 * names cut alike stay apart, a hash of the whole name: NAME~HHHHHHHH.EXT.
 */
char *
spool_stored_name(const char *name)
{
	size_t		 max = NAME_MAX - SPOOL_ID_LEN - 1 - sizeof(".reason") + 1;
	size_t		 n = strlen(name), keep, elen = 0;
	const char	*dot = strrchr(name, '.');
	uint32_t	 h = 2166136261u;
	char		*s;
	size_t		 i;

	if (n <= max)
		return strdup(name);
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	if (dot != NULL && dot != name && n - (size_t)(dot - name) <= 16)
		elen = n - (size_t)(dot - name);
	keep = max - 9 - elen;
	while (keep > 0 && ((unsigned char)name[keep] & 0xc0) == 0x80)
		keep--;
	if ((s = malloc(max + 1)) == NULL)
		return NULL;
	memcpy(s, name, keep);
	snprintf(s + keep, max + 1 - keep, "~%08x%s", h, elen ? dot : "");
	return s;
}

/* One folder name under a spool folder: no "/", no "." or "..". */
static int
valid_origin(const char *origin)
{
	return strchr(origin, '/') == NULL && strcmp(origin, ".") != 0 &&
	    strcmp(origin, "..") != 0;
}

int
spool_origin_fd(int dirfd, const char *origin, int create)
{
	int	 fd;

	/* The top level is dirfd itself: no dup(2), no close(2). */
	if (origin[0] == '\0')
		return dirfd;
	if (!valid_origin(origin)) {
		errno = EINVAL;
		return -1;
	}
	if (create && mkdirat(dirfd, origin, 0750) == -1 && errno != EEXIST)
		return -1;
	/*
	 * Never through a symlink: a producer who replaces a watched
	 * folder by a link would have us move any file of the file system.
	 */
	fd = openat(dirfd, origin, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1 && errno == ENOTDIR)
		errno = ELOOP;
	return fd;
}

void
spool_origin_close(int dirfd, int fd)
{
	if (fd != -1 && fd != dirfd)
		close(fd);
}

int
spool_stat_incoming(struct spool *sp, const char *origin, const char *name,
    struct stat *st)
{
	int	 fd, rc, saved;

	if ((fd = spool_origin_fd(sp->in_fd, origin, 0)) == -1)
		return -1;
	rc = fstatat(fd, name, st, AT_SYMLINK_NOFOLLOW);
	saved = errno;
	spool_origin_close(sp->in_fd, fd);
	errno = saved;
	return rc;
}

int
spool_fresh_id(struct spool *sp, char id[SPOOL_ID_LEN + 1])
{
	for (int tries = 0; tries < 100; tries++) {
		int has;

		new_id(sp, id);
		if ((has = spool_has_result(sp, id)) != 1)
			return has;
	}
	errno = EEXIST;
	return -1;
}

/* Renames without replacing, under a fresh id on a (rare) clash. */
static int
rename_new(struct spool *sp, int from_fd, const char *from,
    const char *origin, const char *name, char id[SPOOL_ID_LEN + 1])
{
	char	 to[NAME_MAX + 1];
	int	 tries, to_fd, rc = -1;

	if ((to_fd = spool_origin_fd(sp->work_fd, origin, 1)) == -1)
		return -1;
	for (tries = 0; tries < 100; tries++) {
		int has;

		new_id(sp, id);
		/* An old result under this id would be taken for ours. */
		has = spool_has_result(sp, id);

		if (has == -1)
			break;
		if (has == 1)
			continue;
		if (snprintf(to, sizeof(to), "%s-%s", id, name) >=
		    (int)sizeof(to)) {
			errno = ENAMETOOLONG;
			break;
		}
		if (renameat2(from_fd, from, to_fd, to, RENAME_NOREPLACE) == 0) {
			rc = 0;
			break;
		}
		if (errno == EINVAL || errno == ENOSYS) {
			struct stat st;

			/* No RENAME_NOREPLACE here; only we write work/. */
			if (fstatat(to_fd, to, &st, AT_SYMLINK_NOFOLLOW) == 0)
				continue;
			rc = renameat(from_fd, from, to_fd, to);
			break;
		}
		if (errno != EEXIST)
			break;
		errno = EEXIST;
	}
	{
		int saved = errno;

		spool_origin_close(sp->work_fd, to_fd);
		errno = saved;
	}
	return rc;
}

/* Moves dir's origin/from (from is one name) to work/origin/ID-stored. */
static int
claim_from(struct spool *sp, int dirfd, const char *origin, const char *from,
    char id[SPOOL_ID_LEN + 1], char **stored)
{
	int	 fd, rc, saved;

	if (strchr(from, '/') != NULL) {
		errno = EINVAL;
		return -1;
	}
	if ((fd = spool_origin_fd(dirfd, origin, 0)) == -1)
		return -1;
	if ((*stored = spool_stored_name(from)) == NULL) {
		spool_origin_close(dirfd, fd);
		return -1;
	}
	rc = rename_new(sp, fd, from, origin, *stored, id);
	saved = errno;
	spool_origin_close(dirfd, fd);
	if (rc == -1) {
		free(*stored);
		*stored = NULL;
	}
	errno = saved;
	return rc;
}

int
spool_claim(struct spool *sp, const char *origin, const char *name,
    char id[SPOOL_ID_LEN + 1], char **stored)
{
	if (claim_from(sp, sp->in_fd, origin, name, id, stored) == 0)
		return 0;
	/* Gone: another event or scan claimed it first. */
	return errno == ENOENT ? 1 : -1;
}

int
spool_reclaim(struct spool *sp, const char *origin, const char *entry,
    char id[SPOOL_ID_LEN + 1], char **stored)
{
	return claim_from(sp, sp->work_fd, origin, entry, id, stored);
}

int
spool_open_work(struct spool *sp, const char *origin, const char *id,
    const char *name)
{
	char	 file[NAME_MAX + 1];
	int	 dfd, fd, saved;

	if (snprintf(file, sizeof(file), "%s-%s", id, name) >=
	    (int)sizeof(file)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((dfd = spool_origin_fd(sp->work_fd, origin, 0)) == -1)
		return -1;
	fd = openat(dfd, file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_NOCTTY | O_CLOEXEC);
	saved = errno;
	spool_origin_close(sp->work_fd, dfd);
	errno = saved;
	return fd;
}

static int
write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
write_atomic(int dirfd, const char *name, const char *data, size_t len,
    int durable)
{
	char	 tmp[NAME_MAX + 1];
	int	 fd, n, saved;

	n = snprintf(tmp, sizeof(tmp), ".%s.tmp", name);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	/* A leftover of a crash is simply overwritten. */
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0640);
	if (fd == -1)
		return -1;
	if (write_all(fd, data, len) == -1 || (durable && fsync(fd) == -1)) {
		saved = errno;
		close(fd);
		unlinkat(dirfd, tmp, 0);
		errno = saved;
		return -1;
	}
	if (close(fd) == -1 || renameat(dirfd, tmp, dirfd, name) == -1) {
		saved = errno;
		unlinkat(dirfd, tmp, 0);
		errno = saved;
		return -1;
	}
	/* The rename itself must survive a power cut too. */
	return durable ? fsync(dirfd) : 0;
}

int
spool_write_atomic(int dirfd, const char *name, const char *data, size_t len)
{
	return write_atomic(dirfd, name, data, len, 1);
}

int
spool_write_staged(int dirfd, const char *name, const char *data, size_t len)
{
	return write_atomic(dirfd, name, data, len, 0);
}

/*
 * One syncfs(2) makes a whole group of staged results durable, files and
 * renames alike: one journal commit instead of two fsyncs per report.
 */
int
spool_sync(struct spool *sp)
{
	return syncfs(sp->out_fd);
}

int
spool_has_result(struct spool *sp, const char *id)
{
	char		 name[SPOOL_ID_LEN + 8];
	struct stat	 st;

	snprintf(name, sizeof(name), "%s.json", id);
	if (fstatat(sp->out_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
		return 1;
	return errno == ENOENT ? 0 : -1;
}

char *
spool_read_result(struct spool *sp, const char *id)
{
	char		 name[SPOOL_ID_LEN + 8], *buf;
	struct stat	 st;
	size_t		 got = 0;
	int		 fd;

	snprintf(name, sizeof(name), "%s.json", id);
	if ((fd = openat(sp->out_fd, name, O_RDONLY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || st.st_size > 64 * 1024 * 1024 ||
	    (buf = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return NULL;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	return buf;
}

int
spool_move_done(struct spool *sp, const char *origin, const char *id,
    const char *name, const char *reason)
{
	char	 file[NAME_MAX + 1];
	int	 from_fd, to_fd = -1, rc = -1, saved;
	int	 to_dir = reason ? sp->failed_fd : sp->archive_fd;

	if (snprintf(file, sizeof(file), "%s-%s", id, name) >=
	    (int)sizeof(file)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((from_fd = spool_origin_fd(sp->work_fd, origin, 0)) == -1)
		return -1;
	if ((to_fd = spool_origin_fd(to_dir, origin, 1)) == -1)
		goto out;
	if (reason != NULL) {
		char rname[NAME_MAX + 8];

		snprintf(rname, sizeof(rname), "%s.reason", file);
		/* Reason first: the input is never in failed/ without it. */
		if (spool_write_atomic(to_fd, rname, reason, strlen(reason)) ==
		    -1)
			goto out;
	}
	rc = renameat(from_fd, file, to_fd, file);
 out:
	saved = errno;
	spool_origin_close(sp->work_fd, from_fd);
	spool_origin_close(to_dir, to_fd);
	errno = saved;
	return rc;
}
