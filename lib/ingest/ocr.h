/*
 * ocr.h -- the OCR reader module (nianbao-ocr.so) and what it hands back.
 *
 * Recognising scans needs Tesseract, whose libraries and language data
 * cost a text report a hundred milliseconds to load and tens of
 * megabytes.  So the reader is a module of its own, opened with
 * dlopen() by ocr_load.c the first time a scan is met, and never linked
 * into libnianbao.  It exports one symbol, NB_OCR_ENTRY, returning a
 * struct nb_ocr_module.  The module knows nothing of documents: it
 * gives back lines of text and, for bytes of a line, the recogniser's
 * confidence, through the callbacks of struct nb_ocr_sink.
 */
#ifndef NB_OCR_H
#define NB_OCR_H

#include <stddef.h>
#include <stdint.h>

#define NB_OCR_ABI	1
#define NB_OCR_ENTRY	"nb_ocr_entry"

enum nb_ocr_input {
	NB_OCR_PDF = 0,		/* pages rendered with poppler */
	NB_OCR_IMAGE		/* PNG, JPEG or TIFF (all its pages) */
};

struct nb_ocr_req {
	const char	*buf;
	size_t		 len;
	enum nb_ocr_input kind;
	size_t		 max_pages;
	unsigned	 page_ms;	/* recognition time per page */
	size_t		 max_pixels;	/* largest page image */
	const char	*datapath;	/* tessdata folder, NULL: Tesseract's */
};

struct nb_ocr_sink {
	void	*arg;
	/* A line of page `page` (1-based), the page_line-th from the top.
	 * Table rows come as one line, cells separated by '\t'.
	 * Returns 0 or -1 (out of memory). */
	int	(*line)(void *arg, const char *utf8, size_t len,
		    unsigned page, unsigned page_line);
	/* Bytes [off, off + len) of the line given last were recognised
	 * with confidence conf (0..1): a table cell or a word. */
	int	(*conf)(void *arg, size_t off, size_t len, double conf);
};

struct nb_ocr_module {
	uint32_t	 abi;		/* NB_OCR_ABI */
	/* Reads the pages; 0, or -1 with a Chinese reason in err. */
	int		(*read)(const struct nb_ocr_req *req,
			    const struct nb_ocr_sink *sink, char *err,
			    size_t errlen);
};

const struct nb_ocr_module *nb_ocr_entry(void);

#endif
