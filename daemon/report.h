/*
 * report.h -- the record of one report (out/ID.json and its line in
 * findings.jsonl) and the steps that finish a report exactly once.
 */
#ifndef NBD_REPORT_H
#define NBD_REPORT_H

#include <jansson.h>

struct job;
struct spool;

/*
 * The record: {"id", the fields of `nianbao check --json`, "time",
 * "origin", "sha256", "status": "checked"|"failed", ["reason"]}.
 * result (stolen) is the engine's JSON, or NULL when the check failed;
 * then a daemon.check_failed finding carries reason and stage.
 */
json_t	*report_record(const struct job *job, json_t *result,
	    const char *sha256, const char *reason, const char *stage);

/* A JSON string of bytes that need not be UTF-8 (NULL for NULL). */
json_t	*report_jstr(const char *s);

/*
 * Writes out/ID.json, appends the jsonl line, sends syslog lines, then
 * moves the input to archive/ or failed/.  When resuming after a crash,
 * steps already done (result file there, line in the log) are skipped, so
 * every step can be repeated.
 */
int	report_finish(struct spool *sp, const struct job *job, json_t *rec,
	    int resuming);

/*
 * Group commit, the live path: report_stage() writes out/ID.json at once
 * but without syncing it; report_commit() then makes a group of staged
 * results durable with one sync, appends their jsonl lines (report_lines())
 * with one write and one sync -- report_durable(), in the commit thread --
 * and report_committed() then sends their syslog lines (or says why the
 * group failed); report_move() moves each input.  An
 * input leaves work/ only after its result and its line are durable, so a
 * crash at any point leaves each report for report_finish(resuming).
 * Each job's record is job->rec.
 */
int	report_stage(struct spool *sp, const struct job *job, json_t *rec);
char	*report_lines(struct job *const *jobs, size_t n, size_t *len);
int	report_durable(struct spool *sp, const char *buf, size_t len);
void	report_committed(struct job *const *jobs, size_t n, int rc);
/* The input of a committed job could not be moved: retry that part. */
int	report_move(struct spool *sp, const struct job *job, json_t *rec);

#endif
