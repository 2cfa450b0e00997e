/*
 * section_text.c -- the compact body text of each section (its lines
 * joined, every space and tab removed, so that a sentence wrapped over
 * lines can be matched), and the way back from a byte of that text to
 * the source line it came from.
 *
 * The text is the one copy a section costs: the line a byte came from is
 * found again by walking at most NB_SEC_MARK lines from a mark, rather
 * than kept for every line (run offsets and line numbers were 12 bytes a
 * line, 7 MB for a 60 MB report).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"

/* Text of lines [from, to) of the model's document, with a mark every
 * NB_SEC_MARK lines.  Built from the lines' normal text, squeezed as it
 * is copied, so that no compact copy of a line is needed on the way. */
static int
section_text(struct build *b, struct nb_section *s, size_t from, size_t to)
{
	const struct nb_doc *doc = b->r->doc;
	size_t i, len = 0;
	char *o;

	s->lines = doc->lines + from;
	s->nlines = to - from;
	for (i = from; i < to; i++)
		len += nb_squeeze_len(doc->lines[i].text);
	if ((s->text = malloc(len + 1)) == NULL)
		return -1;
	if (s->nlines > 0 && (s->mark = calloc((s->nlines - 1) / NB_SEC_MARK +
	    1, sizeof(*s->mark))) == NULL)
		return -1;
	for (o = s->text, i = 0; i < s->nlines; i++) {
		if (i % NB_SEC_MARK == 0)
			s->mark[i / NB_SEC_MARK] = (size_t)(o - s->text);
		o = nb_squeeze_to(o, s->lines[i].text);
	}
	*o = '\0';
	s->text_len = (size_t)(o - s->text);
	return 0;
}

int
nb_section_texts(struct build *b)
{
	struct nb_report *r = b->r;
	int k;

	if (section_text(b, &r->sec[0], 0, r->sec[0].end) == -1)
		return -1;
	for (k = 1; k <= 6; k++) {
		struct nb_section *s = &r->sec[k];

		if (s->count == 0) {
			if (section_text(b, s, 0, 0) == -1)
				return -1;
			continue;
		}
		if (section_text(b, s, s->first + 1, s->end) == -1)
			return -1;
	}
	return 0;
}

/* The last mark at or before byte off. */
static size_t
mark_before(const struct nb_section *s, size_t off)
{
	size_t lo = 0, hi = (s->nlines - 1) / NB_SEC_MARK + 1;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->mark[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

unsigned
nb_section_line_at(const struct nb_section *s, size_t off)
{
	size_t i, o;

	if (s->text == NULL || s->nlines == 0 || off >= s->text_len)
		return s->line;
	i = mark_before(s, off) * NB_SEC_MARK;
	/* The non-empty line whose bytes hold off. */
	for (o = s->mark[i / NB_SEC_MARK]; i < s->nlines; i++) {
		o += nb_squeeze_len(s->lines[i].text);
		if (off < o)
			return s->lines[i].lineno;
	}
	return s->line;
}

size_t
nb_section_offset_of(const struct nb_section *s, unsigned line)
{
	size_t lo = 0, hi, i, o;

	if (s->text == NULL)
		return 0;
	if (line == 0 || s->nlines == 0)
		return s->text_len;
	/* The last mark on a line before `line` (line numbers increase). */
	hi = (s->nlines - 1) / NB_SEC_MARK + 1;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->lines[mid * NB_SEC_MARK].lineno < line)
			lo = mid;
		else
			hi = mid;
	}
	/* Where the first line from `line` on starts (a blank line starts
	 * where the next one does). */
	for (i = lo * NB_SEC_MARK, o = s->mark[lo]; i < s->nlines; i++) {
		if (s->lines[i].lineno >= line)
			return o;
		o += nb_squeeze_len(s->lines[i].text);
	}
	return s->text_len;
}
