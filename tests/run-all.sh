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
#   7. the Debian package (dpkg-buildpackage, lintian) and the system test
#      under a real systemd (tests/system/run.sh), once
#
# Everything is built out of tree, in _build* beside the sources; a build
# configured in the source tree itself (README's quick start) is left
# alone: the sources are then copied to _build-src and built from there.
#
#   run-all.sh --print-source   says which source tree would be built, and
#                               stops (for tests/test-runall.sh)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
jobs=$(nproc 2>/dev/null || echo 2)
build=${BUILD_DIR:-$top/_build}

# The files of the tree: what git knows (with uncommitted changes and new
# files not ignored), or everything but build folders outside git.
copy_tree() {
	rm -rf "$2"
	mkdir -p "$2"
	# Only the top of a work tree: _build-src lies inside the clone but
	# git tracks nothing in it.
	if [ "$(git -C "$1" rev-parse --show-toplevel 2>/dev/null)" = \
	    "$(cd "$1" && pwd -P)" ]; then
		(cd "$1" && git ls-files -z --cached --others --exclude-standard |
		    xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' _ |
		    tar --null -T - -cf -) | tar -xf - -C "$2"
	else
		(cd "$1" && tar --exclude='./_build*' -cf - .) | tar -xf - -C "$2"
	fi
}

src=$top
if [ -f "$top/config.status" ]; then
	src=$build-src
fi
if [ "${1:-}" = --print-source ]; then
	echo "$src"
	exit 0
fi

DEPS="build-essential autoconf automake libtool pkg-config
 libevent-dev libjansson-dev libsystemd-dev libunistring-dev libuchardet-dev
 libxml2-dev libzip-dev libpoppler-glib-dev libpoppler-private-dev libglib2.0-dev poppler-utils libconfig-dev
 libsqlite3-dev libpq-dev postgresql libcsv-dev libseccomp-dev nettle-dev
 valgrind cppcheck inotify-tools systemd clang libclang-rt-14-dev python3
 python3-jsonschema python3-openpyxl libxlsxwriter-dev util-linux
 libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng
 img2pdf python3-pil fonts-noto-cjk
 debhelper devscripts dpkg-dev fakeroot lintian debootstrap systemd-container
 chromium chromium-driver python3-selenium"

as_root=
[ "$(id -u)" = 0 ] || as_root=$(command -v sudo || true)
if command -v apt-get >/dev/null && { [ "$(id -u)" = 0 ] || [ -n "$as_root" ]; }; then
	echo "== installing dependencies"
	$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086
	$as_root env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $DEPS >/dev/null
fi

# Out-of-tree builds need an unconfigured source tree; README's quick
# start configures in place, and that build is the user's: build a copy.
if [ "$src" != "$top" ]; then
	echo "== source tree is configured in place: building a copy in $src"
	copy_tree "$top" "$src"
	(cd "$src" && rm -f config.status config.h Makefile config.log)
fi
cd "$src"

echo "== autoreconf"
autoreconf -fi >/dev/null 2>&1 || autoreconf -fi

rm -rf "$build" "$build-asan"
mkdir -p "$build" "$build-asan"

echo "== build (-Werror) and make check"
(cd "$build" && "$src/configure" -q --enable-werror &&
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

# Once, outside the sanitizer, valgrind and distcheck passes: the board
# (nianbao serve) in a real headless Chromium; its screenshots stay in
# $build/tests/board/shots, named in the log.  Well under a minute.
echo "== board in headless Chromium (tests/board/browser.sh)"
brc=0
NB_SRCDIR="$src" NB_BUILDDIR="$build" sh "$src/tests/board/browser.sh" ||
	brc=$?
[ "$brc" = 0 ] || [ "$brc" = 77 ] || { echo "board browser test failed"; exit 1; }

echo "== cppcheck"
cppcheck -q --error-exitcode=1 --enable=warning,style,performance,portability \
	--std=c11 --inline-suppr --suppress=missingIncludeSystem \
	-I include -I lib -I lib/ingest -I lib/model -I lib/pack -I lib/check -I . -I "$build" lib store board plugins cli daemon export

# Once, on the plain build: the fault injection of nianbaod (kill -9,
# killed workers, a full tmpfs, an inotify queue of 16; the last two as
# root only).  A few minutes.
echo "== fault injection (tests/faults/faults.sh, 30 rounds)"
(cd "$build" && NB_SRCDIR="$top" bash "$top/tests/faults/faults.sh" 30) || {
	echo "fault injection failed"
	exit 1
}

# Once, on the plain build: scans made from the samples and recognised
# by the OCR module (Tesseract, --ocr=auto), with mutants.  A few
# minutes.  A measurement, not yet a gate: recognition does not meet
# issue 15's targets, which is why --ocr is off by default; the stage
# prints what it read and what it missed.
echo "== scanned reports (tests/ocr/scans.sh; measured, issue 15 open)"
(cd "$build" && NB_SRCDIR="$top" NB_BUILDDIR="$build" NB_OCR=1 \
	sh "$top/tests/ocr/scans.sh") ||
	echo "scanned reports: issue 15's targets not met yet (see above)"

echo "== ASan/UBSan build and make check"
(cd "$build-asan" && "$src/configure" -q --enable-werror \
	CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	LDFLAGS="-fsanitize=address,undefined" &&
	make -s -j"$jobs" && ASAN_OPTIONS=detect_leaks=1 make -s -j"$jobs" check) || {
	cat "$build-asan/test-suite.log" 2>/dev/null
	exit 1
}

echo "== valgrind"
sh "$src/tests/valgrind.sh" "$build"

echo "== make distcheck"
(cd "$build" && make -s distcheck DISTCHECK_CONFIGURE_FLAGS=--enable-werror \
	>/dev/null) || { echo "make distcheck failed"; exit 1; }

echo "== Debian package: dpkg-buildpackage and lintian"
deb=$build-deb
copy_tree "$src" "$deb/nianbao"
# The suite ran above: the package build does not run it again.
(cd "$deb/nianbao" && DEB_BUILD_OPTIONS="nocheck parallel=$jobs" \
	dpkg-buildpackage -us -uc -b >"$deb/build.log" 2>&1) || {
	tail -n 40 "$deb/build.log"
	echo "dpkg-buildpackage failed"
	exit 1
}
ls "$deb"/*.deb
lintian --fail-on error,warning "$deb"/nianbao_*.changes || {
	echo "lintian failed"
	exit 1
}

echo "== system test: the package under a real systemd (tests/system)"
# Exit 77 is a skip with its reason printed (under CI=true it is a failure
# and run.sh says so).
rc=0
bash "$src/tests/system/run.sh" "$deb" || rc=$?
if [ "$rc" = 77 ]; then
	echo "system test skipped (reason above)"
elif [ "$rc" != 0 ]; then
	echo "system test failed"
	exit 1
fi

echo "all test stages passed"
