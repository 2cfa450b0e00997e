/*
 * test-tables.c -- table extraction on the five samples: every T2, T3 and
 * T4 cell checked against the text by hand, and an old-format report read
 * by the old pack only.  The synthetic layouts of DOMAIN.md §9 are
 * test-tables-synth.c; the samples re-laid out, test-tables-relayout.c.
 *
 * Usage: test-tables [srcdir]   (default: $NB_SRCDIR, else ".")
 */
#include "tables.h"

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
	if (tables_setup(argc, argv) == -1)
		return 1;
	test_samples();
	test_old();
	nb_pack_free(pack);
	return check_done();
}
