/*
 * host_priv.h -- the plugin host's own structures, shared by host.c
 * (loading, the model accessors) and host_run.c (running checks, the
 * services every api table shares).  Not for anyone else.
 */
#ifndef NB_HOST_PRIV_H
#define NB_HOST_PRIV_H

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
	int		 fd;		/* the checked file, loaded by its fd */
	char		*path;
	struct nb_ctx	 ctx;
};

struct nb_host {
	struct nb_loaded plugins[NB_MAX_PLUGINS];
	size_t		 n;
};

#endif
