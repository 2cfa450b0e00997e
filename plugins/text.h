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

/* The code point of the UTF-8 character at s (text is valid UTF-8). */
static inline unsigned
text_cp(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] < 0x80)
		return u[0];
	if (u[0] < 0xe0)
		return (u[0] & 0x1fu) << 6 | (u[1] & 0x3fu);
	if (u[0] < 0xf0)
		return (u[0] & 0x0fu) << 12 | (u[1] & 0x3fu) << 6 |
		    (u[2] & 0x3fu);
	return (u[0] & 0x07u) << 18 | (u[1] & 0x3fu) << 12 |
	    (u[2] & 0x3fu) << 6 | (u[3] & 0x3fu);
}

/* A filter of the first characters of n words, one bit per code point
 * modulo 64: where text_may_start() says 0, none of them starts.  For
 * scans that try a list of words at every character of a section. */
static inline unsigned long long
text_firsts(const char *const *w, size_t n)
{
	unsigned long long m = 0;
	size_t i;

	for (i = 0; i < n; i++)
		m |= 1ull << (text_cp(w[i]) & 63u);
	return m;
}

static inline int
text_may_start(unsigned long long firsts, const char *s)
{
	return (int)(firsts >> (text_cp(s) & 63u) & 1u);
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
