#!/bin/bash
# valgrind.sh -- the daemon and its workers under valgrind through a start,
# checks (origin, undecodable input, symlink), a reload, renamed files
# begun while they settle, and SIGTERM in a burst: no memory errors, no
# leaks.
. "${srcdir:-.}/tests/daemon/lib.sh"

command -v valgrind >/dev/null || { echo "no valgrind"; exit 77; }
# A sanitizer build cannot run under valgrind.
if nm "$NBD" 2>/dev/null | grep -q '__asan_init\|__ubsan_handle'; then
	echo "sanitizer build: valgrind skipped"
	exit 77
fi
NBD_WRAP="valgrind -q --keep-debuginfo=yes --suppressions=${srcdir:-.}/tests/ingest/valgrind.supp --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --show-leak-kinds=definite,indirect,possible --trace-children=yes --log-file=$T/vg.%p"
READY_TIMEOUT=120
# valgrind does not implement seccomp(2): the filter is tested by
# privsep.sh, not under valgrind.
WORKERS=1 TIME_LIMIT=120 write_conf 'seccomp = false;'
start_sinks
check "daemon starts under valgrind" start_daemon
mkdir "$SPOOL/incoming/origin"
cp "$DATA/sample-000.txt" "$SPOOL/incoming/a.txt"
cp "$DATA/sample-001.txt" "$SPOOL/incoming/origin/b.txt"
head -c 2999 "$DATA/sample-002.txt" > "$SPOOL/incoming/bad.txt"
ln -s /etc/passwd "$SPOOL/incoming/link.txt"
check "four reports settle" wait_done 4 120
kill -HUP "$DPID"
check "reload under valgrind" \
    wait_for 120 grep -q "配置已重新加载" "$T/daemon.log"
cp "$DATA/sample-003.txt" "$SPOOL/incoming/c.txt"
check "a report after the reload" wait_done 5 120
# Renamed in (checked while they settle, early.c): one kept, one written
# to after its rename (checked again), one removed (dropped); then a
# burst stopped in the middle (held or out when SIGTERM comes: left in
# incoming/, freed).
mkdir -p "$T/stage"
for f in r1 r2 r3; do cp "$DATA/sample-004.txt" "$T/stage/$f.txt"; done
mv "$T/stage/r1.txt" "$T/stage/r2.txt" "$T/stage/r3.txt" "$SPOOL/incoming/"
echo >>"$SPOOL/incoming/r2.txt"
rm "$SPOOL/incoming/r3.txt"
check "renamed reports settle" wait_done 7 120
for i in 1 2 3 4 5 6; do cp "$DATA/sample-00$((i % 5)).txt" "$T/stage/s$i.txt"; done
mv "$T/stage"/s*.txt "$SPOOL/incoming/"
stop_daemon TERM
check "clean exit" test "$DAEMON_STATUS" -eq 0
n=$(ls "$T"/vg.* 2>/dev/null | wc -l)
check "valgrind logs for the daemon and its workers ($n)" test "$n" -ge 3
for f in "$T"/vg.*; do
	check "no valgrind report in $(basename "$f")" test ! -s "$f"
	[ -s "$f" ] && sed 's/^/# /' "$f" | head -n 40
done
# What the stop left in incoming/ is for the next start.
left=$(ls "$SPOOL/incoming" | grep -c '^s')
check "the burst: done or still in incoming/, nothing in work/ ($left left)" \
    test "$(done_count)" -eq $((7 + 6 - left)) -a "$(count_inputs work)" -eq 0
