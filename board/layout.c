/*
 * layout.c -- the printed layout of T2, T3 and T4 (DOMAIN.md §2).
 */
#include <string.h>

#include "layout.h"

static const char *const t2_c1[] = { "本年制发件数", "本年废止件数",
    "现行有效件数", NULL };
static const char *const t2_i1[] = { "issued", "repealed", "effective", NULL };
static const char *const t2_c5[] = { "本年处理决定数量", NULL };
static const char *const t2_i5[] = { "decisions", NULL };
static const char *const t2_c8[] = { "本年收费金额（单位：万元）", NULL };
static const char *const t2_i8[] = { "amount_wan", NULL };

static const struct lay_row t2_r1[] = {
	{ "t2.rules", NULL, NULL, "规章" },
	{ "t2.normative", NULL, NULL, "行政规范性文件" },
	{ NULL, NULL, NULL, NULL },
};
static const struct lay_row t2_r5[] = {
	{ "t2.license", NULL, NULL, "行政许可" },
	{ NULL, NULL, NULL, NULL },
};
static const struct lay_row t2_r6[] = {
	{ "t2.penalty", NULL, NULL, "行政处罚" },
	{ "t2.coercion", NULL, NULL, "行政强制" },
	{ NULL, NULL, NULL, NULL },
};
static const struct lay_row t2_r8[] = {
	{ "t2.fee", NULL, NULL, "行政事业性收费" },
	{ NULL, NULL, NULL, NULL },
};

const struct lay_sub lay_t2[] = {
	{ "第二十条第（一）项", t2_c1, t2_i1, t2_r1 },
	{ "第二十条第（五）项", t2_c5, t2_i5, t2_r5 },
	{ "第二十条第（六）项", t2_c5, t2_i5, t2_r6 },
	{ "第二十条第（八）项", t2_c8, t2_i8, t2_r8 },
	{ NULL, NULL, NULL, NULL },
};

const char *const lay_t3_cols[] = { "natural", "commercial", "research",
    "public_interest", "legal_service", "other", "total" };

#define R3	"三、本年度办理结果"
const struct lay_row lay_t3[] = {
	{ "t3.new", NULL, NULL, "一、本年新收政府信息公开申请数量" },
	{ "t3.carry_in", NULL, NULL, "二、上年结转政府信息公开申请数量" },
	{ "t3.result.open", R3, NULL, "（一）予以公开" },
	{ "t3.result.partial", R3, NULL, "（二）部分公开（区分处理的，只计这一"
	    "情形，不计其他情形）" },
	{ "t3.result.deny.secret", R3, "（三）不予公开", "1.属于国家秘密" },
	{ "t3.result.deny.law", R3, "（三）不予公开", "2.其他法律行政法规禁止"
	    "公开" },
	{ "t3.result.deny.safety", R3, "（三）不予公开", "3.危及“三安全一稳定”" },
	{ "t3.result.deny.third_party", R3, "（三）不予公开", "4.保护第三方合法"
	    "权益" },
	{ "t3.result.deny.internal", R3, "（三）不予公开", "5.属于三类内部事务"
	    "信息" },
	{ "t3.result.deny.process", R3, "（三）不予公开", "6.属于四类过程性信息" },
	{ "t3.result.deny.enforcement", R3, "（三）不予公开", "7.属于行政执法"
	    "案卷" },
	{ "t3.result.deny.query", R3, "（三）不予公开", "8.属于行政查询事项" },
	{ "t3.result.unable.not_held", R3, "（四）无法提供", "1.本机关不掌握相关"
	    "政府信息" },
	{ "t3.result.unable.need_create", R3, "（四）无法提供", "2.没有现成信息"
	    "需要另行制作" },
	{ "t3.result.unable.unclear", R3, "（四）无法提供", "3.补正后申请内容仍"
	    "不明确" },
	{ "t3.result.noproc.petition", R3, "（五）不予处理", "1.信访举报投诉类"
	    "申请" },
	{ "t3.result.noproc.repeat", R3, "（五）不予处理", "2.重复申请" },
	{ "t3.result.noproc.publication", R3, "（五）不予处理", "3.要求提供公开"
	    "出版物" },
	{ "t3.result.noproc.massive", R3, "（五）不予处理", "4.无正当理由大量反复"
	    "申请" },
	{ "t3.result.noproc.confirm", R3, "（五）不予处理", "5.要求行政机关确认或"
	    "重新出具已获取信息" },
	{ "t3.result.other.no_correction", R3, "（六）其他处理", "1.申请人无正当"
	    "理由逾期不补正、行政机关不再处理其政府信息公开申请" },
	{ "t3.result.other.no_fee", R3, "（六）其他处理", "2.申请人逾期未按收费"
	    "通知要求缴纳费用、行政机关不再处理其政府信息公开申请" },
	{ "t3.result.other.other", R3, "（六）其他处理", "3.其他" },
	{ "t3.result.total", R3, NULL, "（七）总计" },
	{ "t3.carry_out", NULL, NULL, "四、结转下年度继续办理" },
	{ NULL, NULL, NULL, NULL },
};

const char *const lay_t4_groups[] = { "t4.review", "t4.lit_direct",
    "t4.lit_after" };
const char *const lay_t4_cols[] = { "upheld", "corrected", "other",
    "pending", "total" };
const char *const lay_t4_labels[] = { "结果维持", "结果纠正", "其他结果",
    "尚未审结", "总计" };

static const char *
group(const struct lay_row *r, int level)
{
	return level == 1 ? r->group1 : r->group2;
}

size_t
lay_span(const struct lay_row *rows, size_t i, int level)
{
	const char *g = group(&rows[i], level);
	size_t n = 0;

	while (rows[i + n].id != NULL && g != NULL &&
	    group(&rows[i + n], level) != NULL &&
	    strcmp(group(&rows[i + n], level), g) == 0)
		n++;
	return n;
}
