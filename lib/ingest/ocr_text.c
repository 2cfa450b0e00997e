/*
 * ocr_text.c -- the text of a scanned page outside its tables, as lines.
 *
 * Tesseract lays the page out itself (PSM_AUTO) on the black and white
 * page with the tables painted out, so ruling lines are not read as
 * "1" and "l".  Each text line it finds becomes a line of the document,
 * its words joined as the text was written (no space between Chinese
 * words, one between Latin ones), each word's confidence kept: the
 * model and the plugins may not trust a number of the narrative read
 * with low confidence.
 */
#include <stdlib.h>
#include <string.h>

#include "ocr_priv.h"

/* Is the UTF-8 text s (or its last character, if last) wide? */
static int
wide_at(const char *s, size_t n, int last)
{
	const unsigned char *p;

	if (n == 0)
		return 0;
	p = (const unsigned char *)(last ? s + n - 1 : s);
	if (last)
		while (p > (const unsigned char *)s && (*p & 0xc0) == 0x80)
			p--;
	return *p >= 0xe0;
}

static int
add_word(struct ocr_item *line, const char *w, double conf)
{
	size_t n = strlen(w);

	if (n == 0)
		return 0;
	if (line->len > 0 && !wide_at(line->text, line->len, 1) &&
	    !wide_at(w, n, 0) && ocr_item_add(line, " ", 1, -1) == -1)
		return -1;
	return ocr_item_add(line, w, n, conf);
}

int
ocr_text_lines(struct ocr_ctx *c, const struct ocr_page *p, PIX *rest,
    struct ocr_items *it)
{
	TessResultIterator *ri;
	const TessPageIterator *pi;
	struct ocr_item *line = NULL;
	int rc = 0;

	(void)p;
	TessBaseAPISetImage2(c->text, rest);
	TessBaseAPISetSourceResolution(c->text, (int)(p->scale * 72 + 0.5));
	c->on_text = rest;
	TessBaseAPISetPageSegMode(c->text, PSM_AUTO);
	if (TessBaseAPIRecognize(c->text, c->monitor) != 0)
		return 0;	/* out of time: the tables are what counts */
	if ((ri = TessBaseAPIGetIterator(c->text)) == NULL)
		return 0;
	pi = TessResultIteratorGetPageIteratorConst(ri);
	do {
		char *w = TessResultIteratorGetUTF8Text(ri, RIL_WORD);
		float conf = TessResultIteratorConfidence(ri, RIL_WORD);
		int x1, y1, x2, y2;

		if (w == NULL)
			continue;
		if (line == NULL || TessPageIteratorIsAtBeginningOf(pi,
		    RIL_TEXTLINE)) {
			if (!TessPageIteratorBoundingBox(pi, RIL_TEXTLINE, &x1,
			    &y1, &x2, &y2))
				y1 = line != NULL ? (int)line->y + 1 : 0;
			if ((line = ocr_item_new(it, y1)) == NULL)
				rc = -1;
		}
		if (rc == 0)
			rc = add_word(line, w, conf / 100);
		TessDeleteText(w);
	} while (rc == 0 && TessResultIteratorNext(ri, RIL_WORD));
	TessResultIteratorDelete(ri);
	c->on_text = NULL;
	return rc;
}
