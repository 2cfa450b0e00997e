#!/bin/sh
# tests/board/serve.sh -- `nianbao serve` over a store filled from the
# board's fixtures, from outside a browser (tests/board/serve.py):
# authentication, CSRF, limits.
set -u
src=${NB_SRCDIR:-.}
build=${NB_BUILDDIR:-.}
nb="$build/cli/nianbao"
opts="--rules $src/rules/national-2021.json --plugin-dir $build/plugins/.libs"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NB_SRCDIR=$src sh "$src/tests/board/fixtures.sh" "$tmp/fx" || exit 1
for f in edu.txt gov.txt; do
	# shellcheck disable=SC2086
	"$nb" check $opts --store "$tmp/b.db" "$tmp/fx/$f" >/dev/null
	[ $? -le 1 ] || exit 1
done
python3 "$src/tests/board/serve.py" "$nb" "$tmp/b.db"
