/*
 * detect.h -- what kind of file a buffer holds, judged by its bytes only
 * (never by its name: reports are often uploaded as "报告.txt" whatever
 * they are).
 */
#ifndef NB_DETECT_H
#define NB_DETECT_H

#include <stddef.h>

enum nb_kind {
	NB_KIND_TEXT = 0,	/* anything not recognised below */
	NB_KIND_HTML,
	NB_KIND_PDF,
	NB_KIND_ZIP,		/* DOCX if it holds word/document.xml */
	NB_KIND_OLE2,		/* legacy Word .doc, WPS, .xls, ... */
	NB_KIND_RTF,
	NB_KIND_IMAGE		/* PNG, JPEG, TIFF: a scan (ocr_load.c) */
};

enum nb_kind	nb_detect_kind(const char *buf, size_t len);

/* Does UTF-8 or ASCII-compatible text look like HTML?  Used both on the
 * raw bytes and on text decoded from UTF-16. */
int		nb_looks_like_html(const char *buf, size_t len);

#endif
