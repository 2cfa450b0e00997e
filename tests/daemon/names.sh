#!/bin/bash
# names.sh -- file names as they come: not UTF-8, with a newline, too long
# for an id prefix; a subfolder renamed while watched; and a result that
# cannot be written at first (read-only out/) is retried, not lost.
. "${srcdir:-.}/tests/daemon/lib.sh"

write_conf
start_sinks
check "daemon starts" start_daemon

cp "$DATA/sample-000.txt" "$SPOOL/incoming/"$'bad\xff\xfe.txt'
cp "$DATA/sample-001.txt" "$SPOOL/incoming/"$'new\nline.txt'
long=$(printf 'a%.0s' $(seq 1 246)).txt
cp "$DATA/sample-002.txt" "$SPOOL/incoming/$long"
check "three oddly named reports are checked" wait_done 3 15
f=$(ls "$SPOOL"/archive/ | grep -a 'bad')
check "non-UTF-8 name archived byte for byte" \
    test -f "$SPOOL/archive/"*$'-bad\xff\xfe.txt'
id=${f:0:16}
check "its record shows the bytes as \\xNN" \
    grep -q '"file": "bad\\\\xff\\\\xfe.txt"' "$SPOOL/out/$id.json"
check "newline in a name is archived" test -f "$SPOOL/archive/"*$'-new\nline.txt'
check "long name archived, shortened to fit" \
    test "$(ls "$SPOOL/archive" | grep -c '^[0-9a-f]\{16\}-aaaa')" -eq 1

mkdir "$SPOOL/incoming/before"
sleep 0.3
mv "$SPOOL/incoming/before" "$SPOOL/incoming/after"
sleep 0.5
cp "$DATA/sample-003.txt" "$SPOOL/incoming/after/r.txt"
check "report in a renamed subfolder is checked" wait_done 4 15
check "its origin is the new name" test -f "$(ls "$SPOOL"/archive/after/*-r.txt)"

# out/ read-only (immutable, which binds root too): checked, not finished.
if chattr +i "$SPOOL/out" 2>/dev/null; then
	cp "$DATA/sample-004.txt" "$SPOOL/incoming/late.txt"
	check "an unfinishable report is logged" \
	    wait_for 10 grep -q "无法完成报告 late.txt" "$T/daemon.log"
	check "and stays in work/" test "$(count_inputs work)" -eq 1
	chattr -i "$SPOOL/out"
	check "it is finished by the retry" wait_done 5 20
else
	ok "chattr +i not supported here: retry not tested"
	cp "$DATA/sample-004.txt" "$SPOOL/incoming/late.txt"
	wait_done 5 10
fi

# Two long names that differ only past the cut: both keep their extension
# (the reader is chosen by it) and stay apart.
b=$(printf 'b%.0s' $(seq 1 240))
cp "$DATA/sample-000.txt" "$SPOOL/incoming/${b}-one.txt"
cp "$DATA/sample-001.txt" "$SPOOL/incoming/${b}-two.txt"
# A name that would forge a log line: the newline is escaped.
ln -s /nonexistent "$SPOOL/incoming/"$'x\nnianbaod: 已退出：本次检查 0 份'
check "two long names are checked" wait_done 8 15
check "a name with a newline forges no log line" \
    not grep -q '^nianbaod: 已退出：本次检查 0 份 移到' "$T/daemon.log"
check "... it is logged escaped" grep -q 'incoming/x\\x0anianbaod: 已退出' "$T/daemon.log"
check "both archived (not failed)" \
    test "$(ls "$SPOOL/archive" | grep -c '^[0-9a-f]\{16\}-bbbb.*~[0-9a-f]\{8\}\.txt$')" -eq 2
check "their stored names differ past the id" \
    test "$(ls "$SPOOL/archive" | grep '^[0-9a-f]\{16\}-bbbb' | cut -c18- | sort -u | wc -l)" -eq 2
stop_daemon TERM
exactly_once 8 "names"
