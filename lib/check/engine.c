/*
 * engine.c -- rule pack + plugins = an engine; input = findings.
 *
 * The one-way flow lives here: bytes (nb_read_file) -> document
 * (nb_ingest) -> model (nb_report_build) -> findings (nb_host_run).
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "cross.h"
#include "doc.h"
#include "engine_packs.h"
#include "host.h"
#include "model.h"
#include "nianbao.h"
#include "pack.h"

/* Rules the engine itself reports, outside any plugin. */
static const struct nb_rule builtin_rules[] = {
	{ "engine.plugin_failed", NB_SEV_ERROR,
	  "插件在检查本报告时失败，检查结果不完整" },
	{ "ingest.no_text", NB_SEV_ERROR,
	  "文件中没有可提取的文字（可能是扫描件），无法检查" },
	{ "daemon.check_failed", NB_SEV_ERROR,
	  "检查进程崩溃或超时，报告已移入 failed/ 目录" },
	/* Inputs that cannot be checked at all (exit 3, the record's
	 * error_rule): nb_error_rule(). */
	{ "ingest.empty", NB_SEV_ERROR, "文件为空（0 字节或只有空白），无法检查" },
	{ "ingest.unreadable", NB_SEV_ERROR, "无法打开或读取文件" },
	{ "ingest.too_big", NB_SEV_ERROR, "文件超过大小、页数或解压后大小的上限" },
	{ "ingest.encoding", NB_SEV_ERROR, "文字编码无法识别或解码" },
	{ "ingest.format", NB_SEV_ERROR, "文件类型不受支持或文件已损坏" },
};
#define NBUILTIN (sizeof(builtin_rules) / sizeof(builtin_rules[0]))

struct nb_engine {
	struct nb_packs	*packs;
	struct nb_pack	*pack;		/* the one in use, of packs */
	struct nb_host	*host;
	struct nb_limits limits;
	int		 history;	/* conf->history */
	/* Nettle's SHA-256, opened only when history is kept. */
	void		(*sha_init)(struct sha256_ctx *);
	void		(*sha_update)(struct sha256_ctx *, size_t,
			    const uint8_t *);
	void		(*sha_digest)(struct sha256_ctx *, size_t, uint8_t *);
};

static int
is_builtin(const void *arg, const char *rule)
{
	(void)arg;
	for (size_t i = 0; i < NBUILTIN; i++)
		if (strcmp(builtin_rules[i].id, rule) == 0)
			return 1;
	return 0;
}

static int
is_rule(const void *arg, const char *rule)
{
	const struct nb_engine *e = arg;

	for (size_t i = 0; i < NBUILTIN; i++)
		if (strcmp(builtin_rules[i].id, rule) == 0)
			return 1;
	for (size_t p = 0; p < nb_host_plugin_count(e->host); p++) {
		const struct nb_plugin *pl = nb_host_plugin(e->host, p);

		for (size_t i = 0; i < pl->n_rules; i++)
			if (strcmp(pl->rules[i].id, rule) == 0)
				return 1;
	}
	return 0;
}

static int
is_plugin(const void *arg, const char *name, size_t len)
{
	const struct nb_engine *e = arg;

	for (size_t i = 0; i < nb_host_plugin_count(e->host); i++) {
		const char *n = nb_host_plugin(e->host, i)->name;
		if (strlen(n) == len && strncmp(n, name, len) == 0)
			return 1;
	}
	return 0;
}

/*
 * The history store tells a report received twice by its SHA-256:
 * nettle's (libnettle8: small, no dependency but libc) rather than
 * libglib's, and opened by its soname only by an engine that keeps
 * history, so that a check without a store neither maps nor relocates it
 * (its 465 symbol bindings).  dlopen() keeps the one copy; never closed.
 */
