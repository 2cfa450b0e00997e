/*
 * test-render.c -- the board's escaping and its report renderer.
 *
 *   test-render          unit tests of buf_html() (markup, control
 *                        characters, bidi overrides, invalid UTF-8, cuts)
 *   test-render -        renders each JSON line of standard input (as
 *                        `nianbao check --json` prints) as one
 *                        self-contained page on standard output, the way
 *                        `nianbao check --format html` will
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "board/buf.h"
#include "board/render.h"

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

static int
render_stdin(void)
{
	char *line = NULL;
	size_t cap = 0;
	int rc = 0;

	while (getline(&line, &cap, stdin) != -1) {
		struct board_view v = { .standalone = 1 };
		struct buf b = { 0 };
		json_error_t je;
		json_t *o = json_loads(line, 0, &je);

		if (o == NULL) {
			fprintf(stderr, "test-render: %s\n", je.text);
			rc = 1;
			continue;
		}
		if (board_render_report(o, &v, &b) == -1)
			rc = 1;
		else
			fwrite(b.p, 1, b.len, stdout);
		buf_free(&b);
		json_decref(o);
	}
	free(line);
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "-") == 0)
		return render_stdin();
	return units();
}
