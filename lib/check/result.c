/*
 * result.c -- the findings of one input and their JSON record.
 *
 * The record is the contract with users' portals and log shippers
 * (doc/nianbao-result.schema.json): keys are ASCII, messages Chinese, and a
 * key that does not apply to a finding is left out rather than null.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "host.h"
#include "nianbao.h"

static char *
dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void
found_free(struct nb_found *f)
{
	free(f->rule);
	free(f->plugin);
	free(f->message);
	free(f->cell);
	free(f->relation);
	for (size_t i = 0; i < f->ncells; i++)
		free(f->cells[i]);
	free(f->cells);
}

static int
copy_cells(struct nb_found *d, const struct nb_finding *f)
{
	if (f->n_cells == 0 || f->cells == NULL)
		return 0;
	if ((d->cells = calloc(f->n_cells, sizeof(*d->cells))) == NULL)
		return -1;
	for (size_t i = 0; i < f->n_cells; i++) {
		if (f->cells[i] == NULL)
			continue;
		if ((d->cells[d->ncells++] = strdup(f->cells[i])) == NULL)
			return -1;
	}
	return 0;
}

int
nb_result_add(struct nb_result *res, const char *plugin,
    const struct nb_finding *f, unsigned page)
{
	struct nb_found *d;

	if (res->nfindings == res->cap) {
		size_t cap = res->cap ? res->cap * 2 : 16;
		struct nb_found *nf = realloc(res->findings, cap * sizeof(*nf));
		if (nf == NULL)
			return -1;
		res->findings = nf;
		res->cap = cap;
	}
	d = &res->findings[res->nfindings];
	memset(d, 0, sizeof(*d));
	d->severity = f->severity;
	d->line = f->line;
	d->page = page;
	d->section = f->section;
	d->has_values = f->has_values;
	d->expected = f->expected;
	d->actual = f->actual;
	if ((d->rule = strdup(f->rule)) == NULL ||
	    (d->plugin = strdup(plugin)) == NULL ||
	    (d->message = strdup(f->message)) == NULL ||
	    (f->cell && (d->cell = strdup(f->cell)) == NULL) ||
	    (f->relation && (d->relation = strdup(f->relation)) == NULL) ||
	    copy_cells(d, f) == -1) {
		found_free(d);
		return -1;
	}
	res->nfindings++;
	if (f->severity == NB_SEV_ERROR)
		res->errors++;
	else if (f->severity == NB_SEV_WARNING)
		res->warnings++;
	return 0;
}

struct nb_result *
nb_result_new(const char *file)
{
	struct nb_result *res = calloc(1, sizeof(*res));

	if (res == NULL)
		return NULL;
	if ((res->file = strdup(file)) == NULL) {
		free(res);
		return NULL;
	}
	res->kind = "text";
	res->encoding = "UTF-8";
	return res;
}

void
nb_result_free(struct nb_result *res)
{
	if (res == NULL)
		return;
	for (size_t i = 0; i < res->nfindings; i++)
		found_free(&res->findings[i]);
	free(res->findings);
	free(res->file);
	free(res->issuer);
	nb_doc_free(res->doc);
	free(res);
}

int
nb_result_set_issuer(struct nb_result *res, const char *issuer)
{
	free(res->issuer);
	res->issuer = dup_or_null(issuer && issuer[0] ? issuer : NULL);
	return issuer && issuer[0] && res->issuer == NULL ? -1 : 0;
}

/* Document-level findings (line 0) first, then by line; stable. */
static int
cmp_found(const void *a, const void *b)
{
	const struct nb_found *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x < y ? -1 : x > y;
}

void
nb_result_sort(struct nb_result *res)
{
	if (res->nfindings > 1)
		qsort(res->findings, res->nfindings, sizeof(*res->findings),
		    cmp_found);
}

const char *
nb_format_name(enum nb_format f)
{
	switch (f) {
	case NB_FMT_OLD:
		return "old";
	case NB_FMT_2019:
		return "2019";
	case NB_FMT_2021:
		return "2021";
	default:
		return "unknown";
	}
}

const char *
nb_severity_name(enum nb_severity s)
{
	switch (s) {
	case NB_SEV_ERROR:
		return "error";
	case NB_SEV_WARNING:
		return "warning";
	default:
		return "info";
	}
}

/* Counts are integers; show them as such, amounts as reals. */
static json_t *
number(double v)
{
	if (v == floor(v) && fabs(v) < 9e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

/* json_object_set_new that reports failure of the value or the set. */
static int
put(json_t *o, const char *k, json_t *v)
{
	return v == NULL || json_object_set_new(o, k, v) == -1 ? -1 : 0;
}

static json_t *
found_json(const struct nb_found *f)
{
	json_t *o = json_object();
	int rc = 0;

	if (o == NULL)
		return NULL;
	rc |= put(o, "rule", json_string(f->rule));
	rc |= put(o, "severity", json_string(nb_severity_name(f->severity)));
	rc |= put(o, "message", json_string(f->message));
	rc |= put(o, "plugin", json_string(f->plugin));
	if (f->line)
		rc |= put(o, "line", json_integer(f->line));
	if (f->page)
		rc |= put(o, "page", json_integer(f->page));
	if (f->section)
		rc |= put(o, "section", json_integer(f->section));
	if (f->cell)
		rc |= put(o, "cell", json_string(f->cell));
	if (f->relation)
		rc |= put(o, "relation", json_string(f->relation));
	if (f->has_values) {
		rc |= put(o, "expected", number(f->expected));
		rc |= put(o, "actual", number(f->actual));
	}
	if (f->ncells > 0) {
		json_t *a = json_array();
		rc |= put(o, "cells", a);
		for (size_t i = 0; a != NULL && i < f->ncells; i++)
			rc |= json_array_append_new(a, json_string(f->cells[i]));
	}
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *
nb_result_json(const struct nb_result *res)
{
	json_t *o = json_object(), *fa = json_array(), *sum = json_object();
	int rc = 0;

	if (o == NULL || fa == NULL || sum == NULL) {
		json_decref(o);
		json_decref(fa);
		json_decref(sum);
		return NULL;
	}
	rc |= put(o, "file", json_string(res->file));
	rc |= put(o, "kind", json_string(res->kind));
	rc |= put(o, "encoding", json_string(res->encoding));
	rc |= put(o, "format", json_string(nb_format_name(res->format)));
	if (res->year)
		rc |= put(o, "year", json_integer(res->year));
	if (res->issuer)
		rc |= put(o, "issuer", json_string(res->issuer));
	rc |= put(o, "findings", fa);
	for (size_t i = 0; i < res->nfindings; i++)
		rc |= json_array_append_new(fa, found_json(&res->findings[i]));
	rc |= put(o, "summary", sum);
	rc |= put(sum, "errors", json_integer((json_int_t)res->errors));
	rc |= put(sum, "warnings", json_integer((json_int_t)res->warnings));
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}
