#!/bin/bash
# store.sh -- checks across reports through nianbaod, as through the
# command: consecutive years of one issuer built from the samples (carry
# over, effective counts, jumps, narrative copied), a second version, a
# roster (aliases, drop subfolders, consolidation, deadlines), then
# roster.missing after the deadline, once.
#
# Each report is dropped into the daemon and, in the same order, given
# to `nianbao check --store` on a store of its own: every rule of the
# cross-report plugins must fire for the same files, with the same
# severities and cells, through both.  The one difference is known: the
# daemon knows when a report arrived, so a report without a publication
# date that arrives after its deadline is deadline.late ("收到于").
. "${srcdir:-.}/tests/daemon/lib.sh"

command -v python3 >/dev/null || { echo "python3 needed"; exit 77; }
NB=$top_builddir/cli/nianbao
NBOPTS="--rules $RULES --plugin-dir $PLUGINS"
# The campaign year: the year before this one, in China.
Y=$(date -u -d '+8 hours' +%Y)
P=$((Y - 1))
PP=$((Y - 2))
D=$T/data
# roster.missing needs every deadline of year P passed (03-31 the latest).
late=0
[ "$(date -u -d '+8 hours' +%m)" -ge 4 ] && late=1
[ "$late" = 1 ] || echo "# before April: the roster.missing checks are skipped"
mkdir -p "$D/c/红寺堡镇" "$D/c/其他"

# ---- the reports (as tests/store/cli.sh, years moved to PP and P) -----
sed -e "s/2022/$PP/g" \
    -e 's/^四、结转下年度继续办理 0 0 0 0 0 0 0/四、结转下年度继续办理 2 0 0 0 0 0 2/' \
    -e 's/^行政规范性文件 7 14 24/行政规范性文件 5 3 31/' \
    "$DATA/sample-000.txt" >"$D/a-1.txt"
sed "s/2022/$P/g" "$DATA/sample-000.txt" >"$D/a-2.txt"
cp "$D/a-2.txt" "$D/a-3.txt"
sed -e 's/红旗区/原州区/g' -e "s/2022/$PP/g" \
    -e 's/^行政规范性文件 0 0 0/行政规范性文件 0 0 40/' \
    -e 's/^一、本年新收政府信息公开申请数量 15 1 0 0 0 0 16/一、本年新收政府信息公开申请数量 80 0 0 0 0 0 80/' \
    "$DATA/sample-004.txt" >"$D/b-1.txt"
sed "s/2022/$P/g" "$DATA/sample-001.txt" >"$D/b-2.txt"

cat >"$D/roster.csv" <<'CSV'
name,aliases,level,parent,region,deadline
红寺堡区人民政府,红寺堡区,本级政府,,640303,
红寺堡区教育局,,部门,红寺堡区人民政府,640303,
原州区政府办公室,,部门,,640402,01-20
"红旗区人民政府　办公室",,部门,,410702,
红寺堡镇人民政府,红寺堡镇,乡镇,,640303,
缺报局,,部门,,640303,
CSV
cy() { sed -e 's/2023/@P@/g' -e "s/2022/$PP/g" -e "s/@P@/$P/g" "$@"; }
cy "$DATA/sample-000.txt" >"$D/c/c-1gov.txt"
sed -e '1s/红寺堡区/红寺堡区教育局/' \
    -e 's/^一、本年新收政府信息公开申请数量 15 0 0 0 0 0 15/一、本年新收政府信息公开申请数量 16 0 0 0 0 0 16/' \
    "$D/c/c-1gov.txt" >"$D/c/c-2edu.txt"
cp "$D/c/c-1gov.txt" "$D/c/c-3gov.txt"
{ echo "发布日期：2023-01-25"; cat "$DATA/sample-001.txt"; } | cy >"$D/c/c-4yz.txt"
{ echo "发布日期：2023年1月30日"; cat "$DATA/sample-004.txt"; } | cy >"$D/c/c-5hq.txt"
sed 's/原州区/某某县/g' "$DATA/sample-001.txt" | cy >"$D/c/c-6mm.txt"
cp "$DATA/sample-003.txt" "$D/c/红寺堡镇/c-7town.txt"
cp "$DATA/sample-003.txt" "$D/c/其他/c-8other.txt"

# Cross-report findings of one record: "rule severity cell" lines.
cross() {
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
for f in r["findings"]:
    if f["rule"].split(".")[0] in ("history", "consolidation", "deadline",
                                   "roster"):
        print(f["rule"], f["severity"], f.get("cell", "-"))' "$1" | sort
}

