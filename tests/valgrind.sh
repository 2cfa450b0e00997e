#!/bin/sh
# tests/valgrind.sh BUILD_DIR -- the checker and the unit tests under
# valgrind: any invalid access or leak fails.
set -eu
build=$1
top=$(cd "$(dirname "$0")/.." && pwd)
vg="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --suppressions=$top/tests/ingest/valgrind.supp"
fail=0
pass=0

run() {
	# libtool wrappers: run the real binary through libtool --mode=execute.
	if "$build/libtool" --mode=execute $vg "$@" >/dev/null 2>"$build/vg.err"; then
		pass=$((pass + 1))
	else
		rc=$?
		# exit 1/3 are findings / unreadable input, not valgrind errors.
		if [ "$rc" = 99 ] || grep -q "==[0-9]*==" "$build/vg.err"; then
			echo "valgrind: $*"; cat "$build/vg.err"; fail=$((fail + 1))
		else
			pass=$((pass + 1))
		fi
	fi
}

for f in "$top"/tests/data/sample-*.txt "$top"/tests/data/formats/sample-004.docx \
    "$top"/tests/data/formats/sample-004.html "$top"/tests/data/formats/sample-004.pdf \
    "$top"/tests/data/formats/sample-003.gbk.txt; do
	run "$build/cli/nianbao" check --json --rules "$top/rules/national-2021.json" \
	    --plugin-dir "$build/plugins/.libs" "$f"
done
run "$build/cli/nianbao" check --rules "$top/rules/national-2021.json" \
    --plugin-dir "$build/plugins/.libs" /nonexistent "$top/tests/data/sample-000.txt"
for t in "$build"/tests/test-*; do
	case $t in *.o|*.log|*.trs|*.sh) continue ;; esac
	[ -x "$t" ] || continue
	NB_SRCDIR="$top" NB_BUILDDIR="$build" run "$t"
done
echo "valgrind: $pass passed, $fail failed"
[ "$fail" = 0 ]
