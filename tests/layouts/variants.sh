#!/bin/sh
# variants.sh -- runs the layout harness (harness.py) under make check.
# Every variant must pass but the known gaps the harness names
# (KNOWN_GAPS and KNOWN_GAP_CLASSES in harness.py, each with why; a
# variant of a gap class must still give no false error), at least 95% of the
# variants' tables must be read complete and right (182/190), and every
# glued and one-line mutant caught (950/950 each); about 20 s with the
# mutants.  NB_LAYOUTS=0 skips it.  NB_SHARED names ../shared if it is not
# beside the source tree; NB_LAYOUTS_MUTANTS=0 leaves out the mutants
# (1,900 checks) where they are too slow, e.g. under a sanitizer.
default=1
src=${NB_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bld=${NB_BUILDDIR:-.}
if [ "${NB_LAYOUTS:-$default}" != 1 ]; then
	echo "SKIP: NB_LAYOUTS=0: layout variants not run"
	exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
[ "${NB_LAYOUTS_MUTANTS:-1}" = 0 ] && set -- --no-mutants "$@"
exec python3 "$src/tests/layouts/harness.py" --src "$src" --build "$bld" "$@"
