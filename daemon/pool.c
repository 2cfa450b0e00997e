/*
 * pool.c -- the worker pool: keeping the configured number of workers
 * alive, and reloading the configuration by way of a probe worker that
 * must come up before the new configuration replaces the old.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "confine.h"
#include "history.h"
#include "log.h"
#include "nianbaod.h"
#include "notify.h"
#include "sink_syslog.h"
#include "worker.h"

#define INIT_RETRY_S	5

static size_t
live_workers(struct nbd *d)
{
	struct worker	*w;
	size_t		 n = 0;

	TAILQ_FOREACH(w, &d->workers, entry)
		if (w->gen == d->gen && !w->probe && !w->history &&
		    w->state != W_STOPPING)
			n++;
	return n;
}

/*
 * Whether w, done with a report, may take the next at once: there is one,
 * and w is of the configuration in force and not one too many.
 */
int
nbd_has_work(struct nbd *d, const struct worker *w)
{
	return !d->stopping && !TAILQ_EMPTY(&d->queue) && !w->history &&
	    !w->probe && w->gen == d->gen &&
	    live_workers(d) <= (size_t)d->conf->workers;
}

/* The history stage, with a store; without one (a reload turned it
 * off) the reports waiting for it go on unstored. */
static void
fill_history(struct nbd *d)
{
	struct job	*job;

	if (d->conf->store == NULL) {
		while ((job = TAILQ_FIRST(&d->histq)) != NULL) {
			json_t *rec = job->rec;

			TAILQ_REMOVE(&d->histq, job, entry);
			job->rec = NULL;
			nbd_job_stage(d, job, rec);
		}
		return;
	}
	if (history_stage(d) == NULL && worker_spawn_history(d) == NULL) {
		struct timeval tv = { INIT_RETRY_S, 0 };

		evtimer_add(d->ev_respawn, &tv);
	}
}

void
nbd_fill_pool(struct nbd *d)
{
	if (d->stopping || evtimer_pending(d->ev_respawn, NULL))
		return;
	fill_history(d);
	if (evtimer_pending(d->ev_respawn, NULL))
		return;
	while (live_workers(d) < (size_t)d->conf->workers)
		if (worker_spawn(d, d->conf, d->gen, 0) == NULL) {
			struct timeval tv = { INIT_RETRY_S, 0 };

			evtimer_add(d->ev_respawn, &tv);
			return;
		}
}

/*
 * Stopping, the stage first stores what the workers check, unless the
 * store is down: that waits in work/ for the next start.
 */
static int
stage_stays(const struct nbd *d, const struct worker *w)
{
	if (!w->history)
		return 0;
	if (w->state == W_BUSY)
		return 1;
	return w->state == W_IDLE && (d->busy > 0 ||
	    !TAILQ_EMPTY(&d->histq)) && !evtimer_pending(d->ev_hretry, NULL);
}

void
nbd_maybe_exit(struct nbd *d)
{
	struct worker	*w;

	if (!d->stopping)
		return;
	nbd_flush(d);
	for (w = TAILQ_FIRST(&d->workers); w != NULL;
	    w = TAILQ_NEXT(w, entry)) {
		if (stage_stays(d, w)) {
			if (w->state == W_IDLE)
				history_dispatch(d);
			continue;
		}
		if (w->state == W_IDLE || w->state == W_STARTING)
			worker_stop(w);
	}
	if (TAILQ_EMPTY(&d->workers))
		event_base_loopexit(d->base, NULL);
}

/* A SIGHUP that came during a reload is applied after it. */
static void
hup_again(struct nbd *d)
{
	if (!d->hup_again || d->stopping)
		return;
	d->hup_again = 0;
	nbd_on_hup(SIGHUP, 0, d);
}

/* A reload's probe worker came up: the new configuration is good. */
static void
commit_reload(struct nbd *d, struct worker *probe)
{
	struct worker	*w;

	conf_free(d->conf);
	d->conf = d->pending;
	d->pending = NULL;
	d->gen++;
	probe->probe = 0;
	sink_syslog_open(d->conf);
	TAILQ_FOREACH(w, &d->workers, entry)
		if (w->gen != d->gen && w->state == W_IDLE)
			worker_stop(w);
	log_notice("配置已重新加载：%s（%d 个检查进程）", d->conf->file,
	    d->conf->workers);
	hup_again(d);
	{
		char how[256];

		confine_memory_limit(d->conf, how, sizeof(how));
		log_notice("检查进程内存限制：%s", how);
	}
	notify_ready(d);
}

