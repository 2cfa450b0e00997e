/*
 * consolidation.c -- consolidation.sum: where the roster says a
 * government's report covers its departments, each total of its T3
 * against the sum of theirs (warning: the consolidated figure may count
 * applications to the government itself as well, or not).
 *
 * Only when every department under it has sent its report of the year
 * and every one of them gives the number: a partial sum proves nothing.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "related.h"

#define MAX_DEPTS	256

static const struct nb_rule rules[] = {
	{ "consolidation.sum", NB_SEV_WARNING,
	    "政府汇总报告的第三部分表格与所属部门报告之和不一致" },
};

static int
is_total(const char *id)
{
	size_t n = strlen(id);

	return strncmp(id, "t3.", 3) == 0 && n > 6 &&
	    strcmp(id + n - 6, ".total") == 0;
}

/* Sum of cell id over the departments; -1 if one gives no number. */
static int
dept_sum(const struct nb_api *api, const nb_report *r, const nb_handle *h,
    size_t n, const char *id, long long *sum)
{
	*sum = 0;
	for (size_t i = 0; i < n; i++) {
		struct nb_value v;

		if (api->other_cell(r, h[i], id, &v) == -1 ||
		    v.kind != NB_VAL_INT)
			return -1;
		*sum += v.i;
	}
	return 0;
}

static int
check_cell(const struct nb_api *api, nb_ctx *ctx, const nb_report *r,
    const nb_handle *h, size_t n, const char *id)
{
	struct nb_value v;
	struct nb_finding f = { 0 };
	long long sum;
	char msg[512];

	if (api->cell(r, id, &v) == -1 || v.kind != NB_VAL_INT ||
	    dept_sum(api, r, h, n, id, &sum) == -1 || v.i == sum)
		return 0;
	snprintf(msg, sizeof(msg), "%s为 %lld，而所属 %zu 个部门报告之和为 %lld",
	    api->cell_label(r, id), (long long)v.i, n, sum);
	f.rule = "consolidation.sum";
	f.severity = NB_SEV_WARNING;
	f.message = msg;
	f.section = 3;
	f.cell = id;
	f.cells = &f.cell;
	f.n_cells = 1;
	f.has_values = 1;
	f.expected = (double)sum;
	f.actual = (double)v.i;
	return emit_related(api, ctx, &f, h, n);
}

static int
check_history(const struct nb_api *api, nb_ctx *ctx, void *state,
    const nb_report *r)
{
	nb_handle h[MAX_DEPTS];
	const char *covers;
	size_t n;
	long want;

	(void)state;
	if (api->struct_size < offsetof(struct nb_api, mark) +
	    sizeof(api->mark) || api->related == NULL)
		return 0;
	if ((covers = api->attr(r, 0, "roster.covers")) == NULL ||
	    (want = strtol(covers, NULL, 10)) <= 0 || want > MAX_DEPTS)
		return 0;
	n = api->related(r, NB_REL_COVERED, h, MAX_DEPTS);
	if (n != (size_t)want)
		return 0;	/* not every department has reported */
	for (size_t i = 0; i < api->cell_count(r); i++) {
		const char *id = api->cell_id(r, i);

		if (id != NULL && is_total(id) &&
		    check_cell(api, ctx, r, h, n, id) == -1)
			return -1;
	}
	return 0;
}

static const struct nb_plugin plugin = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_plugin),
	.name = "consolidation",
	.version = "1.0",
	.rules = rules,
	.n_rules = sizeof(rules) / sizeof(rules[0]),
	.check_history = check_history,
};

NB_EXPORT const struct nb_plugin *
nb_plugin_entry(void)
{
	return &plugin;
}
