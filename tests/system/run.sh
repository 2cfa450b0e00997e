#!/bin/bash
# tests/system/run.sh -- the Debian package under a real systemd.
#
#   run.sh DEBDIR     DEBDIR holds nianbao_*.deb and nianbao-dev_*.deb
#
# A minimal Debian 12 root (debootstrap, cached by mkroot.sh) is copied,
# booted with systemd-nspawn and driven with nsenter: the package installs,
# its unit starts through Type=notify, reports dropped into the spool are
# checked (findings in the journal with NIANBAO_* fields and in
# findings.jsonl), reload works with a good config and fails with a broken
# one, the watchdog restarts a stopped daemon, stop drains, the exposure of
# the unit is at most 1.0, workers never run as root, and the package
# upgrades over itself and purges cleanly.
#
# Where the machine cannot boot a container the test skips (77) and says
# why; under CI=true a skip is a failure.  Ends with "N passed, N failed".
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
debdir=${1:?usage: run.sh DEBDIR}
debdir=$(cd "$debdir" && pwd)
cache=${NB_SYSTEM_CACHE:-/var/cache/nianbao-test}

PASS=0
FAIL=0
NSPAWN_PID=
CPID=
T=

skip() {
	echo "# SKIP system test: $*"
	if [ "${CI:-}" = true ]; then
		echo "# under CI=true a skip of tests/system is a failure"
		echo "0 passed, 1 failed"
		exit 1
	fi
	exit 77
}

