/*
 * host.c -- the plugin host.
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

#include "host.h"

#define NB_MAX_PLUGINS	64

struct nb_ctx {
	const struct nb_plugin	*plugin;
	const struct nb_pack	*pack;
	const struct nb_report	*report;	/* during check() only */
	struct nb_result	*res;		/* during check() only */
	void			*state;
	int			 bad_emits;
};

struct nb_loaded {
	void		*dl;
	char		*path;
	struct nb_ctx	 ctx;
};

struct nb_host {
	struct nb_loaded plugins[NB_MAX_PLUGINS];
	size_t		 n;
};

/* ---- the model accessors of struct nb_api ---- */

static enum nb_format
api_format(const nb_report *r)
{
	return r->format;
}

static int
api_year(const nb_report *r)
{
	return r->year;
}

static const char *
api_issuer(const nb_report *r)
{
	return r->issuer ? r->issuer : "";
}

static unsigned
api_title_line(const nb_report *r)
{
	return r->title_line;
}

static unsigned
api_period_line(const nb_report *r, int *start, int *end)
{
	if (start != NULL)
		*start = r->period_start;
	if (end != NULL)
		*end = r->period_end;
	return r->period_line;
}

static unsigned
api_line_count(const nb_report *r)
{
	return (unsigned)r->src->nlines;
}

/* Line numbers are the source's; find the line by number. */
static const char *
api_line_text(const nb_report *r, unsigned line)
{
	size_t i = line > 0 ? line - 1 : 0;

	if (line == 0)
		return NULL;
	if (i < r->src->nlines && r->src->lines[i].lineno == line)
		return r->src->lines[i].text;
	for (i = 0; i < r->src->nlines; i++)
		if (r->src->lines[i].lineno == line)
			return r->src->lines[i].text;
	return NULL;
}

static int
valid_section(int n)
{
	return n >= 0 && n <= 6;
}

static unsigned
api_section_line(const nb_report *r, int n)
{
	return valid_section(n) ? r->sec[n].line : 0;
}

static int
api_section_count(const nb_report *r, int n)
{
	return valid_section(n) ? r->sec[n].count : 0;
}

static unsigned
api_section_end(const nb_report *r, int n)
{
	size_t end;

	if (!valid_section(n) || r->sec[n].count == 0 || r->sec[n].end == 0)
		return 0;
	end = r->sec[n].end - 1;
	return end < r->doc->nlines ? r->doc->lines[end].lineno : 0;
}

static const char *
api_section_text(const nb_report *r, int n)
{
	if (!valid_section(n) || r->sec[n].text == NULL)
		return "";
	return r->sec[n].text;
}

static unsigned
api_section_text_line(const nb_report *r, int n, size_t off)
{
	const struct nb_section *s;

	if (!valid_section(n))
		return 0;
	s = &r->sec[n];
	return nb_section_line_at(s, off);
}

static size_t
api_section_order(const nb_report *r, int *order, size_t max)
{
	size_t n = r->norder < max ? r->norder : max;

	memcpy(order, r->order, n * sizeof(*order));
	return n;
}

static enum nb_table_state
api_table_state(const nb_report *r, const char *t)
{
	long i = nb_pack_table_index(r->pack, t);

	return i < 0 ? NB_TABLE_ABSENT : r->tables[i].state;
}

static unsigned
api_table_line(const nb_report *r, const char *t)
{
	long i = nb_pack_table_index(r->pack, t);

	return i < 0 ? 0 : r->tables[i].line;
}

static size_t
api_cell_count(const nb_report *r)
{
	return r->pack->ncells;
}

static const char *
api_cell_id(const nb_report *r, size_t i)
{
	return i < r->pack->ncells ? r->pack->cells[i].id : NULL;
}

static int
api_cell(const nb_report *r, const char *id, struct nb_value *v)
{
	long i = nb_pack_cell_index(r->pack, id);

	if (i < 0)
		return -1;
	*v = r->cells[i].v;
	if (v->raw == NULL)
		v->raw = "";
	return 0;
}

static const char *
api_cell_label(const nb_report *r, const char *id)
{
	long i = nb_pack_cell_index(r->pack, id);

	return i < 0 ? id : r->pack->cells[i].label;
}

static size_t
api_relation_count(const nb_report *r)
{
	return r->pack->nrelations;
}

static const struct nb_relation *
api_relation(const nb_report *r, size_t i)
{
	return i < r->pack->nrelations ? &r->pack->relations[i] : NULL;
}

