#!/bin/sh
# tests/run-all.sh -- the whole test suite, as CI runs it (.ci/run) and as
# README.md tells a developer to run it on a fresh Debian 12 machine.
#
#   1. install build and test dependencies (apt-get, when run as root)
#   2. build with -Werror and run `make check`
#   3. the history store on a real PostgreSQL server, cppcheck, then the
#      fault injection of nianbaod (tests/faults/)
#   4. rebuild with ASan/UBSan and run `make check` again
#   5. valgrind over the checker and the unit tests
#   6. `make distcheck`
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
jobs=$(nproc 2>/dev/null || echo 2)

DEPS="build-essential autoconf automake libtool pkg-config
 libevent-dev libjansson-dev libsystemd-dev libunistring-dev libuchardet-dev
 libxml2-dev libzip-dev libpoppler-glib-dev libglib2.0-dev poppler-utils libconfig-dev
 libsqlite3-dev libpq-dev postgresql libcsv-dev libseccomp-dev
 valgrind cppcheck inotify-tools systemd clang libclang-rt-14-dev python3
 python3-jsonschema util-linux"

as_root=
[ "$(id -u)" = 0 ] || as_root=$(command -v sudo || true)
if command -v apt-get >/dev/null && { [ "$(id -u)" = 0 ] || [ -n "$as_root" ]; }; then
	echo "== installing dependencies"
	$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086
	$as_root env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $DEPS >/dev/null
fi

# Out-of-tree builds below need an unconfigured source tree (README's
# first command configures in place).
if [ -f config.status ]; then
	echo "== make distclean (source tree was configured in place)"
	make -s distclean >/dev/null 2>&1 || rm -f config.status
fi

echo "== autoreconf"
autoreconf -fi >/dev/null 2>&1 || autoreconf -fi

build=${BUILD_DIR:-$top/_build}
rm -rf "$build" "$build-asan"
mkdir -p "$build" "$build-asan"

echo "== build (-Werror) and make check"
(cd "$build" && "$top/configure" -q --enable-werror &&
	make -s -j"$jobs" && make -s -j"$jobs" check) || {
	find "$build/tests" -name '*.log' -exec sh -c \
	    'grep -q "^FAIL" "$1" 2>/dev/null && cat "$1"' _ {} \; 2>/dev/null
	cat "$build/test-suite.log" 2>/dev/null
	exit 1
}

# Once, outside the sanitizer, valgrind and distcheck passes: it starts a
# real PostgreSQL server.
echo "== history store on PostgreSQL"
sh "$top/tests/store/pg.sh" "$build"

echo "== cppcheck"
cppcheck -q --error-exitcode=1 --enable=warning,style,performance,portability \
	--std=c11 --inline-suppr --suppress=missingIncludeSystem \
	-I include -I lib -I lib/ingest -I lib/model -I lib/pack -I lib/check -I . -I "$build" lib store plugins cli daemon

# Once, on the plain build: the fault injection of nianbaod (kill -9,
# killed workers, a full tmpfs, an inotify queue of 16; the last two as
# root only).  A few minutes.
echo "== fault injection (tests/faults/faults.sh, 30 rounds)"
(cd "$build" && NB_SRCDIR="$top" bash "$top/tests/faults/faults.sh" 30) || {
	echo "fault injection failed"
	exit 1
}

echo "== ASan/UBSan build and make check"
(cd "$build-asan" && "$top/configure" -q --enable-werror \
	CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	LDFLAGS="-fsanitize=address,undefined" &&
	make -s -j"$jobs" && ASAN_OPTIONS=detect_leaks=1 make -s -j"$jobs" check) || {
	cat "$build-asan/test-suite.log" 2>/dev/null
	exit 1
}

echo "== valgrind"
sh "$top/tests/valgrind.sh" "$build"

echo "== make distcheck"
(cd "$build" && make -s distcheck DISTCHECK_CONFIGURE_FLAGS=--enable-werror \
	>/dev/null) || { echo "make distcheck failed"; exit 1; }

echo "all test stages passed"
