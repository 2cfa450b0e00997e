/*
 * sequence.c -- a table read by the order of its numbers alone.
 *
 * pdftotext in its default mode (real file 17 as it reaches a reviewer)
 * prints a ruled table by blocks of the page: the row labels in one
 * place, the numbers in another, a label often after its numbers, and a
 * few rows' numbers column by column ("1 0 0 0 0 1 1 0 10 3" is the 自然人
 * column of ten rows, the next column after it).  What survives is the
 * order of the numbers: the table's rows one after the other, each row,
 * or each block of rows, printed row by row or column by column.
 *
 * Where every number of the region is on a line of its own and the
 * region holds exactly the numbers of the rows whose labels are there,
 * every cut of the numbers into such blocks is tried; if exactly one
 * reading keeps every relation of the table, each row takes its numbers
 * from it.  A reading that keeps every relation gives no arithmetic error
 * of its own; it gives the cells other rules read (本年新收 for the
 * narrative's count).  Where no reading keeps them (a real defect, or
 * another order) or more than one does, nothing is taken from here.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

#define SEQ_MAX_UNITS	64	/* rows of a table */
#define SEQ_MAX_BLOCK	32	/* rows printed column by column together */
#define SEQ_MAX_STEPS	200000	/* cuts tried: more is "ambiguous" */

/* A row of the reading, or rows printed as one (a "merged" row). */
struct unit {
	size_t		 row, n;
	size_t		 lab;		/* chunk of its label */
};

struct seq {
	const struct nb_pack	*pack;
	const struct region	*g;
	size_t			 ti, w;
	struct unit		 u[SEQ_MAX_UNITS];
	size_t			 nu;
	size_t			*unit_of;	/* row -> unit, or NONE */
	size_t			*tok;		/* the region's numbers */
	long long		*val;
	size_t			 ntok;
	long long		*cur, *first;	/* nu * w values */
	size_t			 blk[SEQ_MAX_UNITS], fblk[SEQ_MAX_UNITS];
	size_t			*rels;		/* the table's own relations */
	size_t			 nrels;
	size_t			 steps;
	int			 found;		/* 0, 1, 2: more than one,
						 * 3: one fill.c cannot take */
};

/* Value source: cell c in the reading, the rows of unit only (or of all
 * units when only is NONE).  A merged unit's sums stand in its first
 * row; the rows after it add nothing. */
struct source {
	const struct seq	*s;
	size_t			 only;
};

static int
seq_value(const void *arg, long c, long long *v)
{
	const struct source *src = arg;
	const struct seq *s = src->s;
	const struct nb_cell_def *cd;
	size_t u;

	if (c < 0 || (cd = &s->pack->cells[c])->table != s->ti ||
	    (u = s->unit_of[cd->row]) == NONE ||
	    (src->only != NONE && u != src->only))
		return 0;
	*v = cd->row == s->u[u].row ? s->cur[u * s->w + cd->col] : 0;
	return 1;
}

/* Do the relations hold over unit only (NONE: over the whole reading)? */
static int
holds(const struct seq *s, size_t only)
{
	const struct source src = { s, only };
	long long side[2];

	for (size_t i = 0; i < s->nrels; i++)
		if (nb_relation_sums(s->pack, &s->pack->relations[s->rels[i]],
		    seq_value, &src, side) && side[0] != side[1])
			return 0;
	return 1;
}

/* Units [i, i+k) from number at: row by row, or column by column. */
static void
put(struct seq *s, size_t i, size_t k, size_t at, int cols)
{
	for (size_t p = 0; p < k; p++)
		for (size_t c = 0; c < s->w; c++)
			s->cur[(i + p) * s->w + c] = s->val[at + (cols ?
			    c * k + p : p * s->w + c)];
}

/* Are the k * w numbers from at with no word between? */
static int
contiguous(const struct seq *s, size_t at, size_t k)
{
	size_t n = k * s->w;

	return s->tok[at + n - 1] - s->tok[at] == n - 1;
}

/* Is every block of the cut read column by column without words between?
 * (A block with words between is a reading too, one that fill.c cannot
 * take: it reads a block's numbers one after the other.) */
static int
all_contiguous(const struct seq *s)
{
	for (size_t i = 0, at = 0; i < s->nu; at += s->blk[i] * s->w,
	    i += s->blk[i])
		if (s->blk[i] > 1 && !contiguous(s, at, s->blk[i]))
			return 0;
	return 1;
}

