#!/bin/sh
# tests/board/fixtures.sh DIR -- the campaign the board tests look at,
# built from the samples and their mutants: DIR/roster.csv and one report
# file per agency, in the order they must be checked (DIR/order).  What
# each agency's status must be is in DIR/expect (name TAB status), the
# culprit cell of the mutant in DIR/culprit, the cell a re-submitted
# report changed in DIR/changed.
#
#   红寺堡区人民政府      sample 000 as it is              已通过 (pass)
#   原州区政府办公室      sample 001, published 01-25,
#                         roster deadline 01-20            逾期 (late)
#   红寺堡区教育局        sample 000, （一）予以公开 natural
#                         5 -> 6: the culprit              有错误 (error)
#   红寺堡镇人民政府      sample 000 renamed: a copy of
#                         another agency's narrative, a
#                         warning nobody has reviewed      待复核 (review)
#   缺报局                no report                        未报送 (missing)
#   a hostile report not in the roster: script tags, markup, control
#   characters and bidi overrides in its title, a very long line.
set -eu
data=${NB_SRCDIR:-.}/tests/data
d=$1
mkdir -p "$d"
cat >"$d/roster.csv" <<'CSV'
name,aliases,level,parent,region,deadline
红寺堡区人民政府,红寺堡区,本级政府,,640303,
原州区政府办公室,,部门,,640402,01-20
红寺堡区教育局,,部门,红寺堡区人民政府,640303,
红寺堡镇人民政府,红寺堡镇,乡镇,红寺堡区人民政府,640303,
缺报局,,部门,,640303,
CSV
# Every report says when it was published (before its deadline, but
# 原州区's): the daemon, which fills the store in the browser test, would
# otherwise judge an undated report by its arrival, today.
dated() { echo "发布日期：$1"; cat; }
dated 2023-01-15 <"$data/sample-000.txt" >"$d/gov.txt"
dated 2023-01-25 <"$data/sample-001.txt" >"$d/yz.txt"
sed -e '1s/红寺堡区/红寺堡区教育局/' \
    -e 's/^（一）予以公开 5 0 0 0 0 0 5/（一）予以公开 6 0 0 0 0 0 5/' \
    "$data/sample-000.txt" | dated 2023-01-15 >"$d/edu.txt"
sed -e '1s/红寺堡区/红寺堡镇人民政府/' "$data/sample-000.txt" |
    dated 2023-01-15 >"$d/town.txt"
# The hostile report: its title (the issuer) with a quote, an ampersand,
# ESC, U+202E (right-to-left override) and DEL; its file name with script
# markup (no slash: it is a file name) and an attribute break-out; a 32,000-character line of markup in its
# preamble.  (The title parser itself refuses titles with < or >.)
hostile='<svg onload=alert(1)>"><img src=x onerror=alert(2)>.txt'
long=$(printf '%04000d' 0 | sed 's/0/<b>长<\/b>/g')
{
	echo "发布日期：2023-01-15"
	sed -n 1,2p "$data/sample-001.txt"
	printf '某某县"&\033[31m\342\200\256\177人民政府办公室\n'
	sed -n 4,8p "$data/sample-001.txt"
	printf '<script>alert(3)</script>%s\n' "$long"
	sed 1,8d "$data/sample-001.txt"
} >"$d/$hostile"
# 原州区 sends its report again with 行政许可 0 -> 12: version 2, whose
# page shows what changed.
tab=$(printf '\t')
sed "s/^行政许可${tab}0/行政许可${tab}12/" "$d/yz.txt" >"$d/yz2.txt"
printf '%s\n' gov.txt yz.txt edu.txt town.txt "$hostile" yz2.txt >"$d/order"
echo t2.license.decisions >"$d/changed"
printf '红寺堡区人民政府\tpass\n原州区政府办公室\tlate\n红寺堡区教育局\terror\n红寺堡镇人民政府\treview\n缺报局\tmissing\n' >"$d/expect"
echo t3.result.open.natural >"$d/culprit"
