#!/bin/sh
# same-output.sh -- the `check --json` output (stdout, stderr, exit code)
# of every test, sample, real and corpus file, written to one folder so
# that a build before a change and a build after it can be compared byte
# for byte (issue 14: "no output changes").
#
#   bench/same-output.sh OUTDIR [CORPUS...]   # write OUTDIR/<n>.{out,err,rc}
#   bench/same-output.sh -c REFDIR [CORPUS...] # compare against REFDIR
#
# NB_BUILDDIR (default .) names the build; the files are tests/data/*.txt,
# tests/data/formats/*, ../shared/samples/*, ../shared/real/* and every file
# under the CORPUS folders (bench/gen-corpus output).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
SRC=$(dirname "$here")
BUILD=$(cd "${NB_BUILDDIR:-.}" && pwd)
cmp=0
if [ "${1:-}" = -c ]; then cmp=1; shift; fi
[ $# -ge 1 ] || { echo "usage: same-output.sh [-c] DIR [CORPUS...]" >&2; exit 2; }
dir=$1; shift
if [ $cmp = 1 ]; then out=$(mktemp -d "${TMPDIR:-/tmp}/nb-same.XXXXXX"); else out=$dir; mkdir -p "$out"; fi
list=$out/files
{
	ls "$SRC"/tests/data/*.txt "$SRC"/tests/data/formats/*
	ls "$SRC"/../shared/samples/* "$SRC"/../shared/real/* 2>/dev/null || true
	for c in "$@"; do find "$c" -type f | sort; done
} | grep -v '/\(README.md\|expect.json\|labels.json\|manifest.tsv\)$' >"$list"
i=0
while read -r f; do
	i=$((i + 1))
	rc=0
	"$BUILD/cli/nianbao" check --json --rules "$SRC/rules/national-2021.json" \
	    --plugin-dir "$BUILD/plugins/.libs" "$f" >"$out/$i.out" 2>"$out/$i.err" || rc=$?
	echo "$rc" >"$out/$i.rc"
done <"$list"
echo "same-output: $i files"
[ $cmp = 1 ] || exit 0
bad=0
if ! cmp -s "$dir/files" "$list"; then echo "same-output: file lists differ" >&2; bad=1; fi
j=0
while read -r f; do
	j=$((j + 1))
	for e in out err rc; do
		cmp -s "$dir/$j.$e" "$out/$j.$e" || { echo "DIFF $e: $f" >&2; bad=1; }
	done
done <"$list"
[ $bad = 0 ] && { echo "same-output: identical"; rm -rf "$out"; }
exit $bad
