#!/bin/bash
# jsonl.sh -- findings.jsonl across crashes and full disks (issue 9,
# defects 3 and 4).
#  3. A crash inside a big group commit (after the jsonl sync, before the
#     inputs are moved) used to double every line of the group once it
#     was larger than the 256 KiB tail the restart looked at.
#  4. A short write then a write error (full disk; here the file size
#     limit, which fails the same way) left a fragment whose {"id":...
#     prefix made the retry skip the line: the report's line was lost.
. "${srcdir:-.}/tests/daemon/lib.sh"

write_conf
start_sinks
check "daemon starts" start_daemon
cp "$DATA/sample-000.txt" "$SPOOL/incoming/one.txt"
check "a template result is made" wait_done 1 10
stop_daemon TERM
tmpl=$(ls "$SPOOL"/out/*.json | head -n 1)

# 3: 40 records of 30 KB, each with its line committed, inputs not moved.
SPOOL=$T/spool3
write_conf
mkdir -p "$SPOOL"/{incoming,work,out,archive,failed}
python3 - "$tmpl" "$SPOOL" "$DATA/sample-001.txt" <<'PY'
import json, shutil, sys
tmpl, spool, sample = sys.argv[1:]
rec = json.load(open(tmpl, encoding="utf-8"))
with open(spool + "/out/findings.jsonl", "w", encoding="utf-8") as jl:
    for i in range(40):
        rid = "%016x" % (0x100 + i)
        r = dict(rec, id=rid, pad="x" * 30000)
        r = {"id": rid, **{k: v for k, v in r.items() if k != "id"}}
        json.dump(r, open("%s/out/%s.json" % (spool, rid), "w",
                          encoding="utf-8"), ensure_ascii=False, indent=2)
        jl.write(json.dumps(r, ensure_ascii=False, separators=(",", ":"))
                 + "\n")
        shutil.copy(sample, "%s/work/%s-r%02d.txt" % (spool, rid, i))
PY
size=$(stat -c %s "$SPOOL/out/findings.jsonl")
check "the group is larger than 256 KiB ($size bytes)" test "$size" -gt 262144
check "daemon starts on the crashed group commit" start_daemon
check "the 40 inputs are moved" wait_done 40 20
stop_daemon TERM
exactly_once 40 "big group commit"

# 4: the append fails halfway; nothing torn is left, the retry writes it.
SPOOL=$T/spool4
write_conf
mkdir -p "$SPOOL"/{incoming,work,out,archive,failed}
limit_kb=64
python3 - "$SPOOL/out/findings.jsonl" $((limit_kb * 1024 - 200)) <<'PY'
import sys
path, size = sys.argv[1], int(sys.argv[2])
line = '{"id":"%016x","pad":"%s"}\n'
with open(path, "w") as f:
    n = 0
    while size > 0:
        pad = min(size - 28, 1000)
        l = line % (n, "y" * pad)
        f.write(l)
        size -= len(l)
        n += 1
PY
test_results() { [ "$(count_results)" -ge "$1" ]; }
before=$(stat -c %s "$SPOOL/out/findings.jsonl")
cat > "$T/fsize.sh" <<SH
#!/bin/sh
ulimit -S -f $limit_kb
exec "\$@"
SH
chmod +x "$T/fsize.sh"
NBD_WRAP=$T/fsize.sh check "daemon starts under a file size limit" start_daemon
cp "$DATA/sample-002.txt" "$SPOOL/incoming/torn.txt"
check "the report is checked" wait_for 10 test_results 1
sleep 1
check "the failed append left no fragment ($(stat -c %s "$SPOOL/out/findings.jsonl") = $before)" \
    test "$(stat -c %s "$SPOOL/out/findings.jsonl")" -eq "$before"
check "the input waits in work/" test "$(count_inputs work)" -eq 1
prlimit --pid "$DPID" --fsize=unlimited:unlimited
check "space is back: the retry finishes it" wait_done 1 25
id=$(basename "$(ls "$SPOOL"/out/0*.json)" .json)
check "its line is there once, whole" \
    test "$(grep -c "^{\"id\":\"$id\".*}$" "$SPOOL/out/findings.jsonl")" -eq 1
stop_daemon TERM
check "a restart adds no second line" start_daemon
sleep 1
check "still one line for it" \
    test "$(grep -c "^{\"id\":\"$id\"" "$SPOOL/out/findings.jsonl")" -eq 1
