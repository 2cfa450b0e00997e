/*
 * plugdesc.c -- whether a loaded plugin's description is one we may run:
 * its ABI, its name and rule ids, and that neither belongs to another
 * plugin already loaded.
 */
#include <sys/stat.h>

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "plugdesc.h"

int
nb_plugin_valid_name(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return n > 0 && n <= 64;
}

/*
 * A rule id outside the plugin's name: when the plugin it names is a
 * file beside this one (a copy of sums.so declaring sums.balance under
 * another name), the message names both files.
 */
static int
foreign_rule(const char *path, const struct nb_plugin *p, const char *rule,
    struct nb_error *err)
{
	const char *dot = strchr(rule, '.'), *slash = strrchr(path, '/');
	struct stat st;

	if (dot != NULL && dot != rule) {
		char other[4096];

		snprintf(other, sizeof(other), "%.*s%.*s.so",
		    slash ? (int)(slash - path + 1) : 0, path,
		    (int)(dot - rule), rule);
		if (strcmp(other, path) != 0 && stat(other, &st) == 0)
			return nb_fail(err, NB_ERR_CONFIG, "%s: 插件 %s 声明的规则 "
			    "%s 属于 %s；拒绝加载", path, p->name, rule, other);
	}
	return nb_fail(err, NB_ERR_CONFIG, "%s: 规则 %s 应以 \"%s.\" 开头",
	    path, rule, p->name);
}

int
nb_plugin_has_history(const struct nb_plugin *p)
{
	return NB_ABI_GET_MINOR(p->abi_version) >= 2 && p->struct_size >=
	    offsetof(struct nb_plugin, check_history) +
	    sizeof(p->check_history) && p->check_history != NULL;
}

int
nb_plugin_check_desc(const char *path, const struct nb_plugin *p, struct nb_error *err)
{
	if (p == NULL)
		return nb_fail(err, NB_ERR_CONFIG, "%s: nb_plugin_entry() 返回空",
		    path);
	if (NB_ABI_GET_MAJOR(p->abi_version) != NB_ABI_MAJOR)
		return nb_fail(err, NB_ERR_CONFIG,
		    "%s: 插件按 ABI %u.%u 编译，本程序为 ABI %u.%u，拒绝加载",
		    path, NB_ABI_GET_MAJOR(p->abi_version),
		    NB_ABI_GET_MINOR(p->abi_version), NB_ABI_MAJOR, NB_ABI_MINOR);
	if (p->struct_size < offsetof(struct nb_plugin, fini) + sizeof(p->fini))
		return nb_fail(err, NB_ERR_CONFIG, "%s: 插件描述结构过短", path);
	if (p->name == NULL || !nb_plugin_valid_name(p->name) ||
	    (p->check == NULL && !nb_plugin_has_history(p)))
		return nb_fail(err, NB_ERR_CONFIG,
		    "%s: 插件缺少名称或 check 函数（跨报告检查插件为 "
		    "check_history）", path);
	for (size_t i = 0; i < p->n_rules; i++) {
		size_t nl = strlen(p->name);
		if (p->rules[i].id == NULL || p->rules[i].summary == NULL)
			return nb_fail(err, NB_ERR_CONFIG, "%s: 规则定义不完整",
			    path);
		/* Rule ids carry their plugin's name, so two plugins cannot
		 * claim the same rule. */
		if (strncmp(p->rules[i].id, p->name, nl) != 0 ||
		    p->rules[i].id[nl] != '.')
			return foreign_rule(path, p, p->rules[i].id, err);
	}
	return 0;
}

/*
 * A plugin whose declared name or rule ids belong to another is refused
 * before init(), naming both files: a copy of sums.so saved as
 * intruder.so would otherwise run twice under one name.
 */
int
nb_plugin_check_unique(const char *dir, const char *path, const char *file,
    size_t nl, const struct nb_plugin *p, const struct nb_plugin *const *loaded,
    const char *const *paths, size_t n, struct nb_error *err)
{
	if (strlen(p->name) != nl || strncmp(p->name, file, nl) != 0) {
		struct stat st;
		char other[4096];

		snprintf(other, sizeof(other), "%s/%s.so", dir, p->name);
		if (stat(other, &st) == 0)
			return nb_fail(err, NB_ERR_CONFIG,
			    "%s: 插件声明的名称 \"%s\" 与文件名不符，"
			    "该名称属于 %s；拒绝加载", path, p->name, other);
		return nb_fail(err, NB_ERR_CONFIG,
		    "%s: 插件声明的名称 \"%s\" 与文件名不符", path, p->name);
	}
	for (size_t i = 0; i < n; i++) {
		const struct nb_plugin *q = loaded[i];

		if (strcmp(q->name, p->name) == 0)
			return nb_fail(err, NB_ERR_CONFIG,
			    "%s: 插件 %s 已由 %s 加载", path, p->name,
			    paths[i]);
		for (size_t j = 0; j < p->n_rules; j++)
			for (size_t k = 0; k < q->n_rules; k++)
				if (strcmp(p->rules[j].id, q->rules[k].id) == 0)
					return nb_fail(err, NB_ERR_CONFIG,
					    "%s: 规则 %s 已由 %s 声明", path,
					    p->rules[j].id, paths[i]);
	}
	return 0;
}

