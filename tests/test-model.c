/*
 * test-model.c -- format, title, year, issuer, period and sections of the
 * five samples and of synthetic reports with the known traps.
 *
 * Usage: test-model [srcdir]   (default: $NB_SRCDIR, else ".")
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "model.h"
#include "pack.h"

#include "check.h"

static const char *srcdir = ".";
static struct nb_pack *pack;

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
	if ((f->d = nb_doc_new(name)) == NULL)
		return -1;
	if (nb_doc_add_text(f->d, text, strlen(text), 0, &err) == -1 ||
	    (f->r = nb_report_build(f->d, pack, &err)) == NULL) {
		printf("%s: %s\n", name, err.msg);
		nb_doc_free(f->d);
		return -1;
	}
	return 0;
}

static void
fix_free(struct fix *f)
{
	nb_report_free(f->r);
	nb_doc_free(f->d);
}

static int
fix_sample(struct fix *f, const char *n)
{
	char path[4096];
	FILE *fp;
	char *buf;
	long len;
	int rc;

	snprintf(path, sizeof(path), "%s/tests/data/sample-%s.txt", srcdir, n);
	if ((fp = fopen(path, "rb")) == NULL) {
		CHECK(0, "cannot open %s", path);
		return -1;
	}
	if (fseek(fp, 0, SEEK_END) == -1 || (len = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) == -1 || (buf = malloc(len + 1)) == NULL) {
		fclose(fp);
		CHECK(0, "cannot read %s", path);
		return -1;
	}
	if (fread(buf, 1, (size_t)len, fp) != (size_t)len)
		len = 0;
	fclose(fp);
	buf[len] = '\0';
	rc = fix_text(f, path, buf);
	free(buf);
	CHECK(rc == 0, "build %s", path);
	return rc;
}

struct expect {
	const char	*sample;
	enum nb_format	 format;
	int		 year;
	const char	*issuer;
	unsigned	 title_line;
	unsigned	 period_line;
	int		 ps, pe;
	unsigned	 sec[7];	/* heading lines, [0] unused */
	const char	*order;
};

static const struct expect samples[] = {
	{ "000", NB_FMT_2021, 2022, "红寺堡区", 1, 11, 2022, 0,
	    { 0, 13, 99, 128, 250, 309, 339 }, "123456" },
	{ "001", NB_FMT_2021, 2022, "原州区人民政府办公室", 3, 7, 2022, 0,
	    { 0, 9, 39, 56, 89, 97, 103 }, "123456" },
	/* Old format, the old pack's headings: 概述 and 存在问题. */
	{ "002", NB_FMT_OLD, 2018, "红寺堡区", 3, 7, 2018, 2018,
	    { 0, 9, 0, 0, 0, 137, 0 }, "15" },
	{ "003", NB_FMT_2021, 2021, "吴忠市红寺堡区红寺堡镇人民政府", 3, 5,
	    2021, 2021, { 0, 7, 25, 42, 0, 53, 73 }, "12356" },
	{ "004", NB_FMT_2021, 2022, "红旗区人民政府办公室", 2, 0, 0, 0,
	    { 0, 5, 46, 74, 187, 235, 244 }, "123456" },
};

static void
order_is(const struct nb_report *r, const char *want, const char *name)
{
	char got[NB_MAX_ORDER + 1];
	size_t i;

	for (i = 0; i < r->norder; i++)
		got[i] = (char)('0' + r->order[i]);
	got[r->norder] = '\0';
	CHECK(strcmp(got, want) == 0, "%s: order %s, want %s", name, got,
	    want);
}

