/*
 * pack.c -- loading a rule pack (rules/NAME.json) into struct nb_pack.
 *
 * A province pack that "extends" another is merged into it at the JSON
 * level first (pack_merge), then the merged document is parsed once, so
 * there is one parser and one set of validation messages.
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

#define PACK_MAX_EXTENDS	8

static int	index_cells(struct nb_pack *p);

static void
strv_free(struct nb_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = 0;
}

static int
strv_push(struct nb_strv *sv, const char *s, int compact)
{
	char **nv;
	char *copy;

	copy = compact ? nb_compact(s, strlen(s)) : strdup(s);
	if (copy == NULL)
		return -1;
	if ((nv = realloc(sv->v, (sv->n + 1) * sizeof(*nv))) == NULL) {
		free(copy);
		return -1;
	}
	sv->v = nv;
	sv->v[sv->n++] = copy;
	return 0;
}

/* Fills sv from a JSON array of strings; -1 if it is not one. */
static int
strv_from_json(struct nb_strv *sv, json_t *arr, int compact)
{
	size_t i;
	json_t *s;

	if (arr == NULL)
		return 0;
	if (!json_is_array(arr))
		return -1;
	json_array_foreach(arr, i, s) {
		if (!json_is_string(s) || strv_push(sv, json_string_value(s),
		    compact) == -1)
			return -1;
	}
	return 0;
}

static char *
dup_str(json_t *obj, const char *key, const char *dflt)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return strdup(s ? s : dflt);
}

/* ---- merging an extending pack into its base, as JSON ---- */

static json_t *
find_by(json_t *arr, const char *key, json_t *want)
{
	size_t i;
	json_t *el;

	json_array_foreach(arr, i, el) {
		if (json_equal(json_object_get(el, key), want))
			return el;
	}
	return NULL;
}

/* Appends the elements of array `add` to array base[key] (created if needed). */
static int
append_array(json_t *base, const char *key, json_t *add)
{
	json_t *dst = json_object_get(base, key);

	if (add == NULL)
		return 0;
	if (!json_is_array(add))
		return -1;
	if (dst == NULL) {
		return json_object_set(base, key, add);
	}
	return json_array_extend(dst, add);
}

/* Merges a list of objects matched by `idkey`: matched ones get their
 * keys/markers/cols appended, unmatched ones are appended whole. */
static int
merge_list(json_t *base, const char *key, json_t *add, const char *idkey)
{
	json_t *dst, *el;
	size_t i;

	if (add == NULL)
		return 0;
	if (!json_is_array(add))
		return -1;
	if ((dst = json_object_get(base, key)) == NULL)
		return json_object_set(base, key, add);
	json_array_foreach(add, i, el) {
		json_t *old = find_by(dst, idkey, json_object_get(el, idkey));
		if (old == NULL) {
			if (json_array_append(dst, el) == -1)
				return -1;
			continue;
		}
		if (append_array(old, "keys", json_object_get(el, "keys")) ||
		    append_array(old, "markers", json_object_get(el, "markers")) ||
		    merge_list(old, "rows", json_object_get(el, "rows"), "id"))
			return -1;
		if (json_object_get(el, "label") != NULL &&
		    json_object_set(old, "label", json_object_get(el, "label")))
			return -1;
	}
	return 0;
}

static int
pack_merge(json_t *base, json_t *over)
{
	json_t *fmts, *plugins;

	if (merge_list(base, "sections", json_object_get(over, "sections"), "n") ||
	    merge_list(base, "tables", json_object_get(over, "tables"), "id") ||
	    append_array(base, "relations", json_object_get(over, "relations")))
		return -1;
	if ((fmts = json_object_get(over, "formats")) != NULL) {
		const char *k;
		json_t *f;

		json_object_foreach(fmts, k, f) {
			json_t *bf = json_object_get(json_object_get(base,
			    "formats"), k);
			if (bf == NULL || append_array(bf, "markers",
			    json_object_get(f, "markers")))
				return -1;
		}
	}
	if ((plugins = json_object_get(over, "plugins")) != NULL) {
		json_t *bp = json_object_get(base, "plugins"), *p;
		const char *k;

		if (bp == NULL)
			return json_object_set(base, "plugins", plugins);
		json_object_foreach(plugins, k, p) {
			json_t *old = json_object_get(bp, k);
			if (old != NULL && json_is_object(old)) {
				if (json_object_update(old, p) == -1)
					return -1;
			} else if (json_object_set(bp, k, p) == -1)
				return -1;
		}
	}
	if (json_object_get(over, "id") == NULL)
		return 0;
	return json_object_set(base, "id", json_object_get(over, "id"));
}

