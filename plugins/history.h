/*
 * history.h -- the parts of the history plugin (history.c: carry-over,
 * effective counts, jumps, duplicates; history_copy.c: copied
 * narratives).
 */
#ifndef NB_PLUGIN_HISTORY_H
#define NB_PLUGIN_HISTORY_H

#include <nianbao/plugin.h>

/* An option of the rule pack as a number, def when unset or bad. */
double	 history_option(const struct nb_api *api, nb_ctx *ctx,
	    const char *key, double def);
int	 history_copy(const struct nb_api *api, nb_ctx *ctx,
	    const nb_report *r);

#endif
