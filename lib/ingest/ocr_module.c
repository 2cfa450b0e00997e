/*
 * ocr_module.c -- nianbao-ocr.so: pages of a scan to lines of text.
 *
 * Each page: an image (rendered from the PDF, or a page of a PNG, JPEG
 * or TIFF file), made ready (ocr_image.c), its tables read cell by cell
 * (ocr_table.c), the rest of its text as lines (ocr_text.c); the lines
 * go to the sink top to bottom.  Every page has a time budget (a
 * Tesseract deadline; cells not reached are left unread) and a pixel
 * budget (the rendering resolution drops on large pages).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <poppler.h>

#include "ocr_priv.h"

/* ---- the lines of a page ---- */

struct ocr_item *
ocr_item_new(struct ocr_items *it, double y)
{
	struct ocr_item *v;

	if (it->n == it->cap) {
		size_t cap = it->cap ? it->cap * 2 : 64;

		if ((v = realloc(it->v, cap * sizeof(*v))) == NULL)
			return NULL;
		it->v = v;
		it->cap = cap;
	}
	v = &it->v[it->n++];
	memset(v, 0, sizeof(*v));
	v->y = y;
	return v;
}

static int
grow(struct ocr_item *item, size_t n)
{
	char *p;
	size_t cap;

	if (item->len + n + 1 <= item->cap)
		return 0;
	cap = item->cap ? item->cap : 64;
	while (cap < item->len + n + 1)
		cap *= 2;
	if ((p = realloc(item->text, cap)) == NULL)
		return -1;
	item->text = p;
	item->cap = cap;
	return 0;
}

/* Appends s; a conf >= 0 records the bytes' confidence. */
int
ocr_item_add(struct ocr_item *item, const char *s, size_t n, double conf)
{
	struct ocr_span *sp;

	if (grow(item, n) == -1)
		return -1;
	memcpy(item->text + item->len, s, n);
	if (conf >= 0 && n > 0) {
		if ((sp = realloc(item->spans, (item->nspans + 1) *
		    sizeof(*sp))) == NULL)
			return -1;
		item->spans = sp;
		sp[item->nspans].off = item->len;
		sp[item->nspans].len = n;
		sp[item->nspans++].conf = conf;
	}
	item->len += n;
	item->text[item->len] = '\0';
	return 0;
}

int
ocr_item_tab(struct ocr_item *item)
{
	return ocr_item_add(item, "\t", 1, -1);
}

static void
items_free(struct ocr_items *it)
{
	for (size_t i = 0; i < it->n; i++) {
		free(it->v[i].text);
		free(it->v[i].spans);
	}
	free(it->v);
	memset(it, 0, sizeof(*it));
}

static int
by_y(const void *a, const void *b)
{
	const struct ocr_item *p = a, *q = b;

	return p->y < q->y ? -1 : p->y > q->y;
}

/* Has any text, not only tabs? */
static int
has_text(const struct ocr_item *item)
{
	return item->len > strspn(item->text ? item->text : "", "\t ");
}

static int
emit(const struct ocr_items *it, unsigned pageno,
    const struct nb_ocr_sink *sink)
{
	unsigned vl = 0;

	for (size_t i = 0; i < it->n; i++) {
		const struct ocr_item *item = &it->v[i];

		if (!has_text(item))
			continue;
		if (sink->line(sink->arg, item->text, item->len, pageno,
		    ++vl) == -1)
			return -1;
		for (size_t k = 0; k < item->nspans; k++)
			if (sink->conf(sink->arg, item->spans[k].off,
			    item->spans[k].len, item->spans[k].conf) == -1)
				return -1;
	}
	return 0;
}

/* ---- time ---- */

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
ocr_late(const struct ocr_ctx *c)
{
	return now_ms() > c->deadline;
}

/* ---- pages ---- */

