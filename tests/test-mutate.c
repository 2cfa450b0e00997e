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
 *     litigation plugins must read the real sentences, not only ours.
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

/* The model of the sample as rebuilt from its own lines. */
static int
sample_load(struct sample *s, const char *name, const struct nb_pack *pack)
{
	struct nb_limits lim;
	struct nb_error err;
	struct nb_doc *doc;
	char *buf;
	size_t len;

	memset(s, 0, sizeof(*s));
	memset(&lim, 0, sizeof(lim));
	s->name = name;
	if ((buf = t_sample(name, &len)) == NULL)
		return -1;
	doc = nb_ingest(name, buf, len, &lim, &err);
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

	snprintf(what, sizeof(what), "%s %s \"%s\" -> \"%s\"", s->name,
	    run->pack->cells[i].id, c->v.raw, rep);
	if ((text = splice(s->text, at, at + c->len, rep)) == NULL) {
		t_ok(run->t, 0, "%s: out of memory", what);
		return;
	}
	caught_as(run, what, text, NULL, min, run->pack->cells[i].id,
	    min == NB_SEV_ERROR && strncmp(run->pack->cells[i].id, "t3.", 3) ==
	    0, 0);
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

	for (i = 0; i < run->pack->ncells; i++) {
		const struct nb_cell *c = &s->r->cells[i];

		if (!in_t3_t4(run->pack->cells[i].id))
			continue;
		found++;
		if (!t_ok(run->t, c->v.kind == NB_VAL_INT, "%s: %s read as a "
		    "number", s->name, run->pack->cells[i].id))
			continue;
		snprintf(rep, sizeof(rep), "%lld", (long long)c->v.i + 1);
		mutate_cell(run, s, i, rep, NB_SEV_ERROR);
	}
	t_ok(run->t, found == 190, "%s: 175 T3 + 15 T4 cells", s->name);
	for (k = 0; k < 2; k++) {
		long j = nb_pack_cell_index(run->pack, blank[k]);

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
	if (sec->count != 1 || sec->end <= sec->first + 1)
		return;
	snprintf(what, sizeof(what), "%s without the body of 六", s->name);
	if ((text = blank_lines(s, nb_lmap_src(s->r, sec->first) + 1,
	    sec->end < s->r->doc->nlines ? nb_lmap_src(s->r, sec->end) :
	    s->r->src->nlines)) != NULL)
		caught(run, what, text, "fees.no_statement", NB_SEV_ERROR,
		    NULL, 0);
	free(text);
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
	printf("mutations: %d tried, %d caught\n", run.tried, run.caught);
	nb_engine_close(run.e);
	nb_pack_free(pack);
	return t_done(&t);
}
