#!/bin/sh
# test-install.sh -- what `make install` puts down agrees with itself:
# every default path that the installed manual pages and the installed
# nianbaod.conf name is the one this build uses (and exists after the
# install), the programs' own defaults are the same, and every document
# the README names is installed.
set -u
src=${NB_SRCDIR:-.}
build=${NB_BUILDDIR:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() {
	if [ "$1" = 0 ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL: $2"; fi
}

# The folders of this build, as make knows them.
dirs=$(printf 'nb-print-dirs:\n\t@echo "prefix=$(prefix) sysconfdir=$(sysconfdir) localstatedir=$(localstatedir) rulesdir=$(rulesdir) pluginsdir=$(pluginsdir) includedir=$(includedir) docdir=$(docdir) mandir=$(mandir) sbindir=$(sbindir)"\n' |
    make -s --no-print-directory -C "$build" -f Makefile -f - nb-print-dirs |
    grep -v "^make")
eval "$dirs"
echo "# $dirs"
make -s -C "$build" install DESTDIR="$tmp/root" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; echo "0 passed, 1 failed"; exit 1; }
R=$tmp/root
man=$R$mandir
conf=$R$sysconfdir/nianbaod.conf

ok "$([ -f "$conf" ] && echo 0)" "nianbaod.conf installed in $sysconfdir"
# The commented defaults of the installed configuration.
v() { sed -n "s|^#$1 = \"\\(.*\\)\";|\\1|p" "$conf"; }
ok "$([ "$(v rules)" = "$rulesdir/national-2021.json" ] &&
	[ -f "$R$(v rules)" ] && echo 0)" "config: default rules $(v rules) is installed"
ok "$([ "$(v plugin_dir)" = "$pluginsdir" ] &&
	ls "$R$(v plugin_dir)"/sums.so >/dev/null 2>&1 && echo 0)" \
	"config: default plugin_dir $(v plugin_dir) holds the plugins"
ok "$([ "$(v spool)" = "$localstatedir/spool/nianbaod" ] && echo 0)" \
	"config: default spool $(v spool)"
# The daemon's compiled-in spool is the same (a config without spool).
printf 'rules = "%s";\nplugin_dir = "%s";\n' "$src/rules/national-2021.json" \
	"$build/plugins/.libs" > "$tmp/min.conf"
"$build/daemon/nianbaod" -t -c "$tmp/min.conf" >"$tmp/t.out" 2>&1
ok "$(grep -q "队列目录 $(v spool)" "$tmp/t.out" && echo 0)" \
	"nianbaod's built-in spool is the one the config names"

# Manual pages: installed, and every default path in them is this build's.
for m in man1/nianbao.1 man8/nianbaod.8 man5/nianbaod.conf.5 \
    man3/nianbao-plugin.3; do
	ok "$([ -s "$man/$m" ] && echo 0)" "$m installed"
done
ok "$(grep -q "^\\.IR* $rulesdir/national-2021.json" "$man/man1/nianbao.1" &&
	grep -q "^\\.IR* $pluginsdir" "$man/man1/nianbao.1" && echo 0)" \
	"nianbao(1) names this build's rules and plugins"
ok "$("$build/cli/nianbao" --help | grep -q "$rulesdir/national-2021.json" &&
	"$build/cli/nianbao" --help | grep -q "$pluginsdir" && echo 0)" \
	"nianbao --help names the same defaults"
ok "$(grep -q "^\\.IR* $sysconfdir/nianbaod.conf" "$man/man8/nianbaod.8" &&
	"$build/daemon/nianbaod" --help | grep -q "$sysconfdir/nianbaod.conf" &&
	echo 0)" "nianbaod(8) and nianbaod --help name $sysconfdir/nianbaod.conf"
ok "$(grep -q "^\\.IR* $localstatedir/spool/nianbaod" "$man/man5/nianbaod.conf.5" &&
	echo 0)" "nianbaod.conf(5) names the default spool"
# No path of another build (or a template) left anywhere.
bad=$(cat "$man"/man[1358]/nianbao*.[1358] "$conf" |
	grep -o '[ "]/\(usr\|etc\|var\)/[^ "]*' | sed 's/^.//' |
	while read -r p; do
		case $p in
		"$prefix"/*|"$sysconfdir"/*|"$localstatedir"/*) ;;
		# systemd's own folder for an admin's drop-ins, whatever
		# the prefix (nianbaod(8): the PostgreSQL drop-in)
		/etc/systemd/system/*) ;;
		*) echo "$p" ;;
		esac
	done; cat "$man"/man[1358]/nianbao*.[1358] "$conf" | grep -o '@[a-z]*@')
ok "$([ -z "$bad" ] && echo 0)" "no foreign or unfilled path in the pages and config (${bad:-none})"

# Every document the README names is installed.
for d in $(grep -o '`\(doc/[^`]*\|[A-Z]*\.md\)`' "$src/README.md" | tr -d '`' |
    sort -u) README.md; do
	ok "$([ -f "$R$docdir/$(basename "$d")" ] && echo 0)" "$d installed in $docdir"
done
ok "$([ -f "$R$docdir/examples/rules_level.c" ] && echo 0)" \
	"the example plugin's source is installed"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
