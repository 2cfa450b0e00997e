/*
 * ocr_recog.c -- one region of a page through Tesseract: a number cell
 * in digits-only mode, with the confidence of its least sure digit; a
 * label or a paragraph in Chinese, with its mean confidence.
 *
 * The page image is given to each recogniser once (SetImage2) and the
 * region chosen with SetRectangle, which copies nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "ocr_priv.h"

static void
use_page(TessBaseAPI *api, PIX **on, const struct ocr_page *p)
{
	if (*on == p->bin)
		return;
	/* the cleaned black and white page: no speck for a digit */
	TessBaseAPISetImage2(api, p->bin);
	TessBaseAPISetSourceResolution(api, (int)(p->scale * 72 + 0.5));
	*on = p->bin;
}

static int
recognize(struct ocr_ctx *c, TessBaseAPI *api, const BOX *b)
{
	TessBaseAPISetRectangle(api, b->x, b->y, b->w, b->h);
	return TessBaseAPIRecognize(api, c->monitor) == 0 ? 0 : -1;
}

/*
 * Tesseract's confidence is no probability: a clean digit the LSTM model
 * reads right scores 97 to 99.9, a wrong one (a speck on a 0) up to 96:
 * the model's scale (0..1, sure at NB_CONF_CERTAIN) starts "sure" at 97
 * (measured on the noisy scans of tests/ocr/scans.py, which counts
 * the digits read sure and wrong; doc/formats.md).
 */
#define OCR_SURE	0.97	/* Tesseract's, / 100 */
#define OCR_CERTAIN	0.95	/* NB_CONF_CERTAIN of the model */

static double
calibrate(double t)
{
	if (t >= OCR_SURE)
		return OCR_CERTAIN + (t - OCR_SURE) / (1 - OCR_SURE) *
		    (1 - OCR_CERTAIN);
	return t / OCR_SURE * OCR_CERTAIN * 0.99;
}

/* The digits read and the confidence of the least sure. */
static int
read_digits(TessBaseAPI *api, char *out, size_t outlen, double *conf)
{
	TessResultIterator *it;
	size_t n = 0;
	double low = 1;

	out[0] = '\0';
	*conf = 0;
	if ((it = TessBaseAPIGetIterator(api)) == NULL)
		return 0;
	do {
		char *s = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
		float cf = TessResultIteratorConfidence(it, RIL_SYMBOL);
		size_t k;

		if (s == NULL)
			continue;
		k = strlen(s);
		if (k > 0 && n + k < outlen) {
			memcpy(out + n, s, k);
			n += k;
			if (cf / 100 < low)
				low = cf / 100;
		}
		TessDeleteText(s);
	} while (TessResultIteratorNext(it, RIL_SYMBOL));
	TessResultIteratorDelete(it);
	out[n] = '\0';
	*conf = n > 0 ? calibrate(low < 0 ? 0 : low) : 0;
	return 0;
}

int
ocr_recog_digits(struct ocr_ctx *c, const struct ocr_page *p, const BOX *b,
    char *out, size_t outlen, double *conf)
{
	use_page(c->digits, &c->on_digits, p);
	TessBaseAPISetPageSegMode(c->digits, PSM_SINGLE_LINE);
	if (recognize(c, c->digits, b) == -1)
		return -1;
	return read_digits(c->digits, out, outlen, conf);
}

/*
 * A number taken out of a line of text: cut out and set on white, as
 * the digits model reads a number with room around it far better than
 * one cut tight between its neighbours.
 */
/* One try: ink with a white border of pad pixels, in mode psm. */
static int
digits_try(struct ocr_ctx *c, PIX *ink, int pad, TessPageSegMode psm,
    double scale, char *out, size_t outlen, double *conf)
{
	PIX *img;
	int rc;

	if ((img = pixAddBorder(ink, pad, 0)) == NULL)	/* white */
		return -1;
	TessBaseAPISetImage2(c->digits, img);
	TessBaseAPISetSourceResolution(c->digits, (int)(scale * 72 + 0.5));
	c->on_digits = NULL;
	TessBaseAPISetPageSegMode(c->digits, psm);
	rc = TessBaseAPIRecognize(c->digits, c->monitor) == 0 ?
	    read_digits(c->digits, out, outlen, conf) : -1;
	pixDestroy(&img);
	return rc;
}

