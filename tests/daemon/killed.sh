#!/bin/bash
# killed.sh -- a worker killed from outside (the OOM killer, an admin) is
# not the report's fault: its report gets one more worker; killed again,
# it fails with a reason that says so.  (A worker the daemon kills itself,
# at the time limit, is not retried: plugins.sh.)
. "${srcdir:-.}/tests/daemon/lib.sh"

PLUGIN_DIR=$TESTPLUGINS WORKERS=1 TIME_LIMIT=60 write_conf \
    'plugins = { nbtest_hang = {}; };'
start_sinks
check "daemon starts" start_daemon
(echo "NBTEST-HANG"; cat "$DATA/sample-000.txt") > "$T/h.txt"
mv "$T/h.txt" "$SPOOL/incoming/hang.txt"
busy_worker() {	# the worker's PID once it is in the report
	local w
	w=$(cat /proc/"$DPID"/task/*/children 2>/dev/null | tr ' ' '\n' | grep . | head -n 1)
	[ -n "$w" ] && grep -q . "$SPOOL"/work/*-hang.txt 2>/dev/null && echo "$w"
}
sleep 1
w=$(busy_worker)
check "a worker is checking the report" test -n "$w"
kill -9 "$w"
check "killed from outside: the report is checked once more" \
    wait_for 10 grep -q "被外部终止（SIGKILL），报告 hang.txt.*重新检查一次" "$T/daemon.log"
sleep 1
w2=$(busy_worker)
check "by a new worker" test -n "$w2" -a "$w2" != "$w"
kill -9 "$w2"
check "killed again: the report fails" wait_done 1 10
r=$(ls "$SPOOL"/failed/*-hang.txt.reason 2>/dev/null)
sed 's/^/# reason: /' "$r"
check "the reason says it is not the report's fault" grep -q '不是报告本身的问题' "$r"
cp "$DATA/sample-001.txt" "$SPOOL/incoming/next.txt"
check "the next report is checked" wait_done 2 20
stop_daemon TERM
exactly_once 2 "killed workers"
