/*
 * sections.c -- where each of the six sections starts and ends: every
 * heading in source order (tables of contents dropped, wrapped headings
 * joined); section_text.c makes their compact body text.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "normalize.h"

static int
add_head(struct nb_report *r, size_t i, int k)
{
	size_t *h;
	int *hs;

	if ((h = realloc(r->heads, (r->nheads + 1) * sizeof(*h))) == NULL)
		return -1;
	r->heads = h;
	if ((hs = realloc(r->head_sec, (r->nheads + 1) * sizeof(*hs))) == NULL)
		return -1;
	r->head_sec = hs;
	r->heads[r->nheads] = i;
	r->head_sec[r->nheads++] = k;
	return 0;
}

#define TOC_MIN	3	/* headings in a row, without bodies, make a TOC */

/*
 * Drops a table of contents: TOC_MIN or more headings on consecutive
 * non-empty lines, with no body between them.  Only the headings of the
 * text itself say where sections are.
 */
static void
drop_toc(struct build *b)
{
	struct nb_report *r = b->r;
	size_t h, e, w = 0;

	for (h = 0; h < r->nheads; h = e + 1) {
		for (e = h; e + 1 < r->nheads &&
		    r->heads[e + 1] == nb_next_nonempty(b, r->heads[e]); e++)
			;
		if (e - h + 1 >= TOC_MIN)
			continue;
		for (; h <= e; h++) {
			r->heads[w] = r->heads[h];
			r->head_sec[w++] = r->head_sec[h];
		}
	}
	r->nheads = w;
}

/*
 * A heading wrapped after its ordinal's line ("三、收到和处理政府信息公开申"
 * / "请情况"): the section its two lines make together, or 0.  Lines with
 * digits are table rows ("四、结转下年度继续办理 0 0 …"), and a next line
 * with an ordinal of its own is another heading or row, never the rest.
 */
#define HEADING_PARTS	3	/* lines of a wrapped heading */

static int
wrapped_heading(const struct build *b, size_t i, int *nomem, size_t *last)
{
	size_t n = i, parts;
	int k = 0;

	/* "六" alone, its "、…" on the next line, counts as an ordinal. */
	if ((nb_skip_ordinal(b->cl[i]) == NULL &&
	    *nb_skip_numerals(b->cl[i]) != '\0') || b->cl[i][0] == '\0' ||
	    nb_has_digit(b->cl[i]) || nb_nchars(b->cl[i], HEADING_MAX) > HEADING_MAX)
		return 0;
	for (parts = 1; parts < HEADING_PARTS && k == 0; parts++) {
		char *t;

		n = nb_next_nonempty(b, n);
		if (n == NONE || nb_skip_ordinal(b->cl[n]) != NULL ||
		    nb_has_digit(b->cl[n]) || nb_heading_of(b, b->cl[n]) != 0)
			return 0;
		if ((t = nb_join_lines(b, i, n)) == NULL) {
			*nomem = 1;
			return 0;
		}
		k = nb_heading_of(b, t);
		free(t);
	}
	*last = n;
	return k;
}

/* A heading (line i, section k) put in source order among the others. */
static int
insert_head(struct nb_report *r, size_t i, int k)
{
	size_t h;

	if (add_head(r, i, k) == -1)
		return -1;
	for (h = r->nheads - 1; h > 0 && r->heads[h - 1] > i; h--) {
		r->heads[h] = r->heads[h - 1];
		r->head_sec[h] = r->head_sec[h - 1];
	}
	r->heads[h] = i;
	r->head_sec[h] = k;
	return 0;
}

/*
 * A section no heading was found for, looked for again as a heading
 * written without its numeral ("存在的主要问题及整改措施"), only between
 * the headings of the sections before and after it: a guess never makes
 * a duplicate or a section out of order.
 */
