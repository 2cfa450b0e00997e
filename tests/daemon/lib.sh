# lib.sh -- helpers for the nianbaod end-to-end tests; sourced by each test.
#
# Each test gets its own temporary spool, a syslog socket and a notify socket
# (both captured by dgram-sink), runs the real daemon with real inotify, and
# ends with "N passed, N failed".  Everything waits with a timeout.

set -u

top_srcdir=$(cd "${NB_SRCDIR:-${srcdir:-.}}" && pwd)
top_builddir=$(pwd)
NBD=$top_builddir/daemon/nianbaod
SINK=$top_builddir/tests/daemon/dgram-sink
RULES=$top_srcdir/rules/national-2021.json
PLUGINS=$top_builddir/plugins/.libs
TESTPLUGINS=$top_builddir/tests/daemon/.libs
DATA=$top_srcdir/tests/data

PASS=0
FAIL=0
T=$(mktemp -d "${TMPDIR:-/tmp}/nbd-test.XXXXXX")
SPOOL=$T/spool
CONF=$T/nianbaod.conf
DPID=
SINK_PIDS=

ok() {
	PASS=$((PASS + 1))
	echo "ok - $*"
}

not_ok() {
	FAIL=$((FAIL + 1))
	echo "not ok - $*"
}

# check DESCRIPTION COMMAND...
check() {
	local d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}

finish() {
	stop_daemon KILL
	[ -f "$T/extra.pids" ] && SINK_PIDS="$SINK_PIDS $(cat "$T/extra.pids")"
	for p in $SINK_PIDS; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	SINK_PIDS=
	if [ "$FAIL" -eq 0 ] && [ -z "${KEEP:-}" ]; then
		rm -rf "$T"
	else
		echo "# kept $T"
		echo "# --- daemon log"; tail -n 30 "$T/daemon.log" 2>/dev/null | sed 's/^/# /'
	fi
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
}
# A skip (77) or an error exit stays what it is; otherwise the counts.
trap 'rc=$?; finish; frc=$?; [ "$rc" -ne 0 ] && exit "$rc"; exit "$frc"' EXIT
trap 'not_ok "interrupted"; exit 1' INT TERM

# write_conf [extra settings...]: a config for this test's spool.
write_conf() {
	{
		echo "spool = \"$SPOOL\";"
		echo "workers = ${WORKERS:-2};"
		echo "time_limit = ${TIME_LIMIT:-20};"
		echo "rules = \"$RULES\";"
		echo "plugin_dir = \"${PLUGIN_DIR:-$PLUGINS}\";"
		if [ -n "${SYSLOG3:-}" ]; then
			# The real syslog(3) path, to whatever /dev/log is.
			echo "syslog = { facility = \"local3\"; threshold = \"${THRESHOLD:-warning}\"; };"
		else
			echo "syslog = { facility = \"local3\"; threshold = \"${THRESHOLD:-warning}\"; socket = \"$T/syslog.sock\"; };"
		fi
		# As root the daemon runs its workers as "user" (privsep.sh
		# tests that); the other tests keep them root, since the
		# source and build trees may not be readable by another user.
		[ "$(id -u)" = 0 ] && echo "user = \"${NBD_USER:-root}\";"
		for l in "$@"; do echo "$l"; done
	} > "$CONF"
}

start_sinks() {
	"$SINK" "$T/syslog.sock" "$T/syslog.txt" & SINK_PIDS="$SINK_PIDS $!"
	"$SINK" "$T/notify.sock" "$T/notify.txt" & SINK_PIDS="$SINK_PIDS $!"
	wait_for 5 test -S "$T/syslog.sock" -a -S "$T/notify.sock"
}

# wait_for SECONDS COMMAND...: polls COMMAND every 0.1 s.
wait_for() {
	local limit=$(( $1 * 10 )) i=0
	shift
	while ! "$@"; do
		i=$((i + 1))
		[ "$i" -ge "$limit" ] && return 1
		sleep 0.1
	done
	return 0
}

# start_daemon: runs it in the foreground and waits for READY=1.
start_daemon() {
	local before
	before=$(grep -c 'READY=1' "$T/notify.txt" 2>/dev/null)
	NOTIFY_SOCKET=$T/notify.sock ${NBD_WRAP:-} "$NBD" -f -c "$CONF" \
	    >>"$T/daemon.log" 2>&1 &
	DPID=$!
	wait_for "${READY_TIMEOUT:-20}" ready_after "${before:-0}"
}

