#!/bin/bash
# reload.sh -- SIGHUP with a good configuration (applied, RELOADING=1 then
# READY=1, queued work kept) and with broken ones (refused, old one kept,
# reason logged).
. "${srcdir:-.}/tests/daemon/lib.sh"

write_conf
start_sinks
check "daemon starts" start_daemon

# A good reload in the middle of a burst.
( burst 300 "$SPOOL/incoming" ) &
producer=$!
wait_done 50 30
WORKERS=1 THRESHOLD=error write_conf
kill -HUP "$DPID"
check "good config: reload logged" \
    wait_for 10 grep -q "配置已重新加载" "$T/daemon.log"
check "good config: RELOADING=1 with MONOTONIC_USEC" \
    grep -q "RELOADING=1 MONOTONIC_USEC=[0-9]" "$T/notify.txt"
check "good config: READY=1 after RELOADING=1" \
    sh -c "sed -n '/RELOADING=1/,\$p' '$T/notify.txt' | grep -q READY=1"
wait "$producer"
check "burst across the reload is checked" wait_done 300 60
check "one worker after the reload" wait_for 10 sh -c \
    "test \$(cat /proc/$DPID/task/*/children | wc -w) -eq 1"

# Broken: a syntax error.
cp "$CONF" "$T/good.conf"
echo 'workers = ;' >> "$CONF"
kill -HUP "$DPID"
check "syntax error: refused and logged" \
    wait_for 10 grep -q "配置重新加载失败：.*第 [0-9]* 行" "$T/daemon.log"
# Broken: a plugin that does not exist (found by the probe worker).
cp "$T/good.conf" "$CONF"
echo 'plugins = { no_such_plugin = {}; };' >> "$CONF"
kill -HUP "$DPID"
check "missing plugin: refused and logged" \
    wait_for 10 grep -q "新配置无法使用" "$T/daemon.log"
check "daemon still running" kill -0 "$DPID"
cp "$DATA/sample-000.txt" "$SPOOL/incoming/after.txt"
check "old configuration still checks" wait_done 301 10
stop_daemon INT
check "SIGINT: clean exit" test "$DAEMON_STATUS" -eq 0
exactly_once 301 "reload"

# A configuration whose rule pack is gone: the first worker cannot start,
# so the daemon says why and exits 1 (systemd then shows the failure).
sed -i 's|^rules = .*|rules = "/nonexistent/pack.json";|' "$CONF"
NOTIFY_SOCKET=$T/notify.sock timeout 30 "$NBD" -f -c "$CONF" >>"$T/daemon.log" 2>&1
check "unusable rule pack at start: exit status 1" test $? -eq 1
check "and the reason is logged" \
    grep -q "检查进程无法启动：.*pack.json" "$T/daemon.log"

# A SIGHUP while a reload is still being tried is applied after it, not
# dropped: the last configuration written is the one in force.
SPOOL=$T/spool-hup
mkdir -p "$SPOOL"
WORKERS=3 write_conf
check "daemon starts for the double SIGHUP" start_daemon
WORKERS=2 write_conf
kill -HUP "$DPID"
sleep 0.02
WORKERS=1 write_conf
kill -HUP "$DPID"
# Whether the second one came while the first was still being tried
# depends on the machine's load; either way it must not be lost.
check "the second SIGHUP is applied: 1 worker in the end" \
    wait_for 10 grep -q '配置已重新加载：.*（1 个检查进程）' "$T/daemon.log"
grep -q '上一次重新加载尚未完成，完成后再重新加载一次' "$T/daemon.log" &&
    echo "# the second SIGHUP came during the first reload and waited for it"
stop_daemon TERM
