#!/bin/bash
# unit.sh -- systemd-analyze verify accepts the unit; its security exposure
# (offline) stays below 2.0.
. "${srcdir:-.}/tests/daemon/lib.sh"

command -v systemd-analyze >/dev/null || { echo "no systemd-analyze"; exit 77; }
# The unit with its paths pointing into this build, so verify finds the
# binary it names.
sed -e "s|@sbindir@|$top_builddir/daemon|g" -e "s|@sysconfdir@|$T|g" \
    -e "s|@localstatedir@|$T|g" \
    "$top_srcdir/systemd/nianbaod.service.in" > "$T/nianbaod.service"
# --man=no: the man pages are not installed in a build tree.
out=$(systemd-analyze verify --man=no "$T/nianbaod.service" 2>&1)
echo "$out" | sed 's/^/# /'
check "systemd-analyze verify accepts the unit" \
    test -z "$(echo "$out" | grep -i nianbaod)"
sec=$(systemd-analyze security --offline=yes "$T/nianbaod.service" 2>&1 | tail -n 1)
echo "# $sec"
score=$(echo "$sec" | sed -n 's/.*exposure level for .*: \([0-9.]*\).*/\1/p')
check "security exposure below 2.0 ($score)" \
    awk -v s="${score:-99}" 'BEGIN { exit !(s < 2.0) }'
for f in nianbaod-tmpfiles.conf.in nianbaod-sysusers.conf; do
	check "$f is there" test -s "$top_srcdir/systemd/$f"
done
