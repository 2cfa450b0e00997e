/*
 * confine.h -- the bounds of a worker (confine.c).
 */
#ifndef NBD_CONFINE_H
#define NBD_CONFINE_H

#include <sys/types.h>

#include <stddef.h>

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN	1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN	0
#endif

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

/* Whom workers run as. */
struct confine_id {
	int	 drop;		/* started as root: become uid/gid */
	uid_t	 uid;
	gid_t	 gid;
};

/* The daemon: fills id (drop = 0 unless we are root); -1 with a reason
 * when root has no user to give its workers. */
int		confine_user(const char *user, struct confine_id *id,
		    char *err, size_t len);
/* The forked worker, before exec: become that user for good; _exit on
 * failure. */
void		confine_drop(const struct confine_id *id);

#endif
