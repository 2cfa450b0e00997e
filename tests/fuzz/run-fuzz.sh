#!/bin/sh
# run-fuzz.sh -- bounded fuzzing of the ingest parsers and the rule-pack
# loader with libFuzzer, ASan and UBSan (clang 14, libclang-rt-14-dev).
#
# usage: tests/fuzz/run-fuzz.sh SECONDS [TARGET ...]
#   TARGET: text html docx pdf ingest pack names proto (default: all;
#   names and proto are nianbaod's spool names and worker protocol), each fuzzed
#   for SECONDS.  Work goes to $NB_FUZZ_DIR (default /tmp/nb-fuzz):
#   corpus-TARGET/ grows between runs (it starts from tests/fuzz/merged/;
#   merge it back with -merge=1 at the end of a session, see
#   doc/fuzzing.md), crash-TARGET-* are the findings
#   (copy them to tests/fuzz/corpus/TARGET/ once fixed, as regressions).
#   NB_FUZZ_LEAKS=0 turns LeakSanitizer off (e.g. to fuzz past a known
#   leak).
set -eu
secs=${1:?usage: run-fuzz.sh SECONDS [TARGET ...]}
shift
src=$(cd "$(dirname "$0")/../.." && pwd)
out=${NB_FUZZ_DIR:-/tmp/nb-fuzz}
cc=${CC_FUZZ:-clang-14}
cxx=${CXX_FUZZ:-clang++-14}	# the PDF reader's pdf_paths.cc, and the link
. "$src/tests/fuzz/seeds.sh"
LSAN_OPTIONS="suppressions=$src/tests/ingest/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
[ $# -gt 0 ] || set -- $NB_FUZZ_NAMES $NB_FUZZ_DAEMON
mkdir -p "$out/obj"

pkgs="libxml-2.0 libzip poppler-glib uchardet jansson"
cflags="-g -O1 -std=c11 -D_GNU_SOURCE -DPACKAGE_VERSION=\"fuzz\" -I$src/include -I$src/lib -I$src/lib/ingest -I$src/lib/pack -I$src/lib/check
	$(pkg-config --cflags $pkgs)"
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
libs="$(pkg-config --libs $pkgs poppler) -lunistring -ldl -lm"
cxxflags="-g -O1 -std=c++17 -I$src/lib/ingest $(pkg-config --cflags poppler-glib)
	$(pkg-config --cflags poppler | sed 's/-I/-isystem /g')"
# Every file of the readers and the pack loader (a list kept by hand
# went stale when a reader was split), but the OCR module's own files:
# it is a module on Tesseract, and the fuzzers run with OCR off.
lib="error module check/trust $(cd "$src/lib" && ls ingest/*.c pack/*.c |
	grep -v '^ingest/ocr_\(module\|image\|recog\|table\|text\)\.c$' |
	sed 's/\.c$//')"

objs=
for f in $lib; do
	o="$out/obj/$(echo "$f" | tr / _).o"
	$cc $cflags $san -fsanitize=fuzzer-no-link -c "$src/lib/$f.c" -o "$o"
	objs="$objs $o"
done
for f in $(cd "$src/lib" && ls ingest/*.cc); do
	o="$out/obj/$(echo "$f" | tr / _).o"
	$cxx $cxxflags $san -fsanitize=fuzzer-no-link -c "$src/lib/$f" -o "$o"
	objs="$objs $o"
done

# The daemon's targets: its own files, not the library's.
dcflags="-g -O1 -std=c11 -D_GNU_SOURCE -I$src/daemon $(pkg-config --cflags jansson libevent)"
dlibs="$(pkg-config --libs jansson libevent)"
dsrc_names="spool jsonl text"
dsrc_proto="proto text"

for t in "$@"; do
	case $t in
	names|proto)
		dobjs=
		eval "files=\$dsrc_$t"
		for f in $files; do
			$cc $dcflags $san -fsanitize=fuzzer-no-link -c \
			    "$src/daemon/$f.c" -o "$out/obj/d-$f.o"
			dobjs="$dobjs $out/obj/d-$f.o"
		done
		$cc $dcflags $san -fsanitize=fuzzer "$src/tests/fuzz/fuzz-$t.c" \
		    $dobjs $dlibs -o "$out/fuzz-$t"
		;;
	*)
		$cc $cflags $san -fsanitize=fuzzer-no-link -c \
		    "$src/tests/fuzz/fuzz-$t.c" -o "$out/obj/fuzz-$t.o"
		$cxx $san -fsanitize=fuzzer "$out/obj/fuzz-$t.o" \
		    $objs $libs -o "$out/fuzz-$t"
		;;
	esac
	mkdir -p "$out/corpus-$t"
	for f in $(seeds "$t"); do
		cp "$f" "$out/corpus-$t/seed-$(basename "$f")"
	done
	# The merged corpus of the earlier sessions (doc/fuzzing.md): kept
	# in tests/fuzz/merged/, not replayed by make check.
	if [ -d "$src/tests/fuzz/merged/$t" ]; then
		cp "$src/tests/fuzz/merged/$t"/* "$out/corpus-$t/" 2>/dev/null
	fi
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
