# Tests of the readers (issue 4).  dump-doc prints what a reader made of a
# file; the shell tests compare renderings of the samples with the text.
check_PROGRAMS += tests/ingest/dump-doc
tests_ingest_dump_doc_SOURCES = tests/ingest/dump-doc.c
tests_ingest_dump_doc_LDADD = lib/libnianbao.la

check_PROGRAMS += tests/ingest/fingerprint
tests_ingest_fingerprint_SOURCES = tests/ingest/fingerprint.c
tests_ingest_fingerprint_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_ingest_fingerprint_LDADD = lib/libnianbao.la

TESTS += tests/ingest/formats.sh
EXTRA_DIST += tests/ingest/formats.sh tests/ingest/make-renderings.py \
	tests/data/formats/bad-deep.html \
	tests/data/formats/bad-encoding.txt \
	tests/data/formats/bad-junk.bin \
	tests/data/formats/bad-legacy.doc \
	tests/data/formats/bad-many-entries.docx \
	tests/data/formats/bad-notext.pdf \
	tests/data/formats/bad-odt.odt \
	tests/data/formats/bad-truncated.pdf \
	tests/data/formats/bad-zipbomb-lying.docx \
	tests/data/formats/bad-zipbomb.docx \
	tests/data/formats/sample-000.docx \
	tests/data/formats/sample-000.gbk.txt \
	tests/data/formats/sample-000.html \
	tests/data/formats/sample-000.pdf \
	tests/data/formats/sample-001.docx \
	tests/data/formats/sample-001.gbk.txt \
	tests/data/formats/sample-001.html \
	tests/data/formats/sample-001.pdf \
	tests/data/formats/sample-002.docx \
	tests/data/formats/sample-002.gbk.txt \
	tests/data/formats/sample-002.html \
	tests/data/formats/sample-002.pdf \
	tests/data/formats/sample-003.docx \
	tests/data/formats/sample-003.gbk.txt \
	tests/data/formats/sample-003.html \
	tests/data/formats/sample-003.pdf \
	tests/data/formats/sample-003.utf16be.txt \
	tests/data/formats/sample-004.docx \
	tests/data/formats/sample-004.gbk.txt \
	tests/data/formats/sample-004.html \
	tests/data/formats/sample-004.pdf \
	tests/data/formats/sample-004.utf16le.txt \
	tests/data/formats/sample-004.wrong-charset.html
