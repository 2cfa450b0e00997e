#!/bin/bash
# drain-vs-cli.sh -- nianbaod's drain against one `nianbao check --json`
# process over the same N text reports (bench/gen-corpus), in interleaved
# pairs, ROUNDS of them; prints each pair and the median of the ratios.
#
#   NB_BUILDDIR=build bench/drain-vs-cli.sh [N] [ROUNDS] [MODE]
#
# MODE: "fsync" (default: the daemon as shipped, every result durable
# before its input leaves work/), "nofsync" (bench/nofsync.c preloaded:
# what the flushes cost), "nothread" (bench/nothread.c preloaded: the
# group commit in the event loop, as before daemon/commit.c), "store" (a SQLite history store as well; the
# CLI side then runs with --store into its own store, fsync as shipped).
# The daemon is started and warmed before its clock starts (a service
# runs for months); the CLI's clock includes its one start-up (31 ms).
# The daemon's time runs from the first rename into incoming/ to the last
# input in archive/ or failed/, i.e. to the last durable commit.  CPU is
# user+system of the daemon's process group (parent, workers, stage) and
# of the CLI process.  TMPDIR holds the spools: on a file system without
# a journal (this VM's root) ext4 scans recently freed inodes on every
# create, so put it on a journaled one, as a Debian server's is (the
# runs in BENCHMARKS.md §8 use a loop-mounted `mkfs.ext4` image).  Judge
# the ≥1× goal on a quiet machine: under load the daemon's processes
# share one scheduling group's time, as the CLI's one process does.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$here/.." && pwd)
B=$(cd "${NB_BUILDDIR:-.}" && pwd)
N=${1:-2000}
ROUNDS=${2:-5}
MODE=${3:-fsync}
WORKERS=${NB_WORKERS:-0}
W=$(mktemp -d "${TMPDIR:-/tmp}/nb-dvc.XXXXXX")
DPID=
cleanup() {
	[ -n "$DPID" ] && kill -TERM -- "-$DPID" 2>/dev/null
	[ -n "$DPID" ] && wait "$DPID" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT
RULES=$SRC/rules/national-2021.json
PLUG=$B/plugins/.libs
CLK=$(getconf CLK_TCK)
python3 "$here/gen-corpus" -n "$N" -o "$W/gen" --samples "$SRC/tests/data" \
    --formats txt --seed 7 --prefix v >/dev/null
PRELOAD=
if [ "$MODE" = nofsync ]; then
	${CC:-cc} -shared -fPIC -O2 -o "$W/nofsync.so" "$here/nofsync.c"
	PRELOAD=$W/nofsync.so
elif [ "$MODE" = nothread ]; then
	${CC:-cc} -shared -fPIC -O2 -o "$W/nothread.so" "$here/nothread.c"
	PRELOAD=$W/nothread.so
fi

# CPU ticks of process group g.
ticks() {
	cat /proc/[0-9]*/stat 2>/dev/null | awk -v g="$1" '
	    { sub(/^.*\) /, ""); if ($3 == g) t += $12 + $13 } END { print t + 0 }'
}

now() { date +%s.%N; }

start_daemon() {	# spool
	local sp=$1
	mkdir -p "$sp"
	{
		echo "spool = \"$sp\"; workers = $WORKERS;"
		echo "rules = \"$RULES\"; plugin_dir = \"$PLUG\";"
		[ "$(id -u)" = 0 ] && echo 'user = "root";'
		echo "syslog = { socket = \"$W/none.sock\"; };"
		if [ "$MODE" = store ]; then echo "store = \"$sp.db\";"
		else echo 'store = "off";'; fi
	} >"$W/d.conf"
	# Its own process group (for the CPU count and the kill), not its
	# own session: with autogroup scheduling (on here) a session is one
	# scheduling group, so on a loaded machine a setsid daemon's three
	# processes would share what the CLI's one process gets alone.
	LD_PRELOAD=$PRELOAD python3 -c 'import os, sys
os.setpgid(0, 0)
os.execv(sys.argv[1], sys.argv[1:])' "$B/daemon/nianbaod" -f -c "$W/d.conf" \
	    >/dev/null 2>"$W/d.log" &
	DPID=$!
	for _ in $(seq 300); do
		grep -q 开始监视 "$W/d.log" && break
		sleep 0.1
	done
	cp "$SRC/tests/data/sample-000.txt" "$sp/incoming/warm.txt"
	while [ -z "$(ls "$sp/archive" "$sp/failed" 2>/dev/null |
	    grep -v '^/\|^$\|\.reason$')" ]; do
		sleep 0.05
	done
}

