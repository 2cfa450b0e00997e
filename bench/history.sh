#!/bin/sh
# history.sh -- the history.copy benchmark (BENCHMARKS.md, "History
# store"): BENCH_HN reports of one year (10% near-copies of an earlier
# one) are checked into a fresh SQLite history store; every planted copy
# must be found; then BENCH_HP new reports are checked with and without
# the store, interleaved BENCH_REPS times, and the cost of the checks
# across reports (copy detection against the whole store, and the write)
# is given as a ratio to checking the reports alone (--dry-run: compared,
# not written), and with the durable write.  BENCH_KEEP=1 keeps the
# folder (and its store) and prints it.
#
#   NB_SRCDIR=... NB_BUILDDIR=... sh bench/history.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "${NB_SRCDIR:-$(dirname "$here")}" && pwd)
BUILD=$(cd "${NB_BUILDDIR:-.}" && pwd)
HN=${BENCH_HN:-10000}
HP=${BENCH_HP:-200}
REPS=${BENCH_REPS:-3}
W=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/nbhist.XXXXXX")
[ -n "${BENCH_KEEP:-}" ] || trap 'rm -rf "$W"' EXIT
NB="$BUILD/cli/nianbao"
OPTS="--rules $SRC/rules/national-2021.json --plugin-dir $BUILD/plugins/.libs"
sample=$SRC/tests/data/sample-000.txt

now() { date +%s.%N; }
[ -z "${BENCH_KEEP:-}" ] || echo "== work folder $W (kept)"

echo "== generating $HN stored reports and $HP probes"
python3 "$here/gen-history" "$sample" "$W/stored" "$HN" --prefix r
python3 "$here/gen-history" "$sample" "$W/probe" "$HP" --prefix p --seed 2

# Durable writes are not what is measured here: the fill skips fsync.
${CC:-cc} -shared -fPIC -O2 -o "$W/nofsync.so" "$here/nofsync.c"
echo "== filling the store (one process, fsync skipped)"
t0=$(now)
# shellcheck disable=SC2086
(cd "$W/stored" && ls r*.txt | LD_PRELOAD=$W/nofsync.so \
    xargs -n 1000 "$NB" check $OPTS --json --store "$W/h.db" \
    >"$W/fill.jsonl" || [ $? = 123 ])
t1=$(now)
python3 - "$W/fill.jsonl" "$W/stored/rcopies.tsv" "$HN" "$t0" "$t1" <<'PY'
import json, sys
out, man, n, t0, t1 = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
    float(sys.argv[4]), float(sys.argv[5])
copies = dict(l.rstrip("\n").split("\t") for l in open(man))
found = {}
false = 0
for line in open(out, encoding="utf-8"):
    r = json.loads(line)
    name = r["file"]
    hits = [f for f in r["findings"] if f["rule"] == "history.copy"]
    if name in copies:
        src = "第%s号机关" % copies[name][1:6]
        found[name] = any(src in f["message"] for f in hits)
    elif hits:
        false += 1
print("fill: %d reports in %.1f s (%.1f ms each)" % (n, t1 - t0,
      (t1 - t0) * 1000 / n))
print("planted copies found: %d of %d; copy findings on reports that are"
      " no copy: %d" % (sum(found.values()), len(copies), false))
PY

echo "== $HP probes, with and without the store of $HN, $REPS times"
: >"$W/times"
for rep in $(seq "$REPS"); do
	cp "$W/h.db" "$W/h-$rep.db"
	t0=$(now)
	# shellcheck disable=SC2086
	"$NB" check $OPTS --json "$W"/probe/p*.txt >/dev/null || true
	t1=$(now)
	# shellcheck disable=SC2086
	"$NB" check $OPTS --json --store "$W/h-$rep.db" --dry-run \
	    "$W"/probe/p*.txt >/dev/null || true
	t2=$(now)
	# shellcheck disable=SC2086
	"$NB" check $OPTS --json --store "$W/h-$rep.db" "$W"/probe/p*.txt \
	    >"$W/probe-$rep.jsonl" || true
	t3=$(now)
	echo "$t0 $t1 $t2 $t3" >>"$W/times"
	rm -f "$W/h-$rep.db" "$W/h-$rep.db-wal" "$W/h-$rep.db-shm"
done
python3 - "$W/times" "$HP" "$W/probe/pcopies.tsv" "$W/probe-1.jsonl" <<'PY'
import json, statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
n = int(sys.argv[2])
plain = statistics.median(b - a for a, b, c, d in rows)
dry = statistics.median(c - b for a, b, c, d in rows)
store = statistics.median(d - c for a, b, c, d in rows)
copies = dict(l.rstrip("\n").split("\t") for l in open(sys.argv[3]))
hit = sum(1 for l in open(sys.argv[4], encoding="utf-8")
          for r in [json.loads(l)] if r["file"].rsplit("/", 1)[1] in copies
          and any(f["rule"] == "history.copy" for f in r["findings"]))
print("a report: check alone %.1f ms; + checks across reports (--dry-run)"
      " %.1f ms; + the durable write %.1f ms" %
      (plain * 1000 / n, dry * 1000 / n, store * 1000 / n))
print("checks across reports (copy detection) cost %.2fx checking the report"
      " (target <= 2x); with the write %.2fx; probe copies found %d of %d" %
      ((dry - plain) / plain, (store - plain) / plain, hit, len(copies)))
PY
