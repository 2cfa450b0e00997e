/*
 * fill.c -- what the rows found become in the model: every cell's value,
 * its bytes in the source and how sure the reading is, and each table's
 * state.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "normalize.h"
#include "table.h"

/* ---- filling the model ---- */

static size_t
cell_index(const struct nb_pack *pack, size_t ti, size_t ri, size_t ci)
{
	size_t i;

	for (i = 0; i < pack->ncells; i++)
		if (pack->cells[i].table == ti && pack->cells[i].row == ri &&
		    pack->cells[i].col == ci)
			return i;
	return NONE;
}

static void
parse_value(struct nb_value *v, const char *s)
{
	char *end;
	long long ll;

	if (strchr(s, '.') != NULL) {
		v->kind = NB_VAL_DECIMAL;
		v->d = strtod(s, &end);
		return;
	}
	errno = 0;
	ll = strtoll(s, &end, 10);
	if (errno == ERANGE) {
		v->kind = NB_VAL_DECIMAL;
		v->d = strtod(s, &end);
		return;
	}
	v->kind = NB_VAL_INT;
	v->i = ll;
	v->d = (double)ll;
}

/* Stores bytes [off, off+len) of line li as the cell's token. */
static int
set_where(struct nb_report *r, struct nb_cell *c, size_t li, size_t off,
    size_t len)
{
	const struct nb_line *l = &r->doc->lines[li];

	free(c->raw_tok);
	if ((c->raw_tok = malloc(len + 1)) == NULL) {
		c->v.raw = "";
		return -1;
	}
	memcpy(c->raw_tok, l->raw + off, len);
	c->raw_tok[len] = '\0';
	c->v.raw = c->raw_tok;
	c->v.line = l->lineno;
	c->v.page = l->page;
	/* Positions in the source, not in the logical line. */
	c->line_index = nb_lmap_src(r, li);
	c->off = nb_lmap_off(r, li) + off;
	c->len = len;
	return 0;
}

static int
fill_from_tok(struct nb_report *r, struct nb_cell *c, const struct tok *t)
{
	if (set_where(r, c, t->li, t->off, t->len) == -1)
		return -1;
	c->conf = 1;
	c->src = NB_SRC_TEXT;
	if (t->blank) {
		c->v.kind = NB_VAL_MISSING;
		return 0;
	}
	parse_value(&c->v, t->norm);
	return 0;
}

/*
 * A row whose label was found but no number after it, in running text:
 * its numbers were lost by the layout (pdftotext prints them as a column
 * block elsewhere), not left blank by the report.  In a real table (its
 * line has cells) an empty row is a blank row.
 */
static int
row_lost(const struct nb_report *r, const struct region *g,
    const struct hit *h)
{
	const struct seg *c;
	int num;

	if (h->ntok > 0 || h->lab_seg == NONE ||
	    strchr(r->doc->lines[h->label_li].raw, '\t') != NULL)
		return 0;
	/* A value among the label's words ("13828600元") is not lost. */
	c = &g->s[h->lab_seg];
	for (size_t i = c->first; i < c->first + c->n; i++) {
		const char *t = g->t[i].norm;

		if (nb_next_piece(t, strlen(t), &num) > 0 && num)
			return 0;
	}
	return 1;
}

static int
fill_row(struct nb_report *r, const struct region *g, size_t ti, size_t ri,
    const struct hit *h)
{
	const struct nb_row_def *rd = &r->pack->tables[ti].rows[ri];
	size_t ci;

	for (ci = 0; ci < rd->cols.n; ci++) {
		size_t idx = cell_index(r->pack, ti, ri, ci);
		struct nb_cell *c;

		if (idx == NONE)
			continue;
		c = &r->cells[idx];
		if (!h->glued && ci < h->ntok) {
			if (fill_from_tok(r, c, &g->t[h->start + ci]) == -1)
				return -1;
			continue;
		}
		/* Row found, cell not there; or digits written together,
		 * unread until glued.c finds their one reading. */
		if (set_where(r, c, h->glued ? g->t[h->start].li : h->label_li,
		    h->glued ? g->t[h->start].off : 0,
		    h->glued ? g->t[h->start].len : 0) == -1)
			return -1;
		c->v.kind = NB_VAL_MISSING;
		c->conf = h->glued || row_lost(r, g, h) ? 0 : 1;
		c->src = h->glued ? NB_SRC_GLUED : c->conf > 0 ? NB_SRC_TEXT :
		    NB_SRC_NONE;
	}
	return 0;
}

