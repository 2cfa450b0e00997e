/*
 * test-tables-synth.c -- table extraction on small synthetic reports for
 * the layouts of DOMAIN.md §9: cells split by spaces, tabs and lines,
 * blank and lost cells and rows, fused digits, OCR look-alikes, a lost
 * heading, labels and numbers in two blocks, T4 under 三, cell forms
 * (grouping, units, minus signs), a table of contents, a label split
 * around its numbers.
 *
 * Usage: test-tables-synth [srcdir]   (default: $NB_SRCDIR, else ".")
 */
#include "tables.h"

/* ---- synthetic reports ---- */

static const char head[] =
    "某某区2022年政府信息公开工作年度报告\n"
    "本报告统计数据从2022年1月1日至12月31日。\n"
    "一、总体情况\n正文。\n"
    "二、主动公开政府信息情况\n"
    "第二十条第（一）项\n"
    "信息内容 本年制发件数 本年废止件数 现行有效件数\n"
    "规章 0 0 0\n行政规范性文件 7 14 24\n"
    "第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 １４６３\n"
    "第二十条第（六）项\n信息内容 本年处理决定数量\n"
    "行政处罚 /\n行政强制 2\n"
    "第二十条第（八）项\n信息内容 本年收费金额（单位：万元）\n"
    "行政事业性收费 0.5\n"
    "三、收到和处理政府信息公开申请情况\n"
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三\n"
    "项加第四项之和）\n申请人情况\n自然\n人\n法人或其他组织\n"
    "总计商业\n企业\n科研\n机构\n社会\n公益\n组织\n法律\n服务\n机构\n其他\n";

static const char *const labels[25] = {
	"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
	"三、本年度办理结果 （一）予以公开",
	"（二）部分公开（区分处理的，只计这一情形，不\n计其他情形）",
	"（三）不予公开 1.属于国家秘密", "2.其他法律行政法规禁止公开",
	"3.危及“三安全一稳定”", "4.保护第三方合法权益",
	"5.属于三类内部事务信息", "6.属于四类过程性信息",
	"7.属于行政执法案卷", "8.属于行政查询事项",
	"（四）无法\n提供\n1.本机关不掌握相关政府信息",
	"2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
	"（五）不予处理 1.信访举报投诉类申请", "2.重复申请",
	"3.要求提供公开出版物", "4.无正当理由大量反复申请",
	"5.要求行政机关确认或重新出具已获取\n信息",
	"（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府"
	    "信息公开申请",
	"2.申请人逾期未按收费通知要求缴纳费\n用、行政机关不再处理其政府信息公开"
	    "申请",
	"3.其他", "（七）总计", "四、结转下年度继续办理"
};

static const char tail[] =
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "行政复议 行政诉讼\n结果\n维持\n结果\n纠正\n其他\n结果\n尚未\n审结\n"
    "总计\n未经复议直接起诉 复议后起诉\n"
    "0 1 0 0 1 0 0 0 0 0\n0 0 0 0 0\n"
    "五、存在的主要问题及改进情况\n正文。\n"
    "六、其他需要报告的事项\n正文。\n";

/*
 * A report whose T3 row i reads "<label><sep><vals[i]>"; vals[i] NULL
 * drops the row.  tail2 replaces the standard section 四 when not NULL.
 */
static char *
synth(const char *const vals[25], const char *sep, const char *tail2)
{
	size_t len = strlen(head) + strlen(tail) + (tail2 ? strlen(tail2) : 0)
	    + 1;
	char *s, *p;
	int i;

	for (i = 0; i < 25; i++)
		if (vals[i] != NULL)
			len += strlen(labels[i]) + strlen(sep) +
			    strlen(vals[i]) + 2;
	if ((s = malloc(len)) == NULL)
		return NULL;
	p = s + sprintf(s, "%s", head);
	for (i = 0; i < 25; i++)
		if (vals[i] != NULL)
			p += sprintf(p, "%s%s%s\n", labels[i], sep, vals[i]);
	sprintf(p, "%s", tail2 ? tail2 : tail);
	return s;
}

