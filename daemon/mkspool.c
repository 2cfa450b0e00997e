/*
 * mkspool.c -- the spool root's parents.  spool_open() makes the root and
 * its folders; this makes what is above it, like `mkdir -p`, and tells -t
 * beforehand whether that will work.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mkspool.h"

/* Copies root into buf without trailing slashes; -1 if too long. */
static int
copy_path(char *buf, size_t size, const char *root)
{
	size_t	 n = strlen(root);

	while (n > 1 && root[n - 1] == '/')
		n--;
	if (n == 0 || n >= size)
		return -1;
	memcpy(buf, root, n);
	buf[n] = '\0';
	return 0;
}

int
mkspool_parents(const char *root, char *err, size_t len)
{
	char	 path[PATH_MAX], *p;

	if (copy_path(path, sizeof(path), root) == -1) {
		snprintf(err, len, "队列目录路径无效：%s", root);
		return -1;
	}
	/* Every prefix ending before a '/', except the root itself. */
	for (p = path + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(path, 0755) == -1 && errno != EEXIST) {
			snprintf(err, len, "无法创建队列目录的上级目录 %s：%s",
			    path, strerror(errno));
			return -1;
		}
		*p = '/';
	}
	return 0;
}

int
mkspool_check(const char *root, char *err, size_t len)
{
	char		 path[PATH_MAX], *p;
	struct stat	 st;

	if (copy_path(path, sizeof(path), root) == -1) {
		snprintf(err, len, "队列目录路径无效：%s", root);
		return -1;
	}
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 1;
		snprintf(err, len, "队列目录 %s 不是目录", root);
		return -1;
	}
	/* The nearest existing ancestor must be a folder we may write. */
	while ((p = strrchr(path, '/')) != NULL) {
		if (p == path)
			p[1] = '\0';
		else
			*p = '\0';
		if (stat(path, &st) == 0)
			break;
		if (p == path)
			break;
	}
	if (p == NULL)
		strcpy(path, ".");
	if (stat(path, &st) == -1 || !S_ISDIR(st.st_mode)) {
		snprintf(err, len, "无法创建队列目录 %s：%s 不是目录", root,
		    path);
		return -1;
	}
	if (access(path, W_OK | X_OK) == -1) {
		snprintf(err, len, "无法创建队列目录 %s：没有在 %s 中创建目录的"
		    "权限（%s）", root, path, strerror(errno));
		return -1;
	}
	snprintf(err, len, "队列目录 %s 尚不存在，启动时创建（连同上级目录）",
	    root);
	return 0;
}
