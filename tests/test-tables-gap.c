/*
 * test-tables-gap.c -- a scan's T3 rows whose printed label the
 * recogniser turned to noise, placed by their place in the grid
 * (lib/model/gap.c).  Sample 000 with labels garbled as the scans of
 * 000 and 004 garble them, read as a scan (every line recognised at
 * 0.99) and as a text, one list numeral read apart from its label
 * ("2 .重复申请") as on every scan, so that the table is not read by its
 * rows' order alone (order.c):
 *
 *   - one label turned to noise ("Ma" for 8.属于行政查询事项), its
 *     numbers made distinct: on the scan the row is placed, its cells
 *     read sure but less sure than a label match's, the table complete;
 *     in the text the row stays unread (a text's defect, named);
 *   - two adjacent labels so: both placed, in order;
 *   - a list numeral read apart from its label ("2 .其他法律…") after
 *     the lost row's numbers: placed all the same;
 *   - never placed: a run more in the gap than rows (ambiguous), a run
 *     fewer (two rows lost, one run), a run of another length, the lost
 *     label read as a digit joined to its cells ("1 0 2 0 …"), a noisy
 *     label holding another row's key, a gap with no matched row above
 *     (the table's first row).  The rows around stay right in each.
 *
 * Usage: test-tables-gap [srcdir]   (default: $NB_SRCDIR, else ".")
 */
#include <stdarg.h>

#include "tables.h"

#define PLACED	0.96	/* NB_PLACED_CONF (lib/model/table.h) */

/* text with each (from, to) of the NULL-ended pairs replaced. */
static char *
edit(const char *text, ...)
{
	const char *from;
	char *s = strdup(text), *n;
	va_list ap;

	va_start(ap, text);
	while (s != NULL && (from = va_arg(ap, const char *)) != NULL) {
		const char *to = va_arg(ap, const char *);
		const char *at = strstr(s, from);

		if (at == NULL) {
			printf("edit: no \"%s\"\n", from);
			free(s);
			s = NULL;
			break;
		}
		if ((n = malloc(strlen(s) + strlen(to) + 1)) != NULL)
			sprintf(n, "%.*s%s%s", (int)(at - s), s, to,
			    at + strlen(from));
		free(s);
		s = n;
	}
	va_end(ap);
	return s;
}

/* The report of text, as a scan (scan) or as a text; -1 on failure. */
static int
build(struct fix *f, const char *name, const char *text, int scan)
{
	struct nb_error err;

	nb_error_clear(&err);
	f->r = NULL;
	if (text == NULL || (f->d = doc_from(name, text)) == NULL) {
		CHECK(0, "%s: a document", name);
		return -1;
	}
	if (scan) {
		f->d->ocr = 1;
		for (size_t i = 0; i < f->d->nlines; i++) {
			size_t n = strlen(f->d->lines[i].raw);

			if (n > 0 && nb_doc_add_conf(f->d, i, 0, n, 0.99) == -1) {
				CHECK(0, "%s: confidences", name);
				nb_doc_free(f->d);
				return -1;
			}
		}
	}
	if ((f->r = nb_report_build(f->d, pack, &err)) == NULL) {
		CHECK(0, "%s: %s", name, err.msg);
		nb_doc_free(f->d);
		return -1;
	}
	return 0;
}

/* Row `row` of T3 read as v[], every cell at confidence conf. */
static void
row_is(const struct fix *f, const char *name, const char *row,
    const long long v[7], double conf)
{
	char id[128];

	for (int c = 0; c < 7; c++) {
		const struct nb_cell *x;

		snprintf(id, sizeof(id), "t3.%s.%s", row, t3cols[c]);
		x = cell(f->r, id);
		CHECK(x != NULL && x->v.kind == NB_VAL_INT && x->v.i == v[c] &&
		    x->conf > conf - 0.001 && x->conf < conf + 0.001,
		    "%s: %s = %lld at %.2f (got kind %d, %lld at %.2f)", name,
		    id, v[c], conf, x ? (int)x->v.kind : -1,
		    x ? (long long)x->v.i : 0, x ? x->conf : 0);
	}
}

/* Row `row` of T3 not read: no cell of it an integer read for sure. */
static void
row_unread(const struct fix *f, const char *name, const char *row)
{
	char id[128];
	int sure = 0;

	for (int c = 0; c < 7; c++) {
		const struct nb_cell *x;

		snprintf(id, sizeof(id), "t3.%s.%s", row, t3cols[c]);
		x = cell(f->r, id);
		sure |= x == NULL || (x->v.kind == NB_VAL_INT &&
		    x->conf >= 0.95);
	}
	CHECK(!sure, "%s: t3.%s not placed", name, row);
}

static const long long ZERO[7] = { 0, 0, 0, 0, 0, 0, 0 };
static const long long QUERY[7] = { 0, 2, 0, 0, 0, 0, 2 };
static const long long ENFORCE[7] = { 3, 0, 0, 0, 0, 0, 3 };
static const long long SECRET[7] = { 2, 0, 0, 0, 0, 0, 2 };
static const long long NEW[7] = { 15, 0, 0, 0, 0, 0, 15 };

#define Q_LINE	"8.属于行政查询事项 0 0 0 0 0 0 0"
#define E_LINE	"7.属于行政执法案卷 0 0 0 0 0 0 0"

/* The rows around the query row, untouched, read as the text's. */
static void
around_right(const struct fix *f, const char *name)
{
	row_is(f, name, "result.deny.process", ZERO, 0.99);
	row_is(f, name, "result.unable.not_held",
	    (const long long[7]){ 3, 0, 0, 0, 0, 0, 3 }, 0.99);
}

