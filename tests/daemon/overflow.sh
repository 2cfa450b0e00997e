#!/bin/bash
# overflow.sh -- an inotify queue overflow still ends with every file
# checked, exactly once.  Forced without touching the (global) sysctl: the
# daemon is stopped with SIGSTOP, dot-files it ignores fill its queue past
# fs.inotify.max_queued_events, then real reports arrive whose events are
# lost; only the rescan on IN_Q_OVERFLOW can find them.
. "${srcdir:-.}/tests/daemon/lib.sh"

max=$(cat /proc/sys/fs/inotify/max_queued_events 2>/dev/null || echo 16384)
# Each new file queues IN_CREATE and IN_CLOSE_WRITE.
FILL=$(( max / 2 + 100 ))
N=300
if [ "$FILL" -gt 100000 ]; then
	echo "max_queued_events is $max: too many files to force an overflow"
	exit 77
fi
write_conf
start_sinks
check "daemon starts" start_daemon
kill -STOP "$DPID"
mkdir -p "$T/fill"
for i in $(seq 1 "$FILL"); do
	: > "$SPOOL/incoming/.fill$i"
done
burst "$N" "$SPOOL/incoming"
kill -CONT "$DPID"
check "overflow is noticed" wait_for 20 grep -q "inotify 事件队列溢出" "$T/daemon.log"
check "all $N reports are checked" wait_done "$N" 60
sleep 0.5
check "the ignored dot-files stay" \
    test "$(find "$SPOOL/incoming" -name '.fill*' | wc -l)" -eq "$FILL"
find "$SPOOL/incoming" -name '.fill*' -delete
stop_daemon TERM
exactly_once "$N" "overflow"
