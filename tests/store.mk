# Tests of the history store.  test-store runs on a fresh SQLite file in
# `make check`; tests/store/pg.sh runs it once more on a real PostgreSQL
# server it starts itself (a stage of tests/run-all.sh, outside the
# sanitizer, valgrind and distcheck passes).
check_PROGRAMS += tests/store/test-store tests/store/test-roster
TESTS += tests/store/test-store tests/store/test-roster tests/store/cli.sh \
	tests/store/export.sh
tests_store_test_store_SOURCES = tests/store/test-store.c
tests_store_test_store_LDADD = store/libnbstore.la lib/libnianbao.la
EXTRA_DIST += tests/store/pg.sh tests/store/cli.sh tests/store/export.sh
tests_store_test_roster_SOURCES = tests/store/test-roster.c
tests_store_test_roster_LDADD = store/libnbstore.la lib/libnianbao.la
