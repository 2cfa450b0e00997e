/*
 * test-tables-sequence.c -- T3 as pdftotext's default mode prints a ruled
 * table (real file 17): every number on a line of its own, the rows'
 * numbers in the table's order but blocks of rows column by column, the
 * row labels elsewhere (three before the numbers, the rest after them).
 * Read by the order of its numbers (lib/model/sequence.c), T3's cells are
 * the clean text's; （六） printed as one row makes its three rows absent,
 * not the table unsure; a number changed (no reading keeps every
 * relation), a row's label gone (the numbers are not the rows') or two
 * readings that keep every relation (sample-001: its two 1s of the
 * result rows in a block of ten printed column by column are, read row
 * by row, on two other result rows, and the relations only sum those
 * rows) leave the table not read, and never give a cell a value for sure.
 *
 * Usage: test-tables-sequence [srcdir]   (default: $NB_SRCDIR, else ".")
 */
#include "tables.h"

#define T3_HEAD		"三、收到和处理政府信息公开申请情况"
#define T4_HEAD		"四、政府信息公开行政复议"

enum twist { T_NONE, T_MERGED, T_BUMP, T_NOLABEL };

/* Rows per block, in turn: 1 is a row as written, more a block printed
 * column by column. */
static const int blocks[] = { 1, 1, 2, 1, 10, 3, 1, 2, 4 };

/* T3's clean values: v[row][col]. */
static int
values(const struct nb_report *r, long long v[25][7])
{
	char id[128];

	for (int i = 0; i < 25; i++)
		for (int c = 0; c < 7; c++) {
			const struct nb_cell *x;

			snprintf(id, sizeof(id), "t3.%s.%s", t3rows[i], t3cols[c]);
			if ((x = cell(r, id)) == NULL || x->v.kind != NB_VAL_INT)
				return -1;
			v[i][c] = x->v.i;
		}
	return 0;
}

/* The numbers of rows [i, i+k) of v, each on a line and a blank line
 * after it, column by column if k > 1. */
static char *
numbers(char *o, long long v[][7], int i, int k)
{
	for (int c = 0; c < 7; c++)
		for (int p = 0; p < k; p++)
			o += sprintf(o, "%lld\n\n", v[i + p][c]);
	return o;
}

/* T3 of v as pdftotext prints it; the rows' labels are the pack's. */
static char *
t3_text(char *o, const struct nb_pack *p, long long in[25][7],
    enum twist tw)
{
	const struct nb_table_def *td = &p->tables[nb_pack_table_index(p, "t3")];
	long long v[25][7];
	int n = 0, i, b = 0, k;
	const char *lab[25];

	for (i = 0; i < 25; i++) {
		if (tw == T_MERGED && i > 20 && i < 23) {
			for (int c = 0; c < 7; c++)
				v[n - 1][c] += in[i][c];
			continue;
		}
		memcpy(v[n], in[i], sizeof(v[n]));
		lab[n++] = tw == T_MERGED && i == 20 ? "（六）其他处理" :
		    td->rows[i].label;
	}
	if (tw == T_BUMP)
		v[0][0]++;
	o += sprintf(o, "%s\n申请人情况\n\n自然人\n\n法人或其他组织\n\n总计\n\n",
	    T3_HEAD);
	for (i = 0; i < 3; i++)
		o += sprintf(o, "%s\n\n", lab[i]);
	for (i = 0; i < n; i += k) {
		k = blocks[b++ % (int)(sizeof(blocks) / sizeof(blocks[0]))];
		if (i + k > n)
			k = n - i;
		o = numbers(o, v, i, k);
	}
	for (i = 3; i < n; i++)
		if (tw != T_NOLABEL || i != 12)
			o += sprintf(o, "%s\n", lab[i]);
	return o;
}

