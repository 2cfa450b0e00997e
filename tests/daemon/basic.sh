#!/bin/bash
# basic.sh -- cp (IN_CLOSE_WRITE) and mv (IN_MOVED_TO) drops, a subfolder
# as origin, files present before start-up, temporary names, the JSON
# result, the jsonl line, the archived copy and the syslog lines.
. "${srcdir:-.}/tests/daemon/lib.sh"

THRESHOLD=info write_conf
start_sinks

# -t on a good configuration, and on broken ones.
check "-t accepts the configuration" "$NBD" -t -c "$CONF"
echo 'workers = "many";' > "$T/bad1.conf"
check "-t refuses a bad value" not "$NBD" -t -c "$T/bad1.conf"
"$NBD" -t -c "$T/bad1.conf" 2> "$T/bad1.err"
check "-t names the file and the line" grep -q "bad1.conf 第 1 行" "$T/bad1.err"
sed 's/^workers/wrokers/' "$CONF" > "$T/bad2.conf"
check "-t refuses an unknown setting" not "$NBD" -t -c "$T/bad2.conf"
sed 's|^rules = .*|rules = "/nonexistent/pack.json";|' "$CONF" > "$T/bad3.conf"
check "-t refuses a missing rule pack" not "$NBD" -t -c "$T/bad3.conf"

# Present before start-up.
mkdir -p "$SPOOL/incoming/早到"
cp "$DATA/sample-002.txt" "$SPOOL/incoming/early.txt"
cp "$DATA/sample-003.txt" "$SPOOL/incoming/早到/early2.txt"
# As systemd would with WatchdogSec=1s.
export WATCHDOG_USEC=1000000
check "daemon starts and sends READY=1" start_daemon
unset WATCHDOG_USEC
check "files present before start-up are checked" wait_done 2 10
check "early.txt archived" test -f "$(ls "$SPOOL"/archive/*-early.txt)"
check "early2.txt archived under its origin" \
    test -f "$(ls "$SPOOL"/archive/早到/*-early2.txt)"

# cp: IN_CLOSE_WRITE.
cp "$DATA/sample-000.txt" "$SPOOL/incoming/copied.txt"
# mv into a subfolder created after start: IN_MOVED_TO, origin = folder.
mkdir "$SPOOL/incoming/红寺堡区"
sleep 0.3
cp "$DATA/sample-001.txt" "$T/moved.txt"
mv "$T/moved.txt" "$SPOOL/incoming/红寺堡区/moved.txt"
# Temporary names wait until renamed.
cp "$DATA/sample-004.txt" "$SPOOL/incoming/later.txt.part"
cp "$DATA/sample-004.txt" "$SPOOL/incoming/.hidden"
cp "$DATA/sample-004.txt" "$SPOOL/incoming/~\$lock.txt"
check "copied and moved files are checked" wait_done 4 10
sleep 0.5
check "*.part waits" test -f "$SPOOL/incoming/later.txt.part"
check "dot-file waits" test -f "$SPOOL/incoming/.hidden"
check "~\$ file waits" test -f "$SPOOL/incoming/~\$lock.txt"
mv "$SPOOL/incoming/later.txt.part" "$SPOOL/incoming/later.txt"
check "renamed .part is checked" wait_done 5 10

