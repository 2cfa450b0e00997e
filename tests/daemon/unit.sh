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
# The PostgreSQL drop-in: the unit with it still verifies, opens one
# address (IPAddressDeny=any stays) and stays nearly as tight.
cat "$T/nianbaod.service" "$top_srcdir/systemd/postgresql.conf" \
    > "$T/nianbaod-pg.service"
out=$(systemd-analyze verify --man=no "$T/nianbaod-pg.service" 2>&1)
check "the unit with the PostgreSQL drop-in verifies" \
    test -z "$(echo "$out" | grep -i nianbaod)"
check "the drop-in allows exactly one address" test "$(grep -c \
    '^IPAddressAllow=[0-9.]*/32$' "$top_srcdir/systemd/postgresql.conf")" -eq 1
check "the drop-in keeps IPAddressDeny=any" grep -q '^IPAddressDeny=any$' \
    "$T/nianbaod-pg.service"
sec=$(systemd-analyze security --offline=yes "$T/nianbaod-pg.service" 2>&1 | tail -n 1)
echo "# with the drop-in: $sec"
score=$(echo "$sec" | sed -n 's/.*exposure level for .*: \([0-9.]*\).*/\1/p')
check "with the drop-in, exposure below 2.5 ($score)" \
    awk -v s="${score:-99}" 'BEGIN { exit !(s < 2.5) }'
for f in tmpfiles/nianbaod.conf.in sysusers/nianbaod.conf; do
	check "$f is there" test -s "$top_srcdir/systemd/$f"
done

# sysusers.d and tmpfiles.d, applied for real to a scratch root.
mkdir -p "$T/root/etc"
if command -v systemd-sysusers >/dev/null; then
	systemd-sysusers --root="$T/root" \
	    "$top_srcdir/systemd/sysusers/nianbaod.conf" 2>&1 | sed 's/^/# /'
	check "sysusers.d creates the nianbaod user" \
	    grep -q '^nianbaod:' "$T/root/etc/passwd"
fi
if command -v systemd-tmpfiles >/dev/null; then
	sed "s|@localstatedir@|/var|g" \
	    "$top_srcdir/systemd/tmpfiles/nianbaod.conf.in" > "$T/tmpfiles.conf"
	systemd-tmpfiles --root="$T/root" --create "$T/tmpfiles.conf" 2>&1 |
	    sed 's/^/# /'
	check "tmpfiles.d creates the spool" \
	    test -d "$T/root/var/spool/nianbaod/archive"
	check "incoming/ is setgid and group-writable" \
	    test "$(stat -c %a "$T/root/var/spool/nianbaod/incoming")" = 2770
fi
