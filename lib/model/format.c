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

/*
 * The marker words in order, bucketed by a hash of their first three
 * bytes: a line is read once, and at each byte only the words of its
 * bucket are compared, instead of one strstr() per word per line.
 */
#define NBUCKET	256

struct words {
	const char	**v;
	size_t		 n;
	size_t		*in;		/* word indices, bucket by bucket */
	size_t		 at[NBUCKET + 1];	/* bucket h: in[at[h]..at[h+1]) */
};

static unsigned
start_hash(const unsigned char *s)
{
	return (unsigned)(s[0] * 31u + s[1] * 7u + s[2]) & (NBUCKET - 1);
}

static int
long_word(const char *w)
{
	return w[0] != '\0' && w[1] != '\0' && w[2] != '\0';
}

static int
words_init(const struct nb_pack *pack, struct words *ws, size_t n)
{
	size_t f, i, k, fill[NBUCKET];

	memset(ws, 0, sizeof(*ws));
	if ((ws->v = calloc(n ? n : 1, sizeof(*ws->v))) == NULL ||
	    (ws->in = calloc(n ? n : 1, sizeof(*ws->in))) == NULL) {
		free(ws->v);
		return -1;
	}
	for (f = NB_FMT_OLD; f <= NB_FMT_2021; f++)
		for (i = 0; i < pack->formats[f].nmarkers; i++)
			for (k = 0; k < pack->formats[f].markers[i].n; k++)
				ws->v[ws->n++] = pack->formats[f].markers[i].v[k];
	for (i = 0; i < ws->n; i++)
		if (long_word(ws->v[i]))
			ws->at[start_hash((const unsigned char *)ws->v[i]) + 1]++;
	for (i = 0; i < NBUCKET; i++) {
		ws->at[i + 1] += ws->at[i];
		fill[i] = ws->at[i];
	}
	for (i = 0; i < ws->n; i++)
		if (long_word(ws->v[i]))
			ws->in[fill[start_hash(
			    (const unsigned char *)ws->v[i])]++] = i;
	return 0;
}

static void
words_free(struct words *ws)
{
	free(ws->v);
	free(ws->in);
}

static void
mark_words(const struct words *ws, const char *text, unsigned char *seen)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t w, k;

	/* Words under three bytes are few: strstr() as before. */
	for (w = 0; w < ws->n; w++)
		if (!seen[w] && !long_word(ws->v[w]) &&
		    strstr(text, ws->v[w]) != NULL)
			seen[w] = 1;
	/* A word starts a character: a three-byte character (the CJK of
	 * the text) is stepped over whole, other bytes one by one. */
	for (; p[0] != '\0' && p[1] != '\0' && p[2] != '\0';
	    p += (p[0] & 0xf0) == 0xe0 ? 3 : 1) {
		unsigned h;

		if ((p[0] & 0xc0) == 0x80)
			continue;
		h = start_hash(p);

		for (k = ws->at[h]; k < ws->at[h + 1]; k++) {
			const unsigned char *a = p;
			const char *b = ws->v[w = ws->in[k]];

			if (seen[w])
				continue;
			while (*b != '\0' && (unsigned char)*b == *a)
				a++, b++;
			if (*b == '\0')
				seen[w] = 1;
		}
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
	size_t i, longest, nwords, tail = 0, cap = 0;
	unsigned char *seen;
	char *win = NULL, *p;
	struct words ws;

	nwords = marker_words(pack, &longest);
	if ((seen = calloc(nwords + 1, 1)) == NULL)
		return -1;
	if (words_init(pack, &ws, nwords) == -1) {
		free(seen);
		return -1;
	}
	for (i = 0; i < doc->nlines; i++) {
		size_t l = strlen(b->cl[i]), keep;

		if (tail + l + 1 > cap) {
			cap = tail + l + 1 > 2 * cap ? tail + l + 1 : 2 * cap;
			if ((p = realloc(win, cap)) == NULL) {
				free(win);
				words_free(&ws);
				free(seen);
				return -1;
			}
			win = p;
		}
		memcpy(win + tail, b->cl[i], l + 1);
		mark_words(&ws, win, seen);
		keep = tail + l < longest - 1 ? tail + l : longest - 1;
		memmove(win, win + tail + l - keep, keep);
		tail = keep;
	}
	free(win);
	words_free(&ws);
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
