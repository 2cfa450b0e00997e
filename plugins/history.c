/*
 * history.c -- checks of a report against the same issuer's report of
 * the year before and against earlier versions of itself (DOMAIN.md
 * X-CARRY, X-EFFECTIVE, X-JUMP), through the ABI 1.2 history calls.
 *
 * Like every check, it compares only numbers both reports give with
 * certainty: a cell that is missing or unreadable on either side is
 * skipped, never read as 0.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "history.h"
#include "related.h"

static const struct nb_rule rules[] = {
	{ "history.carry", NB_SEV_ERROR,
	    "本年“上年结转”与上年度报告的“结转下年度继续办理”不一致" },
	{ "history.effective", NB_SEV_WARNING,
	    "现行有效件数不等于上年现行有效件数加本年制发减本年废止" },
	{ "history.copy", NB_SEV_WARNING,
	    "报告正文与上年度报告或同年其他机关报告高度雷同" },
	{ "history.jump", NB_SEV_WARNING, "主要数量较上年变化异常" },
	{ "history.duplicate", NB_SEV_WARNING,
	    "同一报告重复报送，已记为新版本" },
};

double
history_option(const struct nb_api *api, nb_ctx *ctx, const char *key,
    double def)
{
	const char *s = api->option(ctx, key);
	char *end;
	double v;

	if (s == NULL)
		return def;
	v = strtod(s, &end);
	return end != s && *end == '\0' && v > 0 ? v : def;
}

/* Only these counts, when both reports give them, are compared. */
static const char *const jump_cells[] = {
	"t3.new.total", "t3.carry_out.total", "t2.license.decisions",
	"t2.penalty.decisions", "t2.coercion.decisions",
	"t2.normative.issued",
};

static int
is_int(const struct nb_value *v)
{
	return v->kind == NB_VAL_INT;
}

static int
carry(const struct nb_api *api, nb_ctx *ctx, const nb_report *r,
    nb_handle prev, int pyear)
{
	static const char pfx[] = "t3.carry_in.";

	for (size_t i = 0; i < api->cell_count(r); i++) {
		const char *id = api->cell_id(r, i), *col;
		char pid[128], msg[512];
		struct nb_value cur, old;
		struct nb_finding f = { 0 };
		int total;

		if (id == NULL || strncmp(id, pfx, sizeof(pfx) - 1) != 0)
			continue;
		col = id + sizeof(pfx) - 1;
		snprintf(pid, sizeof(pid), "t3.carry_out.%s", col);
		if (api->cell(r, id, &cur) == -1 || !is_int(&cur) ||
		    api->other_cell(r, prev, pid, &old) == -1 ||
		    !is_int(&old) || cur.i == old.i)
			continue;
		total = strcmp(col, "total") == 0;
		snprintf(msg, sizeof(msg), "%s为 %lld，而 %d 年度报告的“结转下年度"
		    "继续办理”为 %lld，两者应相等", api->cell_label(r, id),
		    (long long)cur.i, pyear, (long long)old.i);
		f.rule = "history.carry";
		f.severity = total ? NB_SEV_ERROR : NB_SEV_WARNING;
		f.message = msg;
		f.section = 3;
		f.cell = id;
		f.cells = &f.cell;
		f.n_cells = 1;
		f.has_values = 1;
		f.expected = (double)old.i;
		f.actual = (double)cur.i;
		if (emit_related(api, ctx, &f, &prev, 1) == -1)
			return -1;
	}
	return 0;
}

static int
effective(const struct nb_api *api, nb_ctx *ctx, const nb_report *r,
    nb_handle prev, int pyear)
{
	static const char *const rows[] = { "rules", "normative" };
	static const char *const names[] = { "规章", "行政规范性文件" };
	const char *pfmt = api->attr(r, prev, "format");

	/* The 2019 trial format counted other columns (DOMAIN.md). */
	if (pfmt == NULL || strcmp(pfmt, "2021") != 0 ||
	    api->format(r) != NB_FMT_2021)
		return 0;
	for (size_t k = 0; k < 2; k++) {
		char eid[64], iid[64], rid[64], msg[512];
		const char *cells[3] = { eid, iid, rid };
		struct nb_value e, is, re, pe;
		struct nb_finding f = { 0 };
		long long want;

		snprintf(eid, sizeof(eid), "t2.%s.effective", rows[k]);
		snprintf(iid, sizeof(iid), "t2.%s.issued", rows[k]);
		snprintf(rid, sizeof(rid), "t2.%s.repealed", rows[k]);
		if (api->cell(r, eid, &e) == -1 || api->cell(r, iid, &is) == -1 ||
		    api->cell(r, rid, &re) == -1 ||
		    api->other_cell(r, prev, eid, &pe) == -1 || !is_int(&e) ||
		    !is_int(&is) || !is_int(&re) || !is_int(&pe))
			continue;
		want = (long long)(pe.i + is.i - re.i);
		if (e.i == want)
			continue;
		snprintf(msg, sizeof(msg), "%s现行有效件数为 %lld，而 %d 年度报告的"
		    "现行有效件数 %lld 加本年制发 %lld 减本年废止 %lld 应为 %lld"
		    "（如有清理或机构改革请说明）", names[k], (long long)e.i,
		    pyear, (long long)pe.i, (long long)is.i, (long long)re.i,
		    want);
		f.rule = "history.effective";
		f.severity = NB_SEV_WARNING;
		f.message = msg;
		f.section = 2;
		f.cell = eid;
		f.cells = cells;
		f.n_cells = 3;
		f.has_values = 1;
		f.expected = (double)want;
		f.actual = (double)e.i;
		if (emit_related(api, ctx, &f, &prev, 1) == -1)
			return -1;
	}
	return 0;
}

