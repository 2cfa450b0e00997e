# bytes -> document: type and encoding detection, normalisation, and the
# text reader; the HTML, DOCX and PDF readers are modules of their own
# (modules/), loaded the first time a file of their kind is met.
lib_libnianbao_la_SOURCES += \
	lib/ingest/ingest.c lib/ingest/ingest.h \
	lib/ingest/readers.h lib/ingest/readers_load.c \
	lib/ingest/detect.c lib/ingest/detect.h \
	lib/ingest/ingest_text.c \
	lib/ingest/ocr_load.c lib/ingest/ocr.h
lib_libnianbao_la_LIBADD += lib/libnbdoc.la

# What the engine and every reader module share: documents, decoding,
# normalisation, errors, the readers' buffers.
noinst_LTLIBRARIES += lib/libnbdoc.la
lib_libnbdoc_la_SOURCES = lib/error.c lib/error.h lib/arena.c lib/arena.h \
	lib/ingest/doc.c lib/ingest/doc.h \
	lib/ingest/decode.c lib/ingest/decode.h \
	lib/ingest/normalize.c lib/ingest/normalize.h \
	lib/ingest/buf.c
lib_libnbdoc_la_CFLAGS = $(AM_CFLAGS) $(UCHARDET_CFLAGS)
lib_libnbdoc_la_LIBADD = $(UNISTRING_LIBS)

READER_HTML_SOURCES = lib/ingest/ingest_html.c
READER_DOCX_SOURCES = lib/ingest/ingest_docx.c \
	lib/ingest/docx_numbering.c lib/ingest/docx_numbering.h \
	lib/ingest/wml.c lib/ingest/wml.h
READER_PDF_SOURCES = lib/ingest/ingest_pdf.c \
	lib/ingest/pdf_grid.c lib/ingest/pdf_grid.h \
	lib/ingest/pdf_lines.c lib/ingest/pdf_lines.h \
	lib/ingest/pdf_paths.cc lib/ingest/pdf_paths.h
# pdf_paths.cc: poppler's core API (C++17), behind a C header.
PDF_CXXFLAGS = -std=c++17 $(WARN_CXXFLAGS) $(POPPLER_CORE_CFLAGS) \
	$(POPPLER_CFLAGS)

# The reader modules (lib/module.c), installed beside, never among, the
# rule plugins.
modules_LTLIBRARIES += modules/html.la modules/docx.la modules/pdf.la
READER_LDFLAGS = $(MODULE_LDFLAGS) \
	-export-symbols-regex '^(nb_read_(html|docx|pdf)|nb_module_version)$$' 
modules_html_la_SOURCES = $(READER_HTML_SOURCES) lib/module_version.c
modules_html_la_CFLAGS = $(AM_CFLAGS) $(LIBXML_CFLAGS)
modules_html_la_LDFLAGS = $(READER_LDFLAGS)
modules_html_la_LIBADD = lib/libnbdoc.la $(LIBXML_LIBS)
modules_docx_la_SOURCES = $(READER_DOCX_SOURCES) lib/module_version.c
modules_docx_la_CFLAGS = $(AM_CFLAGS) $(LIBXML_CFLAGS) $(LIBZIP_CFLAGS)
modules_docx_la_LDFLAGS = $(READER_LDFLAGS)
modules_docx_la_LIBADD = lib/libnbdoc.la $(LIBXML_LIBS) $(LIBZIP_LIBS)
modules_pdf_la_SOURCES = $(READER_PDF_SOURCES) lib/module_version.c
modules_pdf_la_CFLAGS = $(AM_CFLAGS) $(POPPLER_CFLAGS) $(GLIB_CFLAGS)
modules_pdf_la_CXXFLAGS = $(PDF_CXXFLAGS)
modules_pdf_la_LDFLAGS = $(READER_LDFLAGS)
modules_pdf_la_LIBADD = lib/libnbdoc.la $(POPPLER_LIBS) $(POPPLER_CORE_LIBS) \
	$(GLIB_LIBS) -lm

# The same readers linked in, for programs that call one directly (the
# fuzz targets and tests of one reader).
noinst_LTLIBRARIES += lib/libnbreaders.la
lib_libnbreaders_la_SOURCES = $(READER_HTML_SOURCES) $(READER_DOCX_SOURCES) \
	$(READER_PDF_SOURCES)
lib_libnbreaders_la_CFLAGS = $(AM_CFLAGS) $(LIBXML_CFLAGS) $(LIBZIP_CFLAGS) \
	$(POPPLER_CFLAGS) $(GLIB_CFLAGS)
lib_libnbreaders_la_CXXFLAGS = $(PDF_CXXFLAGS)
# Programs linking it link as C++ (pdf_paths.cc): give them
# nodist_EXTRA_..._SOURCES = $(READERS_CXX_LINK).
READERS_CXX_LINK = lib/ingest/cxx-link.cc
lib_libnbreaders_la_LIBADD = $(LIBXML_LIBS) $(LIBZIP_LIBS) $(POPPLER_LIBS) \
	$(POPPLER_CORE_LIBS) $(GLIB_LIBS) -lm

# The OCR reader: a module of its own, so that only a scan loads
# Tesseract (ocr.h).  It shares the grid finder with the PDF reader and
# knows nothing of documents; ocr_load.c (in libnianbao) opens it.
modules_LTLIBRARIES += modules/ocr.la
modules_ocr_la_SOURCES = lib/ingest/ocr.h lib/ingest/ocr_priv.h \
	lib/ingest/ocr_module.c lib/ingest/ocr_image.c \
	lib/ingest/ocr_recog.c lib/ingest/ocr_table.c lib/ingest/ocr_text.c \
	lib/ingest/pdf_grid.c lib/ingest/pdf_grid.h lib/module_version.c \
	lib/ingest/pdf_paths.cc lib/ingest/pdf_paths.h
modules_ocr_la_CXXFLAGS = $(PDF_CXXFLAGS)
modules_ocr_la_CFLAGS = $(AM_CFLAGS) $(POPPLER_CFLAGS) \
	$(GLIB_CFLAGS) $(TESSERACT_CFLAGS) $(LEPT_CFLAGS)
modules_ocr_la_LDFLAGS = $(MODULE_LDFLAGS) \
	-export-symbols-regex '^(nb_ocr_entry|nb_module_version)$$'
modules_ocr_la_LIBADD = $(TESSERACT_LIBS) $(LEPT_LIBS) \
	$(POPPLER_LIBS) $(POPPLER_CORE_LIBS) $(GLIB_LIBS) -lm