static int
find_bare(struct build *b)
{
	struct nb_report *r = b->r;
	size_t h, i, lo, hi;
	int k;

	for (k = 1; k <= 6; k++) {
		for (h = 0; h < r->nheads && r->head_sec[h] != k; h++)
			;
		if (h < r->nheads)
			continue;
		lo = 0;
		hi = r->doc->nlines;
		for (h = 0; h < r->nheads; h++) {
			if (r->head_sec[h] < k && r->heads[h] + 1 > lo)
				lo = r->heads[h] + 1;
			if (r->head_sec[h] > k && r->heads[h] < hi)
				hi = r->heads[h];
		}
		for (i = lo; i < hi; i++)
			if (nb_heading_bare(b, k - 1, b->cl[i])) {
				if (insert_head(r, i, k) == -1)
					return -1;
				break;
			}
	}
	return 0;
}

/* s without white space and markdown at its ends; *len its bytes. */
static const char *
trim(const char *s, size_t *len)
{
	static const char *const ends[] = { " ", "\t", "#", "*", ">", "\u3000" };
	size_t e = strlen(s), j;
	int again = 1;

	while (again) {
		again = 0;
		for (j = 0; j < sizeof(ends) / sizeof(ends[0]); j++) {
			size_t l = strlen(ends[j]);

			if (e >= l && strncmp(s, ends[j], l) == 0) {
				s += l;
				e -= l;
				again = 1;
			}
			if (e >= l && strncmp(s + e - l, ends[j], l) == 0) {
				e -= l;
				again = 1;
			}
		}
	}
	*len = e;
	return s;
}

/*
 * The first heading of section k, lines first..last, as written and
 * compact.  A heading run into its paragraph on one line (no cut made)
 * is cut where the heading ends.
 */
static int
keep_heading(struct build *b, struct nb_section *s, size_t first,
    size_t last)
{
	const struct nb_doc *doc = b->r->doc;
	size_t i, len, o = 0, end;

	if ((s->heading_c = nb_join_lines(b, first, last)) == NULL)
		return -1;
	if (nb_nchars(s->heading_c, HEADING_MAX + 1) > HEADING_MAX) {
		if (nb_heading_inline(b, s->heading_c, &end) != 0 && end > 0)
			s->heading_c[end] = '\0';
		return (s->heading = strdup(s->heading_c)) == NULL ? -1 : 0;
	}
	for (len = 0, i = first; i <= last; i++)
		len += strlen(doc->lines[i].raw);
	if ((s->heading = malloc(len + 1)) == NULL)
		return -1;
	for (i = first; i <= last; i++) {
		const char *t = trim(doc->lines[i].raw, &len);

		memcpy(s->heading + o, t, len);
		o += len;
	}
	s->heading[o] = '\0';
	return 0;
}

int
nb_find_sections(struct build *b)
{
	struct nb_report *r = b->r;
	size_t i, h, last;
	int k, nomem = 0;

	for (i = 0; i < r->doc->nlines; i++) {
		if ((k = nb_heading_of(b, b->cl[i])) == 0 &&
		    (k = wrapped_heading(b, i, &nomem, &last)) == 0 && nomem)
			return -1;
		if (k != 0 && add_head(r, i, k) == -1)
			return -1;
	}
	drop_toc(b);
	if (find_bare(b) == -1)
		return -1;
	for (h = 0; h < r->nheads; h++) {
		k = r->head_sec[h];
		if (r->norder < NB_MAX_ORDER)
			r->order[r->norder++] = k;
		if (r->sec[k].count++ > 0)
			continue;
		r->sec[k].line = r->doc->lines[r->heads[h]].lineno;
		r->sec[k].first = r->heads[h];
		last = r->heads[h];
		if (nb_heading_of(b, b->cl[last]) == 0 &&
		    !nb_heading_bare(b, k - 1, b->cl[last]))
			(void)wrapped_heading(b, r->heads[h], &nomem, &last);
		if (nomem || keep_heading(b, &r->sec[k], r->heads[h], last) == -1)
			return -1;
	}
	/* A section runs to the next heading of any section. */
	r->sec[0].end = r->nheads > 0 ? r->heads[0] : r->doc->nlines;
	for (k = 1; k <= 6; k++) {
		if (r->sec[k].count == 0)
			continue;
		r->sec[k].end = r->doc->nlines;
		for (h = 0; h < r->nheads; h++)
			if (r->heads[h] > r->sec[k].first) {
				r->sec[k].end = r->heads[h];
				break;
			}
	}
	return 0;
}
