/*
 * pdf_lines.c -- the lines of a PDF page, in order and numbered as the
 * page shows them (see pdf_lines.h).
 *
 * A table row whose label wraps over three lines is one line of the
 * document but three lines of the page; a reviewer told "p4:L12" counts
 * the lines of text down the page.  So a line's number on its page is the
 * visual line its first text is on, counting every line of text above it
 * (page headers and numbers included, as a viewer shows them).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_lines.h"

int
nb_items_add(struct nb_items *it, double y, const struct nb_buf *b)
{
	struct nb_item *p;

	if (it->n == it->cap) {
		size_t cap = it->cap ? it->cap * 2 : 64;

		if (cap > SIZE_MAX / sizeof(*p) ||
		    (p = realloc(it->v, cap * sizeof(*p))) == NULL)
			return -1;
		it->v = p;
		it->cap = cap;
	}
	p = &it->v[it->n];
	if ((p->text = malloc(b->len + 1)) == NULL)
		return -1;
	memcpy(p->text, b->p ? b->p : "", b->len);
	p->text[b->len] = '\0';
	p->len = b->len;
	p->y = p->top = y;
	p->seq = it->n++;
	return 0;
}

void
nb_items_free(struct nb_items *it)
{
	size_t i;

	for (i = 0; i < it->n; i++)
		free(it->v[i].text);
	free(it->v);
}

int
nb_item_cmp(const void *a, const void *b)
{
	const struct nb_item *p = a, *q = b;

	if (p->y != q->y)
		return p->y < q->y ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

struct mark {
	double	yc, h;
};

static int
by_yc(const void *a, const void *b)
{
	const struct mark *p = a, *q = b;

	return p->yc < q->yc ? -1 : p->yc > q->yc;
}

/* A new line starts where a character is centred half a character's
 * height below the first of the line: the reader's rule for text. */
int
nb_vlines_find(const void *chars, size_t n, size_t stride, size_t yc,
    size_t h, struct nb_vlines *vl)
{
	const unsigned char *base = chars;
	struct mark *m;
	size_t i, first = 0;

	vl->start = NULL;
	vl->n = 0;
	if (n == 0)
		return 0;
	if ((m = calloc(n, sizeof(*m))) == NULL ||
	    (vl->start = calloc(n, sizeof(*vl->start))) == NULL) {
		free(m);
		return -1;
	}
	for (i = 0; i < n; i++) {
		memcpy(&m[i].yc, base + i * stride + yc, sizeof(double));
		memcpy(&m[i].h, base + i * stride + h, sizeof(double));
	}
	qsort(m, n, sizeof(*m), by_yc);
	vl->start[vl->n++] = m[0].yc;
	for (i = 1; i < n; i++) {
		if (m[i].yc - m[first].yc < 0.4 * fmin(m[i].h, m[first].h))
			continue;
		first = i;
		vl->start[vl->n++] = m[i].yc;
	}
	free(m);
	return 0;
}

unsigned
nb_vlines_at(const struct nb_vlines *vl, double y)
{
	size_t lo = 0, hi = vl->n;

	/* The last line starting at or above y. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (vl->start[mid] <= y)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? 1 : (unsigned)lo;
}

void
nb_vlines_free(struct nb_vlines *vl)
{
	free(vl->start);
	vl->start = NULL;
	vl->n = 0;
}
