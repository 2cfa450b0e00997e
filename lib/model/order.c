/*
 * order.c -- a shredded table read by the order of its rows.
 *
 * A PDF-to-Markdown converter (real file 23) detaches row labels from
 * their numbers: loose label lines, then unlabeled "| 1 | 0 | … |" rows,
 * the labels out of order and several in one chunk.  The numbers still
 * come in the table's row order.  When the runs of the region split into
 * exactly as many rows of the table's one width as the table has rows,
 * and every label that stands alone before a run names the row at that
 * place in the order, each row takes the run at its place.
 *
 * Rows so given that no label confirms are marked `ordered`: fill.c
 * checks the table's relations over them (nb_order_doubts), and where one
 * fails, the reading, not the report, is doubted.
 */
#include <stdlib.h>
#include <string.h>

#include "table.h"

/* A row's worth of numbers: run seg, from token start. */
struct group {
	size_t	 seg, start;
};

int
nb_alone_on_line(const struct region *g, size_t i)
{
	return (i == 0 || g->t[i - 1].li != g->t[i].li) &&
	    (i + 1 >= g->nt || g->t[i + 1].li != g->t[i].li);
}

/* The rows' worth of numbers in the region, in order: n of them, or
 * NONE when a run is not whole rows (a lone number on its own line at
 * the head or tail of a run is a stray mark, skipped). */
static size_t
groups_of(const struct region *g, size_t w, struct group *gr, size_t max)
{
	size_t s, k, n = 0, first, len;

	for (s = 0; s < g->ns; s++) {
		if (!g->s[s].num)
			continue;
		first = g->s[s].first;
		len = g->s[s].n;
		if (len % w == 1 && len > 1 && nb_alone_on_line(g, first)) {
			first++;
			len--;
		} else if (len % w == 1 && len > 1 &&
		    nb_alone_on_line(g, first + len - 1))
			len--;
		if (len % w != 0)
			return NONE;
		for (k = 0; k < len / w; k++) {
			if (n == max)
				return NONE;
			gr[n].seg = s;
			gr[n++].start = first + k * w;
		}
	}
	return n;
}

/* The one row with a key in chunk s, or NONE. */
static size_t
only_key(const struct region *g, const struct nb_table_def *td, size_t s)
{
	size_t j, kl, at = NONE;

	for (j = 0; j < td->nrows; j++) {
		if (td->rows[j].keys.n == 0 ||
		    nb_key_in_seg(g, &td->rows[j], s, 0, &kl) == NULL)
			continue;
		if (at != NONE)
			return NONE;
		at = j;
	}
	return at;
}

/* Do the labels alone before a run agree with the order: is the row of
 * each one of the rows of the run that follows (a chunk may hold a row's
 * label whole and the one before it broken)?  The number of them
 * (anchor[j]: row j's label chunk), or NONE on a disagreement. */
static size_t
anchors(const struct region *g, const struct nb_table_def *td,
    const struct group *gr, size_t *anchor)
{
	size_t s, j, k, m, n = 0;

	for (j = 0; j < td->nrows; j++)
		anchor[j] = NONE;
	for (s = 0; s + 1 < g->ns; s++) {
		if (g->s[s].num || !g->s[s + 1].num ||
		    (j = only_key(g, td, s)) == NONE)
			continue;
		for (k = 0; k < td->nrows && gr[k].seg != s + 1; k++)
			;
		for (m = k; m < td->nrows && gr[m].seg == s + 1; m++)
			;
		if (j < k || j >= m)
			return NONE;
		anchor[j] = s;
		n++;
	}
	return n;
}

/* Is the table one of labelled rows of one width, some of them not read?
 * (A row with its label lost too still has its numbers in the order: the
 * count of runs, not the labels, says no row is absent.) */
static size_t
width_if_lost(const struct nb_table_def *td, const struct hit *hits)
{
	size_t j, w = td->nrows ? td->rows[0].cols.n : 0;
	int lost = 0;

	for (j = 0; j < td->nrows; j++) {
		if (td->rows[j].cols.n != w || td->rows[j].keys.n == 0)
			return 0;
		lost |= !hits[j].found || hits[j].ntok == 0;
	}
	return lost ? w : 0;
}

int
nb_match_ordered(struct region *g, const struct nb_table_def *td,
    struct hit *hits)
{
	struct group *gr;
	size_t *anchor, j, s, w = width_if_lost(td, hits);
	int rc = 0;

	if (w == 0)
		return 0;
	gr = calloc(td->nrows, sizeof(*gr));
	anchor = calloc(td->nrows, sizeof(*anchor));
	if (gr == NULL || anchor == NULL)
		goto out;
	/* Half the rows confirmed by their own label, none contradicted. */
	if (groups_of(g, w, gr, td->nrows) != td->nrows ||
	    (s = anchors(g, td, gr, anchor)) == NONE || 2 * s < td->nrows)
		goto out;
	for (j = 0; j < td->nrows; j++) {
		struct hit *h = &hits[j];

		h->found = 1;
		h->seen = 0;
		h->glued = 0;
		h->run = gr[j].seg;
		h->start = gr[j].start;
		h->ntok = h->span = w;
		h->lab_seg = anchor[j];
		h->ordered = anchor[j] == NONE;
		h->label_li = g->t[anchor[j] != NONE ?
		    g->s[anchor[j]].first : gr[j].start].li;
	}
	for (s = 0; s < g->ns; s++)
		if (g->s[s].num)
			g->s[s].taken = g->s[s].n;
	rc = 1;
out:
	free(gr);
	free(anchor);
	return rc;
}

/* Cell k's value when an integer read for sure: 1 and *v. */
static int
sure_int(const void *arg, long k, long long *v)
{
	const struct nb_report *r = arg;

	if (k < 0 || r->cells[k].v.kind != NB_VAL_INT || r->cells[k].conf < 1)
		return 0;
	*v = r->cells[k].v.i;
	return 1;
}

/* Does relation rl, assessable, fail through a row of table ti given by
 * order alone? */
static int
fails_ordered(const struct nb_report *r, const struct nb_relation *rl,
    size_t ti, const struct hit *hits)
{
	long long side[2];
	int through = 0;

	if (!nb_relation_sums(r->pack, rl, sure_int, r, side) ||
	    side[0] == side[1])
		return 0;
	for (size_t i = 0; i < rl->n_lhs + rl->n_rhs; i++) {
		const struct nb_cell_def *cd =
		    &r->pack->cells[nb_relation_cell(r->pack, rl, i)];

		through |= cd->table == ti && hits[cd->row].ordered;
	}
	return through;
}

/*
 * The rows of table ti given by order alone, when a relation through one
 * of them fails: the order, not the report, is in doubt.  Their cells
 * become unsure and rows[] gets them; returns how many.
 */
size_t
nb_order_doubts(struct nb_report *r, size_t ti, const struct hit *hits,
    size_t *rows, size_t max)
{
	const struct nb_table_def *td = &r->pack->tables[ti];
	size_t i, j, n = 0;

	for (i = 0; i < r->pack->nrelations; i++)
		if (fails_ordered(r, &r->pack->relations[i], ti, hits))
			break;
	if (i == r->pack->nrelations)
		return 0;
	for (j = 0; j < td->nrows && n < max; j++)
		if (hits[j].ordered)
			rows[n++] = j;
	for (i = 0; i < r->pack->ncells; i++)
		if (r->pack->cells[i].table == ti &&
		    hits[r->pack->cells[i].row].ordered)
			r->cells[i].conf = 0.5;
	return n;
}
