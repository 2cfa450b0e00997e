/*
 * report.c -- one record per report, finished in an order a restart can
 * resume: out/ID.json, then the jsonl line, then the move of the input.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "nianbaod.h"
#include "record.h"
#include "report.h"
#include "sink_syslog.h"
#include "spool.h"
#include "text.h"

json_t *
report_jstr(const char *s)
{
	char	*clean;
	json_t	*j;

	if (s == NULL)
		return NULL;
	if ((clean = text_utf8(s)) == NULL)
		return NULL;
	j = json_string(clean);
	free(clean);
	return j;
}

static json_t *
failed_findings(const char *reason, const char *stage)
{
	json_t	*a, *f;
	const char *plugin = NULL;

	if (stage != NULL && strncmp(stage, "plugin:", 7) == 0)
		plugin = stage + 7;
	if ((a = json_array()) == NULL)
		return NULL;
	f = json_pack("{s:s, s:s, s:o, s:o*, s:o*}",
	    "rule", "daemon.check_failed", "severity", "error",
	    "message", report_jstr(reason), "stage", report_jstr(stage),
	    "plugin", report_jstr(plugin));
	if (f == NULL || json_array_append_new(a, f) == -1) {
		json_decref(a);
		return NULL;
	}
	return a;
}

json_t *
report_record(const struct job *job, json_t *result, const char *sha256,
    const char *reason, const char *stage)
{
	json_t	*rec;
	int	 bad = 0;

	if ((rec = json_object()) == NULL) {
		json_decref(result);
		return NULL;
	}
	/* "id" first: the jsonl tail is searched for {"id":"...". */
	bad |= json_object_set_new(rec, "id", json_string(job->id));
	if (result != NULL && reason == NULL) {
		bad |= json_object_update(rec, result);
	} else {
		bad |= json_object_set_new(rec, "file", report_jstr(job->name));
		bad |= json_object_set_new(rec, "format", json_null());
		bad |= json_object_set_new(rec, "year", json_null());
		bad |= json_object_set_new(rec, "issuer", json_null());
		bad |= json_object_set_new(rec, "findings",
		    failed_findings(reason, stage));
		bad |= json_object_set_new(rec, "summary", json_pack(
		    "{s:i, s:i}", "errors", 1, "warnings", 0));
	}
	json_decref(result);
	bad |= record_set_time(rec);
	bad |= json_object_set_new(rec, "origin", report_jstr(job->origin));
	bad |= json_object_set_new(rec, "sha256",
	    sha256 && sha256[0] ? json_string(sha256) : json_null());
	bad |= json_object_set_new(rec, "status",
	    json_string(reason ? "failed" : "checked"));
	if (reason != NULL)
		bad |= json_object_set_new(rec, "reason", report_jstr(reason));
	if (bad) {
		json_decref(rec);
		return NULL;
	}
	return rec;
}

/* Failed reports are the ones with a reason. */
static const char *
reason_of(json_t *rec)
{
	const char *st = json_string_value(json_object_get(rec, "status"));

	if (st == NULL || strcmp(st, "failed") != 0)
		return NULL;
	return json_string_value(json_object_get(rec, "reason"));
}

static int
move_input(struct spool *sp, const struct job *job, const char *reason)
{
	char	*reason_nl = NULL;
	int	 rc;

	if (reason != NULL && asprintf(&reason_nl, "%s\n", reason) == -1) {
		errno = ENOMEM;
		return -1;
	}
	rc = spool_move_done(sp, job->origin, job->id, job->name, reason_nl);
	free(reason_nl);
	return rc;
}

/* The record as one jsonl line, '\n' included; NULL when out of memory. */
static char *
jsonl_line(const struct job *job, json_t *rec, size_t *len)
{
	char	*s, *line;

	if (job->bytes != NULL) {
		*len = job->linelen;
		if ((line = malloc(job->linelen + 1)) == NULL)
			return NULL;
		memcpy(line, job->bytes + job->textlen, job->linelen + 1);
		return line;
	}
	if ((s = json_dumps(rec, JSON_COMPACT)) == NULL)
		return NULL;
	*len = strlen(s);
	/* json_dumps leaves room only for its NUL: make a line. */
	if ((line = realloc(s, *len + 2)) == NULL) {
		free(s);
		return NULL;
	}
	line[(*len)++] = '\n';
	line[*len] = '\0';
	return line;
}

/*
 * On a full disk every report fails the same way, every retry: one
 * message per condition (errno), until a report finishes again.
 */
static int unfinished_errno;

static void
log_unfinished(const struct job *job)
{
	if (errno == unfinished_errno)
		return;
	unfinished_errno = errno;
	log_err("无法完成报告 %s%s%s（编号 %s）：%s；文件留在 work/，稍后重试"
	    "（同样原因的其他报告不再逐一记录）", job->origin,
	    job->origin[0] ? "/" : "", job->name, job->id, strerror(errno));
}

static void
finished(void)
{
	if (unfinished_errno != 0)
		log_notice("报告又能正常完成了");
	unfinished_errno = 0;
}

/*
 * A record the daemon made itself (a failure, or one the history stage
 * added to) as finished bytes, laid out as a worker's: out/ID.json's
 * text, then its jsonl line, then a NUL.  In the loop: the commit thread
 * touches no JSON.
 */
