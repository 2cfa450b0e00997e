/*
 * sandbox.h -- a worker's system call filter (sandbox.c).
 */
#ifndef NBD_SANDBOX_H
#define NBD_SANDBOX_H

#include <stddef.h>

/* In the worker, before any plugin is loaded; -1 with a reason in err. */
int	sandbox_apply(char *err, size_t len);
/* client: socket() and connect() allowed (the history stage talking to
 * PostgreSQL). */
int	sandbox_apply_as(int client, char *err, size_t len);

#endif
