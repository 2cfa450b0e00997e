#!/bin/bash
# syscalls.sh -- what the daemon's loop spends on a report, counted by
# strace on the parent (issue 14): no system call a line for a syslog
# socket that is not there (one try a second at most), no dup(2)/close(2)
# of the spool's folders for reports at the top level (leases are the
# only fcntl(2) of a report), and the workers' results read without libevent's
# ioctl(FIONREAD) before every read.  Counts, not times: the machine's
# load changes how long it takes, not what it does.
. "${srcdir:-.}/tests/daemon/lib.sh"

command -v strace >/dev/null || { echo "no strace"; exit 77; }
N=40

# No syslog sink: the configured socket does not exist.
write_conf
"$SINK" "$T/notify.sock" "$T/notify.txt" & SINK_PIDS="$SINK_PIDS $!"
wait_for 5 test -S "$T/notify.sock"
check "daemon starts" start_daemon
cp "$DATA/sample-000.txt" "$SPOOL/incoming/warm.txt"
check "a first report is checked" wait_done 1 30

strace -c -p "$DPID" -o "$T/strace.txt" 2>"$T/strace.err" &
SPID=$!
sleep 0.5
if ! kill -0 "$SPID" 2>/dev/null; then
	echo "# strace cannot attach: $(cat "$T/strace.err")"
	exit 77
fi
t0=$(date +%s)
mkdir -p "$T/stage"
for i in $(seq 1 $N); do
	cp "$DATA/sample-00$((i % 5)).txt" "$T/stage/s$i.txt"
done
mv "$T/stage"/* "$SPOOL/incoming/"
check "$N reports are checked" wait_done $((N + 1)) 60
secs=$(( $(date +%s) - t0 + 1 ))
kill -INT "$SPID"
wait "$SPID"
calls() {	# calls SYSCALL: how many the parent made
	awk -v s="$1" '$NF == s { n = $4 } END { print n + 0 }' "$T/strace.txt"
}
sendto=$(calls sendto)
fcntl=$(calls fcntl)
ioctl=$(calls ioctl)
echo "# $N reports in about $secs s: sendto $sendto, fcntl $fcntl, ioctl $ioctl"
check "no syslog socket: at most one sendto a second ($sendto in $secs s)" \
    test "$sendto" -le "$secs"
# The leases, no more: a renamed file begun while it settles (early.c)
# takes four (the first look's write lease and its release, the claim's
# read lease and its release), one claimed as before one.  A worker
# started during the run costs a few more (its pipes' flags).  Before
# the fix of libevent's flag calls: 280 for 40 claimed as before.
check "at most four fcntl a report, the leases ($fcntl for $N)" \
    test "$fcntl" -le $((4 * N + 10))
check "results read without ioctl(FIONREAD) ($ioctl)" test "$ioctl" -eq 0
exactly_once $((N + 1)) "under strace"
stop_daemon TERM
