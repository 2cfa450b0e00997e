/*
 * history.c -- the daemon's side of the history stage (history_main.c):
 * every checked report goes through it between its worker and its
 * commit.  The stage checks it across reports and writes it to the store
 * (keyed by the spool's UUID and the report's id); only then is its
 * result written to out/ and committed, so that a report that leaves
 * work/ is in the store, and one that does not is checked again after a
 * crash and stored again under the same key (an idempotent upsert: a
 * replay, never a second report).
 *
 * One stage, one report at a time, in the order the workers finish: each
 * is checked against every report stored before it, as `nianbao check
 * --store` checks its files in turn.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "commit.h"
#include "history.h"
#include "watch.h"
#include "log.h"
#include "nianbaod.h"
#include "proto.h"
#include "worker.h"

/* The store could not be reached: try again after this long. */
#define RETRY_S		10
/* Tries of a report whose stage died: then without the plugins, then
 * not stored (a finding says so). */
#define MAX_TRIES	3
/* Reports stored in one transaction at most. */
#define GROUP_MAX	64

struct worker *
history_stage(struct nbd *d)
{
	struct worker	*w;

	TAILQ_FOREACH(w, &d->workers, entry)
		if (w->history && w->state != W_STOPPING && !w->dead)
			return w;
	return NULL;
}

static json_t *
finding(const char *rule, const char *sev, const char *msg)
{
	return json_pack("{s:s, s:s, s:s, s:s}", "rule", rule, "severity", sev,
	    "message", msg, "plugin", "nianbaod");
}

/* The report goes on without the store: the record says why. */
static void
unstored(struct nbd *d, struct job *job, const char *why)
{
	json_t	*rec = job->rec, *sum = json_object_get(rec, "summary");
	char	 msg[1200];

	job->rec = NULL;
	log_err("报告 %s（编号 %s）未写入历史库：%s", job->name, job->id, why);
	snprintf(msg, sizeof(msg), "未写入历史库，未做跨报告检查：%s", why);
	if (json_array_append_new(json_object_get(rec, "findings"),
	    finding("daemon.store_failed", "warning", msg)) == 0 && sum)
		json_object_set_new(sum, "warnings", json_integer(
		    json_integer_value(json_object_get(sum, "warnings")) + 1));
	nbd_job_stage(d, job, rec);
}

void
history_submit(struct nbd *d, struct job *job)
{
	if (job->model == NULL) {
		unstored(d, job, "检查进程没有送回检查结果的内容（内存不足？）");
		return;
	}
	TAILQ_INSERT_TAIL(&d->histq, job, entry);
	history_dispatch(d);
}

/* The group's job json, NULL if out of memory. */
static json_t *
job_json(struct nbd *d, const struct job *job)
{
	return json_pack("{s:s, s:s, s:s, s:I, s:b, s:O}", "job", job->id,
	    "spool", d->spool.uuid, "origin",
	    json_string_value(json_object_get(job->rec, "origin")),
	    "received", (json_int_t)(strtoull(job->id, NULL, 16) / 1000000),
	    "cross", job->tries < 2, "model", job->model);
}

/* Back to the head of the queue, in their order. */
static void
unsend(struct nbd *d)
{
	struct job	*job;

	while ((job = TAILQ_LAST(&d->hsent, jobq)) != NULL) {
		TAILQ_REMOVE(&d->hsent, job, entry);
		TAILQ_INSERT_HEAD(&d->histq, job, entry);
	}
}

/*
 * Sends what waits, up to GROUP_MAX reports in one store transaction
 * (one sync): as the spool's group commit, what lets a burst drain at
 * the workers' speed.  After a crash, one by one, to find the report.
 */
