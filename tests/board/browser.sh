#!/bin/sh
# tests/board/browser.sh -- the board in a real headless Chromium: the
# store is filled by the daemon, nianbaod, with the samples and their
# mutants dropped one by one into its spool (tests/board/fixtures.sh,
# in their order), then the real `nianbao serve` starts on a free
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
dpid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ -n "$dpid" ] && kill "$dpid" 2>/dev/null && wait "$dpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
NB_SRCDIR=$src sh "$src/tests/board/fixtures.sh" "$tmp/fx" || exit 1

# nianbaod on a spool of its own writes the store; each report is renamed
# into incoming/ once the one before is checked, so that versions come in
# order.
spool=$tmp/spool
{
	echo "spool = \"$spool\";"
	echo "workers = 1;"
	echo "rules = \"$src/rules/national-2021.json\";"
	echo "plugin_dir = \"$build/plugins/.libs\";"
	echo "store = \"$tmp/board.db\";"
	echo "roster = \"$tmp/fx/roster.csv\";"
	[ "$(id -u)" = 0 ] && echo 'user = "root";'
} >"$tmp/nianbaod.conf"
"$build/daemon/nianbaod" -f -c "$tmp/nianbaod.conf" >"$tmp/daemon.out" \
    2>"$tmp/daemon.err" &
dpid=$!
checked() { grep -c '"file":"[^"]' "$spool/out/findings.jsonl" 2>/dev/null; }
waited() {	# waited N: N reports checked, within 60 s
	for _ in $(seq 600); do
		[ "$(checked)" = "$1" ] && return 0
		kill -0 "$dpid" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}
for _ in $(seq 100); do [ -d "$spool/incoming" ] && break; sleep 0.1; done
n=0
while IFS= read -r f; do
	n=$((n + 1))
	cp "$tmp/fx/$f" "$spool/.drop" && mv "$spool/.drop" "$spool/incoming/$f"
	waited "$n" || { echo "FAIL: nianbaod did not check $f"; cat "$tmp/daemon.err"; exit 1; }
done <"$tmp/fx/order"
kill -TERM "$dpid" && wait "$dpid"
dpid=
echo "the store was filled by nianbaod: $n reports"
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
