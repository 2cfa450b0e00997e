# libnianbao: a convenience library linked into the nianbao command and
# the daemon's workers.  Its folders follow the flow of a report:
#   lib/ingest  bytes -> document (encodings, text/HTML/DOCX/PDF -> lines)
#   lib/pack    rule pack JSON -> compiled pack (sections, tables, relations)
#   lib/model   document + pack -> report model (sections, tables, cells)
#   lib/check   model -> findings (engine, plugin host, results)
noinst_LTLIBRARIES += lib/libnianbao.la
# (libxml2, libzip and poppler are the reader modules' alone: lib/ingest.)
lib_libnianbao_la_SOURCES = lib/nianbao.h lib/module.c lib/module.h
lib_libnianbao_la_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(UCHARDET_CFLAGS) $(NETTLE_CFLAGS)
# (nettle is opened by its soname, by an engine that keeps history.)
lib_libnianbao_la_LIBADD = $(JANSSON_LIBS) $(UNISTRING_LIBS) -ldl -lm
include lib/ingest/local.mk
include lib/pack/local.mk
include lib/model/local.mk
include lib/check/local.mk
