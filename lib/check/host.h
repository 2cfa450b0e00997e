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

/* Runs every plugin on the report, adding findings to res.  A plugin whose
 * check() fails adds an engine.plugin_failed finding; the others go on. */
int		 nb_host_run(struct nb_host *h, const struct nb_report *r,
		    struct nb_result *res);

size_t		 nb_host_plugin_count(const struct nb_host *h);
const struct nb_plugin *nb_host_plugin(const struct nb_host *h, size_t i);

/* result.c: building a result. */
struct nb_result *nb_result_new(const char *file);
/* Appends a copy of f, attributed to plugin. */
int		 nb_result_add(struct nb_result *res, const char *plugin,
		    const struct nb_finding *f, unsigned page);
int		 nb_result_set_issuer(struct nb_result *res, const char *issuer);
void		 nb_result_sort(struct nb_result *res);

#endif
