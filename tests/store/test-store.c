/*
 * test-store.c -- the history store on one backend: schema creation and
 * migration, idempotent upserts, versions of a series, reading back every
 * cell (with and without confidence), text and finding, listings, LSH
 * candidates, reviews, and the errors of each.
 *
 *   test-store            a fresh SQLite file in a temporary folder
 *   test-store URI        that database (tests/store/pg.sh passes the
 *                         PostgreSQL server it started); must be empty
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/minhash.h"
#include "store/store.h"
#include "store/store_driver.h"
#include "../check.h"

static const char *narr_a =
    "本机关坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央"
    "国务院关于全面推进政务公开工作的决策部署，围绕中心服务大局，不断加大主动"
    "公开力度，持续优化依申请公开办理流程，政府信息公开工作取得明显成效。";
static const char *narr_b =
    "二〇二二年，全县围绕乡村振兴、优化营商环境等重点领域，通过门户网站、"
    "政务新媒体和新闻发布会等渠道发布各类信息，回应群众关切，依法保障人民群众"
    "知情权参与权表达权监督权，主动接受社会监督，畅通投诉举报渠道。";

static char *cells_a[] = { "t3.new.natural", "t3.new.total" };

static struct nb_store_report *
mk(const char *spool, const char *id, const char *issuer, int year,
    const char *sha, const char *narr)
{
	struct nb_store_report *r = calloc(1, sizeof(*r));
	struct nb_store_finding *f;

	if (r == NULL)
		abort();
	r->spool = strdup(spool);
	r->id = strdup(id);
	r->file = strdup("报告.docx");
	r->origin = strdup("city");
	r->issuer = strdup(issuer);
	r->issuer_key = strdup(issuer);
	r->year = year;
	r->format = strdup("2021");
	r->kind = strdup("docx");
	snprintf(r->sha256, sizeof(r->sha256), "%s", sha);
	r->received = 1706000000;
	r->checked = 1706000100;
	r->errors = 1;
	r->ncells = 2;
	r->cells = calloc(2, sizeof(*r->cells));
	r->cells[0].id = strdup("t3.new.natural");
	r->cells[0].v = (struct nb_value){ NB_VAL_INT, 12, 12.0, 40, 3,
	    strdup("12") };
	r->cells[0].has_confidence = 1;
	r->cells[0].confidence = 0.75;
	r->cells[1].id = strdup("t3.carry_in.natural");
	r->cells[1].v = (struct nb_value){ NB_VAL_MISSING, 0, 0, 41, 3,
	    strdup("/") };
	r->text[0] = strdup(issuer);
	r->text[1] = strdup(narr);
	r->nfindings = 1;
	r->findings = f = calloc(1, sizeof(*f));
	f->rule = strdup("sums.balance");
	f->plugin = strdup("sums");
	f->severity = NB_SEV_ERROR;
	f->message = strdup("合计不等于各项之和");
	f->line = 40;
	f->page = 3;
	f->section = 5;
	f->cell = strdup("t3.new.total");
	f->cells = malloc(2 * sizeof(char *));
	f->cells[0] = strdup(cells_a[0]);
	f->cells[1] = strdup(cells_a[1]);
	f->ncells = 2;
	f->relation = strdup("T3-SUM-new");
	f->has_values = 1;
	f->expected = 12;
	f->actual = 13.5;
	f->pos = calloc(1, sizeof(*f->pos));
	f->pos[0] = (struct nb_store_pos){ 1, 40, 3, 10, 6 };
	f->npos = 1;
	return r;
}

static int64_t
count(struct nb_store *s, const char *table)
{
	char sql[128];
	int64_t n = -1;

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s", table);
	if (nb_store_exec(s, sql, NULL, 0, nb_sv_int_row, &n, NULL) != 0)
		return -1;
	return n;
}

static void
test_roundtrip(struct nb_store *s, int64_t *rid_a)
{
	struct nb_store_report *a = mk("u1", "1", "某县人民政府", 2022,
	    "aa", narr_a), *g = NULL;
	struct nb_store_put put, again;
	struct nb_error err;
	int64_t fid;

	nb_error_clear(&err);
	CHECK(nb_store_put(s, a, &put, &err) == 0, "put: %s", err.msg);
	CHECK(put.version == 1 && !put.replayed && put.series == put.rid,
	    "first put: version %d replayed %d", put.version, put.replayed);
	*rid_a = put.rid;
	CHECK(nb_store_get(s, put.rid, &g, &err) == 0 && g != NULL,
	    "get: %s", err.msg);
	if (g == NULL)
		return;
	CHECK(strcmp(g->issuer, "某县人民政府") == 0 && g->year == 2022 &&
	    strcmp(g->sha256, "aa") == 0 && g->received == 1706000000 &&
	    g->published == 0 && g->errors == 1, "identity read back");
	CHECK(g->ncells == 2, "cells: %zu", g->ncells);
	if (g->ncells == 2) {
		/* ORDER BY cell: carry_in before new */
		CHECK(g->cells[1].v.kind == NB_VAL_INT && g->cells[1].v.i == 12
		    && g->cells[1].v.line == 40 && g->cells[1].v.page == 3 &&
		    g->cells[1].has_confidence &&
		    g->cells[1].confidence == 0.75, "cell with confidence");
		CHECK(g->cells[0].v.kind == NB_VAL_MISSING &&
		    !g->cells[0].has_confidence &&
		    strcmp(g->cells[0].v.raw, "/") == 0,
		    "cell without confidence is NULL");
	}
	CHECK(g->text[1] && strcmp(g->text[1], narr_a) == 0 &&
	    g->text[2] == NULL, "texts");
	CHECK(g->nfindings == 1, "findings: %zu", g->nfindings);
	if (g->nfindings == 1) {
		struct nb_store_finding *f = &g->findings[0];
		CHECK(strcmp(f->rule, "sums.balance") == 0 && f->ncells == 2 &&
		    strcmp(f->cells[1], "t3.new.total") == 0 && f->npos == 1 &&
		    f->pos[0].off == 10 && f->pos[0].len == 6 &&
		    f->pos[0].section == 1 &&
		    f->has_values && f->actual == 13.5 &&
		    strcmp(f->relation, "T3-SUM-new") == 0, "finding parts");
	}
	fid = g->nfindings ? g->findings[0].fid : 0;
	nb_store_report_free(g);
	/* A replay changes nothing: same rid, same finding id, no rows. */
	CHECK(nb_store_put(s, a, &again, &err) == 0 && again.replayed &&
	    again.rid == put.rid && again.version == 1, "replay");
	CHECK(count(s, "reports") == 1 && count(s, "cells") == 2 &&
	    count(s, "findings") == 1 && count(s, "finding_cells") == 2 &&
	    count(s, "lsh") == NB_MH_BANDS, "replay adds no rows");
	CHECK(nb_store_get(s, put.rid, &g, &err) == 0 && g &&
	    g->nfindings == 1 && g->findings[0].fid == fid,
	    "finding id stable across replay");
	nb_store_report_free(g);
	nb_store_report_free(a);
}

