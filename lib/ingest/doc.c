/*
 * doc.c -- a document as lines, each kept raw and normalised.
 *
 * The raw text is kept because findings point at bytes of it (table
 * cells); the normalised text is what every matcher reads.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "doc.h"
#include "normalize.h"

struct nb_doc *
nb_doc_new(const char *name)
{
	struct nb_doc *doc;
	size_t len;

	if ((doc = calloc(1, sizeof(*doc))) == NULL)
		return NULL;
	if (name == NULL)
		name = "";
	len = strlen(name);
	if ((doc->name = malloc(len + 1)) == NULL) {
		free(doc);
		return NULL;
	}
	memcpy(doc->name, name, len + 1);
	doc->kind = "text";
	doc->encoding = "UTF-8";
	return doc;
}

void
nb_doc_free(struct nb_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->nlines; i++) {
		free(doc->lines[i].raw);
		free(doc->lines[i].text);
	}
	free(doc->lines);
	free(doc->name);
	free(doc);
}

static int
grow(struct nb_doc *doc)
{
	struct nb_line *nl;
	size_t ncap;

	if (doc->nlines < doc->cap)
		return 0;
	ncap = doc->cap ? doc->cap * 2 : 256;
	if (ncap > SIZE_MAX / sizeof(*nl))
		return -1;
	if ((nl = realloc(doc->lines, ncap * sizeof(*nl))) == NULL)
		return -1;
	doc->lines = nl;
	doc->cap = ncap;
	return 0;
}

int
nb_doc_add_line(struct nb_doc *doc, const char *raw, size_t len,
    unsigned lineno, unsigned page)
{
	struct nb_line *l;
	char *r, *t;

	if (grow(doc) == -1)
		return -1;
	if ((r = malloc(len + 1)) == NULL)
		return -1;
	memcpy(r, raw, len);
	r[len] = '\0';
	/* Invalid UTF-8 cannot be matched; the line is kept, but empty for
	 * the matchers (ingest rejects such input before it gets here).
	 * nb_normalize() checks the bytes itself: look again only when it
	 * fails, to tell bad bytes from no memory. */
	if ((t = nb_normalize(r, len)) == NULL &&
	    u8_check((const uint8_t *)r, len) != NULL)
		t = calloc(1, 1);
	if (t == NULL) {
		free(r);
		return -1;
	}
	l = &doc->lines[doc->nlines++];
	l->raw = r;
	l->text = t;
	l->lineno = lineno;
	l->page = page;
	return 0;
}

int
nb_doc_copy_line(struct nb_doc *doc, const struct nb_line *src)
{
	struct nb_line *l;
	char *r, *t;

	if (grow(doc) == -1)
		return -1;
	if ((r = strdup(src->raw)) == NULL)
		return -1;
	if ((t = strdup(src->text)) == NULL) {
		free(r);
		return -1;
	}
	l = &doc->lines[doc->nlines++];
	*l = *src;
	l->raw = r;
	l->text = t;
	return 0;
}

int
nb_doc_add_text(struct nb_doc *doc, const char *utf8, size_t len,
    unsigned page, struct nb_error *err)
{
	size_t start = 0, i = 0;
	unsigned lineno = 1;

	if (len == 0)
		return 0;
	while (i <= len) {
		if (i < len && utf8[i] != '\n' && utf8[i] != '\r') {
			i++;
			continue;
		}
		/* A final newline does not start another line. */
		if (i == len && start == len && lineno > 1)
			break;
		if (nb_doc_add_line(doc, utf8 + start, i - start, lineno++,
		    page) == -1)
			return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足",
			    doc->name);
		if (i < len && utf8[i] == '\r' && i + 1 < len &&
		    utf8[i + 1] == '\n')
			i++;
		start = ++i;
	}
	return 0;
}
