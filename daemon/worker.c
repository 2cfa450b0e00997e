/*
 * worker.c -- starting workers, handing them reports, and settling what
 * happens when one dies.
 */
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <linux/close_range.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "confine.h"
#include "history.h"
#include "early.h"
#include "log.h"
#include "nianbaod.h"
#include "proto.h"
#include "report.h"
#include "text.h"
#include "worker.h"

/* After asking a runaway worker for its stage, how long before SIGKILL. */
#define GRACE_MS	500

static void	on_read(evutil_socket_t, short, void *);

void
worker_kill(struct worker *w)
{
	/* Ours: a SIGKILL we did not send is retried (see reaped()). */
	w->killed = 1;
	kill(w->pid, SIGKILL);
}

static void	on_timer(evutil_socket_t, short, void *);

static json_t *
init_message(const struct nbd_conf *c, long long memory_limit)
{
	json_t	*plugins = json_null(), *msg;

	if (c->nplugins > 0) {
		size_t i;

		if ((plugins = json_array()) == NULL)
			return NULL;
		for (i = 0; i < c->nplugins; i++)
			if (json_array_append_new(plugins,
			    json_string(c->plugins[i])) == -1) {
				json_decref(plugins);
				return NULL;
			}
	}
	msg = json_pack("{s:s, s:s, s:s, s:o, s:O, s:I, s:I, s:b, s:O}", "op",
	    "init", "rules", c->rules, "plugin_dir", c->plugin_dir,
	    "plugins", plugins, "plugin_options", c->plugin_options,
	    "max_bytes", (json_int_t)c->max_size,
	    "memory_limit", (json_int_t)memory_limit,
	    "seccomp", c->seccomp, "origins", c->origins);
	if (msg != NULL && json_object_set_new(msg, "syslog_threshold",
	    json_integer(c->threshold)) == -1) {
		json_decref(msg);
		return NULL;
	}
	/* With a store, workers send the model back for the history
	 * stage, which alone opens the store and the roster. */
	if (msg != NULL && c->store != NULL &&
	    (json_object_set_new(msg, "model", json_true()) == -1 ||
	    json_object_set_new(msg, "store", json_string(c->store)) == -1 ||
	    json_object_set_new(msg, "roster", c->roster ?
	    json_string(c->roster) : json_null()) == -1)) {
		json_decref(msg);
		return NULL;
	}
	return msg;
}

static void
child(int fd, pid_t parent, const char *self, int self_fd,
    const struct confine_id *id, int out, int history)
{
	static char *const wargv[] = { "nianbaod", "--worker", NULL };
	static char *const hargv[] = { "nianbaod", "--history", NULL };
	char *const	*argv = history ? hargv : wargv;
	sigset_t	 all;

	/* stdout and stderr go to the daemon's log, escaped, never raw. */
	if (dup2(fd, 3) == -1 || dup2(out, 1) == -1 || dup2(out, 2) == -1)
		_exit(127);
	/* Nothing of the daemon's leaks into plugin code: all close at
	 * exec, the binary's own descriptor once it has been run. */
	close_range(4, ~0U, CLOSE_RANGE_CLOEXEC);
	/* A worker never outlives the daemon, even stuck in a plugin. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 || getppid() != parent)
		_exit(127);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	/* CAP_LEASE is the daemon's, for claiming; plugins get nothing. */
	(void)prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	signal(SIGXFSZ, SIG_DFL);
	confine_oom_score();
	signal(SIGIO, SIG_DFL);
	confine_drop(id);
	/* Its user may not reach the binary's folder: by descriptor. */
	if (id->drop && self_fd != -1)
		syscall(SYS_execveat, self_fd, "", argv, environ,
		    AT_EMPTY_PATH);
	execv(self, argv);
	_exit(127);
}

static struct worker *spawn(struct nbd *, const struct nbd_conf *,
    unsigned, int, int);

struct worker *
worker_spawn(struct nbd *d, const struct nbd_conf *conf, unsigned gen,
    int probe)
{
	return spawn(d, conf, gen, probe, 0);
}