static void
test_versions(struct nb_store *s, int64_t rid_a)
{
	struct nb_store_report *b = mk("u2", "7", "某县人民政府", 2022, "aa",
	    narr_a);
	struct nb_store_report *c = mk("u2", "8", "某县人民政府", 2022, "cc",
	    narr_a);
	struct nb_store_report *d = mk("u2", "9", "某县财政局", 2022, "dd",
	    narr_b);
	struct nb_store_query q = { .issuer_key = "某县人民政府" };
	struct nb_store_summary *v;
	struct nb_store_put p;
	struct nb_error err;
	size_t n;

	nb_error_clear(&err);
	CHECK(nb_store_put(s, b, &p, &err) == 0 && p.version == 2 &&
	    p.series == rid_a, "same content: version 2 of series (%d)",
	    p.version);
	CHECK(nb_store_put(s, c, &p, &err) == 0 && p.version == 3 &&
	    p.series == rid_a, "same issuer and year: version 3 (%d)",
	    p.version);
	CHECK(nb_store_put(s, d, &p, &err) == 0 && p.version == 1 &&
	    p.series == p.rid, "other issuer: a new report");
	CHECK(nb_store_lookup(s, "u2", "9", &err) == p.rid &&
	    nb_store_lookup(s, "u2", "nope", &err) == 0, "lookup");
	CHECK(nb_store_list(s, &q, &v, &n, &err) == 0 && n == 3 &&
	    v[0].version == 1 && v[2].version == 3 && v[2].errors == 1,
	    "list an issuer: %zu", n);
	nb_store_summaries_free(v, n);
	q.latest_only = 1;
	CHECK(nb_store_list(s, &q, &v, &n, &err) == 0 && n == 1 &&
	    v[0].version == 3 && strcmp(v[0].spool, "u2") == 0,
	    "latest version only");
	nb_store_summaries_free(v, n);
	q = (struct nb_store_query){ .year = 2022, .latest_only = 1,
	    .exclude_series = rid_a };
	CHECK(nb_store_list(s, &q, &v, &n, &err) == 0 && n == 1 &&
	    strcmp(v[0].issuer, "某县财政局") == 0, "other series of a year");
	nb_store_summaries_free(v, n);
	nb_store_report_free(b);
	nb_store_report_free(c);
	nb_store_report_free(d);
}

