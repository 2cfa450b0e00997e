/*
 * pack_province.c -- a province pack (rules/provinces/NAME.json) laid
 * over the national pack that the report's format picked.
 *
 * A province pack names no national pack: its own members adjust the
 * formats of six parts (2019, 2021), and "per_format": {"2019": {...}}
 * adjusts one format more (the old 统计表 format only so).  The
 * adjustment is the JSON merge of pack_read.c, so a province pack can do
 * exactly what an "extends" pack does, and no more.  Before anything is
 * merged, each file's relations, requirements and rule settings are
 * marked with the file and JSON path they were written at (annotate), so
 * that a mistake found later -- a cell that does not exist, a rule no
 * plugin declares -- is refused naming where to fix it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack.h"

/* Members a pack may have; province packs only the adjusting ones. */
static const char *const adjusting[] = {
	"sections", "tables", "relations", "plugins", "rules", "required",
	NULL
};
static const char *const national_only[] = {
	"nianbao_rules", "id", "title", "format", "formats", "extends", NULL
};
static const char *const province_only[] = {
	"nianbao_rules", "id", "title", "province", "per_format", NULL
};
static const char *const format_names[] = { "old", "2019", "2021", NULL };

static int
in(const char *const *list, const char *k)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, k) == 0)
			return 1;
	return 0;
}

int
nb_pack_check_keys(json_t *obj, const char *file, const char *at,
    int province, struct nb_error *err)
{
	const char *k;
	json_t *v;

	json_object_foreach(obj, k, v) {
		/* "_comment" and the like: notes for the reader. */
		if (k[0] == '_' || in(adjusting, k))
			continue;
		if (at[1] == '\0' && in(province ? province_only :
		    national_only, k))
			continue;
		return nb_fail(err, NB_ERR_CONFIG, "%s: %s.%s: 规则包中没有这一项"
		    "%s", file, at, k, !province && strcmp(k, "province") == 0 ?
		    "（省级规则包请用 --province 或 nianbaod.conf 的 origins 指定）"
		    : "");
	}
	return 0;
}

/* Sets "_file" and "_at" on every object of arr. */
static int
mark_array(json_t *arr, const char *file, const char *at, const char *key)
{
	size_t i;
	json_t *el;
	char path[512];

	if (!json_is_array(arr))
		return 0;	/* the parser refuses it, naming the file */
	json_array_foreach(arr, i, el) {
		if (!json_is_object(el))
			continue;
		snprintf(path, sizeof(path), "%s.%s[%zu]", at, key, i);
		if (json_object_set_new(el, "_file", json_string(file)) ||
		    json_object_set_new(el, "_at", json_string(path)))
			return -1;
	}
	return 0;
}

int
nb_pack_annotate(json_t *obj, const char *file, const char *at)
{
	json_t *rules = json_object_get(obj, "rules"), *list, *v;
	const char *k;
	char path[512];

	if (mark_array(json_object_get(obj, "relations"), file, at,
	    "relations") || mark_array(json_object_get(obj, "required"), file,
	    at, "required"))
		return -1;
	if (rules == NULL)
		return 0;
	/* {RULE: VALUE} becomes a list of settings that keep their origin
	 * and their order: merged packs append, the last one wins. */
	if ((list = json_array()) == NULL)
		return -1;
	if (!json_is_object(rules)) {
		snprintf(path, sizeof(path), "%s.rules", at);
		if (json_array_append_new(list, json_pack("{s:s?, s:O, s:s, s:s}",
		    "rule", NULL, "set", rules, "_file", file, "_at", path)))
			goto fail;
	}
	json_object_foreach(json_is_object(rules) ? rules : NULL, k, v) {
		snprintf(path, sizeof(path), "%s.rules[\"%s\"]", at, k);
		if (json_array_append_new(list, json_pack("{s:s, s:O, s:s, s:s}",
		    "rule", k, "set", v, "_file", file, "_at", path)))
			goto fail;
	}
	if (json_object_del(obj, "rules") == -1 ||
	    json_object_set_new(obj, "_rules", list) == -1)
		return -1;
	return 0;
fail:
	json_decref(list);
	return -1;
}

