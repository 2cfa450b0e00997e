#!/bin/sh
# scans.sh -- scanned reports (issue 15): scans and mutants made at test
# time from the samples' PDF renderings, recognised by the OCR module
# (scans.py says what is asserted).  Minutes of Tesseract: run once by
# tests/run-all.sh on the plain build (NB_OCR=1), never under the
# sanitizer, valgrind or distcheck passes; make check skips it unless
# NB_OCR=1.  NB_OCR_MUTANTS sets the mutants per sample (default 5, a
# few minutes; 25 as the issue measures it takes about 25 min of CPU).
src=${NB_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bld=${NB_BUILDDIR:-.}
if [ "${NB_OCR:-0}" != 1 ]; then
	echo "SKIP: scans run only with NB_OCR=1 (tests/run-all.sh sets it)"
	exit 77
fi
for t in pdftoppm pdftotext img2pdf; do
	command -v $t >/dev/null 2>&1 || { echo "SKIP: no $t"; exit 77; }
done
# Debian's python3 first: another one first on PATH may lack python3-pil
py=
for p in /usr/bin/python3 python3; do
	"$p" -c 'import PIL' 2>/dev/null && { py=$p; break; }
done
[ -n "$py" ] || { echo "SKIP: no python3 with python3-pil"; exit 77; }
[ -f "$bld/modules/.libs/ocr.so" ] ||
	{ echo "FAIL: OCR module not built"; exit 1; }
exec "$py" "$src/tests/ocr/scans.py" --src "$src" --build "$bld" \
	--mutants "${NB_OCR_MUTANTS:-5}" ${NB_OCR_REPORT:+--report "$NB_OCR_REPORT"}
