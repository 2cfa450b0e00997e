#!/bin/bash
# cmdline.sh -- nianbaod as a new user meets it: --help and --version,
# -t on a spool whose parents do not exist yet (and on one that cannot be
# made), a first start that makes the spool with its parents, one line
# per checked report on the terminal with -f, and --reload PID (the
# unit's ExecReload) with a good and a broken configuration.
. "${srcdir:-.}/tests/daemon/lib.sh"

"$NBD" --help >"$T/out" 2>"$T/err"
rc=$?
check "--help exits 0" test "$rc" = 0
check "--help prints the usage on stdout" grep -q -- '--reload' "$T/out"
"$NBD" --version >"$T/out" 2>&1
rc=$?
check "--version exits 0 and names the version" \
    sh -c "[ $rc = 0 ] && grep -q '^nianbaod (nianbao [0-9]' '$T/out'"
"$NBD" --bogus >/dev/null 2>&1
check "a bad option exits 2" test $? = 2

# The spool three folders below anything that exists.
SPOOL=$T/deep/er/spool
write_conf
"$NBD" -t -c "$CONF" >"$T/out" 2>"$T/err"
rc=$?
cat "$T/err" | sed 's/^/# /'
check "-t accepts a spool whose parents are missing" test "$rc" = 0
check "-t says the spool will be made" grep -q "启动时创建" "$T/err"
check "-t made nothing" test ! -e "$T/deep"

# A spool that cannot be made: its parent is a file.
: > "$T/afile"
SPOOL=$T/afile/spool write_conf
"$NBD" -t -c "$CONF" >"$T/out" 2>"$T/err"
rc=$?
cat "$T/err" | sed 's/^/# /'
check "-t refuses a spool that cannot be made (exit $rc)" test "$rc" = 1
check "-t says why, naming the folder" grep -q "$T/afile" "$T/err"

# The first start makes it, parents 0755, the spool 0750, ours.
SPOOL=$T/deep/er/spool
write_conf
start_sinks
check "daemon starts on a spool that does not exist" start_daemon
check "the spool and its folders are made" test -d "$SPOOL/incoming" -a \
    -d "$SPOOL/work" -a -d "$SPOOL/out" -a -d "$SPOOL/archive" -a -d "$SPOOL/failed"
check "parents are 0755" test "$(stat -c %a "$T/deep/er")" = 755
check "the spool is 0750 and the daemon's" \
    test "$(stat -c '%a %u' "$SPOOL")" = "750 $(id -u)"

# -f: one line per checked report on standard output.
cp "$DATA/sample-004.txt" "$SPOOL/incoming/one.txt"
cp "$DATA/sample-000.txt" "$SPOOL/incoming/two.txt"
wait_done 2 20
check "-f prints one line per report" wait_for 5 sh -c \
    "[ \$(grep -c '^nianbaod: report=checked' '$T/daemon.log') = 2 ]"
check "the line names the file and the counts" \
    grep -q '^nianbaod: report=checked .*file=one.txt .*errors=1 warnings=2' "$T/daemon.log"

# --reload PID: checks the configuration first, then signals.
WORKERS=1 write_conf
"$NBD" --reload "$DPID" -c "$CONF" >"$T/out" 2>&1
rc=$?
check "--reload with a good config exits 0" test "$rc" = 0
check "and the daemon reloads" \
    wait_for 10 grep -q "配置已重新加载" "$T/daemon.log"
n=$(grep -c "收到 SIGHUP" "$T/daemon.log")
echo 'workers = ;' >> "$CONF"
"$NBD" --reload "$DPID" -c "$CONF" >"$T/out" 2>&1
rc=$?
sed 's/^/# /' "$T/out"
check "--reload with a broken config exits 1" test "$rc" = 1
check "and names the line at fault" grep -q "第 [0-9]* 行" "$T/out"
sleep 0.5
check "and does not signal the daemon" \
    test "$(grep -c "收到 SIGHUP" "$T/daemon.log")" = "$n"
"$NBD" --reload 1x -c "$T/nonexistent.conf" >/dev/null 2>&1
check "--reload refuses a config it cannot read" test $? = 1
WORKERS=1 write_conf
"$NBD" --reload notapid -c "$CONF" >"$T/out" 2>&1
check "--reload refuses a bad pid" sh -c "[ $? = 1 ] && grep -q notapid '$T/out'"
check "daemon still running" kill -0 "$DPID"
