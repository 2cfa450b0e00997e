/*
 * text.h -- small helpers the national plugins share for reading section
 * text (UTF-8, NFKC-normalised, spaces removed: see nb_api.section_text).
 * Header-only, so each plugin stays one self-contained .so.
 */
#ifndef NB_PLUGIN_TEXT_H
#define NB_PLUGIN_TEXT_H

#include <string.h>

/* Bytes of the UTF-8 character starting at s. */
static inline size_t
text_u8len(const char *s)
{
	unsigned char b = (unsigned char)*s;

	if (b >= 0xf0)
		return 4;
	if (b >= 0xe0)
		return 3;
	return b >= 0xc0 ? 2 : 1;
}

/* Bytes of s that fit in max without cutting a character: for "%.*s"
 * (a byte precision alone can end a message inside a character, and a
 * message that is not UTF-8 cannot be written as JSON). */
static inline int
text_clip(const char *s, size_t max)
{
	size_t n = 0, k;

	while (s[n] != '\0' && n + (k = text_u8len(s + n)) <= max)
		n += k;
	return (int)n;
}

/* Does s start with the word w?  Called at every character of a section
 * for several words: the first byte turns most calls away cheaply. */
static inline int
text_starts(const char *s, const char *w)
{
	/* strncmp(s, w, strlen(w)) == 0, without the two calls */
	for (; *w != '\0'; s++, w++)
		if (*s != *w)
			return 0;
	return 1;
}

/* End of a sentence or clause.  NFKC turns "，" and "；" into ASCII, but
 * "。" stays; the full-width forms are kept for text from elsewhere. */
static inline int
text_sentence_end(const char *s)
{
	return *s == '\0' || *s == ';' || text_starts(s, "。") ||
	    text_starts(s, "；");
}

static inline int
text_clause_end(const char *s)
{
	return text_sentence_end(s) || *s == ',' || text_starts(s, "，");
}

#endif