static void
leaf(struct seq *s)
{
	size_t n = s->nu * s->w;

	if (!holds(s, NONE))
		return;
	if (s->found != 0 && memcmp(s->first, s->cur, n * sizeof(*s->cur))) {
		s->found = 2;	/* ends the search */
		return;
	}
	if (s->found == 1 || !all_contiguous(s)) {
		if (s->found == 0)
			memcpy(s->first, s->cur, n * sizeof(*s->cur));
		s->found = s->found ? s->found : 3;
		return;
	}
	memcpy(s->first, s->cur, n * sizeof(*s->cur));
	memcpy(s->fblk, s->blk, sizeof(s->blk));
	s->found = 1;
}

/* Block of k units from number at, column by column: not the same values
 * as row by row (all zeros)? */
static int
block_differs(const struct seq *s, size_t at, size_t k)
{
	for (size_t p = 0; p < k; p++)
		for (size_t c = 0; c < s->w; c++)
			if (s->val[at + p * s->w + c] != s->val[at + c * k + p])
				return 1;
	return 0;
}

static void
cut(struct seq *s, size_t i, size_t at)
{
	size_t k, p;

	if (s->found == 2 || ++s->steps > SEQ_MAX_STEPS) {
		s->found = 2;
		return;
	}
	if (i == s->nu) {
		leaf(s);
		return;
	}
	put(s, i, 1, at, 0);
	if (holds(s, i)) {
		s->blk[i] = 1;
		cut(s, i + 1, at + s->w);
	}
	for (k = 2; k <= SEQ_MAX_BLOCK && i + k <= s->nu && s->found != 2;
	    k++) {
		if (!block_differs(s, at, k))
			continue;
		put(s, i, k, at, 1);
		for (p = 0; p < k && holds(s, i + p); p++)
			;
		if (p < k)
			continue;
		for (p = 0; p < k; p++)
			s->blk[i + p] = k;
		cut(s, i + k, at + k * s->w);
	}
}

/* The chunk holding one of the row's keys (or of its merged label with
 * merged set), or NONE. */
static size_t
label_chunk(const struct region *g, const struct nb_row_def *rd, int merged)
{
	struct nb_row_def m;
	size_t s, kl;

	if (merged) {
		memset(&m, 0, sizeof(m));
		m.keys = rd->merged;
		rd = &m;
	}
	for (s = 0; s < g->ns; s++)
		if (!g->s[s].num && nb_key_in_seg(g, rd, s, 0, &kl) != NULL)
			return s;
	return NONE;
}

/* The units: rows whose labels are in the region, in the table's order;
 * rows that may be merged, none of them there, one unit if the merged
 * label is. */
static int
units(struct seq *s, const struct nb_table_def *td)
{
	size_t j, i;

	for (j = 0; j < td->nrows; j++)
		s->unit_of[j] = NONE;
	for (j = 0; j < td->nrows; j++) {
		const struct nb_row_def *rd = &td->rows[j];
		size_t n = 1, lab;

		if ((lab = label_chunk(s->g, rd, 0)) == NONE && rd->nmerged) {
			for (i = j; i < j + rd->nmerged &&
			    label_chunk(s->g, &td->rows[i], 0) == NONE; i++)
				;
			if (i == j + rd->nmerged &&
			    (lab = label_chunk(s->g, rd, 1)) != NONE)
				n = rd->nmerged;
		}
		if (lab == NONE)
			continue;
		if (s->nu == SEQ_MAX_UNITS)
			return 0;
		for (i = j; i < j + n; i++)
			s->unit_of[i] = s->nu;
		s->u[s->nu++] = (struct unit){ j, n, lab };
		j += n - 1;
	}
	return s->nu > 1;
}

/* Is the table one of keyed rows of width w, and is every number of its
 * region alone on its line, as pdftotext's default mode prints them?
 * (The test that keeps every other text off this reader's cost.) */
static int
in_this_mode(const struct region *g, const struct nb_table_def *td,
    size_t w)
{
	size_t i;

	for (i = 0; i < td->nrows; i++)
		if (td->rows[i].keys.n == 0 || td->rows[i].cols.n != w)
			return 0;
	for (i = 0; i < g->nt; i++) {
		const struct tok *t = &g->t[i];

		if (t->kind == TK_EMPTY || (t->kind == TK_NUM && (t->blank ||
		    (i > 0 && g->t[i - 1].li == t->li) ||
		    (i + 1 < g->nt && g->t[i + 1].li == t->li))))
			return 0;
	}
	return 1;
}

/* The region's numbers, each an integer; 0 if one is not. */
static int
numbers(struct seq *s)
{
	const struct region *g = s->g;

	for (size_t i = 0; i < g->nt; i++) {
		const struct tok *t = &g->t[i];
		char *end;

		if (t->kind != TK_NUM)
			continue;
		errno = 0;
		s->val[s->ntok] = strtoll(t->norm, &end, 10);
		if (errno != 0 || *end != '\0' || end == t->norm)
			return 0;
		s->tok[s->ntok++] = i;
	}
	return 1;
}

