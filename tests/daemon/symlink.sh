#!/bin/bash
# symlink.sh -- a producer who can write only to incoming/ cannot make the
# daemon move a file from outside the spool (issue 9, defect 1).  The
# attack: move a watched origin folder away, replace it by a symlink to a
# folder elsewhere on the file system, then write a file of that folder's
# name through the old watch.  The daemon used to resolve
# "origin/name" through the link and archive the outside file.
. "${srcdir:-.}/tests/daemon/lib.sh"

write_conf
start_sinks
mkdir -p "$SPOOL/incoming/city" "$T/secret"
echo "not for the daemon" > "$T/secret/f.txt"
check "daemon starts" start_daemon
cp "$DATA/sample-000.txt" "$SPOOL/incoming/city/first.txt"
check "a report in the origin folder is checked" wait_done 1 10

# The watched folder leaves incoming/, a file is written through the old
# watch, a symlink takes the folder's place -- all before the daemon
# reads its events (stopped meanwhile, as a busy daemon would be late):
# it then resolves city/f.txt with the symlink already there.
kill -STOP "$DPID"
mv "$SPOOL/incoming/city" "$T/away"
cp "$DATA/sample-001.txt" "$T/away/f.txt"
ln -s "$T/secret" "$SPOOL/incoming/city"
kill -CONT "$DPID"
# The symlink itself is taken and refused; nothing else moves.
check "the symlink is refused (moved to failed/)" wait_done 2 10
sleep 1.5
check "the file outside the spool is still there" test -f "$T/secret/f.txt"
check "... unchanged" grep -q "not for the daemon" "$T/secret/f.txt"
check "nothing of it in archive/" \
    test -z "$(grep -rl "not for the daemon" "$SPOOL/archive" 2>/dev/null)"
check "the file written through the old watch stays where it was" \
    test -f "$T/away/f.txt"
check "the refused symlink has a reason" \
    test -n "$(cat "$SPOOL"/failed/*-city.reason 2>/dev/null)"

# The moved-away folder is no longer watched: a new file there is not
# taken either.
cp "$DATA/sample-002.txt" "$T/away/g.txt"
sleep 1.5
check "a folder that left incoming/ is no longer watched" test -f "$T/away/g.txt"

# Start-up: a symlinked origin found by the scan is refused too.
stop_daemon TERM
rm -f "$SPOOL/incoming/city"
ln -s "$T/secret" "$SPOOL/incoming/town"
check "daemon restarts" start_daemon
check "the symlinked origin is refused at start-up" wait_done 3 10
check "the outside file is still there after the scan" test -f "$T/secret/f.txt"
exactly_once 3 "symlinked origins"
