/*
 * pdf_grid.h -- the ruled tables of a PDF page, found on a rendering of
 * it: horizontal rules cut the page into bands, vertical rules that run
 * from a band's top rule to its bottom rule cut a band into cells.
 *
 * Text alone cannot tell which line of a wrapped, vertically centred
 * label belongs to which row; the rules drawn around the cells can.
 */
#ifndef NB_PDF_GRID_H
#define NB_PDF_GRID_H

#include <stddef.h>

#include <poppler.h>

struct nb_span {
	double	 a, b;		/* x range of one piece of a rule */
};

/* One row of a ruled table, in points, y growing downwards. */
struct nb_band {
	double		 y1, y2;
	double		*xs;		/* vertical rules, left to right */
	size_t		 nxs;
	size_t		 top, ntop;	/* pieces of the rule at y1, in
					 * the grid's spans */
	long		 above;		/* band just above (shares y1), or -1 */
	/* The columns of the whole table: every vertical rule of its rows,
	 * so that a cell spanning columns can be laid out on them.  Shared
	 * by the rows of one table, owned by its first. */
	double		*cols;
	size_t		 ncols;
};

struct nb_grid {
	struct nb_band	*bands;
	size_t		 nbands;
	struct nb_span	*spans;		/* every horizontal rule */
	size_t		 nspans;
};

/* Where a character's ink is, in points: erased before looking for
 * rules, so that strokes of large characters are not taken for rules. */
struct nb_box {
	double	 x1, y1, x2, y2;
};

struct nb_pdf_src;

/* Finds the table rows of the page (index: 0-based, in src, the same
 * document as poppler's core API reads it, or NULL to render the page
 * whole).  Returns 0 (possibly with no band) or -1 on allocation
 * failure. */
int	nb_grid_find(PopplerPage *page, struct nb_pdf_src *src, int index,
	    const struct nb_box *ink, size_t nink, struct nb_grid *g);
/* The same on a page image (a scan): map holds one byte a pixel, 1
 * where dark; scale is pixels per point.  Rules are found in points. */
int	nb_grid_find_map(const unsigned char *map, int w, int h,
	    double scale, struct nb_grid *g);
void	nb_grid_free(struct nb_grid *g);

/* How many of its table's columns the cell [x1, x2] of b spans. */
size_t	nb_grid_span(const struct nb_band *b, double x1, double x2);

/* Is x under a piece of the rule at the top of band b? */
int	nb_grid_top_at(const struct nb_grid *g, const struct nb_band *b,
	    double x);

#endif
