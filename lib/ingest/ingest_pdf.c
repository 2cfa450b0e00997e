/*
 * ingest_pdf.c -- PDF text with its layout, through poppler-glib, in the
 * process (no child, no PATH lookup; the daemon already parses untrusted
 * files in worker processes).
 *
 * poppler_page_get_text() gives reading order, which scatters a table's
 * columns; pdftotext -layout keeps rows but only as runs of spaces, and
 * neither can tell which line of a wrapped, vertically centred label
 * belongs to which row.  So the layout is rebuilt here from each
 * character's box (poppler_page_get_text_layout()):
 *
 *  - Ruled tables (pdf_grid.c finds their rules on a rendering of the
 *    page): every character goes to the cell it is drawn in; a row is
 *    one line, cells separated by '\t' and laid out on the table's
 *    columns, the text of a cell spanning rows on the first of them --
 *    what the DOCX and HTML readers make of the same table.
 *  - Everything else: characters grouped into visual lines by their
 *    vertical centre, left to right, with a '\t' where the gap between
 *    two is wider than a cell's padding and a space where it is
 *    word-sized.
 *
 * poppler stretches the box of a character to the start of the next one
 * when it takes them for one word, which it does with the digits of
 * narrow adjacent table cells ("0 0 0" drawn as "000").  So the end of a
 * digit or a Chinese character is taken as no further than its usual
 * advance (0.56 em, 1.05 em) from its start, the em being the font size
 * poppler reports (poppler_page_get_text_attributes()).
 *
 * Lines are numbered through the whole file; each keeps its page and the
 * visual line of the page it starts on (pdf_lines.c).  A PDF
 * with no text at all (a scan) is not an error: the document comes back
 * empty with no_text set, so the engine can say why.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <poppler.h>

#include "pdf_grid.h"
#include "pdf_lines.h"
#include "pdf_paths.h"
#include "readers.h"

/* Gaps, in ems of the line's largest font. */
#define NB_GAP_TAB	1.0	/* cell padding of tables is wider */
#define NB_GAP_SPACE	0.18	/* a space in Latin text */
/* Widest advance of a digit and of a Chinese character, in ems. */
#define NB_ADV_DIGIT	0.56
#define NB_ADV_CJK	1.05

struct glyph {
	double		 x1, x2, yc, h;
	double		 em;		/* font size */
	double		 adv;		/* x2 - x1 at most this */
	size_t		 off, len;	/* UTF-8 bytes in the page text */
	long		 band, cell;	/* table cell, or -1 */
	int		 digit;
};

struct page {
	struct nb_pdf_src *src;		/* for the grid finder, or NULL */
	int		 index;		/* 0-based */
	const char	*text;
	struct glyph	*g;
	size_t		 n;
};

static int
by_y(const void *a, const void *b)
{
	const struct glyph *p = a, *q = b;

	if (p->yc != q->yc)
		return p->yc < q->yc ? -1 : 1;
	return p->x1 < q->x1 ? -1 : p->x1 > q->x1;
}

static int
by_x(const void *a, const void *b)
{
	const struct glyph *p = a, *q = b;

	if (p->x1 != q->x1)
		return p->x1 < q->x1 ? -1 : 1;
	return p->off < q->off ? -1 : p->off > q->off;
}

static int
is_space_char(gunichar c)
{
	return g_unichar_isspace(c) || c == 0x3000 || c == 0xa0;
}

static int
is_wide(gunichar c)
{
	return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xff00 && c <= 0xffef);
}

/* Font size of character i; attrs walks the (ordered) attribute runs. */
static double
font_size(GList **attrs, guint i, double h)
{
	const PopplerTextAttributes *a;

	while (*attrs != NULL) {
		a = (*attrs)->data;
		if ((guint)a->end_index >= i)
			break;
		*attrs = (*attrs)->next;
	}
	if (*attrs != NULL) {
		a = (*attrs)->data;
		if ((guint)a->start_index <= i && a->font_size > 0)
			return a->font_size;
	}
	return h / 1.2;	/* boxes are about 1.0 to 1.3 em high */
}

