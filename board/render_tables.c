/*
 * render_tables.c -- T2, T3 and T4 drawn as on paper, each box holding
 * the reading as written (readings[id][1]); a box whose cell a failed
 * relation uses is "fail", the likely culprit "culprit", the cells of the
 * finding being looked at "sel", a value changed since the version
 * before "changed", a low-confidence reading "lowconf".
 */
#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "render.h"

#define LOW_CONFIDENCE	0.9

static const char *const t3_labels[] = { "自然人", "商业企业", "科研机构",
    "社会公益组织", "法律服务机构", "其他", "总计" };

static int
in(const char *const *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], id) == 0)
			return 1;
	return 0;
}

static void
cell(struct buf *b, const json_t *readings, const struct cellmarks *m,
    const char *id)
{
	const json_t *r = json_object_get(readings, id);
	const char *raw = json_string_value(json_array_get(r, 1));
	json_int_t line = json_integer_value(json_array_get(r, 2));
	json_int_t page = json_integer_value(json_array_get(r, 3));
	double conf = json_number_value(json_array_get(r, 4));

	buf_lit(b, "<td class=\"c");
	if (r == NULL)
		buf_lit(b, " none");
	else if (json_is_null(json_array_get(r, 0)))
		buf_lit(b, " blank");
	if (r != NULL && conf < LOW_CONFIDENCE)
		buf_lit(b, " lowconf");
	if (in(m->fail, m->nfail, id))
		buf_lit(b, " fail");
	if (in(m->culprit, m->nculprit, id))
		buf_lit(b, " culprit");
	if (in(m->sel, m->nsel, id))
		buf_lit(b, " sel");
	if (in(m->changed, m->nchanged, id))
		buf_lit(b, " changed");
	buf_lit(b, "\" data-cell=\"");
	buf_attr(b, id);
	buf_lit(b, "\" title=\"");
	buf_attr(b, id);
	if (page > 0)
		buf_fmt(b, " · 第%lld页", (long long)page);
	if (line > 0)
		buf_fmt(b, " · 第%lld行", (long long)line);
	if (r != NULL)
		buf_fmt(b, " · 置信度 %.2f", conf);
	buf_lit(b, "\">");
	if (r == NULL)
		buf_lit(b, "—");
	else if (raw == NULL || *raw == '\0')
		buf_lit(b, "（空）");
	else
		buf_html_cut(b, raw, 24);
	buf_lit(b, "</td>");
}

/* The lowest confidence of the table's readings (a stored report keeps
 * cells, not the table's own reading); -1 if it has none. */
static double
min_confidence(const json_t *report, const char *tid)
{
	const json_t *r;
	const char *id;
	size_t n = strlen(tid);
	double min = 2;		/* above any confidence: none seen */

	json_object_foreach(json_object_get(report, "readings"), id, r) {
		double c = json_number_value(json_array_get(r, 4));

		if (strncmp(id, tid, n) == 0 && id[n] == '.' && c < min)
			min = c;
	}
	return min > 1 ? -1 : min;
}

static void
caption(struct buf *b, const json_t *report, const char *tid,
    const char *title)
{
	const json_t *t = json_object_get(json_object_get(report, "tables"),
	    tid);
	const char *state = json_string_value(json_object_get(t, "state"));
	const char *why = json_string_value(json_object_get(t, "why"));

	buf_fmt(b, "<h3 id=\"%s\">", tid);
	buf_lit(b, title);
	if (t != NULL) {
		buf_fmt(b, " <span class=\"conf\">识别置信度 %.0f%%",
		    json_number_value(json_object_get(t, "confidence")) * 100);
		if (state != NULL && strcmp(state, "complete") != 0) {
			buf_lit(b, " · ");
			buf_html(b, state);
		}
		if (why != NULL && *why != '\0') {
			buf_lit(b, " · ");
			buf_html(b, why);
		}
		buf_lit(b, "</span>");
	} else if (min_confidence(report, tid) >= 0)
		buf_fmt(b, " <span class=\"conf\">单元格识别置信度最低 %.0f%%"
		    "</span>", min_confidence(report, tid) * 100);
	else
		buf_lit(b, " <span class=\"conf\">未识别到此表</span>");
	buf_lit(b, "</h3>\n");
}

static void
t2(struct buf *b, const json_t *report, const struct cellmarks *m)
{
	const json_t *rd = json_object_get(report, "readings");
	char id[96];

	caption(b, report, "t2", "二、主动公开政府信息情况");
	for (const struct lay_sub *s = lay_t2; s->caption; s++) {
		size_t nc = 0;

		while (s->cols[nc])
			nc++;
		buf_fmt(b, "<table class=\"form t2\"><tr><th colspan=\"%zu\">",
		    nc + 1);
		buf_lit(b, s->caption);
		buf_lit(b, "</th></tr>\n<tr><th>信息内容</th>");
		for (size_t c = 0; c < nc; c++)
			buf_fmt(b, "<th>%s</th>", s->cols[c]);
		buf_lit(b, "</tr>\n");
		for (const struct lay_row *r = s->rows; r->id; r++) {
			buf_fmt(b, "<tr><th class=\"rl\">%s</th>", r->label);
			for (size_t c = 0; c < nc; c++) {
				snprintf(id, sizeof(id), "%s.%s", r->id,
				    s->colids[c]);
				cell(b, rd, m, id);
			}
			buf_lit(b, "</tr>\n");
		}
		buf_lit(b, "</table>\n");
	}
}

