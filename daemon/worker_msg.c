/*
 * worker_msg.c -- what a worker says: its messages read off the socket
 * (without libevent's ioctl before each read) and acted on: stages,
 * start-up, and the report's result, as finished bytes or as JSON.
 * Everything a worker sends is hostile until checked.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "history.h"
#include "log.h"
#include "nianbaod.h"
#include "proto.h"
#include "record.h"
#include "report.h"
#include "worker.h"

/* What one read(2) of a worker's socket asks for. */
#define READ_CHUNK	65536

/*
 * A result as finished bytes: out/ID.json's text and its jsonl line, kept
 * as they came once they are the record of this report (record.h); the
 * record the daemon reads (job->rec) is the head it came with.
 */
static json_t *
finished(struct worker *w, const json_t *msg, char *bytes, size_t nbytes)
{
	struct job	*job = w->job;
	json_t		*head = json_object_get(msg, "head");
	json_int_t	 tl = json_integer_value(json_object_get(msg, "text"));
	int		 bad = 0;

	if (!json_is_object(head) || nbytes < 2 || tl <= 0 ||
	    (size_t)tl >= nbytes - 1 ||
	    !record_trusted(job->id, bytes, (size_t)tl, bytes + tl,
	    nbytes - (size_t)tl)) {
		free(bytes);
		return NULL;
	}
	json_incref(head);
	bad |= json_object_set_new(head, "id", json_string(job->id));
	bad |= json_object_set_new(head, "origin", report_jstr(job->origin));
	bad |= json_object_set_new(head, "sha256", w->sha256[0] ?
	    json_string(w->sha256) : json_null());
	bad |= json_object_set_new(head, "status", json_string("checked"));
	if (bad) {
		json_decref(head);
		free(bytes);
		return NULL;
	}
	job->bytes = bytes;
	job->textlen = (size_t)tl;
	job->linelen = nbytes - (size_t)tl;
	return head;
}

/*
 * The input's SHA-256, which the worker tells with its result, its
 * failure or its last words: 64 hex digits, or nothing is taken.
 */
static void
take_sha256(struct worker *w, const json_t *msg)
{
	const char	*s = json_string_value(json_object_get(msg, "sha256"));

	if (s == NULL || strlen(s) != 64 || strspn(s, "0123456789abcdef") != 64)
		return;
	memcpy(w->sha256, s, 65);
}

static void
handle(struct worker *w, json_t *msg, char *bytes, size_t nbytes)
{
	const char	*op = json_string_value(json_object_get(msg, "op"));
	const char	*s;
	json_t		*rec;

	if (op == NULL)
		op = "";
	/* Bytes come only with a result, which takes them. */
	if (bytes != NULL && (strcmp(op, "done") != 0 || w->state != W_BUSY ||
	    w->history)) {
		free(bytes);
		bytes = NULL;
		op = "bytes";
	}
	/* About the report at hand, or a plugin playing with fd 3. */
	if (w->job != NULL && (s = json_string_value(json_object_get(msg,
	    "job"))) != NULL && strcmp(s, w->job->id) != 0) {
		log_err("检查进程 %ld 发来关于另一份报告（编号 %.16s）的消息，"
		    "终止它", (long)w->pid, s);
		free(bytes);
		worker_kill(w);
		return;
	}
	if (w->state == W_BUSY && (strcmp(op, "done") == 0 ||
	    strcmp(op, "failed") == 0) && json_object_get(msg, "job") == NULL) {
		log_err("检查进程 %ld 发来没有报告编号的结果，终止它", (long)w->pid);
		free(bytes);
		worker_kill(w);
		return;
	}
	take_sha256(w, msg);
	if (strcmp(op, "stage") == 0) {
		if ((s = json_string_value(json_object_get(msg, "stage"))))
			snprintf(w->stage, sizeof(w->stage), "%s", s);
		if (json_is_true(json_object_get(msg, "memory")))
			w->memory = 1;
	} else if (strcmp(op, "ready") == 0 && w->state == W_STARTING) {
		evtimer_del(w->timer);
		w->state = W_IDLE;
		if (!w->dead)
			nbd_worker_ready(w->d, w);
	} else if (strcmp(op, "error") == 0 && w->state == W_STARTING) {
		s = json_string_value(json_object_get(msg, "message"));
		free(w->init_error);
		w->init_error = strdup(s ? s : "未知错误");
	} else if (w->history) {
		if (history_handle(w, msg, op) == -1) {
			log_err("历史阶段进程 %ld 发来无法理解的消息“%s”，终止它",
			    (long)w->pid, op);
			worker_kill(w);
		}
	} else if (strcmp(op, "done") == 0 && w->state == W_BUSY &&
	    bytes != NULL) {
		if ((rec = finished(w, msg, bytes, nbytes)) == NULL) {
			log_err("检查进程 %ld 发来格式不对的结果，终止它",
			    (long)w->pid);
			worker_kill(w);
			return;
		}
		worker_job_done(w, rec);
	} else if (strcmp(op, "done") == 0 && w->state == W_BUSY) {
		/* The model, for the history stage; the result is checked
		 * there again as input from a worker. */
		if (json_is_object(json_object_get(msg, "model")))
			w->job->model = json_incref(json_object_get(msg,
			    "model"));
		rec = report_record(w->job, json_incref(json_object_get(msg,
		    "result")), w->sha256, NULL, NULL);
		worker_job_done(w, rec);
	} else if (strcmp(op, "failed") == 0 && w->state == W_BUSY) {
		s = json_string_value(json_object_get(msg, "message"));
		rec = report_record(w->job, NULL, w->sha256,
		    s ? s : "无法检查", w->stage[0] ? w->stage : NULL);
		worker_job_done(w, rec);
	} else {
		log_err("检查进程 %ld 发来无法理解的消息“%s”，终止它",
		    (long)w->pid, op);
		worker_kill(w);
	}
}

/*
 * One read(2) into the buffer: what libevent's evbuffer_read() does
 * without its ioctl(FIONREAD) before each read.
 */
static ssize_t
read_some(struct worker *w)
{
	struct evbuffer_iovec	 v;
	ssize_t			 n;
	int			 saved;

	if (evbuffer_reserve_space(w->in, READ_CHUNK, &v, 1) < 1)
		return -1;
	if (v.iov_len > READ_CHUNK)
		v.iov_len = READ_CHUNK;
	do
		n = read(w->fd, v.iov_base, v.iov_len);
	while (n == -1 && errno == EINTR);
	saved = errno;
	v.iov_len = n > 0 ? (size_t)n : 0;
	evbuffer_commit_space(w->in, &v, 1);
	errno = saved;
	return n;
}

int
worker_drain(struct worker *w)
{
	json_t	*msg;
	char	*bytes;
	size_t	 nbytes;
	int	 rc, done = 0;

	if (w->fd == -1)
		return 1;
	for (;;) {
		ssize_t n = read_some(w);

		if (n == -1 && errno == EAGAIN)
			break;
		if (n <= 0) {
			done = 1;
			break;
		}
		/* Less than asked for: the socket is empty for now. */
		if ((size_t)n < READ_CHUNK)
			break;
	}
	while ((rc = proto_take_bytes(w->in, &msg, &bytes, &nbytes)) == 1) {
		handle(w, msg, bytes, nbytes);
		json_decref(msg);
	}
	if (rc == -1) {
		log_err("检查进程 %ld 发来损坏的消息，终止它", (long)w->pid);
		worker_kill(w);
		return 1;
	}
	return done;
}
