/*
 * sums.c -- tables T2 and T3 of a 2021-format report: present, complete,
 * counts that are counts, and the arithmetic relations of the rule pack
 * whose rule id starts with "sums." (DOMAIN.md §2, §3.1).
 *
 * A single wrong cell usually breaks one row relation and one column
 * relation.  Every failing relation is reported, and each names as its
 * likely culprit the cell shared by the most failing relations, so the two
 * findings point at the same cell.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nianbao/plugin.h>

static const struct nb_rule rules[] = {
	{ "sums.table_missing", NB_SEV_ERROR, "缺少第二或第三部分的表格" },
	{ "sums.table_incomplete", NB_SEV_ERROR, "表格只有表头或缺少若干行" },
	{ "sums.table_unreadable", NB_SEV_WARNING,
	    "表格数字粘连，无法唯一拆分为单元格" },
	{ "sums.row_total", NB_SEV_ERROR,
	    "第三部分表格某行总计不等于各列之和" },
	{ "sums.result_total", NB_SEV_ERROR,
	    "第三部分表格“（七）总计”不等于各项办理结果之和" },
	{ "sums.balance", NB_SEV_ERROR,
	    "第三部分表格勾稽关系（一+二=三+四）不成立" },
	{ "sums.not_a_count", NB_SEV_ERROR, "件数单元格为负数或小数" },
	{ "sums.blank_cell", NB_SEV_WARNING, "表格单元格空白或填写“/”“—”“无”" },
};

#define FEE_CELL "t2.fee.amount_wan"

struct ctx {
	const struct nb_api *api;
	nb_ctx		*ctx;
	const nb_report	*r;
};

static const char *
label(const struct ctx *c, const char *id)
{
	const char *l = c->api->cell_label(c->r, id);

	return l != NULL && *l != '\0' ? l : id;
}

/* The label without its table name ("第三部分表格（…） “row” / “col”"):
 * the relation's own label already says which table. */
static const char *
short_label(const struct ctx *c, const char *id)
{
	const char *l = label(c, id), *sp = strchr(l, ' ');

	return sp != NULL && sp[1] != '\0' ? sp + 1 : l;
}

/* Is id a cell of table t ("t3" matches "t3.new.natural")? */
static int
in_table(const char *id, const char *t)
{
	size_t n = strlen(t);

	return strncmp(id, t, n) == 0 && id[n] == '.';
}

/* Rows of table t, and how many of them were not found at all.  Cells come
 * in table order, so a row is a run of ids with the same prefix. */
static void
count_rows(const struct ctx *c, const char *t, size_t *rows, size_t *lost)
{
	size_t i, n = c->api->cell_count(c->r), plen = 0, len;
	const char *prev = NULL, *id;
	struct nb_value v;
	int absent = 0;

	*rows = *lost = 0;
	for (i = 0; i < n; i++) {
		const char *dot;

		id = c->api->cell_id(c->r, i);
		if (id == NULL || !in_table(id, t) ||
		    (dot = strrchr(id, '.')) == NULL)
			continue;
		len = (size_t)(dot - id);
		if (prev == NULL || len != plen || strncmp(id, prev, len)) {
			if (prev != NULL && absent)
				(*lost)++;
			(*rows)++;
			prev = id;
			plen = len;
			absent = 1;
		}
		if (c->api->cell(c->r, id, &v) == 0 && v.kind != NB_VAL_ABSENT)
			absent = 0;
	}
	if (prev != NULL && absent)
		(*lost)++;
}

static int
emit_table(const struct ctx *c, const char *rule, enum nb_severity sev,
    const char *t, const char *msg)
{
	struct nb_finding f = { 0 };

	f.rule = rule;
	f.severity = sev;
	f.message = msg;
	f.line = c->api->table_line(c->r, t);
	f.section = t[1] - '0';
	return c->api->emit(c->ctx, &f);
}

static int
check_table(const struct ctx *c, const char *t, const char *name)
{
	size_t rows, lost;
	char msg[256];

	switch (c->api->table_state(c->r, t)) {
	case NB_TABLE_ABSENT:
		snprintf(msg, sizeof(msg), "缺少%s", name);
		return emit_table(c, "sums.table_missing", NB_SEV_ERROR, t,
		    msg);
	case NB_TABLE_HEADER_ONLY:
	case NB_TABLE_PARTIAL:
		count_rows(c, t, &rows, &lost);
		if (lost == 0)
			snprintf(msg, sizeof(msg), "%s不完整：部分行的数字缺失",
			    name);
		else if (lost == rows)
			snprintf(msg, sizeof(msg), "%s只有表头，%zu行数据全部"
			    "缺失", name, rows);
		else
			snprintf(msg, sizeof(msg), "%s不完整：%zu行中缺少%zu行",
			    name, rows, lost);
		return emit_table(c, "sums.table_incomplete", NB_SEV_ERROR, t,
		    msg);
	case NB_TABLE_UNREADABLE:
		snprintf(msg, sizeof(msg), "%s的数字粘连在一起，无法唯一拆分为"
		    "单元格，未检查其数值", name);
		return emit_table(c, "sums.table_unreadable", NB_SEV_WARNING,
		    t, msg);
	default:
		return 0;
	}
}

static int
fails(const struct ctx *c, const struct nb_relation *rel, double *lhs,
    double *rhs)
{
	return c->api->relation_check(c->r, rel, lhs, rhs) == 0;
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
	size_t i;

	for (i = 0; i < rel->n_lhs; i++)
		if (strcmp(rel->lhs[i], id) == 0)
			return 1;
	for (i = 0; i < rel->n_rhs; i++)
		if (strcmp(rel->rhs[i], id) == 0)
			return 1;
	return 0;
}

