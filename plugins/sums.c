/*
 * sums.c -- tables T2 and T3 of a 2021 or 2019 report: present, complete,
 * counts that are counts, and the arithmetic relations of the rule pack
 * whose rule id starts with "sums." (DOMAIN.md §2, §3.1).
 *
 * A single wrong cell usually breaks one row relation and one column
 * relation.  Each failing relation names as its likely culprit the cell
 * shared by the most failing relations, and one culprit is one finding:
 * the first relation it breaks, the others listed as related.
 *
 * An error is raised only from cells read with certainty (ABI 1.1
 * cell_info, table_confidence): a table the reader is unsure of gets one
 * sums.table_unreadable warning saying why, and nothing in it is checked.
 *
 * A scan is read unsure somewhere nearly always (a speck, a cell left
 * unread), so there a table with unsure rows still has the relations
 * checked whose own cells are all sure; and since a scan may lose rows,
 * whose relations then cannot say where a failing row went wrong, an
 * error of a scan names a cell only where the failing relations pin it:
 * the one cell in two or more of them, in more than any other cell, one
 * value of which would make them all hold.
 * Otherwise the error names no cell (its relation's cells are listed),
 * and in a table read unsure it is not raised: the warning says enough.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "glued.h"
#include "sums.h"

static const struct nb_rule rules[] = {
	{ "sums.table_missing", NB_SEV_ERROR, "缺少第二或第三部分的表格" },
	{ "sums.table_incomplete", NB_SEV_ERROR, "表格只有表头或缺少若干行" },
	{ "sums.table_unreadable", NB_SEV_WARNING,
	    "表格未能确定地读出（原因见消息），未检查其数值" },
	{ "sums.row_total", NB_SEV_ERROR,
	    "第三部分表格某行总计不等于各列之和" },
	{ "sums.result_total", NB_SEV_ERROR,
	    "第三部分表格“（七）总计”不等于各项办理结果之和" },
	{ "sums.balance", NB_SEV_ERROR,
	    "第三部分表格勾稽关系（一+二=三+四）不成立" },
	{ "sums.not_a_count", NB_SEV_ERROR, "件数单元格为负数或小数" },
	{ "sums.blank_cell", NB_SEV_WARNING, "表格单元格空白或填写“/”“—”“无”" },
};

#define T2 "第二部分表格（主动公开政府信息情况）"
#define T3 "第三部分表格（收到和处理政府信息公开申请情况）"

const char *
sums_label(const struct sums *c, const char *id)
{
	const char *l = c->api->cell_label(c->r, id);

	return l != NULL && *l != '\0' ? l : id;
}

/* The label without its table name ("第三部分表格（…） “row” / “col”"):
 * the relation's own label already says which table. */
static const char *
short_label(const struct sums *c, const char *id)
{
	const char *l = sums_label(c, id), *sp = strchr(l, ' ');

	return sp != NULL && sp[1] != '\0' ? sp + 1 : l;
}

/* The row part of a cell's label: "（五）不予处理 / 1.信访举报投诉类申请"
 * of "第三部分表格 （五）不予处理 / 1.信访举报投诉类申请 / 自然人". */
void
sums_row_label(const struct sums *c, const char *id, char *buf, size_t len)
{
	const char *l = short_label(c, id), *cut = NULL, *p;

	for (p = l; (p = strstr(p, " / ")) != NULL; p += 3)
		cut = p;
	snprintf(buf, len, "%.*s", cut != NULL ? (int)(cut - l) :
	    (int)strlen(l), l);
}

/* Appends to msg the label of row `id`, up to a few rows, then "等". */
static void
name_row(const struct sums *c, const char *id, size_t k, char *msg,
    size_t len)
{
	char row[256];
	size_t n = strlen(msg);

	if (k > 6 || n + 1 >= len)
		return;
	if (k == 6) {
		snprintf(msg + n, len - n, "等");
		return;
	}
	sums_row_label(c, id, row, sizeof(row));
	/* Labels of the pack quote their rows already: “（一）予以公开”. */
	snprintf(msg + n, len - n, strncmp(row, "“", 3) == 0 ? "%s%s" :
	    "%s“%s”", k ? "、" : "", row);
}

