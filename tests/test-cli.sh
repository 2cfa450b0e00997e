#!/bin/sh
# test-cli.sh -- the nianbao command: exit status, human and JSON output,
# --list-rules, unreadable inputs.
. "${NB_SRCDIR:-.}/tests/common.sh"

# status CMD... : runs and echoes the exit status
status() { "$@" >"$tmp/out" 2>"$tmp/err"; echo $?; }

ok "$([ "$(status "$nb")" = 2 ] && echo 0)" "no arguments: exit 2"
ok "$([ "$(status "$nb" check --bogus x)" = 2 ] && echo 0)" "bad option: exit 2"
ok "$([ "$(status "$nb" check --rules /nonexistent.json \
	--plugin-dir "$build/plugins/.libs" "$data/sample-000.txt")" = 2 ] &&
	grep -q '/nonexistent.json' "$tmp/err" && echo 0)" "bad rule pack: exit 2, named"

# shellcheck disable=SC2086
ok "$([ "$(status "$nb" check $opts "$data/sample-000.txt")" = 0 ] && echo 0)" \
	"sample 000: no error, exit 0"
# shellcheck disable=SC2086
ok "$([ "$(status "$nb" check $opts "$data/sample-004.txt")" = 1 ] && echo 0)" \
	"sample 004: error finding, exit 1"
ok "$(grep -q 'sample-004.txt:[0-9]*: error: \[narrative.applications\]' \
	"$tmp/out" && echo 0)" "human output: FILE:LINE: error: [rule]"
ok "$(grep -q '受理并办结政府信息公开申请' "$tmp/out" && echo 0)" \
	"human output shows the source line"
ok "$(grep -q "$(printf '\033')" "$tmp/out" || echo 0)" "no colour off a terminal"

# shellcheck disable=SC2086
ok "$([ "$(status "$nb" check $opts /nonexistent.txt "$data/sample-000.txt")" = 3 ] &&
	grep -q '/nonexistent.txt' "$tmp/err" &&
	grep -q 'sample-000.txt' "$tmp/out" && echo 0)" \
	"unreadable input: exit 3, named, others still checked"

# shellcheck disable=SC2086
"$nb" check --json $opts "$data/sample-000.txt" "$data/sample-004.txt" \
	/nonexistent.txt >"$tmp/json" 2>/dev/null
ok "$([ "$(wc -l <"$tmp/json")" = 3 ] && echo 0)" "--json: one line per input"
ok "$(python3 - "$tmp/json" <<'PY' && echo 0
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
a, b, c = lines
assert a["format"] == "2021" and a["year"] == 2022 and a["summary"]["errors"] == 0
assert b["issuer"] == "红旗区人民政府办公室"
f = [x for x in b["findings"] if x["rule"] == "narrative.applications"][0]
assert f["severity"] == "error" and f["cell"] == "t3.new.total"
assert f["expected"] == 16 and f["actual"] == 17 and f["line"] > 0
assert all(set(x) >= {"rule", "severity", "message"} for x in b["findings"])
assert "error" in c and c["file"] == "/nonexistent.txt"
PY
)" "--json: keys and values"

# An empty file (0 bytes, or only white space and a BOM) cannot be checked:
# ingest.empty, exit 3, not findings about what it lacks.
: >"$tmp/zero.txt"
printf '\357\273\277  \r\n\t\n\n' >"$tmp/blank.txt"
printf '\343\200\200\343\200\200\n \n' >"$tmp/ideo.txt"
printf '\377\376 \000\n\000' >"$tmp/utf16.txt"
for f in zero blank ideo utf16; do
	# shellcheck disable=SC2086
	ok "$([ "$(status "$nb" check $opts "$tmp/$f.txt")" = 3 ] &&
		grep -q "\[ingest.empty\] $tmp/$f.txt" "$tmp/err" &&
		! grep -q 'report\.' "$tmp/out" "$tmp/err" && echo 0)" \
		"empty file $f: ingest.empty, exit 3, no finding"
	# shellcheck disable=SC2086
	"$nb" check --json $opts "$tmp/$f.txt" >"$tmp/empty.json" 2>/dev/null
	ok "$(python3 - "$tmp/empty.json" <<'PY' && echo 0
import json, sys
r = json.loads(open(sys.argv[1]).read())
assert r["error_rule"] == "ingest.empty" and r["findings"] == [], r
PY
)" "empty file $f: --json error_rule ingest.empty"
done