/* The base: nothing lost, every row by its label. */
static void
test_base(const char *text)
{
	struct fix f;

	if (build(&f, "base", text, 1) == 0) {
		row_is(&f, "base", "result.deny.query", ZERO, 0.99);
		row_is(&f, "base", "result.noproc.petition",
		    (const long long[7]){ 2, 0, 0, 0, 0, 0, 2 }, 0.99);
		row_is(&f, "base", "result.noproc.repeat", ZERO, 0.99);
		around_right(&f, "base");
		CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE, "base: t3 complete");
		fix_free(&f);
	}
}

static void
test_placed(const char *text)
{
	struct fix f;
	char *s;

	s = edit(text, Q_LINE, "Ma 0 2 0 0 0 0 2", (char *)NULL);
	if (build(&f, "one lost", s, 1) == 0) {
		row_is(&f, "one lost", "result.deny.query", QUERY, PLACED);
		row_is(&f, "one lost", "result.deny.enforcement", ZERO, 0.99);
		around_right(&f, "one lost");
		CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE,
		    "one lost: t3 complete");
		fix_free(&f);
	}
	if (build(&f, "one lost, text", s, 0) == 0) {
		row_unread(&f, "one lost, text", "result.deny.query");
		CHECK(tstate(f.r, "t3") != NB_TABLE_COMPLETE,
		    "one lost, text: t3 not complete");
		fix_free(&f);
	}
	free(s);

	s = edit(text, E_LINE, "xx 3 0 0 0 0 0 3", Q_LINE, "Ma 0 2 0 0 0 0 2",
	    (char *)NULL);
	if (build(&f, "two lost", s, 1) == 0) {
		row_is(&f, "two lost", "result.deny.enforcement", ENFORCE,
		    PLACED);
		row_is(&f, "two lost", "result.deny.query", QUERY, PLACED);
		around_right(&f, "two lost");
		CHECK(tstate(f.r, "t3") == NB_TABLE_COMPLETE,
		    "two lost: t3 complete");
		fix_free(&f);
	}
	free(s);

	s = edit(text, "1.属于国家秘密 0 0 0 0 0 0 0",
	    "+ .属于图家秘密 2 0 0 0 0 0 2", "2.其他法律行政法规禁止公开",
	    "2 .其他法律行政法规禁止公开", (char *)NULL);
	if (build(&f, "numeral apart", s, 1) == 0) {
		row_is(&f, "numeral apart", "result.deny.secret", SECRET,
		    PLACED);
		row_is(&f, "numeral apart", "result.deny.law", ZERO, 0.99);
		row_is(&f, "numeral apart", "result.partial",
		    (const long long[7]){ 3, 0, 0, 0, 0, 0, 3 }, 0.99);
		fix_free(&f);
	}
	free(s);
}

/* The query row garbled as `to`: never placed, its neighbours right. */
static void
not_placed(const char *text, const char *name, const char *to)
{
	struct fix f;
	char *s = edit(text, Q_LINE, to, (char *)NULL);

	if (build(&f, name, s, 1) == 0) {
		row_unread(&f, name, "result.deny.query");
		around_right(&f, name);
		CHECK(tstate(f.r, "t3") != NB_TABLE_COMPLETE,
		    "%s: t3 not complete", name);
		fix_free(&f);
	}
	free(s);
}

static void
test_refused(const char *text)
{
	struct fix f;
	char *s;

	/* two runs where the layout has one row: which is it? */
	not_placed(text, "ambiguous", "Ma 0 2 0 0 0 0 2\n\nMb 0 0 0 0 0 0 0");
	not_placed(text, "short run", "Ma 0 2 0 0 0 2");
	not_placed(text, "label read 1", "1 0 2 0 0 0 0 2");
	not_placed(text, "another's key", "过程性信息 0 2 0 0 0 0 2");

	/* two rows lost, one run left: which row is it? */
	s = edit(text, E_LINE "\n", "", Q_LINE, "Ma 0 2 0 0 0 0 2",
	    (char *)NULL);
	if (build(&f, "run fewer", s, 1) == 0) {
		row_unread(&f, "run fewer", "result.deny.query");
		row_unread(&f, "run fewer", "result.deny.enforcement");
		row_is(&f, "run fewer", "result.deny.process", ZERO, 0.99);
		fix_free(&f);
	}
	free(s);

	/* the first row: no matched row above it */
	s = edit(text, "一、本年新收政府信息公开申请数量 15", "Mx 15",
	    (char *)NULL);
	if (build(&f, "first row", s, 1) == 0) {
		row_unread(&f, "first row", "new");
		row_is(&f, "first row", "carry_in", ZERO, 0.99);
		fix_free(&f);
	}
	free(s);
	s = edit(text, "一、本年新收政府信息公开申请数量 15", "一、本年新收政府"
	    "信息公开申请数量 15", (char *)NULL);
	if (build(&f, "first row, clean", s, 1) == 0) {
		row_is(&f, "first row, clean", "new", NEW, 0.99);
		fix_free(&f);
	}
	free(s);
}

int
main(int argc, char **argv)
{
	char path[4096], *raw, *text;

	if (tables_setup(argc, argv) == -1)
		return 1;
	snprintf(path, sizeof(path), "%s/tests/data/sample-000.txt", srcdir);
	if ((raw = slurp(path)) == NULL)
		CHECK(0, "read %s", path);
	/* A list numeral read apart, as on every scan: the rows' runs are
	 * then not whole rows, and the table is not read by its order
	 * alone (order.c), which would place the lost rows itself. */
	else if ((text = edit(raw, "2.重复申请", "2 .重复申请",
	    (char *)NULL)) != NULL) {
		test_base(text);
		test_placed(text);
		test_refused(text);
		free(text);
	}
	free(raw);
	nb_pack_free(pack);
	return check_done();
}
