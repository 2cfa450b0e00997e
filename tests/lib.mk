# Tests of libnianbao's parser half: normalisation and document lines,
# the report model (format, title, period, sections) and table
# extraction, on the five samples and on synthetic layouts.  They read
# $(srcdir)/tests/data and $(srcdir)/rules through $NB_SRCDIR.
LIB_TEST_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
LIB_TEST_LDADD = lib/libnianbao.la $(JANSSON_LIBS) $(UNISTRING_LIBS)

LIB_TABLE_TESTS = tests/test-tables tests/test-tables-synth \
	tests/test-tables-relayout tests/test-tables-order tests/test-tables-gap \
	tests/test-tables-sequence tests/test-tables-pages
check_PROGRAMS += tests/test-normalize tests/test-model $(LIB_TABLE_TESTS) \
	tests/test-result-model tests/test-result-json
TESTS += tests/test-normalize tests/test-model $(LIB_TABLE_TESTS) \
	tests/test-result-model tests/test-result-json
tests_test_normalize_SOURCES = tests/test-normalize.c
tests_test_normalize_CFLAGS = $(LIB_TEST_CFLAGS)
tests_test_normalize_LDADD = $(LIB_TEST_LDADD)
tests_test_result_model_SOURCES = tests/test-result-model.c tests/check.h
tests_test_result_model_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_test_result_model_LDADD = lib/libnianbao.la $(JANSSON_LIBS)
tests_test_result_json_SOURCES = tests/test-result-json.c tests/check.h
tests_test_result_json_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_test_result_json_LDADD = lib/libnianbao.la $(JANSSON_LIBS)
tests_test_model_SOURCES = tests/test-model.c
tests_test_model_CFLAGS = $(LIB_TEST_CFLAGS)
tests_test_model_LDADD = $(LIB_TEST_LDADD)
# The table tests: the samples, synthetic layouts, the samples re-laid
# out; one set of fixtures (tables-fix.c) and checks (tables.h).
TABLE_TEST_COMMON = tests/tables-fix.c tests/tables.h tests/check.h
tests_test_tables_SOURCES = tests/test-tables.c $(TABLE_TEST_COMMON)
tests_test_tables_CFLAGS = $(LIB_TEST_CFLAGS)
tests_test_tables_LDADD = $(LIB_TEST_LDADD)
tests_test_tables_synth_SOURCES = tests/test-tables-synth.c \
	$(TABLE_TEST_COMMON)
tests_test_tables_synth_CFLAGS = $(LIB_TEST_CFLAGS)
tests_test_tables_synth_LDADD = $(LIB_TEST_LDADD)
tests_test_tables_relayout_SOURCES = tests/test-tables-relayout.c \
	$(TABLE_TEST_COMMON)
tests_test_tables_relayout_CFLAGS = $(LIB_TEST_CFLAGS)
tests_test_tables_relayout_LDADD = $(LIB_TEST_LDADD)
tests_test_tables_order_SOURCES = tests/test-tables-order.c \
	$(TABLE_TEST_COMMON)
tests_test_tables_order_CFLAGS = $(LIB_TEST_CFLAGS)
tests_test_tables_order_LDADD = $(LIB_TEST_LDADD)
tests_test_tables_sequence_SOURCES = tests/test-tables-sequence.c \
	$(TABLE_TEST_COMMON)
tests_test_tables_sequence_CFLAGS = $(LIB_TEST_CFLAGS)
tests_test_tables_sequence_LDADD = $(LIB_TEST_LDADD)
tests_test_tables_pages_SOURCES = tests/test-tables-pages.c \
	$(TABLE_TEST_COMMON)
tests_test_tables_pages_CFLAGS = $(LIB_TEST_CFLAGS)
tests_test_tables_pages_LDADD = $(LIB_TEST_LDADD)
tests_test_tables_gap_SOURCES = tests/test-tables-gap.c \
	$(TABLE_TEST_COMMON)
tests_test_tables_gap_CFLAGS = $(LIB_TEST_CFLAGS)
tests_test_tables_gap_LDADD = $(LIB_TEST_LDADD)