static void
add_glyph(struct page *pg, const PopplerRectangle *r, gunichar c,
    double em, const char *p, const char *next)
{
	struct glyph *g = &pg->g[pg->n++];

	g->x1 = r->x1;
	g->x2 = r->x2;
	g->yc = (r->y1 + r->y2) / 2;
	g->h = r->y2 - r->y1;
	g->em = em;
	g->digit = c >= '0' && c <= '9';
	g->adv = g->digit ? NB_ADV_DIGIT * em : is_wide(c) ? NB_ADV_CJK * em :
	    HUGE_VAL;
	g->band = g->cell = -1;
	g->off = (size_t)(p - pg->text);
	g->len = (size_t)(next - p);
}

/* Pairs each visible character of the page text with its box. */
static int
collect(struct page *pg, const PopplerRectangle *r, guint nr, GList *attrs)
{
	const char *p = pg->text, *next;
	guint i;

	if ((pg->g = calloc(nr ? nr : 1, sizeof(*pg->g))) == NULL)
		return -1;
	for (i = 0; i < nr && *p != '\0'; i++, p = next) {
		gunichar c = g_utf8_get_char_validated(p, -1);

		next = g_utf8_next_char(p);
		if (c == (gunichar)-1 || c == (gunichar)-2)
			break;
		/* hostile files place text anywhere, NaN included: such
		 * boxes would break the sorting and the layout */
		if (is_space_char(c) || !(r[i].y2 > r[i].y1) ||
		    !isfinite(r[i].x1) || !isfinite(r[i].x2) ||
		    !isfinite(r[i].y1) || !isfinite(r[i].y2) ||
		    fabs(r[i].x1) > 1e6 || fabs(r[i].y1) > 1e6 ||
		    fabs(r[i].x2) > 1e6 || fabs(r[i].y2) > 1e6)
			continue;
		add_glyph(pg, &r[i], c, font_size(&attrs, i, r[i].y2 - r[i].y1),
		    p, next);
	}
	return 0;
}

/* Builds the text of glyphs [a, b), already sorted left to right. */
static int
line_text(const struct page *pg, size_t a, size_t b, struct nb_buf *out)
{
	double em = 0, gap;
	size_t i;

	for (i = a; i < b; i++)
		if (pg->g[i].em > em)
			em = pg->g[i].em;
	out->len = 0;
	for (i = a; i < b; i++) {
		if (i > a) {
			const struct glyph *q = &pg->g[i - 1];

			gap = pg->g[i].x1 - (q->x1 + fmin(q->x2 - q->x1, q->adv));
			if (gap > NB_GAP_TAB * em &&
			    nb_buf_add(out, "\t", 1) == -1)
				return -1;
			if (gap > NB_GAP_SPACE * em && gap <= NB_GAP_TAB * em &&
			    nb_buf_add(out, " ", 1) == -1)
				return -1;
		}
		if (nb_buf_add(out, pg->text + pg->g[i].off, pg->g[i].len) == -1)
			return -1;
	}
	return 0;
}

/*
 * Splits glyphs [a, b) into visual lines, top to bottom.  Outside tables
 * each line is an item; inside a cell (cell != NULL) the lines are joined
 * into the cell's text, as a wrapped label is one label.
 */
static int
lines_of(struct page *pg, size_t a, size_t b, struct nb_items *it,
    struct nb_buf *cell)
{
	struct nb_buf line = { 0 };
	size_t i, k;
	int rc = 0;