/* Rows of table t, how many were not found at all, and (in names) which.
 * Cells come in table order, so a row is a run of ids with the same
 * prefix. */
static void
count_rows(const struct sums *c, const char *t, size_t *rows, size_t *lost,
    char *names, size_t len)
{
	size_t i, n = c->api->cell_count(c->r), plen = 0, dlen;
	const char *prev = NULL, *id;
	struct nb_value v;
	int absent = 0;

	*rows = *lost = 0;
	names[0] = '\0';
	for (i = 0; i <= n; i++) {
		const char *dot = NULL;

		id = i < n ? c->api->cell_id(c->r, i) : NULL;
		if (i < n && (id == NULL || !in_table(id, t) ||
		    (dot = strrchr(id, '.')) == NULL))
			continue;
		dlen = dot != NULL ? (size_t)(dot - id) : 0;
		if (i == n || prev == NULL || dlen != plen ||
		    strncmp(id, prev, dlen) != 0) {
			if (prev != NULL && absent)
				name_row(c, prev, (*lost)++, names, len);
			if (i == n)
				break;
			(*rows)++;
			prev = id;
			plen = dlen;
			absent = 1;
		}
		if (cell_value_at(c->api, c->r, i, id, &v) == 0 &&
		    v.kind != NB_VAL_ABSENT)
			absent = 0;
	}
}

#define table_conf(c, t, why) table_certainty((c)->api, (c)->r, (t), (why))

/* Rows of t with cells read not for sure: named in rows; how many. */
static size_t
unsure_rows(struct sums *c, const char *t, char *rows, size_t len)
{
	size_t i, n = c->api->cell_count(c->r), k = 0, plen = 0;
	const char *id, *prev = NULL;
	struct nb_value v;

	rows[0] = '\0';
	for (i = c->ncells = 0; i < n; i++) {
		const char *dot;

		id = c->api->cell_id(c->r, i);
		if (id == NULL || !in_table(id, t) ||
		    cell_value_at(c->api, c->r, i, id, &v) == -1 ||
		    v.kind == NB_VAL_ABSENT || certain_at(c, i, id) ||
		    glued_bad_cell(c->api, c->r, id) ||
		    (dot = strrchr(id, '.')) == NULL)
			continue;
		c->cells[c->ncells < 64 ? c->ncells++ : 63] = id;
		if (prev != NULL && (size_t)(dot - id) == plen &&
		    strncmp(id, prev, plen) == 0)
			continue;
		name_row(c, id, k++, rows, len);
		prev = id;
		plen = (size_t)(dot - id);
	}
	return k;
}

static int
emit_table(const struct sums *c, const char *rule, enum nb_severity sev,
    const char *t, const char *msg)
{
	struct nb_finding f = { 0 };

	f.rule = rule;
	f.severity = sev;
	f.message = msg;
	f.line = c->api->table_line(c->r, t);
	f.section = t[1] - '0';
	f.n_cells = c->ncells;	/* unreadable: the cells unsure */
	f.cells = c->cells;
	return c->api->emit(c->ctx, &f);
}

/* Says once why table t cannot be checked: 1; 0 if it can; -1 failure. */
static int
check_unsure(struct sums *c, const char *t, const char *name)
{
	char msg[1024], rows[768];
	const char *why;
	double conf = table_conf(c, t, &why);
	size_t k = unsure_rows(c, t, rows, sizeof(rows));

	if (conf >= NB_CONF_CERTAIN && k == 0 &&
	    c->api->table_state(c->r, t) != NB_TABLE_UNREADABLE)
		return 0;
	c->unsure[t[1] - '0'] = 1;
	/* Unsure of the table: the reader's reason says why (and names its
	 * rows); sure of the table: the rows it is unsure of. */
	if (k > 0 && (why[0] == '\0' || conf >= NB_CONF_CERTAIN))
		snprintf(msg, sizeof(msg), "%s未能确定地读出：%s行的数字不确定，"
		    "未检查其数值", name, rows);
	else
		snprintf(msg, sizeof(msg), "%s未能确定地读出：%s，未检查其数值",
		    name, why[0] != '\0' ? why : "单元格无法一一对应");
	return emit_table(c, "sums.table_unreadable", NB_SEV_WARNING, t,
	    msg) == -1 ? -1 : 1;
}

