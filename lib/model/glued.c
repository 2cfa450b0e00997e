/*
 * glued.c -- cells written together without separators: "15130000154" is
 * 151|3|0|0|0|0|154, the one split that the row's totals allow.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "normalize.h"
#include "table.h"

/* ---- fused cells: "15130000154" is 151|3|0|0|0|0|154 ---- */

struct split {
	const char	*d;	/* digits */
	size_t		 n;
	const struct nb_row_def *rd;
	size_t		 cut[MAX_FUSED_COLS + 1];
	int64_t		 val[MAX_FUSED_COLS];
	size_t		 best[MAX_FUSED_COLS + 1];
	int64_t		 bestval[MAX_FUSED_COLS];
	int		 nsol;
	unsigned long	 steps;
};

/* A column that is the sum of the columns since the previous total. */
int
nb_is_total_col(const char *id)
{
	size_t l = strlen(id);

	return strcmp(id, "total") == 0 ||
	    (l > 6 && strcmp(id + l - 6, ".total") == 0);
}

static void
split_dfs(struct split *sp, size_t col, size_t pos, int64_t group)
{
	size_t ncols = sp->rd->cols.n, len, maxlen;
	int64_t v;

	if (sp->nsol > 1 || ++sp->steps > MAX_SPLIT_STEPS)
		return;
	if (col == ncols) {
		if (pos != sp->n)
			return;
		if (sp->nsol++ == 0) {
			memcpy(sp->best, sp->cut, sizeof(sp->cut));
			memcpy(sp->bestval, sp->val, sizeof(sp->val));
		}
		return;
	}
	maxlen = sp->n - pos - (ncols - col - 1);
	if (maxlen > MAX_PART_DIGITS)
		maxlen = MAX_PART_DIGITS;
	v = 0;
	for (len = 1; len <= maxlen; len++) {
		v = v * 10 + (sp->d[pos + len - 1] - '0');
		/* No leading zeros: "05" is not a cell. */
		if (len > 1 && sp->d[pos] == '0')
			break;
		if (nb_is_total_col(sp->rd->cols.v[col]) && v != group)
			continue;
		sp->cut[col] = pos;
		sp->cut[col + 1] = pos + len;
		sp->val[col] = v;
		split_dfs(sp, col + 1, pos + len,
		    nb_is_total_col(sp->rd->cols.v[col]) ? 0 : group + v);
	}
}

/*
 * Splits one fused token into the row's cells.  Accepted only when the
 * split is unique under the totals of the row; else the row cannot be
 * read and nothing is guessed.
 */
void
nb_try_fused(const struct region *g, const struct nb_row_def *rd, struct hit *h)
{
	const struct tok *t = &g->t[h->start];
	struct split sp;
	size_t i, ncols = rd->cols.n;
	int ascii;

	memset(&sp, 0, sizeof(sp));
	sp.d = t->norm;
	sp.n = strlen(t->norm);
	sp.rd = rd;
	h->fused = -1;
	if (ncols > MAX_FUSED_COLS)
		return;
	split_dfs(&sp, 0, 0, 0);
	if (sp.nsol != 1 || sp.steps > MAX_SPLIT_STEPS)
		return;
	h->fused = 1;
	ascii = t->len == sp.n;
	for (i = 0; i < ncols; i++) {
		h->parts[i] = sp.bestval[i];
		h->poff[i] = ascii ? t->off + sp.best[i] : t->off;
		h->plen[i] = ascii ? sp.best[i + 1] - sp.best[i] : t->len;
	}
}

/* A single token of digits holding the numbers of a whole row? */
int
nb_looks_fused(const struct region *g, const struct nb_row_def *rd,
    const struct hit *h)
{
	const struct tok *t;
	size_t i, len;

	if (h->run == NONE || h->ntok != 1 || rd->cols.n < 2)
		return 0;
	/* Without a total to check, any split is a guess. */
	for (i = 0; i < rd->cols.n && !nb_is_total_col(rd->cols.v[i]); i++)
		;
	if (i == rd->cols.n)
		return 0;
	t = &g->t[h->start];
	len = strlen(t->norm);
	if (t->blank || len < rd->cols.n)
		return 0;
	for (i = 0; i < len; i++)
		if (t->norm[i] < '0' || t->norm[i] > '9')
			return 0;
	return 1;
}

