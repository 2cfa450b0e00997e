#!/bin/sh
# reader-cost.sh -- what the text reader of issue 8 costs against the
# reader before it (BENCHMARKS.md, "Reader cost"): callgrind instruction
# counts per text report, old tree and new tree, on the same corpus.
#
#   NB_SRCDIR, NB_BUILDDIR   the new tree (as for bench/run.sh)
#   NB_OLD_BUILDDIR          a built tree of the old reader (run with its
#                            own rules/ and plugins); when unset, OLD is
#                            checked out (git worktree) and built here
#   OLD                      the old reader's commit (94b8108: the last
#                            commit before issue 8's reading work began)
#   BENCH_OUT                results folder (NB_BUILDDIR/bench-results)
#
# Corpus: the five samples as given and each rendered in every layout
# class of tests/layouts/render.py (clean, one-line, CR-only, glued,
# glued-lines, markdown, OCR, pdftotext -layout): 45 text reports, made
# by the new tree's renderer, the same files for both trees.
# Per report = (count for REF + the class's files - count for REF) / files,
# REF being one sample: start-up and the rule pack's loading fall out.
# Two counts: the whole `nianbao check --json`, and the reader alone
# (callgrind --toggle-collect on nb_ingest and nb_report_build: bytes to
# document to report model, the part issue 8 rewrote).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
SRC=${NB_SRCDIR:-$(dirname "$here")}
BUILD=$(cd "${NB_BUILDDIR:-.}" && pwd)
OLD=${OLD:-94b8108}
OUT=${BENCH_OUT:-$BUILD/bench-results}
W=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-reader.XXXXXX")
cleanup() {
	if [ -z "${NB_OLD_BUILDDIR:-}" ] && [ -d "$W/old" ]; then
		git -C "$SRC" worktree remove --force "$W/old" || true
	fi
	rm -rf "$W"
}
trap cleanup EXIT
mkdir -p "$OUT"
command -v valgrind >/dev/null || { echo "reader-cost.sh: no valgrind" >&2; exit 1; }

if [ -n "${NB_OLD_BUILDDIR:-}" ]; then
	OB=$(cd "$NB_OLD_BUILDDIR" && pwd)
else
	OB=$W/old
	git -C "$SRC" worktree add -q --detach "$OB" "$OLD"
	(cd "$OB" && autoreconf -fi >/dev/null 2>&1 &&
	    ./configure -q CFLAGS="${CFLAGS:--O2 -g}" >/dev/null &&
	    make -j2 >/dev/null) || { echo "reader-cost.sh: old tree $OLD did not build" >&2; exit 1; }
fi

python3 - "$SRC" "$W/c" <<'PY'
import json, os, shutil, sys
src, out = sys.argv[1:]
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(src, 'tests', 'layouts'))
import render, source  # noqa: E402
pack = json.load(open(os.path.join(src, 'rules', 'national-2021.json'),
                      encoding='utf-8'))
classes = ['clean', 'oneline', 'cr', 'glued', 'glued-lines', 'markdown',
           'ocr', 'layout']
os.makedirs(os.path.join(out, 'given'))
for i in range(5):
    p = os.path.join(src, 'tests', 'data', 'sample-00%d.txt' % i)
    shutil.copy(p, os.path.join(out, 'given'))
    d = source.load_sample(p, pack)
    for c in classes:
        os.makedirs(os.path.join(out, c), exist_ok=True)
        text, _ = render.CLASSES[c](d)
        with open(os.path.join(out, c, 'sample-00%d.txt' % i), 'w',
                  encoding='utf-8', newline='') as fp:
            fp.write(text)
PY
REF=$W/ref.txt
cp "$SRC/tests/data/sample-000.txt" "$REF"

ir() {	# instructions of one run of "$@"
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
	    2>&1 >/dev/null | sed -n 's/.*Collected : //p' | tr -d ,
}
ir_reader() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null \
	    --toggle-collect=nb_ingest --toggle-collect=nb_report_build "$@" \
	    2>&1 >/dev/null | sed -n 's/.*Collected : //p' | tr -d ,
}
check() {	# the check command of tree $1 (source = build here)
	echo "$1/cli/nianbao check --json --rules $2/rules/national-2021.json --plugin-dir $1/plugins/.libs"
}
OSRC=$OB
[ -f "$OB/rules/national-2021.json" ] || OSRC=$(git -C "$OB" rev-parse --show-toplevel)
OLDC=$(check "$OB" "$OSRC")
NEWC=$(check "$BUILD" "$SRC")

raw=$W/raw.tsv
: >"$raw"
# shellcheck disable=SC2086
for tree in old new; do
	if [ $tree = old ]; then C=$OLDC; else C=$NEWC; fi
	r0=$(ir $C "$REF")
	q0=$(ir_reader $C "$REF")
	for cls in given clean oneline cr glued glued-lines markdown ocr layout; do
		files=$(find "$W/c/$cls" -type f | sort)
		n=$(echo "$files" | wc -l)
		r=$(ir $C "$REF" $files)
		q=$(ir_reader $C "$REF" $files)
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tree" "$cls" "$n" \
		    "$r0" "$r" "$q0" "$q" >>"$raw"
	done
done

res=$OUT/reader-cost.tsv
python3 - "$raw" "$res" <<'PY'
import sys
raw, res = sys.argv[1:]
per = {}
for line in open(raw):
    tree, cls, n, r0, r, q0, q = line.split('\t')
    n = int(n)
    per[(tree, cls)] = (n, (int(r) - int(r0)) / n, (int(q) - int(q0)) / n)
classes = [c for (t, c) in per if t == 'old']
with open(res, 'w') as fp:
    fp.write('class\tfiles\tcheck_old\tcheck_new\tcheck_ratio\t'
             'reader_old\treader_new\treader_ratio\n')
    tot = [0, 0.0, 0.0, 0.0, 0.0]
    for c in classes:
        n, co, ro = per[('old', c)]
        _, cn, rn = per[('new', c)]
        fp.write('%s\t%d\t%.0f\t%.0f\t%.2f\t%.0f\t%.0f\t%.2f\n'
                 % (c, n, co, cn, cn / co, ro, rn, rn / ro))
        tot = [tot[0] + n, tot[1] + n * co, tot[2] + n * cn,
               tot[3] + n * ro, tot[4] + n * rn]
    n = tot[0]
    fp.write('all\t%d\t%.0f\t%.0f\t%.2f\t%.0f\t%.0f\t%.2f\n'
             % (n, tot[1] / n, tot[2] / n, tot[2] / tot[1], tot[3] / n,
                tot[4] / n, tot[4] / tot[3]))
PY
column -t -s "$(printf '\t')" "$res"
