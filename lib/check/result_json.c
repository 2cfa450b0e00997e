/*
 * result_json.c -- the JSON record of one result.
 *
 * The record is the contract with users' portals and log shippers
 * (doc/nianbao-result.schema.json): keys are ASCII, messages Chinese, and a
 * key that does not apply to a finding is left out rather than null.
 */
#include "nianbao.h"

json_t *
nb_found_json(const struct nb_found *f)
{
	json_t *o = json_object();
	int rc = 0;

	if (o == NULL)
		return NULL;
	rc |= nb_json_put(o, "rule", json_string(f->rule));
	rc |= nb_json_put(o, "severity",
	    json_string(nb_severity_name(f->severity)));
	rc |= nb_json_put(o, "message", json_string(f->message));
	rc |= nb_json_put(o, "plugin", json_string(f->plugin));
	if (f->line)
		rc |= nb_json_put(o, "line", json_integer(f->line));
	if (f->page)
		rc |= nb_json_put(o, "page", json_integer(f->page));
	if (f->section)
		rc |= nb_json_put(o, "section", json_integer(f->section));
	if (f->cell)
		rc |= nb_json_put(o, "cell", json_string(f->cell));
	if (f->relation)
		rc |= nb_json_put(o, "relation", json_string(f->relation));
	if (f->has_values) {
		rc |= nb_json_put(o, "expected", nb_json_number(f->expected));
		rc |= nb_json_put(o, "actual", nb_json_number(f->actual));
	}
	if (f->ncells > 0)
		rc |= nb_json_put(o, "cells",
		    nb_json_strings(f->cells, f->ncells));
	if (f->nrelated > 0)
		rc |= nb_json_put(o, "related",
		    nb_json_strings(f->related, f->nrelated));
	if (f->source != NULL)
		rc |= nb_json_put(o, "source", json_string(f->source));
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

		rc |= nb_json_put(o, t->id, json_pack("{s:s, s:o, s:s}",
		    "state", nb_table_state_name(t->state), "confidence",
		    nb_json_number(t->confidence), "why", t->why));
	}
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* json_pack("[o, s, i, i, o, s]", ...) of one reading, without parsing
 * a format a cell: the same array, NULL when a part is.  (An appended
 * value is the array's even when the append fails; NULL fails it.) */
static json_t *
reading_json(const struct nb_reading *d, int num)
{
	json_t *a = json_array();

	if (a == NULL ||
	    json_array_append_new(a, num ? nb_json_number(d->v.d) :
	    json_null()) == -1 ||
	    json_array_append_new(a, d->v.raw != NULL ?
	    json_string(d->v.raw) : NULL) == -1 ||
	    json_array_append_new(a, json_integer((int)d->v.line)) == -1 ||
	    json_array_append_new(a, json_integer((int)d->v.page)) == -1 ||
	    json_array_append_new(a, nb_json_number(d->confidence)) == -1 ||
	    json_array_append_new(a,
	    json_string(nb_cell_source_name(d->source))) == -1) {
		json_decref(a);
		return NULL;
	}
	return a;
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
		int num = d->v.kind == NB_VAL_INT ||
		    d->v.kind == NB_VAL_DECIMAL;

		rc |= nb_json_put(o, d->id, reading_json(d, num));
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
	rc |= nb_json_put(o, "file", json_string(res->file));
	rc |= nb_json_put(o, "kind", json_string(res->kind));
	rc |= nb_json_put(o, "encoding", json_string(res->encoding));
	rc |= nb_json_put(o, "format",
	    json_string(nb_format_name(res->format)));
	if (res->year)
		rc |= nb_json_put(o, "year", json_integer(res->year));
	if (res->issuer)
		rc |= nb_json_put(o, "issuer", json_string(res->issuer));
	rc |= nb_json_put(o, "findings", fa);
	for (size_t i = 0; i < res->nfindings; i++)
		rc |= json_array_append_new(fa,
		    nb_found_json(&res->findings[i]));
	if (res->ntables > 0)
		rc |= nb_json_put(o, "tables", tables_json(res));
	if (res->nreadings > 0)
		rc |= nb_json_put(o, "readings", readings_json(res));
	rc |= nb_json_put(o, "summary", sum);
	rc |= nb_json_put(sum, "errors", json_integer((json_int_t)res->errors));
	rc |= nb_json_put(sum, "warnings",
	    json_integer((json_int_t)res->warnings));
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}
