/*
 * doc.h -- a document: the lines of a report as decoded UTF-8 text.
 *
 * Every ingest path (text, HTML, DOCX, PDF) ends here.  A line keeps its
 * raw text (for showing the user and for byte positions of table cells)
 * and its normalised text (for matching).  Real table rows coming from
 * HTML or DOCX become one line each, cells separated by '\t'.
 */
#ifndef NB_DOC_H
#define NB_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "error.h"

struct nb_line {
	char		*raw;	/* decoded UTF-8, no newline */
	char		*text;	/* nb_normalize(raw) */
	unsigned	 lineno;/* 1-based line in the source, through pages */
	/* 16 bits each, so that a line costs 24 bytes, not 32 (a 60 MB text
	 * has 640,000 lines); both saturate at NB_PAGE_MAX, far past the
	 * readers' page limit and any page a viewer shows. */
	uint16_t	 page;	/* 1-based page, 0 for inputs without pages */
	uint16_t	 page_line; /* 1-based line on its page as a viewer
				 * shows it (lines drawn above it + 1); 0
				 * for inputs without pages */
};

#define NB_PAGE_MAX	UINT16_MAX

/* Bytes of a line recognised from a page image, with the recogniser's
 * confidence (0..1): a table cell or a word of a scan (ocr_load.c). */
struct nb_conf_span {
	size_t		 line;	/* index into lines */
	size_t		 off, len; /* bytes of its raw */
	double		 conf;
};

struct nb_doc {
	char		*name;	/* file name as given, for messages */
	const char	*kind;	/* "text", "html", "docx", "pdf" */
	const char	*encoding; /* "UTF-8", "GB18030", ... */
	int		 no_text; /* a PDF whose pages carry no text (scan) */
	int		 ocr;	/* its lines were recognised from images */
	struct nb_conf_span *conf; /* OCR: in line and offset order */
	size_t		 nconf, cconf;
	struct nb_line	*lines;
	size_t		 nlines;
	size_t		 cap;
	/* Where the lines' text lives: blocks holding many lines each, so a
	 * report of short lines does not pay a malloc per line (doc.c). */
	struct nb_arena	 text;
	/* Or a whole text handed over by the reader, whose lines point into
	 * it (nb_doc_adopt_text): a large input is not held twice. */
	char		*adopted;
};

struct nb_doc	*nb_doc_new(const char *name);
void		 nb_doc_free(struct nb_doc *doc);
/* Appends a line; raw need not be NUL-terminated.  Returns 0 or -1 (ENOMEM). */
int		 nb_doc_add_line(struct nb_doc *doc, const char *raw, size_t len,
		    unsigned lineno, unsigned page);
/* Sets the last line's line on its page, as the reader that drew it
 * knows it (saturating at NB_PAGE_MAX). */
void		 nb_doc_set_page_line(struct nb_doc *doc, unsigned page_line);
/* Gives back the unused part of the line array (after the last line). */
void		 nb_doc_trim(struct nb_doc *doc);
/* Appends a line of another document, sharing its text (no copy, no
 * normalising again): that document must outlive doc. */
int		 nb_doc_copy_line(struct nb_doc *doc, const struct nb_line *src);
/* Records the confidence of bytes [off, off+len) of line `line` (spans
 * come in line and offset order).  Returns 0 or -1 (ENOMEM). */
int		 nb_doc_add_conf(struct nb_doc *doc, size_t line, size_t off,
		    size_t len, double conf);
/* The lowest confidence of the spans overlapping bytes [off, off+len)
 * of line `line`, or -1 when none does (not recognised from an image). */
double		 nb_doc_conf_at(const struct nb_doc *doc, size_t line,
		    size_t off, size_t len);
/* Splits UTF-8 text on \n, \r\n or \r into lines numbered from 1. */
int		 nb_doc_add_text(struct nb_doc *doc, const char *utf8, size_t len,
		    unsigned page, struct nb_error *err);
/* As nb_doc_add_text() of own + off (len bytes, then a NUL), a malloc'd
 * text that the document takes over (freed with it, even on failure):
 * the lines are cut in place, not copied. */
int		 nb_doc_adopt_text(struct nb_doc *doc, char *own, size_t off,
		    size_t len, unsigned page, struct nb_error *err);
/* The page of source line `line` and, in *page_line, its line on that
 * page; 0 (and 0) for inputs without pages or an unknown line. */
unsigned	 nb_doc_line_page(const struct nb_doc *doc, unsigned line,
		    unsigned *page_line);

#endif
