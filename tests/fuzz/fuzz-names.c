/*
 * fuzz-names.c -- libFuzzer target: file and folder names in the spool,
 * as a producer may choose them.  The input is "ORIGIN\0NAME\0CONTENT":
 * the file is dropped into a real spool (incoming/ORIGIN/NAME), claimed,
 * opened from work/ and moved to archive/ or failed/, and must stay
 * beneath the spool, keep its bytes, and get a stored name that fits and
 * keeps its extension; a name for a log line must carry no control
 * character.  Then the input is appended to findings.jsonl as a raw line
 * for the index of ids.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spool.h"
#include "text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct spool sp;
static char root[] = "/tmp/nb-fuzz-spool.XXXXXX";
static unsigned long runs;

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

static void
cleanup(void)
{
	spool_close(&sp);
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void
init(void)
{
	char err[512];

	if (mkdtemp(root) == NULL || spool_open(&sp, root, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "fuzz-names: no spool: %s\n", err);
		abort();
	}
	atexit(cleanup);
}

/* Removes dirfd's origin folder (empty by now) unless it is "". */
static void
rm_origin(int dirfd, const char *origin)
{
	if (origin[0] != '\0')
		unlinkat(dirfd, origin, AT_REMOVEDIR);
}

static void
check_log(const char *name)
{
	char	 esc[300];
	size_t	 i;

	text_log(esc, sizeof(esc), name);
	for (i = 0; esc[i] != '\0'; i++)
		if ((unsigned char)esc[i] < 0x20 || esc[i] == 0x7f)
			abort();
}

static void
drop_and_claim(const char *origin, const char *name, const uint8_t *body,
    size_t blen)
{
	char	 id[SPOOL_ID_LEN + 1], *stored = NULL, buf[512];
	int	 ofd, fd;
	ssize_t	 n;

	if ((ofd = spool_origin_fd(sp.in_fd, origin, 1)) == -1)
		return;
	fd = openat(ofd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	if (fd == -1) {
		spool_origin_close(sp.in_fd, ofd);
		rm_origin(sp.in_fd, origin);
		return;
	}
	if (blen > sizeof(buf))
		blen = sizeof(buf);
	if (write(fd, body, blen) != (ssize_t)blen)
		abort();
	close(fd);
	if (spool_claim(&sp, origin, name, id, &stored) != 0)
		abort();	/* a file we just made must be claimable */
	spool_origin_close(sp.in_fd, ofd);
	rm_origin(sp.in_fd, origin);
	if (strlen(stored) + SPOOL_ID_LEN + 1 + 7 > NAME_MAX)
		abort();	/* its .reason would not fit */
	if (strcmp(stored, name) != 0) {
		const char *dot = strrchr(name, '.');

		/* Cut: the extension, when short, survives. */
		if (dot != NULL && dot != name && strlen(dot) <= 16 &&
		    (strlen(stored) < strlen(dot) ||
		    strcmp(stored + strlen(stored) - strlen(dot), dot) != 0))
			abort();
	}
	if ((fd = spool_open_work(&sp, origin, id, stored)) == -1)
		abort();
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n != (ssize_t)blen || (blen > 0 && memcmp(buf, body, blen) != 0))
		abort();
	if (spool_move_done(&sp, origin, id, stored, runs % 2 ? "why\n" :
	    NULL) == -1)
		abort();
	/* Clean up, so that the spool stays small. */
	snprintf(buf, sizeof(buf), "%s-%s", id, stored);
	ofd = spool_origin_fd(runs % 2 ? sp.failed_fd : sp.archive_fd, origin,
	    0);
	if (ofd == -1)
		abort();
	unlinkat(ofd, buf, 0);
	snprintf(buf, sizeof(buf), "%s-%s.reason", id, stored);
	unlinkat(ofd, buf, 0);
	spool_origin_close(runs % 2 ? sp.failed_fd : sp.archive_fd, ofd);
	rm_origin(runs % 2 ? sp.failed_fd : sp.archive_fd, origin);
	rm_origin(sp.work_fd, origin);
	{
		char *hex = text_hex(name);
		char *back = hex ? text_unhex(hex) : NULL;

		if (back == NULL || strcmp(back, name) != 0)
			abort();
		free(back);
		free(hex);
	}
	free(stored);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	 origin[NAME_MAX + 1] = "", name[NAME_MAX + 1] = "";
	size_t	 i = 0, o = 0, n = 0;
	char	 id[SPOOL_ID_LEN + 1];
	const char *rest;

	if (runs++ == 0)
		init();
	while (i < size && data[i] != 0 && o < NAME_MAX)
		origin[o++] = (char)data[i++];
	origin[o] = '\0';
	if (i < size)
		i++;
	while (i < size && data[i] != 0 && n < NAME_MAX)
		name[n++] = (char)data[i++];
	name[n] = '\0';
	if (i < size)
		i++;
	check_log(origin);
	check_log(name);
	spool_parse_entry(name, id, &rest);
	/* A name with "/" or "." or ".." is no file of a folder. */
	if (n > 0 && strchr(name, '/') == NULL && strcmp(name, ".") != 0 &&
	    strcmp(name, "..") != 0)
		drop_and_claim(origin, name, data + i, size - i);

	/* The jsonl index reads whatever is in the file. */
	{
		int fd = openat(sp.out_fd, "findings.jsonl", O_WRONLY |
		    O_CREAT | O_APPEND | O_CLOEXEC, 0640);

		if (fd != -1) {
			if (runs % 500 == 0 && ftruncate(fd, 0) == -1)
				abort();
			if (write(fd, data, size) < 0) {
				/* full disk: nothing to check */
			}
			close(fd);
		}
		if (spool_jsonl_has(&sp, "0123456789abcdef") == -1)
			abort();
	}
	return 0;
}
