#!/bin/bash
# space.sh -- min_free: below it no report is claimed, and claiming
# resumes by itself once there is room (the spool on a small tmpfs,
# filled and then emptied; root only, for the mount).  A burst's claims
# look at the free space once in 100 ms, not once a name: a burst of 40
# dropped while the space is short stays in incoming/ all the same.
. "${srcdir:-.}/tests/daemon/lib.sh"

[ "$(id -u)" = 0 ] || { echo "# not root: no tmpfs to fill"; exit 77; }
mkdir -p "$T/fs"
mount -t tmpfs -o size=8m nbtest "$T/fs" || { echo "# no tmpfs"; exit 77; }
# The daemon stopped and the tmpfs gone before lib.sh removes $T.
trap 'rc=$?; stop_daemon TERM; umount "$T/fs" 2>/dev/null; finish; frc=$?
[ "$rc" -ne 0 ] && exit "$rc"; exit "$frc"' EXIT
SPOOL=$T/fs/spool

write_conf 'min_free = 50;'
start_sinks
check "daemon starts" start_daemon
cp "$DATA/sample-000.txt" "$SPOOL/incoming/first.txt"
check "a report is checked while there is room" wait_done 1 30

# Past half full: 5 of the 8 MiB.
dd if=/dev/zero of="$T/fs/ballast" bs=1M count=5 status=none
# The last look (first.txt's claim) may be less than 100 ms old.
sleep 0.2
mkdir -p "$T/stage"
for i in $(seq 1 40); do cp "$DATA/sample-001.txt" "$T/stage/b$i.txt"; done
mv "$T/stage"/* "$SPOOL/incoming/"
check "the pause is logged" wait_for 10 grep -q '暂停领取' "$T/daemon.log"
sleep 1.5
n_in=$(ls "$SPOOL/incoming" | grep -c '^b')
check "no report is claimed while space is short (40 in incoming/: $n_in)" \
    test "$n_in" -eq 40
check "nothing of them in work/" test -z "$(ls "$SPOOL/work")"

rm -f "$T/fs/ballast"
check "claiming resumes by itself" wait_done 41 60
check "the resumption is logged" grep -q '空间已恢复' "$T/daemon.log"
exactly_once 41 "after the pause"