int
nb_fill_glued(struct nb_report *r, const struct region *g, size_t ti,
    size_t ri, const struct hit *h, const int64_t *v, const uint8_t *tok,
    const uint8_t *at, const uint8_t *len)
{
	const struct nb_row_def *rd = &r->pack->tables[ti].rows[ri];

	for (size_t ci = 0; ci < rd->cols.n; ci++) {
		size_t idx = cell_index(r->pack, ti, ri, ci);
		const struct tok *t = &g->t[h->start + tok[ci]];
		/* Digits of a token map to its bytes only if it is ASCII. */
		int ascii = t->len == strlen(t->norm);
		struct nb_cell *c;

		if (idx == NONE)
			continue;
		c = &r->cells[idx];
		if (set_where(r, c, t->li, ascii ? t->off + at[ci] : t->off,
		    ascii ? len[ci] : t->len) == -1)
			return -1;
		c->v.kind = NB_VAL_INT;
		c->v.i = v[ci];
		c->v.d = (double)v[ci];
		c->conf = 1;
		c->src = NB_SRC_GLUED;
	}
	return 0;
}

/* Appends the labels of rows[] to the table's reason. */
static int
why_rows(struct nb_table *tb, const struct nb_table_def *td,
    const char *what, const size_t *rows, size_t n)
{
	size_t len = tb->why ? strlen(tb->why) : 0, need = len + strlen(what) + 8;
	char *w;

	for (size_t i = 0; i < n; i++)
		need += strlen(td->rows[rows[i]].label) + 8;
	if ((w = realloc(tb->why, need)) == NULL)
		return -1;
	tb->why = w;
	w[len] = '\0';
	if (len > 0)
		strcat(w, "；");
	strcat(w, what);
	for (size_t i = 0; i < n; i++) {
		strcat(w, i > 0 ? "、“" : "“");
		strcat(w, td->rows[rows[i]].label);
		strcat(w, "”");
	}
	return 0;
}

/* Solves the glued rows; records what is left unread and what no
 * reading makes add up.  Returns how many rows stay unread, or -1. */
static int
glued_rows(struct nb_report *r, const struct region *g, size_t ti,
    struct hit *hits)
{
	const struct nb_table_def *td = &r->pack->tables[ti];
	struct nb_table *tb = &r->tables[ti];
	struct nb_glued out;

	if (nb_solve_glued(r, g, ti, hits, &out) == -1)
		return -1;
	if (out.namb > 0 && why_rows(tb, td,
	    "数字粘连在一起、有不止一种拆分都符合表内关系的行：", out.ambiguous,
	    out.namb) == -1)
		return -1;
	if (out.nbad > 0) {
		if ((tb->bad_rows = malloc(out.nbad * sizeof(size_t))) == NULL)
			return -1;
		memcpy(tb->bad_rows, out.bad, out.nbad * sizeof(size_t));
		tb->nbad_rows = out.nbad;
	}
	return (int)out.namb;
}

int
nb_fill_table(struct nb_report *r, const struct region *g, size_t ti,
    struct hit *hits, int has_region)
{
	const struct nb_table_def *td = &r->pack->tables[ti];
	struct nb_table *tb = &r->tables[ti];
	size_t j;
	int unreadable, surely = 0;
	size_t lost[NB_GLUED_MAX], nlost = 0;

	/* Where some rows are surely glued, so are the others that may be. */
	for (j = 0; j < td->nrows && !surely; j++)
		surely = hits[j].found && hits[j].glued == 2;
	for (j = 0; j < td->nrows; j++)
		if (hits[j].glued == 1)
			hits[j].glued = surely;
	tb->rows_found = 0;
	tb->line = 0;
	/* Its header, else its first row, else its section's heading. */
	if (g->header != NONE)
		tb->line = r->doc->lines[g->header].lineno;
	for (j = 0; j < td->nrows; j++) {
		if (!hits[j].found)
			continue;
		if (tb->line == 0)
			tb->line = r->doc->lines[hits[j].label_li].lineno;
		tb->rows_found++;
		if (fill_row(r, g, ti, j, &hits[j]) == -1)
			return -1;
		if (!hits[j].glued && row_lost(r, g, &hits[j]) && nlost < NB_GLUED_MAX)
			lost[nlost++] = j;
	}
	if (nlost > 0 && why_rows(tb, td, "找到行名但没有读到数字的行：",
	    lost, nlost) == -1)
		return -1;
	if ((unreadable = glued_rows(r, g, ti, hits)) == -1)
		return -1;
	if (tb->line == 0 && has_region && td->section >= 1 &&
	    td->section <= 6)
		tb->line = r->sec[td->section].line;
	unreadable += (int)nlost;
	tb->confidence = unreadable ? 0.5 : 1;
	if (unreadable)
		tb->state = NB_TABLE_UNREADABLE;
	else if (tb->rows_found > 0 && (size_t)tb->rows_found == td->nrows)
		tb->state = NB_TABLE_COMPLETE;
	else if (tb->rows_found > 0)
		tb->state = NB_TABLE_PARTIAL;
	else if (has_region)
		tb->state = NB_TABLE_HEADER_ONLY;
	else
		tb->state = NB_TABLE_ABSENT;
	return 0;
}
