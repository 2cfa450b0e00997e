/*
 * api_model.c -- the read-only model accessors of struct nb_api: what a
 * plugin may ask of the report model (identity, lines, sections, tables,
 * cells and how they were read, relations).  host.c puts them in the table
 * it hands to plugins; findings and loading stay there.
 */
#include <stdint.h>
#include <string.h>

#include "api_model.h"

enum nb_format
nb_api_format(const nb_report *r)
{
	return r->format;
}

int
nb_api_year(const nb_report *r)
{
	return r->year;
}

const char *
nb_api_issuer(const nb_report *r)
{
	return r->issuer ? r->issuer : "";
}

unsigned
nb_api_title_line(const nb_report *r)
{
	return r->title_line;
}

unsigned
nb_api_period_line(const nb_report *r, int *start, int *end)
{
	if (start != NULL)
		*start = r->period_start;
	if (end != NULL)
		*end = r->period_end;
	return r->period_line;
}

unsigned
nb_api_line_count(const nb_report *r)
{
	return (unsigned)r->src->nlines;
}

/* Line numbers are the source's; find the line by number. */
const char *
nb_api_line_text(const nb_report *r, unsigned line)
{
	size_t i = line > 0 ? line - 1 : 0;

	if (line == 0)
		return NULL;
	if (i < r->src->nlines && r->src->lines[i].lineno == line)
		return r->src->lines[i].text;
	for (i = 0; i < r->src->nlines; i++)
		if (r->src->lines[i].lineno == line)
			return r->src->lines[i].text;
	return NULL;
}

static int
valid_section(int n)
{
	return n >= 0 && n <= 6;
}

unsigned
nb_api_section_line(const nb_report *r, int n)
{
	return valid_section(n) ? r->sec[n].line : 0;
}

int
nb_api_section_count(const nb_report *r, int n)
{
	return valid_section(n) ? r->sec[n].count : 0;
}

unsigned
nb_api_section_end(const nb_report *r, int n)
{
	size_t end;

	if (!valid_section(n) || r->sec[n].count == 0 || r->sec[n].end == 0)
		return 0;
	end = r->sec[n].end - 1;
	return end < r->doc->nlines ? r->doc->lines[end].lineno : 0;
}

const char *
nb_api_section_text(const nb_report *r, int n)
{
	if (!valid_section(n) || r->sec[n].text == NULL)
		return "";
	return r->sec[n].text;
}

unsigned
nb_api_section_text_line(const nb_report *r, int n, size_t off)
{
	const struct nb_section *s;

	if (!valid_section(n))
		return 0;
	s = &r->sec[n];
	return nb_section_line_at(s, off);
}

size_t
nb_api_section_order(const nb_report *r, int *order, size_t max)
{
	size_t n = r->norder < max ? r->norder : max;

	memcpy(order, r->order, n * sizeof(*order));
	return n;
}

enum nb_table_state
nb_api_table_state(const nb_report *r, const char *t)
{
	long i = nb_pack_table_index(r->pack, t);

	return i < 0 ? NB_TABLE_ABSENT : r->tables[i].state;
}

unsigned
nb_api_table_line(const nb_report *r, const char *t)
{
	long i = nb_pack_table_index(r->pack, t);

	return i < 0 ? 0 : r->tables[i].line;
}

size_t
nb_api_cell_count(const nb_report *r)
{
	return r->pack->ncells;
}

const char *
nb_api_cell_id(const nb_report *r, size_t i)
{
	return i < r->pack->ncells ? r->pack->cells[i].id : NULL;
}

int
nb_api_cell_at(const nb_report *r, size_t i, struct nb_value *v)
{
	if (i >= r->pack->ncells)
		return -1;
	*v = r->cells[i].v;
	if (v->raw == NULL)
		v->raw = "";
	return 0;
}

int
nb_api_cell(const nb_report *r, const char *id, struct nb_value *v)
{
	long i = nb_pack_cell_index(r->pack, id);

	return i < 0 ? -1 : nb_api_cell_at(r, (size_t)i, v);
}

const char *
nb_api_cell_label(const nb_report *r, const char *id)
{
	long i = nb_pack_cell_index(r->pack, id);

	return i < 0 ? id : r->pack->cells[i].label;
}

size_t
nb_api_relation_count(const nb_report *r)
{
	return r->pack->nrelations;
}

const struct nb_relation *
nb_api_relation(const nb_report *r, size_t i)
{
	return i < r->pack->nrelations ? &r->pack->relations[i] : NULL;
}

size_t
nb_api_requirement_count(const nb_report *r)
{
	return r->pack->nreqs;
}

const struct nb_requirement *
nb_api_requirement(const nb_report *r, size_t i)
{
	return i < r->pack->nreqs ? &r->pack->reqs[i] : NULL;
}


/* Sum of n cells; cells[] their indices when the relation is the
 * pack's own (resolved at load), else NULL and ids[] are looked up. */
static int
side_sum(const nb_report *r, const long *cells, const char *const *ids,
    size_t n, double *sum)
{
	*sum = 0;
	for (size_t i = 0; i < n; i++) {
		long c = cells != NULL ? cells[i] :
		    nb_pack_cell_index(r->pack, ids[i]);
		const struct nb_value *v;

		if (c < 0)
			return -1;
		v = &r->cells[c].v;
		if (v->kind != NB_VAL_INT && v->kind != NB_VAL_DECIMAL)
			return -1;
		*sum += v->d;
	}
	return 0;
}

/* One of the pack's relations (as plugins pass them): its cells are
 * indices already. */
