/*
 * ocr_priv.h -- what the files of the OCR module share (nianbao-ocr.so
 * only; libnianbao never includes this): a page as images, the two
 * recognisers, and the lines of a page before they go to the sink.
 */
#ifndef NB_OCR_PRIV_H
#define NB_OCR_PRIV_H

#include <stddef.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "ocr.h"
#include "pdf_grid.h"

/* A page ready for recognition: deskewed, in grey and in black and
 * white, scale pixels per point (rules are found in points). */
struct ocr_page {
	PIX		*grey;		/* 8 bpp */
	PIX		*bin;		/* 1 bpp, 1 = ink */
	double		 scale;
	unsigned	 pageno;
	double		 skew;		/* degrees corrected */
};

/* Bytes of a line and their confidence. */
struct ocr_span {
	size_t		 off, len;
	double		 conf;
};

/* A line of the page: a text line or a table row. */
struct ocr_item {
	double		 y;		/* top, in pixels: the page's order */
	char		*text;
	size_t		 len, cap;
	struct ocr_span	*spans;
	size_t		 nspans;
};

struct ocr_items {
	struct ocr_item	*v;
	size_t		 n, cap;
};

/* One reader: two Tesseract instances, their time budget. */
struct ocr_ctx {
	TessBaseAPI	*text;		/* chi_sim (+eng): labels, prose */
	TessBaseAPI	*digits;	/* eng, digits only: number cells */
	ETEXT_DESC	*monitor;
	PIX		*on_text, *on_digits;	/* page each one holds */
	unsigned	 page_ms;
	long long	 deadline;	/* ms (CLOCK_MONOTONIC) for this page */
};

/* ocr_module.c: line list. */
struct ocr_item	*ocr_item_new(struct ocr_items *it, double y);
int		 ocr_item_add(struct ocr_item *item, const char *s, size_t n,
		    double conf);
int		 ocr_item_tab(struct ocr_item *item);
/* Has the page used up its time? */
int		 ocr_late(const struct ocr_ctx *c);

/* ocr_image.c */
int		 ocr_page_prepare(PIX *grey, double scale, struct ocr_page *p);
void		 ocr_page_free(struct ocr_page *p);
PIX		*ocr_render_pdf_page(void *popplerpage, size_t max_pixels,
		    double *scale);
/* One byte a pixel, 1 where the black and white page has ink. */
unsigned char	*ocr_dark_map(PIX *bin);

/* ocr_recog.c: the text of a region of the page and its confidence. */
int		 ocr_recog_digits(struct ocr_ctx *c, const struct ocr_page *p,
		    const BOX *b, char *out, size_t outlen, double *conf);
int		 ocr_recog_digits_pix(struct ocr_ctx *c, PIX *ink,
		    double scale, char *out, size_t outlen, double *conf);
int		 ocr_recog_digits_alone(struct ocr_ctx *c,
		    const struct ocr_page *p, const BOX *b, char *out,
		    size_t outlen, double *conf);
int		 ocr_recog_text(struct ocr_ctx *c, const struct ocr_page *p,
		    const BOX *b, char **out, double *conf);

/* ocr_table.c: the ruled tables of the page become rows; *mask gets
 * the page without them (for ocr_text.c). */
int		 ocr_tables(struct ocr_ctx *c, const struct ocr_page *p,
		    struct ocr_items *it, PIX **rest);

/* ocr_text.c: text lines of the page image outside the tables. */
int		 ocr_text_lines(struct ocr_ctx *c, const struct ocr_page *p,
		    PIX *rest, struct ocr_items *it);

#endif