static int
read_image(struct ocr_ctx *c, PIX *img, double scale, unsigned pageno,
    const struct nb_ocr_sink *sink)
{
	struct ocr_items it = { NULL, 0, 0 };
	struct ocr_page p;
	PIX *rest = NULL;
	int rc;

	c->deadline = now_ms() + c->page_ms;
	TessMonitorSetDeadlineMSecs(c->monitor, (int)c->page_ms);
	if (ocr_page_prepare(img, scale, &p) == -1)
		return -1;
	p.pageno = pageno;
	rc = ocr_tables(c, &p, &it, &rest);
	if (rc == 0)
		rc = ocr_text_lines(c, &p, rest, &it);
	pixDestroy(&rest);
	c->on_text = c->on_digits = NULL;
	if (rc == 0) {
		qsort(it.v, it.n, sizeof(*it.v), by_y);
		rc = emit(&it, pageno, sink);
	}
	items_free(&it);
	ocr_page_free(&p);
	return rc;
}

static PIX *
grey8(PIX *pix)
{
	return pixConvertTo8(pix, 0);
}

/* Pixels per point of an image: its resolution, else an A4 page's
 * width. */
static double
image_scale(PIX *pix)
{
	int xres = pixGetXRes(pix);
	int w = pixGetWidth(pix), h = pixGetHeight(pix);

	if (xres >= 50 && xres <= 2400)
		return xres / 72.0;
	return (w < h ? w : h) / 595.0;
}

static int
read_images(struct ocr_ctx *c, const struct nb_ocr_req *req,
    const struct nb_ocr_sink *sink, char *err, size_t errlen)
{
	PIXA *pa = NULL;
	PIX *one = NULL;
	int i, n, rc = 0;
	l_int32 format = IFF_UNKNOWN;

	findFileFormatBuffer((const l_uint8 *)req->buf, &format);
	if (format == IFF_TIFF || format == IFF_TIFF_G4 ||
	    format == IFF_TIFF_LZW || format == IFF_TIFF_ZIP ||
	    format == IFF_TIFF_PACKBITS || format == IFF_TIFF_RLE ||
	    format == IFF_TIFF_G3 || format == IFF_TIFF_JPEG)
		pa = pixaReadMemMultipageTiff((const l_uint8 *)req->buf,
		    req->len);
	else if ((one = pixReadMem((const l_uint8 *)req->buf, req->len)) !=
	    NULL && (pa = pixaCreate(1)) != NULL)
		pixaAddPix(pa, one, L_INSERT);
	else
		pixDestroy(&one);
	if (pa == NULL || (n = pixaGetCount(pa)) == 0) {
		snprintf(err, errlen, "图像文件已损坏或格式不受支持");
		pixaDestroy(&pa);
		return -1;
	}
	if ((size_t)n > req->max_pages) {
		snprintf(err, errlen, "图像共 %d 页，超过上限 %zu 页", n,
		    req->max_pages);
		pixaDestroy(&pa);
		return -1;
	}
	for (i = 0; i < n && rc == 0; i++) {
		PIX *src = pixaGetPix(pa, i, L_CLONE), *g = NULL;

		if (src != NULL && (size_t)pixGetWidth(src) *
		    (size_t)pixGetHeight(src) > req->max_pixels) {
			snprintf(err, errlen, "第 %d 页图像过大（%d×%d 像素）",
			    i + 1, pixGetWidth(src), pixGetHeight(src));
			rc = -1;
		} else if (src == NULL || (g = grey8(src)) == NULL) {
			snprintf(err, errlen, "内存不足");
			rc = -1;
		} else if ((rc = read_image(c, g, image_scale(src),
		    (unsigned)i + 1, sink)) == -1)
			snprintf(err, errlen, "内存不足");
		pixDestroy(&g);
		pixDestroy(&src);
	}
	pixaDestroy(&pa);
	return rc;
}

