/*
 * glued.c -- cells written together without separators.
 *
 * A crawled page loses the boundaries between a row's cells: "713000074"
 * is 71|3|0|0|0|0|74.  Each such row gets every split of its digits (no
 * cell with a leading zero) that satisfies the relations within the row
 * (its totals); then the rows still ambiguous are solved together under
 * the relations between rows (the column sums), over the whole table: a
 * row ambiguous alone is often unique in the table.  A split is taken
 * only when it is the one reading left.  Rows where readings remain are
 * unreadable, and nothing is guessed; a row that no split can make add
 * up is a defect of the report, kept for the sums plugin to name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

#define MAX_CANDS	512		/* readings kept per row */
#define MAX_STEPS	4000000UL	/* work per table before giving up */
#define MAX_SOLUTIONS	64		/* table readings looked at */

struct cand {
	int64_t		 v[MAX_FUSED_COLS];
	uint8_t		 tok[MAX_FUSED_COLS];	/* token of the run */
	uint8_t		 at[MAX_FUSED_COLS];	/* first digit in it */
	uint8_t		 len[MAX_FUSED_COLS];	/* digits */
};

struct grow {			/* a glued row and its readings */
	size_t		 row;
	struct cand	*c;
	size_t		 nc;
	int		 overflow;	/* more readings than kept */
	size_t		 pick;		/* reading in the current solution */
	int		 varies;	/* readings differ across solutions */
	size_t		 sol;		/* reading of the first solution */
};

/* One relation as cell indices, and which cells belong to glued rows. */
struct rel {
	const struct nb_relation *r;
	const long	*lhs, *rhs;	/* the pack's cell indices */
	int		 rowonly;	/* all its cells in one row: that row */
	size_t		 row;
};

struct solver {
	struct nb_report *r;
	const struct region *g;
	size_t		 ti;
	struct hit	*hits;
	struct grow	*rows;
	size_t		 nrows;
	struct rel	*rels;
	size_t		 nrels;
	long		*glued_of;	/* cell index -> index in rows, or -1 */
	size_t		*col_of;	/* cell index -> column in its row */
	unsigned long	 steps;
	size_t		 nsol;
	/* the row being enumerated */
	struct grow	*cur;
	struct cand	 work;
	/* probing a row no split makes add up (broken_by_all) */
	int		*broken;	/* rels broken by each likeliest split */
	long		 best;		/* most rels a split keeps */
	size_t		 splits;	/* splits seen */
};