static int
fix_synth(struct fix *f, const char *name, const char *const vals[25],
    const char *sep, const char *tail2)
{
	char *text = synth(vals, sep, tail2);
	int rc;

	if (text == NULL)
		return -1;
	rc = fix_text(f, name, text);
	free(text);
	CHECK(rc == 0, "build %s", name);
	return rc;
}

static void
base_vals(const char *v[25])
{
	int i;

	for (i = 0; i < 25; i++)
		v[i] = "0 0 0 0 0 0 0";
	v[0] = "2 1 0 0 0 0 3";
	v[2] = "2 1 0 0 0 0 3";
	v[23] = "2 1 0 0 0 0 3";
}

static void
test_spaces(void)
{
	const char *v[25];
	struct fix f;
	const struct nb_cell *c;

	base_vals(v);
	v[3] = "1 0 0 0 0 0\n1";		/* total alone on the next line */
	if (fix_synth(&f, "spaces", v, "\n", NULL) == -1)
		return;
	CHECK(f.r->format == NB_FMT_2021, "synthetic is 2021");
	CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE, "spaces: t3 complete");
	CHECK(tstate(f.r, "t2") == NB_TABLE_COMPLETE, "spaces: t2 complete");
	CHECK(tstate(f.r, "t4") == NB_TABLE_COMPLETE, "spaces: t4 complete");
	t3_row_is(f.r, "new", "2 1 0 0 0 0 3");
	t3_row_is(f.r, "result.partial", "1 0 0 0 0 0 1");
	t3_row_is(f.r, "result.total", "2 1 0 0 0 0 3");
	t3_row_is(f.r, "carry_out", "0 0 0 0 0 0 0");
	t4_is(f.r, "0 1 0 0 1 0 0 0 0 0 0 0 0 0 0");
	is_int(f.r, "t2.license.decisions", 1463);
	c = cell(f.r, "t2.license.decisions");
	CHECK(c && strcmp(c->v.raw, "１４６３") == 0 && c->len == 12,
	    "full-width cell keeps its raw bytes");
	is_kind(f.r, "t2.penalty.decisions", NB_VAL_MISSING);
	c = cell(f.r, "t2.fee.amount_wan");
	CHECK(c && c->v.kind == NB_VAL_DECIMAL && c->v.d == 0.5, "fee 0.5");
	offsets_ok(f.r, "spaces");
	fix_free(&f);
}

static void
test_tabs(void)
{
	const char *v[25];
	struct fix f;

	base_vals(v);
	v[0] = "\t2\t\t0\t0\t0\t0\t3\t";	/* blank commercial */
	v[1] = "0\t0\t0\t0\t0\t0\t0\t\t";	/* trailing tabs: layout */
	if (fix_synth(&f, "tabs", v, "\t", NULL) == -1)
		return;
	is_int(f.r, "t3.new.natural", 2);
	is_kind(f.r, "t3.new.commercial", NB_VAL_MISSING);
	is_int(f.r, "t3.new.research", 0);
	is_int(f.r, "t3.new.total", 3);
	t3_row_is(f.r, "carry_in", "0 0 0 0 0 0 0");
	t3_row_is(f.r, "result.open", "2 1 0 0 0 0 3");
	CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE, "tabs: complete");
	fix_free(&f);
}

static void
test_blanks(void)
{
	const char *v[25];
	struct fix f;

	base_vals(v);
	v[1] = "/ — - 无 0 0 0";
	v[16] = NULL;			/* 2.重复申请 lost */
	v[17] = "4 0 0 0 0 0 4";
	if (fix_synth(&f, "blanks", v, " ", NULL) == -1)
		return;
	is_kind(f.r, "t3.carry_in.natural", NB_VAL_MISSING);
	is_kind(f.r, "t3.carry_in.commercial", NB_VAL_MISSING);
	is_kind(f.r, "t3.carry_in.research", NB_VAL_MISSING);
	is_kind(f.r, "t3.carry_in.public_interest", NB_VAL_MISSING);
	is_int(f.r, "t3.carry_in.legal_service", 0);
	is_kind(f.r, "t3.result.noproc.repeat.natural", NB_VAL_ABSENT);
	t3_row_is(f.r, "result.noproc.publication", "4 0 0 0 0 0 4");
	CHECK(tstate(f.r, "t3") == NB_TABLE_PARTIAL, "lost row: partial");
	CHECK(f.r->tables[1].rows_found == 24, "24 rows found");
	fix_free(&f);
}

