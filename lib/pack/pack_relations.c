/*
 * pack_relations.c -- the arithmetic relations of a rule pack: sides of
 * cell ids, "foreach" templates expanded into one relation per column.
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "normalize.h"
#include "pack.h"

/* Replaces every "{var}" in tmpl by val. */
static char *
subst(const char *tmpl, const char *var, const char *val)
{
	char pat[64];
	size_t plen, vlen = strlen(val), cap = strlen(tmpl) + 1;
	const char *s;
	char *out, *o;

	snprintf(pat, sizeof(pat), "{%s}", var);
	plen = strlen(pat);
	for (s = tmpl; (s = strstr(s, pat)) != NULL; s += plen)
		cap += vlen;
	if ((out = malloc(cap)) == NULL)
		return NULL;
	for (o = out, s = tmpl; *s != '\0';) {
		if (strncmp(s, pat, plen) == 0) {
			memcpy(o, val, vlen);
			o += vlen;
			s += plen;
		} else
			*o++ = *s++;
	}
	*o = '\0';
	return out;
}

/* Deep-substitutes var in every string of a relation template. */
static json_t *
subst_json(json_t *j, const char *var, const char *val)
{
	if (json_is_string(j)) {
		char *s = subst(json_string_value(j), var, val);
		json_t *r = s ? json_string(s) : NULL;
		free(s);
		return r;
	}
	if (json_is_array(j)) {
		json_t *a = json_array(), *el;
		size_t i;
		if (a == NULL)
			return NULL;
		json_array_foreach(j, i, el) {
			if (json_array_append_new(a, subst_json(el, var, val))) {
				json_decref(a);
				return NULL;
			}
		}
		return a;
	}
	if (json_is_object(j)) {
		json_t *o = json_object(), *v;
		const char *k;
		if (o == NULL)
			return NULL;
		json_object_foreach(j, k, v) {
			if (json_object_set_new(o, k, subst_json(v, var, val))) {
				json_decref(o);
				return NULL;
			}
		}
		return o;
	}
	return json_incref(j);
}

