/*
 * options.h -- a plugin option of the rule pack that lists cell ids
 * ("plugins": {"sums": {"not_counts": "t2.license.change …"}}): what a
 * format's pack says about its cells that the ids alone do not.  sums'
 * "not_counts" are cells that may be negative or fractions (the 2019
 * format's 本年增/减 and 采购总金额).
 * Header-only, so each plugin stays one self-contained .so.
 */
#ifndef NB_PLUGIN_OPTIONS_H
#define NB_PLUGIN_OPTIONS_H

#include <string.h>

#include <nianbao/plugin.h>

/* Is id one of the space-separated ids of option opt? */
static inline int
option_lists(const struct nb_api *api, nb_ctx *ctx, const char *opt,
    const char *id)
{
	const char *l = api->option(ctx, opt), *p;
	size_t n = strlen(id);

	for (p = l; p != NULL && n > 0 && (p = strstr(p, id)) != NULL; p += n)
		if ((p == l || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

#endif