# Each round its own spool, all removed at the end: on a file system
# without a journal (this VM's ext4) ext4 skips every inode freed in the
# last 30 s when it allocates one (recently_deleted(), reading the inode
# table each time), so deleting the last round's 2,000 files just before
# made every out/ file the daemon created cost a scan: 60% of the
# parent's CPU, an artefact of the harness (see BENCHMARKS.md §8).
daemon_round() {	# ROUND; prints: seconds cpu_seconds
	local sp=$W/spool.$1 c0 c1 t0 t1
	rm -rf "$W/stage"
	start_daemon "$sp"
	cp -r "$W/gen/txt" "$W/stage"
	sync
	# The end is seen through inotify by one waiting process: polling
	# with find(1) every 20 ms cost 10% of the two CPUs at 1,000 files,
	# CPU the daemon's side lost and the CLI's side did not.
	coproc ARRIVALS { python3 "$here/nbbench.py" arrivals "$N" \
	    "$sp/archive" "$sp/failed"; }
	read -r _ <&"${ARRIVALS[0]}"
	c0=$(ticks "$DPID")
	t0=$(now)
	mv "$W/stage"/* "$sp/incoming/"
	read -r done_ <&"${ARRIVALS[0]}"
	t1=$(now)
	[ "$done_" = done ] || { echo "daemon round $1: no end seen" >&2; exit 1; }
	wait "$ARRIVALS_PID" 2>/dev/null || :
	c1=$(ticks "$DPID")
	kill -TERM "$DPID"
	wait "$DPID" || :
	DPID=
	echo "$t1 - $t0" | bc -l | tr '\n' ' '
	echo "($c1 - $c0) / $CLK" | bc -l
}

cli_round() {		# prints: seconds cpu_seconds
	local t0 t1 st=
	rm -rf "$W/cli.db"*
	[ "$MODE" = store ] && st="--store $W/cli.db"
	ls "$W/gen/txt"/* >"$W/list"
	t0=$(now)
	# shellcheck disable=SC2086
	/usr/bin/time -f '%U %S' -o "$W/cli.time" xargs -a "$W/list" \
	    -n 100000 "$B/cli/nianbao" check --json --rules "$RULES" \
	    --plugin-dir "$PLUG" $st >"$W/cli.jsonl" || :
	t1=$(now)
	[ "$(wc -l <"$W/cli.jsonl")" -eq "$N" ] || {
		echo "cli: not one line per file" >&2; exit 1; }
	echo "$t1 - $t0" | bc -l | tr '\n' ' '
	tail -n 1 "$W/cli.time" | awk '{ print $1 + $2 }'
}

echo "# $N reports, $ROUNDS pairs, mode $MODE, workers $WORKERS (0: CPUs)," \
    "load $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$W/ratios"
for r in $(seq "$ROUNDS"); do
	read -r cs cc <<<"$(cli_round)"
	read -r ds dc <<<"$(daemon_round "$r")"
	ratio=$(echo "$cs / $ds" | bc -l)
	echo "$ratio" >>"$W/ratios"
	printf 'pair %d: cli %.2f s (%.0f/s, cpu %.2f ms/report), daemon %.2f s (%.0f/s, cpu %.2f ms/report): daemon/cli rate %.2fx\n' \
	    "$r" "$cs" "$(echo "$N / $cs" | bc -l)" \
	    "$(echo "$cc * 1000 / $N" | bc -l)" "$ds" \
	    "$(echo "$N / $ds" | bc -l)" "$(echo "$dc * 1000 / $N" | bc -l)" \
	    "$ratio"
done
sort -g "$W/ratios" | awk '{ v[NR] = $1 } END {
	m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	printf "median daemon/cli rate: %.2fx (range %.2f-%.2f), load %s\n",
	    m, v[1], v[NR], "'"$(cut -d' ' -f1-3 /proc/loadavg)"'" }'
