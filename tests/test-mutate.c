/*
 * test-mutate.c -- break one thing at a time in a correct sample and
 * check that a finding names it.
 *
 *   - every T3 and T4 cell of samples 000, 001 and 004: value + 1 must give
 *     an error finding naming that cell (for T3, as its likely culprit);
 *   - one cell per table replaced by "/": a finding naming the cell (an
 *     error for T4, which then has fewer than 15 numbers; a blank_cell
 *     warning for T3, since DOMAIN.md §3.1 NUM-MISSING is a warning and
 *     relations with a blank cell are not assessable);
 *   - each of the six headings deleted: sections.missing for it;
 *   - the body of section 六 deleted: fees.no_statement;
 *   - numbers the text of a sample states changed: the narrative and
 *     litigation plugins must read the real sentences, not only ours;
 *   - sample 000 made a 2020 report in the 2019 trial format (its T2,
 *     （六）其他处理 one row): the same cell and heading mutants, T2 counts
 *     made negative; the same text dated 2022 is a report.format error.
 *
 * Token positions come from the model (lib/model/model.h): cells[i].line_index,
 * off and len are the bytes of the token in doc->lines[].raw.  The text is
 * rebuilt from the document lines, so positions and text always agree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "pack.h"
#include "test-plugins-common.h"

struct sample {
	const char	*name;
	struct nb_doc	*doc;
	struct nb_report *r;
	char		*text;		/* the lines joined with '\n' */
	size_t		*start;		/* byte offset of each line in text */
};

struct run {
	struct tally	*t;
	struct nb_engine *e;
	const struct nb_pack *pack;
	int		 tried, caught;
};

static void
sample_free(struct sample *s)
{
	nb_report_free(s->r);
	nb_doc_free(s->doc);
	free(s->text);
	free(s->start);
}

static int
join_lines(struct sample *s, const struct nb_doc *doc)
{
	size_t i, len = 0;

	for (i = 0; i < doc->nlines; i++)
		len += strlen(doc->lines[i].raw) + 1;
	if ((s->text = malloc(len + 1)) == NULL ||
	    (s->start = calloc(doc->nlines + 1, sizeof(size_t))) == NULL)
		return -1;
	for (len = 0, i = 0; i < doc->nlines; i++) {
		size_t n = strlen(doc->lines[i].raw);

		s->start[i] = len;
		memcpy(s->text + len, doc->lines[i].raw, n);
		len += n;
		s->text[len++] = '\n';
	}
	s->start[doc->nlines] = len;
	s->text[len] = '\0';
	return 0;
}

/* The model of the sample (or of the text given) as rebuilt from its own
 * lines. */
static int
sample_text(struct sample *s, const char *name, char *given,
    const struct nb_pack *pack)
{
	struct nb_limits lim;
	struct nb_error err;
	struct nb_doc *doc;
	char *buf;
	size_t len = 0;

	memset(s, 0, sizeof(*s));
	memset(&lim, 0, sizeof(lim));
	s->name = name;
	if ((buf = given) == NULL && (buf = t_sample(name, &len)) == NULL)
		return -1;
	doc = nb_ingest(name, buf, given ? strlen(given) : len, &lim, &err);
	if (given == NULL)
		free(buf);
	if (doc == NULL || join_lines(s, doc) == -1) {
		nb_doc_free(doc);
		return -1;
	}
	nb_doc_free(doc);
	if ((s->doc = nb_ingest(name, s->text, strlen(s->text), &lim,
	    &err)) == NULL || (s->r = nb_report_build(s->doc, pack,
	    &err)) == NULL)
		return -1;
	return 0;
}

static int
sample_load(struct sample *s, const char *name, const struct nb_pack *pack)
{
	return sample_text(s, name, NULL, pack);
}

/* text with bytes [from, to) replaced by rep. */
static char *
splice(const char *text, size_t from, size_t to, const char *rep)
{
	size_t n = strlen(text), nr = strlen(rep);
	char *out;

	if ((out = malloc(n - (to - from) + nr + 1)) == NULL)
		return NULL;
	memcpy(out, text, from);
	memcpy(out + from, rep, nr);
	memcpy(out + from + nr, text + to, n - to + 1);
	return out;
}

/* Checks text; did a finding of rule (any if NULL), of at least severity
 * min, name cell (any if NULL; as its culprit if exact) and, if section > 0,
 * that section? */
