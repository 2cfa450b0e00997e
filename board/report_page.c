/*
 * report_page.c -- one stored report on the board (the shared renderer,
 * fed from the store), and the review verdicts posted from it.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/keyvalq_struct.h>

#include "board.h"
#include "render.h"
#include "report_json.h"

#define MAX_NOTE	2000	/* bytes: the form allows 500 characters */
#define MAX_REVIEWER	160	/* bytes: the form allows 40 characters */

/* The version before rid's in its series, 0 if none. */
static int64_t
previous(struct board *bd, const json_t *rep, struct nb_error *err)
{
	struct nb_store_query q = { 0 };
	struct nb_store_summary *v;
	json_int_t series = json_integer_value(json_object_get(rep, "series"));
	json_int_t version = json_integer_value(json_object_get(rep,
	    "version"));
	int64_t rid = 0;
	size_t n;

	if (version <= 1)
		return 0;
	q.issuer_key = json_string_value(json_object_get(rep, "issuer_key"));
	if (nb_store_list(bd->store, &q, &v, &n, err) == -1)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (v[i].series == series && v[i].version == version - 1)
			rid = v[i].rid;
	nb_store_summaries_free(v, n);
	return rid;
}

int
page_report(struct board_req *r, int64_t rid, struct buf *b,
    struct nb_error *err)
{
	struct board_view v = { .csrf = r->csrf, .reviewer = r->reviewer ?
	    NULL : "" };
	const char *f = evhttp_find_header(r->query, "f");
	json_t *rep, *prev = NULL;
	int64_t prid;
	int rc;

	if (board_load_report(r->bd->store, rid, &rep, err) == -1)
		return -1;
	if (rep == NULL)
		return 404;
	if (f != NULL)
		v.selected = strtoll(f, NULL, 10);
	if ((prid = previous(r->bd, rep, err)) == -1 || (prid > 0 &&
	    board_load_report(r->bd->store, prid, &prev, err) == -1)) {
		json_decref(rep);
		return -1;
	}
	v.previous = prev;
	rc = board_render_report(rep, &v, b);
	json_decref(rep);
	json_decref(prev);
	return rc == -1 ? nb_fail(err, NB_ERR_NOMEM, "内存不足") : 0;
}

static int64_t
id_arg(struct evkeyvalq *form, const char *k)
{
	const char *s = evhttp_find_header(form, k);
	char *end;
	long long v;

	if (s == NULL || *s < '1' || *s > '9' || strlen(s) > 15)
		return 0;
	v = strtoll(s, &end, 10);
	return *end == '\0' ? (int64_t)v : 0;
}

int
board_post_review(struct board_req *r, struct evkeyvalq *form, char *to,
    size_t len, struct nb_error *err)
{
	int64_t rid = id_arg(form, "rid"), fid = id_arg(form, "fid"), owner;
	const char *state = evhttp_find_header(form, "state");
	const char *note = evhttp_find_header(form, "note");
	const char *who = r->reviewer;

	if (rid == 0 || fid == 0)
		return 400;
	if ((owner = nb_store_finding_report(r->bd->store, fid, err)) == -1)
		return -1;
	if (owner != rid)
		return 404;
	if (state == NULL || (strcmp(state, "confirmed") != 0 &&
	    strcmp(state, "dismissed") != 0)) {
		nb_fail(err, NB_ERR_CONFIG, "审核结论应为确认或排除");
		return 400;
	}
	if (note == NULL)
		note = "";
	if (strlen(note) > MAX_NOTE) {
		nb_fail(err, NB_ERR_CONFIG, "说明过长（最多 %d 字节）", MAX_NOTE);
		return 400;
	}
	if (who == NULL) {
		who = evhttp_find_header(form, "reviewer");
		if (who == NULL || *who == '\0')
			who = r->bd->token[0] ? "令牌用户" : "本机审核人";
		if (strlen(who) > MAX_REVIEWER) {
			nb_fail(err, NB_ERR_CONFIG, "审核人名称过长");
			return 400;
		}
	}
	if (nb_store_review(r->bd->store, fid, state, note, who,
	    (int64_t)time(NULL), err) == -1)
		return -1;
	snprintf(to, len, "/report/%lld#f-%lld", (long long)rid,
	    (long long)fid);
	return 0;
}