/*
 * A row one number short in running text (its blank cell lost with the
 * separator): the blank's place is taken when only one place keeps every
 * relation of the table (here 一 + 二 = 七 + 四 in every column), else
 * the table stays unreadable.
 */
static void
test_lost_blank(void)
{
	const char *v[25];
	struct fix f;

	base_vals(v);
	v[0] = "3 1 0 0 0 0 4";
	v[24] = "1 0 0 0 0 0";		/* 总计 blank: 4 = 3 + blank */
	if (fix_synth(&f, "lost blank", v, " ", NULL) == -1)
		return;
	CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE,
	    "lost blank: one place, t3 complete");
	is_int(f.r, "t3.carry_out.natural", 1);
	is_int(f.r, "t3.carry_out.other", 0);
	is_kind(f.r, "t3.carry_out.total", NB_VAL_MISSING);
	CHECK(cell(f.r, "t3.carry_out.total") != NULL &&
	    cell(f.r, "t3.carry_out.total")->conf >= 1 &&
	    cell(f.r, "t3.carry_out.natural")->conf >= 1,
	    "lost blank: its cells read for sure");
	fix_free(&f);

	base_vals(v);
	v[24] = "0 0 0 0 0 0";		/* a blank anywhere fits */
	if (fix_synth(&f, "lost blank anywhere", v, " ", NULL) == -1)
		return;
	CHECK(tstate(f.r, "t3") == NB_TABLE_UNREADABLE,
	    "lost blank with seven places: unreadable");
	CHECK(cell(f.r, "t3.carry_out.natural") != NULL &&
	    cell(f.r, "t3.carry_out.natural")->conf == 0,
	    "lost blank with seven places: nothing read for sure");
	fix_free(&f);
}

static void
test_fused(void)
{
	const char *v[25];
	struct fix f;
	const struct nb_cell *c;

	base_vals(v);
	v[0] = "15130000154";
	v[23] = "15130000154";
	v[2] = "0000000";
	/* Label and numbers glued too, as crawled pages do. */
	if (fix_synth(&f, "fused", v, "", NULL) == -1)
		return;
	t3_row_is(f.r, "new", "151 3 0 0 0 0 154");
	t3_row_is(f.r, "result.total", "151 3 0 0 0 0 154");
	t3_row_is(f.r, "result.open", "0 0 0 0 0 0 0");
	CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE, "fused: complete");
	c = cell(f.r, "t3.new.total");
	CHECK(c && strcmp(c->v.raw, "154") == 0 && c->len == 3,
	    "fused cell points at its own digits");
	offsets_ok(f.r, "fused");
	fix_free(&f);

	base_vals(v);
	v[23] = "0200201133";		/* 0|2|0|0|20|11|33 or 0|20|0|2|0|11|33 */
	if (fix_synth(&f, "ambiguous", v, " ", NULL) == -1)
		return;
	CHECK(tstate(f.r, "t3") == NB_TABLE_UNREADABLE,
	    "ambiguous fused row: unreadable");
	is_kind(f.r, "t3.result.total.natural", NB_VAL_MISSING);
	t3_row_is(f.r, "new", "2 1 0 0 0 0 3");
	fix_free(&f);
}

/*
 * OCR'd digits glued to the next row's label, as a crawled OCR text has
 * them: "丨 0 0 0 0 0 |二、…" (the row's last 1 read as '|'), "…0 2l三、…"
 * (a 1 inside the last number), "0 O（六）…" (a 0); each is its row's
 * last cell, not part of the label.
 */