void
nbd_worker_ready(struct nbd *d, struct worker *w)
{
	if (w->history) {
		if (w->gen != d->gen)
			worker_stop(w);
		history_dispatch(d);
		nbd_maybe_exit(d);
		return;
	}
	if (w->probe)
		commit_reload(d, w);
	if (!d->ever_ready) {
		d->ever_ready = 1;
		char how[256];

		log_notice("开始监视 %s/incoming（%d 个检查进程）",
		    d->spool.root, d->conf->workers);
		confine_memory_limit(d->conf, how, sizeof(how));
		log_notice("检查进程内存限制：%s", how);
		notify_ready(d);
	}
	/* From an older configuration, or one too many after a reload. */
	if (d->stopping || w->gen != d->gen ||
	    live_workers(d) > (size_t)d->conf->workers) {
		worker_stop(w);
		nbd_maybe_exit(d);
		return;
	}
	nbd_fill_pool(d);
	nbd_dispatch(d);
}

void
nbd_worker_init_failed(struct nbd *d, struct worker *w, const char *why)
{
	struct timeval	 tv = { INIT_RETRY_S, 0 };

	/* The store may come back (a database starting): reports wait in
	 * work/ meanwhile. */
	if (w->history) {
		log_err("历史阶段进程无法启动：%s；%d 秒后重试", why,
		    INIT_RETRY_S);
		if (!evtimer_pending(d->ev_respawn, NULL))
			evtimer_add(d->ev_respawn, &tv);
		return;
	}
	if (w->probe) {
		log_err("新配置无法使用：%s；继续使用原配置", why);
		conf_free(d->pending);
		d->pending = NULL;
		notify_ready(d);
		hup_again(d);
		return;
	}
	if (!d->ever_ready) {
		log_err("检查进程无法启动：%s", why);
		d->exit_code = 1;
		d->stopping = 1;
		notify_stopping();
		nbd_maybe_exit(d);
		return;
	}
	log_err("检查进程无法启动：%s；%d 秒后重试", why, INIT_RETRY_S);
	if (!evtimer_pending(d->ev_respawn, NULL))
		evtimer_add(d->ev_respawn, &tv);
}

void
nbd_worker_gone(struct nbd *d, struct worker *w)
{
	(void)w;
	nbd_fill_pool(d);
	nbd_dispatch(d);
	nbd_maybe_exit(d);
}

void
nbd_on_respawn(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	nbd_fill_pool(arg);
}

void
nbd_on_hup(evutil_socket_t sig, short what, void *arg)
{
	struct nbd	*d = arg;
	struct nbd_conf	*nc;
	char		 err[1024];

	(void)sig;
	(void)what;
	if (d->stopping)
		return;
	if (d->pending != NULL) {
		/* The file may have changed again: read it once this one is
		 * settled, rather than drop the request. */
		log_notice("上一次重新加载尚未完成，完成后再重新加载一次");
		d->hup_again = 1;
		return;
	}
	notify_reloading();
	log_notice("收到 SIGHUP，重新加载配置 %s", d->conf_file);
	if ((nc = conf_load(d->conf_file, d->spool_override, err,
	    sizeof(err))) == NULL) {
		log_err("配置重新加载失败：%s；继续使用原配置", err);
		notify_ready(d);
		return;
	}
	if (strcmp(nc->spool, d->conf->spool) != 0) {
		log_warn("重新加载不能更换队列目录，仍使用 %s；更换需重启",
		    d->conf->spool);
		free(nc->spool);
		if ((nc->spool = strdup(d->conf->spool)) == NULL) {
			log_err("内存不足；继续使用原配置");
			conf_free(nc);
			notify_ready(d);
			return;
		}
	}
	/* Rule pack and plugins are tried in a worker, never in here. */
	d->pending = nc;
	if (worker_spawn(d, nc, d->gen + 1, 1) == NULL) {
		log_err("无法启动检查进程试用新配置；继续使用原配置");
		conf_free(nc);
		d->pending = NULL;
		notify_ready(d);
	}
}
