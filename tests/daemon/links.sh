#!/bin/bash
# links.sh -- files made by link(2) (issue 9, defect 6).  A hard link
# raises only IN_CREATE and was never picked up while the daemon ran; at
# the next start a hard link to a file outside the spool was read.  Now a
# file is taken only with one link; a second name of another file is
# refused with a reason.  A file made with O_TMPFILE and linkat(2) (also
# IN_CREATE only) is checked.
. "${srcdir:-.}/tests/daemon/lib.sh"

write_conf
start_sinks
cp "$DATA/sample-000.txt" "$T/outside.txt"
mkdir -p "$SPOOL/incoming"
ln "$T/outside.txt" "$SPOOL/incoming/early-link.txt"
check "daemon starts" start_daemon
check "a hard link present at start-up is refused" wait_done 1 10
check "... into failed/" test -n "$(ls "$SPOOL"/failed/*-early-link.txt 2>/dev/null)"
check "... with a reason naming the links" \
    grep -q '硬链接' "$(ls "$SPOOL"/failed/*-early-link.txt.reason)"

ln "$T/outside.txt" "$SPOOL/incoming/live-link.txt"
check "a hard link made while running is refused, not left" wait_done 2 10
check "nothing is left in incoming/" test "$(count_inputs incoming)" -eq 0
check "the outside file is untouched" cmp -s "$DATA/sample-000.txt" "$T/outside.txt"

python3 - "$SPOOL/incoming" "$DATA/sample-001.txt" <<'PY'
import ctypes, os, sys, time
d, src = sys.argv[1:]
libc = ctypes.CDLL(None, use_errno=True)
AT_FDCWD, AT_SYMLINK_FOLLOW = -100, 0x400
fd = os.open(d, os.O_TMPFILE | os.O_WRONLY, 0o644)
os.write(fd, open(src, "rb").read())
if libc.linkat(AT_FDCWD, b"/proc/self/fd/%d" % fd, AT_FDCWD,
               os.fsencode(d + "/tmpfile.txt"), AT_SYMLINK_FOLLOW) != 0:
    sys.exit("linkat: " + os.strerror(ctypes.get_errno()))
time.sleep(0.5)
os.close(fd)
PY
check "an O_TMPFILE file linked in is checked" wait_done 3 10
check "... and archived" test -n "$(ls "$SPOOL"/archive/*-tmpfile.txt 2>/dev/null)"
stop_daemon TERM
check "the reports of the links say failed" \
    test "$(grep -c '"status":"failed"' "$SPOOL/out/findings.jsonl")" -eq 2
exactly_once 3 "links"