	qsort(pg->g + a, b - a, sizeof(*pg->g), by_y);
	for (i = a + 1; rc == 0 && i <= b; i++) {
		if (i < b && pg->g[i].yc - pg->g[a].yc <
		    0.5 * fmin(pg->g[i].h, pg->g[a].h))
			continue;
		qsort(pg->g + a, i - a, sizeof(*pg->g), by_x);
		if (line_text(pg, a, i, &line) == -1)
			rc = -1;
		else if (cell == NULL)
			rc = nb_items_add(it, pg->g[a].yc, &line);
		else {
			for (k = 0; k < line.len; k++)
				if (line.p[k] == '\t')
					line.p[k] = ' ';
			rc = nb_buf_join(cell, line.p, line.len);
		}
		a = i;
	}
	nb_buf_free(&line);
	return rc;
}

/* The cell of band b under x, or -1. */
static long
cell_at(const struct nb_band *b, double x)
{
	size_t i;

	for (i = 0; i + 1 < b->nxs; i++)
		if (b->xs[i] <= x && x < b->xs[i + 1])
			return (long)i;
	return -1;
}

/*
 * Puts each glyph in its table cell.  A cell with no rule above it
 * continues the cell above (a label spanning rows): its glyphs go to the
 * top cell of the span, so the label is whole, on the span's first row,
 * as DOCX and HTML readers give it.
 */
static void
assign_cells(struct page *pg, const struct nb_grid *g)
{
	size_t i, k;

	for (i = 0; i < pg->n; i++) {
		struct glyph *q = &pg->g[i];
		double xc = q->x1 + fmin(q->x2 - q->x1, q->adv) / 2;
		long b = -1, c = -1;

		for (k = 0; k < g->nbands && b == -1; k++)
			if (g->bands[k].y1 <= q->yc && q->yc <= g->bands[k].y2 &&
			    (c = cell_at(&g->bands[k], xc)) != -1)
				b = (long)k;
		while (b != -1 && g->bands[b].above != -1) {
			const struct nb_band *bd = &g->bands[b];
			long up;

			if (nb_grid_top_at(g, bd, (bd->xs[c] + bd->xs[c + 1]) / 2))
				break;
			up = cell_at(&g->bands[bd->above], xc);
			if (up == -1)
				break;
			b = bd->above;
			c = up;
		}
		q->band = b;
		q->cell = c;
	}
}

static int
by_cell(const void *a, const void *b)
{
	const struct glyph *p = a, *q = b;

	if (p->band != q->band)
		return p->band < q->band ? -1 : 1;
	if (p->cell != q->cell)
		return p->cell < q->cell ? -1 : 1;
	return by_y(a, b);
}

/* One table row: its cells' text, '\t' between, spans laid out. */
static int
row_of(struct page *pg, const struct nb_grid *g, size_t band, size_t *pos,
    struct nb_items *it)
{
	const struct nb_band *b = &g->bands[band];
	struct nb_buf row = { 0 }, cell = { 0 };
	size_t c, nf = 0, s, end;
	double top = HUGE_VAL;
	int rc = 0;

	for (c = 0; rc == 0 && c + 1 < b->nxs; c++) {
		for (end = *pos; end < pg->n && pg->g[end].band == (long)band &&
		    pg->g[end].cell == (long)c; end++)
			top = fmin(top, pg->g[end].yc);
		cell.len = 0;
		if (end > *pos)
			rc = lines_of(pg, *pos, end, it, &cell);
		*pos = end;
		if (rc == 0 && nb_row_field(&row, &nf, cell.p ? cell.p : "",
		    cell.len) == -1)
			rc = -1;
		for (s = nb_grid_span(b, b->xs[c], b->xs[c + 1]);
		    rc == 0 && s > 1; s--)
			if (nb_row_field(&row, &nf, "", 0) == -1)
				rc = -1;
	}
	/* In order by the band, numbered by the row's first line of text. */
	if (rc == 0 && strspn(row.p ? row.p : "", "\t ") < row.len &&
	    (rc = nb_items_add(it, b->y1, &row)) == 0)
		it->v[it->n - 1].top = top;
	nb_buf_free(&row);
	nb_buf_free(&cell);
	return rc;
}

