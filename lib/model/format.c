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
 * Format markers are sets of words that must all occur in the text.  A
 * word wrapped over lines counts as in the whole text: the words are
 * looked for in the compact lines joined, each word once (a dozen
 * memmem() over one copy, rather than every character of every line
 * tried against the words).  seen[] has one flag per word of the
 * formats 1..3, in order.
 */
static size_t
marker_words(const struct nb_pack *pack)
{
	size_t n = 0, f, i;

	for (f = NB_FMT_OLD; f <= NB_FMT_2021; f++)
		for (i = 0; i < pack->formats[f].nmarkers; i++)
			n += pack->formats[f].markers[i].n;
	return n;
}

/* memmem() over the known length, not strstr(): a marker of another
 * format is looked for in the whole text, and over these texts glibc's
 * memmem() took 12.4 M instructions where strstr() took 14.0 M (100
 * reports, BENCHMARKS.md section 0, session 14). */
static void
mark_words(const struct nb_pack *pack, const char *text, size_t len,
    unsigned char *seen)
{
	size_t f, i, k, w = 0;

	for (f = NB_FMT_OLD; f <= NB_FMT_2021; f++)
		for (i = 0; i < pack->formats[f].nmarkers; i++)
			for (k = 0; k < pack->formats[f].markers[i].n; k++, w++) {
				const char *v = pack->formats[f].markers[i].v[k];

				seen[w] = memmem(text, len, v, strlen(v)) != NULL;
			}
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
	size_t i, len = 0;
	unsigned char *seen;
	char *text, *o;

	for (i = 0; i < doc->nlines; i++)
		len += strlen(b->cl[i]);
	if ((seen = calloc(marker_words(pack) + 1, 1)) == NULL)
		return -1;
	if ((text = malloc(len > 0 ? len : 1)) == NULL) {
		free(seen);
		return -1;
	}
	for (o = text, i = 0; i < doc->nlines; i++) {
		size_t l = strlen(b->cl[i]);

		memcpy(o, b->cl[i], l);
		o += l;
	}
	/* (No line, no window: not even an empty word was seen.) */
	if (doc->nlines > 0)
		mark_words(pack, text, len, seen);
	free(text);
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
