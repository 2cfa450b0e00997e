#!/bin/sh
# test-gitignore.sh -- every file a build in the source tree makes
# (programs, test programs, pages and files filled in at build time) is
# ignored by git, so `git status` after the quick start shows nothing.
set -u
src=${NB_SRCDIR:-.}
build=${NB_BUILDDIR:-.}
# The top of a git checkout, not a tree unpacked inside one (distcheck's).
top=$(git -C "$src" rev-parse --show-toplevel 2>/dev/null) &&
    [ "$(cd "$top" && pwd -P)" = "$(cd "$src" && pwd -P)" ] ||
    { echo "not the top of a git checkout"; exit 77; }
files=$(printf 'nb-print-built:\n\t@echo $(bin_PROGRAMS) $(sbin_PROGRAMS) $(check_PROGRAMS) $(man_MANS) $(sysconf_DATA) $(systemdsystemunit_DATA) $(tmpfiles_DATA) $(pkgconfig_DATA) $(CLEANFILES)\n' |
    make -s --no-print-directory -C "$build" -f Makefile -f - nb-print-built |
    grep -v "^make")
pass=0
fail=0
for f in $files config.status config.log test-suite.log _build-src/x; do
	if git -C "$src" check-ignore -q --no-index "$f"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $f is made by the build but not in .gitignore"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