static int
check_table(struct sums *c, const char *t, const char *name)
{
	size_t rows, lost;
	char msg[1024], names[768];
	enum nb_table_state st = c->api->table_state(c->r, t);
	int rc;

	if (st == NB_TABLE_ABSENT) {
		snprintf(msg, sizeof(msg), "缺少%s", name);
		return emit_table(c, "sums.table_missing", NB_SEV_ERROR, t,
		    msg);
	}
	if ((rc = check_unsure(c, t, name)) != 0)
		return rc == -1 ? -1 : 0;
	if (st != NB_TABLE_HEADER_ONLY && st != NB_TABLE_PARTIAL)
		return 0;
	/* The reader is sure: these rows are not in the document. */
	count_rows(c, t, &rows, &lost, names, sizeof(names));
	if (lost == 0)
		return 0;	/* blank cells are sums.blank_cell's */
	if (lost == rows)
		snprintf(msg, sizeof(msg), "%s只有表头，%zu行数据全部"
		    "缺失", name, rows);
	else
		snprintf(msg, sizeof(msg), "%s不完整：%zu行中缺少%zu行（%s）",
		    name, rows, lost, names);
	return emit_table(c, "sums.table_incomplete", NB_SEV_ERROR, t, msg);
}

/* Each cell of a relation is one to count on: read with certainty, in a
 * table read with certainty. */
static int
sure(const struct sums *c, const struct nb_relation *rel)
{
	const long *ix = relation_cells(c->api, c->r, rel);

	for (size_t i = 0; i < rel->n_lhs + rel->n_rhs; i++) {
		const char *id = i < rel->n_lhs ? rel->lhs[i] :
		    rel->rhs[i - rel->n_lhs];

		if ((id[0] == 't' && id[1] >= '0' && id[1] <= '4' &&
		    c->unsure[id[1] - '0'] && !c->loose[id[1] - '0']) ||
		    !certain_at(c, ix != NULL ? ix[i] : -1, id))
			return 0;
	}
	return 1;
}

static int
fails(const struct sums *c, const struct nb_relation *rel, double *lhs,
    double *rhs)
{
	return sure(c, rel) && c->api->relation_check(c->r, rel, lhs, rhs) == 0;
}

/* Relations of a province pack may name rules this plugin does not own. */
static int
known_rule(const char *id)
{
	size_t i;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (strcmp(rules[i].id, id) == 0)
			return 1;
	return 0;
}

static int
has_cell(const struct nb_relation *rel, const char *id)
{
	for (size_t i = 0; i < rel->n_lhs + rel->n_rhs; i++)
		if (strcmp(i < rel->n_lhs ? rel->lhs[i] :
		    rel->rhs[i - rel->n_lhs], id) == 0)
			return 1;
	return 0;
}

/* The value cell id would need for failing relation b to hold: 1 and
 * *want, 0 if it cannot be said. */
static int
needed(const struct sums *c, const struct nb_relation *b, const char *id,
    double *want)
{
	struct nb_value v;
	double lhs, rhs;
	size_t i;

	for (i = 0; i < b->n_lhs + b->n_rhs; i++)
		if (strcmp(i < b->n_lhs ? b->lhs[i] : b->rhs[i - b->n_lhs],
		    id) == 0)
			break;
	if (i == b->n_lhs + b->n_rhs || c->api->cell(c->r, id, &v) != 0 ||
	    v.kind != NB_VAL_INT)
		return 0;
	c->api->relation_check(c->r, b, &lhs, &rhs);
	*want = v.d - (i < b->n_lhs ? 1 : -1) * (lhs - rhs);
	return 1;
}

/* How many failing relations hold id, on a scan: 0 unless one value of
 * it would make them all hold (a cell 2 where one relation wants 16 and
 * another 0 is not the one wrong cell of both). */
static size_t
hits_of(const struct sums *c, const char *id, const struct nb_relation **bad,
    size_t nbad)
{
	size_t j, hits = 0;
	double want = 0, w = 0;

	for (j = 0; j < nbad; j++) {
		if (!has_cell(bad[j], id))
			continue;
		if (c->scan) {
			if (!needed(c, bad[j], id, &w) || w < 0 ||
			    (hits > 0 && w != want))
				return 0;
			want = w;
		}
		hits++;
	}
	return hits;
}

