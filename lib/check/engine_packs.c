/*
 * engine_packs.c -- the rule packs of an engine: the national pack alone
 * and once adjusted by each province pack the engine was opened with
 * (nb_engine_conf.provinces), the command line's rule settings on every
 * one of them, and the check, once the plugins are loaded, that every rule
 * id a pack names is a rule: a pack with a typo is refused with the file
 * and JSON path of the typo, not run with a rule that never fires.  A
 * lazy engine's format packs go through the same when their first report
 * is met (nb_packs_load_format).
 */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine_packs.h"

struct nb_packs {
	struct nb_pack	**v;		/* [0] national, [i] province i */
	char		**names;	/* [0] NULL, [i] as the caller named it */
	size_t		  n;
	/* For a format's pack loaded when its first report is met: the
	 * caller's options and --set (copies), the engine's rules. */
	json_t		 *options, *settings;
	struct nb_packs_rules known;
};

/* A province name ("ningxia") is rules/provinces/NAME.json beside the
 * national pack; anything with a '/' or ending in .json is a path. */
static int
province_path(const char *rules, const char *name, char *buf, size_t len)
{
	char dir[PATH_MAX];
	size_t n = strlen(name);

	if (strchr(name, '/') != NULL || (n > 5 && strcmp(name + n - 5,
	    ".json") == 0))
		return snprintf(buf, len, "%s", name) >= (int)len ? -1 : 0;
	for (const char *s = name; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_' || *s == '-'))
			return -1;
	snprintf(dir, sizeof(dir), "%s", rules);
	return snprintf(buf, len, "%s/provinces/%s.json", dirname(dir), name) >=
	    (int)len ? -1 : 0;
}

static int
load_one(struct nb_packs *ps, const struct nb_engine_conf *conf,
    const char *name, struct nb_error *err)
{
	char path[PATH_MAX];
	struct nb_pack *p;

	if (name != NULL) {
		if (province_path(conf->rules_path, name, path, sizeof(path)))
			return nb_fail(err, NB_ERR_CONFIG, "省级规则包名称 \"%s\" "
			    "无效（只允许小写字母、数字、- 和 _，或给出 .json "
			    "文件路径）", name);
		if (access(path, F_OK) == -1)
			return nb_fail(err, NB_ERR_CONFIG, "没有省级规则包 \"%s\""
			    "（%s 不存在）", name, path);
	}
	p = nb_pack_open(conf->rules_path, name ? path : NULL,
	    conf->lazy_formats, err);
	if (p == NULL)
		return -1;
	ps->v[ps->n] = p;
	if (name != NULL && (ps->names[ps->n] = strdup(name)) == NULL) {
		nb_pack_free(p);
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	}
	ps->n++;
	if (nb_pack_set_options(p, conf->plugin_options, err) == -1 ||
	    nb_pack_add_controls(p, conf->rule_settings, "命令行 --set",
	    err) == -1)
		return -1;
	return 0;
}

struct nb_packs *
nb_packs_load(const struct nb_engine_conf *conf, struct nb_error *err)
{
	struct nb_packs *ps;

	if ((ps = calloc(1, sizeof(*ps))) == NULL ||
	    (ps->v = calloc(conf->nprovinces + 1, sizeof(*ps->v))) == NULL ||
	    (ps->names = calloc(conf->nprovinces + 1,
	    sizeof(*ps->names))) == NULL) {
		nb_packs_free(ps);
		nb_fail(err, NB_ERR_NOMEM, "内存不足");
		return NULL;
	}
	ps->options = json_incref(conf->plugin_options);
	ps->settings = json_incref(conf->rule_settings);
	if (load_one(ps, conf, NULL, err) == -1)
		goto fail;
	for (size_t i = 0; i < conf->nprovinces; i++) {
		if (nb_packs_get(ps, conf->provinces[i]) != NULL)
			continue;
		if (load_one(ps, conf, conf->provinces[i], err) == -1)
			goto fail;
	}
	return ps;
fail:
	nb_packs_free(ps);
	return NULL;
}

void
nb_packs_free(struct nb_packs *ps)
{
	if (ps == NULL)
		return;
	for (size_t i = 0; i < ps->n; i++) {
		nb_pack_free(ps->v[i]);
		free(ps->names[i]);
	}
	free(ps->v);
	free(ps->names);
	json_decref(ps->options);
	json_decref(ps->settings);
	free(ps);
}

struct nb_pack *
nb_packs_get(const struct nb_packs *ps, const char *province)
{
	if (province == NULL || province[0] == '\0')
		return ps->v[0];
	for (size_t i = 1; i < ps->n; i++)
		if (strcmp(ps->names[i], province) == 0)
			return ps->v[i];
	return NULL;
}

/*
 * Why `rule` is not a rule of the engine, or NULL when it is.  When only
 * some plugins were loaded (--plugins), a rule of one that was not is
 * taken on trust: it cannot fire, and the pack is right for the full set.
 */
static const char *
unknown_rule(const char *rule, const struct nb_packs_rules *known)
{
	const char *dot = strchr(rule, '.');
	size_t pl = dot ? (size_t)(dot - rule) : 0;

	if (known->is_rule(known->arg, rule))
		return NULL;
	if (pl == 0 || dot[1] == '\0')
		return "不是规则编号（应为“插件名.规则”）";
	if (known->is_plugin(known->arg, rule, pl))
		return "该插件没有声明这一规则";
	if (!known->all_loaded)
		return NULL;
	return "没有哪个已加载的插件声明这一规则";
}

static int
check_pack(const struct nb_pack *p, const struct nb_packs_rules *known,
    struct nb_error *err)
{
	const char *why;

	for (size_t i = 0; i < p->nrelations; i++)
		/* A run of relations of one rule (a template's) is one look. */
		if ((i == 0 || strcmp(p->relations[i].rule,
		    p->relations[i - 1].rule) != 0) &&
		    (why = unknown_rule(p->relations[i].rule, known)) != NULL)
			return nb_fail(err, NB_ERR_CONFIG, "%s: %s.rule: 关系 %s "
			    "的规则 \"%s\" 未知：%s", p->rel_origin[i].file,
			    p->rel_origin[i].at, p->relations[i].id,
			    p->relations[i].rule, why);
	for (size_t i = 0; i < p->nreqs; i++)
		if ((why = unknown_rule(p->reqs[i].rule, known)) != NULL)
			return nb_fail(err, NB_ERR_CONFIG, "%s: %s.rule: 要求项 %s "
			    "的规则 \"%s\" 未知：%s", p->req_origin[i].file,
			    p->req_origin[i].at, p->reqs[i].id, p->reqs[i].rule,
			    why);
	/* The packs of the other formats, each with its own mistakes. */
	for (size_t i = 0; i < sizeof(p->formats) / sizeof(p->formats[0]); i++)
		if (p->formats[i].pack != NULL &&
		    check_pack(p->formats[i].pack, known, err) == -1)
			return -1;
	for (size_t i = 0; i < p->ncontrols; i++) {
		const struct nb_control *c = &p->controls[i];

		if (known->is_builtin(known->arg, c->rule))
			return nb_fail(err, NB_ERR_CONFIG, "%s: %s: 规则 %s 由程序"
			    "自身报告，不能关闭或改变级别", c->where.file,
			    c->where.at, c->rule);
		if ((why = unknown_rule(c->rule, known)) != NULL)
			return nb_fail(err, NB_ERR_CONFIG, "%s: %s: 规则 \"%s\" "
			    "未知：%s", c->where.file, c->where.at, c->rule, why);
	}
	return 0;
}

int
nb_packs_check_rules(struct nb_packs *ps, const struct nb_packs_rules *known,
    struct nb_error *err)
{
	ps->known = *known;
	for (size_t i = 0; i < ps->n; i++)
		if (check_pack(ps->v[i], known, err) == -1)
			return -1;
	return 0;
}

int
nb_packs_load_format(struct nb_packs *ps, struct nb_pack *p,
    enum nb_format f, struct nb_error *err)
{
	struct nb_pack *fp;

	if (!nb_pack_format_pending(p, f))
		return 0;
	/* Adjusted as the packs loaded at start were (load_one), and
	 * checked as they were (nb_packs_check_rules). */
	if ((fp = nb_pack_load_format(p, f, err)) == NULL)
		return -1;
	if (nb_pack_set_options(fp, ps->options, err) == -1 ||
	    nb_pack_add_controls(fp, ps->settings, "命令行 --set", err) == -1 ||
	    check_pack(fp, &ps->known, err) == -1) {
		nb_pack_free(fp);
		return -1;
	}
	nb_pack_set_format(p, f, fp);
	return 1;
}
