/*
 * certain.h -- is a cell read with certainty?  The one test every plugin
 * applies before raising an error from a number (ABI 1.1 cell_info).
 * Header-only, so each plugin stays one self-contained .so.
 */
#ifndef NB_PLUGIN_CERTAIN_H
#define NB_PLUGIN_CERTAIN_H

#include <nianbao/plugin.h>

/* A host older than ABI 1.1 cannot say: its cells are taken as read. */
static inline int
cell_certain(const struct nb_api *api, const nb_report *r, const char *id)
{
	struct nb_cell_info info;

	if (!NB_API_HAS(api, cell_info))
		return 1;
	return api->cell_info(r, id, &info) == 0 &&
	    info.confidence >= NB_CONF_CERTAIN;
}

#endif
