/*
 * host.h -- the plugin host: loading rule plugins (dlopen), checking their
 * ABI, giving them the model through struct nb_api, collecting findings.
 */
#ifndef NB_HOST_H
#define NB_HOST_H

#include <stddef.h>

#include <nianbao/plugin.h>

#include "error.h"
#include "model.h"
#include "nianbao.h"
#include "pack.h"

struct nb_host;

/*
 * Loads plugins from dir: the named ones (dir/<name>.so), or every *.so in
 * dir (in name order) when names is NULL.  A missing file, a file that is
 * not a plugin, a plugin built for another ABI major, a duplicate name or
 * a failing init() is an error naming the file and the reason.
 */
struct nb_host	*nb_host_load(const char *dir, const char *const *names,
		    size_t nnames, const struct nb_pack *pack,
		    struct nb_error *err);
void		 nb_host_free(struct nb_host *h);
/* The pack whose options and rule settings the plugins see from now on
 * (a province's; the one given to nb_host_load() at first). */
void		 nb_host_use_pack(struct nb_host *h, const struct nb_pack *pack);

/* The table given to init() and check(); its history members are NULL. */
extern const struct nb_api nb_host_api;

/* Runs every plugin on the report, adding findings to res.  A plugin whose
 * check() fails adds an engine.plugin_failed finding; the others go on. */
int		 nb_host_run(struct nb_host *h, const struct nb_report *r,
		    struct nb_result *res);

/* Runs check_history() of every plugin that has one (ABI 1.1), with api
 * (cross.c) on r, which is whatever api's accessors take. */
int		 nb_host_run_history(struct nb_host *h,
		    const struct nb_api *api, const nb_report *r,
		    struct nb_result *res);
int		 nb_host_has_history(const struct nb_host *h);

/* Services shared by every api table: add a finding of the plugin (its
 * rule must be declared), the result being filled, the plugin's option. */
int		 nb_ctx_add(nb_ctx *ctx, const struct nb_finding *f,
		    const struct nb_doc *doc);
struct nb_result *nb_ctx_result(nb_ctx *ctx);
const char	*nb_ctx_option(nb_ctx *ctx, const char *key);

size_t		 nb_host_plugin_count(const struct nb_host *h);
const struct nb_plugin *nb_host_plugin(const struct nb_host *h, size_t i);

/* result.c: building a result. */
struct nb_result *nb_result_new(const char *file);
/* Appends a copy of f, attributed to plugin; its line (a line of doc,
 * NULL for findings about no line) becomes page and line on the page. */
int		 nb_result_add(struct nb_result *res, const char *plugin,
		    const struct nb_finding *f, const struct nb_doc *doc);
/* Keeps how every table and cell of r was read, for the JSON record. */
int		 nb_result_set_model(struct nb_result *res,
		    const struct nb_report *r);
int		 nb_result_set_issuer(struct nb_result *res, const char *issuer);
void		 nb_result_sort(struct nb_result *res);
int		 nb_result_relate(struct nb_result *res, nb_handle h);
int		 nb_result_mark(struct nb_result *res, int section,
		    size_t off, size_t len);

/* capture.c: what the history store keeps of the report, read through
 * the api table (cells, narrative above the tables, publication date). */
int		 nb_capture(const struct nb_api *api, const nb_report *r,
		    struct nb_result *res);

#endif
