# tests/common.sh -- what the shell tests of the checker start with
# (sourced: . "${NB_SRCDIR:-.}/tests/common.sh").
#
#   src, build   the source and build trees (NB_SRCDIR, NB_BUILDDIR)
#   nb, opts     the command, and the national pack and the build's plugins
#   data         tests/data
#   tmp          a folder removed at exit (read-only parts included)
#   ok S TEXT    counts a check: S is 0 when it held (pass, fail)
#   python_with MODULE   sets py to a python3 that imports MODULE (Debian's
#                first: another python3 first on PATH may lack the
#                Debian-packaged module); returns 1 if none does
set -u
src=${NB_SRCDIR:-.}
build=${NB_BUILDDIR:-.}
nb="$build/cli/nianbao"
opts="--rules $src/rules/national-2021.json --plugin-dir $build/plugins/.libs"
data="$src/tests/data"
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() {
	if [ "$1" = 0 ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL: $2"; fi
}

python_with() {
	for py in /usr/bin/python3 python3; do
		"$py" -c "import $1" 2>/dev/null && return 0
	done
	py=
	return 1
}
