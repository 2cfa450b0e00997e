/*
 * sections_required.c -- sections.required_text: the texts a rule pack
 * requires (a province's own items, "required" in doc/rule-packs.md),
 * e.g. 宁夏's 政务公开工作要点落实情况 in part 六.
 *
 * A requirement is met when one of its words occurs in its part.  A part
 * that was not found is sections.missing's finding, not ours (one cause,
 * one finding); words found in another part make the finding a warning
 * that says where they are: the item is reported, in the wrong place.
 */
#include <stdio.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "sections_required.h"

static int
has_any(const char *text, const struct nb_requirement *q)
{
	for (size_t i = 0; i < q->n_any; i++)
		if (strstr(text, q->any[i]) != NULL)
			return 1;
	return 0;
}

/* The first part other than q's whose text has one of the words, or -1. */
static int
found_elsewhere(const struct nb_api *api, const nb_report *r,
    const struct nb_requirement *q)
{
	for (int n = 1; n <= 6; n++)
		if (n != q->section && has_any(api->section_text(r, n), q))
			return n;
	return has_any(api->section_text(r, 0), q) ? 0 : -1;
}

static int
check_one(const struct nb_api *api, nb_ctx *ctx, const nb_report *r,
    const struct nb_requirement *q)
{
	struct nb_finding f = { 0 };
	char msg[768];
	int other;

	if (q->section > 0 && api->section_line(r, q->section) == 0)
		return 0;
	if (q->section > 0 && has_any(api->section_text(r, q->section), q))
		return 0;
	other = found_elsewhere(api, r, q);
	if (q->section == 0 && other != -1)
		return 0;
	f.rule = q->rule;
	f.severity = q->severity;
	f.section = q->section;
	f.line = q->section > 0 ? api->section_line(r, q->section) : 0;
	if (q->section == 0)
		snprintf(msg, sizeof(msg), "报告中没有“%s”（规则包要求项 %s）",
		    q->label, q->id);
	else if (other == -1)
		snprintf(msg, sizeof(msg), "第%d部分没有报告“%s”（规则包要求项 "
		    "%s）", q->section, q->label, q->id);
	else {
		char where[64] = "正文前的说明中";

		if (other > 0)
			snprintf(where, sizeof(where), "第%d部分", other);
		snprintf(msg, sizeof(msg), "“%s”应在第%d部分报告，只在%s提到"
		    "（规则包要求项 %s）", q->label, q->section, where, q->id);
		f.severity = NB_SEV_WARNING;
	}
	f.message = msg;
	return api->emit(ctx, &f);
}

int
sections_required(const struct nb_api *api, nb_ctx *ctx, const nb_report *r)
{
	size_t n;

	if (!NB_API_HAS(api, requirement) || api->format(r) == NB_FMT_OLD)
		return 0;
	n = api->requirement_count(r);
	for (size_t i = 0; i < n; i++) {
		const struct nb_requirement *q = api->requirement(r, i);

		if (q == NULL || strcmp(q->rule, "sections.required_text") != 0)
			continue;
		if (check_one(api, ctx, r, q) == -1)
			return -1;
	}
	return 0;
}
