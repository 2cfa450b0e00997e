/*
 * region.c -- which lines hold a table: its section, from its header on,
 * or, without the section's heading, from its header to the next heading.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "normalize.h"
#include "table.h"

/*
 * Does text hold word, with any spaces or tabs between its characters?
 * A match begins with the word's first character whole (spaces are
 * ASCII: never inside a character), so only where strstr() finds that
 * character is a match tried.
 */
static int
has_word_spaced(const char *text, const char *word)
{
	unsigned char b = (unsigned char)word[0];
	size_t fl = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2, k;
	char first[5];

	if (b == 0)
		return *text != '\0';
	for (k = 0; k < fl && word[k] != '\0'; k++)
		first[k] = word[k];
	first[k] = '\0';
	for (; (text = strstr(text, first)) != NULL; text++) {
		const char *t = text, *w = word;

		while (*w != '\0' && *t != '\0') {
			if (*t == ' ' || *t == '\t') {
				t++;
				continue;
			}
			if (*t != *w)
				break;
			t++;
			w++;
		}
		if (*w == '\0')
			return 1;
	}
	return 0;
}

/*
 * Does the line contain any of the words?  The line's text is normalised
 * already: only its spaces stand between it and the compacted words, so
 * it is not normalised again (a profile showed that copy at 5%).
 */
static int
line_has_any(const char *text, const struct nb_strv *words)
{
	for (size_t i = 0; i < words->n; i++)
		if (words->v[i][0] != '\0' && has_word_spaced(text, words->v[i]))
			return 1;
	return 0;
}

size_t
nb_region_find(const struct region *g, const struct nb_strv *words,
    const char **word)
{
	size_t li, i;

	for (li = g->from; li < g->to && li < g->r->doc->nlines; li++)
		for (i = 0; i < words->n; i++)
			if (words->v[i][0] != '\0' && has_word_spaced(
			    g->r->doc->lines[li].text, words->v[i])) {
				*word = words->v[i];
				return li;
			}
	return NONE;
}

static size_t
marker_line(const struct nb_report *r, const struct nb_table_def *td,
    size_t from, size_t to)
{
	size_t li;

	for (li = from; li < to; li++)
		if (line_has_any(r->doc->lines[li].text, &td->markers))
			return li;
	return NONE;
}

/*
 * The section's heading occurs more than once (a table of contents, a
 * repeated heading): the table is under the first one holding its header.
 */
static void
later_heading(const struct nb_report *r, const struct nb_table_def *td,
    struct region *g)
{
	size_t h, from, to, hdr;

	for (h = 0; h < r->nheads; h++) {
		if (r->head_sec[h] != td->section || r->heads[h] < g->from)
			continue;
		from = r->heads[h] + 1;
		to = h + 1 < r->nheads ? r->heads[h + 1] : r->doc->nlines;
		hdr = marker_line(r, td, from, to);
		if (hdr != NONE) {
			g->from = from;
			g->to = to;
			g->header = hdr;
			return;
		}
	}
}

/*
 * Lines of a table: its section, from the table's header on if the
 * header is there; without the section heading, from its header to the
 * next heading.  Returns 1, or 0 if the table has no region.
 */
int
nb_find_region(const struct nb_report *r, const struct nb_table_def *td,
    struct region *g)
{
	const struct nb_section *s = NULL;
	size_t h;

	memset(g, 0, sizeof(*g));
	g->r = r;
	if (td->section >= 1 && td->section <= 6 &&
	    r->sec[td->section].count > 0)
		s = &r->sec[td->section];
	if (s != NULL) {
		g->from = s->first + 1;
		g->to = s->end;
		g->header = marker_line(r, td, g->from, g->to);
		if (g->header == NONE && s->count > 1)
			later_heading(r, td, g);
		if (g->header != NONE)
			g->from = g->header;
		return 1;
	}
	g->header = marker_line(r, td, 0, r->doc->nlines);
	if (g->header == NONE)
		return 0;
	g->from = g->header;
	g->to = r->doc->nlines;
	for (h = 0; h < r->nheads; h++)
		if (r->heads[h] > g->header) {
			g->to = r->heads[h];
			break;
		}
	return 1;
}

/* First match of a key of the row in chunk s from byte start, or NULL. */
