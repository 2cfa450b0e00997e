/*
 * xlsx.c -- the 问题清单 as an Excel workbook.
 *
 * Sheet 问题清单: one row per finding, frozen header, filter on every
 * column.  Sheet 汇总: one row per report with its error and warning counts
 * and its findings by verdict.  Every cell is written as a string or a
 * number, never as a formula, so that report text beginning with "=" stays
 * text.
 */
#include <string.h>

#include <xlsxwriter.h>

#include "writers.h"

/* Excel holds at most 32,767 characters in a cell; a hostile report's
 * title may hold more.  Cut (on a UTF-8 boundary) well below. */
#define CELL_MAX	8000

struct book {
	lxw_workbook	*wb;
	lxw_worksheet	*list, *sum;
	lxw_format	*head, *wrap;
	lxw_row_t	 lrow, srow;
	lxw_error	 bad;
	char		 cut[CELL_MAX + 4];
};

static const char *const list_cols[] = { "机关", "年度", "报告文件", "版本",
    "规则", "级别", "问题", "位置", "单元格", "复核状态", "复核意见",
    "复核人", "复核时间" };
static const double list_widths[] = { 28, 7, 30, 6, 26, 6, 60, 14, 26, 10,
    30, 10, 17 };
static const char *const sum_cols[] = { "机关", "年度", "报告文件", "版本",
    "格式", "错误", "警告", "已确认", "已排除", "待复核" };

static const char *
fit(struct book *b, const char *s)
{
	size_t n = strlen(s);

	if (n <= CELL_MAX)
		return s;
	n = CELL_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(b->cut, s, n);
	memcpy(b->cut + n, "…", sizeof("…"));
	return b->cut;
}

static void
str(struct book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
    const char *s, lxw_format *f)
{
	lxw_error e;

	if (s == NULL || *s == '\0')
		return;
	if ((e = worksheet_write_string(ws, r, c, fit(b, s), f)) != 0 &&
	    b->bad == 0)
		b->bad = e;
}

static void
num(struct book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v)
{
	lxw_error e = worksheet_write_number(ws, r, c, v, NULL);

	if (e != 0 && b->bad == 0)
		b->bad = e;
}

/* The report's columns, the first four of both sheets. */
static void
report_cells(struct book *b, lxw_worksheet *ws, lxw_row_t r,
    const struct nb_store_summary *m)
{
	str(b, ws, r, 0, m->issuer, NULL);
	if (m->year > 0)
		num(b, ws, r, 1, m->year);
	str(b, ws, r, 2, m->file, NULL);
	num(b, ws, r, 3, m->version);
}

static int
on_problem(void *arg, const struct problem *p)
{
	struct book *b = arg;
	lxw_row_t r = ++b->lrow;

	report_cells(b, b->list, r, p->report);
	str(b, b->list, r, 4, p->rule, NULL);
	str(b, b->list, r, 5, p->severity, NULL);
	str(b, b->list, r, 6, p->message, b->wrap);
	str(b, b->list, r, 7, p->where, NULL);
	str(b, b->list, r, 8, p->cell, NULL);
	str(b, b->list, r, 9, p->verdict, NULL);
	str(b, b->list, r, 10, p->note, b->wrap);
	str(b, b->list, r, 11, p->reviewer, NULL);
	str(b, b->list, r, 12, p->reviewed, NULL);
	return b->bad ? -1 : 0;
}

static int
on_report(void *arg, const struct nb_store_summary *m,
    const struct problem_counts *c)
{
	struct book *b = arg;
	lxw_row_t r = ++b->srow;

	report_cells(b, b->sum, r, m);
	str(b, b->sum, r, 4, m->format, NULL);
	num(b, b->sum, r, 5, (double)c->errors);
	num(b, b->sum, r, 6, (double)c->warnings);
	num(b, b->sum, r, 7, (double)c->confirmed);
	num(b, b->sum, r, 8, (double)c->dismissed);
	num(b, b->sum, r, 9, (double)c->pending);
	return b->bad ? -1 : 0;
}

static void
header(struct book *b, lxw_worksheet *ws, const char *const *cols,
    size_t n, const double *widths)
{
	for (size_t i = 0; i < n; i++) {
		str(b, ws, 0, (lxw_col_t)i, cols[i], b->head);
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
		    widths != NULL ? widths[i] : 12, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
}

int
export_xlsx(struct nb_store *s, const struct nb_store_query *q,
    const char *path, struct nb_error *err)
{
	struct book b = { 0 };
	struct problem_sink sink = { on_report, on_problem, &b };
	lxw_error e;
	int rc;

	if ((b.wb = workbook_new(path)) == NULL ||
	    (b.list = workbook_add_worksheet(b.wb, "问题清单")) == NULL ||
	    (b.sum = workbook_add_worksheet(b.wb, "汇总")) == NULL ||
	    (b.head = workbook_add_format(b.wb)) == NULL ||
	    (b.wrap = workbook_add_format(b.wb)) == NULL) {
		workbook_close(b.wb);
		return nb_fail(err, NB_ERR_NOMEM, "%s: 无法建立工作簿", path);
	}
	format_set_bold(b.head);
	format_set_text_wrap(b.wrap);
	header(&b, b.list, list_cols, 13, list_widths);
	header(&b, b.sum, sum_cols, 10, NULL);
	worksheet_set_column(b.sum, 0, 0, 28, NULL);
	worksheet_set_column(b.sum, 2, 2, 30, NULL);
	rc = problems_each(s, q, &sink, err);
	if (b.lrow > 0)
		worksheet_autofilter(b.list, 0, 0, b.lrow, 12);
	if (b.srow > 0)
		worksheet_autofilter(b.sum, 0, 0, b.srow, 9);
	e = workbook_close(b.wb);
	if (rc == -1 && b.bad == 0)
		return -1;
	if (b.bad != 0 || e != LXW_NO_ERROR)
		return nb_fail(err, NB_ERR_IO, "%s: 写入工作簿失败：%s", path,
		    lxw_strerror(b.bad != 0 ? b.bad : e));
	return 0;
}
