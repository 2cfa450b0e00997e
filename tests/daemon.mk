# End-to-end tests of nianbaod: the real daemon, real inotify, temporary
# spools.  Test plugins that crash and hang, and a datagram sink standing in
# for /dev/log and systemd's notify socket.
check_PROGRAMS += tests/daemon/dgram-sink
tests_daemon_dgram_sink_SOURCES = tests/daemon/dgram-sink.c

NBD_TEST_PLUGIN_LDFLAGS = -module -avoid-version -no-undefined -shared \
	-rpath /nowhere -export-symbols-regex '^nb_plugin_entry$$'
check_LTLIBRARIES += tests/daemon/nbtest_crash.la tests/daemon/nbtest_hang.la
tests_daemon_nbtest_crash_la_SOURCES = tests/daemon/nbtest_crash.c
tests_daemon_nbtest_crash_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
tests_daemon_nbtest_crash_la_LDFLAGS = $(NBD_TEST_PLUGIN_LDFLAGS)
tests_daemon_nbtest_hang_la_SOURCES = tests/daemon/nbtest_hang.c
tests_daemon_nbtest_hang_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
tests_daemon_nbtest_hang_la_LDFLAGS = $(NBD_TEST_PLUGIN_LDFLAGS)

NBD_TESTS = tests/daemon/basic.sh tests/daemon/burst.sh \
	tests/daemon/crash.sh tests/daemon/plugins.sh tests/daemon/reload.sh \
	tests/daemon/overflow.sh tests/daemon/unit.sh tests/daemon/valgrind.sh \
	tests/daemon/names.sh tests/daemon/syslog3.sh tests/daemon/cmdline.sh \
	tests/daemon/drops.sh
TESTS += $(NBD_TESTS)
EXTRA_DIST += $(NBD_TESTS) tests/daemon/lib.sh
