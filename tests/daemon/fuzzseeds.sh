#!/bin/sh
# fuzzseeds.sh -- replays the corpora of nianbaod's fuzz targets (spool
# names, worker protocol) through their plain drivers: nothing may crash.
src=${NB_SRCDIR:-${srcdir:-.}}
rc=0
for t in names proto; do
	[ -x "tests/fuzz/fuzz-$t" ] || { echo "fuzz-$t not built"; exit 77; }
	set -- "$src"/tests/fuzz/corpus/$t/*
	if tests/fuzz/fuzz-$t "$@"; then
		echo "ok - fuzz-$t: $# inputs"
	else
		echo "not ok - fuzz-$t"
		rc=1
	fi
done
exit $rc
