#!/bin/bash
# drain-instr.sh -- instructions per report (callgrind) of nianbaod's
# parent and of its worker against one `nianbao check --json` process,
# over the same text reports; repeatable to the instruction whatever the
# load (BENCHMARKS.md §8).  Marginal cost: (count for N2 - count for N1)
# / (N2 - N1), start-up and warm-up excluded on both sides.  One worker,
# seccomp off (valgrind does not implement it).
#
#   NB_BUILDDIR=build bench/drain-instr.sh [N1] [N2]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$here/.." && pwd)
B=$(cd "${NB_BUILDDIR:-.}" && pwd)
N1=${1:-10}
N2=${2:-60}
W=$(mktemp -d "${TMPDIR:-/tmp}/nb-di.XXXXXX")
DPID=
cleanup() {
	[ -n "$DPID" ] && kill -TERM "$DPID" 2>/dev/null
	[ -n "$DPID" ] && wait "$DPID" 2>/dev/null
	[ -n "${KEEP_CG:-}" ] && cp "$W"/cg.* "$KEEP_CG"/ 2>/dev/null; rm -rf "$W"
}
trap cleanup EXIT
RULES=$SRC/rules/national-2021.json
PLUG=$B/plugins/.libs
command -v valgrind >/dev/null || { echo "drain-instr.sh: no valgrind" >&2; exit 1; }
python3 "$here/gen-corpus" -n "$N2" -o "$W/gen" --samples "$SRC/tests/data" \
    --formats txt --seed 7 --prefix v >/dev/null

# total FILE: the instruction count callgrind wrote.
total() { awk '/^(summary|totals):/ { print $2; exit }' "$1"; }

cli() {		# cli N: instructions of one CLI process over N files
	ls "$W/gen/txt"/* | head -n "$1" >"$W/list"
	rm -f "$W/cli.out"
	xargs -a "$W/list" valgrind --tool=callgrind \
	    --callgrind-out-file="$W/cli.out" "$B/cli/nianbao" check --json \
	    --rules "$RULES" --plugin-dir "$PLUG" >/dev/null 2>&1 || :
	total "$W/cli.out"
}

daemon() {	# daemon N: "parent worker" instructions of a drain of N
	local sp=$W/spool n=$1 f
	rm -rf "$sp" "$W"/cg.* "$W/stage"
	mkdir -p "$sp"
	{
		echo "spool = \"$sp\"; workers = 1; time_limit = 300;"
		echo "rules = \"$RULES\"; plugin_dir = \"$PLUG\";"
		[ "$(id -u)" = 0 ] && echo 'user = "root";'
		echo "syslog = { socket = \"$W/none.sock\"; };"
		echo 'store = "off"; seccomp = false;'
	} >"$W/d.conf"
	valgrind --tool=callgrind --trace-children=yes \
	    --callgrind-out-file="$W/cg.%p" "$B/daemon/nianbaod" -f \
	    -c "$W/d.conf" >/dev/null 2>"$W/d.log" &
	DPID=$!
	for _ in $(seq 1200); do
		grep -q 开始监视 "$W/d.log" && break
		sleep 0.1
	done
	mkdir -p "$W/stage"
	ls "$W/gen/txt"/* | head -n "$n" | xargs cp -t "$W/stage"
	mv "$W/stage"/* "$sp/incoming/"
	while [ "$(find "$sp/archive" "$sp/failed" -type f ! -name '*.reason' |
	    wc -l)" -lt "$n" ]; do
		sleep 0.2
	done
	kill -TERM "$DPID"
	wait "$DPID" || :
	DPID=
	local p=0 w=0
	for f in "$W"/cg.*; do
		if grep -q '^cmd:.*--worker' "$f"; then
			w=$((w + $(total "$f")))
		elif grep -q '^cmd:.*nianbaod -f' "$f"; then
			p=$((p + $(total "$f")))
		fi
	done
	echo "$p $w"
}

c1=$(cli "$N1"); c2=$(cli "$N2")
read -r p1 w1 <<<"$(daemon "$N1")"
read -r p2 w2 <<<"$(daemon "$N2")"
d=$((N2 - N1))
awk -v c=$(( (c2 - c1) / d )) -v p=$(( (p2 - p1) / d )) \
    -v w=$(( (w2 - w1) / d )) 'BEGIN {
	printf "instructions per report: cli %.3f M, daemon parent %.3f M + worker %.3f M = %.3f M (%.2fx the cli; parent %.2fx)\n",
	    c / 1e6, p / 1e6, w / 1e6, (p + w) / 1e6, (p + w) / c, p / c }'
