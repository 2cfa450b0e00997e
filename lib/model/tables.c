/*
 * tables.c -- the cells of tables T2, T3 and T4 from lines of text.
 *
 * Converters flatten tables in every way: one row per line with spaces or
 * tabs, labels wrapped over several lines (even inside a word), the last
 * number of a row alone on the next line, column headers split and fused.
 * What survives all of them is the order of things: a row label, then its
 * numbers.  So the region of a table (region.c) is cut into a stream of
 * tokens (tokens.c), the tokens into alternating label chunks (text) and
 * number runs, and each row of the pack takes the run that follows the
 * chunk holding its key (rows.c), a scan's row whose label was misread
 * the one run its place in the grid leaves it (gap.c); digits written
 * together are split (glued.c) and the cells filled in (fill.c).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "normalize.h"
#include "table.h"

static int
borrow_region(struct nb_report *r, size_t ti, struct region *g,
    struct hit *hits)
{
	const struct nb_table_def *td = &r->pack->tables[ti], *pd;
	struct hit *ph;
	int rc;
	size_t j, end;

	if (ti == 0 || td->nrows != 1 || td->rows[0].keys.n != 0)
		return 0;
	pd = &r->pack->tables[ti - 1];
	if ((rc = nb_find_region(r, pd, g)) != 1)
		return rc;
	if (nb_tokenize(g, pd) == -1)
		return -1;
	if ((ph = calloc(pd->nrows ? pd->nrows : 1, sizeof(*ph))) == NULL)
		return -1;
	if (nb_match_keyed(g, pd, ph, &end) == -1) {
		free(ph);
		return -1;
	}
	for (j = 0; j < pd->nrows; j++)
		if (pd->rows[j].keys.n == 0)
			nb_match_positional(g, &pd->rows[j], &ph[j], 0, 0);
	free(ph);
	nb_match_positional(g, &td->rows[0], &hits[0], 0, 1);
	return hits[0].found;
}

/* The rows of a table in its own region. */
static int
match_own(struct region *g, const struct nb_table_def *td, struct hit *hits)
{
	size_t j, end;
	int keyed = 0;

	for (j = 0; j < td->nrows; j++)
		keyed |= td->rows[j].keys.n > 0;
	if (nb_tokenize(g, td) == -1 || (!keyed && nb_drop_header_words(g) == -1) ||
	    nb_match_keyed(g, td, hits, &end) == -1)
		return -1;
	for (j = 0; j < td->nrows; j++)
		if (td->rows[j].keys.n == 0)
			nb_match_positional(g, &td->rows[j], &hits[j], end, 0);
	nb_match_astray(g, td, hits);
	switch (nb_match_ordered(g, td, hits)) {
	case -1:
		return -1;
	case 0:
		switch (nb_match_sequence(g, td, hits)) {
		case -1:
			return -1;
		case 0:
			nb_match_gaps(g, td, hits);
			break;
		}
		break;
	}
	return 0;
}

/*
 * A row of another format's table in the region (the three rows of the
 * 2021 （六） under a 2019 T3, in a report mixing the formats): its rows
 * cannot be told from this format's.  1 if so, -1 on ENOMEM.
 */
static int
foreign_rows(struct nb_report *r, size_t ti, const struct region *g)
{
	const struct nb_table_def *td = &r->pack->tables[ti];
	struct nb_table *tb = &r->tables[ti];
	const char *w = "";
	size_t li;

	if (td->foreign.n == 0 || (li = nb_region_find(g, &td->foreign,
	    &w)) == NONE)
		return 0;
	tb->state = NB_TABLE_UNREADABLE;
	tb->confidence = 0;
	tb->line = r->doc->lines[g->header != NONE ? g->header : li].lineno;
	free(tb->why);
	if (asprintf(&tb->why, "表格中有本报告所用格式没有的行（含“%s”，"
	    "第%u行），各行无法与该格式的表格对应", w,
	    r->doc->lines[li].lineno) == -1) {
		tb->why = NULL;
		return -1;
	}
	return 1;
}

static int
extract_one(struct nb_report *r, size_t ti)
{
	const struct nb_table_def *td = &r->pack->tables[ti];
	struct region g;
	struct hit *hits;
	int rc, has_region;

	if ((hits = calloc(td->nrows ? td->nrows : 1, sizeof(*hits))) == NULL)
		return -1;
	has_region = nb_find_region(r, td, &g);
	if (has_region == 1 && (rc = foreign_rows(r, ti, &g)) != 0) {
		nb_region_free(&g);
		free(hits);
		return rc == -1 ? -1 : 0;
	}
	if (has_region == 1)
		rc = match_own(&g, td, hits);
	else
		rc = has_region;
	/* T4's row, not under its heading: maybe left over under 三. */
	if (rc == 0 && td->nrows == 1 && !hits[0].found) {
		nb_region_free(&g);
		rc = borrow_region(r, ti, &g, hits);
		/* The lines are another table's: not this one's header. */
		g.header = NONE;
	}
	if (rc != -1)
		rc = nb_fill_table(r, &g, ti, hits, has_region == 1);
	nb_region_free(&g);
	free(hits);
	return rc == -1 ? -1 : 0;
}

int
nb_tables_extract(struct nb_report *r, struct nb_error *err)
{
	size_t ti;

	if (r->tables == NULL || r->cells == NULL)
		return 0;
	for (ti = 0; ti < r->pack->ntables; ti++)
		if (extract_one(r, ti) == -1)
			return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足",
			    r->doc->name);
	if (nb_resolve_ocr(r) == -1)
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", r->doc->name);
	nb_ink_doubt(r);
	return 0;
}

