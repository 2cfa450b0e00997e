#!/bin/sh
# tests/store/cli.sh -- checks across reports through the nianbao
# command: consecutive years of one issuer built from the samples (carry
# over, effective counts, narrative copied or changed), versions, copies
# between issuers, the roster, deadlines and the campaign listing; each
# rule must fire exactly where it should.
#
# On fresh SQLite files by default; tests/store/pg.sh runs it again on
# its PostgreSQL server with NB_PG_PREFIX/NB_PG_SUFFIX (URI = prefix
# NAME suffix for databases a, b and c).
. "${NB_SRCDIR:-.}/tests/common.sh"

uri() {
	if [ -n "${NB_PG_PREFIX:-}" ]; then echo "$NB_PG_PREFIX$1${NB_PG_SUFFIX:-}"
	else echo "$tmp/$1.db"; fi
}

# check STORE OUT FILE [--roster R]: nianbao check --json --store
check() {
	db=$1 out=$2 f=$3
	shift 3
	# shellcheck disable=SC2086
	"$nb" check $opts --json --store "$(uri "$db")" "$@" "$f" >"$out" \
	    2>"$out.err"
	st=$?
	[ "$st" -le 1 ] || { echo "check $f: status $st"; cat "$out.err"; }
}

# n OUT RULE [SEVERITY [CELL]]: how many findings of RULE in OUT (one
# finding a line once split at "},{"; a finding holds no object).
n() {
	sed 's/},{/}\n{/g' "$1" | grep -F "\"rule\":\"$2\"" |
	    grep -F "\"severity\":\"${3:-}" |
	    if [ -n "${4:-}" ]; then grep -F "\"cell\":\"$4\""; else cat; fi |
	    wc -l | tr -d ' '
}

is() { [ "$1" = "$2" ] && echo 0 || echo "1 (got $1, want $2)"; }

# ---- A: one issuer, 2021 then 2022, narrative copied -------------------
mkdir -p "$tmp/a"
sed -e 's/2022/2021/g' \
    -e 's/^四、结转下年度继续办理 0 0 0 0 0 0 0/四、结转下年度继续办理 2 0 0 0 0 0 2/' \
    -e 's/^行政规范性文件 7 14 24/行政规范性文件 5 3 31/' \
    "$data/sample-000.txt" >"$tmp/a/2021.txt"
cp "$data/sample-000.txt" "$tmp/a/2022.txt"
check a "$tmp/a1" "$tmp/a/2021.txt"
ok "$(is "$(grep -c '"rule":"history\.' "$tmp/a1")" 0)" \
    "A 2021: nothing stored before, no history finding"
check a "$tmp/a2" "$tmp/a/2022.txt"
ok "$(is "$(n "$tmp/a2" history.carry)" 2)" "A 2022: history.carry twice"
ok "$(is "$(n "$tmp/a2" history.carry error t3.carry_in.total)" 1)" \
    "A 2022: carry total is an error"
ok "$(is "$(n "$tmp/a2" history.carry warning t3.carry_in.natural)" 1)" \
    "A 2022: carry per column is a warning"
ok "$(is "$(n "$tmp/a2" history.effective)" 0)" \
    "A 2022: 31 + 7 - 14 = 24, no history.effective"
ok "$(is "$(n "$tmp/a2" history.copy)" 1)" "A 2022: narrative copied from 2021"
ok "$(grep -q '与本机关 2021 年度报告相同' "$tmp/a2" && echo 0)" \
    "A 2022: history.copy names the year"
ok "$(is "$(n "$tmp/a2" history.jump)" 0)" "A 2022: no jump"
ok "$(is "$(n "$tmp/a2" history.duplicate)" 0)" "A 2022: not a duplicate"
"$nb" history --store "$(uri a)" --json >"$tmp/al1"
check a "$tmp/a3" "$tmp/a/2022.txt"
"$nb" history --store "$(uri a)" --json >"$tmp/al2"
# Only the time of the check moves.
sed -i 's/"checked":[0-9]*//' "$tmp/al1" "$tmp/al2"
ok "$(cmp -s "$tmp/al1" "$tmp/al2" && echo 0)" \
    "A: checking the same file again is a replay, the store is unchanged"
