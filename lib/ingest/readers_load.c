/*
 * readers_load.c -- the HTML, DOCX and PDF readers, loaded on demand.
 *
 * Each is an internal module (lib/module.c) opened the first time a file
 * of its kind is met, so that a text check never maps libxml2, libzip or
 * poppler.  Loaded modules stay until the process ends: the documents
 * they made point to their constant strings.
 */
#include <limits.h>
#include <stdio.h>

#include "decode.h"
#include "module.h"
#include "readers.h"

/* A program that links the readers in (the fuzz targets) has them. */
#pragma weak nb_read_html
#pragma weak nb_read_docx
#pragma weak nb_read_pdf

static const struct {
	const char	*module;	/* file name, in the readers folder */
	const char	*symbol;	/* its reader */
	const char	*what;		/* for messages */
} kinds[NB_READER_COUNT] = {
	[NB_READER_HTML] = { "html.so", "nb_read_html", "网页（HTML）" },
	[NB_READER_DOCX] = { "docx.so", "nb_read_docx", "Word（DOCX）" },
	[NB_READER_PDF] = { "pdf.so", "nb_read_pdf", "PDF" },
};

static nb_reader_fn
linked_in(enum nb_reader_kind k)
{
	switch (k) {
	case NB_READER_HTML:
		return nb_read_html;
	case NB_READER_DOCX:
		return nb_read_docx;
	case NB_READER_PDF:
		return nb_read_pdf;
	default:
		return NULL;
	}
}

/* Reader k, linked in or from its module (opened once: module.c). */
static nb_reader_fn
reader(enum nb_reader_kind k, char *why, size_t whylen)
{
	nb_reader_fn fn;

	if ((fn = linked_in(k)) == NULL)
		*(void **)&fn = nb_module_sym(kinds[k].module, kinds[k].symbol,
		    why, whylen);
	return fn;
}

void
nb_readers_preload(void)
{
	char why[PATH_MAX + 1100];

	for (int k = 0; k < NB_READER_COUNT; k++)
		(void)reader((enum nb_reader_kind)k, why, sizeof(why));
	/* And the charset guesser every reader of text may need. */
	nb_decode_preload();
}

struct nb_doc *
nb_read_with(enum nb_reader_kind k, const char *name, const char *buf,
    size_t len, const struct nb_limits *lim, struct nb_error *err)
{
	char why[PATH_MAX + 1100];
	nb_reader_fn fn;

	if ((unsigned)k >= NB_READER_COUNT) {
		nb_fail(err, NB_ERR_FORMAT, "%s: 无此读取模块", name);
		return NULL;
	}
	if ((fn = reader(k, why, sizeof(why))) == NULL) {
		nb_fail(err, NB_ERR_CONFIG, "%s: 无法加载%s读取模块：%s", name,
		    kinds[k].what, why);
		return NULL;
	}
	return fn(name, buf, len, lim, err);
}