/* Loads `path` and whatever it extends, returning the merged JSON. */
static json_t *
pack_read(const char *path, int depth, struct nb_error *err)
{
	json_error_t jerr;
	json_t *root, *base;
	const char *ext;
	char dir[PATH_MAX], basepath[PATH_MAX];

	if (depth > PACK_MAX_EXTENDS) {
		nb_fail(err, NB_ERR_CONFIG, "%s: \"extends\" 嵌套过深", path);
		return NULL;
	}
	if (access(path, R_OK) == -1) {
		nb_fail(err, NB_ERR_CONFIG, "%s: 无法打开规则包：%s", path,
		    strerror(errno));
		return NULL;
	}
	if ((root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr)) == NULL) {
		nb_fail(err, NB_ERR_CONFIG, "%s:%d: 规则包不是有效的 JSON：%s",
		    path, jerr.line, jerr.text);
		return NULL;
	}
	if (!json_is_object(root) ||
	    json_integer_value(json_object_get(root, "nianbao_rules")) != 1) {
		nb_fail(err, NB_ERR_CONFIG,
		    "%s: 不是 nianbao 规则包（缺少 \"nianbao_rules\": 1）", path);
		json_decref(root);
		return NULL;
	}
	if ((ext = json_string_value(json_object_get(root, "extends"))) == NULL)
		return root;
	snprintf(dir, sizeof(dir), "%s", path);
	if (ext[0] == '/')
		snprintf(basepath, sizeof(basepath), "%s", ext);
	else
		snprintf(basepath, sizeof(basepath), "%s/%s", dirname(dir), ext);
	if ((base = pack_read(basepath, depth + 1, err)) == NULL) {
		char inner[sizeof(err->msg)];

		snprintf(inner, sizeof(inner), "%s", err ? err->msg : "");
		nb_fail(err, NB_ERR_CONFIG, "%s: 所扩展的规则包有误：%s", path,
		    inner);
		json_decref(root);
		return NULL;
	}
	if (pack_merge(base, root) == -1) {
		nb_fail(err, NB_ERR_CONFIG, "%s: 无法合并到 %s（结构不符）", path,
		    basepath);
		json_decref(base);
		base = NULL;
	}
	json_decref(root);
	return base;
}

/* ---- parsing the merged document ---- */

static int
parse_formats(struct nb_pack *p, json_t *fmts)
{
	static const struct { const char *name; enum nb_format f; } names[] = {
		{ "old", NB_FMT_OLD }, { "2019", NB_FMT_2019 },
		{ "2021", NB_FMT_2021 },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		json_t *m = json_object_get(json_object_get(fmts, names[i].name),
		    "markers");
		struct nb_format_def *fd = &p->formats[names[i].f];
		size_t j;
		json_t *words;

		fd->format = names[i].f;
		if (m == NULL)
			continue;
		if (!json_is_array(m) || (fd->markers = calloc(
		    json_array_size(m) + 1, sizeof(*fd->markers))) == NULL)
			return -1;
		json_array_foreach(m, j, words) {
			if (strv_from_json(&fd->markers[j], words, 1) == -1)
				return -1;
			fd->nmarkers++;
		}
	}
	return 0;
}

static int
parse_sections(struct nb_pack *p, json_t *secs, struct nb_error *err)
{
	size_t i;
	json_t *s;

	if (!json_is_array(secs) || json_array_size(secs) != 6)
		return nb_fail(err, NB_ERR_CONFIG,
		    "%s: \"sections\" 应列出六个部分", p->path);
	json_array_foreach(secs, i, s) {
		json_int_t n = json_integer_value(json_object_get(s, "n"));
		struct nb_section_def *sd;

		if (n < 1 || n > 6)
			return nb_fail(err, NB_ERR_CONFIG,
			    "%s: 第 %zu 个部分的 \"n\" 应为 1 至 6", p->path, i + 1);
		sd = &p->sections[n - 1];
		if (sd->n != 0)
			return nb_fail(err, NB_ERR_CONFIG,
			    "%s: 第 %d 部分定义了两次", p->path, (int)n);
		sd->n = (int)n;
		if ((sd->heading = dup_str(s, "heading", "")) == NULL ||
		    strv_from_json(&sd->keys, json_object_get(s, "keys"), 1))
			return nb_fail(err, NB_ERR_CONFIG,
			    "%s: 第 %d 部分的 \"keys\" 无效", p->path, (int)n);
	}
	for (i = 0; i < 6; i++)
		if (p->sections[i].n == 0)
			return nb_fail(err, NB_ERR_CONFIG,
			    "%s: 缺少第 %zu 部分的定义", p->path, i + 1);
	return 0;
}

