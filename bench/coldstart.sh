#!/bin/sh
# coldstart.sh -- a one-file text check as its own process against the
# read-and-decode floor program (bench/floor-text.c) as its own process
# on the same file (issue 14, BENCHMARKS.md section 0 "One file, cold").
#
#   NB_SRCDIR, NB_BUILDDIR   as for bench/run.sh
#   BENCH_ROUNDS             interleaved rounds (41); the order of the two
#                            alternates from round to round
#   BENCH_FILE               the report (tests/data/sample-001.txt)
#   BENCH_OUT                results folder (NB_BUILDDIR/bench-results)
#
# Two measures, both printed with the load average: instructions of the
# whole process, ld.so included (callgrind, repeatable to the
# instruction), and CPU time (user+sys of the child, from wait4) with its
# minor page faults, medians over the rounds.  The machine is shared: the
# CPU ratio moves with the load (process start-up is kernel time), the
# instruction counts do not.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
SRC=${NB_SRCDIR:-$(dirname "$here")}
BUILD=$(cd "${NB_BUILDDIR:-.}" && pwd)
ROUNDS=${BENCH_ROUNDS:-41}
FILE=${BENCH_FILE:-$SRC/tests/data/sample-001.txt}
OUT=${BENCH_OUT:-$BUILD/bench-results}
CC=${CC:-cc}
W=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-cold.XXXXXX")
trap 'rm -rf "$W"' EXIT
mkdir -p "$OUT"

$CC -O2 -o "$W/floor-text" "$here/floor-text.c" -lunistring
NB=$BUILD/cli/nianbao
[ -x "$BUILD/cli/.libs/nianbao" ] && [ -x "$BUILD/cli/.libs/lt-nianbao" ] &&
    NB=$BUILD/cli/.libs/lt-nianbao
CHECK="$NB check --json --rules $SRC/rules/national-2021.json --plugin-dir $BUILD/plugins/.libs"

ir() {	# instructions of one run of "$@"
	if command -v valgrind >/dev/null; then
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
		    2>&1 >/dev/null | sed -n 's/.*Collected : //p'
	else
		echo 0
	fi
}
# shellcheck disable=SC2086
ci=$(ir $CHECK "$FILE")
fi=$(ir "$W/floor-text" "$FILE")
libs=$(ldd "$NB" | grep -c '=>' || true)
flibs=$(ldd "$W/floor-text" | grep -c '=>' || true)

# shellcheck disable=SC2086
python3 - "$ROUNDS" "$OUT/coldstart.tsv" "$ci" "$fi" "$libs" "$flibs" \
    "$W/floor-text" "$FILE" -- $CHECK "$FILE" <<'PY'
import os, statistics, subprocess, sys
rounds, tsv, ci, fi, libs, flibs, floor, f = sys.argv[1:9]
check = sys.argv[10:]
rounds = int(rounds)

def run(cmd):
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit("coldstart.sh: %s failed" % cmd[0])
    return (ru.ru_utime + ru.ru_stime) * 1000, ru.ru_minflt

load0 = os.getloadavg()[0]
c, fl, cf, ff, ratios = [], [], [], [], []
run(check); run([floor, f])		# warm the page cache
for i in range(rounds):
    if i % 2:
        a = run(check); b = run([floor, f])
    else:
        b = run([floor, f]); a = run(check)
    c.append(a[0]); cf.append(a[1]); fl.append(b[0]); ff.append(b[1])
    if b[0] > 0:
        ratios.append(a[0] / b[0])
load1 = os.getloadavg()[0]
med = statistics.median
ci, fi = int(ci.replace(",", "")), int(fi.replace(",", ""))
rows = [
    ("load (1 min, before/after)", "%.1f / %.1f" % (load0, load1)),
    ("rounds", str(rounds)),
    ("shared libraries: nianbao / floor", "%s / %s" % (libs, flibs)),
    ("instructions: nianbao", "%d" % ci),
    ("instructions: floor", "%d" % fi),
    ("instructions: ratio", "%.1f" % (ci / fi if fi else 0)),
    ("CPU ms (median): nianbao", "%.2f" % med(c)),
    ("CPU ms (median): floor", "%.2f" % med(fl)),
    ("CPU: ratio of medians", "%.2f" % (med(c) / med(fl) if med(fl) else 0)),
    ("CPU: median of per-round ratios", "%.2f" % (med(ratios) if ratios else 0)),
    ("minor faults (median): nianbao / floor", "%d / %d" % (med(cf), med(ff))),
]
with open(tsv, "w") as out:
    for k, v in rows:
        out.write("%s\t%s\n" % (k, v))
        print("%-40s %s" % (k, v))
PY
