#!/bin/sh
# hubei.sh -- the 湖北 pack on a 2019-format report (doc/rule-packs.md):
# its 其他主动公开文件 row is read with the pack and checked like the other
# rows (a blank or negative cell found), left out of the table without
# it; the 2021 format is unchanged.
. "${NB_SRCDIR:-.}/tests/common.sh"
command -v python3 >/dev/null 2>&1 || { echo "# python3 missing"; exit 77; }
nb() {
	"$build/cli/nianbao" check --rules "$src/rules/national-2021.json" \
	    --plugin-dir "$build/plugins/.libs" "$@"
}
mk() {	# mk NAME ROW
	python3 "$src/tests/provinces/as2019.py" "$src/tests/data/sample-000.txt" \
	    "$2" > "$tmp/$1.txt"
}
mk good "其他主动公开文件 5 5 12"
mk blank "其他主动公开文件 5 / 12"
mk neg "其他主动公开文件 5 -1 12"
mk none ""
for f in good blank neg none; do
	nb "$tmp/$f.txt" > "$tmp/$f.nat" 2>&1
	nb --province hubei "$tmp/$f.txt" > "$tmp/$f.hb" 2>&1
done
ok "$(grep -q '2019年试行格式，2020年度，0 个错误，0 个警告' "$tmp/good.nat" &&
	grep -q '0 个错误，0 个警告' "$tmp/good.hb" && echo 0)" \
    "a 2019 report with the row: clean with and without the pack"
ok "$(grep -q '0 个错误，0 个警告' "$tmp/blank.nat" && echo 0)" \
    "without the pack the row is not read: its blank cell goes unseen"
ok "$(grep -q 'warning: \[sums.blank_cell\] .*“其他主动公开文件” / “本年新公开数量”' \
	"$tmp/blank.hb" && grep -q '0 个错误，1 个警告' "$tmp/blank.hb" && echo 0)" \
    "with it the blank cell is one warning naming the row"
ok "$(grep -q 'error: \[sums.not_a_count\] .*“其他主动公开文件”' "$tmp/neg.hb" &&
	grep -q '1 个错误，0 个警告' "$tmp/neg.hb" &&
	grep -q '0 个错误，0 个警告' "$tmp/neg.nat" && echo 0)" \
    "a negative count in the row is an error with the pack only"
ok "$(grep -q 'error: \[sums.table_incomplete\] .*缺少1行（“其他主动公开文件”）' \
	"$tmp/none.hb" && grep -q '0 个错误，0 个警告' "$tmp/none.nat" && echo 0)" \
    "a 2019 report of the pack's province without the row: its T2 is incomplete"
nb "$src/tests/data/sample-000.txt" > "$tmp/s.nat" 2>&1
nb --province hubei "$src/tests/data/sample-000.txt" > "$tmp/s.hb" 2>&1
ok "$(cmp -s "$tmp/s.nat" "$tmp/s.hb" && echo 0)" "the 2021 format is unchanged"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