/* The relations whose every cell is in table ti. */
static size_t
own_relations(const struct nb_pack *p, size_t ti, size_t *rels)
{
	size_t i, m, n = 0;

	for (i = 0; i < p->nrelations; i++) {
		const struct nb_relation *rl = &p->relations[i];

		for (m = 0; m < rl->n_lhs + rl->n_rhs; m++) {
			long c = nb_relation_cell(p, rl, m);

			if (c < 0 || p->cells[c].table != ti)
				break;
		}
		if (m == rl->n_lhs + rl->n_rhs)
			rels[n++] = i;
	}
	return n;
}

/* The seg holding token t. */
static size_t
seg_of(const struct region *g, size_t t)
{
	for (size_t s = 0; s < g->ns; s++)
		if (t >= g->s[s].first && t < g->s[s].first + g->s[s].n)
			return s;
	return NONE;
}

/* The rows take the one reading: each its numbers, a block's rows their
 * place in it (fill.c reads a block column by column). */
static void
take(const struct seq *s, const struct nb_table_def *td, struct hit *hits)
{
	struct region *g = (struct region *)s->g;
	size_t i, j, p, at = 0;

	for (j = 0; j < td->nrows; j++) {
		memset(&hits[j], 0, sizeof(hits[j]));
		hits[j].run = hits[j].lab_seg = NONE;
	}
	for (i = 0; i < s->nu; i += s->fblk[i]) {
		size_t k = s->fblk[i];

		for (p = 0; p < k; p++) {
			const struct unit *u = &s->u[i + p];
			struct hit *h = &hits[u->row];
			size_t t0 = s->tok[at];

			if (u->n > 1)
				continue;	/* merged: its rows are not there */
			h->found = h->sequenced = 1;
			h->lab_seg = u->lab;
			h->label_li = g->t[g->s[u->lab].first].li;
			h->ntok = s->w;
			if (k > 1) {
				h->start = t0 + p * s->w;
				h->span = s->w;
				h->cols = k;
				h->pos = p;
			} else {
				h->start = t0;
				h->span = s->tok[at + s->w - 1] - t0 + 1;
			}
			h->run = seg_of(g, t0);
		}
		at += k * s->w;
	}
	for (i = 0; i < g->ns; i++)
		if (g->s[i].num)
			g->s[i].taken = g->s[i].n;
}

static int
table_of(const struct nb_pack *p, const struct nb_table_def *td, size_t *ti)
{
	for (*ti = 0; *ti < p->ntables; (*ti)++)
		if (&p->tables[*ti] == td)
			return 1;
	return 0;
}

/* Was a row of the table not read whole by its label? */
static int
some_row_lost(const struct nb_table_def *td, const struct hit *hits)
{
	for (size_t j = 0; j < td->nrows; j++)
		if (!hits[j].found || hits[j].glued ||
		    hits[j].ntok < td->rows[j].cols.n)
			return 1;
	return 0;
}

int
nb_match_sequence(struct region *g, const struct nb_table_def *td,
    struct hit *hits)
{
	struct seq s;
	int rc = -1;

	memset(&s, 0, sizeof(s));
	s.pack = g->r->pack;
	s.g = g;
	s.w = td->nrows ? td->rows[0].cols.n : 0;
	if (g->r->src->ocr || td->nrows < 2 || td->nrows > SEQ_MAX_UNITS ||
	    s.w < 2 || s.w > MAX_FUSED_COLS || !some_row_lost(td, hits) ||
	    !in_this_mode(g, td, s.w) || !table_of(s.pack, td, &s.ti))
		return 0;
	s.unit_of = calloc(td->nrows, sizeof(*s.unit_of));
	s.tok = calloc(g->nt + 1, sizeof(*s.tok));
	s.val = calloc(g->nt + 1, sizeof(*s.val));
	s.cur = calloc(td->nrows * s.w, sizeof(*s.cur));
	s.first = calloc(td->nrows * s.w, sizeof(*s.first));
	s.rels = calloc(s.pack->nrelations + 1, sizeof(*s.rels));
	if (s.unit_of == NULL || s.tok == NULL || s.val == NULL ||
	    s.cur == NULL || s.first == NULL || s.rels == NULL)
		goto out;
	rc = 0;
	if (!units(&s, td) || !numbers(&s) || s.ntok != s.nu * s.w)
		goto out;
	s.nrels = own_relations(s.pack, s.ti, s.rels);
	cut(&s, 0, 0);
	if (s.found == 1) {
		take(&s, td, hits);
		rc = 1;
	}
out:
	free(s.unit_of);
	free(s.tok);
	free(s.val);
	free(s.cur);
	free(s.first);
	free(s.rels);
	return rc;
}