const long *
nb_api_relation_cells(const nb_report *r, const struct nb_relation *rel)
{
	const struct nb_pack *p = r->pack;
	uintptr_t at = (uintptr_t)rel, first = (uintptr_t)p->relations;

	if (rel == NULL || p->nrelations == 0 || at < first ||
	    at >= (uintptr_t)(p->relations + p->nrelations) ||
	    (at - first) % sizeof(*rel) != 0)
		return NULL;
	return nb_pack_rel_cells(p, (size_t)(rel - p->relations));
}

int
nb_api_relation_check(const nb_report *r, const struct nb_relation *rel,
    double *lhs, double *rhs)
{
	const long *cells;
	double d;

	if (rel == NULL)
		return -1;
	cells = nb_api_relation_cells(r, rel);
	if (side_sum(r, cells, rel->lhs, rel->n_lhs, lhs) == -1 ||
	    side_sum(r, cells != NULL ? cells + rel->n_lhs : NULL, rel->rhs,
	    rel->n_rhs, rhs) == -1)
		return -1;
	/* Amounts in 万元 have two decimals; counts are whole. */
	d = *lhs - *rhs;
	return d < 1e-6 && d > -1e-6;
}

/* Source lines grow with offsets, so a binary search finds the cut. */
size_t
nb_api_section_text_offset(const nb_report *r, int n, unsigned line)
{
	if (!valid_section(n))
		return 0;
	return nb_section_offset_of(&r->sec[n], line);
}

/* ---- ABI 1.1: how cells and tables were read ---- */

int
nb_api_cell_info(const nb_report *r, const char *id, struct nb_cell_info *info)
{
	long i = nb_pack_cell_index(r->pack, id);

	return i < 0 ? -1 : nb_api_cell_info_at(r, (size_t)i, info);
}

int
nb_api_cell_info_at(const nb_report *r, size_t i, struct nb_cell_info *info)
{
	const struct nb_cell *c;

	if (i >= r->pack->ncells || info == NULL)
		return -1;
	c = &r->cells[i];
	info->confidence = c->conf < 0 ? 0 : c->conf > 1 ? 1 : c->conf;
	info->source = c->src;
	/* A cell whose row was never found was not read, whatever the
	 * reader left in it. */
	if (c->v.kind == NB_VAL_ABSENT) {
		info->confidence = 0;
		info->source = NB_SRC_NONE;
	}
	return 0;
}

/* What to say when the reader gave no reason of its own. */
static const char *
state_why(enum nb_table_state st)
{
	switch (st) {
	case NB_TABLE_ABSENT:
		return "文中没有找到该表格";
	case NB_TABLE_HEADER_ONLY:
		return "只找到表头，没有找到数据行";
	case NB_TABLE_PARTIAL:
		return "只找到部分数据行";
	case NB_TABLE_UNREADABLE:
		return "表格中的数字无法确定地对应到单元格";
	default:
		return "部分单元格的读取不确定";
	}
}

double
nb_api_table_confidence(const nb_report *r, const char *t, const char **why)
{
	long i = nb_pack_table_index(r->pack, t);
	const struct nb_table *tb;
	double conf;

	if (why != NULL)
		*why = "";
	if (i < 0)
		return 0;
	tb = &r->tables[i];
	conf = tb->confidence < 0 ? 0 : tb->confidence > 1 ? 1 :
	    tb->confidence;
	if (why != NULL && (conf < NB_CONF_CERTAIN ||
	    tb->state != NB_TABLE_COMPLETE))
		*why = tb->why != NULL && tb->why[0] != '\0' ? tb->why :
		    state_why(tb->state);
	return conf;
}

/* Every heading found for section n, duplicates included, in source
 * order: a duplicated part is named at each of its places. */
size_t
nb_api_section_lines(const nb_report *r, int n, unsigned *lines, size_t max)
{
	size_t h, k = 0;

	for (h = 0; h < r->nheads; h++) {
		if (r->head_sec[h] != n || r->heads[h] >= r->doc->nlines)
			continue;
		if (lines != NULL && k < max)
			lines[k] = r->doc->lines[r->heads[h]].lineno;
		k++;
	}
	return k;
}

unsigned
nb_api_line_page(const nb_report *r, unsigned line, unsigned *page_line)
{
	return nb_doc_line_page(r->src, line, page_line);
}

/* ABI 1.3 */
int
nb_api_glued_row(const nb_report *r, const char *t, size_t i,
    struct nb_glued_row *g)
{
	long ti = nb_pack_table_index(r->pack, t);
	const struct nb_table *tb;
	const struct nb_bad_row *b;

	if (ti < 0 || g == NULL)
		return 0;
	tb = &r->tables[ti];
	if (i >= tb->nbad_rows)
		return 0;
	b = &tb->bad_rows[i];
	g->label = r->pack->tables[ti].rows[b->row].label;
	g->digits = b->digits;
	g->line = b->line;
	g->cells = b->cells;
	g->n_cells = b->ncells;
	g->relation = b->rel >= 0 && (size_t)b->rel < r->pack->nrelations ?
	    &r->pack->relations[b->rel] : NULL;
	return 1;
}

/* ABI 1.5 */
int
nb_api_section_heading(const nb_report *r, int n, struct nb_heading *h)
{
	if (n < 1 || n > 6 || h == NULL || r->sec[n].count == 0 ||
	    r->sec[n].heading == NULL)
		return 0;
	h->text = r->sec[n].heading;
	h->compact = r->sec[n].heading_c;
	h->format = r->pack->sections[n - 1].heading != NULL ?
	    r->pack->sections[n - 1].heading : "";
	h->line = r->sec[n].line;
	return 1;
}
