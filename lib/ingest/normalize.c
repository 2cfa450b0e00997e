/*
 * normalize.c -- one normal form for everything that is compared.
 *
 * Report text comes from PDF, DOCX and HTML converters that disagree on
 * full-width forms, space characters and markdown decoration.  Keys of a
 * rule pack and lines of a report both go through nb_normalize(), so a
 * match never depends on how a converter spelled a character.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <uninorm.h>
#include <unistr.h>

#include "normalize.h"

/* Code points that are white space in reports but not ASCII spaces. */
static int
is_uspace(ucs4_t c)
{
	return c == 0x3000 || c == 0x00a0 || (c >= 0x2002 && c <= 0x200b) ||
	    c == 0xfeff || c == 0x202f || c == 0x205f || c == 0x1680 ||
	    c == 0x2000 || c == 0x2001;
}

/*
 * Copies NFKC text s into out (at least as large as s), turning Unicode
 * spaces into ASCII spaces and folding runs of spaces.  Returns the
 * length written.
 */
static size_t
fold_spaces(const uint8_t *s, size_t len, char *out)
{
	size_t i = 0, o = 0;
	ucs4_t c;

	while (i < len) {
		int n = u8_mbtouc(&c, s + i, len - i);
		if (n <= 0)
			break;
		if (c == ' ' || c == '\r' || c == '\v' || c == '\f' ||
		    is_uspace(c)) {
			if (o == 0 || out[o - 1] != ' ')
				out[o++] = ' ';
		} else if (c == 0x2212) {
			/* MINUS SIGN: NFKC keeps it, numbers need '-'. */
			out[o++] = '-';
		} else {
			memcpy(out + o, s + i, (size_t)n);
			o += (size_t)n;
		}
		i += (size_t)n;
	}
	out[o] = '\0';
	return o;
}

/* Removes every occurrence of pat from s, in place. */
static void
drop_all(char *s, const char *pat)
{
	size_t plen = strlen(pat);
	char *p;

	while ((p = strstr(s, pat)) != NULL)
		memmove(p, p + plen, strlen(p + plen) + 1);
}

/*
 * A markdown table rule such as "---|---" or "---\t---": only '-', '|',
 * ':' and white space, with a "---" or a '|' so that a lone "-" (a blank
 * table cell) or "-\t-" is kept.
 */
static int
is_rule_line(const char *s)
{
	const char *p;

	if (strstr(s, "---") == NULL && strchr(s, '|') == NULL)
		return 0;
	for (p = s; *p != '\0'; p++)
		if (strchr("-|: \t", *p) == NULL)
			return 0;
	return 1;
}

/* Trims spaces and tabs at both ends, in place. */
static void
trim(char *s)
{
	size_t len = strlen(s), start = 0;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	s[len] = '\0';
	while (s[start] == ' ' || s[start] == '\t')
		start++;
	if (start > 0)
		memmove(s, s + start, len - start + 1);
}

/* Drops leading '#'s (markdown headings) after leading white space. */
static void
drop_hashes(char *s)
{
	size_t start = 0, n = 0;

	while (s[start] == ' ' || s[start] == '\t')
		start++;
	while (s[start + n] == '#')
		n++;
	if (n > 0)
		memmove(s + start, s + start + n, strlen(s + start + n) + 1);
}

/* Folds runs of spaces again: removing markup can leave two in a row. */
static void
refold(char *s)
{
	char *r = s, *w = s;

	for (; *r != '\0'; r++) {
		if (*r == ' ' && w > s && w[-1] == ' ')
			continue;
		*w++ = *r;
	}
	*w = '\0';
}

/* Characters NFKC leaves alone and the matchers read as they are: CJK
 * ideographs, the ideographic comma and full stop, CJK brackets, curly
 * quotes, the em dash and the middle dot.  Copied without a look-up. */
static inline int
kept_as_is(ucs4_t c)
{
	return (c >= 0x4e00 && c <= 0x9fff) ||
	    (c >= 0x3001 && c <= 0x3002) ||
	    (c >= 0x3008 && c <= 0x3011) ||
	    (c >= 0x3014 && c <= 0x301b) ||
	    c == 0x2018 || c == 0x2019 || c == 0x201c || c == 0x201d ||
	    c == 0x2014 || c == 0x00b7;
}

/*
 * NFKC without libunistring for the text reports are made of: when every
 * code point of s is ASCII, a CJK unified ideograph, NFKC-stable CJK
 * punctuation, U+3000 or a full-width ASCII form, NFKC is the identity
 * but for U+3000 -> ' ' and U+FF01..U+FF5E -> ASCII, and no two of these
 * compose.  Writes to out (room for len bytes); returns the length, or
 * (size_t)-1 when s needs the full algorithm.  s is valid UTF-8.
 */
