/*
 * test-tables.c -- table extraction on the five samples (every T2, T3 and
 * T4 cell checked against the text by hand) and on small synthetic
 * reports for the layouts of DOMAIN.md §9.
 *
 * Usage: test-tables [srcdir]   (default: $NB_SRCDIR, else ".")
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "model.h"
#include "normalize.h"
#include "pack.h"

#include "check.h"

static const char *srcdir = ".";
static struct nb_pack *pack;

static const char *const t3rows[25] = {
	"new", "carry_in", "result.open", "result.partial",
	"result.deny.secret", "result.deny.law", "result.deny.safety",
	"result.deny.third_party", "result.deny.internal",
	"result.deny.process", "result.deny.enforcement", "result.deny.query",
	"result.unable.not_held", "result.unable.need_create",
	"result.unable.unclear", "result.noproc.petition",
	"result.noproc.repeat", "result.noproc.publication",
	"result.noproc.massive", "result.noproc.confirm",
	"result.other.no_correction", "result.other.no_fee",
	"result.other.other", "result.total", "carry_out"
};
static const char *const t3cols[7] = {
	"natural", "commercial", "research", "public_interest",
	"legal_service", "other", "total"
};
static const char *const t4cols[15] = {
	"review.upheld", "review.corrected", "review.other", "review.pending",
	"review.total", "lit_direct.upheld", "lit_direct.corrected",
	"lit_direct.other", "lit_direct.pending", "lit_direct.total",
	"lit_after.upheld", "lit_after.corrected", "lit_after.other",
	"lit_after.pending", "lit_after.total"
};

static const struct nb_cell *
cell(const struct nb_report *r, const char *id)
{
	size_t i;

	/* The pack that read the report: its format's own. */
	for (i = 0; i < r->pack->ncells; i++)
		if (strcmp(r->pack->cells[i].id, id) == 0)
			return &r->cells[i];
	printf("no cell %s in the pack\n", id);
	return NULL;
}

static enum nb_table_state
tstate(const struct nb_report *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->pack->ntables; i++)
		if (strcmp(r->pack->tables[i].id, id) == 0)
			return r->tables[i].state;
	return (enum nb_table_state)-1;
}

static void
is_int(const struct nb_report *r, const char *id, long long want)
{
	const struct nb_cell *c = cell(r, id);

	CHECK(c != NULL && c->v.kind == NB_VAL_INT && c->v.i == want &&
	    c->v.d == (double)want, "%s: want %lld, got kind %d value %lld",
	    id, want, c ? (int)c->v.kind : -1, c ? (long long)c->v.i : 0);
}

static void
is_kind(const struct nb_report *r, const char *id, enum nb_value_kind k)
{
	const struct nb_cell *c = cell(r, id);

	CHECK(c != NULL && c->v.kind == k, "%s: want kind %d, got %d", id,
	    (int)k, c ? (int)c->v.kind : -1);
}

/* Row of T3 given as "n n n n n n n". */
static void
t3_row_is(const struct nb_report *r, const char *row, const char *vals)
{
	char id[128];
	const char *p = vals;
	char *end;
	int c;

	for (c = 0; c < 7; c++) {
		long long v = strtoll(p, &end, 10);
		p = end;
		snprintf(id, sizeof(id), "t3.%s.%s", row, t3cols[c]);
		is_int(r, id, v);
	}
}

static void
t4_is(const struct nb_report *r, const char *vals)
{
	char id[128];
	const char *p = vals;
	char *end;
	int c;

	for (c = 0; c < 15; c++) {
		long long v = strtoll(p, &end, 10);
		p = end;
		snprintf(id, sizeof(id), "t4.%s", t4cols[c]);
		is_int(r, id, v);
	}
}

/* Every cell that holds a token points at exactly those raw bytes. */
static void
offsets_ok(const struct nb_report *r, const char *name)
{
	size_t i, bad = 0;

	for (i = 0; i < r->pack->ncells; i++) {
		const struct nb_cell *c = &r->cells[i];
		const char *raw;

		if (c->v.kind != NB_VAL_INT && c->v.kind != NB_VAL_DECIMAL)
			continue;
		raw = r->src->lines[c->line_index].raw;
		if (c->raw_tok == NULL || strlen(c->raw_tok) != c->len ||
		    strncmp(raw + c->off, c->raw_tok, c->len) != 0 ||
		    c->v.line != r->src->lines[c->line_index].lineno)
			bad++;
	}
	CHECK(bad == 0, "%s: %zu cells with wrong byte offsets", name, bad);
}

