# bytes -> document: type and encoding detection, normalisation, and the
# text, HTML, DOCX and PDF readers.
lib_libnianbao_la_SOURCES += \
	lib/ingest/ingest.c lib/ingest/ingest.h \
	lib/ingest/readers.h \
	lib/ingest/detect.c lib/ingest/detect.h \
	lib/ingest/decode.c lib/ingest/decode.h \
	lib/ingest/normalize.c lib/ingest/normalize.h \
	lib/ingest/doc.c lib/ingest/doc.h \
	lib/ingest/ingest_text.c \
	lib/ingest/ingest_html.c \
	lib/ingest/ingest_docx.c \
	lib/ingest/docx_numbering.c lib/ingest/docx_numbering.h \
	lib/ingest/wml.c lib/ingest/wml.h \
	lib/ingest/ingest_pdf.c \
	lib/ingest/pdf_grid.c lib/ingest/pdf_grid.h \
	lib/ingest/pdf_lines.c lib/ingest/pdf_lines.h \
	lib/ingest/ocr_load.c lib/ingest/ocr.h
lib_libnianbao_la_CPPFLAGS = $(AM_CPPFLAGS) \
	-DNB_OCR_MODULE_PATH='"$(pkglibdir)/nianbao-ocr.so"'

# The OCR reader: a module of its own, so that only a scan loads
# Tesseract (ocr.h).  It shares the grid finder with the PDF reader.
ocrdir = $(pkglibdir)
ocr_LTLIBRARIES = lib/ingest/nianbao-ocr.la
lib_ingest_nianbao_ocr_la_SOURCES = lib/ingest/ocr.h lib/ingest/ocr_priv.h \
	lib/ingest/ocr_module.c lib/ingest/ocr_image.c \
	lib/ingest/ocr_recog.c lib/ingest/ocr_table.c lib/ingest/ocr_text.c \
	lib/ingest/pdf_grid.c lib/ingest/pdf_grid.h
lib_ingest_nianbao_ocr_la_CFLAGS = $(AM_CFLAGS) $(POPPLER_CFLAGS) \
	$(GLIB_CFLAGS) $(TESSERACT_CFLAGS) $(LEPT_CFLAGS)
lib_ingest_nianbao_ocr_la_LDFLAGS = -module -avoid-version -shared
lib_ingest_nianbao_ocr_la_LIBADD = $(TESSERACT_LIBS) $(LEPT_LIBS) \
	$(POPPLER_LIBS) $(GLIB_LIBS) -lm
