#!/bin/bash
# trust.sh -- which plugins are loaded (issue 9, defects 8 and 9): a copy
# of a plugin under another name is refused naming both files (it crashed
# the checker with SIGSEGV), and so is code that someone other than root
# and our own user could have changed: a file owned by another user, a
# group- or world-writable file or folder, a symlink into a world-writable
# folder.  A root-owned sticky folder such as /tmp is accepted.
. "${srcdir:-.}/tests/daemon/lib.sh"

CLI=$top_builddir/cli/nianbao
SAMPLE=$DATA/sample-000.txt
# nbcheck DIR: runs the checker with plugins from DIR; output in $T/out
nbcheck() {
	"$CLI" check --rules "$RULES" --plugin-dir "$1" "$SAMPLE" \
	    >"$T/out" 2>&1
}
plugdir() {	# plugdir DIR: a fresh copy of the shipped plugins
	rm -rf "$1"
	mkdir -p "$1"
	chmod 755 "$1"
	cp "$PLUGINS"/*.so "$1"/
	chmod 644 "$1"/*.so
}
mkdir -p "$T/p"
chmod 755 "$T" "$T/p"

plugdir "$T/p/good"
nbcheck "$T/p/good"
check "the shipped plugins load from a folder of ours" test $? -eq 0

# Defect 9: a copy of sums.so saved as intruder.so.
plugdir "$T/p/dup"
cp "$T/p/dup/sums.so" "$T/p/dup/intruder.so"
nbcheck "$T/p/dup"
rc=$?
check "intruder.so: no crash (exit $rc, not 139)" test "$rc" -eq 2
check "intruder.so: the message names intruder.so" grep -q 'intruder.so' "$T/out"
check "intruder.so: the message names sums.so" grep -q 'sums.so' "$T/out"
write_conf
sed -i "s|^plugin_dir = .*|plugin_dir = \"$T/p/dup\";|" "$CONF"
"$NBD" -t -c "$CONF" >"$T/out" 2>&1
rc=$?
check "nianbaod -t refuses the intruder too (exit $rc)" test "$rc" -eq 1
check "nianbaod -t names both files" grep -q 'intruder.so.*sums.so' "$T/out"

# Defect 9, the other half: a plugin declaring a rule of another one
# (thief.so declares sums.balance) is refused naming both files, whichever
# of the two is loaded first.
plugdir "$T/p/thief"
cp "$top_builddir/tests/host/.libs/thief.so" "$T/p/thief/thief.so"
cp "$top_builddir/tests/host/.libs/thief.so" "$T/p/thief/aaa_thief.so"
chmod 644 "$T/p/thief"/*.so
"$CLI" check --rules "$RULES" --plugin-dir "$T/p/thief" --plugins sums,thief \
    "$SAMPLE" >"$T/out" 2>&1
rc=$?
check "thief.so (after sums): refused (exit $rc)" test "$rc" -eq 2
check "thief.so: the message names thief.so and sums.so" \
    grep -q "thief.so: 插件 thief 声明的规则 sums.balance 属于 $T/p/thief/sums.so" "$T/out"
rm "$T/p/thief/thief.so"
nbcheck "$T/p/thief"
check "a thief loaded before sums.so is refused naming both too" \
    grep -q "aaa_thief.so: .*sums.balance 属于 $T/p/thief/sums.so" "$T/out"

# Defect 8: what may not load.
plugdir "$T/p/gw"
chmod g+w "$T/p/gw/fees.so"
nbcheck "$T/p/gw"
check "a group-writable plugin is refused" grep -q '可被其他用户写入' "$T/out"

plugdir "$T/p/ww"
chmod 777 "$T/p/ww"
nbcheck "$T/p/ww"
check "a plugin folder writable by others is refused" \
    grep -q "目录 $T/p/ww 可被其他用户写入" "$T/out"

plugdir "$T/p/sticky"
chmod 1777 "$T/p/sticky"
nbcheck "$T/p/sticky"
if [ "$(id -u)" = 0 ]; then
	check "a root-owned sticky folder is accepted" test $? -eq 0
else
	check "a sticky folder of a non-root user is refused" \
	    grep -q '可被其他用户写入' "$T/out"
fi

plugdir "$T/p/link"
mkdir -p "$T/p/open"
chmod 777 "$T/p/open"
mv "$T/p/link/fees.so" "$T/p/open/fees.so"
ln -s "$T/p/open/fees.so" "$T/p/link/fees.so"
nbcheck "$T/p/link"
check "a symlink into a world-writable folder is refused" \
    grep -q "目录 $T/p/open 可被其他用户写入" "$T/out"

# The folder's chains are checked with its first plugin and remembered
# for the others (trust.c's memo): a folder reached through a symlink
# still loads, one whose target others may write is still refused, and a
# symlinked plugin after plain ones is still resolved and checked.
ln -s "$T/p/good" "$T/p/alias"
nbcheck "$T/p/alias"
check "the plugins load through a symlinked folder" test $? -eq 0
ln -s "$T/p/ww" "$T/p/walias"
nbcheck "$T/p/walias"
check "a symlinked folder into a folder others may write is refused" \
    grep -q "目录 $T/p/ww 可被其他用户写入" "$T/out"
plugdir "$T/p/late"
mv "$T/p/late/statistics.so" "$T/p/open/statistics.so"
ln -s "$T/p/open/statistics.so" "$T/p/late/statistics.so"
nbcheck "$T/p/late"
check "a symlink after plain plugins of its folder is refused" \
    grep -q "statistics.so: 目录 $T/p/open 可被其他用户写入" "$T/out"

if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	plugdir "$T/p/owner"
	chown nobody "$T/p/owner/fees.so"
	nbcheck "$T/p/owner"
	check "a plugin owned by another user is refused" \
	    grep -q "fees.so: 文件属于用户 $(id -u nobody)" "$T/out"
	plugdir "$T/p/downer"
	chown nobody "$T/p/downer"
	nbcheck "$T/p/downer"
	check "a plugin folder owned by another user is refused" \
	    grep -q "目录 $T/p/downer 属于用户" "$T/out"
else
	echo "# not root: ownership cases skipped"
fi