static void
test_similar(struct nb_store *s, int64_t rid_a)
{
	struct nb_shingles sh;
	uint32_t sig[NB_MH_N];
	uint64_t keys[NB_MH_BANDS];
	int64_t *v = NULL;
	size_t n = 0;
	struct nb_error err;

	nb_error_clear(&err);
	CHECK(nb_shingles(narr_a, &sh) == 0 && sh.n >= NB_MH_MIN,
	    "shingles: %zu", sh.n);
	nb_minhash(&sh, sig);
	nb_minhash_bands(sig, keys);
	nb_shingles_free(&sh);
	CHECK(nb_store_similar(s, 2022, keys, NB_MH_BANDS, 0, &v, &n,
	    &err) == 0 && n == 1, "the copy is a candidate: %zu", n);
	free(v);
	CHECK(nb_store_similar(s, 2022, keys, NB_MH_BANDS, rid_a, &v, &n,
	    &err) == 0 && n == 0, "its own series left out: %zu", n);
	free(v);
	CHECK(nb_store_similar(s, 2021, keys, NB_MH_BANDS, 0, &v, &n,
	    &err) == 0 && n == 0, "another year: %zu", n);
	free(v);
}

static void
test_reviews(struct nb_store *s, int64_t rid_a)
{
	struct nb_store_report *g = NULL;
	struct nb_error err;

	nb_error_clear(&err);
	CHECK(nb_store_get(s, rid_a, &g, &err) == 0 && g && g->nfindings == 1,
	    "get for review");
	if (g == NULL || g->nfindings != 1)
		return;
	CHECK(nb_store_review(s, g->findings[0].fid, "confirmed", "属实",
	    "张三", 1706000200, &err) == 0, "review: %s", err.msg);
	CHECK(nb_store_review(s, g->findings[0].fid, "maybe", "", "张三", 1,
	    &err) == -1 && strstr(err.msg, "confirmed") != NULL,
	    "bad review state refused");
	nb_error_clear(&err);
	CHECK(nb_store_review(s, 999999, "dismissed", "", "李四", 1,
	    &err) == -1 && err.msg[0] != '\0',
	    "review of no finding refused");
	CHECK(count(s, "reviews") == 1, "one review");
	{
		struct nb_store_report *none = NULL;
		CHECK(nb_store_get(s, 424242, &none, &err) == 0 &&
		    none == NULL, "get of no report");
	}
	nb_store_report_free(g);
}

