#!/bin/bash
# provinces.sh -- nianbaod.conf's origins table (issue 10 item 4): a report
# dropped into incoming/nx/ is checked with the 宁夏 pack, the same report
# in incoming/ with the national pack alone; -t refuses a table that names
# a province pack that is not there, or a pack with a mistake, saying
# which file and where.
. "${srcdir:-.}/tests/daemon/lib.sh"

write_conf 'origins = ( { origin = "nx"; province = "ningxia"; } );'
mkdir -p "$SPOOL/incoming/nx"
start_sinks
check "-t loads the province pack of the table" "$NBD" -t -c "$CONF"
check "daemon starts" start_daemon
cp "$DATA/sample-004.txt" "$SPOOL/incoming/nx/nx4.txt"
cp "$DATA/sample-004.txt" "$SPOOL/incoming/plain4.txt"
check "both reports settle" wait_done 2 30

result() {	# result NAME: the out/ID.json of the archived NAME
	local a
	a=$(find "$SPOOL/archive" -name "*-$1" | head -n 1)
	[ -n "$a" ] && echo "$SPOOL/out/$(basename "$a" | cut -c1-16).json"
}
nx=$(result nx4.txt)
plain=$(result plain4.txt)
check "nx/: the 宁夏 requirement is reported" \
    grep -q '"rule": "sections.required_text"' "$nx"
check "nx/: the vague fee statement is an error" \
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); \
sys.exit(0 if any(f['rule']=='fees.vague_statement' and \
f['severity']=='error' for f in d['findings']) else 1)" "$nx"
check "incoming/: no 宁夏 requirement" \
    test -n "$plain" -a -f "$plain" -a -z "$(grep sections.required_text "$plain")"
check "incoming/: the vague fee statement stays a warning" \
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); \
sys.exit(0 if any(f['rule']=='fees.vague_statement' and \
f['severity']=='warning' for f in d['findings']) else 1)" "$plain"
stop_daemon

write_conf 'origins = ( { origin = "nx"; province = "nosuch"; } );'
"$NBD" -t -c "$CONF" >"$T/out" 2>&1
check "-t refuses a province pack that is not there" grep -q '没有省级规则包 "nosuch"' "$T/out"
printf '{"nianbao_rules": 1, "province": "测试", "rules": {"sums.blank_cel": "off"}}\n' \
    > "$T/bad.json"
write_conf "origins = ( { origin = \"x\"; province = \"$T/bad.json\"; } );"
"$NBD" -t -c "$CONF" >"$T/out" 2>&1
check "-t names the pack and the JSON path of its mistake" \
    grep -qF "$T/bad.json: \$.rules[\"sums.blank_cel\"]" "$T/out"
write_conf 'origins = ( { origin = "a/b"; province = "ningxia"; } );'
"$NBD" -t -c "$CONF" >"$T/out" 2>&1
check "-t refuses an origin that is not one folder" grep -q 'origins：origin 应为' "$T/out"