ok "$(is "$(n "$tmp/a3" history.duplicate)" 0)" "A: a replay is no duplicate"
cp "$tmp/a/2022.txt" "$tmp/a/2022-again.txt"
check a "$tmp/a4" "$tmp/a/2022-again.txt"
ok "$(is "$(n "$tmp/a4" history.duplicate)" 1)" "A: same content again: duplicate"
"$nb" history --store "$(uri a)" --issuer 红寺堡区 --year 2022 --json >"$tmp/al3"
ok "$(is "$(wc -l <"$tmp/al3")" 2)" "A: two versions of 2022 listed"
ok "$(grep -q '"version":2' "$tmp/al3" && echo 0)" "A: the copy is version 2"
rid=$(sed -n '1s/^{"rid":\([0-9]*\).*/\1/p' "$tmp/al3")
"$nb" history --store "$(uri a)" --report "$rid" >"$tmp/ar"
ok "$(grep -q 'error \[history.carry\]' "$tmp/ar" && echo 0)" \
    "A: nianbao history --report lists the stored findings"

# ---- B: another issuer, 2021 a different narrative ----------------------
mkdir -p "$tmp/b"
sed -e 's/红旗区/原州区/g' -e 's/2022/2021/g' \
    -e 's/^行政规范性文件 0 0 0/行政规范性文件 0 0 40/' \
    -e 's/^一、本年新收政府信息公开申请数量 15 1 0 0 0 0 16/一、本年新收政府信息公开申请数量 80 0 0 0 0 0 80/' \
    "$data/sample-004.txt" >"$tmp/b/2021.txt"
cp "$data/sample-001.txt" "$tmp/b/2022.txt"
check b "$tmp/b1" "$tmp/b/2021.txt"
check b "$tmp/b2" "$tmp/b/2022.txt"
ok "$(is "$(n "$tmp/b2" history.effective warning t2.normative.effective)" 1)" \
    "B 2022: 40 + 3 - 25 = 18, not 21: history.effective"
ok "$(is "$(n "$tmp/b2" history.effective)" 1)" "B 2022: only for 规范性文件"
ok "$(is "$(n "$tmp/b2" history.jump warning t3.new.total)" 1)" \
    "B 2022: 80 -> 8 is a jump"
ok "$(is "$(n "$tmp/b2" history.jump)" 1)" "B 2022: one jump only"
ok "$(is "$(n "$tmp/b2" history.carry)" 0)" "B 2022: carry-over holds"
ok "$(is "$(n "$tmp/b2" history.copy)" 0)" "B 2022: narrative changed, no copy"

# ---- C: a roster, copies between issuers, deadlines, consolidation -------
mkdir -p "$tmp/c/红寺堡镇" "$tmp/c/其他"
cat >"$tmp/c/roster.csv" <<'CSV'
name,aliases,level,parent,region,deadline
红寺堡区人民政府,红寺堡区,本级政府,,640303,
红寺堡区教育局,,部门,红寺堡区人民政府,640303,
原州区政府办公室,,部门,,640402,01-20
"红旗区人民政府　办公室",,部门,,410702,
红寺堡镇人民政府,红寺堡镇,乡镇,,640303,
缺报局,,部门,,640303,
CSV
R="--roster $tmp/c/roster.csv"
cp "$data/sample-000.txt" "$tmp/c/gov.txt"
sed -e '1s/红寺堡区/红寺堡区教育局/' \
    -e 's/^一、本年新收政府信息公开申请数量 15 0 0 0 0 0 15/一、本年新收政府信息公开申请数量 16 0 0 0 0 0 16/' \
    "$data/sample-000.txt" >"$tmp/c/edu.txt"
{ echo "发布日期：2023-01-25"; cat "$data/sample-001.txt"; } >"$tmp/c/yz.txt"
{ echo "发布日期：2023年1月30日"; cat "$data/sample-004.txt"; } >"$tmp/c/hq.txt"
sed 's/原州区/某某县/g' "$data/sample-001.txt" >"$tmp/c/mm.txt"
cp "$data/sample-003.txt" "$tmp/c/红寺堡镇/report.txt"
cp "$data/sample-003.txt" "$tmp/c/其他/report.txt"
# shellcheck disable=SC2086
check c "$tmp/c1" "$tmp/c/gov.txt" $R
ok "$(is "$(n "$tmp/c1" consolidation.sum)" 0)" \
    "C gov: its department has not reported, no consolidation.sum"
ok "$(is "$(n "$tmp/c1" roster.unknown)" 0)" "C gov: matched by alias"
# shellcheck disable=SC2086
check c "$tmp/c2" "$tmp/c/edu.txt" $R
ok "$(is "$(n "$tmp/c2" history.copy)" 1)" "C edu: copied from another issuer"
ok "$(grep -q '与红寺堡区 2022 年度报告相同' "$tmp/c2" && echo 0)" \
    "C edu: history.copy names the other issuer"
