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
	size_t plen = strlen(var), vlen = strlen(val), cap = strlen(tmpl) + 1;
	const char *s, *t;
	char *out, *o;

	/* "{var}", cut to 63 bytes as snprintf() cut it (snprintf was a
	 * third of the expansion, once per string and variable). */
	pat[0] = '{';
	if (plen + 2 < sizeof(pat)) {
		memcpy(pat + 1, var, plen);
		pat[plen + 1] = '}';
		plen += 2;
	} else {
		plen = sizeof(pat) - 1;
		memcpy(pat + 1, var, plen - 1);
	}
	pat[plen] = '\0';
	for (s = tmpl; (s = strstr(s, pat)) != NULL; s += plen)
		cap += vlen;
	if ((out = malloc(cap)) == NULL)
		return NULL;
	/* Left to right, each match replaced and skipped: the text between
	 * matches copied whole, not a strncmp() per byte. */
	for (o = out, s = tmpl; (t = strstr(s, pat)) != NULL; s = t + plen) {
		memcpy(o, s, (size_t)(t - s));
		o += t - s;
		memcpy(o, val, vlen);
		o += vlen;
	}
	memcpy(o, s, strlen(s) + 1);
	return out;
}

/*
 * The values a "foreach" template is expanded with, innermost last: the
 * strings of a relation are made by substituting them in the order the
 * template names them, as if the whole template had been copied and
 * substituted once per variable (so a value may itself use an outer
 * variable), but without building a JSON tree per relation: expanding
 * the national packs that way was a fifth of a one-file check.
 */
struct bind {
	const char	  *var;
	const char	  *val;
	const struct bind *prev;
};

/* s with every binding substituted, outermost first; NULL s gives NULL
 * (not a string in the template). */
static char *
subst_all(const char *s, const struct bind *b)
{
	char *t, *r;

	if (s == NULL)
		return NULL;
	if (b == NULL || strchr(s, '{') == NULL)
		return strdup(s);
	if ((t = subst_all(s, b->prev)) == NULL)
		return NULL;
	r = subst(t, b->var, b->val);
	free(t);
	return r;
}

/* Member key of rel, substituted; *out NULL if it is not a string.
 * -1 only when out of memory. */
static int
member(json_t *rel, const char *key, const struct bind *b, char **out)
{
	const char *s = json_string_value(json_object_get(rel, key));

	*out = subst_all(s, b);
	return s != NULL && *out == NULL ? -1 : 0;
}

static int
relation_sides(struct nb_pack *p, json_t *side, const struct bind *b,
    const char *const **out, size_t *n, struct nb_error *err,
    const char *rid, const char *name)
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
		char *id = subst_all(json_string_value(s), b);
		long c;

		if (id == NULL && json_is_string(s))
			return nb_fail(err, NB_ERR_NOMEM, "内存不足");
		c = nb_pack_cell_index(p, id ? id : "");
		if (c < 0) {
			nb_fail(err, NB_ERR_CONFIG,
			    "%s: %s.%s[%zu]: 关系 %s 引用了不存在的单元格 \"%s\"",
			    o->file, o->at, name, i, rid, id ? id : "?");
			free(id);
			return -1;
		}
		free(id);
		/* Point at the pack's own copy, so ids live as long as the pack. */
		ids[i] = p->cells[c].id;
		(*n)++;
	}
	return 0;
}