static int
send_group(struct worker *w)
{
	struct nbd	*d = w->d;
	struct timeval	 tv = { w->time_limit, 0 };
	struct job	*job;
	json_t		*jobs = json_array(), *msg;
	size_t		 n = 0, max = d->hsolo > 0 ? 1 : GROUP_MAX;
	int		 rc;

	if (d->hsolo > 0)
		d->hsolo--;
	while (jobs != NULL && n < max && (job = TAILQ_FIRST(&d->histq))) {
		if (json_array_append_new(jobs, job_json(d, job)) == -1)
			break;
		TAILQ_REMOVE(&d->histq, job, entry);
		TAILQ_INSERT_TAIL(&d->hsent, job, entry);
		n++;
	}
	msg = n == 0 ? NULL : json_pack("{s:s, s:s, s:o}", "op", "history",
	    "job", "group", "jobs", jobs);
	if (msg == NULL)
		json_decref(jobs);
	rc = msg ? proto_send(w->fd, msg) : -1;
	json_decref(msg);
	if (rc == -1) {
		unsend(d);
		return -1;
	}
	w->state = W_BUSY;
	w->timed_out = 0;
	/* A report's time, and a second more for each other in it. */
	tv.tv_sec += (time_t)n - 1;
	evtimer_add(w->timer, &tv);
	return 0;
}

static int
ask_missing(struct nbd *d, struct worker *w)
{
	time_t	 now = time(NULL), cn = now + 8 * 3600;
	struct tm tm;
	json_t	*msg;
	int	 rc, year;

	/* The campaign of the year before, in China (UTC+8). */
	if (gmtime_r(&cn, &tm) == NULL)
		return -1;
	year = tm.tm_year + 1900 - 1;
	d->missing_due = 0;
	msg = json_pack("{s:s, s:s, s:i, s:I}", "op", "missing", "job",
	    "missing", "year", year, "now", (json_int_t)now);
	if (msg == NULL)
		return -1;
	rc = proto_send(w->fd, msg);
	json_decref(msg);
	if (rc == 0)
		w->state = W_BUSY;
	return rc;
}

void
history_dispatch(struct nbd *d)
{
	struct worker	*w = history_stage(d);

	if (w == NULL || w->state != W_IDLE)
		return;
	if (evtimer_pending(d->ev_hretry, NULL))
		return;
	if (!TAILQ_EMPTY(&d->histq)) {
		if (send_group(w) == -1)
			worker_kill(w);
		return;
	}
	if (d->stopping) {
		if (d->busy == 0) {
			worker_stop(w);
			nbd_maybe_exit(d);
		}
		return;
	}
	/* Only when every report there is has been stored: after a stop,
	 * those that arrived meanwhile are in incoming/, not missing (and
	 * files left to settle by the start-up scan are not claimed yet). */
	if (d->missing_due && d->conf->roster != NULL && d->queued == 0 &&
	    d->watch != NULL && watch_idle(d->watch) &&
	    d->busy == 0 && d->nstaged == 0 && !commit_busy(d->commit) &&
	    TAILQ_EMPTY(&d->stuck) &&
	    ask_missing(d, w) == -1)
		worker_kill(w);
}

/* The stage answered for job: the record takes its findings. */
static void
stored(struct nbd *d, struct job *job, const json_t *msg)
{
	json_t	*rec = job->rec;

	job->rec = NULL;
	if (json_object_set(rec, "findings", json_object_get(msg,
	    "findings")) == -1 || json_object_set(rec, "summary",
	    json_object_get(msg, "summary")) == -1 ||
	    json_object_set_new(rec, "store", json_pack("{s:O, s:O, s:O}",
	    "rid", json_object_get(msg, "rid"), "version",
	    json_object_get(msg, "version"), "replayed",
	    json_object_get(msg, "replayed"))) == -1) {
		json_decref(rec);
		rec = NULL;
	}
	if (d->store_down) {
		log_notice("历史库又能正常写入了");
		d->store_down = 0;
	}
	d->stored++;
	nbd_job_stage(d, job, rec);
}