static void
check_sample(const struct expect *e)
{
	struct fix f;
	int k;

	if (fix_sample(&f, e->sample) == -1)
		return;
	CHECK(f.r->format == e->format, "%s format %d", e->sample,
	    (int)f.r->format);
	CHECK(f.r->year == e->year, "%s year %d", e->sample, f.r->year);
	CHECK(strcmp(f.r->issuer, e->issuer) == 0, "%s issuer [%s]",
	    e->sample, f.r->issuer);
	CHECK(f.r->title_line == e->title_line, "%s title line %u",
	    e->sample, f.r->title_line);
	CHECK(f.r->period_line == e->period_line && f.r->period_start ==
	    e->ps && f.r->period_end == e->pe, "%s period %u %d-%d",
	    e->sample, f.r->period_line, f.r->period_start, f.r->period_end);
	for (k = 1; k <= 6; k++) {
		CHECK(f.r->sec[k].line == e->sec[k], "%s section %d at %u",
		    e->sample, k, f.r->sec[k].line);
		CHECK(f.r->sec[k].count == (e->sec[k] ? 1 : 0),
		    "%s section %d count %d", e->sample, k, f.r->sec[k].count);
		CHECK(f.r->sec[k].text != NULL && (e->sec[k] == 0) ==
		    (f.r->sec[k].text[0] == '\0'), "%s section %d text",
		    e->sample, k);
	}
	order_is(f.r, e->order, e->sample);
	fix_free(&f);
}

static void
test_section_text(void)
{
	struct fix f;
	const char *t;

	if (fix_sample(&f, "000") == -1)
		return;
	t = f.r->sec[2].text;
	CHECK(strncmp(t, "第二十条第(一)项信息内容", strlen(
	    "第二十条第(一)项信息内容")) == 0, "000 section 2 text compact");
	CHECK(nb_section_line_at(&f.r->sec[2], 0) == 101, "000 section 2 text starts on 101");
	t = strstr(f.r->sec[2].text, "1382.86");
	CHECK(t != NULL && nb_section_line_at(&f.r->sec[2], (size_t)(t - f.r->sec[2].text)) == 127,
	    "000 byte offset maps to line 127");
	CHECK(strstr(f.r->sec[0].text, "本报告统计数据从2022年1月1日") != NULL,
	    "000 preamble joined over lines");
	CHECK(f.r->sec[3].end == 249, "000 section 3 ends before 四 (%zu)",
	    f.r->sec[3].end);
	fix_free(&f);
}

/* Every byte of every section's text maps back to the line it came from,
 * and every line to the offset of its text, against a count made here
 * line by line (sections run over many marks, with blank and spaced
 * lines). */
static size_t
section_bad(const struct fix *f, const struct nb_section *s, size_t from,
    size_t to, size_t *checked)
{
	size_t bad = 0, o = 0, i, j, *off;

	if (to <= from || (off = calloc(to - from + 1, sizeof(*off))) == NULL)
		return 0;
	for (i = from; i < to; i++) {
		size_t len = 0;

		for (const char *c = f->r->doc->lines[i].text; *c != '\0'; c++)
			len += *c != ' ' && *c != '\t';
		off[i - from] = o;
		for (size_t b = o; b < o + len; b++, (*checked)++)
			bad += nb_section_line_at(s, b) != f->r->doc->lines[i].lineno;
		o += len;
	}
	off[to - from] = o;
	bad += o != s->text_len;
	for (i = from; i < to; i++, (*checked)++) {
		unsigned line = f->r->doc->lines[i].lineno;

		/* The first line of that number or later with text. */
		for (j = i; j > from && f->r->doc->lines[j - 1].lineno == line; j--)
			;
		while (j < to && off[j + 1 - from] == off[j - from])
			j++;
		bad += nb_section_offset_of(s, line) != off[j - from];
	}
	free(off);
	return bad;
}

static void
test_section_lines(void)
{
	static const char *const names[] = { "000", "001", "002", "003", "004" };

	for (size_t n = 0; n < sizeof(names) / sizeof(names[0]); n++) {
		struct fix f;
		size_t bad = 0, checked = 0;

		if (fix_sample(&f, names[n]) == -1)
			continue;
		for (int k = 0; k <= 6; k++) {
			const struct nb_section *s = &f.r->sec[k];

			if (k == 0)
				bad += section_bad(&f, s, 0, s->end, &checked);
			else if (s->count > 0)
				bad += section_bad(&f, s, s->first + 1, s->end,
				    &checked);
		}
		CHECK(bad == 0 && checked > 1000, "%s: every byte and line of "
		    "the sections found again (%zu of %zu wrong)", names[n],
		    bad, checked);
		fix_free(&f);
	}
}

