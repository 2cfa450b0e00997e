/*
 * pdf_grid.c -- ruled tables of a PDF page, from a rendering of it.
 *
 * The page's paths are painted alone, without its glyphs, where the page
 * holds nothing else (pdf_paths.cc); a page with images, shadings or
 * patterns is rendered whole.  Either is drawn in grey at NB_GRID_SCALE
 * pixels per point.  Dark
 * runs of pixels longer than a glyph makes them are rules: horizontal
 * ones (with the rows next to them merged, as a rule is drawn a pixel or
 * two thick) cut the page into bands; a vertical one counts for a band
 * only if it runs from the band's top rule to its bottom rule, which no
 * glyph stroke does.  A band with at least two cells is a table row.
 * Thick dark areas (shaded cells, images) are not rules, and the ink of
 * the page's characters is painted white before the scan: the strokes of
 * a large bold title are as long as short rules.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "pdf_grid.h"
#include "pdf_paths.h"

#define NB_GRID_SCALE	1.0	/* pixels per point */
#define NB_GRID_MAXPX	(16u * 1024 * 1024)	/* rendering size cap */
/* More rows or columns than any report table has: a drawing, or a file
 * made to make the layout slow.  Such pages are read without grid. */
#define NB_GRID_MAXBANDS 1000
#define NB_GRID_MAXCOLS	128
#define NB_RULE_MIN_H	20.0	/* points: shortest horizontal rule */
#define NB_RULE_MIN_V	4.0	/* points: shortest vertical run */
#define NB_RULE_THICK	3.0	/* points: thicker is a fill, not a rule */
#define NB_TOL		2.0	/* points: rules meeting, same level */
#define NB_DARK		224	/* grey level: thin or light-grey rules render light */

struct seg {
	double	 at;		/* y of a horizontal, x of a vertical rule */
	double	 a, b;		/* extent along the rule */
	double	 last;		/* last pixel row/column merged, in pixels */
	double	 first;
};

struct segs {
	struct seg	*v;
	size_t		 n, cap;
};

static int	find_map(const unsigned char *, int, int, int, double,
		    struct nb_grid *);

static int
segs_add(struct segs *s, double pos, double a, double b)
{
	struct seg *p;

	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;

		if (cap > SIZE_MAX / sizeof(*p) ||
		    (p = realloc(s->v, cap * sizeof(*p))) == NULL)
			return -1;
		s->v = p;
		s->cap = cap;
	}
	p = &s->v[s->n++];
	p->first = p->last = pos;
	p->a = a;
	p->b = b;
	return 0;
}

/*
 * Adds the run [a, b) found on pixel line pos: it extends a rule seen on
 * the line before if they overlap, else starts a new one.  Rules are
 * kept in the order they started, so only the tail can still grow.
 */
static int
merge_run(struct segs *s, size_t from, double pos, double a, double b)
{
	size_t i;

	for (i = from; i < s->n; i++) {
		struct seg *r = &s->v[i];

		if (r->last == pos - 1 && a < r->b && b > r->a) {
			r->last = pos;
			r->a = fmin(r->a, a);
			r->b = fmax(r->b, b);
			return 0;
		}
	}
	return segs_add(s, pos, a, b);
}

/*
 * One byte per pixel, 1 where dark: the rendering is RGB24, and the scans
 * below read every pixel twice, once along rows and once down columns.
 */
static unsigned char *
dark_map(const unsigned char *data, int stride, int w, int h)
{
	unsigned char *m;
	int x, y;

	if ((m = malloc((size_t)w * (size_t)h)) == NULL)
		return NULL;
	for (y = 0; y < h; y++) {
		const uint32_t *row = (const void *)(data + (size_t)y *
		    (size_t)stride);
		unsigned char *out = m + (size_t)y * (size_t)w;

		for (x = 0; x < w; x++) {
			uint32_t px = row[x];

			out[x] = ((px >> 16 & 0xff) + (px >> 8 & 0xff) +
			    (px & 0xff)) < 3 * NB_DARK;
		}
	}
	return m;
}

/* The first dark pixel of line from j on (or n), 8 pixels at a time. */
static int
next_dark(const unsigned char *line, int j, int n)
{
	uint64_t w;

	for (; j + 8 <= n; j += 8) {
		memcpy(&w, line + j, sizeof(w));
		if (w != 0)
			break;
	}
	while (j < n && line[j] == 0)
		j++;
	return j;
}

/*
 * Runs along rows (horiz) or columns of the dark map, whose first row is
 * row y0 of the page.  "from" keeps the merge scan to rules still open:
 * those that ended before the previous line cannot grow again.
 */
