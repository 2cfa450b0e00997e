#!/bin/sh
# real.sh -- each real file of ../shared/real gives what its
# expect.json requires (real.py); skipped where ../shared is absent.
src=${NB_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bld=${NB_BUILDDIR:-.}
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
exec python3 "$src/tests/layouts/real.py" "$src" "$bld"
