/*
 * doc.c -- a document as lines, each kept raw and normalised.
 *
 * The raw text is kept because findings point at bytes of it (table
 * cells); the normalised text is what every matcher reads.  Both are
 * copied into blocks of BLOCK_SIZE that the document owns (one when the
 * normalised text is the raw one): a large input costs its size twice,
 * not twice plus two allocations per line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "doc.h"
#include "normalize.h"

#define BLOCK_SIZE	(256 * 1024)

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
	doc->text.block = BLOCK_SIZE;
	return doc;
}

void
nb_doc_free(struct nb_doc *doc)
{
	if (doc == NULL)
		return;
	nb_arena_free(&doc->text);
	free(doc->lines);
	free(doc->conf);
	free(doc->adopted);
	free(doc->name);
	free(doc);
}

int
nb_doc_add_conf(struct nb_doc *doc, size_t line, size_t off, size_t len,
    double conf)
{
	struct nb_conf_span *p;

	if (doc->nconf == doc->cconf) {
		size_t cap = doc->cconf ? doc->cconf * 2 : 256;

		if (cap > SIZE_MAX / sizeof(*p) ||
		    (p = realloc(doc->conf, cap * sizeof(*p))) == NULL)
			return -1;
		doc->conf = p;
		doc->cconf = cap;
	}
	p = &doc->conf[doc->nconf++];
	p->line = line;
	p->off = off;
	p->len = len;
	p->conf = conf;
	return 0;
}

double
nb_doc_conf_at(const struct nb_doc *doc, size_t line, size_t off,
    size_t len)
{
	size_t lo = 0, hi = doc->nconf;
	double low = -1;

	/* the first span of the line (binary search), then along it */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (doc->conf[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < doc->nconf && doc->conf[lo].line == line; lo++) {
		const struct nb_conf_span *s = &doc->conf[lo];

		if (s->off < off + (len ? len : 1) && off < s->off + s->len &&
		    (low < 0 || s->conf < low))
			low = s->conf;
	}
	return low;
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

/* Adds the line whose raw text r (len bytes, NUL-terminated) already
 * lives where the document keeps it: its blocks or its adopted text. */
static int
add_placed(struct nb_doc *doc, char *r, size_t len, unsigned lineno,
    unsigned page)
{
	struct nb_line *l;
	char *t, *n;
	size_t nlen;

	/* The common line is normalised straight into the blocks, and the
	 * room given back when the text is the raw one. */
	if ((n = nb_arena_room(&doc->text, len + 1)) == NULL)
		return -1;
	if ((nlen = nb_normalize_to(r, len, n)) != (size_t)-1) {
		if (nlen == len && memcmp(n, r, len) == 0)
			n = r;
		else
			nb_arena_take(&doc->text, n, nlen + 1);
		t = n;
		goto placed;
	}
	/* Invalid UTF-8 cannot be matched; the line is kept, but empty for
	 * the matchers (ingest rejects such input before it gets here).
	 * nb_normalize() checks the bytes itself: look again only when it
	 * fails, to tell bad bytes from no memory.  (A failure leaves r in
	 * the blocks, freed with the document.) */
	if ((t = nb_normalize(r, len)) == NULL &&
	    u8_check((const uint8_t *)r, len) != NULL)
		t = calloc(1, 1);
	if (t == NULL)
		return -1;
	/* Already normal (often so): one copy serves both. */
	if (strcmp(t, r) == 0)
		n = r;
	else
		n = nb_arena_copy(&doc->text, t, strlen(t));
	free(t);
	if (n == NULL)
		return -1;
	t = n;
placed:
	l = &doc->lines[doc->nlines++];
	l->raw = r;
	l->text = t;
	l->lineno = lineno;
	l->page = page < NB_PAGE_MAX ? (uint16_t)page : NB_PAGE_MAX;
	/* The n-th line of a page is its line n, unless the reader, who
	 * knows what is drawn where, says otherwise after adding it. */
	l->page_line = 0;
	if (page != 0)
		nb_doc_set_page_line(doc, doc->nlines > 1 &&
		    l[-1].page == l->page ? l[-1].page_line + 1u : 1u);
	return 0;
}

void
nb_doc_set_page_line(struct nb_doc *doc, unsigned page_line)
{
	if (doc->nlines == 0)
		return;
	doc->lines[doc->nlines - 1].page_line = page_line < NB_PAGE_MAX ?
	    (uint16_t)page_line : NB_PAGE_MAX;
}

int
nb_doc_add_line(struct nb_doc *doc, const char *raw, size_t len,
    unsigned lineno, unsigned page)
{
	char *r;

	if (grow(doc) == -1 || (r = nb_arena_copy(&doc->text, raw, len)) == NULL)
		return -1;
	return add_placed(doc, r, len, lineno, page);
}

void
nb_doc_trim(struct nb_doc *doc)
{
	struct nb_line *nl;

	if (doc->nlines == 0 || doc->nlines == doc->cap)
		return;
	/* Shrinking cannot fail for want of memory; if it does, keep it. */
	if ((nl = realloc(doc->lines, doc->nlines * sizeof(*nl))) == NULL)
		return;
	doc->lines = nl;
	doc->cap = doc->nlines;
}

int
nb_doc_copy_line(struct nb_doc *doc, const struct nb_line *src)
{
	if (grow(doc) == -1)
		return -1;
	/* A document frees its blocks, never a line: sharing is safe while
	 * src's document lives. */
	doc->lines[doc->nlines++] = *src;
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

/* The first byte c of s[from, to), or to: lines are found by memchr(),
 * not a byte loop. */
static size_t
find_byte(const char *s, int c, size_t from, size_t to)
{
	const char *p = from < to ? memchr(s + from, c, to - from) : NULL;

	return p != NULL ? (size_t)(p - s) : to;
}

int
nb_doc_adopt_text(struct nb_doc *doc, char *own, size_t off, size_t len,
    unsigned page, struct nb_error *err)
{
	char *utf8 = own + off;
	size_t start = 0, i = 0, cr = 0;
	unsigned lineno = 1;

	/* The document frees it, whatever happens next. */
	doc->adopted = own;
	if (len == 0)
		return 0;
	/* The next '\r': most texts have none, and one search says so. */
	cr = find_byte(utf8, '\r', 0, len);
	while (i <= len) {
		char c;

		if (cr < i)
			cr = find_byte(utf8, '\r', i, len);
		i = find_byte(utf8, '\n', i, cr);
		c = i < len ? utf8[i] : '\0';
		if (i == len && start == len && lineno > 1)
			break;
		/* The line ends where it is: its newline becomes its NUL. */
		utf8[i] = '\0';
		if (grow(doc) == -1 || add_placed(doc, utf8 + start, i - start,
		    lineno++, page) == -1)
			return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足",
			    doc->name);
		if (c == '\r' && i + 1 < len && utf8[i + 1] == '\n')
			i++;
		start = ++i;
	}
	return 0;
}

unsigned
nb_doc_line_page(const struct nb_doc *doc, unsigned line,
    unsigned *page_line)
{
	size_t i = line > 0 ? line - 1 : 0;

	if (page_line != NULL)
		*page_line = 0;
	if (line == 0 || doc == NULL)
		return 0;
	/* Lines are numbered in order, one by one, in every reader. */
	if (i >= doc->nlines || doc->lines[i].lineno != line)
		for (i = 0; i < doc->nlines && doc->lines[i].lineno != line;
		    i++)
			;
	if (i >= doc->nlines)
		return 0;
	if (page_line != NULL)
		*page_line = doc->lines[i].page_line;
	return doc->lines[i].page;
}
