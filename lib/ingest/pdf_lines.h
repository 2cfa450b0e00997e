/*
 * pdf_lines.h -- the lines of a PDF page: the items the reader makes of
 * it (text lines and table rows) kept in top-to-bottom order, and the
 * visual lines of the page, so that a line of the document is numbered
 * on its page as a viewer shows it.
 */
#ifndef NB_PDF_LINES_H
#define NB_PDF_LINES_H

#include <stddef.h>

#include "readers.h"

/* A line of the page before it goes into the document. */
struct nb_item {
	double		 y;	/* sort key, top to bottom */
	double		 top;	/* centre of its first line of text */
	size_t		 seq;
	char		*text;
	size_t		 len;
};

struct nb_items {
	struct nb_item	*v;
	size_t		 n, cap;
};

/* Appends a copy of b at y (top = y).  Returns 0 or -1 (ENOMEM). */
int		 nb_items_add(struct nb_items *it, double y,
		    const struct nb_buf *b);
void		 nb_items_free(struct nb_items *it);
/* qsort order: by y, then in the order added. */
int		 nb_item_cmp(const void *a, const void *b);

/* The visual lines of a page: where each starts, top to bottom. */
struct nb_vlines {
	double		*start;
	size_t		 n;
};

/*
 * Groups the n characters of a page (an array of records of `stride`
 * bytes, each with the vertical centre and the height of the character
 * box as doubles at offsets yc and h) into visual lines, the way the
 * reader groups the characters of running text.  0 or -1 (ENOMEM).
 */
int		 nb_vlines_find(const void *chars, size_t n, size_t stride,
		    size_t yc, size_t h, struct nb_vlines *vl);
/* 1-based visual line holding a character centred at y (1 if none). */
unsigned	 nb_vlines_at(const struct nb_vlines *vl, double y);
void		 nb_vlines_free(struct nb_vlines *vl);

#endif
