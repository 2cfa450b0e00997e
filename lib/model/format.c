/*
 * format.c -- which national format a report follows (2021, the 2019
 * trial format, the old 统计表), from the markers of the rule pack.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "normalize.h"

/*
 * Format markers are sets of words that must all occur in the text.  The
 * words are looked for line by line, each line behind the last bytes of
 * the text before it (one byte short of the longest word), so a word
 * wrapped over lines is found as in the whole text, without a copy of the
 * whole text.  seen[] has one flag per word of the formats 1..3, in order.
 */
static size_t
marker_words(const struct nb_pack *pack, size_t *longest)
{
	size_t n = 0, f, i, k, l;

	*longest = 1;
	for (f = NB_FMT_OLD; f <= NB_FMT_2021; f++)
		for (i = 0; i < pack->formats[f].nmarkers; i++)
			for (k = 0; k < pack->formats[f].markers[i].n; k++) {
				l = strlen(pack->formats[f].markers[i].v[k]);
				if (l > *longest)
					*longest = l;
				n++;
			}
	return n;
}

static void
mark_words(const struct nb_pack *pack, const char *text, unsigned char *seen)
{
	size_t w = 0, f, i, k;

	for (f = NB_FMT_OLD; f <= NB_FMT_2021; f++)
		for (i = 0; i < pack->formats[f].nmarkers; i++)
			for (k = 0; k < pack->formats[f].markers[i].n; k++, w++)
				if (!seen[w] && strstr(text,
				    pack->formats[f].markers[i].v[k]) != NULL)
					seen[w] = 1;
}

/* Has format f a marker all of whose words were seen? */
static int
format_seen(const struct nb_pack *pack, enum nb_format f,
    const unsigned char *seen)
{
	size_t w = 0, g, i, k;

	for (g = NB_FMT_OLD; g < (size_t)f; g++)
		for (i = 0; i < pack->formats[g].nmarkers; i++)
			w += pack->formats[g].markers[i].n;
	for (i = 0; i < pack->formats[f].nmarkers; i++) {
		int all = pack->formats[f].markers[i].n > 0;

		for (k = 0; k < pack->formats[f].markers[i].n; k++, w++)
			if (!seen[w])
				all = 0;
		if (all)
			return 1;
	}
	return 0;
}

/* Old markers win over 2019 ones, 2019 ones over 2021 ones. */
int
nb_find_format(struct build *b)
{
	const struct nb_doc *doc = b->r->doc;
	const struct nb_pack *pack = b->r->pack;
	size_t i, longest, nwords, tail = 0, cap = 0;
	unsigned char *seen;
	char *win = NULL, *p;

	nwords = marker_words(pack, &longest);
	if ((seen = calloc(nwords + 1, 1)) == NULL)
		return -1;
	for (i = 0; i < doc->nlines; i++) {
		size_t l = strlen(b->cl[i]), keep;

		if (tail + l + 1 > cap) {
			cap = tail + l + 1 > 2 * cap ? tail + l + 1 : 2 * cap;
			if ((p = realloc(win, cap)) == NULL) {
				free(win);
				free(seen);
				return -1;
			}
			win = p;
		}
		memcpy(win + tail, b->cl[i], l + 1);
		mark_words(pack, win, seen);
		keep = tail + l < longest - 1 ? tail + l : longest - 1;
		memmove(win, win + tail + l - keep, keep);
		tail = keep;
	}
	free(win);
	if (format_seen(pack, NB_FMT_OLD, seen))
		b->r->format = NB_FMT_OLD;
	else if (format_seen(pack, NB_FMT_2019, seen))
		b->r->format = NB_FMT_2019;
	else if (format_seen(pack, NB_FMT_2021, seen))
		b->r->format = NB_FMT_2021;
	else
		b->r->format = NB_FMT_UNKNOWN;
	free(seen);
	return 0;
}