/* Lines outside tables, rows of tables, in the order of the page. */
static int
page_items(struct page *pg, const struct nb_grid *g, struct nb_items *it)
{
	size_t pos = 0, band;

	assign_cells(pg, g);
	qsort(pg->g, pg->n, sizeof(*pg->g), by_cell);
	while (pos < pg->n && pg->g[pos].band == -1)
		pos++;
	if (lines_of(pg, 0, pos, it, NULL) == -1)
		return -1;
	for (band = 0; band < g->nbands; band++)
		if (row_of(pg, g, band, &pos, it) == -1)
			return -1;
	if (it->n > 1)
		qsort(it->v, it->n, sizeof(*it->v), nb_item_cmp);
	return 0;
}

/*
 * Does a line of the page hold three numbers with nothing but space
 * between them, as a table row does?  Rendering a page to find its rules
 * costs several times reading its text, and most pages are prose, whose
 * dates and counts have words between the numbers.
 */
static int
has_number_row(const struct page *pg)
{
	size_t i;
	int streak = 0;

	for (i = 0; i < pg->n; i++) {
		const struct glyph *q = &pg->g[i], *p = i ? &pg->g[i - 1] : NULL;
		int newline = p == NULL || fabs(q->yc - p->yc) > 0.5 * q->em;
		char c = pg->text[q->off];

		if (newline)
			streak = 0;
		if (!q->digit) {
			if (c != ' ' && c != '\t' && c != '.')
				streak = 0;
			continue;
		}
		/* A digit after a non-digit or after a gap starts a number. */
		if (newline || !p->digit || q->x1 - p->x2 > 0.3 * q->em)
			streak++;
		if (streak >= 3)
			return 1;
	}
	return 0;
}

/*
 * The ink of each character: its advance (not poppler's stretched box,
 * which may reach over a cell's border), the middle 0.9 em of its
 * height (its box may touch the rule under it).
 */
static int
find_grid(PopplerPage *page, const struct page *pg, struct nb_grid *g)
{
	struct nb_box *ink;
	size_t i;
	int rc;

	if ((ink = calloc(pg->n ? pg->n : 1, sizeof(*ink))) == NULL)
		return -1;
	for (i = 0; i < pg->n; i++) {
		const struct glyph *q = &pg->g[i];

		ink[i].x1 = q->x1;
		ink[i].x2 = q->x1 + fmin(q->x2 - q->x1, q->adv);
		ink[i].y1 = q->yc - 0.45 * q->em;
		ink[i].y2 = q->yc + 0.45 * q->em;
	}
	rc = nb_grid_find(page, pg->src, pg->index, ink, pg->n, g);
	free(ink);
	return rc;
}

/* Lays the page out and adds its lines to doc. */
static int
emit_page(struct nb_doc *doc, PopplerPage *page, struct page *pg,
    unsigned pageno, unsigned *lineno)
{
	struct nb_grid g = { NULL, 0, NULL, 0 };
	struct nb_items it = { NULL, 0, 0 };
	struct nb_vlines vl = { NULL, 0 };
	size_t i;
	int rc = 0;

	/* Tables worth finding hold numbers; rendering costs time. */
	if (has_number_row(pg) && find_grid(page, pg, &g) == -1)
		return -1;
	if (nb_vlines_find(pg->g, pg->n, sizeof(*pg->g),
	    offsetof(struct glyph, yc), offsetof(struct glyph, h), &vl) == -1 ||
	    page_items(pg, &g, &it) == -1)
		rc = -1;
	for (i = 0; rc == 0 && i < it.n; i++)
		if ((rc = nb_doc_add_line(doc, it.v[i].text, it.v[i].len,
		    ++*lineno, pageno)) == 0)
			nb_doc_set_page_line(doc,
			    nb_vlines_at(&vl, it.v[i].top));
	nb_vlines_free(&vl);
	nb_items_free(&it);
	nb_grid_free(&g);
	return rc;
}