static int
jump(const struct nb_api *api, nb_ctx *ctx, const nb_report *r,
    nb_handle prev, int pyear)
{
	double ratio = history_option(api, ctx, "jump_ratio", 5);
	double floor = history_option(api, ctx, "jump_min", 10);

	for (size_t k = 0; k < sizeof(jump_cells) / sizeof(*jump_cells); k++) {
		const char *id = jump_cells[k];
		struct nb_value cur, old;
		struct nb_finding f = { 0 };
		double hi, lo;
		char msg[512];

		if (api->cell(r, id, &cur) == -1 || !is_int(&cur) ||
		    api->other_cell(r, prev, id, &old) == -1 || !is_int(&old))
			continue;
		hi = (double)(cur.i > old.i ? cur.i : old.i);
		lo = (double)(cur.i > old.i ? old.i : cur.i);
		/* Small counts move by chance: 1 -> 6 is no news. */
		if (hi < floor || hi <= ratio * (lo > 1 ? lo : 1))
			continue;
		snprintf(msg, sizeof(msg), "%s为 %lld，%d 年度为 %lld，变化超过 %g 倍，"
		    "请核实", api->cell_label(r, id), (long long)cur.i, pyear,
		    (long long)old.i, ratio);
		f.rule = "history.jump";
		f.severity = NB_SEV_WARNING;
		f.message = msg;
		f.cell = id;
		f.cells = &f.cell;
		f.n_cells = 1;
		f.has_values = 1;
		f.expected = (double)old.i;
		f.actual = (double)cur.i;
		if (emit_related(api, ctx, &f, &prev, 1) == -1)
			return -1;
	}
	return 0;
}

static int
duplicate(const struct nb_api *api, nb_ctx *ctx, const nb_report *r)
{
	nb_handle h[8];
	size_t n = api->related(r, NB_REL_DUPLICATE, h, 8);
	const char *sha = api->attr(r, 0, "sha256"), *osha, *file;
	struct nb_finding f = { 0 };
	char msg[1024];

	if (n == 0)
		return 0;
	osha = api->attr(r, h[0], "sha256");
	file = api->attr(r, h[0], "file");
	if (sha != NULL && osha != NULL && strcmp(sha, osha) == 0)
		snprintf(msg, sizeof(msg), "本报告与已收到的报告（%s）内容完全相同，"
		    "记为该报告的新版本，不计为新报告", file ? file : "");
	else
		snprintf(msg, sizeof(msg), "已收到%s %d 年度的报告（%s），本报告记为"
		    "其新版本，不计为新报告", api->issuer(r), api->year(r),
		    file ? file : "");
	f.rule = "history.duplicate";
	f.severity = NB_SEV_WARNING;
	f.message = msg;
	return emit_related(api, ctx, &f, h, n < 8 ? n : 8);
}

static int
check_history(const struct nb_api *api, nb_ctx *ctx, void *state,
    const nb_report *r)
{
	nb_handle prev;
	int pyear = api->year(r) - 1;

	(void)state;
	if (api->struct_size < offsetof(struct nb_api, mark) +
	    sizeof(api->mark) || api->related == NULL)
		return 0;
	if (duplicate(api, ctx, r) == -1)
		return -1;
	if (api->related(r, NB_REL_PREVIOUS, &prev, 1) >= 1 &&
	    (carry(api, ctx, r, prev, pyear) == -1 ||
	    effective(api, ctx, r, prev, pyear) == -1 ||
	    jump(api, ctx, r, prev, pyear) == -1))
		return -1;
	return history_copy(api, ctx, r);
}

static const struct nb_plugin plugin = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_plugin),
	.name = "history",
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
