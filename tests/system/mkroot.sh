#!/bin/sh
# tests/system/mkroot.sh -- make (once) the minimal Debian 12 root that the
# system test boots.  The root is cached in a fixed folder so that CI pays
# for debootstrap once per machine; a run copies it and never changes it.
#
#   mkroot.sh CACHE_DIR    prints the path of a ready root
#
# The mirror is the one this machine's apt uses, so no other host is named.
set -eu

cache=${1:?usage: mkroot.sh CACHE_DIR}
root=$cache/bookworm
# Bump when the package list changes: an old cache is then made anew.
stamp=v4

if [ -f "$root/.nianbao-root-$stamp" ]; then
	echo "$root"
	exit 0
fi

mirror=$(grep -rhs '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null |
    awk '{print $2}' | grep -m1 '/debian$' || true)
[ -n "$mirror" ] || mirror=$(grep -hs '^deb ' /etc/apt/sources.list \
    /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}' |
    grep -m1 '/debian/*$' || true)
[ -n "$mirror" ] || { echo "mkroot: no Debian mirror in /etc/apt/sources.list*" >&2; exit 1; }

# systemd to boot it; the runtime libraries of the package so that
# installing the .deb needs no download.
include=systemd,systemd-sysv,dbus,libevent-2.1-7,libevent-pthreads-2.1-7,libjansson4,libsystemd0,libunistring2,libuchardet0,libxml2,libzip4,libpoppler-glib8,libglib2.0-0,libconfig9,libcairo2,libcsv3,libpq5,libseccomp2,libsqlite3-0,libxlsxwriter4,libtesseract5,liblept5,tesseract-ocr-chi-sim,tesseract-ocr-eng

rm -rf "$root.tmp"
mkdir -p "$cache"
echo "mkroot: debootstrap bookworm from $mirror into $root (once)" >&2
debootstrap --variant=minbase --include="$include" bookworm "$root.tmp" \
    "$mirror" >"$cache/debootstrap.log" 2>&1 || {
	tail -20 "$cache/debootstrap.log" >&2
	exit 1
}
# No network inside; apt must not try.
rm -f "$root.tmp/etc/apt/sources.list"
echo nianbao-test > "$root.tmp/etc/hostname"
rm -rf "$root"
mv "$root.tmp" "$root"
touch "$root/.nianbao-root-$stamp"
echo "$root"
