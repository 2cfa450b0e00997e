/*
 * resolve.c -- cells of a scan read with low confidence, settled by the
 * table's own relations.
 *
 * A relation of the rule pack (sum of lhs == sum of rhs) whose cells are
 * all read for sure but one gives that one cell a single possible value.
 * That value is taken when it is confirmed: by the recogniser (it read
 * the same digits, only unsure of them), or by a second relation that
 * gives the cell the same value (its row and its column).  A value only
 * one relation asks for is not taken, since a relation broken by a wrong
 * cell of the report would then "correct" an innocent cell into an error
 * somewhere else; the cell stays unsure and the table says so.  Settled
 * cells keep their source (NB_SRC_OCR): every finding says it came from
 * a scan.
 *
 * Two relations agree on the value also when the report's own cell is
 * wrong and all the others right: then "settling" a cell the recogniser
 * read, unsure but otherwise than they ask (a 17 printed where the sums
 * want 15), would hide the report's error without a word.  So a value
 * other than the one read is taken only where the reading is one the
 * scan makes of that value: nothing or hardly anything read (confidence
 * under READ_WEAK), or ink added or lost (0 as 8, 8 as 0, a digit more
 * or fewer: ink_doubt.c's misreadings).  Otherwise the cell stays unsure.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "model.h"

#define MAX_PASSES	8
#define READ_WEAK	0.5	/* below it a reading says little */

struct cand {
	int		 n;		/* relations giving a value */
	int		 agree;		/* all of them the same */
	int64_t		 v;
};

static int
unsure(const struct nb_cell *c)
{
	return c->src == NB_SRC_OCR && c->conf < NB_CONF_CERTAIN &&
	    (c->v.kind == NB_VAL_INT || c->v.kind == NB_VAL_MISSING);
}

/* The one value rel leaves for its only unsure cell (*who); 0 if rel
 * has no such single cell or the value is no count. */
static int
implied(const struct nb_report *r, const struct nb_relation *rel,
    long *who, int64_t *v)
{
	int64_t sum = 0;
	int sign = 1;
	long u = -1;
	size_t i, n = rel->n_lhs + rel->n_rhs;

	for (i = 0; i < n; i++) {
		long k = nb_relation_cell(r->pack, rel, i);
		const struct nb_cell *c;
		int side = i < rel->n_lhs ? 1 : -1;

		if (k < 0)
			return 0;
		c = &r->cells[k];
		if (unsure(c)) {
			if (u != -1)
				return 0;
			u = k;
			sign = side;
			continue;
		}
		if (c->v.kind != NB_VAL_INT || c->conf < NB_CONF_CERTAIN)
			return 0;
		sum += side * c->v.i;
	}
	if (u == -1)
		return 0;
	/* sign * x + sum == 0 */
	*v = -sign * sum;
	*who = u;
	return *v >= 0;
}

/* Is the reading of c one a scan makes of the printed value v? */
static int
misreads(const struct nb_cell *c, int64_t v)
{
	if (c->v.kind != NB_VAL_INT || c->conf < READ_WEAK)
		return 1;
	return nb_ink_reading(v, c->v.i) || nb_ink_reading(c->v.i, v);
}

static int
settle(struct nb_report *r, struct cand *cd)
{
	size_t i, n = r->pack->ncells;
	int changed = 0;

	for (i = 0; i < n; i++) {
		struct nb_cell *c = &r->cells[i];
		int same = c->v.kind == NB_VAL_INT && c->v.i == cd[i].v;

		if (cd[i].n == 0 || !cd[i].agree || (cd[i].n < 2 && !same) ||
		    (!same && !misreads(c, cd[i].v)))
			continue;
		c->v.kind = NB_VAL_INT;
		c->v.i = cd[i].v;
		c->v.d = (double)cd[i].v;
		c->conf = NB_CONF_CERTAIN;
		changed = 1;
	}
	return changed;
}

int
nb_resolve_ocr(struct nb_report *r)
{
	const struct nb_pack *pack = r->pack;
	struct cand *cd;
	int pass, changed = 1;

	if (!r->src->ocr || pack->ncells == 0)
		return 0;
	if ((cd = calloc(pack->ncells, sizeof(*cd))) == NULL)
		return -1;
	for (pass = 0; changed && pass < MAX_PASSES; pass++) {
		for (size_t i = 0; i < pack->ncells; i++)
			cd[i].n = 0;
		for (size_t i = 0; i < pack->nrelations; i++) {
			long who;
			int64_t v;

			if (!implied(r, &pack->relations[i], &who, &v))
				continue;
			if (cd[who].n++ == 0) {
				cd[who].v = v;
				cd[who].agree = 1;
			} else if (cd[who].v != v)
				cd[who].agree = 0;
		}
		changed = settle(r, cd);
	}
	free(cd);
	return 0;
}