static const char traps[] =
    "\n## 某县人民政府办公室\n\n2023 年政府信息公开工作\n年度报告\n"
    "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
    "政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、"
    "其他需要报告的事项。\n"
    "　　总体情况\n正文。统计期限为2023年1月1日至2023年12月31日。\n"
    "二.主动公开政府信息情况\n"
    "**三、收到和处理政府信息公开申请情况**\n"
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
    "一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0\n"
    "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n"
    "三、本年度办理结果\n"
    "四、结转下年度继续办理 0 0 0 0 0 0 0\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "五、存在的主要问题及改进情况\n正文。\n"
    "五、存在的主要问题及改进情况\n正文。\n"
    "六、其他需要报告的事项\n无。\n";

static void
test_traps(void)
{
	struct fix f;

	if (fix_text(&f, "traps", traps) == -1) {
		CHECK(0, "build traps");
		return;
	}
	CHECK(f.r->format == NB_FMT_2021, "traps: 2021");
	CHECK(f.r->year == 2023, "traps: year %d", f.r->year);
	CHECK(strcmp(f.r->issuer, "某县人民政府办公室") == 0,
	    "traps: issuer [%s]", f.r->issuer);
	CHECK(f.r->title_line == 2, "traps: title line %u", f.r->title_line);
	CHECK(f.r->period_line == 8 && f.r->period_start == 2023 &&
	    f.r->period_end == 2023, "traps: period in section 一 (%u)",
	    f.r->period_line);
	CHECK(f.r->sec[1].line == 7, "traps: bare 总体情况 (%u)",
	    f.r->sec[1].line);
	CHECK(f.r->sec[2].line == 9, "traps: 二. ordinal");
	CHECK(f.r->sec[3].line == 10 && f.r->sec[3].count == 1,
	    "traps: 三 once, T3 labels ignored");
	CHECK(f.r->sec[4].line == 16 && f.r->sec[4].count == 1,
	    "traps: 四 after the T3 row 四、 (%u)", f.r->sec[4].line);
	CHECK(f.r->sec[5].count == 2 && f.r->sec[5].line == 17,
	    "traps: duplicate 五");
	order_is(f.r, "1234556", "traps");
	fix_free(&f);
}

static void
title_is(const char *text, int year, const char *issuer, unsigned line)
{
	struct fix f;

	if (fix_text(&f, "title", text) == -1) {
		CHECK(0, "build title");
		return;
	}
	CHECK(f.r->year == year && strcmp(f.r->issuer, issuer) == 0 &&
	    f.r->title_line == line, "title of [%s]: %d [%s] line %u", text,
	    f.r->year, f.r->issuer, f.r->title_line);
	fix_free(&f);
}

static void
test_titles(void)
{
	title_is("# 红寺堡区 2018 年政府信息公开工作年度报\n告\n正文。\n",
	    2018, "红寺堡区", 1);
	title_is("\n# 吴忠市红寺堡镇人民政府 2021 年\n政府信息公开工作年度报告\n",
	    2021, "吴忠市红寺堡镇人民政府", 2);
	title_is("某镇人民政府 2021 年政府信息公开\n工作年度报告\n", 2021,
	    "某镇人民政府", 1);
	title_is("某县人民政\n府2022年政府信息公开工作年度报告\n", 2022,
	    "某县人民政府", 1);
	title_is("发布日期：2023-01-30\n某局2022年政府信息公开工作年度报告\n",
	    2022, "某局", 2);
	title_is("根据《条例》，现发布《某局2022年政府信息公开工作年度报告》。\n",
	    0, "", 0);
	title_is("某区政府信息公开工作年度报告（2022年度）\n", 2022, "某区", 1);
	title_is("2022年度某局政府信息公开工作年度报告\n", 2022, "某局", 1);
	title_is("某县人民政府办公室关于2022年政府信息公开工作年度报告\n", 2022,
	    "某县人民政府办公室", 1);
	title_is("2022年政府信息公开工作年度报告\n", 2022, "", 1);
}

