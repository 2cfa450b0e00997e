/*
 * cross.h -- the stage of checks across reports: the plugins' ABI 1.2
 * check_history() on a checked result (cells, narrative, identity) with
 * the history that the caller's store gives through struct nb_history.
 *
 * libnianbao does not know the store: store/history.c fills this table
 * from an open store; the daemon's parent and `nianbao check --store`
 * run the stage, never the sandboxed worker.
 */
#ifndef NB_CROSS_H
#define NB_CROSS_H

#include <stddef.h>
#include <stdint.h>

#include <nianbao/plugin.h>

#include "host.h"
#include "nianbao.h"
#include "pack.h"

/* Each call as the ABI 1.2 member of struct nb_api of the same name;
 * res is the report being checked, arg the caller's. */
struct nb_history {
	void	*arg;
	size_t	(*related)(void *arg, const struct nb_result *res,
		    enum nb_related kind, nb_handle *h, size_t max);
	size_t	(*similar)(void *arg, const struct nb_result *res,
		    const uint64_t *keys, size_t nkeys, nb_handle *h,
		    size_t max);
	const char *(*issuer)(void *arg, nb_handle h);
	int	(*year)(void *arg, nb_handle h);
	int	(*cell)(void *arg, nb_handle h, const char *id,
		    struct nb_value *v);
	const char *(*text)(void *arg, nb_handle h, int n);
	const char *(*attr)(void *arg, const struct nb_result *res,
		    nb_handle h, const char *key);
};

int	 nb_cross_run(struct nb_host *h, const struct nb_pack *pack,
	    struct nb_result *res, const struct nb_history *hist);

#endif
