/*
 * refused.h -- names in incoming/ that the daemon leaves alone (hidden,
 * temporary, in a folder too deep) are logged once each, so a producer
 * learns why a report was not checked without a line per event.
 */
#ifndef NBD_REFUSED_H
#define NBD_REFUSED_H

struct refused;

struct refused	*refused_new(void);
void		 refused_free(struct refused *r);
/*
 * Logs why incoming/[origin/]name is not taken, the first time it is
 * seen; dir says it is a folder.  Temporary names are told they wait.
 */
void		 refused_note(struct refused *r, const char *origin,
		    const char *name, int dir);

#endif
