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
#include "plugdesc.h"
#include "trust.h"

/* During a check, the options of the pack that reads the report's
 * format (the 2019 pack for a 2019 report). */
const char *
nb_ctx_option(nb_ctx *ctx, const char *key)
{
	const struct nb_pack *p = ctx->report != NULL ? ctx->report->pack :
	    ctx->pack;

	return nb_pack_option(p, ctx->plugin->name, key);
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
	.requirement_count = nb_api_requirement_count,
	.requirement = nb_api_requirement,
	.glued_row = nb_api_glued_row,
	.section_heading = nb_api_section_heading,
	.cell_at = nb_api_cell_at,
	.cell_info_at = nb_api_cell_info_at,
	.relation_cells = nb_api_relation_cells,
};

/* ---- loading ---- */

static void
unload(struct nb_loaded *l)
{
	/* Nothing of the plugin (its name, its rules) is used after this. */
	if (l->dl != NULL)
		dlclose(l->dl);
	if (l->fd != -1)
		close(l->fd);
	free(l->path);
	memset(l, 0, sizeof(*l));
	l->fd = -1;
}

static int
load_one(struct nb_host *h, const char *dir, const char *name,
    const struct nb_pack *pack, struct nb_trust_memo *memo,
    struct nb_error *err)
{
	struct nb_loaded *l;
	const struct nb_plugin *(*entry)(void);
	const struct nb_plugin *loaded[NB_MAX_PLUGINS];
	const char *paths[NB_MAX_PLUGINS];
	char path[4096], self[64], ebuf[512] = "";
	size_t nl = strlen(name);

	if (h->n == NB_MAX_PLUGINS)
		return nb_fail(err, NB_ERR_CONFIG, "插件过多（上限 %d 个）",
		    NB_MAX_PLUGINS);
	if (nl > 3 && strcmp(name + nl - 3, ".so") == 0)
		nl -= 3;
	snprintf(path, sizeof(path), "%s/%.*s.so", dir, (int)nl, name);
	l = &h->plugins[h->n];
	memset(l, 0, sizeof(*l));
	/* The file checked is the file loaded: by its descriptor. */
	if ((l->fd = nb_trust_open_in(path, memo, err)) == -1)
		return -1;
	if ((l->path = strdup(path)) == NULL) {
		unload(l);
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	}
	nb_trust_fd_path(l->fd, self, sizeof(self));
	if ((l->dl = dlopen(self, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		nb_fail(err, NB_ERR_CONFIG, "%s: 无法加载插件：%s", path,
		    dlerror());
		unload(l);
		return -1;
	}
	*(void **)&entry = dlsym(l->dl, NB_PLUGIN_ENTRY_SYMBOL);
	if (entry == NULL) {
		unload(l);
		return nb_fail(err, NB_ERR_CONFIG,
		    "%s: 不是 nianbao 插件（缺少 %s）", path,
		    NB_PLUGIN_ENTRY_SYMBOL);
	}
	l->ctx.plugin = entry();
	/* Each message is made before unload(): it quotes the plugin. */
	for (size_t i = 0; i < h->n; i++) {
		loaded[i] = h->plugins[i].ctx.plugin;
		paths[i] = h->plugins[i].path;
	}
	if (nb_plugin_check_desc(path, l->ctx.plugin, err) == -1 ||
	    nb_plugin_check_unique(dir, path, name, nl, l->ctx.plugin, loaded,
	    paths, h->n, err) == -1) {
		unload(l);
		return -1;
	}
	l->ctx.pack = pack;
	if (l->ctx.plugin->init != NULL && l->ctx.plugin->init(&nb_host_api,
	    &l->ctx, &l->ctx.state, ebuf, sizeof(ebuf)) != 0) {
		nb_fail(err, NB_ERR_CONFIG, "%s: 插件初始化失败：%s", path,
		    ebuf[0] ? ebuf : "未说明原因");
		unload(l);
		return -1;
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
    struct nb_trust_memo *memo, struct nb_error *err)
{
	struct dirent **list;
	int n, rc = 0;

	if ((n = scandir(dir, &list, is_so, alphasort)) == -1)
		return nb_fail(err, NB_ERR_CONFIG, "%s: 无法读取插件目录：%s", dir,
		    strerror(errno));
	for (int i = 0; i < n; i++) {
		if (rc == 0 && load_one(h, dir, list[i]->d_name, pack, memo,
		    err) == -1)
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
	struct nb_trust_memo *memo;
	int rc = 0;

	if ((h = calloc(1, sizeof(*h))) == NULL ||
	    (memo = calloc(1, sizeof(*memo))) == NULL) {
		free(h);
		nb_fail(err, NB_ERR_NOMEM, "内存不足");
		return NULL;
	}
	if (names == NULL)
		rc = load_dir(h, dir, pack, memo, err);
	for (size_t i = 0; names != NULL && i < nnames && rc == 0; i++) {
		if (!nb_plugin_valid_name(names[i]))
			rc = nb_fail(err, NB_ERR_CONFIG,
			    "插件名称 \"%s\" 无效（只允许小写字母、数字和下划线）",
			    names[i]);
		else
			rc = load_one(h, dir, names[i], pack, memo, err);
	}
	free(memo);
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
		unload(l);
	}
	free(h);
}

void
nb_host_use_pack(struct nb_host *h, const struct nb_pack *pack)
{
	for (size_t i = 0; i < h->n; i++)
		h->plugins[i].ctx.pack = pack;
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
