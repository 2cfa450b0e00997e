/*
 * trust.c -- the one trust check of code we load: a plugin (or any shared
 * object the programs dlopen) is opened only when nobody but root and our
 * own user could have put it there or changed it.
 *
 * The file must be a regular file owned by root or by the effective user,
 * writable by neither group nor others; every folder from / down to it,
 * both along the path as given and along the path its symlinks resolve
 * to, must be owned likewise and writable by neither group nor others --
 * except a root-owned sticky folder such as /tmp, where nobody can rename
 * or remove what another user owns.  The check ends with the open file:
 * the caller loads that descriptor (/proc/self/fd/N), not the name, so a
 * file swapped after the check is never the one loaded.  A memo kept by
 * the caller while it loads one folder's plugins skips the chains of a
 * folder already checked (nb_trust_open_in): only root or the user could
 * have changed them since, as only they could change them after the
 * check and before the open of a single file.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trust.h"

static int
trusted_owner(uid_t uid)
{
	return uid == 0 || uid == geteuid();
}

/* One folder of a chain: 0 when it cannot be changed by another user. */
static int
check_folder(const char *shown, const char *dir, struct nb_error *err)
{
	struct stat st;

	if (lstat(dir, &st) == -1)
		return nb_fail(err, NB_ERR_CONFIG, "%s: 无法检查目录 %s：%s",
		    shown, dir, strerror(errno));
	if (S_ISLNK(st.st_mode)) {
		/* Only along the path as given; the resolved one has none. */
		if (!trusted_owner(st.st_uid))
			return nb_fail(err, NB_ERR_CONFIG,
			    "%s: 路径中的符号链接 %s 属于用户 %ld，拒绝加载",
			    shown, dir, (long)st.st_uid);
		return 0;
	}
	if (!S_ISDIR(st.st_mode))
		return nb_fail(err, NB_ERR_CONFIG, "%s: %s 不是目录", shown, dir);
	if (!trusted_owner(st.st_uid))
		return nb_fail(err, NB_ERR_CONFIG,
		    "%s: 目录 %s 属于用户 %ld（应属于 root 或本程序的用户），"
		    "拒绝加载", shown, dir, (long)st.st_uid);
	if ((st.st_mode & (S_IWGRP | S_IWOTH)) &&
	    !((st.st_mode & S_ISVTX) && st.st_uid == 0))
		return nb_fail(err, NB_ERR_CONFIG,
		    "%s: 目录 %s 可被其他用户写入，拒绝加载", shown, dir);
	return 0;
}

/* Every folder from / down to dir (an absolute path), dir included. */
static int
check_chain(const char *shown, const char *dir, struct nb_error *err)
{
	char	 buf[PATH_MAX];
	size_t	 i, n = strlen(dir);

	if (n == 0 || n >= sizeof(buf) || dir[0] != '/')
		return nb_fail(err, NB_ERR_CONFIG, "%s: 路径无效", shown);
	if (check_folder(shown, "/", err) == -1)
		return -1;
	memcpy(buf, dir, n + 1);
	for (i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		if (buf[i - 1] == '/')
			continue;
		buf[i] = '\0';
		if (check_folder(shown, buf, err) == -1)
			return -1;
		buf[i] = dir[i];
	}
	return 0;
}

