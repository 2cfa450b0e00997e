/*
 * worker.h -- the daemon's side of a worker process.
 *
 * A worker is this binary run with --worker, on a socketpair at fd 3.  It
 * loads the rule pack and plugins and checks one report at a time; in a
 * burst the daemon sends it the next while it checks one, so that it
 * never waits for the daemon between two.  The
 * daemon arms a timer per report; a worker that crashes, aborts or runs
 * past the limit is killed and replaced, and its report fails with the
 * reason and the stage (the plugin, when the worker could tell).
 */
#ifndef NBD_WORKER_H
#define NBD_WORKER_H

#include <sys/queue.h>
#include <sys/types.h>

#include <jansson.h>

struct event;
struct evbuffer;
struct job;
struct nbd;
struct nbd_conf;

enum worker_state {
	W_STARTING,		/* init sent, waiting for "ready" */
	W_IDLE,
	W_BUSY,
	W_STOPPING		/* told to exit, waiting to reap it */
};

struct worker {
	TAILQ_ENTRY(worker) entry;
	struct nbd	*d;
	pid_t		 pid;
	int		 fd;
	struct event	*rev;
	struct event	*timer;
	struct evbuffer	*in;
	enum worker_state state;
	unsigned	 gen;		/* configuration it was started with */
	int		 probe;		/* tries a configuration on reload */
	int		 history;	/* the history stage (history.c) */
	int		 time_limit;
	struct job	*job;		/* the report it is checking */
	struct job	*next;		/* sent too, waiting in its socket */
	char		 stage[128];
	char		 sha256[65];
	char		*init_error;
	int		 timed_out;	/* 1: asked for its stage, 2: killed */
	int		 dead;		/* reaped: take no more work */
	int		 killed;	/* SIGKILL sent by the daemon */
	int		 memory;	/* said it died at its memory limit */
	long long	 memory_limit;	/* its RLIMIT_DATA, 0 for none */
	int		 out;		/* its stdout and stderr (a pipe) */
	struct event	*oev;
	struct evbuffer	*outbuf;
};

struct worker	*worker_spawn(struct nbd *d, const struct nbd_conf *conf,
		    unsigned gen, int probe);
/* The history stage: `nianbaod --history`, started as a worker is. */
struct worker	*worker_spawn_history(struct nbd *d);
/* Sends job to w: its current report if it is idle, else its next. */
int		 worker_assign(struct worker *w, struct job *job);
/* Whether w may be sent a next report while it checks one. */
int		 worker_may_queue(const struct worker *w);
/* SIGKILL, remembered as the daemon's own. */
void		 worker_kill(struct worker *w);
/* Asks an idle worker to exit (by closing its socket). */
void		 worker_stop(struct worker *w);
/* SIGCHLD: reaps every exited worker and settles its report. */
void		 worker_reap(struct nbd *d);

/* Its report is settled (rec stolen); it takes the next unless going. */
void		 worker_job_done(struct worker *w, json_t *rec);
/* worker_msg.c: reads and acts on what is there; 1 on end of file or
 * error. */
int		 worker_drain(struct worker *w);

/* worker_out.c: the worker's output, logged escaped. */
void		 worker_output_open(struct worker *w);
void		 worker_output_close(struct worker *w);

/* The worker process itself (worker_main.c). */
int		 worker_main(void);

/* Called by worker.c, implemented by the pool in main.c. */
void		 nbd_worker_ready(struct nbd *d, struct worker *w);
void		 nbd_worker_init_failed(struct nbd *d, struct worker *w,
		    const char *why);
void		 nbd_worker_gone(struct nbd *d, struct worker *w);

#endif
