#!/bin/sh
# tests/board/browser.sh -- the board in a real headless Chromium: fills a
# store from the samples and their mutants with `nianbao check --store`
# (tests/board/fixtures.sh), starts the real `nianbao serve` on a free
# loopback port and drives Chromium through chromedriver
# (tests/board/browser.py).  Screenshots are kept in NB_BOARD_SHOTS
# (default tests/board/shots in the build tree) and named in the log.
# A stage of tests/run-all.sh, run once outside the sanitizer, valgrind
# and distcheck passes; skipped (77) without chromium, chromedriver or
# python3-selenium.
set -u
src=${NB_SRCDIR:-.}
build=${NB_BUILDDIR:-.}
nb="$build/cli/nianbao"
opts="--rules $src/rules/national-2021.json --plugin-dir $build/plugins/.libs"
shots=${NB_BOARD_SHOTS:-$build/tests/board/shots}
py=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import selenium' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ] || ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]
then
	echo "SKIP: needs chromium, chromium-driver and python3-selenium"
	[ "${CI:-}" = true ] && { echo "FAIL: CI needs the browser"; exit 1; }
	exit 77
fi
tmp=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
NB_SRCDIR=$src sh "$src/tests/board/fixtures.sh" "$tmp/fx" || exit 1
while IFS= read -r f; do
	# shellcheck disable=SC2086
	"$nb" check $opts --store "$tmp/board.db" --roster "$tmp/fx/roster.csv" \
	    "$tmp/fx/$f" >/dev/null 2>"$tmp/check.err"
	[ $? -le 1 ] || { echo "FAIL: nianbao check $f"; cat "$tmp/check.err"; exit 1; }
done <"$tmp/fx/order"
"$nb" serve --store "$tmp/board.db" --roster "$tmp/fx/roster.csv" \
    --listen 127.0.0.1:0 --rate 200 2>"$tmp/serve.err" &
pid=$!
url=
for _ in $(seq 50); do
	url=$(sed -n 's/^nianbao serve: \(http:[^ ]*\)$/\1/p' "$tmp/serve.err")
	[ -n "$url" ] && break
	sleep 0.1
done
[ -n "$url" ] || { echo "FAIL: nianbao serve did not start"; cat "$tmp/serve.err"; exit 1; }
echo "board at $url"
mkdir -p "$shots"
"$py" "$src/tests/board/browser.py" "$url" "$tmp/fx" "$shots"