/* The cell of rel in the most failing relations; ties go to the earlier
 * cell, so a relation failing alone blames its total.  On a scan: only a
 * cell in two failing relations or more, one value of which makes them
 * all hold, in more than any other, else NULL. */
static const char *
culprit(const struct sums *c, const struct nb_relation *rel,
    const struct nb_relation **bad, size_t nbad)
{
	const char *best = NULL, *id;
	size_t i, most = 0;
	int tie = 0;

	for (i = 0; i < rel->n_lhs + rel->n_rhs; i++) {
		size_t hits;

		id = i < rel->n_lhs ? rel->lhs[i] : rel->rhs[i - rel->n_lhs];
		hits = hits_of(c, id, bad, nbad);
		if (hits > most) {
			most = hits;
			best = id;
			tie = 0;
		} else if (hits == most)
			tie = 1;
	}
	return c->scan && (most < 2 || tie) ? NULL : best;
}

/* Does rel have a cell in a table read unsure? */
static int
in_unsure(const struct sums *c, const struct nb_relation *rel)
{
	for (size_t i = 0; i < rel->n_lhs + rel->n_rhs; i++) {
		const char *id = i < rel->n_lhs ? rel->lhs[i] :
		    rel->rhs[i - rel->n_lhs];

		if (id[0] == 't' && id[1] >= '0' && id[1] <= '4' &&
		    c->unsure[id[1] - '0'])
			return 1;
	}
	return 0;
}

/* The other relations the culprit breaks, said in the message too. */
static void
say_related(const struct nb_relation *const *rel, size_t n, char *msg,
    size_t len)
{
	size_t i, k = strlen(msg);

	if (n == 0 || k + 1 >= len)
		return;
	snprintf(msg + k, len - k, "；该单元格同时使另外%zu项关系不成立：", n);
	for (i = 0; i < n; i++) {
		k = strlen(msg);
		snprintf(msg + k, len - k, "%s%s", i ? "；" : "",
		    rel[i]->label);
	}
}

/* One finding for the culprit of rel[0]: rel[1..n-1] are the other
 * relations it breaks. */
static int
emit_relation(const struct sums *c, const struct nb_relation *const *rel,
    size_t nrel, const char *guilty, double lhs, double rhs)
{
	const struct nb_relation *r0 = rel[0];
	struct nb_finding f = { 0 };
	struct nb_value v;
	const char **cells, **related;
	char msg[2048];
	size_t i, n = r0->n_lhs + r0->n_rhs;
	int rc;

	if (n == 0)
		return 0;
	if ((cells = calloc(n, sizeof(*cells))) == NULL)
		return -1;
	if ((related = calloc(nrel, sizeof(*related))) == NULL) {
		free(cells);
		return -1;
	}
	for (i = 0; i < n; i++)
		cells[i] = i < r0->n_lhs ? r0->lhs[i] : r0->rhs[i - r0->n_lhs];
	for (i = 1; i < nrel; i++)
		related[i - 1] = rel[i]->id;
	if (r0->n_lhs == 1)
		snprintf(msg, sizeof(msg), "%s，但%s为%g，各项之和为%g；"
		    "%s%s", r0->label, short_label(c, r0->lhs[0]), lhs, rhs,
		    guilty ? "最可能出错的是" : "扫描件中无法确定是哪个单元格有误",
		    guilty ? short_label(c, guilty) : "");
	else
		snprintf(msg, sizeof(msg), "%s，但前者为%g，后者为%g；"
		    "%s%s", r0->label, lhs, rhs,
		    guilty ? "最可能出错的是" : "扫描件中无法确定是哪个单元格有误",
		    guilty ? short_label(c, guilty) : "");
	say_related(rel + 1, nrel - 1, msg, sizeof(msg));
	f.rule = r0->rule;
	f.severity = r0->severity;
	f.message = msg;
	if (guilty == NULL)
		guilty = cells[0];
	else
		f.cell = guilty;
	if (c->api->cell(c->r, guilty, &v) == 0)
		f.line = v.line;
	f.section = guilty[1] - '0';
	f.cells = cells;
	f.n_cells = n;
	f.relation = r0->id;
	f.related = related;
	f.n_related = nrel - 1;
	f.has_values = 1;
	f.expected = rhs;
	f.actual = lhs;
	rc = c->api->emit(c->ctx, &f);
	free(cells);
	free(related);
	return rc;
}

