/*
 * confine.h -- the bounds of a worker (confine.c).
 */
#ifndef NBD_CONFINE_H
#define NBD_CONFINE_H

#include <stddef.h>

struct nbd_conf;

/* The daemon: each worker's memory limit in bytes (0: off), and how it
 * was chosen, for the log. */
long long	confine_memory_limit(const struct nbd_conf *c, char *how,
		    size_t len);
/* The worker: applies it (RLIMIT_DATA) before loading plugins. */
int		confine_apply_memory(long long limit);
long long	confine_worker_limit(void);
/* The worker: more likely than the daemon to be chosen by the OOM killer. */
void		confine_oom_score(void);
/* Async-signal-safe: the worker is at its memory limit. */
int		confine_near_limit(void);

#endif
