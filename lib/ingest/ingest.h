/*
 * ingest.h -- bytes to document: type and encoding detection by content,
 * then the reader for that type (text, HTML, DOCX, PDF).
 */
#ifndef NB_INGEST_H
#define NB_INGEST_H

#include <stddef.h>

#include "doc.h"
#include "error.h"

struct nb_limits {
	size_t	max_bytes;	/* input size; 0 = default (64 MiB) */
	size_t	max_pages;	/* PDF pages; 0 = default (500) */
	size_t	max_unpacked;	/* DOCX: total decompressed bytes; 0 = 256 MiB */
	size_t	max_entries;	/* DOCX: zip entries; 0 = 10000 */
	size_t	max_depth;	/* HTML/XML nesting; 0 = 256 */
	/* HTML/XML tags before a tree is built; 0 = 1,000,000.  A tree costs
	 * about 100 bytes a tag: a 600 KB DOCX of tiny paragraphs would
	 * otherwise take gigabytes (a real report has some thousands). */
	size_t	max_markup;
	/* Scans (image-only PDFs, PNG, JPEG, TIFF): never recognised (OFF,
	 * the default while recognition misreads digits: a PDF without
	 * text is ingest.no_text), recognised when met (NB_OCR_AUTO), or
	 * every PDF page even with text (FORCE). */
	int	ocr;
	unsigned ocr_page_ms;	/* recognition time a page; 0 = 60000 */
	size_t	ocr_page_pixels; /* page image size; 0 = 40 Mpx */
};

enum { NB_OCR_OFF = 0, NB_OCR_AUTO, NB_OCR_FORCE };

/* Reads a whole open regular file (bounded by limits->max_bytes); name is
 * what messages call it.  The caller keeps and closes fd. */
int	nb_read_fd(int fd, const char *name, const struct nb_limits *limits,
	    char **buf, size_t *len, struct nb_error *err);
/* Opens path and reads it with nb_read_fd(). */
int	nb_read_file(const char *path, const struct nb_limits *limits,
	    char **buf, size_t *len, struct nb_error *err);

/* Makes a document of the bytes.  name is used in messages only.
 * Returns NULL with err set (the message names the file and the reason). */
struct nb_doc *nb_ingest(const char *name, const char *buf, size_t len,
	    const struct nb_limits *limits, struct nb_error *err);
/* The same, taking over buf (malloc'd, as nb_read_fd() makes it, with a
 * NUL at buf[len]): freed here, or kept by a text document whose lines
 * point into it, so that a large text is not held twice. */
struct nb_doc *nb_ingest_owned(const char *name, char *buf, size_t len,
	    const struct nb_limits *limits, struct nb_error *err);

/*
 * The HTML, DOCX and PDF readers are modules loaded the first time a file
 * of their kind is met, from $NIANBAO_READER_DIR, else the build tree the
 * program runs from, else the installed folder.  A long-lived process
 * that confines itself (the daemon's worker) loads them all first; one
 * that cannot be loaded is said so at the first file of its kind.
 */
void	nb_readers_preload(void);

#endif