# shellcheck disable=SC2086
check c "$tmp/c3" "$tmp/c/gov.txt" $R
ok "$(is "$(n "$tmp/c3" consolidation.sum warning t3.new.total)" 1)" \
    "C gov again: 15 against its department's 16"
ok "$(is "$(n "$tmp/c3" consolidation.sum)" 1)" \
    "C gov again: every other total agrees"
for f in yz hq mm; do
	# shellcheck disable=SC2086
	check c "$tmp/c-$f" "$tmp/c/$f.txt" $R
done
ok "$(is "$(n "$tmp/c-yz" deadline.late)" 1)" \
    "C 原州区: 2023-01-25 is after the roster's 01-20"
ok "$(is "$(n "$tmp/c-hq" deadline.late)" 0)" \
    "C 红旗区: 2023-01-30 is before the law's 01-31"
ok "$(is "$(n "$tmp/c1" deadline.late)" 0)" "C gov: no date, no deadline.late"
ok "$(is "$(n "$tmp/c-yz" roster.unknown)" 0)" "C 原州区: 人民政府 = 政府"
ok "$(is "$(n "$tmp/c-hq" roster.unknown)" 0)" "C 红旗区: spaces ignored"
ok "$(is "$(n "$tmp/c-mm" roster.unknown)" 1)" "C 某某县: not in the roster"
ok "$(is "$(n "$tmp/c-mm" history.copy)" 1)" "C 某某县: copied from 原州区"
# shellcheck disable=SC2086
check c "$tmp/c-town" "$tmp/c/红寺堡镇/report.txt" $R
# shellcheck disable=SC2086
check c "$tmp/c-other" "$tmp/c/其他/report.txt" $R
ok "$(is "$(n "$tmp/c-town" roster.unknown)" 0)" "C 红寺堡镇: matched by its folder"
ok "$(is "$(n "$tmp/c-other" roster.unknown)" 1)" "C 红寺堡镇 elsewhere: unknown"
"$nb" history --store "$(uri c)" $R --year 2022 --at 2023-06-01 --json \
    >"$tmp/camp" 2>"$tmp/camp.err"
state() {
	grep -F "\"name\":\"$1\"," "$tmp/camp" |
	    sed 's/.*"state":"\([a-z_]*\)".*/\1/'
}
ok "$(is "$(state 缺报局)" missing)" "campaign: 缺报局 missing after 01-31"
ok "$(grep -F '"name":"缺报局",' "$tmp/camp" | grep -qF '"due":"2023-01-31"' &&
    echo 0)" "campaign: the deadline is the last day"
ok "$(is "$(state 红寺堡镇人民政府)" missing)" "campaign: 红寺堡镇 sent 2021 only"
ok "$(is "$(state 原州区政府办公室)" late)" "campaign: 原州区 late"
ok "$(is "$(state "红旗区人民政府　办公室")" on_time)" "campaign: 红旗区 on time"
ok "$(is "$(state 红寺堡区人民政府)" undated)" "campaign: gov undated"
ok "$(is "$(state 某某县人民政府办公室)" unknown)" "campaign: 某某县 not in roster"
"$nb" history --store "$(uri c)" $R --year 2022 --at 2023-01-15 --json \
    >"$tmp/camp"
ok "$(is "$(state 缺报局)" pending)" "campaign: 缺报局 pending before 01-31"
"$nb" history --store "$(uri c)" $R --year 2022 --at 2023-06-01 >"$tmp/campt"
ok "$(grep -q '未报送 *缺报局' "$tmp/campt" && echo 0)" "campaign: text output"

# ---- errors ------------------------------------------------------------
printf 'name,aliases,level\nX,,省长\n' >"$tmp/bad.csv"
# shellcheck disable=SC2086
"$nb" check $opts --store "$(uri a)" --roster "$tmp/bad.csv" \
    "$data/sample-000.txt" >/dev/null 2>"$tmp/err"
ok "$([ $? = 2 ] && grep -q 'bad.csv:2' "$tmp/err" && echo 0)" \
    "bad roster: exit 2, file and line named"
# shellcheck disable=SC2086
"$nb" check $opts --store /nonexistent/dir/h.db "$data/sample-000.txt" \
    >/dev/null 2>"$tmp/err"
ok "$([ $? = 2 ] && grep -q '/nonexistent/dir/h.db' "$tmp/err" && echo 0)" \
    "unopenable store: exit 2, named"
"$nb" history >/dev/null 2>&1
ok "$([ $? = 2 ] && echo 0)" "history without --store: exit 2"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