struct worker *
worker_spawn_history(struct nbd *d)
{
	return spawn(d, d->conf, d->gen, 0, 1);
}

static struct worker *
spawn(struct nbd *d, const struct nbd_conf *conf, unsigned gen, int probe,
    int history)
{
	struct worker	*w;
	json_t		*msg;
	pid_t		 parent = getpid();
	struct confine_id id;
	char		 why[512];
	int		 sv[2], out[2];

	if ((w = calloc(1, sizeof(*w))) == NULL)
		return NULL;
	w->d = d;
	w->gen = gen;
	w->probe = probe;
	w->history = history;
	w->time_limit = conf->time_limit;
	w->fd = w->out = -1;
	if (confine_user(conf->user, &id, why, sizeof(why)) == -1) {
		log_err("%s", why);
		free(w);
		return NULL;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		log_err("无法创建检查进程的套接字：%s", strerror(errno));
		free(w);
		return NULL;
	}
	if (pipe2(out, O_CLOEXEC) == -1) {
		log_err("无法创建检查进程的输出管道：%s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		free(w);
		return NULL;
	}
	if ((w->pid = fork()) == -1) {
		log_err("无法创建检查进程：%s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		close(out[0]);
		close(out[1]);
		free(w);
		return NULL;
	}
	if (w->pid == 0)
		child(sv[1], parent, d->self, d->self_fd, &id, out[1],
		    history);
	close(sv[1]);
	close(out[1]);
	w->fd = sv[0];
	w->out = out[0];
	worker_output_open(w);
	w->in = evbuffer_new();
	w->rev = event_new(d->base, w->fd, EV_READ | EV_PERSIST, on_read, w);
	w->timer = evtimer_new(d->base, on_timer, w);
	{
		char how[256];

		w->memory_limit = confine_memory_limit(conf, how, sizeof(how));
	}
	msg = init_message(conf, w->memory_limit);
	if (fcntl(w->fd, F_SETFL, O_NONBLOCK) == -1 || w->in == NULL ||
	    w->rev == NULL || w->timer == NULL || msg == NULL ||
	    event_add(w->rev, NULL) == -1 || proto_send(w->fd, msg) == -1) {
		log_err("无法启动检查进程 %ld", (long)w->pid);
		json_decref(msg);
		/* Reaped like any other: it dies on the closed socket. */
		worker_kill(w);
		w->state = W_STOPPING;
		if (w->rev != NULL)
			event_del(w->rev);
		TAILQ_INSERT_TAIL(&d->workers, w, entry);
		return NULL;
	}
	json_decref(msg);
	/* Loading plugins is bounded by the same limit as a report. */
	{
		struct timeval tv = { conf->time_limit, 0 };

		evtimer_add(w->timer, &tv);
	}
	w->state = W_STARTING;
	TAILQ_INSERT_TAIL(&d->workers, w, entry);
	return w;
}

static void	start(struct worker *, struct job *);

int
worker_assign(struct worker *w, struct job *job)
{
	json_t		*msg;
	char		*name, *origin;
	int		 rc, fd, early = job->early != EARLY_NONE;

	/*
	 * The worker gets the report as an open descriptor: it needs no
	 * access to the spool, and never resolves a path in it.
	 */
	if ((fd = early ? early_fd(job) : spool_open_work(&w->d->spool,
	    job->origin, job->id, job->name)) == -1) {
		log_err("无法打开 work/ 中的报告 %s（编号 %s）：%s", job->name,
		    job->id, strerror(errno));
		return -1;
	}
	name = text_utf8(job->name);
	origin = text_utf8(job->origin);
	/* The origin picks the province pack, in the worker's table. */
	msg = name && origin ? json_pack("{s:s, s:s, s:s, s:s}", "op", "check",
	    "job", job->id, "name", name, "origin", origin) : NULL;
	free(name);
	free(origin);
	if (msg == NULL) {
		if (!early)
			close(fd);
		return -1;
	}
	rc = proto_send(w->fd, msg);
	json_decref(msg);
	if (rc == 0)
		rc = proto_send_fd(w->fd, fd);
	if (!early)
		close(fd);
	if (rc == -1)
		return -1;
	if (w->job != NULL)
		w->next = job;
	else
		start(w, job);
	return 0;
}

/* job is what w checks now: its stage, its time limit from now. */
static void
start(struct worker *w, struct job *job)
{
	struct timeval	 tv = { w->time_limit, 0 };

	w->job = job;
	w->state = W_BUSY;
	w->stage[0] = '\0';
	w->sha256[0] = '\0';
	w->timed_out = 0;
	w->memory = 0;
	evtimer_add(w->timer, &tv);
}

/*
 * Nothing waits behind a large input (a PDF, a scan: minutes of OCR) while
 * another worker may come free; a text or Word report takes milliseconds.
 */
#define QUEUE_BEHIND_MAX	(256 * 1024)

int
worker_may_queue(const struct worker *w)
{
	return w->state == W_BUSY && w->next == NULL && !w->timed_out &&
	    !w->dead && !w->history && !w->probe && w->fd != -1 &&
	    w->job != NULL && w->job->size <= QUEUE_BEHIND_MAX;
}

/* Its next report goes back to the queue, first: it was never begun. */
static void
unqueue(struct worker *w)
{
	if (w->next == NULL)
		return;
	nbd_job_retry(w->d, w->next);
	w->next = NULL;
}

void
worker_stop(struct worker *w)
{
	w->state = W_STOPPING;
	evtimer_del(w->timer);
	if (w->rev != NULL)
		event_del(w->rev);
	/* The worker reads end of file and exits. */
	if (w->fd != -1) {
		close(w->fd);
		w->fd = -1;
	}
}

static void
settle(struct worker *w, json_t *rec)
{
	struct job	*job = w->job;

	w->job = NULL;
	evtimer_del(w->timer);
	w->state = W_IDLE;
	nbd_job_done(w->d, job, rec);
}

/*
 * A report came back; the worker takes the next unless it is going.  The
 * next is handed over before this result is written out, so that the
 * worker checks while the daemon stages (its file created and renamed).
 */
void
worker_job_done(struct worker *w, json_t *rec)
{
	struct job	*job = w->job, *next = w->next;

	if (w->dead || w->timed_out) {
		/* Asked to die at the limit, or dead: no more work. */
		unqueue(w);
		settle(w, rec);
		if (!w->dead) {
			worker_kill(w);
			worker_stop(w);
		}
		return;
	}
	if (next != NULL || nbd_has_work(w->d, w)) {
		w->job = w->next = NULL;
		evtimer_del(w->timer);
		w->state = W_IDLE;
		if (next != NULL)
			start(w, next);
		/* Sends it (or another idle one) the one after. */
		nbd_dispatch(w->d);
		nbd_job_done(w->d, job, rec);
		return;
	}
	settle(w, rec);
	nbd_worker_ready(w->d, w);
}

static void
on_read(evutil_socket_t fd, short what, void *arg)
{
	struct worker	*w = arg;

	(void)fd;
	(void)what;
	if (worker_drain(w)) {
		/* It is exiting (or was killed: not by us, so not marked as
		 * ours); the status comes with SIGCHLD. */
		event_del(w->rev);
		kill(w->pid, SIGKILL);
	}
}

static void
on_timer(evutil_socket_t fd, short what, void *arg)
{
	struct worker	*w = arg;
	struct timeval	 tv = { 0, GRACE_MS * 1000 };

	(void)fd;
	(void)what;
	if (w->state == W_STARTING) {
		free(w->init_error);
		w->init_error = strdup("加载规则包和插件超时");
		worker_kill(w);
		return;
	}
	if (w->state != W_BUSY)
		return;
	if (w->timed_out == 0) {
		/* SIGUSR1 makes the worker name the plugin it is in. */
		w->timed_out = 1;
		kill(w->pid, SIGUSR1);
		evtimer_add(w->timer, &tv);
	} else {
		w->timed_out = 2;
		worker_kill(w);
	}
}

static void
describe(char *buf, size_t len, const struct worker *w, int status)
{
	char		 where[192] = "";
	const char	*sig;

	if (strncmp(w->stage, "plugin:", 7) == 0)
		snprintf(where, sizeof(where), "（插件 %s）", w->stage + 7);
	else if (strncmp(w->stage, "library:", 8) == 0)
		snprintf(where, sizeof(where), "（库 %s）", w->stage + 8);
	else if (w->stage[0] != '\0')
		snprintf(where, sizeof(where), "（阶段 %s）", w->stage);
	if (w->memory)
		snprintf(buf, len, "检查进程超出内存限制（memory limit %lld MiB）"
		    "而终止%s", w->memory_limit >> 20, where);
	else if (w->timed_out)
		snprintf(buf, len, "检查超过时间限制 %d 秒，检查进程被终止%s",
		    w->time_limit, where);
	else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL &&
	    !w->killed)
		snprintf(buf, len, "检查进程两次被外部终止（SIGKILL：内存不足时的 "
		    "OOM killer 或管理员），这不是报告本身的问题%s", where);
	else if (WIFSIGNALED(status)) {
		sig = sigabbrev_np(WTERMSIG(status));
		snprintf(buf, len, "检查进程被信号 SIG%s 终止%s",
		    sig ? sig : "?", where);
	} else
		snprintf(buf, len, "检查进程意外退出，状态 %d%s",
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1, where);
}

static void
reaped(struct worker *w, int status)
{
	char	 why[512];

	/* A result sent just before the end still counts. */
	w->dead = 1;
	worker_drain(w);
	worker_output_close(w);
	if (w->history && w->state == W_BUSY) {
		describe(why, sizeof(why), w, status);
		history_reaped(w, why);
	}
	unqueue(w);
	if (w->job != NULL && WIFSIGNALED(status) &&
	    WTERMSIG(status) == SIGKILL && !w->killed && !w->memory &&
	    !w->job->retried) {
		/* Killed from outside (OOM killer, admin): not the report's
		 * fault, so it gets one more worker. */
		log_warn("检查进程 %ld 被外部终止（SIGKILL），报告 %s（编号 %s）"
		    "重新检查一次", (long)w->pid, w->job->name, w->job->id);
		w->job->retried = 1;
		nbd_job_retry(w->d, w->job);
		w->job = NULL;
		evtimer_del(w->timer);
	}
	if (w->job != NULL) {
		json_t *rec;

		describe(why, sizeof(why), w, status);
		log_warn("检查 %s%s%s（编号 %s）失败：%s", w->job->origin,
		    w->job->origin[0] ? "/" : "", w->job->name, w->job->id, why);
		rec = report_record(w->job, NULL, w->sha256, why,
		    w->stage[0] ? w->stage : "check");
		settle(w, rec);
	}
	if (w->state == W_STARTING) {
		if (w->init_error == NULL) {
			describe(why, sizeof(why), w, status);
			nbd_worker_init_failed(w->d, w, why);
		} else
			nbd_worker_init_failed(w->d, w, w->init_error);
	}
	TAILQ_REMOVE(&w->d->workers, w, entry);
	worker_output_close(w);
	if (w->rev != NULL)
		event_free(w->rev);
	if (w->timer != NULL)
		event_free(w->timer);
	if (w->in != NULL)
		evbuffer_free(w->in);
	if (w->fd != -1)
		close(w->fd);
	free(w->init_error);
	nbd_worker_gone(w->d, w);
	free(w);
}

void
worker_reap(struct nbd *d)
{
	struct worker	*w;
	pid_t		 pid;
	int		 status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (w = TAILQ_FIRST(&d->workers); w != NULL;
		    w = TAILQ_NEXT(w, entry))
			if (w->pid == pid) {
				reaped(w, status);
				break;
			}
	}
}