# The daemon's record of the file dropped as NAME.
record() {
	local id
	id=$(python3 -c 'import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    if r.get("file") == sys.argv[2]:
        print(r["id"])' "$SPOOL/out/findings.jsonl" "$1" | tail -n 1)
	[ -n "$id" ] && echo "$SPOOL/out/$id.json"
}

# drop FILE [SUBFOLDER]: through the daemon, then through the command
# (store $CLIDB, roster $CLIROSTER); both records kept as $T/NAME.{d,c}.
n_dropped=0
drop() {
	local f=$1 sub=${2:-} name rec
	name=$(basename "$f")
	n_dropped=$((n_dropped + 1))
	if [ -n "$sub" ]; then
		mkdir -p "$SPOOL/incoming/$sub"
		cp "$f" "$SPOOL/incoming/$sub/.$name" &&
		    mv "$SPOOL/incoming/$sub/.$name" "$SPOOL/incoming/$sub/$name"
	else
		cp "$f" "$SPOOL/incoming/.$name" &&
		    mv "$SPOOL/incoming/.$name" "$SPOOL/incoming/$name"
	fi
	wait_done "$n_dropped" 30 || echo "# $name: not done"
	rec=$(record "$name")
	if [ -n "$rec" ]; then cross "$rec" >"$T/$name.d"; else : >"$T/$name.d"; fi
	# shellcheck disable=SC2086
	"$NB" check $NBOPTS --json --store "$CLIDB" ${CLIROSTER:+--roster "$CLIROSTER"} \
	    "$f" >"$T/$name.json" 2>"$T/$name.err"
	cross "$T/$name.json" >"$T/$name.c"
}

# same NAME [RULE]: the daemon and the command agree on NAME's findings
# (deadline.late aside, see above).
same() {
	local name=$1
	check "$name: same cross-report findings through the daemon and the CLI" \
	    cmp -s <(grep -v '^deadline.late' "$T/$name.d") \
	        <(grep -v '^deadline.late' "$T/$name.c")
	cmp -s "$T/$name.d" "$T/$name.c" ||
	    diff "$T/$name.d" "$T/$name.c" | sed "s/^/# $name: /"
}

# has NAME RULE SEVERITY CELL COUNT: in the daemon's record.
has() {
	check "$1: $5 × $2 $3 $4" test "$(grep -c "^$2 $3 $4\$" "$T/$1.d")" -eq "$5"
}
rules_of() { grep -c "^$2 " "$T/$1.d"; }

# ---- the configuration ---------------------------------------------------
printf 'name,aliases,level\nX,,省长\n' >"$T/bad.csv"
write_conf "store = \"$T/a.db\";" "roster = \"$T/bad.csv\";"
"$NBD" -t -c "$CONF" >/dev/null 2>"$T/err"
check "-t: a bad roster is refused, its file and line named" \
    grep -q 'bad.csv:2' "$T/err"
write_conf 'store = "off";' "roster = \"$D/roster.csv\";"
"$NBD" -t -c "$CONF" >/dev/null 2>"$T/err"
check "-t: a roster needs a store" grep -q 'roster 需要历史库' "$T/err"
write_conf "store = \"$T/a.db\";" "roster = \"$D/roster.csv\";"
check "-t: store and roster shown" sh -c \
    "'$NBD' -t -c '$CONF' | grep -q '历史库 $T/a.db，名册 $D/roster.csv'"

# ---- A and B: one store, no roster ------------------------------------
write_conf "store = \"$T/a.db\";"
CLIDB=$T/cli-a.db CLIROSTER=
start_sinks
check "daemon starts with a store" start_daemon
for f in a-1 a-2 a-3 b-1 b-2; do drop "$D/$f.txt"; done
for f in a-1 a-2 a-3 b-1 b-2; do same "$f.txt"; done
check "a-1: nothing stored before it, no history finding" \
    test "$(rules_of a-1.txt history)" -eq 0
has a-2.txt history.carry error t3.carry_in.total 1
has a-2.txt history.carry warning t3.carry_in.natural 1
check "a-2: 31 + 7 - 14 = 24, no history.effective" \
    test "$(rules_of a-2.txt history.effective)" -eq 0
has a-2.txt history.copy warning - 1
check "a-2: not a duplicate" test "$(rules_of a-2.txt history.duplicate)" -eq 0
has a-3.txt history.duplicate warning - 1
has b-2.txt history.effective warning t2.normative.effective 1
has b-2.txt history.jump warning t3.new.total 1
check "b-2: carry-over holds, narrative changed" \
    test "$(rules_of b-2.txt history.carry)$(rules_of b-2.txt history.copy)" = 00
check "deadline.late of an undated report says when it was received" \
    grep -q '收到于' "$(record a-2.txt)"
stop_daemon TERM
exactly_once 5 "store A/B"
"$NB" history --store "$T/a.db" --json >"$T/list"
uuid=$(cat "$SPOOL/uuid")
check "5 reports in the store, keyed by the spool's UUID" \
    test "$(grep -c "\"spool\":\"$uuid\"" "$T/list")" -eq 5