static int
scan(const unsigned char *m, int w, int h, int y0, int horiz, double minlen,
    struct segs *out)
{
	int outer = horiz ? h : w, inner = horiz ? w : h, i, j, start;
	int pos_off = horiz ? y0 : 0, run_off = horiz ? 0 : y0;
	size_t step = horiz ? 1 : (size_t)w, from = 0;

	for (i = 0; i < outer; i++) {
		const unsigned char *line = m + (horiz ? (size_t)i * (size_t)w :
		    (size_t)i);
		int pos = i + pos_off;

		while (from < out->n && out->v[from].last < pos - 1)
			from++;
		for (j = 0; j < inner; j = start + 1) {
			if (horiz)	/* most of a row is white */
				j = next_dark(line, j, inner);
			for (start = j; start < inner &&
			    line[(size_t)start * step]; start++)
				;
			if (start - j >= minlen && merge_run(out, from, pos,
			    j + run_off, start + run_off) == -1)
				return -1;
		}
	}
	return 0;
}

/* Keeps thin rules, in points, "at" the middle of their thickness. */
static void
to_points(struct segs *s, double scale)
{
	size_t i, k = 0;

	for (i = 0; i < s->n; i++) {
		struct seg r = s->v[i];

		if ((r.last - r.first + 1) / scale > NB_RULE_THICK)
			continue;
		r.at = (r.first + r.last + 1) / 2 / scale;
		r.a /= scale;
		r.b /= scale;
		s->v[k++] = r;
	}
	s->n = k;
}

static int
by_at(const void *a, const void *b)
{
	const struct seg *p = a, *q = b;

	if (p->at != q->at)
		return p->at < q->at ? -1 : 1;
	return p->a < q->a ? -1 : p->a > q->a;
}

/* White page, in pixels. */
static void
blank(cairo_t *cr)
{
	cairo_identity_matrix(cr);
	cairo_reset_clip(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, NB_GRID_SCALE, NB_GRID_SCALE);
}

/*
 * The page's paths alone where it has nothing else (pdf_paths.cc), else
 * the whole page.  NULL if it is too large or out of memory (*nomem).
 */
static unsigned char *
render(PopplerPage *page, struct nb_pdf_src *src, int index,
    cairo_surface_t **sp, int *w, int *h, int *stride, int *nomem)
{
	double pw, ph;
	cairo_t *cr;
	int rc = 0;

	poppler_page_get_size(page, &pw, &ph);
	/* cairo images are at most 32767 pixels wide or high */
	if (!(pw > 0 && ph > 0 && pw * NB_GRID_SCALE < 32767 &&
	    ph * NB_GRID_SCALE < 32767 &&
	    pw * ph * NB_GRID_SCALE * NB_GRID_SCALE < NB_GRID_MAXPX))
		return NULL;
	*w = (int)ceil(pw * NB_GRID_SCALE);
	*h = (int)ceil(ph * NB_GRID_SCALE);
	*sp = cairo_image_surface_create(CAIRO_FORMAT_RGB24, *w, *h);
	if (cairo_surface_status(*sp) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(*sp);
		return NULL;
	}
	cr = cairo_create(*sp);
	blank(cr);
	if (src != NULL)
		rc = nb_paths_paint(src, index, cr);
	if (rc == 0) {	/* not paths alone: the whole page */
		blank(cr);
		poppler_page_render(page, cr);
	}
	cairo_destroy(cr);
	if (rc == -1) {
		cairo_surface_destroy(*sp);
		*nomem = 1;
		return NULL;
	}
	cairo_surface_flush(*sp);
	*stride = cairo_image_surface_get_stride(*sp);
	return cairo_image_surface_get_data(*sp);
}

/*
 * Vertical rules crossing the whole band [y1, y2].  Not limited to the
 * extent of the band's own rules: those stop short of cells spanning
 * rows, whose outer border still counts.
 */
static int
band_rules(const struct segs *v, double y1, double y2, double **xs,
    size_t *nxs)
{
	size_t i;

	*xs = NULL;
	*nxs = 0;
	for (i = 0; i < v->n; i++) {
		const struct seg *r = &v->v[i];
		double *p;

		if (r->a > y1 + NB_TOL || r->b < y2 - NB_TOL)
			continue;
		if (*nxs > 0 && r->at - (*xs)[*nxs - 1] < NB_TOL)
			continue;
		if ((p = realloc(*xs, (*nxs + 1) * sizeof(*p))) == NULL) {
			free(*xs);
			*xs = NULL;
			return -1;
		}
		*xs = p;
		(*xs)[(*nxs)++] = r->at;
	}
	return 0;
}

static int
by_x(const void *a, const void *b)
{
	const struct seg *p = a, *q = b;

	return p->at < q->at ? -1 : p->at > q->at;
}

