/*
 * lines.c -- the compact lines a model is built from, and the small
 * questions every part of the model asks of them: how many characters,
 * which year, the next non-empty line, several lines joined.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "normalize.h"

/*
 * s without spaces and tabs; s is already normalised.  s itself when it
 * has none (most lines of a Chinese report), so that no copy is made;
 * build_clear() frees only copies.
 */
char *
nb_squeeze(char *s)
{
	char *d;

	if (strpbrk(s, " \t") == NULL)
		return s;
	if ((d = strdup(s)) == NULL)
		return NULL;
	*nb_squeeze_to(d, d) = '\0';
	return d;
}

/* Copies s without spaces and tabs to d (which may be s); returns the end
 * of what it wrote, with no NUL put there. */
char *
nb_squeeze_to(char *d, const char *s)
{
	/* Run by run (strcspn() reads many bytes a step; most lines are
	 * one run): what lies between the spaces is moved whole. */
	while (*s != '\0') {
		size_t n = strcspn(s, " \t");

		if (d != s)
			memmove(d, s, n);
		d += n;
		s += n;
		while (*s == ' ' || *s == '\t')
			s++;
	}
	return d;
}

/* strlen(nb_squeeze(s)) without making it. */
size_t
nb_squeeze_len(const char *s)
{
	size_t n = 0;

	while (*s != '\0') {
		size_t l = strcspn(s, " \t");

		n += l;
		s += l;
		while (*s == ' ' || *s == '\t')
			s++;
	}
	return n;
}

/*
 * Characters of valid UTF-8 s, counting stops past cap: callers only
 * compare with a maximum, and most lines are paragraphs far longer.
 */
size_t
nb_nchars(const char *s, size_t cap)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0;

	/* A three-byte character (the CJK of a report) is stepped over
	 * whole when its bytes are a lead and two continuations: the same
	 * count as byte by byte, a third of the steps. */
	while (*u != '\0' && n <= cap) {
		if ((*u & 0xf0) == 0xe0 && (u[1] & 0xc0) == 0x80 &&
		    (u[2] & 0xc0) == 0x80) {
			u += 3;
			n++;
			continue;
		}
		n += (*u++ & 0xc0) != 0x80;
	}
	return n;
}

int
nb_isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* Offset of the first "YYYY年" in s, or -1; *year gets YYYY. */
long
nb_find_year(const char *s, int *year)
{
	const char *p;

	for (p = s; *p != '\0'; p++) {
		if (!nb_isdig(p[0]) || !nb_isdig(p[1]) || !nb_isdig(p[2]) ||
		    !nb_isdig(p[3]) || strncmp(p + 4, "年", strlen("年")) != 0)
			continue;
		if (p > s && nb_isdig(p[-1]))
			continue;
		*year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 +
		    (p[2] - '0') * 10 + (p[3] - '0');
		return p - s;
	}
	return -1;
}

/* Previous non-empty line before index i, or NONE. */
size_t
nb_prev_nonempty(const struct build *b, size_t i)
{
	while (i-- > 0)
		if (b->cl[i][0] != '\0')
			return i;
	return NONE;
}

/* Next non-empty line after index i, or NONE. */
size_t
nb_next_nonempty(const struct build *b, size_t i)
{
	while (++i < b->r->doc->nlines)
		if (b->cl[i][0] != '\0')
			return i;
	return NONE;
}

int
nb_has_digit(const char *s)
{
	for (; *s != '\0'; s++)
		if (nb_isdig(*s))
			return 1;
	return 0;
}

/* Compact text of the non-empty lines first..last, joined; NULL: ENOMEM. */
char *
nb_join_lines(const struct build *b, size_t first, size_t last)
{
	size_t i, len = 0;
	char *t;

	for (i = first; i <= last; i++)
		len += strlen(b->cl[i]);
	if ((t = malloc(len + 1)) == NULL)
		return NULL;
	t[0] = '\0';
	for (i = first; i <= last; i++)
		strcat(t, b->cl[i]);
	return t;
}


/* Characters in the first n bytes of valid UTF-8 s. */
size_t
nb_nchars_n(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n && s[i] != '\0'; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}
