#!/bin/bash
# privsep.sh -- what a worker may do (issue 9, privilege separation).
# Started as root outside systemd, the daemon runs its workers as its
# user (here "nobody" when there is no nianbaod user), which reads each
# report from the descriptor the daemon passes; under systemd the unit's
# User= does the same.  The system call filter refuses a worker's
# socket() and execve(), and can be switched off.  A worker's stdout and
# stderr reach the log escaped; a message about another report is
# refused.
. "${srcdir:-.}/tests/daemon/lib.sh"

check "under systemd the unit runs the daemon as nianbaod" \
    grep -q '^User=nianbaod' "$top_srcdir/systemd/nianbaod.service.in"

# Plugins and rules where any user can read them.
chmod 755 "$T"
mkdir -p "$T/p"
cp "$TESTPLUGINS/nbtest_sys.so" "$T/p/"
# The national plugins too: the pack's relations name their rules, and a
# rule no loaded plugin declares is refused.
cp "$PLUGINS"/*.so "$T/p/"
chmod 755 "$T/p"
chmod 644 "$T"/p/*.so
# The national pack and the packs of the older formats it names.
cp "$(dirname "$RULES")"/national-*.json "$T/"
chmod 644 "$T"/national-*.json
RULES=$T/$(basename "$RULES")

user=root
if [ "$(id -u)" = 0 ]; then
	user=nobody
	id nianbaod >/dev/null 2>&1 && user=nianbaod
fi
NBD_USER=$user PLUGIN_DIR=$T/p write_conf
start_sinks
check "daemon starts" start_daemon
(echo "NBTEST-SYSCALLS"; cat "$DATA/sample-000.txt") > "$T/sys.txt"
mv "$T/sys.txt" "$SPOOL/incoming/sys.txt"
check "the report is checked" wait_done 1 20
id=$(sed -n 's/^{"id":"\([0-9a-f]*\)".*/\1/p' "$SPOOL/out/findings.jsonl" | tail -n 1)
res=$SPOOL/out/$id.json
sed -n 's/.*"message": "\(socket=[^"]*\)".*/# \1/p' "$res"
check "socket() is refused (EPERM)" grep -q 'socket=EPERM' "$res"
check "execve() is refused (EPERM)" grep -q 'execve=EPERM' "$res"
if [ "$(id -u)" = 0 ]; then
	check "the worker runs as $user, not root" \
	    grep -q "uid=$(id -u "$user")\"" "$res"
else
	echo "# not root: no user to drop to"
fi
check "the plugin's stdout is logged" grep -q 'plugin says hello' "$T/daemon.log"
check "... with its escape escaped" grep -q 'hello \\x1b\[31mred' "$T/daemon.log"
check "the plugin's stderr is logged" grep -q '输出：plugin warns' "$T/daemon.log"
check "... under the worker's PID" grep -q "检查进程 [0-9]*.*输出：plugin warns" "$T/daemon.log"

(echo "NBTEST-FORGE"; cat "$DATA/sample-001.txt") > "$T/forge.txt"
mv "$T/forge.txt" "$SPOOL/incoming/forge.txt"
check "a forged result is refused" wait_done 2 20
check "... and said so" grep -q '关于另一份报告（编号 ffffffffffffffff）' "$T/daemon.log"
check "no result for the forged id" test ! -e "$SPOOL/out/ffffffffffffffff.json"
stop_daemon TERM

NBD_USER=$user PLUGIN_DIR=$T/p write_conf 'seccomp = false;'
check "daemon starts with seccomp = false" start_daemon
(echo "NBTEST-SYSCALLS"; cat "$DATA/sample-002.txt") > "$T/sys.txt"
mv "$T/sys.txt" "$SPOOL/incoming/sys2.txt"
check "the report is checked" wait_done 3 20
id=$(sed -n 's/^{"id":"\([0-9a-f]*\)".*/\1/p' "$SPOOL/out/findings.jsonl" | tail -n 1)
check "without the filter socket() is allowed" grep -q 'socket=allowed' "$SPOOL/out/$id.json"
check "... and execve() too" grep -q 'execve=allowed' "$SPOOL/out/$id.json"
stop_daemon TERM
