/*
 * ink_doubt.c -- a digit of a scan read for sure that a broken relation
 * says may be a speck, not the report.
 *
 * Tesseract is sure of a wrong digit now and then, and nearly always
 * the same way: ink added to a printed digit (a speck, a stain, the end
 * of a rule) turns a 0 into a 4, 6, 8 or 9, a 1 into a 4 or 7, and adds
 * a digit ("10" for a 1); and a 0 is read as a 1 (measured on the noisy
 * scans of tests/ocr/scans.py, where these were the only digits read
 * sure and wrong in six runs).  A relation
 * broken by such a digit proves nothing: the report may be wrong, or the
 * scan.  So where a relation whose cells are all read fails, and the one
 * value that would make it hold for one of its scanned cells is what that
 * cell reads with ink taken away, the cell becomes unsure: its row is
 * then not checked and the table says which rows it could not read
 * (sums.table_unreadable), instead of an error that may be invented.
 * Run after resolve.c, so such a cell is never "corrected" either.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "model.h"

#define INK_UNSURE	(NB_CONF_CERTAIN * 0.9)

/* Is digit a read as b by the misreadings above? */
static int
ink_turns(char a, char b)
{
	static const char *const into[10] = {
		"14689", "47", "", "89", "", "69", "8", "", "", "8",
	};

	return a == b || (a >= '0' && a <= '9' && b >= '0' && b <= '9' &&
	    strchr(into[a - '0'], b) != NULL);
}

/* Could the printed number want read as read with ink added: digit by
 * digit, or with one digit more? */
int
nb_ink_reading(int64_t want, int64_t read)
{
	char w[24], g[24];
	size_t n, m, i, skip;

	if (want < 0 || read < 0 || want == read)
		return 0;
	snprintf(w, sizeof(w), "%lld", (long long)want);
	snprintf(g, sizeof(g), "%lld", (long long)read);
	n = strlen(w);
	m = strlen(g);
	if (m == n) {
		for (i = 0; i < n; i++)
			if (!ink_turns(w[i], g[i]))
				return 0;
		return 1;
	}
	if (m != n + 1)
		return 0;
	for (skip = 0; skip < m; skip++) {	/* the digit a speck added */
		size_t j = 0;

		for (i = 0; i < m && (i == skip || g[i] == w[j]); i++)
			if (i != skip)
				j++;
		if (i == m)
			return 1;
	}
	return 0;
}

/* Doubts the scanned cells of rel, if it fails, whose wanted value is
 * their reading with a misreading undone. */
static void
doubt_relation(struct nb_report *r, const struct nb_relation *rel)
{
	size_t i, n = rel->n_lhs + rel->n_rhs;
	int64_t sum = 0;

	for (i = 0; i < n; i++) {
		long k = nb_relation_cell(r->pack, rel, i);

		if (k < 0 || r->cells[k].v.kind != NB_VAL_INT)
			return;
		sum += (i < rel->n_lhs ? 1 : -1) * r->cells[k].v.i;
	}
	if (sum == 0)
		return;
	for (i = 0; i < n; i++) {
		struct nb_cell *c = &r->cells[nb_relation_cell(r->pack, rel, i)];
		int side = i < rel->n_lhs ? 1 : -1;

		/* side * want + (sum - side * read) == 0 */
		if (c->src == NB_SRC_OCR && c->conf >= NB_CONF_CERTAIN &&
		    nb_ink_reading(c->v.i - side * sum, c->v.i))
			c->conf = INK_UNSURE;
	}
}

void
nb_ink_doubt(struct nb_report *r)
{
	if (r->src == NULL || !r->src->ocr)
		return;
	for (size_t i = 0; i < r->pack->nrelations; i++)
		doubt_relation(r, &r->pack->relations[i]);
}
