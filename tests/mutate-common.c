/*
 * mutate-common.c -- the mutants every format gets, and the sample they
 * are made from: a sample rebuilt from its own document lines, so the
 * model's token positions (cells[i].line_index, off, len into
 * doc->lines[].raw) and the text always agree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mutate-common.h"

void
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
int
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

int
sample_load(struct sample *s, const char *name, const struct nb_pack *pack)
{
	return sample_text(s, name, NULL, pack);
}

/* text with bytes [from, to) replaced by rep. */
char *
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

int
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
void
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

void
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

void
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
