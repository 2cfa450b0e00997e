/*
 * settle.c -- a short wait between a file's rename into incoming/ and its
 * claim.  Entries keep their arrival order, so one timer, set for the
 * oldest, serves them all; a name queued twice is found gone the second
 * time, which nbd_found() takes in its stride.
 */
#include <sys/queue.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "early.h"
#include "log.h"
#include "nianbaod.h"
#include "settle.h"

/* Names claimed before the loop looks at its other events again. */
#define SETTLE_SLICE	32

struct pending {
	TAILQ_ENTRY(pending) entry;
	long long	 due_ms;
	char		*origin;
	char		*name;
	struct job	*job;		/* begun early (early.h), or NULL */
};

struct settle {
	struct nbd	*d;
	struct event	*ev;
	TAILQ_HEAD(pendings, pending) q;
	/* The first entry settle_begin_next() has not looked at: those
	 * before it are begun or left to their claim. */
	struct pending	*next;
};

static long long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
arm(struct settle *s)
{
	struct pending	*p = TAILQ_FIRST(&s->q);
	long long	 wait;
	struct timeval	 tv;

	if (p == NULL || evtimer_pending(s->ev, NULL))
		return;
	wait = p->due_ms - now_ms();
	if (wait < 0)
		wait = 0;
	tv.tv_sec = (time_t)(wait / 1000);
	tv.tv_usec = (suseconds_t)(wait % 1000 * 1000);
	evtimer_add(s->ev, &tv);
}

static void
drop(struct settle *s, struct pending *p)
{
	if (s->next == p)
		s->next = TAILQ_NEXT(p, entry);
	TAILQ_REMOVE(&s->q, p, entry);
	free(p->origin);
	free(p->name);
	free(p);
}

static void
on_due(evutil_socket_t fd, short what, void *arg)
{
	struct settle	*s = arg;
	struct pending	*p;
	long long	 now = now_ms();

	int		 n = 0;

	(void)fd;
	(void)what;
	/*
	 * A slice at a time: a burst of a thousand names claimed in one go
	 * kept the loop from the workers' results (and their next reports)
	 * for tens of milliseconds; the rest is due at once, after them.
	 */
	while (n++ < SETTLE_SLICE && (p = TAILQ_FIRST(&s->q)) != NULL &&
	    p->due_ms <= now) {
		struct job *job = p->job;

		p->job = NULL;
		if (job != NULL)
			early_claim(s->d, job, p->origin, p->name);
		else if (nbd_found(s->d, p->origin, p->name) == 1)
			nbd_rescan(s->d);
		drop(s, p);
	}
	arm(s);
}

struct settle *
settle_new(struct nbd *d, struct event_base *base)
{
	struct settle	*s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->d = d;
	TAILQ_INIT(&s->q);
	if ((s->ev = evtimer_new(base, on_due, s)) == NULL) {
		free(s);
		return NULL;
	}
	return s;
}

void
settle_free(struct settle *s)
{
	struct pending	*p;

	if (s == NULL)
		return;
	/* What is still waiting stays in incoming/ for the next start. */
	while ((p = TAILQ_FIRST(&s->q)) != NULL) {
		if (p->job != NULL)
			early_drop(p->job);
		drop(s, p);
	}
	event_free(s->ev);
	free(s);
}

int
settle_add(struct settle *s, const char *origin, const char *name)
{
	struct pending	*p;

	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (p->origin = strdup(origin)) == NULL ||
	    (p->name = strdup(name)) == NULL) {
		if (p != NULL)
			free(p->origin);
		free(p);
		/* Taken at once rather than forgotten. */
		nbd_found(s->d, origin, name);
		return -1;
	}
	p->due_ms = now_ms() + SETTLE_MOVE_MS;
	TAILQ_INSERT_TAIL(&s->q, p, entry);
	if (s->next == NULL)
		s->next = p;
	arm(s);
	/* A worker with room begins it now (early.h). */
	nbd_dispatch(s->d);
	return 0;
}

struct job *
settle_begin_next(struct settle *s)
{
	struct pending	*p;

	while ((p = s->next) != NULL) {
		s->next = TAILQ_NEXT(p, entry);
		if ((p->job = early_begin(s->d, p->origin, p->name)) != NULL)
			return p->job;
	}
	return NULL;
}

int
settle_idle(const struct settle *s)
{
	return s == NULL || TAILQ_EMPTY(&s->q);
}
