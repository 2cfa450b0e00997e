/*
 * test-plugins-base.c -- the correct synthetic report the plugin unit tests
 * vary (test-plugins.c, test-plugins-text.c) and their helpers: see
 * test-plugins-base.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-plugins-base.h"

/* A correct report: 5 applications (4 自然人, 1 商业企业), 4 公开 and 1
 * 部分公开, no 复议/诉讼, no fee. */
const char base[] =
    "某某区人民政府办公室2022年政府信息公开工作年度报告\n"
    "本报告统计数据从2022年1月1日至12月31日。\n"
    "一、总体情况\n"
    "全年受理政府信息公开申请5件，办结5件。"
    "无因政府信息公开申请引起的行政复议、行政诉讼。\n"
    "二、主动公开政府信息情况\n"
    "第二十条第（一）项\n"
    "信息内容 本年制发件数 本年废止件数 现行有效件数\n"
    "规章 0 0 0\n"
    "行政规范性文件 1 0 3\n"
    "第二十条第（五）项\n"
    "信息内容 本年处理决定数量\n"
    "行政许可 10\n"
    "第二十条第（六）项\n"
    "信息内容 本年处理决定数量\n"
    "行政处罚 2\n"
    "行政强制 0\n"
    "第二十条第（八）项\n"
    "信息内容 本年收费金额（单位：万元）\n"
    "行政事业性收费 0\n"
    "三、收到和处理政府信息公开申请情况\n"
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
    "申请人情况\n"
    "自然人 法人或其他组织 总计\n"
    "商业企业 科研机构 社会公益组织 法律服务机构 其他\n"
    "一、本年新收政府信息公开申请数量 4 1 0 0 0 0 5\n"
    "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n"
    "三、本年度办理结果\n"
    "（一）予以公开 3 1 0 0 0 0 4\n"
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 1 0 0 0 0 0 1\n"
    "（三）不予公开\n"
    "1.属于国家秘密 0 0 0 0 0 0 0\n"
    "2.其他法律行政法规禁止公开 0 0 0 0 0 0 0\n"
    "3.危及“三安全一稳定” 0 0 0 0 0 0 0\n"
    "4.保护第三方合法权益 0 0 0 0 0 0 0\n"
    "5.属于三类内部事务信息 0 0 0 0 0 0 0\n"
    "6.属于四类过程性信息 0 0 0 0 0 0 0\n"
    "7.属于行政执法案卷 0 0 0 0 0 0 0\n"
    "8.属于行政查询事项 0 0 0 0 0 0 0\n"
    "（四）无法提供\n"
    "1.本机关不掌握相关政府信息 0 0 0 0 0 0 0\n"
    "2.没有现成信息需要另行制作 0 0 0 0 0 0 0\n"
    "3.补正后申请内容仍不明确 0 0 0 0 0 0 0\n"
    "（五）不予处理\n"
    "1.信访举报投诉类申请 0 0 0 0 0 0 0\n"
    "2.重复申请 0 0 0 0 0 0 0\n"
    "3.要求提供公开出版物 0 0 0 0 0 0 0\n"
    "4.无正当理由大量反复申请 0 0 0 0 0 0 0\n"
    "5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0\n"
    "（六）其他处理\n"
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 "
    "0 0 0 0 0 0 0\n"
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开"
    "申请 0 0 0 0 0 0 0\n"
    "3.其他 0 0 0 0 0 0 0\n"
    "（七）总计 4 1 0 0 0 0 5\n"
    "四、结转下年度继续办理 0 0 0 0 0 0 0\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "行政复议 行政诉讼\n"
    "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n"
    "结果维持 结果纠正 其他结果 尚未审结 总计 "
    "结果维持 结果纠正 其他结果 尚未审结 总计\n"
    "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
    "五、存在的主要问题及改进情况\n"
    "存在问题：公开形式有待丰富。改进情况：加强业务培训。\n"
    "六、其他需要报告的事项\n"
    "本年度未收取信息处理费。\n";


/* Checks base with one replacement (none if from is NULL). */
struct nb_result *
variant(struct suite *s, const char *what, const char *from, const char *to)
{
	struct nb_result *res;
	char *text;

	text = from != NULL && to != NULL ? t_replace(base, from, to) :
	    strdup(base);
	if (text == NULL) {
		t_ok(s->t, 0, "%s/%s: build the text", s->plugin, what);
		return NULL;
	}
	res = t_check(s->e, what, text);
	free(text);
	return res;
}

/* base without the bytes from the start of `from` to the end of `to`. */
char *
cut(const char *from, const char *to)
{
	const char *a = strstr(base, from), *b = a ? strstr(a, to) : NULL;
	size_t n = strlen(base);
	char *out;

	if (b == NULL || (out = malloc(n + 1)) == NULL)
		return NULL;
	b += strlen(to);
	memcpy(out, base, (size_t)(a - base));
	memcpy(out + (a - base), b, n - (size_t)(b - base) + 1);
	return out;
}

/* The variant gives exactly n findings of rule, the first naming cell. */
const struct nb_found *
expect(struct suite *s, const struct nb_result *res, const char *what,
    const char *rule, size_t n, const char *cell)
{
	const struct nb_found *f = t_find(res, rule, cell);

	if (!t_ok(s->t, res != NULL && t_count(res, rule) == n &&
	    (n == 0 || f != NULL), "%s/%s: %zu x %s%s%s", s->plugin, what, n,
	    rule, cell ? " naming " : "", cell ? cell : ""))
		t_dump(res);
	return f;
}

void
expect_none(struct suite *s, const struct nb_result *res, const char *what)
{
	if (!t_ok(s->t, res != NULL && res->nfindings == 0,
	    "%s/%s: no finding", s->plugin, what))
		t_dump(res);
}

void
open_suite(struct suite *s, struct tally *t, const char *plugin)
{
	const char *names[1];

	names[0] = plugin;
	s->t = t;
	s->plugin = plugin;
	s->e = t_engine(names, 1);
	t_ok(t, s->e != NULL, "%s: engine", plugin);
}

/* The line (1-based) of the k-th occurrence of what in text, or 0. */
unsigned
line_of(const char *text, const char *what, int k)
{
	const char *p = text, *s;
	unsigned line = 1;

	while ((p = strstr(p, what)) != NULL && --k > 0)
		p += strlen(what);
	if (p == NULL)
		return 0;
	for (s = text; s < p; s++)
		line += *s == '\n';
	return line;
}

/* How table id was read, as the JSON record says. */
const struct nb_table_read *
table_read(const struct nb_result *res, const char *id)
{
	size_t i;

	for (i = 0; res != NULL && i < res->ntables; i++)
		if (strcmp(res->tables[i].id, id) == 0)
			return &res->tables[i];
	return NULL;
}
