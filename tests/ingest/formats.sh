#!/bin/sh
# formats.sh -- every rendering of a sample (DOCX, HTML, PDF, GBK text,
# UTF-16, an HTML page with a wrong charset) must give the checker the
# same cells and findings as the original text; hostile files must give
# their clear error or finding.
set -u
src=${NB_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bld=${NB_BUILDDIR:-.}
data=$src/tests/data
fmt=$data/formats
rules=$src/rules/national-2021.json
plugins=$bld/plugins/.libs
fp=$bld/tests/ingest/fingerprint
dump=$bld/tests/ingest/dump-doc
# fontconfig's cache outlives the process (see lsan.supp)
LSAN_OPTIONS="suppressions=$src/tests/ingest/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

bad() {
	echo "FAIL: $*"
	fail=1
}

# same ORIGINAL RENDERING: equal fingerprints
same() {
	if ! "$fp" "$rules" "$plugins" "$1" >"$tmp/a" 2>&1 ||
	    ! "$fp" "$rules" "$plugins" "$2" >"$tmp/b" 2>&1; then
		bad "fingerprint failed on $(basename "$1") or $(basename "$2")"
		cat "$tmp/a" "$tmp/b" | grep -v '^cell ' | head -20
	elif cmp -s "$tmp/a" "$tmp/b"; then
		echo "ok: $(basename "$2") = $(basename "$1")"
	else
		bad "$(basename "$2") differs from $(basename "$1")"
		diff "$tmp/a" "$tmp/b" | head -20
	fi
}

# refused FILE CODE TEXT [dump-doc options]: error CODE naming TEXT
refused() {
	f=$1 code=$2 text=$3
	shift 3
	if "$dump" "$@" "$f" >"$tmp/out" 2>&1; then
		bad "$(basename "$f") was accepted"
	elif ! grep -q "^error $code: $f: .*$text" "$tmp/out"; then
		bad "$(basename "$f"): wrong error: $(cat "$tmp/out")"
	else
		echo "ok: $(basename "$f") refused: $(cut -c1-60 "$tmp/out")..."
	fi
}

for n in 000 001 002 003 004; do
	for r in "$fmt/sample-$n".docx "$fmt/sample-$n".html \
	    "$fmt/sample-$n".*pdf "$fmt/sample-$n".gb*.txt; do
		same "$data/sample-$n.txt" "$r"
	done
done
same "$data/sample-004.txt" "$fmt/sample-004.utf16le.txt"
same "$data/sample-004.txt" "$fmt/sample-004.utf16le-nobom.txt"
same "$data/sample-003.txt" "$fmt/sample-003.utf16be.txt"
same "$data/sample-004.txt" "$fmt/sample-004.wrong-charset.html"

# The fingerprints above would also agree if every reader lost the
# tables: make sure the complete ones are seen.
for n in 000 001 004; do
	for r in docx html pdf $([ $n = 000 ] || echo web.pdf); do
		"$fp" "$rules" "$plugins" "$fmt/sample-$n.$r" | grep -q \
		    '^table t3 state 3 rows 25$' ||
		    bad "sample-$n.$r: T3 not complete"
	done
done

# What each reader says it read.
"$dump" "$fmt/sample-001.html" | head -1 | grep -q 'kind html encoding GB18030' ||
    bad "sample-001.html not read as GB18030 HTML"
"$dump" "$fmt/sample-004.wrong-charset.html" | head -1 |
    grep -q 'kind html encoding UTF-8' || bad "wrong charset not overridden"
# the other way round: GBK bytes declared UTF-8
LC_ALL=C sed 's/charset=gb2312/charset=utf-8/' "$fmt/sample-001.html" >"$tmp/gbk-as-utf8.html"
"$dump" "$tmp/gbk-as-utf8.html" | head -1 | grep -q 'encoding GB18030' ||
    bad "GBK page declared UTF-8 not decoded as GB18030"
same "$data/sample-001.txt" "$tmp/gbk-as-utf8.html"
"$dump" "$fmt/sample-004.pdf" | grep -q '^4:' || bad "PDF lost its pages"

refused "$fmt/bad-zipbomb.docx" 3 "疑似压缩炸弹" -u 1048576
refused "$fmt/bad-zipbomb-lying.docx" 3 "疑似压缩炸弹" -u 1048576
refused "$fmt/bad-many-entries.docx" 3 "文件数" -e 20
refused "$fmt/bad-truncated.pdf" 5 "PDF 文件已损坏或不完整"
refused "$fmt/bad-junk.bin" 5 "不是文本文件"
refused "$fmt/bad-legacy.doc" 5 "旧版 Word"
refused "$fmt/bad-odt.odt" 5 "OpenDocument"
refused "$fmt/bad-deep.html" 3 "嵌套超过 256 层"
refused "$fmt/bad-encoding.txt" 4 "第 22 字节处不是有效的 UTF-8"
refused "$fmt/sample-004.pdf" 3 "超过上限 1 页" -p 1
refused "$data/sample-000.txt" 3 "文件过大" -b 1000
# Trees are bounded by their tags before they are built: a real body
# passes (the samples above), the same one over a lowered limit does not,
# and a 50 KB DOCX of three million tags (a tree of some 300 MB, where
# 200 MiB of tiny paragraphs once took 3.85 GB) is refused at the default.
refused "$fmt/sample-000.docx" 3 "DOCX 正文的标记超过 1000 个" -m 1000
refused "$fmt/sample-000.html" 3 "HTML 文件的标记超过 500 个" -m 500
if command -v python3 >/dev/null; then
	python3 - "$tmp/tags.docx" <<'PY'
import sys, zipfile
ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
      'openxmlformats.org/package/2006/content-types"><Default Extension="xml"'
      ' ContentType="application/xml"/></Types>')
