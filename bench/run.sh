#!/bin/bash
# run.sh -- the nianbao benchmarks (`make bench`, or run from a build tree:
# `/path/to/src/bench/run.sh`).  Method and results: BENCHMARKS.md.
#
# Every figure is a ratio against a baseline measured in the same run,
# interleaved with it, repeated BENCH_REPS times.  Environment:
#
#   NB_SRCDIR    source tree (default: the parent of this script)
#   NB_BUILDDIR  build tree with cli/nianbao, daemon/nianbaod, plugins/.libs
#                (default: the current directory)
#   BENCH_N      files per corpus for throughput and drain      (10000)
#   BENCH_N_PDF  PDF files for throughput (PDF checks are slow)    (300)
#   BENCH_N_PIPE files drained through the inotifywait pipeline   (1000)
#   BENCH_REPS   repetitions of each throughput measurement          (3)
#   BENCH_LAT    single files for the latency run                  (200)
#   BENCH_BIG    reports through one daemon for the memory run; 0 = only
#                the 1k and BENCH_N points (e.g. BENCH_BIG=100000)  (0)
#   BENCH_ONLY   subset of: throughput daemon profile
#   BENCH_OUT    results folder            (NB_BUILDDIR/bench-results)
#   BENCH_TMP    where corpora and spools go        (TMPDIR or /tmp)
#
# The default run takes 10-15 minutes on two busy cores.
set -eu -o pipefail

here=$(cd "$(dirname "$0")" && pwd)
SRC=${NB_SRCDIR:-$(dirname "$here")}
BUILD=$(cd "${NB_BUILDDIR:-.}" && pwd)
N=${BENCH_N:-10000}
N_PDF=${BENCH_N_PDF:-300}
N_PIPE=${BENCH_N_PIPE:-1000}
REPS=${BENCH_REPS:-3}
LAT=${BENCH_LAT:-200}
BIG=${BENCH_BIG:-0}
ONLY=${BENCH_ONLY:-throughput daemon profile}
OUT=${BENCH_OUT:-$BUILD/bench-results}

NIANBAO=$BUILD/cli/nianbao
NIANBAOD=$BUILD/daemon/nianbaod
PLUGINS=$BUILD/plugins/.libs
RULES=$SRC/rules/national-2021.json
CHECK="$NIANBAO check --json --rules $RULES --plugin-dir $PLUGINS"
PY=${PYTHON:-python3}
NB="$PY $here/nbbench.py"
export NBBENCH_RAW=

die() { echo "bench: $*" >&2; exit 1; }
say() { printf '%s bench: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
want() { case " $ONLY " in *" $1 "*) return 0;; esac; return 1; }

