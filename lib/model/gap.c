/*
 * gap.c -- a scan's rows whose printed label the recogniser turned to
 * noise ("Ma" for "1.申请人无正当理由逾期不补正", "(七〗总计"), placed by
 * their place in the grid.
 *
 * The official layout fixes the order of a table's rows, and a scan's
 * grid keeps it: every grid row is one line, its label and then its
 * cells.  So where the rows matched by their labels on both sides of
 * some unmatched rows (the anchors) leave between them exactly as many
 * runs of numbers as the layout has rows there, each run untouched and
 * of exactly its row's count of cells (the next label's list numeral,
 * read apart from it, aside), the runs are those rows, in order.  Never
 * otherwise: a run more or fewer, a run of another length (a cell split
 * or lost, a label read as a digit joined to its cells), numbers of the
 * anchor above left over, a label chunk in the gap that holds some row's
 * key, a gap row whose key is elsewhere in the region (seen), a gap
 * with no anchor on one side, more than GAP_MAX rows, a row of fewer
 * than GAP_MIN_COLS cells (T2's one-number rows): then the rows stay
 * unread, as before.
 *
 * Rows so placed are marked `placed`: their cells are read a little
 * less sure than a label match's (fill.c, NB_PLACED_CONF), still sure
 * enough for the table's relations to be checked through them: between
 * two anchors with exactly one fit, the order the layout prints leaves
 * no other reading.  Text layers are never so read: there a row without
 * its label is the report's defect to name.
 */
#include "table.h"

#define GAP_MAX	3	/* rows placed in one gap at most */
/* Cells a row needs to be placed: a lone number could be a digit of a
 * misread label (行政处7) where the row's own cell was left unread. */
#define GAP_MIN_COLS	3

/*
 * The numbers of run s that are cells: all of them but a list numeral
 * of the next row's label, read apart from it ("2 .其他法律行政法规禁止公
 * 开"): the run's last token, alone at the start of its line, the label
 * going on after it on that line.
 */
static size_t
cells_of(const struct region *g, size_t s)
{
	const struct seg *sg = &g->s[s];
	size_t i = sg->first + sg->n - 1;
	const char *v = g->t[i].norm;

	if (sg->n < 2 || g->t[i - 1].li == g->t[i].li || i + 1 >= g->nt ||
	    g->t[i + 1].li != g->t[i].li || g->t[i + 1].kind != TK_TEXT ||
	    g->t[i].blank || v[0] < '1' || v[0] > '9' || v[1] != '\0')
		return sg->n;
	return sg->n - 1;
}

/* Can row a bound a gap: matched by its label, its cells all taken from
 * one run, nothing of its run left over? */
static int
anchor(const struct region *g, const struct nb_table_def *td,
    const struct hit *h, size_t a, int above)
{
	const struct hit *x = &h[a];

	if (!x->found || x->lab_seg == NONE || x->ordered || x->glued ||
	    x->placed || x->cols != 0)
		return 0;
	if (!above)
		return 1;
	return x->run != NONE && x->ntok == td->rows[a].cols.n &&
	    x->span == x->ntok && x->run > x->lab_seg &&
	    g->s[x->run].taken == cells_of(g, x->run);
}

/* Does label chunk s hold a key of a row other than row `want` (NONE:
 * of any row)? */
static int
other_key(const struct region *g, const struct nb_table_def *td, size_t s,
    size_t want)
{
	size_t k, kl;

	for (k = 0; k < td->nrows; k++)
		if (k != want && td->rows[k].keys.n > 0 &&
		    nb_key_in_seg(g, &td->rows[k], s, 0, &kl) != NULL)
			return 1;
	return 0;
}

/*
 * Rows a+1 .. b-1, unmatched, between anchors a and b: the runs between
 * a's run and b's label, into runs[] (one for each row), when they fit
 * (see above).  1 if so.
 */
static int
gap_runs(const struct region *g, const struct nb_table_def *td,
    const struct hit *h, size_t a, size_t b, size_t *runs)
{
	size_t s, n = 0, want = a + 1;

	if (b - a - 1 > GAP_MAX || h[b].lab_seg <= h[a].run)
		return 0;
	for (s = h[a].run + 1; s < h[b].lab_seg; s++) {
		const struct seg *sg = &g->s[s];

		if (!sg->num) {
			/* a label in the gap must be no row's but its
			 * own, the row whose run follows */
			if (other_key(g, td, s, want < b ? want : NONE))
				return 0;
			continue;
		}
		if (want >= b || sg->taken != 0 ||
		    cells_of(g, s) != td->rows[want].cols.n)
			return 0;
		runs[n++] = s;
		want++;
	}
	return want == b;
}

/* Is row j one to place: unmatched, unseen, keyed, with cells enough? */
static int
unplaced(const struct nb_table_def *td, const struct hit *h, size_t j)
{
	return !h[j].found && !h[j].seen && td->rows[j].keys.n > 0 &&
	    td->rows[j].cols.n >= GAP_MIN_COLS;
}

void
nb_match_gaps(struct region *g, const struct nb_table_def *td,
    struct hit *hits)
{
	size_t a, b, j, runs[GAP_MAX];

	if (!g->r->src->ocr)
		return;
	for (a = 0; a + 2 < td->nrows; a = b) {
		b = a + 1;
		if (!anchor(g, td, hits, a, 1))
			continue;
		while (b < td->nrows && unplaced(td, hits, b))
			b++;
		if (b == a + 1 || b == td->nrows || !hits[b].found ||
		    !anchor(g, td, hits, b, 0) ||
		    !gap_runs(g, td, hits, a, b, runs))
			continue;
		for (j = a + 1; j < b; j++) {
			struct hit *h = &hits[j];
			size_t s = runs[j - a - 1];

			h->found = 1;
			h->placed = 1;
			h->seen = 0;
			h->glued = 0;
			h->run = s;
			h->start = g->s[s].first;
			h->ntok = h->span = cells_of(g, s);
			g->s[s].taken = h->ntok;
			/* its label: the noise just before its numbers */
			h->lab_seg = s > 0 && !g->s[s - 1].num &&
			    s - 1 > hits[j - 1].run ? s - 1 : NONE;
			h->label_li = g->t[h->lab_seg != NONE ?
			    g->s[h->lab_seg].first : h->start].li;
		}
	}
}
