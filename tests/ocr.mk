# Scanned reports (issue 15).  lazy.sh runs under make check (no OCR);
# scans.sh recognises scans made at test time and is run once by
# tests/run-all.sh (NB_OCR=1), outside the sanitizer and valgrind passes.
TESTS += tests/ocr/lazy.sh tests/ocr/scans.sh
EXTRA_DIST += tests/ocr/lazy.sh tests/ocr/scans.sh tests/ocr/scans.py
