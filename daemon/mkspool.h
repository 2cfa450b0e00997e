/*
 * mkspool.h -- the folders above the spool root: made at start-up, and
 * checked by -t, so that a fresh prefix works on the first start.
 */
#ifndef NBD_MKSPOOL_H
#define NBD_MKSPOOL_H

#include <stddef.h>

/* Creates the missing parents of root (mode 0755); 0, or -1 with err. */
int	mkspool_parents(const char *root, char *err, size_t len);

/*
 * Whether root exists (1), can be made by this user (0, with a note in
 * err), or cannot (-1, with the reason in err).
 */
int	mkspool_check(const char *root, char *err, size_t len);

#endif
