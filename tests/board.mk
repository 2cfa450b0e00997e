# Tests of the board.  In `make check`: the escaping (test-render), the
# HTML report page of `nianbao check --format html` (render.sh), the
# server from outside a browser (serve.sh).  The
# browser test (tests/board/browser.sh: the real server in a real headless
# Chromium) is a stage of tests/run-all.sh, run once outside the
# sanitizer, valgrind and distcheck passes.
check_PROGRAMS += tests/board/test-render
TESTS += tests/board/test-render tests/board/render.sh tests/board/serve.sh
tests_board_test_render_SOURCES = tests/board/test-render.c
tests_board_test_render_LDADD = board/libnbboard.la
EXTRA_DIST += tests/board/render.sh tests/board/serve.sh tests/board/serve.py \
	tests/board/fixtures.sh \
	tests/board/browser.sh tests/board/browser.py
