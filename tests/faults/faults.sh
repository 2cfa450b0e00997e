#!/bin/bash
# faults.sh -- fault injection on nianbaod: ROUNDS rounds (default 30),
# each dropping a batch of reports (cp and mv, top level and origin
# folders) and then doing one fault at a random moment:
#
#   kill    kill -9 of the daemon, then a restart
#   worker  kill -9 of the workers (the daemon retries their reports once)
#   full    the spool's tmpfs filled up for a while, then freed
#   queue   an inotify queue of 16 events (fs.inotify.max_queued_events,
#           read when the daemon restarts; the old value is put back at
#           once and on exit), then a burst that overflows it
#
# At the end every report dropped must be archived or failed exactly
# once, with one jsonl line, and nothing left in incoming/ or work/:
# "lost/doubled/stuck = 0/0/0".  The full and queue faults need root (a
# tmpfs mount, a sysctl); without it they are replaced by kills.
#
# usage (from the build folder): NB_SRCDIR=SRC bash SRC/tests/faults/faults.sh [ROUNDS]
. "${NB_SRCDIR:-${srcdir:-.}}/tests/daemon/lib.sh"

ROUNDS=${1:-${ROUNDS:-30}}
SEED=${SEED:-$$}
RANDOM=$SEED
echo "# $ROUNDS rounds, seed $SEED"

Q=/proc/sys/fs/inotify/max_queued_events
QSAVED=
MNT=
root=0
[ "$(id -u)" = 0 ] && root=1
restore() {
	[ -n "$QSAVED" ] && echo "$QSAVED" > "$Q"
	QSAVED=
}
cleanup() {
	restore
	stop_daemon KILL
	[ -n "$MNT" ] && umount "$MNT" 2>/dev/null
	MNT=
}
trap 'rc=$?; cleanup; finish; frc=$?; [ "$rc" -ne 0 ] && exit "$rc"; exit "$frc"' EXIT

if [ "$root" = 1 ] && mkdir -p "$T/mnt" &&
    mount -t tmpfs -o size=96m,nr_inodes=20000 tmpfs "$T/mnt" 2>/dev/null; then
	MNT=$T/mnt
	SPOOL=$MNT/spool
	mkdir -p "$SPOOL"
else
	echo "# not root or no tmpfs: the full and queue faults become kills"
fi
# The history store beside the spool: each checked report must be in it
# exactly once, whatever was killed when (the history stage among the
# workers).
WORKERS=2 TIME_LIMIT=20 write_conf 'min_free = 5;' \
    "store = \"$T/history.db\";"
start_sinks
check "daemon starts" start_daemon

declare -A want
n_dropped=0
# drop ROUND: 10 to 40 reports, each under a name of its own.
drop() {
	local r=$1 n=$((10 + RANDOM % 31)) i name dir
	mkdir -p "$T/stage"
	for i in $(seq 1 "$n"); do
		name=$(printf 'r%02d-%03d.txt' "$r" "$i")
		dir=$SPOOL/incoming
		case $((RANDOM % 3)) in
		0) dir=$SPOOL/incoming/city$((RANDOM % 3)); mkdir -p "$dir" ;;
		esac
		if [ $((RANDOM % 2)) = 0 ]; then
			cp "$DATA/sample-00$((RANDOM % 5)).txt" "$dir/$name" 2>/dev/null ||
			    continue
		else
			cp "$DATA/sample-00$((RANDOM % 5)).txt" "$T/stage/$name" &&
			    mv "$T/stage/$name" "$dir/$name" 2>/dev/null ||
			    { rm -f "$T/stage/$name"; continue; }
		fi
		want[$name]=1
		n_dropped=$((n_dropped + 1))
	done
}
pause() {	# pause: 0 to 1.5 s
	sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
	[ $((RANDOM % 3)) = 0 ] && sleep 0.5
	return 0
}
restart() {
	stop_daemon KILL
	start_daemon || { not_ok "restart"; return 1; }
}

