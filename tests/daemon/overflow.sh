#!/bin/bash
# overflow.sh -- an inotify queue overflow (forced: the daemon is stopped
# with SIGSTOP while more files arrive than the queue holds) still ends
# with every file checked, exactly once.
. "${srcdir:-.}/tests/daemon/lib.sh"

max=$(cat /proc/sys/fs/inotify/max_queued_events 2>/dev/null || echo 16384)
# Each new file queues IN_CREATE and IN_CLOSE_WRITE.
N=$(( max / 2 + 300 ))
if [ "$N" -gt 40000 ]; then
	echo "max_queued_events is $max: too many files to force an overflow"
	exit 77
fi
write_conf
start_sinks
check "daemon starts" start_daemon
kill -STOP "$DPID"
for i in $(seq 1 "$N"); do
	echo "x$i" > "$SPOOL/incoming/o$i.txt"
done
kill -CONT "$DPID"
check "overflow is noticed" wait_for 20 grep -q "inotify 事件队列溢出" "$T/daemon.log"
check "all $N files are checked" wait_done "$N" 150
sleep 0.5
stop_daemon TERM
exactly_once "$N" "overflow"
