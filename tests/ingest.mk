# Tests of the readers (issue 4).  dump-doc prints what a reader made of a
# file; the shell tests compare renderings of the samples with the text.
check_PROGRAMS += tests/ingest/dump-doc
tests_ingest_dump_doc_SOURCES = tests/ingest/dump-doc.c
tests_ingest_dump_doc_LDADD = lib/libnianbao.la

check_PROGRAMS += tests/ingest/fingerprint
tests_ingest_fingerprint_SOURCES = tests/ingest/fingerprint.c
tests_ingest_fingerprint_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_ingest_fingerprint_LDADD = lib/libnianbao.la