static void
test_newer_schema(const char *uri)
{
	struct nb_store *s;
	struct nb_error err;
	struct nb_sv p = SV_T("99");

	nb_error_clear(&err);
	if (nb_store_open(uri, &s, &err) == -1)
		return;
	CHECK(nb_store_exec(s, "UPDATE nb_meta SET value = $1 WHERE key ="
	    " 'schema_version'", &p, 1, NULL, NULL, &err) == 0, "set 99");
	nb_store_close(s);
	CHECK(nb_store_open(uri, &s, &err) == -1 &&
	    strstr(err.msg, "99") != NULL, "newer schema refused: %s",
	    err.msg);
}

/* A group is one transaction: rolled back whole, committed whole; its
 * reads see its own writes; groups do not nest. */
static void
test_group(struct nb_store *s)
{
	struct nb_store_report *x = mk("g", "x", "组机关", 2020,
	    "cc00", narr_b);
	struct nb_store_put put;
	struct nb_error err;

	nb_error_clear(&err);
	CHECK(nb_store_group_begin(s, &err) == 0, "group: %s", err.msg);
	CHECK(nb_store_group_begin(s, &err) == -1, "groups do not nest");
	CHECK(nb_store_put(s, x, &put, &err) == 0, "put in a group: %s",
	    err.msg);
	CHECK(nb_store_lookup(s, "g", "x", &err) == put.rid,
	    "the group reads its own write");
	CHECK(nb_store_group_end(s, 0, &err) == -1, "rolled back");
	CHECK(nb_store_lookup(s, "g", "x", &err) == 0,
	    "a rolled back group leaves nothing");
	CHECK(nb_store_group_begin(s, &err) == 0 &&
	    nb_store_put(s, x, &put, &err) == 0 && put.replayed == 0 &&
	    nb_store_put(s, x, &put, &err) == 0 && put.replayed == 1 &&
	    nb_store_group_end(s, 1, &err) == 0, "group committed: %s",
	    err.msg);
	CHECK(nb_store_lookup(s, "g", "x", &err) == put.rid,
	    "a committed group stays");
	CHECK(nb_store_group_end(s, 1, &err) == -1, "no group to end");
	nb_store_report_free(x);
}

int
main(int argc, char **argv)
{
	char dir[] = "/tmp/nbstore.XXXXXX", path[256];
	const char *uri = argc > 1 ? argv[1] : NULL;
	struct nb_store *s = NULL;
	struct nb_error err;
	int64_t rid_a = 0;

	if (uri == NULL) {
		if (mkdtemp(dir) == NULL)
			return 99;
		snprintf(path, sizeof(path), "%s/history.db", dir);
		uri = path;
		CHECK(nb_store_open("/nonexistent/dir/h.db", &s, &err) == -1 &&
		    strstr(err.msg, "/nonexistent/dir/h.db") != NULL,
		    "unopenable file named: %s", err.msg);
	}
	nb_error_clear(&err);
	CHECK(nb_store_open(uri, &s, &err) == 0, "open: %s", err.msg);
	if (s == NULL)
		return check_done();
	printf("backend %s\n", nb_store_backend(s));
	CHECK(nb_store_schema_version(s, &err) == NB_STORE_SCHEMA_VERSION,
	    "schema version");
	nb_store_close(s);
	CHECK(nb_store_open(uri, &s, &err) == 0 &&
	    nb_store_schema_version(s, &err) == NB_STORE_SCHEMA_VERSION,
	    "reopen keeps the schema: %s", err.msg);
	test_roundtrip(s, &rid_a);
	test_versions(s, rid_a);
	test_similar(s, rid_a);
	test_reviews(s, rid_a);
	test_group(s);
	nb_store_close(s);
	test_newer_schema(uri);
	if (argc <= 1) {
		unlink(path);
		snprintf(path, sizeof(path), "%s/history.db-wal", dir);
		unlink(path);
		snprintf(path, sizeof(path), "%s/history.db-shm", dir);
		unlink(path);
		rmdir(dir);
	}
	return check_done();
}
