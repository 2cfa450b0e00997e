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
 * Group commit, the live path.  In the loop, report_render() makes each
 * job's record finished bytes (a worker's result already is).  In the
 * commit thread, report_group() writes each out/ID.json without syncing
 * it, makes the group durable with one syncfs, appends the jsonl lines
 * with one write and one sync, then moves each input out of work/, and
 * says in job->commit how far each job got.  Back in the loop,
 * report_committed() sends the syslog lines of those whose line is
 * durable and logs what failed; an unstaged job is finished alone, the
 * others left in work/ are retried by report_finish(resuming).  An input
 * leaves work/ only after its result and its line are durable, so a crash
 * at any point leaves each report for report_finish(resuming).
 */
enum report_commit {
	REPORT_STAGED,		/* out/ID.json written, line in the group */
	REPORT_UNSTAGED,	/* neither: commit_err says why */
	REPORT_MOVED		/* durable and out of work/ */
};

int	report_render(struct job *job);
int	report_group(struct spool *sp, struct job *const *jobs, size_t n);
void	report_committed(struct job *const *jobs, size_t n, int rc);

#endif
