/*
 * record.c -- a checked result copied into the history store's record:
 * identity (the issuer by its roster name when it has one), cells,
 * narrative and findings with their cells, related reports and passages.
 */
#include <stdlib.h>
#include <string.h>

#include "record.h"

static char *
dup0(const char *s)
{
	return strdup(s ? s : "");
}

static int
copy_finding(struct nb_store_finding *d, const struct nb_found *f)
{
	d->severity = f->severity;
	d->line = f->line;
	d->page = f->page;
	d->section = f->section;
	d->has_values = f->has_values;
	d->expected = f->expected;
	d->actual = f->actual;
	if ((d->rule = dup0(f->rule)) == NULL ||
	    (d->plugin = dup0(f->plugin)) == NULL ||
	    (d->message = dup0(f->message)) == NULL ||
	    (f->cell && (d->cell = strdup(f->cell)) == NULL) ||
	    (f->relation && (d->relation = strdup(f->relation)) == NULL))
		return -1;
	if (f->ncells > 0 && (d->cells = calloc(f->ncells,
	    sizeof(*d->cells))) == NULL)
		return -1;
	for (size_t i = 0; i < f->ncells; i++, d->ncells++)
		if ((d->cells[i] = strdup(f->cells[i])) == NULL)
			return -1;
	if (f->nothers > 0) {
		if ((d->related = calloc(f->nothers, sizeof(*d->related))) ==
		    NULL)
			return -1;
		memcpy(d->related, f->others, f->nothers *
		    sizeof(*d->related));
		d->nrelated = f->nothers;
	}
	if (f->npos > 0) {
		if ((d->pos = calloc(f->npos, sizeof(*d->pos))) == NULL)
			return -1;
		for (size_t i = 0; i < f->npos; i++)
			d->pos[i] = (struct nb_store_pos){ f->pos[i].section,
			    f->line, f->page, f->pos[i].off, f->pos[i].len };
		d->npos = f->npos;
	}
	return 0;
}

static int
copy_cells(struct nb_store_report *r, const struct nb_result *res)
{
	if (res->ncells == 0)
		return 0;
	if ((r->cells = calloc(res->ncells, sizeof(*r->cells))) == NULL)
		return -1;
	for (size_t i = 0; i < res->ncells; i++, r->ncells++) {
		struct nb_store_cell *c = &r->cells[i];

		c->v = res->cells[i].v;
		c->v.raw = NULL;
		c->has_confidence = res->cells[i].has_confidence;
		c->confidence = res->cells[i].confidence;
		if ((c->id = strdup(res->cells[i].id)) == NULL ||
		    (c->v.raw = dup0(res->cells[i].v.raw)) == NULL)
			return -1;
	}
	return 0;
}

static int
copy_all(struct nb_store_report *r, const struct nb_result *res,
    const struct nb_origin *o, const struct nb_roster *roster)
{
	const struct nb_roster_entry *e = nb_roster_match(roster,
	    res->issuer, o->origin);

	r->year = res->year;
	r->received = o->received;
	r->checked = o->checked;
	r->published = res->published;
	r->errors = res->errors;
	r->warnings = res->warnings;
	memcpy(r->sha256, res->sha256, sizeof(r->sha256));
	if ((r->spool = dup0(o->spool)) == NULL ||
	    (r->id = dup0(o->id)) == NULL ||
	    (r->file = dup0(res->file)) == NULL ||
	    (r->origin = dup0(o->origin)) == NULL ||
	    (r->issuer = dup0(res->issuer)) == NULL ||
	    (r->issuer_key = e ? strdup(e->key) :
	    nb_issuer_key(res->issuer ? res->issuer : "")) == NULL ||
	    (r->format = dup0(nb_format_name(res->format))) == NULL ||
	    (r->kind = dup0(res->kind)) == NULL || copy_cells(r, res) == -1)
		return -1;
	for (int k = 0; k < NB_STORE_NTEXT && k < NB_RESULT_NTEXT; k++)
		if (res->text[k] != NULL &&
		    (r->text[k] = strdup(res->text[k])) == NULL)
			return -1;
	if (res->nfindings > 0 && (r->findings = calloc(res->nfindings,
	    sizeof(*r->findings))) == NULL)
		return -1;
	for (size_t i = 0; i < res->nfindings; i++, r->nfindings++)
		if (copy_finding(&r->findings[i], &res->findings[i]) == -1) {
			r->nfindings++;	/* so that it is freed */
			return -1;
		}
	return 0;
}

struct nb_store_report *
nb_record_from_result(const struct nb_result *res, const struct nb_origin *o,
    const struct nb_roster *roster, struct nb_error *err)
{
	struct nb_store_report *r = calloc(1, sizeof(*r));

	if (r == NULL || copy_all(r, res, o, roster) == -1) {
		nb_store_report_free(r);
		nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", res->file);
		return NULL;
	}
	return r;
}