static void
test_glued_lookalikes(void)
{
	const char *v[25];
	char *text, *p;
	struct fix f;

	base_vals(v);
	v[0] = "20 1 0 0 0 0 2l";
	v[1] = "丨 0 0 0 0 0 |";
	v[19] = "0 0 0 0 0 0 O";
	v[23] = "22 1 0 0 0 0 23";
	if ((text = synth(v, " ", NULL)) == NULL) {
		CHECK(0, "glued look-alikes: no memory");
		return;
	}
	/* each of those rows runs into the next label */
	while ((p = strstr(text, "2l\n")) != NULL ||
	    (p = strstr(text, "|\n")) != NULL ||
	    (p = strstr(text, " O\n")) != NULL)
		memmove(strchr(p, '\n'), strchr(p, '\n') + 1,
		    strlen(strchr(p, '\n')));
	if (fix_text(&f, "glued look-alikes", text) == -1) {
		free(text);
		return;
	}
	free(text);
	t3_row_is(f.r, "new", "20 1 0 0 0 0 21");
	t3_row_is(f.r, "carry_in", "1 0 0 0 0 0 1");
	t3_row_is(f.r, "result.noproc.confirm", "0 0 0 0 0 0 0");
	CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE,
	    "glued look-alikes: complete");
	fix_free(&f);
}

static void
test_shared_chunk(void)
{
	const char *v[25];
	struct fix f;

	base_vals(v);
	v[22] = "";			/* "3.其他" with no numbers ... */
	if (fix_synth(&f, "chunk", v, " ", NULL) == -1)
		return;
	/* ... so its label runs into "（七）总计" in one chunk. */
	is_kind(f.r, "t3.result.other.other.natural", NB_VAL_MISSING);
	t3_row_is(f.r, "result.total", "2 1 0 0 0 0 3");
	t3_row_is(f.r, "result.other.no_fee", "0 0 0 0 0 0 0");
	fix_free(&f);
}

/* pdftotext -layout prints a wrapped label's numbers on its middle line:
 * "2.没有现成信息需要另行" / numbers / "制作" (rows.c: key_around_run in
 * order, key_split for a row found out of order). */
static void
test_key_split(void)
{
	static const char whole[] = "2.没有现成信息需要另行制作 1 0 0 0 0 0 1";
	static const char split[] = "2.没有现成信息需要另行\n1 0 0 0 0 0 1\n制作";
	const char *v[25];
	char *text, *at, *s;
	struct fix f;

	base_vals(v);
	v[0] = v[23] = "3 1 0 0 0 0 4";	/* 一 + 二 = 七 + 四 still */
	v[13] = "1 0 0 0 0 0 1";
	v[22] = "";	/* a row left blank: not a table to read by order */
	if ((text = synth(v, " ", NULL)) == NULL)
		return;
	at = strstr(text, whole);
	s = at != NULL ? malloc(strlen(text) + sizeof(split)) : NULL;
	CHECK(s != NULL, "key split: the row in the text");
	if (s != NULL) {
		sprintf(s, "%.*s%s%s", (int)(at - text), text, split,
		    at + strlen(whole));
		if (fix_text(&f, "key split", s) == 0) {
			t3_row_is(f.r, "result.unable.need_create",
			    "1 0 0 0 0 0 1");
			t3_row_is(f.r, "result.unable.unclear", "0 0 0 0 0 0 0");
			t3_row_is(f.r, "result.total", "3 1 0 0 0 0 4");
			fix_free(&f);
		}
	}
	free(s);
	free(text);
}

static void
test_lost_heading(void)
{
	static const char t5[] =
	    "- 3 -\n"
	    "0 0 0 0 0 0 0 0 0 0 0 0 0 0 1\n"
	    "五、存在的主要问题及改进情况\n正文。\n"
	    "六、其他需要报告的事项\n正文。\n";
	const char *v[25];
	struct fix f;

	base_vals(v);
	if (fix_synth(&f, "lost4", v, " ", t5) == -1)
		return;
	CHECK(f.r->sec[4].count == 0, "lost4: no heading 四");
	CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE, "lost4: t3 complete");
	t3_row_is(f.r, "carry_out", "0 0 0 0 0 0 0");
	CHECK(tstate(f.r, "t4") == NB_TABLE_COMPLETE, "lost4: t4 borrowed");
	t4_is(f.r, "0 0 0 0 0 0 0 0 0 0 0 0 0 0 1");
	fix_free(&f);
}

