/*
 * test-confidence.c -- the plugins raise errors only from cells read with
 * certainty, whatever reader filled the model: a model is built from a
 * correct sample, then a cell's value, its confidence and its table's
 * confidence are set by hand, and the national plugins run on it through
 * the host.
 *
 *   - a wrong cell read for sure: one error, the other relation it breaks
 *     as related;
 *   - the same wrong cell read unsure: no error, one sums.table_unreadable
 *     naming its row;
 *   - a table read unsure: one warning quoting the reader's reason, no
 *     error from any of its cells (T3 for sums and narrative, T4 for
 *     litigation).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "model.h"
#include "pack.h"
#include "test-plugins-common.h"

struct fixture {
	struct nb_pack	*pack;
	struct nb_host	*host;
	struct nb_doc	*doc;
};

static struct nb_report *
build(struct fixture *fx)
{
	struct nb_error err;
	struct nb_report *r = nb_report_build(fx->doc, fx->pack, &err);

	if (r == NULL)
		printf("nb_report_build: %s\n", err.msg);
	return r;
}

static struct nb_cell *
cell(struct nb_report *r, const char *id)
{
	long i = nb_pack_cell_index(r->pack, id);

	return i < 0 ? NULL : &r->cells[i];
}

static int
set_cell(struct nb_report *r, const char *id, int64_t v, double conf)
{
	struct nb_cell *c = cell(r, id);

	if (c == NULL || c->v.kind != NB_VAL_INT)
		return -1;
	c->v.i = v;
	c->v.d = (double)v;
	c->conf = conf;
	return 0;
}

static int
set_table(struct nb_report *r, const char *t, double conf, const char *why)
{
	long i = nb_pack_table_index(r->pack, t);

	if (i < 0)
		return -1;
	r->tables[i].confidence = conf;
	free(r->tables[i].why);
	r->tables[i].why = why != NULL ? strdup(why) : NULL;
	return why != NULL && r->tables[i].why == NULL ? -1 : 0;
}

static struct nb_result *
run(struct fixture *fx, struct nb_report *r)
{
	struct nb_result *res = nb_result_new("sample-000.txt");

	if (res == NULL || nb_host_run(fx->host, r, res) == -1) {
		nb_result_free(res);
		return NULL;
	}
	return res;
}

/* Sample 000: （一）予以公开 5 0 0 0 0 0 5, 本年新收 15 … 15, T4 all 0. */
static void
test_cells(struct tally *t, struct fixture *fx)
{
	struct nb_report *r;
	struct nb_result *res;
	const struct nb_found *f;

	if ((r = build(fx)) == NULL)
		return;
	res = run(fx, r);
	t_ok(t, res != NULL && res->nfindings == 0, "000 as read: no finding");
	nb_result_free(res);

	t_ok(t, set_cell(r, "t3.result.open.commercial", 1, 1) == 0,
	    "set a cell");
	res = run(fx, r);
	f = t_find(res, "sums.row_total", "t3.result.open.commercial");
	if (!t_ok(t, res != NULL && res->nfindings == 1 && f != NULL &&
	    strcmp(f->cell, "t3.result.open.commercial") == 0 &&
	    f->nrelated == 1 && strcmp(f->related[0], "T3-RES-commercial") ==
	    0, "a wrong cell read for sure: one error, its column related"))
		t_dump(res);
	nb_result_free(res);

	cell(r, "t3.result.open.commercial")->conf = 0.6;
	res = run(fx, r);
	f = t_find(res, "sums.table_unreadable", NULL);
	if (!t_ok(t, res != NULL && res->errors == 0 && res->nfindings == 1 &&
	    f != NULL && f->severity == NB_SEV_WARNING &&
	    strstr(f->message, "（一）予以公开") != NULL &&
	    strstr(f->message, "部分公开") == NULL,
	    "the same cell read unsure: one warning naming its row, no error"))
		t_dump(res);
	nb_result_free(res);

	/* 本年新收 16 against the text's 受理15件: narrative's error only
	 * from a number read for sure. */
	set_cell(r, "t3.result.open.commercial", 0, 1);
	set_cell(r, "t3.new.natural", 16, 1);
	set_cell(r, "t3.new.total", 16, 0.5);
	res = run(fx, r);
	if (!t_ok(t, res != NULL && res->errors == 0 &&
	    t_count(res, "sums.table_unreadable") == 1,
	    "本年新收 read unsure: no sums or narrative error"))
		t_dump(res);
	nb_result_free(res);
	cell(r, "t3.new.total")->conf = 1;
	res = run(fx, r);
	t_ok(t, t_find(res, "narrative.applications", "t3.new.total") != NULL,
	    "本年新收 16 read for sure: narrative's error (control)");
	nb_result_free(res);
	/* A fee amount left unread (confidence 0) is not a blank amount:
	 * no fees.amount_unit; read blank for sure, it is (control). */
	cell(r, "t2.fee.amount_wan")->v.kind = NB_VAL_MISSING;
	cell(r, "t2.fee.amount_wan")->conf = 0;
	res = run(fx, r);
	t_ok(t, res != NULL && t_find(res, "fees.amount_unit", NULL) == NULL,
	    "fee amount unread: no fees.amount_unit");
	nb_result_free(res);
	cell(r, "t2.fee.amount_wan")->conf = 1;
	res = run(fx, r);
	t_ok(t, t_find(res, "fees.amount_unit", "t2.fee.amount_wan") != NULL,
	    "fee amount blank for sure: fees.amount_unit (control)");
	nb_result_free(res);
	nb_report_free(r);
}

