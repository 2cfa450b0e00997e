/*
 * test-mutate-2019.c -- the mutation tests on the 2019 trial format:
 * sample 000 made a 2020 report in that format (its T2, （六）其他处理 one
 * row) gets the same cell and heading mutants as the 2021 samples
 * (mutate-common.c) and T2 counts made negative; the same text dated 2022
 * is a report.format error, and the 2019 T2 with the 2021 T3 is read by
 * the 2019 pack.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mutate-common.h"

/* ---- the 2019 trial format, made from sample 000 ---- */

/* Its T2 in the 2019 columns (DOMAIN.md §2.1): 本年增/减 may be negative,
 * 采购总金额 is money. */
static const struct {
	const char	*from, *to;
} t2_2019[] = {
	{ "信息内容 本年制发件数 本年废止件数 现行有效件数",
	    "信息内容 本年新制作数量 本年新公开数量 对外公开总数量" },
	{ "信息内容 本年处理决定数量\n\n行政许可 1463",
	    "信息内容 上一年项目数量 本年增/减 处理决定数量\n\n"
	    "行政许可 120 -3 1463\n\n其他对外管理服务事项 15 2 37" },
	{ "信息内容 本年处理决定数量\n\n行政处罚 1765\n\n行政强制 2",
	    "信息内容 上一年项目数量 本年增/减 处理决定数量\n\n"
	    "行政处罚 310 -12 1765\n\n行政强制 8 0 2" },
	{ "信息内容 本年收费金额（单位：万元）\n\n行政事业性收费 1382.86",
	    "信息内容 上一年项目数量 本年增/减\n\n行政事业性收费 12 -2\n\n"
	    "第二十条第（九）项\n\n信息内容 采购项目数量 采购总金额\n\n"
	    "政府集中采购 39 2895.90" },
};

/* Replaces every from by to in *text (owned). */
static int
replace_all(char **text, const char *from, const char *to)
{
	char *p, *out;
	size_t at = 0;

	while ((p = strstr(*text + at, from)) != NULL) {
		at = (size_t)(p - *text);
		if ((out = splice(*text, at, at + strlen(from), to)) == NULL)
			return -1;
		free(*text);
		*text = out;
		at += strlen(to);
	}
	return 0;
}

/*
 * Sample 000 as a 2019-format report of `year`: the 2019 T2, and the
 * three rows of （六）其他处理 made one, holding their column sums, so
 * that every relation still holds.
 */
static char *
as_2019(const struct sample *s, const char *year, const char *next,
    int one_row)
{
	static const char *const col[] = { "natural", "commercial", "research",
	    "public_interest", "legal_service", "other", "total" };
	static const char *const sub[] = { "no_correction", "no_fee", "other" };
	char *text, *six, *seven, row[256], id[96], *out;
	size_t i, k, n;
	long long sum;
	long c;

	if ((text = strdup(s->text)) == NULL)
		return NULL;
	for (i = 0; i < sizeof(t2_2019) / sizeof(t2_2019[0]); i++)
		if (replace_all(&text, t2_2019[i].from, t2_2019[i].to) == -1)
			goto fail;
	if (replace_all(&text, "2022", year) == -1 ||
	    replace_all(&text, "2023", next) == -1 ||
	    (six = strstr(text, "（六）其他")) == NULL ||
	    (seven = strstr(six, "（七）总计")) == NULL)
		goto fail;
	if (!one_row)
		return text;
	n = (size_t)snprintf(row, sizeof(row), "（六）其他处理");
	for (k = 0; k < 7; k++) {
		for (sum = 0, i = 0; i < 3; i++) {
			snprintf(id, sizeof(id), "t3.result.other.%s.%s", sub[i],
			    col[k]);
			if ((c = nb_pack_cell_index(s->r->pack, id)) < 0 ||
			    s->r->cells[c].v.kind != NB_VAL_INT)
				goto fail;
			sum += s->r->cells[c].v.i;
		}
		n += (size_t)snprintf(row + n, sizeof(row) - n, " %lld", sum);
	}
	snprintf(row + n, sizeof(row) - n, "\n\n");
	out = splice(text, (size_t)(six - text), (size_t)(seven - text), row);
	free(text);
	return out;
fail:
	free(text);
	return NULL;
}

/* The 2019 report checks clean, told (info) it is in its year's format. */
static void
baseline_2019(struct run *run, const struct sample *s)
{
	struct nb_result *res = t_check(run->e, s->name, s->text);
	const struct nb_found *f = res ? t_find(res, "report.format", NULL) : NULL;

	t_ok(run->t, res != NULL && res->errors == 0, "%s: no error",
	    s->name);
	t_ok(run->t, f != NULL && f->severity == NB_SEV_INFO &&
	    strstr(f->message, "2019年试行格式") != NULL,
	    "%s: report.format info", s->name);
	if (res != NULL && res->errors != 0)
		t_dump(res);
	t_ok(run->t, s->r->format == NB_FMT_2019 &&
	    s->r->pack->format == NB_FMT_2019 &&
	    s->r->tables[nb_pack_table_index(s->r->pack, "t2")].state ==
	    NB_TABLE_COMPLETE, "%s: read by the 2019 pack, T2 complete",
	    s->name);
	nb_result_free(res);
}

/* T2 of 2019: a count made negative is caught, a change (本年增/减)
 * made negative is not a defect. */