ready_after() {
	[ "$(grep -c 'READY=1' "$T/notify.txt" 2>/dev/null)" -gt "$1" ]
}

# stop_daemon [SIGNAL]: TERM by default; waits for the exit.
stop_daemon() {
	local sig=${1:-TERM} i=0
	[ -n "$DPID" ] || return 0
	kill -"$sig" "$DPID" 2>/dev/null
	while kill -0 "$DPID" 2>/dev/null; do
		i=$((i + 1))
		if [ "$i" -ge 300 ]; then
			kill -KILL "$DPID" 2>/dev/null
			echo "# daemon did not stop on SIG$sig"
		fi
		sleep 0.1
	done
	wait "$DPID" 2>/dev/null
	DAEMON_STATUS=$?
	DPID=
	return 0
}

# Regular files (not .reason) under a spool folder.
count_inputs() {
	# One dot per file: names may hold newlines.  A reason being written
	# is a hidden .NAME.reason.tmp for a moment: not an input.
	find "$SPOOL/$1" ! -type d ! -name '*.reason' ! -name '.*' -printf . \
	    2>/dev/null | wc -c
}

count_results() {
	find "$SPOOL/out" -maxdepth 1 -name '*.json' -type f -printf . 2>/dev/null |
	    wc -c
}

done_count() {
	echo $(( $(count_inputs archive) + $(count_inputs failed) ))
}

# wait_done N SECONDS: until N inputs are archived or failed.
wait_done() {
	wait_for "$2" test_done "$1"
}

test_done() {
	[ "$(done_count)" -ge "$1" ]
}

# exactly_once N LABEL: every one of N dropped files has one result, one
# jsonl line and one final copy; nothing is left in incoming/ or work/.
exactly_once() {
	local n=$1 label=$2 lines ids
	lines=$(wc -l < "$SPOOL/out/findings.jsonl" 2>/dev/null || echo 0)
	ids=$(sed -n 's/^{"id":"\([0-9a-f]*\)".*/\1/p' \
	    "$SPOOL/out/findings.jsonl" 2>/dev/null | sort -u | wc -l)
	check "$label: $n results in out/ ($(count_results))" \
	    test "$(count_results)" -eq "$n"
	check "$label: $n lines in findings.jsonl ($lines)" test "$lines" -eq "$n"
	check "$label: $n distinct ids in findings.jsonl ($ids)" \
	    test "$ids" -eq "$n"
	check "$label: $n inputs archived or failed ($(done_count))" \
	    test "$(done_count)" -eq "$n"
	check "$label: work/ is empty" test "$(count_inputs work)" -eq 0
	check "$label: incoming/ is empty" test "$(count_inputs incoming)" -eq 0
	check "$label: every jsonl line is valid JSON" jsonl_valid
}

# json_lines FILE: how many lines of FILE parse as JSON objects (python3,
# else jq, else the shape of the line).
json_lines() {
	if command -v python3 >/dev/null; then
		python3 -c 'import json, sys
n = 0
for l in open(sys.argv[1], encoding="utf-8"):
    try:
        n += isinstance(json.loads(l), dict)
    except ValueError:
        pass
print(n)' "$1"
	elif command -v jq >/dev/null; then
		jq -c .id "$1" 2>/dev/null | wc -l
	else
		grep -c '^{.*}$' "$1"
	fi
}

# json_compact FILE: the object in FILE on one line, keys in order, as the
# daemon writes findings.jsonl.
json_compact() {
	if command -v python3 >/dev/null; then
		python3 -c 'import json, sys
print(json.dumps(json.load(open(sys.argv[1], encoding="utf-8")),
    ensure_ascii=False, separators=(",", ":")))' "$1"
	else
		jq -c . "$1"
	fi
}

# Each line is one JSON object starting with its id.
jsonl_valid() {
	local f=$SPOOL/out/findings.jsonl
	grep -qv '^{"id":"[0-9a-f]\{16\}".*}$' "$f" && return 1
	[ "$(json_lines "$f")" -eq "$(wc -l < "$f")" ]
}

# burst N DIR: writes N reports named fNNNNN.txt into DIR by cp.
burst() {
	local n=$1 dir=$2 i
	for i in $(seq 1 "$n"); do
		cp "$DATA/sample-00$((i % 5)).txt" "$dir/f$(printf %05d "$i").txt"
	done
}

[ -x "$NBD" ] || { echo "nianbaod not built"; exit 77; }
[ -x "$SINK" ] || { echo "dgram-sink not built"; exit 77; }
mkdir -p "$SPOOL"

not() { ! "$@"; }