static void
t3_head(struct buf *b)
{
	buf_lit(b, "<table class=\"form t3\">\n<tr><th colspan=\"3\" "
	    "rowspan=\"3\" class=\"note\">（本列数据的勾稽关系为：第一项加第二项"
	    "之和，等于第三项加第四项之和）</th><th colspan=\"7\">申请人情况"
	    "</th></tr>\n<tr><th rowspan=\"2\">自然人</th><th colspan=\"5\">"
	    "法人或其他组织</th><th rowspan=\"2\">总计</th></tr>\n<tr>");
	for (size_t c = 1; c < 6; c++)
		buf_fmt(b, "<th>%s</th>", t3_labels[c]);
	buf_lit(b, "</tr>\n");
}

static void
t3(struct buf *b, const json_t *report, const struct cellmarks *m)
{
	const json_t *rd = json_object_get(report, "readings");
	char id[96];

	caption(b, report, "t3", "三、收到和处理政府信息公开申请情况");
	t3_head(b);
	for (size_t i = 0; lay_t3[i].id; i++) {
		const struct lay_row *r = &lay_t3[i];

		buf_lit(b, "<tr>");
		if (r->group1 == NULL)
			buf_fmt(b, "<th class=\"rl\" colspan=\"3\">%s</th>",
			    r->label);
		else {
			if (i == 0 || lay_t3[i - 1].group1 == NULL)
				buf_fmt(b, "<th class=\"grp\" rowspan=\"%zu\">"
				    "%s</th>", lay_span(lay_t3, i, 1), r->group1);
			if (r->group2 == NULL)
				buf_fmt(b, "<th class=\"rl\" colspan=\"2\">%s"
				    "</th>", r->label);
			else {
				if (lay_t3[i - 1].group2 == NULL ||
				    strcmp(lay_t3[i - 1].group2, r->group2))
					buf_fmt(b, "<th class=\"grp\" rowspan="
					    "\"%zu\">%s</th>", lay_span(lay_t3,
					    i, 2), r->group2);
				buf_fmt(b, "<th class=\"rl\">%s</th>",
				    r->label);
			}
		}
		for (size_t c = 0; c < 7; c++) {
			snprintf(id, sizeof(id), "%s.%s", r->id,
			    lay_t3_cols[c]);
			cell(b, rd, m, id);
		}
		buf_lit(b, "</tr>\n");
	}
	buf_lit(b, "</table>\n");
}

static void
t4(struct buf *b, const json_t *report, const struct cellmarks *m)
{
	const json_t *rd = json_object_get(report, "readings");
	char id[96];

	caption(b, report, "t4", "四、政府信息公开行政复议、行政诉讼情况");
	buf_lit(b, "<table class=\"form t4\">\n<tr><th colspan=\"5\">行政复议"
	    "</th><th colspan=\"10\">行政诉讼</th></tr>\n<tr>");
	for (size_t c = 0; c < 5; c++)
		buf_fmt(b, "<th rowspan=\"2\">%s</th>", lay_t4_labels[c]);
	buf_lit(b, "<th colspan=\"5\">未经复议直接起诉</th><th colspan=\"5\">"
	    "复议后起诉</th></tr>\n<tr>");
	for (size_t g = 0; g < 2; g++)
		for (size_t c = 0; c < 5; c++)
			buf_fmt(b, "<th>%s</th>", lay_t4_labels[c]);
	buf_lit(b, "</tr>\n<tr>");
	for (size_t g = 0; g < 3; g++)
		for (size_t c = 0; c < 5; c++) {
			snprintf(id, sizeof(id), "%s.%s", lay_t4_groups[g],
			    lay_t4_cols[c]);
			cell(b, rd, m, id);
		}
	buf_lit(b, "</tr>\n</table>\n");
}

void
render_tables(struct buf *b, const json_t *report, const struct cellmarks *m)
{
	buf_lit(b, "<section class=\"tables\">\n");
	t2(b, report, m);
	t3(b, report, m);
	t4(b, report, m);
	buf_lit(b, "</section>\n");
}

static int
prefix(const char *id, const char *row)
{
	size_t n = strlen(row);

	return strncmp(id, row, n) == 0 && id[n] == '.';
}

void
render_cell_label(struct buf *b, const char *id)
{
	for (size_t i = 0; lay_t3[i].id; i++)
		for (size_t c = 0; c < 7; c++)
			if (prefix(id, lay_t3[i].id) && strcmp(id +
			    strlen(lay_t3[i].id) + 1, lay_t3_cols[c]) == 0) {
				buf_fmt(b, "表三 “%s” / “%s”", lay_t3[i].label,
				    t3_labels[c]);
				return;
			}
	for (size_t g = 0; g < 3; g++)
		for (size_t c = 0; c < 5; c++)
			if (prefix(id, lay_t4_groups[g]) && strcmp(id +
			    strlen(lay_t4_groups[g]) + 1, lay_t4_cols[c]) == 0) {
				buf_fmt(b, "表四 “%s” / “%s”", g == 0 ? "行政复议"
				    : g == 1 ? "未经复议直接起诉" : "复议后起诉",
				    lay_t4_labels[c]);
				return;
			}
	for (const struct lay_sub *s = lay_t2; s->caption; s++)
		for (const struct lay_row *r = s->rows; r->id; r++)
			for (size_t c = 0; s->cols[c]; c++)
				if (prefix(id, r->id) && strcmp(id +
				    strlen(r->id) + 1, s->colids[c]) == 0) {
					buf_fmt(b, "表二 “%s” / “%s”", r->label,
					    s->cols[c]);
					return;
				}
	buf_html(b, id);
}