/* Does s hold a digit? */
static int
has_digit(const char *s)
{
	return strpbrk(s, "0123456789") != NULL;
}

/*
 * The LSTM model drops a lone digit now and then, and which framing it
 * drops it in changes from one digit to the next (measured on the cells
 * of tests/ocr/scans.py: a clean "0" read with a border of its height
 * and lost with a border of a quarter of it, and the other way round).
 * So a cell that gives no digit is tried again with a narrow border,
 * then as a word; what none of them reads stays unread (the cell is
 * unsure), never guessed.
 */
int
ocr_recog_digits_pix(struct ocr_ctx *c, PIX *ink, double scale, char *out,
    size_t outlen, double *conf)
{
	static const TessPageSegMode psm[] = { PSM_SINGLE_LINE,
	    PSM_SINGLE_LINE, PSM_SINGLE_WORD, PSM_SINGLE_LINE };
	int h = pixGetHeight(ink), rc = 0;
	int pad[] = { h > 8 ? h : 8, h / 8 > 4 ? h / 8 : 4, h > 8 ? h : 8,
	    h / 2 > 6 ? h / 2 : 6 };

	out[0] = '\0';
	*conf = 0;
	for (size_t i = 0; rc == 0 && i < sizeof(psm) / sizeof(psm[0]); i++)
		if ((rc = digits_try(c, ink, pad[i], psm[i], scale, out, outlen,
		    conf)) == 0 && has_digit(out))
			break;
	return rc;
}

/*
 * A number taken out of a line of text: cut out and set on white, as
 * the digits model reads a number with room around it far better than
 * one cut tight between its neighbours.
 */
int
ocr_recog_digits_alone(struct ocr_ctx *c, const struct ocr_page *p,
    const BOX *b, char *out, size_t outlen, double *conf)
{
	PIX *clip;
	int rc;

	out[0] = '\0';
	*conf = 0;
	if ((clip = pixClipRectangle(p->bin, (BOX *)b, NULL)) == NULL)
		return 0;
	rc = ocr_recog_digits_pix(c, clip, p->scale, out, outlen, conf);
	pixDestroy(&clip);
	return rc;
}

/* Tesseract puts spaces between Chinese characters and breaks wrapped
 * labels into lines: a label is one run of text. */
static void
compact(char *s)
{
	char *w = s, *start = s;

	for (; *s != '\0'; s++) {
		if (*s == '\n' || *s == '\r')
			continue;
		if (*s == ' ') {
			unsigned char prev = w > start ? (unsigned char)w[-1] : 0;
			unsigned char next = (unsigned char)s[1];

			/* a space stays only between two ASCII words */
			if (prev == 0 || prev >= 0x80 || next >= 0x80 ||
			    next == ' ' || next == '\n' || next == '\0')
				continue;
		}
		*w++ = *s;
	}
	*w = '\0';
}

int
ocr_recog_text(struct ocr_ctx *c, const struct ocr_page *p, const BOX *b,
    char **out, double *conf)
{
	char *s;

	*out = NULL;
	*conf = 0;
	use_page(c->text, &c->on_text, p);
	TessBaseAPISetPageSegMode(c->text, PSM_SINGLE_BLOCK);
	if (recognize(c, c->text, b) == -1)
		return -1;
	if ((s = TessBaseAPIGetUTF8Text(c->text)) == NULL)
		return 0;
	if ((*out = strdup(s)) == NULL) {
		TessDeleteText(s);
		return -1;
	}
	TessDeleteText(s);
	compact(*out);
	*conf = TessBaseAPIMeanTextConf(c->text) / 100.0;
	return 0;
}