static void
test_tables(struct tally *t, struct fixture *fx)
{
	static const char why3[] = "测试：数字粘连，两种拆分都成立";
	static const char why4[] = "测试：表格列与数字对不上";
	struct nb_report *r;
	struct nb_result *res;
	const struct nb_found *f;

	if ((r = build(fx)) == NULL)
		return;
	/* A wrong cell in a table read unsure: one warning quoting the
	 * reason, however many relations fail. */
	if (!t_ok(t, set_cell(r, "t3.result.open.natural", 9, 1) == 0 &&
	    set_table(r, "t3", 0.4, why3) == 0, "set T3"))
		goto out;
	res = run(fx, r);
	f = t_find(res, "sums.table_unreadable", NULL);
	if (!t_ok(t, res != NULL && res->errors == 0 &&
	    t_count(res, "sums.table_unreadable") == 1 && f != NULL &&
	    strstr(f->message, why3) != NULL && f->section == 3,
	    "T3 read unsure: one warning with the reader's reason"))
		t_dump(res);
	nb_result_free(res);
	set_table(r, "t3", 1, NULL);
	set_cell(r, "t3.result.open.natural", 5, 1);

	/* T4: 1 复议 纠正 under a total of 0 is an error only when sure. */
	if (!t_ok(t, set_cell(r, "t4.review.corrected", 1, 1) == 0, "set T4"))
		goto out;
	res = run(fx, r);
	t_ok(t, t_find(res, "litigation.total", NULL) != NULL,
	    "T4 read for sure: litigation.total (control)");
	nb_result_free(res);
	set_table(r, "t4", 0.3, why4);
	res = run(fx, r);
	f = t_find(res, "litigation.table_unreadable", NULL);
	if (!t_ok(t, res != NULL && res->errors == 0 && res->nfindings == 1 &&
	    f != NULL && strstr(f->message, why4) != NULL,
	    "T4 read unsure: one warning with the reason, no error"))
		t_dump(res);
	nb_result_free(res);
	set_table(r, "t4", 1, NULL);
	cell(r, "t4.review.corrected")->conf = 0.2;
	res = run(fx, r);
	f = t_find(res, "litigation.table_unreadable", "t4.review.corrected");
	if (!t_ok(t, res != NULL && res->errors == 0 && res->nfindings == 1 &&
	    f != NULL, "a T4 cell read unsure: one warning naming it"))
		t_dump(res);
	nb_result_free(res);
out:
	nb_report_free(r);
}

int
main(void)
{
	static const char *const names[] = { "sums", "litigation",
	    "narrative", "fees" };
	struct tally t = { 0, 0 };
	struct fixture fx = { NULL, NULL, NULL };
	struct nb_limits lim = { 0 };
	struct nb_error err;
	char *buf;
	size_t len;

	if ((fx.pack = t_pack_national()) == NULL ||
	    (fx.host = t_host(names, 4, fx.pack)) == NULL) {
		nb_pack_free(fx.pack);
		return 1;
	}
	if ((buf = t_sample("sample-000.txt", &len)) != NULL &&
	    (fx.doc = nb_ingest("sample-000.txt", buf, len, &lim, &err)) !=
	    NULL) {
		test_cells(&t, &fx);
		test_tables(&t, &fx);
	} else
		t_ok(&t, 0, "read sample-000.txt");
	free(buf);
	nb_doc_free(fx.doc);
	nb_host_free(fx.host);
	nb_pack_free(fx.pack);
	return t_done(&t);
}