/* Labels and numbers as two blocks, as a PDF read column by column. */
static void
test_blocks(void)
{
	const char *v[25], *nums[25];
	char *t5, *p;
	struct fix f;
	size_t len = sizeof(tail);
	int i;

	base_vals(nums);
	for (i = 0; i < 25; i++) {
		v[i] = "";
		len += strlen(nums[i]) + 1;
	}
	if ((t5 = malloc(len)) == NULL)
		return;
	for (p = t5, i = 0; i < 25; i++)
		p += sprintf(p, "%s\n", nums[i]);
	strcpy(p, tail);
	if (fix_synth(&f, "blocks", v, "", t5) == -1) {
		free(t5);
		return;
	}
	free(t5);
	CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE, "blocks: t3 complete");
	for (i = 0; i < 25; i++)
		t3_row_is(f.r, t3rows[i], nums[i]);
	fix_free(&f);
}

/* Heading 四 and T4's header there, its row left at the end of 三. */
static void
test_t4_under_3(void)
{
	static const char t5[] =
	    "0 0 0 0 0 0 0 0 0 0 0 0 2 0 2\n"
	    "四、政府信息公开行政复议、行政诉讼情况\n"
	    "行政复议 行政诉讼 未经复议直接起诉 复议后起诉\n"
	    "五、存在的主要问题及改进情况\n正文。\n"
	    "六、其他需要报告的事项\n正文。\n";
	const char *v[25];
	struct fix f;
	const struct nb_cell *c;

	base_vals(v);
	if (fix_synth(&f, "t4 under 3", v, " ", t5) == -1)
		return;
	CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE, "t4 under 3: t3");
	CHECK(tstate(f.r, "t4") == NB_TABLE_COMPLETE, "t4 under 3: t4");
	t4_is(f.r, "0 0 0 0 0 0 0 0 0 0 0 0 2 0 2");
	c = cell(f.r, "t4.review.upheld");
	CHECK(c && f.r->tables[2].line == c->v.line,
	    "t4 under 3: table line is its row");
	fix_free(&f);
}

/* t with its first `from` replaced by `to`; frees t.  NULL stays NULL. */
static char *
replace1(char *t, const char *from, const char *to)
{
	char *at, *n;
	size_t a, lf = strlen(from), lt = strlen(to);

	if (t == NULL)
		return NULL;
	if ((at = strstr(t, from)) == NULL) {
		CHECK(0, "no [%s] to replace", from);
		return t;
	}
	a = (size_t)(at - t);
	if ((n = malloc(strlen(t) - lf + lt + 1)) != NULL) {
		memcpy(n, t, a);
		memcpy(n + a, to, lt);
		strcpy(n + a + lt, t + a + lf);
	}
	free(t);
	return n;
}

/* "13828600元" is not a number in 万元: the cell stays blank. */
static void
test_yuan(void)
{
	const char *v[25];
	struct fix f;
	char *t;

	base_vals(v);
	t = replace1(synth(v, " ", NULL), "行政事业性收费 0.5",
	    "行政事业性收费 13828600元");
	if (t == NULL || fix_text(&f, "yuan", t) == -1) {
		free(t);
		CHECK(0, "build yuan");
		return;
	}
	free(t);
	is_kind(f.r, "t2.fee.amount_wan", NB_VAL_MISSING);
	CHECK(tstate(f.r, "t2") == NB_TABLE_COMPLETE, "yuan: row found");
	fix_free(&f);
}

