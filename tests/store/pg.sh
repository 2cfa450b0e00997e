#!/bin/sh
# tests/store/pg.sh -- the history store on a real PostgreSQL server that
# this test starts itself: initdb and pg_ctl of Debian's postgresql
# package, a cluster in a temporary folder listening on a Unix socket
# only, run as an unprivileged user (PostgreSQL refuses root).
#
#   sh tests/store/pg.sh BUILDDIR
#
# Skips (exit 77) when the server binaries are absent, fails instead when
# CI=true.  After test-store, tests/store/cli.sh runs the checks across
# reports through the nianbao command on the same server.
set -eu
build=${1:?usage: pg.sh BUILDDIR}
build=$(cd "$build" && pwd)
top=$(cd "$(dirname "$0")/../.." && pwd)

bindir=
for d in /usr/lib/postgresql/*/bin; do
	[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && bindir=$d
done
if [ -z "$bindir" ]; then
	echo "SKIP: PostgreSQL server binaries (initdb, pg_ctl) not found:" \
	    "apt-get install postgresql"
	[ "${CI:-}" = true ] && { echo "FAIL: CI needs PostgreSQL"; exit 1; }
	exit 77
fi

tmp=$(mktemp -d /tmp/nbpg.XXXXXX)
pgdata=$tmp/data
sock=$tmp/sock
mkdir -p "$sock"
run_as=
if [ "$(id -u)" = 0 ]; then
	chown nobody "$tmp" "$sock"
	chmod 755 "$tmp"
	run_as="runuser -u nobody --"
fi
stop() {
	$run_as "$bindir/pg_ctl" -D "$pgdata" -m immediate -w stop \
	    >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap stop EXIT INT TERM

$run_as "$bindir/initdb" -D "$pgdata" -U nbtest --auth=trust \
    -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 || {
	cat "$tmp/initdb.log"; exit 1; }
$run_as "$bindir/pg_ctl" -D "$pgdata" -w -l "$tmp/server.log" \
    -o "-c listen_addresses='' -k $sock -c fsync=off" start >/dev/null || {
	cat "$tmp/server.log"; exit 1; }
"$bindir/createdb" -h "$sock" -U nbtest nianbao

uri="postgresql://nbtest@/nianbao?host=$sock"
echo "== PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at $sock"
"$build/tests/store/test-store" "$uri"
for db in a b c; do
	"$bindir/createdb" -h "$sock" -U nbtest "$db"
done
NB_SRCDIR=$top NB_BUILDDIR=$build NB_PG_PREFIX="postgresql://nbtest@/" \
    NB_PG_SUFFIX="?host=$sock" sh "$top/tests/store/cli.sh"
"$bindir/createdb" -h "$sock" -U nbtest x
NB_SRCDIR=$top NB_BUILDDIR=$build NB_PG_PREFIX="postgresql://nbtest@/" \
    NB_PG_SUFFIX="?host=$sock" sh "$top/tests/store/export.sh"
# The board's reads and reviews (tally, verdicts) on the same server.
"$bindir/createdb" -h "$sock" -U nbtest board
NB_SRCDIR=$top NB_BUILDDIR=$build \
    NB_BOARD_STORE="postgresql://nbtest@/board?host=$sock" \
    sh "$top/tests/board/serve.sh"
