#!/bin/sh
# instr.sh -- instruction counts (callgrind) of nianbao against floors
# that hold still, measured in the same run; repeatable to the
# instruction whatever the machine's load (BENCHMARKS.md, section 0).
#
#   NB_SRCDIR, NB_BUILDDIR   as for bench/run.sh
#   BENCH_N                  text/GB18030/HTML/DOCX reports per corpus (100)
#   BENCH_N_PDF              PDF reports (5: a PDF is ~0.3 G instructions)
#   BENCH_OUT                results folder (NB_BUILDDIR/bench-results)
#
# Floors (bench/floor-*.c, built here with the same compiler):
#   text, gbk  floor-text: open, read, decode every byte, split lines
#   html, docx floor-markup: libzip + libxml2 parse, every text node
#   pdf        floor-pdf: poppler-glib text extraction of every page
# Per report = (count for N files - count for 1 file) / (N - 1): the
# marginal cost once started.  One file = the whole process, start-up
# included, against the floor program run as its own process.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
SRC=${NB_SRCDIR:-$(dirname "$here")}
BUILD=$(cd "${NB_BUILDDIR:-.}" && pwd)
N=${BENCH_N:-100}
NPDF=${BENCH_N_PDF:-5}
OUT=${BENCH_OUT:-$BUILD/bench-results}
CC=${CC:-cc}
W=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-instr.XXXXXX")
trap 'rm -rf "$W"' EXIT
mkdir -p "$OUT"
command -v valgrind >/dev/null || { echo "instr.sh: no valgrind" >&2; exit 1; }

$CC -O2 -o "$W/floor-text" "$here/floor-text.c" -lunistring
# shellcheck disable=SC2046
$CC -O2 -o "$W/floor-markup" "$here/floor-markup.c" \
    $(pkg-config --cflags --libs libxml-2.0 libzip)
# shellcheck disable=SC2046
$CC -O2 -o "$W/floor-pdf" "$here/floor-pdf.c" \
    $(pkg-config --cflags --libs poppler-glib)

python3 "$here/gen-corpus" -n "$N" -o "$W/c" --samples "$SRC/tests/data" \
    --formats txt,gbk,html,docx >/dev/null
python3 "$here/gen-corpus" -n "$NPDF" -o "$W/c" --samples "$SRC/tests/data" \
    --formats pdf >/dev/null

CHECK="$BUILD/cli/nianbao check --json --rules $SRC/rules/national-2021.json --plugin-dir $BUILD/plugins/.libs"
ir() {	# instructions of one run of "$@"
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
	    2>&1 >/dev/null | sed -n 's/.*Collected : //p'
}
res=$OUT/instr.tsv
printf 'corpus\tfiles\tbytes\tcheck_1\tcheck_n\tfloor_1\tfloor_n\tcheck_per_report\tfloor_per_report\tratio\n' >"$res"
for fmt in txt gbk html docx pdf; do
	case $fmt in
	txt|gbk) floor=$W/floor-text ;;
	html|docx) floor=$W/floor-markup ;;
	pdf) floor=$W/floor-pdf ;;
	esac
	files=$(find "$W/c/$fmt" -type f | sort)
	n=$(echo "$files" | wc -l)
	one=$(echo "$files" | head -n 1)
	# shellcheck disable=SC2086
	bytes=$(cat $files | wc -c)
	c1=$(ir $CHECK "$one")
	# shellcheck disable=SC2086
	cn=$(ir $CHECK $files)
	f1=$(ir "$floor" "$one")
	# shellcheck disable=SC2086
	fn=$(ir "$floor" $files)
	python3 - "$fmt" "$n" "$bytes" "$c1" "$cn" "$f1" "$fn" >>"$res" <<'PY'
import sys
fmt, n, b, c1, cn, f1, fn = sys.argv[1:]
n = int(n)
c1, cn, f1, fn = (int(x.replace(",", "")) for x in (c1, cn, f1, fn))
cp, fp = (cn - c1) / (n - 1), (fn - f1) / (n - 1)
print("%s\t%d\t%s\t%d\t%d\t%d\t%d\t%.0f\t%.0f\t%.2f"
      % (fmt, n, b, c1, cn, f1, fn, cp, fp, cp / fp))
PY
done
column -t -s "$(printf '\t')" "$res"
