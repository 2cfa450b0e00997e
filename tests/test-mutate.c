/*
 * test-mutate.c -- break one thing at a time in a correct 2021 sample and
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
 * The 2019 trial format's mutants are test-mutate-2019.c; the mutants
 * both share are mutate-common.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mutate-common.h"

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
	size_t k;

	if ((pack = t_pack_national()) == NULL)
		return t_done(&t) + 1;
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
