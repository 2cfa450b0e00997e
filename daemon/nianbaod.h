/*
 * nianbaod.h -- the daemon's state, shared by its parts.
 *
 * One process owns the event loop, the spool and the sinks; it never runs
 * plugin code.  Checks run in worker processes (worker.c), each started by
 * executing this same binary with --worker.
 */
#ifndef NBD_NIANBAOD_H
#define NBD_NIANBAOD_H

#include <sys/queue.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <limits.h>

#include <event2/util.h>
#include <stddef.h>

#include "conf.h"
#include "spool.h"

struct event;
struct commit;
struct event_base;
struct watch;
struct worker;

/* One claimed input: it sits in work/ from claim to final move. */
struct job {
	TAILQ_ENTRY(job) entry;
	char		 id[SPOOL_ID_LEN + 1];
	char		*origin;	/* subfolder of incoming/, "" if none */
	char		*name;		/* as stored after the id */
	char		*refused;	/* claimed, but not checkable: why */
	json_t		*rec;		/* its record, or what is read of it */
	char		*bytes;		/* or: the record finished (record.h), */
	size_t		 textlen;	/* out/ID.json's text, */
	size_t		 linelen;	/* then its findings.jsonl line */
	json_t		*model;		/* for the history stage, or NULL */
	/* The group commit (report.h), set by the commit thread: */
	const char	*reason;	/* failed: why (in rec), else NULL */
	int		 commit;	/* enum report_commit */
	int		 commit_err;	/* errno of the step that failed */
	off_t		 size;		/* of the input, when claimed */
	int		 retried;	/* its worker was killed from outside */
	int		 tries;		/* by the history stage (history.c) */
	/* Begun before it was claimed (early.c), while it settles: */
	int		 early;		/* enum early, 0 once claimed */
	int		 early_fd;	/* incoming/'s file, read-only, or -1 */
	struct stat	 early_st;	/* it, as first looked at */
	json_t		*held;		/* its result, until it is claimed */
	int		 verify;	/* claimed: its result's bytes to check */
};
TAILQ_HEAD(jobq, job);
TAILQ_HEAD(workerq, worker);

struct nbd {
	struct event_base *base;
	struct nbd_conf	*conf;
	struct nbd_conf	*pending;	/* reload being tried by a probe */
	const char	*conf_file;
	const char	*spool_override;
	char		 self[PATH_MAX]; /* this binary, for workers */
	int		 self_fd;	/* and by descriptor (O_PATH) */
	struct spool	 spool;
	struct watch	*watch;
	struct jobq	 queue;
	size_t		 queued;
	struct jobq	 stuck;		/* checked, finishing failed: retried */
	struct jobq	 histq;		/* checked, waiting for the store */
	struct jobq	 hsent;		/* the group the stage has */
	size_t		 hsolo;		/* after a crash: sent one by one */
	struct jobq	 staged;	/* result rendered, not yet committed */
	size_t		 nstaged;
	struct commit	*commit;	/* the flushing thread (commit.c) */
	struct workerq	 workers;
	unsigned	 gen;		/* generation of the configuration */
	int		 stopping;
	int		 ready;		/* READY=1 sent */
	int		 ever_ready;	/* a worker has started once */
	int		 exit_code;	/* set before leaving the loop */
	int		 space_low;	/* below min_free: claiming paused */
	long long	 space_ms;	/* when it was last looked at */
	int		 hup_again;	/* SIGHUP during a reload: once more */
	unsigned long	 checked, failed, busy, stored;
	int		 store_down;	/* said once: the store fails */
	int		 missing_due;	/* ask the stage for roster.missing */
	struct event	*ev_hup, *ev_term, *ev_int, *ev_chld;
	struct event	*ev_status, *ev_watchdog, *ev_respawn, *ev_retry;
	struct event	*ev_flush;	/* group commit, lowest priority */
	struct event	*ev_hretry, *ev_missing; /* history.c */
};

/*
 * A file appeared in incoming/ (origin "" for the top level).  Returns 1
 * when it is busy (open by another process) and must be looked at again.
 */
int	nbd_found(struct nbd *d, const char *origin, const char *name);
/* Hands queued jobs to idle workers. */
void	nbd_dispatch(struct nbd *d);
int	nbd_has_work(struct nbd *d, const struct worker *w);
/* Queues job again, first (its worker was killed from outside). */
void	nbd_job_retry(struct nbd *d, struct job *job);
/* A worker finished (or failed) job; rec is the out/ record (stolen). */
void	nbd_job_done(struct nbd *d, struct job *job, json_t *rec);
/* The same, for a job no worker has any more (early.c). */
void	nbd_job_result(struct nbd *d, struct job *job, json_t *rec);
/* Queues a claimed job and hands out what can be. */
void	nbd_job_queue(struct nbd *d, struct job *job);
/* Below min_free: no report is claimed now. */
int	nbd_space_low(struct nbd *d);
/* incoming/ looked at again in a second (a file was busy). */
void	nbd_rescan(struct nbd *d);
/* Its record is final (after the history stage): write it, commit it. */
void	nbd_job_stage(struct nbd *d, struct job *job, json_t *rec);
/* Starts workers up to the configured number. */
void	nbd_fill_pool(struct nbd *d);
void	nbd_maybe_exit(struct nbd *d);
/* Sends the staged results to be committed (group commit; report.h),
 * unless a group is out already. */
void	nbd_flush(struct nbd *d);
/* The group is durable (rc 0) or not (-1, errno): finish it. */
void	nbd_committed(struct nbd *d, struct job **jobs, size_t n, int rc);

void	job_free(struct job *job);

/* Event callbacks of jobs.c and pool.c, installed by main.c. */
void	nbd_on_retry(evutil_socket_t, short, void *);
void	nbd_on_flush(evutil_socket_t, short, void *);
void	nbd_on_respawn(evutil_socket_t, short, void *);
void	nbd_on_hup(evutil_socket_t, short, void *);

#endif