static int
parse_row(struct nb_row_def *rd, json_t *row, json_t *table)
{
	json_t *cols = json_object_get(row, "cols");
	json_t *labels = json_object_get(row, "col_labels");

	if (cols == NULL) {
		cols = json_object_get(table, "cols");
		labels = json_object_get(table, "col_labels");
	}
	if ((rd->id = dup_str(row, "id", "")) == NULL ||
	    (rd->label = dup_str(row, "label", "")) == NULL ||
	    strv_from_json(&rd->keys, json_object_get(row, "keys"), 1) ||
	    strv_from_json(&rd->cols, cols, 0) ||
	    strv_from_json(&rd->col_labels, labels, 0) || rd->cols.n == 0)
		return -1;
	rd->decimal = json_is_string(json_object_get(row, "type")) &&
	    strcmp(json_string_value(json_object_get(row, "type")), "wan") == 0;
	return 0;
}

static int
add_cell(struct nb_pack *p, size_t t, size_t r, size_t c)
{
	const struct nb_table_def *td = &p->tables[t];
	const struct nb_row_def *rd = &td->rows[r];
	struct nb_cell_def *cd, *nc;
	const char *cl = c < rd->col_labels.n ? rd->col_labels.v[c] : rd->cols.v[c];
	int n;

	if ((nc = realloc(p->cells, (p->ncells + 1) * sizeof(*nc))) == NULL)
		return -1;
	p->cells = nc;
	cd = &p->cells[p->ncells];
	memset(cd, 0, sizeof(*cd));
	cd->table = t;
	cd->row = r;
	cd->col = c;
	if (rd->id[0] != '\0')
		n = asprintf(&cd->id, "%s.%s.%s", td->id, rd->id, rd->cols.v[c]);
	else
		n = asprintf(&cd->id, "%s.%s", td->id, rd->cols.v[c]);
	if (n == -1)
		return -1;
	if (asprintf(&cd->label, "%s “%s” / “%s”", td->label, rd->label,
	    cl) == -1) {
		free(cd->id);
		return -1;
	}
	p->ncells++;
	return 0;
}

static int
parse_tables(struct nb_pack *p, json_t *tabs, struct nb_error *err)
{
	size_t i, j;
	json_t *t, *row;

	if (!json_is_array(tabs) || (p->tables = calloc(json_array_size(tabs) + 1,
	    sizeof(*p->tables))) == NULL)
		return nb_fail(err, NB_ERR_CONFIG, "%s: \"tables\" 无效", p->path);
	json_array_foreach(tabs, i, t) {
		struct nb_table_def *td = &p->tables[i];
		json_t *rows = json_object_get(t, "rows");

		p->ntables++;
		if ((td->id = dup_str(t, "id", "")) == NULL ||
		    (td->label = dup_str(t, "label", "")) == NULL ||
		    strv_from_json(&td->markers, json_object_get(t, "markers"), 1) ||
		    !json_is_array(rows) || (td->rows = calloc(
		    json_array_size(rows) + 1, sizeof(*td->rows))) == NULL)
			return nb_fail(err, NB_ERR_CONFIG,
			    "%s: 表格 %zu 的定义无效", p->path, i + 1);
		td->section = (int)json_integer_value(json_object_get(t, "section"));
		json_array_foreach(rows, j, row) {
			td->nrows++;
			if (parse_row(&td->rows[j], row, t) == -1)
				return nb_fail(err, NB_ERR_CONFIG,
				    "%s: 表格 %s 第 %zu 行的定义无效", p->path,
				    td->id, j + 1);
			for (size_t c = 0; c < td->rows[j].cols.n; c++)
				if (add_cell(p, i, j, c) == -1)
					return nb_fail(err, NB_ERR_NOMEM, "内存不足");
		}
	}
	return 0;
}

