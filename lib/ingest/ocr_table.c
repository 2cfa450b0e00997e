/*
 * ocr_table.c -- the ruled tables of a scanned page, cell by cell.
 *
 * Page OCR reads the rules of a table as "1", "|" and "l" and loses
 * which number sits in which column.  So the rules are found first, by
 * the same code as for a PDF's rendering (pdf_grid.c, on the black and
 * white page), and every cell is recognised on its own, inside its
 * rules: a number cell in digits-only mode (the confidence of its least
 * sure digit is the cell's), a label cell in Chinese.  A row becomes one
 * line, cells separated by '\t' and laid out on the table's columns,
 * the text of a cell spanning rows on the first of them -- what the PDF,
 * DOCX and HTML readers make of the same table, so the model maps it to
 * the official layout by the same row labels and column counts.
 *
 * Which cells hold numbers is judged by the shape of their ink before
 * anything is recognised: digits are one stroke each, narrower than
 * high, on one line; Chinese characters are about square.  A cell that
 * looks like digits but does not read as digits is read as text.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ocr_priv.h"

#define OCR_INSET	1.2	/* points kept off a cell's rules */
#define OCR_SPECK	0.5	/* points: smaller ink is noise */
#define OCR_DIGIT_W	0.85	/* widest digit, in line heights */
#define OCR_MAX_DIGITS	14
#define OCR_MIN_DIGIT_CONF 0.30	/* less: not digits after all */

/*
 * Specks of a noisy scan beside a number: ink less than a third of the
 * tallest both ways, unless it sits between two larger pieces on their
 * baseline (a decimal point).
 */
static BOXA *
drop_specks(BOXA *in)
{
	int i, n = boxaGetCount(in), maxh = 0, xa = 1 << 30, xb = -1, base = 0;
	BOXA *out;

	for (i = 0; i < n; i++) {
		BOX *b = in->box[i];

		if (b->h > maxh)
			maxh = b->h;
	}
	for (i = 0; i < n; i++) {
		BOX *b = in->box[i];

		if (3 * b->h < maxh && 3 * b->w < maxh)
			continue;
		xa = b->x < xa ? b->x : xa;
		xb = b->x + b->w > xb ? b->x + b->w : xb;
		base = b->y + b->h > base ? b->y + b->h : base;
	}
	if ((out = boxaCreate(n > 0 ? n : 1)) == NULL) {
		boxaDestroy(&in);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		BOX *b = in->box[i];
		int small = 3 * b->h < maxh && 3 * b->w < maxh;

		if (!small || (b->x > xa && b->x + b->w < xb &&
		    b->y + b->h >= base - maxh / 4))
			boxaAddBox(out, b, L_COPY);
	}
	boxaDestroy(&in);
	return out;
}

/* The ink of a cell: its components without specks. */
static BOXA *
ink_of(const struct ocr_page *p, const BOX *cell)
{
	PIX *clip;
	BOXA *all, *out;
	int i, n, min = (int)ceil(OCR_SPECK * p->scale);

	if ((clip = pixClipRectangle(p->bin, (BOX *)cell, NULL)) == NULL)
		return NULL;
	all = pixConnComp(clip, NULL, 8);
	pixDestroy(&clip);
	if (all == NULL)
		return NULL;
	n = boxaGetCount(all);
	if ((out = boxaCreate(n > 0 ? n : 1)) == NULL) {
		boxaDestroy(&all);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		BOX *b = boxaGetBox(all, i, L_CLONE);

		/* ink touching the cell's edge is a rule's, turned by what
		 * skew is left; a digit keeps off its rules */
		if (b != NULL && (b->w >= min || b->h >= min) && b->x > 0 &&
		    b->y > 0 && b->x + b->w < cell->w && b->y + b->h < cell->h) {
			b->x += cell->x;
			b->y += cell->y;
			boxaAddBox(out, b, L_COPY);
		}
		boxDestroy(&b);
	}
	boxaDestroy(&all);
	return drop_specks(out);
}

static int
by_x(const void *a, const void *b)
{
	const BOX *p = *(BOX *const *)a, *q = *(BOX *const *)b;

	return p->x < q->x ? -1 : p->x > q->x;
}

