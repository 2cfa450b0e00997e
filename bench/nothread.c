/*
 * nothread.c -- LD_PRELOAD shim for one diagnostic drain of
 * bench/drain-vs-cli.sh: pthread_create(3) fails, so nianbaod runs
 * without its commit thread and commits in the event loop (the fallback,
 * and how every group was committed before daemon/commit.c).  It shows
 * what taking the flushes off the loop gains.  Never use it for real.
 */
#include <errno.h>
#include <pthread.h>

int
pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*f)(void *),
    void *arg)
{
	(void)t;
	(void)a;
	(void)f;
	(void)arg;
	return EAGAIN;
}