/* ---- relations: expanding "foreach" templates ---- */

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
    size_t *n, struct nb_error *err, const char *rid)
{
	const char **ids;
	size_t i;
	json_t *s;

	if (!json_is_array(side) || json_array_size(side) == 0)
		return nb_fail(err, NB_ERR_CONFIG, "%s: 关系 %s 缺少单元格列表",
		    p->path, rid);
	if ((ids = calloc(json_array_size(side), sizeof(*ids))) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	*out = ids;
	json_array_foreach(side, i, s) {
		long c = nb_pack_cell_index(p, json_string_value(s) ?
		    json_string_value(s) : "");
		if (c < 0)
			return nb_fail(err, NB_ERR_CONFIG,
			    "%s: 关系 %s 引用了不存在的单元格 \"%s\"", p->path, rid,
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

	if (id == NULL || rule == NULL)
		return nb_fail(err, NB_ERR_CONFIG,
		    "%s: 关系缺少 \"id\" 或 \"rule\"", p->path);
	if ((nr = realloc(p->relations, (p->nrelations + 1) * sizeof(*nr))) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	p->relations = nr;
	r = &p->relations[p->nrelations++];
	memset(r, 0, sizeof(*r));
	if ((r->id = strdup(id)) == NULL || (r->rule = strdup(rule)) == NULL ||
	    (r->label = dup_str(rel, "label", "")) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	r->severity = sev && strcmp(sev, "warning") == 0 ? NB_SEV_WARNING :
	    sev && strcmp(sev, "info") == 0 ? NB_SEV_INFO : NB_SEV_ERROR;
	if (relation_sides(p, json_object_get(rel, "lhs"), &r->lhs, &r->n_lhs,
	    err, id) || relation_sides(p, json_object_get(rel, "rhs"), &r->rhs,
	    &r->n_rhs, err, id))
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
	if (!json_is_array(vals))
		return nb_fail(err, NB_ERR_CONFIG, "%s: \"foreach\" 的 %s 应为数组",
		    p->path, var);
	json_array_foreach(vals, i, v) {
		if (!json_is_string(v))
			return nb_fail(err, NB_ERR_CONFIG,
			    "%s: \"foreach\" 的值应为字符串", p->path);
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

static int
parse_relations(struct nb_pack *p, json_t *rels, struct nb_error *err)
{
	size_t i;
	json_t *r;

	if (rels == NULL)
		return 0;
	if (!json_is_array(rels))
		return nb_fail(err, NB_ERR_CONFIG, "%s: \"relations\" 应为数组",
		    p->path);
	json_array_foreach(rels, i, r) {
		if (expand_relation(p, r, err) == -1)
			return -1;
	}
	return 0;
}

struct nb_pack *
nb_pack_load(const char *path, struct nb_error *err)
{
	struct nb_pack *p;
	json_t *root;

	if ((root = pack_read(path, 0, err)) == NULL)
		return NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (p->path = strdup(path)) == NULL ||
	    (p->id = dup_str(root, "id", "")) == NULL) {
		nb_pack_free(p);
		json_decref(root);
		nb_fail(err, NB_ERR_NOMEM, "内存不足");
		return NULL;
	}
	if (parse_formats(p, json_object_get(root, "formats")) == -1) {
		nb_fail(err, NB_ERR_CONFIG, "%s: \"formats\" 无效", path);
		goto fail;
	}
	if (parse_sections(p, json_object_get(root, "sections"), err) == -1 ||
	    parse_tables(p, json_object_get(root, "tables"), err) == -1)
		goto fail;
	switch (index_cells(p)) {
	case -1:
		nb_fail(err, NB_ERR_NOMEM, "内存不足");
		goto fail;
	case -2:
		nb_fail(err, NB_ERR_CONFIG, "%s: 单元格编号重复", path);
		goto fail;
	}
	if (parse_relations(p, json_object_get(root, "relations"), err) == -1)
		goto fail;
	p->plugin_options = json_incref(json_object_get(root, "plugins"));
	json_decref(root);
	return p;
fail:
	json_decref(root);
	nb_pack_free(p);
	return NULL;
}

void
nb_pack_free(struct nb_pack *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < 4; i++) {
		for (size_t j = 0; j < p->formats[i].nmarkers; j++)
			strv_free(&p->formats[i].markers[j]);
		free(p->formats[i].markers);
	}
	for (size_t i = 0; i < 6; i++) {
		free(p->sections[i].heading);
		strv_free(&p->sections[i].keys);
	}
	for (size_t i = 0; i < p->ntables; i++) {
		struct nb_table_def *td = &p->tables[i];
		for (size_t j = 0; j < td->nrows; j++) {
			free(td->rows[j].id);
			free(td->rows[j].label);
			strv_free(&td->rows[j].keys);
			strv_free(&td->rows[j].cols);
			strv_free(&td->rows[j].col_labels);
		}
		free(td->rows);
		free(td->id);
		free(td->label);
		strv_free(&td->markers);
	}
	free(p->tables);
	for (size_t i = 0; i < p->ncells; i++) {
		free(p->cells[i].id);
		free(p->cells[i].label);
	}
	free(p->cells);
	free(p->by_id);
	for (size_t i = 0; i < p->nrelations; i++) {
		struct nb_relation *r = &p->relations[i];
		free((char *)r->id);
		free((char *)r->rule);
		free((char *)r->label);
		free((void *)r->lhs);
		free((void *)r->rhs);
	}
	free(p->relations);
	json_decref(p->plugin_options);
	free(p->id);
	free(p->path);
	free(p);
}

long
nb_pack_cell_index(const struct nb_pack *p, const char *id)
{
	size_t lo = 0, hi = p->ncells;

	/* Plugins look cells up by id on every relation of every report. */
	if (p->by_id == NULL) {
		for (size_t i = 0; i < p->ncells; i++)
			if (strcmp(p->cells[i].id, id) == 0)
				return (long)i;
		return -1;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(p->cells[p->by_id[mid]].id, id);
		if (c == 0)
			return (long)p->by_id[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Insertion sort of the id index: a few hundred cells, once per load. */
static int
index_cells(struct nb_pack *p)
{
	if ((p->by_id = calloc(p->ncells + 1, sizeof(*p->by_id))) == NULL)
		return -1;
	for (size_t i = 0; i < p->ncells; i++) {
		size_t j = i;
		while (j > 0 && strcmp(p->cells[p->by_id[j - 1]].id,
		    p->cells[i].id) > 0) {
			p->by_id[j] = p->by_id[j - 1];
			j--;
		}
		p->by_id[j] = i;
	}
	for (size_t i = 1; i < p->ncells; i++)
		if (strcmp(p->cells[p->by_id[i - 1]].id,
		    p->cells[p->by_id[i]].id) == 0)
			return -2;
	return 0;
}

long
nb_pack_table_index(const struct nb_pack *p, const char *id)
{
	for (size_t i = 0; i < p->ntables; i++)
		if (strcmp(p->tables[i].id, id) == 0)
			return (long)i;
	return -1;
}

int
nb_pack_set_options(struct nb_pack *p, json_t *options, struct nb_error *err)
{
	const char *name, *key;
	json_t *opts, *v;

	if (options == NULL)
		return 0;
	if (!json_is_object(options))
		return nb_fail(err, NB_ERR_CONFIG, "插件选项应为对象");
	if (p->plugin_options == NULL &&
	    (p->plugin_options = json_object()) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	json_object_foreach(options, name, opts) {
		json_t *dst = json_object_get(p->plugin_options, name);

		if (!json_is_object(opts))
			return nb_fail(err, NB_ERR_CONFIG,
			    "插件 %s 的选项应为“键 = 值”的组", name);
		if (dst == NULL) {
			if ((dst = json_object()) == NULL ||
			    json_object_set_new(p->plugin_options, name, dst))
				return nb_fail(err, NB_ERR_NOMEM, "内存不足");
		}
		json_object_foreach(opts, key, v) {
			if (!json_is_string(v))
				return nb_fail(err, NB_ERR_CONFIG,
				    "插件 %s 的选项 %s 应为字符串", name, key);
			if (json_object_set(dst, key, v) == -1)
				return nb_fail(err, NB_ERR_NOMEM, "内存不足");
		}
	}
	return 0;
}

const char *
nb_pack_option(const struct nb_pack *p, const char *plugin, const char *key)
{
	json_t *v = json_object_get(json_object_get(p->plugin_options, plugin),
	    key);

	return json_string_value(v);
}
