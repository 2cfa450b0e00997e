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

/* The pack's cells are in table, row, column order (parse_tables adds
 * them so): a binary search. */
static size_t
cell_index(const struct nb_pack *pack, size_t ti, size_t ri, size_t ci)
{
	size_t lo = 0, hi = pack->ncells;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct nb_cell_def *c = &pack->cells[mid];

		if (c->table < ti || (c->table == ti && (c->row < ri ||
		    (c->row == ri && c->col < ci))))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < pack->ncells && pack->cells[lo].table == ti &&
	    pack->cells[lo].row == ri && pack->cells[lo].col == ci)
		return lo;
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

	/* A cell filled again leaves its old token in the arena. */
	if ((c->v.raw = nb_arena_copy(&r->cell_text, l->raw + off, len)) ==
	    NULL) {
		c->v.raw = "";
		return -1;
	}
	c->v.line = l->lineno;
	c->v.page = l->page;
	/* Positions in the source, not in the logical line. */
	c->line_index = nb_lmap_src(r, li);
	c->off = nb_lmap_off(r, li) + off;
	c->len = len;
	return 0;
}

/* A cell of a scan: the recogniser's confidence of its bytes. */
static void
ocr_conf(const struct nb_report *r, struct nb_cell *c)
{
	double conf;

	if (!r->src->ocr)
		return;
	conf = nb_doc_conf_at(r->src, c->line_index, c->off, c->len);
	c->src = NB_SRC_OCR;
	/* no ink recognised: a blank cell, or digits too faint to see */
	c->conf = conf >= 0 ? conf : 0.5;
}

