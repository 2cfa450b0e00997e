# libnianbao: ingest, model, plugin host, findings.  A convenience library
# linked into the nianbao command and the daemon's workers.
noinst_LTLIBRARIES += lib/libnianbao.la
lib_libnianbao_la_SOURCES = \
	lib/error.c lib/error.h \
	lib/normalize.c lib/normalize.h \
	lib/doc.c lib/doc.h \
	lib/ingest.c lib/ingest.h \
	lib/pack.c lib/pack.h \
	lib/model.c lib/model.h \
	lib/tables.c \
	lib/host.c lib/host.h \
	lib/trust.c lib/trust.h \
	lib/plugdesc.c lib/plugdesc.h \
	lib/engine.c lib/nianbao.h \
	lib/result.c
lib_libnianbao_la_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(UCHARDET_CFLAGS) \
	$(LIBXML_CFLAGS) $(LIBZIP_CFLAGS) $(POPPLER_CFLAGS)
lib_libnianbao_la_LIBADD = $(JANSSON_LIBS) $(UNISTRING_LIBS) $(UCHARDET_LIBS) \
	$(LIBXML_LIBS) $(LIBZIP_LIBS) $(POPPLER_LIBS) -lm
include lib/ingest.mk
