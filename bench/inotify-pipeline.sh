#!/bin/bash
# inotify-pipeline.sh -- the baseline for the daemon benchmarks: what a
# sysadmin would build without nianbaod.  Watches SPOOL/incoming with
# `inotifywait -m` and runs one `nianbao check --json` per file, writing
# SPOOL/out/NAME.json (by way of a temporary file and rename, as nianbaod
# does) and moving the input to SPOOL/archive/.
#
#   inotify-pipeline.sh SPOOL COMMAND...   (the file name is appended)
#
# Runs until killed; "Watches established." on stderr means it is ready.
set -eu
spool=$1
shift
mkdir -p "$spool/incoming" "$spool/out" "$spool/archive"
inotifywait -m -e moved_to -e close_write --format '%f' "$spool/incoming" |
while IFS= read -r f; do
	in=$spool/incoming/$f
	[ -f "$in" ] || continue
	"$@" "$in" >"$spool/out/.$f.tmp" || [ $? -le 3 ]
	mv "$spool/out/.$f.tmp" "$spool/out/$f.json"
	mv "$in" "$spool/archive/$f"
done
