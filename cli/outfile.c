/*
 * outfile.c -- `-o FILE` written to a temporary and renamed into place.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outfile.h"

/* DIR/.NAME.XXXXXX beside path: rename(2) needs the same file system. */
static char *
temp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	size_t len = strlen(path) + sizeof("/..XXXXXX");
	char *t = malloc(len);

	if (t == NULL)
		return NULL;
	snprintf(t, len, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
	return t;
}

int
outfile_open(struct outfile *o, const char *path, char *msg, size_t len)
{
	mode_t mask;
	int fd;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	if ((o->path = strdup(path)) == NULL ||
	    (o->tmp = temp_name(path)) == NULL) {
		snprintf(msg, len, "%s: 内存不足", path);
		goto fail;
	}
	if ((fd = mkstemp(o->tmp)) == -1) {
		snprintf(msg, len, "%s: 无法创建输出文件：%s", path,
		    strerror(errno));
		goto fail;
	}
	/* mkstemp makes 0600; an output file gets what umask allows. */
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		snprintf(msg, len, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		goto fail;
	}
	return 0;
fail:
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	return -1;
}

/* The temporary, written and closed, renamed over FILE. */
static int
put_in_place(struct outfile *o, char *msg, size_t len)
{
	if (rename(o->tmp, o->path) == -1) {
		snprintf(msg, len, "%s: 无法写入：%s", o->path,
		    strerror(errno));
		outfile_abort(o);
		return -1;
	}
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	return 0;
}

/* A temporary another writer filled by its name: synced, then renamed. */
static int
commit_released(struct outfile *o, char *msg, size_t len)
{
	int fd = open(o->tmp, O_RDONLY | O_CLOEXEC);

	if (fd == -1 || fsync(fd) == -1) {
		snprintf(msg, len, "%s: 写入失败：%s", o->path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		outfile_abort(o);
		return -1;
	}
	close(fd);
	return put_in_place(o, msg, len);
}

const char *
outfile_release(struct outfile *o)
{
	if (o->path == NULL)
		return NULL;
	fclose(o->fp);
	o->fp = NULL;
	return o->tmp;
}

int
outfile_commit(struct outfile *o, char *msg, size_t len)
{
	int bad, err;

	if (o->path != NULL && o->fp == NULL)
		return commit_released(o, msg, len);
	if (o->path == NULL) {
		if (fflush(o->fp) == EOF && errno != EPIPE) {
			snprintf(msg, len, "标准输出：%s", strerror(errno));
			return -1;
		}
		return 0;
	}
	errno = 0;
	bad = fflush(o->fp) == EOF || ferror(o->fp) || fsync(fileno(o->fp));
	err = errno;
	if (fclose(o->fp) == EOF && !bad) {
		bad = 1;
		err = errno;
	}
	o->fp = NULL;
	if (bad) {
		snprintf(msg, len, "%s: 写入失败：%s", o->path,
		    strerror(err ? err : EIO));
		outfile_abort(o);
		return -1;
	}
	return put_in_place(o, msg, len);
}

void
outfile_abort(struct outfile *o)
{
	if (o->path == NULL)
		return;
	if (o->fp != NULL)
		fclose(o->fp);
	unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
}
