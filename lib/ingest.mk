# Readers of issue 4: type and encoding detection, text, HTML, DOCX, PDF.
lib_libnianbao_la_SOURCES += \
	lib/detect.c lib/detect.h \
	lib/decode.c lib/decode.h \
	lib/readers.h \
	lib/ingest_text.c \
	lib/ingest_html.c \
	lib/ingest_docx.c \
	lib/ingest_pdf.c \
	lib/pdf_grid.c lib/pdf_grid.h \
	lib/docx_numbering.c lib/docx_numbering.h lib/wml.c lib/wml.h