static int
sha_open(struct nb_engine *e, struct nb_error *err)
{
	void *dl;

	if ((dl = dlopen(NB_NETTLE_SO, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return nb_fail(err, NB_ERR_CONFIG, "无法加载 %s：%s",
		    NB_NETTLE_SO, dlerror());
	*(void **)&e->sha_init = dlsym(dl, "nettle_sha256_init");
	*(void **)&e->sha_update = dlsym(dl, "nettle_sha256_update");
	*(void **)&e->sha_digest = dlsym(dl, "nettle_sha256_digest");
	if (e->sha_init == NULL || e->sha_update == NULL ||
	    e->sha_digest == NULL)
		return nb_fail(err, NB_ERR_CONFIG, "%s 中没有 SHA-256 函数",
		    NB_NETTLE_SO);
	return 0;
}

int
nb_engine_open(const struct nb_engine_conf *conf, struct nb_engine **out,
    struct nb_error *err)
{
	struct nb_engine *e;
	struct nb_packs_rules known = { .is_rule = is_rule,
	    .is_builtin = is_builtin, .is_plugin = is_plugin,
	    .all_loaded = conf->plugins == NULL };

	*out = NULL;
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return nb_fail(err, NB_ERR_NOMEM, "内存不足");
	e->limits = conf->limits;
	known.arg = e;
	e->history = conf->history;
	if ((e->packs = nb_packs_load(conf, err)) == NULL ||
	    (e->pack = nb_packs_get(e->packs, NULL)) == NULL ||
	    (e->host = nb_host_load(conf->plugin_dir, conf->plugins,
	    conf->nplugins, e->pack, err)) == NULL ||
	    nb_packs_check_rules(e->packs, &known, err) == -1 ||
	    (e->history && sha_open(e, err) == -1)) {
		nb_engine_close(e);
		return -1;
	}
	*out = e;
	return 0;
}

void
nb_engine_close(struct nb_engine *e)
{
	if (e == NULL)
		return;
	nb_host_free(e->host);
	nb_packs_free(e->packs);
	free(e);
}

int
nb_engine_use(struct nb_engine *e, const char *province, struct nb_error *err)
{
	struct nb_pack *p = nb_packs_get(e->packs, province);

	if (p == NULL)
		return nb_fail(err, NB_ERR_CONFIG, "未加载省级规则包 \"%s\"",
		    province);
	e->pack = p;
	nb_host_use_pack(e->host, p);
	return 0;
}

int
nb_engine_rule_setting(const struct nb_engine *e, size_t i,
    enum nb_severity *sev)
{
	const struct nb_rule *r = nb_engine_rule(e, i);

	if (r == NULL || i < NBUILTIN)
		return 0;
	return nb_pack_rule_control(e->pack, r->id, sev);
}

size_t
nb_engine_rule_count(const struct nb_engine *e)
{
	size_t n = NBUILTIN;

	for (size_t i = 0; i < nb_host_plugin_count(e->host); i++)
		n += nb_host_plugin(e->host, i)->n_rules;
	return n;
}

/* The i-th rule and, if plugin is not NULL, the name of its plugin. */
static const struct nb_rule *
rule_at(const struct nb_engine *e, size_t i, const char **plugin)
{
	if (i < NBUILTIN) {
		if (plugin)
			*plugin = "engine";
		return &builtin_rules[i];
	}
	i -= NBUILTIN;
	for (size_t p = 0; p < nb_host_plugin_count(e->host); p++) {
		const struct nb_plugin *pl = nb_host_plugin(e->host, p);
		if (i < pl->n_rules) {
			if (plugin)
				*plugin = pl->name;
			return &pl->rules[i];
		}
		i -= pl->n_rules;
	}
	return NULL;
}

const struct nb_rule *
nb_engine_rule(const struct nb_engine *e, size_t i)
{
	return rule_at(e, i, NULL);
}

const char *
nb_engine_rule_plugin(const struct nb_engine *e, size_t i)
{
	const char *p = NULL;

	return rule_at(e, i, &p) ? p : NULL;
}

static int
add_builtin(struct nb_result *res, const char *rule, const char *msg)
{
	struct nb_finding f = { .rule = rule, .severity = NB_SEV_ERROR,
	    .message = msg };

	return nb_result_add(res, "engine", &f, NULL);
}

/* Model and plugins for one document; the result takes the document. */
static int
check_doc(struct nb_engine *e, struct nb_doc *doc, struct nb_result *res,
    struct nb_error *err)
{
	struct nb_report *r;

	res->doc = doc;
	res->kind = doc->kind;
	res->encoding = doc->encoding;
	if (doc->no_text)
		return add_builtin(res, "ingest.no_text",
		    "文件中没有可提取的文字（可能是扫描件），请提供文字版 PDF、"
		    "Word 或网页文件");
	if ((r = nb_report_build(doc, e->pack, err)) == NULL)
		return -1;
	/* The first report of a format whose pack a lazy engine has not
	 * loaded: loaded now, the model built again. */
	if (r->pack_pending) {
		enum nb_format f = r->format;

		nb_report_free(r);
		if (nb_packs_load_format(e->packs, e->pack, f, err) == -1) {
			char inner[sizeof(err->msg)];

			snprintf(inner, sizeof(inner), "%s", err->msg);
			return nb_fail(err, NB_ERR_CONFIG, "%s: 读取这一格式的"
			    "报告所需的规则包有误：%s", doc->name, inner);
		}
		if ((r = nb_report_build(doc, e->pack, err)) == NULL)
			return -1;
	}
	res->format = r->format;
	res->year = r->year;
	if (nb_result_set_issuer(res, r->issuer) == -1 ||
	    nb_result_set_model(res, r) == -1 ||
	    nb_host_run(e->host, r, res) == -1 ||
	    (e->history && nb_capture(&nb_host_api, r, res) == -1)) {
		nb_report_free(r);
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", doc->name);
	}
	nb_report_free(r);
	nb_result_sort(res);
	return 0;
}

/* The SHA-256 of buf in hex (sha_open()'s functions). */
static int
sha256_hex(const struct nb_engine *e, const char *buf, size_t len,
    char out[65])
{
	static const char hexd[] = "0123456789abcdef";
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];

	e->sha_init(&ctx);
	e->sha_update(&ctx, len, (const uint8_t *)buf);
	e->sha_digest(&ctx, sizeof(d), d);
	for (size_t i = 0; i < sizeof(d); i++) {
		out[2 * i] = hexd[d[i] >> 4];
		out[2 * i + 1] = hexd[d[i] & 15];
	}
	out[64] = '\0';
	return 0;
}

/*
 * Checks buf; with owned, buf is the caller's to give up (nb_read_fd()'s,
 * NUL after it): freed as soon as the document is made, or become the
 * text document's own lines, so that a large input is not held twice.
 */
static int
check_bytes(struct nb_engine *e, const char *name, char *buf, size_t len,
    int owned, struct nb_result **out, struct nb_error *err)
{
	struct nb_result *res;
	struct nb_doc *doc;

	char sha[65] = "";

	*out = NULL;
	/* The digest first: an owned buffer is gone once the document is. */
	if (e->history && sha256_hex(e, buf, len, sha) == -1) {
		if (owned)
			free(buf);
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
	}
	doc = owned ? nb_ingest_owned(name, buf, len, &e->limits, err) :
	    nb_ingest(name, buf, len, &e->limits, err);
	if (doc == NULL)
		return -1;
	if ((res = nb_result_new(name)) == NULL) {
		nb_doc_free(doc);
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", name);
	}
	memcpy(res->sha256, sha, sizeof(sha));
	if (check_doc(e, doc, res, err) == -1) {
		nb_result_free(res);
		return -1;
	}
	*out = res;
	return 0;
}

int
nb_check_buffer(struct nb_engine *e, const char *name, const char *buf,
    size_t len, struct nb_result **out, struct nb_error *err)
{
	return check_bytes(e, name, (char *)buf, len, 0, out, err);
}

int
nb_check_owned(struct nb_engine *e, const char *name, char *buf, size_t len,
    struct nb_result **out, struct nb_error *err)
{
	return check_bytes(e, name, buf, len, 1, out, err);
}

int
nb_check_file(struct nb_engine *e, const char *path, struct nb_result **out,
    struct nb_error *err)
{
	char *buf;
	size_t len;
	int rc;

	*out = NULL;
	if (nb_read_file(path, &e->limits, &buf, &len, err) == -1)
		return -1;
	rc = check_bytes(e, path, buf, len, 1, out, err);
	return rc;
}

int
nb_engine_has_history(const struct nb_engine *e)
{
	return nb_host_has_history(e->host);
}

int
nb_check_history(struct nb_engine *e, struct nb_result *res,
    const struct nb_history *hist, struct nb_error *err)
{
	if (nb_cross_run(e->host, e->pack, res, hist) == -1)
		return nb_fail(err, NB_ERR_NOMEM, "%s: 内存不足", res->file);
	nb_result_sort(res);
	return 0;
}
