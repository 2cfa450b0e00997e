/*
 * conf_origins.c -- the "origins" table of nianbaod.conf(5): which drop
 * subfolder of incoming/ (an origin: one province's, one city's agencies)
 * is checked with which province pack.
 *
 *   origins = (
 *     { origin = "nx"; province = "ningxia"; },
 *     { origin = "湖北"; province = "hubei"; }
 *   );
 *
 * A province is a name (rules/provinces/NAME.json beside the rule pack)
 * or a path to a .json file, relative to the configuration's folder.  The
 * table travels to each worker with its configuration, so a worker applies
 * the table it was started with, through a reload too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libconfig.h>

#include "conf.h"

static const char *const known_origin[] = { "origin", "province", NULL };

static int
fail_at(char *err, size_t errlen, const char *file,
    const config_setting_t *s, const char *what)
{
	snprintf(err, errlen, "%s 第 %d 行：origins：%s", file,
	    config_setting_source_line(s), what);
	return -1;
}

/* The province as the engine takes it: a name, or a path made absolute. */
static char *
province_of(const char *confdir, const char *v)
{
	char	*out;

	if (strchr(v, '/') == NULL && strstr(v, ".json") == NULL)
		return strdup(v);
	if (v[0] == '/' || confdir == NULL)
		return strdup(v);
	if (asprintf(&out, "%s/%s", confdir, v) == -1)
		return NULL;
	return out;
}

static int
get_entry(config_setting_t *e, json_t *map, const char *confdir,
    const char *file, char *err, size_t errlen)
{
	const char	*origin = NULL, *prov = NULL;
	config_setting_t *m;
	char		*p;
	int		 rc;

	if (!config_setting_is_group(e))
		return fail_at(err, errlen, file, e, "每一项应为 { origin = "
		    "\"子目录\"; province = \"省级规则包\"; }");
	for (unsigned i = 0; (m = config_setting_get_elem(e, i)) != NULL; i++) {
		const char *n = config_setting_name(m);
		int ok = 0;

		for (size_t k = 0; known_origin[k] != NULL; k++)
			ok |= n != NULL && strcmp(n, known_origin[k]) == 0;
		if (!ok)
			return fail_at(err, errlen, file, m, "未知的设置");
	}
	if (config_setting_lookup_string(e, "origin", &origin) != CONFIG_TRUE ||
	    strchr(origin, '/') != NULL || strcmp(origin, ".") == 0 ||
	    strcmp(origin, "..") == 0)
		return fail_at(err, errlen, file, e, "origin 应为 incoming/ 下"
		    "一层子目录的名称（\"\" 为 incoming/ 本身）");
	if (config_setting_lookup_string(e, "province", &prov) != CONFIG_TRUE ||
	    prov[0] == '\0')
		return fail_at(err, errlen, file, e, "缺少 province（省级规则包"
		    "名称，如 \"ningxia\"，或 .json 文件路径）");
	if (json_object_get(map, origin) != NULL)
		return fail_at(err, errlen, file, e, "同一 origin 出现两次");
	if ((p = province_of(confdir, prov)) == NULL) {
		snprintf(err, errlen, "内存不足");
		return -1;
	}
	rc = json_object_set_new(map, origin, json_string(p));
	free(p);
	if (rc == -1) {
		snprintf(err, errlen, "内存不足");
		return -1;
	}
	return 0;
}

int
conf_get_origins(const config_t *cf, struct nbd_conf *c, const char *confdir,
    char *err, size_t errlen)
{
	config_setting_t *s = config_lookup(cf, "origins"), *e;

	if ((c->origins = json_object()) == NULL) {
		snprintf(err, errlen, "内存不足");
		return -1;
	}
	if (s == NULL)
		return 0;
	if (!config_setting_is_list(s))
		return fail_at(err, errlen, c->file, s, "应为列表 ( {…}, {…} )");
	for (unsigned i = 0; (e = config_setting_get_elem(s, i)) != NULL; i++)
		if (get_entry(e, c->origins, confdir, c->file, err,
		    errlen) == -1)
			return -1;
	return 0;
}

static int
listed(const char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

size_t
conf_origin_provinces(const json_t *origins, const char **out, size_t max)
{
	const char	*k;
	json_t		*v;
	size_t		 n = 0;

	json_object_foreach((json_t *)origins, k, v) {
		const char *p = json_string_value(v);

		if (p != NULL && n < max && !listed(out, n, p))
			out[n++] = p;
	}
	return n;
}