doc = ('<w:document xmlns:w="http://schemas.openxmlformats.org/'
       'wordprocessingml/2006/main"><w:body>' +
       '<w:p><w:r><w:t>a</w:t></w:r></w:p>' * 500000 + '</w:body></w:document>')
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", ct)
    z.writestr("word/document.xml", doc)
PY
	refused "$tmp/tags.docx" 3 "DOCX 正文的标记超过 1000000 个"
fi

# A ruled table drawn by hand: rows from the rules, the text of a cell
# spanning two rows on the first, the blank cell kept.
printf '%s\n' 'kind pdf encoding UTF-8 lines 4' '1:1	Title 2022' \
    '1:2	Item | A | B | C' '1:3	Grp | 1 | 2 | 3' '1:4	 | 4 |  | 6' \
    >"$tmp/want"
for t in table-rules table-open; do	# open: no outer vertical borders
	"$dump" "$fmt/$t.pdf" >"$tmp/got"
	cmp -s "$tmp/want" "$tmp/got" || bad "$t.pdf: $(cat "$tmp/got")"
done

# A DOCX title in a text box: read once (not again from its VML copy).
printf '%s\n' 'kind docx encoding UTF-8 lines 2' \
    '0:1	某区2022年政府信息公开工作年度报告' '0:2	一、总体情况' >"$tmp/want"
"$dump" "$fmt/textbox.docx" >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" || bad "textbox.docx: $(cat "$tmp/got")"

# HTML lists: Chinese-numbered items get their marker, others none.
printf '%s' '<html><body><ol style="list-style-type: cjk-ideographic">' \
    '<li><p>总体情况</p><p>正文</p></li><li>主动公开</li></ol>' \
    '<ol start="3"><li>x</li></ol><ul><li>y</li></ul></body></html>' \
    >"$tmp/ol.html"
printf '%s\n' 'kind html encoding UTF-8 lines 5' '0:1	一、总体情况' \
    '0:2	正文' '0:3	二、主动公开' '0:4	x' '0:5	y' >"$tmp/want"
"$dump" "$tmp/ol.html" | sed "s|$tmp/||" >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" || bad "HTML lists: $(cat "$tmp/got")"

"$dump" "$fmt/bad-notext.pdf" | head -1 | grep -q 'no_text$' ||
    bad "bad-notext.pdf not flagged"
"$bld/cli/nianbao" check --json --rules "$rules" --plugin-dir "$plugins" \
    "$fmt/bad-notext.pdf" | grep -q '"ingest.no_text"' ||
    bad "no ingest.no_text finding for bad-notext.pdf"

exit $fail
