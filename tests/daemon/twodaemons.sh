#!/bin/bash
# twodaemons.sh -- one daemon per spool (issue 9, defect 2): a second
# nianbaod on the same spool (an admin's -f while the service runs) used
# to take the first one's work/ for orphans and check those reports again
# (343 of 600 doubled).  Now it exits at once, naming the PID holding the
# spool, and every report is still recorded exactly once.
. "${srcdir:-.}/tests/daemon/lib.sh"

write_conf
start_sinks
check "first daemon starts" start_daemon
first=$DPID

N=300
mkdir -p "$T/stage"
burst $N "$T/stage"
find "$T/stage" -type f -exec mv -t "$SPOOL/incoming" {} +
wait_for 10 test "$(count_inputs work)" -gt 0
NOTIFY_SOCKET=$T/notify.sock timeout 20 "$NBD" -f -c "$CONF" >"$T/second.log" 2>&1
rc=$?
check "a second daemon on the same spool exits 1 (exit $rc)" test "$rc" -eq 1
check "it names the PID holding the spool ($first)" \
    grep -q "进程 $first" "$T/second.log"
check "the first daemon is still running" kill -0 "$first"
check "every report is checked" wait_done $N 120
sleep 0.5
exactly_once $N "two daemons"
stop_daemon TERM
check "after the first one stops, a new daemon may start" start_daemon
