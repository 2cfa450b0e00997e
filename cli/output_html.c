/*
 * output_html.c -- `nianbao check --format html`: the board's report page
 * for one file, drawn by the board's renderer (board/render.h) from the
 * same JSON object --format json prints, as one self-contained file
 * (style sheet inline, no link, no form, no script).
 */
#include <stdio.h>

#include "output.h"
#include "board/render.h"

int
output_html(FILE *fp, const struct nb_result *res)
{
	struct board_view v = { .standalone = 1 };
	struct buf b = { 0 };
	json_t *o = nb_result_json(res);
	int rc = -1;

	if (o != NULL && board_render_report(o, &v, &b) == 0 &&
	    fwrite(b.p, 1, b.len, fp) == b.len)
		rc = 0;
	buf_free(&b);
	json_decref(o);
	return rc;
}