static int
read_pdf(struct ocr_ctx *c, const struct nb_ocr_req *req,
    const struct nb_ocr_sink *sink, char *err, size_t errlen)
{
	GBytes *bytes = g_bytes_new_static(req->buf, req->len);
	PopplerDocument *pd;
	int i, n, rc = 0;

	pd = poppler_document_new_from_bytes(bytes, NULL, NULL);
	g_bytes_unref(bytes);
	if (pd == NULL) {
		snprintf(err, errlen, "PDF 文件已损坏或不完整");
		return -1;
	}
	n = poppler_document_get_n_pages(pd);
	if (n < 0 || (size_t)n > req->max_pages) {
		snprintf(err, errlen, "PDF 共 %d 页，超过上限 %zu 页", n,
		    req->max_pages);
		rc = -1;
	}
	for (i = 0; rc == 0 && i < n; i++) {
		PopplerPage *page = poppler_document_get_page(pd, i);
		double scale = 1;
		PIX *g;

		if (page == NULL)
			continue;
		g = ocr_render_pdf_page(page, req->max_pixels, &scale);
		g_object_unref(page);
		if (g == NULL) {
			snprintf(err, errlen, "第 %d 页无法渲染为图像", i + 1);
			rc = -1;
		} else if ((rc = read_image(c, g, scale, (unsigned)i + 1,
		    sink)) == -1)
			snprintf(err, errlen, "内存不足");
		pixDestroy(&g);
	}
	g_object_unref(pd);
	return rc;
}

/* ---- the recognisers ---- */

static void
ctx_free(struct ocr_ctx *c)
{
	if (c->text != NULL)
		TessBaseAPIDelete(c->text);
	if (c->digits != NULL)
		TessBaseAPIDelete(c->digits);
	if (c->monitor != NULL)
		TessMonitorDelete(c->monitor);
}

static TessBaseAPI *
api_new(const char *datapath, const char *lang)
{
	TessBaseAPI *api = TessBaseAPICreate();

	if (api == NULL)
		return NULL;
	if (TessBaseAPIInit3(api, datapath, lang) != 0) {
		TessBaseAPIDelete(api);
		return NULL;
	}
	/* Tesseract's own debug output would go to stderr of the daemon. */
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	return api;
}

static int
ctx_init(struct ocr_ctx *c, const struct nb_ocr_req *req, char *err,
    size_t errlen)
{
	memset(c, 0, sizeof(*c));
	c->page_ms = req->page_ms;
	if ((c->text = api_new(req->datapath, "chi_sim")) == NULL ||
	    (c->digits = api_new(req->datapath, "eng")) == NULL) {
		snprintf(err, errlen, "无法启动 Tesseract：缺少中文或英文识别数据"
		    "（请安装 tesseract-ocr-chi-sim 和 tesseract-ocr-eng）");
		ctx_free(c);
		return -1;
	}
	TessBaseAPISetVariable(c->text, "preserve_interword_spaces", "1");
	TessBaseAPISetVariable(c->digits, "tessedit_char_whitelist",
	    "0123456789.");
	TessBaseAPISetVariable(c->digits, "classify_bln_numeric_mode", "1");
	if ((c->monitor = TessMonitorCreate()) == NULL) {
		snprintf(err, errlen, "内存不足");
		ctx_free(c);
		return -1;
	}
	return 0;
}

static int
ocr_read(const struct nb_ocr_req *req, const struct nb_ocr_sink *sink,
    char *err, size_t errlen)
{
	struct ocr_ctx c;
	int rc;

	if (ctx_init(&c, req, err, errlen) == -1)
		return -1;
	if (req->kind == NB_OCR_PDF)
		rc = read_pdf(&c, req, sink, err, errlen);
	else
		rc = read_images(&c, req, sink, err, errlen);
	ctx_free(&c);
	return rc;
}

static const struct nb_ocr_module module = { NB_OCR_ABI, ocr_read };

__attribute__((visibility("default"))) const struct nb_ocr_module *
nb_ocr_entry(void)
{
	return &module;
}
