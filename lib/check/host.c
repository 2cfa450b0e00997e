/*
 * host.c -- the plugin host: loads plugins, hands them the table of
 * services (the model accessors are in api_model.c), takes their findings.
 *
 * Plugins get every service through a table of functions (struct nb_api),
 * so they need no symbol of ours and are dlopen()ed RTLD_LOCAL.  We never
 * dlclose() while a check may still use a plugin's strings; the daemon
 * reloads by replacing its worker processes.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api_model.h"
#include "host.h"
#include "host_priv.h"

const char *
nb_ctx_option(nb_ctx *ctx, const char *key)
{
	return nb_pack_option(ctx->pack, ctx->plugin->name, key);
}

static int
api_emit(nb_ctx *ctx, const struct nb_finding *f)
{
	return nb_ctx_add(ctx, f, ctx->report != NULL ? ctx->report->src :
	    NULL);
}

static void
api_log(nb_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "nianbao: %s: ", ctx->plugin->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* The table of check(): its history members stay NULL (host_run.c). */
const struct nb_api nb_host_api = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_api),
	.format = nb_api_format,
	.year = nb_api_year,
	.issuer = nb_api_issuer,
	.title_line = nb_api_title_line,
	.period_line = nb_api_period_line,
	.line_count = nb_api_line_count,
	.line_text = nb_api_line_text,
	.section_line = nb_api_section_line,
	.section_count = nb_api_section_count,
	.section_end = nb_api_section_end,
	.section_text = nb_api_section_text,
	.section_text_line = nb_api_section_text_line,
	.section_order = nb_api_section_order,
	.table_state = nb_api_table_state,
	.table_line = nb_api_table_line,
	.cell_count = nb_api_cell_count,
	.cell_id = nb_api_cell_id,
	.cell = nb_api_cell,
	.cell_label = nb_api_cell_label,
	.relation_count = nb_api_relation_count,
	.relation = nb_api_relation,
	.option = nb_ctx_option,
	.emit = api_emit,
	.log = api_log,
	.relation_check = nb_api_relation_check,
	.section_text_offset = nb_api_section_text_offset,
	.cell_info = nb_api_cell_info,
	.table_confidence = nb_api_table_confidence,
	.section_lines = nb_api_section_lines,
	.line_page = nb_api_line_page,
};

/* ---- loading ---- */

static int
valid_name(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return n > 0 && n <= 64;
}

/* A plugin file must be a regular file nobody else can swap. */
static int
check_file(const char *path, struct nb_error *err)
{
	struct stat st;

	if (stat(path, &st) == -1)
		return nb_fail(err, NB_ERR_CONFIG, "%s: 无法加载插件：%s", path,
		    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return nb_fail(err, NB_ERR_CONFIG, "%s: 插件不是普通文件", path);
	if (st.st_mode & (S_IWGRP | S_IWOTH))
		return nb_fail(err, NB_ERR_CONFIG,
		    "%s: 插件文件可被其他用户写入，拒绝加载", path);
	return 0;
}

static int
check_desc(const char *path, const struct nb_plugin *p, struct nb_error *err)
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
	if (p->name == NULL || !valid_name(p->name) || p->check == NULL)
		return nb_fail(err, NB_ERR_CONFIG,
		    "%s: 插件缺少名称或 check 函数", path);
	for (size_t i = 0; i < p->n_rules; i++) {
		size_t nl = strlen(p->name);
		if (p->rules[i].id == NULL || p->rules[i].summary == NULL)
			return nb_fail(err, NB_ERR_CONFIG, "%s: 规则定义不完整",
			    path);
		/* Rule ids carry their plugin's name, so two plugins cannot
		 * claim the same rule. */
		if (strncmp(p->rules[i].id, p->name, nl) != 0 ||
		    p->rules[i].id[nl] != '.')
			return nb_fail(err, NB_ERR_CONFIG,
			    "%s: 规则 %s 应以 \"%s.\" 开头", path, p->rules[i].id,
			    p->name);
	}
	return 0;
}