faults=(kill worker full queue)
declare -A done_faults
for r in $(seq 1 "$ROUNDS"); do
	f=${faults[$((RANDOM % 4))]}
	if [ -z "$MNT" ] && { [ "$f" = full ] || [ "$f" = queue ]; }; then
		f=kill
	fi
	done_faults[$f]=$(( ${done_faults[$f]:-0} + 1 ))
	case $f in
	queue)
		QSAVED=$(cat "$Q")
		echo 16 > "$Q"
		restart
		restore
		# Stopped while the batch arrives: far more than 16 events
		# wait in its queue.
		kill -STOP "$DPID"
		drop "$r"
		kill -CONT "$DPID"
		;;
	full)
		# The batch arrives, then the disk is full before the daemon
		# looks: it must pause claiming, and the results of the
		# reports it has cannot be written for a while.
		drop "$r"
		kill -STOP "$DPID"
		dd if=/dev/zero of="$MNT/ballast" bs=1M 2>/dev/null
		kill -CONT "$DPID"
		sleep 1.5
		rm -f "$MNT/ballast"
		;;
	worker)
		drop "$r"
		sleep "0.$((1 + RANDOM % 3))"
		# Every worker, so that one at least is in a report.
		for w in $(cat /proc/"$DPID"/task/*/children 2>/dev/null); do
			kill -9 "$w" 2>/dev/null
		done
		;;
	kill)
		drop "$r"
		pause
		restart
		;;
	esac
done
echo "# faults: kill ${done_faults[kill]:-0}, worker ${done_faults[worker]:-0}," \
    "full ${done_faults[full]:-0}, queue ${done_faults[queue]:-0}"

# Drain: reports stuck on the full disk are retried every 10 s.
wait_for 90 test_done "$n_dropped"
sleep 1
stop_daemon TERM

# What the faults did, as the daemon saw them.
log=$T/daemon.log
echo "# daemon log: $(grep -c 'inotify 事件队列溢出' "$log") queue overflows," \
    "$(grep -c '暂停领取' "$log") pauses for space," \
    "$(grep -c '无法完成报告' "$log") unfinished-report messages," \
    "$(grep -c '被外部终止' "$log") workers killed from outside"

# The accounts.
lost=0
doubled=0
stuck=$(( $(count_inputs incoming) + $(count_inputs work) ))
declare -A seen
while IFS= read -r f; do
	b=${f##*/}
	b=${b#*-}
	seen[$b]=$(( ${seen[$b]:-0} + 1 ))
done < <(find "$SPOOL/archive" "$SPOOL/failed" -type f ! -name '*.reason')
for name in "${!want[@]}"; do
	c=${seen[$name]:-0}
	[ "$c" -eq 0 ] && lost=$((lost + 1)) && echo "# lost: $name"
	[ "$c" -gt 1 ] && doubled=$((doubled + 1)) && echo "# doubled: $name"
done
lines=$(wc -l < "$SPOOL/out/findings.jsonl")
ids=$(sed -n 's/^{"id":"\([0-9a-f]*\)".*/\1/p' "$SPOOL/out/findings.jsonl" |
    sort -u | wc -l)
[ "$lines" -ne "$ids" ] && doubled=$((doubled + lines - ids)) &&
    echo "# $((lines - ids)) doubled jsonl lines"
missing=$((n_dropped - ids))
[ "$missing" -gt 0 ] && echo "# $missing dropped reports without a jsonl line"
failed=$(count_inputs failed)
echo "# $n_dropped reports dropped, $lines jsonl lines, $failed failed"
echo "lost/doubled/stuck = $lost/$doubled/$stuck"
check "no report lost" test "$lost" -eq 0
check "no report doubled" test "$doubled" -eq 0
check "no report stuck" test "$stuck" -eq 0
check "one jsonl line per report ($lines for $n_dropped)" test "$lines" -eq "$n_dropped"
check "every jsonl line is valid JSON" jsonl_valid

# The store: the checked reports of findings.jsonl, each once under the
# spool's UUID and its id, and nothing else.
"$top_builddir/cli/nianbao" history --store "$T/history.db" --json \
    >"$T/stored" 2>&1
acct=$(python3 - "$SPOOL/out/findings.jsonl" "$T/stored" "$(cat "$SPOOL/uuid")" <<'PY'
import collections, json, sys
checked = set()
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    if r.get("status") == "checked":
        checked.add(r["id"])
rows = collections.Counter()
for l in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(l)
    if r["spool"] == sys.argv[3]:
        rows[r["id"]] += 1
print(len(checked - set(rows)), sum(c - 1 for c in rows.values()),
      len(set(rows) - checked), len(checked))
PY
)
read -r s_lost s_doubled s_extra s_checked <<<"$acct"
echo "# store: $s_checked checked reports; lost/doubled/extra = $s_lost/$s_doubled/$s_extra"
check "store: every checked report stored" test "${s_lost:-1}" -eq 0
check "store: none stored twice" test "${s_doubled:-1}" -eq 0
check "store: nothing stored that was not committed" test "${s_extra:-1}" -eq 0
