# Tests of the rule-pack loader, the plugin host and the nianbao command.
# The host's test plugins are built as shared objects, never installed.
TEST_PLUGIN_LDFLAGS = -module -avoid-version -shared -rpath /nowhere
check_LTLIBRARIES += tests/host/badabi.la tests/host/noentry.la \
	tests/host/fails.la tests/host/probe.la tests/host/old10.la \
	tests/host/nocheck.la tests/host/thief.la
tests_host_badabi_la_SOURCES = tests/host/badabi.c
tests_host_badabi_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_host_noentry_la_SOURCES = tests/host/noentry.c
tests_host_noentry_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_host_fails_la_SOURCES = tests/host/fails.c
tests_host_fails_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_host_probe_la_SOURCES = tests/host/probe.c
tests_host_probe_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_host_thief_la_SOURCES = tests/host/thief.c
tests_host_thief_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_host_old10_la_SOURCES = tests/host/old10.c
tests_host_old10_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_host_nocheck_la_SOURCES = tests/host/nocheck.c
tests_host_nocheck_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)

check_PROGRAMS += tests/test-pack tests/test-host tests/test-provinces
TESTS += tests/test-pack tests/test-host tests/test-provinces tests/test-cli.sh \
	tests/test-sarif.sh
tests_test_pack_SOURCES = tests/test-pack.c tests/check.h
tests_test_pack_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_test_pack_LDADD = lib/libnianbao.la
tests_test_provinces_SOURCES = tests/test-provinces.c tests/check.h
tests_test_provinces_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_test_provinces_LDADD = lib/libnianbao.la $(JANSSON_LIBS)
tests_test_host_SOURCES = tests/test-host.c
tests_test_host_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_test_host_LDADD = lib/libnianbao.la
EXTRA_DIST += tests/test-cli.sh tests/test-sarif.sh tests/sarif/README \
	tests/sarif/sarif-schema-2.1.0.json tests/provinces/hubei.sh \
	tests/provinces/as2019.py
TESTS += tests/provinces/hubei.sh

# The example province plugin of doc/plugins.md is built and tested too,
# so the documentation cannot rot.
check_LTLIBRARIES += tests/host/rules_level.la
tests_host_rules_level_la_SOURCES = examples/rules_level.c
tests_host_rules_level_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
tests_host_rules_level_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
