# End-to-end tests of nianbaod: the real daemon, real inotify, temporary
# spools.  Test plugins that crash and hang, and a datagram sink standing in
# for /dev/log and systemd's notify socket.
check_PROGRAMS += tests/daemon/dgram-sink tests/fuzz/fuzz-names tests/fuzz/fuzz-proto
tests_daemon_dgram_sink_SOURCES = tests/daemon/dgram-sink.c
# The daemon's fuzz targets with the plain driver: their seeds replayed.
tests_fuzz_fuzz_names_SOURCES = tests/fuzz/fuzz-names.c tests/fuzz/driver.c \
	daemon/spool.c daemon/jsonl.c daemon/text.c
tests_fuzz_fuzz_names_CFLAGS = $(AM_CFLAGS) -I$(srcdir)/daemon
tests_fuzz_fuzz_proto_SOURCES = tests/fuzz/fuzz-proto.c tests/fuzz/driver.c \
	daemon/proto.c daemon/record.c daemon/text.c
tests_fuzz_fuzz_proto_CFLAGS = $(AM_CFLAGS) -I$(srcdir)/daemon \
	$(JANSSON_CFLAGS) $(LIBEVENT_CFLAGS)
tests_fuzz_fuzz_proto_LDADD = $(JANSSON_LIBS) $(LIBEVENT_LIBS)

NBD_TEST_PLUGIN_LDFLAGS = -module -avoid-version -no-undefined -shared \
	-rpath /nowhere -export-symbols-regex '^nb_plugin_entry$$'
check_LTLIBRARIES += tests/daemon/nbtest_crash.la tests/daemon/nbtest_hang.la \
	tests/daemon/nbtest_hog.la tests/daemon/nbtest_sys.la
tests_daemon_nbtest_crash_la_SOURCES = tests/daemon/nbtest_crash.c
tests_daemon_nbtest_crash_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
tests_daemon_nbtest_crash_la_LDFLAGS = $(NBD_TEST_PLUGIN_LDFLAGS)
tests_daemon_nbtest_hang_la_SOURCES = tests/daemon/nbtest_hang.c
tests_daemon_nbtest_hang_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
tests_daemon_nbtest_hang_la_LDFLAGS = $(NBD_TEST_PLUGIN_LDFLAGS)
tests_daemon_nbtest_hog_la_SOURCES = tests/daemon/nbtest_hog.c
tests_daemon_nbtest_hog_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
tests_daemon_nbtest_hog_la_LDFLAGS = $(NBD_TEST_PLUGIN_LDFLAGS)
tests_daemon_nbtest_sys_la_SOURCES = tests/daemon/nbtest_sys.c
tests_daemon_nbtest_sys_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
tests_daemon_nbtest_sys_la_LDFLAGS = $(NBD_TEST_PLUGIN_LDFLAGS)

NBD_TESTS = tests/daemon/basic.sh tests/daemon/burst.sh \
	tests/daemon/crash.sh tests/daemon/plugins.sh tests/daemon/reload.sh \
	tests/daemon/overflow.sh tests/daemon/unit.sh tests/daemon/valgrind.sh \
	tests/daemon/names.sh tests/daemon/syslog3.sh \
	tests/daemon/trust.sh tests/daemon/twodaemons.sh tests/daemon/symlink.sh \
	tests/daemon/jsonl.sh tests/daemon/writer.sh tests/daemon/links.sh \
	tests/daemon/memory.sh tests/daemon/privsep.sh tests/daemon/fuzzseeds.sh \
	tests/daemon/killed.sh \
	tests/daemon/cmdline.sh tests/daemon/drops.sh tests/daemon/store.sh \
	tests/daemon/provinces.sh tests/daemon/syscalls.sh tests/daemon/queued.sh \
	tests/daemon/space.sh tests/daemon/early.sh
TESTS += $(NBD_TESTS)
EXTRA_DIST += $(NBD_TESTS) tests/daemon/lib.sh tests/faults/faults.sh \
	tests/fuzz/corpus/names tests/fuzz/corpus/proto

# The loop's look at findings.jsonl's ids while the commit thread's append
# fails half way (jsonl.c): what is cut back never counts as written.
check_PROGRAMS += tests/daemon/test-jsonl-race
tests_daemon_test_jsonl_race_SOURCES = tests/daemon/test-jsonl-race.c \
	daemon/jsonl.c
tests_daemon_test_jsonl_race_CFLAGS = $(AM_CFLAGS) -pthread -I$(srcdir)/daemon
tests_daemon_test_jsonl_race_LDADD = -lpthread
TESTS += tests/daemon/test-jsonl-race
