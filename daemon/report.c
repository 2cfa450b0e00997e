/*
 * report.c -- one record per report, finished in an order a restart can
 * resume: out/ID.json, then the jsonl line, then the move of the input.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "nianbaod.h"
#include "report.h"
#include "sink_syslog.h"
#include "spool.h"
#include "text.h"

/* A JSON string of bytes that need not be UTF-8. */
static json_t *
jstr(const char *s)
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
	    "message", jstr(reason), "stage", jstr(stage),
	    "plugin", jstr(plugin));
	if (f == NULL || json_array_append_new(a, f) == -1) {
		json_decref(a);
		return NULL;
	}
	return a;
}

static int
set_time(json_t *rec)
{
	struct timespec	 ts;
	struct tm	 tm;
	char		 buf[64], out[80];

	clock_gettime(CLOCK_REALTIME, &ts);
	if (gmtime_r(&ts.tv_sec, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		return -1;
	snprintf(out, sizeof(out), "%s.%03ldZ", buf, ts.tv_nsec / 1000000);
	return json_object_set_new(rec, "time", json_string(out));
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
		bad |= json_object_set_new(rec, "file", jstr(job->name));
		bad |= json_object_set_new(rec, "format", json_null());
		bad |= json_object_set_new(rec, "year", json_null());
		bad |= json_object_set_new(rec, "issuer", json_null());
		bad |= json_object_set_new(rec, "findings",
		    failed_findings(reason, stage));
		bad |= json_object_set_new(rec, "summary", json_pack(
		    "{s:i, s:i}", "errors", 1, "warnings", 0));
	}
	json_decref(result);
	bad |= set_time(rec);
	bad |= json_object_set_new(rec, "origin", jstr(job->origin));
	bad |= json_object_set_new(rec, "sha256",
	    sha256 && sha256[0] ? json_string(sha256) : json_null());
	bad |= json_object_set_new(rec, "status",
	    json_string(reason ? "failed" : "checked"));
	if (reason != NULL)
		bad |= json_object_set_new(rec, "reason", jstr(reason));
	if (bad) {
		json_decref(rec);
		return NULL;
	}
	return rec;
}

int
report_finish(struct spool *sp, const struct job *job, json_t *rec,
    int resuming)
{
	char		 name[SPOOL_ID_LEN + 8], *s, *reason_nl = NULL;
	const char	*reason = NULL;
	size_t		 len;
	int		 rc;

	if (json_is_string(json_object_get(rec, "reason")) &&
	    strcmp(json_string_value(json_object_get(rec, "status")),
	    "failed") == 0)
		reason = json_string_value(json_object_get(rec, "reason"));

	/* Live, neither can exist yet: the id was new when claimed. */
	if (!resuming)
		rc = 0;
	else if ((rc = spool_has_result(sp, job->id)) == -1)
		goto syserr;
	if (rc == 0) {
		if ((s = json_dumps(rec, JSON_INDENT(2))) == NULL)
			goto nomem;
		snprintf(name, sizeof(name), "%s.json", job->id);
		len = strlen(s);
		rc = spool_write_atomic(sp->out_fd, name, s, len);
		free(s);
		if (rc == -1)
			goto syserr;
	}

	if (!resuming)
		rc = 0;
	else if ((rc = spool_jsonl_has(sp, job->id)) == -1)
		goto syserr;
	if (rc == 0) {
		if ((s = json_dumps(rec, JSON_COMPACT)) == NULL)
			goto nomem;
		len = strlen(s);
		/* json_dumps leaves room only for its NUL: make a line. */
		if ((reason_nl = realloc(s, len + 2)) == NULL) {
			free(s);
			goto nomem;
		}
		reason_nl[len] = '\n';
		reason_nl[len + 1] = '\0';
		rc = spool_jsonl_append(sp, reason_nl, len + 1);
		free(reason_nl);
		reason_nl = NULL;
		if (rc == -1)
			goto syserr;
		/* Said once, with the line that records it. */
		sink_syslog_report(rec);
	}

	if (reason != NULL && asprintf(&reason_nl, "%s\n", reason) == -1)
		goto nomem;
	rc = spool_move_done(sp, job->origin, job->id, job->name, reason_nl);
	free(reason_nl);
	if (rc == -1)
		goto syserr;
	return 0;
 nomem:
	errno = ENOMEM;
 syserr:
	log_err("无法完成报告 %s%s%s（编号 %s）：%s；文件留在 work/，重启后继续",
	    job->origin, job->origin[0] ? "/" : "", job->name, job->id,
	    strerror(errno));
	return -1;
}
