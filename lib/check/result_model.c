/*
 * result_model.c -- a checked result as the daemon's worker sends it to
 * the history stage, and read back there: the identity, every cell, the
 * narrative and every finding -- what the checks across reports and the
 * store need, and nothing of the document.
 *
 *   {"file", "kind", "format", "year", "issuer", "sha256", "published",
 *    "cells": [[id, kind, i, d, line, page, raw, confidence|null]...],
 *    "text": [preamble|null, section 1|null, ... section 6|null],
 *    "findings": [{"rule", "plugin", "severity", "message", "line",
 *                  "page", "docline", "section", "cell", "cells",
 *                  "relation", "related", "expected", "actual"}...]}
 *
 * The worker is hostile ground: what comes back is checked as any input
 * is, and a model that does not parse is refused whole.
 */
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "nianbao.h"

static json_t *
found_model(const struct nb_found *f)
{
	json_t *o = json_pack("{s:s, s:s, s:i, s:s, s:I, s:I, s:I, s:i,"
	    " s:s*, s:o, s:s*, s:o}", "rule", f->rule, "plugin", f->plugin,
	    "severity", (int)f->severity, "message", f->message,
	    "line", (json_int_t)f->line, "page", (json_int_t)f->page,
	    "docline", (json_int_t)f->docline, "section", f->section,
	    "cell", f->cell, "cells", nb_json_strings(f->cells, f->ncells),
	    "relation", f->relation, "related",
	    nb_json_strings(f->related, f->nrelated));

	if (o != NULL && f->has_values && (json_object_set_new(o, "expected",
	    json_real(f->expected)) == -1 || json_object_set_new(o, "actual",
	    json_real(f->actual)) == -1)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *
cell_model(const struct nb_rcell *c)
{
	return json_pack("[s, i, I, f, I, I, s, o]", c->id, (int)c->v.kind,
	    (json_int_t)c->v.i, c->v.d, (json_int_t)c->v.line,
	    (json_int_t)c->v.page, c->v.raw ? c->v.raw : "",
	    c->has_confidence ? json_real(c->confidence) : json_null());
}

json_t *
nb_result_model_json(const struct nb_result *res)
{
	json_t *cells = json_array(), *text = json_array(),
	    *found = json_array(), *o;
	int bad = cells == NULL || text == NULL || found == NULL;

	for (size_t i = 0; !bad && i < res->ncells; i++)
		bad |= json_array_append_new(cells,
		    cell_model(&res->cells[i])) == -1;
	for (size_t i = 0; !bad && i < NB_RESULT_NTEXT; i++)
		bad |= json_array_append_new(text, res->text[i] ?
		    json_string(res->text[i]) : json_null()) == -1;
	for (size_t i = 0; !bad && i < res->nfindings; i++)
		bad |= json_array_append_new(found,
		    found_model(&res->findings[i])) == -1;
	if (bad) {
		json_decref(cells);
		json_decref(text);
		json_decref(found);
		return NULL;
	}
	o = json_pack("{s:s, s:s, s:s, s:i, s:s*, s:s, s:I, s:o, s:o, s:o}",
	    "file", res->file, "kind", res->kind ? res->kind : "text",
	    "format", nb_format_name(res->format), "year", res->year,
	    "issuer", res->issuer, "sha256", res->sha256,
	    "published", (json_int_t)res->published, "cells", cells,
	    "text", text, "findings", found);
	return o;
}

/* ---- reading it back ---- */

/* The kinds of input the readers give (a result keeps a pointer). */
static const char *
kind_of(const char *s)
{
	static const char *const kinds[] = { "text", "html", "docx", "pdf",
	    NULL };

	for (size_t i = 0; s != NULL && kinds[i] != NULL; i++)
		if (strcmp(s, kinds[i]) == 0)
			return kinds[i];
	return "unknown";
}

static enum nb_format
format_of(const char *s)
{
	static const enum nb_format f[] = { NB_FMT_2021, NB_FMT_2019,
	    NB_FMT_OLD };

	for (size_t i = 0; s != NULL && i < sizeof(f) / sizeof(f[0]); i++)
		if (strcmp(s, nb_format_name(f[i])) == 0)
			return f[i];
	return NB_FMT_UNKNOWN;
}

static int
get_strv(const json_t *a, const char ***out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (a == NULL || json_array_size(a) == 0)
		return 0;
	if (!json_is_array(a) ||
	    (*out = calloc(json_array_size(a), sizeof(**out))) == NULL)
		return -1;
	for (size_t i = 0; i < json_array_size(a); i++)
		if (((*out)[(*n)++] = json_string_value(json_array_get(a,
		    i))) == NULL)
			return -1;
	return 0;
}

static int
add_found(struct nb_result *res, const json_t *o)
{
	struct nb_finding f = { 0 };
	const char *plugin = json_string_value(json_object_get(o, "plugin"));
	const char **cells = NULL, **related = NULL;
	size_t n;
	int rc = -1;

	f.rule = json_string_value(json_object_get(o, "rule"));
	f.message = json_string_value(json_object_get(o, "message"));
	f.severity = (enum nb_severity)json_integer_value(json_object_get(o,
	    "severity"));
	f.line = (unsigned)json_integer_value(json_object_get(o, "docline"));
	f.section = (int)json_integer_value(json_object_get(o, "section"));
	f.cell = json_string_value(json_object_get(o, "cell"));
	f.relation = json_string_value(json_object_get(o, "relation"));
	f.has_values = json_object_get(o, "expected") != NULL;
	f.expected = json_number_value(json_object_get(o, "expected"));
	f.actual = json_number_value(json_object_get(o, "actual"));
	if (f.rule == NULL || f.message == NULL || plugin == NULL ||
	    f.severity < NB_SEV_INFO || f.severity > NB_SEV_ERROR ||
	    get_strv(json_object_get(o, "cells"), &cells, &n) == -1)
		goto out;
	f.cells = cells;
	f.n_cells = n;
	if (get_strv(json_object_get(o, "related"), &related, &n) == -1)
		goto out;
	f.related = related;
	f.n_related = n;
	if (nb_result_add(res, plugin, &f, NULL) == -1)
		goto out;
	/* Shown as the worker placed it (on its page). */
	res->findings[res->nfindings - 1].line =
	    (unsigned)json_integer_value(json_object_get(o, "line"));
	res->findings[res->nfindings - 1].page =
	    (unsigned)json_integer_value(json_object_get(o, "page"));
	rc = 0;
 out:
	free(cells);
	free(related);
	return rc;
}

static int
add_cell(struct nb_result *res, const json_t *a)
{
	struct nb_rcell *c = &res->cells[res->ncells];
	const char *id = json_string_value(json_array_get(a, 0));
	const char *raw = json_string_value(json_array_get(a, 6));
	const json_t *conf = json_array_get(a, 7);
	json_int_t kind = json_integer_value(json_array_get(a, 1));

	if (!json_is_array(a) || json_array_size(a) != 8 || id == NULL ||
	    raw == NULL || kind < NB_VAL_ABSENT || kind > NB_VAL_DECIMAL)
		return -1;
	memset(c, 0, sizeof(*c));
	c->v.kind = (enum nb_value_kind)kind;
	c->v.i = json_integer_value(json_array_get(a, 2));
	c->v.d = json_number_value(json_array_get(a, 3));
	c->v.line = (unsigned)json_integer_value(json_array_get(a, 4));
	c->v.page = (unsigned)json_integer_value(json_array_get(a, 5));
	c->has_confidence = json_is_number(conf);
	c->confidence = json_number_value(conf);
	if ((c->id = strdup(id)) == NULL)
		return -1;
	if ((c->v.raw = strdup(raw)) == NULL) {
		free(c->id);
		return -1;
	}
	res->ncells++;
	return 0;
}

static int
fill(struct nb_result *res, const json_t *m)
{
	const json_t *cells = json_object_get(m, "cells"), *v;
	const json_t *text = json_object_get(m, "text");
	const json_t *found = json_object_get(m, "findings");
	const char *sha = json_string_value(json_object_get(m, "sha256"));
	size_t i;

	res->kind = kind_of(json_string_value(json_object_get(m, "kind")));
	res->format = format_of(json_string_value(json_object_get(m,
	    "format")));
	res->year = (int)json_integer_value(json_object_get(m, "year"));
	res->published = json_integer_value(json_object_get(m, "published"));
	if (sha == NULL || strlen(sha) >= sizeof(res->sha256) ||
	    !json_is_array(cells) || !json_is_array(found) ||
	    !json_is_array(text) || json_array_size(text) > NB_RESULT_NTEXT ||
	    nb_result_set_issuer(res, json_string_value(json_object_get(m,
	    "issuer"))) == -1)
		return -1;
	memcpy(res->sha256, sha, strlen(sha) + 1);
	if (json_array_size(cells) > 0 && (res->cells = calloc(
	    json_array_size(cells), sizeof(*res->cells))) == NULL)
		return -1;
	json_array_foreach(cells, i, v)
		if (add_cell(res, v) == -1)
			return -1;
	json_array_foreach(text, i, v) {
		if (json_is_null(v))
			continue;
		if (!json_is_string(v) ||
		    (res->text[i] = strdup(json_string_value(v))) == NULL)
			return -1;
	}
	json_array_foreach(found, i, v)
		if (!json_is_object(v) || add_found(res, v) == -1)
			return -1;
	return 0;
}

int
nb_result_from_model(const json_t *m, struct nb_result **out,
    struct nb_error *err)
{
	const char *file = json_string_value(json_object_get(m, "file"));
	struct nb_result *res;

	*out = NULL;
	if (file == NULL)
		return nb_fail(err, NB_ERR_CONFIG, "检查结果缺少文件名");
	if ((res = nb_result_new(file)) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", file);
	if (fill(res, m) == -1) {
		nb_result_free(res);
		return nb_fail(err, NB_ERR_CONFIG, "%s: 检查进程送回的检查结果"
		    "无法读取", file);
	}
	*out = res;
	return 0;
}
