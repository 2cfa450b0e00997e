/*
 * surplus.c -- a row whose run of numbers holds more than its cells, and
 * no later row takes the rest.  A page number printed inside the table
 * ("0 0 0 0 0 0 0 0" / "7" / "0 0 0 0 0 0 0": the page broke the row)
 * makes one number that is no cell, and taken in order every later cell
 * would shift.  The number is dropped only where dropping it alone keeps
 * every relation through the row and no other drop does with other
 * values: then the row as read can give no error.  Otherwise the row is
 * read for nothing (fill.c says why).  Numbers alone on their lines after
 * the row are page furniture and left (nb_surplus_trails).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

#define SURPLUS_MAX	3	/* numbers over a row's cells tried */

/* The integer of number token t, or -1 if it is a blank or not one. */
static int
tok_value(const struct region *g, size_t t, long long *v)
{
	char *end;

	if (g->t[t].kind != TK_NUM || g->t[t].blank ||
	    strchr(g->t[t].norm, '.') != NULL)
		return -1;
	errno = 0;
	*v = strtoll(g->t[t].norm, &end, 10);
	return errno != 0 || *end != '\0' ? -1 : 0;
}

/*
 * Numbers of h's run that no row took, when h took the last of it in
 * order: the run went on past its cells.  0 for rows read otherwise (a
 * label's tail between, by the table's order, by columns, glued), and
 * for more than SURPLUS_MAX.
 */
size_t
nb_surplus(const struct region *g, const struct hit *h)
{
	const struct seg *s;
	size_t i, left = 0;

	if (!h->found || h->run == NONE || h->glued || h->cols > 1 ||
	    h->ntok == 0 || h->span != h->ntok || h->ordered || h->placed ||
	    h->sequenced)
		return 0;
	s = &g->s[h->run];
	if (h->start + h->ntok != s->first + s->taken)
		return 0;
	/* Empty fields after a row's last tab are nothing. */
	for (i = s->first + s->taken; i < s->first + s->n; i++)
		left += !g->t[i].blank;
	/* More is another table's row (T4's under 三 when 四's heading
	 * is lost), left for it. */
	return left > SURPLUS_MAX ? 0 : left;
}

/*
 * Is what h's run holds past h's numbers something after the row, on the
 * lines after its last number: page furniture ("1 0 0 0 0 0 1" / "3" /
 * "4": the page's number, the next page's), the next label's list
 * numeral read apart ("2 .重复申请" on a scan)?  Only when the row's last
 * number shares its line: a row printed one number a line may have one
 * of its own alone there.  Rows do not break across pages; a page number
 * after a row is the common case and the row reads as printed.
 */
int
nb_surplus_trails(const struct region *g, const struct hit *h)
{
	const struct seg *s = &g->s[h->run];
	size_t last = h->start + h->ntok - 1, i;

	if (nb_alone_on_line(g, last))
		return 0;
	for (i = last + 1; i < s->first + s->n; i++)
		if (!g->t[i].blank && g->t[i].li == g->t[last].li)
			return 0;
	return 1;
}


/* The next mask of as many bits set, in increasing order (Gosper). */
static uint64_t
next_mask(uint64_t m)
{
	uint64_t c = m & -m, r = m + c;

	return (((r ^ m) >> 2) / c) | r;
}

/* Row ri read as got[] without the numbers of mask m, into v[]. */
static void
without(const long long *got, size_t all, uint64_t m, long long *v)
{
	for (size_t i = 0, x = 0; x < all; x++)
		if (!(m & (uint64_t)1 << x))
			v[i++] = got[x];
}

/* Relations the row breaks read as v[]. */
static size_t
breaks(const struct nb_report *r, size_t ti, size_t ri, const long long *v)
{
	size_t k = 0;

	for (size_t i = 0; i < r->pack->nrelations; i++)
		k += nb_row_breaks(r, ti, ri, v, NONE, i);
	return k;
}

/* Does every relation broken by reading a break by reading b too? */
static int
breaks_within(const struct nb_report *r, size_t ti, size_t ri,
    const long long *a, const long long *b)
{
	for (size_t i = 0; i < r->pack->nrelations; i++)
		if (nb_row_breaks(r, ti, ri, a, NONE, i) &&
		    !nb_row_breaks(r, ti, ri, b, NONE, i))
			return 0;
	return 1;
}

/*
 * Row ri's hit h, up to SURPLUS_MAX numbers over: tries every choice of
 * the numbers to leave out (their order kept).  The reading kept is the
 * one whose broken relations are fewer than, and among, those of every
 * other reading: most often it breaks none and every other one does;
 * where the report has a defect, what it breaks is broken whichever
 * number is the page's, so the finding holds whatever the choice.  Sets
 * h->drop and returns 1 if there is such a reading, else 0.
 */
int
nb_surplus_drop(const struct nb_report *r, const struct region *g,
    size_t ti, size_t ri, struct hit *h)
{
	size_t n = r->pack->tables[ti].rows[ri].cols.n, k, nb, least = NONE,
	    over = nb_surplus(g, h), all = n + over;
	long long got[MAX_FUSED_COLS + SURPLUS_MAX], v[MAX_FUSED_COLS],
	    best[MAX_FUSED_COLS];
	uint64_t m, at = 0, first, end;
	int tie = 0;

	/* Numbers, no empty field, right after the row's. */
	if (over == 0 || over > SURPLUS_MAX || h->ntok != n ||
	    n > MAX_FUSED_COLS || g->s[h->run].n - g->s[h->run].taken != over)
		return 0;
	for (k = 0; k < all; k++)
		if (tok_value(g, h->start + k, &got[k]) == -1)
			return 0;
	first = ((uint64_t)1 << over) - 1;
	end = (uint64_t)1 << all;
	for (m = first; m < end; m = next_mask(m)) {
		without(got, all, m, v);
		/* Leaving out either of two equal neighbours reads the
		 * same. */
		if (at != 0 && memcmp(best, v, n * sizeof(*v)) == 0)
			continue;
		if ((nb = breaks(r, ti, ri, v)) == least)
			tie = 1;
		if (least != NONE && nb >= least)
			continue;
		least = nb;
		tie = 0;
		at = m;
		memcpy(best, v, n * sizeof(*v));
	}
	if (at == 0 || tie)
		return 0;
	for (m = first; least > 0 && m < end; m = next_mask(m)) {
		without(got, all, m, v);
		if (memcmp(best, v, n * sizeof(*v)) != 0 &&
		    !breaks_within(r, ti, ri, best, v))
			return 0;
	}
	h->drop = at;
	h->span = all;
	return 1;
}