int
report_render(struct job *job)
{
	char	*text, *line, *bytes;
	size_t	 tl, ll;

	job->reason = reason_of(job->rec);
	if (job->bytes != NULL)
		return 0;
	if ((text = json_dumps(job->rec, JSON_INDENT(2))) == NULL)
		goto nomem;
	if ((line = jsonl_line(job, job->rec, &ll)) == NULL) {
		free(text);
		goto nomem;
	}
	tl = strlen(text);
	if ((bytes = malloc(tl + ll + 1)) != NULL) {
		memcpy(bytes, text, tl);
		memcpy(bytes + tl, line, ll + 1);
	}
	free(text);
	free(line);
	if (bytes == NULL)
		goto nomem;
	job->bytes = bytes;
	job->textlen = tl;
	job->linelen = ll;
	return 0;
 nomem:
	errno = ENOMEM;
	return -1;
}

/* Appends p[0..l) to *buf (size *cap, *len used, NUL kept after). */
static int
append(char **buf, size_t *cap, size_t *len, const char *p, size_t l)
{
	if (*len + l + 1 > *cap) {
		size_t	 nc = (*len + l + 1) * 2;
		char	*nb = realloc(*buf, nc);

		if (nb == NULL)
			return -1;
		*buf = nb;
		*cap = nc;
	}
	memcpy(*buf + *len, p, l);
	*len += l;
	(*buf)[*len] = '\0';
	return 0;
}

/*
 * The group commit, in the commit thread (commit.c): no logging, no JSON,
 * only the spool's descriptors and each job's bytes, origin, id, name and
 * reason, which the loop leaves alone while the group is out.
 */
int
report_group(struct spool *sp, struct job *const *jobs, size_t n)
{
	char	 name[SPOOL_ID_LEN + 8], *buf = NULL;
	size_t	 len = 0, cap = 0, i;
	int	 rc = -1, saved;

	for (i = 0; i < n; i++) {
		struct job *job = jobs[i];

		snprintf(name, sizeof(name), "%s.json", job->id);
		job->commit = REPORT_STAGED;
		if (spool_write_staged(sp->out_fd, name, job->bytes,
		    job->textlen) == -1 || append(&buf, &cap, &len,
		    job->bytes + job->textlen, job->linelen) == -1) {
			job->commit = REPORT_UNSTAGED;
			job->commit_err = errno ? errno : ENOMEM;
		}
	}
	/* One sync for every file and rename; the lines in one write(2). */
	if (len > 0 && (spool_sync(sp) == -1 ||
	    spool_jsonl_append(sp, buf, len) == -1))
		goto out;
	for (i = 0; i < n; i++) {
		struct job *job = jobs[i];

		if (job->commit != REPORT_STAGED)
			continue;
		if (move_input(sp, job, job->reason) == 0)
			job->commit = REPORT_MOVED;
		else
			job->commit_err = errno;
	}
	rc = 0;
 out:
	saved = errno;
	free(buf);
	errno = saved;
	return rc;
}

void
report_committed(struct job *const *jobs, size_t n, int rc)
{
	int	 moved = 0, err = errno;

	for (size_t i = 0; i < n; i++) {
		const struct job *job = jobs[i];

		if (job->commit == REPORT_UNSTAGED)
			continue;
		if (rc == -1) {
			errno = err;
			log_unfinished(job);
			continue;
		}
		/* Its line is durable: said, even if the move failed. */
		sink_syslog_report(job->rec);
		if (job->commit == REPORT_MOVED) {
			moved = 1;
			continue;
		}
		errno = job->commit_err;
		log_unfinished(job);
	}
	if (moved)
		finished();
}

int
report_finish(struct spool *sp, const struct job *job, json_t *rec,
    int resuming)
{
	char	 name[SPOOL_ID_LEN + 8], *s;
	size_t	 len;
	int	 rc;

	/* Live, neither can exist yet: the id was new when claimed. */
	if (!resuming)
		rc = 0;
	else if ((rc = spool_has_result(sp, job->id)) == -1)
		goto syserr;
	if (rc == 0) {
		snprintf(name, sizeof(name), "%s.json", job->id);
		if (job->bytes != NULL)
			rc = spool_write_atomic(sp->out_fd, name, job->bytes,
			    job->textlen);
		else if ((s = json_dumps(rec, JSON_INDENT(2))) == NULL)
			goto nomem;
		else {
			rc = spool_write_atomic(sp->out_fd, name, s,
			    strlen(s));
			free(s);
		}
		if (rc == -1)
			goto syserr;
	}

	if (!resuming)
		rc = 0;
	else if ((rc = spool_jsonl_has(sp, job->id)) == -1)
		goto syserr;
	if (rc == 0) {
		if ((s = jsonl_line(job, rec, &len)) == NULL)
			goto nomem;
		rc = spool_jsonl_append(sp, s, len);
		free(s);
		if (rc == -1)
			goto syserr;
	}
	/*
	 * Said with the line that records it -- and again on resume, since
	 * a crash may have come between the line and the syslog message:
	 * at least once, with the id to tell a repeat.
	 */
	sink_syslog_report(rec);

	if (move_input(sp, job, reason_of(rec)) == -1)
		goto syserr;
	finished();
	return 0;
 nomem:
	errno = ENOMEM;
 syserr:
	log_unfinished(job);
	return -1;
}
