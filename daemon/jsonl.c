/*
 * jsonl.c -- out/findings.jsonl: appending a group of lines all or nothing,
 * cutting a torn last line, and knowing exactly which ids have a line.
 *
 * A restart must not append a report's line twice.  A tail window does
 * not do: a group commit of many big records is larger than any window
 * (40 of 40 lines doubled after a kill -9 between the sync and the
 * renames).  So the ids of every whole line are indexed, read once and
 * then only what was appended since; a line counts only when whole, so
 * a fragment left by a full disk never hides the line it should be.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spool.h"

#define JSONL		"findings.jsonl"
#define CHUNK		(1024 * 1024)
#define KEY		"{\"id\":\""
#define KEYLEN		(sizeof(KEY) - 1)

struct jsonl_index {
	uint64_t	*ids;
	size_t		 n, cap;
	int		 sorted;
	off_t		 scanned;	/* whole lines up to here are in ids */
	dev_t		 dev;
	ino_t		 ino;
};

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

/* Offset just past the last '\n' of fd (0 if none), reading backwards. */
static int
last_newline(int fd, off_t size, off_t *end)
{
	char	*buf;
	off_t	 pos = size;

	if ((buf = malloc(CHUNK)) == NULL)
		return -1;
	while (pos > 0) {
		size_t	 want = pos > CHUNK ? CHUNK : (size_t)pos;
		ssize_t	 n = pread(fd, buf, want, pos - (off_t)want);
		char	*nl;

		if (n == -1 && errno == EINTR)
			continue;
		if (n != (ssize_t)want) {
			free(buf);
			if (n >= 0)
				errno = EIO;
			return -1;
		}
		pos -= (off_t)want;
		if ((nl = memrchr(buf, '\n', want)) != NULL) {
			*end = pos + (nl - buf) + 1;
			free(buf);
			return 0;
		}
	}
	free(buf);
	*end = 0;
	return 0;
}

int
spool_jsonl_repair(struct spool *sp)
{
	struct stat	 st;
	off_t		 end;
	int		 fd, rc = 0;

	fd = openat(sp->out_fd, JSONL, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1)
		return errno == ENOENT ? 0 : -1;
	if (fstat(fd, &st) == -1 || last_newline(fd, st.st_size, &end) == -1)
		rc = -1;
	else if (end != st.st_size) {
		/* Keep whole lines only; the torn one is written again. */
		rc = ftruncate(fd, end) == 0 && fsync(fd) == 0 ? 1 : -1;
	}
	close(fd);
	spool_jsonl_forget(sp);
	return rc;
}

