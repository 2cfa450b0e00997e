#!/bin/sh
# run-fuzz.sh -- bounded fuzzing of the ingest parsers and the rule-pack
# loader with libFuzzer, ASan and UBSan (clang 14, libclang-rt-14-dev).
#
# usage: tests/fuzz/run-fuzz.sh SECONDS [TARGET ...]
#   TARGET: text html docx pdf ingest pack (default: all), each fuzzed
#   for SECONDS.  Work goes to $NB_FUZZ_DIR (default /tmp/nb-fuzz):
#   corpus-TARGET/ grows between runs, crash-TARGET-* are the findings
#   (copy them to tests/fuzz/corpus/TARGET/ once fixed, as regressions).
#   NB_FUZZ_LEAKS=0 turns LeakSanitizer off (e.g. to fuzz past a known
#   leak).
set -eu
secs=${1:?usage: run-fuzz.sh SECONDS [TARGET ...]}
shift
src=$(cd "$(dirname "$0")/../.." && pwd)
out=${NB_FUZZ_DIR:-/tmp/nb-fuzz}
cc=${CC_FUZZ:-clang-14}
. "$src/tests/fuzz/seeds.sh"
LSAN_OPTIONS="suppressions=$src/tests/ingest/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
[ $# -gt 0 ] || set -- $NB_FUZZ_NAMES
mkdir -p "$out/obj"

pkgs="libxml-2.0 libzip poppler-glib uchardet jansson"
cflags="-g -O1 -std=c11 -D_GNU_SOURCE -I$src/include -I$src/lib -I$src/lib/ingest -I$src/lib/pack
	$(pkg-config --cflags $pkgs)"
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
libs="$(pkg-config --libs $pkgs) -lunistring -lm"
lib="error ingest/normalize ingest/doc ingest/ingest ingest/detect ingest/decode
	ingest/ingest_text ingest/ingest_html ingest/ingest_docx
	ingest/docx_numbering ingest/wml ingest/ingest_pdf ingest/pdf_grid
	pack/pack pack/pack_read pack/pack_relations"

objs=
for f in $lib; do
	o="$out/obj/$(echo "$f" | tr / _).o"
	$cc $cflags $san -fsanitize=fuzzer-no-link -c "$src/lib/$f.c" -o "$o"
	objs="$objs $o"
done

for t in "$@"; do
	$cc $cflags $san -fsanitize=fuzzer "$src/tests/fuzz/fuzz-$t.c" \
	    $objs $libs -o "$out/fuzz-$t"
	mkdir -p "$out/corpus-$t"
	for f in $(seeds "$t"); do
		cp "$f" "$out/corpus-$t/seed-$(basename "$f")"
	done
	# glib keeps its type system for the life of the process: not a
	# leak per input, so LeakSanitizer stays off for poppler.
	leaks=1
	case $t in pdf|ingest) leaks=0 ;; esac
	leaks=${NB_FUZZ_LEAKS:-$leaks}
	# poppler is slow on the big renderings: mutate small PDFs
	maxlen=262144
	case $t in pdf|ingest) maxlen=32768 ;; esac
	set +e
	"$out/fuzz-$t" -max_total_time="$secs" -timeout=20 \
	    -rss_limit_mb=2560 -max_len=$maxlen -detect_leaks=$leaks \
	    -print_final_stats=1 -artifact_prefix="$out/crash-$t-" \
	    "$out/corpus-$t" >"$out/log-$t" 2>&1
	rc=$?
	set -e
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$out/log-$t" | tail -1)
	crashes=$(ls "$out"/crash-"$t"-* 2>/dev/null | wc -l)
	echo "fuzz-$t: ${execs:-?} executions in ${secs}s, exit $rc," \
	    "$crashes finding(s), corpus $(ls "$out/corpus-$t" | wc -l)"
done