static void
mutate_t2_2019(struct run *run, const struct sample *s)
{
	static const char *const counts[] = { "t2.license.decisions",
	    "t2.service.prev", "t2.normative.total_public" };
	static const char *const changes[] = { "t2.service.change",
	    "t2.coercion.change" };
	char what[256], *text;
	size_t k;

	for (k = 0; k < 3; k++) {
		long i = nb_pack_cell_index(s->r->pack, counts[k]);

		if (t_ok(run->t, i >= 0, "%s: cell %s", s->name, counts[k]))
			mutate_cell(run, s, (size_t)i, "-1", NB_SEV_ERROR);
	}
	for (k = 0; k < 2; k++) {
		long i = nb_pack_cell_index(s->r->pack, changes[k]);
		const struct nb_cell *c;
		struct nb_result *res;
		size_t at;

		if (!t_ok(run->t, i >= 0, "%s: cell %s", s->name, changes[k]))
			continue;
		c = &s->r->cells[i];
		at = s->start[c->line_index] + c->off;
		snprintf(what, sizeof(what), "%s %s -> -9", s->name, changes[k]);
		text = splice(s->text, at, at + c->len, "-9");
		res = text ? t_check(run->e, what, text) : NULL;
		t_ok(run->t, res != NULL && res->errors == 0 &&
		    res->warnings == 0, "%s: no finding", what);
		if (res != NULL && res->errors + res->warnings != 0)
			t_dump(res);
		nb_result_free(res);
		free(text);
	}
}

/* A 2022 report in the 2019 format: an error naming the format it used,
 * and still checked by that format's relations. */
static void
late_2019(struct run *run, const struct sample *s, const struct nb_pack *pack)
{
	struct sample late;
	struct nb_result *res;
	const struct nb_found *f;
	char *text = as_2019(s, "2022", "2023", 1);
	long i;

	if (!t_ok(run->t, text != NULL, "000 as a 2022 report in the 2019 "
	    "format") || sample_text(&late, "000-2019-as-2022", text,
	    pack) == -1) {
		free(text);
		return;
	}
	res = t_check(run->e, late.name, late.text);
	f = res ? t_find(res, "report.format", NULL) : NULL;
	t_ok(run->t, f != NULL && f->severity == NB_SEV_ERROR &&
	    strstr(f->message, "2022年度报告使用了2019年试行格式") != NULL &&
	    strstr(f->message, "应按2021年格式") != NULL,
	    "2022 in the 2019 format: an error naming the format (%s)",
	    f ? f->message : "none");
	t_ok(run->t, res != NULL && res->errors == 1, "2022 in the 2019 "
	    "format: that is its only error");
	nb_result_free(res);
	if ((i = nb_pack_cell_index(late.r->pack, "t3.result.other.total")) >= 0)
		mutate_cell(run, &late, (size_t)i, "9", NB_SEV_ERROR);
	sample_free(&late);
	free(text);
}

/* The 2019 T2 with the 2021 T3 (（六） in three rows): the 2019 pack
 * cannot read that T3, and says so once, guessing nothing. */
static void
mixed_2019(struct run *run, const struct sample *s)
{
	char *text = as_2019(s, "2022", "2023", 0);
	struct nb_result *res = text ? t_check(run->e, "mixed", text) : NULL;
	const struct nb_found *f = t_find(res, "sums.table_unreadable", NULL);

	t_ok(run->t, res != NULL && res->errors == 1 &&
	    t_find(res, "report.format", NULL) != NULL, "mixed formats: "
	    "report.format the only error");
	t_ok(run->t, f != NULL && f->section == 3 &&
	    strstr(f->message, "无正当理由逾期不补正") != NULL,
	    "mixed formats: T3 unreadable, saying why (%s)",
	    f ? f->message : "none");
	if (res != NULL && res->errors != 1)
		t_dump(res);
	nb_result_free(res);
	free(text);
}

static void
run_2019(struct run *run, const struct nb_pack *pack)
{
	struct sample s, s19;
	char *text;

	if (sample_load(&s, "sample-000.txt", pack) == -1) {
		t_ok(run->t, 0, "load sample-000.txt");
		sample_free(&s);
		return;
	}
	text = as_2019(&s, "2020", "2021", 1);
	if (t_ok(run->t, text != NULL, "000 as a 2020 report in the 2019 "
	    "format") && sample_text(&s19, "000-as-2019", text, pack) == 0) {
		baseline_2019(run, &s19);
		mutate_cells(run, &s19);
		mutate_t2_2019(run, &s19);
		mutate_structure(run, &s19);
		sample_free(&s19);
	}
	free(text);
	late_2019(run, &s, pack);
	mixed_2019(run, &s);
	sample_free(&s);
}

int
main(void)
{
	struct tally t = { 0, 0 };
	struct run run = { &t, NULL, NULL, 0, 0 };
	struct nb_pack *pack;

	if ((pack = t_pack_national()) == NULL)
		return t_done(&t) + 1;
	run.pack = pack;
	if ((run.e = t_engine_national()) == NULL) {
		nb_pack_free(pack);
		return t_done(&t) + 1;
	}
	run_2019(&run, pack);
	printf("mutations: %d tried, %d caught\n", run.tried, run.caught);
	nb_engine_close(run.e);
	nb_pack_free(pack);
	return t_done(&t);
}
