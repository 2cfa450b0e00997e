/*
 * blocks.c -- the numbers of several rows in one run: row by row, or
 * column by column?
 *
 * Text copied row by row gives a run of k rows' numbers one row after the
 * other.  pdftotext in its default mode prints a block of k rows column
 * by column: the k numbers of the first column, then of the second
 * ("8 0 | 0 0 | … | 8 0" for 本年新收 8 … 8 and 上年结转 0 … 0), and a run
 * may hold several such blocks one after the other; read row by row,
 * every row's total is wrong.  The rows' own relations (a row's total is
 * the sum of its columns) tell the readings apart, where every number is
 * on a line of its own (as pdftotext prints them): the split into blocks
 * under which the fewest rows break them is the run's; where more than
 * one split is best, its rows cannot be read for sure.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

#define MAX_BLOCK	32	/* rows in one block */

/* Token t as an integer: 1 and *v; 0 if it is not one (a blank, a
 * decimal). */
static int
tok_int(const struct region *g, size_t t, long long *v)
{
	char *end;

	if (g->t[t].kind != TK_NUM || g->t[t].blank ||
	    strchr(g->t[t].norm, '.') != NULL)
		return 0;
	errno = 0;
	*v = strtoll(g->t[t].norm, &end, 10);
	return errno == 0 && *end == '\0';
}

/* Row ri of table ti read as v[]. */
struct row_reading {
	const struct nb_pack	*pack;
	size_t			 ti, ri;
	const long long		*v;
};

/* A cell's value in the row reading: only the row's own cells have one. */
static int
row_value(const void *arg, long c, long long *v)
{
	const struct row_reading *rr = arg;

	if (c < 0 || rr->pack->cells[c].table != rr->ti ||
	    rr->pack->cells[c].row != rr->ri)
		return 0;
	*v = rr->v[rr->pack->cells[c].col];
	return 1;
}

/* Does row ri of table ti holding v[] break a relation of its own (one
 * whose every cell is in the row)?  1 or 0. */
static int
row_breaks(const struct nb_report *r, size_t ti, size_t ri,
    const long long *v)
{
	const struct row_reading rr = { r->pack, ti, ri, v };

	for (size_t i = 0; i < r->pack->nrelations; i++) {
		long long side[2];

		if (nb_relation_sums(r->pack, &r->pack->relations[i],
		    row_value, &rr, side) && side[0] != side[1])
			return 1;
	}
	return 0;
}

/* Rows of block [j, j+k) (width w, tokens from t0) broken when read in
 * columns (cols) or in rows; -1 if a cell is not an integer. */
static int
broken(const struct nb_report *r, const struct region *g, size_t ti,
    size_t j, size_t k, size_t w, size_t t0, int cols)
{
	long long v[MAX_FUSED_COLS];
	int n = 0;

	for (size_t i = 0; i < k; i++) {
		for (size_t c = 0; c < w; c++)
			if (!tok_int(g, t0 + (cols ? c * k + i : i * w + c),
			    &v[c]))
				return -1;
		n += row_breaks(r, ti, j + i, v);
	}
	return n;
}

/* Do the rows [j, j+k) of the same run hold it whole, one after the
 * other, w numbers each, with no word between, each number on a line of
 * its own?  (Numbers side by side on a line are a row as printed: a pipe,
 * tab or space separated row is never read column by column.) */
static int
whole_block(const struct region *g, const struct hit *h, size_t k, size_t w)
{
	const struct seg *s = &g->s[h[0].run];

	if (s->n != k * w || h[0].start != s->first)
		return 0;
	for (size_t t = s->first + 1; t < s->first + s->n; t++)
		if (g->t[t].li == g->t[t - 1].li)
			return 0;
	for (size_t i = 0; i < k; i++)
		if (h[i].glued || h[i].ntok != w || h[i].span != w ||
		    h[i].run != h[0].run || h[i].start != s->first + i * w)
			return 0;
	return 1;
}

/* Same values either way?  (All zeros, say.) */
static int
same_reading(const struct region *g, size_t t0, size_t k, size_t w)
{
	for (size_t i = 0; i < k; i++)
		for (size_t c = 0; c < w; c++)
			if (strcmp(g->t[t0 + i * w + c].norm,
			    g->t[t0 + c * k + i].norm) != 0)
				return 0;
	return 1;
}

/*
 * The best reading of the k rows [j, j+k) of one run (w numbers each,
 * tokens from t0): a split into consecutive blocks, each read row by row
 * or column by column, that breaks the fewest rows' own relations.
 * m[i]: the block at row i (1: the row as written; more: that many rows
 * column by column).  Returns how many readings are best (2: more than
 * one), or -1 if a number is not an integer.
 */
static int
best_reading(const struct nb_report *r, const struct region *g, size_t ti,
    size_t j, size_t k, size_t w, size_t t0, size_t *m)
{
	int best[MAX_BLOCK + 1], cnt[MAX_BLOCK + 1];
	size_t i, n;

	best[k] = 0;
	cnt[k] = 1;
	for (i = k; i-- > 0; ) {
		int c;

		if ((c = broken(r, g, ti, j + i, 1, w, t0 + i * w, 0)) == -1)
			return -1;
		best[i] = c + best[i + 1];
		cnt[i] = cnt[i + 1];
		m[i] = 1;
		for (n = 2; i + n <= k; n++) {
			if (same_reading(g, t0 + i * w, n, w) ||
			    (c = broken(r, g, ti, j + i, n, w, t0 + i * w,
			    1)) == -1)
				continue;
			c += best[i + n];
			if (c < best[i]) {
				best[i] = c;
				cnt[i] = cnt[i + n];
				m[i] = n;
			} else if (c == best[i] && (cnt[i] += cnt[i + n]) > 2)
				cnt[i] = 2;
		}
	}
	return cnt[0];
}

/*
 * Sets each run's order: hits[].cols (read column by column, in a block
 * of cols rows, this row the pos-th) or, where more than one reading is
 * best, the run's rows in doubt[] (how many returned).
 */
size_t
nb_block_orders(const struct nb_report *r, const struct region *g,
    size_t ti, struct hit *hits, size_t *doubt, size_t max)
{
	const struct nb_table_def *td = &r->pack->tables[ti];
	size_t j, k, w, i, p, nd = 0, m[MAX_BLOCK];
	int n;

	for (j = 0; j < td->nrows; j += k) {
		k = 1;
		if (!hits[j].found || hits[j].run == NONE ||
		    hits[j].sequenced)
			continue;
		while (j + k < td->nrows && k < MAX_BLOCK &&
		    hits[j + k].found && hits[j + k].run == hits[j].run)
			k++;
		w = td->rows[j].cols.n;
		for (i = 1; i < k && td->rows[j + i].cols.n == w; i++)
			;
		if (k < 2 || i < k || w > MAX_FUSED_COLS ||
		    !whole_block(g, &hits[j], k, w) ||
		    (n = best_reading(r, g, ti, j, k, w, hits[j].start, m)) ==
		    -1)
			continue;
		for (i = 0; n > 1 && i < k && nd < max; i++)
			doubt[nd++] = j + i;
		for (i = 0; n == 1 && i < k; i += m[i])
			for (p = 0; m[i] > 1 && p < m[i]; p++) {
				hits[j + i + p].cols = m[i];
				hits[j + i + p].pos = p;
			}
	}
	return nd;
}
