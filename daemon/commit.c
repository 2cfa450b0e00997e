/*
 * commit.c -- the group commit, off the event loop.  One thread does a
 * group's file-system work (report_group(): each out/ID.json, the spool's
 * syncfs, the group's findings.jsonl lines appended and synced, then each
 * input moved out of work/) while the loop goes on reading results,
 * handing out jobs and gathering the next group.  The loop hears through
 * an eventfd that the group is done and finishes it (nbd_committed()).
 * The order a restart relies on is the same as in the loop; but neither
 * a worker nor the loop waits for the disk: on two CPUs the loop's own
 * creates and renames had made it the drain's bottleneck.
 *
 * One group is in flight at a time; the thread touches nothing but the
 * spool's descriptors and its jobs' bytes and names (never their JSON,
 * never the log).  Without the thread
 * (pthread_create failed) the commit runs in the loop, as it used to.
 */
#include <sys/eventfd.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include <event2/event.h>

#include "commit.h"
#include "nianbaod.h"
#include "report.h"

struct commit {
	struct nbd	*d;
	pthread_t	 th;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;		/* work for the thread, or its result */
	int		 efd;
	struct event	*ev;
	int		 busy;		/* a group is out (loop's view) */
	/* Under mu: */
	int		 todo, done, quit;
	/* The group out, owned by the loop, left to the thread: */
	struct job	**jobs;
	size_t		 n;
	int		 rc, err;
};

static void *
run(void *arg)
{
	struct commit	*c = arg;
	uint64_t	 one = 1;

	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (!c->todo && !c->quit)
			pthread_cond_wait(&c->cv, &c->mu);
		if (!c->todo)
			break;
		c->todo = 0;
		pthread_mutex_unlock(&c->mu);
		int rc = report_group(&c->d->spool, c->jobs, c->n);
		int err = errno;

		pthread_mutex_lock(&c->mu);
		c->rc = rc;
		c->err = err;
		c->done = 1;
		pthread_cond_broadcast(&c->cv);
		/* A full counter only means the loop has been told. */
		(void)!write(c->efd, &one, sizeof(one));
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

/* The group is durable (or failed): the loop finishes it. */
static void
complete(struct commit *c)
{
	struct job	**jobs = c->jobs;
	size_t		 n = c->n;
	int		 rc, err;

	pthread_mutex_lock(&c->mu);
	rc = c->rc;
	err = c->err;
	c->done = 0;
	pthread_mutex_unlock(&c->mu);
	c->busy = 0;
	c->jobs = NULL;
	c->n = 0;
	errno = err;
	nbd_committed(c->d, jobs, n, rc);
}

static void
on_done(evutil_socket_t fd, short what, void *arg)
{
	struct commit	*c = arg;
	uint64_t	 v;
	int		 done;

	(void)what;
	(void)!read(fd, &v, sizeof(v));
	pthread_mutex_lock(&c->mu);
	done = c->done;
	pthread_mutex_unlock(&c->mu);
	if (c->busy && done) {
		complete(c);
		/* What was staged meanwhile goes next. */
		nbd_flush(c->d);
	}
}

struct commit *
commit_new(struct nbd *d)
{
	struct commit	*c;
	sigset_t	 all, old;
	int		 rc;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->d = d;
	c->efd = -1;
	if ((c->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) == -1)
		goto fail;
	if ((c->ev = event_new(d->base, c->efd, EV_READ | EV_PERSIST, on_done,
	    c)) == NULL || event_add(c->ev, NULL) == -1)
		goto fail;
	if (pthread_mutex_init(&c->mu, NULL) != 0)
		goto fail;
	if (pthread_cond_init(&c->cv, NULL) != 0) {
		pthread_mutex_destroy(&c->mu);
		goto fail;
	}
	/* Signals are the loop's: the thread takes none. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&c->th, NULL, run, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_cond_destroy(&c->cv);
		pthread_mutex_destroy(&c->mu);
		goto fail;
	}
	return c;
 fail:
	if (c->ev != NULL)
		event_free(c->ev);
	if (c->efd != -1)
		close(c->efd);
	free(c);
	return NULL;
}

int
commit_busy(const struct commit *c)
{
	return c != NULL && c->busy;
}

void
commit_submit(struct commit *c, struct job **jobs, size_t n)
{
	c->jobs = jobs;
	c->n = n;
	c->busy = 1;
	pthread_mutex_lock(&c->mu);
	c->todo = 1;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
}

void
commit_wait(struct commit *c)
{
	if (!commit_busy(c))
		return;
	pthread_mutex_lock(&c->mu);
	while (!c->done)
		pthread_cond_wait(&c->cv, &c->mu);
	pthread_mutex_unlock(&c->mu);
	complete(c);
}

void
commit_free(struct commit *c)
{
	if (c == NULL)
		return;
	commit_wait(c);
	pthread_mutex_lock(&c->mu);
	c->quit = 1;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->th, NULL);
	pthread_cond_destroy(&c->cv);
	pthread_mutex_destroy(&c->mu);
	event_free(c->ev);
	close(c->efd);
	free(c);
}
