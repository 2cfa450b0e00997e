#!/bin/bash
# plugins.sh -- a plugin that crashes (SIGSEGV, abort) and one that never
# returns: the daemon survives, the report goes to failed/ with a reason
# naming the plugin, and later reports are checked.
. "${srcdir:-.}/tests/daemon/lib.sh"

PLUGIN_DIR=$TESTPLUGINS TIME_LIMIT=3 write_conf \
    'plugins = { nbtest_crash = {}; nbtest_hang = { note = "test"; }; };' \
    'max_file_size = "20K";'
start_sinks
check "-t loads the test plugins" "$NBD" -t -c "$CONF"
check "daemon starts" start_daemon

mark() {
	{ cat "$DATA/sample-000.txt"; printf '\n%s\n' "$1"; } > "$T/$2"
	mv "$T/$2" "$SPOOL/incoming/$2"
}
mark NBTEST-CRASH crash.txt
mark NBTEST-ABORT abort.txt
mark NBTEST-HANG hang.txt
# (sample-002 is over max_file_size, kept for that test below.)
i=0
for n in 000 001 003 004 000; do
	i=$((i + 1))
	cp "$DATA/sample-$n.txt" "$SPOOL/incoming/after$i.txt"
done
check "all eight reports settle" wait_done 8 30
check "daemon is still running" kill -0 "$DPID"

r=$(ls "$SPOOL"/failed/*-crash.txt.reason 2>/dev/null)
check "crash: in failed/ with a reason" test -s "$r"
check "crash: reason names the signal" grep -q SIGSEGV "$r"
check "crash: reason names the plugin" grep -q nbtest_crash "$r"
id=$(basename "$r" | cut -c1-16)
check "crash: result has daemon.check_failed" \
    grep -q '"rule": "daemon.check_failed"' "$SPOOL/out/$id.json"
check "crash: the finding names the plugin" \
    grep -q '"plugin": "nbtest_crash"' "$SPOOL/out/$id.json"
r=$(ls "$SPOOL"/failed/*-abort.txt.reason 2>/dev/null)
check "abort: reason names SIGABRT and the plugin" \
    grep -q "SIGABRT.*nbtest_crash" "$r"
r=$(ls "$SPOOL"/failed/*-hang.txt.reason 2>/dev/null)
check "hang: in failed/ with a reason" test -s "$r"
check "hang: reason names the time limit" grep -q "时间限制 3 秒" "$r"
check "hang: reason names the plugin" grep -q nbtest_hang "$r"
check "later reports are checked" test "$(ls "$SPOOL"/archive/*-after*.txt | wc -l)" -eq 5
check "syslog has the failure" grep -q 'report=failed .*file=crash.txt' "$T/syslog.txt"
check "syslog has the check_failed finding" \
    grep -q 'finding=daemon.check_failed .*file=hang.txt' "$T/syslog.txt"

# Over max_file_size: refused with the reason.
cp "$DATA/sample-002.txt" "$SPOOL/incoming/big.txt"
check "a file over max_file_size settles" wait_done 9 10
check "it is in failed/ with a reason" \
    test -s "$(ls "$SPOOL"/failed/*-big.txt.reason)"

# And again after the crashes: the replaced workers check.
cp "$DATA/sample-003.txt" "$SPOOL/incoming/last.txt"
check "a report after the crashes is checked" wait_done 10 10
check "it is archived" test -f "$(ls "$SPOOL"/archive/*-last.txt)"
stop_daemon TERM
check "clean exit" test "$DAEMON_STATUS" -eq 0
exactly_once 10 "plugins"