static int
merge_at(json_t *base, json_t *over, const char *file, const char *at,
    struct nb_error *err)
{
	json_t *o;
	int rc;

	if (!json_is_object(over))
		return nb_fail(err, NB_ERR_CONFIG, "%s: %s 应为对象", file, at);
	if (nb_pack_check_keys(over, file, at, 1, err) == -1)
		return -1;
	/* Only the adjusting members, on a copy: the file stays as read. */
	if ((o = json_object()) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	for (size_t i = 0; adjusting[i] != NULL; i++) {
		json_t *v = json_object_get(over, adjusting[i]);
		if (v != NULL && json_object_set_new(o, adjusting[i],
		    json_deep_copy(v)) == -1) {
			json_decref(o);
			return nb_fail(err, NB_ERR_NOMEM, "内存不足");
		}
	}
	rc = nb_pack_annotate(o, file, at) == -1 || nb_pack_merge(base, o) == -1;
	json_decref(o);
	if (rc)
		return nb_fail(err, NB_ERR_CONFIG, "%s: %s: 无法合并到所调整的"
		    "规则包（结构不符）", file, at);
	return 0;
}

json_t *
nb_pack_read_province(const char *path, const char *province,
    struct nb_error *err)
{
	json_error_t jerr;
	json_t *base, *prov, *pf;
	const char *fmt, *k;
	json_t *v;

	if ((base = nb_pack_read(path, 0, err)) == NULL || province == NULL)
		return base;
	if ((prov = nb_pack_load_json(province, &jerr)) == NULL) {
		nb_fail(err, NB_ERR_CONFIG, "%s:%d: 无法读取省级规则包：%s",
		    province, jerr.line, jerr.text);
		json_decref(base);
		return NULL;
	}
	if (!json_is_object(prov) || json_integer_value(json_object_get(prov,
	    "nianbao_rules")) != 1 || !json_is_string(json_object_get(prov,
	    "province"))) {
		nb_fail(err, NB_ERR_CONFIG, "%s: 不是省级规则包（应有 "
		    "\"nianbao_rules\": 1 和 \"province\"）", province);
		goto fail;
	}
	fmt = json_string_value(json_object_get(base, "format"));
	/* Its own members adjust the formats of six parts and the same
	 * T3 and T4 (2019, 2021); the old 统计表 only by per_format.old.
	 * They are checked against the 2021 pack whatever the format. */
	if ((fmt == NULL || strcmp(fmt, "old") != 0) &&
	    merge_at(base, prov, province, "$", err) == -1)
		goto fail;
	if (fmt != NULL && strcmp(fmt, "old") == 0 &&
	    nb_pack_check_keys(prov, province, "$", 1, err) == -1)
		goto fail;
	pf = json_object_get(prov, "per_format");
	if (pf != NULL && !json_is_object(pf)) {
		nb_fail(err, NB_ERR_CONFIG, "%s: $.per_format 应为对象", province);
		goto fail;
	}
	json_object_foreach(pf, k, v) {
		char at[64];

		if (!in(format_names, k)) {
			nb_fail(err, NB_ERR_CONFIG, "%s: $.per_format.%s: 没有这种"
			    "格式（应为 old、2019 或 2021）", province, k);
			goto fail;
		}
		snprintf(at, sizeof(at), "$.per_format.%s", k);
		/* Another format's adjustments are checked when a report of
		 * that format picks its pack; their members are checked now. */
		if (fmt == NULL || strcmp(fmt, k) != 0) {
			if (json_is_object(v) && nb_pack_check_keys(v, province,
			    at, 1, err) == -1)
				goto fail;
			continue;
		}
		if (merge_at(base, v, province, at, err) == -1)
			goto fail;
	}
	if (json_object_set_new(base, "_province",
	    json_string(json_string_value(json_object_get(prov, "province")))))
		goto fail;
	json_decref(prov);
	return base;
fail:
	json_decref(prov);
	json_decref(base);
	return NULL;
}
