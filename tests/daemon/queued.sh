#!/bin/bash
# queued.sh -- in a burst a worker is sent its next report while it checks
# one (worker.h): the next is in its socket before the first is done, and
# when the worker dies with a next waiting (a crash, the time limit), that
# report is checked by the worker that replaces it, not failed and not
# counted as a retry.  Each record, failed or not, has its input's SHA-256.
# Nothing is sent behind a large input.
. "${srcdir:-.}/tests/daemon/lib.sh"

WORKERS=1 PLUGIN_DIR=$TESTPLUGINS TIME_LIMIT=3 write_conf \
    'plugins = { nbtest_crash = {}; nbtest_hang = { note = "test"; }; };'
start_sinks
check "daemon starts" start_daemon

mark() {
	{ cat "$DATA/sample-000.txt"; printf '\n%s\n' "$1"; } > "$T/stage/$2"
}
mkdir -p "$T/stage"
# One worker: the first report is its current, the second its next.
mark NBTEST-PEEK peek.txt
cp "$DATA/sample-001.txt" "$T/stage/after-peek.txt"
mark NBTEST-CRASH crash.txt
cp "$DATA/sample-003.txt" "$T/stage/after-crash.txt"
mark NBTEST-HANG hang.txt
cp "$DATA/sample-004.txt" "$T/stage/after-hang.txt"
for f in peek.txt after-peek.txt crash.txt after-crash.txt hang.txt \
    after-hang.txt; do
	mv "$T/stage/$f" "$SPOOL/incoming/$f"
	sleep 0.05
done
check "all six reports settle" wait_done 6 40

id_of() {	# the id of the settled input NAME
	basename "$(ls "$SPOOL"/archive/*-"$1" "$SPOOL"/failed/*-"$1" \
	    2>/dev/null | head -n 1)" | cut -c1-16
}
check "the next report was sent while the first was checked" \
    grep -q '"rule": "nbtest_hang.queued"' "$SPOOL/out/$(id_of peek.txt).json"
check "crash: failed, naming the signal" \
    grep -q SIGSEGV "$(ls "$SPOOL"/failed/*-crash.txt.reason)"
check "hang: failed at the time limit" \
    grep -q "时间限制 3 秒" "$(ls "$SPOOL"/failed/*-hang.txt.reason)"
# The worker tells the input's SHA-256 with its result or its last words.
for f in crash.txt hang.txt peek.txt; do
	sum=$(sha256sum "$(ls "$SPOOL"/failed/*-$f "$SPOOL"/archive/*-$f \
	    2>/dev/null | grep -v '\.reason$' | head -n 1)" | cut -d' ' -f1)
	check "$f: its record has the input's sha256" \
	    grep -q "\"sha256\": \"$sum\"" "$SPOOL/out/$(id_of $f).json"
done
for f in after-peek.txt after-crash.txt after-hang.txt; do
	check "$f: checked, not failed" test -f "$(ls "$SPOOL"/archive/*-$f)"
	check "$f: its result says checked" \
	    grep -q '"status": "checked"' "$SPOOL/out/$(id_of $f).json"
done
# Nothing waits behind a large input (a PDF, a scan) while another
# worker may come free.
{ cat "$DATA/sample-000.txt"; head -c 300000 /dev/zero | tr '\0' '\n'
  printf '%s\n' NBTEST-PEEK; } > "$T/stage/big-peek.txt"
cp "$DATA/sample-001.txt" "$T/stage/after-big.txt"
mv "$T/stage/big-peek.txt" "$SPOOL/incoming/"
sleep 0.05
mv "$T/stage/after-big.txt" "$SPOOL/incoming/"
check "both settle" wait_done 8 40
check "nothing was sent behind the large report" \
    not grep -q '"rule": "nbtest_hang.queued"' \
    "$SPOOL/out/$(id_of big-peek.txt).json"
check "the large report was checked" \
    test -f "$(ls "$SPOOL"/archive/*-big-peek.txt)"
check "no report was retried as killed from outside" \
    not grep -q 重新检查一次 "$T/daemon.log"
stop_daemon TERM
check "clean exit" test "$DAEMON_STATUS" -eq 0
exactly_once 8 "queued"