# PDF findings are located by page and line on that page, as a viewer shows
# the page: pdftotext -layout of that page, its non-empty lines counted.
pdf="$data/formats/sample-004.pdf"
# shellcheck disable=SC2086
"$nb" check $opts "$pdf" >"$tmp/pdf.txt" 2>&1
# shellcheck disable=SC2086
"$nb" check --json $opts "$pdf" >"$tmp/pdf.json" 2>&1
ok "$(python3 - "$tmp/pdf.json" "$tmp/pdf.txt" "$pdf" <<'PY' && echo 0
import json, subprocess, sys
rec = json.loads(open(sys.argv[1]).read())
text = open(sys.argv[2]).read()
want = {"narrative.applications": "受理并办结", "fees.vague_statement": "六、其他需要报告的事项"}
seen = 0
for f in rec["findings"]:
    if f["rule"] not in want:
        continue
    p, l = f["page"], f["line"]
    page = subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), sys.argv[3], "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = [x for x in page.split("\n") if x.strip() and x.strip() != "\f"]
    assert want[f["rule"]] in lines[l - 1].replace(" ", ""), (f, lines[l - 1])
    assert ":p%d:L%d: " % (p, l) in text and "[%s]" % f["rule"] in text, text
    seen += 1
assert seen == 2 and any(f["page"] > 1 for f in rec["findings"]), rec["findings"]
PY
)" "PDF: page and line on the page (pN:LN), as the page shows it"

# Every key of the record is in doc/nianbao-result.schema.json: the CLI's
# records (samples, a PDF, a wrong cell with related relations, an empty
# file, a missing one) validate against the schema with every object closed.
sed 's/（一）予以公开 5 0 0 0 0 0 5/（一）予以公开 5 1 0 0 0 0 5/' \
	"$data/sample-000.txt" >"$tmp/wrong.txt"
# shellcheck disable=SC2086
"$nb" check --json $opts "$data"/sample-00[0-4].txt "$pdf" "$tmp/wrong.txt" \
	"$tmp/zero.txt" /nonexistent.txt >"$tmp/all.json" 2>/dev/null
ok "$(python3 - "$src/doc/nianbao-result.schema.json" "$tmp/all.json" <<'PY' && echo 0
import json, sys
try:
    import jsonschema
except ImportError:
    sys.exit("python3-jsonschema is missing (tests/run-all.sh installs it)")
schema = json.load(open(sys.argv[1]))
def close(s):
    if isinstance(s, dict):
        if s.get("type") == "object" and "properties" in s:
            s.setdefault("additionalProperties", False)
        for v in s.values():
            close(v)
    elif isinstance(s, list):
        for v in s:
            close(v)
close(schema)
# daemon-only keys are allowed to be absent, never unknown keys
v = jsonschema.Draft202012Validator(schema)
recs = [json.loads(l) for l in open(sys.argv[2])]
assert len(recs) == 9, len(recs)
for r in recs:
    errs = list(v.iter_errors(r))
    assert not errs, (r["file"], [e.message for e in errs[:3]])
wrong = recs[6]
assert wrong["tables"]["t3"]["state"] == "complete" and "readings" in wrong
f = [x for x in wrong["findings"] if x.get("related")]
assert len(f) == 1 and f[0]["cell"] == "t3.result.open.commercial", wrong["findings"]
assert wrong["readings"]["t3.result.open.commercial"][:2] == [1, "1"]
assert recs[5]["readings"]["t3.new.total"][3] >= 1  # the PDF's cells have pages
assert all(x["rule"] != "sums.result_total" for x in wrong["findings"])
PY
)" "--json: every record validates against the schema, every key documented"

# shellcheck disable=SC2086
"$nb" check --list-rules $opts >"$tmp/rules"
for r in sections.missing sections.order sections.duplicate sums.table_missing \
    sums.table_incomplete sums.table_unreadable sums.row_total sums.result_total \
    sums.balance sums.not_a_count sums.blank_cell litigation.missing \
    litigation.incomplete litigation.total litigation.narrative fees.no_statement \
    fees.vague_statement fees.amount_unit fees.notices_unreported \
    narrative.applications report.format litigation.table_unreadable \
    ingest.empty; do
	ok "$(grep -q "^$r " "$tmp/rules" && echo 0)" "--list-rules lists $r"
done

# --help and --version exit 0 on standard output.
ok "$([ "$(status "$nb" --help)" = 0 ] && grep -q -- '--recursive' "$tmp/out" &&
	echo 0)" "--help: exit 0, usage on stdout"
ok "$([ "$(status "$nb" --version)" = 0 ] && grep -q '^nianbao [0-9]' "$tmp/out" &&
	echo 0)" "--version: exit 0, names the version"

# A FIFO or a device is refused at once, never opened for a blocking read.
mkfifo "$tmp/fifo"
# shellcheck disable=SC2086
ok "$([ "$(status timeout 10 "$nb" check $opts "$tmp/fifo" "$data/sample-000.txt")" = 3 ] &&
	grep -q "fifo: 是管道" "$tmp/err" && grep -q 'sample-000.txt' "$tmp/out" &&
	echo 0)" "FIFO: refused at once (exit 3, named), others checked"
