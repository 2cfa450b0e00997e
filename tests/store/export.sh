#!/bin/sh
# tests/store/export.sh -- the 问题清单: nianbao-export writes every
# stored finding of the newest version of each report, with its agency,
# report, rule, message, place, cell and verdict, as XLSX (read back by
# python3-openpyxl, a real spreadsheet reader) and as CSV (BOM, RFC 4180,
# formulas defused); reviews recorded by `nianbao history --confirm /
# --dismiss` show in both; a hostile report's text stays text.
#
# On a fresh SQLite file; tests/store/pg.sh runs it again on PostgreSQL
# with NB_PG_PREFIX/NB_PG_SUFFIX.
. "${NB_SRCDIR:-.}/tests/common.sh"
nx="$build/export/nianbao-export"
if ! python_with openpyxl; then
	echo "SKIP: python3-openpyxl is not installed"
	exit 77
fi
if [ -n "${NB_PG_PREFIX:-}" ]; then db="${NB_PG_PREFIX}x${NB_PG_SUFFIX:-}"
else db="$tmp/x.db"; fi

# The samples, a mutant, and a hostile report whose name begins with a
# formula and whose issuer holds markup.
mkdir "$tmp/in"
cp "$data"/sample-00[0-4].txt "$tmp/in/"
sed -e 's/^\(一、本年新收政府信息公开申请数量 *\)[0-9][0-9]*/\1999/' \
	-e 's/^行政规范性文件 7 14 24/行政规范性文件 7 14 x24/' \
	"$data/sample-000.txt" >"$tmp/in/z-mutant.txt"
sed 's/红旗区/=1+2<script>x<\/script>区/g' "$data/sample-004.txt" \
	>"$tmp/in/=HYPERLINK(1).txt"
# Relative names, as stored: the hostile one begins with "=".
# shellcheck disable=SC2086
(cd "$tmp/in" && "$nb" check $opts --store "$db" ./[!=]*.txt "=HYPERLINK(1).txt") \
	>/dev/null 2>"$tmp/err"
st=$?
ok "$([ "$st" -le 1 ] && echo 0)" "the store is filled (status $st)"

# Every stored finding, by the command line, with its rid.
"$nb" history --store "$db" --json >"$tmp/list"
: >"$tmp/findings"
for rid in $(sed 's/^{"rid":\([0-9]*\).*/\1/' "$tmp/list"); do
	"$nb" history --store "$db" --report "$rid" --json >>"$tmp/findings"
done
total=$(wc -l <"$tmp/findings" | tr -d ' ')
ok "$([ "$total" -ge 5 ] && echo 0)" "findings stored ($total)"

# Two verdicts: the first finding confirmed, the second dismissed (then
# the verdict on the first changed: the newest one counts).
# Both on the mutant, the newest version of its series (checked after
# sample-000: names in order).
mrid=$(grep -F 'mutant.txt"' "$tmp/list" | sed 's/^{"rid":\([0-9]*\).*/\1/')
grep -F "{\"rid\":$mrid," "$tmp/findings" >"$tmp/mf"
f1=$(sed -n '1s/.*"fid":\([0-9]*\).*/\1/p' "$tmp/mf")
f2=$(sed -n '2s/.*"fid":\([0-9]*\).*/\1/p' "$tmp/mf")
ok "$([ -n "$f1" ] && [ -n "$f2" ] && echo 0)" "the mutant has two findings"
"$nb" history --store "$db" --dismiss "$f1" --note "误报" --reviewer 张三
"$nb" history --store "$db" --confirm "$f1" --note "属实，需整改" \
	--reviewer 李四
"$nb" history --store "$db" --dismiss "$f2" --note "=1+1" --reviewer 王五
ok "$("$nb" history --store "$db" --confirm 99999999 2>/dev/null; \
	[ $? = 2 ] && echo 0)" "a verdict on no finding is refused"
"$nb" history --store "$db" --report "$mrid" >"$tmp/rep"
ok "$(grep -q "#$f1 .*（已确认：属实，需整改）" "$tmp/rep" && echo 0)" \
	"history --report shows the newest verdict"

"$nx" --store "$db" -o "$tmp/list.xlsx"
ok "$([ $? = 0 ] && [ -s "$tmp/list.xlsx" ] && echo 0)" "XLSX written"
"$nx" --store "$db" -o "$tmp/list.csv"
ok "$([ $? = 0 ] && [ -s "$tmp/list.csv" ] && echo 0)" "CSV written"
"$nx" --store "$db" --format csv >"$tmp/stdout.csv"
ok "$(cmp -s "$tmp/list.csv" "$tmp/stdout.csv" && echo 0)" \
	"CSV to standard output is the same"