[ -x "$NIANBAO" ] || die "no $NIANBAO (build first, or set NB_BUILDDIR)"
[ -f "$RULES" ] || die "no $RULES (set NB_SRCDIR)"
ls "$PLUGINS"/*.so >/dev/null 2>&1 || die "no plugins in $PLUGINS"

W=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/nianbao-bench.XXXXXX")
PIDS=
cleanup() {
	for p in $PIDS; do
		kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || :
	done
	for p in $PIDS; do
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$p" 2>/dev/null || break
			sleep 0.2
		done
		kill -KILL -- "-$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null || :
	done
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$OUT"
NBBENCH_RAW=$OUT
RES=$OUT/results.tsv
: >"$RES"
rec() { printf '%s\n' "$*" | tee -a "$RES" >&2; }

# --- the machine, for BENCHMARKS.md ----------------------------------------
{
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "commit: $(git -C "$SRC" rev-parse --short HEAD 2>/dev/null || echo ?)"
	echo "kernel: $(uname -srm)"
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') x $(nproc)"
	echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
	echo "cflags: $(sed -n 's/^CFLAGS = //p' "$BUILD/Makefile" 2>/dev/null)"
	echo "compiler: $(${CC:-cc} --version 2>/dev/null | sed -n 1p)"
	echo "filesystem: $(df -PT "$W" | awk 'NR == 2 {print $2 " on " $1}')"
	echo "poppler: $(pdftotext -v 2>&1 | sed -n 1p)"
	echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.txt"

# --- corpora ----------------------------------------------------------------
formats=txt
for f in gbk html docx pdf; do
	case $f in gbk) ext=gbk.txt;; *) ext=$f;; esac
	ls "$SRC"/tests/data/formats/*."$ext" >/dev/null 2>&1 &&
	    formats="$formats,$f"
done
if want throughput; then
	say "corpus: $N files per format ($formats; PDF: $N_PDF) in $W"
	$PY "$here/gen-corpus" -n "$N" -o "$W/corpus" \
	    --samples "$SRC/tests/data" --formats "${formats%,pdf}"
	case $formats in *pdf)
		$PY "$here/gen-corpus" -n "$N_PDF" -o "$W/corpus" \
		    --samples "$SRC/tests/data" --formats pdf ;;
	esac
elif want profile; then
	$PY "$here/gen-corpus" -n 100 -o "$W/corpus" --samples "$SRC/tests/data"
fi

# --- 1. batch throughput ----------------------------------------------------
throughput() {
	local fmt=$1 list=$W/list-$1 floor i
	find "$W/corpus/$fmt" -type f | sort >"$list"
	case $fmt in
	pdf)	floor="xargs -n 1000 sh -c 'for f; do pdftotext -layout \"\$f\" -; done' sh <$list >/dev/null"
		rec "meta	tp-$fmt	files=$(wc -l <"$list")	floor=pdftotext -layout" ;;
	*)	floor="xargs -n 1000 cat <$list >/dev/null"
		rec "meta	tp-$fmt	files=$(wc -l <"$list")	floor=cat" ;;
	esac
	# Warm the page cache, so that both sides read from memory.
	xargs -n 1000 cat <"$list" >/dev/null
	for i in $(seq "$REPS"); do
		$NB run "tp-$fmt-floor" 1 "$floor" | tee -a "$RES" >&2
		$NB run "tp-$fmt-check" 1 \
		    "xargs -n 1000 $CHECK <$list >$W/out-$fmt.jsonl" |
		    tee -a "$RES" >&2
	done
	[ "$(wc -l <"$W/out-$fmt.jsonl")" -eq "$(wc -l <"$list")" ] ||
	    die "$fmt: not one JSON line per file"
}

if want throughput; then
	say "throughput: batches of 1000, $REPS runs each, against the floor"
	for fmt in $(echo "$formats" | tr , ' '); do
		say "throughput: $fmt"
		throughput "$fmt"
	done
	# For contrast: one process per file (the start-up cost), both sides.
	head -n 300 "$W/list-txt" >"$W/list-perfile"
	rec "meta	tp-txt-perfile	files=$(wc -l <"$W/list-perfile")	floor=cat, one process per file"
	for i in $(seq "$REPS"); do
		$NB run "tp-txt-perfile-floor" 1 \
		    "xargs -n 1 cat <$W/list-perfile >/dev/null" | tee -a "$RES" >&2
		$NB run "tp-txt-perfile-check" 1 \
		    "xargs -n 1 $CHECK <$W/list-perfile >/dev/null" | tee -a "$RES" >&2
	done
	if [ -f "$W/list-pdf" ]; then
		head -n 100 "$W/list-pdf" >"$W/list-pdf-perfile"
		rec "meta	tp-pdf-perfile	files=$(wc -l <"$W/list-pdf-perfile")	floor=pdftotext -layout, one process per file"
		for i in $(seq "$REPS"); do
			$NB run "tp-pdf-perfile-floor" 1 \
			    "xargs -n 1 sh -c 'pdftotext -layout \"\$0\" -' <$W/list-pdf-perfile >/dev/null" |
			    tee -a "$RES" >&2
			$NB run "tp-pdf-perfile-check" 1 \
			    "xargs -n 1 $CHECK <$W/list-pdf-perfile >/dev/null" |
			    tee -a "$RES" >&2
		done
	fi
fi

# --- 2 and 3. daemon drain, latency, memory ---------------------------------
# Waits until pid's stderr log (file) shows it ready: a first file checked.
await_result() {
	local label=$1 spool=$2
	mkdir -p "$W/warm"
	cp "$SRC/tests/data/sample-000.txt" "$W/warm/warm-$label.txt"
	NBBENCH_RAW= $NB latency "warm-$label" "$W/warm" "$spool/incoming" \
	    "$spool/out" 1 0 60 >/dev/null ||
	    die "$label: no result for the first file"
}

start_daemon() {
	local spool=$1
	mkdir -p "$spool"
	cat >"$W/nianbaod.conf" <<-EOF
	spool = "$spool";
	workers = 2;
	rules = "$RULES";
	plugin_dir = "$PLUGINS";
	EOF
	setsid "$NIANBAOD" -f -c "$W/nianbaod.conf" --spool "$spool" \
	    2>"$W/nianbaod.log" &
	DPID=$!
	PIDS="$PIDS $DPID"
	for _ in $(seq 100); do
		[ -d "$spool/incoming" ] && break
		kill -0 "$DPID" 2>/dev/null || { cat "$W/nianbaod.log" >&2; die "nianbaod exited"; }
		sleep 0.1
	done
	await_result nianbaod "$spool"
}

start_pipeline() {
	local spool=$1
	setsid "$here/inotify-pipeline.sh" "$spool" $CHECK 2>"$W/pipeline.log" &
	PPID_=$!
	PIDS="$PIDS $PPID_"
	for _ in $(seq 100); do
		grep -q 'Watches established' "$W/pipeline.log" 2>/dev/null && break
		sleep 0.1
	done
	grep -q 'Watches established' "$W/pipeline.log" || die "pipeline did not start"
	await_result pipeline "$spool"
}

stop() {
	local pid=$1
	kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || :
	for _ in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	kill -KILL -- "-$pid" 2>/dev/null || :
	wait "$pid" 2>/dev/null || :
	PIDS=$(echo "$PIDS" | tr ' ' '\n' | grep -vx "$pid" | tr '\n' ' ')
}

# Moves n text reports (fresh names) into a staging folder on the spool's
# file system.
stage() {
	local dst=$1 n=$2 tag=$3
	rm -rf "$dst"
	$PY "$here/gen-corpus" -n "$n" -o "$dst.gen" --samples "$SRC/tests/data" \
	    --formats txt --seed "$(printf '%d' "'$tag")$n" --prefix "$tag" \
	    >/dev/null
	mv "$dst.gen/txt" "$dst"
	rm -rf "$dst.gen"
}

if want daemon && [ -x "$NIANBAOD" ]; then
	T_DRAIN=$((N / 5 + 120))
	say "daemon: drain of 1000, then of $N files; latency of $LAT files"
	start_daemon "$W/spool"
	stage "$W/stage" 1000 a
	$NB drain "nianbaod-1k" "$W/stage" "$W/spool/incoming" "$W/spool/out" \
	    "$T_DRAIN" "$DPID" | tee -a "$RES" >&2
	$NB rss "1k" "$DPID" | tee -a "$RES" >&2
	stage "$W/stage" "$N" b
	$NB drain "nianbaod-$N" "$W/stage" "$W/spool/incoming" "$W/spool/out" \
	    "$T_DRAIN" "$DPID" | tee -a "$RES" >&2
	$NB rss "$((N + 1000))" "$DPID" | tee -a "$RES" >&2
	stage "$W/stage" "$LAT" c
	$NB latency "nianbaod" "$W/stage" "$W/spool/incoming" "$W/spool/out" \
	    "$LAT" 0.1 30 | tee -a "$RES" >&2
	if [ "$BIG" -gt $((N + 1000)) ]; then
		# Feed checked reports again, in bursts of 1000 like the "1k"
		# point (so that the queue is as long), until BIG have gone
		# through; the workers and the daemon live on throughout.
		done_=$((N + 1000 + LAT))
		rm -rf "$W/stage" && mkdir "$W/stage"
		while [ "$done_" -lt "$BIG" ]; do
			find "$W/spool/out" -name '*.json' -delete
			$NB recycle "$W/spool/archive" "$W/stage" 1000 >/dev/null
			n=$(ls "$W/stage" | wc -l)
			[ "$n" -gt 0 ] || die "memory: nothing to feed again"
			$NB drain "nianbaod-wave" "$W/stage" "$W/spool/incoming" \
			    "$W/spool/out" "$T_DRAIN" "$DPID" >>"$OUT/waves.tsv"
			done_=$((done_ + n))
			case $done_ in *0000|*0200) say "memory: $done_ reports";; esac
		done
		$NB rss "$done_" "$DPID" | tee -a "$RES" >&2
	fi
	stop "$DPID"

	# Diagnostic: the same drain and latency runs with fsync(2) and
	# fdatasync(2) made no-ops
	# (bench/nofsync.c, LD_PRELOAD), to show what durable writes cost.
	if ${CC:-cc} -shared -fPIC -O2 -o "$W/nofsync.so" "$here/nofsync.c" \
	    2>/dev/null; then
		say "daemon: drain of $N files without fsync (diagnostic)"
		LD_PRELOAD=$W/nofsync.so start_daemon "$W/nspool"
		stage "$W/stage" "$N" f
		$NB drain "nofsync-$N" "$W/stage" "$W/nspool/incoming" \
		    "$W/nspool/out" "$T_DRAIN" "$DPID" | tee -a "$RES" >&2
		stage "$W/stage" "$LAT" g
		$NB latency "nofsync" "$W/stage" "$W/nspool/incoming" \
		    "$W/nspool/out" "$LAT" 0.1 30 | tee -a "$RES" >&2
		stop "$DPID"
	fi

	say "pipeline: drain of $N_PIPE files; latency of $LAT files"
	start_pipeline "$W/pspool"
	stage "$W/stage" "$N_PIPE" d
	$NB drain "pipeline-$N_PIPE" "$W/stage" "$W/pspool/incoming" \
	    "$W/pspool/out" $((N_PIPE / 2 + 120)) "$PPID_" | tee -a "$RES" >&2
	stage "$W/stage" "$LAT" e
	$NB latency "pipeline" "$W/stage" "$W/pspool/incoming" "$W/pspool/out" \
	    "$LAT" 0.1 30 | tee -a "$RES" >&2
	stop "$PPID_"
elif want daemon; then
	say "daemon: no $NIANBAOD, skipped"
fi

# --- 4. profile -------------------------------------------------------------
if want profile && command -v valgrind >/dev/null; then
	say "profile: callgrind, one text report and 100 text reports"
	head -n 100 "$W/list-txt" 2>/dev/null >"$W/list-prof" ||
	    find "$W/corpus/txt" -type f | sort | head -n 100 >"$W/list-prof"
	for what in one:1 batch:100; do
		name=${what%:*}
		files=$(head -n "${what#*:}" "$W/list-prof")
		# shellcheck disable=SC2086
		valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.$name" \
		    $CHECK $files >/dev/null 2>"$W/callgrind-$name.log" || :
		callgrind_annotate --threshold=100 "$OUT/callgrind.$name" \
		    >"$W/ann" 2>/dev/null || :
		head -n 50 "$W/ann" >"$OUT/profile-$name-self.txt"
		callgrind_annotate --inclusive=yes --threshold=100 \
		    "$OUT/callgrind.$name" >"$W/ann" 2>/dev/null || :
		head -n 50 "$W/ann" >"$OUT/profile-$name-inclusive.txt"
		rec "meta	profile-$name	$(grep -m1 'Collected' "$W/callgrind-$name.log" | sed 's/.*Collected : /Ir=/')"
	done
fi

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"
$NB summary "$RES" >"$OUT/summary.md"
say "done: $OUT/summary.md"
cat "$OUT/machine.txt" "$OUT/summary.md"
