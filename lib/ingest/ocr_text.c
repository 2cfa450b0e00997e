/*
 * ocr_text.c -- the text of a scanned page outside its tables, as lines.
 *
 * Tesseract lays the page out itself (PSM_AUTO) on the black and white
 * page with the tables painted out, so ruling lines are not read as
 * "1" and "l".  Each text line it finds becomes a line of the document,
 * its words joined as the text was written (no space between Chinese
 * words, one between Latin ones).
 *
 * A number in the text (a count of the narrative, a row of a table
 * drawn without rules) is read again on its own in digits-only mode,
 * which reads digits better than the Chinese model and says how sure it
 * is of each: that confidence is kept for the number's bytes, so the
 * model and the plugins do not trust a number read unsure.
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

/* A piece of a rule read as a character: "|" and the like. */
static int
is_bar(const char *w)
{
	return strcmp(w, "|") == 0 || strcmp(w, "丨") == 0 ||
	    strcmp(w, "｜") == 0;
}

static int
is_digit_sym(const char *s)
{
	return (s[0] >= '0' && s[0] <= '9' && s[1] == '\0') ||
	    (s[0] == '.' && s[1] == '\0');
}

/* A run of digits of a line: its text as the Chinese model read it,
 * its box on the page, its lowest confidence. */
struct run {
	char	 text[64];
	size_t	 n;
	int	 x1, y1, x2, y2;
	double	 conf;
};

static int
flush_run(struct ocr_ctx *c, const struct ocr_page *p, struct run *r,
    struct ocr_item *line)
{
	char num[64];
	double conf;
	BOX *b;
	int rc = 0;

	if (r->n == 0)
		return 0;
	/* the digits model, on the run alone */
	b = boxCreate(r->x1 - 1, r->y1 - 1, r->x2 - r->x1 + 2,
	    r->y2 - r->y1 + 2);
	if (b != NULL && ocr_recog_digits_alone(c, p, b, num, sizeof(num),
	    &conf) == 0 && strcmp(num, r->text) == 0)
		rc = ocr_item_add(line, num, strlen(num), conf);
	else	/* the models disagree: the Chinese reading, unsure */
		rc = ocr_item_add(line, r->text, r->n, r->conf < 0.5 ?
		    r->conf : 0.5);
	boxDestroy(&b);
	r->n = 0;
	r->text[0] = '\0';
	return rc;
}

static void
run_add(struct run *r, const char *s, double conf, int x1, int y1, int x2,
    int y2)
{
	size_t k = strlen(s);

	if (r->n + k >= sizeof(r->text))
		return;
	if (r->n == 0) {
		r->x1 = x1, r->y1 = y1, r->x2 = x2, r->y2 = y2;
		r->conf = conf;
	}
	memcpy(r->text + r->n, s, k + 1);
	r->n += k;
	r->x1 = x1 < r->x1 ? x1 : r->x1;
	r->y1 = y1 < r->y1 ? y1 : r->y1;
	r->x2 = x2 > r->x2 ? x2 : r->x2;
	r->y2 = y2 > r->y2 ? y2 : r->y2;
	r->conf = conf < r->conf ? conf : r->conf;
}

/* Appends a symbol other than a digit; a space first where a new word
 * starts between two Latin words. */
static int
add_sym(struct ocr_item *line, const char *s, double conf, int word)
{
	size_t n = strlen(s);

	if (is_bar(s) && (line->len == 0 || word))
		return 0;	/* a rule at the end of a line */
	if (word && line->len > 0 && !wide_at(line->text, line->len, 1) &&
	    !wide_at(s, n, 0) && ocr_item_add(line, " ", 1, -1) == -1)
		return -1;
	return ocr_item_add(line, s, n, conf);
}

int
ocr_text_lines(struct ocr_ctx *c, const struct ocr_page *p, PIX *rest,
    struct ocr_items *it)
{
	TessResultIterator *ri;
	const TessPageIterator *pi;
	struct ocr_item *line = NULL;
	struct run run = { "", 0, 0, 0, 0, 0, 0 };
	int rc = 0;

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
		char *s = TessResultIteratorGetUTF8Text(ri, RIL_SYMBOL);
		double conf = TessResultIteratorConfidence(ri, RIL_SYMBOL) / 100;
		int x1, y1, x2, y2, word, digit;

		if (s == NULL)
			continue;
		word = TessPageIteratorIsAtBeginningOf(pi, RIL_WORD);
		digit = is_digit_sym(s);
		if (!TessPageIteratorBoundingBox(pi, RIL_SYMBOL, &x1, &y1, &x2,
		    &y2))
			x1 = y1 = x2 = y2 = 0;
		if (line == NULL || TessPageIteratorIsAtBeginningOf(pi,
		    RIL_TEXTLINE)) {
			if (line != NULL)
				rc = flush_run(c, p, &run, line);
			if (rc == 0 && (line = ocr_item_new(it, y1)) == NULL)
				rc = -1;
		} else if (run.n > 0 && (!digit || word))
			rc = flush_run(c, p, &run, line);
		if (rc == 0 && digit) {
			if (run.n == 0 && word && line->len > 0 &&
			    !wide_at(line->text, line->len, 1))
				rc = ocr_item_add(line, " ", 1, -1);
			run_add(&run, s, conf, x1, y1, x2, y2);
		} else if (rc == 0)
			rc = add_sym(line, s, conf, word);
		TessDeleteText(s);
	} while (rc == 0 && TessResultIteratorNext(ri, RIL_SYMBOL));
	if (rc == 0 && line != NULL)
		rc = flush_run(c, p, &run, line);
	TessResultIteratorDelete(ri);
	c->on_text = NULL;
	return rc;
}