/* Levels: horizontal rules at the same height (within NB_TOL). */
static size_t
level_end(const struct segs *hz, size_t i)
{
	size_t j = i + 1;

	while (j < hz->n && hz->v[j].at - hz->v[i].at < NB_TOL)
		j++;
	return j;
}

/*
 * Tables drawn without outer vertical borders: the ends of the band's
 * horizontal rules (levels [i, k)) close its first and last cells.
 */
static int
close_sides(const struct segs *hz, size_t i, size_t k, double **xs,
    size_t *nxs)
{
	double xa = HUGE_VAL, xb = -HUGE_VAL, *p;
	size_t m;

	if (*nxs == 0)
		return 0;
	for (m = i; m < k; m++) {
		xa = fmin(xa, hz->v[m].a);
		xb = fmax(xb, hz->v[m].b);
	}
	if ((p = realloc(*xs, (*nxs + 2) * sizeof(*p))) == NULL)
		return -1;
	*xs = p;
	if (xb - p[*nxs - 1] > NB_TOL)
		p[(*nxs)++] = xb;
	if (p[0] - xa > NB_TOL) {
		memmove(p + 1, p, *nxs * sizeof(*p));
		p[0] = xa;
		(*nxs)++;
	}
	return 0;
}

static int
add_band(struct nb_grid *g, const struct segs *hz, size_t i, size_t j,
    const struct segs *vt)
{
	double *xs;
	size_t n, nxs;
	struct nb_band *b;

	if (band_rules(vt, hz->v[i].at, hz->v[j].at, &xs, &nxs) == -1)
		return -1;
	if (close_sides(hz, i, level_end(hz, j), &xs, &nxs) == -1) {
		free(xs);
		return -1;
	}
	if (nxs < 3 || nxs > NB_GRID_MAXCOLS + 1) {
		free(xs);
		return 0;
	}
	n = g->nbands;
	if ((b = realloc(g->bands, (n + 1) * sizeof(*b))) == NULL) {
		free(xs);
		return -1;
	}
	g->bands = b;
	b = &b[n];
	b->y1 = hz->v[i].at;
	b->y2 = hz->v[j].at;
	b->xs = xs;
	b->nxs = nxs;
	b->top = i;
	b->ntop = j - i;
	b->cols = NULL;
	b->ncols = 0;
	b->above = n > 0 && fabs(g->bands[n - 1].y2 - b->y1) < NB_TOL ?
	    (long)n - 1 : -1;
	g->nbands++;
	return 0;
}

static int
by_double(const void *a, const void *b)
{
	const double *p = a, *q = b;

	return *p < *q ? -1 : *p > *q;
}

/* The columns of the table starting at band first, n rows long. */
static int
columns_of(struct nb_grid *g, size_t first, size_t n)
{
	size_t i, k, m = 0, total = 0;
	double *c;

	for (i = first; i < first + n; i++)
		total += g->bands[i].nxs;
	if ((c = calloc(total, sizeof(*c))) == NULL)
		return -1;
	for (i = first; i < first + n; i++)
		for (k = 0; k < g->bands[i].nxs; k++)
			c[m++] = g->bands[i].xs[k];
	qsort(c, m, sizeof(*c), by_double);
	for (i = k = 0; i < m; i++)
		if (k == 0 || c[i] - c[k - 1] >= NB_TOL)
			c[k++] = c[i];
	for (i = first; i < first + n; i++) {
		g->bands[i].cols = c;
		g->bands[i].ncols = k;
	}
	return 0;
}

/* Tables: runs of bands, each sharing its top rule with the one above. */
static int
table_columns(struct nb_grid *g)
{
	size_t i, j;

	for (i = 0; i < g->nbands; i = j) {
		for (j = i + 1; j < g->nbands && g->bands[j].above == (long)j - 1;
		    j++)
			;
		if (columns_of(g, i, j - i) == -1)
			return -1;
	}
	return 0;
}

static int
make_bands(struct nb_grid *g, struct segs *hz, struct segs *vt)
{
	size_t i, j, m;

	if (hz->n < 2)
		return 0;
	qsort(hz->v, hz->n, sizeof(*hz->v), by_at);
	if (vt->n > 1)
		qsort(vt->v, vt->n, sizeof(*vt->v), by_x);
	if ((g->spans = calloc(hz->n, sizeof(*g->spans))) == NULL)
		return -1;
	for (m = 0; m < hz->n; m++) {
		g->spans[m].a = hz->v[m].a;
		g->spans[m].b = hz->v[m].b;
	}
	g->nspans = hz->n;
	for (i = 0; i < hz->n; i = j) {
		j = level_end(hz, i);
		if (j >= hz->n)
			break;
		if (add_band(g, hz, i, j, vt) == -1)
			return -1;
	}
	if (g->nbands > NB_GRID_MAXBANDS)
		nb_grid_free(g);
	return table_columns(g);
}

