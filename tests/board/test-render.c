/*
 * test-render.c -- the board's escaping: buf_html() on markup, control
 * characters, bidi overrides, invalid UTF-8, and cuts by code point.
 * (The renderer itself: tests/board/render.sh, through the command.)
 */
#include <stdio.h>
#include <string.h>

#include "board/buf.h"

static int passed, failed;

static void
expect(const char *in, size_t cut, const char *want)
{
	struct buf b = { 0 };
	const char *got;

	if (cut)
		buf_html_cut(&b, in, cut);
	else
		buf_html(&b, in);
	got = buf_str(&b);
	if (got != NULL && strcmp(got, want) == 0)
		passed++;
	else {
		failed++;
		printf("FAIL: escape \"%s\": got \"%s\", want \"%s\"\n", in,
		    got ? got : "(oom)", want);
	}
	buf_free(&b);
}

static int
units(void)
{
	expect("<script>alert(1)</script>", 0,
	    "&lt;script&gt;alert(1)&lt;/script&gt;");
	expect("\"><img src=x onerror='a'>&", 0,
	    "&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;&amp;");
	expect("a\x1b[31mb\x07" "c\x7f", 0, "a\xef\xbf\xbd[31mb\xef\xbf\xbd"
	    "c\xef\xbf\xbd");
	expect("tab\tnl\n", 0, "tab\tnl\n");
	expect("x\xe2\x80\xaey", 0, "x\xef\xbf\xbdy");		/* U+202E */
	expect("x\xc2\x85y", 0, "x\xef\xbf\xbdy");		/* U+0085 */
	expect("bad\xff\xc0\xaf" "end", 0, "bad\xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbd" "end");		/* invalid, overlong */
	expect("\xed\xa0\x80", 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	expect("红寺堡区教育局", 3, "红寺堡…");
	expect("红寺", 2, "红寺");
	expect("", 0, "");
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}

int
main(void)
{
	return units();
}