static void
test_heading_forms(void)
{
	static const char text[] =
	    "某局2022年政府信息公开工作年度报告\n"
	    "第一部分 总体情况\n正文。\n"
	    "第二部分、主动公开政府信息情况\n"
	    "三、收到和处理政府信息公开申请情况 本年度共收到申请5件，全部办结。\n"
	    "2.依申请公开政府信息情况\n"
	    "存在的主要问题\n正文。\n";
	struct fix f;

	if (fix_text(&f, "headings", text) == -1) {
		CHECK(0, "build headings");
		return;
	}
	CHECK(f.r->sec[1].line == 2, "第一部分 heading");
	CHECK(f.r->sec[2].line == 4, "第二部分、 heading");
	CHECK(f.r->sec[3].line == 5 && f.r->sec[3].count == 1,
	    "heading run together with its paragraph; 2. sub-item is not one");
	CHECK(f.r->sec[5].line == 7, "bare key as heading");
	fix_free(&f);
}

static void
test_wrapped_headings(void)
{
	static const char text[] =
	    "某局2022年政府信息公开工作年度报告\n"
	    "一、总体情况\n正文。\n"
	    "二、主动公开政府信息情况\n正文。\n"
	    "三、收到和处理政府信息公开申\n请情况\n"
	    "三、本年\n度办理\n结果\n"
	    "四、结转下年度继续办理\n0 0 0 0 0 0 0\n"
	    "四、政府信息公开行政复议、行政\n诉讼情况\n"
	    "五、存在的主要问题及改进情况\n正文。\n";
	struct fix f;

	if (fix_text(&f, "wrapped", text) == -1) {
		CHECK(0, "build wrapped");
		return;
	}
	CHECK(f.r->sec[3].line == 6 && f.r->sec[3].count == 1,
	    "wrapped heading 三 (%u, %d)", f.r->sec[3].line,
	    f.r->sec[3].count);
	CHECK(f.r->sec[4].line == 13 && f.r->sec[4].count == 1,
	    "wrapped heading 四, not the T3 row (%u, %d)", f.r->sec[4].line,
	    f.r->sec[4].count);
	order_is(f.r, "12345", "wrapped");
	fix_free(&f);
}

static void
test_formats(void)
{
	static const char t2019[] = "某局2020年政府信息公开工作年度报告\n"
	    "一、总体情况\n本年新制作数量 对外公开总数量\n"
	    "本列数据的勾稽关系\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n";
	static const char none[] = "随便一段文字\n没有任何标题\n";
	struct fix f;

	if (fix_text(&f, "2019", t2019) == 0) {
		size_t i, n = 0;

		CHECK(f.r->format == NB_FMT_2019, "2019 markers win over 2021");
		CHECK(f.r->year == 2020 && strcmp(f.r->issuer, "某局") == 0,
		    "2019: title");
		/* Read by the 2019 pack: its cells, not 2021 ones. */
		CHECK(f.r->pack == nb_pack_for_format(pack, NB_FMT_2019) &&
		    f.r->pack != pack && f.r->pack->format == NB_FMT_2019,
		    "2019: read by the 2019 pack");
		for (i = 0; i < f.r->pack->ncells; i++)
			n += f.r->cells[i].v.kind != NB_VAL_ABSENT;
		CHECK(n == 7, "2019: the one T3 row read (%zu)", n);
		CHECK(nb_pack_cell_index(f.r->pack, "t3.result.other.total") >= 0 &&
		    nb_pack_cell_index(f.r->pack,
		    "t3.result.other.no_fee.total") == -1,
		    "2019: 其他处理 is one row");
		fix_free(&f);
	}
	if (fix_text(&f, "none", none) == 0) {
		CHECK(f.r->format == NB_FMT_UNKNOWN, "no marker: unknown");
		CHECK(f.r->year == 0 && f.r->title_line == 0 &&
		    f.r->issuer[0] == '\0', "no title");
		CHECK(f.r->norder == 0 && f.r->sec[0].end == 2, "no heading");
		fix_free(&f);
	}
	if (fix_text(&f, "empty", "") == 0) {
		CHECK(f.r->format == NB_FMT_UNKNOWN && f.r->sec[0].text &&
		    f.r->sec[0].text[0] == '\0', "empty document");
		fix_free(&f);
	}
}

int
main(int argc, char **argv)
{
	struct nb_error err;
	char path[4096];
	size_t i;

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
	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
		check_sample(&samples[i]);
	test_section_text();
	test_section_lines();
	test_traps();
	test_titles();
	test_heading_forms();
	test_wrapped_headings();
	test_formats();
	nb_pack_free(pack);
	return check_done();
}
