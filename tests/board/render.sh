#!/bin/sh
# tests/board/render.sh -- `nianbao check --format html`, the board's
# report renderer on the object --json prints: a mutant's culprit is the
# one highlighted cell, its failed relation's cells are marked, and a
# hostile report (markup in its file name, controls in its title) comes
# out as text, with no script.
. "${NB_SRCDIR:-.}/tests/common.sh"
NB_SRCDIR=$src sh "$src/tests/board/fixtures.sh" "$tmp/fx" || exit 1
# shellcheck disable=SC2086
"$nb" check $opts --format html -o "$tmp/edu.html" "$tmp/fx/edu.txt"
ok "$(test $? = 1; echo $?)" "render the mutant: exit 1 (it has an error)"
culprit=$(cat "$tmp/fx/culprit")
ok "$(test "$(grep -ao 'class="c[^"]*culprit[^"]*" data-cell="[^"]*"' \
    "$tmp/edu.html" | sed 's/.*data-cell="\(.*\)"/\1/')" = "$culprit"; echo $?)" \
    "mutant: exactly $culprit highlighted"
ok "$(test "$(grep -ao 'class="c[^"]* fail[^"]*"' "$tmp/edu.html" |
    wc -l)" = 7; echo $?)" "mutant: the row relation's 7 cells marked"
ok "$(grep -aq '表三 “（一）予以公开” / “自然人”' "$tmp/edu.html"; echo $?)" \
    "mutant: the finding names the cell as printed"
ok "$(grep -aq '<style>' "$tmp/edu.html" && ! grep -aq 'href="/static' \
    "$tmp/edu.html"; echo $?)" "self-contained: style inline, no link"
ok "$(grep -aq "Content-Security-Policy\" content=\"default-src 'none'" \
    "$tmp/edu.html"; echo $?)" "self-contained: a CSP meta"
hostile=$(sed -n 5p "$tmp/fx/order")
# shellcheck disable=SC2086
"$nb" check $opts --format html "$tmp/fx/$hostile" >"$tmp/h.html"
ok $? "render the hostile report"
ok "$(! grep -aqi '<script\|<svg\|<img' "$tmp/h.html"; echo $?)" \
    "hostile: no markup of the report's"
ok "$(grep -aqF '&lt;svg onload=alert(1)&gt;&quot;&gt;&lt;img' "$tmp/h.html"
    echo $?)" "hostile: the file name as text"
ok "$(! grep -aq "$(printf '\033\|\177\|\342\200\256')" "$tmp/h.html"; echo $?)" \
    "hostile: no control character or bidi override"
ok "$(grep -aqF '某某县&quot;&amp;�[31m' "$tmp/h.html"; echo $?)" \
    "hostile: the title escaped, controls replaced"
# shellcheck disable=SC2086
"$nb" check $opts --format html "$tmp/fx/edu.txt" "$tmp/fx/gov.txt" \
    >"$tmp/two.html" 2>"$tmp/two.err"
ok "$(test $? = 2 && test ! -s "$tmp/two.html" && grep -q 'html' "$tmp/two.err"
    echo $?)" "two files: one page is one document, exit 2"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