static int
digits_only(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int
has_total(const struct nb_row_def *rd)
{
	for (size_t i = 0; i < rd->cols.n; i++) {
		const char *id = rd->cols.v[i];
		size_t l = strlen(id);

		if (strcmp(id, "total") == 0 ||
		    (l > 6 && strcmp(id + l - 6, ".total") == 0))
			return 1;
	}
	return 0;
}

/*
 * Are the numbers of the row's run digits written together: fewer tokens
 * than cells, holding more digits than cells?  2 when surely so (a row
 * with a total, or a token such as "000" that is no number), 1 when only
 * the table can tell ("100" in a row without a total is 100 and two
 * blanks, or 1|0|0), 0 when not.
 */
int
nb_is_glued(const struct region *g, const struct nb_row_def *rd,
    const struct hit *h)
{
	size_t i, digits = 0;
	int lead0 = 0;

	if (h->run == NONE || h->ntok == 0 || h->ntok >= rd->cols.n ||
	    rd->cols.n > MAX_FUSED_COLS)
		return 0;
	for (i = h->start; i < h->start + h->ntok; i++) {
		const char *d = g->t[i].norm;

		if (g->t[i].blank || !digits_only(d))
			return 0;
		lead0 |= d[0] == '0' && d[1] != '\0';
		digits += strlen(d);
	}
	if (digits < rd->cols.n)
		return 0;
	return has_total(rd) || lead0 ? 2 : 1;
}

/* ---- the value of a cell under the current choice ---- */

/* Value of cell idx: 1 and *v when known (read with certainty, or given
 * by the current reading of its glued row), else 0. */
static int
cell_value(const struct solver *s, long idx, int64_t *v, int row_only)
{
	const struct nb_cell *c = &s->r->cells[idx];
	long gr = s->glued_of[idx];

	if (gr >= 0) {
		const struct grow *w = &s->rows[gr];

		if (row_only) {
			*v = s->work.v[s->col_of[idx]];
			return 1;
		}
		if (w->nc == 0 || w->overflow)
			return 0;
		*v = w->c[w->pick].v[s->col_of[idx]];
		return 1;
	}
	if (c->conf < NB_CONF_CERTAIN || c->v.kind != NB_VAL_INT)
		return 0;
	*v = c->v.i;
	return 1;
}

/* 1 holds, 0 fails, -1 not every cell known. */
static int
rel_holds(const struct solver *s, const struct rel *rl, int row_only)
{
	int64_t a = 0, b = 0, v;
	size_t i;

	for (i = 0; i < rl->r->n_lhs; i++) {
		if (rl->lhs[i] < 0 || !cell_value(s, rl->lhs[i], &v, row_only))
			return -1;
		a += v;
	}
	for (i = 0; i < rl->r->n_rhs; i++) {
		if (rl->rhs[i] < 0 || !cell_value(s, rl->rhs[i], &v, row_only))
			return -1;
		b += v;
	}
	return a == b;
}

/* ---- readings of one row ---- */

static int
row_ok(const struct solver *s, size_t row)
{
	for (size_t i = 0; i < s->nrels; i++)
		if (s->rels[i].rowonly && s->rels[i].row == row &&
		    rel_holds(s, &s->rels[i], 1) == 0)
			return 0;
	return 1;
}

/*
 * A split of a row that no split makes add up.  The splits keeping the
 * most of the row's relations are its likeliest readings: s->broken[i]
 * stays set for the relations every one of them breaks.
 */
static void
note_split(struct solver *s, size_t row)
{
	size_t i;
	long k = 0;

	s->splits++;
	for (i = 0; i < s->nrels; i++)
		k += s->rels[i].rowonly && s->rels[i].row == row &&
		    rel_holds(s, &s->rels[i], 1) == 1;
	if (k < s->best)
		return;
	for (i = 0; i < s->nrels; i++) {
		int broken = s->rels[i].rowonly && s->rels[i].row == row &&
		    rel_holds(s, &s->rels[i], 1) == 0;

		s->broken[i] = k > s->best ? broken : s->broken[i] && broken;
	}
	s->best = k;
}

static void
keep(struct solver *s)
{
	struct grow *w = s->cur;

	if (w->nc == MAX_CANDS) {
		w->overflow = 1;
		return;
	}
	w->c[w->nc++] = s->work;
}

/* Cells col.. of the row from token t, digit at, ncols cells in all. */
static void
enumerate(struct solver *s, size_t col, size_t t, size_t at)
{
	const struct hit *h = &s->hits[s->cur->row];
	const struct nb_row_def *rd = &s->r->pack->tables[s->ti].rows[s->cur->row];
	size_t ncols = rd->cols.n, len, left, need;
	const char *d;
	int64_t v = 0;

	if (++s->steps > MAX_STEPS || s->cur->overflow)
		return;
	if (t < h->ntok && at == strlen(s->g->t[h->start + t].norm)) {
		enumerate(s, col, t + 1, 0);	/* next token */
		return;
	}
	if (col == ncols || t == h->ntok) {
		if (col < ncols || t < h->ntok)
			return;
		if (s->broken != NULL)
			note_split(s, s->cur->row);
		else if (row_ok(s, s->cur->row))
			keep(s);
		return;
	}
	d = s->g->t[h->start + t].norm;
	/* Digits left after this token must leave a cell for each token. */
	left = strlen(d) - at;
	need = h->ntok - t - 1;		/* later tokens: one cell each */
	if (ncols - col < need + 1)
		return;
	for (len = 1; len <= left && len <= MAX_PART_DIGITS; len++) {
		v = v * 10 + (d[at + len - 1] - '0');
		if (len > 1 && d[at] == '0')
			break;		/* "05" is not a cell */
		/* The token's last cell ends the token. */
		if (len < left && col + 1 >= ncols - need)
			continue;
		s->work.v[col] = v;
		s->work.tok[col] = (uint8_t)t;
		s->work.at[col] = (uint8_t)at;
		s->work.len[col] = (uint8_t)len;
		enumerate(s, col + 1, t, at + len);
	}
}

/* ---- the table ---- */

/* Every reading of the glued rows together; counts solutions, notes the
 * rows whose reading differs from one to the next. */
static void
solve(struct solver *s, size_t k)
{
	size_t i;

	if (++s->steps > MAX_STEPS || s->nsol >= MAX_SOLUTIONS)
		return;
	if (k == s->nrows) {
		for (i = 0; i < s->nrels; i++)
			if (!s->rels[i].rowonly && rel_holds(s, &s->rels[i], 0) == 0)
				return;
		for (i = 0; i < s->nrows; i++) {
			if (s->nsol == 0)
				s->rows[i].sol = s->rows[i].pick;
			else if (s->rows[i].sol != s->rows[i].pick)
				s->rows[i].varies = 1;
		}
		s->nsol++;
		return;
	}
	/* A defect (no reading) or too many: nothing to choose. */
	if (s->rows[k].nc == 0 || s->rows[k].overflow) {
		solve(s, k + 1);
		return;
	}
	for (i = 0; i < s->rows[k].nc; i++) {
		s->rows[k].pick = i;
		solve(s, k + 1);
	}
}

/* The relations that touch a glued row of this table. */
static int
load_rels(struct solver *s)
{
	const struct nb_pack *p = s->r->pack;
	size_t i, j;

	if ((s->rels = calloc(p->nrelations ? p->nrelations : 1,
	    sizeof(*s->rels))) == NULL)
		return -1;
	for (i = 0; i < p->nrelations; i++) {
		struct rel *rl = &s->rels[s->nrels];
		long first = -1;
		int touches = 0;

		rl->r = &p->relations[i];
		/* read only: the indices the pack resolved when it loaded */
		rl->lhs = nb_pack_rel_cells(p, i);
		rl->rhs = rl->lhs + rl->r->n_lhs;
		s->nrels++;
		rl->rowonly = 1;
		for (j = 0; j < rl->r->n_lhs + rl->r->n_rhs; j++) {
			long c = j < rl->r->n_lhs ? rl->lhs[j] :
			    rl->rhs[j - rl->r->n_lhs];

			if (c < 0 || p->cells[c].table != s->ti) {
				rl->rowonly = 0;
				continue;
			}
			touches |= s->glued_of[c] >= 0;
			if (first < 0)
				first = (long)p->cells[c].row;
			else if ((size_t)first != p->cells[c].row)
				rl->rowonly = 0;
		}
		rl->row = first < 0 ? 0 : (size_t)first;
		if (!touches)
			s->nrels--;
	}
	return 0;
}

static int
setup(struct solver *s)
{
	const struct nb_pack *p = s->r->pack;
	const struct nb_table_def *td = &p->tables[s->ti];
	size_t j, c;

	if ((s->glued_of = malloc(p->ncells * sizeof(*s->glued_of))) == NULL ||
	    (s->col_of = calloc(p->ncells, sizeof(*s->col_of))) == NULL ||
	    (s->rows = calloc(td->nrows, sizeof(*s->rows))) == NULL)
		return -1;
	for (c = 0; c < p->ncells; c++) {
		s->glued_of[c] = -1;
		s->col_of[c] = p->cells[c].col;
	}
	for (j = 0; j < td->nrows; j++) {
		if (!s->hits[j].found || !s->hits[j].glued)
			continue;
		s->rows[s->nrows].row = j;
		for (c = 0; c < p->ncells; c++)
			if (p->cells[c].table == s->ti && p->cells[c].row == j)
				s->glued_of[c] = (long)s->nrows;
		s->nrows++;
	}
	return load_rels(s);
}

static void
teardown(struct solver *s)
{
	for (size_t i = 0; i < s->nrows; i++)
		free(s->rows[i].c);
	free(s->rows);
	free(s->rels);
	free(s->glued_of);
	free(s->col_of);
}

/* Each glued row's readings under its own relations. */
static int
row_readings(struct solver *s)
{
	for (size_t k = 0; k < s->nrows; k++) {
		s->cur = &s->rows[k];
		if ((s->cur->c = malloc(MAX_CANDS * sizeof(*s->cur->c))) == NULL)
			return -1;
		memset(&s->work, 0, sizeof(s->work));
		enumerate(s, 0, 0, 0);
		if (s->steps > MAX_STEPS)
			s->cur->overflow = 1;
	}
	return 0;
}

/*
 * The relations to blame in bad row w, as indices into the pack's, in
 * rel[] (*nrel of them, at most max): those that every split of its
 * digits keeping the most of its relations breaks (so that every split
 * breaks), in pack order; none when those splits disagree.  A row with
 * several totals (T4's three groups) can break more than one.  Returns
 * the number of splits, 0 when the digits cannot be split into the row's
 * cells at all (a reading problem, not a defect), -1 on failure.
 */
static long
broken_by_all(struct solver *s, struct grow *w, size_t *rel, size_t max,
    size_t *nrel)
{
	size_t i;

	*nrel = 0;
	if ((s->broken = calloc(s->nrels ? s->nrels : 1, sizeof(int))) == NULL)
		return -1;
	s->best = -1;
	s->cur = w;
	s->steps = 0;
	s->splits = 0;
	memset(&s->work, 0, sizeof(s->work));
	enumerate(s, 0, 0, 0);
	if (s->steps > MAX_STEPS)
		s->splits = 0;
	for (i = 0; i < s->nrels && s->splits > 0 && *nrel < max; i++)
		if (s->rels[i].rowonly && s->rels[i].row == w->row &&
		    s->broken[i])
			rel[(*nrel)++] =
			    (size_t)(s->rels[i].r - s->r->pack->relations);
	free(s->broken);
	s->broken = NULL;
	return (long)s->splits;
}

/* Records bad row `row`: one entry per relation it breaks (one with
 * NONE when no relation is to blame). */
static void
bad_row(struct nb_glued *out, size_t row, const size_t *rel, size_t nrel)
{
	size_t k = 0;

	do {
		if (out->nbad >= NB_GLUED_MAX)
			return;
		out->bad[out->nbad] = row;
		out->bad_rel[out->nbad++] = nrel > 0 ? rel[k] : NONE;
	} while (++k < nrel);
}

/*
 * Writes the one reading of each glued row that has one: the only one of
 * the row itself, or the same one in every reading of the table (when
 * the search saw them all).
 */
static int
apply(struct solver *s, struct nb_glued *out)
{
	int complete = s->steps <= MAX_STEPS && s->nsol < MAX_SOLUTIONS;

	for (size_t k = 0; k < s->nrows; k++) {
		struct grow *w = &s->rows[k];
		const struct cand *c;

		if (w->nc == 0 && !w->overflow) {
			size_t rel[NB_GLUED_MAX], nrel;
			long n = broken_by_all(s, w, rel, NB_GLUED_MAX, &nrel);

			if (n == -1)
				return -1;
			/* Numbers apart ("27 0 0 2 0 30") that are too few: a
			 * cell lost or misread, not digits run together. */
			if (s->hits[w->row].ntok > 1)
				n = 0;
			if (n == 0 && out->nsplit < NB_GLUED_MAX)
				out->nosplit[out->nsplit++] = w->row;
			else if (n > 0)
				bad_row(out, w->row, rel, nrel);
			continue;
		}
		if (w->nc == 1 && !w->overflow)
			c = &w->c[0];
		else if (!w->overflow && complete && s->nsol > 0 && !w->varies)
			c = &w->c[w->sol];
		else {
			if (out->namb < NB_GLUED_MAX)
				out->ambiguous[out->namb++] = w->row;
			continue;
		}
		if (nb_fill_glued(s->r, s->g, s->ti, w->row, &s->hits[w->row],
		    c->v, c->tok, c->at, c->len) == -1)
			return -1;
	}
	return 0;
}

int
nb_solve_glued(struct nb_report *r, const struct region *g, size_t ti,
    struct hit *hits, struct nb_glued *out)
{
	struct solver s;
	int rc = 0;

	memset(&s, 0, sizeof(s));
	s.r = r;
	s.g = g;
	s.ti = ti;
	s.hits = hits;
	out->namb = out->nbad = out->nsplit = 0;
	if (setup(&s) == -1 || row_readings(&s) == -1) {
		teardown(&s);
		return -1;
	}
	if (s.nrows > 0) {
		s.steps = 0;
		solve(&s, 0);
		rc = apply(&s, out);
	}
	teardown(&s);
	return rc;
}
