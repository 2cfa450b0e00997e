#!/bin/bash
# burst.sh -- 1,000 reports dropped at once are all checked, exactly once;
# SIGTERM in the middle of a burst loses nothing: reports in flight finish,
# the rest waits in work/ or incoming/ for the next start.
. "${srcdir:-.}/tests/daemon/lib.sh"

write_conf
start_sinks
check "daemon starts" start_daemon

burst 1000 "$SPOOL/incoming"
check "a burst of 1000 is checked completely" wait_done 1000 90
sleep 0.5
exactly_once 1000 "burst"
check "no report failed" test "$(count_inputs failed)" -eq 0

# SIGTERM while a producer is still dropping.
mkdir -p "$T/src"
( for i in $(seq 1 500); do
	cp "$DATA/sample-00$((i % 5)).txt" "$SPOOL/incoming/g$(printf %05d "$i").txt"
  done ) &
producer=$!
wait_done 1100 30
stop_daemon TERM
check "SIGTERM during a burst: clean exit" test "$DAEMON_STATUS" -eq 0
check "SIGTERM: work/ holds no half-finished report" \
    test -z "$(for f in $(find "$SPOOL/work" -type f); do b=$(basename "$f"); test -f "$SPOOL/out/${b:0:16}.json" && echo "$f"; done)"
wait "$producer"
check "daemon restarts" start_daemon
check "after restart every report is checked" wait_done 1500 60
sleep 0.5
exactly_once 1500 "after SIGTERM"
stop_daemon TERM
