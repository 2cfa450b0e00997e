/*
 * jobs.c -- the life of a report inside the daemon: found in incoming/,
 * claimed, queued, handed to a worker, its result staged, committed in a
 * group, and retried when finishing it failed.
 */
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "commit.h"
#include "early.h"
#include "history.h"
#include "log.h"
#include "nianbaod.h"
#include "report.h"
#include "take.h"
#include "watch.h"
#include "worker.h"

#define FINISH_RETRY_S	10
/* Staged results that ask for a flush at once, not when the loop is idle
 * (with a group out, the next waits for it: groups may be larger). */
#define FLUSH_MAX	256
/* How often a burst's claims look at the spool's free space. */
#define SPACE_EVERY_MS	100

void
job_free(struct job *job)
{
	if (job == NULL)
		return;
	free(job->origin);
	free(job->name);
	free(job->refused);
	json_decref(job->rec);
	json_decref(job->model);
	free(job->bytes);
	json_decref(job->held);
	if (job->early != EARLY_NONE && job->early_fd != -1)
		close(job->early_fd);
	free(job);
}

static void
count(struct nbd *d, const json_t *rec)
{
	const char *st = json_string_value(json_object_get(rec, "status"));

	if (st != NULL && strcmp(st, "failed") == 0)
		d->failed++;
	else
		d->checked++;
}

/* Keeps job for a later report_finish(resuming) by on_retry. */
static void
stick(struct nbd *d, struct job *job)
{
	struct timeval	 tv = { FINISH_RETRY_S, 0 };

	TAILQ_INSERT_TAIL(&d->stuck, job, entry);
	if (!evtimer_pending(d->ev_retry, NULL))
		evtimer_add(d->ev_retry, &tv);
}

/* Finishes job (which the caller frees) or keeps it for a retry. */
static void
finish(struct nbd *d, struct job *job, json_t *rec)
{
	struct job	*copy;

	if (rec == NULL) {
		log_err("内存不足，报告 %s（编号 %s）留在 work/，重启后继续",
		    job->name, job->id);
		return;
	}
	if (report_finish(&d->spool, job, rec, 0) == 0) {
		count(d, rec);
		json_decref(rec);
		return;
	}
	/* Disk full or the like: try again later (a restart would too). */
	if ((copy = calloc(1, sizeof(*copy))) == NULL ||
	    (copy->origin = strdup(job->origin)) == NULL ||
	    (copy->name = strdup(job->name)) == NULL) {
		job_free(copy);
		json_decref(rec);
		return;
	}
	memcpy(copy->id, job->id, sizeof(copy->id));
	copy->rec = rec;
	copy->bytes = job->bytes;
	copy->textlen = job->textlen;
	copy->linelen = job->linelen;
	job->bytes = NULL;
	stick(d, copy);
}

void
nbd_on_retry(evutil_socket_t fd, short what, void *arg)
{
	struct nbd	*d = arg;
	struct job	*job, *next;
	struct timeval	 tv = { FINISH_RETRY_S, 0 };

	(void)fd;
	(void)what;
	for (job = TAILQ_FIRST(&d->stuck); job != NULL; job = next) {
		next = TAILQ_NEXT(job, entry);
		if (report_finish(&d->spool, job, job->rec, 1) == -1)
			continue;
		count(d, job->rec);
		TAILQ_REMOVE(&d->stuck, job, entry);
		job_free(job);
	}
	if (!TAILQ_EMPTY(&d->stuck))
		evtimer_add(d->ev_retry, &tv);
}

/*
 * As OpenSMTPD's queue stops accepting below 5% free: below min_free
 * percent of free blocks or inodes on the spool's file system no new
 * report is claimed, so that the results of those being checked have
 * room; claiming resumes by itself.  Said once each way.
 */
int
nbd_space_low(struct nbd *d)
{
	struct statvfs	 sv;
	struct timespec	 ts;
	long long	 ms;
	int		 low;

	if (d->conf->min_free == 0)
		return 0;
	/* Looked at once in SPACE_EVERY_MS, not for each of a burst's
	 * thousand names (the coarse clock is read without a syscall). */
	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	ms = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (d->space_ms != 0 && ms - d->space_ms < SPACE_EVERY_MS)
		return d->space_low;
	d->space_ms = ms;
	if (fstatvfs(d->spool.root_fd, &sv) == -1)
		return 0;
	low = (sv.f_blocks > 0 && sv.f_bavail * 100 <
	    sv.f_blocks * (unsigned long)d->conf->min_free) ||
	    (sv.f_files > 0 && sv.f_favail * 100 <
	    sv.f_files * (unsigned long)d->conf->min_free);
	if (low && !d->space_low)
		log_err("队列目录 %s 所在文件系统剩余空间或 inode 不足 %d%%，暂停领取"
		    "新报告，空间恢复后自动继续", d->spool.root, d->conf->min_free);
	else if (!low && d->space_low)
		log_notice("队列目录 %s 空间已恢复，继续领取新报告", d->spool.root);
	d->space_low = low;
	return low;
}