ok() { PASS=$((PASS + 1)); echo "ok - $*"; }
not_ok() { FAIL=$((FAIL + 1)); echo "not ok - $*"; }
check() {
	local d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
# require DESCRIPTION COMMAND...: like check, but nothing after it makes
# sense when it fails.
require() {
	check "$@" && return 0
	echo "# cannot go on"
	echo "$PASS passed, $FAIL failed"
	exit 1
}

# Runs a command inside the booted container, as root, with a plain
# environment.
in_ct() {
	nsenter -t "$CPID" -m -u -i -p -n -- \
	    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
	    SYSTEMD_PAGER= SYSTEMD_COLORS=0 "$@"
}

# wait_for SECONDS COMMAND...: polls every 0.2 s.
wait_for() {
	local n=$(($1 * 5))
	shift
	while [ "$n" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}

cleanup() {
	if [ -n "$NSPAWN_PID" ] && kill -0 "$NSPAWN_PID" 2>/dev/null; then
		[ -n "$CPID" ] && in_ct systemctl poweroff >/dev/null 2>&1
		wait_for 20 sh -c "! kill -0 $NSPAWN_PID" ||
		    kill -KILL "$NSPAWN_PID" 2>/dev/null
		wait "$NSPAWN_PID" 2>/dev/null
	fi
	if [ -n "$T" ]; then
		if [ "$FAIL" -ne 0 ] || [ -n "${KEEP:-}" ]; then
			echo "# --- container boot log"
			tail -n 40 "$T/boot.log" 2>/dev/null | sed 's/^/# /'
		fi
		rm -rf "$T"
	fi
}
trap cleanup EXIT

# ---- can this machine do it?
[ "$(id -u)" = 0 ] || skip "needs root (systemd-nspawn, debootstrap)"
for tool in systemd-nspawn debootstrap nsenter; do
	command -v "$tool" >/dev/null ||
	    skip "$tool not installed (apt-get install systemd-container debootstrap util-linux)"
done
deb=$(ls "$debdir"/nianbao_*.deb 2>/dev/null | head -n 1)
devdeb=$(ls "$debdir"/nianbao-dev_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] && [ -n "$devdeb" ] || { echo "no nianbao_*.deb in $debdir"; exit 1; }

root_src=$("$here/mkroot.sh" "$cache") || skip "cannot make the Debian 12 root with debootstrap (see above)"

T=$(mktemp -d /var/tmp/nianbao-system.XXXXXX)
root=$T/root
cp -a --reflink=auto "$root_src" "$root" || skip "cannot copy $root_src"
mkdir -p "$root/root/debs"
cp "$deb" "$devdeb" "$root/root/debs/"
cp "$top/tests/data/sample-004.txt" "$top/tests/data/sample-000.txt" \
    "$root/root/"

# ---- boot
systemd-nspawn --register=no --keep-unit -q -b -D "$root" \
    --machine=nianbao-test >"$T/boot.log" 2>&1 </dev/null &
NSPAWN_PID=$!
# The container's init is nspawn's child; it is systemd once it execs.
find_init() {
	local p
	for p in $(cat /proc/"$NSPAWN_PID"/task/*/children 2>/dev/null); do
		if [ "$(cat /proc/"$p"/comm 2>/dev/null)" = systemd ]; then
			CPID=$p
			return 0
		fi
	done
	return 1
}
wait_for 30 find_init || skip "systemd-nspawn did not boot the root: $(tail -n 5 "$T/boot.log" | tr '\n' ' ')"
booted() {
	local s
	s=$(in_ct systemctl is-system-running 2>/dev/null)
	[ "$s" = running ] || [ "$s" = degraded ]
}
wait_for 60 booted || skip "the container's systemd did not reach running: $(in_ct systemctl is-system-running 2>&1)"
ok "Debian 12 booted under systemd-nspawn (init pid $CPID): $(in_ct systemctl --version | head -n 1)"

# ---- install
debname=$(basename "$deb")
devname=$(basename "$devdeb")
out=$(in_ct env DEBIAN_FRONTEND=noninteractive apt-get install -y \
    "/root/debs/$debname" "/root/debs/$devname" 2>&1)
rc=$?
echo "$out" | tail -n 5 | sed 's/^/# /'
require "apt-get install ./$debname ./$devname" test "$rc" = 0
check "the nianbaod user and group exist" \
    in_ct sh -c 'getent passwd nianbaod && getent group nianbaod'
check "the spool is made by tmpfiles.d (incoming/ 2770 nianbaod:nianbaod)" \
    test "$(in_ct stat -c '%a %U:%G' /var/spool/nianbaod/incoming)" = \
    "2770 nianbaod:nianbaod"
check "/etc/nianbaod.conf is a conffile" \
    in_ct sh -c 'dpkg-query -W -f="\${Conffiles}" nianbao | grep -q "/etc/nianbaod.conf"'
check "nianbao --version and nianbaod --version" \
    in_ct sh -c 'nianbao --version && nianbaod --version'

# ---- start through Type=notify
in_ct systemctl stop nianbaod
in_ct systemctl start nianbaod
rc=$?
require "systemctl start nianbaod" test "$rc" = 0
st=$(in_ct systemctl show -p Type -p ActiveState -p SubState -p StatusText nianbaod)
echo "$st" | sed 's/^/# /'
check "active (running) through Type=notify" \
    sh -c "echo '$st' | grep -qx Type=notify && echo '$st' | grep -qx ActiveState=active && echo '$st' | grep -qx SubState=running"
check "StateDirectory /var/lib/nianbaod made" \
    test "$(in_ct stat -c '%U' /var/lib/nianbaod)" = nianbaod

# ---- a checked report: findings.jsonl and the journal
spool=/var/spool/nianbaod
in_ct cp /root/sample-004.txt "$spool/incoming/report-a.txt"
require "report-a.txt is checked" wait_for 30 sh -c \
    "nsenter -t $CPID -m -- grep -q report-a.txt $spool/out/findings.jsonl"
rec=$(in_ct grep report-a.txt "$spool/out/findings.jsonl")
check "findings.jsonl has the report with its error" \
    sh -c "echo '$rec' | grep -q '\"rule\":\"narrative.applications\"'"
id=$(echo "$rec" | sed -n 's/.*"id":"\([0-9a-f]*\)".*/\1/p')
check "the input is archived" \
    in_ct sh -c "ls $spool/archive | grep -q '^$id-report-a.txt\$'"
wait_for 10 sh -c "nsenter -t $CPID -m -u -i -p -n -- journalctl -q -u nianbaod NIANBAO_ID=$id | grep -q ."
echo "# --- journal of report $id (journalctl -u nianbaod NIANBAO_ID=$id)"
in_ct journalctl -q --no-pager -u nianbaod NIANBAO_ID="$id" -o short | sed 's/^/#   /'
check "journalctl -u nianbaod NIANBAO_RULE=narrative.applications finds it" \
    sh -c "nsenter -t $CPID -m -u -i -p -n -- journalctl -q --no-pager -u nianbaod NIANBAO_RULE=narrative.applications NIANBAO_ID=$id -o cat | grep -q 'finding=narrative.applications'"
fields=$(in_ct journalctl -q --no-pager -u nianbaod NIANBAO_ID="$id" NIANBAO_RULE=narrative.applications -o export)
check "the entry has NIANBAO_FILE, NIANBAO_SEVERITY, SYSLOG_IDENTIFIER" \
    sh -c "echo '$fields' | grep -q '^NIANBAO_FILE=report-a.txt' && echo '$fields' | grep -q '^NIANBAO_SEVERITY=error' && echo '$fields' | grep -q '^SYSLOG_IDENTIFIER=nianbaod'"

# ---- the processes: never uid 0
uid=$(in_ct id -u nianbaod)
# The main process and its children (the workers); procps is not there.
main=$(in_ct systemctl show -p MainPID --value nianbaod)
pids="$main $(in_ct sh -c "grep -l '^PPid:[[:space:]]*$main\$' /proc/[0-9]*/status 2>/dev/null | cut -d/ -f3")"
bad=0
n=0
for p in $pids; do
	u=$(in_ct sh -c "sed -n 's/^Uid:[[:space:]]*\([0-9]*\).*/\1/p' /proc/$p/status")
	a=$(in_ct sh -c "tr '\0' ' ' < /proc/$p/cmdline")
	echo "# pid $p uid $u: $a"
	n=$((n + 1))
	[ "$u" = "$uid" ] || bad=1
done
check "daemon and its $((n - 1)) workers run as nianbaod ($uid), none as root" \
    test "$bad" = 0 -a "$n" -ge 2

# ---- exposure on the running system
sec=$(in_ct systemd-analyze security nianbaod.service 2>&1 | tail -n 1)
echo "# $sec"
score=$(echo "$sec" | sed -n 's/.*exposure level for .*: \([0-9.]*\).*/\1/p')
check "systemd-analyze security nianbaod.service <= 1.0 ($score)" \
    awk -v s="${score:-99}" 'BEGIN { exit !(s <= 1.0) }'

# ---- reload: a good config, then a broken one
in_ct sed -i 's/^workers = 0;/workers = 1;/' /etc/nianbaod.conf
in_ct systemctl reload nianbaod
rc=$?
check "systemctl reload with a good config" test "$rc" = 0
check "the daemon says it reloaded" wait_for 10 sh -c \
    "nsenter -t $CPID -m -u -i -p -n -- journalctl -q -u nianbaod -o cat | grep -q '配置已重新加载'"
in_ct cp /etc/nianbaod.conf /root/nianbaod.conf.good
in_ct sh -c 'echo "workers = ;" >> /etc/nianbaod.conf'
out=$(in_ct systemctl reload nianbaod 2>&1)
rc=$?
check "systemctl reload with a broken config fails" test "$rc" != 0
in_ct journalctl -q --no-pager -u nianbaod -n 3 -o cat | sed 's/^/# /'
check "and the daemon keeps running" \
    test "$(in_ct systemctl is-active nianbaod)" = active
in_ct cp /root/sample-000.txt "$spool/incoming/report-b.txt"
check "and still checks reports" wait_for 30 sh -c \
    "nsenter -t $CPID -m -- grep -q report-b.txt $spool/out/findings.jsonl"
in_ct cp /root/nianbaod.conf.good /etc/nianbaod.conf

# ---- the watchdog restarts a stopped daemon (5 s instead of 30 for the test)
in_ct mkdir -p /run/systemd/system/nianbaod.service.d
in_ct sh -c 'printf "[Service]\nWatchdogSec=5s\n" > /run/systemd/system/nianbaod.service.d/test.conf'
in_ct systemctl daemon-reload
in_ct systemctl restart nianbaod
pid1=$(in_ct systemctl show -p MainPID --value nianbaod)
nr1=$(in_ct systemctl show -p NRestarts --value nianbaod)
in_ct systemctl kill --kill-who=main -s SIGSTOP nianbaod
restarted() {
	local p
	p=$(in_ct systemctl show -p MainPID --value nianbaod)
	[ "$p" != "$pid1" ] && [ "$p" != 0 ] &&
	    [ "$(in_ct systemctl is-active nianbaod)" = active ]
}
check "the watchdog restarts a SIGSTOPped daemon" wait_for 40 restarted
nr2=$(in_ct systemctl show -p NRestarts --value nianbaod)
in_ct journalctl -q --no-pager -u nianbaod -o cat | grep -i watchdog | tail -n 2 | sed 's/^/# /'
check "NRestarts went up ($nr1 -> $nr2)" test "$nr2" -gt "$nr1"
in_ct rm -rf /run/systemd/system/nianbaod.service.d
in_ct systemctl daemon-reload
in_ct systemctl restart nianbaod

# ---- stop drains: what was started is finished, nothing is lost
for i in $(seq 1 20); do
	in_ct cp /root/sample-004.txt "$spool/incoming/drain-$i.txt"
done
sleep 0.5
in_ct systemctl stop nianbaod
rc=$?
res=$(in_ct systemctl show -p Result --value nianbaod)
check "systemctl stop exits cleanly (Result=$res)" test "$rc" = 0 -a "$res" = success
check "the daemon said it left after finishing" sh -c \
    "nsenter -t $CPID -m -u -i -p -n -- journalctl -q -u nianbaod -o cat | grep -q '已退出'"
in_ct systemctl start nianbaod
all_done() {
	[ "$(in_ct sh -c "grep -c '\"file\":\"drain-' $spool/out/findings.jsonl")" = 20 ]
}
check "after a restart all 20 reports are checked exactly once" wait_for 60 all_done
check "nothing left in incoming/ or work/" \
    test -z "$(in_ct find $spool/incoming $spool/work -type f)"

# ---- upgrade over itself; the changed conffile is kept
in_ct sh -c 'echo "# local change" >> /etc/nianbaod.conf'
out=$(in_ct env DEBIAN_FRONTEND=noninteractive apt-get install -y \
    --reinstall -o Dpkg::Options::=--force-confold \
    "/root/debs/$debname" 2>&1)
rc=$?
echo "$out" | tail -n 3 | sed 's/^/# /'
check "the package upgrades over itself" test "$rc" = 0
check "the local change of /etc/nianbaod.conf is kept" \
    in_ct grep -q '^# local change' /etc/nianbaod.conf
check "the daemon runs again after the upgrade" wait_for 20 sh -c \
    "[ \"\$(nsenter -t $CPID -m -u -i -p -n -- systemctl is-active nianbaod)\" = active ]"

# ---- purge
out=$(in_ct env DEBIAN_FRONTEND=noninteractive apt-get purge -y nianbao-dev nianbao 2>&1)
rc=$?
echo "$out" | tail -n 3 | sed 's/^/# /'
check "apt-get purge nianbao nianbao-dev" test "$rc" = 0
check "the unit is gone" sh -c \
    "! nsenter -t $CPID -m -u -i -p -n -- systemctl cat nianbaod >/dev/null 2>&1"
left=$(in_ct sh -c 'ls -d /etc/nianbaod.conf /var/spool/nianbaod /var/lib/nianbaod \
    /usr/share/nianbao /usr/lib/x86_64-linux-gnu/nianbao /usr/share/doc/nianbao \
    /etc/systemd/system/multi-user.target.wants/nianbaod.service 2>/dev/null')
check "purge leaves nothing the package made (${left:-nothing})" test -z "$left"
check "the nianbaod user and group are gone" sh -c \
    "! nsenter -t $CPID -m -- grep -q '^nianbaod:' /etc/passwd /etc/group"
check "dpkg knows nothing of nianbao" sh -c \
    "! nsenter -t $CPID -m -u -i -p -n -- dpkg -s nianbao >/dev/null 2>&1"

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