/* The folder of path, made absolute without resolving anything. */
static int
folder_of(const char *path, char *out, size_t len)
{
	char		 cwd[PATH_MAX];
	const char	*slash = strrchr(path, '/');
	int		 n;

	if (path[0] == '/')
		n = snprintf(out, len, "%.*s", slash == path ? 1 :
		    (int)(slash - path), path);
	else if (getcwd(cwd, sizeof(cwd)) == NULL)
		return -1;
	else if (slash == NULL)
		n = snprintf(out, len, "%s", cwd);
	else
		n = snprintf(out, len, "%s/%.*s", cwd, (int)(slash - path),
		    path);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* The last component of path, when realpath() would keep it as it is
 * on a file that is no symlink: not empty, ".", or "..". */
static const char *
plain_base(const char *path)
{
	const char *b = strrchr(path, '/');

	b = b ? b + 1 : path;
	if (b[0] == '\0' || strcmp(b, ".") == 0 || strcmp(b, "..") == 0)
		return NULL;
	return b;
}

int
nb_trust_open(const char *path, struct nb_error *err)
{
	return nb_trust_open_in(path, NULL, err);
}

int
nb_trust_open_in(const char *path, struct nb_trust_memo *memo,
    struct nb_error *err)
{
	char		 given[PATH_MAX], real[PATH_MAX], *slash;
	const char	*base;
	struct stat	 st, lst;
	int		 fd, same;

	if (folder_of(path, given, sizeof(given)) == -1)
		return nb_fail(err, NB_ERR_CONFIG, "%s: 路径过长", path);
	same = memo != NULL && memo->given[0] != '\0' &&
	    strcmp(memo->given, given) == 0;
	if (!same && check_chain(path, given, err) == -1)
		return -1;
	if (lstat(path, &lst) == -1)
		return nb_fail(err, NB_ERR_CONFIG, "%s: 无法加载插件：%s", path,
		    strerror(errno));
	if (S_ISLNK(lst.st_mode) && !trusted_owner(lst.st_uid))
		return nb_fail(err, NB_ERR_CONFIG,
		    "%s: 符号链接属于用户 %ld，拒绝加载", path,
		    (long)lst.st_uid);
	base = plain_base(path);
	if (same && memo->real[0] != '\0' && !S_ISLNK(lst.st_mode) &&
	    base != NULL) {
		/* The folder's resolved chain was checked with the last file. */
		if ((size_t)snprintf(real, sizeof(real), "%s%s%s", memo->real,
		    strcmp(memo->real, "/") == 0 ? "" : "/", base) >=
		    sizeof(real))
			return nb_fail(err, NB_ERR_CONFIG, "%s: 路径过长", path);
		goto checked;
	}
	if (realpath(path, real) == NULL)
		return nb_fail(err, NB_ERR_CONFIG, "%s: 无法加载插件：%s", path,
		    strerror(errno));
	if ((slash = strrchr(real, '/')) == NULL)
		return nb_fail(err, NB_ERR_CONFIG, "%s: 路径无效", path);
	if (slash != real) {
		*slash = '\0';
		if (check_chain(path, real, err) == -1)
			return -1;
	}
	if (memo != NULL) {
		snprintf(memo->given, sizeof(memo->given), "%s", given);
		/* A file that is no symlink resolves into its folder's
		 * resolved name: the next one of the folder will too. */
		snprintf(memo->real, sizeof(memo->real), "%s",
		    S_ISLNK(lst.st_mode) || base == NULL ? "" :
		    slash == real ? "/" : real);
	}
	if (slash != real)
		*slash = '/';
checked:
	/* The resolved name has no symlink left: one that appears now is
	 * an attack and fails to open. */
	if ((fd = open(real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return nb_fail(err, NB_ERR_CONFIG, "%s: 无法加载插件：%s", path,
		    strerror(errno));
	if (fstat(fd, &st) == -1) {
		nb_fail(err, NB_ERR_CONFIG, "%s: 无法检查：%s", path,
		    strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		nb_fail(err, NB_ERR_CONFIG, "%s: 不是普通文件", path);
		goto fail;
	}
	if (!trusted_owner(st.st_uid)) {
		nb_fail(err, NB_ERR_CONFIG, "%s: 文件属于用户 %ld（应属于 root "
		    "或本程序的用户），拒绝加载", path, (long)st.st_uid);
		goto fail;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		nb_fail(err, NB_ERR_CONFIG, "%s: 文件可被其他用户写入，拒绝加载",
		    path);
		goto fail;
	}
	return fd;
 fail:
	close(fd);
	return -1;
}

int
nb_trust_fd_path(int fd, char *buf, size_t len)
{
	int	 n = snprintf(buf, len, "/proc/self/fd/%d", fd);

	return n < 0 || (size_t)n >= len ? -1 : 0;
}
