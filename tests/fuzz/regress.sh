#!/bin/sh
# regress.sh -- replays every fuzz target's seeds through its plain
# driver (no fuzzer needed): nothing may crash or trap.
set -u
src=${NB_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bld=${NB_BUILDDIR:-.}
. "$src/tests/fuzz/seeds.sh"
fail=0
for t in $NB_FUZZ_NAMES; do
	# shellcheck disable=SC2046
	if ! "$bld/tests/fuzz/fuzz-$t" $(seeds "$t"); then
		echo "FAIL: fuzz-$t"
		fail=1
	fi
done
exit $fail
