/*
 * pack.c -- parsing a rule pack (rules/NAME.json, already merged with
 * what it extends by pack_read.c) into struct nb_pack: formats, sections,
 * tables and cells; plugin options (cells are looked up by pack_index.c).
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "normalize.h"
#include "pack.h"



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

char *
nb_pack_dup_str(json_t *obj, const char *key, const char *dflt)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return strdup(s ? s : dflt);
}

static const struct { const char *name; enum nb_format f; } format_names[] = {
	{ "old", NB_FMT_OLD }, { "2019", NB_FMT_2019 }, { "2021", NB_FMT_2021 },
};
#define NFORMAT_NAMES	(sizeof(format_names) / sizeof(format_names[0]))

static int
parse_formats(struct nb_pack *p, json_t *fmts)
{
	for (size_t i = 0; i < NFORMAT_NAMES; i++) {
		json_t *m = json_object_get(json_object_get(fmts,
		    format_names[i].name), "markers");
		struct nb_format_def *fd = &p->formats[format_names[i].f];
		size_t j;
		json_t *words;

		fd->format = format_names[i].f;
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

/* "format": which format the pack's own tables are (2021 if not said). */
static int
parse_format(struct nb_pack *p, json_t *root, struct nb_error *err)
{
	json_t *f = json_object_get(root, "format");

	p->format = NB_FMT_2021;
	if (f == NULL)
		return 0;
	for (size_t i = 0; i < NFORMAT_NAMES; i++)
		if (json_is_string(f) &&
		    strcmp(json_string_value(f), format_names[i].name) == 0) {
			p->format = format_names[i].f;
			return 0;
		}
	return nb_fail(err, NB_ERR_CONFIG, "%s: \"format\" 应为 \"old\"、"
	    "\"2019\" 或 \"2021\"", p->path);
}

static struct nb_pack *load(const char *path, const char *province,
		    int nested, int lazy, struct nb_error *err);

/*
 * The packs of the other formats ("formats": {NAME: {"pack": FILE}},
 * FILE made a path by pack_read.c).  They are loaded with this one so a
 * report of any format is read by its own tables and relations; a lazy
 * pack only keeps FILE, loaded when a report of the format is met.
 */
static int
load_format_packs(struct nb_pack *p, json_t *fmts, const char *province,
    int nested, int lazy, struct nb_error *err)
{
	for (size_t i = 0; i < NFORMAT_NAMES; i++) {
		enum nb_format f = format_names[i].f;
		json_t *fp = json_object_get(json_object_get(fmts,
		    format_names[i].name), "pack");

		if (fp == NULL)
			continue;
		if (!json_is_string(fp))
			return nb_fail(err, NB_ERR_CONFIG, "%s: \"formats\" 中 "
			    "%s 的 \"pack\" 应为文件名", p->path,
			    format_names[i].name);
		if (nested)
			return nb_fail(err, NB_ERR_CONFIG, "%s: 格式的规则包不能"
			    "再指定其他格式的规则包（%s）", p->path,
			    format_names[i].name);
		if (f == p->format)
			continue;
		if (lazy) {
			if ((p->formats[f].file = strdup(
			    json_string_value(fp))) == NULL)
				return nb_fail(err, NB_ERR_NOMEM, "内存不足");
			continue;
		}
		if ((p->formats[f].pack = load(json_string_value(fp), province,
		    1, 0, err)) == NULL) {
			char inner[sizeof(err->msg)];

			snprintf(inner, sizeof(inner), "%s", err ? err->msg : "");
			return nb_fail(err, NB_ERR_CONFIG, "%s: %s 格式的规则包有误"
			    "：%s", p->path, format_names[i].name, inner);
		}
	}
	return 0;
}

int
nb_pack_format_pending(const struct nb_pack *p, enum nb_format f)
{
	return f != p->format && (size_t)f < sizeof(p->formats) /
	    sizeof(p->formats[0]) && p->formats[f].pack == NULL &&
	    p->formats[f].file != NULL;
}

struct nb_pack *
nb_pack_load_format(const struct nb_pack *p, enum nb_format f,
    struct nb_error *err)
{
	struct nb_pack *fp;
	char inner[sizeof(err->msg)];

	if (!nb_pack_format_pending(p, f)) {
		nb_fail(err, NB_ERR_CONFIG, "%s: 没有待加载的格式规则包", p->path);
		return NULL;
	}
	if ((fp = load(p->formats[f].file, p->province_file, 1, 0,
	    err)) != NULL)
		return fp;
	snprintf(inner, sizeof(inner), "%s", err ? err->msg : "");
	for (size_t i = 0; i < NFORMAT_NAMES; i++)
		if (format_names[i].f == f)
			nb_fail(err, NB_ERR_CONFIG, "%s: %s 格式的规则包有误："
			    "%s", p->path, format_names[i].name, inner);
	return NULL;
}