static size_t
nfkc_fast(const uint8_t *s, size_t len, uint8_t *out)
{
	size_t i = 0, o = 0;
	ucs4_t c;
	int n;

	while (i < len) {
		if (s[i] < 0x80) {
			out[o++] = s[i++];
			continue;
		}
		n = u8_mbtouc_unsafe(&c, s + i, len - i);
		if (kept_as_is(c)) {
			memcpy(out + o, s + i, (size_t)n);
			o += (size_t)n;
		} else if (c >= 0xff01 && c <= 0xff5e)
			out[o++] = (uint8_t)(c - 0xfee0);
		else if (c == 0x3000)
			out[o++] = ' ';
		else
			return (size_t)-1;
		i += (size_t)n;
	}
	return o;
}

/* What follows NFKC and space folding: markup dropped, trimmed. */
static void
tidy(char *out)
{
	if (strpbrk(out, "*<") != NULL) {	/* most lines have neither */
		drop_all(out, "**");
		drop_all(out, "<b>");
		drop_all(out, "</b>");
		drop_all(out, "<B>");
		drop_all(out, "</B>");
	}
	/* After the bold markers: "**## 三、…**" is a heading too. */
	drop_hashes(out);
	if (is_rule_line(out))
		out[0] = '\0';
	refold(out);
	trim(out);
}

/* Length of the valid UTF-8 sequence at s (n bytes left), as u8_check()
 * accepts them, with its code point in *c; 0 when invalid. */
static int
utf8_at(const uint8_t *s, size_t n, ucs4_t *c)
{
	uint8_t b = s[0];

	if (b < 0xc2)
		return 0;
	if (b < 0xe0) {
		if (n < 2 || (s[1] ^ 0x80) >= 0x40)
			return 0;
		*c = (ucs4_t)(b & 0x1f) << 6 | (s[1] ^ 0x80);
		return 2;
	}
	if (b < 0xf0) {
		if (n < 3 || (s[1] ^ 0x80) >= 0x40 || (s[2] ^ 0x80) >= 0x40 ||
		    (b == 0xe0 && s[1] < 0xa0) || (b == 0xed && s[1] >= 0xa0))
			return 0;
		*c = (ucs4_t)(b & 0x0f) << 12 | (ucs4_t)(s[1] ^ 0x80) << 6 |
		    (s[2] ^ 0x80);
		return 3;
	}
	return 0;	/* 4 bytes: left to the full path */
}

size_t
nb_utf8_bad(const char *str, size_t len)
{
	const uint8_t *s = (const uint8_t *)str;
	size_t i = 0;
	ucs4_t c;

	while (i < len) {
		uint8_t b = s[i];
		uint64_t x;
		int n;

		if (b < 0x80) {
			/* Eight ASCII bytes at once where there are eight. */
			if (len - i >= 8) {
				memcpy(&x, s + i, 8);
				if ((x & 0x8080808080808080ULL) == 0) {
					i += 8;
					continue;
				}
			}
			i++;
			continue;
		}
		/* E1-EC, EE, EF: any two continuation bytes (E0 and ED,
		 * which exclude some, go to utf8_at()). */
		if (b >= 0xe1 && b != 0xed && b < 0xf0 && len - i >= 3 &&
		    (s[i + 1] & 0xc0) == 0x80 && (s[i + 2] & 0xc0) == 0x80) {
			i += 3;
			continue;
		}
		if ((n = utf8_at(s + i, len - i, &c)) > 0) {
			i += (size_t)n;
			continue;
		}
		/* Four bytes: F0 90-BF, F1-F3, F4 80-8F, then continuations. */
		if (b < 0xf0 || b > 0xf4 || len - i < 4 ||
		    (s[i + 1] & 0xc0) != 0x80 || (s[i + 2] & 0xc0) != 0x80 ||
		    (s[i + 3] & 0xc0) != 0x80 || (b == 0xf0 && s[i + 1] < 0x90) ||
		    (b == 0xf4 && s[i + 1] >= 0x90))
			return i;
		i += 4;
	}
	return len;
}

/*
 * nb_normalize() in one pass for the lines reports are made of (the
 * code points nfkc_fast() takes, no NUL): NFKC, space folding and the
 * trim, writing to out (room for len + 1 bytes).  Returns the length,
 * or (size_t)-1 when the line needs the general path (another code
 * point, a NUL, bad bytes).  A line with markup ('*', '<', '#', maybe a
 * table rule) is tidied as the general path does.  Same result.
 */