static void
test_cell_forms(void)
{
	const char *v[25];
	struct fix f;
	char *t2;
	const struct nb_cell *c;

	base_vals(v);
	t2 = replace1(synth(v, " ", NULL), "行政许可 １４６３", "行政许可 1,463");
	t2 = replace1(t2, "行政事业性收费 0.5", "行政事业性收费 1382.86万元");
	t2 = replace1(t2, "行政强制 2", "行政强制 \xe2\x88\x92" "2");
	t2 = replace1(t2, "规章 0 0 0", "规章 100");
	t2 = replace1(t2, "0 1 0 0 1 0 0 0 0 0\n0 0 0 0 0", "010010000000000");
	if (t2 == NULL || fix_text(&f, "forms", t2) == -1) {
		free(t2);
		CHECK(0, "build forms");
		return;
	}
	free(t2);
	is_int(f.r, "t2.license.decisions", 1463);
	c = cell(f.r, "t2.license.decisions");
	CHECK(c && strcmp(c->v.raw, "1,463") == 0, "grouped digits raw");
	c = cell(f.r, "t2.fee.amount_wan");
	CHECK(c && c->v.kind == NB_VAL_DECIMAL && c->v.d > 1382.85 &&
	    c->v.d < 1382.87 && strcmp(c->v.raw, "1382.86") == 0,
	    "unit suffix: value read, the cell is the number's bytes");
	is_int(f.r, "t2.coercion.decisions", -2);
	/* No total in the row: one number is one cell, never split. */
	is_int(f.r, "t2.rules.issued", 100);
	is_kind(f.r, "t2.rules.repealed", NB_VAL_MISSING);
	is_kind(f.r, "t2.rules.effective", NB_VAL_MISSING);
	/* T4 run together in one token, split by its three totals. */
	CHECK(tstate(f.r, "t4") == NB_TABLE_COMPLETE, "fused T4 complete");
	t4_is(f.r, "0 1 0 0 1 0 0 0 0 0 0 0 0 0 0");
	fix_free(&f);
}

static void
test_toc(void)
{
	static const char toc[] =
	    "目录\n一、总体情况\n二、主动公开政府信息情况\n"
	    "三、收到和处理政府信息公开申请情况\n"
	    "四、政府信息公开行政复议、行政诉讼情况\n"
	    "五、存在的主要问题及改进情况\n六、其他需要报告的事项\n";
	const char *v[25];
	struct fix f;
	char *body, *text, *nl;

	base_vals(v);
	if ((body = synth(v, " ", NULL)) == NULL)
		return;
	nl = strchr(body, '\n') + 1;
	if ((text = malloc(strlen(body) + sizeof(toc))) == NULL) {
		free(body);
		return;
	}
	memcpy(text, body, (size_t)(nl - body));
	strcpy(text + (nl - body), toc);
	strcat(text, nl);
	free(body);
	if (fix_text(&f, "toc", text) == -1) {
		free(text);
		CHECK(0, "build toc");
		return;
	}
	free(text);
	CHECK(f.r->sec[3].count == 1 && f.r->norder == 6,
	    "toc: the table of contents holds no heading");
	CHECK(f.r->sec[1].line == 10, "toc: 一 after the contents (%u)",
	    f.r->sec[1].line);
	CHECK(tstate(f.r, "t2") == NB_TABLE_COMPLETE, "toc: t2 found");
	CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE, "toc: t3 found");
	CHECK(tstate(f.r, "t4") == NB_TABLE_COMPLETE, "toc: t4 found");
	t3_row_is(f.r, "new", "2 1 0 0 0 0 3");
	is_int(f.r, "t2.normative.effective", 24);
	fix_free(&f);
}


int
main(int argc, char **argv)
{
	if (tables_setup(argc, argv) == -1)
		return 1;
	test_spaces();
	test_tabs();
	test_blanks();
	test_lost_blank();
	test_fused();
	test_shared_chunk();
	test_glued_lookalikes();
	test_key_split();
	test_lost_heading();
	test_t4_under_3();
	test_blocks();
	test_cell_forms();
	test_yuan();
	test_toc();
	nb_pack_free(pack);
	return check_done();
}
