/*
 * history_main.c -- the history stage: `nianbaod --history` on a
 * socketpair at fd 3.  The one process that opens the history store: it
 * runs the checks across reports (plugins' check_history) on the model a
 * worker sent back, writes the report to the store, and answers the
 * campaign's questions (which roster entries have no report).
 *
 * It runs plugin code, like a worker: started the same way (the daemon's
 * user, no capability, seccomp), one at a time so that each report is
 * checked against every report stored before it, as `nianbao check
 * --store` does.
 *
 *   daemon -> stage  {"op":"init", "rules", "plugin_dir", "plugins",
 *                     "plugin_options", "store", "roster", "seccomp"}
 *                    {"op":"history", "job", "spool", "origin",
 *                     "received", "cross", "model"}
 *                    {"op":"missing", "job", "year", "now"}
 *   stage -> daemon  {"op":"ready"} | {"op":"error", "message"}
 *                    {"op":"stored", "job", "findings", "summary",
 *                     "rid", "version", "replayed"}
 *                    {"op":"missing", "job", "rows"}
 *                    {"op":"failed", "job", "message"}
 */
#include <sys/resource.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine_init.h"
#include "history.h"
#include "nianbao.h"
#include "proto.h"
#include "sandbox.h"
#include "store/campaign.h"
#include "store/record.h"
#include "text.h"

#define SOCK	3

struct stage {
	struct nb_engine *e;
	struct nb_store	*store;
	struct nb_roster *roster;
};

/* retry: the store could not be reached or written, not the report's
 * fault: the daemon tries again later. */
static int
reply_failed(const char *job, const char *why, int retry)
{
	char	*clean = text_utf8(why);
	json_t	*m = json_pack("{s:s, s:s*, s:s, s:b}", "op", "failed", "job",
	    job, "message", clean ? clean : "内存不足", "retry", retry);
	int	 rc = m ? proto_send(SOCK, m) : -1;

	free(clean);
	json_decref(m);
	return rc;
}

/* The same engine as the workers' (engine_init.c): the same rules, the
 * same province packs. */
static struct nb_engine *
open_engine(const json_t *init, struct nb_error *err)
{
	struct engine_init ei;
	struct nb_engine *e = NULL;

	if (engine_init_conf(&ei, init, err) == -1)
		return NULL;
	if (nb_engine_open(&ei.conf, &e, err) == -1)
		e = NULL;
	engine_init_free(&ei);
	return e;
}

static int
open_stage(struct stage *st, const json_t *init, struct nb_error *err)
{
	const char *uri = json_string_value(json_object_get(init, "store"));
	const char *roster = json_string_value(json_object_get(init,
	    "roster"));
	int pg = uri != NULL && strncmp(uri, "postgres", 8) == 0;
	char why[256];

	if (uri == NULL)
		return nb_fail(err, NB_ERR_CONFIG, "没有配置历史库");
	if (roster != NULL && (st->roster = nb_roster_load(roster, err)) ==
	    NULL)
		return -1;
	/* A database over the network needs a socket: only that. */
	if (json_is_true(json_object_get(init, "seccomp")) &&
	    sandbox_apply_as(pg, why, sizeof(why)) == -1)
		return nb_fail(err, NB_ERR_CONFIG, "%s", why);
	if (nb_store_open(uri, &st->store, err) == -1)
		return -1;
	if ((st->e = open_engine(init, err)) == NULL)
		return -1;
	return 0;
}

/* One report's answer: its findings and counts as the record has them. */
static json_t *
stored(const char *job, const struct nb_result *res,
    const struct nb_store_put *put)
{
	json_t	*j = nb_result_json(res), *m;

	if (j == NULL)
		return NULL;
	m = json_pack("{s:s, s:O, s:O, s:I, s:i, s:b}", "job", job,
	    "findings", json_object_get(j, "findings"), "summary",
	    json_object_get(j, "summary"), "rid", (json_int_t)put->rid,
	    "version", put->version, "replayed", put->replayed);
	json_decref(j);
	return m;
}