ok "$($py - "$tmp/list.xlsx" "$tmp/list.csv" "$tmp/findings" "$tmp/list" \
    "$f1" "$f2" <<'PY' && echo 0
import csv, json, sys
import openpyxl
xlsx, csvf, findings, listing, f1, f2 = sys.argv[1:]
# The newest version of each series is what the office files.
newest = {}
for line in open(listing):
    o = json.loads(line)
    if o["series"] not in newest or o["version"] > newest[o["series"]]["version"]:
        newest[o["series"]] = o
reports = {o["rid"]: o for o in newest.values()}
want = []
verdict = {}
for line in open(findings):
    o = json.loads(line)
    if o["rid"] not in reports:
        continue
    r = reports[o["rid"]]
    want.append((r["issuer"], r["file"], o["rule"], o["message"]))
    verdict[(r["file"], o["rule"], o["message"])] = o.get("verdict", "")
wb = openpyxl.load_workbook(xlsx)
assert wb.sheetnames == ["问题清单", "汇总"], wb.sheetnames
ws = wb["问题清单"]
rows = list(ws.iter_rows(values_only=True))
head = rows[0]
assert head[:7] == ("机关", "年度", "报告文件", "版本", "规则", "级别", "问题"), head
col = {h: i for i, h in enumerate(head)}
got = [(r[col["机关"]] or "", r[col["报告文件"]], r[col["规则"]], r[col["问题"]])
       for r in rows[1:]]
assert sorted(got) == sorted(want), (len(got), len(want))
states = {}
for r in rows[1:]:
    states.setdefault(r[col["复核状态"]], []).append(r)
assert len(states["已确认"]) == 1 and states["已确认"][0][col["复核意见"]] == "属实，需整改"
assert states["已确认"][0][col["复核人"]] == "李四"
assert len(states["已排除"]) == 1 and states["已排除"][0][col["复核意见"]] == "=1+1"
assert len(states["待复核"]) == len(want) - 2
# Nothing is a formula: the hostile issuer and the note are text.
for r in ws.iter_rows():
    for c in r:
        assert c.data_type != "f", c.value
hostile = [r for r in rows[1:] if r[col["报告文件"]] == "=HYPERLINK(1).txt"]
assert hostile, "the hostile report is in the list, its name as text"
# Summary: one row per report, counts as stored.
s = list(wb["汇总"].iter_rows(values_only=True))
assert len(s) - 1 == len(reports), (len(s), len(reports))
sh = {h: i for i, h in enumerate(s[0])}
for r in s[1:]:
    rep = [o for o in reports.values() if o["file"] == r[sh["报告文件"]]][0]
    assert r[sh["错误"]] == rep["errors"] and r[sh["警告"]] == rep["warnings"], r
assert sum(r[sh["待复核"]] for r in s[1:]) == len(want) - 2
# CSV: a byte-order mark, the same rows, formulas defused.
raw = open(csvf, "rb").read()
assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
c = list(csv.reader(open(csvf, encoding="utf-8-sig", newline="")))
assert tuple(c[0]) == head, c[0]
assert len(c) - 1 == len(want)
notes = [r[col["复核意见"]] for r in c[1:]]
assert "'=1+1" in notes, notes
assert "'=HYPERLINK(1).txt" in [r[col["报告文件"]] for r in c[1:]]
for r in c[1:]:
    for v in r:
        assert not v or v[0] not in "=+-@", v
PY
)" "XLSX and CSV hold every finding with its verdict; nothing is a formula"

# Filters, and errors that name the file.
"$nx" --store "$db" --year 1999 -o "$tmp/none.csv"
ok "$([ "$(wc -l <"$tmp/none.csv")" = 1 ] && echo 0)" \
	"--year with no report: the header only"
"$nx" --store "$db" -o "$tmp/nodir/x.xlsx" 2>"$tmp/err"
ok "$([ $? = 2 ] && grep -q nodir/x.xlsx "$tmp/err" && echo 0)" \
	"-o into a missing folder: exit 2, named"
"$nx" --store "$db" -o "$tmp/x.pdf" 2>"$tmp/err"
ok "$([ $? = 2 ] && grep -q xlsx "$tmp/err" && echo 0)" \
	"an unknown extension: exit 2, says which are known"
"$nx" --store "$db" --format xlsx >/dev/null 2>"$tmp/err"
ok "$([ $? = 2 ] && echo 0)" "xlsx to standard output is refused"
ok "$([ -z "$(ls -A "$tmp" | grep '^\.')" ] && echo 0)" "no temporary left"

echo "export: $pass passed, $fail failed"
[ "$fail" = 0 ]
