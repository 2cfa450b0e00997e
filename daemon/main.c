/*
 * main.c -- nianbaod: watches a drop folder of annual reports, checks each
 * one in a worker process, and records the result exactly once.
 *
 * The parent owns the event loop, the spool and the sinks and never runs
 * plugin code; see worker.h for the workers and spool.h for the folders.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "ctl.h"
#include "log.h"
#include "mkspool.h"
#include "nianbao.h"
#include "nianbaod.h"
#include "notify.h"
#include "recover.h"
#include "report.h"
#include "sink_syslog.h"
#include "watch.h"
#include "worker.h"

#define INIT_RETRY_S	5
#define FINISH_RETRY_S	10
/* Results committed together at most; bounds the delay under load. */
#define FLUSH_MAX	256
/*
 * Event priorities: libevent gives new events the middle one of three, so
 * the group commit, at the lowest, runs when nothing else waits.
 */
#define NPRIO		3
#define PRIO_FLUSH	2

static int exit_code;		/* set before leaving the loop */

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "用法：nianbaod [-ft] [-c 配置文件] [--spool 目录]\n"
	    "      nianbaod --reload 进程号\n"
	    "  -c FILE         配置文件（默认 %s/nianbaod.conf）\n"
	    "  -f              留在前台，日志写到标准错误，每份报告一行写到标准输出\n"
	    "  -t              检查配置、规则包和插件后退出\n"
	    "  --spool DIR     使用 DIR 作为队列根目录\n"
	    "  --reload PID    检查配置，正确则通知进程 PID 重新加载\n"
	    "  -h, --help      显示本帮助\n"
	    "  -V, --version   显示版本\n", NB_SYSCONFDIR);
	exit(status);
}

void
job_free(struct job *job)
{
	if (job == NULL)
		return;
	free(job->origin);
	free(job->name);
	free(job->refused);
	json_decref(job->rec);
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
	stick(d, copy);
}

static void
on_retry(evutil_socket_t fd, short what, void *arg)
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

