/*
 * ocr_image.c -- a page as the recogniser wants it: rendered at a
 * resolution chosen for its size, in grey, straightened, and in black
 * and white.
 *
 * Resolution: Tesseract reads best with text 20 to 40 pixels high; the
 * 9 to 12 point text of a report is that at 300 dpi.  A larger page
 * (A3, a poster) is rendered at less, so that no page costs more than
 * max_pixels.  Scans made at less than 200 dpi are scaled up twice:
 * strokes of small digits vanish otherwise.
 *
 * Skew: a page fed into a scanner lands a degree or two off; rules then
 * step from one pixel row to the next and cells cut through digits.
 * leptonica measures the angle on the black and white page (a sweep of
 * projection profiles) and the grey page is turned back before it is
 * made black and white again.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <poppler.h>

#include "ocr_priv.h"

#define OCR_DPI		300.0
#define OCR_MIN_SCALE	(200.0 / 72)	/* below: scale up twice */
#define OCR_MAX_SKEW	3.0		/* degrees searched */
#define OCR_MIN_SKEW	0.05		/* less is not worth a turn */
#define OCR_SPECK_PT	0.8		/* points: smaller ink is noise */

/* Grey PIX of a cairo RGB24 image. */
static PIX *
grey_of(cairo_surface_t *s)
{
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *data = cairo_image_surface_get_data(s);
	PIX *pix;
	int wpl, x, y;

	if ((pix = pixCreate(w, h, 8)) == NULL)
		return NULL;
	wpl = pixGetWpl(pix);
	for (y = 0; y < h; y++) {
		const uint32_t *row = (const void *)(data + (size_t)y *
		    (size_t)stride);
		l_uint32 *line = pixGetData(pix) + (size_t)y * (size_t)wpl;
		for (x = 0; x < w; x++) {
			uint32_t px = row[x];

			SET_DATA_BYTE(line, x, ((px >> 16 & 0xff) * 30 +
			    (px >> 8 & 0xff) * 59 + (px & 0xff) * 11) / 100);
		}
	}
	return pix;
}

PIX *
ocr_render_pdf_page(void *pp, size_t max_pixels, double *scale)
{
	PopplerPage *page = pp;
	cairo_surface_t *s;
	cairo_t *cr;
	double pw, ph, sc = OCR_DPI / 72;
	PIX *pix;

	poppler_page_get_size(page, &pw, &ph);
	if (!(pw > 1 && ph > 1 && pw < 20000 && ph < 20000))
		return NULL;
	if (pw * ph * sc * sc > (double)max_pixels)
		sc = sqrt((double)max_pixels / (pw * ph));
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(pw * sc),
	    (int)ceil(ph * sc));
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return NULL;
	}
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, sc, sc);
	poppler_page_render_for_printing(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	pix = grey_of(s);
	cairo_surface_destroy(s);
	*scale = sc;
	return pix;
}

static PIX *
binarize(PIX *grey)
{
	PIX *bin = NULL;

	/* One tile over the page: Otsu's threshold, not fooled by the
	 * speckle of a noisy scan as a fixed level is. */
	if (pixOtsuAdaptiveThreshold(grey, pixGetWidth(grey),
	    pixGetHeight(grey), 0, 0, 0.0, NULL, &bin) != 0)
		return NULL;
	return bin;
}

int
ocr_page_prepare(PIX *grey, double scale, struct ocr_page *p)
{
	l_float32 angle = 0, conf = 0;
	PIX *g, *b;

	memset(p, 0, sizeof(*p));
	if ((g = pixClone(grey)) == NULL)
		return -1;
	if (scale < OCR_MIN_SCALE) {
		PIX *up = pixScaleGrayLI(g, 2.0, 2.0);

		pixDestroy(&g);
		if ((g = up) == NULL)
			return -1;
		scale *= 2;
	}
	if ((b = binarize(g)) == NULL) {
		pixDestroy(&g);
		return -1;
	}
	if (pixFindSkewSweepAndSearch(b, &angle, &conf, 2, 2, OCR_MAX_SKEW,
	    1.0, 0.01) == 0 && conf > 2.0 && fabsf(angle) > OCR_MIN_SKEW) {
		PIX *r = pixRotate(g, (l_float32)(angle * M_PI / 180),
		    L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);

		if (r != NULL) {
			pixDestroy(&g);
			pixDestroy(&b);
			g = r;
			if ((b = binarize(g)) == NULL) {
				pixDestroy(&g);
				return -1;
			}
			p->skew = angle;
		}
	}
	p->grey = g;
	p->scale = scale;
	/* Specks of a noisy scan: ink smaller than a decimal point either
	 * way.  They would make an empty cell hold "text" and stretch a
	 * number's ink box; the recognisers read this cleaned page. */
	{
		int k = (int)(OCR_SPECK_PT * scale);
		PIX *clean = pixSelectBySize(b, k < 3 ? 3 : k, k < 3 ? 3 : k,
		    8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, NULL);

		if (clean != NULL) {
			pixDestroy(&b);
			b = clean;
		}
	}
	p->bin = b;
	return 0;
}

void
ocr_page_free(struct ocr_page *p)
{
	pixDestroy(&p->grey);
	pixDestroy(&p->bin);
}

unsigned char *
ocr_dark_map(PIX *bin)
{
	int w = pixGetWidth(bin), h = pixGetHeight(bin), wpl = pixGetWpl(bin);
	unsigned char *m;
	int x, y;

	if ((m = malloc((size_t)w * (size_t)h)) == NULL)
		return NULL;
	for (y = 0; y < h; y++) {
		l_uint32 *line = pixGetData(bin) + (size_t)y * (size_t)wpl;

		for (x = 0; x < w; x++)
			m[(size_t)y * (size_t)w + (size_t)x] =
			    (unsigned char)GET_DATA_BIT(line, x);
	}
	return m;
}
