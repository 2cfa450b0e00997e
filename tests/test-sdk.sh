#!/bin/sh
# test-sdk.sh -- the plugin SDK as a province's programmer meets it (issue
# 10 item 5): nianbao is installed into a temporary root, a plugin is
# built outside this tree against the installed header with nothing but
# `pkg-config --cflags nianbao-plugin`, and the installed nianbao loads it
# (through the one trust check) and reports its finding.  A plugin built
# for a newer minor of the ABI loads too; one for another major does not.
set -u
build=${NB_BUILDDIR:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() {
	if [ "$1" = 0 ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL: $2"; fi
}

command -v pkg-config >/dev/null 2>&1 || { echo "# pkg-config missing"; exit 77; }
dirs=$(printf 'nb-print-dirs:\n\t@echo "bindir=$(bindir) libdir=$(libdir) rulesdir=$(rulesdir) docdir=$(docdir) pluginsdir=$(pluginsdir)"\n' |
    make -s --no-print-directory -C "$build" -f Makefile -f - nb-print-dirs |
    grep -v "^make")
eval "$dirs"
R=$tmp/root
make -s -C "$build" install DESTDIR="$R" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; echo "0 passed, 1 failed"; exit 1; }

# pkg-config as against a staged root: the paths it gives are under $R.
PKG_CONFIG_PATH=$R$libdir/pkgconfig
PKG_CONFIG_SYSROOT_DIR=$R
PKG_CONFIG_LIBDIR=$R$libdir/pkgconfig
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR
cflags=$(pkg-config --cflags nianbao-plugin)
ok $? "pkg-config --cflags nianbao-plugin"
ok "$([ "$(pkg-config --variable=abi_major nianbao-plugin)" = 1 ] && echo 0)" \
    "the .pc states ABI major 1"
ok "$(case $cflags in *"$R"*) echo 0;; esac)" "cflags point into the install ($cflags)"

# Outside the tree: the installed example and a plugin of ABI 1.99.
mkdir -p "$tmp/src" "$tmp/plugins"
chmod 755 "$tmp" "$tmp/plugins"
cp "$R$docdir/examples/rules_level.c" "$tmp/src/"
cat > "$tmp/src/newer.c" <<'EOC'
/* Built for a minor the host does not know: its descriptor is longer. */
#include <nianbao/plugin.h>

struct newer_plugin {
	struct nb_plugin base;
	void (*added_in_1_99)(void);
};

static const struct nb_rule rules[] = {
	{ "newer.seen", NB_SEV_INFO, "更新的次版本插件已运行" },
};

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	struct nb_finding f = { .rule = "newer.seen", .severity = NB_SEV_INFO,
	    .message = "更新的次版本插件已运行" };

	(void)state; (void)r;
	return api->emit(ctx, &f);
}

static const struct newer_plugin desc = { {
	.abi_version = NB_ABI_MK(NB_ABI_MAJOR, 99),
	.struct_size = sizeof(struct newer_plugin),
	.name = "newer", .version = "1.99",
	.rules = rules, .n_rules = 1, .check = check,
}, 0 };

NB_EXPORT const struct nb_plugin *
nb_plugin_entry(void)
{
	return &desc.base;
}
EOC
sed -e 's/NB_ABI_MK(NB_ABI_MAJOR, 99)/NB_ABI_MK(NB_ABI_MAJOR + 1, 0)/' \
    -e 's/"newer"/"major"/; s/newer\.seen/major.seen/g' \
    "$tmp/src/newer.c" > "$tmp/src/major.c"
cd "$tmp/src" || exit 1
for p in rules_level newer major; do
	${CC:-cc} -std=c11 -Wall -Wextra -Werror -shared -fPIC \
	    -fvisibility=hidden $cflags -o "$tmp/plugins/$p.so" "$p.c" \
	    >"$tmp/cc-$p.log" 2>&1
	ok $? "$p.c builds with only pkg-config --cflags ($(cat "$tmp/cc-$p.log"))"
	chmod 644 "$tmp/plugins/$p.so"
done
ok "$(nm -D --defined-only "$tmp/plugins/rules_level.so" | grep -v ' nb_plugin_entry$' |
    grep -c ' T ' | grep -qx 0 && echo 0)" "the example exports nb_plugin_entry only"

# The installed nianbao loads it and reports its finding.
NB=$R$bindir/nianbao
printf '%s\n' "某县人民政府2022年政府信息公开工作年度报告" "一、总体情况" \
    "二、主动公开政府信息情况" "第二十条第（一）项" \
    "信息内容 本年制发件数 本年废止件数 现行有效件数" "规章 2 0 5" \
    "行政规范性文件 1 0 3" > "$tmp/county.txt"
run() {
	"$NB" check --rules "$R$rulesdir/national-2021.json" \
	    --plugin-dir "$tmp/plugins" "$@"
}
run --plugins rules_level --list-rules >"$tmp/rules.out" 2>&1
ok "$(grep -q '^rules_level.county_rules ' "$tmp/rules.out" && echo 0)" \
    "the installed nianbao lists the plugin's rule ($(head -c 300 "$tmp/rules.out"))"
run --plugins rules_level --json "$tmp/county.txt" >"$tmp/check.out" 2>&1
ok "$(grep -q '"rule": *"rules_level.county_rules"' "$tmp/check.out" && echo 0)" \
    "its finding is reported ($(head -c 300 "$tmp/check.out"))"
run --plugins rules_level --set rules_level.county_rules=off --json \
    "$tmp/county.txt" >"$tmp/off.out" 2>&1
ok "$(grep -q 'rules_level.county_rules' "$tmp/off.out" || echo 0)" \
    "--set turns a plugin's rule off"
run --plugins newer --json "$tmp/county.txt" >"$tmp/newer.out" 2>&1
ok "$(grep -q '"rule": *"newer.seen"' "$tmp/newer.out" && echo 0)" \
    "a plugin of a newer minor (1.99) loads and runs ($(head -c 300 "$tmp/newer.out"))"
run --plugins major "$tmp/county.txt" >"$tmp/major.out" 2>&1
ok "$([ $? = 2 ] && grep -q 'major.so: 插件按 ABI 2.0 编译' "$tmp/major.out" && echo 0)" \
    "a plugin of another major is refused ($(cat "$tmp/major.out"))"
# The one trust check guards what is built outside too.
chmod g+w "$tmp/plugins/rules_level.so"
run --plugins rules_level "$tmp/county.txt" >"$tmp/trust.out" 2>&1
ok "$(grep -q 'rules_level.so.*可被其他用户写入' "$tmp/trust.out" && echo 0)" \
    "a group-writable out-of-tree plugin is refused ($(cat "$tmp/trust.out"))"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
