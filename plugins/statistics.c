/*
 * statistics.c -- the 政府信息公开情况统计表 of a report in the old format
 * (≤ 2018): its totals against their items, the relations of the old
 * format's pack whose rule is statistics.total (DOMAIN.md §3.2).
 *
 * The table's rows varied by year and province and nothing official on
 * them was read, so every finding is a warning; and as everywhere, only
 * cells read with certainty in a table read with certainty are summed: a
 * table the reader is unsure of gets one statistics.table_unreadable.
 */
#include <stdio.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "certain.h"

static const struct nb_rule rules[] = {
	{ "statistics.total", NB_SEV_WARNING,
	    "统计表中的合计数不等于其分项之和" },
	{ "statistics.table_unreadable", NB_SEV_WARNING,
	    "统计表中的数字无法确定地对应到各项指标，未检查其合计数" },
};

#define MAX_TABLES	8

struct ctx {
	const struct nb_api *api;
	nb_ctx		*ctx;
	const nb_report	*r;
	char		 unsure[MAX_TABLES][16];	/* tables not read for sure */
	size_t		 nunsure;
};

/* The table of a cell id: "of" of "of.app.recv". */
static void
table_of(const char *id, char *t, size_t len)
{
	const char *dot = strchr(id, '.');

	snprintf(t, len, "%.*s", dot != NULL ? (int)(dot - id) :
	    (int)strlen(id), id);
}

static int
is_unsure(const struct ctx *c, const char *t)
{
	for (size_t i = 0; i < c->nunsure; i++)
		if (strcmp(c->unsure[i], t) == 0)
			return 1;
	return 0;
}

/* Says once per table of the pack that it could not be read for sure. */
static int
check_table(struct ctx *c, const char *t)
{
	struct nb_finding f = { 0 };
	const char *why = "";
	char msg[512];
	enum nb_table_state st = c->api->table_state(c->r, t);
	double conf = 1;

	if (is_unsure(c, t) || c->nunsure == MAX_TABLES)
		return 0;
	if (NB_API_HAS(c->api, table_confidence))
		conf = c->api->table_confidence(c->r, t, &why);
	/* Absent: not every old report has the table, nor this layout. */
	if (st == NB_TABLE_ABSENT || (conf >= NB_CONF_CERTAIN &&
	    st != NB_TABLE_UNREADABLE))
		return 0;
	snprintf(c->unsure[c->nunsure++], sizeof(c->unsure[0]), "%s", t);
	if (st != NB_TABLE_UNREADABLE && why[0] == '\0')
		return 0;
	snprintf(msg, sizeof(msg), "政府信息公开情况统计表未能确定地读出：%s，"
	    "未检查其合计数", why[0] != '\0' ? why : "单元格无法一一对应");
	f.rule = "statistics.table_unreadable";
	f.severity = NB_SEV_WARNING;
	f.message = msg;
	f.line = c->api->table_line(c->r, t);
	return c->api->emit(c->ctx, &f);
}

static const char *
cell_at(const struct nb_relation *rel, size_t i)
{
	return i < rel->n_lhs ? rel->lhs[i] : rel->rhs[i - rel->n_lhs];
}

/* Every cell of rel read for sure, in tables read for sure. */
static int
sure(struct ctx *c, const struct nb_relation *rel)
{
	char t[16];

	for (size_t i = 0; i < rel->n_lhs + rel->n_rhs; i++) {
		table_of(cell_at(rel, i), t, sizeof(t));
		if (check_table(c, t) == -1)
			return -1;
		if (is_unsure(c, t) || !cell_certain(c->api, c->r,
		    cell_at(rel, i)))
			return 0;
	}
	return 1;
}

static int
check_relation(struct ctx *c, const struct nb_relation *rel)
{
	struct nb_finding f = { 0 };
	struct nb_value v;
	double lhs, rhs;
	char msg[1024];
	int rc;

	if ((rc = sure(c, rel)) != 1 ||
	    c->api->relation_check(c->r, rel, &lhs, &rhs) != 0)
		return rc == -1 ? -1 : 0;
	snprintf(msg, sizeof(msg), "%s，但%s为%g，各项之和为%g", rel->label,
	    c->api->cell_label(c->r, rel->lhs[0]), lhs, rhs);
	f.rule = "statistics.total";
	f.severity = rel->severity;
	f.message = msg;
	if (c->api->cell(c->r, rel->lhs[0], &v) == 0)
		f.line = v.line;
	f.cell = rel->lhs[0];
	f.cells = rel->rhs;
	f.n_cells = rel->n_rhs;
	f.relation = rel->id;
	f.has_values = 1;
	f.expected = rhs;
	f.actual = lhs;
	return c->api->emit(c->ctx, &f);
}

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	struct ctx c = { api, ctx, r, { { 0 } }, 0 };
	size_t i, n = api->relation_count(r);

	(void)state;
	if (api->format(r) != NB_FMT_OLD)
		return 0;
	for (i = 0; i < n; i++) {
		const struct nb_relation *rel = api->relation(r, i);

		if (rel != NULL && strcmp(rel->rule, "statistics.total") == 0 &&
		    rel->n_lhs == 1 && check_relation(&c, rel) == -1)
			return -1;
	}
	return 0;
}

static const struct nb_plugin plugin = {
	NB_ABI_VERSION, sizeof(struct nb_plugin), "statistics", "1.0",
	rules, sizeof(rules) / sizeof(rules[0]), NULL, check, NULL, NULL
};

NB_EXPORT const struct nb_plugin *
nb_plugin_entry(void)
{
	return &plugin;
}