static json_t *
not_stored(const char *job, const char *why, int retry)
{
	char	*clean = text_utf8(why);
	json_t	*m = json_pack("{s:s, s:b, s:s, s:b}", "job", job, "failed", 1,
	    "message", clean ? clean : "内存不足", "retry", retry);

	free(clean);
	return m;
}

/*
 * Checks one report against the history, then stores it: its key is
 * (spool, job), so a report checked again after a crash replaces its own
 * row and is never a second report.  *retry is set when the store
 * failed (the whole group is then undone and tried again).
 */
static json_t *
history_one(struct stage *st, const json_t *req, int *retry)
{
	const char *job = json_string_value(json_object_get(req, "job"));
	struct nb_origin o = { .id = job };
	struct nb_record_history h;
	struct nb_store_report *rec = NULL;
	struct nb_store_put put;
	struct nb_result *res;
	struct nb_error err;
	json_t *out;
	int rc = 0;

	o.spool = json_string_value(json_object_get(req, "spool"));
	o.origin = json_string_value(json_object_get(req, "origin"));
	o.received = json_integer_value(json_object_get(req, "received"));
	o.checked = (int64_t)time(NULL);
	nb_error_clear(&err);
	if (job == NULL)
		return NULL;
	if (o.spool == NULL || o.origin == NULL)
		return not_stored(job, "历史请求缺少队列或来源", 0);
	if (nb_result_from_model(json_object_get(req, "model"), &res,
	    &err) == -1)
		return not_stored(job, err.msg, 0);
	if (json_is_true(json_object_get(req, "cross"))) {
		if ((rc = nb_record_history_init(&h, st->store, st->roster, &o,
		    res, &err)) == 0) {
			rc = nb_check_history(st->e, res, &h.ops, &err);
			if (rc == 0 && h.err.code != NB_OK) {
				err = h.err;
				rc = -1;
			}
			nb_record_history_fini(&h);
		}
	}
	if (rc == 0 && ((rec = nb_record_from_result(res, &o, st->roster,
	    &err)) == NULL || nb_store_put(st->store, rec, &put, &err) == -1))
		rc = -1;
	nb_store_report_free(rec);
	if (rc == 0)
		out = stored(job, res, &put);
	else {
		*retry |= err.code != NB_ERR_NOMEM;
		out = not_stored(job, err.msg, err.code != NB_ERR_NOMEM);
	}
	nb_result_free(res);
	return out;
}

/*
 * A group of reports, in one transaction of the store: each is checked
 * against those stored before it, the group's among them, and the group
 * is made durable with one sync (as the spool's group commit), not one
 * per report.  Answered only once it is durable.
 */
static int
history(struct stage *st, const json_t *req, const char *job)
{
	const json_t *jobs = json_object_get(req, "jobs");
	json_t *results = json_array(), *m;
	struct nb_error err;
	int retry = 0, grouped, rc;

	nb_error_clear(&err);
	if (results == NULL || !json_is_array(jobs)) {
		json_decref(results);
		return reply_failed(job, "历史请求有误", 0);
	}
	grouped = nb_store_group_begin(st->store, &err) == 0;
	if (!grouped)
		retry = 1;
	for (size_t i = 0; !retry && i < json_array_size(jobs); i++) {
		json_t *r = history_one(st, json_array_get(jobs, i), &retry);

		if (r == NULL || json_array_append_new(results, r) == -1)
			retry = 1;
	}
	if (!retry && nb_store_group_end(st->store, 1, &err) == -1)
		retry = 1;
	else if (retry && grouped)
		nb_store_group_end(st->store, 0, NULL);
	if (retry) {
		const char *why = err.msg[0] ? err.msg : "历史库写入失败";

		/* The last answer says why; all are undone alike. */
		for (size_t i = 0; i < json_array_size(results); i++) {
			m = json_array_get(results, i);
			if (json_is_true(json_object_get(m, "failed")))
				why = json_string_value(json_object_get(m,
				    "message"));
		}
		m = json_array();
		for (size_t i = 0; m != NULL && i < json_array_size(jobs); i++)
			json_array_append_new(m, not_stored(json_string_value(
			    json_object_get(json_array_get(jobs, i), "job")),
			    why, 1));
		json_decref(results);
		results = m;
	}
	m = json_pack("{s:s, s:s, s:o*}", "op", "stored", "job", job,
	    "results", results);
	rc = m ? proto_send(SOCK, m) : -1;
	json_decref(m);
	return rc;
}

