#!/bin/sh
# tests/board/serve.sh -- `nianbao serve` over a store filled from the
# board's fixtures, from outside a browser (tests/board/serve.py):
# authentication, CSRF, limits.  On a fresh SQLite file, or on the store
# NB_BOARD_STORE names (tests/store/pg.sh: a PostgreSQL database).
set -u
src=${NB_SRCDIR:-.}
build=${NB_BUILDDIR:-.}
nb="$build/cli/nianbao"
opts="--rules $src/rules/national-2021.json --plugin-dir $build/plugins/.libs"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NB_SRCDIR=$src sh "$src/tests/board/fixtures.sh" "$tmp/fx" || exit 1
store=${NB_BOARD_STORE:-$tmp/b.db}
for f in edu.txt gov.txt; do
	# shellcheck disable=SC2086
	"$nb" check $opts --store "$store" "$tmp/fx/$f" >/dev/null
	[ $? -le 1 ] || exit 1
done
python3 "$src/tests/board/serve.py" "$nb" "$store"
