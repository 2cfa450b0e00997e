/*
 * test-tables-order.c -- T3 shredded as a PDF-to-Markdown converter gives
 * it (real file 23): pipe rows, the labels of some rows torn off and left
 * after the table, so their numbers stand unlabeled between labelled
 * rows.  Read by the table's row order (lib/model/order.c) the cells are
 * the clean text's; a row whose numbers are gone, or an unlabeled row
 * that breaks a relation, leaves the table unsure instead.  Also the
 * first two rows as pdftotext's default mode prints them, column by
 * column (lib/model/blocks.c).
 *
 * Usage: test-tables-order [srcdir]   (default: $NB_SRCDIR, else ".")
 */
#include "tables.h"

#define SHRED_EVERY	3	/* rows 2, 5, 8, …: label torn off */

enum twist { T_NONE, T_DROP, T_BUMP, T_COLUMNS };

/* T_COLUMNS: T3's rows 一 and 二 as pdftotext prints them in its default
 * mode (blocks.c): the two labels, then the numbers one a line, column
 * by column. */
static char *
columns(char *o, const char *lab[2], long v[2][7])
{
	int c, i;

	for (i = 0; i < 2; i++)
		o += sprintf(o, "%s\n", lab[i]);
	for (c = 0; c < 7; c++)
		for (i = 0; i < 2; i++)
			o += sprintf(o, "%ld\n", v[i][c]);
	return o;
}

/* Is line [p, e) "label n n n n n n n"?  The label's length. */
static size_t
row_line(const char *p, const char *e)
{
	const char *q = e;
	int n;

	for (n = 0; n < 7; n++) {
		while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
			q--;
		if (q == p || q[-1] < '0' || q[-1] > '9')
			return 0;
		while (q > p && q[-1] >= '0' && q[-1] <= '9')
			q--;
		if (q == p || (q[-1] != ' ' && q[-1] != '\t'))
			return 0;
	}
	while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
		q--;
	return (size_t)(q - p);
}

/* The sample with its T3 rows as pipe rows, every SHRED_EVERY-th label
 * moved after the table; twist drops or bumps the first such row. */
static char *
shred(const char *text, enum twist tw, int *rows)
{
	size_t len = strlen(text);
	char *out = malloc(len * 3 + 1), *o = out, *loose = malloc(len + 1);
	char *lo = loose, labs[2][256];
	const char *p = text, *e, *q, *lab[2] = { labs[0], labs[1] };
	long cv[2][7];
	int row = 0, twisted = 0;

	if (out == NULL || loose == NULL) {
		free(out);
		free(loose);
		return NULL;
	}
	*lo = '\0';
	for (; *p != '\0'; p = *e ? e + 1 : e) {
		size_t ll;

		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		if (strncmp(p, "四、政府信息公开行政复议", strlen(
		    "四、政府信息公开行政复议")) == 0 && *loose != '\0') {
			o += sprintf(o, "%s\n", loose);
			*loose = '\0';
		}
		if ((ll = row_line(p, e)) == 0) {
			o += sprintf(o, "%.*s\n", (int)(e - p), p);
			continue;
		}
		if (tw == T_COLUMNS && row < 2) {
			snprintf(labs[row], sizeof(labs[row]), "%.*s", (int)ll, p);
			for (q = p + ll, ll = 0; ll < 7; ll++)
				cv[row][ll] = strtol(q, (char **)&q, 10);
			if (++row == 2)
				o = columns(o, lab, cv);
			continue;
		}
		if (tw == T_COLUMNS || row++ % SHRED_EVERY != 2) {
			if (tw == T_COLUMNS)
				row++;
			o += sprintf(o, "| %.*s |", (int)ll, p);
		} else {
			lo += sprintf(lo, "%.*s\n", (int)ll, p);
			if (tw == T_DROP && !twisted++)
				continue;
		}
		for (q = p + ll; q < e && strspn(q, " \t") < (size_t)(e - q); ) {
			long v = strtol(q, (char **)&q, 10);

			if (tw == T_BUMP && row % SHRED_EVERY == 0 && !twisted++)
				v++;
			o += sprintf(o, " %ld |", v);
			while (q < e && (*q == ' ' || *q == '\t'))
				q++;
		}
		*o++ = '\n';
	}
	*o = '\0';
	free(loose);
	*rows = row;
	return out;
}

static int
build(struct fix *f, const char *name, const char *text, enum twist tw)
{
	int rows = 0, rc;
	char *s = shred(text, tw, &rows);

	/* Most of T3's rows on lines of their own, five labels torn off. */
	CHECK(s != NULL && rows >= 15, "%s: shred (%d rows)", name, rows);
	if (s == NULL)
		return -1;
	rc = fix_text(f, name, s);
	free(s);
	CHECK(rc == 0, "%s: build", name);
	return rc;
}

/* Every T3 cell of a as read in b, for sure. */
static void
same_t3(const struct nb_report *a, const struct nb_report *b,
    const char *name)
{
	char id[128];
	int r, c;

	for (r = 0; r < 25; r++)
		for (c = 0; c < 7; c++) {
			const struct nb_cell *x, *y;

			snprintf(id, sizeof(id), "t3.%s.%s", t3rows[r], t3cols[c]);
			x = cell(a, id);
			y = cell(b, id);
			CHECK(x != NULL && y != NULL && x->v.kind == y->v.kind &&
			    x->v.i == y->v.i && y->conf >= 1, "%s: %s as the "
			    "clean text", name, id);
		}
}

static void
test_sample(const char *file)
{
	char path[4096], *text;
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
	if (build(&f, file, text, T_NONE) == 0) {
		CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE, "%s shredded: t3 "
		    "complete", file);
		same_t3(clean.r, f.r, file);
		fix_free(&f);
	}
	/* Blocks of rows printed column by column, told by the rows' totals. */
	if (build(&f, file, text, T_COLUMNS) == 0) {
		CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE, "%s columns: t3 "
		    "complete", file);
		same_t3(clean.r, f.r, file);
		fix_free(&f);
	}
	/* A row's numbers gone: 24 rows of numbers for 25 rows. */
	if (build(&f, file, text, T_DROP) == 0) {
		CHECK(tstate(f.r, "t3") != NB_TABLE_COMPLETE, "%s dropped: t3 "
		    "not read complete", file);
		fix_free(&f);
	}
	/* An unlabeled row off by one: the order, not the report, is in
	 * doubt, so the table is unsure, not wrong. */
	if (build(&f, file, text, T_BUMP) == 0) {
		size_t i;

		for (i = 0; i < f.r->pack->ntables; i++)
			if (strcmp(f.r->pack->tables[i].id, "t3") == 0)
				break;
		CHECK(tstate(f.r, "t3") == NB_TABLE_UNREADABLE && i <
		    f.r->pack->ntables && f.r->tables[i].why != NULL &&
		    strstr(f.r->tables[i].why, "按表格行序") != NULL,
		    "%s bumped: t3 unreadable, the order doubted", file);
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
	test_sample("sample-004.txt");
	test_sample("sample-000.txt");
	test_sample("sample-001.txt");
	nb_pack_free(pack);
	return check_done();
}
