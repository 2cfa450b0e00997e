/*
 * result_json.c -- the JSON record of one result.
 *
 * The record is the contract with users' portals and log shippers
 * (doc/nianbao-result.schema.json): keys are ASCII, messages Chinese, and a
 * key that does not apply to a finding is left out rather than null.
 */
#include <math.h>

#include "nianbao.h"

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
strings(char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; a != NULL && i < n; i++)
		if (json_array_append_new(a, json_string(v[i])) == -1) {
			json_decref(a);
			return NULL;
		}
	return a;
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
	if (f->ncells > 0)
		rc |= put(o, "cells", strings(f->cells, f->ncells));
	if (f->nrelated > 0)
		rc |= put(o, "related", strings(f->related, f->nrelated));
	if (f->source != NULL)
		rc |= put(o, "source", json_string(f->source));
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* "tables": {"t3": {"state": …, "confidence": …, "why": …}} */
static json_t *
tables_json(const struct nb_result *res)
{
	json_t *o = json_object();
	int rc = 0;

	for (size_t i = 0; o != NULL && i < res->ntables; i++) {
		const struct nb_table_read *t = &res->tables[i];

		rc |= put(o, t->id, json_pack("{s:s, s:o, s:s}", "state",
		    nb_table_state_name(t->state), "confidence",
		    number(t->confidence), "why", t->why));
	}
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/*
 * "readings": {"t3.new.natural": [value, raw, line, page, confidence,
 * source]}: one short array a cell, as a record has a hundred of them.
 * value is null for a blank cell; line and page are 0 when unknown or
 * when the input has no pages, line is on its page otherwise.  Cells
 * whose row was not found are left out.
 */
static json_t *
readings_json(const struct nb_result *res)
{
	json_t *o = json_object();
	int rc = 0;

	for (size_t i = 0; o != NULL && i < res->nreadings; i++) {
		const struct nb_reading *d = &res->readings[i];
		int num = d->v.kind == NB_VAL_INT || d->v.kind == NB_VAL_DECIMAL;

		rc |= put(o, d->id, json_pack("[o, s, i, i, o, s]",
		    num ? number(d->v.d) : json_null(), d->v.raw,
		    (int)d->v.line, (int)d->v.page, number(d->confidence),
		    nb_cell_source_name(d->source)));
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
	if (res->ntables > 0)
		rc |= put(o, "tables", tables_json(res));
	if (res->nreadings > 0)
		rc |= put(o, "readings", readings_json(res));
	rc |= put(o, "summary", sum);
	rc |= put(sum, "errors", json_integer((json_int_t)res->errors));
	rc |= put(sum, "warnings", json_integer((json_int_t)res->warnings));
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}