# shellcheck disable=SC2086
ok "$([ "$(status timeout 10 "$nb" check $opts /dev/zero)" = 3 ] &&
	grep -q "/dev/zero: 是设备文件" "$tmp/err" && echo 0)" "device: refused"
# shellcheck disable=SC2086
ok "$([ "$(status "$nb" check $opts "$data")" = 3 ] &&
	grep -q -- "-r" "$tmp/err" && echo 0)" "folder without -r: refused, says -r"

# "-" is standard input, from a pipe or a file.
# shellcheck disable=SC2086
ok "$(cat "$data/sample-004.txt" | "$nb" check $opts - >"$tmp/out" 2>&1;
	[ $? = 1 ] && grep -q '^-:[0-9]*: error: \[narrative.applications\]' \
	"$tmp/out" && echo 0)" "- reads standard input (pipe)"
# shellcheck disable=SC2086
ok "$("$nb" check --json $opts - <"$data/sample-000.txt" >"$tmp/out" 2>&1;
	[ $? = 0 ] && grep -q '"file":"-"' "$tmp/out" && echo 0)" \
	"- reads standard input (redirected file), --json names it -"

# -r walks folders: sorted, hidden entries left alone, nothing else.
mkdir -p "$tmp/tree/b" "$tmp/tree/a/c" "$tmp/tree/.hidden"
cp "$data/sample-004.txt" "$tmp/tree/b/two.txt"
cp "$data/sample-000.txt" "$tmp/tree/a/c/one.txt"
cp "$data/sample-000.txt" "$tmp/tree/.hidden/no.txt"
cp "$data/sample-000.txt" "$tmp/tree/.no.txt"
ln -s /dev/zero "$tmp/tree/a/zero"
# shellcheck disable=SC2086
"$nb" check -r --json $opts "$tmp/tree" >"$tmp/out" 2>"$tmp/err"
rc=$?
ok "$([ $rc = 1 ] && [ "$(sed -n 's/^{"file":"\([^"]*\)".*/\1/p' "$tmp/out" |
	tr '\n' ' ')" = "$tmp/tree/a/c/one.txt $tmp/tree/b/two.txt " ] && echo 0)" \
	"-r: every regular file, sorted, no hidden ones, no symlinks (exit $rc)"
# shellcheck disable=SC2086
ok "$([ "$(status "$nb" check --recursive $opts "$tmp/tree/a")" = 0 ] &&
	grep -q 'one.txt' "$tmp/out" && echo 0)" "--recursive is -r"

# The 2019 pack is loaded at the first 2019 report: a broken one lets a
# 2021 report through and refuses the 2019 one, naming both files (exit 2).
real06=$src/../shared/real/06_pingtan_2020.txt
if [ -r "$real06" ]; then
	mkdir -p "$tmp/lazy"
	cp "$src"/rules/national-*.json "$tmp/lazy/"
	echo '{"nianbao_rules": 1,' >"$tmp/lazy/national-2019.json"
	"$nb" check --rules "$tmp/lazy/national-2021.json" \
	    --plugin-dir "$build/plugins/.libs" "$data/sample-000.txt" \
	    "$real06" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	ok "$([ $rc = 2 ] && grep -q 'sample-000.txt: 2021年格式' "$tmp/out" &&
	    grep -q '06_pingtan_2020.txt: 读取这一格式的报告所需的规则包有误' \
	    "$tmp/err" && grep -q 'national-2019.json' "$tmp/err" &&
	    echo 0)" "broken 2019 pack: 2021 read, the 2019 report refused (exit $rc)"
else
	echo "# $real06 absent: the lazy pack's exit 2 not tried"
fi

# A web page saved as one line: the excerpt under a finding is the line
# around its cell (where that is on the line once), else its start; never
# the whole report under every finding.
sed 's/^一、本年新收政府信息公开申请数量 15 0 0 0 0 0 15$/一、本年新收政府信息公开申请数量 15 0 0 0 0 0 4321/' \
	"$data/sample-000.txt" | tr '\n' ' ' >"$tmp/oneline.txt"
# shellcheck disable=SC2086
"$nb" check $opts "$tmp/oneline.txt" >"$tmp/out" 2>&1
ok "$(python3 - "$tmp/out" <<'PY' && echo 0
import sys
out = open(sys.argv[1], encoding='utf-8').read().split('\n')
ex = [l[4:] for l in out if l.startswith('    ')]
cell = [l for l in ex if '4321' in l]
assert ex and all(len(l) <= 402 for l in ex), [len(l) for l in ex]
assert cell and all(len(l) <= 2 * 50 + 4 + 2 and l.startswith('…')
                    for l in cell), cell
assert any('[sums.row_total]' in l for l in out), out
PY
)" "one-line report: excerpts cut, a cell's shown around it"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
