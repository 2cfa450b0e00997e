/*
 * cross.c -- the api table of check_history(): the checked result stands
 * in for the model (identity, cells, narrative; no source lines, no
 * relations), and the history calls go to the caller's store.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cross.h"

/* What the plugins get as their `const nb_report *`. */
struct rec {
	const struct nb_result	*res;
	const struct nb_pack	*pack;
	const struct nb_history	*hist;
};

#define REC(r)	((const struct rec *)(const void *)(r))

static enum nb_format
x_format(const nb_report *r)
{
	return REC(r)->res->format;
}

static int
x_year(const nb_report *r)
{
	return REC(r)->res->year;
}

static const char *
x_issuer(const nb_report *r)
{
	return REC(r)->res->issuer ? REC(r)->res->issuer : "";
}

static unsigned
x_period_line(const nb_report *r, int *start, int *end)
{
	(void)r;
	if (start != NULL)
		*start = 0;
	if (end != NULL)
		*end = 0;
	return 0;
}

static unsigned
x_zero(const nb_report *r)
{
	(void)r;
	return 0;
}

static const char *
x_line_text(const nb_report *r, unsigned line)
{
	(void)r;
	(void)line;
	return NULL;
}

static unsigned
x_section_zero(const nb_report *r, int n)
{
	(void)r;
	(void)n;
	return 0;
}

static int
x_section_count(const nb_report *r, int n)
{
	const struct nb_result *res = REC(r)->res;

	return n >= 1 && n < NB_RESULT_NTEXT && res->text[n] != NULL &&
	    res->text[n][0] != '\0';
}

static const char *
x_section_text(const nb_report *r, int n)
{
	const struct nb_result *res = REC(r)->res;

	if (n < 0 || n >= NB_RESULT_NTEXT || res->text[n] == NULL)
		return "";
	return res->text[n];
}

static unsigned
x_section_text_line(const nb_report *r, int n, size_t off)
{
	(void)r;
	(void)n;
	(void)off;
	return 0;
}

static size_t
x_section_order(const nb_report *r, int *order, size_t max)
{
	(void)r;
	(void)order;
	(void)max;
	return 0;
}

static enum nb_table_state
x_table_state(const nb_report *r, const char *t)
{
	const struct nb_result *res = REC(r)->res;
	size_t n = strlen(t);

	for (size_t i = 0; i < res->ncells; i++)
		if (strncmp(res->cells[i].id, t, n) == 0 &&
		    res->cells[i].id[n] == '.' &&
		    res->cells[i].v.kind != NB_VAL_ABSENT)
			return NB_TABLE_PARTIAL;
	return NB_TABLE_ABSENT;
}

static unsigned
x_table_line(const nb_report *r, const char *t)
{
	(void)r;
	(void)t;
	return 0;
}

static size_t
x_cell_count(const nb_report *r)
{
	return REC(r)->res->ncells;
}

static const char *
x_cell_id(const nb_report *r, size_t i)
{
	return i < REC(r)->res->ncells ? REC(r)->res->cells[i].id : NULL;
}

static int
x_cell(const nb_report *r, const char *id, struct nb_value *v)
{
	const struct nb_result *res = REC(r)->res;

	for (size_t i = 0; i < res->ncells; i++)
		if (strcmp(res->cells[i].id, id) == 0) {
			*v = res->cells[i].v;
			return 0;
		}
	return -1;
}

static const char *
x_cell_label(const nb_report *r, const char *id)
{
	long i = nb_pack_cell_index(REC(r)->pack, id);

	return i < 0 ? id : REC(r)->pack->cells[i].label;
}

static size_t
x_relation_count(const nb_report *r)
{
	(void)r;
	return 0;
}

static const struct nb_relation *
x_relation(const nb_report *r, size_t i)
{
	(void)r;
	(void)i;
	return NULL;
}

static int
x_emit(nb_ctx *ctx, const struct nb_finding *f)
{
	return nb_ctx_add(ctx, f, NULL);
}

static void
x_log(nb_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	(void)ctx;
	fputs("nianbao: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int
x_relation_check(const nb_report *r, const struct nb_relation *rel,
    double *lhs, double *rhs)
{
	(void)r;
	(void)rel;
	(void)lhs;
	(void)rhs;
	return -1;
}

static size_t
x_section_text_offset(const nb_report *r, int n, unsigned line)
{
	(void)line;
	return strlen(x_section_text(r, n));
}

/* ---- ABI 1.2: the history ---- */

static size_t
x_related(const nb_report *r, enum nb_related kind, nb_handle *h,
    size_t max)
{
	const struct rec *x = REC(r);

	return x->hist->related(x->hist->arg, x->res, kind, h, max);
}

static size_t
x_similar(const nb_report *r, const uint64_t *keys, size_t nkeys,
    nb_handle *h, size_t max)
{
	const struct rec *x = REC(r);

	return x->hist->similar(x->hist->arg, x->res, keys, nkeys, h, max);
}

static const char *
x_other_issuer(const nb_report *r, nb_handle h)
{
	return REC(r)->hist->issuer(REC(r)->hist->arg, h);
}

static int
x_other_year(const nb_report *r, nb_handle h)
{
	return REC(r)->hist->year(REC(r)->hist->arg, h);
}

static int
x_other_cell(const nb_report *r, nb_handle h, const char *id,
    struct nb_value *v)
{
	return REC(r)->hist->cell(REC(r)->hist->arg, h, id, v);
}

static const char *
x_other_text(const nb_report *r, nb_handle h, int n)
{
	return REC(r)->hist->text(REC(r)->hist->arg, h, n);
}

static const char *
x_attr(const nb_report *r, nb_handle h, const char *key)
{
	const struct rec *x = REC(r);

	return x->hist->attr(x->hist->arg, x->res, h, key);
}

static int
x_relate(nb_ctx *ctx, nb_handle h)
{
	return nb_result_relate(nb_ctx_result(ctx), h);
}

static int
x_mark(nb_ctx *ctx, int n, size_t off, size_t len)
{
	return nb_result_mark(nb_ctx_result(ctx), n, off, len);
}

static const struct nb_api cross_api = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_api),
	.format = x_format,
	.year = x_year,
	.issuer = x_issuer,
	.title_line = x_zero,
	.period_line = x_period_line,
	.line_count = x_zero,
	.line_text = x_line_text,
	.section_line = x_section_zero,
	.section_count = x_section_count,
	.section_end = x_section_zero,
	.section_text = x_section_text,
	.section_text_line = x_section_text_line,
	.section_order = x_section_order,
	.table_state = x_table_state,
	.table_line = x_table_line,
	.cell_count = x_cell_count,
	.cell_id = x_cell_id,
	.cell = x_cell,
	.cell_label = x_cell_label,
	.relation_count = x_relation_count,
	.relation = x_relation,
	.option = nb_ctx_option,
	.emit = x_emit,
	.log = x_log,
	.relation_check = x_relation_check,
	.section_text_offset = x_section_text_offset,
	.related = x_related,
	.similar = x_similar,
	.other_issuer = x_other_issuer,
	.other_year = x_other_year,
	.other_cell = x_other_cell,
	.other_text = x_other_text,
	.attr = x_attr,
	.relate = x_relate,
	.mark = x_mark,
};

int
nb_cross_run(struct nb_host *h, const struct nb_pack *pack,
    struct nb_result *res, const struct nb_history *hist)
{
	struct rec x = { res, pack, hist };

	return nb_host_run_history(h, &cross_api,
	    (const nb_report *)(const void *)&x, res);
}
