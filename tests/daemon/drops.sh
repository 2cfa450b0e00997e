#!/bin/bash
# drops.sh -- how producers drop files: one mv of 300 files into incoming/
# (same file system) must not make mv complain, every file is checked; a
# file still being written is not taken until closed; names left alone
# (hidden, temporary, a folder too deep) are logged once each.
. "${srcdir:-.}/tests/daemon/lib.sh"

write_conf
start_sinks
check "daemon starts" start_daemon

# 300 files moved with one mv from a folder on the same file system.
mkdir -p "$T/batch"
for i in $(seq 1 300); do cp "$DATA/sample-000.txt" "$T/batch/r$i.txt"; done
mv "$T/batch"/* "$SPOOL/incoming/" 2>"$T/mv.err"
rc=$?
head -n 3 "$T/mv.err" | sed 's/^/# /'
check "mv of 300 files exits 0 ($rc)" test "$rc" = 0
check "mv prints nothing ($(wc -l < "$T/mv.err") lines)" test ! -s "$T/mv.err"
check "all 300 are checked" wait_done 300 90

# A file being written is taken only once it is closed.
exec 7>"$SPOOL/incoming/slow.txt"
head -c 1000 "$DATA/sample-004.txt" >&7
sleep 1.5
check "a file still open for writing is left in incoming/" \
    test -f "$SPOOL/incoming/slow.txt"
tail -c +1001 "$DATA/sample-004.txt" >&7
exec 7>&-
check "and is taken when closed" wait_for 10 sh -c \
    "grep -q '\"file\":\"slow.txt\"' '$SPOOL/out/findings.jsonl'"
rec=$(grep '"file":"slow.txt"' "$SPOOL/out/findings.jsonl")
check "whole: its error is found" sh -c \
    "echo '$rec' | grep -q '\"errors\":1'"

# Names left alone: each logged once, however often it is touched.
cp "$DATA/sample-000.txt" "$SPOOL/incoming/.hidden.txt"
cp "$DATA/sample-000.txt" "$SPOOL/incoming/.hidden.txt"
cp "$DATA/sample-000.txt" "$SPOOL/incoming/report.pdf.part"
touch "$SPOOL/incoming/report.pdf.part"
cp "$DATA/sample-000.txt" "$SPOOL/incoming/report.pdf.part"
mkdir -p "$SPOOL/incoming/city"
sleep 0.5
mkdir -p "$SPOOL/incoming/city/too/deep"
mkdir -p "$SPOOL/incoming/city/too"
cp "$DATA/sample-000.txt" "$SPOOL/incoming/city/too/x.txt"
sleep 1
logged() { grep -c "$1" "$T/daemon.log"; }
check "a hidden file is logged once ($(logged '.hidden.txt'))" \
    test "$(logged '.hidden.txt 以点号开头')" = 1
check "a temporary name is logged once ($(logged 'report.pdf.part'))" \
    test "$(logged 'report.pdf.part 是临时文件名')" = 1
check "a folder too deep is logged once ($(logged 'city/too'))" \
    test "$(logged 'city/too 是第二层子目录')" = 1
check "none of them is taken" test -f "$SPOOL/incoming/.hidden.txt" -a \
    -f "$SPOOL/incoming/report.pdf.part" -a -f "$SPOOL/incoming/city/too/x.txt"
# Renamed to its final name, the temporary file is taken.
mv "$SPOOL/incoming/report.pdf.part" "$SPOOL/incoming/report.txt"
check "renamed to its final name, it is checked" wait_for 10 sh -c \
    "grep -q '\"file\":\"report.txt\"' '$SPOOL/out/findings.jsonl'"
# A restart scans incoming/ again: still nothing more in the log.
stop_daemon
start_daemon
sleep 1
check "a restart logs it once more at most" \
    test "$(logged '.hidden.txt 以点号开头')" -le 2