static int
fill_from_tok(struct nb_report *r, struct nb_cell *c, const struct tok *t)
{
	if (set_where(r, c, t->li, t->off, t->len) == -1)
		return -1;
	c->conf = 1;
	c->src = NB_SRC_TEXT;
	ocr_conf(r, c);
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

/* Row (ti, ri) read as v[] with column `blank` empty, the other cells
 * as read. */
struct trial {
	const struct nb_report	*r;
	size_t			 ti, ri, blank;
	const long long		*v;
};

/* A cell's value in the trial: none if blank, unread or not sure (the
 * relation cannot be assessed). */
static int
trial_value(const void *arg, long k, long long *v)
{
	const struct trial *t = arg;
	const struct nb_cell_def *cd;
	const struct nb_cell *c;

	if (k < 0)
		return 0;
	cd = &t->r->pack->cells[k];
	c = &t->r->cells[k];
	if (cd->table == t->ti && cd->row == t->ri) {
		if (cd->col == t->blank)
			return 0;
		*v = t->v[cd->col];
		return 1;
	}
	if (c->v.kind != NB_VAL_INT || c->conf < 1)
		return 0;
	*v = c->v.i;
	return 1;
}

int
nb_row_breaks(const struct nb_report *r, size_t ti, size_t ri,
    const long long *v, size_t blank, size_t rel)
{
	const struct trial t = { r, ti, ri, blank, v };
	long long side[2];

	return nb_relation_sums(r->pack, &r->pack->relations[rel],
	    trial_value, &t, side) && side[0] != side[1];
}

int
nb_row_holds(const struct nb_report *r, size_t ti, size_t ri,
    const long long *v, size_t blank)
{
	for (size_t i = 0; i < r->pack->nrelations; i++)
		if (nb_row_breaks(r, ti, ri, v, blank, i))
			return 0;
	return 1;
}

/*
 * A row of running text one number short: a blank cell lost with its
 * separator.  Its column is known when a blank there alone keeps every
 * relation of the table that can still be assessed, the other rows as
 * read for sure (real file 23's 结转下年度 "1 0 0 0 0 0": only a blank
 * 总计 keeps 一 + 二 = 七 + 四 in every column; anywhere else 36 = 35 or
 * 2 = 3).  Then every relation through the row holds or cannot be
 * assessed, so the place can give no error.  Returns that column, or
 * NONE: no such row, or more than one place (or none) fits.
 */
static size_t
blank_place(const struct nb_report *r, const struct region *g, size_t ti,
    size_t ri, const struct hit *h)
{
	size_t n = r->pack->tables[ti].rows[ri].cols.n, t = h->start, p,
	    k, at = NONE, fits = 0;
	long long got[MAX_FUSED_COLS], v[MAX_FUSED_COLS];

	if (h->glued || h->ntok == 0 || h->ntok + 1 != n ||
	    n > MAX_FUSED_COLS)
		return NONE;
	for (k = 0; k < h->ntok; k++, t++) {
		char *end;

		while (g->t[t].kind != TK_NUM)
			t++;
		if (g->t[t].blank || strchr(g->t[t].norm, '.') != NULL)
			return NONE;
		errno = 0;
		got[k] = strtoll(g->t[t].norm, &end, 10);
		if (errno != 0 || *end != '\0')
			return NONE;
	}
	for (p = 0; p < n; p++) {
		for (k = 0; k < n; k++)
			v[k] = k < p ? got[k] : k > p ? got[k - 1] : 0;
		if (nb_row_holds(r, ti, ri, v, p) && fits++ == 0)
			at = p;
	}
	return fits == 1 ? at : NONE;
}

static int
fill_row(struct nb_report *r, const struct region *g, size_t ti, size_t ri,
    const struct hit *h, size_t blank)
{
	const struct nb_row_def *rd = &r->pack->tables[ti].rows[ri];
	size_t ci, t = h->start, k = 0;

	for (ci = 0; ci < rd->cols.n; ci++) {
		size_t idx = cell_index(r->pack, ti, ri, ci);
		struct nb_cell *c;

		if (idx == NONE)
			continue;
		c = &r->cells[idx];
		if (!h->glued && h->cols > 1) {
			/* Its block printed column by column (blocks.c). */
			if (fill_from_tok(r, c, &g->t[h->start - h->pos *
			    rd->cols.n + ci * h->cols + h->pos]) == -1)
				return -1;
			continue;
		}
		if (!h->glued && ci != blank && k < h->ntok) {
			/* The k-th number from start, past a label's tail
			 * and a page number (surplus.c). */
			while (g->t[t].kind != TK_NUM || (h->drop != 0 &&
			    t - h->start < 64 &&
			    (h->drop >> (t - h->start) & 1)))
				t++;
			k++;
			if (fill_from_tok(r, c, &g->t[t++]) == -1)
				return -1;
			/* a row placed by the grid's order (gap.c) */
			if (h->placed && c->conf > NB_PLACED_CONF)
				c->conf = NB_PLACED_CONF;
			continue;
		}
		/* Row found, cell not there; or digits written together,
		 * unread until glued.c finds their one reading. */
		if (set_where(r, c, h->glued ? g->t[h->start].li : h->label_li,
		    h->glued ? g->t[h->start].off : 0,
		    h->glued ? g->t[h->start].len : 0) == -1)
			return -1;
		c->v.kind = NB_VAL_MISSING;
		/* the blank of a short row: its place known (blank_place) */
		c->conf = h->glued || (ci != blank && row_lost(r, g, h)) ? 0 : 1;
		c->src = h->glued ? NB_SRC_GLUED : c->conf > 0 ? NB_SRC_TEXT :
		    NB_SRC_NONE;
		/* a scan's cell with no ink read: blank, or digits too faint */
		if (c->src == NB_SRC_TEXT && r->src->ocr) {
			c->src = NB_SRC_OCR;
			c->conf = 0.5;
		}
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

/*
 * A row with fewer numbers than cells in running text: which cell is
 * blank cannot be told, and taken in order the later ones would shift
 * left.  Nothing of it is read for sure.
 */
static void
short_row(struct nb_report *r, size_t ti, size_t ri)
{
	for (size_t i = 0; i < r->pack->ncells; i++)
		if (r->pack->cells[i].table == ti && r->pack->cells[i].row == ri)
			r->cells[i].conf = 0;
}

/*
 * The short rows whose lost blank has one place (blank_place), once the
 * other rows are read: filled with the blank there, and dropped from
 * shorts[] (*n of them).  Returns 0, or -1 on failure.
 */
static int
place_blanks(struct nb_report *r, const struct region *g, size_t ti,
    const struct hit *hits, size_t *shorts, size_t *n)
{
	size_t k, w = 0;

	for (k = 0; k < *n; k++) {
		size_t at = blank_place(r, g, ti, shorts[k], &hits[shorts[k]]);
		if (at == NONE) {
			shorts[w++] = shorts[k];
			continue;
		}
		if (fill_row(r, g, ti, shorts[k], &hits[shorts[k]], at) == -1)
			return -1;
	}
	*n = w;
	return 0;
}

/*
 * Rows whose run held more numbers than their cells, not page furniture
 * after them: read again without the one number that is not theirs
 * (surplus.c), else read for nothing and kept in over[] (*n of them).
 * None is read for sure while the others are tried.  0, or -1 on
 * failure.
 */
static int
surplus_rows(struct nb_report *r, const struct region *g, size_t ti,
    struct hit *hits, size_t *over, size_t *n)
{
	size_t j, nrows = r->pack->tables[ti].nrows;

	int more[NB_GLUED_MAX] = { 0 };

	*n = 0;
	for (j = 0; j < nrows && j < NB_GLUED_MAX; j++)
		if ((more[j] = nb_surplus(g, &hits[j]) > 0 &&
		    !nb_surplus_trails(g, &hits[j])))
			short_row(r, ti, j);
	for (j = 0; j < nrows && j < NB_GLUED_MAX; j++) {
		if (!more[j])
			continue;
		if (nb_surplus_drop(r, g, ti, j, &hits[j])) {
			if (fill_row(r, g, ti, j, &hits[j], NONE) == -1)
				return -1;
		} else if (*n < NB_GLUED_MAX) {
			short_row(r, ti, j);
			over[(*n)++] = j;
		}
	}
	return 0;
}

/* Appends the labels of rows[] to the table's reason. */
static int
why_rows(struct nb_table *tb, const struct nb_table_def *td,
    const char *what, const size_t *rows, size_t n)
{
	/* "；" before, "、“" and "”" around each label: 3 bytes a mark. */
	size_t len = tb->why ? strlen(tb->why) : 0,
	    need = len + strlen("；") + strlen(what) + 1;
	char *w;

	/* Each label takes "、“" and "”": 9 bytes besides its own. */
	for (size_t i = 0; i < n; i++)
		need += strlen(td->rows[rows[i]].label) + 12;
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

/* The digits of a glued row as printed (its tokens, a space between). */
static int
bad_digits(const struct nb_report *r, const struct region *g, size_t ti,
    const struct hit *h, struct nb_bad_row *b)
{
	size_t ncols = r->pack->tables[ti].rows[b->row].cols.n;
	size_t i, n = 0;

	for (i = h->start; i < h->start + h->ntok; i++)
		n += g->t[i].len + 1;
	if ((b->digits = malloc(n + 1)) == NULL)
		return -1;
	for (n = 0, i = h->start; i < h->start + h->ntok; i++) {
		const struct tok *t = &g->t[i];

		if (n > 0)
			b->digits[n++] = ' ';
		memcpy(b->digits + n, r->doc->lines[t->li].raw + t->off, t->len);
		n += t->len;
	}
	b->digits[n] = '\0';
	b->line = h->ntok > 0 ? r->doc->lines[g->t[h->start].li].lineno : 0;
	if ((b->cells = calloc(ncols ? ncols : 1, sizeof(*b->cells))) == NULL)
		return -1;
	for (i = 0; i < r->pack->ncells; i++)
		if (r->pack->cells[i].table == ti &&
		    r->pack->cells[i].row == b->row && b->ncells < ncols)
			b->cells[b->ncells++] = r->pack->cells[i].id;
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
	if (out.nsplit > 0 && why_rows(tb, td,
	    "数字粘连或缺失、无法确定各列数字的行：", out.nosplit,
	    out.nsplit) == -1)
		return -1;
	if (out.nbad > 0 && (tb->bad_rows = calloc(out.nbad,
	    sizeof(*tb->bad_rows))) == NULL)
		return -1;
	for (size_t k = 0; k < out.nbad; k++) {
		struct nb_bad_row *b = &tb->bad_rows[k];

		b->row = out.bad[k];
		b->rel = out.bad_rel[k] == NONE ? -1 : (long)out.bad_rel[k];
		tb->nbad_rows++;
		if (bad_digits(r, g, ti, &hits[b->row], b) == -1)
			return -1;
	}
	return (int)(out.namb + out.nsplit);
}

int
nb_fill_table(struct nb_report *r, const struct region *g, size_t ti,
    struct hit *hits, int has_region)
{
	const struct nb_table_def *td = &r->pack->tables[ti];
	struct nb_table *tb = &r->tables[ti];
	size_t j;
	int unreadable, surely = 0;
	size_t lost[NB_GLUED_MAX], nlost = 0, shorts[NB_GLUED_MAX], nshort = 0;
	size_t doubt[NB_GLUED_MAX], ndoubt, block[NB_GLUED_MAX], nblock;
	size_t over[NB_GLUED_MAX], nover;

	/* Where some rows are surely glued, so are the others that may be. */
	for (j = 0; j < td->nrows && !surely; j++)
		surely = hits[j].found && hits[j].glued == 2;
	for (j = 0; j < td->nrows; j++)
		if (hits[j].glued == 1)
			hits[j].glued = surely;
	tb->rows_found = 0;
	tb->line = 0;
	nblock = nb_block_orders(r, g, ti, hits, block, NB_GLUED_MAX);
	/* Its header, else its first row, else its section's heading. */
	if (g->header != NONE)
		tb->line = r->doc->lines[g->header].lineno;
	for (j = 0; j < td->nrows; j++) {
		/* Its label is there, its numbers not found: lost, not
		 * left out. */
		if (!hits[j].found && hits[j].seen && nlost < NB_GLUED_MAX)
			lost[nlost++] = j;
		if (!hits[j].found)
			continue;
		if (tb->line == 0)
			tb->line = r->doc->lines[hits[j].label_li].lineno;
		tb->rows_found++;
		if (fill_row(r, g, ti, j, &hits[j], NONE) == -1)
			return -1;
		if (!hits[j].glued && row_lost(r, g, &hits[j]) && nlost < NB_GLUED_MAX)
			lost[nlost++] = j;
		else if (!hits[j].glued && hits[j].ntok > 0 &&
		    hits[j].ntok < td->rows[j].cols.n && nshort < NB_GLUED_MAX) {
			short_row(r, ti, j);
			shorts[nshort++] = j;
		}
	}
	if (place_blanks(r, g, ti, hits, shorts, &nshort) == -1 ||
	    surplus_rows(r, g, ti, hits, over, &nover) == -1)
		return -1;
	if (nover > 0 && why_rows(tb, td, "数字比列数多、无法确定哪个数字不是"
	    "表格内容（如页码）的行：", over, nover) == -1)
		return -1;
	for (j = 0; j < nblock; j++)
		short_row(r, ti, block[j]);
	if (nblock > 0 && why_rows(tb, td, "数字连成一串、按行读和按列读都说得通"
	    "的行：", block, nblock) == -1)
		return -1;
	if ((ndoubt = nb_order_doubts(r, ti, hits, doubt, NB_GLUED_MAX)) > 0 &&
	    why_rows(tb, td, "按表格行序对应、数字却不满足勾稽关系的行：",
	    doubt, ndoubt) == -1)
		return -1;
	if (nlost > 0 && why_rows(tb, td, "找到行名但没有读到数字的行：",
	    lost, nlost) == -1)
		return -1;
	if (nshort > 0 && why_rows(tb, td, "数字少于列数、无法确定空白单元格在"
	    "哪一列的行：", shorts, nshort) == -1)
		return -1;
	nlost += nshort;
	if ((unreadable = glued_rows(r, g, ti, hits)) == -1)
		return -1;
	if (tb->line == 0 && has_region && td->section >= 1 &&
	    td->section <= 6)
		tb->line = r->sec[td->section].line;
	unreadable += (int)(nlost + ndoubt + nblock + nover);
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
