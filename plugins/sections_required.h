/* sections_required.h -- sections.required_text (sections_required.c). */
#ifndef NB_SECTIONS_REQUIRED_H
#define NB_SECTIONS_REQUIRED_H

#include <nianbao/plugin.h>

/* Emits a finding per requirement of the rule pack that r does not meet. */
int	sections_required(const struct nb_api *api, nb_ctx *ctx,
	    const nb_report *r);

#endif