/* The id a line starts with: 1 and *id set, or 0. */
static int
parse_id(const char *line, size_t len, uint64_t *id)
{
	char	 hex[SPOOL_ID_LEN + 1];
	size_t	 i;

	if (len < KEYLEN + SPOOL_ID_LEN + 1 || memcmp(line, KEY, KEYLEN) != 0 ||
	    line[KEYLEN + SPOOL_ID_LEN] != '"')
		return 0;
	for (i = 0; i < SPOOL_ID_LEN; i++) {
		char c = line[KEYLEN + i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return 0;
		hex[i] = c;
	}
	hex[SPOOL_ID_LEN] = '\0';
	*id = strtoull(hex, NULL, 16);
	return 1;
}

static int
push(struct jsonl_index *x, uint64_t id)
{
	if (x->n == x->cap) {
		size_t	  cap = x->cap ? x->cap * 2 : 1024;
		uint64_t *ids = reallocarray(x->ids, cap, sizeof(*ids));

		if (ids == NULL) {
			errno = ENOMEM;
			return -1;
		}
		x->ids = ids;
		x->cap = cap;
	}
	if (x->n > 0 && x->ids[x->n - 1] > id)
		x->sorted = 0;
	x->ids[x->n++] = id;
	return 0;
}

/* Indexes the whole lines from x->scanned to size. */
static int
scan(struct jsonl_index *x, int fd, off_t size)
{
	char		*buf, *nl;
	off_t		 rd = x->scanned, longlen = 0;
	size_t		 have = 0, start, len;
	uint64_t	 id, longid = 0;
	int		 inlong = 0, longok = 0, rc = 0;

	if ((buf = malloc(CHUNK)) == NULL)
		return -1;
	while (rd < size) {
		ssize_t n = pread(fd, buf + have, CHUNK - have, rd);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		rd += n;
		have += (size_t)n;
		start = 0;
		if (inlong) {
			/* The rest of a line longer than the buffer. */
			if ((nl = memchr(buf, '\n', have)) == NULL) {
				longlen += (off_t)have;
				have = 0;
				continue;
			}
			len = (size_t)(nl - buf) + 1;
			if (longok && (rc = push(x, longid)) == -1)
				break;
			x->scanned += longlen + (off_t)len;
			start = len;
			inlong = 0;
		}
		while ((nl = memchr(buf + start, '\n', have - start)) != NULL) {
			len = (size_t)(nl - (buf + start)) + 1;
			if (parse_id(buf + start, len, &id) &&
			    (rc = push(x, id)) == -1)
				break;
			start += len;
			x->scanned += (off_t)len;
		}
		if (rc == -1)
			break;
		memmove(buf, buf + start, have - start);
		have -= start;
		if (have == CHUNK) {
			/* Only its start tells the id; whole only at its end. */
			longok = parse_id(buf, have, &longid);
			longlen = (off_t)have;
			inlong = 1;
			have = 0;
		}
	}
	free(buf);
	return rc;
}

static int
cmp_id(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The commit thread (commit.c) appends groups while the loop may append
 * one record (a refused file, a retry): one at a time, so that cutting
 * back a torn write never cuts the other's line.  The loop's look at the
 * ids waits too: lines it indexed while a failed append was still on
 * disk, cut back a moment later, would count as written (their reports
 * resumed without a line) and leave the index in the middle of a line.
 */
static pthread_mutex_t append_mu = PTHREAD_MUTEX_INITIALIZER;

static int
has(struct spool *sp, const char *id)
{
	struct jsonl_index *x = sp->jsonl;
	struct stat	 st;
	uint64_t	 want;
	int		 fd, rc;

	fd = openat(sp->out_fd, JSONL, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1)
		return errno == ENOENT ? 0 : -1;
	if (fstat(fd, &st) == -1) {
		close(fd);
		return -1;
	}
	/* Cut or replaced since: index it again from the start. */
	if (x != NULL && (st.st_size < x->scanned || st.st_dev != x->dev ||
	    st.st_ino != x->ino)) {
		spool_jsonl_forget(sp);
		x = NULL;
	}
	if (x == NULL) {
		if ((x = calloc(1, sizeof(*x))) == NULL) {
			close(fd);
			return -1;
		}
		x->sorted = 1;
		x->dev = st.st_dev;
		x->ino = st.st_ino;
		sp->jsonl = x;
	}
	rc = scan(x, fd, st.st_size);
	close(fd);
	if (rc == -1)
		return -1;
	/* No whole line yet: nothing to search (bsearch wants an array). */
	if (x->n == 0)
		return 0;
	if (!x->sorted) {
		qsort(x->ids, x->n, sizeof(*x->ids), cmp_id);
		x->sorted = 1;
	}
	want = strtoull(id, NULL, 16);
	return bsearch(&want, x->ids, x->n, sizeof(*x->ids), cmp_id) != NULL;
}

int
spool_jsonl_has(struct spool *sp, const char *id)
{
	int	 rc, saved;

	pthread_mutex_lock(&append_mu);
	rc = has(sp, id);
	saved = errno;
	pthread_mutex_unlock(&append_mu);
	errno = saved;
	return rc;
}

void
spool_jsonl_forget(struct spool *sp)
{
	if (sp->jsonl == NULL)
		return;
	free(sp->jsonl->ids);
	free(sp->jsonl);
	sp->jsonl = NULL;
}

static int
append(struct spool *sp, const char *line, size_t len)
{
	struct stat	 st;
	int		 fd, saved;

	fd = openat(sp->out_fd, JSONL, O_WRONLY | O_APPEND | O_CREAT |
	    O_NOFOLLOW | O_CLOEXEC, 0640);
	if (fd == -1)
		return -1;
	if (fstat(fd, &st) == -1)
		goto fail;
	/* One write(2): readers never see half a line from us. */
	if (write_all(fd, line, len) == -1 || fdatasync(fd) == -1) {
		/*
		 * A short write then ENOSPC leaves a fragment: cut back to
		 * where we started, so the retry appends the whole line.
		 */
		saved = errno;
		if (ftruncate(fd, st.st_size) == 0)
			(void)fdatasync(fd);
		errno = saved;
		goto fail;
	}
	return close(fd);
 fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

int
spool_jsonl_append(struct spool *sp, const char *line, size_t len)
{
	int	 rc, saved;

	pthread_mutex_lock(&append_mu);
	rc = append(sp, line, len);
	saved = errno;
	pthread_mutex_unlock(&append_mu);
	errno = saved;
	return rc;
}
