/*
 * engine_init.h -- the engine a worker or the history stage opens, made
 * from the daemon's init message: the rule pack, the plugins and their
 * options from nianbaod.conf, the size limit, and the province packs of
 * the origins table.  One place, so that both processes check with the
 * same rules.
 */
#ifndef NBD_ENGINE_INIT_H
#define NBD_ENGINE_INIT_H

#include <jansson.h>

#include "nianbao.h"

#define NB_MAX_PROVINCES	64

struct engine_init {
	struct nb_engine_conf	 conf;	/* borrows from init and the fields */
	const char		*provinces[NB_MAX_PROVINCES];
	const char		**names;	/* owned */
};

/* Fills ei from init (which must outlive it).  0, or -1 with err. */
int	engine_init_conf(struct engine_init *ei, const json_t *init,
	    struct nb_error *err);
void	engine_init_free(struct engine_init *ei);

#endif
