/*
 * page.c -- the shared frame of the board's pages (see page.h).
 */
#include <time.h>

#include "page.h"

void
page_begin(struct buf *b, const char *title, int standalone)
{
	buf_lit(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\""
	    "width=device-width, initial-scale=1\">\n");
	if (standalone) {
		/* A file opened from disk has no server to send the policy. */
		buf_lit(b, "<meta http-equiv=\"Content-Security-Policy\" "
		    "content=\"default-src 'none'; style-src 'unsafe-inline'; "
		    "img-src data:\">\n<style>\n");
		buf_lit(b, board_css);
		buf_lit(b, "</style>\n");
	} else
		buf_lit(b, "<link rel=\"stylesheet\" href=\"/static/board.css\">"
		    "\n");
	buf_lit(b, "<title>");
	buf_html_cut(b, title, 80);
	buf_lit(b, "</title></head>\n<body>\n");
	if (!standalone)
		buf_lit(b, "<nav class=\"top\"><a href=\"/\">年报审核看板</a>"
		    "</nav>\n");
	buf_lit(b, "<main>\n");
}

void
page_end(struct buf *b)
{
	buf_lit(b, "</main>\n<footer>nianbao · 政府信息公开工作年度报告检查"
	    "</footer>\n</body></html>\n");
}

void
page_date(struct buf *b, int64_t t)
{
	time_t tt = (time_t)(t + 8 * 3600);
	struct tm tm;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL) {
		buf_lit(b, "—");
		return;
	}
	buf_fmt(b, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
}

void
page_day(struct buf *b, int64_t t)
{
	time_t tt = (time_t)(t + 8 * 3600);
	struct tm tm;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL) {
		buf_lit(b, "—");
		return;
	}
	buf_fmt(b, "%d年%d月%d日", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}
