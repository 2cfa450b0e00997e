/*
 * pack_items.c -- the parts of a rule pack that are not the format itself:
 * rule settings ("rules": {RULE: "off"|SEVERITY}, and --set on the
 * command line) and required texts ("required": [...]), each kept with
 * the file and JSON path it came from.
 *
 * Whether a rule id names a rule is known only once the plugins are
 * loaded; the engine checks that (engine_rules.c), quoting the origin kept
 * here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "pack.h"

int
nb_pack_origin(struct nb_where *o, json_t *item)
{
	const char *f = json_string_value(json_object_get(item, "_file"));
	const char *a = json_string_value(json_object_get(item, "_at"));

	o->file = strdup(f ? f : "?");
	o->at = strdup(a ? a : "$");
	return o->file == NULL || o->at == NULL ? -1 : 0;
}

static void
origin_free(struct nb_where *o)
{
	free(o->file);
	free(o->at);
}

/* "off" -> 1, a severity -> 0 with *sev set, anything else -> -1. */
static int
parse_setting(json_t *v, enum nb_severity *sev)
{
	const char *s = json_string_value(v);

	if (s == NULL)
		return -1;
	if (strcmp(s, "off") == 0)
		return 1;
	if (strcmp(s, "error") == 0)
		*sev = NB_SEV_ERROR;
	else if (strcmp(s, "warning") == 0)
		*sev = NB_SEV_WARNING;
	else if (strcmp(s, "info") == 0)
		*sev = NB_SEV_INFO;
	else
		return -1;
	return 0;
}

static int
add_control(struct nb_pack *p, json_t *item, struct nb_error *err)
{
	struct nb_control *nc, *c;
	struct nb_where o;
	const char *rule = json_string_value(json_object_get(item, "rule"));
	enum nb_severity sev = NB_SEV_ERROR;
	int off;

	if (nb_pack_origin(&o, item) == -1) {
		origin_free(&o);
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	}
	if (rule == NULL) {
		nb_fail(err, NB_ERR_CONFIG, "%s: %s: 应为“规则编号: 设置”的对象",
		    o.file, o.at);
		origin_free(&o);
		return -1;
	}
	if ((off = parse_setting(json_object_get(item, "set"), &sev)) == -1) {
		nb_fail(err, NB_ERR_CONFIG, "%s: %s: 规则 %s 的设置应为 off、info、"
		    "warning 或 error", o.file, o.at, rule);
		origin_free(&o);
		return -1;
	}
	if ((nc = realloc(p->controls, (p->ncontrols + 1) * sizeof(*nc))) ==
	    NULL) {
		origin_free(&o);
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	}
	p->controls = nc;
	c = &nc[p->ncontrols];
	if ((c->rule = strdup(rule)) == NULL) {
		origin_free(&o);
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	}
	c->off = off;
	c->severity = sev;
	c->where = o;
	p->ncontrols++;
	return 0;
}

int
nb_pack_add_controls(struct nb_pack *p, json_t *rules, const char *file,
    struct nb_error *err)
{
	const char *k;
	json_t *v;
	char at[512];

	if (rules == NULL)
		return 0;
	if (!json_is_object(rules))
		return nb_fail(err, NB_ERR_CONFIG, "%s: 规则设置无效", file);
	/* The user's settings hold for every format. */
	for (size_t i = 0; i < sizeof(p->formats) / sizeof(p->formats[0]); i++)
		if (p->formats[i].pack != NULL && nb_pack_add_controls(
		    p->formats[i].pack, rules, file, err) == -1)
			return -1;
	json_object_foreach(rules, k, v) {
		json_t *item;

		snprintf(at, sizeof(at), "%s", k);
		item = json_pack("{s:s, s:O, s:s, s:s}", "rule", k, "set", v,
		    "_file", file, "_at", at);
		if (item == NULL)
			return nb_fail(err, NB_ERR_NOMEM, "内存不足");
		if (add_control(p, item, err) == -1) {
			json_decref(item);
			return -1;
		}
		json_decref(item);
	}
	return 0;
}

int
nb_pack_rule_control(const struct nb_pack *p, const char *rule,
    enum nb_severity *sev)
{
	for (size_t i = p->ncontrols; i-- > 0;) {
		const struct nb_control *c = &p->controls[i];

		if (strcmp(c->rule, rule) != 0)
			continue;
		if (c->off)
			return -1;
		*sev = c->severity;
		return 1;
	}
	return 0;
}

/* One "required" item: {"id", "rule", "label", "section", "any",
 * "severity"}; its words are kept compacted like section_text(). */
