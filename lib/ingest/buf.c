/*
 * buf.c -- what the HTML, DOCX and PDF readers share: a growing UTF-8
 * string, table rows as tab-separated fields, lines flushed into a
 * document, the count of tags that bounds a markup tree.  Linked into
 * the engine and into each reader module.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "readers.h"

int
nb_buf_add(struct nb_buf *b, const char *s, size_t n)
{
	char *p;

	if (n == 0)		/* s may be NULL then */
		return 0;
	if (n >= SIZE_MAX / 2 - b->len)
		return -1;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->p, cap)) == NULL)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

void
nb_buf_free(struct nb_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

int
nb_buf_join(struct nb_buf *b, const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (b->len > 0) {
		unsigned char last = (unsigned char)b->p[b->len - 1];
		unsigned char first = (unsigned char)s[0];

		if (last < 0x80 && first < 0x80 && last != ' ' && first != ' ' &&
		    nb_buf_add(b, " ", 1) == -1)
			return -1;
	}
	return nb_buf_add(b, s, n);
}

int
nb_row_field(struct nb_buf *row, size_t *nfields, const char *s, size_t n)
{
	size_t i, start;

	if ((*nfields)++ > 0 && nb_buf_add(row, "\t", 1) == -1)
		return -1;
	for (i = start = 0; i < n; i++) {
		if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			continue;
		if (nb_buf_add(row, s + start, i - start) == -1 ||
		    nb_buf_add(row, " ", 1) == -1)
			return -1;
		start = i + 1;
	}
	return nb_buf_add(row, s + start, n - start);
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

int
nb_flush_line(struct nb_doc *doc, struct nb_buf *b, unsigned *lineno,
    unsigned page)
{
	size_t start = 0, end = b->len;
	int rc = 0;

	while (start < end && is_blank(b->p[start]))
		start++;
	while (end > start && is_blank(b->p[end - 1]))
		end--;
	if (end > start) {
		rc = nb_doc_add_line(doc, b->p + start, end - start, ++*lineno,
		    page);
	}
	b->len = 0;
	return rc;
}

/* A markup text has at most lim->max_markup tags (readers.h). */
int
nb_markup_fits(const char *name, const char *what, const char *p,
    size_t len, const struct nb_limits *lim, struct nb_error *err)
{
	const char *end = p + len;
	size_t tags = 0;

	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (++tags > lim->max_markup)
			return nb_fail(err, NB_ERR_TOO_BIG, "%s: %s的标记超过 %zu "
			    "个（读取器的上限），不像一份年度报告，不检查", name,
			    what, lim->max_markup);
		p++;
	}
	return 0;
}