static struct nb_doc *
doc_from(const char *name, const char *text)
{
	struct nb_error err;
	struct nb_doc *d;

	nb_error_clear(&err);
	if ((d = nb_doc_new(name)) == NULL)
		return NULL;
	if (nb_doc_add_text(d, text, strlen(text), 0, &err) == -1) {
		nb_doc_free(d);
		return NULL;
	}
	return d;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == -1 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) == -1 || (buf = malloc(len + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	if (fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
}

struct fix {
	struct nb_doc	 *d;
	struct nb_report *r;
};

static int
fix_text(struct fix *f, const char *name, const char *text)
{
	struct nb_error err;

	nb_error_clear(&err);
	f->r = NULL;
	if ((f->d = doc_from(name, text)) == NULL)
		return -1;
	if ((f->r = nb_report_build(f->d, pack, &err)) == NULL) {
		printf("%s: %s\n", name, err.msg);
		nb_doc_free(f->d);
		return -1;
	}
	return 0;
}

static int
fix_sample(struct fix *f, const char *n)
{
	char path[4096];
	char *text;
	int rc;

	snprintf(path, sizeof(path), "%s/tests/data/sample-%s.txt", srcdir, n);
	if ((text = slurp(path)) == NULL) {
		printf("cannot read %s\n", path);
		failed++;
		return -1;
	}
	rc = fix_text(f, path, text);
	free(text);
	CHECK(rc == 0, "build %s", path);
	return rc;
}

static void
fix_free(struct fix *f)
{
	nb_report_free(f->r);
	nb_doc_free(f->d);
}

/* ---- the samples ---- */

static const char *const s000[25] = {
	"15 0 0 0 0 0 15", "0 0 0 0 0 0 0", "5 0 0 0 0 0 5", "3 0 0 0 0 0 3",
	"0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "1 0 0 0 0 0 1",
	"1 0 0 0 0 0 1", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0",
	"3 0 0 0 0 0 3", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "2 0 0 0 0 0 2",
	"0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0",
	"0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "15 0 0 0 0 0 15",
	"0 0 0 0 0 0 0"
};
static const char *const s001[25] = {
	"8 0 0 0 0 0 8", "0 0 0 0 0 0 0", "2 0 0 0 0 0 2", "4 0 0 0 0 0 4",
	"0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0",
	"0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0",
	"1 0 0 0 0 0 1", "1 0 0 0 0 0 1", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0",
	"0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0",
	"0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "8 0 0 0 0 0 8",
	"0 0 0 0 0 0 0"
};
static const char *const s004[25] = {
	"15 1 0 0 0 0 16", "0 0 0 0 0 0 0", "9 0 0 0 0 0 9", "0 0 0 0 0 0 0",
	"0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "2 0 0 0 0 0 2",
	"0 0 0 0 0 0 0", "1 0 0 0 0 0 1", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0",
	"2 1 0 0 0 0 3", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "1 0 0 0 0 0 1",
	"0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0",
	"0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "15 1 0 0 0 0 16",
	"0 0 0 0 0 0 0"
};

static void
t2_is(const struct nb_report *r, const long long v[9])
{
	is_int(r, "t2.rules.issued", v[0]);
	is_int(r, "t2.rules.repealed", v[1]);
	is_int(r, "t2.rules.effective", v[2]);
	is_int(r, "t2.normative.issued", v[3]);
	is_int(r, "t2.normative.repealed", v[4]);
	is_int(r, "t2.normative.effective", v[5]);
	is_int(r, "t2.license.decisions", v[6]);
	is_int(r, "t2.penalty.decisions", v[7]);
	is_int(r, "t2.coercion.decisions", v[8]);
}

static void
full_sample(const char *n, const char *const rows[25], const long long t2[9],
    const char *t4)
{
	struct fix f;
	int i;

	if (fix_sample(&f, n) == -1)
		return;
	CHECK(tstate(f.r, "t2") == NB_TABLE_COMPLETE, "%s t2 complete", n);
	CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE, "%s t3 complete", n);
	CHECK(tstate(f.r, "t4") == NB_TABLE_COMPLETE, "%s t4 complete", n);
	t2_is(f.r, t2);
	for (i = 0; i < 25; i++)
		t3_row_is(f.r, t3rows[i], rows[i]);
	t4_is(f.r, t4);
	offsets_ok(f.r, n);
	fix_free(&f);
}

static void
test_samples(void)
{
	static const long long t2_000[9] = { 0, 0, 0, 7, 14, 24, 1463, 1765, 2 };
	static const long long t2_001[9] = { 0, 0, 0, 3, 25, 21, 0, 0, 0 };
	static const long long t2_004[9] = { 0 };
	static const char zeros15[] = "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0";
	const struct nb_cell *c;
	struct fix f;
	size_t i;
	int i3 = 0;

	full_sample("000", s000, t2_000, zeros15);
	full_sample("001", s001, t2_001, zeros15);
	full_sample("004", s004, t2_004, "0 1 0 0 1 0 0 0 0 0 0 0 0 0 0");

	if (fix_sample(&f, "000") == 0) {
		c = cell(f.r, "t2.fee.amount_wan");
		CHECK(c && c->v.kind == NB_VAL_DECIMAL && c->v.d > 1382.859 &&
		    c->v.d < 1382.861 && strcmp(c->v.raw, "1382.86") == 0,
		    "000 fee 1382.86 decimal");
		c = cell(f.r, "t3.new.natural");
		CHECK(c && c->v.line == 164, "000 t3.new line 164");
		c = cell(f.r, "t3.result.partial.total");
		CHECK(c && c->v.line == 179, "000 wrapped partial row line 179");
		fix_free(&f);
	}
	if (fix_sample(&f, "004") == 0) {
		c = cell(f.r, "t3.result.partial.total");
		CHECK(c && c->v.line == 116 && c->v.i == 0,
		    "004 total alone on the next line");
		fix_free(&f);
	}
	if (fix_sample(&f, "003") == 0) {
		CHECK(tstate(f.r, "t2") == NB_TABLE_COMPLETE, "003 t2");
		is_int(f.r, "t2.license.decisions", 10);
		CHECK(tstate(f.r, "t3") == NB_TABLE_HEADER_ONLY,
		    "003 t3 header only");
		for (i = 0; i < pack->ncells; i++)
			if (strncmp(pack->cells[i].id, "t3.", 3) == 0 &&
			    f.r->cells[i].v.kind == NB_VAL_ABSENT)
				i3++;
		CHECK(i3 == 175, "003 every t3 cell absent (%d)", i3);
		CHECK(tstate(f.r, "t4") == NB_TABLE_COMPLETE,
		    "003 t4 = the stray 15 zeros");
		t4_is(f.r, zeros15);
		c = cell(f.r, "t4.review.upheld");
		CHECK(c && c->v.line == 50, "003 t4 on line 50");
		fix_free(&f);
	}
	if (fix_sample(&f, "002") == 0) {
		const struct nb_pack *op = f.r->pack;
		const struct nb_cell *st;

		CHECK(f.r->format == NB_FMT_OLD, "002 old format");
		/* Read by the old format's pack, not as 2021 tables. */
		CHECK(op == nb_pack_for_format(pack, NB_FMT_OLD) && op != pack &&
		    op->format == NB_FMT_OLD, "002 read by the old pack");
		CHECK(tstate(f.r, "of") == NB_TABLE_COMPLETE, "002 统计表 complete");
		CHECK(nb_pack_table_index(op, "t3") == -1, "002: no t3 to read");
		st = cell(f.r, "of.org.staff");
		CHECK(st != NULL && st->v.kind == NB_VAL_INT && st->v.i == 56 &&
		    st->v.line == 231, "002 of.org.staff = 56 on line 231");
		st = cell(f.r, "of.org.parttime");
		CHECK(st != NULL && st->v.i == 28, "002 of.org.parttime = 28");
		i3 = 0;
		for (i = 0; i < op->ncells; i++)
			if (f.r->cells[i].v.kind != NB_VAL_ABSENT)
				i3++;
		CHECK(i3 == 34, "002 every 统计表 cell of its layout read (%d)",
		    i3);
		fix_free(&f);
	}
}

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

/* ---- the same samples laid out differently must give the same cells ---- */

/* A growable output buffer for the layout transforms. */
struct buf {
	char	*s;
	size_t	 n, cap;
	int	 bad;
};

static void
put(struct buf *b, const char *p, size_t n)
{
	char *ns;

	if (b->bad)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;

		if ((ns = realloc(b->s, cap)) == NULL) {
			b->bad = 1;
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->n, p, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static int
line_has_digit(const char *p, const char *e)
{
	for (; p < e; p++)
		if (*p >= '0' && *p <= '9')
			return 1;
	return 0;
}

enum layout {
	L_CELL_LINES,	/* every space or tab a line break */
	L_FULLWIDTH,	/* ０-９ */
	L_PAGES,	/* "- N -" page numbers between lines */
	L_GLUE,		/* "数量15 0 …": label and first number glued */
	L_IDEO,		/* U+3000 for every space */
	L_CRLF,
	L_INDENT,	/* two U+3000 before every line */
	L_BOLD,		/* "**…**" around every line without digits */
	L_WRAP6,	/* lines broken every 6 characters, as a narrow PDF */
	L_NLAYOUTS
};

static const char *const layout_names[] = {
	"cell lines", "full-width", "page numbers", "glued", "U+3000",
	"CRLF", "indent", "bold", "wrapped at 6"
};

/* Length of the UTF-8 character at p. */
static size_t
u8len(const char *p)
{
	unsigned char c = (unsigned char)*p;

	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	if (c >= 0xc0)
		return 2;
	return 1;
}

/*
 * Breaks [p, e) every 6 characters, only between two CJK characters or
 * at a space or tab (which the break replaces): never inside a number.
 */
static void
wrap_line(struct buf *b, const char *p, const char *e)
{
	size_t n = 0, cl;
	int prev_cjk = 0;

	for (; p < e; p += cl) {
		int cjk = (unsigned char)*p >= 0xe2;

		cl = u8len(p);
		if (n >= 6 && (*p == ' ' || *p == '\t' || (prev_cjk && cjk))) {
			put(b, "\n", 1);
			n = 0;
			prev_cjk = 0;
			if (*p == ' ' || *p == '\t')
				continue;
		}
		put(b, p, cl);
		n++;
		prev_cjk = cjk;
	}
}

static void
relayout_line(struct buf *b, const char *p, const char *e, enum layout l,
    size_t lineno)
{
	const char *start = p;
	int bold = l == L_BOLD && !line_has_digit(p, e) && p < e;

	if (l == L_WRAP6) {
		wrap_line(b, p, e);
		put(b, "\n", 1);
		return;
	}
	if (l == L_INDENT)
		put(b, "\xe3\x80\x80\xe3\x80\x80", 6);
	if (bold)
		put(b, "**", 2);
	for (; p < e; p++) {
		if (l == L_CELL_LINES && (*p == ' ' || *p == '\t'))
			put(b, "\n", 1);
		else if (l == L_FULLWIDTH && *p >= '0' && *p <= '9') {
			char fw[3] = { '\xef', '\xbc', (char)(0x90 + *p - '0') };
			put(b, fw, 3);
		} else if (l == L_GLUE && *p == ' ' && p > start && p + 1 < e &&
		    p[1] >= '0' && p[1] <= '9' && (unsigned char)p[-1] >= 0x80)
			continue;
		else if (l == L_IDEO && *p == ' ')
			put(b, "\xe3\x80\x80", 3);
		else
			put(b, p, 1);
	}
	if (bold)
		put(b, "**", 2);
	put(b, l == L_CRLF ? "\r\n" : "\n", l == L_CRLF ? 2 : 1);
	if (l == L_PAGES && lineno % 17 == 5) {
		char pg[32];

		snprintf(pg, sizeof(pg), "- %zu -\n", lineno / 17 + 1);
		put(b, pg, strlen(pg));
	}
}

static char *
relayout(const char *text, enum layout l)
{
	struct buf b = { NULL, 0, 0, 0 };
	const char *p, *e;
	size_t lineno = 0;

	for (p = text; *p != '\0'; p = *e ? e + 1 : e) {
		if ((e = strchr(p, '\n')) == NULL)
			e = p + strlen(p);
		relayout_line(&b, p, e, l, ++lineno);
	}
	if (b.bad) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

static void
same_cells(const struct nb_report *a, const struct nb_report *b,
    const char *what)
{
	size_t i, bad = 0;

	/* The same format, read by the same pack. */
	CHECK(a->pack == b->pack, "%s: same pack", what);
	if (a->pack != b->pack)
		return;
	for (i = 0; i < a->pack->ncells; i++) {
		const struct nb_value *x = &a->cells[i].v, *y = &b->cells[i].v;

		if (x->kind != y->kind || x->d != y->d) {
			if (bad++ < 3)
				printf("  %s: %s %d %g, was %d %g\n", what,
				    a->pack->cells[i].id, (int)y->kind, y->d,
				    (int)x->kind, x->d);
		}
	}
	for (i = 0; i < a->pack->ntables; i++)
		if (a->tables[i].state != b->tables[i].state)
			bad++;
	CHECK(bad == 0, "%s: %zu cells or tables differ", what, bad);
	CHECK(a->format == b->format && a->year == b->year &&
	    strcmp(a->issuer, b->issuer) == 0 && a->norder == b->norder &&
	    memcmp(a->order, b->order, sizeof(a->order)) == 0 &&
	    a->period_start == b->period_start, "%s: same report (%s %d)",
	    what, b->issuer, (int)b->norder);
}

static void
test_layouts(void)
{
	static const char *const names[] = { "000", "001", "003", "004" };
	char path[4096], what[128];
	struct fix orig, f;
	size_t i;
	int l;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *text;

		snprintf(path, sizeof(path), "%s/tests/data/sample-%s.txt",
		    srcdir, names[i]);
		if ((text = slurp(path)) == NULL ||
		    fix_text(&orig, names[i], text) == -1) {
			CHECK(0, "read %s", path);
			free(text);
			continue;
		}
		for (l = 0; l < L_NLAYOUTS; l++) {
			char *t2;

			snprintf(what, sizeof(what), "%s %s", names[i],
			    layout_names[l]);
			if ((t2 = relayout(text, (enum layout)l)) == NULL ||
			    fix_text(&f, what, t2) == -1) {
				CHECK(0, "%s: build", what);
				free(t2);
				continue;
			}
			free(t2);
			same_cells(orig.r, f.r, what);
			fix_free(&f);
		}
		fix_free(&orig);
		free(text);
	}
}

static void
test_old(void)
{
	static const char old[] =
	    "某区2016年政府信息公开工作年度报告\n一、概述\n正文\n"
	    "政府信息公开情况统计表\n统计指标 单位 统计数\n"
	    "一、本年新收政府信息公开申请数量 15 0 0 0 0 0 15\n";
	struct fix f;
	size_t i, n = 0;

	if (fix_text(&f, "old", old) == -1) {
		failed++;
		return;
	}
	CHECK(f.r->format == NB_FMT_OLD, "old markers win");
	/* Read by the old pack, whose 统计表 has no such row. */
	CHECK(f.r->pack->format == NB_FMT_OLD, "old format: the old pack");
	for (i = 0; i < f.r->pack->ncells; i++)
		if (f.r->cells[i].v.kind != NB_VAL_ABSENT) {
			printf("read %s\n", f.r->pack->cells[i].id);
			n++;
		}
	CHECK(n == 0, "old format: no 2021 cell read");
	fix_free(&f);
}

int
main(int argc, char **argv)
{
	struct nb_error err;
	char path[4096];

	if (argc > 1)
		srcdir = argv[1];
	else if (getenv("NB_SRCDIR") != NULL)
		srcdir = getenv("NB_SRCDIR");
	snprintf(path, sizeof(path), "%s/rules/national-2021.json", srcdir);
	nb_error_clear(&err);
	if ((pack = nb_pack_load(path, &err)) == NULL) {
		printf("FAIL cannot load %s: %s\n", path, err.msg);
		printf("0 passed, 1 failed\n");
		return 1;
	}
	test_samples();
	test_spaces();
	test_tabs();
	test_blanks();
	test_fused();
	test_shared_chunk();
	test_glued_lookalikes();
	test_lost_heading();
	test_t4_under_3();
	test_blocks();
	test_cell_forms();
	test_yuan();
	test_toc();
	test_layouts();
	test_old();
	nb_pack_free(pack);
	return check_done();
}
