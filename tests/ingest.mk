# Tests of the readers (issue 4).  dump-doc prints what a reader made of a
# file; the shell tests compare renderings of the samples with the text.
check_PROGRAMS += tests/ingest/dump-doc
tests_ingest_dump_doc_SOURCES = tests/ingest/dump-doc.c
tests_ingest_dump_doc_LDADD = lib/libnianbao.la

check_PROGRAMS += tests/ingest/fingerprint
tests_ingest_fingerprint_SOURCES = tests/ingest/fingerprint.c
tests_ingest_fingerprint_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_ingest_fingerprint_LDADD = lib/libnianbao.la

TESTS += tests/ingest/formats.sh tests/ingest/libraries.sh
EXTRA_DIST += tests/ingest/formats.sh tests/ingest/libraries.sh tests/ingest/make-renderings.py \
	tests/ingest/hostile_files.py tests/ingest/ooxml.py \
	tests/ingest/lsan.supp tests/ingest/valgrind.supp \
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
	tests/data/formats/sample-001.web.pdf \
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
	tests/data/formats/sample-004.web.pdf \
	tests/data/formats/sample-004.utf16le.txt \
	tests/data/formats/sample-004.utf16le-nobom.txt \
	tests/data/formats/sample-004.wrong-charset.html \
	tests/data/formats/table-rules.pdf \
	tests/data/formats/table-open.pdf \
	tests/data/formats/textbox.docx

# libFuzzer targets, one per parser.  Under `make check` each is linked
# with driver.c and replays its seed corpus (regression); run-fuzz.sh
# builds them with clang -fsanitize=fuzzer,address,undefined and fuzzes.
NB_FUZZ_TARGETS = tests/fuzz/fuzz-text tests/fuzz/fuzz-html \
	tests/fuzz/fuzz-docx tests/fuzz/fuzz-pdf tests/fuzz/fuzz-ingest \
	tests/fuzz/fuzz-pack
check_PROGRAMS += $(NB_FUZZ_TARGETS)
tests_fuzz_fuzz_text_SOURCES = tests/fuzz/fuzz-text.c tests/fuzz/driver.c \
	tests/fuzz/fuzz.h
tests_fuzz_fuzz_text_LDADD = lib/libnianbao.la
tests_fuzz_fuzz_html_SOURCES = tests/fuzz/fuzz-html.c tests/fuzz/driver.c \
	tests/fuzz/fuzz.h
tests_fuzz_fuzz_html_LDADD = lib/libnbreaders.la lib/libnianbao.la
nodist_EXTRA_tests_fuzz_fuzz_html_SOURCES = $(READERS_CXX_LINK)
tests_fuzz_fuzz_docx_SOURCES = tests/fuzz/fuzz-docx.c tests/fuzz/driver.c \
	tests/fuzz/fuzz.h
tests_fuzz_fuzz_docx_LDADD = lib/libnbreaders.la lib/libnianbao.la
nodist_EXTRA_tests_fuzz_fuzz_docx_SOURCES = $(READERS_CXX_LINK)
tests_fuzz_fuzz_pdf_SOURCES = tests/fuzz/fuzz-pdf.c tests/fuzz/driver.c \
	tests/fuzz/fuzz.h
tests_fuzz_fuzz_pdf_LDADD = lib/libnbreaders.la lib/libnianbao.la
nodist_EXTRA_tests_fuzz_fuzz_pdf_SOURCES = $(READERS_CXX_LINK)
tests_fuzz_fuzz_ingest_SOURCES = tests/fuzz/fuzz-ingest.c \
	tests/fuzz/driver.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_ingest_LDADD = lib/libnianbao.la
tests_fuzz_fuzz_pack_SOURCES = tests/fuzz/fuzz-pack.c tests/fuzz/driver.c
tests_fuzz_fuzz_pack_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_fuzz_fuzz_pack_LDADD = lib/libnianbao.la
TESTS += tests/fuzz/regress.sh
EXTRA_DIST += tests/fuzz/regress.sh tests/fuzz/run-fuzz.sh tests/fuzz/seeds.sh \
	tests/fuzz/corpus
