/*
 * trust.h -- whether code on disk may be loaded (see trust.c): the one
 * check every dlopen() of the programs goes through.
 */
#ifndef NB_TRUST_H
#define NB_TRUST_H

#include <stddef.h>

#include "error.h"

/*
 * Opens path when it and every folder above it can be changed only by
 * root or the effective user; returns the descriptor to load (by
 * nb_trust_fd_path), or -1 with the file and the reason in err.
 */
int	nb_trust_open(const char *path, struct nb_error *err);
/* "/proc/self/fd/N": the name under which dlopen() loads fd itself. */
int	nb_trust_fd_path(int fd, char *buf, size_t len);

#endif