int
nbd_found(struct nbd *d, const char *origin, const char *name)
{
	struct take_probe p;
	struct job	*job;
	char		 rel[PATH_MAX];
	int		 rc;

	/* Stopping: what is still in incoming/ waits for the next start. */
	if (d->stopping)
		return 0;
	/* Waits in incoming/: looked at again by the next scan. */
	if (nbd_space_low(d))
		return 1;
	snprintf(rel, sizeof(rel), "%s%s%s", origin, origin[0] ? "/" : "",
	    name);
	switch (take_probe(&d->spool, origin, name, &p)) {
	case TAKE_GONE:
		return 0;
	case TAKE_BUSY:
		/* Still open, by its writer perhaps: seen again later. */
		return 1;
	default:
		break;
	}
	if ((job = calloc(1, sizeof(*job))) == NULL ||
	    (job->origin = strdup(origin)) == NULL) {
		log_err("内存不足，%s 留在 incoming/", rel);
		job_free(job);
		take_done(&p);
		return 1;
	}
	job->size = p.st.st_size;
	rc = spool_claim(&d->spool, origin, name, job->id, &job->name);
	take_done(&p);
	if (rc != 0) {
		if (rc == -1)
			log_err("无法领取文件 incoming/%s：%s", rel,
			    strerror(errno));
		job_free(job);
		return 0;
	}
	if (p.reason[0] != '\0') {
		/* Nothing we may read: record it and move it aside at once. */
		log_warn("incoming/%s 移到 failed/：%s", rel, p.reason);
		finish(d, job, report_record(job, NULL, NULL, p.reason,
		    "claim"));
		job_free(job);
		return 0;
	}
	TAILQ_INSERT_TAIL(&d->queue, job, entry);
	d->queued++;
	nbd_dispatch(d);
	return 0;
}

static struct worker *
idle_worker(struct nbd *d)
{
	struct worker	*w;

	for (w = TAILQ_FIRST(&d->workers); w != NULL;
	    w = TAILQ_NEXT(w, entry))
		if (w->state == W_IDLE && w->gen == d->gen && !w->history)
			return w;
	return NULL;
}

/* A busy worker that may be sent its next report (worker.h). */
static struct worker *
queueing_worker(struct nbd *d)
{
	struct worker	*w;

	TAILQ_FOREACH(w, &d->workers, entry)
		if (w->gen == d->gen && worker_may_queue(w))
			return w;
	return NULL;
}

void
nbd_rescan(struct nbd *d)
{
	if (d->watch != NULL)
		watch_rescan(d->watch, 1000);
}

void
nbd_job_queue(struct nbd *d, struct job *job)
{
	TAILQ_INSERT_TAIL(&d->queue, job, entry);
	d->queued++;
	nbd_dispatch(d);
}

/*
 * With the queue empty, a worker with room is handed the oldest renamed
 * file still settling (early.h); it never enters the queue unclaimed.
 */
static void
dispatch_early(struct nbd *d)
{
	struct worker	*w;
	struct job	*job;

	while (!d->stopping && d->watch != NULL &&
	    ((w = idle_worker(d)) != NULL || (w = queueing_worker(d)) !=
	    NULL) && (job = watch_begin_early(d->watch)) != NULL) {
		if (worker_assign(w, job) == -1) {
			early_unbegun(job);
			return;
		}
		d->busy++;
	}
}

void
nbd_dispatch(struct nbd *d)
{
	struct job	*job;

	while (!d->stopping && (job = TAILQ_FIRST(&d->queue)) != NULL) {
		struct worker *w = idle_worker(d);

		if (w == NULL && (w = queueing_worker(d)) == NULL)
			return;
		TAILQ_REMOVE(&d->queue, job, entry);
		d->queued--;
		if (worker_assign(w, job) == -1) {
			/* The worker is gone or stuck: put the job back. */
			TAILQ_INSERT_HEAD(&d->queue, job, entry);
			d->queued++;
			/* A busy one keeps its report: it dies of its own
			 * broken socket if that is what failed. */
			if (w->job != NULL)
				return;
			worker_kill(w);
			worker_stop(w);
			continue;
		}
		d->busy++;
	}
	dispatch_early(d);
}