static int
load_one(struct nb_host *h, const char *dir, const char *name,
    const struct nb_pack *pack, struct nb_error *err)
{
	struct nb_loaded *l;
	const struct nb_plugin *(*entry)(void);
	char path[4096], ebuf[512] = "";
	size_t nl = strlen(name);

	if (h->n == NB_MAX_PLUGINS)
		return nb_fail(err, NB_ERR_CONFIG, "插件过多（上限 %d 个）",
		    NB_MAX_PLUGINS);
	if (nl > 3 && strcmp(name + nl - 3, ".so") == 0)
		nl -= 3;
	snprintf(path, sizeof(path), "%s/%.*s.so", dir, (int)nl, name);
	if (check_file(path, err) == -1)
		return -1;
	l = &h->plugins[h->n];
	memset(l, 0, sizeof(*l));
	if ((l->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return nb_fail(err, NB_ERR_CONFIG, "%s: 无法加载插件：%s", path,
		    dlerror());
	*(void **)&entry = dlsym(l->dl, NB_PLUGIN_ENTRY_SYMBOL);
	if (entry == NULL) {
		dlclose(l->dl);
		return nb_fail(err, NB_ERR_CONFIG,
		    "%s: 不是 nianbao 插件（缺少 %s）", path,
		    NB_PLUGIN_ENTRY_SYMBOL);
	}
	l->ctx.plugin = entry();
	for (size_t i = 0; i < h->n; i++)
		if (l->ctx.plugin && l->ctx.plugin->name &&
		    strcmp(h->plugins[i].ctx.plugin->name,
		    l->ctx.plugin->name) == 0) {
			dlclose(l->dl);
			return nb_fail(err, NB_ERR_CONFIG, "%s: 插件 %s 重复加载",
			    path, l->ctx.plugin->name);
		}
	if (check_desc(path, l->ctx.plugin, err) == -1) {
		dlclose(l->dl);
		return -1;
	}
	if (strlen(l->ctx.plugin->name) != nl ||
	    strncmp(l->ctx.plugin->name, name, nl) != 0) {
		dlclose(l->dl);
		return nb_fail(err, NB_ERR_CONFIG,
		    "%s: 插件名称 \"%s\" 与文件名不符", path, l->ctx.plugin->name);
	}
	l->ctx.pack = pack;
	if (l->ctx.plugin->init != NULL && l->ctx.plugin->init(&nb_host_api,
	    &l->ctx, &l->ctx.state, ebuf, sizeof(ebuf)) != 0) {
		dlclose(l->dl);
		return nb_fail(err, NB_ERR_CONFIG, "%s: 插件初始化失败：%s", path,
		    ebuf[0] ? ebuf : "未说明原因");
	}
	if ((l->path = strdup(path)) == NULL) {
		if (l->ctx.plugin->fini != NULL)
			l->ctx.plugin->fini(l->ctx.state);
		dlclose(l->dl);
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	}
	h->n++;
	return 0;
}

static int
is_so(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 3 &&
	    strcmp(d->d_name + n - 3, ".so") == 0;
}

static int
load_dir(struct nb_host *h, const char *dir, const struct nb_pack *pack,
    struct nb_error *err)
{
	struct dirent **list;
	int n, rc = 0;

	if ((n = scandir(dir, &list, is_so, alphasort)) == -1)
		return nb_fail(err, NB_ERR_CONFIG, "%s: 无法读取插件目录：%s", dir,
		    strerror(errno));
	for (int i = 0; i < n; i++) {
		if (rc == 0 && load_one(h, dir, list[i]->d_name, pack, err) == -1)
			rc = -1;
		free(list[i]);
	}
	free(list);
	if (rc == 0 && h->n == 0)
		return nb_fail(err, NB_ERR_CONFIG, "%s: 插件目录中没有插件", dir);
	return rc;
}

struct nb_host *
nb_host_load(const char *dir, const char *const *names, size_t nnames,
    const struct nb_pack *pack, struct nb_error *err)
{
	struct nb_host *h;
	int rc = 0;

	if ((h = calloc(1, sizeof(*h))) == NULL) {
		nb_fail(err, NB_ERR_NOMEM, "内存不足");
		return NULL;
	}
	if (names == NULL)
		rc = load_dir(h, dir, pack, err);
	for (size_t i = 0; names != NULL && i < nnames && rc == 0; i++) {
		if (!valid_name(names[i]))
			rc = nb_fail(err, NB_ERR_CONFIG,
			    "插件名称 \"%s\" 无效（只允许小写字母、数字和下划线）",
			    names[i]);
		else
			rc = load_one(h, dir, names[i], pack, err);
	}
	if (rc == -1) {
		nb_host_free(h);
		return NULL;
	}
	return h;
}

void
nb_host_free(struct nb_host *h)
{
	if (h == NULL)
		return;
	for (size_t i = 0; i < h->n; i++) {
		struct nb_loaded *l = &h->plugins[i];
		if (l->ctx.plugin->fini != NULL)
			l->ctx.plugin->fini(l->ctx.state);
		dlclose(l->dl);
		free(l->path);
	}
	free(h);
}

size_t
nb_host_plugin_count(const struct nb_host *h)
{
	return h->n;
}

const struct nb_plugin *
nb_host_plugin(const struct nb_host *h, size_t i)
{
	return i < h->n ? h->plugins[i].ctx.plugin : NULL;
}