static size_t
normalize_fast(const uint8_t *s, size_t len, char *out)
{
	size_t i = 0, o = 0, start;
	int rulish = 1, markup = 0;
	ucs4_t c;
	int n;

	while (i < len) {
		uint8_t b = s[i];

		if (b < 0x80) {
			if (b == ' ' || b == '\r' || b == '\v' || b == '\f') {
				if (o == 0 || out[o - 1] != ' ')
					out[o++] = ' ';
			} else if (b == '\0')
				return (size_t)-1;
			else {
				if (b == '*' || b == '<' || b == '#')
					markup = 1;
				if (b != '-' && b != '|' && b != ':' &&
				    b != '\t')
					rulish = 0;
				out[o++] = (char)b;
			}
			i++;
			continue;
		}
		/* U+4E00-U+9FFF, most of a report: E4 B8-BF or E5-E9, then
		 * two continuation bytes; kept, without decoding it. */
		if (b >= 0xe4 && b <= 0xe9 && len - i >= 3 &&
		    (s[i + 1] & 0xc0) == 0x80 && (s[i + 2] & 0xc0) == 0x80 &&
		    (b != 0xe4 || s[i + 1] >= 0xb8)) {
			out[o] = (char)b;
			out[o + 1] = (char)s[i + 1];
			out[o + 2] = (char)s[i + 2];
			o += 3;
			i += 3;
			rulish = 0;
			continue;
		}
		if ((n = utf8_at(s + i, len - i, &c)) == 0)
			return (size_t)-1;
		if (kept_as_is(c)) {
			/* two or three bytes: no memcpy() call a character */
			out[o] = (char)s[i];
			out[o + 1] = (char)s[i + 1];
			if (n == 3)
				out[o + 2] = (char)s[i + 2];
			o += (size_t)n;
			rulish = 0;
		} else if (c >= 0xff01 && c <= 0xff5e) {
			b = (uint8_t)(c - 0xfee0);
			if (b == '*' || b == '<' || b == '#')
				markup = 1;
			if (b != '-' && b != '|' && b != ':')
				rulish = 0;
			out[o++] = (char)b;
		} else if (c == 0x3000) {
			if (o == 0 || out[o - 1] != ' ')
				out[o++] = ' ';
		} else
			return (size_t)-1;
		i += (size_t)n;
	}
	/* Markup, or only '-', '|', ':' and white space (maybe a rule). */
	if (markup || (rulish && o > 0)) {
		out[o] = '\0';
		tidy(out);
		return strlen(out);
	}
	while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '\t'))
		o--;
	for (start = 0; start < o && (out[start] == ' ' || out[start] == '\t');
	    start++)
		;
	if (start > 0)
		memmove(out, out + start, o - start);
	o -= start;
	out[o] = '\0';
	return o;
}

size_t
nb_normalize_to(const char *s, size_t len, char *out)
{
	if (s == NULL)
		return (size_t)-1;
	return normalize_fast((const uint8_t *)s, len, out);
}

char *
nb_normalize(const char *s, size_t len)
{
	uint8_t *nfkc;
	size_t nlen = 0;
	char *out;

	if (s == NULL || u8_check((const uint8_t *)s, len) != NULL)
		return NULL;
	if (len == 0)
		return calloc(1, 1);
	/* Most lines need no libunistring: skip the costly call. */
	if ((nfkc = malloc(len)) == NULL)
		return NULL;
	if ((nlen = nfkc_fast((const uint8_t *)s, len, nfkc)) == (size_t)-1) {
		free(nfkc);
		if ((nfkc = u8_normalize(UNINORM_NFKC, (const uint8_t *)s,
		    len, NULL, &nlen)) == NULL)
			return NULL;
	}
	if ((out = malloc(nlen + 1)) == NULL) {
		free(nfkc);
		return NULL;
	}
	fold_spaces(nfkc, nlen, out);
	free(nfkc);
	tidy(out);
	return out;
}

char *
nb_compact(const char *s, size_t len)
{
	char *t, *r, *w;

	if ((t = nb_normalize(s, len)) == NULL)
		return NULL;
	for (r = w = t; *r != '\0'; r++)
		if (*r != ' ' && *r != '\t')
			*w++ = *r;
	*w = '\0';
	return t;
}

int
nb_is_number(const char *tok, size_t len)
{
	size_t i = 0, digits = 0;

	if (tok == NULL || len == 0)
		return 0;
	if (tok[0] == '-')
		i++;
	for (; i < len && tok[i] >= '0' && tok[i] <= '9'; i++)
		digits++;
	if (digits == 0)
		return 0;
	if (i == len)
		return 1;
	if (tok[i] != '.')
		return 0;
	i++;
	digits = 0;
	for (; i < len && tok[i] >= '0' && tok[i] <= '9'; i++)
		digits++;
	return digits > 0 && i == len;
}

int
nb_is_blank_mark(const char *tok, size_t len)
{
	static const char *const marks[] = {
		"/", "-", "\xe2\x80\x94" /* — */, "\xef\xbc\x8d" /* － */,
		"\xe2\x80\x93" /* – */, "\xe6\x97\xa0" /* 无 */,
		"\xe7\xa9\xba" /* 空 */, "\\", "\xe2\x80\x94\xe2\x80\x94",
		"--", "\xef\xbc\x8f" /* ／ */
	};
	size_t i;

	/* Every mark is one to six bytes: most tokens turn away here. */
	if (tok == NULL || len == 0 || len > 6)
		return 0;
	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (marks[i][0] == tok[0] && strlen(marks[i]) == len &&
		    memcmp(marks[i], tok, len) == 0)
			return 1;
	return 0;
}