/*
 * Does the ink look like a number?  One line; columns of ink (components
 * overlapping in x taken together) narrower than OCR_DIGIT_W of the
 * line height.  A dash ("—", "-"), wide and flat, is a written blank.
 */
static int
digit_shape(BOXA *ink, int *dash)
{
	int i, n = boxaGetCount(ink), top = 1 << 30, bot = -1, h, cols = 0;
	int x2 = -1, x1 = 0, wide = 0;
	BOX **v;

	*dash = 0;
	if (n == 0 || (v = calloc((size_t)n, sizeof(*v))) == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		v[i] = ink->box[i];
		if (v[i]->y < top)
			top = v[i]->y;
		if (v[i]->y + v[i]->h > bot)
			bot = v[i]->y + v[i]->h;
	}
	h = bot - top;
	qsort(v, (size_t)n, sizeof(*v), by_x);
	if (n == 1 && v[0]->w > 3 * v[0]->h) {
		*dash = 1;
		free(v);
		return 0;
	}
	for (i = 0; i <= n; i++) {
		if (i < n && v[i]->x <= x2) {
			if (v[i]->x + v[i]->w > x2)
				x2 = v[i]->x + v[i]->w;
			continue;
		}
		if (x2 >= 0 && x2 - x1 > OCR_DIGIT_W * h)
			wide++;
		if (i < n) {
			cols++;
			x1 = v[i]->x;
			x2 = v[i]->x + v[i]->w;
		}
	}
	free(v);
	return wide == 0 && cols <= OCR_MAX_DIGITS;
}

/* Columns of ink: components overlapping in x taken together. */
static int
cols_of(BOXA *ink)
{
	int i, j, n = boxaGetCount(ink), cols = 0;

	for (i = 0; i < n; i++) {
		const BOX *a = ink->box[i];
		int alone = 1;

		/* counted once, on the leftmost of its column */
		for (j = 0; j < n && alone; j++) {
			const BOX *o = ink->box[j];

			if (j != i && o->x < a->x + a->w && a->x < o->x + o->w &&
			    (o->x < a->x || (o->x == a->x && j < i)))
				alone = 0;
		}
		cols += alone;
	}
	return cols;
}

/* The box of all the ink, with a margin Tesseract likes. */
static BOX *
ink_box(BOXA *ink, const BOX *cell, double scale)
{
	l_int32 x, y, w, h, m = (int)(2 * scale);
	BOX *b;

	if (boxaGetExtent(ink, NULL, NULL, &b) != 0 || b == NULL)
		return NULL;
	boxGetGeometry(b, &x, &y, &w, &h);
	boxDestroy(&b);
	x = x - m < cell->x ? cell->x : x - m;
	y = y - m < cell->y ? cell->y : y - m;
	w = x + w + 2 * m > cell->x + cell->w ? cell->x + cell->w - x : w + 2 * m;
	h = y + h + 2 * m > cell->y + cell->h ? cell->y + cell->h - y : h + 2 * m;
	return boxCreate(x, y, w, h);
}

/* A point read from a speck before or after the digits goes. */
static void
trim_points(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == '.')
		s[--n] = '\0';
	if (s[0] == '.')
		memmove(s, s + 1, n);
}

static int
only_digits(const char *s)
{
	int any = 0;

	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			any = 1;
		else if (*s != '.')
			return 0;
	}
	return any;
}

/* The digits of a number cell: its ink alone (no speck, no rule) on
 * white, read in digits-only mode. */
static int
digits_of(struct ocr_ctx *c, const struct ocr_page *p, BOXA *ink,
    const BOX *b, char *num, size_t len, double *conf)
{
	PIX *img;
	int i, rc;

	if ((img = pixCreate(b->w, b->h, 1)) == NULL)
		return -1;
	for (i = 0; i < boxaGetCount(ink); i++) {
		const BOX *k = ink->box[i];

		pixRasterop(img, k->x - b->x, k->y - b->y, k->w, k->h, PIX_SRC,
		    p->bin, k->x, k->y);
	}
	rc = ocr_recog_digits_pix(c, img, p->scale, num, len, conf);
	pixDestroy(&img);
	return rc;
}

