/*
 * trust.h -- whether code on disk may be loaded (see trust.c): the one
 * check every dlopen() of the programs goes through.
 */
#ifndef NB_TRUST_H
#define NB_TRUST_H

#include <limits.h>
#include <stddef.h>

#include "error.h"

/*
 * Opens path when it and every folder above it can be changed only by
 * root or the effective user; returns the descriptor to load (by
 * nb_trust_fd_path), or -1 with the file and the reason in err.
 */
int	nb_trust_open(const char *path, struct nb_error *err);

/*
 * The folder the last file opened by nb_trust_open_in was in, as given
 * and as resolved, both chains already checked: the next file of the
 * same folder (the plugins of one directory, loaded one after another)
 * costs an lstat, an open and an fstat instead of some twenty system
 * calls.  Zeroed by the caller before the first file; it lives as long
 * as the loading does, never longer.
 */
struct nb_trust_memo {
	char	given[PATH_MAX];	/* "" until a folder has passed */
	char	real[PATH_MAX];		/* "" unless known */
};

/* nb_trust_open, remembering in memo (or not, if NULL). */
int	nb_trust_open_in(const char *path, struct nb_trust_memo *memo,
	    struct nb_error *err);
/* "/proc/self/fd/N": the name under which dlopen() loads fd itself. */
int	nb_trust_fd_path(int fd, char *buf, size_t len);

#endif
