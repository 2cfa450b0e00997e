/*
 * glued.h -- rows whose digits were printed written together
 * ("160000015") and that no split of the digits makes add up (ABI 1.3
 * glued_row): a defect of the report, not of the reading, said as one
 * error on the row naming its label and the digits as printed.  Its cells
 * stay unread, so nothing else is checked from them.  Header-only, like
 * certain.h: sums reports T2 and T3, litigation T4.
 */
#ifndef NB_PLUGIN_GLUED_H
#define NB_PLUGIN_GLUED_H

#include <stdio.h>
#include <string.h>

#include <nianbao/plugin.h>

/* Is cell id in such a row of its table? */
static inline int
glued_bad_cell(const struct nb_api *api, const nb_report *r, const char *id)
{
	struct nb_glued_row g;
	char t[3] = { id[0], id[1], '\0' };

	if (!NB_API_HAS(api, glued_row))
		return 0;
	for (size_t i = 0; api->glued_row(r, t, i, &g) == 1; i++)
		for (size_t j = 0; j < g.n_cells; j++)
			if (strcmp(g.cells[j], id) == 0)
				return 1;
	return 0;
}

/*
 * One error per such row of table t and relation every split of it
 * breaks (glued_row gives a row once per relation): the relation's rule
 * when owns() says it is the plugin's, else fallback.  name is the
 * table's name in messages.  Returns how many rows, or -1.
 */
static inline int
glued_report(const struct nb_api *api, nb_ctx *ctx, const nb_report *r,
    const char *t, const char *name, const char *fallback,
    int (*owns)(const char *))
{
	struct nb_finding f = { 0 };
	struct nb_glued_row g;
	const struct nb_relation *rel;
	char msg[1024];
	size_t i;

	if (!NB_API_HAS(api, glued_row))
		return 0;
	for (i = 0; api->glued_row(r, t, i, &g) == 1; i++) {
		const char *what, *colon;

		rel = g.relation;
		if (rel != NULL && !owns(rel->rule))
			rel = NULL;
		/* The relation's label without its table's name. */
		what = rel != NULL ? rel->label : "该行的合计关系";
		if ((colon = strstr(what, "：")) != NULL)
			what = colon + strlen("：");
		snprintf(msg, sizeof(msg), "%s“%s”行的数字连写为“%.200s”，"
		    "无论怎样拆分为各列都不能满足：%s", name, g.label, g.digits,
		    what);
		f.rule = rel != NULL ? rel->rule : fallback;
		f.severity = NB_SEV_ERROR;
		f.message = msg;
		f.line = g.line;
		f.section = t[1] - '0';
		/* The relation's total when it is a cell of the row; with no
		 * relation to blame, the row as a whole (its cells). */
		f.cell = NULL;
		for (size_t j = 0; rel != NULL && rel->n_lhs > 0 &&
		    j < g.n_cells; j++)
			if (strcmp(g.cells[j], rel->lhs[0]) == 0)
				f.cell = g.cells[j];
		f.cells = g.cells;
		f.n_cells = g.n_cells;
		f.relation = rel != NULL ? rel->id : NULL;
		if (api->emit(ctx, &f) == -1)
			return -1;
	}
	return (int)i;
}

#endif
