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
	lib/ingest/pdf_grid.c lib/ingest/pdf_grid.h