/*
 * The Chinese model reads the round brackets of a row label ("(七)总计")
 * as "{", "[", "《", "【" or "〗" now and then, and the label then
 * matches no row of the layout.  A table's label cell holds no other brackets: they
 * become round ones (in prose 《》 name a law and stay).
 */
static void
round_brackets(char *s)
{
	static const char *const open[] = { "{", "[", "《", "【", "〈", "｛",
	    "〖", "〔" };
	static const char *const close[] = { "}", "]", "》", "】", "〉", "｝",
	    "〗", "〕" };
	char *w = s;

	while (*s != '\0') {
		size_t i, k = 0;
		char to = 0;

		for (i = 0; to == 0 && i < sizeof(open) / sizeof(open[0]); i++)
			if (strncmp(s, open[i], (k = strlen(open[i]))) == 0)
				to = '(';
			else if (strncmp(s, close[i],
			    (k = strlen(close[i]))) == 0)
				to = ')';
		if (to != 0) {
			*w++ = to;
			s += k;
		} else
			*w++ = *s++;
	}
	*w = '\0';
}

/* Recognises one cell into the row. */
static int
read_cell(struct ocr_ctx *c, const struct ocr_page *p, const BOX *cell,
    struct ocr_item *row)
{
	char num[64], *text = NULL;
	double conf = 0;
	int dash, rc = 0, isnum;
	BOXA *ink;
	BOX *b;

	if (ocr_late(c))
		return ocr_item_add(row, "", 0, 0);
	if ((ink = ink_of(p, cell)) == NULL)
		return -1;
	if (boxaGetCount(ink) == 0) {
		boxaDestroy(&ink);
		return 0;		/* an empty cell */
	}
	isnum = digit_shape(ink, &dash);
	if ((b = ink_box(ink, cell, p->scale)) == NULL) {
		boxaDestroy(&ink);
		return -1;
	}
	if (dash) {
		rc = ocr_item_add(row, "—", strlen("—"), 0.9);
		boxDestroy(&b);
		boxaDestroy(&ink);
		return rc;
	}
	/* Shaped like digits: the digits model's reading, however unsure
	 * (the table's relations may settle it); Chinese only if it read
	 * no digit at all. */
	if (isnum && (rc = digits_of(c, p, ink, b, num, sizeof(num),
	    &conf)) == 0 && (trim_points(num), only_digits(num))) {
		if (conf < OCR_MIN_DIGIT_CONF)
			conf = 0;
		rc = ocr_item_add(row, num, strlen(num), conf);
		boxDestroy(&b);
		boxaDestroy(&ink);
		return rc;
	}
	/* Shaped like digits, one column of ink, and no digit read: a
	 * digit the model lost, not Chinese (read as such it gave "品"
	 * for a 0); the cell stays unread, so unsure. */
	if (rc == 0 && isnum && cols_of(ink) == 1) {
		boxDestroy(&b);
		boxaDestroy(&ink);
		return 0;
	}
	if (rc == 0)
		rc = ocr_recog_text(c, p, b, &text, &conf);
	/* A number cell whose digits touch each other looks wide. */
	if (rc == 0 && text != NULL && only_digits(text) &&
	    (rc = digits_of(c, p, ink, b, num, sizeof(num), &conf)) == 0 &&
	    only_digits(num)) {
		free(text);
		text = strdup(num);
		if (text == NULL)
			rc = -1;
	}
	if (rc == 0 && text != NULL) {
		round_brackets(text);
		rc = ocr_item_add(row, text, strlen(text), conf);
	}
	free(text);
	boxDestroy(&b);
	boxaDestroy(&ink);
	return rc;
}

/* The band where the cell of band bi under x ends: the last band below
 * with no rule over x. */
static size_t
span_end(const struct nb_grid *g, size_t bi, double x)
{
	while (bi + 1 < g->nbands && g->bands[bi + 1].above == (long)bi &&
	    !nb_grid_top_at(g, &g->bands[bi + 1], x))
		bi++;
	return bi;
}

