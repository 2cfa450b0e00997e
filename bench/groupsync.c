/*
 * groupsync.c -- which flush makes a group of results durable cheaper on
 * this file system: writes GROUP files of SIZE bytes the way the daemon
 * stages them (open, write, close, rename), then either one syncfs(2) of
 * the file system or an fdatasync(2) of each file and one fsync(2) of the
 * folder; ROUNDS groups each way, interleaved.  Prints the median
 * microseconds of each flush per group.
 *
 *   cc -O2 -o groupsync bench/groupsync.c && ./groupsync DIR [GROUP [ROUNDS]]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
stage(int dfd, int round, int i, const char *buf, size_t len)
{
	char tmp[64], name[64];
	int fd;

	snprintf(tmp, sizeof(tmp), ".%d-%d.tmp", round, i);
	snprintf(name, sizeof(name), "%d-%d.json", round, i);
	if ((fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_TRUNC, 0640)) == -1 ||
	    write(fd, buf, len) != (ssize_t)len || close(fd) == -1 ||
	    renameat(dfd, tmp, dfd, name) == -1) {
		perror("stage");
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	int group = argc > 2 ? atoi(argv[2]) : 16;
	int rounds = argc > 3 ? atoi(argv[3]) : 21;
	size_t len = 6000;
	char *buf = malloc(len), name[64];
	double *a = calloc((size_t)rounds, sizeof(double));
	double *b = calloc((size_t)rounds, sizeof(double));
	int dfd;

	if (argc < 2 || buf == NULL || a == NULL || b == NULL ||
	    (dfd = open(argv[1], O_RDONLY | O_DIRECTORY)) == -1) {
		fprintf(stderr, "usage: groupsync DIR [GROUP [ROUNDS]]\n");
		return 2;
	}
	memset(buf, 'x', len);
	for (int r = 0; r < rounds; r++) {
		double t;

		for (int i = 0; i < group; i++)
			stage(dfd, 2 * r, i, buf, len);
		t = now_us();
		syncfs(dfd);
		a[r] = now_us() - t;
		for (int i = 0; i < group; i++)
			stage(dfd, 2 * r + 1, i, buf, len);
		t = now_us();
		for (int i = 0; i < group; i++) {
			int fd;

			snprintf(name, sizeof(name), "%d-%d.json", 2 * r + 1, i);
			if ((fd = openat(dfd, name, O_RDONLY)) == -1) {
				perror(name);
				return 1;
			}
			fdatasync(fd);
			close(fd);
		}
		fsync(dfd);
		b[r] = now_us() - t;
	}
	qsort(a, (size_t)rounds, sizeof(double), cmp);
	qsort(b, (size_t)rounds, sizeof(double), cmp);
	printf("group %d, %d rounds: syncfs %.0f us, fdatasync each + fsync dir %.0f us (medians)\n",
	    group, rounds, a[rounds / 2], b[rounds / 2]);
	return 0;
}