/* Failing relations grouped by culprit, in pack order: the first of a
 * group is reported with the others of the group as related. */
static int
report_bad(const struct sums *c, const struct nb_relation **bad, size_t nbad)
{
	const struct nb_relation **group;
	const char **who;
	size_t i, j, ng;
	double lhs, rhs;
	int rc = 0;

	if ((who = calloc(nbad, sizeof(*who))) == NULL ||
	    (group = calloc(nbad, sizeof(*group))) == NULL) {
		free(who);
		return -1;
	}
	for (i = 0; i < nbad; i++)
		who[i] = culprit(c, bad[i], bad, nbad);
	for (i = 0; i < nbad && rc == 0; i++) {
		if (bad[i] == NULL || (who[i] == NULL && in_unsure(c, bad[i])))
			continue;
		for (ng = 0, j = i; j < nbad; j++)
			if (j == i || (bad[j] != NULL && who[j] != NULL &&
			    who[i] != NULL && strcmp(who[j], who[i]) == 0)) {
				group[ng++] = bad[j];
				if (j != i)
					bad[j] = NULL;
			}
		fails(c, bad[i], &lhs, &rhs);
		rc = emit_relation(c, group, ng, who[i], lhs, rhs);
	}
	free(who);
	free(group);
	return rc;
}

static int
check_relations(const struct sums *c)
{
	size_t i, nbad = 0, n = c->api->relation_count(c->r);
	const struct nb_relation *rel, **bad;
	double lhs, rhs;
	int rc;

	if (n == 0)
		return 0;
	if ((bad = calloc(n, sizeof(*bad))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		rel = c->api->relation(c->r, i);
		if (rel != NULL && strncmp(rel->rule, "sums.", 5) == 0 &&
		    known_rule(rel->rule) && fails(c, rel, &lhs, &rhs))
			bad[nbad++] = rel;
	}
	rc = nbad > 0 ? report_bad(c, bad, nbad) : 0;
	free(bad);
	return rc;
}

/* Is the report a scan: a cell recognised from a page image? */
static int
is_scan(const struct sums *c)
{
	struct nb_cell_info info;
	size_t i, n = c->api->cell_count(c->r);

	for (i = 0; i < n; i++)
		if (NB_API_HAS(c->api, cell_info_at) &&
		    c->api->cell_info_at(c->r, i, &info) == 0 &&
		    info.source == NB_SRC_OCR)
			return 1;
	return 0;
}

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	struct sums c = { .api = api, .ctx = ctx, .r = r };
	const char *why;

	(void)state;
	if (api->format(r) != NB_FMT_2021 && api->format(r) != NB_FMT_2019)
		return 0;
	if (check_table(&c, "t2", T2) == -1 || check_table(&c, "t3", T3) == -1 ||
	    glued_report(api, ctx, r, "t2", T2, "sums.row_total", known_rule) ==
	    -1 || glued_report(api, ctx, r, "t3", T3, "sums.row_total",
	    known_rule) == -1)
		return -1;
	/* T4 is litigation's to judge; its cells are counts all the same,
	 * checked only when the table was read for sure. */
	c.unsure[4] = table_conf(&c, "t4", &why) < NB_CONF_CERTAIN ||
	    api->table_state(r, "t4") == NB_TABLE_UNREADABLE;
	/* A scan's T2 and T3 with unsure rows: the sure relations are
	 * checked all the same (not one read with foreign rows, conf 0). */
	c.scan = is_scan(&c);
	c.loose[2] = c.scan && c.unsure[2] && table_conf(&c, "t2", &why) > 0;
	c.loose[3] = c.scan && c.unsure[3] && table_conf(&c, "t3", &why) > 0;
	if (check_relations(&c) == -1)
		return -1;
	return sums_check_cells(&c);
}

static const struct nb_plugin plugin = {
	NB_ABI_VERSION, sizeof(struct nb_plugin), "sums", "1.2",
	rules, sizeof(rules) / sizeof(rules[0]), NULL, check, NULL, NULL
};

NB_EXPORT const struct nb_plugin *
nb_plugin_entry(void)
{
	return &plugin;
}
