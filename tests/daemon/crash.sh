#!/bin/bash
# crash.sh -- kill -9 at arbitrary moments of a burst, restart each time:
# in the end every dropped file has exactly one result, one jsonl line and
# one archived copy.  Workers die with the daemon.
. "${srcdir:-.}/tests/daemon/lib.sh"

write_conf
start_sinks
check "daemon starts" start_daemon

N=800
# Staged first, then moved in at once: a backlog, so the kills land while
# reports are being checked and finished.
mkdir -p "$T/stage"
burst $N "$T/stage"
find "$T/stage" -type f -exec mv -t "$SPOOL/incoming" {} + &
producer=$!
for target in 50 200 420 650; do
	wait_done "$target" 60
	workers=$(cat /proc/"$DPID"/task/*/children 2>/dev/null)
	stop_daemon KILL
	gone=1
	for w in $workers; do
		wait_for 5 not kill -0 "$w" 2>/dev/null || gone=0
	done
	check "kill -9 after $target: its workers are gone too" test "$gone" -eq 1
	check "restart after kill -9 at $(done_count) done" start_daemon
done
wait "$producer"
check "every report is checked after the crashes" wait_done $N 60
sleep 0.5
exactly_once $N "kill -9"
check "every input archived exactly once" \
    test "$(find "$SPOOL/archive" -type f | sed 's/.*-//' | sort -u | wc -l)" -eq $N
stop_daemon TERM

# Each state a crash can leave, made by hand, then one start.
SPOOL=$T/spool2
write_conf
mkdir -p "$SPOOL"/{incoming,work,out,archive,failed}
tmpl=$(ls "$T"/spool/out/*.json | head -n 1)
mkres() {	# mkres ID: out/ID.json as a finished check would write it
	sed "s/\"id\": \"[0-9a-f]*\"/\"id\": \"$1\"/" "$tmpl" > "$SPOOL/out/$1.json"
}
line() {	# line ID: its findings.jsonl line
	json_compact "$SPOOL/out/$1.json"
}
A=00000000000000a1 B=00000000000000b2 C=00000000000000c3 D=00000000000000d4
# A: result written, jsonl line not yet appended, input not moved.
cp "$DATA/sample-000.txt" "$SPOOL/work/$A-a.txt"; mkres $A
# B: result written and line appended, input not moved.
cp "$DATA/sample-001.txt" "$SPOOL/work/$B-b.txt"; mkres $B
# C: claimed only.
mkdir -p "$SPOOL/work/origin"
cp "$DATA/sample-002.txt" "$SPOOL/work/origin/$C-c.txt"
# D: done long ago; its line is followed by a torn line (power cut).
mkres $D
{ line $D; line $B; line $A | head -c 40; } > "$SPOOL/out/findings.jsonl"
# A stray file in work/ and a temporary file of an interrupted write.
cp "$DATA/sample-003.txt" "$SPOOL/work/stray.txt"
echo '{"partial' > "$SPOOL/out/.$C.json.tmp"
mkdir -p "$SPOOL/failed/origin"
echo 'half a reas' > "$SPOOL/failed/.$D-d.txt.reason.tmp"
echo 'half a reas' > "$SPOOL/failed/origin/.$D-e.txt.reason.tmp"
check "daemon starts on a crashed spool" start_daemon
check "the claimed and the stray file are checked" wait_done 4 20
stop_daemon TERM
check "A: archived" test -f "$SPOOL/archive/$A-a.txt"
check "A: one jsonl line" test "$(grep -c "^{\"id\":\"$A\"" "$SPOOL/out/findings.jsonl")" -eq 1
check "B: archived" test -f "$SPOOL/archive/$B-b.txt"
check "B: still one jsonl line" test "$(grep -c "^{\"id\":\"$B\"" "$SPOOL/out/findings.jsonl")" -eq 1
check "C: checked under its origin" test -f "$SPOOL/archive/origin/$C-c.txt"
check "C: has a result" test -f "$SPOOL/out/$C.json"
check "stray: checked under a new id" test -n "$(ls "$SPOOL"/archive/*-stray.txt)"
check "temporary file removed" test ! -e "$SPOOL/out/.$C.json.tmp"
check "temporary reason files removed" \
    test -z "$(find "$SPOOL/failed" -name '.*.tmp')"
check "torn line cut, 5 whole lines left" \
    test "$(json_lines "$SPOOL/out/findings.jsonl")" -eq 5
check "work/ is empty" test "$(count_inputs work)" -eq 0
