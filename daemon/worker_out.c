/*
 * worker_out.c -- a worker's stdout and stderr: read by the daemon from a
 * pipe, line by line, and logged escaped under the worker's PID and its
 * report, so that a plugin's chatter never reaches the log raw (a forged
 * line, a terminal escape) nor blocks the worker on a full pipe.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "log.h"
#include "nianbaod.h"
#include "worker.h"

/* Longest line logged; the rest of a longer one is cut. */
#define LINE_MAX_LOG	1024

/* log_msg() escapes what the line holds. */
static void
say(struct worker *w, const char *line)
{
	if (w->job != NULL)
		log_warn("检查进程 %ld（报告编号 %s）输出：%s", (long)w->pid,
		    w->job->id, line);
	else
		log_warn("检查进程 %ld 输出：%s", (long)w->pid, line);
}

static void
lines(struct worker *w, int eof)
{
	char	*line;
	size_t	 n;

	while ((line = evbuffer_readln(w->outbuf, &n, EVBUFFER_EOL_LF)) !=
	    NULL) {
		say(w, line);
		free(line);
	}
	n = evbuffer_get_length(w->outbuf);
	if (n >= LINE_MAX_LOG || (eof && n > 0)) {
		char buf[LINE_MAX_LOG + 1];

		n = evbuffer_remove(w->outbuf, buf, LINE_MAX_LOG);
		buf[n > 0 ? n : 0] = '\0';
		say(w, buf);
		/* The rest of an overlong line is dropped. */
		evbuffer_drain(w->outbuf, evbuffer_get_length(w->outbuf));
	}
}

static void
on_output(evutil_socket_t fd, short what, void *arg)
{
	struct worker	*w = arg;
	int		 n;

	(void)what;
	n = evbuffer_read(w->outbuf, fd, 4096);
	if (n == -1 && (errno == EINTR || errno == EAGAIN))
		return;
	lines(w, n <= 0);
	if (n <= 0)
		worker_output_close(w);
}

void
worker_output_open(struct worker *w)
{
	if (w->out == -1)
		return;
	w->outbuf = evbuffer_new();
	w->oev = event_new(w->d->base, w->out, EV_READ | EV_PERSIST,
	    on_output, w);
	if (w->outbuf == NULL || w->oev == NULL ||
	    evutil_make_socket_nonblocking(w->out) == -1 ||
	    event_add(w->oev, NULL) == -1) {
		log_err("无法读取检查进程 %ld 的输出", (long)w->pid);
		worker_output_close(w);
	}
}

void
worker_output_close(struct worker *w)
{
	if (w->outbuf != NULL && w->out != -1) {
		/* What it said last, before it went. */
		while (evbuffer_read(w->outbuf, w->out, 4096) > 0)
			;
		lines(w, 1);
	}
	if (w->oev != NULL)
		event_free(w->oev);
	w->oev = NULL;
	if (w->outbuf != NULL)
		evbuffer_free(w->outbuf);
	w->outbuf = NULL;
	if (w->out != -1)
		close(w->out);
	w->out = -1;
}