static const char *
api_option(nb_ctx *ctx, const char *key)
{
	return nb_pack_option(ctx->pack, ctx->plugin->name, key);
}

static int
known_rule(const struct nb_plugin *p, const char *rule)
{
	for (size_t i = 0; i < p->n_rules; i++)
		if (strcmp(p->rules[i].id, rule) == 0)
			return 1;
	return 0;
}

/* The page of a finding is the page of its line, when the input has pages. */
static unsigned
line_page(const struct nb_report *r, unsigned line)
{
	for (size_t i = 0; line != 0 && i < r->doc->nlines; i++)
		if (r->doc->lines[i].lineno == line)
			return r->doc->lines[i].page;
	return 0;
}

static int
api_emit(nb_ctx *ctx, const struct nb_finding *f)
{
	if (ctx->res == NULL || f == NULL || f->rule == NULL ||
	    f->message == NULL || !known_rule(ctx->plugin, f->rule)) {
		ctx->bad_emits++;
		fprintf(stderr, "nianbao: 插件 %s 报告了未声明的规则 %s，已忽略\n",
		    ctx->plugin->name, f && f->rule ? f->rule : "(null)");
		return -1;
	}
	return nb_result_add(ctx->res, ctx->plugin->name, f,
	    line_page(ctx->report, f->line));
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

/* Sum of a relation side; -1 when a cell holds no number. */
static int
side_sum(const nb_report *r, const char *const *ids, size_t n, double *sum)
{
	*sum = 0;
	for (size_t i = 0; i < n; i++) {
		long c = nb_pack_cell_index(r->pack, ids[i]);
		const struct nb_value *v;

		if (c < 0)
			return -1;
		v = &r->cells[c].v;
		if (v->kind != NB_VAL_INT && v->kind != NB_VAL_DECIMAL)
			return -1;
		*sum += v->d;
	}
	return 0;
}

static int
api_relation_check(const nb_report *r, const struct nb_relation *rel,
    double *lhs, double *rhs)
{
	double d;

	if (rel == NULL || side_sum(r, rel->lhs, rel->n_lhs, lhs) == -1 ||
	    side_sum(r, rel->rhs, rel->n_rhs, rhs) == -1)
		return -1;
	/* Amounts in 万元 have two decimals; counts are whole. */
	d = *lhs - *rhs;
	return d < 1e-6 && d > -1e-6;
}

static size_t
api_section_text_offset(const nb_report *r, int n, unsigned line)
{
	if (!valid_section(n))
		return 0;
	return nb_section_offset_of(&r->sec[n], line);
}

static const struct nb_api host_api = {
	.abi_version = NB_ABI_VERSION,
	.struct_size = sizeof(struct nb_api),
	.format = api_format,
	.year = api_year,
	.issuer = api_issuer,
	.title_line = api_title_line,
	.period_line = api_period_line,
	.line_count = api_line_count,
	.line_text = api_line_text,
	.section_line = api_section_line,
	.section_count = api_section_count,
	.section_end = api_section_end,
	.section_text = api_section_text,
	.section_text_line = api_section_text_line,
	.section_order = api_section_order,
	.table_state = api_table_state,
	.table_line = api_table_line,
	.cell_count = api_cell_count,
	.cell_id = api_cell_id,
	.cell = api_cell,
	.cell_label = api_cell_label,
	.relation_count = api_relation_count,
	.relation = api_relation,
	.option = api_option,
	.emit = api_emit,
	.log = api_log,
	.relation_check = api_relation_check,
	.section_text_offset = api_section_text_offset,
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
	if (l->ctx.plugin->init != NULL && l->ctx.plugin->init(&host_api,
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

int
nb_host_run(struct nb_host *h, const struct nb_report *r,
    struct nb_result *res)
{
	static const struct nb_finding failed = {
		.rule = "engine.plugin_failed", .severity = NB_SEV_ERROR,
		.message = "插件检查失败，本报告的检查结果不完整",
	};

	for (size_t i = 0; i < h->n; i++) {
		struct nb_ctx *c = &h->plugins[i].ctx;

		c->report = r;
		c->res = res;
		if (c->plugin->check(&host_api, c, c->state, r) != 0 &&
		    nb_result_add(res, c->plugin->name, &failed, 0) == -1)
			return -1;
		c->report = NULL;
		c->res = NULL;
	}
	return 0;
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
