# Tests of the rule plugins: unit tests on synthetic reports, the five
# samples against hand-written expectations, single-cell mutations and
# re-wrapped layouts; and confidences set by hand in a built model.  They load the plugins from $(top_builddir)/plugins/.libs.
PLUGIN_TEST_COMMON = tests/test-plugins-common.c tests/test-plugins-common.h
PLUGIN_TEST_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
PLUGIN_TEST_LDADD = lib/libnianbao.la $(JANSSON_LIBS)

check_PROGRAMS += tests/test-plugins tests/test-plugins-text tests/test-samples \
	tests/test-mutate tests/test-mutate-2019 tests/test-rewrap \
	tests/test-confidence tests/test-scan-doubt tests/test-narrative \
	tests/test-outline tests/test-headings tests/test-lazy
TESTS += tests/test-plugins tests/test-plugins-text tests/test-samples \
	tests/test-mutate tests/test-mutate-2019 tests/test-rewrap \
	tests/test-confidence tests/test-scan-doubt tests/test-narrative \
	tests/test-outline tests/test-headings tests/test-lazy
PLUGIN_TEST_BASE = tests/test-plugins-base.c tests/test-plugins-base.h
tests_test_plugins_SOURCES = tests/test-plugins.c $(PLUGIN_TEST_BASE) \
	$(PLUGIN_TEST_COMMON)
tests_test_plugins_CFLAGS = $(PLUGIN_TEST_CFLAGS)
tests_test_plugins_LDADD = $(PLUGIN_TEST_LDADD)
tests_test_plugins_text_SOURCES = tests/test-plugins-text.c \
	$(PLUGIN_TEST_BASE) $(PLUGIN_TEST_COMMON)
tests_test_plugins_text_CFLAGS = $(PLUGIN_TEST_CFLAGS)
tests_test_plugins_text_LDADD = $(PLUGIN_TEST_LDADD)
tests_test_narrative_SOURCES = tests/test-narrative.c \
	$(PLUGIN_TEST_BASE) $(PLUGIN_TEST_COMMON)
tests_test_narrative_CFLAGS = $(PLUGIN_TEST_CFLAGS)
tests_test_narrative_LDADD = $(PLUGIN_TEST_LDADD)
tests_test_outline_SOURCES = tests/test-outline.c \
	$(PLUGIN_TEST_BASE) $(PLUGIN_TEST_COMMON)
tests_test_outline_CFLAGS = $(PLUGIN_TEST_CFLAGS)
tests_test_outline_LDADD = $(PLUGIN_TEST_LDADD)
tests_test_headings_SOURCES = tests/test-headings.c $(PLUGIN_TEST_COMMON)
tests_test_headings_CFLAGS = $(PLUGIN_TEST_CFLAGS)
tests_test_headings_LDADD = $(PLUGIN_TEST_LDADD)
tests_test_samples_SOURCES = tests/test-samples.c $(PLUGIN_TEST_COMMON)
tests_test_samples_CFLAGS = $(PLUGIN_TEST_CFLAGS)
tests_test_samples_LDADD = $(PLUGIN_TEST_LDADD)
MUTATE_TEST_COMMON = tests/mutate-common.c tests/mutate-common.h \
	$(PLUGIN_TEST_COMMON)
tests_test_mutate_SOURCES = tests/test-mutate.c $(MUTATE_TEST_COMMON)
tests_test_mutate_CFLAGS = $(PLUGIN_TEST_CFLAGS)
tests_test_mutate_LDADD = $(PLUGIN_TEST_LDADD)
tests_test_mutate_2019_SOURCES = tests/test-mutate-2019.c \
	$(MUTATE_TEST_COMMON)
tests_test_mutate_2019_CFLAGS = $(PLUGIN_TEST_CFLAGS)
tests_test_mutate_2019_LDADD = $(PLUGIN_TEST_LDADD)
tests_test_rewrap_SOURCES = tests/test-rewrap.c $(PLUGIN_TEST_COMMON)
tests_test_rewrap_CFLAGS = $(PLUGIN_TEST_CFLAGS)
tests_test_rewrap_LDADD = $(PLUGIN_TEST_LDADD)
tests_test_confidence_SOURCES = tests/test-confidence.c $(PLUGIN_TEST_COMMON)
tests_test_confidence_CFLAGS = $(PLUGIN_TEST_CFLAGS)
tests_test_confidence_LDADD = $(PLUGIN_TEST_LDADD)
tests_test_scan_doubt_SOURCES = tests/test-scan-doubt.c $(PLUGIN_TEST_COMMON)
tests_test_scan_doubt_CFLAGS = $(PLUGIN_TEST_CFLAGS)
tests_test_scan_doubt_LDADD = $(PLUGIN_TEST_LDADD)
EXTRA_DIST += tests/data/expected/sample-000.txt \
	tests/data/expected/sample-001.txt tests/data/expected/sample-002.txt \
	tests/data/expected/sample-003.txt tests/data/expected/sample-004.txt \
	tests/data/real-08_pingtan_2018.txt tests/data/real-12_pingtan_2014.txt
tests_test_lazy_SOURCES = tests/test-lazy.c $(PLUGIN_TEST_COMMON)
tests_test_lazy_CFLAGS = $(PLUGIN_TEST_CFLAGS)
tests_test_lazy_LDADD = $(PLUGIN_TEST_LDADD)