void
nb_pack_set_format(struct nb_pack *p, enum nb_format f, struct nb_pack *fp)
{
	nb_pack_free(p->formats[f].pack);
	p->formats[f].pack = fp;
	free(p->formats[f].file);
	p->formats[f].file = NULL;
}

const struct nb_pack *
nb_pack_for_format(const struct nb_pack *p, enum nb_format f)
{
	if (f == p->format)
		return p;
	if ((size_t)f < sizeof(p->formats) / sizeof(p->formats[0]))
		return p->formats[f].pack;
	return NULL;
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
		if ((sd->heading = nb_pack_dup_str(s, "heading", "")) == NULL ||
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

/* A row's "merged": {"keys": [...], "rows": n}, n rows (this one and
 * the n - 1 after it) that a report may print as one. */
static int
merged_from_json(struct nb_row_def *rd, json_t *m)
{
	json_t *n = json_object_get(m, "rows");

	if (m == NULL)
		return 0;
	if (!json_is_object(m) || !json_is_integer(n) ||
	    json_integer_value(n) < 2 || json_integer_value(n) > 32 ||
	    strv_from_json(&rd->merged, json_object_get(m, "keys"), 1) ||
	    rd->merged.n == 0)
		return -1;
	rd->nmerged = (size_t)json_integer_value(n);
	return 0;
}

static int
parse_row(struct nb_row_def *rd, json_t *row, json_t *table)
{
	json_t *cols = json_object_get(row, "cols");
	json_t *labels = json_object_get(row, "col_labels");
	json_t *like = json_object_get(row, "like");

	/* A province's extra row has the columns of a row of the format:
	 * 湖北's 其他主动公开文件 those of 规范性文件. */
	if (cols == NULL && like != NULL) {
		json_t *other = NULL, *r;
		size_t i;

		json_array_foreach(json_object_get(table, "rows"), i, r) {
			if (json_equal(json_object_get(r, "id"), like))
				other = r;
		}
		if (other == NULL || other == row)
			return -1;
		cols = json_object_get(other, "cols");
		labels = json_object_get(other, "col_labels");
	}
	if (cols == NULL) {
		cols = json_object_get(table, "cols");
		labels = json_object_get(table, "col_labels");
	}
	if ((rd->id = nb_pack_dup_str(row, "id", "")) == NULL ||
	    (rd->label = nb_pack_dup_str(row, "label", "")) == NULL ||
	    strv_from_json(&rd->keys, json_object_get(row, "keys"), 1) ||
	    strv_from_json(&rd->cols, cols, 0) ||
	    strv_from_json(&rd->col_labels, labels, 0) || rd->cols.n == 0)
		return -1;
	rd->decimal = json_is_string(json_object_get(row, "type")) &&
	    strcmp(json_string_value(json_object_get(row, "type")), "wan") == 0;
	return merged_from_json(rd, json_object_get(row, "merged"));
}

/* The n strings of s end to end, in one allocation (asprintf's format
 * parsing was a twentieth of a one-file check, for ~900 cells). */
static char *
concat(const char *const *s, size_t n)
{
	size_t	 len = 1, i;
	char	*out, *o;

	for (i = 0; i < n; i++)
		len += strlen(s[i]);
	if ((out = malloc(len)) == NULL)
		return NULL;
	for (o = out, i = 0; i < n; i++) {
		size_t l = strlen(s[i]);

		memcpy(o, s[i], l);
		o += l;
	}
	*o = '\0';
	return out;
}

static int
add_cell(struct nb_pack *p, size_t t, size_t r, size_t c)
{
	const struct nb_table_def *td = &p->tables[t];
	const struct nb_row_def *rd = &td->rows[r];
	struct nb_cell_def *cd, *nc;
	const char *cl = c < rd->col_labels.n ? rd->col_labels.v[c] : rd->cols.v[c];

	if ((nc = realloc(p->cells, (p->ncells + 1) * sizeof(*nc))) == NULL)
		return -1;
	p->cells = nc;
	cd = &p->cells[p->ncells];
	memset(cd, 0, sizeof(*cd));
	cd->table = t;
	cd->row = r;
	cd->col = c;
	if (rd->id[0] != '\0')
		cd->id = concat((const char *[]){ td->id, ".", rd->id, ".",
		    rd->cols.v[c] }, 5);
	else
		cd->id = concat((const char *[]){ td->id, ".", rd->cols.v[c] },
		    3);
	if (cd->id == NULL)
		return -1;
	if ((cd->label = concat((const char *[]){ td->label, " “", rd->label,
	    "” / “", cl, "”" }, 6)) == NULL) {
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
		if ((td->id = nb_pack_dup_str(t, "id", "")) == NULL ||
		    (td->label = nb_pack_dup_str(t, "label", "")) == NULL ||
		    strv_from_json(&td->markers, json_object_get(t, "markers"), 1) ||
		    strv_from_json(&td->foreign, json_object_get(t, "foreign"), 1) ||
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
		for (j = 0; j < td->nrows; j++)
			if (j + td->rows[j].nmerged > td->nrows)
				return nb_fail(err, NB_ERR_CONFIG,
				    "%s: 表格 %s 第 %zu 行的 \"merged\" 超出了表格的行数",
				    p->path, td->id, j + 1);
	}
	return 0;
}

/* A pack, adjusted by the province pack at province (NULL: none) for its
 * own format; its formats' packs too, each for theirs. */
static struct nb_pack *
load(const char *path, const char *province, int nested, int lazy,
    struct nb_error *err)
{
	struct nb_pack *p;
	json_t *root;

	if ((root = nb_pack_read_province(path, province, err)) == NULL)
		return NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (p->path = strdup(path)) == NULL ||
	    (province != NULL && (p->province_file = strdup(province)) ==
	    NULL) ||
	    (p->id = nb_pack_dup_str(root, "id", "")) == NULL) {
		nb_pack_free(p);
		json_decref(root);
		nb_fail(err, NB_ERR_NOMEM, "内存不足");
		return NULL;
	}
	if (parse_formats(p, json_object_get(root, "formats")) == -1) {
		nb_fail(err, NB_ERR_CONFIG, "%s: \"formats\" 无效", path);
		goto fail;
	}
	if (parse_format(p, root, err) == -1 || load_format_packs(p,
	    json_object_get(root, "formats"), province, nested, lazy,
	    err) == -1)
		goto fail;
	if (parse_sections(p, json_object_get(root, "sections"), err) == -1 ||
	    parse_tables(p, json_object_get(root, "tables"), err) == -1)
		goto fail;
	switch (nb_pack_index_cells(p)) {
	case -1:
		nb_fail(err, NB_ERR_NOMEM, "内存不足");
		goto fail;
	case -2:
		nb_fail(err, NB_ERR_CONFIG, "%s: 单元格编号重复", path);
		goto fail;
	}
	if (nb_pack_parse_relations(p, json_object_get(root, "relations"), err) == -1 ||
	    nb_pack_parse_items(p, root, err) == -1)
		goto fail;
	p->plugin_options = json_incref(json_object_get(root, "plugins"));
	json_decref(root);
	return p;
fail:
	json_decref(root);
	nb_pack_free(p);
	return NULL;
}

struct nb_pack *
nb_pack_load(const char *path, struct nb_error *err)
{
	return load(path, NULL, 0, 0, err);
}

struct nb_pack *
nb_pack_load_province(const char *path, const char *province,
    struct nb_error *err)
{
	return load(path, province, 0, 0, err);
}

struct nb_pack *
nb_pack_open(const char *path, const char *province, int lazy,
    struct nb_error *err)
{
	return load(path, province, 0, lazy, err);
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
		nb_pack_free(p->formats[i].pack);
		free(p->formats[i].file);
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
			strv_free(&td->rows[j].merged);
		}
		free(td->rows);
		free(td->id);
		free(td->label);
		strv_free(&td->markers);
		strv_free(&td->foreign);
	}
	free(p->tables);
	for (size_t i = 0; i < p->ncells; i++) {
		free(p->cells[i].id);
		free(p->cells[i].label);
	}
	free(p->cells);
	free(p->by_id);
	free(p->hash);
	for (size_t i = 0; i < p->nrelations; i++) {
		struct nb_relation *r = &p->relations[i];
		free((char *)r->id);
		free((char *)r->rule);
		free((char *)r->label);
		free((void *)r->lhs);
		free((void *)r->rhs);
		free(p->rel_origin[i].file);
		free(p->rel_origin[i].at);
	}
	free(p->relations);
	free(p->rel_origin);
	free(p->rel_cells);
	free(p->rel_cells_at);
	nb_pack_free_items(p);
	json_decref(p->plugin_options);
	free(p->id);
	free(p->path);
	free(p->province_file);
	free(p);
}

int
nb_pack_set_options(struct nb_pack *p, json_t *options, struct nb_error *err)
{
	const char *name, *key;
	json_t *opts, *v;

	if (options == NULL)
		return 0;
	/* The options are the user's: they hold for every format. */
	for (size_t i = 0; i < 4; i++)
		if (p->formats[i].pack != NULL && nb_pack_set_options(
		    p->formats[i].pack, options, err) == -1)
			return -1;
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