/* Returns 1 when job is to be tried again (the store failed). */
static int
failed(struct nbd *d, struct job *job, const json_t *msg)
{
	const char *why = json_string_value(json_object_get(msg, "message"));
	struct timeval tv = { RETRY_S, 0 };

	if (why == NULL)
		why = "未知错误";
	if (!json_is_true(json_object_get(msg, "retry"))) {
		unstored(d, job, why);
		return 0;
	}
	/* The store is down or full: every report would fail alike. */
	if (!d->store_down)
		log_err("无法写入历史库：%s；报告留在 work/，%d 秒后重试（期间不再"
		    "逐一记录）", why, RETRY_S);
	d->store_down = 1;
	evtimer_add(d->ev_hretry, &tv);
	return 1;
}

/* The answers of the group: each job its own, in the group's order. */
static void
answered(struct nbd *d, const json_t *results)
{
	struct jobq	 again = TAILQ_HEAD_INITIALIZER(again);
	struct job	*job;

	while ((job = TAILQ_FIRST(&d->hsent)) != NULL) {
		const json_t *r = NULL;

		TAILQ_REMOVE(&d->hsent, job, entry);
		for (size_t i = 0; r == NULL && i < json_array_size(results);
		    i++) {
			const json_t *x = json_array_get(results, i);
			const char *id = json_string_value(json_object_get(x,
			    "job"));

			if (id != NULL && strcmp(id, job->id) == 0)
				r = x;
		}
		if (r == NULL || (json_is_true(json_object_get(r, "failed")) &&
		    failed(d, job, r)))
			TAILQ_INSERT_TAIL(&again, job, entry);
		else if (!json_is_true(json_object_get(r, "failed")))
			stored(d, job, r);
	}
	while ((job = TAILQ_LAST(&again, jobq)) != NULL) {
		TAILQ_REMOVE(&again, job, entry);
		TAILQ_INSERT_HEAD(&d->histq, job, entry);
	}
}

int
history_handle(struct worker *w, const json_t *msg, const char *op)
{
	struct nbd	*d = w->d;
	const char	*id = json_string_value(json_object_get(msg, "job"));

	if (w->state != W_BUSY || id == NULL)
		return -1;
	if (strcmp(op, "missing") == 0 && TAILQ_EMPTY(&d->hsent) &&
	    strcmp(id, "missing") == 0)
		history_missing(d, msg);
	else if (strcmp(op, "stored") == 0 && strcmp(id, "group") == 0 &&
	    !TAILQ_EMPTY(&d->hsent))
		answered(d, json_object_get(msg, "results"));
	else if (strcmp(op, "failed") == 0 && strcmp(id, "missing") == 0)
		log_err("无法列出未报送的机关：%s", json_string_value(
		    json_object_get(msg, "message")));
	else
		return -1;
	evtimer_del(w->timer);
	w->state = W_IDLE;
	if (w->gen != d->gen)
		worker_stop(w);
	nbd_fill_pool(d);
	history_dispatch(d);
	return 0;
}

void
history_reaped(struct worker *w, const char *why)
{
	struct nbd	*d = w->d;
	struct job	*job = TAILQ_FIRST(&d->hsent);

	if (job == NULL)
		return;
	/* A group: each of its reports again, alone, to find the one. */
	if (TAILQ_NEXT(job, entry) != NULL) {
		log_warn("历史阶段进程%s；这一组报告逐一重新处理", why);
		for (d->hsolo = 0; job != NULL; job = TAILQ_NEXT(job, entry))
			d->hsolo++;
		unsend(d);
		return;
	}
	TAILQ_REMOVE(&d->hsent, job, entry);
	if (++job->tries >= MAX_TRIES) {
		unstored(d, job, why);
		return;
	}
	log_warn("历史阶段进程%s，报告 %s（编号 %s）%s", why, job->name, job->id,
	    job->tries < 2 ? "重新处理" : "不经跨报告检查插件写入历史库");
	TAILQ_INSERT_HEAD(&d->histq, job, entry);
}

void
history_on_retry(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	history_dispatch(arg);
}

void
history_on_missing(evutil_socket_t fd, short what, void *arg)
{
	struct nbd	*d = arg;
	struct timeval	 tv = { MISSING_EVERY_S, 0 };

	(void)fd;
	(void)what;
	d->missing_due = 1;
	history_dispatch(d);
	evtimer_add(d->ev_missing, &tv);
}