/* A pixel coordinate clamped to [0, max]: text boxes of hostile files
 * can be anywhere. */
static int
pixel(double px, int max)
{
	if (!(px > 0))
		return 0;
	return px < max ? (int)px : max;
}

/* Is row y all white (RGB24, whatever its unused byte)? */
static int
blank_row(const unsigned char *data, int stride, int w, int y)
{
	const uint32_t *row = (const void *)(data + (size_t)y * (size_t)stride);
	uint32_t all = 0xffffff;
	int x;

	for (x = 0; x < w; x++)
		all &= row[x];
	return (all & 0xffffff) == 0xffffff;
}

static void
erase(unsigned char *data, int stride, int w, int h, const struct nb_box *b)
{
	int x1 = pixel(floor(b->x1 * NB_GRID_SCALE), w);
	int x2 = pixel(ceil(b->x2 * NB_GRID_SCALE), w);
	int y1 = pixel(floor(b->y1 * NB_GRID_SCALE), h);
	int y2 = pixel(ceil(b->y2 * NB_GRID_SCALE), h);
	int y;

	for (y = y1; x2 > x1 && y < y2; y++)
		memset(data + (size_t)y * (size_t)stride + (size_t)x1 * 4, 0xff,
		    (size_t)(x2 - x1) * 4);
}

int
nb_grid_find(PopplerPage *page, struct nb_pdf_src *src, int index,
    const struct nb_box *ink, size_t nink, struct nb_grid *g)
{
	size_t i;
	cairo_surface_t *s = NULL;
	unsigned char *data, *map;
	int w, h, stride, rc, nomem = 0, y0, y1;

	memset(g, 0, sizeof(*g));
	if ((data = render(page, src, index, &s, &w, &h, &stride,
	    &nomem)) == NULL)
		return nomem ? -1 : 0;
	for (i = 0; i < nink; i++)
		erase(data, stride, w, h, &ink[i]);
	/* Only the rows with ink left can hold a rule: the paths of a page
	 * are most often a table or two, or nothing at all. */
	for (y0 = 0; y0 < h && blank_row(data, stride, w, y0); y0++)
		;
	for (y1 = h; y1 > y0 && blank_row(data, stride, w, y1 - 1); y1--)
		;
	if (y0 == y1) {
		cairo_surface_destroy(s);
		return 0;
	}
	map = dark_map(data + (size_t)y0 * (size_t)stride, stride, w, y1 - y0);
	cairo_surface_destroy(s);
	if (map == NULL)
		return -1;
	rc = find_map(map, w, y1 - y0, y0, NB_GRID_SCALE, g);
	free(map);
	return rc;
}

int
nb_grid_find_map(const unsigned char *map, int w, int h, double scale,
    struct nb_grid *g)
{
	return find_map(map, w, h, 0, scale, g);
}

/* Rules of a dark map holding rows [y0, y0 + h) of the page. */
static int
find_map(const unsigned char *map, int w, int h, int y0, double scale,
    struct nb_grid *g)
{
	struct segs hz = { NULL, 0, 0 }, vt = { NULL, 0, 0 };
	int rc = 0;

	memset(g, 0, sizeof(*g));
	if (scan(map, w, h, y0, 1, NB_RULE_MIN_H * scale, &hz) == -1 ||
	    scan(map, w, h, y0, 0, NB_RULE_MIN_V * scale, &vt) == -1)
		rc = -1;
	if (rc == 0) {
		to_points(&hz, scale);
		to_points(&vt, scale);
		rc = make_bands(g, &hz, &vt);
	}
	free(hz.v);
	free(vt.v);
	if (rc == -1)
		nb_grid_free(g);
	return rc;
}

void
nb_grid_free(struct nb_grid *g)
{
	size_t i;

	for (i = 0; i < g->nbands; i++) {
		free(g->bands[i].xs);
		if (g->bands[i].above == -1)	/* first row owns cols */
			free(g->bands[i].cols);
	}
	free(g->bands);
	free(g->spans);
	memset(g, 0, sizeof(*g));
}

size_t
nb_grid_span(const struct nb_band *b, double x1, double x2)
{
	size_t i, n = 1;

	for (i = 0; i < b->ncols; i++)
		if (b->cols[i] > x1 + NB_TOL && b->cols[i] < x2 - NB_TOL)
			n++;
	return n;
}

int
nb_grid_top_at(const struct nb_grid *g, const struct nb_band *b, double x)
{
	const struct nb_span *s = g->spans + b->top;
	size_t i;

	for (i = 0; i < b->ntop; i++)
		if (s[i].a - NB_TOL <= x && x <= s[i].b + NB_TOL)
			return 1;
	return 0;
}
