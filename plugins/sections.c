/*
 * sections.c -- the six parts of a 2021- or 2019-format report: each present,
 * once, in order (DOMAIN.md §1.2, §4.4 S-SECTIONS).
 *
 * The model has already told headings from the look-alike T3 row labels;
 * this plugin only judges what it found.  The outline beyond the six
 * headings (numbering, an empty 五, the preamble's list of parts) is in
 * sections_outline.c and sections_parts.c, the wording of the headings in
 * sections_heading.c: warnings.
 */
#include <stdio.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "sections.h"
#include "sections_required.h"

static const struct nb_rule rules[] = {
	{ "sections.missing", NB_SEV_ERROR, "缺少规定的部分（标题）" },
	{ "sections.order", NB_SEV_ERROR, "各部分的顺序与规定格式不一致" },
	{ "sections.duplicate", NB_SEV_ERROR, "同一部分的标题出现多次" },
	{ "sections.numbering", NB_SEV_WARNING,
	    "一级编号重新开始（多套编号）或各部分编号整体偏移" },
	{ "sections.empty", NB_SEV_WARNING,
	    "第五部分“存在的主要问题及改进情况”没有内容或只有“无”" },
	{ "sections.heading_text", NB_SEV_WARNING,
	    "某部分的标题措辞与规定格式不同（错别字、非规范标题）或缺少编号" },
	{ "sections.required_text", NB_SEV_WARNING,
	  "规则包要求报告的事项（如省级要求）没有在规定部分报告" },
};

static const char *const headings[7] = {
	"",
	"一、总体情况",
	"二、主动公开政府信息情况",
	"三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况",
	"五、存在的主要问题及改进情况",
	"六、其他需要报告的事项",
};

int
sections_emit(const struct nb_api *api, nb_ctx *ctx, const char *rule,
    enum nb_severity sev, int n, unsigned line, const char *msg)
{
	struct nb_finding f = { 0 };

	f.rule = rule;
	f.severity = sev;
	f.message = msg;
	f.line = line;
	f.section = n;
	return api->emit(ctx, &f);
}

/* Where a missing part should have started: at the next part found. */
static unsigned
expected_line(const struct nb_api *api, const nb_report *r, int n)
{
	for (n++; n <= 6; n++) {
		unsigned line = api->section_line(r, n);

		if (line != 0)
			return line;
	}
	return 0;
}

/* "第3页第12行" for a PDF, "第12行" otherwise: as the user looks for it. */
void
sections_where(const struct nb_api *api, const nb_report *r, unsigned line, char *buf,
    size_t len)
{
	unsigned page = 0, pline = 0;

	if (NB_API_HAS(api, line_page))
		page = api->line_page(r, line, &pline);
	if (page != 0 && pline != 0)
		snprintf(buf, len, "第%u页第%u行", page, pline);
	else
		snprintf(buf, len, "第%u行", line);
}

/* A part whose heading is there twice: the finding names every place
 * (its line is the second one, the heading that should not be there). */
static int
emit_duplicate(const struct nb_api *api, nb_ctx *ctx, const nb_report *r,
    int n, int count)
{
	unsigned lines[8];
	size_t i, k = 0;
	char msg[512], at[64];
	unsigned line = api->section_line(r, n);

	if (NB_API_HAS(api, section_lines))
		k = api->section_lines(r, n, lines, 8);
	snprintf(msg, sizeof(msg), "第%d部分“%s”的标题出现了%d次", n,
	    headings[n], count);
	for (i = 0; i < k && i < 8; i++) {
		size_t len = strlen(msg);

		sections_where(api, r, lines[i], at, sizeof(at));
		snprintf(msg + len, sizeof(msg) - len, "%s%s",
		    i == 0 ? "：" : "、", at);
	}
	if (k >= 2)
		line = lines[1];
	return sections_emit(api, ctx, "sections.duplicate", NB_SEV_ERROR, n,
	    line, msg);
}

static int
check_each(const struct nb_api *api, nb_ctx *ctx, const nb_report *r)
{
	char msg[256];
	int n;

	for (n = 1; n <= 6; n++) {
		int count = api->section_count(r, n);

		if (count == 0) {
			/* The preamble listing it is the same defect. */
			snprintf(msg, sizeof(msg), "缺少第%d部分“%s”%s", n,
			    headings[n], sections_listed(api, r, n) ?
			    "（报告开头列出了这一部分）" : "");
			if (sections_emit(api, ctx, "sections.missing",
			    NB_SEV_ERROR, n, expected_line(api, r, n),
			    msg) == -1)
				return -1;
		} else if (count > 1) {
			if (emit_duplicate(api, ctx, r, n, count) == -1)
				return -1;
		}
	}
	return 0;
}

/* One finding per heading that comes after a later part. */
static int
check_order(const struct nb_api *api, nb_ctx *ctx, const nb_report *r)
{
	int order[6 * 4], highest = 0;
	size_t i, n;
	char msg[256];

	n = api->section_order(r, order, sizeof(order) / sizeof(order[0]));
	for (i = 0; i < n; i++) {
		if (order[i] < 1 || order[i] > 6)
			continue;
		if (order[i] >= highest) {
			highest = order[i];
			continue;
		}
		snprintf(msg, sizeof(msg), "第%d部分“%s”出现在第%d部分之后，"
		    "顺序应为一至六", order[i], headings[order[i]], highest);
		if (sections_emit(api, ctx, "sections.order", NB_SEV_ERROR,
		    order[i], api->section_line(r, order[i]), msg) == -1)
			return -1;
	}
	return 0;
}

static int
check(const struct nb_api *api, nb_ctx *ctx, void *state, const nb_report *r)
{
	enum nb_format fmt = api->format(r);

	(void)state;
	/* A rule pack's own requirements hold in every format it has. */
	if (sections_required(api, ctx, r) == -1)
		return -1;
	/* The six parts and tables T2-T4 are those of 2021 and of the
	 * 2019 trial format, each read by its own pack. */
	if (fmt != NB_FMT_2021 && fmt != NB_FMT_2019)
		return 0;
	if (check_each(api, ctx, r) == -1 || check_order(api, ctx, r) == -1 ||
	    sections_heading_text(api, ctx, r) == -1 ||
	    sections_numbering(api, ctx, r) == -1)
		return -1;
	return sections_empty(api, ctx, r);
}

static const struct nb_plugin plugin = {
	NB_ABI_VERSION, sizeof(struct nb_plugin), "sections", "1.3",
	rules, sizeof(rules) / sizeof(rules[0]), NULL, check, NULL, NULL
};

NB_EXPORT const struct nb_plugin *
nb_plugin_entry(void)
{
	return &plugin;
}
