/*
 * sums_cells.c -- the cells of T2-T4 one by one: a blank cell (one warning
 * a row, naming its cells) and a count that is negative or not whole.
 * The fee amount (万元) is fees' to judge.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nianbao/plugin.h>

#include "options.h"
#include "sums.h"

static int
emit_cell(const struct sums *c, const char *rule, enum nb_severity sev,
    const char *id, const struct nb_value *v, const char *what)
{
	struct nb_finding f = { 0 };
	char msg[512];

	snprintf(msg, sizeof(msg), "%s%s（“%s”）", sums_label(c, id), what,
	    v->raw != NULL ? v->raw : "");
	f.rule = rule;
	f.severity = sev;
	f.message = msg;
	f.line = v->line;
	f.section = id[1] - '0';
	f.cell = id;
	f.cells = &id;
	f.n_cells = 1;
	return c->api->emit(c->ctx, &f);
}

/* Blank cells of one row: one warning for the row, naming each cell.  In a
 * table read unsure a blank is still a blank where every cell of its row
 * was read for sure and some hold numbers (a pipe row that shows its one
 * empty cell): unsure marks a row with a cell not so read, numbers counts
 * the numbers (a row with none may be one whose numbers were not seen). */
struct blanks {
	const char	*id[16];
	struct nb_value	 first;
	size_t		 n;
	const char	*row;	/* a cell of the row being read */
	int		 unsure;
	size_t		 numbers;
};

static int
flush_blanks(const struct sums *c, struct blanks *b)
{
	struct nb_finding f = { 0 };
	char msg[512], row[256];
	const char *tl, *sp;
	size_t n = b->n;

	b->n = 0;
	if (n == 0 || ((b->unsure || b->numbers == 0) &&
	    c->unsure[b->id[0][1] - '0']))
		return 0;
	if (n == 1)
		return emit_cell(c, "sums.blank_cell", NB_SEV_WARNING, b->id[0],
		    &b->first, "未填写数字（空白不等于0，没有应填0）");
	/* The table's name (the label up to its first space), the row. */
	tl = sums_label(c, b->id[0]);
	sp = strchr(tl, ' ');
	sums_row_label(c, b->id[0], row, sizeof(row));
	snprintf(msg, sizeof(msg), "%.*s %s有%zu个单元格未填写数字（空白不等于0，"
	    "没有应填0）", sp != NULL ? (int)(sp - tl) : 0, tl, row, n);
	f.rule = "sums.blank_cell";
	f.severity = NB_SEV_WARNING;
	f.message = msg;
	f.line = b->first.line;
	f.section = b->id[0][1] - '0';
	f.cell = b->id[0];
	f.cells = b->id;
	f.n_cells = n;
	return c->api->emit(c->ctx, &f);
}

/* Same row: the ids agree up to their last dot. */
static int
same_row(const char *a, const char *b)
{
	const char *da = strrchr(a, '.'), *db = strrchr(b, '.');

	return da && db && da - a == db - b && !strncmp(a, b, (size_t)(da - a));
}

/* Starts row id's blanks when id opens a new row (or 16 are held). */
static int
next_row(const struct sums *c, struct blanks *b, const char *id)
{
	int rc = 0;

	if (b->row != NULL && same_row(b->row, id) && b->n < 16)
		return 0;
	if (b->row != NULL)
		rc = flush_blanks(c, b);
	b->row = id;
	b->unsure = 0;
	b->numbers = 0;
	return rc;
}

/* Every cell of T2-T4 but the fee amount (万元, owned by fees) is a count;
 * numbers are judged only in tables read for sure. */
int
sums_check_cells(const struct sums *c)
{
	size_t i, n = c->api->cell_count(c->r);
	struct blanks b = { { NULL }, { 0 }, 0, NULL, 0, 0 };
	struct nb_value v;
	int rc = 0, count;

	for (i = 0; i < n && rc == 0; i++) {
		const char *id = c->api->cell_id(c->r, i);

		if (id == NULL || strcmp(id, FEE_CELL) == 0 ||
		    (!in_table(id, "t2") && !in_table(id, "t3") &&
		    !in_table(id, "t4")) ||
		    cell_value_at(c->api, c->r, i, id, &v) == -1)
			continue;
		if ((rc = next_row(c, &b, id)) != 0)
			break;
		if (v.kind == NB_VAL_ABSENT || !certain_at(c, i, id)) {
			b.unsure = 1;
			continue;
		}
		if (v.kind == NB_VAL_MISSING) {
			if (b.n == 0)
				b.first = v;
			b.id[b.n++] = id;
			continue;
		}
		b.numbers++;
		/* Unsure: sums.table_unreadable has said so for its table. */
		if (c->unsure[id[1] - '0'])
			continue;
		count = !option_lists(c->api, c->ctx, "not_counts", id);
		if (count && v.kind == NB_VAL_INT && v.i < 0)
			rc = emit_cell(c, "sums.not_a_count", NB_SEV_ERROR, id,
			    &v, "为负数，件数不能小于0");
		else if (count && v.kind == NB_VAL_DECIMAL)
			rc = emit_cell(c, "sums.not_a_count", NB_SEV_ERROR, id,
			    &v, "不是整数，件数应为整数");
	}
	return rc == 0 ? flush_blanks(c, &b) : rc;
}

