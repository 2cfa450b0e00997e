#!/bin/bash
# early.sh -- a file renamed into incoming/ is checked while it settles
# (daemon/early.c), and the result kept only if the file then claimed is
# the one read: written to, replaced or removed within the settle time,
# the record is of what was claimed, or there is none.  Each case is
# done at once after the rename, well inside the 100 ms; whichever of
# the worker and the change comes first, the record must be the claimed
# file's (its SHA-256), once.
. "${srcdir:-.}/tests/daemon/lib.sh"

# sha FILE: its SHA-256.
sha() { sha256sum "$1" | cut -d' ' -f1; }

# record_sha NAME: the sha256 of every record whose file is NAME, one a
# line.
record_sha() {
	python3 - "$SPOOL/out" "$1" <<'PY'
import glob, json, sys
for p in sorted(glob.glob(sys.argv[1] + "/*.json")):
    r = json.load(open(p, encoding="utf-8"))
    if r.get("file") == sys.argv[2]:
        print(r.get("sha256"))
PY
}

# archived NAME: the one input kept under NAME in archive/ or failed/.
archived() {
	ls "$SPOOL"/archive/*-"$1" "$SPOOL"/failed/*-"$1" 2>/dev/null |
	    grep -v '\.reason$'
}

write_conf
start_sinks
check "daemon starts" start_daemon
cp "$DATA/sample-000.txt" "$SPOOL/incoming/warm.txt"
check "a first report is checked" wait_done 1 30
mkdir -p "$T/stage"
n=1

# Written to after the rename: the record is of the longer file.
for i in 1 2 3 4 5; do
	cp "$DATA/sample-000.txt" "$T/stage/m$i.txt"
	mv "$T/stage/m$i.txt" "$SPOOL/incoming/"
	cat "$DATA/sample-001.txt" >>"$SPOOL/incoming/m$i.txt"
done
n=$((n + 5))
check "the written-to files are checked" wait_done $n 30
for i in 1 2 3 4 5; do
	f=$(archived "m$i.txt")
	got=$(record_sha "m$i.txt")
	check "m$i.txt: one record, of the file as claimed" \
	    test -n "$f" -a "$got" = "$(sha "$f")"
done

# Replaced by another file under the same name: the record is the
# second's.
for i in 1 2 3; do
	cp "$DATA/sample-000.txt" "$T/stage/r$i.txt"
	cp "$DATA/sample-002.txt" "$T/stage/r$i.second"
	mv "$T/stage/r$i.txt" "$SPOOL/incoming/"
	mv "$T/stage/r$i.second" "$SPOOL/incoming/r$i.txt"
done
n=$((n + 3))
check "the replaced files are checked" wait_done $n 30
for i in 1 2 3; do
	check "r$i.txt: one record, of the second file" \
	    test "$(record_sha "r$i.txt")" = "$(sha "$DATA/sample-002.txt")"
done

# Removed again: no record, nothing in failed/.
for i in 1 2 3; do
	cp "$DATA/sample-000.txt" "$T/stage/g$i.txt"
	mv "$T/stage/g$i.txt" "$SPOOL/incoming/"
	rm "$SPOOL/incoming/g$i.txt"
done
sleep 1
check "removed files leave no record" test -z "$(record_sha g1.txt; \
    record_sha g2.txt; record_sha g3.txt)"
check "nor anything in failed/" test -z "$(ls "$SPOOL/failed")"

# Rewritten in place to the same size 0-4 ms after the rename: within
# one tick of the coarse clock the times stay the same, only the bytes
# tell (the claim's SHA-256 of the work/ file against its worker's).
python3 - "$T/stage" "$SPOOL/incoming" "$DATA/sample-000.txt" <<'PY'
import os, random, sys, time
stage, inc, src = sys.argv[1:]
data = open(src, "rb").read()
for i in range(40):
    p = os.path.join(stage, "t%d.txt" % i)
    open(p, "wb").write(data)
    os.rename(p, os.path.join(inc, "t%d.txt" % i))
    time.sleep(random.random() * 0.004)
    with open(os.path.join(inc, "t%d.txt" % i), "r+b") as f:
        f.write(b"X" * 64)
PY
n=$((n + 40))
check "the rewritten files are checked" wait_done $n 60
bad=0
for i in $(seq 0 39); do
	f=$(archived "t$i.txt")
	[ -n "$f" ] && [ "$(record_sha "t$i.txt")" = "$(sha "$f")" ] ||
	    bad=$((bad + 1))
done
check "each rewritten file's record is of its bytes as claimed ($bad not)" \
    test "$bad" -eq 0

# A burst, and what came before: each report once.
for i in $(seq 1 60); do
	cp "$DATA/sample-00$((i % 5)).txt" "$T/stage/b$i.txt"
done
mv "$T/stage"/b*.txt "$SPOOL/incoming/"
n=$((n + 60))
check "a burst of 60 is checked" wait_done $n 60
for i in 7 33 60; do
	check "b$i.txt: its record is of its file" \
	    test "$(record_sha "b$i.txt")" = "$(sha "$(archived "b$i.txt")")"
done
exactly_once $n "everything"