void
nbd_found(struct nbd *d, const char *origin, const char *name)
{
	struct stat	 st;
	struct job	*job;
	char		 rel[PATH_MAX];
	int		 rc;

	/* Stopping: what is still in incoming/ waits for the next start. */
	if (d->stopping)
		return;
	snprintf(rel, sizeof(rel), "%s%s%s", origin, origin[0] ? "/" : "",
	    name);
	if (fstatat(d->spool.in_fd, rel, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
	    S_ISDIR(st.st_mode))
		return;
	if ((job = calloc(1, sizeof(*job))) == NULL ||
	    (job->origin = strdup(origin)) == NULL) {
		log_err("内存不足，%s 留在 incoming/", rel);
		job_free(job);
		return;
	}
	rc = spool_claim(&d->spool, origin, name, job->id, &job->name);
	if (rc != 0) {
		if (rc == -1)
			log_err("无法领取文件 incoming/%s：%s", rel,
			    strerror(errno));
		job_free(job);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		/* Nothing to read: record it and move it aside at once. */
		log_warn("incoming/%s 不是普通文件，移到 failed/", rel);
		finish(d, job, report_record(job, NULL, NULL,
		    "不是普通文件（符号链接、管道或设备），无法检查", "claim"));
		job_free(job);
		return;
	}
	TAILQ_INSERT_TAIL(&d->queue, job, entry);
	d->queued++;
	nbd_dispatch(d);
}

static struct worker *
idle_worker(struct nbd *d)
{
	struct worker	*w;

	for (w = TAILQ_FIRST(&d->workers); w != NULL;
	    w = TAILQ_NEXT(w, entry))
		if (w->state == W_IDLE && w->gen == d->gen)
			return w;
	return NULL;
}

void
nbd_dispatch(struct nbd *d)
{
	struct job	*job;

	while (!d->stopping && (job = TAILQ_FIRST(&d->queue)) != NULL) {
		struct worker *w = idle_worker(d);

		if (w == NULL)
			return;
		TAILQ_REMOVE(&d->queue, job, entry);
		d->queued--;
		if (worker_assign(w, job) == -1) {
			/* The worker is gone or stuck: put the job back. */
			TAILQ_INSERT_HEAD(&d->queue, job, entry);
			d->queued++;
			kill(w->pid, SIGKILL);
			worker_stop(w);
			continue;
		}
		d->busy++;
	}
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
	if (rec == NULL || report_stage(&d->spool, job, rec) == -1) {
		finish(d, job, rec);
		job_free(job);
		return;
	}
	job->rec = rec;
	TAILQ_INSERT_TAIL(&d->staged, job, entry);
	if (++d->nstaged >= FLUSH_MAX)
		nbd_flush(d);
	else
		event_active(d->ev_flush, EV_TIMEOUT, 1);
}

void
nbd_flush(struct nbd *d)
{
	struct job	**jobs, *job;
	size_t		 i, n = 0;

	if (d->nstaged == 0)
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
	if (report_commit(&d->spool, jobs, n) == -1) {
		/* report_finish(resuming) redoes exactly what is missing. */
		for (i = 0; i < n; i++)
			stick(d, jobs[i]);
		free(jobs);
		return;
	}
	for (i = 0; i < n; i++) {
		if (report_move(&d->spool, jobs[i], jobs[i]->rec) == -1) {
			stick(d, jobs[i]);
			continue;
		}
		count(d, jobs[i]->rec);
		job_free(jobs[i]);
	}
	free(jobs);
}

static void
on_flush(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	nbd_flush(arg);
}

static size_t
live_workers(struct nbd *d)
{
	struct worker	*w;
	size_t		 n = 0;

	TAILQ_FOREACH(w, &d->workers, entry)
		if (w->gen == d->gen && !w->probe && w->state != W_STOPPING)
			n++;
	return n;
}

void
nbd_fill_pool(struct nbd *d)
{
	if (d->stopping || evtimer_pending(d->ev_respawn, NULL))
		return;
	while (live_workers(d) < (size_t)d->conf->workers)
		if (worker_spawn(d, d->conf, d->gen, 0) == NULL) {
			struct timeval tv = { INIT_RETRY_S, 0 };

			evtimer_add(d->ev_respawn, &tv);
			return;
		}
}

void
nbd_maybe_exit(struct nbd *d)
{
	struct worker	*w;

	if (!d->stopping)
		return;
	nbd_flush(d);
	TAILQ_FOREACH(w, &d->workers, entry)
		if (w->state == W_IDLE || w->state == W_STARTING)
			worker_stop(w);
	if (TAILQ_EMPTY(&d->workers))
		event_base_loopexit(d->base, NULL);
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
	notify_ready(d);
}

void
nbd_worker_ready(struct nbd *d, struct worker *w)
{
	if (w->probe)
		commit_reload(d, w);
	if (!d->ever_ready) {
		d->ever_ready = 1;
		log_notice("开始监视 %s/incoming（%d 个检查进程）",
		    d->spool.root, d->conf->workers);
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

	if (w->probe) {
		log_err("新配置无法使用：%s；继续使用原配置", why);
		conf_free(d->pending);
		d->pending = NULL;
		notify_ready(d);
		return;
	}
	if (!d->ever_ready) {
		log_err("检查进程无法启动：%s", why);
		exit_code = 1;
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

static void
on_respawn(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	nbd_fill_pool(arg);
}

static void
on_chld(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	worker_reap(arg);
}

static void
on_term(evutil_socket_t sig, short what, void *arg)
{
	struct nbd	*d = arg;

	(void)what;
	if (d->stopping)
		return;
	log_notice("收到信号 %s，完成正在检查的 %lu 份报告后退出",
	    sig == SIGINT ? "SIGINT" : "SIGTERM", d->busy);
	d->stopping = 1;
	notify_stopping();
	if (d->pending != NULL) {
		conf_free(d->pending);
		d->pending = NULL;
	}
	nbd_maybe_exit(d);
}

static void
on_hup(evutil_socket_t sig, short what, void *arg)
{
	struct nbd	*d = arg;
	struct nbd_conf	*nc;
	char		 err[1024];

	(void)sig;
	(void)what;
	if (d->stopping)
		return;
	if (d->pending != NULL) {
		log_warn("上一次重新加载尚未完成，忽略 SIGHUP");
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

static void
on_status(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	notify_status(arg);
}

static void
on_watchdog(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	notify_watchdog();
}

/* -t: everything a start needs, plugins loaded here since we exit next. */
static int
configtest(const struct nbd_conf *c, int quiet)
{
	char		 msg[PATH_MAX + 256];
	struct nb_engine_conf ec;
	struct nb_engine *e;
	struct nb_error	 err;

	memset(&ec, 0, sizeof(ec));
	ec.rules_path = c->rules;
	ec.plugin_dir = c->plugin_dir;
	ec.plugins = (const char *const *)c->plugins;
	ec.nplugins = c->nplugins;
	ec.limits.max_bytes = (size_t)c->max_size;
	nb_error_clear(&err);
	if (nb_engine_open(&ec, &e, &err) == -1) {
		fprintf(stderr, "nianbaod: %s\n", err.msg);
		return 1;
	}
	switch (mkspool_check(c->spool, msg, sizeof(msg))) {
	case -1:
		fprintf(stderr, "nianbaod: %s\n", msg);
		nb_engine_close(e);
		return 1;
	case 0:
		fprintf(stderr, "nianbaod: 注意：%s\n", msg);
		break;
	}
	if (quiet) {
		nb_engine_close(e);
		return 0;
	}
	printf("nianbaod: 配置 %s 正确：%zu 条规则，队列目录 %s，%d 个检查进程\n",
	    c->file, nb_engine_rule_count(e), c->spool, c->workers);
	nb_engine_close(e);
	return 0;
}

static int
setup_events(struct nbd *d)
{
	struct timeval	 sec = { 1, 0 };
	unsigned long long wd;

	d->ev_hup = evsignal_new(d->base, SIGHUP, on_hup, d);
	d->ev_term = evsignal_new(d->base, SIGTERM, on_term, d);
	d->ev_int = evsignal_new(d->base, SIGINT, on_term, d);
	d->ev_chld = evsignal_new(d->base, SIGCHLD, on_chld, d);
	d->ev_status = event_new(d->base, -1, EV_PERSIST, on_status, d);
	d->ev_respawn = evtimer_new(d->base, on_respawn, d);
	d->ev_retry = evtimer_new(d->base, on_retry, d);
	d->ev_flush = event_new(d->base, -1, 0, on_flush, d);
	if (d->ev_flush == NULL ||
	    event_priority_set(d->ev_flush, PRIO_FLUSH) == -1 ||
	    d->ev_retry == NULL || d->ev_hup == NULL || d->ev_term == NULL || d->ev_int == NULL ||
	    d->ev_chld == NULL || d->ev_status == NULL ||
	    d->ev_respawn == NULL || evsignal_add(d->ev_hup, NULL) == -1 ||
	    evsignal_add(d->ev_term, NULL) == -1 ||
	    evsignal_add(d->ev_int, NULL) == -1 ||
	    evsignal_add(d->ev_chld, NULL) == -1 ||
	    event_add(d->ev_status, &sec) == -1)
		return -1;
	if ((wd = notify_watchdog_usec()) > 0) {
		struct timeval half = { (time_t)(wd / 2000000),
		    (suseconds_t)(wd / 2 % 1000000) };

		d->ev_watchdog = event_new(d->base, -1, EV_PERSIST,
		    on_watchdog, d);
		if (d->ev_watchdog == NULL ||
		    event_add(d->ev_watchdog, &half) == -1)
			return -1;
	}
	return 0;
}

static void
teardown(struct nbd *d)
{
	struct event	*evs[9];
	struct job	*job;
	size_t		 i;

	evs[0] = d->ev_hup; evs[1] = d->ev_term; evs[2] = d->ev_int;
	evs[3] = d->ev_chld; evs[4] = d->ev_status; evs[5] = d->ev_watchdog;
	evs[6] = d->ev_respawn; evs[7] = d->ev_retry; evs[8] = d->ev_flush;
	/* Results already written go out before the loop's events do. */
	if (d->ev_flush != NULL)
		nbd_flush(d);
	for (i = 0; i < 9; i++)
		if (evs[i] != NULL)
			event_free(evs[i]);
	watch_close(d->watch);
	/* Queued jobs stay in work/ and are resumed by the next start. */
	while ((job = TAILQ_FIRST(&d->queue)) != NULL) {
		TAILQ_REMOVE(&d->queue, job, entry);
		job_free(job);
	}
	while ((job = TAILQ_FIRST(&d->stuck)) != NULL) {
		TAILQ_REMOVE(&d->stuck, job, entry);
		job_free(job);
	}
	while ((job = TAILQ_FIRST(&d->staged)) != NULL) {
		TAILQ_REMOVE(&d->staged, job, entry);
		job_free(job);
	}
	spool_close(&d->spool);
	conf_free(d->pending);
	conf_free(d->conf);
	if (d->base != NULL)
		event_base_free(d->base);
	libevent_global_shutdown();
}

static int
run(struct nbd *d)
{
	char		 err[1024];
	ssize_t		 n;

	if ((n = readlink("/proc/self/exe", d->self, sizeof(d->self) - 1)) ==
	    -1) {
		log_err("无法确定程序路径：%s", strerror(errno));
		return 1;
	}
	d->self[n] = '\0';
	if ((d->base = event_base_new()) == NULL ||
	    event_base_priority_init(d->base, NPRIO) == -1 ||
	    setup_events(d) == -1) {
		log_err("无法初始化事件循环");
		return 1;
	}
	if (mkspool_parents(d->conf->spool, err, sizeof(err)) == -1 ||
	    spool_open(&d->spool, d->conf->spool, err, sizeof(err)) == -1) {
		log_err("%s", err);
		return 1;
	}
	if (recover(d) == -1)
		return 1;
	if ((d->watch = watch_open(d, err, sizeof(err))) == NULL) {
		log_err("%s", err);
		return 1;
	}
	/* Files that arrived while we were down; the watch is already on. */
	watch_scan_now(d->watch);
	nbd_fill_pool(d);
	if (event_base_dispatch(d->base) == -1) {
		log_err("事件循环出错");
		return 1;
	}
	log_notice("已退出：本次检查 %lu 份，失败 %lu 份", d->checked,
	    d->failed);
	return exit_code;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "spool", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "reload", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	struct nbd	 d;
	char		 err[1024], conf_path[PATH_MAX];
	const char	*reload = NULL;
	int		 ch, foreground = 0, test = 0, rc;

	if (argc == 2 && strcmp(argv[1], "--worker") == 0)
		return worker_main();

	memset(&d, 0, sizeof(d));
	TAILQ_INIT(&d.queue);
	TAILQ_INIT(&d.stuck);
	TAILQ_INIT(&d.staged);
	TAILQ_INIT(&d.workers);
	d.conf_file = NB_SYSCONFDIR "/nianbaod.conf";
	while ((ch = getopt_long(argc, argv, "c:fhtV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			d.conf_file = optarg;
			break;
		case 'f':
			foreground = 1;
			break;
		case 't':
			test = 1;
			break;
		case 'S':
			d.spool_override = optarg;
			break;
		case 'R':
			reload = optarg;
			break;
		case 'h':
			usage(stdout, 0);
			break;
		case 'V':
			puts("nianbaod (" PACKAGE_STRING ")");
			return 0;
		default:
			usage(stderr, 2);
		}
	}
	if (optind != argc)
		usage(stderr, 2);
	if ((d.conf = conf_load(d.conf_file, d.spool_override, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "nianbaod: %s\n", err);
		return 1;
	}
	/* daemon(3) moves to /: a reload must still find the file. */
	if (realpath(d.conf_file, conf_path) != NULL)
		d.conf_file = conf_path;
	if (test || reload != NULL) {
		rc = configtest(d.conf, reload != NULL);
		if (rc == 0 && reload != NULL)
			rc = ctl_reload(reload);
		conf_free(d.conf);
		return rc;
	}
	signal(SIGPIPE, SIG_IGN);
	sink_syslog_open(d.conf);
	log_init(foreground, 1);
	/* Under systemd (Type=notify) stay put; elsewhere detach. */
	if (!foreground && getenv("NOTIFY_SOCKET") == NULL &&
	    daemon(0, 0) == -1) {
		log_err("无法转入后台：%s", strerror(errno));
		conf_free(d.conf);
		return 1;
	}
	rc = run(&d);
	teardown(&d);
	sink_syslog_close();
	return rc;
}
