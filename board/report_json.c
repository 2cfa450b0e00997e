/*
 * report_json.c -- a stored report as the CLI's JSON object (see
 * report_json.h and lib/check/result_json.c, whose keys it keeps).
 */
#include <string.h>

#include "nianbao.h"
#include "report_json.h"

static json_t *
verdict(const struct nb_store_verdict *v)
{
	return json_pack("{s:s, s:s, s:s, s:I}", "state", v->state ==
	    NB_VERDICT_DISMISSED ? "dismissed" : "confirmed", "note",
	    v->note, "reviewer", v->reviewer, "at", (json_int_t)v->at);
}

/* A stored finding as the record writes one (nb_found_json, on a view of
 * it), with what the store adds: its id, the reports behind it, the
 * passages and the newest verdict. */
static json_t *
finding(const struct nb_store_finding *f, const struct nb_store_verdict *v,
    size_t nv)
{
	const struct nb_store_verdict *last;
	struct nb_found view = { .rule = f->rule, .plugin = f->plugin,
	    .severity = f->severity, .message = f->message, .line = f->line,
	    .page = f->page, .section = f->section, .cell = f->cell,
	    .cells = f->cells, .ncells = f->ncells, .relation = f->relation,
	    .has_values = f->has_values, .expected = f->expected,
	    .actual = f->actual };
	json_t *o = nb_found_json(&view), *a;
	int rc = 0;

	if (o == NULL)
		return NULL;
	rc |= nb_json_put(o, "fid", json_integer(f->fid));
	if (f->nrelated > 0 &&
	    (rc |= nb_json_put(o, "others", a = json_array())) == 0)
		for (size_t i = 0; i < f->nrelated; i++)
			rc |= json_array_append_new(a, json_integer(
			    f->related[i]));
	if (f->npos > 0 &&
	    (rc |= nb_json_put(o, "pos", a = json_array())) == 0)
		for (size_t i = 0; i < f->npos; i++)
			rc |= json_array_append_new(a, json_pack("[i, I, I]",
			    f->pos[i].section, (json_int_t)f->pos[i].off,
			    (json_int_t)f->pos[i].len));
	if ((last = nb_store_verdict_of(v, nv, f->fid)) != NULL)
		rc |= nb_json_put(o, "review", verdict(last));
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *
readings(const struct nb_store_report *r)
{
	json_t *o = json_object();
	int rc = 0;

	for (size_t i = 0; o != NULL && i < r->ncells; i++) {
		const struct nb_store_cell *c = &r->cells[i];
		int num = c->v.kind == NB_VAL_INT ||
		    c->v.kind == NB_VAL_DECIMAL;

		rc |= nb_json_put(o, c->id, json_pack("[o, s, i, i, o, s]",
		    num ? nb_json_number(c->v.d) : json_null(),
		    c->v.raw ? c->v.raw : "", (int)c->v.line, (int)c->v.page,
		    nb_json_number(c->has_confidence ? c->confidence : 1),
		    "store"));
	}
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *
texts(const struct nb_store_report *r)
{
	json_t *a = json_array();
	int rc = 0;

	for (size_t i = 0; a != NULL && i < NB_STORE_NTEXT; i++)
		rc |= json_array_append_new(a, r->text[i] ?
		    json_string(r->text[i]) : json_null());
	if (rc != 0) {
		json_decref(a);
		return NULL;
	}
	return a;
}

json_t *
board_report_json(const struct nb_store_report *r,
    const struct nb_store_verdict *v, size_t nv)
{
	json_t *o = json_object(), *fa = json_array();
	int rc = 0;

	if (o == NULL || fa == NULL) {
		json_decref(o);
		json_decref(fa);
		return NULL;
	}
	rc |= nb_json_put(o, "file", json_string(r->file));
	rc |= nb_json_put(o, "kind", json_string(r->kind));
	rc |= nb_json_put(o, "format", json_string(r->format));
	if (r->year)
		rc |= nb_json_put(o, "year", json_integer(r->year));
	if (r->issuer && *r->issuer)
		rc |= nb_json_put(o, "issuer", json_string(r->issuer));
	rc |= nb_json_put(o, "findings", fa);
	for (size_t i = 0; i < r->nfindings; i++)
		rc |= json_array_append_new(fa, finding(&r->findings[i], v,
		    nv));
	rc |= nb_json_put(o, "readings", readings(r));
	rc |= nb_json_put(o, "summary", json_pack("{s:I, s:I}", "errors",
	    (json_int_t)r->errors, "warnings", (json_int_t)r->warnings));
	rc |= nb_json_put(o, "rid", json_integer(r->rid));
	rc |= nb_json_put(o, "version", json_integer(r->version));
	rc |= nb_json_put(o, "series", json_integer(r->series));
	rc |= nb_json_put(o, "sha256", json_string(r->sha256));
	rc |= nb_json_put(o, "issuer_key",
	    json_string(r->issuer_key ? r->issuer_key : ""));
	rc |= nb_json_put(o, "received", json_integer(r->received));
	rc |= nb_json_put(o, "published", json_integer(r->published));
	rc |= nb_json_put(o, "checked", json_integer(r->checked));
	rc |= nb_json_put(o, "texts", texts(r));
	if (rc != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int
board_load_report(struct nb_store *s, int64_t rid, json_t **out,
    struct nb_error *err)
{
	struct nb_store_report *r;
	struct nb_store_verdict *v;
	size_t nv;

	*out = NULL;
	if (nb_store_get(s, rid, &r, err) == -1)
		return -1;
	if (r == NULL)
		return 0;
	if (nb_store_verdicts(s, rid, &v, &nv, err) == -1) {
		nb_store_report_free(r);
		return -1;
	}
	*out = board_report_json(r, v, nv);
	nb_store_verdicts_free(v, nv);
	nb_store_report_free(r);
	return *out == NULL ? nb_fail(err, NB_ERR_NOMEM, "内存不足") : 0;
}
