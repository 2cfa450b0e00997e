/*
 * related.h -- what the plugins of checks across reports share: a finding
 * together with the other stored reports behind it (ABI 1.2 relate).
 * Header-only, so each plugin stays one self-contained .so.
 */
#ifndef NB_PLUGIN_RELATED_H
#define NB_PLUGIN_RELATED_H

#include <stddef.h>

#include <nianbao/plugin.h>

/* Emits f, then relates it to each of the n reports h. */
static inline int
emit_related(const struct nb_api *api, nb_ctx *ctx,
    const struct nb_finding *f, const nb_handle *h, size_t n)
{
	if (api->emit(ctx, f) == -1)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (api->relate(ctx, h[i]) == -1)
			return -1;
	return 0;
}

#endif