/* Back to the queue, first: its worker died before it was done. */
void
nbd_job_retry(struct nbd *d, struct job *job)
{
	d->busy--;
	/* Checked again from work/: nothing read early to verify. */
	job->verify = 0;
	/* Unclaimed: it waits for its claim, which queues it. */
	if (job->early != EARLY_NONE) {
		early_unbegun(job);
		return;
	}
	TAILQ_INSERT_HEAD(&d->queue, job, entry);
	d->queued++;
}

/*
 * Finished by a worker started without a store, checked after a reload
 * turned one on: the stage needs the whole record, read from its line.
 */
static json_t *
whole(struct job *job, json_t *head)
{
	json_error_t	 jerr;
	json_t		*rec;

	rec = json_loadb(job->bytes + job->textlen, job->linelen - 1, 0,
	    &jerr);
	json_decref(head);
	free(job->bytes);
	job->bytes = NULL;
	return rec;
}

/*
 * A result came back: write it now, commit it with the others that are
 * ready when the loop has nothing more urgent to do (group commit).  One
 * sync per group instead of three per report is what lets the daemon
 * drain a burst at the speed of its workers.
 */
void
nbd_job_done(struct nbd *d, struct job *job, json_t *rec)
{
	d->busy--;
	nbd_job_result(d, job, rec);
}

void
nbd_job_result(struct nbd *d, struct job *job, json_t *rec)
{
	/* Unclaimed yet: held, or dropped (early.c). */
	if (job->early != EARLY_NONE && early_result(d, job, rec))
		return;
	if (job->verify && early_verify(d, job, rec))
		return;
	/* Checked: stored (and checked across reports) before it is
	 * written and committed. */
	if (rec != NULL && d->conf->store != NULL && strcmp(json_string_value(
	    json_object_get(rec, "status")), "checked") == 0) {
		if (job->bytes != NULL && (rec = whole(job, rec)) == NULL) {
			finish(d, job, NULL);
			job_free(job);
			return;
		}
		job->rec = rec;
		history_submit(d, job);
		return;
	}
	nbd_job_stage(d, job, rec);
}

void
nbd_job_stage(struct nbd *d, struct job *job, json_t *rec)
{
	json_decref(job->model);
	job->model = NULL;
	job->rec = rec;
	if (rec == NULL || report_render(job) == -1) {
		job->rec = NULL;
		finish(d, job, rec);
		job_free(job);
		return;
	}
	TAILQ_INSERT_TAIL(&d->staged, job, entry);
	if (++d->nstaged >= FLUSH_MAX)
		nbd_flush(d);
	else
		event_active(d->ev_flush, EV_TIMEOUT, 1);
}

/*
 * Hands the staged results to the commit thread as one group; what is
 * staged while it is out waits for the next (commit.c calls back here).
 */
void
nbd_flush(struct nbd *d)
{
	struct job	**jobs, *job;
	size_t		 n = 0;
	int		 rc;

	if (d->nstaged == 0 || commit_busy(d->commit))
		return;
	if ((jobs = calloc(d->nstaged, sizeof(*jobs))) == NULL) {
		/* Leave them staged; the next flush tries again. */
		event_active(d->ev_flush, EV_TIMEOUT, 1);
		return;
	}
	while ((job = TAILQ_FIRST(&d->staged)) != NULL) {
		TAILQ_REMOVE(&d->staged, job, entry);
		jobs[n++] = job;
	}
	d->nstaged = 0;
	if (d->commit != NULL) {
		commit_submit(d->commit, jobs, n);
		return;
	}
	/* No commit thread: in the loop. */
	rc = report_group(&d->spool, jobs, n);
	nbd_committed(d, jobs, n, rc);
}

void
nbd_committed(struct nbd *d, struct job **jobs, size_t n, int rc)
{
	size_t		 i;

	report_committed(jobs, n, rc);
	for (i = 0; i < n; i++) {
		struct job *job = jobs[i];
		json_t *rec = job->rec;

		switch (rc == -1 ? REPORT_STAGED : job->commit) {
		case REPORT_UNSTAGED:
			/* Nothing of it written: finished alone, as when
			 * there is no group (disk full: retried). */
			job->rec = NULL;
			finish(d, job, rec);
			job_free(job);
			break;
		case REPORT_STAGED:
			/* report_finish(resuming) redoes exactly what is
			 * missing. */
			stick(d, job);
			break;
		default:
			count(d, rec);
			job_free(job);
			break;
		}
	}
	free(jobs);
	/* Idle now, perhaps: the campaign's question may be asked. */
	if (d->missing_due)
		history_dispatch(d);
}

void
nbd_on_flush(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	nbd_flush(arg);
}
