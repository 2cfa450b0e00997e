#!/bin/sh
# test-runall.sh -- tests/run-all.sh leaves a build configured in the
# source tree alone (README's quick start makes one): it builds a copy.
set -u
src=${NB_SRCDIR:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() {
	if [ "$1" = 0 ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL: $2"; fi
}

mkdir -p "$tmp/tree/tests" "$tmp/clean/tests"
cp "$src/tests/run-all.sh" "$tmp/tree/tests/"
cp "$src/tests/run-all.sh" "$tmp/clean/tests/"
# A tree configured in place, with a build in it.
echo 'configured in place' > "$tmp/tree/config.status"
echo 'built in place' > "$tmp/tree/Makefile"
out=$(sh "$tmp/tree/tests/run-all.sh" --print-source 2>&1)
ok "$([ "$out" = "$tmp/tree/_build-src" ] && echo 0)" \
	"configured in place: builds a copy ($out)"
ok "$(grep -q 'configured in place' "$tmp/tree/config.status" 2>/dev/null &&
	grep -q 'built in place' "$tmp/tree/Makefile" && echo 0)" \
	"the in-place build is left alone"
ok "$(grep -q 'make.*distclean' "$src/tests/run-all.sh" || echo 0)" \
	"run-all.sh never runs make distclean"
out=$(sh "$tmp/clean/tests/run-all.sh" --print-source 2>&1)
ok "$([ "$out" = "$tmp/clean" ] && echo 0)" "a clean tree is built from itself"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