static int
caught_as(struct run *run, const char *what, const char *text,
    const char *rule, enum nb_severity min, const char *cell, int exact,
    int section)
{
	struct nb_result *res = t_check(run->e, what, text);
	size_t i;
	int ok = 0;

	for (i = 0; res != NULL && i < res->nfindings && !ok; i++) {
		const struct nb_found *f = &res->findings[i];

		ok = f->severity >= min &&
		    (rule == NULL || strcmp(f->rule, rule) == 0) &&
		    (cell == NULL || (exact ? f->cell != NULL &&
		    strcmp(f->cell, cell) == 0 : t_names(f, cell))) &&
		    (section == 0 || f->section == section);
	}
	run->tried++;
	run->caught += ok;
	if (!t_ok(run->t, ok, "%s: not caught", what))
		t_dump(res);
	nb_result_free(res);
	return ok;
}

static int
caught(struct run *run, const char *what, const char *text, const char *rule,
    enum nb_severity min, const char *cell, int section)
{
	return caught_as(run, what, text, rule, min, cell, 0, section);
}

/*
 * A single wrong T3 cell breaks its row relation and its column relation
 * (T3-RES or T3-BAL), and it is the only cell the two share: sums must
 * blame exactly it.  A T4 group has one relation, so there the cell need
 * only be among those listed.
 */
static void
mutate_cell(struct run *run, const struct sample *s, size_t i,
    const char *rep, enum nb_severity min)
{
	const struct nb_cell *c = &s->r->cells[i];
	size_t at = s->start[c->line_index] + c->off;
	char what[256], *text;

	const char *id = s->r->pack->cells[i].id;

	snprintf(what, sizeof(what), "%s %s \"%s\" -> \"%s\"", s->name, id,
	    c->v.raw, rep);
	if ((text = splice(s->text, at, at + c->len, rep)) == NULL) {
		t_ok(run->t, 0, "%s: out of memory", what);
		return;
	}
	caught_as(run, what, text, NULL, min, id, min == NB_SEV_ERROR &&
	    strncmp(id, "t3.", 3) == 0, 0);
	free(text);
}

static int
in_t3_t4(const char *id)
{
	return strncmp(id, "t3.", 3) == 0 || strncmp(id, "t4.", 3) == 0;
}

static void
mutate_cells(struct run *run, const struct sample *s)
{
	const char *blank[] = { "t3.result.open.total", "t4.review.total" };
	size_t i, k, found = 0;
	char rep[32];

	const struct nb_pack *p = s->r->pack;
	/* 2021: 25 T3 rows; 2019: 23, （六）其他处理 one row. */
	size_t want = (p->format == NB_FMT_2019 ? 23 : 25) * 7 + 15;

	for (i = 0; i < p->ncells; i++) {
		const struct nb_cell *c = &s->r->cells[i];

		if (!in_t3_t4(p->cells[i].id))
			continue;
		found++;
		if (!t_ok(run->t, c->v.kind == NB_VAL_INT, "%s: %s read as a "
		    "number", s->name, p->cells[i].id))
			continue;
		snprintf(rep, sizeof(rep), "%lld", (long long)c->v.i + 1);
		mutate_cell(run, s, i, rep, NB_SEV_ERROR);
	}
	t_ok(run->t, found == want, "%s: %zu T3 and T4 cells", s->name, found);
	for (k = 0; k < 2; k++) {
		long j = nb_pack_cell_index(p, blank[k]);

		if (j >= 0 && s->r->cells[j].v.kind == NB_VAL_INT)
			mutate_cell(run, s, (size_t)j, "/", k == 0 ?
			    NB_SEV_WARNING : NB_SEV_ERROR);
	}
}