static int
add_requirement(struct nb_pack *p, json_t *item, struct nb_error *err)
{
	struct nb_requirement *nr, *r;
	struct nb_where *no, *o;
	json_t *any = json_object_get(item, "any"), *w, *sec;
	const char *id, *rule, *label, *why = NULL;
	const char **words;
	enum nb_severity sev = NB_SEV_WARNING;
	size_t i;

	if ((no = realloc(p->req_origin, (p->nreqs + 1) * sizeof(*no))) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	p->req_origin = no;
	if ((nr = realloc(p->reqs, (p->nreqs + 1) * sizeof(*nr))) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	p->reqs = nr;
	o = &no[p->nreqs];
	r = &nr[p->nreqs];
	memset(r, 0, sizeof(*r));
	if (nb_pack_origin(o, item) == -1) {
		origin_free(o);
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	}
	p->nreqs++;
	id = json_string_value(json_object_get(item, "id"));
	rule = json_string_value(json_object_get(item, "rule"));
	label = json_string_value(json_object_get(item, "label"));
	sec = json_object_get(item, "section");
	if (!json_is_object(item))
		why = "应为对象";
	else if (id == NULL || rule == NULL || label == NULL)
		why = "缺少 \"id\"、\"rule\" 或 \"label\"";
	else if (sec != NULL && (!json_is_integer(sec) ||
	    json_integer_value(sec) < 0 || json_integer_value(sec) > 6))
		why = "\"section\" 应为 0 至 6（0 为全文）";
	else if (!json_is_array(any) || json_array_size(any) == 0)
		why = "\"any\" 应为非空的词语列表";
	else if (json_object_get(item, "severity") != NULL && parse_setting(
	    json_object_get(item, "severity"), &sev) != 0)
		why = "\"severity\" 应为 info、warning 或 error";
	if (why != NULL)
		return nb_fail(err, NB_ERR_CONFIG, "%s: %s: 要求项%s", o->file,
		    o->at, why);
	if ((r->id = strdup(id)) == NULL || (r->rule = strdup(rule)) == NULL ||
	    (r->label = strdup(label)) == NULL ||
	    (words = calloc(json_array_size(any), sizeof(*words))) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	r->any = words;
	r->severity = sev;
	r->section = (int)json_integer_value(sec);
	json_array_foreach(any, i, w) {
		const char *s = json_string_value(w);

		if (s == NULL || s[0] == '\0')
			return nb_fail(err, NB_ERR_CONFIG, "%s: %s.any[%zu]: 应为"
			    "非空字符串", o->file, o->at, i);
		if ((words[i] = nb_compact(s, strlen(s))) == NULL)
			return nb_fail(err, NB_ERR_NOMEM, "内存不足");
		r->n_any++;
	}
	for (size_t j = 0; j + 1 < p->nreqs; j++)
		if (strcmp(p->reqs[j].id, r->id) == 0)
			return nb_fail(err, NB_ERR_CONFIG, "%s: %s: 要求项编号 %s "
			    "已在 %s %s 使用", o->file, o->at, r->id,
			    p->req_origin[j].file, p->req_origin[j].at);
	return 0;
}

int
nb_pack_parse_items(struct nb_pack *p, json_t *root, struct nb_error *err)
{
	json_t *req = json_object_get(root, "required");
	json_t *rules = json_object_get(root, "_rules"), *item;
	const char *prov = json_string_value(json_object_get(root, "_province"));
	size_t i;

	if (prov != NULL && (p->province = strdup(prov)) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	if (req != NULL && !json_is_array(req))
		return nb_fail(err, NB_ERR_CONFIG, "%s: \"required\" 应为数组",
		    p->path);
	json_array_foreach(req, i, item) {
		if (add_requirement(p, item, err) == -1)
			return -1;
	}
	json_array_foreach(rules, i, item) {
		if (add_control(p, item, err) == -1)
			return -1;
	}
	return 0;
}

void
nb_pack_free_items(struct nb_pack *p)
{
	for (size_t i = 0; i < p->nreqs; i++) {
		struct nb_requirement *r = &p->reqs[i];

		for (size_t j = 0; j < r->n_any; j++)
			free((char *)r->any[j]);
		free((void *)r->any);
		free((char *)r->id);
		free((char *)r->rule);
		free((char *)r->label);
		origin_free(&p->req_origin[i]);
	}
	free(p->reqs);
	free(p->req_origin);
	for (size_t i = 0; i < p->ncontrols; i++) {
		free(p->controls[i].rule);
		origin_free(&p->controls[i].where);
	}
	free(p->controls);
	free(p->province);
}
