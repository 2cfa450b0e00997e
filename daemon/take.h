/*
 * take.h -- whether a file found in incoming/ may be claimed now (take.c).
 */
#ifndef NBD_TAKE_H
#define NBD_TAKE_H

#include <sys/stat.h>

struct spool;

enum take {
	TAKE_GONE,		/* not there (claimed already), or a folder */
	TAKE_BUSY,		/* open by another process: ask again later */
	TAKE_OK,		/* a regular file with one link, no writer */
	TAKE_REFUSE		/* claim it, and fail it with the reason */
};

struct take_probe {
	struct stat	 st;
	int		 fd;		/* holds the lease until take_done() */
	char		 reason[256];
};

/*
 * Looks at incoming/origin/name (beneath incoming/, never through a
 * symlink).  A regular file is opened and a write lease taken, which
 * succeeds only when no other process has the file open: the proof that
 * no writer is still at it, which a settle time is not.  The lease is
 * held until take_done(), so the claim happens before anyone reopens it.
 */
enum take	take_probe(struct spool *sp, const char *origin,
		    const char *name, struct take_probe *p);
void		take_done(struct take_probe *p);
/* The descriptor, for reading, without the lease (take_done() unneeded). */
int		take_keep(struct take_probe *p);

#endif