# The result of the moved file.
arch=$(ls "$SPOOL"/archive/红寺堡区/*-moved.txt)
id=$(basename "$arch" | cut -c1-16)
res=$SPOOL/out/$id.json
check "result out/$id.json exists" test -f "$res"
check "result names the origin" grep -q '"origin": "红寺堡区"' "$res"
sum=$(sha256sum "$DATA/sample-001.txt" | cut -d' ' -f1)
check "result has the input's sha256" grep -q "\"sha256\": \"$sum\"" "$res"
check "result has a time" grep -q '"time": "20[0-9-]*T[0-9:.]*Z"' "$res"
check "result has findings and summary" grep -q '"summary"' "$res"
check "result says checked" grep -q '"status": "checked"' "$res"
check "result has the check --json fields" grep -q '"format": "2021"' "$res"
check "archived copy is identical" cmp -s "$arch" "$DATA/sample-001.txt"
check "one jsonl line for it" test "$(grep -c "^{\"id\":\"$id\"" "$SPOOL/out/findings.jsonl")" -eq 1
check "no temporary files left in out/" test -z "$(ls -A "$SPOOL/out" | grep '^\.')"

# syslog: a summary line per report, key=value, with the facility.
wait_for 5 grep -q "id=$id" "$T/syslog.txt"
check "syslog summary line for the moved file" \
    grep -q "^<15[0-9]>.* nianbaod\[[0-9]*\]: report=checked id=$id file=moved.txt origin=红寺堡区 " "$T/syslog.txt"
check "syslog summary line for the copied file" \
    grep -q "report=checked id=[0-9a-f]* file=copied.txt origin=\"\"" "$T/syslog.txt"
check "syslog uses facility local3" grep -q '^<15[0-9]>' "$T/syslog.txt"
# A report with findings: the first part of a sample.
head -n 60 "$DATA/sample-002.txt" > "$T/short.txt"
mv "$T/short.txt" "$SPOOL/incoming/short.txt"
check "short report is checked" wait_done 6 10
sid=$(basename "$(ls "$SPOOL"/archive/*-short.txt)" | cut -c1-16)
nf=$(grep -c '"rule":' "$SPOOL/out/$sid.json")
check "short report has findings ($nf)" test "$nf" -gt 0
wait_for 5 grep -q "finding=.* id=$sid " "$T/syslog.txt"
nl=$(grep -c "finding=.* id=$sid " "$T/syslog.txt")
check "one syslog line per finding ($nl of $nf)" test "$nl" -eq "$nf"

# The same name twice keeps both.
cp "$DATA/sample-000.txt" "$SPOOL/incoming/twice.txt"
wait_done 7 10
cp "$DATA/sample-001.txt" "$SPOOL/incoming/twice.txt"
check "same name dropped twice: both checked" wait_done 8 10
check "same name dropped twice: two archived copies" \
    test "$(ls "$SPOOL"/archive/*-twice.txt | wc -l)" -eq 2

# Not checkable: bytes cut inside a character (not decodable) and a
# symlink go to failed/ with a reason.
head -c 2999 "$DATA/sample-002.txt" > "$SPOOL/incoming/empty.txt"
ln -s /etc/passwd "$SPOOL/incoming/link.txt"
check "undecodable file and symlink end up in failed/" wait_done 10 10
check "failed/ has a reason for the undecodable file" \
    grep -q "编码" "$(ls "$SPOOL"/failed/*-empty.txt.reason)"
check "failed/ has a reason for the symlink" \
    grep -q "不是普通文件" "$(ls "$SPOOL"/failed/*-link.txt.reason)"
fid=$(basename "$(ls "$SPOOL"/failed/*-empty.txt.reason)" | cut -c1-16)
check "failed result has daemon.check_failed" \
    grep -q '"rule": "daemon.check_failed"' "$SPOOL/out/$fid.json"
check "STATUS= sent to systemd with the counts" \
    wait_for 3 grep -q 'STATUS=排队 [0-9]*，检查中 [0-9]*，已检查 [0-9]*，失败 [0-9]*' "$T/notify.txt"
check "WATCHDOG=1 pings at half the interval" \
    test "$(grep -c '^WATCHDOG=1' "$T/notify.txt")" -ge 2

rm -f "$SPOOL/incoming/.hidden" "$SPOOL/incoming/~\$lock.txt"
stop_daemon TERM
check "SIGTERM: clean exit" test "$DAEMON_STATUS" -eq 0
check "STOPPING=1 sent" grep -q 'STOPPING=1' "$T/notify.txt"
exactly_once 10 "basic"