static int
read_row(struct ocr_ctx *c, const struct ocr_page *p,
    const struct nb_grid *g, size_t bi, struct ocr_items *it)
{
	const struct nb_band *b = &g->bands[bi];
	struct ocr_item *row;
	double in = OCR_INSET * p->scale;
	size_t ci, s, end;

	if ((row = ocr_item_new(it, b->y1 * p->scale)) == NULL)
		return -1;
	for (ci = 0; ci + 1 < b->nxs; ci++) {
		double xa = b->xs[ci], xb = b->xs[ci + 1], xm = (xa + xb) / 2;
		BOX *cell;

		if (ci > 0 && ocr_item_tab(row) == -1)
			return -1;
		/* continues the cell above: its text is there; a spanning
		 * cell's empty fields follow its text, as in the PDF reader's
		 * rows (row_of, ingest_pdf.c) */
		if (b->above == -1 || nb_grid_top_at(g, b, xm)) {
			int rc = 0;

			end = span_end(g, bi, xm);
			cell = boxCreate((int)(xa * p->scale + in),
			    (int)(b->y1 * p->scale + in),
			    (int)((xb - xa) * p->scale - 2 * in),
			    (int)((g->bands[end].y2 - b->y1) * p->scale -
			    2 * in));
			if (cell == NULL)
				return -1;
			if (cell->w > 2 && cell->h > 2)
				rc = read_cell(c, p, cell, row);
			boxDestroy(&cell);
			if (rc == -1)
				return -1;
		}
		for (s = nb_grid_span(b, xa, xb); s > 1; s--)
			if (ocr_item_tab(row) == -1)
				return -1;
	}
	return 0;
}

/*
 * Rules left outside the tables found (a one-cell row, a box around a
 * note) would be read as "|" and "一": long thin runs of ink are taken
 * out of the page before its text is read.  No stroke of a character is
 * as long as OCR_RULE_LEN.
 */
#define OCR_RULE_LEN	12.0	/* points */
#define OCR_RULE_THICK	1.2	/* points: a bolder stroke is a title's */

/* Removes from rest its thin runs of ink longer than len along x
 * (horiz) or y. */
static int
erase_runs(PIX *rest, int len, int thick, int horiz)
{
	PIX *run, *bold;

	if ((run = pixOpenBrick(NULL, rest, horiz ? len : 1,
	    horiz ? 1 : len)) == NULL)
		return -1;
	if ((bold = pixOpenBrick(NULL, run, horiz ? 1 : thick,
	    horiz ? thick : 1)) == NULL) {
		pixDestroy(&run);
		return -1;
	}
	pixSubtract(run, run, bold);
	pixSubtract(rest, rest, run);
	pixDestroy(&run);
	pixDestroy(&bold);
	return 0;
}

static int
erase_rules(const struct ocr_page *p, PIX *rest)
{
	int len = (int)(OCR_RULE_LEN * p->scale);
	int thick = (int)(OCR_RULE_THICK * p->scale) + 1;

	if (erase_runs(rest, len, thick, 1) == -1 ||
	    erase_runs(rest, len, thick, 0) == -1)
		return -1;
	return 0;
}

int
ocr_tables(struct ocr_ctx *c, const struct ocr_page *p, struct ocr_items *it,
    PIX **rest)
{
	struct nb_grid g;
	unsigned char *map;
	size_t bi;
	int rc = 0;

	*rest = NULL;
	if ((map = ocr_dark_map(p->bin)) == NULL)
		return -1;
	rc = nb_grid_find_map(map, pixGetWidth(p->bin), pixGetHeight(p->bin),
	    p->scale, &g);
	free(map);
	if (rc == -1)
		return -1;
	if ((*rest = pixCopy(NULL, p->bin)) == NULL) {
		nb_grid_free(&g);
		return -1;
	}
	for (bi = 0; rc == 0 && bi < g.nbands; bi++) {
		const struct nb_band *b = &g.bands[bi];
		BOX *area;

		rc = read_row(c, p, &g, bi, it);
		/* the band, rules included, is no text line of the page */
		area = boxCreate((int)(b->xs[0] * p->scale) - 3,
		    (int)(b->y1 * p->scale) - 3,
		    (int)((b->xs[b->nxs - 1] - b->xs[0]) * p->scale) + 7,
		    (int)((b->y2 - b->y1) * p->scale) + 7);
		if (area != NULL)
			pixClearInRect(*rest, area);
		boxDestroy(&area);
	}
	nb_grid_free(&g);
	return rc == 0 ? erase_rules(p, *rest) : rc;
}
