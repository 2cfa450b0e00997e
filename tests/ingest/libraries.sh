#!/bin/sh
# libraries.sh -- a check maps only the libraries its input needs (issue
# 14, "readers loaded on demand"): a UTF-8 text report is read without
# poppler, libxml2, libzip, Tesseract or uchardet (which is C++ and would
# bring libstdc++ with it), nor SQLite or nettle unless it has a
# --store, nor libevent (the board's); a GB18030 text opens uchardet, and
# HTML, DOCX and PDF files their readers.  What the dynamic linker loads,
# from LD_DEBUG=files (dlopen() included).
. "${NB_SRCDIR:-.}/tests/common.sh"
formats="$data/formats"

# The program itself, not libtool's wrapper script around it.
bin=$nb
[ -x "$build/cli/.libs/lt-nianbao" ] && bin=$build/cli/.libs/lt-nianbao

loaded() {	# loaded FILE: the files the linker opened while checking FILE
	LD_DEBUG=files "$bin" check $opts "$1" 2>&1 >/dev/null |
	    sed -n 's/.*file=\([^ ]*\).*/\1/p' | sort -u
}

heavy='libpoppler\|libxml2\|libzip\|libtesseract\|libuchardet\|libstdc++\|libgcc_s'
# A sanitizer build's runtime brings libstdc++ and libgcc_s itself.
if ldd "$bin" 2>/dev/null | grep -q 'libasan\|libubsan\|clang_rt' ||
    nm "$bin" 2>/dev/null | grep -q '__asan_init\|__ubsan_handle'; then
	heavy='libpoppler\|libxml2\|libzip\|libtesseract\|libuchardet'
fi
libs=$(loaded "$data/sample-001.txt")
echo "$libs" | grep -q 'libjansson' ||
    { echo "LD_DEBUG=files printed nothing here: skipped"; exit 77; }
ok "$(echo "$libs" | grep -q "$heavy" || echo 0)" \
    "a UTF-8 text maps none of the readers' libraries (got: $(echo "$libs" | grep "$heavy" | tr '\n' ' '))"

ok "$(echo "$libs" | grep -q 'libsqlite3' || echo 0)" \
    "a check without --store maps no libsqlite3 (the store's driver is a module)"
ok "$(echo "$libs" | grep -q 'libevent\|libnettle' || echo 0)" \
    "nor libevent (the board's, a module) nor libnettle (history only)"
libs=$(LD_DEBUG=files "$bin" check $opts --store "$tmp/h.db" \
    "$data/sample-001.txt" 2>&1 >/dev/null |
    sed -n 's/.*file=\([^ ]*\).*/\1/p' | sort -u)
ok "$(echo "$libs" | grep -q 'libsqlite3' && echo 0)" \
    "a check with --store opens libsqlite3"

libs=$(loaded "$formats/sample-000.gbk.txt")
ok "$(echo "$libs" | grep -q 'libuchardet' && echo 0)" \
    "a GB18030 text opens uchardet"
out=$("$nb" check --json $opts "$formats/sample-000.gbk.txt" 2>&1)
ok "$(echo "$out" | grep -q '"encoding":"GB18030"' && echo 0)" \
    "and is read as GB18030"

for f in sample-000.html:libxml2 sample-000.docx:libzip sample-000.pdf:libpoppler; do
	libs=$(loaded "$formats/${f%%:*}")
	ok "$(echo "$libs" | grep -q "${f#*:}" && echo 0)" \
	    "${f%%:*} opens ${f#*:}"
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
