#!/bin/sh
# regress.sh -- replays every fuzz target's seeds through its plain
# driver (no fuzzer needed): nothing may crash or trap.
set -u
src=${NB_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bld=${NB_BUILDDIR:-.}
# fontconfig's cache outlives the process (see lsan.supp)
LSAN_OPTIONS="suppressions=$src/tests/ingest/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
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
