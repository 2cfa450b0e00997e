/*
 * main.c -- nianbaod's start and stop: options, the event loop and its
 * signals, start-up (spool, recovery, watch) and teardown.  The daemon
 * watches a drop folder of annual reports, checks each one in a worker
 * process, and records the result exactly once.
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

#include "commit.h"
#include "ctl.h"
#include "history.h"
#include "log.h"
#include "mkspool.h"
#include "nianbao.h"
#include "nianbaod.h"
#include "notify.h"
#include "recover.h"
#include "report.h"
#include "sink_syslog.h"
#include "store/roster.h"
#include "watch.h"
#include "worker.h"

/*
 * Event priorities: libevent gives new events the middle one of three, so
 * the group commit, at the lowest, runs when nothing else waits.
 */
#define NPRIO		3
#define PRIO_FLUSH	2

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
	const char	*provinces[64];
	struct nb_engine_conf ec;
	struct nb_engine *e;
	struct nb_error	 err;

	memset(&ec, 0, sizeof(ec));
	ec.rules_path = c->rules;
	ec.plugin_dir = c->plugin_dir;
	ec.plugins = (const char *const *)c->plugins;
	ec.nplugins = c->nplugins;
	ec.limits.max_bytes = (size_t)c->max_size;
	/* Every province pack of the origins table, as a worker loads them. */
	ec.provinces = provinces;
	ec.nprovinces = conf_origin_provinces(c->origins, provinces,
	    sizeof(provinces) / sizeof(provinces[0]));
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
	/* The store itself is opened by the history stage, as its user. */
	if (c->roster != NULL) {
		struct nb_roster *r = nb_roster_load(c->roster, &err);

		if (r == NULL) {
			fprintf(stderr, "nianbaod: %s\n", err.msg);
			nb_engine_close(e);
			return 1;
		}
		nb_roster_free(r);
	}
	if (quiet) {
		nb_engine_close(e);
		return 0;
	}
	printf("nianbaod: 配置 %s 正确：%zu 条规则，队列目录 %s，%d 个检查进程\n",
	    c->file, nb_engine_rule_count(e), c->spool, c->workers);
	printf("nianbaod: 历史库 %s%s%s\n", c->store ? c->store : "未配置",
	    c->roster ? "，名册 " : "", c->roster ? c->roster : "");
	nb_engine_close(e);
	return 0;
}

static int
setup_events(struct nbd *d)
{
	struct timeval	 sec = { 1, 0 };
	unsigned long long wd;

	d->ev_hup = evsignal_new(d->base, SIGHUP, nbd_on_hup, d);
	d->ev_term = evsignal_new(d->base, SIGTERM, on_term, d);
	d->ev_int = evsignal_new(d->base, SIGINT, on_term, d);
	d->ev_chld = evsignal_new(d->base, SIGCHLD, on_chld, d);
	d->ev_status = event_new(d->base, -1, EV_PERSIST, on_status, d);
	d->ev_respawn = evtimer_new(d->base, nbd_on_respawn, d);
	d->ev_retry = evtimer_new(d->base, nbd_on_retry, d);
	d->ev_flush = event_new(d->base, -1, 0, nbd_on_flush, d);
	d->ev_hretry = evtimer_new(d->base, history_on_retry, d);
	d->ev_missing = evtimer_new(d->base, history_on_missing, d);
	/* After deadlines: asked when the stage is first idle, then every
	 * MISSING_EVERY_S. */
	d->missing_due = 1;
	if (d->ev_hretry == NULL || d->ev_missing == NULL ||
	    event_add(d->ev_missing, &(struct timeval){ MISSING_EVERY_S, 0 })
	    == -1)
		return -1;
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
	struct event	*evs[11];
	struct job	*job;
	size_t		 i;

	evs[0] = d->ev_hup; evs[1] = d->ev_term; evs[2] = d->ev_int;
	evs[3] = d->ev_chld; evs[4] = d->ev_status; evs[5] = d->ev_watchdog;
	evs[6] = d->ev_respawn; evs[7] = d->ev_retry; evs[8] = d->ev_flush;
	evs[9] = d->ev_hretry; evs[10] = d->ev_missing;
	/* Results already written go out before the loop's events do: the
	 * group out, then what was staged meanwhile. */
	if (d->ev_flush != NULL)
		do {
			commit_wait(d->commit);
			nbd_flush(d);
		} while (commit_busy(d->commit));
	commit_free(d->commit);
	d->commit = NULL;
	for (i = 0; i < 11; i++)
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
	/* Not stored yet: checked again at the next start. */
	while ((job = TAILQ_FIRST(&d->histq)) != NULL) {
		TAILQ_REMOVE(&d->histq, job, entry);
		job_free(job);
	}
	while ((job = TAILQ_FIRST(&d->hsent)) != NULL) {
		TAILQ_REMOVE(&d->hsent, job, entry);
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
	/* Workers of another user run it by descriptor. */
	d->self_fd = open(d->self, O_PATH | O_CLOEXEC);
	if ((d->base = event_base_new()) == NULL ||
	    event_base_priority_init(d->base, NPRIO) == -1 ||
	    setup_events(d) == -1) {
		log_err("无法初始化事件循环");
		return 1;
	}
	if (mkspool_parents(d->conf->spool, err, sizeof(err)) == -1 ||
	    spool_open(&d->spool, d->conf->spool, err, sizeof(err)) == -1 ||
	    spool_load_uuid(&d->spool, err, sizeof(err)) == -1) {
		log_err("%s", err);
		return 1;
	}
	if (recover(d) == -1)
		return 1;
	if ((d->commit = commit_new(d)) == NULL)
		log_warn("无法启动提交线程：%s；结果在事件循环中提交",
		    strerror(errno));
	if (d->conf->store != NULL)
		log_notice("历史库：%s（队列 %s）%s%s", d->conf->store,
		    d->spool.uuid, d->conf->roster ? "，名册 " : "",
		    d->conf->roster ? d->conf->roster : "");
	else
		log_notice("未配置历史库（store）：不做跨报告检查");
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
	return d->exit_code;
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
	if (argc == 2 && strcmp(argv[1], "--history") == 0)
		return history_main();

	memset(&d, 0, sizeof(d));
	d.self_fd = -1;
	TAILQ_INIT(&d.queue);
	TAILQ_INIT(&d.stuck);
	TAILQ_INIT(&d.staged);
	TAILQ_INIT(&d.histq);
	TAILQ_INIT(&d.hsent);
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
	/* A file size limit is an error to retry, like a full disk. */
	signal(SIGXFSZ, SIG_IGN);
	/* A lease break (someone opens a file we are claiming) is not
	 * ours to act on: the claim releases the lease at once. */
	signal(SIGIO, SIG_IGN);
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
