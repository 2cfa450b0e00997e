#!/bin/bash
# memory.sh -- bounded workers (issue 9, defect 7): a plugin that
# allocates without end meets the worker's memory limit, not the OOM
# killer; the report fails with a reason that says "memory limit" and
# names the plugin, and the next report is checked as usual.  The limit
# is logged, and "off" (always so under AddressSanitizer) is logged too.
. "${srcdir:-.}/tests/daemon/lib.sh"

PLUGIN_DIR=$TESTPLUGINS write_conf 'memory_limit = "128M";' \
    'plugins = { nbtest_hog = {}; };'
start_sinks
check "daemon starts" start_daemon
check "the limit is logged" grep -q '检查进程内存限制' "$T/daemon.log"
if grep -q '检查进程内存限制：关闭' "$T/daemon.log"; then
	# The hog would take the machine's memory: not without a limit.
	grep '内存限制' "$T/daemon.log" | sed 's/^/# /'
	echo "# memory limit off in this build: the hog is not run"
	stop_daemon TERM
	exit 77
fi
check "128 MiB as configured" grep -q '128 MiB（memory_limit）' "$T/daemon.log"
echo "NBTEST-HOG" > "$T/hog.txt"
cat "$DATA/sample-000.txt" >> "$T/hog.txt"
mv "$T/hog.txt" "$SPOOL/incoming/hog.txt"
check "the hog's report fails" wait_done 1 30
r=$(ls "$SPOOL"/failed/*-hog.txt.reason 2>/dev/null)
check "it is in failed/" test -n "$r"
sed 's/^/# reason: /' "$r"
check "the reason says memory limit" grep -q 'memory limit 128 MiB' "$r"
check "the reason names the plugin" grep -q 'nbtest_hog' "$r"
cp "$DATA/sample-001.txt" "$SPOOL/incoming/next.txt"
check "the next report is checked" wait_done 2 20
check "... and archived" test -n "$(ls "$SPOOL"/archive/*-next.txt 2>/dev/null)"
stop_daemon TERM

# The default: the cgroup's memory.max or the machine's memory, divided
# among the workers.
PLUGIN_DIR=$TESTPLUGINS write_conf 'plugins = { nbtest_hog = {}; };'
check "daemon starts with the default limit" start_daemon
check "the default limit is logged with its source" \
    grep -q '内存限制：每个检查进程 [0-9]* MiB（.*除以 2 个检查进程）' "$T/daemon.log"
stop_daemon TERM
PLUGIN_DIR=$TESTPLUGINS write_conf 'memory_limit = "off";' 'plugins = { nbtest_hog = {}; };'
check "daemon starts without a limit" start_daemon
check "off is logged as off" grep -q '内存限制：关闭（memory_limit = "off"）' "$T/daemon.log"