static int
relation_sides(struct nb_pack *p, json_t *side, const char *const **out,
    size_t *n, struct nb_error *err, const char *rid, const char *name)
{
	const struct nb_where *o = &p->rel_origin[p->nrelations - 1];
	const char **ids;
	size_t i;
	json_t *s;

	if (!json_is_array(side) || json_array_size(side) == 0)
		return nb_fail(err, NB_ERR_CONFIG, "%s: %s.%s: 关系 %s 缺少单元格"
		    "列表", o->file, o->at, name, rid);
	if ((ids = calloc(json_array_size(side), sizeof(*ids))) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	*out = ids;
	json_array_foreach(side, i, s) {
		long c = nb_pack_cell_index(p, json_string_value(s) ?
		    json_string_value(s) : "");
		if (c < 0)
			return nb_fail(err, NB_ERR_CONFIG,
			    "%s: %s.%s[%zu]: 关系 %s 引用了不存在的单元格 \"%s\"",
			    o->file, o->at, name, i, rid,
			    json_string_value(s) ? json_string_value(s) : "?");
		/* Point at the pack's own copy, so ids live as long as the pack. */
		ids[i] = p->cells[c].id;
		(*n)++;
	}
	return 0;
}

static int
add_relation(struct nb_pack *p, json_t *rel, struct nb_error *err)
{
	struct nb_relation *nr, *r;
	const char *sev = json_string_value(json_object_get(rel, "severity"));
	const char *id = json_string_value(json_object_get(rel, "id"));
	const char *rule = json_string_value(json_object_get(rel, "rule"));

	struct nb_where *no, *o;

	if ((no = realloc(p->rel_origin, (p->nrelations + 1) * sizeof(*no))) ==
	    NULL)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	p->rel_origin = no;
	if ((nr = realloc(p->relations, (p->nrelations + 1) * sizeof(*nr))) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	p->relations = nr;
	r = &p->relations[p->nrelations];
	memset(r, 0, sizeof(*r));
	o = &p->rel_origin[p->nrelations++];
	if (nb_pack_origin(o, rel) == -1)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	if (id == NULL || rule == NULL)
		return nb_fail(err, NB_ERR_CONFIG,
		    "%s: %s: 关系缺少 \"id\" 或 \"rule\"", o->file, o->at);
	if (sev != NULL && strcmp(sev, "error") != 0 &&
	    strcmp(sev, "warning") != 0 && strcmp(sev, "info") != 0)
		return nb_fail(err, NB_ERR_CONFIG, "%s: %s.severity: 关系 %s 的"
		    "级别应为 info、warning 或 error", o->file, o->at, id);
	if ((r->id = strdup(id)) == NULL || (r->rule = strdup(rule)) == NULL ||
	    (r->label = nb_pack_dup_str(rel, "label", "")) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	r->severity = sev && strcmp(sev, "warning") == 0 ? NB_SEV_WARNING :
	    sev && strcmp(sev, "info") == 0 ? NB_SEV_INFO : NB_SEV_ERROR;
	if (relation_sides(p, json_object_get(rel, "lhs"), &r->lhs, &r->n_lhs,
	    err, id, "lhs") || relation_sides(p, json_object_get(rel, "rhs"),
	    &r->rhs, &r->n_rhs, err, id, "rhs"))
		return -1;
	return 0;
}

/* Expands the first variable of "foreach", recursing for the others. */
static int
expand_relation(struct nb_pack *p, json_t *rel, struct nb_error *err)
{
	json_t *fe = json_object_get(rel, "foreach"), *vals, *v;
	const char *var;
	void *it;
	size_t i;

	if (fe == NULL || json_object_size(fe) == 0)
		return add_relation(p, rel, err);
	it = json_object_iter(fe);
	var = json_object_iter_key(it);
	vals = json_object_iter_value(it);
	if (!json_is_array(vals) || !json_is_object(fe))
		return nb_fail(err, NB_ERR_CONFIG, "%s: %s.foreach: %s 应为数组",
		    json_string_value(json_object_get(rel, "_file")),
		    json_string_value(json_object_get(rel, "_at")), var);
	json_array_foreach(vals, i, v) {
		if (!json_is_string(v))
			return nb_fail(err, NB_ERR_CONFIG,
			    "%s: %s.foreach.%s[%zu]: 应为字符串",
			    json_string_value(json_object_get(rel, "_file")),
			    json_string_value(json_object_get(rel, "_at")), var, i);
		json_t *one, *rest;
		int rc;

		if ((one = json_deep_copy(rel)) == NULL)
			return nb_fail(err, NB_ERR_NOMEM, "内存不足");
		json_object_del(json_object_get(one, "foreach"), var);
		rest = subst_json(one, var, json_string_value(v));
		json_decref(one);
		if (rest == NULL)
			return nb_fail(err, NB_ERR_NOMEM, "内存不足");
		rc = expand_relation(p, rest, err);
		json_decref(rest);
		if (rc == -1)
			return -1;
	}
	return 0;
}

/* Every relation's cell ids to indices, once, so that a check of a
 * report looks no id up. */
static int
resolve_cells(struct nb_pack *p)
{
	size_t i, j, n = 0;
	long *c;

	for (i = 0; i < p->nrelations; i++)
		n += p->relations[i].n_lhs + p->relations[i].n_rhs;
	if ((p->rel_cells = calloc(n ? n : 1, sizeof(*p->rel_cells))) == NULL ||
	    (p->rel_cells_at = calloc(p->nrelations ? p->nrelations : 1,
	    sizeof(*p->rel_cells_at))) == NULL)
		return -1;
	for (c = p->rel_cells, i = 0; i < p->nrelations; i++) {
		const struct nb_relation *r = &p->relations[i];

		p->rel_cells_at[i] = (size_t)(c - p->rel_cells);
		for (j = 0; j < r->n_lhs; j++)
			*c++ = nb_pack_cell_index(p, r->lhs[j]);
		for (j = 0; j < r->n_rhs; j++)
			*c++ = nb_pack_cell_index(p, r->rhs[j]);
	}
	return 0;
}

int
nb_pack_parse_relations(struct nb_pack *p, json_t *rels, struct nb_error *err)
{
	size_t i;
	json_t *r;

	if (rels == NULL)
		return 0;
	if (!json_is_array(rels))
		return nb_fail(err, NB_ERR_CONFIG, "%s: \"relations\" 应为数组",
		    p->path);
	json_array_foreach(rels, i, r) {
		if (!json_is_object(r))
			return nb_fail(err, NB_ERR_CONFIG, "%s: relations[%zu]: "
			    "关系应为对象", p->path, i);
		if (expand_relation(p, r, err) == -1)
			return -1;
	}
	if (resolve_cells(p) == -1)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	return 0;
}