check "a-3 is version 2 of a-2" \
    grep -q '"file":"a-3.txt".*"version":2' "$T/list"

# ---- C: a roster, copies between issuers, consolidation, deadlines ------
rm -rf "$SPOOL"
write_conf "store = \"$T/c.db\";" "roster = \"$D/roster.csv\";"
CLIDB=$T/cli-c.db CLIROSTER=$D/roster.csv
n_dropped=0
check "daemon starts with a store and a roster" start_daemon
for f in c-1gov c-2edu c-3gov c-4yz c-5hq c-6mm; do drop "$D/c/$f.txt"; done
drop "$D/c/红寺堡镇/c-7town.txt" 红寺堡镇
drop "$D/c/其他/c-8other.txt" 其他
for f in c-1gov c-2edu c-3gov c-4yz c-5hq c-6mm c-7town c-8other; do
	same "$f.txt"
done
check "c-1: its department has not reported, no consolidation.sum" \
    test "$(rules_of c-1gov.txt consolidation.sum)" -eq 0
has c-2edu.txt history.copy warning - 1
has c-3gov.txt consolidation.sum warning t3.new.total 1
check "c-3: every other total agrees" \
    test "$(rules_of c-3gov.txt consolidation.sum)" -eq 1
has c-4yz.txt deadline.late warning - 1
check "c-4: published after the roster's 01-20" \
    grep -q '发布于' "$(record c-4yz.txt)"
check "c-5: published before the law's 01-31: not late" \
    test "$(rules_of c-5hq.txt deadline.late)" -eq 0
has c-6mm.txt roster.unknown warning - 1
has c-6mm.txt history.copy warning - 1
check "c-7: matched by its drop folder" \
    test "$(rules_of c-7town.txt roster.unknown)" -eq 0
has c-8other.txt roster.unknown warning - 1
missing() { grep -c '"status":"missing"' "$SPOOL/out/findings.jsonl"; }
# missing_is N: for wait_for, which runs it again (a "$(missing)" in its
# arguments would be counted once, before the wait).
missing_is() { test "$(missing)" -eq "$1"; }
# Before any report of year P: after the deadlines, every entry lacks it.
[ "$late" = 1 ] && check "roster.missing for each of the 6 entries (no report of $P)" \
    wait_for 10 missing_is 6
stop_daemon TERM
[ "$late" = 1 ] || exit 0

# ---- roster.missing: those of year P with no report, once ---------------
rm -rf "$SPOOL"
write_conf "store = \"$T/m.db\";" "roster = \"$D/roster.csv\";"
mkdir -p "$SPOOL/incoming/红寺堡镇"
# Waiting in incoming/ when the daemon starts: stored before it looks.
for f in c-1gov c-2edu c-4yz c-5hq; do
	sed "s/$PP/$P/g" "$D/c/$f.txt" >"$SPOOL/incoming/$f.txt"
done
cp "$D/c/红寺堡镇/c-7town.txt" "$SPOOL/incoming/红寺堡镇/"
check "daemon starts on a backlog" start_daemon
check "the backlog is checked" wait_done 5 60
check "roster.missing: 缺报局 and 红寺堡镇 (whose report is of an older year)" \
    wait_for 20 missing_is 2
check "roster.missing names 缺报局 and its deadline" \
    grep -q "\"status\":\"missing\".*名册中的“缺报局”（部门）截至 $Y-01-31" \
    "$SPOOL/out/findings.jsonl"
check "roster.missing names 红寺堡镇人民政府" \
    grep -q '"status":"missing".*红寺堡镇人民政府' "$SPOOL/out/findings.jsonl"
check "roster.missing: a syslog line each" \
    test "$(grep -c 'finding=roster.missing' "$T/syslog.txt")" -ge 2
stop_daemon TERM
check "restarted" start_daemon
sleep 3
check "restarted: roster.missing not said again" test "$(missing)" -eq 2
stop_daemon TERM