static int
add_relation(struct nb_pack *p, json_t *rel, const struct bind *b,
    struct nb_error *err)
{
	struct nb_relation *nr, *r;
	struct nb_where *no, *o;
	char *sev = NULL, *id = NULL, *rule = NULL;
	int rc = -1;

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
	memset(o, 0, sizeof(*o));
	if (member(rel, "_file", b, &o->file) == -1 ||
	    member(rel, "_at", b, &o->at) == -1 ||
	    (o->file == NULL && (o->file = strdup("?")) == NULL) ||
	    (o->at == NULL && (o->at = strdup("$")) == NULL) ||
	    member(rel, "severity", b, &sev) == -1 ||
	    member(rel, "id", b, &id) == -1 ||
	    member(rel, "rule", b, &rule) == -1) {
		nb_fail(err, NB_ERR_NOMEM, "内存不足");
		goto out;
	}
	if (id == NULL || rule == NULL) {
		nb_fail(err, NB_ERR_CONFIG,
		    "%s: %s: 关系缺少 \"id\" 或 \"rule\"", o->file, o->at);
		goto out;
	}
	if (sev != NULL && strcmp(sev, "error") != 0 &&
	    strcmp(sev, "warning") != 0 && strcmp(sev, "info") != 0) {
		nb_fail(err, NB_ERR_CONFIG, "%s: %s.severity: 关系 %s 的"
		    "级别应为 info、warning 或 error", o->file, o->at, id);
		goto out;
	}
	r->severity = sev && strcmp(sev, "warning") == 0 ? NB_SEV_WARNING :
	    sev && strcmp(sev, "info") == 0 ? NB_SEV_INFO : NB_SEV_ERROR;
	r->id = id;
	r->rule = rule;
	id = rule = NULL;
	if (member(rel, "label", b, (char **)&r->label) == -1 ||
	    (r->label == NULL && (r->label = strdup("")) == NULL)) {
		nb_fail(err, NB_ERR_NOMEM, "内存不足");
		goto out;
	}
	if (relation_sides(p, json_object_get(rel, "lhs"), b, &r->lhs,
	    &r->n_lhs, err, r->id, "lhs") || relation_sides(p,
	    json_object_get(rel, "rhs"), b, &r->rhs, &r->n_rhs, err, r->id,
	    "rhs"))
		goto out;
	rc = 0;
out:
	free(sev);
	free(id);
	free(rule);
	return rc;
}

/* Expands the variable of "foreach" at it, recursing for the ones after
 * it; past the last one, adds the relation. */
static int
expand(struct nb_pack *p, json_t *rel, json_t *fe, void *it,
    const struct bind *b, struct nb_error *err)
{
	struct bind nb = { .prev = b };
	json_t *vals, *v;
	char *file, *at;
	size_t i;

	if (it == NULL)
		return add_relation(p, rel, b, err);
	nb.var = json_object_iter_key(it);
	vals = json_object_iter_value(it);
	json_array_foreach(vals, i, v) {
		char *val = json_is_string(v) ?
		    subst_all(json_string_value(v), b) : NULL;
		int rc;

		if (val == NULL)
			break;
		nb.val = val;
		rc = expand(p, rel, fe, json_object_iter_next(fe, it), &nb, err);
		free(val);
		if (rc == -1)
			return -1;
	}
	if (json_is_array(vals) && i == json_array_size(vals))
		return 0;
	file = subst_all(json_string_value(json_object_get(rel, "_file")), b);
	at = subst_all(json_string_value(json_object_get(rel, "_at")), b);
	if (!json_is_array(vals))
		nb_fail(err, NB_ERR_CONFIG, "%s: %s.foreach: %s 应为数组",
		    file ? file : "(null)", at ? at : "(null)", nb.var);
	else if (json_is_string(v))
		nb_fail(err, NB_ERR_NOMEM, "内存不足");
	else
		nb_fail(err, NB_ERR_CONFIG, "%s: %s.foreach.%s[%zu]: 应为字符串",
		    file ? file : "(null)", at ? at : "(null)", nb.var, i);
	free(file);
	free(at);
	return -1;
}

static int
expand_relation(struct nb_pack *p, json_t *rel, struct nb_error *err)
{
	json_t *fe = json_object_get(rel, "foreach");

	if (fe == NULL || json_object_size(fe) == 0)
		return add_relation(p, rel, NULL, err);
	return expand(p, rel, fe, json_object_iter(fe), NULL, err);
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


long
nb_relation_cell(const struct nb_pack *pack, const struct nb_relation *rel,
    size_t i)
{
	/* A relation of the pack: its cells were resolved at load. */
	if (pack->rel_cells != NULL && rel >= pack->relations &&
	    rel < pack->relations + pack->nrelations)
		return nb_pack_rel_cells(pack,
		    (size_t)(rel - pack->relations))[i];
	return nb_pack_cell_index(pack, i < rel->n_lhs ? rel->lhs[i] :
	    rel->rhs[i - rel->n_lhs]);
}

int
nb_relation_sums(const struct nb_pack *pack, const struct nb_relation *rel,
    int (*val)(const void *, long, long long *), const void *arg,
    long long side[2])
{
	side[0] = side[1] = 0;
	for (size_t i = 0; i < rel->n_lhs + rel->n_rhs; i++) {
		long long v;

		if (!val(arg, nb_relation_cell(pack, rel, i), &v))
			return 0;
		side[i >= rel->n_lhs] += v;
	}
	return 1;
}
