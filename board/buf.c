/*
 * buf.c -- growing buffer and HTML escaping (see buf.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void
buf_free(struct buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

static int
grow(struct buf *b, size_t n)
{
	size_t cap;
	char *p;

	if (b->oom)
		return -1;
	if (b->len + n + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 4096;
	while (cap < b->len + n + 1) {
		if (cap > ((size_t)-1) / 2) {
			b->oom = 1;
			return -1;
		}
		cap *= 2;
	}
	if ((p = realloc(b->p, cap)) == NULL) {
		b->oom = 1;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

void
buf_add(struct buf *b, const void *s, size_t n)
{
	if (grow(b, n) == -1)
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_lit(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_fmt(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		buf_add(b, small, (size_t)n);
		return;
	}
	if (grow(b, (size_t)n) == -1)
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/*
 * Length of the valid UTF-8 sequence at s (1..4) and its code point, or
 * 0 if the bytes are not one (overlong forms, surrogates, > U+10FFFF).
 */
static size_t
utf8_seq(const unsigned char *s, unsigned long *cp)
{
	size_t n, i;
	unsigned long c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0)
		n = 2, c = s[0] & 0x1f, min = 0x80;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3, c = s[0] & 0x0f, min = 0x800;
	else if ((s[0] & 0xf8) == 0xf0)
		n = 4, c = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Code points that would hide or reorder the text around them. */
static int
hidden(unsigned long c)
{
	return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ||
	    (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f ||
	    c == 0xfeff;
}

static void
escape(struct buf *b, const char *str, size_t max)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t count = 0;

	if (str == NULL)
		return;
	while (*s) {
		unsigned long cp;
		size_t n = utf8_seq(s, &cp);

		if (count++ == max) {
			buf_lit(b, "…");
			return;
		}
		if (n == 0 || hidden(cp)) {
			buf_lit(b, "\xef\xbf\xbd");
			s += n ? n : 1;
			continue;
		}
		switch (cp) {
		case '&': buf_lit(b, "&amp;"); break;
		case '<': buf_lit(b, "&lt;"); break;
		case '>': buf_lit(b, "&gt;"); break;
		case '"': buf_lit(b, "&quot;"); break;
		case '\'': buf_lit(b, "&#39;"); break;
		default: buf_add(b, s, n); break;
		}
		s += n;
	}
}

void
buf_html(struct buf *b, const char *s)
{
	escape(b, s, (size_t)-1);
}

void
buf_html_cut(struct buf *b, const char *s, size_t max)
{
	escape(b, s, max);
}

void
buf_urlarg(struct buf *b, const char *str)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)str;

	for (; s != NULL && *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
		    *s == '.')
			buf_add(b, s, 1);
		else {
			char e[3] = { '%', hex[*s >> 4], hex[*s & 15] };

			buf_add(b, e, 3);
		}
	}
}

const char *
buf_str(struct buf *b)
{
	if (b->oom)
		return NULL;
	if (b->p == NULL)
		buf_add(b, "", 0);
	return b->oom ? NULL : b->p;
}
