/*
 * settle.h -- files renamed into incoming/ are taken a moment later, not
 * at once: mv(1) moving many files looks at each one again right after
 * its rename (to remember it), and a file already taken makes it print
 * "cannot stat" although nothing went wrong.
 */
#ifndef NBD_SETTLE_H
#define NBD_SETTLE_H

struct event_base;
struct job;
struct nbd;
struct settle;

/* How long a renamed file is left where it is before it is taken. */
#define SETTLE_MOVE_MS	100

struct settle	*settle_new(struct nbd *d, struct event_base *base);
void		 settle_free(struct settle *s);
/* Takes incoming/[origin/]name (nbd_found) in SETTLE_MOVE_MS; 0 or -1. */
int		 settle_add(struct settle *s, const char *origin,
		    const char *name);
/* A job begun early for the oldest file not yet looked at (early.h), or
 * NULL: the rest are claimed when due. */
struct job	*settle_begin_next(struct settle *s);
/* No renamed file is waiting to be taken. */
int		 settle_idle(const struct settle *s);

#endif
