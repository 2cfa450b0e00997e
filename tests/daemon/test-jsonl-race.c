/*
 * test-jsonl-race.c -- the loop's look at findings.jsonl's ids
 * (spool_jsonl_has) while the commit thread's append fails half way and
 * is cut back: the lines seen for that moment were never written, and
 * must never count as written.  A file size limit makes every append of
 * the group short (then EFBIG), as a full disk does.
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spool.h"

#define GROUP	20
#define ROUNDS	5000

struct race {
	struct spool	 sp;
	char		 group[GROUP * 128];
	size_t		 grouplen;
	_Atomic int	 stop;
};

static void *
appender(void *arg)
{
	struct race	*r = arg;

	for (int i = 0; i < ROUNDS && !r->stop; i++)
		if (spool_jsonl_append(&r->sp, r->group, r->grouplen) == 0) {
			fprintf(stderr, "append succeeded past the limit\n");
			exit(99);
		}
	r->stop = 1;
	return NULL;
}

int
main(void)
{
	char		 dir[] = "/tmp/nbd-jsonl-race.XXXXXX", first[128];
	struct race	 r = { .grouplen = 0 };
	struct spool	*sp = &r.sp;
	struct rlimit	 rl;
	pthread_t	 th;
	long		 seen = 0, looks = 0;
	int		 rc;

	signal(SIGXFSZ, SIG_IGN);
	if (mkdtemp(dir) == NULL ||
	    (sp->out_fd = open(dir, O_RDONLY | O_DIRECTORY)) == -1) {
		perror("tmpdir");
		return 99;
	}
	snprintf(first, sizeof(first), "{\"id\":\"%016x\",\"x\":1}\n", 1);
	if (spool_jsonl_append(sp, first, strlen(first)) == -1) {
		perror("first line");
		return 99;
	}
	for (int i = 0; i < GROUP; i++)
		r.grouplen += (size_t)snprintf(r.group + r.grouplen,
		    sizeof(r.group) - r.grouplen,
		    "{\"id\":\"%016x\",\"pad\":\"%060d\"}\n", 0x100 + i, 0);
	/* Room for half the group: a short write, then EFBIG. */
	rl.rlim_cur = rl.rlim_max = strlen(first) + r.grouplen / 2;
	if (setrlimit(RLIMIT_FSIZE, &rl) == -1) {
		perror("setrlimit");
		return 99;
	}
	if (pthread_create(&th, NULL, appender, &r) != 0)
		return 99;
	while (!r.stop) {
		rc = spool_jsonl_has(sp, "0000000000000100");
		looks++;
		if (rc == 1)
			seen++;
		if (rc == -1) {
			perror("spool_jsonl_has");
			r.stop = 1;
			pthread_join(th, NULL);
			return 1;
		}
	}
	pthread_join(th, NULL);
	/* After it all: the first line only, and known as such. */
	rc = spool_jsonl_has(sp, "0000000000000001");
	printf("%ld looks, %ld saw a line that was cut back\n", looks, seen);
	{
		char path[sizeof(dir) + 32];

		snprintf(path, sizeof(path), "%s/findings.jsonl", dir);
		unlink(path);
		rmdir(dir);
	}
	spool_jsonl_forget(sp);
	if (seen > 0 || rc != 1) {
		printf("FAIL\n");
		return 1;
	}
	printf("PASS\n");
	return 0;
}
