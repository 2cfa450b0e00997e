#!/bin/bash
# store-drain.sh -- the cost of the history store in the daemon: the same
# N text reports (bench/gen-corpus) drained through nianbaod with
# store = "off" (the floor) and with a SQLite store, alternately, ROUNDS
# times; prints seconds and reports/s of each and the ratio.
#
#   NB_BUILDDIR=build bench/store-drain.sh [N] [ROUNDS]
#
# gen-corpus makes every report from one of five samples, the place names
# changed: every narrative is a copy of hundreds of others, the worst case
# of copy detection (history.copy on each), not a campaign's mix.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$here/.." && pwd)
B=$(cd "${NB_BUILDDIR:-.}" && pwd)
N=${1:-300}
ROUNDS=${2:-2}
W=$(mktemp -d "${TMPDIR:-/tmp}/nb-store-drain.XXXXXX")
trap 'rm -rf "$W"' EXIT
python3 "$here/gen-corpus" -n "$N" -o "$W/gen" --samples "$SRC/tests/data" \
    --formats txt --seed 11 --prefix s >/dev/null

drain() {	# drain MODE: prints the seconds
	local mode=$1 sp=$W/spool-$1 pid t0 t1
	rm -rf "$sp" "$sp.db"*
	mkdir -p "$sp"
	{
		echo "spool = \"$sp\"; workers = 2;"
		echo "rules = \"$SRC/rules/national-2021.json\";"
		echo "plugin_dir = \"$B/plugins/.libs\";"
		[ "$(id -u)" = 0 ] && echo 'user = "root";'
		echo "syslog = { socket = \"$W/none.sock\"; };"
		if [ "$mode" = store ]; then echo "store = \"$sp.db\";"
		else echo 'store = "off";'; fi
	} >"$W/$mode.conf"
	"$B/daemon/nianbaod" -f -c "$W/$mode.conf" >/dev/null 2>"$W/$mode.log" &
	pid=$!
	for _ in $(seq 200); do
		grep -q 开始监视 "$W/$mode.log" && break
		sleep 0.1
	done
	sleep 1
	rm -rf "$sp.stage"
	cp -r "$W/gen/txt" "$sp.stage"
	t0=$(date +%s.%N)
	mv "$sp.stage"/* "$sp/incoming/"
	while [ "$(find "$sp/archive" "$sp/failed" -type f ! -name '*.reason' |
	    wc -l)" -lt "$N" ]; do
		sleep 0.05
	done
	t1=$(date +%s.%N)
	kill -TERM "$pid"
	wait "$pid" || :
	echo "$t1 - $t0" | bc
}

echo "# $N reports, $ROUNDS rounds, load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$ROUNDS"); do
	off=$(drain off)
	on=$(drain store)
	printf 'round %d: off %.1f s (%.0f/s), store %.1f s (%.0f/s), ratio %.1fx\n' \
	    "$r" "$off" "$(echo "$N / $off" | bc -l)" "$on" \
	    "$(echo "$N / $on" | bc -l)" "$(echo "$on / $off" | bc -l)"
done
