/*
 * readers.h -- the readers behind nb_ingest(), one per file type.  Each
 * takes the whole file and the resolved limits (no zero fields) and
 * returns a document or NULL with err set.
 */
#ifndef NB_READERS_H
#define NB_READERS_H

#include <stddef.h>

#include "doc.h"
#include "error.h"
#include "ingest.h"

/* Fills every zero field of in with its default. */
void		 nb_limits_resolve(const struct nb_limits *in,
		    struct nb_limits *out);

/* Counts the tags of an HTML or XML text before a tree is built from it:
 * 0, or -1 (NB_ERR_TOO_BIG, naming the file and what) over max_markup. */
int		 nb_markup_fits(const char *name, const char *what,
		    const char *p, size_t len, const struct nb_limits *lim,
		    struct nb_error *err);

struct nb_doc	*nb_read_text(const char *name, const char *buf, size_t len,
		    const struct nb_limits *lim, struct nb_error *err);
/* The same, taking over buf (malloc'd, a NUL at buf[len]; freed here or
 * with the document, whose lines point into it). */
struct nb_doc	*nb_read_text_owned(const char *name, char *buf, size_t len,
		    const struct nb_limits *lim, struct nb_error *err);
/*
 * The HTML, DOCX and PDF readers live in modules of their own
 * (readers/html.so, docx.so, pdf.so), so that a text check never maps
 * libxml2, libzip or poppler and the libraries they pull in.  A program
 * that links a reader in (the fuzz targets) uses it directly.
 */
struct nb_doc	*nb_read_html(const char *name, const char *buf, size_t len,
		    const struct nb_limits *lim, struct nb_error *err);
struct nb_doc	*nb_read_docx(const char *name, const char *buf, size_t len,
		    const struct nb_limits *lim, struct nb_error *err);
struct nb_doc	*nb_read_pdf(const char *name, const char *buf, size_t len,
		    const struct nb_limits *lim, struct nb_error *err);
/* ocr_load.c: a scan (an image-only PDF, or image != 0: PNG, JPEG,
 * TIFF) recognised by the OCR module. */
struct nb_doc	*nb_read_ocr(const char *name, const char *buf, size_t len,
		    int image, const struct nb_limits *lim, struct nb_error *err);

typedef struct nb_doc *(*nb_reader_fn)(const char *name, const char *buf,
		    size_t len, const struct nb_limits *lim,
		    struct nb_error *err);

enum nb_reader_kind {
	NB_READER_HTML,
	NB_READER_DOCX,
	NB_READER_PDF,
	NB_READER_COUNT
};

/* Reads buf with reader k, loaded on first use (readers_load.c); NULL
 * with err set when the reader cannot be loaded or the file not read. */
struct nb_doc	*nb_read_with(enum nb_reader_kind k, const char *name,
		    const char *buf, size_t len, const struct nb_limits *lim,
		    struct nb_error *err);

/* Shared by the HTML and DOCX readers: a growing UTF-8 string. */
struct nb_buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

int		 nb_buf_add(struct nb_buf *b, const char *s, size_t n);
void		 nb_buf_free(struct nb_buf *b);
/* Appends s to b where a line broke inside one table cell: with a space
 * between two ASCII words, with nothing between Chinese characters (a
 * label wrapped as "自然" / "人" is the word 自然人). */
int		 nb_buf_join(struct nb_buf *b, const char *s, size_t n);
/* Appends one field of a table row: a '\t' unless it is the first, then
 * the text with tabs and line breaks turned into spaces. */
int		 nb_row_field(struct nb_buf *row, size_t *nfields,
		    const char *s, size_t n);
/* Trims ASCII white space at both ends, then adds the line to doc unless
 * it is empty; resets b.  Returns 0 or -1 (ENOMEM). */
int		 nb_flush_line(struct nb_doc *doc, struct nb_buf *b,
		    unsigned *lineno, unsigned page);

#endif
