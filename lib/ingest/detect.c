/*
 * detect.c -- file type by content.  Magic numbers for the binary
 * formats; for HTML, the first tag of the file.
 */
#include <string.h>
#include <strings.h>

#include "detect.h"

/* How far into a file we look for "%PDF-" (some generators put junk
 * before it, and readers accept it within the first kilobyte). */
#define NB_PDF_SNIFF	1024
/* How far we look for the first HTML tag. */
#define NB_HTML_SNIFF	4096

static int
has_prefix(const char *buf, size_t len, const char *magic, size_t mlen)
{
	return len >= mlen && memcmp(buf, magic, mlen) == 0;
}

static int
find_pdf(const char *buf, size_t len)
{
	const char *end = buf + (len < NB_PDF_SNIFF ? len : NB_PDF_SNIFF);
	const char *p;

	for (p = buf; end - p >= 5; p++)
		if (memcmp(p, "%PDF-", 5) == 0)
			return 1;
	return 0;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Does a tag name from the list start at p?  Case-insensitive. */
static int
html_tag_at(const char *p, size_t left)
{
	/* Documents, and the fragments some sites save (a <div> or a
	 * <table> without <html>); not inline tags like <b>, which start
	 * lines of text copied from pages. */
	static const char *const tags[] = {
		"!doctype html", "html", "head", "body", "meta", "title",
		"!--", "div", "p", "table", "h1", "h2", "h3", "center",
		"section", "article", "style", "script"
	};
	size_t i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		size_t n = strlen(tags[i]);

		if (left > n && strncasecmp(p, tags[i], n) == 0 &&
		    (tags[i][0] == '!' || is_space(p[n]) || p[n] == '>' ||
		    p[n] == '/'))
			return 1;
	}
	return 0;
}

static size_t
skip_space(const char *buf, size_t i, size_t n)
{
	while (i < n && is_space(buf[i]))
		i++;
	return i;
}

/* Index of the first tag after a BOM, white space and an XML
 * declaration. */
static size_t
skip_prolog(const char *buf, size_t n)
{
	size_t i = skip_space(buf, has_prefix(buf, n, "\xef\xbb\xbf", 3) ?
	    3 : 0, n);

	if (n - i > 5 && strncmp(buf + i, "<?xml", 5) == 0) {
		const char *gt = memchr(buf + i, '>', n - i);

		i = gt == NULL ? n : skip_space(buf, (size_t)(gt - buf) + 1, n);
	}
	return i;
}

/*
 * HTML if, after white space and an optional BOM or XML declaration, the
 * file starts with a document or block tag.  A text report that contains
 * "<b>" somewhere (markdown copies do) stays text.
 */
int
nb_looks_like_html(const char *buf, size_t len)
{
	size_t n = len > NB_HTML_SNIFF ? NB_HTML_SNIFF : len;
	size_t i = skip_prolog(buf, n);

	/* cppcheck infers len < 1 from the failed has_prefix() calls of
	 * nb_detect_kind(), wrongly: they fail on content too. */
	/* cppcheck-suppress knownConditionTrueFalse */
	if (i + 1 >= n)
		return 0;
	return buf[i] == '<' && html_tag_at(buf + i + 1, n - i - 1);
}

enum nb_kind
nb_detect_kind(const char *buf, size_t len)
{
	if (find_pdf(buf, len))
		return NB_KIND_PDF;
	if (has_prefix(buf, len, "PK\x03\x04", 4))
		return NB_KIND_ZIP;
	if (has_prefix(buf, len, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
		return NB_KIND_OLE2;
	if (has_prefix(buf, len, "{\\rtf", 5))
		return NB_KIND_RTF;
	if (has_prefix(buf, len, "\x89PNG\r\n\x1a\n", 8) ||
	    has_prefix(buf, len, "\xff\xd8\xff", 3) ||
	    has_prefix(buf, len, "II*\0", 4) || has_prefix(buf, len, "MM\0*", 4))
		return NB_KIND_IMAGE;
	if (nb_looks_like_html(buf, len))
		return NB_KIND_HTML;
	return NB_KIND_TEXT;
}