static int
read_page(struct nb_doc *doc, PopplerPage *page, struct nb_pdf_src *src,
    unsigned pageno, unsigned *lineno, size_t *nglyphs)
{
	PopplerRectangle *r = NULL;
	struct page pg = { src, (int)pageno - 1, NULL, NULL, 0 };
	GList *attrs;
	guint nr = 0;
	char *text;
	int rc = -1;

	if ((text = poppler_page_get_text(page)) == NULL)
		return 0;
	pg.text = text;
	if (!poppler_page_get_text_layout(page, &r, &nr))
		nr = 0;
	attrs = poppler_page_get_text_attributes(page);
	if (collect(&pg, r, nr, attrs) == 0 &&
	    emit_page(doc, page, &pg, pageno, lineno) == 0)
		rc = 0;
	*nglyphs += pg.n;
	poppler_page_free_text_attributes(attrs);
	free(pg.g);
	g_free(r);
	g_free(text);
	return rc;
}

static PopplerDocument *
open_pdf(const char *name, const char *buf, size_t len,
    struct nb_error *err)
{
	PopplerDocument *pd;
	GError *ge = NULL;
	GBytes *bytes;

	if ((bytes = g_bytes_new_static(buf, len)) == NULL) {
		nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
		return NULL;
	}
	pd = poppler_document_new_from_bytes(bytes, NULL, &ge);
	g_bytes_unref(bytes);
	if (pd != NULL)
		return pd;
	if (ge != NULL && ge->domain == POPPLER_ERROR &&
	    ge->code == POPPLER_ERROR_ENCRYPTED)
		nb_fail(err, NB_ERR_FORMAT, "%s: PDF 文件已加密，无法读取：请"
		    "提交未加密的 PDF", name);
	else
		nb_fail(err, NB_ERR_FORMAT, "%s: PDF 文件已损坏或不完整（%s）",
		    name, ge != NULL ? ge->message : "无法打开");
	if (ge != NULL)
		g_error_free(ge);
	return NULL;
}

static int
read_pages(const char *name, PopplerDocument *pd, struct nb_pdf_src *src,
    struct nb_doc *doc, const struct nb_limits *lim, struct nb_error *err)
{
	int i, n = poppler_document_get_n_pages(pd);
	unsigned lineno = 0;
	size_t nglyphs = 0;

	if (n <= 0)
		return nb_fail(err, NB_ERR_FORMAT, "%s: PDF 文件没有页面，"
		    "文件可能已损坏或不完整", name);
	if ((size_t)n > lim->max_pages)
		return nb_fail(err, NB_ERR_TOO_BIG, "%s: PDF 共 %d 页，超过上限 "
		    "%zu 页", name, n, lim->max_pages);
	for (i = 0; i < n; i++) {
		PopplerPage *page = poppler_document_get_page(pd, i);

		if (page == NULL)
			continue;
		if (read_page(doc, page, src, (unsigned)i + 1, &lineno,
		    &nglyphs) == -1) {
			g_object_unref(page);
			return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
		}
		g_object_unref(page);
	}
	doc->no_text = nglyphs == 0;
	return 0;
}

struct nb_doc *
nb_read_pdf(const char *name, const char *buf, size_t len,
    const struct nb_limits *lim, struct nb_error *err)
{
	PopplerDocument *pd;
	struct nb_pdf_src *src;
	struct nb_doc *doc;

	if ((pd = open_pdf(name, buf, len, err)) == NULL)
		return NULL;
	/* the same bytes through poppler's core API, for the paths of the
	 * pages (pdf_paths.cc); without it pages are rendered whole */
	src = nb_paths_open(buf, len);
	if ((doc = nb_doc_new(name)) == NULL) {
		nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
	} else {
		doc->kind = "pdf";
		doc->encoding = "UTF-8";
		if (read_pages(name, pd, src, doc, lim, err) == -1) {
			nb_doc_free(doc);
			doc = NULL;
		}
	}
	nb_paths_close(src);
	g_object_unref(pd);
	return doc;
}
