#!/bin/bash
# writer.sh -- a file still open for writing is not claimed by a scan
# (issue 9, defect 5).  At start-up there is no inotify history: a file
# whose writer paused long enough to look settled used to be checked
# half-written.  The daemon now takes a write lease first, which only
# succeeds when no other process holds the file open.
. "${srcdir:-.}/tests/daemon/lib.sh"

write_conf
start_sinks
mkdir -p "$SPOOL/incoming"
head -c 2000 "$DATA/sample-000.txt" > "$SPOOL/incoming/held.txt"
# The writer holds it open, and has not written for an hour.
sleep 600 >> "$SPOOL/incoming/held.txt" &
writer=$!
echo "$writer" >> "$T/extra.pids"
touch -d '1 hour ago' "$SPOOL/incoming/held.txt"
cp "$DATA/sample-001.txt" "$SPOOL/incoming/free.txt"
touch -d '1 hour ago' "$SPOOL/incoming/free.txt"
check "daemon starts" start_daemon
check "the file nobody holds is checked" wait_done 1 10
sleep 2.5
check "the file still open for writing stays in incoming/" \
    test -f "$SPOOL/incoming/held.txt"
check "... and is not checked" test "$(done_count)" -eq 1
# The writer finishes the file, then closes it.
tail -c +2001 "$DATA/sample-000.txt" >> "$SPOOL/incoming/held.txt"
kill "$writer"
wait "$writer" 2>/dev/null
check "once closed, it is checked" wait_done 2 10
stop_daemon TERM
check "it was checked whole" \
    cmp -s "$DATA/sample-000.txt" "$(ls "$SPOOL"/archive/*-held.txt)"
exactly_once 2 "writer"