/* The roster entries of year with no report after their deadline. */
static int
missing(struct stage *st, const json_t *req, const char *job)
{
	int year = (int)json_integer_value(json_object_get(req, "year"));
	int64_t now = json_integer_value(json_object_get(req, "now"));
	struct nb_camp_row *v;
	struct nb_error err;
	json_t *rows, *m;
	size_t n;
	int rc;

	nb_error_clear(&err);
	if (st->roster == NULL || year == 0)
		return reply_failed(job, "没有名册或年度", 0);
	if (nb_campaign(st->store, st->roster, year, now, &v, &n, &err) == -1)
		return reply_failed(job, err.msg, 1);
	rows = json_array();
	for (size_t i = 0; rows != NULL && i < n; i++) {
		const struct nb_roster_entry *e = v[i].e;

		if (v[i].state != NB_CAMP_MISSING || e == NULL)
			continue;
		if (json_array_append_new(rows, json_pack("{s:s, s:s, s:s,"
		    " s:s, s:s, s:I}", "name", e->name, "key", e->key,
		    "level", e->level, "region", e->region, "deadline",
		    nb_roster_deadline(e, year), "due",
		    (json_int_t)v[i].due)) == -1) {
			json_decref(rows);
			rows = NULL;
		}
	}
	nb_campaign_free(v, n);
	if (rows == NULL)
		return reply_failed(job, "内存不足", 1);
	m = json_pack("{s:s, s:s, s:i, s:o}", "op", "missing", "job", job,
	    "year", year, "rows", rows);
	rc = m ? proto_send(SOCK, m) : -1;
	json_decref(m);
	return rc;
}

int
history_main(void)
{
	struct stage	 st = { 0 };
	struct nb_error	 err;
	struct rlimit	 no_core = { 0, 0 };
	json_t		*msg;
	const char	*op;
	int		 rc;

	setrlimit(RLIMIT_CORE, &no_core);
	if (proto_recv(SOCK, &msg) != 0)
		return 1;
	op = json_string_value(json_object_get(msg, "op"));
	nb_error_clear(&err);
	if (op == NULL || strcmp(op, "init") != 0 ||
	    open_stage(&st, msg, &err) == -1) {
		json_t *e = json_pack("{s:s, s:s}", "op", "error", "message",
		    err.msg[0] ? err.msg : "初始化消息有误");

		if (e != NULL)
			proto_send(SOCK, e);
		json_decref(e);
		json_decref(msg);
		return 1;
	}
	json_decref(msg);
	if ((msg = json_pack("{s:s}", "op", "ready")) == NULL ||
	    proto_send(SOCK, msg) == -1)
		return 1;
	json_decref(msg);
	while ((rc = proto_recv(SOCK, &msg)) == 0) {
		const char *job = json_string_value(json_object_get(msg,
		    "job"));

		op = json_string_value(json_object_get(msg, "op"));
		if (op == NULL || job == NULL)
			rc = reply_failed("", "请求缺少操作或编号", 0);
		else if (strcmp(op, "history") == 0)
			rc = history(&st, msg, job);
		else if (strcmp(op, "missing") == 0)
			rc = missing(&st, msg, job);
		else
			rc = reply_failed(job, "未知的请求", 0);
		json_decref(msg);
		if (rc == -1)
			break;
	}
	nb_engine_close(st.e);
	nb_store_close(st.store);
	nb_roster_free(st.roster);
	return rc == 1 ? 0 : 1;
}
