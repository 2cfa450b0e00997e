/*
 * spool_uuid.c -- the spool's identity in the history store: a random
 * UUID made at the first start and kept in the spool root as "uuid", so
 * that several daemons sharing one store (PostgreSQL) never mix their
 * report ids, and a spool moved elsewhere keeps its reports.
 */
#include <sys/random.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "spool.h"

#define UUID_FILE	"uuid"

static int
valid(const char *s)
{
	for (size_t i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : strchr("0123456789abcdef", s[i]) ==
		    NULL || s[i] == '\0')
			return 0;
	}
	return s[36] == '\0' || s[36] == '\n';
}

static int
make(struct spool *sp)
{
	unsigned char b[16];
	char text[40];

	if (getrandom(b, sizeof(b), 0) != (ssize_t)sizeof(b))
		return -1;
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);	/* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);	/* RFC 4122 */
	snprintf(text, sizeof(text), "%02x%02x%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x-%02x%02x%02x%02x%02x%02x\n", b[0], b[1], b[2], b[3],
	    b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
	    b[14], b[15]);
	if (spool_write_atomic(sp->root_fd, UUID_FILE, text, 37) == -1)
		return -1;
	memcpy(sp->uuid, text, 36);
	sp->uuid[36] = '\0';
	return 0;
}

int
spool_load_uuid(struct spool *sp, char *err, size_t len)
{
	char buf[64];
	ssize_t n = -1;
	int fd;

	if ((fd = openat(sp->root_fd, UUID_FILE, O_RDONLY | O_NOFOLLOW |
	    O_CLOEXEC)) != -1) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
	}
	if (n >= 36) {
		buf[n] = '\0';
		if (!valid(buf)) {
			snprintf(err, len, "%s/%s 不是 UUID：请删除它以重新生成"
			    "（历史库中本队列的报告将不再被认作同一队列）",
			    sp->root, UUID_FILE);
			return -1;
		}
		memcpy(sp->uuid, buf, 36);
		sp->uuid[36] = '\0';
		return 0;
	}
	if ((fd == -1 && errno != ENOENT) || make(sp) == -1) {
		snprintf(err, len, "无法读取或生成 %s/%s：%s", sp->root,
		    UUID_FILE, strerror(errno));
		return -1;
	}
	return 0;
}