/* The cell of rel in the most failing relations; ties go to the earlier
 * cell, so a relation failing alone blames its total. */
static const char *
culprit(const struct nb_relation *rel, const struct nb_relation **bad,
    size_t nbad)
{
	const char *best = NULL, *id;
	size_t i, j, hits, most = 0;

	for (i = 0; i < rel->n_lhs + rel->n_rhs; i++) {
		id = i < rel->n_lhs ? rel->lhs[i] : rel->rhs[i - rel->n_lhs];
		for (hits = 0, j = 0; j < nbad; j++)
			hits += (size_t)has_cell(bad[j], id);
		if (hits > most) {
			most = hits;
			best = id;
		}
	}
	return best;
}

static int
emit_relation(const struct ctx *c, const struct nb_relation *rel,
    const char *guilty, double lhs, double rhs)
{
	struct nb_finding f = { 0 };
	struct nb_value v;
	const char **cells;
	char msg[1024];
	size_t i, n = rel->n_lhs + rel->n_rhs;
	int rc;

	if (n == 0 || guilty == NULL)
		return 0;
	if ((cells = calloc(n, sizeof(*cells))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		cells[i] = i < rel->n_lhs ? rel->lhs[i] :
		    rel->rhs[i - rel->n_lhs];
	if (rel->n_lhs == 1)
		snprintf(msg, sizeof(msg), "%s，但%s为%g，各项之和为%g；"
		    "最可能出错的是%s", rel->label, short_label(c,
		    rel->lhs[0]), lhs, rhs, short_label(c, guilty));
	else
		snprintf(msg, sizeof(msg), "%s，但前者为%g，后者为%g；"
		    "最可能出错的是%s", rel->label, lhs, rhs,
		    short_label(c, guilty));
	f.rule = rel->rule;
	f.severity = rel->severity;
	f.message = msg;
	if (c->api->cell(c->r, guilty, &v) == 0)
		f.line = v.line;
	f.section = guilty[1] - '0';
	f.cell = guilty;
	f.cells = cells;
	f.n_cells = n;
	f.relation = rel->id;
	f.has_values = 1;
	f.expected = rhs;
	f.actual = lhs;
	rc = c->api->emit(c->ctx, &f);
	free(cells);
	return rc;
}

static int
check_relations(const struct ctx *c)
{
	size_t i, nbad = 0, n = c->api->relation_count(c->r);
	const struct nb_relation *rel, **bad;
	double lhs, rhs;
	int rc = 0;

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
	for (i = 0; i < nbad && rc == 0; i++) {
		fails(c, bad[i], &lhs, &rhs);
		rc = emit_relation(c, bad[i], culprit(bad[i], bad, nbad), lhs,
		    rhs);
	}
	free(bad);
	return rc;
}

static int
emit_cell(const struct ctx *c, const char *rule, enum nb_severity sev,
    const char *id, const struct nb_value *v, const char *what)
{
	struct nb_finding f = { 0 };
	char msg[512];

	snprintf(msg, sizeof(msg), "%s%s（“%s”）", label(c, id), what,
	    v->raw != NULL ? v->raw : "");
	f.rule = rule;
	f.severity = sev;
	f.message = msg;
	f.line = v->line;
	f.section = id[1] - '0';
	f.cell = id;
	f.cells = &id;
	f.n_cells = 1;
	return c->api->emit(c->ctx, &f);
}

/* In a table whose digits run together the cells of the fused rows read
 * as blank; sums.table_unreadable has said so once for the table. */
static int
unreadable(const struct ctx *c, const char *id)
{
	char t[3] = { id[0], id[1], '\0' };

	return c->api->table_state(c->r, t) == NB_TABLE_UNREADABLE;
}

/* Every cell of T2-T4 but the fee amount (万元, owned by fees) is a count. */
static int
check_cells(const struct ctx *c)
{
	size_t i, n = c->api->cell_count(c->r);
	struct nb_value v;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		const char *id = c->api->cell_id(c->r, i);

		if (id == NULL || strcmp(id, FEE_CELL) == 0 ||
		    (!in_table(id, "t2") && !in_table(id, "t3") &&
		    !in_table(id, "t4")) || c->api->cell(c->r, id, &v) == -1)
			continue;
		if (v.kind == NB_VAL_INT && v.i < 0)
			rc = emit_cell(c, "sums.not_a_count", NB_SEV_ERROR, id,
			    &v, "为负数，件数不能小于0");
		else if (v.kind == NB_VAL_DECIMAL)
			rc = emit_cell(c, "sums.not_a_count", NB_SEV_ERROR, id,
			    &v, "不是整数，件数应为整数");
		else if (v.kind == NB_VAL_MISSING && !unreadable(c, id))
			rc = emit_cell(c, "sums.blank_cell", NB_SEV_WARNING, id,
			    &v, "未填写数字（空白不等于0，没有应填0）");
	}
	return rc;
}

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	struct ctx c = { api, ctx, r };

	(void)state;
	if (api->format(r) != NB_FMT_2021)
		return 0;
	if (check_table(&c, "t2", "第二部分表格（主动公开政府信息情况）") ==
	    -1 || check_table(&c, "t3", "第三部分表格（收到和处理政府信息公开"
	    "申请情况）") == -1)
		return -1;
	if (check_relations(&c) == -1)
		return -1;
	return check_cells(&c);
}

static const struct nb_plugin plugin = {
	NB_ABI_VERSION, sizeof(struct nb_plugin), "sums", "1.0",
	rules, sizeof(rules) / sizeof(rules[0]), NULL, check, NULL, NULL
};

NB_EXPORT const struct nb_plugin *
nb_plugin_entry(void)
{
	return &plugin;
}