/* The sample with its T3 as pdftotext's default mode prints it. */
static int
build(struct fix *f, const char *name, const char *text,
    const struct nb_report *clean, enum twist tw)
{
	const char *a = strstr(text, T3_HEAD), *b = a ? strstr(a, T4_HEAD) :
	    NULL;
	long long v[25][7];
	char *s, *o;
	int rc;

	CHECK(b != NULL && values(clean, v) == 0, "%s: clean T3", name);
	if (b == NULL || values(clean, v) != 0 ||
	    (s = malloc(strlen(text) + 16384)) == NULL)
		return -1;
	o = s + sprintf(s, "%.*s", (int)(a - text), text);
	o = t3_text(o, clean->pack, v, tw);
	strcpy(o, b);
	rc = fix_text(f, name, s);
	free(s);
	CHECK(rc == 0, "%s: build", name);
	return rc;
}

/* Every T3 cell of a as read in b, for sure, but rows from..to. */
static void
same_t3(const struct nb_report *a, const struct nb_report *b,
    const char *name, int from, int to)
{
	char id[128];

	for (int i = 0; i < 25; i++)
		for (int c = 0; c < 7 && (i < from || i > to); c++) {
			const struct nb_cell *x, *y;

			snprintf(id, sizeof(id), "t3.%s.%s", t3rows[i], t3cols[c]);
			x = cell(a, id);
			y = cell(b, id);
			CHECK(x != NULL && y != NULL && x->v.kind == y->v.kind &&
			    x->v.i == y->v.i && y->conf >= 1, "%s: %s as the "
			    "clean text", name, id);
		}
}

/* No T3 cell read for sure. */
static void
none_sure(const struct nb_report *r, const char *name)
{
	char id[128];
	int sure = 0;

	for (int i = 0; i < 25; i++)
		for (int c = 0; c < 7; c++) {
			const struct nb_cell *x;

			snprintf(id, sizeof(id), "t3.%s.%s", t3rows[i], t3cols[c]);
			x = cell(r, id);
			sure += x != NULL && x->v.kind == NB_VAL_INT &&
			    x->conf >= 1;
		}
	CHECK(tstate(r, "t3") != NB_TABLE_COMPLETE &&
	    tstate(r, "t3") != NB_TABLE_PARTIAL && sure < 25 * 7,
	    "%s: t3 not read (%d cells sure)", name, sure);
}

static void
test_sample(const char *file, int two_readings)
{
	char path[4096], name[256], *text;
	struct fix clean, f;

	snprintf(path, sizeof(path), "%s/tests/data/%s", srcdir, file);
	if ((text = slurp(path)) == NULL) {
		CHECK(0, "read %s", path);
		return;
	}
	if (fix_text(&clean, file, text) == -1) {
		free(text);
		return;
	}
	snprintf(name, sizeof(name), "%s in blocks", file);
	if (build(&f, name, text, clean.r, T_NONE) == 0) {
		if (two_readings) {
			CHECK(tstate(f.r, "t3") == NB_TABLE_UNREADABLE, "%s: "
			    "two readings, t3 unreadable", name);
			none_sure(f.r, name);
		} else {
			CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE, "%s: t3 "
			    "complete", name);
			same_t3(clean.r, f.r, name, -1, -1);
		}
		fix_free(&f);
	}
	snprintf(name, sizeof(name), "%s, （六） one row", file);
	if (!two_readings && build(&f, name, text, clean.r, T_MERGED) == 0) {
		const struct nb_cell *x = cell(f.r, "t3.result.other.no_fee.total");

		CHECK(tstate(f.r, "t3") == NB_TABLE_PARTIAL && x != NULL &&
		    x->v.kind == NB_VAL_ABSENT, "%s: t3 partial, （六）2 "
		    "absent", name);
		same_t3(clean.r, f.r, name, 20, 22);
		fix_free(&f);
	}
	snprintf(name, sizeof(name), "%s, 一 bumped", file);
	if (build(&f, name, text, clean.r, T_BUMP) == 0) {
		none_sure(f.r, name);
		fix_free(&f);
	}
	snprintf(name, sizeof(name), "%s, a label gone", file);
	if (build(&f, name, text, clean.r, T_NOLABEL) == 0) {
		none_sure(f.r, name);
		fix_free(&f);
	}
	fix_free(&clean);
	free(text);
}

int
main(int argc, char **argv)
{
	if (tables_setup(argc, argv) == -1)
		return 1;
	test_sample("sample-004.txt", 0);
	test_sample("sample-000.txt", 0);
	test_sample("sample-001.txt", 1);
	nb_pack_free(pack);
	return check_done();
}
