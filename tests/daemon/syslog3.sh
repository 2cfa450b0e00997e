#!/bin/bash
# syslog3.sh -- the production path: openlog(3)/syslog(3) to /dev/log.  In
# a private mount namespace (unshare -m, root only) /dev is replaced by a
# small tmpfs whose /dev/log is our datagram sink; nothing leaks out.
. "${srcdir:-.}/tests/daemon/lib.sh"

[ "$(id -u)" -eq 0 ] || { echo "needs root for unshare -m"; exit 77; }
unshare -m true 2>/dev/null || { echo "unshare -m not permitted"; exit 77; }

devlog_before=$(stat -c %F:%i /dev/log 2>/dev/null || echo none)
SYSLOG3=1 THRESHOLD=info write_conf
start_sinks
cat > "$T/ns.sh" <<EOS
set -e
mkdir -p "$T/olddev"
mount --make-rprivate /
mount --bind /dev "$T/olddev"
mount -t tmpfs -o mode=755 nbd-dev /dev
for d in null zero full random urandom; do
	touch /dev/\$d
	mount --bind "$T/olddev/\$d" /dev/\$d
done
ln -s /proc/self/fd /dev/fd
"$SINK" /dev/log "$T/devlog.txt" &
echo \$! >> "$T/extra.pids"
for i in \$(seq 50); do [ -S /dev/log ] && break; sleep 0.1; done
NOTIFY_SOCKET="$T/notify.sock" exec "$NBD" -f -c "$CONF"
EOS
unshare -m bash "$T/ns.sh" >>"$T/daemon.log" 2>&1 &
DPID=$!
check "daemon starts in its own mount namespace" wait_for 20 ready_after 0
head -n 60 "$DATA/sample-002.txt" > "$T/short.txt"
mv "$T/short.txt" "$SPOOL/incoming/short.txt"
check "the report is checked" wait_done 1 15
id=$(basename "$(ls "$SPOOL"/archive/*-short.txt)" | cut -c1-16)
check "syslog(3) delivered the summary line to /dev/log" \
    wait_for 5 grep -q "^<158>.* nianbaod\[$DPID\]: report=checked id=$id file=short.txt" "$T/devlog.txt"
nf=$(grep -c '"rule":' "$SPOOL/out/$id.json")
check "and one line per finding ($nf)" \
    test "$(grep -c "finding=.* id=$id " "$T/devlog.txt")" -eq "$nf"
check "the daemon's own messages too" grep -q "开始监视" "$T/devlog.txt"
stop_daemon TERM
check "clean exit" test "$DAEMON_STATUS" -eq 0
check "the host's /dev/log is untouched" \
    test "$(stat -c %F:%i /dev/log 2>/dev/null || echo none)" = "$devlog_before"
exactly_once 1 "syslog(3)"
