/*
 * test-tables-pages.c -- page furniture inside the tables of sample 000
 * (lib/model/surplus.c): a page number on a line of its own between rows
 * or after the last, the list numeral of the next label read apart, and
 * a row the page broke ("0 0 0 0 0 0 0 0" / "7" / "0 0 0 0 0 0 0").
 *
 *   - after a row: the row reads as printed, the table complete;
 *   - inside T3's or T4's row: the number whose leaving out keeps every
 *     relation is left out, the row reads right;
 *   - inside T4's row with a defect where two choices break as much:
 *     the row is read for nothing, the table unreadable and why names
 *     the page number;
 *   - inside a T2 row (no relation to tell): read for nothing;
 *   - two numbers after a row on a line of their own: as printed.
 *
 * Usage: test-tables-pages [srcdir]   (default: $NB_SRCDIR, else ".")
 */
#include "tables.h"

/* text with from replaced by to, once; NULL (and a failure) if absent. */
static char *
edit(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	char *s;

	if (at == NULL) {
		CHECK(0, "edit: no \"%s\"", from);
		return NULL;
	}
	if ((s = malloc(strlen(text) + strlen(to) + 1)) != NULL)
		sprintf(s, "%.*s%s%s", (int)(at - text), text, to,
		    at + strlen(from));
	return s;
}

/* The report of sample 000 edited so; -1 on failure. */
static int
build(struct fix *f, const char *raw, const char *name, const char *from,
    const char *to)
{
	char *text = edit(raw, from, to);
	int rc;

	if (text == NULL)
		return -1;
	rc = fix_text(f, name, text);
	free(text);
	CHECK(rc == 0, "%s: build", name);
	return rc;
}

static const char t4_row[] = "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

static void
test_after_rows(const char *raw)
{
	struct fix f;

	if (build(&f, raw, "after", "行政规范性文件 7 14 24\n",
	    "行政规范性文件 7 14 24\n9\n") == 0) {
		CHECK(tstate(f.r, "t2") == NB_TABLE_COMPLETE, "after T2 row");
		is_int(f.r, "t2.normative.effective", 24);
		fix_free(&f);
	}
	if (build(&f, raw, "after2", "一、本年新收政府信息公开申请数量 15 0 0 0 "
	    "0 0 15\n", "一、本年新收政府信息公开申请数量 15 0 0 0 0 0 15\n"
	    "\n3\n\n4\n") == 0) {
		CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE, "two after T3 row");
		t3_row_is(f.r, "new", "15 0 0 0 0 0 15");
		fix_free(&f);
	}
	if (build(&f, raw, "after T4", t4_row,
	    "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n- 9 -\n12\n") == 0) {
		CHECK(tstate(f.r, "t4") == NB_TABLE_COMPLETE, "after T4 row");
		t4_is(f.r, "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0");
		fix_free(&f);
	}
}

static void
test_inside_rows(const char *raw)
{
	struct fix f;

	if (build(&f, raw, "in T3", "一、本年新收政府信息公开申请数量 15 0 0 0 "
	    "0 0 15\n", "一、本年新收政府信息公开申请数量 15 0 0\n7\n"
	    "0 0 0 15\n") == 0) {
		CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE, "in T3: complete");
		t3_row_is(f.r, "new", "15 0 0 0 0 0 15");
		fix_free(&f);
	}
	if (build(&f, raw, "in T4", t4_row,
	    "0 0 0 0 0 0 0 0\n7\n0 0 0 0 0 0 0\n") == 0) {
		CHECK(tstate(f.r, "t4") == NB_TABLE_COMPLETE, "in T4: complete");
		t4_is(f.r, "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0");
		fix_free(&f);
	}
	/* 复议 10+1 != 0 whatever the page's number: 16 or 5 alike. */
	if (build(&f, raw, "in T4, defect", t4_row,
	    "10 1 0 0 0 0 0 0\n16\n0 0 5 0 0 0 0\n") == 0) {
		const struct nb_table *tb = &f.r->tables[2];

		CHECK(tstate(f.r, "t4") == NB_TABLE_UNREADABLE,
		    "in T4, defect: unreadable");
		CHECK(tb->why != NULL && strstr(tb->why, "页码") != NULL,
		    "in T4, defect: why names the page number (%s)",
		    tb->why ? tb->why : "");
		CHECK(cell(f.r, "t4.review.upheld") != NULL &&
		    cell(f.r, "t4.review.upheld")->conf < 1,
		    "in T4, defect: nothing read for sure");
		fix_free(&f);
	}
	/* T2 has no relation: 7 and 14 cannot be told from the page's. */
	if (build(&f, raw, "in T2", "行政规范性文件 7 14 24\n",
	    "行政规范性文件 7 14\n5\n24\n") == 0) {
		CHECK(tstate(f.r, "t2") == NB_TABLE_UNREADABLE,
		    "in T2: unreadable");
		CHECK(cell(f.r, "t2.normative.effective") != NULL &&
		    cell(f.r, "t2.normative.effective")->conf < 1,
		    "in T2: not read for sure");
		fix_free(&f);
	}
}

int
main(int argc, char **argv)
{
	char path[4096], *raw;

	if (tables_setup(argc, argv) == -1)
		return 1;
	snprintf(path, sizeof(path), "%s/tests/data/sample-000.txt", srcdir);
	if ((raw = slurp(path)) == NULL)
		CHECK(0, "read %s", path);
	else {
		test_after_rows(raw);
		test_inside_rows(raw);
		free(raw);
	}
	return check_done();
}
