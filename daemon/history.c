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

#include "history.h"
#include "log.h"
#include "nianbaod.h"
#include "proto.h"
#include "worker.h"

/* The store could not be reached: try again after this long. */
#define RETRY_S		10
/* Tries of a report whose stage died: then without the plugins, then
 * not stored (a finding says so). */
#define MAX_TRIES	3

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

static int
send_job(struct worker *w, struct job *job)
{
	struct timeval	 tv = { w->time_limit, 0 };
	json_t		*msg;
	int		 rc;

	msg = json_pack("{s:s, s:s, s:s, s:s, s:I, s:b, s:O}", "op",
	    "history", "job", job->id, "spool", w->d->spool.uuid, "origin",
	    json_string_value(json_object_get(job->rec, "origin")),
	    "received", (json_int_t)(strtoull(job->id, NULL, 16) / 1000000),
	    "cross", job->tries < 2, "model", job->model);
	if (msg == NULL)
		return -1;
	rc = proto_send(w->fd, msg);
	json_decref(msg);
	if (rc == -1)
		return -1;
	w->job = job;
	w->state = W_BUSY;
	w->timed_out = 0;
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
	struct job	*job;

	if (w == NULL || w->state != W_IDLE)
		return;
	if (evtimer_pending(d->ev_hretry, NULL))
		return;
	if ((job = TAILQ_FIRST(&d->histq)) != NULL) {
		TAILQ_REMOVE(&d->histq, job, entry);
		if (send_job(w, job) == -1) {
			TAILQ_INSERT_HEAD(&d->histq, job, entry);
			worker_kill(w);
		}
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
	 * those that arrived meanwhile are in incoming/, not missing. */
	if (d->missing_due && d->conf->roster != NULL && d->queued == 0 &&
	    d->busy == 0 && d->nstaged == 0 && TAILQ_EMPTY(&d->stuck) &&
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

static void
failed(struct nbd *d, struct job *job, const json_t *msg)
{
	const char *why = json_string_value(json_object_get(msg, "message"));
	struct timeval tv = { RETRY_S, 0 };

	if (why == NULL)
		why = "未知错误";
	if (!json_is_true(json_object_get(msg, "retry"))) {
		unstored(d, job, why);
		return;
	}
	/* The store is down or full: every report would fail alike. */
	if (!d->store_down)
		log_err("无法写入历史库：%s；报告留在 work/，%d 秒后重试（期间不再"
		    "逐一记录）", why, RETRY_S);
	d->store_down = 1;
	TAILQ_INSERT_HEAD(&d->histq, job, entry);
	evtimer_add(d->ev_hretry, &tv);
}

int
history_handle(struct worker *w, const json_t *msg, const char *op)
{
	struct nbd	*d = w->d;
	struct job	*job = w->job;
	const char	*id = json_string_value(json_object_get(msg, "job"));

	if (w->state != W_BUSY || id == NULL)
		return -1;
	if (strcmp(op, "missing") == 0 && job == NULL &&
	    strcmp(id, "missing") == 0)
		history_missing(d, msg);
	else if (job == NULL || strcmp(id, job->id) != 0)
		return -1;
	else if (strcmp(op, "stored") == 0)
		stored(d, job, msg);
	else if (strcmp(op, "failed") == 0)
		failed(d, job, msg);
	else
		return -1;
	w->job = NULL;
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
	struct job	*job = w->job;

	w->job = NULL;
	if (job == NULL)
		return;
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
