/*
 * ocr_load.c -- a scan to a document, through the OCR module.
 *
 * The module (ocr.so, ocr.h) links Tesseract and leptonica; it is an
 * internal module (lib/module.c) opened the first time a scan is met, so
 * a text report never pays for loading them.  The handle is kept open:
 * unloading Tesseract's C++ runtime state is not worth the risk.
 *
 * Lines come back as the PDF reader makes them (table rows one line,
 * cells separated by '\t'); the recogniser's confidence of each cell and
 * word goes into doc->conf, where the model finds it for every cell.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "module.h"
#include "ocr.h"
#include "readers.h"

#define NB_DEFAULT_OCR_MS	60000
#define NB_DEFAULT_OCR_PX	(40u * 1000 * 1000)

struct sink_arg {
	struct nb_doc	*doc;
	unsigned	 lineno;
};

static int
on_line(void *arg, const char *utf8, size_t len, unsigned page,
    unsigned page_line)
{
	struct sink_arg *a = arg;

	if (nb_doc_add_line(a->doc, utf8, len, ++a->lineno, page) == -1)
		return -1;
	nb_doc_set_page_line(a->doc, page_line);
	return 0;
}

static int
on_conf(void *arg, size_t off, size_t len, double conf)
{
	struct sink_arg *a = arg;

	if (a->doc->nlines == 0)
		return 0;
	return nb_doc_add_conf(a->doc, a->doc->nlines - 1, off, len, conf);
}

static const struct nb_ocr_module *
load(const char *name, struct nb_error *err)
{
	const struct nb_ocr_module *(*entry)(void);
	const struct nb_ocr_module *m;
	char why[PATH_MAX + 1100];

	/* Tesseract's OpenMP threads fight over the cores the daemon's
	 * workers share, for a few per cent on one page: one thread each
	 * (read by libgomp when the module loads it). */
	setenv("OMP_THREAD_LIMIT", "1", 0);
	*(void **)&entry = nb_module_sym("ocr.so", NB_OCR_ENTRY, why,
	    sizeof(why));
	if (entry == NULL) {
		nb_fail(err, NB_ERR_FORMAT, "%s: 文件是扫描件（没有文字层），但"
		    "无法加载文字识别模块（%s）：请安装 nianbao 的 OCR 组件",
		    name, why);
		return NULL;
	}
	if ((m = entry()) == NULL || m->abi != NB_OCR_ABI) {
		nb_fail(err, NB_ERR_FORMAT, "%s: 文字识别模块 ocr.so 版本不符",
		    name);
		return NULL;
	}
	return m;
}

struct nb_doc *
nb_read_ocr(const char *name, const char *buf, size_t len, int image,
    const struct nb_limits *lim, struct nb_error *err)
{
	const struct nb_ocr_module *m;
	struct nb_ocr_req req = { 0 };
	struct sink_arg arg = { NULL, 0 };
	struct nb_ocr_sink sink = { &arg, on_line, on_conf };
	char why[512];

	if (lim->ocr == NB_OCR_OFF) {
		nb_fail(err, NB_ERR_FORMAT, "%s: 图像文件需要文字识别（试验性功能，"
		    "用 --ocr=auto 开启；默认 --ocr=off）", name);
		return NULL;
	}
	if ((m = load(name, err)) == NULL)
		return NULL;
	if ((arg.doc = nb_doc_new(name)) == NULL) {
		nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
		return NULL;
	}
	arg.doc->kind = image ? "image" : "pdf";
	arg.doc->encoding = "UTF-8";
	arg.doc->ocr = 1;
	req.buf = buf;
	req.len = len;
	req.kind = image ? NB_OCR_IMAGE : NB_OCR_PDF;
	req.max_pages = lim->max_pages;
	req.page_ms = lim->ocr_page_ms ? lim->ocr_page_ms : NB_DEFAULT_OCR_MS;
	req.max_pixels = lim->ocr_page_pixels ? lim->ocr_page_pixels :
	    NB_DEFAULT_OCR_PX;
	req.datapath = getenv("NB_TESSDATA");
	why[0] = '\0';
	if (m->read(&req, &sink, why, sizeof(why)) == -1) {
		nb_fail(err, NB_ERR_FORMAT, "%s: 扫描件无法识别：%s", name,
		    why[0] ? why : "未知原因");
		nb_doc_free(arg.doc);
		return NULL;
	}
	arg.doc->no_text = arg.doc->nlines == 0;
	return arg.doc;
}
