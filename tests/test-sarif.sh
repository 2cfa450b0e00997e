#!/bin/sh
# test-sarif.sh -- `nianbao check --format sarif` against the OASIS SARIF
# 2.1.0 schema (tests/sarif/), what it carries (every finding of the JSON
# output, rule indexes, pages of a PDF, unreadable inputs as
# notifications), and `-o FILE` written whole or not at all.
. "${NB_SRCDIR:-.}/tests/common.sh"
if ! python_with jsonschema; then
	echo "SKIP: python3-jsonschema is not installed"
	exit 77
fi

# Inputs: a clean text, a sample with findings under a Chinese name, a
# PDF (findings on pages), a mutant with an arithmetic error, an
# unreadable file.
cp "$data/sample-000.txt" "$tmp/clean.txt"
cp "$data/sample-004.txt" "$tmp/年度报告 2022.txt"
cp "$data/sample-003.txt" "$tmp/s3.txt"
cp "$data/formats/sample-004.pdf" "$tmp/s4.pdf"
printf '\000\001\002' >"$tmp/junk.bin"
set -- "$tmp/clean.txt" "$tmp/年度报告 2022.txt" "$tmp/s3.txt" "$tmp/s4.pdf" \
	"$tmp/junk.bin"

# shellcheck disable=SC2086
"$nb" check $opts --json "$@" >"$tmp/all.jsonl" 2>/dev/null
# shellcheck disable=SC2086
"$nb" check $opts --format sarif -o "$tmp/out.sarif" "$@" 2>"$tmp/err"
rc=$?
ok "$([ "$rc" = 3 ] && echo 0)" "unreadable input: exit 3 (got $rc)"
ok "$([ -s "$tmp/out.sarif" ] && echo 0)" "-o wrote the log"
ok "$([ -z "$(ls -A "$tmp" | grep '^\.')" ] && echo 0)" "no temporary left"

ok "$($py - "$src/tests/sarif/sarif-schema-2.1.0.json" "$tmp/out.sarif" \
    "$tmp/all.jsonl" <<'PY' && echo 0
import json, re, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
jsonschema.Draft7Validator(schema).validate(log)
run = log["runs"][0]
rules = run["tool"]["driver"]["rules"]
want = []
for line in open(sys.argv[3]):
    o = json.loads(line)
    for f in o.get("findings", []):
        want.append((o["file"], f["rule"], f["message"]))
arts = [a["location"]["uri"] for a in run["artifacts"]]
got = []
for r in run["results"]:
    assert rules[r["ruleIndex"]]["id"] == r["ruleId"], r
    loc = r["locations"][0]
    uri = loc["physicalLocation"]["artifactLocation"]["uri"]
    assert arts[loc["physicalLocation"]["artifactLocation"]["index"]] == uri
    assert re.fullmatch(r"[A-Za-z0-9._~/%-]+", uri), uri
    lvl = {"error": "error", "warning": "warning", "note": "note"}[r["level"]]
    if uri.endswith(".pdf"):
        assert loc["properties"]["page"] > 0, r
        assert "region" not in loc["physicalLocation"], r
    got.append((uri, r["ruleId"], r["message"]["text"]))
from urllib.parse import unquote
got = sorted((unquote(u), ru, m) for u, ru, m in got)
assert got == sorted(want), (got, want)
assert any("%E5%B9%B4" in a for a in arts), arts
inv = run["invocations"][0]
assert inv["executionSuccessful"] is False
n = inv["toolExecutionNotifications"]
assert len(n) == 1 and n[0]["descriptor"]["id"].startswith("ingest."), n
assert len(want) >= 3
PY
)" "SARIF valid against the OASIS schema, every finding, indexes, pages"

# A mutant's arithmetic error carries its cells and values.
sed 's/^\(.*本年新收政府信息公开申请数量 *\)\([0-9][0-9]*\)/\1999/' \
	"$data/sample-000.txt" >"$tmp/mut.txt"
# shellcheck disable=SC2086
"$nb" check $opts --format=sarif "$tmp/mut.txt" >"$tmp/mut.sarif" 2>/dev/null
ok "$($py - "$tmp/mut.sarif" <<'PY' && echo 0
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
errs = [r for r in run["results"] if r["level"] == "error"]
assert errs, run["results"]
assert any("cells" in r["properties"] and "expected" in r["properties"]
           for r in errs), errs
assert run["invocations"][0]["executionSuccessful"] is True
PY
)" "a mutant's error names its cells and values"

# -o FILE: an old FILE stays until the new one is whole; a file that
# cannot be created is an error naming it, and nothing is left behind.
echo old >"$tmp/keep.sarif"
# shellcheck disable=SC2086
"$nb" check $opts --format sarif -o "$tmp/keep.sarif" "$tmp/clean.txt" \
	>/dev/null 2>&1
ok "$(grep -q '"version": "2.1.0"' "$tmp/keep.sarif" && echo 0)" \
	"-o replaces an existing file"
mkdir "$tmp/ro"
chmod a-w "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
	# shellcheck disable=SC2086
	"$nb" check $opts -o "$tmp/ro/x.txt" "$tmp/clean.txt" 2>"$tmp/err"
	rc=$?
	ok "$([ "$rc" = 2 ] && grep -q "ro/x.txt" "$tmp/err" &&
	    [ -z "$(ls -A "$tmp/ro")" ] && echo 0)" \
	    "unwritable -o folder: exit 2, named, nothing left"
fi
# shellcheck disable=SC2086
"$nb" check $opts -o "$tmp/nodir/x.txt" "$tmp/clean.txt" 2>"$tmp/err"
rc=$?
ok "$([ "$rc" = 2 ] && grep -q "nodir/x.txt" "$tmp/err" && echo 0)" \
	"-o into a missing folder: exit 2, named"
# text to a file: no colour codes even with --color=auto.
# shellcheck disable=SC2086
"$nb" check $opts -o "$tmp/t.txt" "$tmp/s3.txt" >/dev/null 2>&1
ok "$(grep -q "s3.txt" "$tmp/t.txt" && ! grep -q "$(printf '\033')" \
	"$tmp/t.txt" && echo 0)" "-o text: the report, no colour"
# shellcheck disable=SC2086
ok "$([ "$("$nb" check $opts --format xml "$tmp/clean.txt" 2>&1 \
	>/dev/null | grep -c sarif)" = 1 ] && echo 0)" \
	"unknown --format: says which are known"

echo "test-sarif: $pass passed, $fail failed"
[ "$fail" = 0 ]