/* Blanks lines [from, to) of the sample, keeping the line numbers. */
static char *
blank_lines(const struct sample *s, size_t from, size_t to)
{
	size_t i, n = to - from;
	char *nl, *text;

	if ((nl = malloc(n + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		nl[i] = '\n';
	nl[n] = '\0';
	text = splice(s->text, s->start[from], s->start[to], nl);
	free(nl);
	return text;
}

static void
mutate_structure(struct run *run, const struct sample *s)
{
	const struct nb_section *sec;
	char what[256], *text;
	int n;

	for (n = 1; n <= 6; n++) {
		sec = &s->r->sec[n];
		if (!t_ok(run->t, sec->count == 1, "%s: heading %d found",
		    s->name, n))
			continue;
		snprintf(what, sizeof(what), "%s without heading %d", s->name,
		    n);
		if ((text = blank_lines(s, nb_lmap_src(s->r, sec->first),
		    nb_lmap_src(s->r, sec->first) + 1)) != NULL)
			caught(run, what, text, "sections.missing",
			    NB_SEV_ERROR, NULL, n);
		free(text);
	}
	sec = &s->r->sec[6];
	/* The 2019 format asked for no 信息处理费 statement. */
	if (sec->count != 1 || sec->end <= sec->first + 1 ||
	    s->r->format != NB_FMT_2021)
		return;
	snprintf(what, sizeof(what), "%s without the body of 六", s->name);
	if ((text = blank_lines(s, nb_lmap_src(s->r, sec->first) + 1,
	    sec->end < s->r->doc->nlines ? nb_lmap_src(s->r, sec->end) :
	    s->r->src->nlines)) != NULL)
		caught(run, what, text, "fees.no_statement", NB_SEV_ERROR,
		    NULL, 0);
	free(text);
}

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

/* The rebuilt text must give the findings of the sample itself. */
/* Sentences of the samples, changed so that they contradict the table. */
static const struct {
	const char	*sample, *from, *to, *rule, *cell;
} edits[] = {
	{ "sample-000.txt", "申请 15件", "申请 14件",
	    "narrative.applications", "t3.new.total" },
	{ "sample-000.txt", "办结 15件", "办结 13件",
	    "narrative.applications", "t3.result.total.total" },
	{ "sample-001.txt", "政府信息公开申请 8 件", "政府信息公开申请 9 件",
	    "narrative.applications", "t3.new.total" },
	{ "sample-001.txt", "行政复议 0 件", "行政复议 1 件",
	    "litigation.narrative", "t4.review.total" },
	{ "sample-001.txt", "行政诉讼 0 件", "行政诉讼 2 件",
	    "litigation.narrative", "t4.lit_direct.total" },
	{ "sample-004.txt", "申请 17件", "申请 18件",
	    "narrative.applications", "t3.new.total" },
	{ "sample-000.txt", "行政事业性收费 1382.86",
	    "行政事业性收费 13828600元", "fees.amount_unit",
	    "t2.fee.amount_wan" },
};

static void
mutate_text(struct run *run, const struct sample *s)
{
	char what[256], *text;
	size_t i;

	for (i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		if (strcmp(edits[i].sample, s->name) != 0)
			continue;
		snprintf(what, sizeof(what), "%s \"%s\" -> \"%s\"", s->name,
		    edits[i].from, edits[i].to);
		if (!t_ok(run->t, (text = t_replace(s->text, edits[i].from,
		    edits[i].to)) != NULL, "%s: edit applies", what))
			continue;
		caught(run, what, text, edits[i].rule, NB_SEV_WARNING,
		    edits[i].cell, 0);
		free(text);
	}
}

static void
baseline(struct run *run, const struct sample *s)
{
	struct nb_result *res = t_check(run->e, s->name, s->text), *orig;
	char *buf;
	size_t len;

	if ((buf = t_sample(s->name, &len)) == NULL) {
		nb_result_free(res);
		t_ok(run->t, 0, "%s: read", s->name);
		return;
	}
	orig = t_check_len(run->e, s->name, buf, len);
	free(buf);
	t_ok(run->t, res != NULL && orig != NULL &&
	    res->nfindings == orig->nfindings && res->errors == orig->errors,
	    "%s rebuilt from its lines gives the same findings", s->name);
	nb_result_free(orig);
	nb_result_free(res);
}

int
main(void)
{
	const char *names[] = { "sample-000.txt", "sample-001.txt",
	    "sample-004.txt" };
	struct tally t = { 0, 0 };
	struct run run = { &t, NULL, NULL, 0, 0 };
	struct nb_pack *pack;
	struct nb_error err;
	char rules[4096];
	size_t k;

	t_srcpath(rules, sizeof(rules), "rules/national-2021.json");
	if ((pack = nb_pack_load(rules, &err)) == NULL) {
		printf("%s\n", err.msg);
		return t_done(&t) + 1;
	}
	run.pack = pack;
	if ((run.e = t_engine_national()) == NULL) {
		nb_pack_free(pack);
		return t_done(&t) + 1;
	}
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		struct sample s;

		if (t_ok(&t, sample_load(&s, names[k], pack) == 0, "load %s",
		    names[k])) {
			baseline(&run, &s);
			mutate_cells(&run, &s);
			mutate_structure(&run, &s);
			mutate_text(&run, &s);
		}
		sample_free(&s);
	}
	run_2019(&run, pack);
	printf("mutations: %d tried, %d caught\n", run.tried, run.caught);
	nb_engine_close(run.e);
	nb_pack_free(pack);
	return t_done(&t);
}
